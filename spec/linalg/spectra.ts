/**
 * Matrices with known spectra for the eigenvalue / eigenvector / SVD specs (not a spec file), and
 * the error bounds they are checked against. Everything is built from Householder reflections
 * P = I - 2 u u^T (u a unit vector from the local generator), which are symmetric, orthogonal and
 * their own inverses, so every similarity below has an explicitly known inverse. Nothing here
 * calls the code under test.
 *
 * Families:
 * - symmetricWithSpectrum(lambda): A = Q diag(lambda) Q^T, Q = P1 P2 P3.
 * - similarWithSpectrum(lambda, kappa): A = X diag(lambda) X^-1 with X = P1 D P2, D = diag of
 *   powers of 2 from 1 to about kappa (so D and D^-1 are applied exactly), X^-1 = P2 D^-1 P1.
 * - normalWithPairs(pairs, reals): A = Q B Q^T, B block diagonal with 2 x 2 blocks
 *   [[a, b], [-b, a]] (eigenvalues a ± i b) and 1 x 1 blocks: a normal matrix with complex pairs.
 * - schurWithNilpotent(diagonal, superdiagonal): A = Q (D + N) Q^T with N strictly upper
 *   triangular (Jordan-like blocks when the superdiagonal is nonzero inside a run of equal values).
 * - withSingularValues(m, n, sigma): A = P1 S P2 with S = m x n diag(sigma).
 *
 * Error bounds (stated once, used by every test): the computed eigenvalues are taken to be the
 * exact eigenvalues of A + E with ||E||_2 <= ||E||_F <= C n eps ||A||_F, C = 8 (the backward-error
 * model the other tests in dense-eigen.spec.ts use; it covers the rounding in forming A as well,
 * since forming A by a few reflections is itself backward stable at that level, and the tests
 * below check that the observed errors sit well inside it). From E:
 * - normal A (symmetric or normalWithPairs): every eigenvalue moves by <= ||E||_2 (Bauer-Fike with
 *   kappa(Q) = 1; for symmetric A, Weyl: the sorted lists differ by <= ||E||_2 entrywise).
 * - A = X Lambda X^-1: Gershgorin's theorem on X^-1 (A + E) X = Lambda + X^-1 E X with X's columns
 *   scaled to unit length puts every eigenvalue of A + E in the union of discs around lambda_i of
 *   radius n kappa_i ||E||_2, kappa_i = ||x_i|| ||y_i|| / |y_i^T x_i| the condition number of
 *   lambda_i (x_i, y_i its right and left eigenvectors), and each connected union of k discs holds
 *   exactly k of them. (Discs: |(X^-1 E X)_ij| <= ||row i of X^-1|| ||E|| ||x_j|| = kappa_i ||E||.)
 *   For the formation error, which is a perturbation of the inner P2 Lambda P2, the same bound is
 *   applied with ||E|| including kappa(X) times that part; see similarWithSpectrum.
 * - A = Q (D + N) Q^T (Golub & Van Loan, Thm 7.2.3): every eigenvalue mu of A + E satisfies
 *   min_i |mu - d_i| <= max(theta, theta^(1/p)), theta = ||E||_2 sum_{k<p} ||N||_2^k, p the
 *   nilpotency index of N (||N||_2 bounded here by ||N||_F).
 */
import { type Matrix64, matrix64 } from '../../lib/linalg/matrix.js';
import { EPS, lcg } from './dense-helpers.js';

/** Backward-error constant C of the model ||E||_F <= C n eps ||A||_F (see the header). */
export const BACKWARD_C = 8;

/** A unit vector of length n from the local generator. */
function unitVector(n: number, next: () => number): Float64Array {
  const u = new Float64Array(n);
  let s = 0;
  do {
    s = 0;
    for (let i = 0; i < n; i++) { u[i] = next(); s += u[i] * u[i]; }
  } while (s === 0);
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < n; i++) u[i] *= inv;
  return u;
}

/** In place: M <- P M (left = true) or M <- M P, with P = I - 2 u u^T; M is rows x cols. */
function reflect(m: Matrix64, u: Float64Array, left: boolean): void {
  const { rows, cols, data } = m;
  if (left) {
    for (let j = 0; j < cols; j++) {
      let p = 0;
      for (let i = 0; i < rows; i++) p += u[i] * data[i * cols + j];
      p *= 2;
      for (let i = 0; i < rows; i++) data[i * cols + j] -= p * u[i];
    }
  } else {
    for (let i = 0; i < rows; i++) {
      let p = 0;
      for (let j = 0; j < cols; j++) p += data[i * cols + j] * u[j];
      p *= 2;
      for (let j = 0; j < cols; j++) data[i * cols + j] -= p * u[j];
    }
  }
}

/** Q M Q^T in place for Q = P1 P2 ... Pk: apply Pk first (innermost), then outwards. */
function orthogonalSimilarity(m: Matrix64, us: Float64Array[]): void {
  for (let k = us.length - 1; k >= 0; k--) { reflect(m, us[k], true); reflect(m, us[k], false); }
}

/** The n x n orthogonal Q = P1 P2 P3 used by the normal families, as an explicit matrix. */
export function orthogonalOf(us: Float64Array[]): Matrix64 {
  const n = us[0].length;
  const q = matrix64(n, n);
  for (let i = 0; i < n; i++) q.data[i * n + i] = 1;
  for (let k = us.length - 1; k >= 0; k--) reflect(q, us[k], true);
  return q;
}

function reflectors(n: number, seed: number, count: number): Float64Array[] {
  const next = lcg(seed);
  return Array.from({ length: count }, () => unitVector(n, next));
}

/** A = Q diag(lambda) Q^T with Q = P1 P2 P3 (returned as q, columns = eigenvectors). */
export function symmetricWithSpectrum(lambda: ArrayLike<number>, seed: number): { a: Matrix64; q: Matrix64 } {
  const n = lambda.length;
  const a = matrix64(n, n);
  for (let i = 0; i < n; i++) a.data[i * n + i] = lambda[i];
  const us = reflectors(n, seed, 3);
  orthogonalSimilarity(a, us);
  // Exact symmetry (the two one-sided passes round differently): average the halves.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
      a.data[i * n + j] = v; a.data[j * n + i] = v;
    }
  }
  return { a, q: orthogonalOf(us) };
}

/**
 * A = X diag(lambda) X^-1 with X = P1 D P2, D = diag(2^(k_i)) with k_i spread evenly over
 * 0..round(log2 kappa) (so kappa(X) = max d / min d, about kappa). Returns A, the eigenvalue
 * condition numbers kappa_i = ||x_i|| ||y_i|| (y_i^T = row i of X^-1, y_i^T x_i = 1), kappa(X),
 * and the right eigenvectors x_i as the columns of x.
 */
export function similarWithSpectrum(lambda: ArrayLike<number>, kappa: number, seed: number): { a: Matrix64; cond: Float64Array; condX: number; x: Matrix64 } {
  const n = lambda.length;
  const [u1, u2] = reflectors(n, seed, 2);
  const kmax = Math.round(Math.log2(kappa));
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = 2 ** (n === 1 ? 0 : Math.round((kmax * ((i * 7) % n)) / (n - 1)));
  // Inner normal part P2 Lambda P2, then D . D^-1 (exact: powers of 2), then P1 . P1.
  const a = matrix64(n, n);
  for (let i = 0; i < n; i++) a.data[i * n + i] = lambda[i];
  reflect(a, u2, true); reflect(a, u2, false);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] *= d[i] / d[j];
  reflect(a, u1, true); reflect(a, u1, false);
  // X = P1 D P2 and X^-1 = P2 D^-1 P1 explicitly, for the condition numbers.
  const x = matrix64(n, n);
  const xinv = matrix64(n, n);
  for (let i = 0; i < n; i++) { x.data[i * n + i] = 1; xinv.data[i * n + i] = 1; }
  reflect(x, u2, true);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x.data[i * n + j] *= d[i];
  reflect(x, u1, true);
  reflect(xinv, u1, true);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) xinv.data[i * n + j] /= d[i];
  reflect(xinv, u2, true);
  const cond = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let cx = 0; let ry = 0;
    for (let k = 0; k < n; k++) { cx += x.data[k * n + i] ** 2; ry += xinv.data[i * n + k] ** 2; }
    cond[i] = Math.sqrt(cx * ry);
  }
  let dmax = 0; let dmin = Infinity;
  for (const v of d) { dmax = Math.max(dmax, v); dmin = Math.min(dmin, v); }
  return { a, cond, condX: dmax / dmin, x };
}

/**
 * A = Q B Q^T (normal), B block diagonal: a 2 x 2 block [[a, b], [-b, a]] per pair (a, b)
 * (eigenvalues a ± i b), then a 1 x 1 block per real value. Returns the eigenvalues as (re, im).
 */
export function normalWithPairs(pairs: [number, number][], reals: number[], seed: number): { a: Matrix64; re: number[]; im: number[] } {
  const n = 2 * pairs.length + reals.length;
  const a = matrix64(n, n);
  const re: number[] = [];
  const im: number[] = [];
  pairs.forEach(([p, q], k) => {
    const i = 2 * k;
    a.data[i * n + i] = p; a.data[i * n + i + 1] = q;
    a.data[(i + 1) * n + i] = -q; a.data[(i + 1) * n + i + 1] = p;
    re.push(p, p); im.push(q, -q);
  });
  reals.forEach((r, k) => {
    const i = 2 * pairs.length + k;
    a.data[i * n + i] = r;
    re.push(r); im.push(0);
  });
  orthogonalSimilarity(a, reflectors(n, seed, 3));
  return { a, re, im };
}

/**
 * A = Q (D + N) Q^T with D = diag(diagonal) and N the strictly upper triangular matrix with
 * superdiagonal entries `superdiagonal` (length n - 1); returns A, ||N||_F and N's nilpotency
 * index p (the longest run of nonzero superdiagonal entries plus one).
 */
export function schurWithNilpotent(diagonal: number[], superdiagonal: number[], seed: number): { a: Matrix64; normN: number; p: number } {
  const n = diagonal.length;
  const a = matrix64(n, n);
  let normN = 0;
  let run = 0;
  let p = 1;
  for (let i = 0; i < n; i++) {
    a.data[i * n + i] = diagonal[i];
    if (i < n - 1) {
      const s = superdiagonal[i];
      a.data[i * n + i + 1] = s;
      normN += s * s;
      run = s !== 0 ? run + 1 : 0;
      p = Math.max(p, run + 1);
    }
  }
  orthogonalSimilarity(a, reflectors(n, seed, 3));
  return { a, normN: Math.sqrt(normN), p };
}

/** A = P1 S P2 (m x n) with S = diag(sigma) padded with zeros; singular values are |sigma|. */
export function withSingularValues(m: number, n: number, sigma: ArrayLike<number>, seed: number): Matrix64 {
  const a = matrix64(m, n);
  for (let i = 0; i < sigma.length; i++) a.data[i * n + i] = sigma[i];
  const next = lcg(seed);
  reflect(a, unitVector(m, next), true);
  reflect(a, unitVector(n, next), false);
  reflect(a, unitVector(m, next), true);
  return a;
}

/** ||A||_F. */
export function frobenius(a: Matrix64): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return Math.sqrt(s);
}

/** The model bound on ||E||_2 for A (see the header): C n eps ||A||_F. */
export function backwardError(a: Matrix64): number {
  return BACKWARD_C * a.rows * EPS * frobenius(a);
}

/**
 * Spectra used by the families: a cluster of k eigenvalues c + w (j / (k - 1) - 1/2), j = 0..k-1
 * (width w; all equal to c when w = 0), then n - k values spread over [-1, 1] scaled by `spread`
 * and kept away from the cluster.
 */
export function clusteredSpectrum(n: number, k: number, c: number, w: number, spread: number): number[] {
  const lambda: number[] = [];
  for (let j = 0; j < k; j++) lambda.push(k === 1 ? c : c + w * (j / (k - 1) - 0.5));
  const rest = n - k;
  for (let j = 0; j < rest; j++) {
    let v = spread * (rest === 1 ? 0.5 : -1 + (2 * j) / (rest - 1));
    // Keep the other eigenvalues at least 0.1 |c| (or 0.1 spread) away from the cluster.
    const gap = 0.1 * Math.max(Math.abs(c), spread);
    if (Math.abs(v - c) < gap) v = c + (v >= c ? gap : -gap) * (1 + j / rest);
    lambda.push(v);
  }
  return lambda;
}

/** Graded spectrum 10^(-e_max j / (n - 1)), j = 0..n-1: from 1 down to 10^-e_max. */
export function gradedSpectrum(n: number, eMax: number): number[] {
  return Array.from({ length: n }, (_, j) => 10 ** (-(eMax * j) / Math.max(1, n - 1)));
}

/**
 * Checks computed eigenvalues (re, im) against true ones (tRe, tIm) with disc radii r_i:
 * every computed value lies in some disc, and every connected union of discs holds as many
 * computed values as true ones (Gershgorin / Bauer-Fike counting). Returns null, or a message.
 */
export function spectrumMismatch(re: ArrayLike<number>, im: ArrayLike<number>, tRe: ArrayLike<number>, tIm: ArrayLike<number>, r: ArrayLike<number>): string | null {
  const n = tRe.length;
  if (re.length !== n) return `expected ${n} eigenvalues, got ${re.length}`;
  // Connected components of the discs (union-find over overlapping pairs).
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.hypot(tRe[i] - tRe[j], tIm[i] - tIm[j]) <= r[i] + r[j]) parent[find(i)] = find(j);
    }
  }
  const trueCount = new Map<number, number>();
  for (let i = 0; i < n; i++) trueCount.set(find(i), (trueCount.get(find(i)) ?? 0) + 1);
  const gotCount = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestExcess = Infinity;
    for (let i = 0; i < n; i++) {
      const excess = Math.hypot(re[k] - tRe[i], im[k] - tIm[i]) / r[i];
      if (excess < bestExcess) { bestExcess = excess; best = i; }
    }
    if (bestExcess > 1) {
      return `computed ${re[k]} + ${im[k]}i is ${bestExcess.toExponential(2)} radii from the nearest true eigenvalue ${tRe[best]} + ${tIm[best]}i (radius ${r[best].toExponential(2)})`;
    }
    gotCount.set(find(best), (gotCount.get(find(best)) ?? 0) + 1);
  }
  for (const [root, count] of trueCount) {
    if ((gotCount.get(root) ?? 0) !== count) {
      return `the discs around ${tRe[root]} + ${tIm[root]}i hold ${count} true eigenvalues but ${gotCount.get(root) ?? 0} computed ones`;
    }
  }
  return null;
}

/** Largest ratio |computed - true| / radius over a matching found as in spectrumMismatch (for reporting headroom). */
export function worstRatio(re: ArrayLike<number>, im: ArrayLike<number>, tRe: ArrayLike<number>, tIm: ArrayLike<number>, r: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < re.length; k++) {
    let best = Infinity;
    for (let i = 0; i < tRe.length; i++) best = Math.min(best, Math.hypot(re[k] - tRe[i], im[k] - tIm[i]) / r[i]);
    worst = Math.max(worst, best);
  }
  return worst;
}
