/**
 * The Node worker pool (lib/node/pool.ts): a row-split gemm gives the same bits as the
 * single-thread gemm on the same backend (the split does not change any output element's
 * summation order), and independent jobs run in workers with their results and errors returned.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableBackends, gemm, matrix, Rng, setBackend, type Matrix } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';
import { normalMean } from '../fixtures/pool-job.js';

const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });
const rng = new Rng(7);

function random(rows: number, cols: number): Matrix {
  const m = matrix(rows, cols);
  rng.fillUniform(m.data, -1, 1);
  return m;
}

function sameBits(x: Float32Array, y: Float32Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

test('the pool starts its workers', async () => {
  await pool.ready();
});

for (const backend of availableBackends()) {
  for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    test(`pool.gemm equals gemm bit for bit on ${backend} (transA ${transA}, transB ${transB}, odd shapes)`, () => {
      setBackend(backend);
      const m = 67, n = 45, k = 129;
      const a = transA ? random(k, m) : random(m, k);
      const b = transB ? random(n, k) : random(k, n);
      const c0 = random(m, n);
      const single = matrix(m, n, c0.data.slice());
      const split = matrix(m, n, c0.data.slice());
      gemm(single, a, b, { transA, transB, alpha: 0.75, beta: 0.5 });
      pool.gemm(split, a, b, { transA, transB, alpha: 0.75, beta: 0.5 });
      assert.is(pool.lastParts, 2, 'the product was split between this thread and the worker');
      assert.ok(sameBits(single.data, split.data));
    });
  }
}

test('pool.gemm below minParallelFlop runs on this thread with the same result', () => {
  const small = createWorkerPool({ size: 1, minParallelFlop: 1e12 });
  const a = random(8, 8), b = random(8, 8);
  const c1 = matrix(8, 8), c2 = matrix(8, 8);
  gemm(c1, a, b);
  small.gemm(c2, a, b);
  assert.ok(sameBits(c1.data, c2.data));
  return small.close();
});

test('pool.gemm rejects mismatched shapes naming both', () => {
  assert.throws(() => pool.gemm(matrix(3, 2), matrix(3, 4), matrix(5, 2)), /WorkerPool.gemm: a is 3x4 but b is 5x2/);
  assert.throws(() => pool.gemm(matrix(3, 3), matrix(3, 4), matrix(4, 2)), /WorkerPool.gemm: out is 3x3 but a is 3x4 and b is 4x2, so a·b is 3x2/);
});

test('pool.run runs a job in a worker and returns what the main thread would compute', async () => {
  const url = new URL('../fixtures/pool-job.ts', import.meta.url).href;
  const results = await Promise.all([1, 2, 3].map((s) => pool.run<number>(url, 'normalMean', [s, 1000])));
  assert.equal(results, [1, 2, 3].map((s) => normalMean(s, 1000)));
});

test('pool.run passes a job error back to the caller', async () => {
  const url = new URL('../fixtures/pool-job.ts', import.meta.url).href;
  try {
    await pool.run(url, 'fails');
    assert.unreachable('the job should have failed');
  } catch (e) {
    assert.match((e as Error).message, 'pool-job: this job fails on purpose');
  }
  try {
    await pool.run(url, 'noSuchExport');
    assert.unreachable('the job should have failed');
  } catch (e) {
    assert.match((e as Error).message, "'noSuchExport' is not a function");
  }
});

test('WorkerPool rejects a bad size', () => {
  assert.throws(() => createWorkerPool({ size: 0 }), /size must be an integer in \[1, 64\], got 0/);
});

test('close the pool', async () => {
  setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts');
  await pool.close();
  assert.throws(() => pool.gemm(matrix(1, 1), matrix(1, 1), matrix(1, 1)), /closed/);
});

test.run();
