/**
 * The Node worker pool (lib/node/pool.ts): a gemm split by rows between this thread and one
 * worker (two threads on the 2-core reference machines) against the same gemm on one thread, on
 * the default backend. Shapes: 1024³ and a batch-1000 RBM product (1000x784 · 784x500), plus a
 * small product (128³) where the split's fixed cost (copying into shared memory, waking the
 * worker) shows. Work is 2·m·n·k flop per call.
 */
import type { BenchCase } from '../harness.js';
import { fillLcg as fill } from '../inputs.js';
import { gemm, getBackend, zeros } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';


// One worker: with the calling thread that makes two threads. minParallelFlop 0 so that the
// small case is really split (the default threshold would run it on one thread).
const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });

function pair(label: string, m: number, n: number, k: number): BenchCase[] {
  let a = zeros(0, 0), b = zeros(0, 0), c = zeros(0, 0);
  const setup = () => { a = fill(zeros(m, k), 1); b = fill(zeros(k, n), 2); c = zeros(m, n); };
  const one = `pool/1 thread ${label}`;
  return [
    { name: one, group: 'pool', work: 2 * m * n * k, unit: 'flop', setup, run: () => { gemm(c, a, b); } },
    {
      name: `pool/2 threads ${label}`, group: 'pool', work: 2 * m * n * k, unit: 'flop', baseline: one,
      setup,
      run: () => {
        pool.gemm(c, a, b);
        if (pool.lastParts !== 2) throw new Error(`pool bench: the product was not split (workers not ready?) on ${getBackend()}`);
      },
    },
  ];
}

await pool.ready();
export const cases: BenchCase[] = [
  ...pair('1024^3', 1024, 1024, 1024),
  ...pair('rbm 1000x784*784x500', 1000, 500, 784),
  ...pair('128^3', 128, 128, 128),
];
