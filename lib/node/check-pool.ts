/**
 * The argument check shared by the functions of `boltzmann/node` that take a worker pool
 * (internal: not re-exported by lib/node.ts).
 */
import { describe } from '../checks/index.js';
import type { WorkerPool } from './pool.js';

/**
 * Throws a TypeError naming `fn` unless `pool` is a WorkerPool (an object with `run` and an
 * integer `size` >= 1, as createWorkerPool returns).
 *
 * @example
 * const pool = createWorkerPool({ size: 1 });
 * checkPool('myRun', pool); // passes
 * await pool.close();
 */
export function checkPool(fn: string, pool: unknown): asserts pool is WorkerPool {
  const p = pool as WorkerPool | null;
  if (p === null || typeof p !== 'object' || typeof p.run !== 'function' || !Number.isInteger(p.size) || p.size < 1) {
    throw new TypeError(`${fn}: pool must be a WorkerPool from createWorkerPool, got ${describe(pool)}`);
  }
}
