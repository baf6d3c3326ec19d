/**
 * Products with a sparse left operand: `sparseGemm(out, a, b, opts)` computes the same
 * out = alpha · op(a) · op(b) + beta · out as `gemm`, but touches only the nonzero entries of a.
 * Row r of op(a)·op(b) is a combination of rows of op(b):
 *
 *   (op(a) op(b))(r, :) = Σ_{p : op(a)(r, p) ≠ 0}  op(a)(r, p) · op(b)(p, :)
 *
 * so with a fraction d of nonzeros the work is d times the dense product's. The RBM products
 * are of this kind: binarized MNIST images are about 19 % ones, and sampled hidden and visible
 * states are 0/1, where the product is a plain sum of selected rows (no multiplications):
 *
 *   X W       (hidden inputs)    row r = Σ_{i : x_ri = 1} W(i, :)
 *   H Wᵀ      (visible inputs)   row r = Σ_{j : h_rj = 1} Wᵀ(j, :)      (transB)
 *   Xᵀ H      (gradient)         row i = Σ_{r : x_ri = 1} H(r, :)       (transA)
 *
 * Same bits as gemm. Each output entry is the sum of the same products in the same increasing
 * order of p as the active backend's gemm forms it — float32 lanes on 'wasm' (./wasm/sparse-kernel.ts),
 * one float64 sum on 'ts' (./gemm-ts.ts) — without the terms whose a entry is zero, which add
 * exactly nothing when op(b) is finite. (A zero times an infinite or NaN b entry is NaN in gemm
 * and skipped here.) So swapping gemm for sparseGemm changes no result, and training is
 * bit-identical with or without it.
 *
 * Density. Listing the nonzeros costs one pass over a; when more than `maxDensity` of a's
 * entries are nonzero (default 0.5) the dense gemm is faster and is called instead (same bits).
 */
import { GEMM_OPTION_KEYS, getBackend, validateGemm, type GemmOptions } from './gemm.js';
import { gemmUnchecked } from './kernels.js';
import type { Matrix } from './matrix.js';
import { buildSparseKernelModule, type RowsKernel, type TransposeKernel } from './wasm/sparse-kernel.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link sparseGemm}: those of gemm, plus the density above which it calls gemm. */
export interface SparseGemmOptions extends GemmOptions {
  /** Largest fraction of nonzero entries in a for which the sparse path runs, in [0, 1]. Default 0.4. */
  maxDensity?: number;
}

/** What {@link sparseGemm} did on its last call (for benchmarks and tests). */
export interface SparseGemmStats {
  /** Nonzero entries of a. */
  nonzeros: number;
  /** Entries of a. */
  entries: number;
  /** 'sparse' (this file's kernels) or 'dense' (fell back to gemm). */
  path: 'sparse' | 'dense';
}

/** The last call's statistics (overwritten by every call; read it right after the call). */
export const lastSparseGemm: SparseGemmStats = { nonzeros: 0, entries: 0, path: 'dense' };

// ---------------------------------------------------------------------------------------------
// Listing the nonzeros of op(a), row by row of op(a), in increasing p (CSR of op(a)).

let rowStart = new Int32Array(0);
let columns = new Int32Array(0);
let values = new Float32Array(0);
let cursor = new Int32Array(0);

/**
 * Writes the nonzeros of op(a) (m x k) as CSR: starts[s0 + r] .. starts[s0 + r + 1] are the
 * positions in `list` (from l0) of row r's entries, list holds their column indices p in
 * increasing order and vals (from l0) their values. Returns the count and whether every nonzero
 * is exactly 1. The row scan is branch-free (each p is written, the count advances only past
 * nonzeros), as 19 % ones in random places defeat branch prediction.
 */
function listNonzeros(a: Float32Array, transA: boolean, m: number, k: number,
  starts: Int32Array, s0: number, list: Int32Array, l0: number, vals: Float32Array, v0: number): { nnz: number; ones: boolean } {
  let nnz = 0, oneCount = 0;
  if (!transA) {
    // a stored m x k: scan row r in order of p
    for (let r = 0; r < m; r++) {
      starts[s0 + r] = nnz;
      const base = r * k;
      for (let p = 0; p < k; p++) {
        const x = a[base + p];
        list[l0 + nnz] = p;
        vals[v0 + nnz] = x;
        nnz += x !== 0 ? 1 : 0;
        oneCount += x === 1 ? 1 : 0;
      }
    }
    starts[s0 + m] = nnz;
    return { nnz, ones: oneCount === nnz };
  }
  // a stored k x m (op(a) = aᵀ): counting sort by column of a, scanning p in order, so each
  // row of op(a) lists its p increasing.
  if (cursor.length < m + 1) cursor = new Int32Array(m + 1);
  const count = cursor;
  count.fill(0, 0, m + 1);
  for (let p = 0; p < k; p++) {
    const base = p * m;
    for (let r = 0; r < m; r++) count[r + 1] += a[base + r] !== 0 ? 1 : 0;
  }
  for (let r = 0; r < m; r++) count[r + 1] += count[r];
  for (let r = 0; r <= m; r++) starts[s0 + r] = count[r];
  for (let p = 0; p < k; p++) {
    const base = p * m;
    for (let r = 0; r < m; r++) {
      const x = a[base + r];
      if (x !== 0) {
        const q = count[r]++;
        list[l0 + q] = p;
        vals[v0 + q] = x;
        oneCount += x === 1 ? 1 : 0;
      }
    }
  }
  nnz = starts[s0 + m];
  return { nnz, ones: oneCount === nnz };
}

/** CSR of op(a) in this module's own arrays (the 'ts' path and the density check). */
function listNonzerosHere(a: Float32Array, transA: boolean, m: number, k: number): { nnz: number; ones: boolean } {
  if (rowStart.length < m + 1) rowStart = new Int32Array(m + 1);
  if (columns.length < m * k) {
    columns = new Int32Array(m * k);
    values = new Float32Array(m * k);
  }
  return listNonzeros(a, transA, m, k, rowStart, 0, columns, 0, values, 0);
}

// ---------------------------------------------------------------------------------------------
// The 'ts' path: float64 sums in increasing p, rounded once (as gemm-ts.ts).

let opB = new Float32Array(0);
let sums = new Float64Array(0);

function sparseTS(transB: boolean, m: number, n: number, k: number, alpha: number, b: Float32Array, beta: number, c: Float32Array): void {
  // op(b) as k rows of n floats (a transposed copy when transB).
  let rows = b;
  if (transB) {
    if (opB.length < k * n) opB = new Float32Array(k * n);
    for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) opB[p * n + j] = b[j * k + p];
    rows = opB;
  }
  if (sums.length < n) sums = new Float64Array(n);
  const s = sums;
  for (let r = 0; r < m; r++) {
    s.fill(0, 0, n);
    for (let t = rowStart[r]; t < rowStart[r + 1]; t++) {
      const v = values[t], off = columns[t] * n;
      for (let j = 0; j < n; j++) s[j] += v * rows[off + j];
    }
    const row = r * n;
    if (beta === 0) for (let j = 0; j < n; j++) c[row + j] = alpha * s[j];
    else for (let j = 0; j < n; j++) c[row + j] = alpha * s[j] + beta * c[row + j];
  }
}

// ---------------------------------------------------------------------------------------------
// The 'wasm' path: the SIMD kernel over a copy of op(b) in the module's memory.

const PAGE = 65536;

class WasmSparse {
  private readonly memory: WebAssembly.Memory;
  private readonly sumRows: RowsKernel;
  private readonly axpyRows: RowsKernel;
  private readonly transpose: TransposeKernel;
  private heap: Float32Array;
  private heapI32: Int32Array;

  constructor() {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(buildSparseKernelModule()));
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.sumRows = instance.exports.sumRows as RowsKernel;
    this.axpyRows = instance.exports.axpyRows as RowsKernel;
    this.transpose = instance.exports.transpose as TransposeKernel;
    this.heap = new Float32Array(this.memory.buffer);
    this.heapI32 = new Int32Array(this.memory.buffer);
  }

  private ensure(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > 2 ** 31) throw new RangeError(`sparseGemm: needs ${bytes} bytes of wasm memory, more than the 2^31 the kernel addresses`);
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.heap = new Float32Array(this.memory.buffer);
    this.heapI32 = new Int32Array(this.memory.buffer);
  }

  /**
   * Lists the nonzeros of op(a) straight into wasm memory, then runs the kernel. Returns false
   * (nothing computed) when the density is above maxDensity.
   */
  run(a: Float32Array, transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, b: Float32Array,
    beta: number, c: Float32Array, maxDensity: number): boolean {
    const nPad = Math.ceil(n / 4) * 4;
    // Layout in floats: [op(b) rows k x nPad][out m x nPad][rowStart m+1][list m·k][values m·k][raw b n x k when transB]
    const bBase = 0, outBase = bBase + k * nPad, startBase = outBase + m * nPad, listBase = startBase + m + 1;
    const valueBase = listBase + m * k, rawBase = valueBase + m * k;
    this.ensure(rawBase + (transB ? n * k : 0));
    const heap = this.heap, heapI32 = this.heapI32;
    const { nnz, ones } = listNonzeros(a, transA, m, k, heapI32, startBase, heapI32, listBase, heap, valueBase);
    lastSparseGemm.nonzeros = nnz;
    if (nnz > maxDensity * m * k) return false;
    if (transB) {
      heap.set(b.subarray(0, n * k), rawBase);
      // op(b)(p, j) = b(j, p): transpose the n x k copy into k rows of stride nPad
      this.transpose(4 * rawBase, n, k, 4 * k, 4 * bBase, 4 * nPad);
      if (nPad !== n) for (let p = 0; p < k; p++) heap.fill(0, bBase + p * nPad + n, bBase + (p + 1) * nPad);
    } else if (nPad === n) {
      heap.set(b.subarray(0, k * n), bBase);
    } else {
      for (let p = 0; p < k; p++) {
        heap.set(b.subarray(p * n, (p + 1) * n), bBase + p * nPad);
        heap.fill(0, bBase + p * nPad + n, bBase + (p + 1) * nPad);
      }
    }
    const rowBytes = 4 * nPad;
    if (ones) this.sumRows(4 * startBase, m, rowBytes, 4 * outBase, 0, 4 * listBase, 4 * bBase);
    else this.axpyRows(4 * startBase, m, rowBytes, 4 * outBase, 4 * (valueBase - listBase), 4 * listBase, 4 * bBase);
    // Copy out: c = alpha · sum + beta · c (as the dense wasm gemm's epilogue).
    if (alpha === 1 && beta === 0 && nPad === n) {
      c.set(heap.subarray(outBase, outBase + m * n));
      return true;
    }
    for (let r = 0; r < m; r++) {
      const src = outBase + r * nPad, dst = r * n;
      if (beta === 0) for (let j = 0; j < n; j++) c[dst + j] = alpha * heap[src + j];
      else for (let j = 0; j < n; j++) c[dst + j] = alpha * heap[src + j] + beta * c[dst + j];
    }
    return true;
  }
}

let wasmSparse: WasmSparse | undefined;

/** The keys of {@link SparseGemmOptions}. */
export const SPARSE_GEMM_OPTION_KEYS: readonly string[] = [...GEMM_OPTION_KEYS, 'maxDensity'];

/**
 * out = alpha · op(a) · op(b) + beta · out like {@link gemm}, skipping the zero entries of `a`
 * (see the file header): the same bits as gemm on the active backend when b is finite, and
 * about density(a) times the work. Falls back to gemm when more than `maxDensity` of a is
 * nonzero. Checks and errors are gemm's (shapes, aliasing), under the name sparseGemm.
 *
 * @example
 * ```ts
 * import { sparseGemm, gemm, matrix } from 'boltzmann';
 * const x = matrix(2, 3, [1, 0, 0, 0, 1, 1]);          // 0/1 rows
 * const w = matrix(3, 2, [1, 2, 3, 4, 5, 6]);
 * sparseGemm(matrix(2, 2), x, w).data;                 // [1, 2, 8, 10]: rows 0 and 1+2 of w
 * sparseGemm(matrix(3, 2), x, matrix(2, 2, [1, 1, 1, 1]), { transA: true }); // xᵀ·(...), = gemm's bits
 * ```
 */
export function sparseGemm(out: Matrix, a: Matrix, b: Matrix, options?: SparseGemmOptions): Matrix {
  const fn = 'sparseGemm';
  checkOptionKeys(fn, options, SPARSE_GEMM_OPTION_KEYS);
  let maxDensity = 0.4;
  let gemmOptions: GemmOptions | undefined = options;
  if (options !== undefined && options !== null && typeof options === 'object' && 'maxDensity' in options) {
    const d = options.maxDensity;
    if (typeof d !== 'number' || !(d >= 0 && d <= 1)) throw new RangeError(`${fn}: maxDensity must be a number in [0, 1], got ${String(d)}`);
    maxDensity = d;
    gemmOptions = { transA: options.transA, transB: options.transB, alpha: options.alpha, beta: options.beta };
  }
  const { o } = validateGemm(fn, out, a, b, gemmOptions);
  return sparseGemmUnchecked(out, a, b, o.transA, o.transB, o.alpha, o.beta, maxDensity);
}

/**
 * {@link sparseGemm} without argument checks (internal: not re-exported by lib/linalg/index.ts),
 * for loops that validated their shapes once at their own public boundary, like gemmUnchecked.
 *
 * @example
 * ```ts
 * const X = matrix(2, 3, [1, 0, 1, 0, 1, 0]), W = matrix(3, 2, [1, 2, 3, 4, 5, 6]), H = zeros(2, 2);
 * sparseGemmUnchecked(H, X, W, false, false, 1, 0, 0.4); // H = X·W, X 0/1: [6, 8, 3, 4]
 * ```
 */
export function sparseGemmUnchecked(out: Matrix, a: Matrix, b: Matrix, transA: boolean, transB: boolean, alpha: number, beta: number, maxDensity: number): Matrix {
  const m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols, n = transB ? b.rows : b.cols;
  lastSparseGemm.entries = m * k;
  if (m === 0 || n === 0 || k === 0 || alpha === 0) {
    lastSparseGemm.nonzeros = 0;
    lastSparseGemm.path = 'dense';
    return gemmUnchecked(out, a, b, transA, transB, alpha, beta);
  }
  if (getBackend() === 'wasm') {
    if (wasmSparse === undefined) wasmSparse = new WasmSparse();
    if (!wasmSparse.run(a.data, transA, transB, m, n, k, alpha, b.data, beta, out.data, maxDensity)) {
      lastSparseGemm.path = 'dense';
      return gemmUnchecked(out, a, b, transA, transB, alpha, beta);
    }
  } else {
    const { nnz } = listNonzerosHere(a.data, transA, m, k);
    lastSparseGemm.nonzeros = nnz;
    if (nnz > maxDensity * m * k) {
      lastSparseGemm.path = 'dense';
      return gemmUnchecked(out, a, b, transA, transB, alpha, beta);
    }
    sparseTS(transB, m, n, k, alpha, b.data, beta, out.data);
  }
  lastSparseGemm.path = 'sparse';
  return out;
}
