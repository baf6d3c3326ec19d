/**
 * boltzmann — the browser-safe entry point (`import { Rng, gemm } from 'boltzmann'`).
 * Re-exports only; nothing under this entry imports a Node built-in. Node-only helpers
 * (files, threads, MNIST) live in `boltzmann/node` (lib/node.ts).
 */
export * from './random/index.js';
export * from './progress/index.js';
export * from './linalg/index.js';
export * from './optim/index.js';
export * from './io/index.js';
export * from './markov/index.js';
export * from './mcmc/index.js';
export * from './ising/index.js';
export * from './rbm/index.js';
export * from './data/index.js';
export * from './nn/index.js';
export * from './regression/index.js';
export * from './ebm/index.js';
export * from './vmc/index.js';
export * from './vae/index.js';
