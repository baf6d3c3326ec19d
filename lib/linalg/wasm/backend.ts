/**
 * The WebAssembly SIMD gemm backend: owns one instance of the kernel module (./gemm-kernel.ts)
 * and its memory, packs the caller's Float32Arrays into that memory, runs the kernel over cache
 * blocks and copies the product back. Like every backend kernel, `sgemm` trusts its arguments:
 * the public `gemm` (lib/linalg/gemm.ts) has checked shapes, strides and aliasing.
 *
 *   out = alpha · op(A) · op(B) + beta · out        op(X) = X or Xᵀ, row-major float32
 *
 * Memory ownership. The module's memory belongs to the backend. Inputs are *copied* in (the copy
 * is the packing), the result is copied out, and no view of wasm memory ever leaves this file:
 * growing a wasm memory detaches every existing view of it, so a view handed out would silently
 * become empty. The memory grows only when a call needs more than any earlier call did, so in a
 * training loop with fixed shapes the steady state allocates nothing.
 *
 * Precision. The kernel accumulates in float32 (f32x4 lanes), while the pure-TS gemm accumulates
 * in float64. For one entry c = Σ_p a_p b_p summed in float32 in k-blocks,
 *   |ĉ − c| ≤ γ_k Σ_p |a_p b_p|,   γ_k = k·u / (1 − k·u),   u = 2⁻²⁴
 * (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §3.1, eq. 3.5), plus one
 * rounding of alpha·c + beta·out to float32 on the way out. The results differ from the TS path
 * by up to about that much; see docs/wasm.md.
 *
 * Everything here is browser-safe: no Node built-ins, only the standard `WebAssembly` global.
 */
import { buildModule, FunctionBody, Op, SimdOp } from './emitter.js';
import {
  buildGemmKernelModule, KU as KERNEL_KU, MR as KERNEL_MR, NR as KERNEL_NR, type MacroKernel, type PackPanels,
} from './gemm-kernel.js';

// Tile sizes copied into module-local constants: hot loops below use them per element, and some
// loaders (tsx/esbuild) turn imported bindings into getter calls that are not free in a hot loop.
const MR: number = KERNEL_MR;
const NR: number = KERNEL_NR;
const KU: number = KERNEL_KU;

/** Bytes per 64 KiB wasm page. */
const PAGE = 65536;
/** Largest memory we address with i32 arithmetic in the kernel (2 GiB, kept below the sign bit). */
const MAX_BYTES = 2 ** 31;

/**
 * True if this engine accepts fixed-width WebAssembly SIMD: validates a tiny module whose only
 * function adds two `v128.const` vectors with `f32x4.add`. Never throws.
 *
 * @example
 * ```ts
 * const backend = wasmSimdSupported() ? 'wasm' : 'ts';
 * ```
 */
export function wasmSimdSupported(): boolean {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return false;
  try {
    const f = new FunctionBody([], []);
    f.f32x4Const(1, 2, 3, 4).f32x4Const(5, 6, 7, 8).simd(SimdOp.f32x4_add).op(Op.drop);
    return WebAssembly.validate(buildModule({ functions: [{ body: f }] }));
  } catch {
    return false;
  }
}

/** Cache-blocking parameters of the wasm gemm (see docs/wasm.md for how they were chosen). */
export interface WasmGemmOptions {
  /** Depth of a k-block (rows of packed B / columns of packed A per pass); a multiple of 4. */
  kc?: number;
  /** Rows of C per m-block (the packed A block kept in L2); a multiple of 4. */
  mc?: number;
  /** Columns of C per n-block (the packed B block kept in L3); a multiple of 8. */
  nc?: number;
}

/** Default blocking, measured on the 2-core reference machine (docs/wasm.md, "Blocking"). */
const defaultWasmGemmOptions: Required<WasmGemmOptions> = { kc: 256, mc: 128, nc: 2048 };

function checkBlock(name: string, value: number, multiple: number): void {
  if (!Number.isInteger(value) || value <= 0 || value % multiple !== 0) {
    throw new RangeError(`createWasmGemm: ${name} must be a positive multiple of ${multiple}, got ${value}`);
  }
}

/**
 * A gemm that runs in a WebAssembly SIMD kernel. Create it with {@link createWasmGemm}. One
 * object owns one wasm instance and its memory; it is not re-entrant (JS is single-threaded per
 * agent, so that only matters across workers, each of which makes its own).
 *
 * @example
 * ```ts
 * const w = createWasmGemm();
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * w.sgemm(false, false, 2, 1, 3, 1, a, 0, 3, new Float32Array([1, 1, 1]), 0, 1, 0, new Float32Array(2), 0, 1); // [6, 15]
 * ```
 */
export class WasmGemm {
  private readonly memory: WebAssembly.Memory;
  private readonly macroKernel: MacroKernel;
  private readonly packStrips4: PackPanels;
  private readonly packStrips8: PackPanels;
  private readonly packGather4: PackPanels;
  private readonly packGather8: PackPanels;
  /**
   * Views of wasm memory used as sources of bulk copies out, cached by (start, length) so that
   * repeated shapes allocate nothing; dropped whenever the memory grows (growth detaches them).
   * They never leave this object.
   */
  private views = new Map<number, Map<number, Float32Array>>();
  private viewCount = 0;
  /** The float32 view of `memory`, re-created whenever the memory grows (growth detaches it). */
  private heap: Float32Array;
  /** Blocking in use. */
  readonly blocking: Readonly<Required<WasmGemmOptions>>;

  /**
   * Wraps an instance of the kernel module. Prefer {@link createWasmGemm}.
   *
   * @example
   * ```ts
   * const module = new WebAssembly.Module(buildGemmKernelModule());
   * const w = new WasmGemm(new WebAssembly.Instance(module));
   * ```
   */
  constructor(instance: WebAssembly.Instance, options: WasmGemmOptions = {}) {
    const blocking = { ...defaultWasmGemmOptions, ...options };
    checkBlock('kc', blocking.kc, KU);
    checkBlock('mc', blocking.mc, MR);
    checkBlock('nc', blocking.nc, NR);
    this.blocking = blocking;
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.macroKernel = instance.exports.macroKernel as MacroKernel;
    this.packStrips4 = instance.exports.packStrips4 as PackPanels;
    this.packStrips8 = instance.exports.packStrips8 as PackPanels;
    this.packGather4 = instance.exports.packGather4 as PackPanels;
    this.packGather8 = instance.exports.packGather8 as PackPanels;
    this.heap = new Float32Array(this.memory.buffer);
  }

  /**
   * Current size of the backend's wasm memory in bytes (grows to the largest call seen so far,
   * never shrinks).
   *
   * @example
   * ```ts
   * createWasmGemm().memoryBytes; // 65536 before the first call
   * ```
   */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Grows the memory to at least `bytes` and refreshes the heap view. */
  private ensureMemory(bytes: number): void {
    if (bytes > MAX_BYTES) {
      throw new RangeError(`sgemm: the packed operands need ${bytes} bytes of wasm memory, more than the ${MAX_BYTES} this backend addresses`);
    }
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.heap = new Float32Array(this.memory.buffer); // the old view is now detached
    this.views.clear();
    this.viewCount = 0;
  }

  /** A cached view heap[start, start + length) (internal: used only as a copy source). */
  private view(start: number, length: number): Float32Array {
    let byLength = this.views.get(start);
    const cached = byLength?.get(length);
    if (cached) return cached;
    if (this.viewCount >= 64) { // many distinct shapes: start over rather than grow without bound
      this.views.clear();
      this.viewCount = 0;
      byLength = undefined;
    }
    if (!byLength) {
      byLength = new Map();
      this.views.set(start, byLength);
    }
    const v = this.heap.subarray(start, start + length);
    byLength.set(length, v);
    this.viewCount++;
    return v;
  }

  /**
   * Packs op(A) into heap[aBase ..]. Fast path when A is one contiguous array (offset 0, no row
   * padding, nothing after it): one bulk copy into the scratch area `raw`, then the wasm packers
   * for the full MR-row panels; the last partial panel (and any other layout) is packed in JS.
   */
  private packOperandA(a: Float32Array, offset: number, lda: number, trans: boolean,
    m: number, k: number, mPad: number, kPad: number, aBase: number, raw: number): void {
    const rows = trans ? k : m, cols = trans ? m : k;
    const fullPanels = Math.floor(m / MR);
    let first = 0;
    if (offset === 0 && lda === cols && a.length === rows * cols && fullPanels > 0 && k === kPad) {
      this.heap.set(a, raw);
      if (!trans) {
        // Rows i0..i0+3 of A interleaved: a gather (transpose) per panel.
        this.packGather4(4 * raw, 4 * k, 4 * aBase, k, fullPanels, 4 * MR * k, 4 * MR * kPad);
      } else {
        // A stored k x m: panel row p is a[p][i0..i0+3], 4 contiguous floats.
        this.packStrips4(4 * raw, 4 * m, 4 * aBase, k, fullPanels, 4 * MR, 4 * MR * kPad);
      }
      first = fullPanels;
    }
    packA(this.heap, aBase, a, offset, lda, trans, m, k, mPad, kPad, first);
  }

  /** Packs op(B) into heap[bBase ..]; the same fast path as {@link packOperandA} with NR-column panels. */
  private packOperandB(b: Float32Array, offset: number, ldb: number, trans: boolean,
    n: number, k: number, nPad: number, kPad: number, bBase: number, raw: number): void {
    const rows = trans ? n : k, cols = trans ? k : n;
    const fullPanels = Math.floor(n / NR);
    let first = 0;
    if (offset === 0 && ldb === cols && b.length === rows * cols && fullPanels > 0 && k === kPad) {
      this.heap.set(b, raw);
      if (!trans) {
        // B is k x n: panel row p is b[p][j0..j0+7], 8 contiguous floats.
        this.packStrips8(4 * raw, 4 * n, 4 * bBase, k, fullPanels, 4 * NR, 4 * NR * kPad);
      } else {
        // B stored n x k: columns j0..j0+7 of op(B) are rows of storage, interleaved by a gather.
        this.packGather8(4 * raw, 4 * k, 4 * bBase, k, fullPanels, 4 * NR * k, 4 * NR * kPad);
      }
      first = fullPanels;
    }
    packB(this.heap, bBase, b, offset, ldb, trans, n, k, nPad, kPad, first);
  }

  /**
   * Row-major single-precision gemm with BLAS-style arguments (as `cblas_sgemm` with
   * CblasRowMajor): `c = alpha · op(A) · op(B) + beta · c`, where op(A) is m x k, op(B) is k x n
   * and c is m x n. A is stored m x k (k x m if `transA`) with row stride `lda` from `aOffset`;
   * likewise B (k x n, or n x k if `transB`) and c (m x n, stride `ldc`). When `beta` is 0 the old
   * contents of c are not read (NaN there is ignored). Inputs are fully copied before c is written,
   * so c may overlap a or b. The arguments are not checked (sizes non-negative, arrays long
   * enough for their strides): `gemm` did that. Returns `c`.
   *
   * @example
   * ```ts
   * const w = createWasmGemm();
   * const a = new Float32Array([1, 2, 3, 4]);   // 2x2
   * const c = new Float32Array(4);
   * w.sgemm(false, true, 2, 2, 2, 1, a, 0, 2, a, 0, 2, 0, c, 0, 2); // c = A·Aᵀ = [5, 11, 11, 25]
   * ```
   */
  sgemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    a: Float32Array, aOffset: number, lda: number,
    b: Float32Array, bOffset: number, ldb: number,
    beta: number, c: Float32Array, cOffset: number, ldc: number,
  ): Float32Array {
    if (m === 0 || n === 0) return c;
    if (k === 0 || alpha === 0) return scaleOut(c, cOffset, ldc, m, n, beta);

    // Padded sizes: whole micro-tiles in m and n, whole unrolled steps in k.
    const mPad = roundUp(m, MR), nPad = roundUp(n, NR), kPad = roundUp(k, KU);
    const aBase = 0;                    // packed A: mPad/MR panels of kPad*MR floats
    const bBase = aBase + mPad * kPad;  // packed B: nPad/NR panels of kPad*NR floats
    const cBase = bBase + kPad * nPad;  // C: mPad x nPad, row-major
    const raw = cBase + mPad * nPad;    // scratch for a bulk copy of A, then of B
    this.ensureMemory(4 * (raw + Math.max(m * k, k * n)));

    this.packOperandA(a, aOffset, lda, transA, m, k, mPad, kPad, aBase, raw);
    this.packOperandB(b, bOffset, ldb, transB, n, k, nPad, kPad, bBase, raw);
    const heap = this.heap;
    heap.fill(0, cBase, cBase + mPad * nPad); // the kernel accumulates: C starts at 0

    // Cache blocking (docs/wasm.md): k-blocks outermost so each C tile gets kc more terms per
    // pass; n-blocks so a kc x nc block of B stays in L3; m-blocks so a mc x kc block of A stays
    // in L2 while the kernel sweeps the B micro-panels of the n-block.
    const { kc: KC, mc: MC, nc: NC } = this.blocking;
    const aPanelStride = 4 * MR * kPad, bPanelStride = 4 * NR * kPad, ldcBytes = 4 * nPad;
    for (let pc = 0; pc < kPad; pc += KC) {
      const kc = Math.min(KC, kPad - pc);
      for (let jc = 0; jc < nPad; jc += NC) {
        const nc = Math.min(NC, nPad - jc);
        for (let ic = 0; ic < mPad; ic += MC) {
          const mc = Math.min(MC, mPad - ic);
          this.macroKernel(
            4 * aBase + (ic / MR) * aPanelStride + 4 * MR * pc,
            4 * bBase + (jc / NR) * bPanelStride + 4 * NR * pc,
            4 * (cBase + ic * nPad + jc),
            mc / MR, nc / NR, kc / KU,
            aPanelStride, bPanelStride, ldcBytes,
          );
        }
      }
    }

    // Copy back. Common case alpha = 1, beta = 0, c without row padding: close the gaps of the
    // padded rows inside wasm memory (memmove), then one bulk copy.
    if (alpha === 1 && beta === 0 && ldc === n) {
      if (nPad !== n) for (let i = 1; i < m; i++) heap.copyWithin(cBase + i * n, cBase + i * nPad, cBase + i * nPad + n);
      c.set(this.view(cBase, m * n), cOffset);
      return c;
    }
    // General case: c = alpha · (A·B) + beta · c, reading the old c only when beta != 0.
    for (let i = 0; i < m; i++) {
      const src = cBase + i * nPad, dst = cOffset + i * ldc;
      if (beta === 0) {
        for (let j = 0; j < n; j++) c[dst + j] = alpha * heap[src + j];
      } else {
        for (let j = 0; j < n; j++) c[dst + j] = alpha * heap[src + j] + beta * c[dst + j];
      }
    }
    return c;
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/** c = beta · c on an m x n block (beta = 0 writes zeros without reading). */
function scaleOut(c: Float32Array, cOffset: number, ldc: number, m: number, n: number, beta: number): Float32Array {
  for (let i = 0; i < m; i++) {
    const row = cOffset + i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
  return c;
}

/**
 * Packs op(A) (m x k) into MR-row micro-panels: element (i, p) goes to
 * base + (i / MR) * MR * kPad + p * MR + (i % MR). Rows m..mPad-1 and columns k..kPad-1 are zero.
 * Packs panels firstPanel.. only (the earlier ones were packed in wasm).
 * Each panel is written front to back (the loops are ordered for sequential writes).
 */
function packA(
  heap: Float32Array, base: number, a: Float32Array, offset: number, lda: number, trans: boolean,
  m: number, k: number, mPad: number, kPad: number, firstPanel = 0,
): void {
  if (k !== kPad) heap.fill(0, base + firstPanel * MR * kPad, base + mPad * kPad); // only when KU > 1 pads k
  for (let i0 = firstPanel * MR; i0 < mPad; i0 += MR) {
    const panel = base + i0 * kPad;
    const rows = Math.min(MR, m - i0);
    if (rows < MR) heap.fill(0, panel, panel + MR * kPad); // last, partial panel: zero rows
    if (!trans) {
      // A is m x k, row i contiguous: row r of the panel goes to every MR-th float.
      for (let r = 0; r < rows; r++) {
        const src = offset + (i0 + r) * lda;
        for (let p = 0, d = panel + r; p < k; p++, d += MR) heap[d] = a[src + p];
      }
    } else if (rows === MR) {
      // A stored k x m: op(A)(i0..i0+3, p) are the 4 consecutive floats a[p*lda + i0 ..].
      for (let p = 0, d = panel, src = offset + i0; p < k; p++, d += MR, src += lda) {
        heap[d] = a[src];
        heap[d + 1] = a[src + 1];
        heap[d + 2] = a[src + 2];
        heap[d + 3] = a[src + 3];
      }
    } else {
      for (let p = 0; p < k; p++) {
        for (let r = 0; r < rows; r++) heap[panel + p * MR + r] = a[offset + p * lda + i0 + r];
      }
    }
  }
}

/**
 * Packs op(B) (k x n) into NR-column micro-panels: element (p, j) goes to
 * base + (j / NR) * NR * kPad + p * NR + (j % NR). Columns n..nPad-1 and rows k..kPad-1 are zero.
 * Packs panels firstPanel.. only.
 */
function packB(
  heap: Float32Array, base: number, b: Float32Array, offset: number, ldb: number, trans: boolean,
  n: number, k: number, nPad: number, kPad: number, firstPanel = 0,
): void {
  if (k !== kPad) heap.fill(0, base + firstPanel * NR * kPad, base + kPad * nPad);
  for (let j0 = firstPanel * NR; j0 < nPad; j0 += NR) {
    const panel = base + j0 * kPad;
    const cols = Math.min(NR, n - j0);
    if (cols < NR) heap.fill(0, panel, panel + NR * kPad); // last, partial panel: zero columns
    if (trans) {
      // B stored n x k: row j of storage is column j of op(B); it goes to every NR-th float.
      for (let c = 0; c < cols; c++) {
        const src = offset + (j0 + c) * ldb;
        for (let p = 0, d = panel + c; p < k; p++, d += NR) heap[d] = b[src + p];
      }
    } else if (cols === NR) {
      // B is k x n: B(p, j0..j0+7) are 8 consecutive floats of row p.
      for (let p = 0, d = panel, src = offset + j0; p < k; p++, d += NR, src += ldb) {
        heap[d] = b[src];
        heap[d + 1] = b[src + 1];
        heap[d + 2] = b[src + 2];
        heap[d + 3] = b[src + 3];
        heap[d + 4] = b[src + 4];
        heap[d + 5] = b[src + 5];
        heap[d + 6] = b[src + 6];
        heap[d + 7] = b[src + 7];
      }
    } else {
      for (let p = 0; p < k; p++) {
        for (let c = 0; c < cols; c++) heap[panel + p * NR + c] = b[offset + p * ldb + j0 + c];
      }
    }
  }
}

/**
 * Compiles and instantiates the kernel synchronously. Fine in Node and in browser workers; on a
 * browser main thread Chromium refuses synchronous compilation of modules above a size limit
 * (historically 4 KB): the kernel module is about 1 KB, below it (a spec keeps it there).
 * Throws a RangeError if the engine lacks WebAssembly SIMD.
 *
 * @example
 * ```ts
 * const m = 2, n = 2, k = 3;
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]), b = new Float32Array([1, 0, 1, 0, 1, 1]); // b is n × k
 * const c = new Float32Array(m * n);
 * if (wasmSimdSupported()) {
 *   const w = createWasmGemm();
 *   w.sgemm(false, true, m, n, k, 1, a, 0, k, b, 0, k, 0, c, 0, n); // c = a·bᵀ
 * }
 * ```
 */
export function createWasmGemm(options: WasmGemmOptions = {}): WasmGemm {
  if (!wasmSimdSupported()) {
    throw new RangeError('createWasmGemm: this engine does not support WebAssembly SIMD (WebAssembly.validate rejected a v128 module)');
  }
  const module = new WebAssembly.Module(buildGemmKernelModule());
  return new WasmGemm(new WebAssembly.Instance(module, {}), options);
}
