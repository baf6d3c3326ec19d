/**
 * WorkerPool.sparseGemm: the row split around sparseGemm gives the same bits as gemm on one
 * thread (0/1 and valued left operands, transA, transB, alpha/beta), on each backend.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableBackends, gemm, matrix, Rng, setBackend, getBackend, type Matrix } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';

const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });
const rng = new Rng(5);

function sparse(rows: number, cols: number, valued: boolean): Matrix {
  const m = matrix(rows, cols);
  for (let q = 0; q < m.data.length; q++) if (rng.float() < 0.2) m.data[q] = valued ? rng.normal() : 1;
  return m;
}
function dense(rows: number, cols: number): Matrix {
  return matrix(rows, cols, rng.fillNormal(new Float32Array(rows * cols), 0, 1));
}

test('pool.sparseGemm = gemm bit for bit, split in two parts, both backends', async () => {
  await pool.ready();
  const before = getBackend();
  for (const backend of availableBackends()) {
    setBackend(backend);
    for (const [transA, transB, valued, alpha, beta] of [[false, false, false, 1, 0], [true, false, false, -0.01, 1], [false, true, true, 0.5, 0.25], [true, true, true, 1, 0]] as const) {
      const m = 64, n = 37, k = 50;
      const a = transA ? sparse(k, m, valued) : sparse(m, k, valued);
      const b = transB ? dense(n, k) : dense(k, n);
      const c0 = dense(m, n);
      const want = gemm(matrix(m, n, Float32Array.from(c0.data)), a, b, { transA, transB, alpha, beta });
      const got = pool.sparseGemm(matrix(m, n, Float32Array.from(c0.data)), a, b, { transA, transB, alpha, beta });
      assert.is(pool.lastParts, 2);
      for (let q = 0; q < want.data.length; q++) assert.ok(Object.is(want.data[q], got.data[q]), `${backend} ${transA} ${transB} entry ${q}`);
    }
  }
  setBackend(before);
});

test('close', async () => {
  await pool.close();
});

test.run();
