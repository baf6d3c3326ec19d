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
import { EPS, checkInput, checkPositiveInteger, maxAbs, rangeExponent, rangeExponentOf, scaleByPowerOfTwo, timesPowerOfTwo } from './dense-checks.js';
import { luFactor, type LUResult } from './dense-lu.js';
import { checkOptionKeys } from '../checks/index.js';

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
  /**
   * QR iterations allowed in total (over all eigenvalues) before an error. Default
   * 30 max(10, n), the budget of LAPACK `dlahqr`.
   */
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
 * steps on the active block, deflating whenever a subdiagonal entry becomes negligible by the
 * Ahues-Tisseur test (see `isNegligible`). A deflated 1 x 1 block gives a real eigenvalue with
 * im exactly 0; a 2 x 2 block gives a real pair (im exactly 0) or a complex conjugate pair.
 * Clustered eigenvalues (several within 1e-12 of each other) and graded spectra converge: the
 * shift polynomial's first column is formed from differences h_ii - sigma, as in EISPACK `hqr`
 * and LAPACK `dlahqr`.
 *
 * Order: descending modulus |lambda|; moduli equal within a relative 1e-12 count as ties, broken
 * by larger real part first, then larger imaginary part first (so a conjugate pair is listed
 * +im then -im, and for a stochastic matrix the eigenvalue 1 comes before -1).
 * The input is not modified. Throws a RangeError if the QR iterations over all eigenvalues
 * exceed `maxIterations` (rare; the message names the count and the unfinished block).
 *
 * @example
 * const t = Math.PI / 6; // a rotation by t has eigenvalues cos t ± i sin t
 * const { re, im } = eigenvalues(matrix64(2, 2, [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]));
 * // re = [0.866..., 0.866...], im = [0.5, -0.5]
 */
export function eigenvalues(a: Matrix64, options: EigenvaluesOptions = {}): EigenvaluesResult {
  checkOptionKeys('eigenvalues', options, ['balance', 'maxIterations']);
  checkInput('eigenvalues', 'a', a, true);
  const n = a.rows;
  const maxIterations = options.maxIterations ?? 30 * Math.max(10, n);
  checkPositiveInteger('eigenvalues', 'maxIterations', maxIterations);
  const H = a.data.slice();
  // entries far from 1 (beyond 1.5e138 or below 6.7e-139): work on 2^k A, where the shifts'
  // products neither overflow nor underflow, and scale the eigenvalues back by 2^-k
  const k = rangeExponent(H);
  scaleByPowerOfTwo(H, k);
  if (options.balance ?? true) balance(H, n);
  reduceToHessenberg(H, n, null);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  hessenbergQR(H, n, re, im, maxIterations);
  scaleByPowerOfTwo(re, -k);
  scaleByPowerOfTwo(im, -k);
  return sortEigenvalues(re, im);
}

/** Smallest positive normal float64, 2^-1022 (LAPACK's safe minimum). */
const SAFE_MIN = 2.2250738585072014e-308;

/** Iterations without a deflation after which an exceptional shift is used (LAPACK's KEXSH). */
const EXCEPTIONAL_EVERY = 10;

/**
 * Francis double-shift QR on the upper Hessenberg H (in place, destroyed), writing the
 * eigenvalues into re/im. Works on the active block l..hi; only that block is updated, which is
 * enough for eigenvalues (no Schur vectors are kept). The organization is that of LAPACK
 * `dlahqr`: a total budget of QR iterations, the Ahues-Tisseur deflation test, shifts from the
 * trailing 2 x 2 block (an exceptional shift after every 10 iterations without a deflation), and
 * the bulge started at the lowest row m where two consecutive small subdiagonals let it start.
 */
function hessenbergQR(H: Float64Array, n: number, re: Float64Array, im: Float64Array, maxIterations: number): void {
  // Subdiagonals below smallNum count as zero whatever their neighbours (LAPACK's SMLNUM).
  const smallNum = SAFE_MIN * (n / EPS);
  const shift = new Float64Array(4); // (re1, im1, re2, im2)
  const v = new Float64Array(3);
  let hi = n - 1;
  let used = 0;
  let sinceDeflation = 0;
  while (hi >= 0) {
    // Top l of the active block: the largest l <= hi with h_{l,l-1} negligible (l = 0 if none).
    let l = hi;
    while (l > 0 && !isNegligible(H, n, l, hi, smallNum)) l--;
    if (l > 0) H[l * n + l - 1] = 0;
    if (l === hi) {
      // 1 x 1 block: a real eigenvalue.
      re[hi] = H[hi * n + hi];
      im[hi] = 0;
      hi--;
      sinceDeflation = 0;
      continue;
    }
    if (l === hi - 1) {
      eigenvalues2x2(H[(hi - 1) * n + hi - 1], H[(hi - 1) * n + hi], H[hi * n + hi - 1], H[hi * n + hi], re, im, hi - 1);
      hi -= 2;
      sinceDeflation = 0;
      continue;
    }
    if (used === maxIterations) {
      throw new RangeError(`eigenvalues: no convergence after ${maxIterations} QR iterations in total (eigenvalues ${hi + 1}..${n - 1} found; the block of rows ${l}..${hi} did not split)`);
    }
    used++;
    sinceDeflation++;
    chooseShifts(H, n, l, hi, sinceDeflation, shift);
    const m = bulgeStart(H, n, l, hi, shift, v);
    francisStep(H, n, l, m, hi, v);
  }
}

/**
 * Ahues-Tisseur deflation test (LAPACK Working Note 122, 1997, as used in `dlahqr`) for the
 * subdiagonal h_{k,k-1} of the active block ending at row hi. With a = h_{k-1,k-1},
 * b = h_{k-1,k}, c = h_{k,k-1}, d = h_kk, c is set to 0 when
 *
 *   |c| <= eps (|a| + |d|)                                   (the classical test), and
 *   min(|b|,|c|) max(|b|,|c|) / s <= eps min(|d|,|a-d|) max(|d|,|a-d|) / s,
 *   s = max(|d|,|a-d|) + max(|b|,|c|),
 *
 * i.e. |b c| is negligible against |d (a - d)|: the eigenvalues of the 2 x 2 block move by a
 * relative eps at most. The second condition refuses to deflate a tiny c when the diagonal
 * entries are nearly equal (a cluster), where the classical test alone would change the
 * eigenvalues by much more than eps. When a = d = 0 the neighbouring subdiagonals give the
 * local scale.
 */
function isNegligible(H: Float64Array, n: number, k: number, hi: number, smallNum: number): boolean {
  const c = Math.abs(H[k * n + k - 1]);
  if (c <= smallNum) return true;
  const a = H[(k - 1) * n + k - 1];
  const d = H[k * n + k];
  let scale = Math.abs(a) + Math.abs(d);
  if (scale === 0) {
    if (k >= 2) scale += Math.abs(H[(k - 1) * n + k - 2]);
    if (k + 1 <= hi) scale += Math.abs(H[(k + 1) * n + k]);
  }
  if (c > EPS * scale) return false;
  const b = Math.abs(H[(k - 1) * n + k]);
  const offMax = Math.max(c, b);
  const offMin = Math.min(c, b);
  const diagMax = Math.max(Math.abs(d), Math.abs(a - d));
  const diagMin = Math.min(Math.abs(d), Math.abs(a - d));
  const s = diagMax + offMax;
  return offMin * (offMax / s) <= Math.max(smallNum, EPS * (diagMin * (diagMax / s)));
}

/**
 * The two shifts sigma1, sigma2 for the next double-shift step, into shift = (re1, im1, re2, im2):
 * the eigenvalues of the trailing 2 x 2 block [[h11, h12], [h21, h22]] (Francis), or after every
 * 10 iterations without a deflation an exceptional block [[w + 3/4 e, -7/16 e], [e, w + 3/4 e]]
 * (eigenvalues w + 3/4 e ± 0.661 e i) built from the bottom (w = h_{hi,hi},
 * e = |h_{hi,hi-1}| + |h_{hi-1,hi-2}|) or, every other time, the top of the block, to break
 * cycles. Real shifts: both are set to the one closer to h22 (as `dlahqr` does), which keeps the
 * step real and converges at the same rate.
 */
function chooseShifts(H: Float64Array, n: number, l: number, hi: number, sinceDeflation: number, shift: Float64Array): void {
  let h11: number;
  let h12: number;
  let h21: number;
  let h22: number;
  if (sinceDeflation % (2 * EXCEPTIONAL_EVERY) === 0) {
    const e = Math.abs(H[(l + 1) * n + l]) + Math.abs(H[(l + 2) * n + l + 1]);
    h11 = 0.75 * e + H[l * n + l];
    h12 = -0.4375 * e;
    h21 = e;
    h22 = h11;
  } else if (sinceDeflation % EXCEPTIONAL_EVERY === 0) {
    const e = Math.abs(H[hi * n + hi - 1]) + Math.abs(H[(hi - 1) * n + hi - 2]);
    h11 = 0.75 * e + H[hi * n + hi];
    h12 = -0.4375 * e;
    h21 = e;
    h22 = h11;
  } else {
    h11 = H[(hi - 1) * n + hi - 1];
    h12 = H[(hi - 1) * n + hi];
    h21 = H[hi * n + hi - 1];
    h22 = H[hi * n + hi];
  }
  // Eigenvalues of the 2 x 2 block, computed on the block scaled by s to avoid overflow:
  // with tr = (h11 + h22)/2 and det = (h11 - tr)(h22 - tr) - h12 h21, they are tr ± sqrt(-det).
  const s = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
  if (s === 0) {
    shift.fill(0);
    return;
  }
  h11 /= s; h12 /= s; h21 /= s; h22 /= s;
  const tr = (h11 + h22) / 2;
  const det = (h11 - tr) * (h22 - tr) - h12 * h21;
  const root = Math.sqrt(Math.abs(det));
  if (det >= 0) {
    shift[0] = tr * s; shift[1] = root * s; // complex conjugate pair
    shift[2] = tr * s; shift[3] = -root * s;
  } else {
    const r1 = tr + root;
    const r2 = tr - root;
    const r = (Math.abs(r1 - h22) <= Math.abs(r2 - h22) ? r1 : r2) * s;
    shift[0] = r; shift[1] = 0;
    shift[2] = r; shift[3] = 0;
  }
}

/**
 * Where to start the bulge, and its first column. The double-shift step is one QR step of
 * M = (H - sigma1 I)(H - sigma2 I); started at row m its reflector is fixed by the first column
 * of M's block from row m, (x, y, z) = h_{m+1,m} times
 *
 *   x = h_{m,m+1} + (h_mm - sigma1)(h_mm - sigma2) / h_{m+1,m}
 *   y = (h_mm - sigma1) + (h_{m+1,m+1} - sigma2)
 *   z = h_{m+2,m+1},
 *
 * written with the differences h_mm - sigma formed first (EISPACK `hqr`, LAPACK `dlahqr`): when
 * the eigenvalues cluster at c with width w the entries of M are of size w^2, and the expanded
 * form h_mm^2 - (sigma1 + sigma2) h_mm + sigma1 sigma2 would lose them under round-off of size
 * eps c^2. v receives (x, y, z) scaled to |x| + |y| + |z| = 1.
 *
 * Starting at m > l is allowed when h_{m,m-1} times the bulge it would create is negligible:
 * |h_{m,m-1}| (|y| + |z|) <= eps |x| (|h_{m-1,m-1}| + |h_mm| + |h_{m+1,m+1}|). Returns m.
 */
function bulgeStart(H: Float64Array, n: number, l: number, hi: number, shift: Float64Array, v: Float64Array): number {
  const [re1, im1, re2, im2] = shift;
  let m = hi - 2;
  for (; m >= l; m--) {
    const hmm = H[m * n + m];
    const h21 = H[(m + 1) * n + m];
    const s = Math.abs(hmm - re2) + Math.abs(im2) + Math.abs(h21);
    const h21s = h21 / s;
    v[0] = h21s * H[m * n + m + 1] + (hmm - re1) * ((hmm - re2) / s) - im1 * (im2 / s);
    v[1] = h21s * ((hmm - re1) + (H[(m + 1) * n + m + 1] - re2));
    v[2] = h21s * H[(m + 2) * n + m + 1];
    const sum = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
    v[0] /= sum; v[1] /= sum; v[2] /= sum;
    if (m === l) break;
    const lhs = Math.abs(H[m * n + m - 1]) * (Math.abs(v[1]) + Math.abs(v[2]));
    const rhs = EPS * Math.abs(v[0]) * (Math.abs(H[(m - 1) * n + m - 1]) + Math.abs(hmm) + Math.abs(H[(m + 1) * n + m + 1]));
    if (lhs <= rhs) break;
  }
  return m;
}

/**
 * One Francis double-shift step on rows l..hi started at row m (Golub & Van Loan Alg. 7.5.1):
 * the reflector fixed by v = (x, y, z) creates a bulge, which further 3 x 3 reflectors (one
 * 2 x 2 at the end) chase down the subdiagonal. In exact arithmetic this is one QR step of
 * (H - sigma1 I)(H - sigma2 I), i.e. two QR steps with shifts sigma1, sigma2.
 * Each reflector is G = I - tau u u^T with u = (1, u1, u2), chosen so that G (x, y, z)^T =
 * (beta, 0, 0)^T, beta = -sign(x) ||(x, y, z)||, tau = (beta - x)/beta, u_i = (y, z)_i/(x - beta)
 * (LAPACK `dlarfg`).
 */
function francisStep(H: Float64Array, n: number, l: number, m: number, hi: number, v: Float64Array): void {
  for (let k = m; k <= hi - 1; k++) {
    const three = k < hi - 1; // a 3 x 3 reflector, or the final 2 x 2
    let x: number;
    let y: number;
    let z: number;
    if (k === m) {
      x = v[0]; y = v[1]; z = three ? v[2] : 0;
    } else {
      x = H[k * n + k - 1];
      y = H[(k + 1) * n + k - 1];
      z = three ? H[(k + 2) * n + k - 1] : 0;
    }
    let tau = 0;
    let u1 = 0;
    let u2 = 0;
    let beta = x;
    if (y !== 0 || z !== 0) {
      // ||(x, y, z)|| computed on the vector scaled by its 1-norm (no overflow or underflow).
      const scale = Math.abs(x) + Math.abs(y) + Math.abs(z);
      const xs = x / scale;
      const ys = y / scale;
      const zs = z / scale;
      const norm = scale * Math.sqrt(xs * xs + ys * ys + zs * zs);
      beta = x >= 0 ? -norm : norm;
      tau = (beta - x) / beta;
      u1 = y / (x - beta);
      u2 = z / (x - beta);
    }
    if (k > m) {
      // Column k-1 becomes (beta, 0, 0) in rows k..k+2: set it directly.
      H[k * n + k - 1] = beta;
      H[(k + 1) * n + k - 1] = 0;
      if (three) H[(k + 2) * n + k - 1] = 0;
    } else if (m > l) {
      // Started below l: G acts on h_{m,m-1} too; its other products are the negligible bulge.
      H[k * n + k - 1] *= 1 - tau;
    }
    if (tau === 0) continue;
    const t1 = tau;
    const t2 = tau * u1;
    const t3 = tau * u2;
    if (three) {
      for (let j = k; j <= hi; j++) {
        const sum = H[k * n + j] + u1 * H[(k + 1) * n + j] + u2 * H[(k + 2) * n + j];
        H[k * n + j] -= sum * t1;
        H[(k + 1) * n + j] -= sum * t2;
        H[(k + 2) * n + j] -= sum * t3;
      }
      const iEnd = Math.min(k + 3, hi);
      for (let i = l; i <= iEnd; i++) {
        const sum = H[i * n + k] + u1 * H[i * n + k + 1] + u2 * H[i * n + k + 2];
        H[i * n + k] -= sum * t1;
        H[i * n + k + 1] -= sum * t2;
        H[i * n + k + 2] -= sum * t3;
      }
    } else {
      for (let j = k; j <= hi; j++) {
        const sum = H[k * n + j] + u1 * H[(k + 1) * n + j];
        H[k * n + j] -= sum * t1;
        H[(k + 1) * n + j] -= sum * t2;
      }
      for (let i = l; i <= hi; i++) {
        const sum = H[i * n + k] + u1 * H[i * n + k + 1];
        H[i * n + k] -= sum * t1;
        H[i * n + k + 1] -= sum * t2;
      }
    }
  }
}

/**
 * Eigenvalues of the deflated 2 x 2 block [[a, b], [c, d]] into re/im at k, k+1:
 * (lambda - a)(lambda - d) = b c. With mu = lambda - d, p = (a - d)/2, q = p^2 + b c:
 * mu = p ± sqrt(q). Real pair (q >= 0): the larger-|mu| root first (no cancellation), the other
 * from mu1 mu2 = -b c; im exactly 0. Otherwise the conjugate pair d + p ± i sqrt(-q).
 */
function eigenvalues2x2(a: number, b: number, c: number, d: number, re: Float64Array, im: Float64Array, k: number): void {
  const w = b * c;
  const p = 0.5 * (a - d);
  const q = p * p + w;
  const z = Math.sqrt(Math.abs(q));
  if (q >= 0) {
    const mu = p + (p >= 0 ? z : -z);
    re[k] = d + mu;
    re[k + 1] = mu !== 0 ? d - w / mu : d;
    im[k] = 0;
    im[k + 1] = 0;
  } else {
    re[k] = d + p;
    re[k + 1] = d + p;
    im[k] = z;
    im[k + 1] = -z;
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
 * factor A - lambda I = P^T L U once (a zero pivot is replaced by eps ||A||, as in EISPACK
 * `invit`; a small nonzero one is kept), then repeat x <- (A - lambda I)^{-1} x / ||.|| from
 * x = (1, ..., 1) / sqrt(n) until x changes by less than 1e-12 between steps or its residual is
 * at most n eps (||A||_F + |lambda|); two more start vectors follow if that ends without an
 * eigenvector.
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
  checkOptionKeys('eigenvectorFor', options, ['maxIterations']);
  checkInput('eigenvectorFor', 'a', a, true);
  if (typeof lambda !== 'number' || !Number.isFinite(lambda)) {
    throw new RangeError(`eigenvectorFor: lambda must be a finite real number, got ${String(lambda)}`);
  }
  const maxIterations = options.maxIterations ?? 20;
  checkPositiveInteger('eigenvectorFor', 'maxIterations', maxIterations);
  const n = a.rows;
  if (n === 0) throw new RangeError('eigenvectorFor: a is 0x0 and has no eigenvectors');
  // far from 1 (see eigenvalues): the eigenvector of 2^k A for 2^k lambda is the same vector
  const k = rangeExponentOf(Math.max(maxAbs(a), Math.abs(lambda)));
  if (k !== 0) {
    const scaled = a.data.slice();
    scaleByPowerOfTwo(scaled, k);
    return inverseIteration({ rows: n, cols: n, data: scaled }, timesPowerOfTwo(lambda, k), maxIterations, lambda, -k);
  }
  return inverseIteration(a, lambda, maxIterations, lambda, 0);
}

/**
 * Inverse iteration for eigenvectorFor on a matrix within the safe range; `reported` is the
 * caller's lambda and 2^unscale the factor back to the caller's units (for the messages).
 */
function inverseIteration(a: Matrix64, lambda: number, maxIterations: number, reported: number, unscale: number): Float64Array {
  const n = a.rows;
  const B = a.data.slice();
  for (let i = 0; i < n; i++) B[i * n + i] -= lambda;
  const aNorm = frobeniusOf(a.data);
  // the zero matrix and lambda = 0: every vector is an eigenvector (and eps times a zero norm
  // would leave a zero pivot to divide by)
  if (aNorm === 0 && lambda === 0) return new Float64Array(n).fill(1 / Math.sqrt(n));
  const f = luFactor({ rows: n, cols: n, data: B });
  // A pivot that is exactly zero (lambda an exact eigenvalue, as for a permutation) or so small
  // that dividing by it could overflow becomes eps ||A|| (EISPACK invit's eps3). A small pivot
  // that is not is kept: it is the near-singularity that inverse iteration feeds on, and raising
  // it to eps ||A|| perturbs A - lambda I by that much, which an ill-conditioned eigenvector turns
  // into a residual of 1e-11 where the kept pivot gives 1e-15 (a non-normal 8 x 8 did).
  const floor = EPS * Math.max(aNorm, Math.abs(lambda), Number.MIN_VALUE);
  const tiny = floor * NEGLIGIBLE_PIVOT;
  const U = f.lu.data;
  for (let k = 0; k < n; k++) {
    if (Math.abs(U[k * n + k]) <= tiny) U[k * n + k] = U[k * n + k] < 0 ? -floor : floor;
  }
  // Accepted residual: a backward error of a few eps (the level a backward-stable solver reaches).
  const small = n * EPS * (aNorm + Math.abs(lambda));
  const limit = Math.sqrt(EPS) * (aNorm + Math.abs(lambda));
  // Start vectors: (1, ..., 1) first; if the iteration ends without an eigenvector, a start that
  // has no component along the wanted one is the likely reason (for a column-stochastic W every
  // right eigenvector of an eigenvalue other than 1 is orthogonal to (1, ..., 1); for a
  // permutation the iterates stay exact and never pick one up), so two more starts follow whose
  // entries come from the golden-ratio sequence (no sign or symmetry pattern), as LAPACK's dlaein
  // tries other start vectors when the growth is too small.
  let best: { x: Float64Array; r: number; settled: boolean } = { x: new Float64Array(n), r: Infinity, settled: false };
  for (let start = 0; start < 3; start++) {
    const x0 = new Float64Array(n);
    for (let i = 0; i < n; i++) x0[i] = start === 0 ? 1 : ((i + 1) * (start === 1 ? 0.6180339887498949 : 0.7548776662466927)) % 1 - 0.5;
    normalizeSigned(x0);
    const result = iterateFrom(a, lambda, f, x0, maxIterations, small);
    if (result.r <= limit && result.settled) return result.x;
    if (result.r < best.r) best = result;
  }
  if (best.settled) {
    throw new RangeError(`eigenvectorFor: lambda = ${reported} does not look like an eigenvalue of a: residual ||A x - lambda x|| = ${timesPowerOfTwo(best.r, unscale)} > sqrt(eps)(||A||_F + |lambda|) = ${timesPowerOfTwo(limit, unscale)} (from three start vectors)`);
  }
  if (best.r > limit) {
    throw new RangeError(`eigenvectorFor: lambda = ${reported} does not look like an eigenvalue of a: after ${maxIterations} iterations the residual ||A x - lambda x|| = ${timesPowerOfTwo(best.r, unscale)} > sqrt(eps)(||A||_F + |lambda|) = ${timesPowerOfTwo(limit, unscale)}`);
  }
  throw new RangeError(`eigenvectorFor: inverse iteration did not settle after ${maxIterations} iterations (lambda = ${reported}; is it a simple real eigenvalue?)`);
}

/**
 * Inverse iteration x <- (A - lambda I)^{-1} x / ||.|| from the unit vector x0 with the
 * factor f of A - lambda I: stops when x no longer moves (change <= 1e-12) or is already an
 * eigenvector to working accuracy (residual <= small; for a repeated or tightly clustered
 * eigenvalue x may keep turning inside the eigenspace). settled: one of the two happened.
 */
function iterateFrom(a: Matrix64, lambda: number, f: LUResult, x0: Float64Array, maxIterations: number, small: number): { x: Float64Array; r: number; settled: boolean } {
  const n = a.rows;
  let x: Float64Array = x0;
  let y: Float64Array = new Float64Array(n);
  let r = Infinity;
  for (let it = 1; it <= maxIterations; it++) {
    solveFactoredInPlace(f.lu.data, f.pivots, n, x, y);
    normalizeSigned(y);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(y[i] - x[i]));
    const tmp = x; x = y; y = tmp;
    r = residual(a, lambda, x);
    if (change <= 1e-12 || r <= small) return { x, r, settled: true };
  }
  return { x, r, settled: false };
}

/**
 * Pivots of A - lambda I at or below eps ||A|| times this are treated as zero in inverse
 * iteration: with ||A|| in the safe range (rangeExponent, >= 6.7e-139), 1/pivot stays below
 * ~1e270, far from overflow, and a kept pivot is never smaller.
 */
const NEGLIGIBLE_PIVOT = 1e-116;

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
