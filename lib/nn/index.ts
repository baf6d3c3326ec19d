/**
 * lib/nn: feed-forward networks with manual back-propagation — dense layers, activations and
 * losses as paired forward/backward kernels, the MLP that chains them, initialization, one
 * training step, and a finite-difference gradient check. See docs/nn.md.
 */
export * from './model.js';
export * from './activations.js';
export * from './dense.js';
export * from './losses.js';
export * from './init.js';
export * from './mlp.js';
export * from './train-step.js';
export * from './gradcheck.js';
export * from './scalar.js';
export * from './value.js';
export * from './io.js';
export * from './train.js';
