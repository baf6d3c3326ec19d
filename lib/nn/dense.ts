/**
 * The dense (fully connected) layer as a forward / backward pair (N-NN-09, N-NN-10), batched:
 *
 *   forward    Z^l = A^{l-1} W^l + b^l                    (B x n_l)
 *   backward   dC/dW^l = (A^{l-1})ᵀ Δ^l                   (n_{l-1} x n_l)   eq. (1)
 *              dC/db^l = Σ_rows Δ^l                       (n_l)             eq. (3)
 *              dC/dA^{l-1} = Δ^l (W^l)ᵀ                   (B x n_{l-1})
 *
 * with Δ^l = dC/dZ^l (the errors δ^l of the notes, one row per sample). Together with the
 * activation backward, Δ^{l-1} = (Δ^l (W^l)ᵀ) ∘ f'(Z^{l-1}) is the notes' final back-propagation
 * equation δ^l_j = Σ_k δ^{l+1}_k w^{l+1}_{kj} σ'(z^l_j) (N-NN-10). W^l is stored n_{l-1} x n_l,
 * so the notes' w^l_{jk} (to node j from node k) is `W.data[k * n_l + j]`.
 *
 * float32 matrices go through `gemm` (the active backend, 'wasm' or 'ts'), float64 through the
 * plain `gemm64` loop. All arguments of one call have one precision. Nothing is allocated.
 */
import type { GemmOptions } from '../linalg/gemm.js';
import { addRowVectorUnchecked, gemm64Unchecked, gemmUnchecked, sumRowsUnchecked } from '../linalg/kernels.js';
import type { Matrix, Matrix64 } from '../linalg/matrix.js';
import type { NNMatrix, VectorOf } from './model.js';
import { checkDisjoint, checkNNMatrix, checkNNVector, checkSamePrecision, checkShape, describe } from './checks.js';

// The options of the three products, for a `gemm32` given by the caller (reused: no allocation).
const NN: GemmOptions = {};
const TN: GemmOptions = { transA: true };
const TN_ADD: GemmOptions = { transA: true, beta: 1 };
const NT: GemmOptions = { transB: true };

/**
 * A float32 matrix product with `gemm`'s signature and result, out = alpha·op(a)·op(b) + beta·out.
 * `denseForward` / `denseBackward` take one to run their products elsewhere, e.g. a WorkerPool's
 * `gemm` (boltzmann/node), which splits large products over cores with the same bits as `gemm`.
 */
export type GemmFunction = (out: Matrix, a: Matrix, b: Matrix, opts?: GemmOptions) => Matrix;

/**
 * out = op(a)·op(b) (+ out when `opts` is TN_ADD) in the precision of the operands: float32
 * through `gemm32` if given, else the active backend's kernel; float64 through the plain loop.
 * Unchecked: the public functions checked shapes and precisions.
 */
function product(out: NNMatrix, a: NNMatrix, b: NNMatrix, opts: GemmOptions, gemm32: GemmFunction | undefined): void {
  const transA = opts === TN || opts === TN_ADD, transB = opts === NT, beta = opts === TN_ADD ? 1 : 0;
  if (out.data instanceof Float32Array) {
    if (gemm32 !== undefined) gemm32(out as Matrix, a as Matrix, b as Matrix, opts);
    else gemmUnchecked(out as Matrix, a as Matrix, b as Matrix, transA, transB, 1, beta);
  } else {
    gemm64Unchecked(out as Matrix64, a as Matrix64, b as Matrix64, transA, transB, 1, beta);
  }
}

function checkGemmFunction(fn: string, g: unknown): void {
  if (g !== undefined && typeof g !== 'function') throw new TypeError(`${fn}: gemm32 must be a function with gemm's signature (out, a, b, opts), got ${describe(g)}`);
}

/**
 * N-NN-10 (forward)  Z = A_prev W + b for a batch: z^l_j = Σ_k a^{l-1}_k w^l_{kj} + b^l_j per row.
 * `Z` is B x n_l, `Aprev` B x n_{l-1}, `W` n_{l-1} x n_l, `b` length n_l. Returns `Z`.
 * `gemm32` (optional) computes the float32 product instead of `gemm` (e.g. a WorkerPool's).
 *
 * @example
 * const W = fromArray2D([[1, 2], [3, 4], [5, 6]]);           // 3 inputs -> 2 outputs
 * denseForward(zeros(1, 2), fromArray2D([[1, 1, 1]]), W, new Float32Array([0.5, -0.5]));
 * // Z = [[9.5, 11.5]]
 */
export function denseForward<M extends NNMatrix>(Z: M, Aprev: M, W: M, b: VectorOf<M>, gemm32?: GemmFunction): M {
  const fn = 'denseForward';
  checkGemmFunction(fn, gemm32);
  checkNNMatrix(fn, 'W', W);
  checkNNMatrix(fn, 'Aprev', Aprev);
  checkNNMatrix(fn, 'Z', Z);
  checkSamePrecision(fn, 'Aprev', Aprev, 'W', W);
  checkSamePrecision(fn, 'Z', Z, 'W', W);
  checkNNVector(fn, 'b', b, W.cols);
  checkSamePrecision(fn, 'b', b, 'W', W);
  if (Aprev.cols !== W.rows) {
    throw new RangeError(`${fn}: Aprev is ${Aprev.rows}x${Aprev.cols} but W is ${W.rows}x${W.cols}: A_prev·W needs Aprev.cols = W.rows (W is n_{l-1} x n_l)`);
  }
  checkShape(fn, 'Z', Z, Aprev.rows, W.cols, 'batch rows x n_l');
  checkDisjoint(fn, 'Z', Z.data, 'Aprev', Aprev.data);
  checkDisjoint(fn, 'Z', Z.data, 'W', W.data);
  checkDisjoint(fn, 'Z', Z.data, 'b', b);
  return denseForwardUnchecked(Z, Aprev, W, b, gemm32);
}

/**
 * N-NN-09 / N-NN-10 (backward)  Given Δ = dC/dZ of this layer (`dZ`, B x n_l) and the forward's
 * input `Aprev` (B x n_{l-1}):
 *
 *   dW = Aprevᵀ Δ       ∂C/∂w^l_{jk} = Σ_batch δ^l_j a^{l-1}_k          eq. (1)
 *   db = Σ_rows Δ       ∂C/∂b^l_j = Σ_batch δ^l_j                        eq. (3)
 *   dAprev = Δ Wᵀ       ∂C/∂a^{l-1}_k = Σ_j δ^l_j w^l_{jk}  (skipped when `dAprev` is null, e.g. for the input layer)
 *
 * With `accumulate` true, dW and db are added to (dW += ..., db += ...), so gradients of several
 * passes through one layer can be summed; dAprev is always overwritten. With dW = db = null only
 * dAprev is computed (e.g. ∇_x of an energy for Langevin sampling). Returns `dZ`.
 * `gemm32` (optional) computes the float32 products instead of `gemm` (e.g. a WorkerPool's).
 *
 * @example
 * // one sample, 2 inputs -> 1 output: dW = xᵀ δ, db = δ, dA_prev = δ Wᵀ
 * denseBackward(zeros(2, 1), new Float32Array(1), zeros(1, 2),
 *   fromArray2D([[0.5]]), fromArray2D([[1, 2]]), fromArray2D([[3], [4]]));
 * // dW = [[0.5], [1]], db = [0.5], dA_prev = [[1.5, 2]]
 */
export function denseBackward<M extends NNMatrix>(
  dW: M | null,
  db: VectorOf<M> | null,
  dAprev: M | null,
  dZ: M,
  Aprev: M,
  W: M,
  accumulate = false,
  gemm32?: GemmFunction,
): M {
  const fn = 'denseBackward';
  checkGemmFunction(fn, gemm32);
  checkNNMatrix(fn, 'W', W);
  checkNNMatrix(fn, 'dZ', dZ);
  checkNNMatrix(fn, 'Aprev', Aprev);
  checkSamePrecision(fn, 'dZ', dZ, 'W', W);
  checkSamePrecision(fn, 'Aprev', Aprev, 'W', W);
  if (dZ.cols !== W.cols) throw new RangeError(`${fn}: dZ is ${dZ.rows}x${dZ.cols} but must have ${W.cols} columns (one per output of W, which is ${W.rows}x${W.cols})`);
  checkShape(fn, 'Aprev', Aprev, dZ.rows, W.rows, 'batch rows of dZ x n_{l-1}');
  if (typeof accumulate !== 'boolean') throw new TypeError(`${fn}: accumulate must be a boolean, got ${typeof accumulate}`);
  if ((dW === null) !== (db === null)) throw new TypeError(`${fn}: pass both dW and db, or both null (to get only dAprev)`);
  if (dW !== null && db !== null) {
    checkNNMatrix(fn, 'dW', dW);
    checkSamePrecision(fn, 'dW', dW, 'W', W);
    checkShape(fn, 'dW', dW, W.rows, W.cols, 'the shape of W');
    checkNNVector(fn, 'db', db, W.cols);
    checkSamePrecision(fn, 'db', db, 'W', W);
    checkDisjoint(fn, 'dW', dW.data, 'Aprev', Aprev.data);
    checkDisjoint(fn, 'dW', dW.data, 'dZ', dZ.data);
    checkDisjoint(fn, 'db', db, 'dZ', dZ.data);
  }
  if (dAprev !== null) {
    checkNNMatrix(fn, 'dAprev', dAprev);
    checkSamePrecision(fn, 'dAprev', dAprev, 'W', W);
    checkShape(fn, 'dAprev', dAprev, dZ.rows, W.rows, 'the shape of Aprev');
    checkDisjoint(fn, 'dAprev', dAprev.data, 'dZ', dZ.data);
    checkDisjoint(fn, 'dAprev', dAprev.data, 'W', W.data);
  }
  return denseBackwardUnchecked(dW, db, dAprev, dZ, Aprev, W, accumulate, gemm32);
}

// ---------------------------------------------------------------------------------------------
// The kernels, unchecked: denseForward and denseBackward check their arguments and call these;
// the MLP and the VAE call them directly. Internal: lib/nn/index.ts does not list them.

/**
 * {@link denseForward} without checks: Z = Aprev W + b (one precision, shapes agreeing, Z not
 * overlapping Aprev or W). Returns Z.
 *
 * @example
 * ```ts
 * import { denseForwardUnchecked } from './dense.js'; // internal
 * const Aprev = fromArray2D([[1, 1, 1]]), W = fromArray2D([[1, 2], [3, 4], [5, 6]]), b = new Float32Array([0.5, -0.5]);
 * const Z = zeros(1, 2);
 * denseForwardUnchecked(Z, Aprev, W, b, undefined); // Z = [[9.5, 11.5]]
 * ```
 */
export function denseForwardUnchecked<M extends NNMatrix>(Z: M, Aprev: M, W: M, b: VectorOf<M>, gemm32: GemmFunction | undefined): M {
  product(Z, Aprev, W, NN, gemm32); // Z = A^{l-1} W^l
  if (Z.data instanceof Float32Array) {
    addRowVectorUnchecked(Z as Matrix, Z as Matrix, b as Float32Array); // + b^l on every row
  } else {
    const D = Z.data, n = Z.cols;
    for (let r = 0; r < Z.rows; r++) for (let j = 0; j < n; j++) D[r * n + j] += b[j];
  }
  return Z;
}

/**
 * {@link denseBackward} without checks (one precision, shapes agreeing; dW, db both given or
 * both null; dAprev null or B x n_{l-1}, not overlapping dZ or W). Returns dZ.
 *
 * @example
 * ```ts
 * import { denseBackwardUnchecked } from './dense.js'; // internal
 * const D = fromArray2D([[0.5]]), Aprev = fromArray2D([[1, 2]]), W = fromArray2D([[3], [4]]);
 * const dW = zeros(2, 1), db = new Float32Array(1), dAprev = zeros(1, 2);
 * denseBackwardUnchecked(dW, db, dAprev, D, Aprev, W, false, undefined);
 * // dW = [[0.5], [1]], db = [0.5], dAprev = [[1.5, 2]]
 * ```
 */
export function denseBackwardUnchecked<M extends NNMatrix>(
  dW: M | null, db: VectorOf<M> | null, dAprev: M | null, dZ: M, Aprev: M, W: M, accumulate: boolean, gemm32: GemmFunction | undefined,
): M {
  if (dW !== null && db !== null) {
    // eq. (1): dC/dW^l = (A^{l-1})ᵀ Δ^l; the notes' ∂C/∂w^l_{jk} = δ^l_j a^{l-1}_k is dW[k][j]
    product(dW, Aprev, dZ, accumulate ? TN_ADD : TN, gemm32);
    // eq. (3): dC/db^l_j = Σ_batch δ^l_j
    const rows = dZ.rows, n = dZ.cols, D = dZ.data;
    if (db instanceof Float32Array && !accumulate) {
      sumRowsUnchecked(db, dZ as Matrix);
    } else {
      if (!accumulate) db.fill(0);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += D[r * n + j];
        db[j] += s;
      }
    }
  }
  if (dAprev !== null) {
    // N-NN-10: dC/dA^{l-1} = Δ^l (W^l)ᵀ, i.e. Σ_k δ^l_k w^l_{kj} (the notes' output-index-first w)
    product(dAprev, dZ, W, NT, gemm32);
  }
  return dZ;
}
