/**
 * Singular value decomposition by one-sided Jacobi (Hestenes 1958) and numerical rank.
 * References: J. Demmel & K. Veselic, "Jacobi's method is more accurate than QR", SIAM J. Matrix
 * Anal. Appl. 13 (1992) 1204-1245 (the one-sided algorithm and its stopping rule); Golub & Van
 * Loan, Matrix Computations (4th ed.), sec. 8.6.3 (Jacobi SVD procedures). The rank tolerance
 * follows numpy.linalg.matrix_rank. Cost O(m n^2) per sweep, typically 5-10 sweeps.
 */
import { type Matrix64, matrix64, transpose } from './matrix.js';
import { qr } from './dense-qr.js';
import { EPS, checkInput, checkPositiveInteger, frobenius, rangeExponent, scaleByPowerOfTwo } from './dense-checks.js';
import { jacobiTangent, rotateRows } from './dense-jacobi.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link svd}. */
export interface SVDOptions {
  /** Sweeps before giving up with an error. Default 60. */
  maxSweeps?: number;
}

/** Result of {@link svd}: A = U diag(s) V^T (thin). */
export interface SVDResult {
  /** m x k with orthonormal columns, k = min(m, n). */
  u: Matrix64;
  /** The k singular values, descending, all >= 0. */
  s: Float64Array;
  /** n x k with orthonormal columns. */
  v: Matrix64;
}

/**
 * Thin singular value decomposition A = U diag(s) V^T of an m x n matrix, k = min(m, n), by
 * one-sided Jacobi rotations: with m >= n, the columns of W = A V are made mutually orthogonal by
 * plane rotations (V accumulates them); then s_j = ||w_j|| and u_j = w_j / s_j. For each pair
 * (p, q) with alpha = ||w_p||^2, beta = ||w_q||^2, gamma = w_p . w_q:
 *
 *   zeta = (beta - alpha) / (2 gamma),  t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)),
 *   c = 1 / sqrt(1 + t^2),  s = c t,  [w_p, w_q] <- [c w_p - s w_q, s w_p + c w_q],
 *
 * skipped when |gamma| <= sqrt(m) eps sqrt(alpha beta) (the columns are orthogonal to working
 * precision); sweeps stop when a whole sweep skips every pair. For m < n the SVD of A^T is
 * computed and transposed back. Zero singular values get orthonormal completion columns in U,
 * so U always has orthonormal columns. The input is not modified.
 * Used for ranks, pseudo-inverses and the SVD form of ridge regression (N-REG-04 tests).
 * Throws a RangeError after `maxSweeps` sweeps without convergence.
 *
 * @example
 * const { u, s, v } = svd(matrix64(2, 2, [3, 0, 4, 5]));
 * // s = [sqrt(45), sqrt(5)] = [6.708..., 2.236...]
 */
export function svd(a: Matrix64, options: SVDOptions = {}): SVDResult {
  checkOptionKeys('svd', options, ['maxSweeps']);
  checkInput('svd', 'a', a, false);
  const maxSweeps = options.maxSweeps ?? 60;
  checkPositiveInteger('svd', 'maxSweeps', maxSweeps);
  // entries far from 1 (beyond 1.5e138 or below 6.7e-139, where the squared column norms would
  // overflow or underflow): the SVD of 2^k A, its singular values scaled back by 2^-k
  const k = rangeExponent(a.data);
  let scaled = a;
  if (k !== 0) {
    scaled = { rows: a.rows, cols: a.cols, data: a.data.slice() };
    scaleByPowerOfTwo(scaled.data, k);
  }
  let result: SVDResult;
  if (a.rows >= a.cols) result = oneSidedJacobi(scaled, maxSweeps);
  else {
    // A^T = U' S V'^T  =>  A = V' S U'^T.
    const t = oneSidedJacobi(transpose(scaled), maxSweeps);
    result = { u: t.v, s: t.s, v: t.u };
  }
  scaleByPowerOfTwo(result.s, -k);
  return result;
}

/** One-sided Jacobi on an m x n matrix with m >= n. */
function oneSidedJacobi(a: Matrix64, maxSweeps: number): SVDResult {
  const m = a.rows;
  const n = a.cols;
  // The columns w_j of W = A V and v_j of V are stored as rows (w_j at j m .. j m + m - 1): every
  // dot product and rotation then reads and writes contiguous memory. The operations and their
  // order are those of the column-major description above.
  const W = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) W[j * m + i] = a.data[i * n + j];
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const tol = Math.sqrt(m) * EPS;
  // A column that is still not orthogonal to another once its norm is down to round-off of the
  // whole matrix, ||w|| <= eps ||A||_F, is numerically zero: what is left of a column that
  // depends on the others after their components were taken out. Rotating it only takes out
  // the rounding noise, which leaves smaller noise, sweep after sweep, until its squares
  // underflow and the sweeps never end (a rank-deficient 3 x 3 did: rows (1, 1.5, 0.5) and
  // (0.5, 0.75, 0.25) stay exactly proportional under every rotation). Such a column is set to
  // zero, a backward error of at most eps ||A||_F (W = A V, V orthogonal), and U is completed
  // for it as for any zero singular value.
  const zeroNorm = EPS * frobenius(a);
  let converged = n < 2;
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const P = p * m, Q = q * m;
        for (let i = 0; i < m; i++) {
          const wp = W[P + i];
          const wq = W[Q + i];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        converged = false;
        if (Math.sqrt(Math.min(alpha, beta)) <= zeroNorm) {
          const zero = alpha <= beta ? P : Q;
          W.fill(0, zero, zero + m);
          continue;
        }
        // The rotation that zeroes the off-diagonal of [[alpha, gamma], [gamma, beta]] = [w_p w_q]^T [w_p w_q].
        const t = jacobiTangent((beta - alpha) / (2 * gamma));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(W, m, p, q, c, s); // W <- W J (its columns are W's rows)
        rotateRows(V, n, p, q, c, s); // V <- V J
      }
    }
  }
  if (!converged) {
    throw new RangeError(`svd: no convergence after ${maxSweeps} sweeps of one-sided Jacobi`);
  }
  // s_j = ||w_j||, sorted descending.
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let scale = 0;
    for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(W[j * m + i]));
    if (scale === 0) continue;
    let ss = 0;
    for (let i = 0; i < m; i++) { const t = W[j * m + i] / scale; ss += t * t; }
    norms[j] = scale * Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => norms[j] - norms[i] || i - j);
  const s = new Float64Array(n);
  const U = new Float64Array(m * n);
  const Vs = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    s[k] = norms[src];
    for (let i = 0; i < n; i++) Vs[i * n + k] = V[src * n + i];
    if (s[k] > 0) {
      for (let i = 0; i < m; i++) U[i * n + k] = W[src * m + i] / s[k];
    }
  }
  // Columns of U for s_k = 0: an orthonormal basis of the complement of the others' span, the
  // last columns of a full QR factorization of those (Householder: orthogonal to working
  // precision however many are missing; picking unit vectors e_i and orthogonalizing them ran
  // out of acceptable candidates when more than a few were missing).
  const kept: number[] = [];
  const missing: number[] = [];
  for (let k = 0; k < n; k++) (s[k] > 0 ? kept : missing).push(k);
  if (missing.length > 0) {
    const span = matrix64(m, kept.length);
    kept.forEach((k, j) => { for (let i = 0; i < m; i++) span.data[i * kept.length + j] = U[i * n + k]; });
    const full = qr(span, { mode: 'full' }).q; // m x m: columns kept.length.. span the complement
    missing.forEach((k, j) => { for (let i = 0; i < m; i++) U[i * n + k] = full.data[i * m + kept.length + j]; });
  }
  return { u: { rows: m, cols: n, data: U }, s, v: { rows: n, cols: n, data: Vs } };
}

/**
 * Numerical rank: the number of singular values s_k > tol. The default tolerance is
 * tol = max(m, n) * eps * s_max, the convention of numpy.linalg.matrix_rank (and of MATLAB's
 * rank): singular values below it are indistinguishable from round-off in A's entries.
 * A zero or empty matrix has rank 0.
 *
 * @example
 * rank(matrix64(2, 3, [1, 2, 3, 2, 4, 6])); // 1 (row 1 = 2 x row 0)
 */
export function rank(a: Matrix64, tol?: number): number {
  checkInput('rank', 'a', a, false);
  if (tol !== undefined && (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol))) {
    throw new RangeError(`rank: tol must be a finite number >= 0, got ${String(tol)}`);
  }
  if (a.rows === 0 || a.cols === 0) return 0;
  const { s } = svd(a);
  const threshold = tol ?? Math.max(a.rows, a.cols) * EPS * s[0];
  let r = 0;
  for (let k = 0; k < s.length; k++) if (s[k] > threshold) r++;
  return r;
}
