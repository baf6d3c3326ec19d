/**
 * The notes' exercise data set (002 "Gradient expressions"; docs/notes-map.md N-NN-12, N-REG-06): n points
 * (x₀, x₁) and targets y = x₀² + 3x₀x₁ + x₁² + 5, for fitting with a network or with a polynomial
 * design matrix. The notes fix n = 100 but not where the inputs come from; here they are uniform on
 * [lo, hi)² (default [−1, 1)²), drawn from an Rng.
 */
import type { Rng } from '../random/index.js';
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { checkOptionKeys, describe } from '../checks/index.js';

/**
 * The exercise's function f(x₀, x₁) = x₀² + 3x₀x₁ + x₁² + 5.
 *
 * @example
 * quadraticSurface(1, 2); // 1 + 6 + 4 + 5 = 16
 */
export function quadraticSurface(x0: number, x1: number): number {
  if (typeof x0 !== 'number' || !Number.isFinite(x0)) throw new RangeError(`quadraticSurface: x0 must be a finite number, got ${describe(x0)}`);
  if (typeof x1 !== 'number' || !Number.isFinite(x1)) throw new RangeError(`quadraticSurface: x1 must be a finite number, got ${describe(x1)}`);
  return x0 * x0 + 3 * x0 * x1 + x1 * x1 + 5;
}

/** The data of {@link quadraticSurfaceDataset}: X is n x 2 (columns x₀, x₁), y has length n. */
export interface QuadraticSurfaceData {
  X: Matrix64;
  y: Float64Array;
}

/**
 * N-NN-12  n inputs uniform on [lo, hi)² and targets y = x₀² + 3x₀x₁ + x₁² + 5 (+ N(0, noise²)
 * when `noise` > 0). Each row draws x₀, x₁, then the noise (if any), in that order.
 *
 * @example
 * const { X, y } = quadraticSurfaceDataset(100, new Rng(1));
 * X.rows; // 100, X.cols = 2 (the raw features x₀, x₁)
 */
export function quadraticSurfaceDataset(n: number, rng: Rng, options: { lo?: number; hi?: number; noise?: number } = {}): QuadraticSurfaceData {
  const fn = 'quadraticSurfaceDataset';
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: n must be a positive integer, got ${n}`);
  if (rng === null || typeof rng !== 'object' || typeof rng.float !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  checkOptionKeys(fn, options, ['lo', 'hi', 'noise']);
  const lo = options.lo ?? -1, hi = options.hi ?? 1, noise = options.noise ?? 0;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new RangeError(`${fn}: need finite lo < hi, got lo = ${lo}, hi = ${hi}`);
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`${fn}: noise must be a finite number >= 0, got ${noise}`);
  const X = matrix64(n, 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = lo + (hi - lo) * rng.float();
    const x1 = lo + (hi - lo) * rng.float();
    X.data[2 * i] = x0;
    X.data[2 * i + 1] = x1;
    y[i] = quadraticSurface(x0, x1) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { X, y };
}
