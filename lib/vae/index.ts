/**
 * The variational autoencoder and the plain autoencoder (notes 004), with manual
 * back-propagation through the sampling step. Re-exports only; the `...Unchecked` kernels that
 * the training and evaluation loops call are internal (listed name by name below to leave them out).
 */
export {
  klDiagonalGaussianToStandard, klDiagonalGaussianToStandardBackward, reparameterizeForward, reparameterizeBackward,
  logNormalDiagonal, klGaussians,
} from './gaussian.js';
export {
  bernoulliNegLogLikelihood, bernoulliNegLogLikelihoodBackward, gaussianNegLogLikelihood, gaussianNegLogLikelihoodBackward,
} from './likelihood.js';
export * from './linear-gaussian.js';
export {
  VAE, VAEGradient, VAEWorkspace, vaeEncode, vaeDecode, vaeForward, vaeBackward, vaeLoss,
  type VAELikelihood, type VAEInit, type VAEOptions, type VAELossTerms,
} from './model.js';
export * from './evaluate.js';
export * from './train.js';
export * from './autoencoder.js';
export {
  saveVAE, loadVAE,
} from './io.js';
