/**
 * The call boundary between the public float32 kernels and the code that does the arithmetic.
 *
 * `gemm(out, a, b, opts)` (gemm.ts) checks its arguments and then calls the active backend's
 * `sgemm` with raw arrays, offsets, leading dimensions, transposes and scalars, already
 * validated. A backend therefore only has to be fast and correct on valid input; it never sees a
 * `Matrix` and never throws shape errors. Today the only backend is the pure-TypeScript one
 * ('ts', gemm-ts.ts). A WebAssembly SIMD backend can implement the same interface later and sit
 * behind the same public signature, so callers do not change.
 */
import { sgemmTS } from './gemm-ts.js';

/**
 * What a linear-algebra backend provides. Arguments follow BLAS (`cblas_sgemm`, row-major).
 *
 * @example
 * ```ts
 * const mine: LinalgBackend = {
 *   name: 'ts-copy',
 *   sgemm: (...args) => tsBackend.sgemm(...args),
 * };
 * ```
 */
export interface LinalgBackend {
  /** Short name recorded with results ('ts' for the pure-TypeScript kernels). */
  readonly name: string;
  /**
   * c = alpha·op(A)·op(B) + beta·c, all row-major float32. op(A) is m x k: A is stored m x k
   * (k x m if transA) with row stride lda starting at aOffset; op(B) is k x n: B is stored k x n
   * (n x k if transB) with stride ldb from bOffset; c is m x n with stride ldc from cOffset.
   * When beta is 0 the old c is not read. Arguments are already validated (in range, c does not
   * overlap a or b). Returns c.
   */
  sgemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    a: Float32Array, aOffset: number, lda: number,
    b: Float32Array, bOffset: number, ldb: number,
    beta: number, c: Float32Array, cOffset: number, ldc: number,
  ): Float32Array;
}

/**
 * The pure-TypeScript backend: packed panels, 3x4 register tile, float64 accumulation.
 *
 * @example
 * ```ts
 * const c = new Float32Array(1);
 * tsBackend.sgemm(false, false, 1, 1, 2, 1, new Float32Array([1, 2]), 0, 2, new Float32Array([3, 4]), 0, 1, 0, c, 0, 1);
 * c[0]; // 11
 * ```
 */
export const tsBackend: LinalgBackend = { name: 'ts', sgemm: sgemmTS };

let active: LinalgBackend = tsBackend;

/**
 * The backend that `gemm` dispatches to (internal; the public face is `getBackend()`).
 *
 * @example
 * ```ts
 * activeBackend().sgemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n);
 * ```
 */
export function activeBackend(): LinalgBackend {
  return active;
}

/**
 * Name of the backend that `gemm` currently uses: 'ts' (pure TypeScript) in this version.
 * Benchmarks and saved results record it, since different backends round differently.
 *
 * @example
 * ```ts
 * getBackend(); // 'ts'
 * ```
 */
export function getBackend(): string {
  return active.name;
}

/**
 * Chooses the backend by name. Only 'ts' exists in this version; any other name throws a
 * RangeError naming the value and the available backends.
 *
 * @example
 * ```ts
 * setBackend('ts');
 * ```
 */
export function setBackend(name: string): void {
  if (name !== 'ts') {
    throw new RangeError(`setBackend: unknown backend '${String(name)}'; available: 'ts'`);
  }
  active = tsBackend;
}
