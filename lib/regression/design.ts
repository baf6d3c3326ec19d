/**
 * Design matrices (N-REG-01): ỹ = Xθ with X ∈ R^{n×p}, one row per data point and one column per
 * feature. The column order is part of the meaning of θ, so it is fixed and documented here.
 */
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { checkCoefficients, checkDesign, checkOptions, describe } from './checks.js';

/**
 * N-REG-01  The n x p design matrix whose columns are the given feature vectors, in order; with
 * `{ intercept: true }` a column of ones is put first (then θ₀ is the intercept).
 *
 * @example
 * designMatrix([[1, 2], [3, 4]], { intercept: true }); // rows [1, 1, 3], [1, 2, 4]
 */
export function designMatrix(columns: readonly ArrayLike<number>[], options?: { intercept?: boolean }): Matrix64 {
  const fn = 'designMatrix';
  checkOptions(fn, options, ['intercept']);
  if (!Array.isArray(columns) || columns.length === 0) throw new RangeError(`${fn}: columns must be a non-empty array of feature vectors, got ${describe(columns)}`);
  const n = columns[0].length;
  columns.forEach((c, j) => {
    if (c === null || typeof c !== 'object' || c.length !== n) throw new RangeError(`${fn}: column ${j} has length ${c?.length} but column 0 has length ${n}`);
  });
  const intercept = options?.intercept ?? false;
  const p = columns.length + (intercept ? 1 : 0);
  const X = matrix64(n, p);
  for (let i = 0; i < n; i++) {
    let j = 0;
    if (intercept) X.data[i * p + j++] = 1;
    for (const c of columns) X.data[i * p + j++] = c[i];
  }
  return X;
}

/**
 * All monomials x₀^a x₁^b with a + b ≤ degree as columns, ordered by total degree and, within a
 * degree, by decreasing power of x₀ (the order of scikit-learn's PolynomialFeatures):
 * degree 2 gives (1, x₀, x₁, x₀², x₀x₁, x₁²), so the exercise y = x₀² + 3x₀x₁ + x₁² + 5 has
 * θ = (5, 0, 0, 1, 3, 1) (N-REG-06). The first column is the intercept (ones).
 *
 * @example
 * polynomialFeatures2D([2], [3], 2).data; // [1, 2, 3, 4, 6, 9]
 */
export function polynomialFeatures2D(x0: ArrayLike<number>, x1: ArrayLike<number>, degree: number): Matrix64 {
  const fn = 'polynomialFeatures2D';
  if (x0 === null || x1 === null || typeof x0 !== 'object' || typeof x1 !== 'object' || x0.length !== x1.length) {
    throw new RangeError(`${fn}: x0 and x1 must be arrays of the same length, got ${describe(x0)} and ${describe(x1)}`);
  }
  if (!Number.isInteger(degree) || degree < 0) throw new RangeError(`${fn}: degree must be a non-negative integer, got ${describe(degree)}`);
  const n = x0.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw new RangeError(`${fn}: x0[${i}] is ${x0[i]}; the inputs must be finite`);
    if (!Number.isFinite(x1[i])) throw new RangeError(`${fn}: x1[${i}] is ${x1[i]}; the inputs must be finite`);
  }
  const p = ((degree + 1) * (degree + 2)) / 2;
  const X = matrix64(n, p);
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (let d = 0; d <= degree; d++) {
      for (let a = d; a >= 0; a--) X.data[i * p + j++] = x0[i] ** a * x1[i] ** (d - a); // x₀^a x₁^{d−a}
    }
  }
  return X;
}

/**
 * The predictions ỹ = Xθ (a new Float64Array of length n).
 *
 * @example
 * predictLinear(designMatrix([[0, 1, 2]], { intercept: true }), new Float64Array([1, 2])); // [1, 3, 5]
 */
export function predictLinear(X: Matrix64, theta: Float64Array): Float64Array {
  checkDesign('predictLinear', X);
  checkCoefficients('predictLinear', theta, X);
  const { rows: n, cols: p } = X;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += X.data[i * p + j] * theta[j];
    out[i] = s;
  }
  return out;
}

/**
 * The index of the first column of X whose entries are all exactly 1 (the intercept column that
 * `designMatrix({ intercept: true })` and `polynomialFeatures2D` put first), or −1 if there is
 * none. Ridge and Lasso leave that coefficient unpenalized unless asked otherwise.
 *
 * @example
 * interceptColumn(polynomialFeatures2D([1, 2], [3, 4], 1)); // 0
 */
export function interceptColumn(X: Matrix64): number {
  checkDesign('interceptColumn', X);
  for (let j = 0; j < X.cols; j++) {
    let ones = true;
    for (let i = 0; i < X.rows && ones; i++) ones = X.data[i * X.cols + j] === 1;
    if (ones) return j;
  }
  return -1;
}
