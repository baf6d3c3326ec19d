/**
 * sparseGemm (lib/linalg/sparse.ts): the same bits as gemm on each backend — the sparse kernels
 * form every entry from the same products in the same order, leaving out only exact zeros — for
 * 0/1 and valued sparse operands, all transposes, alpha/beta, widths that are not multiples of
 * 4 or 32, empty rows; the fallback to gemm above maxDensity; and gemm's argument errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableBackends, gemm, getBackend, matrix, Rng, setBackend, sparseGemm, type Matrix } from '../../lib/index.js';
import { lastSparseGemm } from '../../lib/linalg/sparse.js';
import { throwsMsg } from '../assert-error.js';

const rng = new Rng(11);

/** rows x cols with each entry nonzero with probability `density`: 1, or a normal value when `valued`. */
function sparse(rows: number, cols: number, density: number, valued: boolean): Matrix {
  const m = matrix(rows, cols);
  for (let q = 0; q < m.data.length; q++) if (rng.float() < density) m.data[q] = valued ? rng.normal() : 1;
  return m;
}

function dense(rows: number, cols: number): Matrix {
  const m = matrix(rows, cols);
  rng.fillNormal(m.data, 0, 1);
  return m;
}

function sameBits(x: Float32Array, y: Float32Array): number {
  for (let q = 0; q < x.length; q++) if (!Object.is(x[q], y[q])) return q;
  return -1;
}

const backendBefore = getBackend();

for (const backend of availableBackends()) {
  test(`${backend}: sparseGemm = gemm bit for bit (0/1 and valued a; transA, transB; alpha, beta; odd widths)`, () => {
    setBackend(backend);
    const shapes: [number, number, number][] = [[7, 37, 13], [20, 500, 784], [3, 5, 2], [16, 32, 40], [1, 1, 1], [9, 33, 64]];
    for (const [m, n, k] of shapes) {
      for (const valued of [false, true]) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            for (const [alpha, beta] of [[1, 0], [0.01, 1], [-0.5, 0.25]]) {
              const a = transA ? sparse(k, m, 0.2, valued) : sparse(m, k, 0.2, valued);
              const b = transB ? dense(n, k) : dense(k, n);
              const c0 = dense(m, n);
              const want = matrix(m, n, Float32Array.from(c0.data));
              const got = matrix(m, n, Float32Array.from(c0.data));
              gemm(want, a, b, { transA, transB, alpha, beta });
              sparseGemm(got, a, b, { transA, transB, alpha, beta, maxDensity: 1 });
              assert.is(lastSparseGemm.path, 'sparse');
              const at = sameBits(want.data, got.data);
              assert.is(at, -1, `${m}x${n}x${k} valued=${valued} transA=${transA} transB=${transB} alpha=${alpha}: entry ${at}: ${want.data[at]} vs ${got.data[at]}`);
            }
          }
        }
      }
    }
  });

  test(`${backend}: rows of a with no nonzero give 0 (or beta·out); an all-zero a`, () => {
    setBackend(backend);
    const a = matrix(3, 4, [0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    const b = matrix(4, 2, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(Array.from(sparseGemm(matrix(3, 2, [9, 9, 9, 9, 9, 9]), a, b).data), [0, 0, 8, 10, 0, 0]);
    assert.equal(Array.from(sparseGemm(matrix(3, 2, [2, 2, 2, 2, 2, 2]), a, b, { beta: 0.5 }).data), [1, 1, 9, 11, 1, 1]);
    assert.equal(Array.from(sparseGemm(matrix(3, 2, [9, 9, 9, 9, 9, 9]), matrix(3, 4), b).data), [0, 0, 0, 0, 0, 0]);
    assert.is(lastSparseGemm.nonzeros, 0);
  });
}

test('above maxDensity it calls gemm (same result); the statistics say which path ran', () => {
  setBackend(backendBefore);
  const a = sparse(10, 20, 0.9, false), b = dense(20, 6);
  const want = gemm(matrix(10, 6), a, b);
  const got = sparseGemm(matrix(10, 6), a, b);
  assert.is(lastSparseGemm.path, 'dense');
  assert.is(lastSparseGemm.entries, 200);
  assert.is(sameBits(want.data, got.data), -1);
  sparseGemm(matrix(10, 6), a, b, { maxDensity: 1 });
  assert.is(lastSparseGemm.path, 'sparse');
});

test('errors: gemm\'s checks under the name sparseGemm, and maxDensity', () => {
  throwsMsg(() => sparseGemm(matrix(2, 2), matrix(2, 3), matrix(2, 2)), RangeError, 'sparseGemm: a is 2x3 but b is 2x2: a·b needs a.cols = b.rows');
  throwsMsg(() => sparseGemm(matrix(2, 2), matrix(2, 2), matrix(2, 2), { maxDensity: 2 }), RangeError, 'sparseGemm: maxDensity must be a number in [0, 1], got 2');
  const shared = matrix(2, 2);
  throwsMsg(() => sparseGemm(shared, shared, matrix(2, 2)), RangeError, 'sparseGemm: out aliases a (their data share memory); the product needs a separate out');
});

test.run();
