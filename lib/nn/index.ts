/**
 * lib/nn: feed-forward networks with manual back-propagation — dense layers, activations and
 * losses as paired forward/backward kernels, the MLP that chains them, initialization, one
 * training step, and a finite-difference gradient check. See docs/nn.md.
 */
export {
  type NNMatrix, type NNVector, type VectorOf, type Precision, type Activation, type DenseLayer, type MLP, type MLPGradient,
} from './model.js';
export * from './activations.js';
export * from './dense.js';
export * from './losses.js';
export {
  initWeights, type InitScheme,
} from './init.js';
export {
  createMLP, mlpParameterCount, mlpParameters, createGradient, gradientArrays, MLPWorkspace, createWorkspace, mlpForward, mlpBackward, mlpPredict, type MLPOptions,
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
