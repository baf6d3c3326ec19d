/**
 * Eigenvalues of a general (nonsymmetric) real matrix: balancing, Householder reduction to upper
 * Hessenberg form, then the Francis double-shift QR iteration; and eigenvectors of a given real
 * eigenvalue by inverse iteration.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.): Alg. 7.4.2 (Householder
 * Hessenberg reduction), Alg. 7.5.1 (Francis QR step), sec. 7.5.5-7.5.6 (deflation, exceptional
 * shifts), sec. 7.6.1 (inverse iteration). The balancing step is Parlett & Reinsch (1969) as in
 * EISPACK `balanc`; the overall organization (deflation test, the 2 x 2 block formulas,
 * exceptional shifts at iterations 10 and 20) follows EISPACK `hqr` as described in Numerical
 * Recipes (Press et al., 3rd ed., sec. 11.6-11.7). The code is written from those descriptions.
 * Cost: about 10 n^3 for the Hessenberg reduction plus the QR iterations (~ 2 per eigenvalue).
 */
import { type Matrix64 } from './matrix.js';
import { EPS, checkInput, checkPositiveInteger, maxAbs } from './dense-checks.js';
import { luFactor } from './dense-lu.js';

/** Result of {@link hessenberg}: A = Q H Q^T. */
export interface HessenbergResult {
  /** Upper Hessenberg (h_ij = 0 for i > j + 1). */
  h: Matrix64;
  /** Orthogonal n x n. */
  q: Matrix64;
}

/**
 * Orthogonal reduction to upper Hessenberg form A = Q H Q^T by Householder reflections
 * (Golub & Van Loan Alg. 7.4.2): reflection k zeroes column k below the subdiagonal and is
 * applied on both sides, so H keeps A's eigenvalues. The input is not modified.
 * Entries below the subdiagonal of H are exactly 0.
 *
 * @example
 * const { h, q } = hessenberg(matrix64(3, 3, [4, 1, 2, 3, 5, 1, 4, 2, 6]));
 * h.data[2 * 3 + 0]; // 0: h_20 is below the subdiagonal
 */
export function hessenberg(a: Matrix64): HessenbergResult {
  checkInput('hessenberg', 'a', a, true);
  const n = a.rows;
  const H = a.data.slice();
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  reduceToHessenberg(H, n, Q);
  return { h: { rows: n, cols: n, data: H }, q: { rows: n, cols: n, data: Q } };
}

/**
 * In place: H <- P^T H P with P = P_0 ... P_{n-3}, each P_k = I - beta v v^T acting on rows /
 * columns k+1..n-1. When Q is given, Q <- Q P (so A = Q H Q^T).
 */
function reduceToHessenberg(H: Float64Array, n: number, Q: Float64Array | null): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // x = H[k+1.., k]; Householder vector with H x = alpha e_1, alpha = -sign(x_0) ||x||.
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(H[i * n + k]));
    if (scale === 0) continue;
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = H[i * n + k];
      const t = v[i] / scale;
      norm2 += t * t;
    }
    const norm = scale * Math.sqrt(norm2);
    const alpha = v[k + 1] >= 0 ? -norm : norm;
    v[k + 1] -= alpha;
    let vtv = 0;
    for (let i = k + 1; i < n; i++) vtv += v[i] * v[i];
    const beta = 2 / vtv;
    // Left: rows k+1.. of columns k+1..n-1 (column k is set directly below).
    for (let j = k + 1; j < n; j++) {
      let p = 0;
      for (let i = k + 1; i < n; i++) p += v[i] * H[i * n + j];
      p *= beta;
      for (let i = k + 1; i < n; i++) H[i * n + j] -= p * v[i];
    }
    H[(k + 1) * n + k] = alpha;
    for (let i = k + 2; i < n; i++) H[i * n + k] = 0;
    // Right: columns k+1.. of every row.
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let j = k + 1; j < n; j++) p += H[i * n + j] * v[j];
      p *= beta;
      for (let j = k + 1; j < n; j++) H[i * n + j] -= p * v[j];
    }
    if (Q) {
      for (let i = 0; i < n; i++) {
        let p = 0;
        for (let j = k + 1; j < n; j++) p += Q[i * n + j] * v[j];
        p *= beta;
        for (let j = k + 1; j < n; j++) Q[i * n + j] -= p * v[j];
      }
    }
  }
}

/**
 * Balancing (Parlett & Reinsch): in place, A <- D^{-1} A D with D diagonal of powers of 2
 * (exact in floating point), chosen so that row i and column i have comparable 1-norms
 * (off-diagonal). Eigenvalues are unchanged; their computed accuracy improves a lot on badly
 * scaled matrices such as companion matrices.
 */
function balance(A: Float64Array, n: number): void {
  const radix = 2;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let c = 0; // off-diagonal 1-norm of column i
      let r = 0; // off-diagonal 1-norm of row i
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(A[j * n + i]);
        r += Math.abs(A[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      // Find f = 2^k with c f ~ r / f, i.e. the scaled column and row norms within a factor 2.
      let f = 1;
      let g = r / radix;
      while (c < g) { f *= radix; c *= radix * radix; }
      g = r * radix;
      while (c > g) { f /= radix; c /= radix * radix; }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        // Column i times f, row i divided by f.
        for (let j = 0; j < n; j++) A[i * n + j] /= f;
        for (let j = 0; j < n; j++) A[j * n + i] *= f;
      }
    }
  }
}

/** Options of {@link eigenvalues}. */
export interface EigenvaluesOptions {
  /** Balance the matrix first (Parlett-Reinsch, exact powers of 2). Default true. */
  balance?: boolean;
  /** QR iterations allowed per eigenvalue (or 2 x 2 block) before an error. Default 30. */
  maxIterations?: number;
}

/** Result of {@link eigenvalues}: eigenvalue k is re[k] + i im[k]. */
export interface EigenvaluesResult {
  re: Float64Array;
  im: Float64Array;
}

/**
 * All eigenvalues of a real square matrix (not necessarily symmetric), e.g. a column-stochastic
 * Markov matrix. Steps: balance, reduce to upper Hessenberg form, then Francis double-shift QR
 * steps on the active block, deflating whenever a subdiagonal entry becomes negligible:
 * |h_{k,k-1}| <= eps (|h_{k-1,k-1}| + |h_kk|). A deflated 1 x 1 block gives a real eigenvalue
 * with im exactly 0; a 2 x 2 block gives a real pair (im exactly 0) or a complex conjugate pair.
 *
 * Order: descending modulus |lambda|; moduli equal within a relative 1e-12 count as ties, broken
 * by larger real part first, then larger imaginary part first (so a conjugate pair is listed
 * +im then -im, and for a stochastic matrix the eigenvalue 1 comes before -1).
 * The input is not modified. Throws a RangeError if a block needs more than `maxIterations`
 * QR iterations (rare; the message names the iteration count).
 *
 * @example
 * const t = Math.PI / 6; // a rotation by t has eigenvalues cos t ± i sin t
 * const { re, im } = eigenvalues(matrix64(2, 2, [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]));
 * // re = [0.866..., 0.866...], im = [0.5, -0.5]
 */
export function eigenvalues(a: Matrix64, options: EigenvaluesOptions = {}): EigenvaluesResult {
  checkInput('eigenvalues', 'a', a, true);
  const maxIterations = options.maxIterations ?? 30;
  checkPositiveInteger('eigenvalues', 'maxIterations', maxIterations);
  const n = a.rows;
  const H = a.data.slice();
  if (options.balance ?? true) balance(H, n);
  reduceToHessenberg(H, n, null);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  hessenbergQR(H, n, re, im, maxIterations);
  return sortEigenvalues(re, im);
}

/**
 * Francis double-shift QR on the upper Hessenberg H (in place, destroyed), writing the
 * eigenvalues into re/im. Works on the active block l..hi; only that block is updated, which is
 * enough for eigenvalues (no Schur vectors are kept).
 */
function hessenbergQR(H: Float64Array, n: number, re: Float64Array, im: Float64Array, maxIterations: number): void {
  // Norm used when the deflation test's local scale is 0.
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - 1); j < n; j++) norm += Math.abs(H[i * n + j]);
  }
  let hi = n - 1;
  let its = 0;
  while (hi >= 0) {
    // Find the top l of the active block: the largest l <= hi with h_{l,l-1} negligible (l = 0 if none).
    let l = hi;
    while (l > 0) {
      let s = Math.abs(H[(l - 1) * n + l - 1]) + Math.abs(H[l * n + l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l * n + l - 1]) <= EPS * s) {
        H[l * n + l - 1] = 0;
        break;
      }
      l--;
    }
    if (l === hi) {
      // 1 x 1 block: a real eigenvalue.
      re[hi] = H[hi * n + hi];
      im[hi] = 0;
      hi--;
      its = 0;
      continue;
    }
    if (l === hi - 1) {
      // 2 x 2 block [[y, b], [c, x]]: (lambda - x)(lambda - y) = w with w = b c.
      // With mu = lambda - x, p = (y - x)/2, q = p^2 + w: mu = p ± sqrt(q).
      const x = H[hi * n + hi];
      const y = H[(hi - 1) * n + hi - 1];
      const w = H[hi * n + hi - 1] * H[(hi - 1) * n + hi];
      const p = 0.5 * (y - x);
      const q = p * p + w;
      const z = Math.sqrt(Math.abs(q));
      if (q >= 0) {
        // Real pair: the larger-|mu| root first (no cancellation), the other from mu1 mu2 = -w.
        const mu = p + (p >= 0 ? z : -z);
        re[hi - 1] = x + mu;
        re[hi] = mu !== 0 ? x - w / mu : x;
        im[hi - 1] = 0;
        im[hi] = 0;
      } else {
        re[hi - 1] = x + p;
        re[hi] = x + p;
        im[hi - 1] = z;
        im[hi] = -z;
      }
      hi -= 2;
      its = 0;
      continue;
    }
    if (its === maxIterations) {
      throw new RangeError(`eigenvalues: no convergence after ${maxIterations} QR iterations on the block of rows ${l}..${hi}`);
    }
    its++;
    // Shifts: the eigenvalues sigma1, sigma2 of the trailing 2 x 2 block, used through
    // s = sigma1 + sigma2 and t = sigma1 sigma2 (both real). Iterations 10 and 20 use the
    // EISPACK exceptional shift instead, to break cycles: sigma = h_hh + 0.75 e ± 0.6614 e i
    // with e = |h_{hi,hi-1}| + |h_{hi-1,hi-2}|.
    let s: number;
    let t: number;
    const hhh = H[hi * n + hi];
    if (its === 10 || its === 20) {
      const e = Math.abs(H[hi * n + hi - 1]) + Math.abs(H[(hi - 1) * n + hi - 2]);
      s = 2 * hhh + 1.5 * e;
      t = hhh * hhh + 1.5 * e * hhh + e * e;
    } else {
      const h11 = H[(hi - 1) * n + hi - 1];
      s = h11 + hhh;
      t = h11 * hhh - H[(hi - 1) * n + hi] * H[hi * n + hi - 1];
    }
    francisStep(H, n, l, hi, s, t);
  }
}

/**
 * One Francis double-shift step on the active block l..hi (Golub & Van Loan Alg. 7.5.1):
 * the first column of M = H^2 - s H + t I, i.e. (x, y, z) below, fixes a 3 x 3 reflector; the
 * bulge it creates is chased down the subdiagonal with further 3 x 3 reflectors and one 2 x 2.
 * In exact arithmetic this is one QR step of M, i.e. two QR steps with shifts sigma1, sigma2.
 */
function francisStep(H: Float64Array, n: number, l: number, hi: number, s: number, t: number): void {
  const h00 = H[l * n + l];
  const h10 = H[(l + 1) * n + l];
  let x = h00 * h00 + H[l * n + l + 1] * h10 - s * h00 + t;
  let y = h10 * (h00 + H[(l + 1) * n + l + 1] - s);
  let z = h10 * H[(l + 2) * n + l + 1];
  for (let k = l; k <= hi - 2; k++) {
    // 3 x 3 reflector P = I - beta v v^T with P (x, y, z)^T = (alpha, 0, 0)^T.
    const scale = Math.abs(x) + Math.abs(y) + Math.abs(z);
    if (scale !== 0) {
      const xs = x / scale;
      const ys = y / scale;
      const zs = z / scale;
      const norm = Math.sqrt(xs * xs + ys * ys + zs * zs);
      const alpha = xs >= 0 ? -norm : norm; // scaled by 1/scale
      const v0 = xs - alpha;
      const v1 = ys;
      const v2 = zs;
      const beta = 2 / (v0 * v0 + v1 * v1 + v2 * v2);
      // Left: rows k..k+2, columns from max(l, k-1) to hi.
      const j0 = Math.max(l, k - 1);
      for (let j = j0; j <= hi; j++) {
        const p = beta * (v0 * H[k * n + j] + v1 * H[(k + 1) * n + j] + v2 * H[(k + 2) * n + j]);
        H[k * n + j] -= p * v0;
        H[(k + 1) * n + j] -= p * v1;
        H[(k + 2) * n + j] -= p * v2;
      }
      if (k > l) {
        // Column k-1 now holds (alpha, 0, 0) in rows k..k+2: set the zeros exactly.
        H[k * n + k - 1] = alpha * scale;
        H[(k + 1) * n + k - 1] = 0;
        H[(k + 2) * n + k - 1] = 0;
      }
      // Right: columns k..k+2, rows l .. min(k+3, hi).
      const i1 = Math.min(k + 3, hi);
      for (let i = l; i <= i1; i++) {
        const p = beta * (H[i * n + k] * v0 + H[i * n + k + 1] * v1 + H[i * n + k + 2] * v2);
        H[i * n + k] -= p * v0;
        H[i * n + k + 1] -= p * v1;
        H[i * n + k + 2] -= p * v2;
      }
    }
    x = H[(k + 1) * n + k];
    y = H[(k + 2) * n + k];
    if (k < hi - 2) z = H[(k + 3) * n + k];
  }
  // Final 2 x 2 reflector on rows / columns hi-1, hi, zeroing h_{hi, hi-2}.
  const k = hi - 1;
  const scale = Math.abs(x) + Math.abs(y);
  if (scale !== 0) {
    const xs = x / scale;
    const ys = y / scale;
    const norm = Math.sqrt(xs * xs + ys * ys);
    const alpha = xs >= 0 ? -norm : norm;
    const v0 = xs - alpha;
    const v1 = ys;
    const beta = 2 / (v0 * v0 + v1 * v1);
    for (let j = k - 1; j <= hi; j++) {
      const p = beta * (v0 * H[k * n + j] + v1 * H[(k + 1) * n + j]);
      H[k * n + j] -= p * v0;
      H[(k + 1) * n + j] -= p * v1;
    }
    H[k * n + k - 1] = alpha * scale;
    H[(k + 1) * n + k - 1] = 0;
    for (let i = l; i <= hi; i++) {
      const p = beta * (H[i * n + k] * v0 + H[i * n + k + 1] * v1);
      H[i * n + k] -= p * v0;
      H[i * n + k + 1] -= p * v1;
    }
  }
}

/** Sorts by descending modulus (ties within 1e-12 relative: larger re, then larger im first). */
function sortEigenvalues(re: Float64Array, im: Float64Array): EigenvaluesResult {
  const n = re.length;
  const mod = new Float64Array(n);
  for (let i = 0; i < n; i++) mod[i] = Math.hypot(re[i], im[i]);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    const tie = 1e-12 * Math.max(mod[i], mod[j]);
    if (Math.abs(mod[i] - mod[j]) > tie) return mod[j] - mod[i];
    if (re[i] !== re[j]) return re[j] - re[i];
    if (im[i] !== im[j]) return im[j] - im[i];
    return i - j;
  });
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    outRe[k] = re[order[k]];
    outIm[k] = im[order[k]];
  }
  return { re: outRe, im: outIm };
}

/** Options of {@link eigenvectorFor}. */
export interface EigenvectorOptions {
  /** Inverse-iteration steps before an error. Default 20 (one or two usually suffice). */
  maxIterations?: number;
}

/**
 * A unit eigenvector x (||x||_2 = 1, largest-|entry| made positive) of a square matrix for a
 * given real eigenvalue lambda, by inverse iteration (Golub & Van Loan sec. 7.6.1):
 * factor A - lambda I = P^T L U once (a pivot at round-off level is replaced by eps ||A||, as in
 * EISPACK `invit`), then repeat x <- (A - lambda I)^{-1} x / ||.|| from x = (1, ..., 1) / sqrt(n)
 * until x changes by less than 1e-12 between steps.
 *
 * For a column-stochastic Markov matrix and lambda = 1 this is the stationary distribution up to
 * scale: divide by the sum of its entries to get pi with sum 1 (N-MC-05).
 * lambda should be an eigenvalue to about sqrt(eps) relative accuracy (e.g. from
 * {@link eigenvalues}); a RangeError is thrown when the residual ||A x - lambda x||_2 exceeds
 * sqrt(eps) (||A||_F + |lambda|), i.e. lambda does not look like an eigenvalue, or when the
 * iteration does not settle within `maxIterations` (message names the count). For a repeated
 * eigenvalue this returns one vector of its eigenspace.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]); // columns sum to 1
 * const v = eigenvectorFor(W, 1);
 * const sum = v.reduce((s, x) => s + x, 0);
 * v.map((x) => x / sum); // Float64Array [0.25, 0.5, 0.25]
 */
export function eigenvectorFor(a: Matrix64, lambda: number, options: EigenvectorOptions = {}): Float64Array {
  checkInput('eigenvectorFor', 'a', a, true);
  if (typeof lambda !== 'number' || !Number.isFinite(lambda)) {
    throw new RangeError(`eigenvectorFor: lambda must be a finite real number, got ${String(lambda)}`);
  }
  const maxIterations = options.maxIterations ?? 20;
  checkPositiveInteger('eigenvectorFor', 'maxIterations', maxIterations);
  const n = a.rows;
  if (n === 0) throw new RangeError('eigenvectorFor: a is 0x0 and has no eigenvectors');
  const B = a.data.slice();
  for (let i = 0; i < n; i++) B[i * n + i] -= lambda;
  const f = luFactor({ rows: n, cols: n, data: B });
  const aNorm = frobeniusOf(a.data);
  const floor = EPS * Math.max(aNorm, Math.abs(lambda), Number.MIN_VALUE);
  const U = f.lu.data;
  for (let k = 0; k < n; k++) {
    if (Math.abs(U[k * n + k]) < floor) U[k * n + k] = U[k * n + k] < 0 ? -floor : floor;
  }
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  let y = new Float64Array(n);
  for (let it = 1; it <= maxIterations; it++) {
    solveFactoredInPlace(f.lu.data, f.pivots, n, x, y);
    normalizeSigned(y);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(y[i] - x[i]));
    const tmp = x; x = y; y = tmp;
    if (change <= 1e-12) {
      const r = residual(a, lambda, x);
      const limit = Math.sqrt(EPS) * (aNorm + Math.abs(lambda));
      if (r > limit) {
        throw new RangeError(`eigenvectorFor: lambda = ${lambda} does not look like an eigenvalue of a: residual ||A x - lambda x|| = ${r} > sqrt(eps)(||A||_F + |lambda|) = ${limit}`);
      }
      return x;
    }
  }
  const r = residual(a, lambda, x);
  const limit = Math.sqrt(EPS) * (aNorm + Math.abs(lambda));
  if (r > limit) {
    throw new RangeError(`eigenvectorFor: lambda = ${lambda} does not look like an eigenvalue of a: after ${maxIterations} iterations the residual ||A x - lambda x|| = ${r} > sqrt(eps)(||A||_F + |lambda|) = ${limit}`);
  }
  throw new RangeError(`eigenvectorFor: inverse iteration did not settle after ${maxIterations} iterations (lambda = ${lambda}; is it a simple real eigenvalue?)`);
}

/** y = (L U)^{-1} P x for the compact factor; x untouched. */
function solveFactoredInPlace(F: Float64Array, pivots: Int32Array, n: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) y[i] = x[pivots[i]];
  for (let i = 1; i < n; i++) {
    let s = y[i];
    for (let j = 0; j < i; j++) s -= F[i * n + j] * y[j];
    y[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < n; j++) s -= F[i * n + j] * y[j];
    y[i] = s / F[i * n + i];
  }
}

/** Scales y to unit 2-norm with its largest-|entry| positive. */
function normalizeSigned(y: Float64Array): void {
  let big = 0;
  let at = 0;
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]) > big) { big = Math.abs(y[i]); at = i; }
  }
  if (!(big > 0) || !Number.isFinite(big)) {
    throw new RangeError(`eigenvectorFor: inverse iteration produced a ${big > 0 ? 'non-finite' : 'zero'} vector`);
  }
  let s = 0;
  for (let i = 0; i < y.length; i++) { const t = y[i] / big; s += t * t; }
  const inv = (y[at] > 0 ? 1 : -1) / (big * Math.sqrt(s));
  for (let i = 0; i < y.length; i++) y[i] *= inv;
}

/** ||A x - lambda x||_2. */
function residual(a: Matrix64, lambda: number, x: Float64Array): number {
  const n = a.rows;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = -lambda * x[i];
    for (let j = 0; j < n; j++) r += a.data[i * n + j] * x[j];
    s += r * r;
  }
  return Math.sqrt(s);
}

function frobeniusOf(d: Float64Array): number {
  const scale = maxAbs({ rows: 1, cols: d.length, data: d });
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < d.length; i++) { const t = d[i] / scale; s += t * t; }
  return scale * Math.sqrt(s);
}
