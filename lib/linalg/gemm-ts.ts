/**
 * The pure-TypeScript gemm kernel: packed panels, a 3x4 register tile, cache blocking.
 *
 *   C = alpha · op(A) · op(B) + beta · C        op(A) is m x k, op(B) is k x n, C is m x n
 *
 * This file is the engine room behind `gemm` (gemm.ts validates, backend.ts dispatches here).
 * It trusts its arguments: shapes, offsets and strides were checked by the caller.
 * docs/linalg.md ("Performance design") walks through the ideas below step by step.
 *
 * 1. Register tile. The innermost code (`microKernel`) computes a 3x4 tile of C at once: 12
 *    running sums in local variables, which the JIT keeps in CPU registers. Each step p reads 3
 *    numbers of A and 4 of B and does 12 multiply-adds (7 loads for 24 flops), where the naive
 *    dot-product loop does 2 loads, one of them a long stride down a column of B, for 2 flops.
 *    3x4 was the fastest of the tiles we measured in V8 (4x4, 4x8, 2x4, 3x3, 6x4, 4x6, 2x8, 3x8):
 *    12 sums and the operands nearly fit x86-64's 16 floating-point registers; larger tiles spill.
 * 2. Packing. Before the tiles run, an MC x KC block of op(A) is copied into `packedA` as panels
 *    of MR = 3 rows stored k-major (a(i,p), a(i+1,p), a(i+2,p), then p+1, ...), and a KC x NC block
 *    of op(B) into `packedB` as panels of NR = 4 columns, also k-major. The micro-kernel then
 *    reads both with unit stride. Transposes are absorbed here: packing reads through a row
 *    stride and a column stride, and a transpose swaps them, so all four transpose combinations
 *    run the same inner loop. Edges (m not a multiple of 3, n not a multiple of 4) are padded with
 *    zeros, so the micro-kernel has no edge case; the write-back skips the padding.
 * 3. Blocking. C is computed MC x NC at a time and k is taken KC at a time. Inside a block, the
 *    loop keeps one B panel (KC x 4 float64 = 8 KiB, in L1 cache) and runs down all A panels
 *    (the MC x KC block, 240 KiB, in L2) before moving to the next B panel.
 * 4. Float64 accumulation. The packed copies are Float64Array (each float32 is converted once
 *    while packing; float32 and float64 packing measured the same speed) and all sums are
 *    float64. Partial sums across k-blocks stay in the float64 buffer `blockSums`, so each entry
 *    of C is one float64 sum of all k products, rounded to float32 once when it is stored. The
 *    product of two float32 numbers is exact in float64 (24 + 24 ≤ 53 significand bits), so
 *    the only errors are the float64 additions and that final rounding.
 *
 * Scratch memory. packedA, packedB and blockSums are module-level Float64Arrays, grown only when
 * a call needs more than any earlier call did, and never beyond the block sizes (MC·KC + KC·NC +
 * MC·NC float64 ≈ 1.7 MiB), so a training loop with fixed shapes allocates nothing after its
 * first gemm. Not re-entrant (JavaScript is single-threaded; each worker has its own module).
 */

/** Rows of the register tile (rows of a packed A panel). */
export const MR = 3;
/** Columns of the register tile (columns of a packed B panel). */
export const NR = 4;
/** Depth of a k-block. */
export const KC = 256;
/** Rows of C per block (a multiple of MR). */
export const MC = 120;
/** Columns of C per block (a multiple of NR). */
export const NC = 512;

let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
/** Float64 running sums of the current MC x NC block of C, laid out tile by tile (MR·NR each). */
let blockSums = new Float64Array(0);

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/** Grows the scratch buffers (only ever up) for a problem of this size. */
function ensureScratch(m: number, n: number, k: number): void {
  const mc = roundUp(Math.min(m, MC), MR);
  const nc = roundUp(Math.min(n, NC), NR);
  const kc = Math.min(k, KC);
  if (packedA.length < mc * kc) packedA = new Float64Array(mc * kc);
  if (packedB.length < kc * nc) packedB = new Float64Array(kc * nc);
  if (blockSums.length < mc * nc) blockSums = new Float64Array(mc * nc);
}

/**
 * Packing, shared by A and B. Copies `lanes` lanes of a strided source into panels of `width`
 * lanes each, k-major (depth-major) inside a panel:
 *
 *   dst[panel·width·kc + p·width + l] = src[offset + (lane0 + panel·width + l)·laneStride + (p0 + p)·depthStride]
 *
 * for p < kc. For A the lanes are rows of op(A) (width MR, laneStride = row stride of op(A)); for
 * B they are columns of op(B) (width NR, laneStride = column stride of op(B)); the depth is k.
 * A transpose only swaps the two strides, which is how all four gemm variants share one kernel.
 * The loops walk the source along whichever direction is contiguous (p when depthStride is 1,
 * the lanes otherwise), so packing reads memory sequentially. Lanes past `lanes` in the last
 * panel are zero, so the micro-kernel always sees full panels.
 */
function packPanels(
  dst: Float64Array, width: number,
  src: Float32Array, offset: number, laneStride: number, depthStride: number,
  lane0: number, lanes: number, p0: number, kc: number,
): void {
  for (let first = 0; first < lanes; first += width) {
    const base = (first / width) * width * kc;
    const full = Math.min(width, lanes - first);
    const start = offset + (lane0 + first) * laneStride + p0 * depthStride;
    if (depthStride === 1) {
      // each lane is contiguous in the source: copy lane by lane, writing every width-th slot
      for (let l = 0; l < full; l++) {
        const s = start + l * laneStride;
        for (let p = 0; p < kc; p++) dst[base + p * width + l] = src[s + p];
      }
    } else {
      // the lanes of one depth step are contiguous (or at least closer): copy depth by depth
      for (let p = 0; p < kc; p++) {
        const s = start + p * depthStride;
        for (let l = 0; l < full; l++) dst[base + p * width + l] = src[s + l * laneStride];
      }
    }
    for (let l = full; l < width; l++) {
      for (let p = 0; p < kc; p++) dst[base + p * width + l] = 0;
    }
  }
}

/**
 * Bit mask for panel indices. `i & INDEX_MASK` is a no-op for our indices (all below 2^30), but
 * it tells V8's optimizing compiler that `i + 1`, `i + 2`, ... cannot overflow int32, so it drops
 * an overflow check and a sign extension from every load in the micro-kernel (measured a few
 * percent faster; the generated code was checked with node --print-opt-code).
 */
const INDEX_MASK = 0x3fffffff;

/**
 * The register tile: for one MR x NR = 3x4 tile, adds Σ_p a(i,p)·b(p,j) over a k-block of
 * length kc to the tile's running sums sums[s .. s+11] (row-major 3x4):
 *   c_ij += a_i b_j  for i < 3, j < 4,  with a_i = ap[aStart + 3p + i], b_j = bp[bStart + 4p + j].
 */
function microKernel(kc: number, ap: Float64Array, aStart: number, bp: Float64Array, bStart: number, sums: Float64Array, s: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let ia = aStart & INDEX_MASK;
  let ib = bStart & INDEX_MASK;
  const aEnd = (ia + kc * MR) & INDEX_MASK;
  while (ia < aEnd) {
    const a0 = ap[ia], a1 = ap[ia + 1], a2 = ap[ia + 2];
    // c_ij += a_i b_j, one column j of the tile at a time
    let b = bp[ib];
    c00 += a0 * b; c10 += a1 * b; c20 += a2 * b;
    b = bp[ib + 1];
    c01 += a0 * b; c11 += a1 * b; c21 += a2 * b;
    b = bp[ib + 2];
    c02 += a0 * b; c12 += a1 * b; c22 += a2 * b;
    b = bp[ib + 3];
    c03 += a0 * b; c13 += a1 * b; c23 += a2 * b;
    ia = (ia + MR) & INDEX_MASK;
    ib = (ib + NR) & INDEX_MASK;
  }
  sums[s] += c00; sums[s + 1] += c01; sums[s + 2] += c02; sums[s + 3] += c03;
  sums[s + 4] += c10; sums[s + 5] += c11; sums[s + 6] += c12; sums[s + 7] += c13;
  sums[s + 8] += c20; sums[s + 9] += c21; sums[s + 10] += c22; sums[s + 11] += c23;
}

/**
 * Writes a finished mc x nc block into C: c(i,j) = alpha·sum(i,j) + beta·c(i,j), rounded to
 * float32 once. With beta = 0 the old c(i,j) is not read, so NaN or garbage there is overwritten.
 * Zero-padded tile rows/columns beyond mc, nc are skipped.
 */
function storeBlock(
  mc: number, nc: number, alpha: number, beta: number,
  c: Float32Array, cStart: number, ldc: number,
): void {
  const sums = blockSums;
  let s = 0; // tiles are stored in the order the micro-kernel visited them
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    for (let jr = 0; jr < nc; jr += NR) {
      const cols = Math.min(NR, nc - jr);
      for (let ii = 0; ii < rows; ii++) {
        const row = cStart + (ir + ii) * ldc + jr;
        const t = s + ii * NR;
        if (beta === 0) {
          for (let jj = 0; jj < cols; jj++) c[row + jj] = alpha * sums[t + jj];
        } else {
          for (let jj = 0; jj < cols; jj++) c[row + jj] = alpha * sums[t + jj] + beta * c[row + jj];
        }
      }
      s += MR * NR;
    }
  }
}

/** c = beta·c over an m x n block (beta = 0 writes zeros without reading c). */
function scaleC(m: number, n: number, beta: number, c: Float32Array, cOffset: number, ldc: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = cOffset + i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/**
 * Row-major sgemm with BLAS-style arguments (like cblas_sgemm with CblasRowMajor):
 * c = alpha·op(A)·op(B) + beta·c. A is stored m x k (k x m if transA) with row stride lda from
 * aOffset, B is k x n (n x k if transB) with stride ldb from bOffset, c is m x n with stride ldc
 * from cOffset. c must not overlap a or b (the caller checks). Returns c.
 *
 * @example
 * ```ts
 * const a = new Float32Array([1, 2, 3, 4]); // 2x2
 * const c = new Float32Array(4);
 * sgemmTS(false, true, 2, 2, 2, 1, a, 0, 2, a, 0, 2, 0, c, 0, 2); // c = A·Aᵀ = [5, 11, 11, 25]
 * ```
 */
export function sgemmTS(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: Float32Array, aOffset: number, lda: number,
  b: Float32Array, bOffset: number, ldb: number,
  beta: number, c: Float32Array, cOffset: number, ldc: number,
): Float32Array {
  if (m === 0 || n === 0) return c;
  // BLAS quick return: with no products to add, C = beta·C (A and B are not read).
  if (k === 0 || alpha === 0) {
    scaleC(m, n, beta, c, cOffset, ldc);
    return c;
  }
  ensureScratch(m, n, k);
  // op(A)(i,p) = a[aOffset + i·aRow + p·aCol]; op(B)(p,j) = b[bOffset + p·bRow + j·bCol]
  const aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
  const bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
  for (let i0 = 0; i0 < m; i0 += MC) {
    const mc = Math.min(MC, m - i0);
    for (let j0 = 0; j0 < n; j0 += NC) {
      const nc = Math.min(NC, n - j0);
      const tilesPerRow = roundUp(nc, NR) / NR;
      const tileCount = (roundUp(mc, MR) / MR) * tilesPerRow;
      blockSums.fill(0, 0, tileCount * MR * NR);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        // A panels: lanes are rows i of op(A), depth p.  B panels: lanes are columns j of op(B).
        packPanels(packedA, MR, a, aOffset, aRow, aCol, i0, mc, p0, kc);
        packPanels(packedB, NR, b, bOffset, bCol, bRow, j0, nc, p0, kc);
        // every MR x NR tile of the block: tile (ir, jr) uses A panel ir and B panel jr; the
        // B panel stays in L1 while the A panels stream past. Tile sums are stored row of tiles
        // by row of tiles: tile (ir, jr) at s = ((ir/MR)·tilesPerRow + jr/NR)·MR·NR.
        for (let jr = 0; jr < nc; jr += NR) {
          const bStart = jr * kc;
          let s = (jr / NR) * (MR * NR);
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, packedA, ir * kc, packedB, bStart, blockSums, s);
            s += tilesPerRow * (MR * NR);
          }
        }
      }
      storeBlock(mc, nc, alpha, beta, c, cOffset + i0 * ldc + j0, ldc);
    }
  }
  return c;
}
