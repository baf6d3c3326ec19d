/**
 * lib/optim — gradient-descent optimizers shared by every model: in-place steps over
 * parameter/gradient arrays (SGD, momentum, Adagrad, RMSprop, Adam), optimizer objects that keep
 * the per-array state, an L2 weight-decay helper and seeded mini-batches. See docs/optim.md.
 */
export * from './steps.js';
export * from './optimizers.js';
export * from './batches.js';
