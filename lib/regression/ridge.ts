/**
 * Ridge regression (N-REG-04) with the notes' scaling, the penalty not divided by n:
 *
 *   min_θ (1/n)‖y − Xθ‖² + λ‖θ‖²   ⇒   (XᵀX + nλ I) θ̂ = Xᵀy
 *
 * (set the gradient −(2/n)Xᵀ(y − Xθ) + 2λθ to zero and multiply by n/2). The notes do not discuss
 * the intercept; here it is not penalized by default: if X has a column of ones (see
 * `interceptColumn`) its coefficient is left out of ‖θ‖² (the identity gets a 0 there), as in
 * scikit-learn's `fit_intercept=True`. Pass `{ penalizeIntercept: true }` to penalize every
 * coefficient. scikit-learn's Ridge minimizes ‖y − Xw − b‖² + α‖w‖², so α = nλ.
 *
 * Two forms that must agree: `ridge` (Cholesky on the regularized normal equations) and
 * `ridgeSvd` (shrinkage of the singular directions, θ = V diag(s_k/(s_k² + nλ)) Uᵀy).
 */
import type { Matrix64 } from '../linalg/matrix.js';
import { matrix64 } from '../linalg/matrix.js';
import { cholesky, choleskySolve, svd } from '../linalg/dense.js';
import { interceptColumn } from './design.js';
import { normalEquations } from './ols.js';
import { checkDesign, checkLambda, checkOptions, checkPenalizeIntercept, checkTargets } from './checks.js';

/** Options of {@link ridge} and {@link ridgeSvd}. */
export interface RidgeOptions {
  /** Penalize the intercept column's coefficient too (default false). */
  penalizeIntercept?: boolean;
}

/** The unpenalized column: the intercept column unless asked to penalize it, else −1. */
function freeColumn(fn: string, X: Matrix64, options: RidgeOptions | undefined): number {
  checkPenalizeIntercept(fn, options?.penalizeIntercept);
  return options?.penalizeIntercept === true ? -1 : interceptColumn(X);
}

/**
 * N-REG-04  Ridge coefficients from (XᵀX + nλ D)θ = Xᵀy by Cholesky, D = I except a 0 for an
 * unpenalized intercept. λ = 0 is OLS (X must then have full rank).
 *
 * @example
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1), y = data.y;
 * const theta = ridge(polynomialFeatures2D(x0, x1, 2), y, 0.01); // near the exact (5, 0, 0, 1, 3, 1), shrunk a little by λ
 */
export function ridge(X: Matrix64, y: Float64Array, lambda: number, options?: RidgeOptions): Float64Array {
  const fn = 'ridge';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  checkLambda(fn, lambda);
  checkOptions(fn, options, ['penalizeIntercept']);
  const free = freeColumn(fn, X, options);
  const { XtX, Xty } = normalEquations(X, y);
  const p = X.cols, nLambda = X.rows * lambda;
  for (let j = 0; j < p; j++) if (j !== free) XtX.data[j * p + j] += nLambda; // XᵀX + nλ D
  let L: Matrix64;
  try {
    L = cholesky(XtX);
  } catch (e) {
    throw new RangeError(`${fn}: XᵀX + nλD is not positive definite (λ = ${lambda}; X is ${X.rows}x${X.cols}); with λ = 0 X needs full column rank: ${(e as Error).message}`);
  }
  return choleskySolve(L, Xty);
}

/**
 * N-REG-04 (SVD form)  With the thin SVD X = U diag(s) Vᵀ, ridge shrinks each singular direction:
 *   θ̂ = V diag(s_k / (s_k² + nλ)) Uᵀ y.
 * With an unpenalized intercept the other columns and y are centred first (X̃ = X − 1x̄ᵀ,
 * ỹ = y − ȳ), the formula is applied to them, and θ₀ = ȳ − x̄ᵀθ: the same minimizer as `ridge`.
 * Directions with s_k² + nλ = 0 (λ = 0 and a zero singular value) are dropped (pseudo-inverse).
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * ridgeSvd(X, y, 0.01); // equals ridge(X, y, 0.01) to round-off
 */
export function ridgeSvd(X: Matrix64, y: Float64Array, lambda: number, options?: RidgeOptions): Float64Array {
  const fn = 'ridgeSvd';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  checkLambda(fn, lambda);
  checkOptions(fn, options, ['penalizeIntercept']);
  const free = freeColumn(fn, X, options);
  const n = X.rows, p = X.cols;
  const q = free < 0 ? p : p - 1; // penalized columns
  const cols: number[] = [];
  for (let j = 0; j < p; j++) if (j !== free) cols.push(j);
  const means = new Float64Array(q);
  let yMean = 0;
  if (free >= 0) {
    for (let k = 0; k < q; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X.data[i * p + cols[k]];
      means[k] = s / n;
    }
    for (const v of y) yMean += v / n;
  }
  const Z = matrix64(n, q);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < q; k++) Z.data[i * q + k] = X.data[i * p + cols[k]] - means[k];
    yc[i] = y[i] - yMean;
  }
  const theta = new Float64Array(p);
  if (q > 0) {
    const { u, s, v } = svd(Z);
    const r = s.length;
    const nLambda = n * lambda;
    for (let k = 0; k < r; k++) {
      const denom = s[k] * s[k] + nLambda;
      if (denom === 0) continue;
      let uty = 0; // (Uᵀ y)_k
      for (let i = 0; i < n; i++) uty += u.data[i * r + k] * yc[i];
      const c = (s[k] / denom) * uty; // shrunken component s_k/(s_k² + nλ) · u_kᵀy
      for (let j = 0; j < q; j++) theta[cols[j]] += v.data[j * v.cols + k] * c;
    }
  }
  if (free >= 0) {
    let t = yMean;
    for (let k = 0; k < q; k++) t -= means[k] * theta[cols[k]];
    theta[free] = t; // θ₀ = ȳ − x̄ᵀθ
  }
  return theta;
}
