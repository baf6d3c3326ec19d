// svd (one-sided Jacobi) and rank (lib/linalg/dense-svd.ts).
// Tolerance for reconstructions: one-sided Jacobi applies plane rotations to the columns; each
// column takes part in (n - 1) rotations per sweep, and a product of r rotations is backward
// stable with error ~ r eps (Higham sec. 19.6). With <= ~10 sweeps, r <= 10 n; we allow
// ||A - U S V^T||_max <= 20 n eps ||A||_F and |U^T U - I|, |V^T V - I| <= 20 n eps.
// Singular values are perfectly conditioned: |ds_k| <= ||dA||_2 (Weyl).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matrix64, type Matrix64 } from '../../lib/linalg/matrix.js';
import { svd, rank, symmetricEigen } from '../../lib/linalg/dense.js';
import { EPS, randomMatrix, mul, tr, identity, maxDiff, frob, diag, tridiag, throwsWith } from './dense-helpers.js';

function checkSVD(a: Matrix64, label: string): Float64Array {
  const m = a.rows;
  const n = a.cols;
  const k = Math.min(m, n);
  const before = a.data.slice();
  const { u, s, v } = svd(a);
  assert.equal(Array.from(a.data), Array.from(before), `${label}: input unchanged`);
  assert.is(u.rows, m); assert.is(u.cols, k); assert.is(v.rows, n); assert.is(v.cols, k); assert.is(s.length, k);
  for (let i = 0; i < k; i++) {
    assert.ok(s[i] >= 0, `${label}: s >= 0`);
    if (i > 0) assert.ok(s[i] <= s[i - 1], `${label}: descending`);
  }
  const size = Math.max(m, n);
  const tol = 20 * size * EPS;
  assert.ok(maxDiff(mul(tr(u), u), identity(k)) <= tol, `${label}: U^T U = I`);
  assert.ok(maxDiff(mul(tr(v), v), identity(k)) <= tol, `${label}: V^T V = I`);
  assert.ok(maxDiff(mul(mul(u, diag(s)), tr(v)), a) <= tol * Math.max(frob(a), 1e-300), `${label}: U S V^T = A`);
  return s;
}

test('svd: U S V^T = A with orthonormal U, V on tall, wide, square and vector shapes', () => {
  const shapes: [number, number][] = [[1, 1], [1, 5], [5, 1], [7, 4], [4, 7], [10, 10], [37, 13]];
  shapes.forEach(([m, n], i) => checkSVD(randomMatrix(m, n, 100 + i), `${m}x${n}`));
});

test('svd: known singular values (by hand, diagonal with signs, SPD tridiagonal = its eigenvalues)', () => {
  // [[3, 0], [4, 5]]: A^T A = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
  const s1 = checkSVD(matrix64(2, 2, [3, 0, 4, 5]), 'by hand');
  assert.ok(Math.abs(s1[0] - Math.sqrt(45)) <= 8 * EPS * 7 && Math.abs(s1[1] - Math.sqrt(5)) <= 8 * EPS * 7);
  // Diagonal: singular values are |d| sorted; no rotation is needed, so they are exact.
  const s2 = checkSVD(diag([2, -7, 0, 3]), 'diagonal');
  assert.equal(Array.from(s2), [7, 3, 2, 0]);
  // The (2, -1) tridiagonal is SPD, so s_k = lambda_k = 2 - 2 cos(k pi / (n + 1)).
  const n = 9;
  const s3 = checkSVD(tridiag(n), 'tridiagonal');
  for (let k = 0; k < n; k++) {
    const exact = 2 - 2 * Math.cos(((n - k) * Math.PI) / (n + 1));
    assert.ok(Math.abs(s3[k] - exact) <= 20 * n * EPS * frob(tridiag(n)), `k=${k}`);
  }
});

test('svd: s^2 equals the eigenvalues of A^T A from symmetricEigen (independent algorithm)', () => {
  const a = randomMatrix(12, 6, 7);
  const { s } = svd(a);
  const ev = symmetricEigen(mul(tr(a), a)).values; // ascending
  const f = frob(a);
  // |d(s^2)| <= 2 s |ds| + eigen error on A^T A (8 n eps ||A^T A||_F <= 8 n eps ||A||_F^2).
  for (let k = 0; k < 6; k++) {
    const tol = 2 * s[0] * 20 * 12 * EPS * f + 8 * 6 * EPS * f * f;
    assert.ok(Math.abs(s[k] * s[k] - ev[5 - k]) <= tol, `k=${k}`);
  }
});

test('svd: rank-deficient input keeps orthonormal U (completed columns) and zero singular values', () => {
  const b = randomMatrix(6, 2, 8);
  const c = randomMatrix(2, 5, 9);
  const a = mul(b, c); // 6x5, rank 2
  const s = checkSVD(a, 'rank 2');
  const tol = 20 * 6 * EPS * frob(a);
  for (let k = 2; k < 5; k++) assert.ok(s[k] <= tol, `s_${k} = ${s[k]}`);
  assert.ok(s[1] > 1e3 * tol);
  checkSVD(matrix64(4, 3), 'zero matrix');
  checkSVD(matrix64(3, 4, [1, 2, 3, 4, 2, 4, 6, 8, -1, -2, -3, -4]), 'rank 1 wide');
  // 22 zero singular values of 32: U's completion must find an orthonormal basis of a
  // 22-dimensional complement (unit vectors e_i orthogonalized one by one ran short of
  // candidates, leaving the last columns zero)
  const big = mul(randomMatrix(32, 10, 10), randomMatrix(10, 32, 11));
  const t = checkSVD(big, 'rank 10 of 32');
  for (let k = 10; k < 32; k++) assert.ok(t[k] <= 20 * 32 * EPS * frob(big), `s_${k} = ${t[k]}`);
});

test('svd: rows that stay exactly proportional under every rotation (row 1 = row 0 / 2) converge', () => {
  // Every rotation keeps row 1 exactly half of row 0 (halving commutes with rounding), so the
  // column that depends on the others is left with rounding noise inside their span, which used
  // to shrink sweep after sweep until its squares underflowed: "no convergence after 60 sweeps".
  for (const [rows, data] of [
    [3, [1, 1.5, 0.5, 0.5, 0.75, 0.25, 1, 1, 1]],
    [4, [2, 1, 3, 1, 0.5, 1.5, 0.5, 0.25, 0.75, 1, -1, 2]],
  ] as const) {
    const a = matrix64(rows, 3, [...data]);
    const s = checkSVD(a, `${rows}x3 with proportional rows`);
    // the two nonzero singular values against sqrt of the eigenvalues of A^T A (two-sided Jacobi,
    // an independent algorithm), with the bound of the test above; the third is zero (rank 2)
    const ev = symmetricEigen(mul(tr(a), a)).values;
    const f = frob(a);
    for (let k = 0; k < 2; k++) assert.ok(Math.abs(s[k] * s[k] - ev[2 - k]) <= 2 * s[0] * 20 * rows * EPS * f + 8 * 3 * EPS * f * f, `s_${k}`);
    assert.ok(s[2] <= 20 * rows * EPS * f, `s_2 = ${s[2]}`);
    assert.is(rank(a), 2);
  }
});

test('rank: product of 6x2 and 2x5 has rank 2; identity, zero, outer product, explicit tol', () => {
  assert.is(rank(mul(randomMatrix(6, 2, 11), randomMatrix(2, 5, 12))), 2);
  assert.is(rank(mul(randomMatrix(5, 3, 13), randomMatrix(3, 8, 14))), 3);
  assert.is(rank(identity(7)), 7);
  assert.is(rank(matrix64(3, 4)), 0);
  assert.is(rank(matrix64(0, 3)), 0);
  assert.is(rank(matrix64(2, 3, [1, 2, 3, 2, 4, 6])), 1);
  assert.is(rank(randomMatrix(9, 4, 15)), 4);
  // diag(1, 1e-3, 1e-9): full rank under the default tol (3 eps), rank 2 with tol 1e-6.
  const d = diag([1, 1e-3, 1e-9]);
  assert.is(rank(d), 3);
  assert.is(rank(d, 1e-6), 2);
  assert.is(rank(d, 0), 3);
  // A nearly dependent column: col 2 = col 0 + col 1 + 1e-17 noise is rank 2 to working precision.
  const a = randomMatrix(5, 3, 16);
  for (let i = 0; i < 5; i++) a.data[i * 3 + 2] = a.data[i * 3] + a.data[i * 3 + 1] + (i % 2 ? 1e-17 : -1e-17);
  assert.is(rank(a), 2);
});

test('svd/rank: bad input errors', () => {
  throwsWith(() => svd(matrix64(2, 2, [1, 2, NaN, 4])), RangeError, 'svd: a[1][0] is NaN');
  throwsWith(() => svd(randomMatrix(8, 8, 17), { maxSweeps: 1 }), RangeError, 'svd: no convergence after 1 sweeps');
  throwsWith(() => svd(identity(2), { maxSweeps: -3 }), RangeError, 'svd: maxSweeps must be a positive integer, got -3');
  throwsWith(() => rank(identity(2), -1), RangeError, 'rank: tol must be a finite number >= 0, got -1');
  throwsWith(() => rank(identity(2), NaN), RangeError, 'rank: tol must be a finite number >= 0, got NaN');
  throwsWith(() => rank({ rows: 1, cols: 1, data: new Float32Array(1) } as unknown as Matrix64), TypeError, 'rank: a must be a Matrix64');
});

test.run();
