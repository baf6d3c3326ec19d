/**
 * The variational autoencoder and the plain autoencoder (notes 004), with manual
 * back-propagation through the sampling step. Re-exports only.
 */
export * from './gaussian.js';
export * from './likelihood.js';
export * from './linear-gaussian.js';
export * from './model.js';
export * from './evaluate.js';
export * from './train.js';
export * from './autoencoder.js';
export {
  saveVAE, loadVAE,
} from './io.js';
