/**
 * Tour chapter 3: small dense float64 linear algebra (LU, Cholesky, QR, eigenvalues, SVD)
 * checked against closed forms.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  matrix64,
  determinant,
  solve,
  cholesky,
  choleskySolve,
  leastSquares,
  symmetricEigen,
  eigenvalues,
  eigenvectorFor,
  svd,
  rank,
  type Matrix64,
} from '../../../lib/index.js';

const EPS = 2 ** -52;

/** n x n with 2 on the diagonal and -1 beside it: eigenvalues 2 - 2 cos(k pi / (n + 1)). */
function tridiagonal(n: number): Matrix64 {
  const a = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    a.data[i * n + i] = 2;
    if (i > 0) { a.data[i * n + i - 1] = -1; a.data[(i - 1) * n + i] = -1; }
  }
  return a;
}

/** A deterministic, well-conditioned test matrix: sin(i + 2j + 1) plus n on the diagonal. */
function testMatrix(m: number, n: number): Matrix64 {
  const a = matrix64(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a.data[i * n + j] = Math.sin(i + 2 * j + 1) + (i === j ? n : 0);
  return a;
}

function product(a: Matrix64, b: Matrix64): Matrix64 {
  const c = matrix64(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p] * b.data[p * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  }
  return c;
}

export const chapter: TourChapter = {
  title: 'Dense float64 linear algebra',
  order: 3,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const n = 5;
    const T = tridiagonal(n);
    const formula = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));

    // Symmetric Jacobi: ascending eigenvalues.
    const sym = symmetricEigen(T).values;
    let errSym = 0;
    for (let k = 0; k < n; k++) errSym = Math.max(errSym, Math.abs(sym[k] - formula[k]));
    rows.push(compareRow('tridiag 5x5 symmetricEigen: max |lambda - formula|', errSym, 0, 40 * n * EPS, '2 - 2cos(k pi/6), exact'));

    // General (Hessenberg + Francis QR): descending modulus.
    const gen = eigenvalues(T);
    rows.push(compareRow('tridiag 5x5 eigenvalues (nonsymmetric path): largest', gen.re[0], 2 + Math.sqrt(3), 40 * n * EPS, '2 - 2cos(5 pi/6) = 2 + sqrt 3', 16));

    // A rotation by t has eigenvalues cos t ± i sin t.
    const t = 0.7;
    const rot = eigenvalues(matrix64(2, 2, [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]));
    rows.push(compareRow('rotation by 0.7: imaginary part of eigenvalue', rot.im[0], Math.sin(t), 4 * EPS, 'sin 0.7', 16));

    // Markov chain N-MC-02: eigenvalue 1, stationary distribution (1/4, 1/2, 1/4).
    const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
    const we = eigenvalues(W);
    rows.push(compareRow('N-MC-02 chain: second eigenvalue', we.re[1], 0.5, 1e-14, 'notes 000 "Understanding the basics": {1, 1/2, 0}', 16));
    const v = eigenvectorFor(W, we.re[0]);
    const sum = v.reduce((s, x) => s + x, 0);
    rows.push(compareRow('N-MC-02 chain: pi_1 from eigenvectorFor(W, 1)', v[1] / sum, 0.5, 1e-14, 'pi = (1/4, 1/2, 1/4), exact', 16));

    // Hilbert 5: det = 1 / 266716800000 (c_5^4 / c_10, c_n = 1! 2! ... (n-1)!).
    const H = matrix64(5, 5);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) H.data[i * 5 + j] = 1 / (i + j + 1);
    const exactDet = 1 / 266716800000;
    rows.push(compareRow('Hilbert 5x5 determinant (LU)', determinant(H), exactDet, 1e-9 * exactDet, 'exact 1/266716800000 (cond ~ 5e5)', 12));

    // Rank of a 6x2 times 2x5 product.
    const B = testMatrix(6, 2);
    const C = testMatrix(2, 5);
    rows.push(compareRow('rank of (6x2)(2x5) product (SVD, numpy tol)', rank(product(B, C)), 2, 0, 'rank <= 2, factors have rank 2'));

    // Solve residual: backward error ||A x - b||_inf / (||A||_inf ||x||_inf) ~ n eps.
    const m = 60;
    const A = testMatrix(m, m);
    const b = new Float64Array(m).map((_, i) => Math.cos(i));
    const x = solve(A, b);
    let res = 0; let aNorm = 0; let xNorm = 0;
    for (let i = 0; i < m; i++) {
      let r = -b[i]; let row = 0;
      for (let j = 0; j < m; j++) { r += A.data[i * m + j] * x[j]; row += Math.abs(A.data[i * m + j]); }
      res = Math.max(res, Math.abs(r)); aNorm = Math.max(aNorm, row); xNorm = Math.max(xNorm, Math.abs(x[i]));
    }
    rows.push(compareRow('solve 60x60: backward error ||Ax-b||/(||A|| ||x||)', res / (aNorm * xNorm), 0, m * EPS, 'LU backward stability: <= n eps', 3));

    // Cholesky solve and least squares on exact problems.
    const S = matrix64(3, 3, [4, 12, -16, 12, 37, -43, -16, -43, 98]); // L = [[2,0,0],[6,1,0],[-8,5,3]]
    const xs = choleskySolve(cholesky(S), new Float64Array([0, 6, 39])); // S (1, 1, 1)
    rows.push(compareRow('choleskySolve: x_2 for S x = S (1,1,1)', xs[2], 1, 1e-13, 'exact x = (1, 1, 1)', 16));
    const fit = leastSquares(matrix64(4, 2, [1, 0, 1, 1, 1, 2, 1, 3]), new Float64Array([2, 2, 4, 8]));
    rows.push(compareRow('leastSquares line fit: slope', fit[1], 2, 1e-13, 'y = 1 + 2t + e, e orthogonal to [1, t]', 16));

    // SVD of [[3, 0], [4, 5]]: singular values sqrt 45 and sqrt 5.
    const s = svd(matrix64(2, 2, [3, 0, 4, 5])).s;
    rows.push(compareRow('svd [[3,0],[4,5]]: s_1', s[0], Math.sqrt(45), 1e-14, 'eigenvalues of A^T A: 45, 5', 16));
    return rows;
  },
};
