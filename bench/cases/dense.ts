/**
 * Small dense float64 decompositions (lib/linalg/dense.ts) at n = 100, and symmetricEigen and svd at 400.
 *
 * Rates are *effective* GFLOP/s: the nominal flop count of the standard algorithm from
 * Golub & Van Loan, Matrix Computations (4th ed.), table in sec. 8.6 and secs. 3.2, 4.2, 5.2, 7.5,
 * divided by the time. For the Jacobi SVD (and symmetricEigen up to n = 32) the nominal count is that
 * of the QR-based algorithm they replace, so the rate says how they compare with it, not how many
 * operations Jacobi really did. The functions return new matrices, so each call allocates its
 * result (these are convenience functions, not hot-loop kernels); inputs are built at module level.
 */
import type { BenchCase } from '../harness.js';
import { matrix64, type Matrix64 } from '../../lib/linalg/matrix.js';
import { lu, solve, cholesky, qr, symmetricEigen, eigenvalues, svd } from '../../lib/linalg/dense.js';

const n = 100;

function lcgMatrix(rows: number, cols: number, seed: number): Matrix64 {
  let s = seed >>> 0;
  const a = matrix64(rows, cols);
  for (let k = 0; k < rows * cols; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a.data[k] = (s >>> 8) / 8388608 - 1;
  }
  return a;
}

const a = lcgMatrix(n, n, 1);
const b = lcgMatrix(n, 1, 2).data;
// SPD: A A^T + n I; also the symmetric input for the eigen case.
const spd = matrix64(n, n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < n; p++) s += a.data[i * n + p] * a.data[j * n + p];
    spd.data[i * n + j] = s + (i === j ? n : 0);
  }
}
// A 400 x 400 symmetric matrix (B + B^T) for the larger eigen case.
const big = lcgMatrix(400, 400, 3);
const sym400 = matrix64(400, 400);
for (let i = 0; i < 400; i++) for (let j = 0; j < 400; j++) sym400.data[i * 400 + j] = big.data[i * 400 + j] + big.data[j * 400 + i];
let sink = 0;

export const cases: BenchCase[] = [
  { name: 'dense lu 100', group: 'dense float64', unit: 'flop', work: (2 / 3) * n ** 3, run: () => { sink += lu(a).sign; } },
  { name: 'dense solve 100', group: 'dense float64', unit: 'flop', work: (2 / 3) * n ** 3 + 2 * n * n, run: () => { sink += solve(a, b)[0]; } },
  { name: 'dense cholesky 100', group: 'dense float64', unit: 'flop', work: n ** 3 / 3, run: () => { sink += cholesky(spd).data[0]; } },
  { name: 'dense qr 100 (Q and R)', group: 'dense float64', unit: 'flop', work: (8 / 3) * n ** 3, run: () => { sink += qr(a).r.data[0]; } },
  { name: 'dense eigenvalues 100 (nonsymmetric)', group: 'dense float64', unit: 'flop', work: 10 * n ** 3, run: () => { sink += eigenvalues(a).re[0]; } },
  { name: 'dense symmetricEigen 100 (tridiagonal QL, 9n^3)', group: 'dense float64', unit: 'flop', work: 9 * n ** 3, run: () => { sink += symmetricEigen(spd).values[0]; } },
  { name: 'dense symmetricEigen 400 (tridiagonal QL, 9n^3)', group: 'dense float64', unit: 'flop', work: 9 * 400 ** 3, run: () => { sink += symmetricEigen(sym400).values[0]; } },
  { name: 'dense svd 100 (Jacobi, vs 6mn^2+20n^3)', group: 'dense float64', unit: 'flop', work: 26 * n ** 3, run: () => { sink += svd(a).s[0]; } },
  { name: 'dense svd 400 (Jacobi, vs 6mn^2+20n^3)', group: 'dense float64', unit: 'flop', work: 26 * 400 ** 3, run: () => { sink += svd(big).s[0]; } },
];

/** Keeps the results alive so the calls are not optimized away. */
export function benchSink(): number {
  return sink;
}
