/**
 * Splitting one gemm by rows of the output between threads that share memory: the layout of the
 * operands in one SharedArrayBuffer, the row bounds of each part, and the part a worker computes.
 * Used by both worker pools (lib/node/pool.ts, lib/browser/pool.ts) and their workers. Row
 * splitting does not change the order
 * in which any output element's sum is formed, so the split product has the same bits as one
 * gemm call on the same backend.
 *
 * Not part of the public API (the pools are).
 */
import type { BackendName } from './gemm.js';
import { gemmUnchecked } from './kernels.js';
import { sparseGemmUnchecked } from './sparse.js';
import type { Matrix } from './matrix.js';

/** What a worker needs to compute rows [rowStart, rowEnd) of a shared product. */
export interface SharedGemmJob {
  kind: 'gemm';
  shared: SharedArrayBuffer;
  m: number; n: number; k: number;
  rowStart: number; rowEnd: number;
  transB: boolean; alpha: number; beta: number;
  /** The caller's backend, so every part rounds the same way. */
  backend: BackendName;
  /** Offsets in float32 elements of A (m × k, already transposed if transA), B (as stored) and C (m × n). */
  aOffset: number; bOffset: number; cOffset: number;
  /** Int32 index in `flags` set to 1 (done) or 2 (failed), then notified. */
  doneIndex: number;
  flags: SharedArrayBuffer;
  /** Compute the part with sparseGemm (0/1 operands) instead of gemm, at this density limit. */
  sparse?: boolean;
  maxDensity?: number;
}

/**
 * Row bounds of `parts` parts of an m-row product, cut at multiples of 4 rows (the kernels' tile
 * height): [0, b1, …, m].
 *
 * @example
 * gemmRowBounds(100, 2); // [0, 52, 100]  (50 rounded to a multiple of 4: round(12.5) · 4)
 */
export function gemmRowBounds(m: number, parts: number): number[] {
  const bounds: number[] = [0];
  for (let t = 1; t < parts; t++) bounds.push(Math.min(m, Math.round((m * t) / parts / 4) * 4));
  bounds.push(m);
  return bounds;
}

/**
 * Copies the operands of out = alpha op(a) op(b) + beta out into `sh` (A as m × k, transposed on
 * the way in when transA; B as stored; C only when beta ≠ 0) and returns the offsets.
 *
 * @example
 * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]), b = matrix(3, 2, [1, 0, 0, 1, 1, 1]), out = zeros(2, 2);
 * const m = 2, n = 2, k = 3;
 * const sh = new Float32Array(new SharedArrayBuffer(4 * sharedGemmSize(m, n, k, b.rows, b.cols)));
 * const { aOffset, bOffset, cOffset } = packGemmOperands(sh, out, a, b, m, k, false, 0); // 0, 6, 12
 */
export function packGemmOperands(sh: Float32Array, out: Matrix, a: Matrix, b: Matrix, m: number, k: number, transA: boolean, beta: number): { aOffset: number; bOffset: number; cOffset: number } {
  const aOffset = 0, bOffset = m * k, cOffset = m * k + b.rows * b.cols;
  if (transA) {
    for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) sh[i * k + p] = a.data[p * m + i];
  } else {
    sh.set(a.data, aOffset);
  }
  sh.set(b.data, bOffset);
  if (beta !== 0) sh.set(out.data, cOffset);
  return { aOffset, bOffset, cOffset };
}

/** Float32 elements the shared buffer needs for an m × k by (b.rows × b.cols) product into m × n. */
export function sharedGemmSize(m: number, n: number, k: number, bRows: number, bCols: number): number {
  return m * k + bRows * bCols + m * n;
}

/**
 * Computes rows [rowStart, rowEnd) of a shared product in place: views of the shared buffer, one
 * gemm (or sparseGemm) call on the unchecked kernels (the pool validated the whole product). The
 * caller has already set the backend. Both the calling thread's part (rows from 0) and the
 * workers' parts go through here.
 *
 * @example
 * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]), b = matrix(3, 2, [1, 0, 0, 1, 1, 1]), out = zeros(2, 2);
 * const shared = new SharedArrayBuffer(4 * sharedGemmSize(2, 2, 3, 3, 2));
 * const sh = new Float32Array(shared);
 * const offsets = packGemmOperands(sh, out, a, b, 2, 3, false, 0);
 * // a worker's part: rows [0, 2) of out = a·b (a pool then sets its done flag with Atomics.store)
 * gemmSharedRows({ shared, m: 2, n: 2, k: 3, rowStart: 0, rowEnd: 2, transB: false, alpha: 1, beta: 0, ...offsets });
 * sh.subarray(offsets.cOffset); // [4, 5, 10, 11]
 */
export function gemmSharedRows(job: Omit<SharedGemmJob, 'kind' | 'backend' | 'doneIndex' | 'flags'>, sh: Float32Array = new Float32Array(job.shared)): void {
  const { n, k, rowStart, rowEnd } = job;
  const rows = rowEnd - rowStart;
  const bRows = job.transB ? n : k, bCols = job.transB ? k : n;
  const a: Matrix = { rows, cols: k, data: sh.subarray(job.aOffset + rowStart * k, job.aOffset + rowEnd * k) };
  const b: Matrix = { rows: bRows, cols: bCols, data: sh.subarray(job.bOffset, job.bOffset + bRows * bCols) };
  const c: Matrix = { rows, cols: n, data: sh.subarray(job.cOffset + rowStart * n, job.cOffset + rowEnd * n) };
  if (job.sparse) sparseGemmUnchecked(c, a, b, false, job.transB, job.alpha, job.beta, job.maxDensity ?? 0.4);
  else gemmUnchecked(c, a, b, false, job.transB, job.alpha, job.beta);
}
