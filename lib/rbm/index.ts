/**
 * lib/rbm: restricted Boltzmann machines (binary, spin and Gaussian-binary units), their
 * conditionals, samplers and free energies, the phase statistics and CD/PCD training, exact
 * evaluation by enumeration, save/load, and a small general Boltzmann machine. See docs/rbm.md.
 *
 * The public names are listed here file by file. Everything else the files export (the
 * `...Unchecked` kernels the training loop calls, scratch buffers, argument checks in
 * validate.ts, the resolved training options) is internal to the library.
 */
export { RBMBase, type RBM, type RBMKind } from './model.js';
export { BernoulliRBM } from './binary.js';
export { SpinRBM, spinToBernoulli, bernoulliToSpin, spinEnergyOffset } from './spin.js';
export { GaussianBernoulliRBM, type GaussianBernoulliOptions } from './gaussian.js';
export {
  initVisibleBiasFromData,
  type RBMInit, type RBMInitScheme, type RBMExplicitInit,
} from './init.js';
export { energy, logJointUnnormalized, freeEnergy } from './energy.js';
export { hiddenInput, hiddenProbabilities, hiddenMeans, visibleInput, visibleProbabilities, visibleMean } from './conditionals.js';
export {
  sampleHiddenFromProbabilities, sampleVisibleFromProbabilities, sampleHiddenGivenVisible, sampleVisibleGivenHidden,
  gibbsStep, blockGibbs,
} from './sampling.js';
export { phaseStatistics, cdUpdate, createRBMGradient, type RBMGradient } from './gradient.js';
export * from './exact.js';
export * from './boltzmann-machine.js';
export {
  trainRBM, contrastiveDivergence, persistentContrastiveDivergence, binarizeData, reconstructionError, type TrainResult,
} from './train.js';
export {
  type TrainOptions, type EpochMetrics, type TrainingMethod, type HiddenStatistics, type BinarizeMode, type OptimizerName,
  type EvaluateMode,
} from './train-options.js';
export * from './schedule.js';
export {
  saveRBM, loadRBM,
} from './io.js';
export { logPartitionAIS, aisSchedule, aisEstimate, logPartitionBase, type AISOptions, type AISResult } from './ais.js';
export { averageLogLikelihood, pseudoLogLikelihood, freeEnergyGap, type FreeEnergyGap } from './evaluate.js';
export { tutorialPreset, type TutorialPreset } from './tutorial.js';
export { type ProductPool, type ThreadTeam } from './products.js';
