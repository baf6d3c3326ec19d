/**
 * Independent float64 helpers for the dense decomposition specs: a deterministic local generator
 * (so these tests do not depend on lib/random), naive products and norms. Nothing here calls
 * the code under test.
 */
import { type Matrix64, matrix64 } from '../../lib/linalg/matrix.js';

export const EPS = 2 ** -52;

/**
 * Deterministic uniform numbers in [-1, 1) from a 32-bit LCG (Numerical Recipes' "quick and
 * dirty" constants 1664525, 1013904223), using the top 24 bits. Plenty for test matrices.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) / 8388608 - 1;
  };
}

/** An m x n matrix with entries uniform in [-1, 1). */
export function randomMatrix(m: number, n: number, seed: number): Matrix64 {
  const r = lcg(seed);
  const a = matrix64(m, n);
  for (let k = 0; k < m * n; k++) a.data[k] = r();
  return a;
}

/** Naive C = A B (float64, i-j-p loop). */
export function mul(a: Matrix64, b: Matrix64): Matrix64 {
  if (a.cols !== b.rows) throw new Error(`mul: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const c = matrix64(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p] * b.data[p * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  }
  return c;
}

/** |A| elementwise. */
export function absM(a: Matrix64): Matrix64 {
  return matrix64(a.rows, a.cols, a.data.map(Math.abs));
}

export function tr(a: Matrix64): Matrix64 {
  const t = matrix64(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

export function identity(n: number): Matrix64 {
  const m = matrix64(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** max_ij |a_ij - b_ij| (shapes must agree). */
export function maxDiff(a: Matrix64, b: Matrix64): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`maxDiff: ${a.rows}x${a.cols} vs ${b.rows}x${b.cols}`);
  let m = 0;
  for (let k = 0; k < a.data.length; k++) m = Math.max(m, Math.abs(a.data[k] - b.data[k]));
  return m;
}

export function frob(a: Matrix64): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return Math.sqrt(s);
}

/** ||A||_inf = max row sum of |a_ij|. */
export function normInf(a: Matrix64): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += Math.abs(a.data[i * a.cols + j]);
    m = Math.max(m, s);
  }
  return m;
}

/** Diagonal matrix from values. */
export function diag(values: ArrayLike<number>): Matrix64 {
  const n = values.length;
  const m = matrix64(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = values[i];
  return m;
}

/** The n x n Hilbert matrix h_ij = 1 / (i + j + 1) (0-based). */
export function hilbert(n: number): Matrix64 {
  const m = matrix64(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.data[i * n + j] = 1 / (i + j + 1);
  return m;
}

/** The n x n tridiagonal matrix with 2 on the diagonal and -1 beside it. */
export function tridiag(n: number): Matrix64 {
  const m = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    m.data[i * n + i] = 2;
    if (i > 0) { m.data[i * n + i - 1] = -1; m.data[(i - 1) * n + i] = -1; }
  }
  return m;
}

export { throwsWith } from '../assert-error.js';
