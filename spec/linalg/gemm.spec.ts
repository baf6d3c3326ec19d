/**
 * gemm and gemm64 against an independent float64 reference.
 *
 * Error bound used for float32 gemm (derivation; u = 2⁻⁵³ is the float64 unit roundoff):
 *  - inputs are float32, so every product a_ip·b_pj is exact in float64 (24 + 24 ≤ 53 bits);
 *  - the kernel sums the k products in float64 in some order: error ≤ γ_{k−1} Σ_p |a_ip b_pj|,
 *    γ_n = n·u/(1 − n·u) (Higham, Accuracy and Stability of Numerical Algorithms, §3.1);
 *  - t = alpha·s + beta·c0 adds at most 3 more float64 roundings;
 *  - the result is rounded to float32 once: |ĉ − t̂| ≤ 2⁻²⁴ |t̂|.
 * The reference r below is itself computed in float64 (naive order), with the same (k + 3)·u·S
 * error, where S = |alpha| Σ_p |a_ip||b_pj| + |beta||c0_ij|. Adding both sides:
 *    |ĉ − r| ≤ 2⁻²⁴ |r| + (2k + 7)·u·S          (the 2⁻²⁴·(2k+6)uS cross term is absorbed by the +1)
 * The test uses exactly this tolerance. A kernel that accumulated in float32 would have an error
 * of order k·2⁻²⁴·S and fail it (the "2^24 + 1 − 2^24" test shows one such case exactly).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filled } from './gemm-helpers.js';
import { availableBackends, gemm, gemm64, getBackend, setBackend, matrix, matrix64, zeros, zeros64, type Matrix, type Matrix64 } from '../../lib/linalg/index.js';
import { KC, MC, MR, NC, NR } from '../../lib/linalg/gemm-ts.js';
import { tsBackend } from '../../lib/linalg/backend.js';

const U64 = 2 ** -53;
const U32 = 2 ** -24;


/** op(m)(i, p) with or without transpose. */
function at(m: { cols: number; data: ArrayLike<number> }, trans: boolean, i: number, p: number): number {
  return trans ? m.data[p * m.cols + i] : m.data[i * m.cols + p];
}

interface Ref { value: Float64Array; bound: Float64Array }

/** Float64 reference r = alpha op(a) op(b) + beta c0 and the per-entry tolerance from the header. */
function reference(a: Matrix, b: Matrix, c0: Matrix, transA: boolean, transB: boolean, alpha: number, beta: number): Ref {
  const m = c0.rows, n = c0.cols;
  const k = transA ? a.rows : a.cols;
  const value = new Float64Array(m * n);
  const bound = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, sAbs = 0;
      for (let p = 0; p < k; p++) {
        const prod = at(a, transA, i, p) * at(b, transB, p, j);
        s += prod;
        sAbs += Math.abs(prod);
      }
      const old = c0.data[i * n + j];
      const r = beta === 0 ? alpha * s : alpha * s + beta * old;
      const S = Math.abs(alpha) * sAbs + (beta === 0 ? 0 : Math.abs(beta * old));
      value[i * n + j] = r;
      bound[i * n + j] = U32 * Math.abs(r) + (2 * k + 7) * U64 * S;
    }
  }
  return { value, bound };
}

function assertWithin(got: Matrix, ref: Ref, label: string): void {
  for (let e = 0; e < got.data.length; e++) {
    const err = Math.abs(got.data[e] - ref.value[e]);
    if (!(err <= ref.bound[e])) {
      assert.unreachable(`${label}: entry ${e} is ${got.data[e]}, reference ${ref.value[e]}, error ${err} > bound ${ref.bound[e]}`);
    }
  }
}

const TRANSPOSES: Array<[boolean, boolean]> = [[false, false], [true, false], [false, true], [true, true]];

/** a and b stored so that op(a) is m x k and op(b) is k x n. */
function operands(m: number, n: number, k: number, transA: boolean, transB: boolean, seed: number): [Matrix, Matrix] {
  const a = transA ? filled(k, m, seed) : filled(m, k, seed);
  const b = transB ? filled(n, k, seed + 1) : filled(k, n, seed + 1);
  return [a, b];
}

// This file tests the pure-TypeScript kernel (float64 accumulation, packing details);
// spec/linalg/gemm-backends.spec.ts runs the generic cases under every available backend.
// (uvu runs every spec file in one process, so the backend is set before each test.)
test.before.each(() => setBackend('ts'));
test.after(() => setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts'));

test('this file runs on the pure-TypeScript backend', () => {
  assert.is(getBackend(), 'ts');
});

test('gemm of a 2x3 by a 3x2 integer product is exact', () => {
  const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
  const b = matrix(3, 2, [1, 0, 0, 1, 1, 1]);
  const out = zeros(2, 2);
  assert.is(gemm(out, a, b), out);
  assert.equal(Array.from(out.data), [4, 5, 10, 11]);
  const c = matrix(2, 2, [1, 1, 1, 1]);
  assert.equal(Array.from(gemm(c, a, b, { alpha: 2, beta: 1 }).data), [9, 11, 21, 23]);
});

test('gemm accumulates in float64: 2^24 + 1 - 2^24 = 1 (float32 accumulation gives 0)', () => {
  const a = matrix(1, 3, [2 ** 24, 1, -(2 ** 24)]);
  const b = matrix(3, 1, [1, 1, 1]);
  assert.is(gemm(zeros(1, 1), a, b).data[0], 1);
  // the same through the blocked path: k = 3·KC with the three terms in different k-blocks
  const k = 3 * KC;
  const a2 = zeros(1, k), b2 = zeros(k, 1);
  a2.data[0] = 2 ** 24; a2.data[KC + 5] = 1; a2.data[2 * KC + 7] = -(2 ** 24);
  b2.data.fill(1);
  assert.is(gemm(zeros(1, 1), a2, b2).data[0], 1);
});

const SHAPES: Array<[number, number, number, string]> = [
  [1, 1, 1, '1x1 by 1x1'],
  [1, 9, 5, '1xk by kxn (row vector)'],
  [9, 1, 5, 'mxk by kx1 (column vector)'],
  [6, 7, 1, 'k = 1 (outer product)'],
  [37, 29, 53, '37x53 by 53x29'],
  [MR + 1, NR + 3, 2 * KC + 88, `k = ${2 * KC + 88} > KC, m and n not tile multiples`],
  [MC + 5, NC + 7, KC + 3, `every dimension one block plus an edge (${MC + 5}x${KC + 3} by ${KC + 3}x${NC + 7})`],
];

for (const [m, n, k, label] of SHAPES) {
  test(`gemm ${label}: all four transposes within the float32 bound`, () => {
    for (const [transA, transB] of TRANSPOSES) {
      const [a, b] = operands(m, n, k, transA, transB, m * 1000 + n * 10 + k);
      const out = zeros(m, n);
      out.data.fill(Number.NaN); // beta = 0 (default) must not read out
      gemm(out, a, b, { transA, transB });
      assertWithin(out, reference(a, b, out, transA, transB, 1, 0), `${label} transA=${transA} transB=${transB}`);
    }
  });
}

test('gemm alpha and beta: out = alpha op(a) op(b) + beta out, all transposes, 37x29 with k = 600', () => {
  const m = 37, n = 29, k = 600;
  for (const [alpha, beta] of [[-0.75, 0.5], [2, 1], [1, -1], [0.3, 0]]) {
    for (const [transA, transB] of TRANSPOSES) {
      const [a, b] = operands(m, n, k, transA, transB, 7);
      const c0 = filled(m, n, 99);
      const out = { rows: m, cols: n, data: c0.data.slice() };
      gemm(out, a, b, { transA, transB, alpha, beta });
      assertWithin(out, reference(a, b, c0, transA, transB, alpha, beta), `alpha=${alpha} beta=${beta} transA=${transA} transB=${transB}`);
    }
  }
});

test('gemm with beta = 0 overwrites NaN and Infinity in out (BLAS convention)', () => {
  const a = filled(5, 4, 1), b = filled(4, 6, 2);
  const out = zeros(5, 6);
  out.data.fill(Number.NaN);
  out.data[3] = Infinity;
  gemm(out, a, b, { alpha: 0.5 });
  for (const v of out.data) assert.ok(Number.isFinite(v));
  assertWithin(out, reference(a, b, zeros(5, 6), false, false, 0.5, 0), 'beta=0 over NaN');
});

test('gemm transposes are absorbed by packing: the four variants of one product agree bit for bit', () => {
  const m = 23, n = 31, k = 300;
  const a = filled(m, k, 3), b = filled(k, n, 4);
  const aT = zeros(k, m), bT = zeros(n, k);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) aT.data[p * m + i] = a.data[i * k + p];
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bT.data[j * k + p] = b.data[p * n + j];
  const base = gemm(zeros(m, n), a, b).data;
  assert.equal(gemm(zeros(m, n), aT, b, { transA: true }).data, base);
  assert.equal(gemm(zeros(m, n), a, bT, { transB: true }).data, base);
  assert.equal(gemm(zeros(m, n), aT, bT, { transA: true, transB: true }).data, base);
});

test('gemm empty dimensions: k = 0 gives beta·out, m = 0 or n = 0 is a no-op', () => {
  const out = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
  gemm(out, zeros(2, 0), zeros(0, 3), { beta: 0.5 });
  assert.equal(Array.from(out.data), [0.5, 1, 1.5, 2, 2.5, 3]);
  const nan = zeros(2, 3);
  nan.data.fill(Number.NaN);
  gemm(nan, zeros(2, 0), zeros(0, 3));
  assert.equal(Array.from(nan.data), [0, 0, 0, 0, 0, 0]);
  assert.is(gemm(zeros(0, 3), zeros(0, 4), zeros(4, 3)).data.length, 0);
  assert.is(gemm(zeros(2, 0), zeros(2, 4), zeros(4, 0)).data.length, 0);
});

test('gemm with alpha = 0 does not read a or b: out = beta·out even if a holds NaN', () => {
  const a = zeros(2, 2);
  a.data.fill(Number.NaN);
  const out = matrix(2, 2, [1, 2, 3, 4]);
  gemm(out, a, matrix(2, 2, [1, 1, 1, 1]), { alpha: 0, beta: 2 });
  assert.equal(Array.from(out.data), [2, 4, 6, 8]);
});

test('gemm reuses its scratch: a small product after a large one is still right', () => {
  const [aBig, bBig] = operands(MC + 10, NC + 10, KC + 10, false, false, 11);
  gemm(zeros(MC + 10, NC + 10), aBig, bBig);
  for (const [m, n, k] of [[2, 3, 5], [4, 5, 1], [MR, NR, 7]]) {
    const [a, b] = operands(m, n, k, false, false, 12);
    const out = gemm(zeros(m, n), a, b);
    assertWithin(out, reference(a, b, zeros(m, n), false, false, 1, 0), `${m}x${k} by ${k}x${n} after a large call`);
  }
});

test('gemm accepts views into one buffer when they do not overlap', () => {
  const buf = new Float32Array(4 + 4 + 4);
  const a = matrix(2, 2, buf.subarray(0, 4));
  const b = matrix(2, 2, buf.subarray(4, 8));
  const out = matrix(2, 2, buf.subarray(8, 12));
  a.data.set([1, 2, 3, 4]);
  b.data.set([0, 1, 1, 0]);
  gemm(out, a, b);
  assert.equal(Array.from(out.data), [2, 1, 4, 3]);
});

test('gemm shape errors name both shapes, the transposes and out', () => {
  assert.throws(() => gemm(zeros(3, 2), zeros(3, 4), zeros(5, 2)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemm: a is 3x4 but b is 5x2'));
  assert.throws(() => gemm(zeros(3, 2), zeros(3, 4), zeros(5, 2), { transA: true }), (e: Error) =>
    e instanceof RangeError && e.message.includes('gemm: a is 3x4 (transA) but b is 5x2') && e.message.includes('a.rows = b.rows'));
  assert.throws(() => gemm(zeros(3, 5), zeros(3, 4), zeros(5, 2), { transB: true }), (e: Error) =>
    e instanceof RangeError && e.message.includes('gemm: a is 3x4 but b is 5x2 (transB)') && e.message.includes('a.cols = b.cols'));
  assert.throws(() => gemm(zeros(3, 3), zeros(3, 4), zeros(4, 2)), (e: Error) =>
    e instanceof RangeError && e.message === 'gemm: out is 3x3 but a is 3x4 and b is 4x2, so a·b is 3x2');
});

test('gemm rejects an out that aliases a or b', () => {
  const a = filled(3, 3, 1);
  assert.throws(() => gemm(a, a, zeros(3, 3)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemm: out aliases a'));
  const b = filled(3, 3, 2);
  assert.throws(() => gemm(b, zeros(3, 3), b, { transB: true }), /gemm: out aliases b/);
  // partial overlap through views of one buffer
  const buf = new Float32Array(12);
  const out = matrix(3, 3, buf.subarray(0, 9));
  assert.throws(() => gemm(out, zeros(3, 3), matrix(3, 3, buf.subarray(3, 12))), /gemm: out aliases b/);
});

test('gemm rejects wrong types and bad options with messages naming them', () => {
  assert.throws(() => gemm(zeros(2, 2), matrix64(2, 2) as unknown as Matrix, zeros(2, 2)), (e: Error) =>
    e instanceof TypeError && e.message.includes('gemm: a.data must be a Float32Array, got Float64Array') && e.message.includes('gemm64'));
  assert.throws(() => gemm(null as unknown as Matrix, zeros(2, 2), zeros(2, 2)), (e: Error) =>
    e instanceof TypeError && e.message.startsWith('gemm: out must be a matrix'));
  assert.throws(() => gemm(zeros(2, 2), { rows: 2, cols: 2, data: new Float32Array(3) }, zeros(2, 2)), (e: Error) =>
    e instanceof RangeError && e.message === 'gemm: a is 2x2 but a.data has length 3 (expected 4)');
  assert.throws(() => gemm(zeros(2, 2), zeros(2, 2), zeros(2, 2), { alpha: Number.NaN }), (e: Error) =>
    e instanceof RangeError && e.message === 'gemm: alpha must be a finite number, got NaN');
  assert.throws(() => gemm(zeros(2, 2), zeros(2, 2), zeros(2, 2), { beta: Infinity }), /gemm: beta must be a finite number, got Infinity/);
  assert.throws(() => gemm(zeros(2, 2), zeros(2, 2), zeros(2, 2), { transA: 1 as unknown as boolean }), (e: Error) =>
    e instanceof TypeError && e.message === 'gemm: transA must be a boolean, got 1');
});

test('backend sgemm honours offsets and leading dimensions (sub-blocks of larger arrays)', () => {
  // op(A) = 5x7 window at (1, 2) of a 9x11 array; op(B) = 7x6 window (stored transposed, 6x7)
  // at (2, 3) of a 10x12 array; C = 5x6 window at (3, 1) of an 8x9 array. Entries outside the
  // windows must not be touched.
  const m = 5, n = 6, k = 7;
  const big = filled(9, 11, 21), bigB = filled(10, 12, 22);
  const cBuf = filled(8, 9, 23), cBefore = cBuf.data.slice();
  const alpha = 1.5, beta = -0.5;
  tsBackend.sgemm(false, true, m, n, k, alpha, big.data, 1 * 11 + 2, 11, bigB.data, 2 * 12 + 3, 12, beta, cBuf.data, 3 * 9 + 1, 9);
  for (let r = 0; r < 8; r++) {
    for (let q = 0; q < 9; q++) {
      const inside = r >= 3 && r < 3 + m && q >= 1 && q < 1 + n;
      const got = cBuf.data[r * 9 + q];
      if (!inside) { assert.is(got, cBefore[r * 9 + q], `outside (${r},${q}) untouched`); continue; }
      const i = r - 3, j = q - 1;
      let sum = 0, sAbs = 0;
      for (let p = 0; p < k; p++) {
        const prod = big.data[(1 + i) * 11 + 2 + p] * bigB.data[(2 + j) * 12 + 3 + p];
        sum += prod;
        sAbs += Math.abs(prod);
      }
      const old = cBefore[r * 9 + q];
      const ref = alpha * sum + beta * old;
      const bound = U32 * Math.abs(ref) + (2 * k + 7) * U64 * (alpha * sAbs + Math.abs(beta * old));
      assert.ok(Math.abs(got - ref) <= bound, `(${i},${j}): ${got} vs ${ref}`);
    }
  }
});

test('setBackend rejects an unknown backend naming it and the available ones', () => {
  setBackend('ts');
  assert.is(getBackend(), 'ts');
  assert.throws(() => setBackend('gpu' as 'ts'), (e: Error) =>
    e instanceof RangeError && /^setBackend: unknown backend 'gpu'; available: 'ts'(, 'wasm')?$/.test(e.message));
  assert.is(getBackend(), 'ts');
});

/** Integer-valued float64 matrix: all sums below are exact, so gemm64 must match exactly. */
function ints64(rows: number, cols: number, seed: number): Matrix64 {
  const m = zeros64(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = ((i * 7 + seed * 13) % 11) - 5;
  return m;
}

test('gemm64 all four transposes with alpha and beta are exact on integer matrices', () => {
  const m = 5, n = 4, k = 6;
  for (const [transA, transB] of TRANSPOSES) {
    const a = transA ? ints64(k, m, 1) : ints64(m, k, 1);
    const b = transB ? ints64(n, k, 2) : ints64(k, n, 2);
    const c0 = ints64(m, n, 3);
    const out: Matrix64 = { rows: m, cols: n, data: c0.data.slice() };
    gemm64(out, a, b, { transA, transB, alpha: 2, beta: -3 });
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += at(a, transA, i, p) * at(b, transB, p, j);
        assert.is(out.data[i * n + j], 2 * s - 3 * c0.data[i * n + j], `transA=${transA} transB=${transB} (${i},${j})`);
      }
    }
  }
});

test('gemm64 of a column-stochastic matrix and a distribution; beta = 0 ignores NaN', () => {
  const w = matrix64(2, 2, [0.5, 0.25, 0.5, 0.75]);
  const out = zeros64(2, 1);
  out.data.fill(Number.NaN);
  assert.equal(Array.from(gemm64(out, w, matrix64(2, 1, [1, 0])).data), [0.5, 0.5]);
});

test('gemm64 checks shapes, types and aliasing like gemm', () => {
  assert.throws(() => gemm64(zeros64(3, 2), zeros64(3, 4), zeros64(5, 2)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemm64: a is 3x4 but b is 5x2'));
  assert.throws(() => gemm64(zeros64(2, 2), zeros(2, 2) as unknown as Matrix64, zeros64(2, 2)), (e: Error) =>
    e instanceof TypeError && e.message.includes('gemm64: a.data must be a Float64Array, got Float32Array'));
  const a = zeros64(2, 2);
  assert.throws(() => gemm64(a, zeros64(2, 2), a), /gemm64: out aliases b/);
});

test.run();
