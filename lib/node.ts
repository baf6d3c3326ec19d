/**
 * boltzmann/node — the Node-only entry point: everything in the main entry plus helpers that
 * touch the file system (and, later, worker threads and MNIST files).
 */
export * from './index.js';
