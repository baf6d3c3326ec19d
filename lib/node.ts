/**
 * boltzmann/node — the Node-only entry point: everything in the main entry plus helpers that
 * touch the file system (writePng, writeSvg) and use threads (WorkerPool).
 */
export * from './index.js';
export * from './io-node.js';
export * from './node/pool.js';
export * from './node/vmc.js';
