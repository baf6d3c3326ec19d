/**
 * The call boundary between the public float32 kernels and the code that does the arithmetic.
 *
 * `gemm(out, a, b, opts)` (gemm.ts) checks its arguments and then calls the active backend's
 * `sgemm` with raw arrays, offsets, leading dimensions, transposes and scalars, already
 * validated. A backend therefore only has to be fast and correct on valid input; it never sees a
 * `Matrix` and never throws shape errors. Two backends implement it (gemm, and the float32 sigmoid, exp and bias add): the pure-TypeScript one ('ts', gemm-ts.ts), the readable
 * reference, and the WebAssembly SIMD one ('wasm', lib/linalg/wasm/), selected automatically
 * where the engine supports SIMD. Callers never change: `gemm` has one signature.
 */
import { sgemmTS } from './gemm-ts.js';
import { createWasmGemm, wasmSimdSupported } from './wasm/backend.js';
import { expFloat32, sigmoidFloat32 } from './fastexp.js';
import { wasmAddRowVector, wasmExp, wasmSigmoid } from './wasm/elementwise.js';

/**
 * What a linear-algebra backend provides. Arguments follow BLAS (`cblas_sgemm`, row-major).
 *
 * @example
 * ```ts
 * const mine: LinalgBackend = { ...tsBackend, name: 'ts-copy' };
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
  /** out[i] = sigmoid(x[i]) over float32 (validated by `sigmoid`: equal lengths; out may be x). */
  sigmoid(out: Float32Array, x: Float32Array): void;
  /** out[i] = e^{x[i]} over float32 (validated by `exp`). */
  exp(out: Float32Array, x: Float32Array): void;
  /** out[i·cols + j] = a[i·cols + j] + v[j], one float32 addition per entry (validated by `addRowVector`). */
  addRowVector(out: Float32Array, a: Float32Array, v: Float32Array, rows: number, cols: number): void;
}

/** The TypeScript bias add: one float32 addition per entry. */
function addRowVectorTS(out: Float32Array, a: Float32Array, v: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[row + j] = a[row + j] + v[j];
  }
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
export const tsBackend: LinalgBackend = {
  name: 'ts', sgemm: sgemmTS, sigmoid: sigmoidFloat32, exp: expFloat32, addRowVector: addRowVectorTS,
};

/** Below this length a wasm call's fixed cost (about 80 ns) is more than the TS loop it replaces. */
const WASM_MIN_LENGTH = 16;
/** Below this many entries the bias add stays on the TS loop (same bits either way). */
const WASM_MIN_ENTRIES = 1024;

/** Names `setBackend` accepts. */
export type BackendName = 'ts' | 'wasm';

let wasmBackend: LinalgBackend | undefined;
let wasmChecked = false;
let wasmAvailable = false;

/** Whether this engine validates a WebAssembly SIMD module (checked once, never throws). */
function wasmSupported(): boolean {
  if (!wasmChecked) {
    wasmChecked = true;
    wasmAvailable = wasmSimdSupported();
  }
  return wasmAvailable;
}

/**
 * The WebAssembly SIMD backend (lib/linalg/wasm/), created on first use. Its module (about
 * 1 KB) is compiled synchronously, which browsers allow on the main thread below 4 KB.
 */
function getWasmBackend(): LinalgBackend {
  if (!wasmBackend) {
    const w = createWasmGemm();
    wasmBackend = {
      name: 'wasm',
      sgemm: w.sgemm.bind(w),
      // SIMD kernels (error <= 2^-21 over all float32 inputs, docs/wasm.md) for arrays long
      // enough to pay for the call; the TS polynomial (2^-24 + 2^-26) below that.
      sigmoid: (out, x) => { if (x.length >= WASM_MIN_LENGTH) wasmSigmoid(out, x); else sigmoidFloat32(out, x); },
      exp: (out, x) => { if (x.length >= WASM_MIN_LENGTH) wasmExp(out, x); else expFloat32(out, x); },
      addRowVector: (out, a, v, rows, cols) => {
        if (rows * cols >= WASM_MIN_ENTRIES) wasmAddRowVector(out, a, v, rows, cols);
        else addRowVectorTS(out, a, v, rows, cols);
      },
    };
  }
  return wasmBackend;
}

/**
 * The sigmoid the active backend applies to an array of `length` elements (internal). The wasm
 * backend uses its SIMD kernel from WASM_MIN_LENGTH elements up and the TS polynomial below,
 * and the two differ in the last bits: a computation split into parts (the RBM training loop's
 * team) calls this with the whole array's length and applies the result to each part, so every
 * part gets the kernel the whole array would.
 *
 * @example
 * ```ts
 * const z = new Float32Array(100);
 * sigmoidKernelFor(100)(z.subarray(0, 8), z.subarray(0, 8)); // the kernel a 100-element call uses
 * ```
 */
export function sigmoidKernelFor(length: number): (out: Float32Array, x: Float32Array) => void {
  const backend = activeBackend();
  if (backend.name !== 'wasm') return backend.sigmoid;
  return length >= WASM_MIN_LENGTH ? wasmSigmoid : sigmoidFloat32;
}

// Auto-selection: wasm where the engine validates a SIMD module, else ts. Chosen lazily on the
// first gemm so that importing the library costs nothing.
let active: LinalgBackend | undefined;

/**
 * The backend that `gemm` dispatches to (internal; the public face is `getBackend()`).
 *
 * @example
 * ```ts
 * const m = 2, n = 2, k = 3;
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]), b = new Float32Array([1, 0, 0, 1, 1, 1]);
 * const c = new Float32Array(m * n);
 * activeBackend().sgemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n); // c = [4, 5, 10, 11]
 * ```
 */
export function activeBackend(): LinalgBackend {
  if (!active) active = wasmSupported() ? getWasmBackend() : tsBackend;
  return active;
}

/**
 * Name of the backend that `gemm` uses: 'wasm' (WebAssembly SIMD, chosen automatically where
 * the engine supports it) or 'ts' (pure TypeScript). Benchmarks and saved results record it:
 * the two round differently ('ts' sums in float64, 'wasm' in float32 lanes), so bit-identical
 * results are promised per backend.
 *
 * @example
 * ```ts
 * getBackend(); // 'wasm' in current Node and browsers, 'ts' where SIMD is missing
 * ```
 */
export function getBackend(): BackendName {
  return activeBackend().name as BackendName;
}

/**
 * The backends this engine can run: always 'ts', and 'wasm' where WebAssembly SIMD validates.
 *
 * @example
 * ```ts
 * availableBackends(); // ['ts', 'wasm']
 * ```
 */
export function availableBackends(): BackendName[] {
  return wasmSupported() ? ['ts', 'wasm'] : ['ts'];
}

/**
 * Chooses the backend `gemm` uses. 'ts' always works; 'wasm' throws a RangeError saying why on
 * an engine without WebAssembly SIMD; any other name throws naming the value.
 *
 * @example
 * ```ts
 * setBackend('ts');   // the readable reference kernels, float64 accumulation
 * if (availableBackends().includes('wasm')) setBackend('wasm'); // the SIMD kernels (the default where available)
 * ```
 */
export function setBackend(name: BackendName): void {
  if (name === 'ts') {
    active = tsBackend;
  } else if (name === 'wasm') {
    if (!wasmSupported()) {
      throw new RangeError("setBackend: 'wasm' needs WebAssembly SIMD, which this engine does not support (WebAssembly.validate rejected a v128 module); available: 'ts'");
    }
    active = getWasmBackend();
  } else {
    throw new RangeError(`setBackend: unknown backend '${String(name)}'; available: ${availableBackends().map((b) => `'${b}'`).join(', ')}`);
  }
}
