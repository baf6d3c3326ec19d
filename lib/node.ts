/**
 * boltzmann/node — the Node-only entry point: everything in the main entry plus helpers that
 * touch the file system (writePng, writeSvg, loadMnist) and use threads (WorkerPool,
 * logPartitionAISParallel, optimizeWavefunctionParallel, optimizeSpinStateParallel).
 */
export * from './index.js';
export * from './io-node.js';
export * from './node/pool.js';
export * from './node/mnist.js';
export {
  logPartitionAISParallel,
} from './node/ais.js';
export * from './node/vmc.js';
