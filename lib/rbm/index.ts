/**
 * lib/rbm: restricted Boltzmann machines (binary, spin and Gaussian-binary units), their
 * conditionals, samplers and free energies, exact evaluation by enumeration, and a small general
 * Boltzmann machine. See docs/rbm.md.
 */
export * from './binary.js';
export * from './spin.js';
export * from './gaussian.js';
export * from './init.js';
export * from './exact.js';
export * from './boltzmann-machine.js';
export * from './train.js';
export * from './schedule.js';
export * from './io.js';
export * from './ais.js';
export * from './evaluate.js';
export * from './tutorial.js';
