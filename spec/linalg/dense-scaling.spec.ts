/**
 * The dense decompositions on matrices far from 1 in magnitude: 2^k A for k from -1000 to 1000.
 *
 * Expected values come from exact arithmetic, not from the code: multiplying a matrix by a power
 * of two is exact (no entry here leaves the normal range), and every decomposition is homogeneous
 * — the eigenvalues and singular values of 2^k A are those of A times 2^k, its R factor is 2^k R,
 * its eigenvectors, singular vectors and Q factor are those of A. The decompositions scale a
 * matrix whose largest entry lies outside LAPACK's safe range [6.7e-139, 1.5e138] back to [1, 2)
 * before they start (power of two, exact) and scale the values back; the matrices below have
 * their largest entry in [1, 2), so for those k the computation is the unscaled one and the
 * results must be 2^k times A's bit for bit. Inside the safe range nothing is rescaled and
 * floating point is homogeneous too, as long as nothing underflows: the same identity holds.
 *
 * Before the decompositions scaled (measured, the same matrices scaled by powers of ten):
 * svd([[3, 0], [4, 5]] s) gave singular values [5, 5] instead of [6.708, 2.236] for s = 1e-200,
 * 1e160, 1e300; eigenvalues([[1, -2], [3, 1]] s) gave ±Infinity or 0 imaginary parts; a 3×3
 * tridiagonal matrix at 1e-200 or 1e160 threw "no convergence"; qr's R had NaN; leastSquares
 * called a full-rank matrix rank deficient; rank([[1, 2], [2, 4]] 1e160) was 2;
 * symmetricEigen(1e308 [[1, 1], [1, 1]]) was [NaN, NaN]. Each case below failed then.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eigenvalues, eigenvectorFor, leastSquares, matrix64, qr, rank, svd, symmetricEigen, type Matrix64 } from '../../lib/index.js';
import { Rng } from '../../lib/random/index.js';

const EXPONENTS = [-1000, -700, -520, -470, -300, -1, 1, 300, 470, 520, 700, 1000];

/** x 2^k exactly (two steps: 2^1000 is finite, but keep the same form for every k). */
const times = (x: number, k: number): number => x * 2 ** Math.trunc(k / 2) * 2 ** (k - Math.trunc(k / 2));
const scaled = (a: Matrix64, k: number): Matrix64 => matrix64(a.rows, a.cols, a.data.map((v) => times(v, k)));

/** Bitwise equality of arrays (Object.is: -0 and +0 differ, NaN equals NaN). */
function sameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.is(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) assert.unreachable(`${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

/** A random n x m matrix with entries in [-1.9, -0.1] U [0.1, 1.9] and its largest entry set to 1.9. */
function randomMatrix(rows: number, cols: number, seed: number): Matrix64 {
  const g = new Rng(seed);
  const a = matrix64(rows, cols, Float64Array.from({ length: rows * cols }, () => (g.float() < 0.5 ? -1 : 1) * (0.1 + 1.8 * g.float())));
  a.data[0] = 1.9;
  return a;
}

const GENERAL = [
  matrix64(2, 2, [1, -1.5, 1.75, 1]), // complex pair
  randomMatrix(6, 6, 1),
  matrix64(3, 3, [1.5, 1, 0, 1, 1.5, 1, 0, 1, 1.5]), // symmetric tridiagonal
];

test('eigenvalues(2^k A) = 2^k eigenvalues(A), bit for bit, for k = -1000 ... 1000', () => {
  for (const a of GENERAL) {
    const base = eigenvalues(a);
    for (const k of EXPONENTS) {
      const r = eigenvalues(scaled(a, k));
      sameBits(r.re, base.re.map((v) => times(v, k)), `re, n = ${a.rows}, k = ${k}`);
      sameBits(r.im, base.im.map((v) => times(v, k)), `im, n = ${a.rows}, k = ${k}`);
    }
  }
});

test('symmetricEigen(2^k A): values 2^k times, the same vectors, bit for bit', () => {
  const b = randomMatrix(5, 5, 2);
  const a = matrix64(5, 5, b.data.map((_, q) => { const i = Math.floor(q / 5), j = q % 5; return i <= j ? b.data[i * 5 + j] : b.data[j * 5 + i]; }));
  const base = symmetricEigen(a);
  for (const k of EXPONENTS) {
    const r = symmetricEigen(scaled(a, k));
    sameBits(r.values, base.values.map((v) => times(v, k)), `values, k = ${k}`);
    sameBits(r.vectors.data, base.vectors.data, `vectors, k = ${k}`);
  }
});

test('an eigenvalue beyond the float64 range comes back as Infinity, not NaN', () => {
  // [[1, 1], [1, 1]] 2^1023 has eigenvalues 0 and 2^1024 (one past the largest float64)
  const big = 2 ** 1023;
  sameBits(symmetricEigen(matrix64(2, 2, [big, big, big, big])).values, [0, Infinity], 'symmetricEigen');
  sameBits(svd(matrix64(2, 2, [big, big, big, big])).s, [Infinity, 0], 'svd');
  // and a complex pair whose parts are representable though b c overflows: 2^1023 (1 ± i)
  const r = eigenvalues(matrix64(2, 2, [big, big, -big, big]));
  sameBits(r.re, [big, big], 're');
  sameBits(r.im, [big, -big], 'im');
});

test('svd(2^k A): singular values 2^k times, the same U and V, bit for bit (tall and wide)', () => {
  for (const a of [randomMatrix(7, 4, 3), randomMatrix(3, 5, 4)]) {
    const base = svd(a);
    for (const k of EXPONENTS) {
      const r = svd(scaled(a, k));
      sameBits(r.s, base.s.map((v) => times(v, k)), `s, ${a.rows}x${a.cols}, k = ${k}`);
      sameBits(r.u.data, base.u.data, `u, ${a.rows}x${a.cols}, k = ${k}`);
      sameBits(r.v.data, base.v.data, `v, ${a.rows}x${a.cols}, k = ${k}`);
    }
  }
});

test('qr(2^k A) = Q (2^k R) and leastSquares(2^k A, 2^k b) = leastSquares(A, b), bit for bit', () => {
  const a = randomMatrix(6, 3, 5);
  const b = Float64Array.from({ length: 6 }, (_, i) => 1 + 0.1 * i);
  const base = qr(a);
  const x = leastSquares(a, b);
  for (const k of EXPONENTS) {
    const r = qr(scaled(a, k));
    sameBits(r.q.data, base.q.data, `q, k = ${k}`);
    sameBits(r.r.data, base.r.data.map((v) => times(v, k)), `r, k = ${k}`);
    sameBits(leastSquares(scaled(a, k), b.map((v) => times(v, k))), x, `x, k = ${k}`);
  }
});

test('rank and eigenvectorFor of 2^k A: the same rank, the same vector', () => {
  const lowRank = matrix64(3, 3, [1, 1.5, 0.5, 0.5, 0.75, 0.25, 1, 1, 1]); // row 1 = row 0 / 2: rank 2
  const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]); // eigenvalue 1, vector ∝ (1, 2, 1)
  const v = eigenvectorFor(W, 1);
  for (const k of EXPONENTS) {
    assert.is(rank(scaled(lowRank, k)), 2, `rank, k = ${k}`);
    sameBits(eigenvectorFor(scaled(W, k), times(1, k)), v, `eigenvectorFor, k = ${k}`);
  }
});

test.run();
