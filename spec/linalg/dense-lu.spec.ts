// LU with partial pivoting, solve, determinant, inverse (lib/linalg/dense-lu.ts).
// Tolerances are rounding-error bounds from Higham, "Accuracy and Stability of Numerical
// Algorithms" (2nd ed.), written with gamma_k = k eps / (1 - k eps) where eps = 2^-52 (twice the
// unit round-off u = 2^-53, a factor 2 of margin over the theorems, which use u).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matrix64, type Matrix64 } from '../../lib/linalg/matrix.js';
import { lu, solve, determinant, inverse } from '../../lib/linalg/dense.js';
import { EPS, randomMatrix, mul, absM, identity, maxDiff, normInf, hilbert, throwsWith } from './dense-helpers.js';

const gamma = (k: number) => (k * EPS) / (1 - k * EPS);

/** Splits the compact factor into unit-lower L and upper U. */
function splitLU(f: Matrix64): { L: Matrix64; U: Matrix64 } {
  const n = f.rows;
  const L = identity(n);
  const U = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j < i) L.data[i * n + j] = f.data[i * n + j];
      else U.data[i * n + j] = f.data[i * n + j];
    }
  }
  return { L, U };
}

function permuteRows(a: Matrix64, pivots: Int32Array): Matrix64 {
  const n = a.cols;
  const p = matrix64(a.rows, n);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < n; j++) p.data[i * n + j] = a.data[pivots[i] * n + j];
  return p;
}

/** Parity of a permutation by counting cycles: sign = (-1)^(n - cycles). */
function parity(p: Int32Array): number {
  const seen = new Uint8Array(p.length);
  let cycles = 0;
  for (let i = 0; i < p.length; i++) {
    if (seen[i]) continue;
    cycles++;
    for (let j = i; !seen[j]; j = p[j]) seen[j] = 1;
  }
  return (p.length - cycles) % 2 === 0 ? 1 : -1;
}

test('lu: P A = L U within Higham Thm 9.3 (|PA - LU| <= gamma_n |L||U|), |l_ij| <= 1, sign = parity', () => {
  for (const [n, seed] of [[1, 1], [2, 2], [3, 3], [7, 4], [20, 5], [33, 6]]) {
    const a = randomMatrix(n, n, seed);
    const before = a.data.slice();
    const { lu: f, pivots, sign } = lu(a);
    assert.equal(Array.from(a.data), Array.from(before), 'input unchanged');
    assert.equal(Array.from(pivots).sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i), 'pivots is a permutation');
    assert.is(sign, parity(pivots));
    const { L, U } = splitLU(f);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.ok(Math.abs(L.data[i * n + j]) <= 1, 'partial pivoting bounds |l_ij| <= 1');
    const PA = permuteRows(a, pivots);
    const LU = mul(L, U);
    const bound = mul(absM(L), absM(U));
    for (let k = 0; k < n * n; k++) {
      assert.ok(Math.abs(PA.data[k] - LU.data[k]) <= gamma(n) * bound.data[k] + 1e-300, `n=${n} entry ${k}`);
    }
  }
});

test('lu: a singular matrix is factored (zero pivot kept), so determinant can be 0', () => {
  const a = matrix64(3, 3, [1, 2, 3, 2, 4, 6, 1, 0, 1]); // row 1 = 2 x row 0
  const { lu: f } = lu(a);
  assert.is(f.data[2 * 3 + 2], 0); // exact: the elimination of these integers is exact
  assert.is(determinant(a), 0);
});

test('solve: x from b = A x on diagonally dominant A, forward error within kappa bound', () => {
  for (const [n, seed] of [[1, 10], [5, 11], [17, 12], [40, 13]]) {
    const a = randomMatrix(n, n, seed);
    for (let i = 0; i < n; i++) a.data[i * n + i] += n + 1; // strictly diagonally dominant by >= 1
    // Varah: ||A^-1||_inf <= 1 / min_i (|a_ii| - sum_{j != i} |a_ij|).
    let delta = Infinity;
    for (let i = 0; i < n; i++) {
      let off = 0;
      for (let j = 0; j < n; j++) if (j !== i) off += Math.abs(a.data[i * n + j]);
      delta = Math.min(delta, Math.abs(a.data[i * n + i]) - off);
    }
    const kappa = normInf(a) / delta;
    const x = randomMatrix(n, 1, seed + 100).data;
    const b = mul(a, matrix64(n, 1, x)).data;
    const xHat = solve(a, b);
    assert.instance(xHat, Float64Array);
    let err = 0;
    let xn = 0;
    for (let i = 0; i < n; i++) { err = Math.max(err, Math.abs(xHat[i] - x[i])); xn = Math.max(xn, Math.abs(x[i])); }
    // Backward error (Higham Thm 9.4) gamma_3n |L||U| plus b's own rounding (gamma_n |A||x|);
    // growth is 1 for diagonally dominant A, so ||dA|| <= (gamma_3n n + gamma_n) ||A||.
    const tol = kappa * (gamma(3 * n) * n + gamma(n)) * 2;
    assert.ok(err / xn <= tol, `n=${n}: relative error ${err / xn} > ${tol}`);
  }
});

test('solve: several right-hand sides as a Matrix64 agree with one-by-one vector solves', () => {
  const n = 6;
  const a = randomMatrix(n, n, 21);
  const b = randomMatrix(n, 3, 22);
  const bCopy = b.data.slice();
  const X = solve(a, b);
  assert.is(X.rows, n); assert.is(X.cols, 3);
  assert.equal(Array.from(b.data), Array.from(bCopy), 'b unchanged');
  for (let c = 0; c < 3; c++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = b.data[i * 3 + c];
    const x = solve(a, col);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x[i] - X.data[i * 3 + c]) <= 1e-15 * Math.max(1, Math.abs(x[i])));
  }
});

test('solve: a 2x2 by hand (Cramer) and a permutation matrix', () => {
  const x = solve(matrix64(2, 2, [2, 1, 1, 3]), new Float64Array([3, 5]));
  // Cramer: x0 = (3*3 - 1*5)/5 = 0.8, x1 = (2*5 - 1*3)/5 = 1.4
  assert.ok(Math.abs(x[0] - 0.8) <= 2 * EPS && Math.abs(x[1] - 1.4) <= 4 * EPS);
  const p = matrix64(3, 3, [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  assert.equal(Array.from(solve(p, new Float64Array([1, 2, 3]))), [2, 3, 1]);
});

/** 1/det(H_n) = c_{2n} / c_n^4 with c_n = prod_{i=1}^{n-1} i!  (exact, BigInt). */
function hilbertInverseDeterminant(n: number): bigint {
  const c = (m: number) => {
    let prod = 1n;
    let fact = 1n;
    for (let i = 1; i < m; i++) { fact *= BigInt(i); prod *= fact; }
    return prod;
  };
  const num = c(2 * n);
  const den = c(n) ** 4n;
  assert.is(num % den, 0n);
  return num / den;
}

/** Exact inverse of the Hilbert matrix (integers):
 * (H^-1)_ij = (-1)^(i+j) (i+j-1) C(n+i-1, n-j) C(n+j-1, n-i) C(i+j-2, i-1)^2, i, j 1-based. */
function hilbertInverse(n: number): Matrix64 {
  const C = (a: number, b: number) => { let r = 1; for (let k = 1; k <= b; k++) r = (r * (a - b + k)) / k; return Math.round(r); };
  const m = matrix64(n, n);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= n; j++) {
      m.data[(i - 1) * n + j - 1] = (-1) ** (i + j) * (i + j - 1) * C(n + i - 1, n - j) * C(n + j - 1, n - i) * C(i + j - 2, i - 1) ** 2;
    }
  }
  return m;
}

test('determinant: Hilbert n = 4, 5 match the exact c_n^4 / c_2n (1/6048000, 1/266716800000)', () => {
  assert.is(hilbertInverseDeterminant(4), 6048000n);
  assert.is(hilbertInverseDeterminant(5), 266716800000n);
  for (const n of [4, 5]) {
    const h = hilbert(n);
    const exact = 1 / Number(hilbertInverseDeterminant(n));
    // det(A + dA) / det(A) - 1 ~ tr(A^-1 dA), |tr| <= n ||A^-1||_inf ||dA||_inf with
    // ||dA||_inf <= gamma_n || |L||U| ||_inf (Thm 9.3), plus n roundings in the pivot product.
    const { lu: f } = lu(h);
    const { L, U } = splitLU(f);
    const tol = n * normInf(hilbertInverse(n)) * gamma(n) * normInf(mul(absM(L), absM(U))) + gamma(n);
    const rel = Math.abs(determinant(h) - exact) / exact;
    assert.ok(rel <= tol, `n=${n}: relative error ${rel} > ${tol}`);
  }
});

test('determinant: 2x2 ad - bc, triangular = product of diagonal, det(AB) = det(A) det(B), 0x0 = 1', () => {
  assert.ok(Math.abs(determinant(matrix64(2, 2, [1, 2, 3, 4])) - -2) <= 4 * EPS);
  assert.is(determinant(matrix64(3, 3, [2, 5, 7, 0, 3, 11, 0, 0, -4])), -24); // no pivoting, exact
  assert.is(determinant(matrix64(3, 3, [0, 1, 0, 1, 0, 0, 0, 0, 1])), -1); // one swap
  assert.is(determinant(matrix64(0, 0)), 1);
  const a = randomMatrix(6, 6, 31);
  const b = randomMatrix(6, 6, 32);
  const ab = mul(a, b);
  // Relative error bound of determinant(M), as in the Hilbert test: n ||M^-1|| gamma_n || |L||U| ||
  // + gamma_n (||M^-1|| estimated by inverse(M); a bound, not the answer under test).
  const detTol = (m: Matrix64) => {
    const { L, U } = splitLU(lu(m).lu);
    return m.rows * normInf(inverse(m)) * gamma(m.rows) * normInf(mul(absM(L), absM(U))) + gamma(m.rows);
  };
  // Forming AB rounds each entry by gamma_n (|A||B|)_ij: another n ||(AB)^-1|| gamma_n || |A||B| ||.
  const productTol = 6 * normInf(inverse(ab)) * gamma(6) * normInf(mul(absM(a), absM(b)));
  const tol = detTol(ab) + detTol(a) + detTol(b) + productTol;
  const dab = determinant(ab);
  const da = determinant(a) * determinant(b);
  assert.ok(Math.abs(dab - da) <= tol * Math.abs(da), `${dab} vs ${da}, tol ${tol}`);
});

test('inverse: Hilbert 4 against the exact integer inverse; A A^-1 = I for a random 9x9', () => {
  const n = 4;
  const exact = hilbertInverse(n);
  assert.equal(Array.from(exact.data.slice(0, 4)), [16, -120, 240, -140]); // published first row
  const inv = inverse(hilbert(n));
  const kappa = normInf(hilbert(n)) * normInf(exact);
  // Each column solve has forward error <= kappa * gamma_3n * n (as in the solve test).
  const tol = kappa * gamma(3 * n) * n * normInf(exact);
  assert.ok(maxDiff(inv, exact) <= tol, `${maxDiff(inv, exact)} > ${tol}`);

  const a = randomMatrix(9, 9, 41);
  const ai = inverse(a);
  const kap = normInf(a) * normInf(ai);
  assert.ok(maxDiff(mul(a, ai), identity(9)) <= kap * gamma(3 * 9) * 9);
});

test('lu/solve/determinant/inverse: bad input errors name the function, argument and shapes', () => {
  throwsWith(() => lu(matrix64(2, 3)), RangeError, 'lu: a must be square, got 2x3');
  throwsWith(() => solve(matrix64(3, 2), new Float64Array(3)), RangeError, 'solve: a must be square, got 3x2');
  throwsWith(() => solve(identity(3), new Float64Array(2)), RangeError, 'solve: a is 3x3 but b has length 2');
  throwsWith(() => solve(identity(3), matrix64(2, 1)), RangeError, 'solve: a is 3x3 but b is 2x1');
  throwsWith(() => solve(matrix64(2, 2, [1, 2, 2, 4]), new Float64Array(2)), RangeError, 'solve: a is singular', 'pivot column 1');
  throwsWith(() => solve(matrix64(2, 2, [0, 0, 0, 1]), new Float64Array(2)), RangeError, 'pivot column 0');
  throwsWith(() => inverse(matrix64(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9])), RangeError, 'inverse: a is singular', 'pivot column 2');
  throwsWith(() => determinant(matrix64(1, 2)), RangeError, 'determinant: a must be square, got 1x2');
  throwsWith(() => lu(matrix64(2, 2, [1, 2, NaN, 4])), RangeError, 'lu: a[1][0] is NaN');
  throwsWith(() => solve(identity(2), new Float64Array([1, Infinity])), RangeError, 'solve: b[1] is Infinity');
  const f32 = { rows: 2, cols: 2, data: new Float32Array(4) } as unknown as Matrix64;
  throwsWith(() => solve(f32, new Float64Array(2)), TypeError, 'solve: a must be a Matrix64', 'Float32Array');
  throwsWith(() => solve(identity(2), [1, 2] as unknown as Float64Array), TypeError, 'solve: b must be a Float64Array or a Matrix64, got Array');
  throwsWith(() => lu({ rows: 2, cols: 2, data: new Float64Array(3) }), RangeError, 'lu: a is 2x2 but its data has length 3');
});

test.run();
