/**
 * The SIMD kernel of the resident loop's update step (./resident.ts), emitted with
 * lib/linalg/wasm/emitter.ts: for rows i of W (visible units), the two phase statistics and the
 * SGD step in one pass, without storing the statistics:
 *
 *   S⁺(i, :) = Σ_{t ∈ list⁺(i)} v_t H0(p_t, :)          Σ over the data rows r with x_ri ≠ 0
 *   S⁻(i, :) = Σ_{t ∈ list⁻(i)} v_t Hk(p_t, :)          Σ over the chain rows with x_ri ≠ 0
 *   positive = fl32(S⁺ · (1/n0))                          ⟨x_i h_j⟩_data    (N-RBM-10)
 *   negative = fl32(S⁻ · (1/nk))                          ⟨x_i h_j⟩_model   (N-RBM-11)
 *   g        = −fl32(positive − negative)                 ∂C/∂w_ij          (N-RBM-09)
 *   g        = fl32(g + 2λ w)                             weight decay      (N-COST-06; the
 *                                                         '...Decay' variants)
 *   w        = fl32(w − η g)                              SGD               (N-OPT-01)
 * or, in the '...Momentum' variants (N-OPT-02, as momentumStep),
 *   v        = γ vel + η g;  vel = fl32(v);  w = fl32(w − v)
 *
 * Rounding is the readable loop's, step for step: the sums are float32 lanes adding the terms
 * in list order from 0 (as sparseGemm and gemm), the scalings and the step are float64 (as
 * JavaScript computes `alpha * s` and `w - lr * g` before storing to a Float32Array), each
 * demoted once to float32; the difference is a float32 subtraction (the same as the float64
 * difference of two float32 values rounded once). So W ends bit-identical to the readable
 * loop's. ('ones': every v_t = 1, no multiplications; otherwise v_t · H(p_t, :) rounded, as gemm.)
 *
 * Each new weight is stored twice, in W and in Wᵀ (the visible step's operand), so Wᵀ needs
 * no separate transpose.
 *
 * The kernel returns the float32 sum of 0 · w over the new weights: 0 when all are finite, NaN
 * otherwise (the training loop's finiteness check, without a second pass).
 *
 * Loop structure as the sparse kernel's: blocks of 32 columns (eight f32x4 accumulators per
 * phase), then 4 at a time; for each block every row i.
 */
import { buildModule, FunctionBody, Op, SimdOp, ValType } from '../linalg/wasm/emitter.js';
import { BLOCK_VECTORS, emitColumnBlocks, emitListSum } from '../linalg/wasm/sparse-kernel.js';
import { emitInFloat64Halves, emitWiden } from '../linalg/wasm/float64-lanes.js';


/**
 * Emits `cdUpdate(rows, rowBytes, starts0, list0, h0, starts1, list1, hk, w, wt, wtRowBytes,
 * valueDelta, vel, inv0, invk, lr, twoLambda, gamma) -> f32` (addresses in bytes; inv0, invk,
 * lr, twoLambda, gamma float64; twoLambda is read only by the withDecay variants, vel (the
 * velocities, laid out as W) and gamma only by the withMomentum ones). starts0
 * holds rows + 1 int32 list positions (relative to list0) for the positive sums over the rows
 * of h0, starts1 likewise for the negative sums over hk; w is the first of `rows` rows of W;
 * every row (of h0, hk, w) is rowBytes long, a multiple of 16. wt is the address of Wᵀ(0, i)
 * for the first row i, wtRowBytes the row length of Wᵀ: each new w_ij is also stored at
 * Wᵀ(j, i) (Wᵀ needs a row for every padded column j). withValues: the value of the list entry
 * at byte q is the f32 at q + valueDelta.
 */
function emitUpdate(withValues: boolean, withDecay: boolean, withMomentum: boolean): FunctionBody {
  const i32 = ValType.i32, f64 = ValType.f64, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, f64, f64, f64, f64, f64], [ValType.f32]);
  const rows = 0, rowBytes = 1, starts0 = 2, list0 = 3, h0 = 4, starts1 = 5, list1 = 6, hk = 7, w = 8, wt = 9, wtRowBytes = 10, valueDelta = 11;
  const vel = 12, inv0 = 13, invk = 14, lr = 15, twoLambda = 16, gamma = 17;
  const r = f.addLocal(i32), c = f.addLocal(i32), t = f.addLocal(i32), e = f.addLocal(i32), address = f.addLocal(i32);
  const s0 = f.addLocal(i32), s1 = f.addLocal(i32), wRow = f.addLocal(i32), wtCol = f.addLocal(i32), wtAt = f.addLocal(i32), velRow = f.addLocal(i32);
  const acc0: number[] = [], acc1: number[] = [];
  for (let v = 0; v < BLOCK_VECTORS; v++) acc0.push(f.addLocal(v128));
  for (let v = 0; v < BLOCK_VECTORS; v++) acc1.push(f.addLocal(v128));
  const value = f.addLocal(v128), inv0x2 = f.addLocal(v128), invkx2 = f.addLocal(v128), lrx2 = f.addLocal(v128), decayx2 = f.addLocal(v128), gammax2 = f.addLocal(v128);
  const velocity = f.addLocal(v128), vLow = f.addLocal(v128), vHigh = f.addLocal(v128);
  const pos = f.addLocal(v128), neg = f.addLocal(v128), g = f.addLocal(v128), old = f.addLocal(v128), flag = f.addLocal(v128);

  f.localGet(inv0).simd(SimdOp.f64x2_splat).localSet(inv0x2);
  f.localGet(invk).simd(SimdOp.f64x2_splat).localSet(invkx2);
  f.localGet(lr).simd(SimdOp.f64x2_splat).localSet(lrx2);
  f.localGet(twoLambda).simd(SimdOp.f64x2_splat).localSet(decayx2);
  f.localGet(gamma).simd(SimdOp.f64x2_splat).localSet(gammax2);
  f.f32x4Const(0, 0, 0, 0).localSet(flag);

  /** acc = Σ over the list entries [starts[r], starts[r + 1]) of (v ·) rows of `h`, at column byte c (the sparse kernel's sum). */
  const emitSums = (acc: number[], vectors: number, starts: number, list: number, h: number): void =>
    emitListSum(f, { starts, list, b: h, rowBytes, c, valueDelta: withValues ? valueDelta : null, t, e, address, value, acc }, vectors);

  /** Pushes fl32(x · scale) for the f32x4 in local x and the f64x2 splat in local scale. */
  const emitScaled = (x: number, scale: number): void => emitInFloat64Halves(f, (h) => {
    emitWiden(f, x, h);
    f.localGet(scale).simd(SimdOp.f64x2_mul);
  });

  /** Pushes fl32(g + 2λ·old) for the f32x4 locals g and old. */
  const emitDecay = (): void => emitInFloat64Halves(f, (h) => {
    emitWiden(f, g, h);
    f.localGet(decayx2);
    emitWiden(f, old, h);
    f.simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add);
  });

  /** Pushes fl32(old − η g) for the f32x4 locals old and g. */
  const emitStep = (): void => emitInFloat64Halves(f, (h) => {
    emitWiden(f, old, h);
    f.localGet(lrx2);
    emitWiden(f, g, h);
    f.simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_sub);
  });

  /**
   * Momentum (N-OPT-02, as momentumStep): v = γ·vel + η·g in float64 halves (vLow, vHigh), the
   * velocity stored rounded to float32, then pushes fl32(old − v) with the unrounded v.
   */
  const emitMomentumStep = (address: () => void): void => {
    const v = [vLow, vHigh];
    for (const h of [0, 1] as const) {
      f.localGet(gammax2);
      emitWiden(f, velocity, h);
      f.simd(SimdOp.f64x2_mul).localGet(lrx2);
      emitWiden(f, g, h);
      f.simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add).localSet(v[h]);
    }
    address();
    emitInFloat64Halves(f, (h) => f.localGet(v[h]));
    f.simd(SimdOp.v128_store, 2, 0); // vel ← fl32(v)
    emitInFloat64Halves(f, (h) => {
      emitWiden(f, old, h);
      f.localGet(v[h]).simd(SimdOp.f64x2_sub);
    });
  };

  const emitBlockOverRows = (vectors: number): void => {
    f.i32Const(0).localSet(r);
    f.localGet(vel).localSet(velRow);
    f.localGet(starts0).localSet(s0);
    f.localGet(starts1).localSet(s1);
    f.localGet(w).localSet(wRow);
    // Wᵀ(c/4, i) for the block's first column and the first row: wt + (c/4)·wtRowBytes
    f.localGet(wt).localGet(c).i32Const(2).op(Op.i32_shr_u).localGet(wtRowBytes).op(Op.i32_mul).op(Op.i32_add).localSet(wtCol);
    f.loop(); // ---- for each row i of W ----
    {
      emitSums(acc0, vectors, s0, list0, h0);
      emitSums(acc1, vectors, s1, list1, hk);
      for (let v = 0; v < vectors; v++) {
        emitScaled(acc0[v], inv0x2);
        f.localSet(pos); // ⟨x_i h_j⟩_data
        emitScaled(acc1[v], invkx2);
        f.localSet(neg); // ⟨x_i h_j⟩_model
        f.localGet(pos).localGet(neg).simd(SimdOp.f32x4_sub).simd(SimdOp.f32x4_neg).localSet(g); // g = −(positive − negative)
        f.localGet(wRow).localGet(c).op(Op.i32_add).simd(SimdOp.v128_load, 2, 16 * v).localSet(old);
        if (withDecay) {
          emitDecay();
          f.localSet(g); // g ← fl32(g + 2λ w)   (N-COST-06, as addWeightDecay)
        }
        f.localGet(wRow).localGet(c).op(Op.i32_add);
        if (withMomentum) {
          f.localGet(velRow).localGet(c).op(Op.i32_add).simd(SimdOp.v128_load, 2, 16 * v).localSet(velocity);
          emitMomentumStep(() => f.localGet(velRow).localGet(c).op(Op.i32_add).i32Const(16 * v).op(Op.i32_add));
        } else {
          emitStep();
        }
        f.localTee(old).simd(SimdOp.v128_store, 2, 16 * v); // w ← w − η g  (momentum: w ← w − v)
        f.localGet(flag).localGet(old).f32x4Const(0, 0, 0, 0).simd(SimdOp.f32x4_mul).simd(SimdOp.f32x4_add).localSet(flag); // + 0·w: NaN iff w not finite
        // the same four weights into Wᵀ: w_ij to Wᵀ(j, i) for the vector's columns j
        f.localGet(wtCol).i32Const(4 * v).localGet(wtRowBytes).op(Op.i32_mul).op(Op.i32_add).localSet(wtAt);
        for (let lane = 0; lane < 4; lane++) {
          f.localGet(wtAt).localGet(old).simd(SimdOp.f32x4_extract_lane).op(lane).memoryOp(Op.f32_store, 2, 0);
          if (lane < 3) f.addLocalToLocal(wtAt, wtRowBytes);
        }
      }
      f.addToLocal(wtCol, 4);
      f.addToLocal(s0, 4);
      f.addToLocal(s1, 4);
      f.addLocalToLocal(wRow, rowBytes);
      f.addLocalToLocal(velRow, rowBytes);
      f.localGet(r).i32Const(1).op(Op.i32_add).localTee(r).localGet(rows).op(Op.i32_lt_u).brIf(0);
    }
    f.end();
    f.addToLocal(c, 16 * vectors);
  };

  emitColumnBlocks(f, c, rowBytes, emitBlockOverRows);
  // the four lanes of the flag, added: 0, or NaN if any weight is not finite
  f.localGet(flag).simd(SimdOp.f32x4_extract_lane).op(0);
  f.localGet(flag).simd(SimdOp.f32x4_extract_lane).op(1).op(Op.f32_add);
  f.localGet(flag).simd(SimdOp.f32x4_extract_lane).op(2).op(Op.f32_add);
  f.localGet(flag).simd(SimdOp.f32x4_extract_lane).op(3).op(Op.f32_add);
  return f;
}

/**
 * The module: the eight `cdUpdate...` variants of {@link UPDATE_KERNELS}, importing the
 * resident loop's memory as `env.memory` (`pages` its fixed size, `shared` as the memory).
 *
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 16, maximum: 16 });
 * const { cdUpdate } = new WebAssembly.Instance(new WebAssembly.Module(buildUpdateKernelModule(16, false)), { env: { memory } }).exports;
 * ```
 */
export function buildUpdateKernelModule(pages: number, shared: boolean): Uint8Array<ArrayBuffer> {
  return buildModule({
    importMemory: { module: 'env', name: 'memory', initial: pages, maximum: pages, shared },
    functions: [
      ...UPDATE_KERNELS.map((k) => ({ exportName: k.name, body: emitUpdate(k.values, k.decay, k.momentum) })),
    ],
  });
}

/**
 * The eight variants of the update kernel and their export names: weighted entries or 0/1,
 * with or without weight decay, plain SGD or momentum.
 */
export const UPDATE_KERNELS = [false, true].flatMap((values) => [false, true].flatMap((decay) => [false, true].map((momentum) => ({
  values, decay, momentum, name: `cdUpdate${values ? 'Values' : ''}${decay ? 'Decay' : ''}${momentum ? 'Momentum' : ''}`,
}))));

/** Signature of the `cdUpdate...` kernels (vel and gamma are read only by the momentum variants, twoLambda by the decay ones). */
export type UpdateKernel = (rows: number, rowBytes: number, starts0: number, list0: number, h0: number, starts1: number, list1: number, hk: number,
  w: number, wt: number, wtRowBytes: number, valueDelta: number, vel: number, inv0: number, invk: number, lr: number, twoLambda: number, gamma: number) => number;
