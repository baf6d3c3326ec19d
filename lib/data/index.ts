/**
 * lib/data: small data sets for the models (the tutorial's toy; bars-and-stripes) and the IDX
 * file reader (MNIST's format; the files themselves are loaded by loadMnist in 'boltzmann/node').
 */
export * from './toy.js';
export * from './bars-stripes.js';
export * from './idx.js';
export * from './quadratic.js';
