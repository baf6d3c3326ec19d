/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: the cyclic Jacobi method up to n = 32,
 * tridiagonalization and implicit QL (dense-tridiagonal.ts) above.
 * Algorithm: Golub & Van Loan, Matrix Computations (4th ed.), sec. 8.5 (Alg. 8.5.1 for the
 * 2 x 2 symmetric Schur decomposition, Alg. 8.5.3 cyclic Jacobi); the "negligible entry" rule
 * follows Numerical Recipes (Press et al., 3rd ed., sec. 11.1). About 3-10 sweeps of n^2/2
 * rotations, each O(n): O(n^3) per sweep. Jacobi is slower than tridiagonal QR but simple and
 * accurate (small eigenvalues get small relative errors on well-scaled matrices).
 */
import { type Matrix64 } from './matrix.js';
import { EPS, checkInput, checkPositiveInteger, frobenius, rangeExponent, scaleByPowerOfTwo } from './dense-checks.js';
import { checkSymmetric } from './dense-cholesky.js';
import { jacobiTangent, rotateColumns, rotateRows } from './dense-jacobi.js';
import { tridiagonalEigen } from './dense-tridiagonal.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /** Largest accepted |a_ij - a_ji| relative to max|a_kl|. Default 1e-10. */
  symmetryTolerance?: number;
  /** Sweeps before giving up with an error. Default 100 (quadratic convergence needs ~10). */
  maxSweeps?: number;
}

/** Result of {@link symmetricEigen}: A = V diag(values) V^T. */
export interface SymmetricEigenResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** n x n orthogonal matrix; column k is the unit eigenvector of values[k]. */
  vectors: Matrix64;
}

/**
 * Eigen-decomposition A = V diag(lambda) V^T of a real symmetric matrix by cyclic Jacobi
 * rotations. Each rotation J(p, q, theta) zeroes a_pq:
 *
 *   tau = (a_qq - a_pp) / (2 a_pq),  t = sign(tau) / (|tau| + sqrt(1 + tau^2)),
 *   c = 1 / sqrt(1 + t^2),  s = t c,   A <- J^T A J,  V <- V J,
 *
 * so a_pp <- a_pp - t a_pq and a_qq <- a_qq + t a_pq. Sweeps over all pairs p < q repeat until
 * off(A) = sqrt(sum_{i != j} a_ij^2) <= eps ||A||_F. That is for n <= 32; a larger matrix is
 * reduced to tridiagonal form by Householder reflections and diagonalized by implicit QL steps
 * with Wilkinson shifts (Golub & Van Loan sec. 8.3; EISPACK tred2/tql2), about 9 n^3 flops in all,
 * eigenvalues to a small multiple of eps ||A|| (Jacobi also gives tiny eigenvalues a small
 * relative error on well-scaled input). The input is not modified; it is checked for symmetry
 * (RangeError naming i, j) and then symmetrized as (A + A^T) / 2. Throws a RangeError after
 * `maxSweeps` Jacobi sweeps (or 30 n QL iterations) without convergence.
 *
 * @example
 * const { values, vectors } = symmetricEigen(matrix64(2, 2, [2, 1, 1, 2]));
 * // values = [1, 3]; vectors columns ±[1, -1]/sqrt(2) and ±[1, 1]/sqrt(2)
 */
export function symmetricEigen(a: Matrix64, options: SymmetricEigenOptions = {}): SymmetricEigenResult {
  checkOptionKeys('symmetricEigen', options, ['symmetryTolerance', 'maxSweeps']);
  checkInput('symmetricEigen', 'a', a, true);
  checkSymmetric('symmetricEigen', a, options.symmetryTolerance ?? 1e-10);
  const maxSweeps = options.maxSweeps ?? 100;
  checkPositiveInteger('symmetricEigen', 'maxSweeps', maxSweeps);
  const n = a.rows;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A[i * n + j] = 0.5 * a.data[i * n + j] + 0.5 * a.data[j * n + i]; // halves first: no overflow
  }
  // entries far from 1 (see svd): the eigenvalues of 2^k A, scaled back by 2^-k (an eigenvalue
  // beyond the float64 range comes back as +-Infinity)
  const k = rangeExponent(A);
  scaleByPowerOfTwo(A, k);
  if (n > JACOBI_MAX) {
    const values = new Float64Array(n);
    tridiagonalEigen(A, values, n); // A becomes the eigenvectors (columns)
    return sortedPairs({ values, vectors: A }, n, k);
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const target = EPS * frobenius({ rows: n, cols: n, data: A }); // ||A||_F is invariant under J

  let sweep = 0;
  for (;;) {
    const off = offDiagonalNorm(A, n);
    if (off <= target || off === 0) break;
    if (sweep === maxSweeps) {
      throw new RangeError(`symmetricEigen: no convergence after ${maxSweeps} sweeps (off-diagonal norm ${off}, target ${target})`);
    }
    sweep++;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p];
        const aqq = A[q * n + q];
        // Negligible rule (Numerical Recipes): after a few sweeps, an a_pq too small to change
        // either diagonal entry in float64 is set to zero instead of rotated.
        const g = 100 * Math.abs(apq);
        if (sweep > 4 && Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq)) {
          A[p * n + q] = 0;
          A[q * n + p] = 0;
          continue;
        }
        rotate(A, V, n, p, q, app, aqq, apq);
      }
    }
  }

  const diagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) diagonal[i] = A[i * n + i];
  return sortedPairs({ values: diagonal, vectors: V }, n, k);
}

/**
 * Largest n solved by cyclic Jacobi; above it, Householder tridiagonalization and implicit QL
 * (dense-tridiagonal.ts), about 9 n^3 flops in all against ~6 n^3 per Jacobi sweep (Jacobi takes
 * 6-10 sweeps): bench/cases/dense.ts, n = 100: 25.2 ms by Jacobi, 4.6 ms by QL; n = 400: 2.21 s,
 * 0.29 s.
 */
const JACOBI_MAX = 32;

/** Values ascending (scaled back by 2^-k), the vector columns permuted with them. */
function sortedPairs(pairs: { values: Float64Array; vectors: Float64Array }, n: number, k: number): SymmetricEigenResult {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => pairs.values[i] - pairs.values[j] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const src = order[c];
    values[c] = pairs.values[src];
    for (let i = 0; i < n; i++) vectors[i * n + c] = pairs.vectors[i * n + src];
  }
  scaleByPowerOfTwo(values, -k);
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}

/** off(A) = sqrt(sum_{i != j} a_ij^2). */
function offDiagonalNorm(A: Float64Array, n: number): number {
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) scale = Math.max(scale, Math.abs(A[i * n + j]));
  }
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = A[i * n + j] / scale;
      s += v * v;
    }
  }
  return scale * Math.sqrt(s);
}

/** One Jacobi rotation in the (p, q) plane that zeroes a_pq: A <- J^T A J, V <- V J. */
function rotate(A: Float64Array, V: Float64Array, n: number, p: number, q: number, app: number, aqq: number, apq: number): void {
  // 2 x 2 symmetric Schur decomposition (Golub & Van Loan Alg. 8.5.1).
  const t = jacobiTangent((aqq - app) / (2 * apq));
  const c = 1 / Math.sqrt(1 + t * t);
  const s = t * c;
  // Columns p, q of A J:  a_kp <- c a_kp - s a_kq,  a_kq <- s a_kp + c a_kq.
  rotateColumns(A, n, n, p, q, c, s);
  // Rows p, q of J^T (A J):  a_pk <- c a_pk - s a_qk,  a_qk <- s a_pk + c a_qk.
  rotateRows(A, n, p, q, c, s);
  // The exact results on the 2 x 2 block (more accurate than the updates above).
  A[p * n + p] = app - t * apq;
  A[q * n + q] = aqq + t * apq;
  A[p * n + q] = 0;
  A[q * n + p] = 0;
  // V <- V J (same column update).
  rotateColumns(V, n, n, p, q, c, s);
}
