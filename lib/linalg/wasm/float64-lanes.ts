/**
 * Emitting float32 arithmetic that rounds as JavaScript does: JavaScript computes in float64 and
 * rounds once when it stores into a Float32Array, so a SIMD kernel that must give the same bits
 * widens each f32x4 into two float64x2 halves, computes there, and demotes each half once. Used
 * by the RBM update kernel (lib/rbm/resident-kernel.ts) and the VAE's Adam kernel
 * (lib/vae/adam-kernel.ts).
 */
import { FunctionBody, SimdOp } from './emitter.js';

/** Shuffle lanes: the high two f32 lanes of a vector moved to the low two. */
export const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** Shuffle lanes: lanes 0, 1 of a and lanes 0, 1 of b as one f32x4. */
export const LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/**
 * Pushes half h of the f32x4 in local x widened (exactly) to float64x2: lanes 0, 1 (h = 0) or
 * lanes 2, 3 (h = 1).
 *
 * @example
 * ```ts
 * import { ValType } from './emitter.js';
 * const f = new FunctionBody([ValType.v128], [ValType.v128]);
 * emitWiden(f, 0, 1); // float64x2 of lanes 2, 3 of the parameter
 * ```
 */
export function emitWiden(f: FunctionBody, x: number, h: 0 | 1): void {
  if (h === 0) f.localGet(x).simd(SimdOp.f64x2_promote_low_f32x4);
  else f.localGet(x).localGet(x).shuffle(HIGH_TO_LOW).simd(SimdOp.f64x2_promote_low_f32x4);
}

/**
 * Emits `half(h)` for h = 0 and 1 — each must leave one float64x2 on the stack, the value for
 * lanes 2h, 2h + 1 — rounds each to float32 and joins them: pushes one f32x4.
 *
 * @example
 * ```ts
 * import { ValType } from './emitter.js';
 * const f = new FunctionBody([ValType.v128, ValType.v128], [ValType.v128]); // x (f32x4), s (float64x2 splat)
 * emitInFloat64Halves(f, (h) => { emitWiden(f, 0, h); f.localGet(1).simd(SimdOp.f64x2_mul); }); // pushes fl32(x · s)
 * ```
 */
export function emitInFloat64Halves(f: FunctionBody, half: (h: 0 | 1) => void): void {
  half(0);
  f.simd(SimdOp.f32x4_demote_f64x2_zero);
  half(1);
  f.simd(SimdOp.f32x4_demote_f64x2_zero);
  f.shuffle(LOW_HALVES);
}
