/**
 * gemv, ger, axpy, scale, dot, addRowVector, sumRows, sumCols against float64 references.
 *
 * Tolerances (u = 2⁻⁵³, float64 unit roundoff): every kernel forms float64 sums of float32 inputs
 * and rounds to float32 once, so as for gemm (see gemm.spec.ts for the derivation)
 *   |ĉ − r| ≤ 2⁻²⁴ |r| + (2k + 7)·u·S,   S = Σ |terms| (+ |beta·out| where beta ≠ 0),
 * with k the number of summed terms and r the float64 reference. Elementwise kernels (axpy,
 * scale, addRowVector, ger) are checked on dyadic values where every float64 result is exact, so
 * the float32 result must equal the float32 rounding of the exact value: equality with
 * Math.fround(reference).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  addRowVector, axpy, dot, gemv, ger, matrix, scale, sumCols, sumRows, zeros, type Matrix,
} from '../../lib/linalg/index.js';

const U64 = 2 ** -53;
const U32 = 2 ** -24;

function values(n: number, seed: number): Float32Array {
  const v = new Float32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    v[i] = x / 2 ** 31 - 1;
  }
  return v;
}

function filled(rows: number, cols: number, seed: number): Matrix {
  return matrix(rows, cols, values(rows * cols, seed));
}

/** Dyadic values j/8 in [-4, 4): sums and products below are exact in float64 and float32. */
function dyadic(n: number, seed: number): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = (((i * 5 + seed * 3) % 64) - 32) / 8;
  return v;
}

function within(got: number, ref: number, k: number, S: number, label: string): void {
  const bound = U32 * Math.abs(ref) + (2 * k + 7) * U64 * S;
  const err = Math.abs(got - ref);
  if (!(err <= bound)) assert.unreachable(`${label}: got ${got}, reference ${ref}, error ${err} > bound ${bound}`);
}

const SHAPES: Array<[number, number]> = [[1, 1], [1, 9], [9, 1], [37, 53], [5, 600]];

test('gemv: out = alpha op(a) x + beta out for both orientations, odd shapes', () => {
  for (const [m, n] of SHAPES) {
    const a = filled(m, n, m * 100 + n);
    for (const trans of [false, true]) {
      for (const [alpha, beta] of [[1, 0], [-0.75, 0.5], [2, 1]]) {
        const xLen = trans ? m : n, outLen = trans ? n : m;
        const x = values(xLen, 5);
        const old = values(outLen, 6);
        const out = beta === 0 ? new Float32Array(outLen).fill(Number.NaN) : old.slice();
        assert.is(gemv(out, a, x, { trans, alpha, beta }), out);
        for (let r = 0; r < outLen; r++) {
          let s = 0, sAbs = 0;
          for (let q = 0; q < xLen; q++) {
            const prod = (trans ? a.data[q * n + r] : a.data[r * n + q]) * x[q];
            s += prod;
            sAbs += Math.abs(prod);
          }
          const ref = beta === 0 ? alpha * s : alpha * s + beta * old[r];
          const S = Math.abs(alpha) * sAbs + (beta === 0 ? 0 : Math.abs(beta * old[r]));
          within(out[r], ref, xLen, S, `gemv ${m}x${n} trans=${trans} alpha=${alpha} beta=${beta} entry ${r}`);
        }
      }
    }
  }
});

test('gemv errors: shapes, aliasing, types', () => {
  const a = zeros(3, 4);
  assert.throws(() => gemv(new Float32Array(3), a, new Float32Array(3)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemv: a is 3x4 but x has length 3'));
  assert.throws(() => gemv(new Float32Array(3), a, new Float32Array(4), { trans: true }), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemv: a is 3x4 (trans) but x has length 4'));
  assert.throws(() => gemv(new Float32Array(4), a, new Float32Array(4)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('gemv: out has length 4 but a (3x4) times x has length 3'));
  const x = new Float32Array(4);
  const sq = matrix(4, 4);
  assert.throws(() => gemv(x, sq, x), /gemv: out aliases x/);
  assert.throws(() => gemv(sq.data.subarray(0, 4), sq, new Float32Array(4)), /gemv: out aliases a/);
  assert.throws(() => gemv(new Float64Array(3) as unknown as Float32Array, a, x), (e: Error) =>
    e instanceof TypeError && e.message === 'gemv: out must be a Float32Array, got Float64Array(3)');
  assert.throws(() => gemv(new Float32Array(3), a, x, { alpha: Number.NaN }), /gemv: alpha must be a finite number, got NaN/);
});

test('ger: out += alpha x yᵀ exactly on dyadic values', () => {
  const m = 7, n = 5;
  const x = dyadic(m, 1), y = dyadic(n, 2), c0 = dyadic(m * n, 3);
  const out = matrix(m, n, c0.slice());
  assert.is(ger(out, x, y, 0.5), out);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      assert.is(out.data[i * n + j], Math.fround(c0[i * n + j] + 0.5 * x[i] * y[j]), `(${i},${j})`);
    }
  }
  // default alpha = 1
  const w = zeros(2, 3);
  ger(w, new Float32Array([1, 2]), new Float32Array([1, 0, -1]));
  assert.equal(Array.from(w.data), [1, 0, -1, 2, 0, -2]);
  // alpha = 0 is a BLAS quick return: NaN in x is not read
  ger(w, new Float32Array([Number.NaN, 1]), new Float32Array([1, 1, 1]), 0);
  assert.equal(Array.from(w.data), [1, 0, -1, 2, 0, -2]);
});

test('ger errors: shapes and aliasing', () => {
  assert.throws(() => ger(zeros(2, 3), new Float32Array(3), new Float32Array(3)), (e: Error) =>
    e instanceof RangeError && e.message === 'ger: out is 2x3 but x has length 3 and y has length 3 (x yᵀ is 3x3)');
  const w = zeros(2, 2);
  assert.throws(() => ger(w, w.data.subarray(0, 2), new Float32Array(2)), /ger: out aliases x/);
  assert.throws(() => ger(w, new Float32Array(2), w.data.subarray(2, 4)), /ger: out aliases y/);
});

test('axpy: out += alpha x (BLAS y <- alpha x + y), float32 and float64, in place', () => {
  const n = 50;
  const x = dyadic(n, 4), y0 = dyadic(n, 5);
  const y = y0.slice();
  assert.is(axpy(y, -0.25, x), y);
  for (let i = 0; i < n; i++) assert.is(y[i], Math.fround(y0[i] - 0.25 * x[i]));
  const y64 = Float64Array.from(y0);
  axpy(y64, 0.1, x); // float64 out: exactly the float64 expression
  for (let i = 0; i < n; i++) assert.is(y64[i], y0[i] + 0.1 * x[i]);
  const z = new Float32Array([1, 2, 3]);
  axpy(z, 1, z); // in place: z = 2z
  assert.equal(Array.from(z), [2, 4, 6]);
});

test('scale: out = alpha x, in place and across precisions', () => {
  const v = new Float32Array([1, -2, 4]);
  assert.is(scale(v, v, 0.5), v);
  assert.equal(Array.from(v), [0.5, -1, 2]);
  const out = new Float64Array(3);
  scale(out, new Float32Array([0.1, 1, 3]), 3);
  assert.equal(Array.from(out), [Math.fround(0.1) * 3, 3, 9]);
});

test('dot: exact on integers, float64 accumulation (2^24 + 1 - 2^24 = 1), and within bound on random data', () => {
  assert.is(dot(new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])), 32);
  assert.is(dot(new Float32Array([2 ** 24, 1, -(2 ** 24)]), new Float32Array([1, 1, 1])), 1);
  assert.is(dot(new Float64Array([0.5, 0.25]), new Float32Array([2, 4])), 2);
  assert.is(dot(new Float32Array(0), new Float32Array(0)), 0);
  const n = 1000;
  const x = values(n, 7), y = values(n, 8);
  let s = 0, sAbs = 0;
  for (let i = 0; i < n; i++) { s += x[i] * y[i]; sAbs += Math.abs(x[i] * y[i]); }
  // the result is a float64, not rounded to float32: only the float64 summation error remains
  const got = dot(x, y);
  assert.ok(Math.abs(got - s) <= 2 * n * U64 * sAbs, `dot ${got} vs ${s}`);
});

test('axpy, scale, dot errors: lengths, types, partial overlap', () => {
  assert.throws(() => dot(new Float32Array(2), new Float32Array(3)), (e: Error) =>
    e instanceof RangeError && e.message === 'dot: x has length 2 but y has length 3');
  assert.throws(() => dot([1, 2] as unknown as Float32Array, new Float32Array(2)), (e: Error) =>
    e instanceof TypeError && e.message === 'dot: x must be a Float32Array or Float64Array, got Array(2)');
  assert.throws(() => axpy(new Float32Array(2), 1, new Float32Array(3)), /axpy: out has length 2 but x has length 3/);
  assert.throws(() => axpy(new Float32Array(2), Infinity, new Float32Array(2)), /axpy: alpha must be a finite number, got Infinity/);
  const buf = new Float32Array(5);
  assert.throws(() => axpy(buf.subarray(0, 4), 1, buf.subarray(1, 5)), (e: Error) =>
    e instanceof RangeError && e.message.startsWith('axpy: out partially overlaps x'));
  assert.throws(() => scale(buf.subarray(1, 5), buf.subarray(0, 4), 2), /scale: out partially overlaps x/);
  assert.throws(() => scale(new Float32Array(2), new Float32Array(2), Number.NaN), /scale: alpha must be a finite number, got NaN/);
});

test('addRowVector: out_ij = a_ij + v_j, separate out and in place', () => {
  const a = matrix(3, 2, dyadic(6, 1));
  const v = dyadic(2, 2);
  const out = zeros(3, 2);
  assert.is(addRowVector(out, a, v), out);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) assert.is(out.data[i * 2 + j], a.data[i * 2 + j] + v[j]);
  const z = matrix(2, 2, [1, 2, 3, 4]);
  addRowVector(z, z, new Float32Array([10, 20]));
  assert.equal(Array.from(z.data), [11, 22, 13, 24]);
});

test('addRowVector errors: shapes and aliasing', () => {
  assert.throws(() => addRowVector(zeros(2, 3), zeros(2, 3), new Float32Array(2)), (e: Error) =>
    e instanceof RangeError && e.message === 'addRowVector: a is 2x3 but v has length 2 (needs 3, one entry per column)');
  assert.throws(() => addRowVector(zeros(3, 2), zeros(2, 3), new Float32Array(3)), /addRowVector: out is 3x2 but a is 2x3/);
  const z = zeros(2, 2);
  assert.throws(() => addRowVector(z, zeros(2, 2), z.data.subarray(0, 2)), /addRowVector: out aliases v/);
});

test('sumRows (out_j = Σ_i a_ij) and sumCols (out_i = Σ_j a_ij) against float64 sums', () => {
  assert.equal(Array.from(sumRows(new Float32Array(3), matrix(2, 3, [1, 2, 3, 4, 5, 6]))), [5, 7, 9]);
  assert.equal(Array.from(sumCols(new Float32Array(2), matrix(2, 3, [1, 2, 3, 4, 5, 6]))), [6, 15]);
  // float64 accumulation: a column/row holding 2^24, 1, -2^24 sums to 1
  assert.equal(Array.from(sumRows(new Float32Array(1), matrix(3, 1, [2 ** 24, 1, -(2 ** 24)]))), [1]);
  assert.equal(Array.from(sumCols(new Float32Array(1), matrix(1, 3, [2 ** 24, 1, -(2 ** 24)]))), [1]);
  for (const [m, n] of SHAPES) {
    const a = filled(m, n, 3 * m + n);
    const rows = sumRows(new Float32Array(n), a);
    for (let j = 0; j < n; j++) {
      let s = 0, sAbs = 0;
      for (let i = 0; i < m; i++) { s += a.data[i * n + j]; sAbs += Math.abs(a.data[i * n + j]); }
      within(rows[j], s, m, sAbs, `sumRows ${m}x${n} column ${j}`);
    }
    const cols = sumCols(new Float32Array(m), a);
    for (let i = 0; i < m; i++) {
      let s = 0, sAbs = 0;
      for (let j = 0; j < n; j++) { s += a.data[i * n + j]; sAbs += Math.abs(a.data[i * n + j]); }
      within(cols[i], s, n, sAbs, `sumCols ${m}x${n} row ${i}`);
    }
  }
});

test('sumRows and sumCols errors: lengths and aliasing', () => {
  assert.throws(() => sumRows(new Float32Array(2), zeros(2, 3)), (e: Error) =>
    e instanceof RangeError && e.message === 'sumRows: a is 2x3 but out has length 2 (needs 3: out_j = Σ_i a_ij)');
  assert.throws(() => sumCols(new Float32Array(3), zeros(2, 3)), (e: Error) =>
    e instanceof RangeError && e.message === 'sumCols: a is 2x3 but out has length 3 (needs 2: out_i = Σ_j a_ij)');
  const a = zeros(3, 3);
  assert.throws(() => sumRows(a.data.subarray(0, 3), a), /sumRows: out aliases a/);
  assert.throws(() => sumCols(a.data.subarray(6, 9), a), /sumCols: out aliases a/);
});

test.run();
