/**
 * Small dense float64 linear algebra over `Matrix64`: LU (solve, determinant, inverse),
 * Cholesky, Householder QR and least squares, symmetric eigen (cyclic Jacobi), eigenvalues of a
 * general real matrix (Hessenberg + Francis double-shift QR), inverse iteration, SVD (one-sided
 * Jacobi) and numerical rank. Meant for matrices up to a few hundred rows: O(n^3) algorithms,
 * written for clarity and accuracy, not blocked for speed. See docs/linalg.md.
 *
 * The implementations live in dense-*.ts; only the names below are public.
 */
export { lu, solve, determinant, inverse, type LUResult } from './dense-lu.js';
export { cholesky, choleskySolve, type CholeskyOptions } from './dense-cholesky.js';
export { qr, leastSquares, type QROptions, type QRResult } from './dense-qr.js';
export { symmetricEigen, type SymmetricEigenOptions, type SymmetricEigenResult } from './dense-eigen-symmetric.js';
export {
  hessenberg,
  eigenvalues,
  eigenvectorFor,
  type HessenbergResult,
  type EigenvaluesOptions,
  type EigenvaluesResult,
  type EigenvectorOptions,
} from './dense-eigen-general.js';
export { svd, rank, type SVDOptions, type SVDResult } from './dense-svd.js';
