/**
 * General matrix multiply: out = alpha · op(a) · op(b) + beta · out.
 *
 * `gemm` works on float32 `Matrix` values and is the engine's hot path (every RBM and network
 * layer is a gemm). It validates its arguments here and then calls `gemmUnchecked`
 * (kernels.ts), which hands raw arrays to the active backend (backend.ts; the pure-TypeScript
 * kernel lives in gemm-ts.ts). `gemm64` is a plain, obviously-correct triple loop over
 * `Matrix64`: the readable reference for the packed kernels, used for small exact work and in
 * the tests.
 *
 * Both accumulate every entry as one float64 sum. For float32 inputs each product a·b is exact
 * in float64, so an entry of gemm's result satisfies (derivation in docs/linalg.md)
 *   |ĉ − c| ≤ 2⁻²⁴ |c| + (k + 2)·2⁻⁵³ (|alpha| Σ_p |a_ip||b_pj| + |beta||out_ij|)
 * i.e. the float32 rounding of the final value plus a float64 summation error far below it.
 */
import { type Matrix, type Matrix64, shapeOf } from './matrix.js';
import { gemm64Unchecked, gemmUnchecked } from './kernels.js';
import { checkMatrix } from './gemm-checks.js';
import { checkOptionKeys, describe, overlaps } from '../checks/index.js';

export { availableBackends, getBackend, setBackend, type BackendName, type LinalgBackend } from './backend.js';

/** Options of {@link gemm} and {@link gemm64}. */
export interface GemmOptions {
  /** Use aᵀ in place of a. Default false. */
  transA?: boolean;
  /** Use bᵀ in place of b. Default false. */
  transB?: boolean;
  /** Scale of the product. Default 1. */
  alpha?: number;
  /** Scale of the old `out`. Default 0, and then `out` is not read (NaN in it is overwritten). */
  beta?: number;
}

interface ResolvedOptions {
  transA: boolean;
  transB: boolean;
  alpha: number;
  beta: number;
}

/** The keys of {@link GemmOptions}. */
export const GEMM_OPTION_KEYS: readonly string[] = ['transA', 'transB', 'alpha', 'beta'];

function resolveOptions(fn: string, opts: GemmOptions | undefined): ResolvedOptions {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    throw new TypeError(`${fn}: opts must be an object { transA?, transB?, alpha?, beta? }, got ${describe(opts)}`);
  }
  checkOptionKeys(fn, opts, GEMM_OPTION_KEYS);
  const o = opts ?? {};
  const transA = o.transA ?? false;
  const transB = o.transB ?? false;
  const alpha = o.alpha ?? 1;
  const beta = o.beta ?? 0;
  if (typeof transA !== 'boolean') throw new TypeError(`${fn}: transA must be a boolean, got ${describe(transA)}`);
  if (typeof transB !== 'boolean') throw new TypeError(`${fn}: transB must be a boolean, got ${describe(transB)}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new RangeError(`${fn}: alpha must be a finite number, got ${String(alpha)}`);
  }
  if (typeof beta !== 'number' || !Number.isFinite(beta)) {
    throw new RangeError(`${fn}: beta must be a finite number, got ${String(beta)}`);
  }
  return { transA, transB, alpha, beta };
}

/**
 * Checks the shapes of out = op(a) op(b) and returns [m, n, k]; messages name every shape and
 * say which operand is transposed, e.g. "gemm: a is 3x4 but b is 5x2 (a·b needs a.cols = b.rows)".
 */
function checkShapes(
  fn: string,
  out: { rows: number; cols: number },
  a: { rows: number; cols: number },
  b: { rows: number; cols: number },
  o: ResolvedOptions,
): [number, number, number] {
  const m = o.transA ? a.cols : a.rows;
  const kA = o.transA ? a.rows : a.cols;
  const kB = o.transB ? b.cols : b.rows;
  const n = o.transB ? b.rows : b.cols;
  const opA = o.transA ? 'aᵀ' : 'a';
  const opB = o.transB ? 'bᵀ' : 'b';
  const desc = `a is ${shapeOf(a)}${o.transA ? ' (transA)' : ''} and b is ${shapeOf(b)}${o.transB ? ' (transB)' : ''}`;
  if (kA !== kB) {
    throw new RangeError(
      `${fn}: a is ${shapeOf(a)}${o.transA ? ' (transA)' : ''} but b is ${shapeOf(b)}${o.transB ? ' (transB)' : ''}: ` +
      `${opA}·${opB} needs ${o.transA ? 'a.rows' : 'a.cols'} = ${o.transB ? 'b.cols' : 'b.rows'}`);
  }
  if (out.rows !== m || out.cols !== n) {
    throw new RangeError(`${fn}: out is ${shapeOf(out)} but ${desc}, so ${opA}·${opB} is ${m}x${n}`);
  }
  return [m, n, kA];
}

/**
 * The checks `gemm` makes before any arithmetic (types, options, shapes, aliasing), shared with
 * other entry points that compute the same product (the Node worker pool). `fn` names the caller
 * in error messages. Returns the product's dimensions and the resolved options.
 *
 * @example
 * ```ts
 * const a = matrix(2, 3), b = matrix(4, 3), out = zeros(2, 4);
 * const { m, n, k } = validateGemm('gemm', out, a, b, { transB: true }); // 2, 4, 3
 * ```
 */
export function validateGemm(fn: string, out: Matrix, a: Matrix, b: Matrix, opts?: GemmOptions) {
  const hint = ' (gemm is float32; use gemm64 for Matrix64)';
  checkMatrix(fn, 'out', out, Float32Array, hint);
  checkMatrix(fn, 'a', a, Float32Array, hint);
  checkMatrix(fn, 'b', b, Float32Array, hint);
  const o = resolveOptions(fn, opts);
  const [m, n, k] = checkShapes(fn, out, a, b, o);
  if (overlaps(out.data, a.data)) {
    throw new RangeError(`${fn}: out aliases a (their data share memory); the product needs a separate out`);
  }
  if (overlaps(out.data, b.data)) {
    throw new RangeError(`${fn}: out aliases b (their data share memory); the product needs a separate out`);
  }
  return { m, n, k, o };
}

/**
 * General matrix multiply on float32 matrices (BLAS sgemm):
 *
 *   out = alpha · op(a) · op(b) + beta · out,   op(a) = a or aᵀ (transA), op(b) = b or bᵀ (transB)
 *
 * with op(a) of shape m x k, op(b) k x n and out m x n. Options default to
 * `{ transA: false, transB: false, alpha: 1, beta: 0 }`. Returns `out`.
 *
 * - Each entry is accumulated as a float64 sum over all k products and rounded to float32 once.
 * - beta = 0 (the default) means `out` is only written, never read: NaN or garbage in it is
 *   overwritten, as in BLAS. With k = 0 or alpha = 0, out = beta·out and a, b are not read.
 * - `out` must not share memory with `a` or `b` (same ArrayBuffer, overlapping bytes): that
 *   throws a RangeError, because the kernel would read entries it has already overwritten.
 * - Transposes cost nothing extra: they are absorbed when the kernel packs its operands.
 * - Work happens in the active backend (`getBackend()`: 'wasm' where SIMD exists, else 'ts'); scratch buffers are
 *   module-level and grow only when a larger size is first seen, so repeated calls allocate nothing.
 *
 * @example
 * ```ts
 * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
 * const b = matrix(3, 2, [1, 0, 0, 1, 1, 1]);
 * gemm(zeros(2, 2), a, b).data;                       // Float32Array [4, 5, 10, 11]
 * gemm(zeros(3, 3), a, a, { transA: true }).data;     // aᵀa, 3x3
 * const c = matrix(2, 2, [1, 1, 1, 1]);
 * gemm(c, a, b, { alpha: 2, beta: 1 }).data;          // 2ab + c = [9, 11, 21, 23]
 * ```
 */
export function gemm(out: Matrix, a: Matrix, b: Matrix, opts?: GemmOptions): Matrix {
  const { o } = validateGemm('gemm', out, a, b, opts);
  return gemmUnchecked(out, a, b, o.transA, o.transB, o.alpha, o.beta);
}

/**
 * Float64 matrix multiply, out = alpha · op(a) · op(b) + beta · out, on `Matrix64` values:
 * a plain triple loop (one float64 dot product per entry), for small exact work (Markov
 * chains, regression, test references). Same options, defaults, checks and beta = 0 rule as
 * {@link gemm}. Returns `out`.
 *
 * @example
 * ```ts
 * const w = matrix64(2, 2, [0.5, 0.25, 0.5, 0.75]);  // column-stochastic
 * const p = matrix64(2, 1, [1, 0]);
 * gemm64(zeros64(2, 1), w, p).data;                  // Float64Array [0.5, 0.5]
 * ```
 */
export function gemm64(out: Matrix64, a: Matrix64, b: Matrix64, opts?: GemmOptions): Matrix64 {
  const hint = ' (gemm64 is float64; use gemm for float32 Matrix)';
  checkMatrix('gemm64', 'out', out, Float64Array, hint);
  checkMatrix('gemm64', 'a', a, Float64Array, hint);
  checkMatrix('gemm64', 'b', b, Float64Array, hint);
  const o = resolveOptions('gemm64', opts);
  checkShapes('gemm64', out, a, b, o);
  if (overlaps(out.data, a.data)) {
    throw new RangeError('gemm64: out aliases a (their data share memory); the product needs a separate out');
  }
  if (overlaps(out.data, b.data)) {
    throw new RangeError('gemm64: out aliases b (their data share memory); the product needs a separate out');
  }
  return gemm64Unchecked(out, a, b, o.transA, o.transB, o.alpha, o.beta);
}
