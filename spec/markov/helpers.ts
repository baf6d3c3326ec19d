/**
 * Test helpers for the Markov specs (not part of the library): naive float64 reference loops
 * written independently of lib/markov, and an error-message assertion.
 */
import { Rng } from '../../lib/random/index.js';
import { matrix64, type Matrix64 } from '../../lib/linalg/index.js';

/** The notes' 3-state chain (000 "Markov processes" example of NOTES-MAP N-MC-02), column-stochastic. */
export function notesChain(): Matrix64 {
  return matrix64(3, 3, [
    0.5, 0.25, 0,
    0.5, 0.5, 0.5,
    0, 0.25, 0.5,
  ]);
}

/** 3-cycle: 0 -> 1 -> 2 -> 0 with probability 1/2, stay with 1/2. W[i][j] = W(j -> i). */
export function threeCycle(): Matrix64 {
  return matrix64(3, 3, [
    0.5, 0, 0.5,
    0.5, 0.5, 0,
    0, 0.5, 0.5,
  ]);
}

/** A random n x n column-stochastic matrix (uniform entries, columns divided by their sums). */
export function randomStochastic(n: number, seed: number): Matrix64 {
  const rng = new Rng(seed);
  const m = matrix64(n, n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) { const u = rng.float() + 0.01; m.data[i * n + j] = u; s += u; }
    for (let i = 0; i < n; i++) m.data[i * n + j] /= s;
  }
  return m;
}

/** Naive y = A x. */
export function matVec(a: Matrix64, x: ArrayLike<number>): Float64Array {
  const n = a.rows;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j] * x[j]; y[i] = s; }
  return y;
}

/** Naive C = A B (j innermost after k, plain triple loop in i-j-k order). */
export function matMul(a: Matrix64, b: Matrix64): Matrix64 {
  const n = a.rows;
  const c = matrix64(n, b.cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  }
  return c;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export { throwsWith } from '../assert-error.js';
