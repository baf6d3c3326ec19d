/**
 * The symmetric eigenproblem for larger matrices: Householder reduction to tridiagonal form, then
 * implicit QL iterations with Wilkinson shifts on the tridiagonal matrix, the eigenvectors
 * accumulated along. Algorithms: Golub & Van Loan, Matrix Computations (4th ed.), sec. 8.3.1
 * (Householder tridiagonalization) and 8.3.3-8.3.5 (the implicit symmetric QR step with a Wilkinson
 * shift; the QL variant runs it from the bottom of the matrix up); the organization of the two
 * loops is that of the EISPACK routines tred2 and tql2 (Bowdler, Martin, Reinsch & Wilkinson,
 * Numer. Math. 11, 1968). About 9 n^3 flops with vectors, against ~6 n^3 per Jacobi sweep.
 * Internal: symmetricEigen (dense-eigen-symmetric.ts) calls it above its Jacobi size.
 */
import { EPS } from './dense-checks.js';

/**
 * Eigenvalues (unsorted, in d) and eigenvectors (columns of V) of the symmetric n x n matrix held
 * in V (row-major, overwritten). Eigenvalues are accurate to a small multiple of eps ||A|| and the
 * eigenvectors orthonormal to working precision (backward stable); unlike Jacobi, tiny eigenvalues
 * do not keep a small relative error. Throws a RangeError if the QL iterations exceed 30 n in all.
 * @internal
 * @example
 * const V = new Float64Array([2, 1, 1, 2]), d = new Float64Array(2);
 * tridiagonalEigen(V, d, 2); // d = [1, 3] in some order, V's columns the unit eigenvectors
 */
export function tridiagonalEigen(V: Float64Array, d: Float64Array, n: number): void {
  const e = new Float64Array(n);
  householderTridiagonal(V, d, e, n);
  implicitQL(V, d, e, n);
}

/**
 * Householder reduction A = Q T Q^T, T tridiagonal with diagonal d and subdiagonal e[1..n-1]
 * (e[0] = 0), Q accumulated into V. Row i is reduced from the bottom up: with the scaled row
 * u = (a_i0 .. a_i,i-1) / scale, the reflection H = I - u u^T / h, h = |u|^2/2 + ..., zeroes all
 * of it but its last entry, which becomes e[i] = scale g, g = -sign(u_{i-1}) |u|; the trailing
 * update A <- H A H is done as A - u w^T - w u^T with w = p - (u^T p / 2h) u, p = A u / h.
 */
function householderTridiagonal(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    // d[0..i-1] holds row i (left of the diagonal); scale it to avoid under/overflow in |u|^2
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // p = A u (e[0..i-1]), using the lower triangle of the leading i x i block
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k < i; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      // w = p/h - (u^T p / 2h^2) u
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // A <- A - u w^T - w u^T on the lower triangle
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k < i; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Q = H_{n-1} ... H_1 applied to the identity, from the first reflection on (u's kept in V's
  // upper triangle, their h in d)
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL on the tridiagonal (d, e): for each l, find the first negligible subdiagonal
 * |e_m| <= eps max_{j<=l}(|d_j| + |e_j|) at or below l; while m > l, one QL step on the block
 * l..m with the Wilkinson shift of its top 2 x 2 (the eigenvalue of [[d_l, e_l], [e_l, d_l+1]]
 * nearer d_l), applied as a chain of plane rotations from row m up (Givens, sec. 8.3.5), each
 * also applied to the columns of V. The shifts are accumulated in f and added back.
 */
function implicitQL(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  // W = V^T: the rotations mix columns of V, rows of W (contiguous)
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[j * n + i] = V[i * n + j];
  let f = 0;
  let tst1 = 0;
  let iterations = 0;
  const budget = 30 * n;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    if (m > l) {
      do {
        if (++iterations > budget) {
          throw new RangeError(`symmetricEigen: no convergence after ${budget} QL iterations on the tridiagonal form (eigenvalue ${l} of ${n})`);
        }
        // Wilkinson shift from the 2 x 2 at l
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        // the rotations, from m up to l
        p = d[m];
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const a = i * n, b = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const wb = W[b + k];
            W[b + k] = s * W[a + k] + c * wb;
            W[a + k] = c * W[a + k] - s * wb;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) V[i * n + j] = W[j * n + i];
}
