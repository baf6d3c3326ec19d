/**
 * The SIMD kernel of the sparse-left product (lib/linalg/sparse.ts), emitted with ./emitter.ts.
 *
 * What it computes. Row r of the result is a sum of selected rows of a dense row-major matrix B
 * held in wasm memory (rows padded to a multiple of 4 floats):
 *
 *   out(r, :) = Σ_{t = start(r)}^{end(r) − 1}  v_t · B(p_t, :)        ('axpyRows')
 *   out(r, :) = Σ_{t = start(r)}^{end(r) − 1}        B(p_t, :)        ('sumRows', every v_t = 1)
 *
 * The caller lists, for each output row, the nonzero entries p_t of row r of the sparse operand
 * in increasing order (as row indices of B) and their values v_t. Each f32x4 lane
 * starts at 0 and adds the terms one by one in that order, each product rounded before the add
 * (no fused multiply-add) — the same operations, in the same order, as the dense SIMD gemm
 * (./gemm-kernel.ts) performs for the nonzero terms; the zero terms it also adds change nothing
 * (x + 0·b = x for finite b). So the result has the same bits as the dense gemm's.
 *
 * Loop structure: the columns are taken 32 at a time (eight f32x4 accumulators held in
 * registers while the selected rows stream past), then 4 at a time; for each column block every
 * output row is computed before the next block, so the block's slice of B (32 columns of every
 * row: 100 KB for 784 rows) stays in cache instead of streaming all of B once per output row.
 */
import { buildModule, FunctionBody, Op, SimdOp, ValType } from './emitter.js';

/** Columns per register block: eight f32x4 accumulators. */
export const BLOCK_VECTORS = 8;

/** The locals {@link emitListSum} works with (i32 except acc and value, which are v128). */
export interface ListSumLocals {
  /** Byte address of the row's two list positions (start, end) in the starts array. */
  starts: number;
  /** Byte address of the list. */
  list: number;
  /** Byte address of B, its rows `rowBytes` long; the column block starts at byte c of a row. */
  b: number; rowBytes: number; c: number;
  /** With values: the value of the list entry at byte q is the f32 at q + valueDelta; null for 0/1. */
  valueDelta: number | null;
  /** Scratch: the entry cursor, its end, the row address, the splatted value. */
  t: number; e: number; address: number; value: number;
  /** `vectors` f32x4 accumulators. */
  acc: number[];
}

/**
 * Emits acc[v] = Σ_{t} (v_t ·) B(p_t, c/4 + 4v .. + 4) for v < vectors, over the list entries
 * [starts[0], starts[1]) in order: each lane starts at 0 and adds the terms one by one, each
 * product rounded before the add — the operations gemm performs for the nonzero terms. The
 * sum shared by sumRows/axpyRows here and the RBM's update kernel (lib/rbm/resident-kernel.ts).
 *
 * @example
 * ```ts
 * const i32 = ValType.i32, f = new FunctionBody([i32, i32, i32, i32, i32], []); // starts, list, b, rowBytes, c
 * const t = f.addLocal(i32), e = f.addLocal(i32), address = f.addLocal(i32), value = f.addLocal(ValType.v128), acc = [f.addLocal(ValType.v128)];
 * emitListSum(f, { starts: 0, list: 1, b: 2, rowBytes: 3, c: 4, valueDelta: null, t, e, address, value, acc }, 1); // acc[0]: 4 columns summed
 * ```
 */
export function emitListSum(f: FunctionBody, l: ListSumLocals, vectors: number): void {
  // t, e = byte addresses of the first and one-past-last list entries
  f.localGet(l.starts).memoryOp(Op.i32_load, 2, 0).i32Const(4).op(Op.i32_mul).localGet(l.list).op(Op.i32_add).localSet(l.t);
  f.localGet(l.starts).memoryOp(Op.i32_load, 2, 4).i32Const(4).op(Op.i32_mul).localGet(l.list).op(Op.i32_add).localSet(l.e);
  for (let v = 0; v < vectors; v++) f.f32x4Const(0, 0, 0, 0).localSet(l.acc[v]);
  f.block(); // exit when t >= e
  f.loop(); // ---- for each listed row p_t, in order ----
  {
    f.localGet(l.t).localGet(l.e).op(Op.i32_ge_u).brIf(1);
    if (l.valueDelta !== null) f.localGet(l.t).localGet(l.valueDelta).op(Op.i32_add).simd(SimdOp.v128_load32_splat, 2, 0).localSet(l.value);
    // address of B(p_t, c/4) = b + p_t · rowBytes + c
    f.localGet(l.t).memoryOp(Op.i32_load, 2, 0).localGet(l.rowBytes).op(Op.i32_mul).localGet(l.b).op(Op.i32_add).localGet(l.c).op(Op.i32_add).localSet(l.address);
    for (let v = 0; v < vectors; v++) {
      f.localGet(l.acc[v]);
      f.localGet(l.address).simd(SimdOp.v128_load, 2, 16 * v);
      if (l.valueDelta !== null) f.localGet(l.value).simd(SimdOp.f32x4_mul);
      f.simd(SimdOp.f32x4_add).localSet(l.acc[v]);
    }
    f.addToLocal(l.t, 4);
    f.br(0);
  }
  f.end();
  f.end();
}

/**
 * Emits the column loop of a row-sum kernel: c = 0, then `emitBlock(BLOCK_VECTORS)` while a
 * whole block of 32 columns fits in rowBytes, then `emitBlock(1)` while c < rowBytes. Each
 * emitBlock must advance c by 16 bytes per vector.
 *
 * @example
 * ```ts
 * const f = new FunctionBody([ValType.i32], []), c = f.addLocal(ValType.i32); // rowBytes is parameter 0
 * emitColumnBlocks(f, c, 0, (vectors) => { f.addToLocal(c, 16 * vectors); }); // the two column loops alone
 * ```
 */
export function emitColumnBlocks(f: FunctionBody, c: number, rowBytes: number, emitBlock: (vectors: number) => void): void {
  f.i32Const(0).localSet(c);
  // Blocks of 32 columns while c + 128 <= rowBytes ...
  f.block();
  f.loop();
  {
    f.localGet(c).i32Const(16 * BLOCK_VECTORS).op(Op.i32_add).localGet(rowBytes).op(Op.i32_gt_u).brIf(1);
    emitBlock(BLOCK_VECTORS);
    f.br(0);
  }
  f.end();
  f.end();
  // ... then 4 columns at a time while c < rowBytes.
  f.block();
  f.loop();
  {
    f.localGet(c).localGet(rowBytes).op(Op.i32_ge_u).brIf(1);
    emitBlock(1);
    f.br(0);
  }
  f.end();
  f.end();
}

/**
 * Emits `sumRows` (withValues false) or `axpyRows` (withValues true), parameters
 * (rowStart, m, rowBytes, out, valueDelta, list, b), i32:
 *   - rowStart: address of m + 1 i32 list positions; the entries of output row r are list
 *     positions [rowStart[r], rowStart[r + 1]), each an i32 row index p of B;
 *   - list: address of the i32 list; the value of the entry at byte address q is the f32 at
 *     q + valueDelta (axpyRows only);
 *   - b: address of B, rowBytes bytes per row (a multiple of 16), also the output's row stride;
 *   - out: address of the m x (rowBytes / 4) output.
 * m >= 1.
 */
function emitRowsKernel(withValues: boolean): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32], []);
  const rowStart = 0, m = 1, rowBytes = 2, out = 3, valueDelta = 4, list = 5, b = 6;
  const r = f.addLocal(i32), e = f.addLocal(i32), c = f.addLocal(i32), t = f.addLocal(i32);
  const outRow = f.addLocal(i32), starts = f.addLocal(i32), address = f.addLocal(i32);
  const acc: number[] = [];
  for (let v = 0; v < BLOCK_VECTORS; v++) acc.push(f.addLocal(ValType.v128));
  const value = f.addLocal(ValType.v128);
  const sum: ListSumLocals = { starts, list, b, rowBytes, c, valueDelta: withValues ? valueDelta : null, t, e, address, value, acc };

  /**
   * Emits, for the column block at byte c of `vectors` f32x4 vectors, the loop over all output
   * rows: out(r, block) = Σ over the list of row r. Column blocks are the outer loop so the
   * block of every B row (32 columns x k rows) stays in cache while all output rows use it.
   */
  const emitBlockOverRows = (vectors: number): void => {
    f.i32Const(0).localSet(r);
    f.localGet(rowStart).localSet(starts);
    f.localGet(out).localSet(outRow);
    f.loop(); // ---- for each output row r ----
    {
      emitListSum(f, sum, vectors);
      for (let v = 0; v < vectors; v++) {
        f.localGet(outRow).localGet(c).op(Op.i32_add).localGet(acc[v]).simd(SimdOp.v128_store, 2, 16 * v);
      }
      f.addToLocal(starts, 4);
      f.addLocalToLocal(outRow, rowBytes);
      f.localGet(r).i32Const(1).op(Op.i32_add).localTee(r).localGet(m).op(Op.i32_lt_u).brIf(0);
    }
    f.end();
    f.addToLocal(c, 16 * vectors);
  };

  emitColumnBlocks(f, c, rowBytes, emitBlockOverRows);
  return f;
}

/**
 * Emits `transpose(src, rows, cols, srcStride, dst, dstStride)` (bytes for strides and
 * addresses): dst(j, i) = src(i, j) for i < rows, j < cols, one f32 at a time. Used to make the
 * rows of Bᵀ when the product asks for op(B) = Bᵀ. rows, cols >= 1.
 */
function emitTranspose(): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32], []);
  const src = 0, rows = 1, cols = 2, srcStride = 3, dst = 4, dstStride = 5;
  const i = f.addLocal(i32), j = f.addLocal(i32), sp = f.addLocal(i32), dp = f.addLocal(i32);
  f.i32Const(0).localSet(i);
  f.loop(); // for each source row i
  {
    f.localGet(src).localSet(sp);
    f.localGet(dst).localSet(dp);
    f.i32Const(0).localSet(j);
    f.loop(); // for each column j: dst(j, i) = src(i, j)
    {
      f.localGet(dp).localGet(sp).memoryOp(Op.f32_load, 2, 0).memoryOp(Op.f32_store, 2, 0);
      f.addToLocal(sp, 4);
      f.addLocalToLocal(dp, dstStride);
      f.localGet(j).i32Const(1).op(Op.i32_add).localTee(j).localGet(cols).op(Op.i32_lt_u).brIf(0);
    }
    f.end();
    f.addLocalToLocal(src, srcStride);
    f.addToLocal(dst, 4);
    f.localGet(i).i32Const(1).op(Op.i32_add).localTee(i).localGet(rows).op(Op.i32_lt_u).brIf(0);
  }
  f.end();
  return f;
}

/**
 * Builds the sparse kernel module: its own growable memory exported as `memory`, and the
 * functions `sumRows`, `axpyRows` and `transpose` described above. Deterministic bytes.
 *
 * @example
 * ```ts
 * const bytes = buildSparseKernelModule();
 * WebAssembly.validate(bytes); // true on engines with fixed-width SIMD
 * ```
 */
export function buildSparseKernelModule(initialPages = 1): Uint8Array<ArrayBuffer> {
  return buildModule({ memory: { initial: initialPages, exportName: 'memory' }, functions: sparseKernelFunctions() });
}

/** The module's three functions: `sumRows`, `axpyRows`, `transpose`. */
function sparseKernelFunctions(): { exportName: string; body: FunctionBody }[] {
  return [
    { exportName: 'sumRows', body: emitRowsKernel(false) },
    { exportName: 'axpyRows', body: emitRowsKernel(true) },
    { exportName: 'transpose', body: emitTranspose() },
  ];
}

/**
 * The same three functions in a module that imports its memory as `env.memory` instead of
 * owning one, so that several instances (one per thread) can work on one memory: the RBM
 * training loop keeps W and the minibatch there (lib/rbm/resident.ts). `pages` is the
 * memory's fixed size (initial = maximum); `shared` must match the memory given at
 * instantiation (a shared memory for threads, a plain one for a single thread).
 *
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 4, maximum: 4, shared: true });
 * const instance = new WebAssembly.Instance(new WebAssembly.Module(buildSparseKernelModuleImportingMemory(4, true)), { env: { memory } });
 * ```
 */
export function buildSparseKernelModuleImportingMemory(pages: number, shared: boolean): Uint8Array<ArrayBuffer> {
  return buildModule({ importMemory: { module: 'env', name: 'memory', initial: pages, maximum: pages, shared }, functions: sparseKernelFunctions() });
}

/** Signature of `sumRows` / `axpyRows` (byte addresses). */
export type RowsKernel = (rowStart: number, m: number, rowBytes: number, out: number, valueDelta: number, list: number, b: number) => void;
/** Signature of `transpose` (byte addresses and strides). */
export type TransposeKernel = (src: number, rows: number, cols: number, srcStride: number, dst: number, dstStride: number) => void;
