/**
 * boltzmann/browser — the browser-only entry point: everything in the main entry plus the worker
 * pool for cross-origin-isolated pages (module Workers + SharedArrayBuffer), with the same
 * gemm/run contract as the Node pool of `boltzmann/node`.
 */
export * from './index.js';
export * from './browser/pool.js';
