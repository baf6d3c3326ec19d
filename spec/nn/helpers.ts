/**
 * Helpers for the lib/nn specs (not a spec file). Random float64 matrices and a float64 sum
 * Σ G ∘ F used as a scalar cost whose gradient with respect to F is G (so a backward function fed
 * dA = G must reproduce the finite differences of that cost).
 */
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64, type Matrix, type Matrix64 } from '../../lib/linalg/index.js';

/** A rows x cols float64 matrix with N(0, sd²) entries. */
export function randn64(rows: number, cols: number, rng: Rng, sd = 1): Matrix64 {
  const m = matrix64(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal(0, sd);
  return m;
}

/** The float32 copy of a float64 matrix. */
export function to32(m: Matrix64): Matrix {
  return matrix(m.rows, m.cols, Float32Array.from(m.data));
}

/** Σ_i g_i f_i in float64. */
export function weightedSum(g: ArrayLike<number>, f: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * f[i];
  return s;
}

/** max_i |a_i − b_i| / max(1, |b_i|). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}
