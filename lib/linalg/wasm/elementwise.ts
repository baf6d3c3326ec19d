/**
 * The wasm backend's elementwise kernels: e^x, the logistic sigmoid and the bias add (a row
 * vector added to every row), run by the wasm SIMD module of ./elementwise-kernel.ts over
 * Float32Arrays. Like every backend kernel they trust their arguments: the public `exp`,
 * `sigmoid` and `addRowVector` (lib/linalg) check types, lengths and overlap first.
 *
 * Memory. The module's memory belongs to this file. Each call copies the caller's arrays into it
 * in chunks of `chunk` floats (16384 by default: 64 KiB per operand, well inside L2), runs the
 * kernel in place on the chunk and copies the result out. No view of wasm memory is ever handed
 * out (growing a memory detaches every view of it), and the memory grows only when
 * `addRowVector` gets a row vector longer than any before; the other kernels never grow it.
 *
 * Layout of the memory, in floats:  [ A: chunk | B: chunk | V: the row vector of addRowVector ].
 * The kernels use A (overwritten in place); B is kept free (the layout predates the removal of
 * two-operand kernels, and keeping V's offset unchanged keeps the memory size and the bytes the
 * same).
 *
 * Precision (bounds checked in spec/linalg/wasm-elementwise.spec.ts, derivations in docs/wasm.md):
 *  - exp: relative error <= 2^-21 against e^x for every float32 x (all 2^32 patterns checked by
 *    spec/exhaustive/wasm-exp-all.ts); exactly +Infinity for x > 88.72283172607422 and exactly 0
 *    for x < -103.97207641601562; subnormal results within 2^-147 absolute.
 *  - sigmoid: |s - σ(x)| <= 2^-21 · max(σ(x), 2^-126), no NaN for any non-NaN x (all 2^32 inputs
 *    checked; measured maximum 2^-21.79).
 *  - addRowVector: exact (one correctly rounded float32 add per element, as the TS kernel).
 *
 * Browser-safe: only the standard `WebAssembly` global, no Node built-ins.
 */
import { wasmSimdSupported } from './backend.js';
import {
  BLOCK, buildElementwiseKernelModule, type AddRowVectorKernel, type UnaryKernel,
} from './elementwise-kernel.js';

/** Bytes per 64 KiB wasm page. */
const PAGE = 65536;
/** Largest memory the kernels address with i32 arithmetic. */
const MAX_BYTES = 2 ** 31;

/**
 * Default chunk: floats copied into wasm memory per kernel call (see docs/wasm.md for the
 * measurement that chose it).
 *
 * @example
 * ```ts
 * const calls = Math.ceil(1e7 / DEFAULT_ELEMENTWISE_CHUNK); // kernel calls for 1e7 floats: 611
 * ```
 */
export const DEFAULT_ELEMENTWISE_CHUNK = 16384;

/** Options of {@link createWasmElementwise}. */
export interface WasmElementwiseOptions {
  /** Floats per chunk; a positive multiple of 8. Default {@link DEFAULT_ELEMENTWISE_CHUNK}. */
  chunk?: number;
}

/**
 * One instance of the elementwise kernel module and the memory it owns. Create it with
 * {@link createWasmElementwise}, or use the free functions ({@link wasmSigmoid}, ...) which
 * share a lazily created instance. Not re-entrant; each worker makes its own.
 *
 * @example
 * ```ts
 * const k = createWasmElementwise();
 * const x = new Float32Array([-1e4, 0, 2]);
 * k.sigmoid(x, x); // [0, 0.5, 0.8807970285415649]
 * ```
 */
export class WasmElementwise {
  /** Floats per chunk. */
  readonly chunk: number;
  private readonly memory: WebAssembly.Memory;
  private readonly kExp: UnaryKernel;
  private readonly kSigmoid: UnaryKernel;
  private readonly kAddRowVector: AddRowVectorKernel;
  /** Float32 view of the whole memory; re-created after growth (growth detaches it). */
  private heap: Float32Array;
  /** heap[0, chunk): source of the copy out of a full chunk (re-created with heap). */
  private fullChunk: Float32Array;
  /** The last partial-chunk view heap[0, length), cached so a repeated length allocates nothing. */
  private partial: Float32Array;
  /** Float offset of the row vector V. */
  private readonly vBase: number;

  /**
   * Wraps an instance of the module from `buildElementwiseKernelModule`. Prefer
   * {@link createWasmElementwise}.
   *
   * @example
   * ```ts
   * const m = new WebAssembly.Module(buildElementwiseKernelModule(8));
   * const k = new WasmElementwise(new WebAssembly.Instance(m));
   * ```
   */
  constructor(instance: WebAssembly.Instance, chunk = DEFAULT_ELEMENTWISE_CHUNK) {
    if (!Number.isInteger(chunk) || chunk <= 0 || chunk % BLOCK !== 0) {
      throw new RangeError(`createWasmElementwise: chunk must be a positive multiple of ${BLOCK}, got ${chunk}`);
    }
    this.chunk = chunk;
    this.vBase = 2 * chunk;
    const ex = instance.exports;
    this.memory = ex.memory as WebAssembly.Memory;
    this.kExp = ex.exp as UnaryKernel;
    this.kSigmoid = ex.sigmoid as UnaryKernel;
    this.kAddRowVector = ex.addRowVector as AddRowVectorKernel;
    this.heap = new Float32Array(this.memory.buffer);
    this.ensureMemory(4 * 2 * chunk, 'createWasmElementwise');
    this.fullChunk = this.heap.subarray(0, chunk);
    this.partial = this.heap.subarray(0, 0);
  }

  /**
   * Current size of the module's memory in bytes (2 chunks, plus the longest row vector given to
   * addRowVector, rounded up to 64 KiB pages).
   *
   * @example
   * ```ts
   * createWasmElementwise().memoryBytes; // 131072 (two 64 KiB pages) with the default chunk of 16384 floats
   * ```
   */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  private ensureMemory(bytes: number, fn: string): void {
    if (bytes > MAX_BYTES) {
      throw new RangeError(`${fn}: needs ${bytes} bytes of wasm memory, more than the ${MAX_BYTES} the kernels address`);
    }
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.heap = new Float32Array(this.memory.buffer); // the old views are detached now
    this.fullChunk = this.heap.subarray(0, this.chunk);
    this.partial = this.heap.subarray(0, 0);
  }

  /** The view heap[0, length) for the copy out (length <= chunk). */
  private region(length: number): Float32Array {
    if (length === this.chunk) return this.fullChunk;
    if (this.partial.length !== length) this.partial = this.heap.subarray(0, length);
    return this.partial;
  }

  /** Applies a unary in-place kernel to x chunk by chunk, writing out. */
  private unary(kernel: UnaryKernel, out: Float32Array, x: Float32Array): Float32Array {
    const n = x.length, chunk = this.chunk, heap = this.heap;
    for (let i = 0; i < n; i += chunk) {
      const len = Math.min(chunk, n - i);
      heap.set(len === n ? x : x.subarray(i, i + len), 0);
      kernel(0, len);
      out.set(this.region(len), i);
    }
    return out;
  }

  /**
   * out[i] = e^x[i] over float32. Relative error <= 2^-21 for every float32 x; +Infinity exactly
   * for x > 88.72283172607422 (e^x overflows float32), 0 exactly for x < -103.97207641601562,
   * subnormal results within 2^-147; NaN gives NaN. `out === x` works in place; otherwise out
   * and x must not overlap, and they must have equal lengths (not checked). Returns out.
   *
   * @example
   * ```ts
   * createWasmElementwise().exp(new Float32Array(3), new Float32Array([0, 1, 100])); // [1, 2.7182817459106445, Infinity]
   * ```
   */
  exp(out: Float32Array, x: Float32Array): Float32Array {
    return this.unary(this.kExp, out, x);
  }

  /**
   * out[i] = σ(x[i]) = 1 / (1 + e^-x[i]) over float32, computed as (x < 0 ? e : 1) / (1 + e)
   * with e = e^-|x|, so nothing overflows: σ(-1e4) = 0, σ(1e4) = 1, and subnormal results are
   * right. |error| <= 2^-21 · max(σ(x), 2^-126). NaN gives NaN. In place allowed (arguments as
   * for {@link WasmElementwise.exp}, not checked). Returns out.
   * N-NN-01 σ(z) = 1/(1+e^-z).
   *
   * @example
   * ```ts
   * createWasmElementwise().sigmoid(new Float32Array(3), new Float32Array([-1e4, 0, 1e4])); // [0, 0.5, 1]
   * ```
   */
  sigmoid(out: Float32Array, x: Float32Array): Float32Array {
    return this.unary(this.kSigmoid, out, x);
  }

  /**
   * The bias add: out[i·cols + j] = a[i·cols + j] + v[j] for a rows x cols row-major matrix
   * `a` (length rows·cols) and v of length cols. Each sum is one correctly rounded float32
   * add, so the result equals the TS `addRowVector` bit for bit. `out === a` works in place; v
   * is copied first, so it may share memory with anything. The lengths are not checked (the
   * public `addRowVector` did). Returns out.
   *
   * @example
   * ```ts
   * const z = new Float32Array([1, 2, 3, 4]);
   * createWasmElementwise().addRowVector(z, z, new Float32Array([10, 20]), 2, 2); // [11, 22, 13, 24]
   * ```
   */
  addRowVector(out: Float32Array, a: Float32Array, v: Float32Array, rows: number, cols: number): Float32Array {
    const fn = 'wasmAddRowVector';
    if (rows === 0 || cols === 0) return out;
    const chunk = this.chunk, V = this.vBase;
    this.ensureMemory(4 * (V + cols), fn);
    const heap = this.heap;
    heap.set(v, V);
    if (cols <= chunk) {
      // Whole rows per chunk.
      const rowsPerChunk = Math.floor(chunk / cols);
      for (let i = 0; i < rows; i += rowsPerChunk) {
        const r = Math.min(rowsPerChunk, rows - i), start = i * cols, len = r * cols;
        heap.set(len === a.length ? a : a.subarray(start, start + len), 0);
        this.kAddRowVector(0, 4 * V, r, cols);
        out.set(this.region(len), start);
      }
    } else {
      // A row longer than a chunk: pieces of `chunk` columns, each with its slice of v.
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j += chunk) {
          const len = Math.min(chunk, cols - j), start = i * cols + j;
          heap.set(a.subarray(start, start + len), 0);
          this.kAddRowVector(0, 4 * (V + j), 1, len);
          out.set(this.region(len), start);
        }
      }
    }
    return out;
  }
}

/** The chunk size from the options, checked (and a clear error on an engine without SIMD). */
function resolveChunk(fn: string, options: WasmElementwiseOptions): number {
  if (!wasmSimdSupported()) {
    throw new RangeError(`${fn}: this engine does not support WebAssembly SIMD (WebAssembly.validate rejected a v128 module)`);
  }
  const chunk = options.chunk ?? DEFAULT_ELEMENTWISE_CHUNK;
  if (!Number.isInteger(chunk) || chunk <= 0 || chunk % BLOCK !== 0) {
    throw new RangeError(`${fn}: chunk must be a positive multiple of ${BLOCK}, got ${chunk}`);
  }
  return chunk;
}

/** Pages for two chunks (the memory the module starts with). */
function initialPages(chunk: number): number {
  return Math.ceil((4 * 2 * chunk) / PAGE);
}

/**
 * Compiles and instantiates the elementwise module synchronously (about 1.9 KB, under the 4 KB
 * that Chromium allows on a browser main thread). Throws a RangeError if the engine lacks
 * WebAssembly SIMD or `chunk` is not a positive multiple of 8.
 *
 * @example
 * ```ts
 * const x = new Float32Array([0, 1, 2]), out = new Float32Array(3);
 * const k = createWasmElementwise();
 * k.exp(out, x); // [1, 2.71828, 7.38906]
 * ```
 */
export function createWasmElementwise(options: WasmElementwiseOptions = {}): WasmElementwise {
  const chunk = resolveChunk('createWasmElementwise', options);
  const module = new WebAssembly.Module(buildElementwiseKernelModule(initialPages(chunk)));
  return new WasmElementwise(new WebAssembly.Instance(module, {}), chunk);
}

/** The instance behind the free functions, created on first use. */
let shared: WasmElementwise | undefined;

function sharedInstance(fn: string): WasmElementwise {
  if (shared === undefined) {
    if (!wasmSimdSupported()) {
      throw new RangeError(`${fn}: this engine does not support WebAssembly SIMD (WebAssembly.validate rejected a v128 module)`);
    }
    shared = createWasmElementwise();
  }
  return shared;
}

/**
 * out[i] = e^x[i] over Float32Arrays in the shared wasm instance: see {@link WasmElementwise.exp}.
 *
 * @example
 * ```ts
 * wasmExp(new Float32Array(2), new Float32Array([0, -200])); // [1, 0]
 * ```
 */
export function wasmExp(out: Float32Array, x: Float32Array): Float32Array {
  return sharedInstance('wasmExp').exp(out, x);
}

/**
 * out[i] = σ(x[i]) over Float32Arrays in the shared wasm instance: see {@link WasmElementwise.sigmoid}.
 *
 * @example
 * ```ts
 * const x = new Float32Array([-1e4, 0, 1e4]);
 * wasmSigmoid(x, x); // [0, 0.5, 1]
 * ```
 */
export function wasmSigmoid(out: Float32Array, x: Float32Array): Float32Array {
  return sharedInstance('wasmSigmoid').sigmoid(out, x);
}

/**
 * out = a + v broadcast over the rows, in the shared wasm instance: see
 * {@link WasmElementwise.addRowVector}.
 *
 * @example
 * ```ts
 * wasmAddRowVector(new Float32Array(4), new Float32Array([1, 2, 3, 4]), new Float32Array([10, 20]), 2, 2); // [11, 22, 13, 24]
 * ```
 */
export function wasmAddRowVector(out: Float32Array, a: Float32Array, v: Float32Array, rows: number, cols: number): Float32Array {
  return sharedInstance('wasmAddRowVector').addRowVector(out, a, v, rows, cols);
}
