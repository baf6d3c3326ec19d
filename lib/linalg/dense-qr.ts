/**
 * Householder QR factorization and linear least squares. Algorithm: Golub & Van Loan, Matrix
 * Computations (4th ed.), Alg. 5.1.1 (Householder vector) and 5.2.1 (Householder QR), with Q
 * accumulated backwards (sec. 5.1.6). Cost 2 m n^2 - (2/3) n^3 for R, about as much again for Q.
 */
import { type Matrix64, shapeOf } from './matrix.js';
import { EPS, checkInput, rangeExponent, rightHandSide, scaleByPowerOfTwo } from './dense-checks.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link qr}. */
export interface QROptions {
  /**
   * 'thin' (default): Q is m x n with orthonormal columns and R is n x n.
   * 'full': Q is m x m orthogonal and R is m x n (zero below row n).
   */
  mode?: 'thin' | 'full';
}

/** Result of {@link qr}: A = Q R. */
export interface QRResult {
  /** Orthonormal columns: m x n (thin) or m x m (full). */
  q: Matrix64;
  /** Upper triangular with diagonal >= 0: n x n (thin) or m x n (full). */
  r: Matrix64;
}

/**
 * QR factorization A = Q R of an m x n matrix with m >= n by Householder reflections
 * H_k = I - beta_k v_k v_k^T, each zeroing column k below the diagonal:
 * R = H_{n-1} ... H_0 A and Q = H_0 H_1 ... H_{n-1}.
 * Signs are normalized so that diag(R) >= 0; for A of full column rank this makes the thin
 * factorization unique (the same Q and R as Gram-Schmidt would give in exact arithmetic).
 * The input is not modified. Throws a RangeError when m < n (factor the transpose instead).
 *
 * @example
 * const { q, r } = qr(matrix64(2, 2, [3, 1, 4, 2]));
 * // q = [[0.6, -0.8], [0.8, 0.6]], r = [[5, 2.2], [0, 0.4]]  (to round-off)
 */
export function qr(a: Matrix64, options: QROptions = {}): QRResult {
  checkOptionKeys('qr', options, ['mode']);
  checkInput('qr', 'a', a, false);
  const mode = options.mode ?? 'thin';
  if (mode !== 'thin' && mode !== 'full') {
    throw new RangeError(`qr: mode must be 'thin' or 'full', got ${String(mode)}`);
  }
  const m = a.rows;
  const n = a.cols;
  if (m < n) {
    throw new RangeError(`qr: a is ${shapeOf(a)} but needs rows >= cols (m >= n); factor the transpose instead`);
  }
  const R = a.data.slice();
  // entries far from 1 (beyond 1.5e138 or below 6.7e-139, where v^T v would overflow or
  // underflow): factor 2^k A = Q (2^k R) and scale R back by 2^-k (Q is the same)
  const exponent = rangeExponent(R);
  scaleByPowerOfTwo(R, exponent);
  const vs: Float64Array[] = [];
  const betas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // Householder vector for x = R[k.., k]: H x = alpha e_1 with alpha = -sign(x_0) ||x||,
    // v = x - alpha e_1 (no cancellation in v_0), beta = 2 / (v^T v).
    let scale = 0;
    for (let i = k; i < m; i++) scale = Math.max(scale, Math.abs(R[i * n + k]));
    const v = new Float64Array(m - k);
    vs.push(v);
    if (scale === 0) continue; // zero column: H_k = I
    let norm2 = 0;
    for (let i = k; i < m; i++) {
      const t = R[i * n + k] / scale;
      v[i - k] = R[i * n + k];
      norm2 += t * t;
    }
    const norm = scale * Math.sqrt(norm2);
    const alpha = v[0] >= 0 ? -norm : norm;
    v[0] -= alpha;
    let vtv = 0;
    for (let i = 0; i < v.length; i++) vtv += v[i] * v[i];
    const beta = 2 / vtv;
    betas[k] = beta;
    // R[k.., k+1..] <- H_k R[k.., k+1..]: each column c gets c - beta v (v^T c).
    for (let j = k + 1; j < n; j++) {
      let p = 0;
      for (let i = k; i < m; i++) p += v[i - k] * R[i * n + j];
      p *= beta;
      for (let i = k; i < m; i++) R[i * n + j] -= p * v[i - k];
    }
    R[k * n + k] = alpha;
    for (let i = k + 1; i < m; i++) R[i * n + k] = 0;
  }
  // Q = H_0 ... H_{n-1} applied to the first qCols columns of I, last reflection first.
  const qCols = mode === 'thin' ? n : m;
  const Q = new Float64Array(m * qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) Q[i * qCols + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    const beta = betas[k];
    if (beta === 0) continue;
    for (let j = 0; j < qCols; j++) {
      let p = 0;
      for (let i = k; i < m; i++) p += v[i - k] * Q[i * qCols + j];
      if (p === 0) continue;
      p *= beta;
      for (let i = k; i < m; i++) Q[i * qCols + j] -= p * v[i - k];
    }
  }
  // Make diag(R) >= 0: flip row k of R and column k of Q together (Q R unchanged).
  for (let k = 0; k < n; k++) {
    if (R[k * n + k] < 0) {
      for (let j = k; j < n; j++) R[k * n + j] = -R[k * n + j];
      for (let i = 0; i < m; i++) Q[i * qCols + k] = -Q[i * qCols + k];
    }
  }
  scaleByPowerOfTwo(R, -exponent);
  const rRows = mode === 'thin' ? n : m;
  return {
    q: { rows: m, cols: qCols, data: Q },
    r: { rows: rRows, cols: n, data: rRows === m ? R : R.slice(0, n * n) },
  };
}

/**
 * Linear least squares: the x minimizing ||A x - b||_2 for an m x n matrix A of full column
 * rank (m >= n), via the thin QR factorization: x = R^{-1} Q^T b (Golub & Van Loan sec. 5.3.3).
 * Never forms A^T A, so it loses half as many digits as the normal equations on ill-conditioned
 * A. `b` is a Float64Array of length m (returns x, length n) or an m x k Matrix64 (returns n x k).
 * For square nonsingular A this is the solution of A x = b.
 *
 * Throws a RangeError when A is rank deficient to working precision, i.e. some
 * |r_kk| <= max(m, n) eps max_j |r_jj| (the message names the column k).
 *
 * @example
 * // Fit y = c0 + c1 t through (0, 1), (1, 3), (2, 5): exactly c = [1, 2].
 * const A = matrix64(3, 2, [1, 0, 1, 1, 1, 2]);
 * leastSquares(A, new Float64Array([1, 3, 5])); // Float64Array [1, 2] (to round-off)
 */
export function leastSquares(a: Matrix64, b: Float64Array): Float64Array;
export function leastSquares(a: Matrix64, b: Matrix64): Matrix64;
export function leastSquares(a: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64;
export function leastSquares(a: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64 {
  checkInput('leastSquares', 'a', a, false);
  const m = a.rows;
  const n = a.cols;
  if (m < n) {
    throw new RangeError(`leastSquares: a is ${shapeOf(a)} but needs rows >= cols (an underdetermined system has no unique least-squares solution)`);
  }
  const rhs = rightHandSide('leastSquares', b, m, shapeOf(a));
  const { q, r } = qr(a);
  const R = r.data;
  let rMax = 0;
  for (let k = 0; k < n; k++) rMax = Math.max(rMax, Math.abs(R[k * n + k]));
  const tol = Math.max(m, n) * EPS * rMax;
  for (let k = 0; k < n; k++) {
    const rkk = Math.abs(R[k * n + k]);
    if (!(rkk > tol) || rMax === 0) {
      throw new RangeError(`leastSquares: a is rank deficient: column ${k} is (nearly) a combination of the columns before it (|r_kk| = ${rkk} <= max(m,n)*eps*max|r_jj| = ${tol})`);
    }
  }
  const kCols = rhs.m.cols;
  const B = rhs.m.data;
  // c = Q^T b  (n x k)
  const x = new Float64Array(n * kCols);
  for (let j = 0; j < n; j++) {
    for (let c = 0; c < kCols; c++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += q.data[i * n + j] * B[i * kCols + c];
      x[j * kCols + c] = s;
    }
  }
  // R x = c by back substitution: x_i = (c_i - sum_{j>i} r_ij x_j) / r_ii
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const rij = R[i * n + j];
      for (let c = 0; c < kCols; c++) x[i * kCols + c] -= rij * x[j * kCols + c];
    }
    const d = R[i * n + i];
    for (let c = 0; c < kCols; c++) x[i * kCols + c] /= d;
  }
  return rhs.isVector ? x : { rows: n, cols: kCols, data: x };
}
