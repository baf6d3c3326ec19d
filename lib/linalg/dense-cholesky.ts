/**
 * Cholesky factorization A = L L^T of a symmetric positive definite matrix, and the solve
 * that uses it. Algorithm: Golub & Van Loan, Matrix Computations (4th ed.), Alg. 4.2.1
 * (the row-by-row "Cholesky-Banachiewicz" form). Cost n^3 / 3.
 */
import { type Matrix64, shapeOf } from './matrix.js';
import { checkInput, maxAbs, rightHandSide } from './dense-checks.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link cholesky}. */
export interface CholeskyOptions {
  /**
   * Largest accepted |a_ij - a_ji|, relative to max|a_kl|. Default 1e-10: loose enough for a
   * Gram matrix X^T X computed in float64, tight enough to catch a wrong matrix.
   */
  symmetryTolerance?: number;
}

/**
 * Throws a RangeError naming (i, j) when |a_ij - a_ji| > tol * max|a_kl|.
 * Shared by cholesky and symmetricEigen. Internal: not re-exported.
 * @internal
 * @example
 * const a = matrix64(3, 3, [4, 1, 2, 1, 3, 0, 0, 0, 5]);
 * try { checkSymmetric('cholesky', a, 1e-10); } catch (e) { console.log((e as Error).message); }
 * // 'cholesky: a is not symmetric: a[0][2] = ...'
 */
export function checkSymmetric(fn: string, a: Matrix64, relTol: number): void {
  if (!(relTol >= 0) || !Number.isFinite(relTol)) {
    throw new RangeError(`${fn}: symmetryTolerance must be a finite number >= 0, got ${relTol}`);
  }
  const n = a.rows;
  const d = a.data;
  const tol = relTol * maxAbs(a);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const diff = Math.abs(d[i * n + j] - d[j * n + i]);
      if (diff > tol) {
        throw new RangeError(`${fn}: a is not symmetric: a[${i}][${j}] = ${d[i * n + j]} but a[${j}][${i}] = ${d[j * n + i]} (difference ${diff} > ${relTol} * max|a|)`);
      }
    }
  }
}

/**
 * Cholesky factor of a symmetric positive definite matrix: the lower triangular L with positive
 * diagonal such that A = L L^T. Returns a new n x n matrix (zeros above the diagonal); the input
 * is not modified. Only the lower triangle of A is used after the symmetry check.
 *
 *   l_jj = sqrt(a_jj - sum_{k<j} l_jk^2),   l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj   (i > j)
 *
 * Throws a RangeError when A is not symmetric (naming i, j) or not positive definite: the
 * message names the column j where a_jj - sum_k l_jk^2 <= 0 and that value.
 * Used by regression (normal equations X^T X theta = X^T y, N-REG-03/04).
 *
 * @example
 * const L = cholesky(matrix64(2, 2, [4, 2, 2, 3]));
 * L.data; // Float64Array [2, 0, 1, 1.4142135623730951]
 */
export function cholesky(a: Matrix64, options: CholeskyOptions = {}): Matrix64 {
  checkOptionKeys('cholesky', options, ['symmetryTolerance']);
  checkInput('cholesky', 'a', a, true);
  checkSymmetric('cholesky', a, options.symmetryTolerance ?? 1e-10);
  const n = a.rows;
  const A = a.data;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // s = a_ij - sum_{k<j} l_ik l_jk
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new RangeError(`cholesky: a is not positive definite: at column ${j}, a_jj - sum_k l_jk^2 = ${s} (must be > 0)`);
        }
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return { rows: n, cols: n, data: L };
}

/**
 * Solves A x = b given the Cholesky factor L of A (A = L L^T): forward substitution L y = b,
 * then back substitution L^T x = y. Only the lower triangle of L is read. `b` is a
 * Float64Array of length n (returns a Float64Array) or an n x k Matrix64 (returns n x k).
 * Inputs are not modified. Cost 2 n^2 per right-hand side.
 *
 * @example
 * const L = cholesky(matrix64(2, 2, [4, 2, 2, 3]));
 * choleskySolve(L, new Float64Array([6, 5])); // Float64Array [1, 1] (to round-off)
 */
export function choleskySolve(L: Matrix64, b: Float64Array): Float64Array;
export function choleskySolve(L: Matrix64, b: Matrix64): Matrix64;
export function choleskySolve(L: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64;
export function choleskySolve(L: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64 {
  checkInput('choleskySolve', 'L', L, true);
  const n = L.rows;
  const rhs = rightHandSide('choleskySolve', b, n, shapeOf(L));
  const l = L.data;
  for (let j = 0; j < n; j++) {
    if (!(l[j * n + j] > 0)) {
      throw new RangeError(`choleskySolve: L[${j}][${j}] = ${l[j * n + j]}; a Cholesky factor has a positive diagonal`);
    }
  }
  const k = rhs.m.cols;
  const x = rhs.m.data.slice();
  // L y = b:  y_i = (b_i - sum_{j<i} l_ij y_j) / l_ii
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const lij = l[i * n + j];
      for (let c = 0; c < k; c++) x[i * k + c] -= lij * x[j * k + c];
    }
    const d = l[i * n + i];
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  // L^T x = y:  x_i = (y_i - sum_{j>i} l_ji x_j) / l_ii
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const lji = l[j * n + i];
      for (let c = 0; c < k; c++) x[i * k + c] -= lji * x[j * k + c];
    }
    const d = l[i * n + i];
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  return rhs.isVector ? x : { rows: n, cols: k, data: x };
}
