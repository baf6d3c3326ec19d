/**
 * The SIMD SGEMM kernel, emitted instruction by instruction with ./emitter.ts.
 *
 * What it computes. C += A·B on *packed* operands (./backend.ts packs them; see docs/wasm.md):
 *
 *   - A is cut into micro-panels of MR = 4 rows. Inside a panel, column p of the 4 rows is stored
 *     as 4 consecutive floats, so the panel reads  a(0,p) a(1,p) a(2,p) a(3,p)  a(0,p+1) ...
 *   - B is cut into micro-panels of NR = 8 columns. Inside a panel, row p of the 8 columns is
 *     stored as 8 consecutive floats: b(p,0..7) b(p+1,0..7) ...
 *   - C is a row-major float32 array with a row stride of `ldc` bytes.
 *
 * The micro-kernel keeps a 4x8 tile of C in eight v128 registers (4 rows x two f32x4 halves),
 * and for each p does the rank-1 update
 *
 *     c(r, 0..3) += a(r,p) * b(p, 0..3)        c(r, 4..7) += a(r,p) * b(p, 4..7)      r = 0..3
 *
 * with one `v128.load32_splat` per a(r,p), two `v128.load`s of B, and `f32x4.mul` followed by a
 * separate `f32x4.add` (never a fused multiply-add, so every engine rounds the same way).
 * 8 accumulators + 2 B vectors + 1 A splat = 11 of the 16 xmm registers V8 allocates on x64; a
 * 6x8 or 4x12 tile needs 15-16 and V8 starts spilling (measured: 6x8, 5x8, 4x12 and 4x16 all ran
 * at about half the speed or less). The p loop is *not* unrolled (KU = 1): unrolling it 2, 4 or
 * 8 times let V8 schedule the extra loads early, which ran out of registers and cost 40-65%
 * (docs/wasm.md, "Measurements").
 *
 * The macro-kernel around it walks one cache block: for every B micro-panel (jr), for every A
 * micro-panel (ir), run the micro-kernel over kc values of p. With jr outside ir, one B
 * micro-panel (kc x 8 floats, 8 KiB at kc = 256) stays in L1 while the A block streams from L2.
 * The loops over k-blocks, n-blocks and m-blocks (the cache blocking) are in ./backend.ts.
 */
import { buildModule, FunctionBody, Op, SimdOp, ValType } from './emitter.js';

/**
 * Rows of C per micro-tile (rows of a packed A micro-panel).
 *
 * @example
 * ```ts
 * const m = 10;
 * const mPad = Math.ceil(m / MR) * MR; // rows after padding to whole tiles: 12
 * ```
 */
export const MR = 4;
/**
 * Columns of C per micro-tile: two f32x4 vectors (columns of a packed B micro-panel).
 *
 * @example
 * ```ts
 * const n = 10;
 * const nPad = Math.ceil(n / NR) * NR; // 16
 * ```
 */
export const NR = 8;
/**
 * Unroll factor of the p loop (the packer pads k to a multiple of KU with zeros in both A and B,
 * which adds exact zeros). 1 measured fastest: see the file header.
 *
 * @example
 * ```ts
 * const k = 10;
 * const kPad = Math.ceil(k / KU) * KU; // = k while KU = 1
 * ```
 */
export const KU = 1;

/** Bytes per float32. */
const F = 4;

/**
 * Emits `macroKernel(aPtr, bPtr, cPtr, mPanels, nPanels, kSteps, aPanelStride, bPanelStride,
 * ldc)`, all i32 byte addresses / byte strides:
 *
 *   for jr in 0..nPanels-1:                      (B micro-panel  bPtr + jr*bPanelStride)
 *     for ir in 0..mPanels-1:                    (A micro-panel  aPtr + ir*aPanelStride)
 *       tile = C at cPtr + ir*MR*ldc + jr*NR*4
 *       tile += A-panel(ir) · B-panel(jr)        over kSteps*KU values of p
 *
 * Loops are do-while: the caller guarantees mPanels, nPanels, kSteps >= 1.
 */
function emitMacroKernel(mr = MR, nr = NR, ku = KU): FunctionBody {
  const halves = nr / 4; // f32x4 vectors per tile row
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32, i32, i32], []);
  // Parameters.
  const aPtr = 0, bPtr = 1, cPtr = 2, mPanels = 3, nPanels = 4, kSteps = 5;
  const aPanelStride = 6, bPanelStride = 7, ldc = 8;
  // Loop state.
  const jr = f.addLocal(i32);       // B micro-panel counter
  const ir = f.addLocal(i32);       // A micro-panel counter
  const bPanel = f.addLocal(i32);   // address of B micro-panel jr
  const cColumn = f.addLocal(i32);  // address of C(0, jr*NR)
  const aPanel = f.addLocal(i32);   // address of A micro-panel ir
  const cTile = f.addLocal(i32);    // address of C(ir*MR, jr*NR)
  const ap = f.addLocal(i32);       // walks along the A micro-panel (16 bytes per p)
  const bp = f.addLocal(i32);       // walks along the B micro-panel (32 bytes per p)
  const p = f.addLocal(i32);        // remaining unrolled steps
  const cRow = [cTile]; // cRow[r] = address of row r of the C tile
  for (let r = 1; r < mr; r++) cRow.push(f.addLocal(i32));
  // SIMD registers: the 4x8 tile of C as acc[r][h] (row r, half h = columns 4h..4h+3), B, A.
  const acc: number[][] = [];
  for (let r = 0; r < mr; r++) {
    acc.push([]);
    for (let h = 0; h < halves; h++) acc[r].push(f.addLocal(ValType.v128));
  }
  const bv: number[] = []; // bv[h] = B(p, 4h..4h+3)
  for (let h = 0; h < halves; h++) bv.push(f.addLocal(ValType.v128));
  const a = f.addLocal(ValType.v128);

  // jr = 0; bPanel = bPtr; cColumn = cPtr
  f.i32Const(0).localSet(jr);
  f.localGet(bPtr).localSet(bPanel);
  f.localGet(cPtr).localSet(cColumn);
  f.loop(); // ---- for jr ----
  {
    f.i32Const(0).localSet(ir);
    f.localGet(aPtr).localSet(aPanel);
    f.localGet(cColumn).localSet(cTile);
    f.loop(); // ---- for ir ----
    {
      // Row addresses of the tile: cRow[r] = cTile + r*ldc.
      for (let r = 1; r < mr; r++) f.localGet(cRow[r - 1]).localGet(ldc).op(Op.i32_add).localSet(cRow[r]);
      // Load the tile: acc[r][h] = v128.load(cRow[r] + 16h).
      for (let r = 0; r < mr; r++) {
        for (let h = 0; h < halves; h++) f.localGet(cRow[r]).simd(SimdOp.v128_load, 4, 16 * h).localSet(acc[r][h]);
      }
      f.localGet(aPanel).localSet(ap);
      f.localGet(bPanel).localSet(bp);
      f.localGet(kSteps).localSet(p);
      f.loop(); // ---- for p, KU at a time ----
      {
        for (let u = 0; u < ku; u++) {
          // b0 = B(p+u, 0..3), b1 = B(p+u, 4..7)
          for (let h = 0; h < halves; h++) f.localGet(bp).simd(SimdOp.v128_load, 4, nr * F * u + 16 * h).localSet(bv[h]);
          for (let r = 0; r < mr; r++) {
            // a = splat A(r, p+u)
            f.localGet(ap).simd(SimdOp.v128_load32_splat, 2, mr * F * u + F * r).localSet(a);
            // acc[r][0] += a * b0;  acc[r][1] += a * b1   (mul, then add: no FMA)
            for (let h = 0; h < halves; h++) {
              f.localGet(acc[r][h]);
              f.localGet(a).localGet(bv[h]).simd(SimdOp.f32x4_mul);
              f.simd(SimdOp.f32x4_add).localSet(acc[r][h]);
            }
          }
        }
        f.addToLocal(ap, mr * F * ku);
        f.addToLocal(bp, nr * F * ku);
        // p -= 1; continue while p != 0
        f.localGet(p).i32Const(1).op(Op.i32_sub).localTee(p).brIf(0);
      }
      f.end();
      // Store the tile back: v128.store(cRow[r] + 16h, acc[r][h]).
      for (let r = 0; r < mr; r++) {
        for (let h = 0; h < halves; h++) f.localGet(cRow[r]).localGet(acc[r][h]).simd(SimdOp.v128_store, 4, 16 * h);
      }
      // Next A micro-panel and the C tile MR rows below.
      f.addLocalToLocal(aPanel, aPanelStride);
      f.localGet(cRow[mr - 1]).localGet(ldc).op(Op.i32_add).localSet(cTile);
      f.localGet(ir).i32Const(1).op(Op.i32_add).localTee(ir).localGet(mPanels).op(Op.i32_lt_u).brIf(0);
    }
    f.end();
    // Next B micro-panel and the C tile NR columns to the right.
    f.addLocalToLocal(bPanel, bPanelStride);
    f.addToLocal(cColumn, nr * F);
    f.localGet(jr).i32Const(1).op(Op.i32_add).localTee(jr).localGet(nPanels).op(Op.i32_lt_u).brIf(0);
  }
  f.end();
  return f;
}

/**
 * Emits `packStrips{W}(src, srcStride, dst, steps, panels, srcPanelStep, dstPanelStep)`: copies
 * a panel whose rows are already contiguous in memory. For each of `panels` panels, for each of
 * `steps` rows: W floats (W/4 v128s) from src to dst; src += srcStride, dst += 4W. Used for B
 * (k x n, W = NR: row p of a B panel is 8 consecutive floats of B's row p) and for A stored
 * transposed (W = MR). All addresses and strides in bytes; panels, steps >= 1.
 */
function emitPackStrips(width: number): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32], []);
  const src = 0, srcStride = 1, dst = 2, steps = 3, panels = 4, srcPanelStep = 5, dstPanelStep = 6;
  const s = f.addLocal(i32), d = f.addLocal(i32), p = f.addLocal(i32);
  f.loop(); // ---- for each panel ----
  {
    f.localGet(src).localSet(s).localGet(dst).localSet(d).localGet(steps).localSet(p);
    f.loop(); // ---- for each row of the panel: dst[0..W) = src[0..W) ----
    {
      for (let v = 0; v < width / 4; v++) {
        f.localGet(d).localGet(s).simd(SimdOp.v128_load, 2, 16 * v).simd(SimdOp.v128_store, 2, 16 * v);
      }
      f.addLocalToLocal(s, srcStride);
      f.addToLocal(d, F * width);
      f.localGet(p).i32Const(1).op(Op.i32_sub).localTee(p).brIf(0);
    }
    f.end();
    f.addLocalToLocal(src, srcPanelStep).addLocalToLocal(dst, dstPanelStep);
    f.localGet(panels).i32Const(1).op(Op.i32_sub).localTee(panels).brIf(0);
  }
  f.end();
  return f;
}

/**
 * Emits `packGather{W}(src, ld, dst, steps, panels, srcPanelStep, dstPanelStep)`: packs W rows
 * of a row-major matrix (row stride `ld` bytes) into one panel by interleaving them, i.e. a
 * transpose: dst[p*W + r] = src[r*ld + 4p] for p < steps, r < W. Used for A (m x k, W = MR) and
 * for B stored transposed (W = NR). Scalar f32 loads and stores; panels, steps >= 1.
 */
function emitPackGather(width: number): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32], []);
  const src = 0, ld = 1, dst = 2, steps = 3, panels = 4, srcPanelStep = 5, dstPanelStep = 6;
  const q = f.addLocal(i32), d = f.addLocal(i32), p = f.addLocal(i32);
  const rowOffset = [-1]; // rowOffset[r] = r * ld (row 0 needs no offset)
  for (let r = 1; r < width; r++) rowOffset.push(f.addLocal(i32));
  for (let r = 1; r < width; r++) f.localGet(ld).i32Const(r).op(Op.i32_mul).localSet(rowOffset[r]);
  f.loop(); // ---- for each panel ----
  {
    f.localGet(src).localSet(q).localGet(dst).localSet(d).localGet(steps).localSet(p);
    f.loop(); // ---- for each column p: dst[r] = row r at column p ----
    {
      for (let r = 0; r < width; r++) {
        f.localGet(d).localGet(q);
        if (r > 0) f.localGet(rowOffset[r]).op(Op.i32_add);
        f.memoryOp(Op.f32_load, 2, 0).memoryOp(Op.f32_store, 2, F * r);
      }
      f.addToLocal(q, F);
      f.addToLocal(d, F * width);
      f.localGet(p).i32Const(1).op(Op.i32_sub).localTee(p).brIf(0);
    }
    f.end();
    f.addLocalToLocal(src, srcPanelStep).addLocalToLocal(dst, dstPanelStep);
    f.localGet(panels).i32Const(1).op(Op.i32_sub).localTee(panels).brIf(0);
  }
  f.end();
  return f;
}

/**
 * Builds the kernel module's bytes. The module defines its own memory (`initialPages` pages of
 * 64 KiB, growable) and exports it as `memory`, plus `macroKernel` (this file's header) and the
 * packers `packStrips4`, `packStrips8`, `packGather4`, `packGather8`. The bytes are deterministic.
 * `tile` changes the register tile and unrolling of `macroKernel` (mr rows, nr columns, a
 * multiple of 4, ku unrolled steps); it exists for the measurements in docs/wasm.md, and the
 * backend only works with the defaults MR x NR, KU.
 *
 * @example
 * ```ts
 * const bytes = buildGemmKernelModule();
 * WebAssembly.validate(bytes); // true on engines with fixed-width SIMD
 * ```
 */
export function buildGemmKernelModule(initialPages = 1, tile: { mr?: number; nr?: number; ku?: number } = {}): Uint8Array<ArrayBuffer> {
  return buildModule({
    memory: { initial: initialPages, exportName: 'memory' },
    functions: [
      { exportName: 'macroKernel', body: emitMacroKernel(tile.mr, tile.nr, tile.ku) },
      { exportName: 'packStrips4', body: emitPackStrips(4) },
      { exportName: 'packStrips8', body: emitPackStrips(8) },
      { exportName: 'packGather4', body: emitPackGather(4) },
      { exportName: 'packGather8', body: emitPackGather(8) },
    ],
  });
}

/** Signature of the exported `macroKernel` (all byte addresses / byte strides). */
export type MacroKernel = (
  aPtr: number, bPtr: number, cPtr: number,
  mPanels: number, nPanels: number, kSteps: number,
  aPanelStride: number, bPanelStride: number, ldc: number,
) => void;

/**
 * Signature of the exported packers `packStrips4/8` and `packGather4/8` (byte addresses and
 * strides): see emitPackStrips and emitPackGather.
 */
export type PackPanels = (
  src: number, srcStrideOrLd: number, dst: number, steps: number,
  panels: number, srcPanelStep: number, dstPanelStep: number,
) => void;
