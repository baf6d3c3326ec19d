/**
 * Unchecked float32 kernels for loops inside the library. Internal: lib/linalg/index.ts does
 * not re-export this file, so none of it is public API.
 *
 * The public functions (`gemm`, `gemm64`, `sigmoid`, `tanh`, `addRowVector`, `sumRows`) validate their arguments
 * and then call these; code in other modules that has already checked its shapes once, at its
 * own public boundary (an RBM's minibatch loop, a network layer), calls them directly, so a
 * training step is not re-validated inside every product. They trust their input: shapes
 * agree, `out` does not overlap an operand of a product, arrays are float32.
 */
import type { Matrix, Matrix64 } from './matrix.js';
import { activeBackend } from './backend.js';
import { tanhFloat32 } from './fastexp.js';

/**
 * out = alpha · op(a) · op(b) + beta · out on the active backend, op(x) = x or xᵀ. Same
 * arithmetic as `gemm`; with beta = 0, out is only written. Returns out.
 *
 * @example
 * ```ts
 * const X = matrix(4, 3, [1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1]), H = matrix(4, 2, [1, 0, 0, 1, 1, 1, 0, 0]);
 * const out = zeros(3, 2);
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
 * const z = new Float32Array([-1, 0, 1]);
 * sigmoidUnchecked(z, z); // in place: [0.2689, 0.5, 0.7311]
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
 * const z = new Float32Array([-1, 0, 1]);
 * tanhUnchecked(z, z); // in place: [-0.7616, 0, 0.7616]
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
 * const Z = matrix(2, 3, [1, 2, 3, 4, 5, 6]), bias = new Float32Array([10, 20, 30]);
 * addRowVectorUnchecked(Z, Z, bias); // Z.data = [11, 22, 33, 14, 25, 36]
 * ```
 */
export function addRowVectorUnchecked(out: Matrix, a: Matrix, v: Float32Array): Matrix {
  activeBackend().addRowVector(out.data, a.data, v, a.rows, a.cols);
  return out;
}

/**
 * out = alpha · op(a) · op(b) + beta · out in float64: the plain triple loop of `gemm64`, one
 * float64 dot product per entry; with alpha = 0, a and b are not read, with beta = 0, out is
 * only written. Returns out.
 *
 * @example
 * ```ts
 * const A = matrix64(2, 2, [1, 2, 3, 4]), W = matrix64(2, 1, [1, 1]), Z = matrix64(2, 1);
 * gemm64Unchecked(Z, A, W, false, false, 1, 0); // Z = A W: Z.data = [3, 7]
 * ```
 */
export function gemm64Unchecked(out: Matrix64, a: Matrix64, b: Matrix64, transA: boolean, transB: boolean, alpha: number, beta: number): Matrix64 {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  // op(a)(i,p) = a.data[i·aRow + p·aCol], op(b)(p,j) = b.data[p·bRow + j·bCol]
  const aRow = transA ? 1 : a.cols, aCol = transA ? a.cols : 1;
  const bRow = transB ? 1 : b.cols, bCol = transB ? b.cols : 1;
  const A = a.data, B = b.data, C = out.data;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0; // s = Σ_p op(a)(i,p) op(b)(p,j); skipped when alpha = 0 (a, b not read, as in BLAS)
      if (alpha !== 0) for (let p = 0; p < k; p++) s += A[i * aRow + p * aCol] * B[p * bRow + j * bCol];
      C[i * n + j] = beta === 0 ? alpha * s : alpha * s + beta * C[i * n + j];
    }
  }
  return out;
}

/** Float64 scratch for the column sums of sumRowsUnchecked; grows only when a longer one is needed. */
let rowSums = new Float64Array(0);

/**
 * out_j = Σ_i a_ij over float32 (the batch sum of a bias gradient), each sum in float64 over the
 * rows in order, rounded once, for the columns j in [from, to) (default all; a thread of a team
 * sums its own columns). out does not overlap a. Returns out.
 *
 * @example
 * ```ts
 * const dZ = matrix(2, 3, [1, 2, 3, 4, 5, 6]), db = new Float32Array(3);
 * sumRowsUnchecked(db, dZ); // db = [5, 7, 9]
 * ```
 */
export function sumRowsUnchecked(out: Float32Array, a: Matrix, from = 0, to = a.cols): Float32Array {
  const { rows, cols } = a;
  const A = a.data;
  if (rowSums.length < to - from) rowSums = new Float64Array(to - from);
  const sums = rowSums;
  sums.fill(0, 0, to - from);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = from; j < to; j++) sums[j - from] += A[row + j];
  }
  for (let j = from; j < to; j++) out[j] = sums[j - from];
  return out;
}
