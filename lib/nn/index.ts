/**
 * lib/nn: feed-forward networks with manual back-propagation — dense layers, activations and
 * losses as paired forward/backward kernels, the MLP that chains them, initialization, one
 * training step, and a finite-difference gradient check. See docs/nn.md.
 *
 * Files whose kernels the library's own loops call unchecked (activations, dense, losses, mlp,
 * train-step) are listed name by name: their `...Unchecked` forms and shared checks are internal.
 */
export {
  type NNMatrix, type NNVector, type VectorOf, type Precision, type Activation, type DenseLayer, type MLP, type MLPGradient,
} from './model.js';
export {
  identityForward, identityBackward, sigmoidForward, sigmoidBackward, tanhForward, tanhBackward,
  reluForward, reluBackward, leakyReluForward, leakyReluBackward, softmaxForward, softmaxBackward,
  activationForward, activationBackward,
} from './activations.js';
export { denseForward, denseBackward, type GemmFunction } from './dense.js';
export {
  mseForward, mseBackward, bceWithLogitsForward, bceWithLogitsBackward, softmaxCrossEntropyForward,
  softmaxCrossEntropyBackward, lossForward, lossBackward, oneHot, type LossName,
} from './losses.js';
export {
  initWeights, type InitScheme,
} from './init.js';
export {
  createMLP, mlpParameterCount, mlpParameters, createGradient, gradientArrays, MLPWorkspace,
  createWorkspace, mlpForward, mlpBackward, mlpPredict, type MLPOptions,
} from './mlp.js';
export {
  trainStep, type TrainStepOptions,
} from './train-step.js';
export * from './gradcheck.js';
export * from './scalar.js';
export * from './value.js';
export {
  saveMLP, loadMLP,
} from './io.js';
export * from './train.js';
