/**
 * Unchecked float32 kernels for loops inside the library. Internal: lib/linalg/index.ts does
 * not re-export this file, so none of it is public API.
 *
 * The public functions (`gemm`, `sigmoid`, `tanh`, `addRowVector`) validate their arguments
 * and then call these; code in other modules that has already checked its shapes once, at its
 * own public boundary (an RBM's minibatch loop, a network layer), calls them directly, so a
 * training step is not re-validated inside every product. They trust their input: shapes
 * agree, `out` does not overlap an operand of a product, arrays are float32.
 */
import type { Matrix } from './matrix.js';
import { activeBackend } from './backend.js';
import { tanhFloat32 } from './fastexp.js';

/**
 * out = alpha · op(a) · op(b) + beta · out on the active backend, op(x) = x or xᵀ. Same
 * arithmetic as `gemm`; with beta = 0, out is only written. Returns out.
 *
 * @example
 * ```ts
 * gemmUnchecked(out, X, H, true, false, 1 / X.rows, 0); // out = (1/n) Xᵀ H
 * ```
 */
export function gemmUnchecked(out: Matrix, a: Matrix, b: Matrix, transA: boolean, transB: boolean, alpha: number, beta: number): Matrix {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  activeBackend().sgemm(transA, transB, m, n, k, alpha, a.data, 0, a.cols, b.data, 0, b.cols, beta, out.data, 0, n);
  return out;
}

/**
 * out[i] = sigma(x[i]) over float32 on the active backend (out may be x). Returns out.
 *
 * @example
 * ```ts
 * sigmoidUnchecked(z, z);
 * ```
 */
export function sigmoidUnchecked(out: Float32Array, x: Float32Array): Float32Array {
  activeBackend().sigmoid(out, x);
  return out;
}

/**
 * out[i] = tanh(x[i]) over float32 (out may be x). Returns out.
 *
 * @example
 * ```ts
 * tanhUnchecked(z, z);
 * ```
 */
export function tanhUnchecked(out: Float32Array, x: Float32Array): Float32Array {
  return tanhFloat32(out, x);
}

/**
 * out_ij = a_ij + v_j on the active backend (out may be a). Returns out.
 *
 * @example
 * ```ts
 * addRowVectorUnchecked(Z, Z, bias);
 * ```
 */
export function addRowVectorUnchecked(out: Matrix, a: Matrix, v: Float32Array): Matrix {
  activeBackend().addRowVector(out.data, a.data, v, a.rows, a.cols);
  return out;
}
