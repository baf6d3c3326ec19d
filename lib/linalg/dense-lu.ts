/**
 * LU factorization with partial pivoting and what it gives cheaply: linear solves, the
 * determinant and the inverse. Algorithm: Golub & Van Loan, Matrix Computations (4th ed.),
 * Alg. 3.4.1 (Gaussian elimination with partial pivoting, outer-product form). Cost (2/3) n^3.
 */
import { type Matrix64, identity64, shapeOf } from './matrix.js';
import { EPS, checkInput, maxAbs, rightHandSide } from './dense-checks.js';

/** Result of {@link lu}: P A = L U stored compactly. */
export interface LUResult {
  /**
   * n x n: the strictly lower part holds L (its unit diagonal is not stored), the upper part
   * including the diagonal holds U.
   */
  lu: Matrix64;
  /** Row permutation: row i of P A is row `pivots[i]` of A. */
  pivots: Int32Array;
  /** det(P) = +1 or -1 (the parity of the row swaps). */
  sign: 1 | -1;
}

/**
 * LU factorization with partial pivoting: P A = L U, L unit lower triangular, U upper
 * triangular, |l_ij| <= 1. The input is not modified. A singular matrix is factored anyway
 * (a zero pivot column is skipped), so {@link determinant} can return 0; {@link solve} and
 * {@link inverse} are the ones that refuse singular matrices.
 *
 * Algorithm: at step k pick the row p >= k with the largest |a_pk|, swap rows k and p, then
 * for i > k:  l_ik = a_ik / a_kk,  a_ij <- a_ij - l_ik a_kj  (j > k).   (Golub & Van Loan 3.4.1)
 *
 * @example
 * const a = matrix64(2, 2, [1, 2, 3, 4]);
 * const { lu: f, pivots, sign } = lu(a);
 * // pivots = [1, 0] (row 1 has the larger first entry), sign = -1,
 * // f.data = [3, 4, 1/3, 2/3]: L = [[1, 0], [1/3, 1]], U = [[3, 4], [0, 2/3]]
 */
export function lu(a: Matrix64): LUResult {
  checkInput('lu', 'a', a, true);
  return luFactor(a);
}

/**
 * The factorization without input checks (callers have checked). Internal: not re-exported.
 * @internal
 * @example
 * const a = matrix64(2, 2, [1, 2, 3, 4]);
 * const f = luFactor(a); // same result as lu(a) for a checked square Matrix64
 */
export function luFactor(a: Matrix64): LUResult {
  const n = a.rows;
  const f = a.data.slice();
  const pivots = new Int32Array(n);
  for (let i = 0; i < n; i++) pivots[i] = i;
  let sign: 1 | -1 = 1;
  for (let k = 0; k < n; k++) {
    // Partial pivoting: the largest |a_ik| for i >= k goes to the diagonal.
    let p = k;
    let best = Math.abs(f[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(f[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = f[k * n + j]; f[k * n + j] = f[p * n + j]; f[p * n + j] = t;
      }
      const t = pivots[k]; pivots[k] = pivots[p]; pivots[p] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const pivot = f[k * n + k];
    if (pivot === 0) continue; // the whole column below is zero: nothing to eliminate
    for (let i = k + 1; i < n; i++) {
      const l = f[i * n + k] / pivot; // l_ik = a_ik / a_kk
      f[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) f[i * n + j] -= l * f[k * n + j]; // a_ij -= l_ik a_kj
    }
  }
  return { lu: { rows: n, cols: n, data: f }, pivots, sign };
}

/**
 * Throws a RangeError when a pivot u_kk is at round-off level: |u_kk| <= n eps max|a_ij|.
 * Such a matrix is singular to working precision (its condition number is ~1/eps or worse).
 * Internal: not re-exported.
 * @internal
 * @example
 * import { checkPivots, luFactor } from './dense-lu.js'; // internal
 * const a = matrix64(2, 2, [1, 2, 2, 4]); // singular: row 1 = 2 · row 0
 * try { checkPivots('solve', luFactor(a), maxAbs(a)); } catch (e) { console.log((e as Error).message); }
 * // names the pivot column
 */
export function checkPivots(fn: string, f: LUResult, scale: number): void {
  const n = f.lu.rows;
  const tol = n * EPS * scale;
  for (let k = 0; k < n; k++) {
    const u = f.lu.data[k * n + k];
    if (!(Math.abs(u) > tol)) {
      throw new RangeError(`${fn}: a is singular (to working precision): pivot column ${k} has |u_kk| = ${Math.abs(u)} <= n*eps*max|a_ij| = ${tol}`);
    }
  }
}

/**
 * Solves L U x = P b for an n x k right-hand side, returning x as a new n x k matrix (b is not
 * modified); no checks. Internal: not re-exported.
 * @internal
 * @example
 * import { luFactor, luSolveInto } from './dense-lu.js'; // internal
 * const a = matrix64(2, 2, [2, 1, 1, 3]), b = matrix64(2, 1, [3, 5]);
 * const x = luSolveInto(luFactor(a), b); // a x = b: x.data = [0.8, 1.4]; b is unchanged
 */
export function luSolveInto(f: LUResult, b: Matrix64): Matrix64 {
  const n = f.lu.rows;
  const k = b.cols;
  const L = f.lu.data;
  const x = new Float64Array(n * k);
  // x <- P b: row i of P b is row pivots[i] of b.
  for (let i = 0; i < n; i++) {
    const src = f.pivots[i] * k;
    for (let c = 0; c < k; c++) x[i * k + c] = b.data[src + c];
  }
  // Forward substitution L y = P b (unit diagonal): y_i = (P b)_i - sum_{j<i} l_ij y_j.
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = L[i * n + j];
      if (l === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= l * x[j * k + c];
    }
  }
  // Back substitution U x = y: x_i = (y_i - sum_{j>i} u_ij x_j) / u_ii.
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = L[i * n + j];
      if (u === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= u * x[j * k + c];
    }
    const d = L[i * n + i];
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  return { rows: n, cols: k, data: x };
}

/**
 * Solves A x = b for square A by LU with partial pivoting. `b` is a Float64Array of length n
 * (returns x as a Float64Array) or an n x k Matrix64 (returns the n x k solution, one column
 * per right-hand side). Inputs are not modified.
 *
 * Throws a RangeError when A is singular to working precision: some pivot |u_kk| <=
 * n eps max|a_ij| (the message names the pivot column). Cost (2/3) n^3 + 2 n^2 k.
 *
 * @example
 * const a = matrix64(2, 2, [2, 1, 1, 3]);
 * solve(a, new Float64Array([3, 5])); // Float64Array [0.8, 1.4]
 */
export function solve(a: Matrix64, b: Float64Array): Float64Array;
export function solve(a: Matrix64, b: Matrix64): Matrix64;
export function solve(a: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64;
export function solve(a: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64 {
  checkInput('solve', 'a', a, true);
  const rhs = rightHandSide('solve', b, a.rows, shapeOf(a));
  const f = luFactor(a);
  checkPivots('solve', f, maxAbs(a));
  const x = luSolveInto(f, rhs.m);
  return rhs.isVector ? x.data : x;
}

/**
 * det(A) = sign(P) * prod_k u_kk from the LU factorization (Golub & Van Loan sec. 3.4).
 * A singular matrix gives 0 (or a round-off-sized number); no error is thrown for it.
 * The 0 x 0 matrix has determinant 1. May overflow to ±Infinity for large n.
 *
 * @example
 * determinant(matrix64(2, 2, [1, 2, 3, 4])); // -2 (to round-off)
 */
export function determinant(a: Matrix64): number {
  checkInput('determinant', 'a', a, true);
  const f = luFactor(a);
  const n = a.rows;
  let det: number = f.sign;
  for (let k = 0; k < n; k++) det *= f.lu.data[k * n + k];
  return det;
}

/**
 * A^{-1} as a new matrix, by solving A X = I with one LU factorization (cost 2 n^3).
 * Prefer {@link solve} when you only need A^{-1} b: it is cheaper and more accurate.
 * Throws like {@link solve} for a matrix that is singular to working precision.
 *
 * @example
 * inverse(matrix64(2, 2, [4, 7, 2, 6])).data; // [0.6, -0.7, -0.2, 0.4] (to round-off)
 */
export function inverse(a: Matrix64): Matrix64 {
  checkInput('inverse', 'a', a, true);
  const f = luFactor(a);
  checkPivots('inverse', f, maxAbs(a));
  return luSolveInto(f, identity64(a.rows));
}
