// Cholesky, choleskySolve, Householder QR and leastSquares (lib/linalg/dense-cholesky.ts,
// dense-qr.ts). Tolerances are rounding-error bounds from Higham, "Accuracy and Stability of
// Numerical Algorithms" (2nd ed.), with gamma_k = k eps / (1 - k eps), eps = 2^-52 (2x the unit
// round-off the theorems use).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matrix64, type Matrix64 } from '../../lib/linalg/matrix.js';
import { cholesky, choleskySolve, qr, leastSquares, solve, svd } from '../../lib/linalg/dense.js';
import { EPS, randomMatrix, mul, absM, tr, identity, maxDiff, normInf, frob, throwsWith } from './dense-helpers.js';

const gamma = (k: number) => (k * EPS) / (1 - k * EPS);

/** A = B B^T + n I: symmetric positive definite with lambda_min >= n, so kappa_2 <= ||A||_inf / n. */
function spd(n: number, seed: number): Matrix64 {
  const b = randomMatrix(n, n, seed);
  const a = mul(b, tr(b));
  for (let i = 0; i < n; i++) a.data[i * n + i] += n;
  // mul(b, b^T) is symmetric bit for bit: entry (i, j) and (j, i) sum the same products in order.
  return a;
}

test('cholesky: classic integer example gives the exact factor', () => {
  // The standard example (e.g. Wikipedia "Cholesky decomposition"): L = [[2,0,0],[6,1,0],[-8,5,3]].
  const L = cholesky(matrix64(3, 3, [4, 12, -16, 12, 37, -43, -16, -43, 98]));
  assert.equal(Array.from(L.data), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  const L2 = cholesky(matrix64(2, 2, [4, 2, 2, 3]));
  assert.equal(Array.from(L2.data), [2, 0, 1, Math.SQRT2]);
});

test('cholesky: L lower with positive diagonal, |A - L L^T| <= gamma_{n+1} |L||L^T| (Higham Thm 10.3)', () => {
  for (const [n, seed] of [[1, 1], [4, 2], [12, 3], [30, 4]]) {
    const a = spd(n, seed);
    const before = a.data.slice();
    const L = cholesky(a);
    assert.equal(Array.from(a.data), Array.from(before), 'input unchanged');
    for (let i = 0; i < n; i++) {
      assert.ok(L.data[i * n + i] > 0);
      for (let j = i + 1; j < n; j++) assert.is(L.data[i * n + j], 0);
    }
    const LLt = mul(L, tr(L));
    const bound = mul(absM(L), absM(tr(L)));
    for (let k = 0; k < n * n; k++) assert.ok(Math.abs(a.data[k] - LLt.data[k]) <= gamma(n + 1) * bound.data[k], `n=${n} entry ${k}`);
  }
});

test('choleskySolve: x from b = A x within kappa * n * gamma_{3n+1} (Higham Thm 10.4 with || |L||L^T| || <= n ||A||)', () => {
  for (const [n, seed] of [[1, 5], [6, 6], [25, 7]]) {
    const a = spd(n, seed);
    const kappa = normInf(a) / n; // lambda_max <= ||A||_inf, lambda_min >= n
    const x = randomMatrix(n, 1, seed + 50).data;
    const b = mul(a, matrix64(n, 1, x)).data;
    const bCopy = b.slice();
    const L = cholesky(a);
    const xHat = choleskySolve(L, b);
    assert.equal(Array.from(b), Array.from(bCopy), 'b unchanged');
    let err = 0;
    for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(xHat[i] - x[i]));
    // + gamma_n for the rounding already in b = A x; sqrt(n) turns the 2-norm kappa into inf-norms.
    const tol = kappa * Math.sqrt(n) * (n * gamma(3 * n + 1) + gamma(n));
    let xn = 0;
    for (let i = 0; i < n; i++) xn = Math.max(xn, Math.abs(x[i]));
    assert.ok(err / xn <= tol, `n=${n}: ${err / xn} > ${tol}`);
    // Matrix right-hand side: same answer column by column.
    const X = choleskySolve(L, matrix64(n, 1, b));
    assert.ok(maxDiff(X, matrix64(n, 1, xHat)) <= 1e-15 * xn);
  }
});

test('cholesky/choleskySolve: bad input errors (not SPD names column and value, not symmetric names i, j)', () => {
  throwsWith(() => cholesky(matrix64(2, 2, [1, 2, 2, 1])), RangeError, 'cholesky: a is not positive definite', 'at column 1', '= -3');
  throwsWith(() => cholesky(matrix64(2, 2, [-1, 0, 0, 1])), RangeError, 'at column 0', '= -1');
  throwsWith(() => cholesky(matrix64(3, 3, [1, 0, 5, 0, 1, 0, 4, 0, 9])), RangeError, 'cholesky: a is not symmetric: a[0][2] = 5 but a[2][0] = 4');
  throwsWith(() => cholesky(matrix64(2, 3)), RangeError, 'cholesky: a must be square, got 2x3');
  throwsWith(() => cholesky(matrix64(1, 1, [NaN])), RangeError, 'cholesky: a[0][0] is NaN');
  throwsWith(() => cholesky(identity(2), { symmetryTolerance: -1 }), RangeError, 'symmetryTolerance must be a finite number >= 0, got -1');
  throwsWith(() => choleskySolve(identity(3), new Float64Array(4)), RangeError, 'choleskySolve: a is 3x3 but b has length 4');
  throwsWith(() => choleskySolve(identity(3), matrix64(2, 2)), RangeError, 'choleskySolve: a is 3x3 but b is 2x2');
  throwsWith(() => choleskySolve(matrix64(2, 2, [1, 0, 1, 0]), new Float64Array(2)), RangeError, 'choleskySolve: L[1][1] = 0');
});

/** Classical Gram-Schmidt applied twice ("CGS2", orthogonal to working precision): the
 * independent reference for the thin Q (positive-diagonal R) of a full-rank A. */
function gramSchmidt(a: Matrix64): { Q: Matrix64; R: Matrix64 } {
  const m = a.rows;
  const n = a.cols;
  const Q = matrix64(m, n);
  const R = matrix64(n, n);
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = a.data[i * n + j];
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += Q.data[i * n + k] * v[i];
        R.data[k * n + j] += d;
        for (let i = 0; i < m; i++) v[i] -= d * Q.data[i * n + k];
      }
    }
    let nv = 0;
    for (let i = 0; i < m; i++) nv += v[i] * v[i];
    nv = Math.sqrt(nv);
    R.data[j * n + j] = nv;
    for (let i = 0; i < m; i++) Q.data[i * n + j] = v[i] / nv;
  }
  return { Q, R };
}

function columnNorms(a: Matrix64): Float64Array {
  const out = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + j] ** 2;
    out[j] = Math.sqrt(s);
  }
  return out;
}

// Householder QR (Higham Thm 19.4): A + dA = Q R with ||da_j||_2 <= gamma~_{mn} ||a_j||_2 and
// ||Q^T Q - I|| of order m n u. gamma~ hides a small constant; we allow c = 4:
// ||(QR - A)_j|| <= 4 m n eps ||a_j||, |Q^T Q - I|_ij <= 4 m n eps.
test('qr: thin Q R = A, Q^T Q = I, R upper with diag >= 0, on odd shapes; input unchanged', () => {
  for (const [m, n, seed] of [[1, 1, 1], [5, 1, 2], [4, 4, 3], [7, 4, 4], [37, 13, 5], [3, 2, 6]]) {
    const a = randomMatrix(m, n, seed);
    const before = a.data.slice();
    const { q, r } = qr(a);
    assert.equal(Array.from(a.data), Array.from(before));
    assert.is(q.rows, m); assert.is(q.cols, n); assert.is(r.rows, n); assert.is(r.cols, n);
    for (let i = 0; i < n; i++) {
      assert.ok(r.data[i * n + i] >= 0);
      for (let j = 0; j < i; j++) assert.is(r.data[i * n + j], 0);
    }
    const tol = 4 * m * n * EPS;
    assert.ok(maxDiff(mul(tr(q), q), identity(n)) <= tol, `orthonormal ${m}x${n}`);
    const d = mul(q, r);
    const an = columnNorms(a);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += (d.data[i * n + j] - a.data[i * n + j]) ** 2;
      assert.ok(Math.sqrt(s) <= tol * an[j], `${m}x${n} column ${j}`);
    }
  }
});

test('qr: thin factors match Gram-Schmidt (unique for full rank with diag(R) > 0)', () => {
  const a = randomMatrix(9, 5, 7);
  const { q, r } = qr(a);
  const gs = gramSchmidt(a);
  // First-order perturbation theory of the thin QR (Higham sec. 19.9): ||dQ||, ||dR||/||A|| are
  // at most about kappa_2(A) times the backward errors (4 m n eps each, as above). kappa_2 comes
  // from svd (one-sided Jacobi, a different algorithm), used only to set the tolerance.
  const { s } = svd(a);
  const kappa = s[0] / s[s.length - 1];
  const tol = 2 * kappa * 4 * 9 * 5 * EPS;
  assert.ok(maxDiff(q, gs.Q) <= tol, `Q: ${maxDiff(q, gs.Q)} > ${tol}`);
  assert.ok(maxDiff(r, gs.R) <= tol * frob(a), `R: ${maxDiff(r, gs.R)}`);
});

test('qr: full mode gives m x m orthogonal Q and m x n R zero below row n', () => {
  const a = randomMatrix(6, 3, 8);
  const { q, r } = qr(a, { mode: 'full' });
  assert.is(q.rows, 6); assert.is(q.cols, 6); assert.is(r.rows, 6); assert.is(r.cols, 3);
  const tol = 4 * 6 * 6 * EPS;
  assert.ok(maxDiff(mul(tr(q), q), identity(6)) <= tol);
  assert.ok(maxDiff(mul(q, tr(q)), identity(6)) <= tol);
  for (let i = 3; i < 6; i++) for (let j = 0; j < 3; j++) assert.is(r.data[i * 3 + j], 0);
  assert.ok(maxDiff(mul(q, r), a) <= tol * frob(a));
  // Its first n columns and R's first n rows are the thin factorization.
  const thin = qr(a);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(q.data[i * 6 + j] - thin.q.data[i * 3 + j]) <= 1e-15);
});

test('qr: rank-deficient input (col 2 = col 0 + col 1) still reconstructs with orthonormal Q', () => {
  const a = randomMatrix(6, 3, 9);
  for (let i = 0; i < 6; i++) a.data[i * 3 + 2] = a.data[i * 3] + a.data[i * 3 + 1];
  const { q, r } = qr(a);
  const tol = 4 * 6 * 3 * EPS;
  assert.ok(maxDiff(mul(tr(q), q), identity(3)) <= tol);
  assert.ok(maxDiff(mul(q, r), a) <= tol * frob(a));
  assert.ok(Math.abs(r.data[2 * 3 + 2]) <= tol * frob(a), 'r_22 at round-off level');
});

test('leastSquares: line fit with a residual orthogonal to the columns gives the exact coefficients', () => {
  // t = 0..3, y = 1 + 2 t + e with e = (1, -1, -1, 1): sum e = 0 and sum t e = 0, so e is orthogonal
  // to both columns [1, t] and the least-squares solution is exactly (1, 2).
  const A = matrix64(4, 2, [1, 0, 1, 1, 1, 2, 1, 3]);
  const y = new Float64Array([2, 2, 4, 8]);
  const x = leastSquares(A, y);
  assert.ok(Math.abs(x[0] - 1) <= 1e-14 && Math.abs(x[1] - 2) <= 1e-14, `${x}`);
});

test('leastSquares: normal equations A^T (A x - b) = 0 on random data; square A equals solve', () => {
  const m = 30; const n = 6;
  const a = randomMatrix(m, n, 10);
  const b = randomMatrix(m, 2, 11);
  const X = leastSquares(a, b);
  assert.is(X.rows, n); assert.is(X.cols, 2);
  const r = mul(a, X);
  for (let k = 0; k < r.data.length; k++) r.data[k] -= b.data[k];
  const g = mul(tr(a), r);
  // Householder LS is backward stable (Higham Thm 20.3): residual orthogonality holds to about
  // m n eps ||A||_F (||A||_F ||x|| + ||b||); c = 4 as for qr.
  const tol = 4 * m * n * EPS * frob(a) * (frob(a) * frob(X) + frob(b));
  assert.ok(Math.max(...Array.from(g.data, Math.abs)) <= tol, `gradient ${Math.max(...Array.from(g.data, Math.abs))} > ${tol}`);
  const sq = randomMatrix(5, 5, 12);
  const rhs = randomMatrix(5, 1, 13).data;
  const x1 = leastSquares(sq, rhs);
  const x2 = solve(sq, rhs);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(x1[i] - x2[i]) <= 1e-12 * (1 + Math.abs(x2[i])));
});

test('qr/leastSquares: bad input errors', () => {
  throwsWith(() => qr(matrix64(2, 3)), RangeError, 'qr: a is 2x3 but needs rows >= cols');
  throwsWith(() => qr(identity(2), { mode: 'economy' as 'thin' }), RangeError, "qr: mode must be 'thin' or 'full', got economy");
  throwsWith(() => qr(matrix64(2, 1, [1, -Infinity])), RangeError, 'qr: a[1][0] is -Infinity');
  throwsWith(() => leastSquares(matrix64(2, 3), new Float64Array(2)), RangeError, 'leastSquares: a is 2x3 but needs rows >= cols');
  throwsWith(() => leastSquares(matrix64(4, 2), new Float64Array(3)), RangeError, 'leastSquares: a is 4x2 but b has length 3');
  const a = matrix64(4, 3, [1, 2, 3, 1, 0, 1, 2, 1, 3, 0, 1, 1]); // col 2 = col 0 + col 1
  throwsWith(() => leastSquares(a, new Float64Array(4)), RangeError, 'leastSquares: a is rank deficient: column 2');
});

test.run();
