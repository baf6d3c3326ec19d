/**
 * Lasso (N-REG-05): min_θ (1/n)‖y − Xθ‖² + λ‖θ‖₁ has no closed form; cyclic coordinate descent
 * solves it. For coordinate j, with the partial residual r_j = y − Xθ + x_j θ_j, minimizing
 * (1/n)‖r_j − x_j t‖² + λ|t| over t gives (derived: the subgradient condition
 * (2/n)(‖x_j‖² t − x_jᵀr_j) + λ ∂|t| ∋ 0)
 *
 *   θ_j ← S(x_jᵀ r_j, nλ/2) / ‖x_j‖²,   S(z, t) = sign(z) max(|z| − t, 0)   (soft thresholding).
 *
 * The intercept column (a column of ones) is not penalized by default (its update has no
 * threshold), as in scikit-learn. scikit-learn's Lasso minimizes (1/(2n))‖y − Xw − b‖² + α‖w‖₁,
 * so α = λ/2.
 */
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { svd } from '../linalg/dense.js';
import { interceptColumn } from './design.js';
import { checkDesign, checkLambda, checkOptions, checkPenalizeIntercept, checkTargets, describe } from './checks.js';

/** Options of {@link lasso}. */
export interface LassoOptions {
  /**
   * Stop when the optimality (KKT) conditions hold to tol · max(1, max_j |(2/n)x_jᵀy|): see
   * {@link lassoKktViolation} (default 1e-14).
   */
  tol?: number;
  /** Maximum number of sweeps over the coordinates before throwing (default 100000). */
  maxIter?: number;
  /** Penalize the intercept column's coefficient too (default false). */
  penalizeIntercept?: boolean;
  /** Starting coefficients (default zeros), e.g. the solution for a nearby λ. */
  start?: Float64Array;
}

/**
 * Soft thresholding S(z, t) = sign(z) max(|z| − t, 0): the proximal map of t|·|.
 *
 * @example
 * softThreshold(3, 1);   // 2
 * softThreshold(-0.5, 1); // 0
 */
export function softThreshold(z: number, t: number): number {
  if (typeof z !== 'number' || !Number.isFinite(z)) throw new RangeError(`softThreshold: z must be a finite number, got ${describe(z)}`);
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw new RangeError(`softThreshold: t must be a finite number >= 0, got ${describe(t)}`);
  return shrink(z, t);
}

/** {@link softThreshold} without the argument checks (the coordinate-descent loop's). */
function shrink(z: number, t: number): number {
  if (z > t) return z - t;
  if (z < -t) return z + t;
  return 0;
}

/**
 * How far θ is from satisfying the Lasso's optimality conditions, given its residual r = y − Xθ:
 * with g_j = (2/n) x_jᵀ r, the largest over j of |g_j − λ sign θ_j| (θ_j ≠ 0), max(|g_j| − λ, 0)
 * (θ_j = 0), or |g_j| (the unpenalized column `free`, −1 for none). 0 exactly at the minimizer;
 * the minimizer is within √p · violation / μ of θ (2-norm) when (2/n)XᵀX has smallest eigenvalue μ > 0.
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * const theta = lasso(X, y, 0.1);
 * const prediction = predictLinear(X, theta);
 * const residual = y.map((yi, i) => yi - prediction[i]);
 * lassoKktViolation(X, residual, theta, 0.1, 0); // ~1e-14 (column 0, the intercept, is not penalized)
 */
export function lassoKktViolation(X: Matrix64, r: Float64Array, theta: Float64Array, lambda: number, free: number): number {
  const fn = 'lassoKktViolation';
  checkDesign(fn, X);
  if (!(r instanceof Float64Array) || r.length !== X.rows) throw new RangeError(`${fn}: r must be the residual, a Float64Array of length n = ${X.rows}, got ${describe(r)}`);
  if (!(theta instanceof Float64Array) || theta.length !== X.cols) throw new RangeError(`${fn}: theta must be a Float64Array of length p = ${X.cols}, got ${describe(theta)}`);
  checkLambda(fn, lambda);
  if (!Number.isInteger(free) || free < -1 || free >= X.cols) throw new RangeError(`${fn}: free must be a column index or -1, got ${describe(free)}`);
  return kktViolation(X, r, theta, lambda, free);
}

/** {@link lassoKktViolation} without the argument checks (called once per sweep). */
function kktViolation(X: Matrix64, r: Float64Array, theta: Float64Array, lambda: number, free: number): number {
  const n = X.rows, p = X.cols, A = X.data;
  let worst = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += A[i * p + j] * r[i];
    g *= 2 / n;
    const v = j === free ? Math.abs(g) : theta[j] !== 0 ? Math.abs(g - lambda * Math.sign(theta[j])) : Math.max(0, Math.abs(g) - lambda);
    if (!(v <= worst)) worst = v;
  }
  return worst;
}

/**
 * N-REG-05  Lasso coefficients by cyclic coordinate descent with soft thresholding (see above).
 * Stops when the optimality conditions hold to `tol` (see {@link lassoKktViolation}); throws if
 * `maxIter` sweeps do not get there, with the sweep count and the remaining violation.
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * const theta = lasso(X, y, 0.1); // some coefficients exactly 0
 */
export function lasso(X: Matrix64, y: Float64Array, lambda: number, options?: LassoOptions): Float64Array {
  const fn = 'lasso';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  checkLambda(fn, lambda);
  checkOptions(fn, options, ['tol', 'maxIter', 'penalizeIntercept', 'start']);
  const tol = options?.tol ?? 1e-14;
  const maxIter = options?.maxIter ?? 100000;
  if (!(typeof tol === 'number' && tol > 0 && Number.isFinite(tol))) throw new RangeError(`${fn}: tol must be a finite number > 0, got ${describe(tol)}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`${fn}: maxIter must be a positive integer, got ${describe(maxIter)}`);
  const n = X.rows, p = X.cols, A = X.data;
  checkPenalizeIntercept(fn, options?.penalizeIntercept);
  const free = options?.penalizeIntercept === true ? -1 : interceptColumn(X);
  const theta = new Float64Array(p);
  if (options?.start !== undefined) {
    if (!(options.start instanceof Float64Array) || options.start.length !== p) throw new RangeError(`${fn}: start must be a Float64Array of length p = ${p}, got ${describe(options.start)}`);
    theta.set(options.start);
  }
  const norm2 = new Float64Array(p); // ‖x_j‖²
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += A[i * p + j] ** 2;
    norm2[j] = s;
  }
  const r = new Float64Array(n); // residual y − Xθ
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let j = 0; j < p; j++) s -= A[i * p + j] * theta[j];
    r[i] = s;
  }
  const threshold = (n * lambda) / 2;
  // Optimality: 0 ∈ ∂C(θ), with g_j = (2/n) x_jᵀ(y − Xθ) that is g_j = λ sign θ_j where θ_j ≠ 0 and
  // |g_j| ≤ λ where θ_j = 0 (g_j = 0 for the unpenalized intercept). The violation of those
  // conditions is the distance of 0 from the subdifferential, coordinate by coordinate.
  let scale = 1; // max(1, max_j |(2/n) x_jᵀ y|): the size of the gradients at θ = 0
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += A[i * p + j] * y[i];
    scale = Math.max(scale, Math.abs((2 / n) * s));
  }
  let violation = Infinity;
  for (let sweep = 1; sweep <= maxIter; sweep++) {
    for (let j = 0; j < p; j++) {
      if (norm2[j] === 0) { theta[j] = 0; continue; } // a zero column: its coefficient is 0 at the minimum
      const old = theta[j];
      let z = 0; // x_jᵀ r_j = x_jᵀ r + ‖x_j‖² θ_j
      for (let i = 0; i < n; i++) z += A[i * p + j] * r[i];
      z += norm2[j] * old;
      const t = (j === free ? z : shrink(z, threshold)) / norm2[j]; // θ_j ← S(x_jᵀr_j, nλ/2)/‖x_j‖²
      const d = t - old;
      if (d !== 0) {
        for (let i = 0; i < n; i++) r[i] -= A[i * p + j] * d;
        theta[j] = t;
      }
    }
    violation = kktViolation(X, r, theta, lambda, free);
    if (violation <= tol * scale) return theta;
  }
  throw new RangeError(`${fn}: coordinate descent did not converge in ${maxIter} sweeps (the optimality conditions are still violated by ${violation}, more than tol · scale = ${tol * scale}); ${stallReason(X, theta, free)}`);
}

/**
 * Why coordinate descent may have stalled, for its error: the most nearly collinear pair of
 * columns with nonzero coefficients (centred when there is an intercept), if |cos| > 1 - 1e-4
 * (weight moves between such columns by about 1 - cos² per sweep); else the condition number of
 * the active columns, if above 100 (the error shrinks by about 1 - 1/cond² per sweep); and n < p.
 * Otherwise the generic advice.
 */
function stallReason(X: Matrix64, theta: Float64Array, free: number): string {
  const n = X.rows, p = X.cols, A = X.data;
  const active: number[] = [];
  for (let j = 0; j < p; j++) if (j !== free && theta[j] !== 0) active.push(j);
  // Z: the active columns, centred when there is an intercept, each scaled to unit norm
  const k = active.length;
  const Z = matrix64(n, k);
  active.forEach((j, c) => {
    let mean = 0;
    if (free >= 0) { for (let i = 0; i < n; i++) mean += A[i * p + j]; mean /= n; }
    let big = 0;
    for (let i = 0; i < n; i++) { const z = (Z.data[i * k + c] = A[i * p + j] - mean); big = Math.max(big, Math.abs(z)); }
    if (big === 0) return;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (Z.data[i * k + c] / big) ** 2;
    const norm = big * Math.sqrt(squares);
    for (let i = 0; i < n; i++) Z.data[i * k + c] /= norm;
  });
  let best = 0, pair: [number, number] | null = null;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let cos = 0;
      for (let i = 0; i < n; i++) cos += Z.data[i * k + a] * Z.data[i * k + b];
      if (Math.abs(cos) > best) { best = Math.abs(cos); pair = [active[a], active[b]]; }
    }
  }
  const parts: string[] = [];
  if (pair !== null && best > 1 - 1e-4) parts.push(`columns ${pair[0]} and ${pair[1]} are nearly collinear (|cos| = ${best.toPrecision(10)}), and coordinate descent moves weight between such columns by about 1 - cos² per sweep`);
  else if (k > 1) {
    // no single pair: the condition number of the active columns
    const sv = svd(Z).s;
    const cond = sv[0] / sv[sv.length - 1];
    if (!(cond < 100)) parts.push(`the ${k} columns with nonzero coefficients have condition number ${cond.toExponential(1)} (each scaled to unit norm), and coordinate descent's error shrinks by only about 1 - 1/cond² = ${(1 - 1 / (cond * cond)).toPrecision(8)} per sweep`);
  }
  if (n < p) parts.push(`X has fewer rows (${n}) than columns (${p}), so small λ leaves many near-equivalent solutions`);
  return parts.length > 0 ? `${parts.join('; ')}: drop or combine columns, use a larger λ or ridge, or raise maxIter or tol` : 'raise maxIter or tol, or rescale X';
}
