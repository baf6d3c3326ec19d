/**
 * Ordinary least squares (N-REG-02, N-REG-03): the cost C(θ) = (1/n)‖y − Xθ‖² and its minimizer
 * from the normal equations XᵀXθ = Xᵀy, solved by Cholesky on XᵀX or by QR on X — never with an
 * explicit inverse.
 */
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { cholesky, choleskySolve, leastSquares, rank, svd } from '../linalg/dense.js';
import { predictLinear } from './design.js';
import { checkCoefficients, checkDesign, checkOptions, checkTargets, describe } from './checks.js';

/**
 * N-REG-02  The mean squared error C(θ) = (1/n) Σ_i (y_i − ỹ_i)² = (1/n)‖y − Xθ‖² (no ½: the
 * regression chapter's scaling).
 *
 * @example
 * mse(designMatrix([[0, 1]], { intercept: true }), new Float64Array([1, 2]), new Float64Array([1, 0])); // (0 + 1)/2 = 0.5
 */
export function mse(X: Matrix64, y: Float64Array, theta: Float64Array): number {
  checkDesign('mse', X);
  checkTargets('mse', y, X);
  checkCoefficients('mse', theta, X);
  const yHat = predictLinear(X, theta);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - yHat[i]) ** 2;
  return s / y.length;
}

/**
 * The coefficient of determination R² = 1 − Σ(y − ỹ)² / Σ(y − ȳ)² of the fit θ on (X, y)
 * (1 for a perfect fit, 0 for predicting the mean; NaN when y is constant).
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * r2(X, y, ols(X, y)); // close to 1: the model is exact up to the noise
 */
export function r2(X: Matrix64, y: Float64Array, theta: Float64Array): number {
  checkDesign('r2', X);
  checkTargets('r2', y, X);
  checkCoefficients('r2', theta, X);
  const yHat = predictLinear(X, theta);
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let res = 0, tot = 0;
  for (let i = 0; i < y.length; i++) {
    res += (y[i] - yHat[i]) ** 2;
    tot += (y[i] - mean) ** 2;
  }
  return 1 - res / tot;
}

/**
 * The two sides of the normal equations (N-REG-03): XᵀX (p x p, symmetric) and Xᵀy (length p),
 * accumulated in float64.
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * const { XtX, Xty } = normalEquations(X, y); // XtX θ = Xty
 */
export function normalEquations(X: Matrix64, y: Float64Array): { XtX: Matrix64; Xty: Float64Array } {
  checkDesign('normalEquations', X);
  checkTargets('normalEquations', y, X);
  const { rows: n, cols: p } = X;
  const XtX = matrix64(p, p);
  const Xty = new Float64Array(p);
  const A = X.data;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += A[i * p + j] * A[i * p + k];
      XtX.data[j * p + k] = s;
      XtX.data[k * p + j] = s;
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += A[i * p + j] * y[i];
    Xty[j] = t;
  }
  return { XtX, Xty };
}

/**
 * N-REG-03  The OLS coefficients θ̂ = argmin (1/n)‖y − Xθ‖², i.e. the solution of the normal
 * equations XᵀXθ = Xᵀy. `method` 'qr' (default) solves X = QR, Rθ = Qᵀy without forming XᵀX, so
 * its error grows with cond(X); 'cholesky' forms XᵀX and factors it as LLᵀ, the notes' route,
 * whose error grows with cond(X)² (on a full-rank X with cond(X)² beyond about 1/ε, XᵀX is not
 * numerically positive definite and a RangeError says so). A rank-deficient X (numerical rank
 * below p, from the SVD) throws, naming the rank.
 *
 * @example
 * const X = designMatrix([[0, 1, 2]], { intercept: true });
 * ols(X, new Float64Array([1, 3, 5])); // [1, 2]  (y = 1 + 2x)
 */
export function ols(X: Matrix64, y: Float64Array, options?: { method?: 'cholesky' | 'qr' }): Float64Array {
  const fn = 'ols';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  checkOptions(fn, options, ['method']);
  const method = options?.method ?? 'qr';
  if (method !== 'cholesky' && method !== 'qr') throw new RangeError(`${fn}: method must be 'cholesky' or 'qr', got ${describe(method)}`);
  const r = rank(X);
  if (r < X.cols) {
    throw new RangeError(`${fn}: X is ${X.rows}x${X.cols} but has rank ${r} < ${X.cols}: its columns are linearly dependent, so XᵀX is singular and θ is not unique (drop columns, or use ridge)`);
  }
  if (method === 'qr') return leastSquares(X, y);
  const { XtX, Xty } = normalEquations(X, y);
  let L: Matrix64;
  try {
    L = cholesky(XtX);
  } catch (e) {
    const s = svd(X).s;
    const cond = s[0] / s[X.cols - 1];
    throw new RangeError(`${fn}: XᵀX is not numerically positive definite although X has full rank: cond(X) = ${cond.toExponential(2)}, so cond(XᵀX) = ${(cond * cond).toExponential(2)}, beyond what the normal equations can take in float64; use the default method 'qr', which works on X itself (${(e as Error).message})`);
  }
  return choleskySolve(L, Xty); // XᵀX θ = Xᵀy
}
