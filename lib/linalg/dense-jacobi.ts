/**
 * The Jacobi plane rotation shared by the symmetric eigensolver (two-sided, dense-eigen-symmetric.ts)
 * and the one-sided Jacobi SVD (dense-svd.ts). Internal: lib/linalg/dense.ts does not re-export it.
 *
 * A rotation J in the (p, q) plane has c = cos θ, s = sin θ; post-multiplying a matrix by J mixes
 * its columns p and q. Both solvers choose θ from the symmetric 2 x 2 block [[α, γ], [γ, β]]
 * (α = a_pp, β = a_qq, γ = a_pq for the eigensolver; α = ‖w_p‖², β = ‖w_q‖², γ = w_pᵀ w_q for the
 * SVD) so that J zeroes γ (Golub & Van Loan, Alg. 8.5.1 and §8.6.3).
 */

/**
 * t = tan θ of the rotation that zeroes γ in [[α, γ], [γ, β]], given τ = (β − α) / (2γ): the
 * smaller root of t² + 2τt − 1 = 0, t = sign(τ) / (|τ| + √(1 + τ²)), so |θ| ≤ π/4. When τ² overflows,
 * t ≈ 1/(2τ).
 *
 * @example
 * ```ts
 * jacobiTangent(0); // 1 (θ = π/4)
 * ```
 */
export function jacobiTangent(tau: number): number {
  return Number.isFinite(tau * tau)
    ? (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau))
    : 1 / (2 * tau); // |tau| huge: t ~ 1/(2 tau) without overflowing tau^2
}

/**
 * Rows p and q of the row-major matrix M with rows of length `len` (M <- J^T M):
 * m_pk <- c m_pk − s m_qk,  m_qk <- s m_pk + c m_qk. The symmetric eigensolver's row update, and
 * the one-sided SVD's column update when it keeps its columns as rows (contiguous memory).
 *
 * @example
 * ```ts
 * import { rotateRows } from './dense-jacobi.js'; // internal
 * const M = new Float64Array([1, 0, 0, 1]); // the 2 x 2 identity
 * rotateRows(M, 2, 0, 1, Math.SQRT1_2, Math.SQRT1_2); // M <- J^T M = [[c, -s], [s, c]]
 * ```
 */
export function rotateRows(M: Float64Array, len: number, p: number, q: number, c: number, s: number): void {
  const P = p * len, Q = q * len;
  for (let k = 0; k < len; k++) {
    const mp = M[P + k];
    const mq = M[Q + k];
    M[P + k] = c * mp - s * mq;
    M[Q + k] = s * mp + c * mq;
  }
}

/**
 * Columns p and q of the rows x n row-major matrix M (M <- M J):
 * m_kp <- c m_kp − s m_kq,  m_kq <- s m_kp + c m_kq.
 *
 * @example
 * ```ts
 * import { rotateColumns } from './dense-jacobi.js'; // internal
 * const n = 2, V = new Float64Array([1, 0, 0, 1]); // the 2 x 2 identity
 * const c = Math.SQRT1_2, s = Math.SQRT1_2; // θ = π/4
 * rotateColumns(V, n, n, 0, 1, c, s); // V <- V J = [[c, s], [-s, c]]
 * ```
 */
export function rotateColumns(M: Float64Array, rows: number, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < rows; k++) {
    const mkp = M[k * n + p];
    const mkq = M[k * n + q];
    M[k * n + p] = c * mkp - s * mkq;
    M[k * n + q] = s * mkp + c * mkq;
  }
}
