/**
 * The butterfly passes of ./fft.ts's radix-2 transforms as WebAssembly SIMD kernels, emitted with
 * lib/linalg/wasm/emitter.ts: `passes` (decimation in time, bit-reversed input to natural order)
 * and `difPasses` (decimation in frequency, natural order to bit-reversed output) below. For blocks of length len = first, 2 first, ..., n it combines the
 * even half E and the odd half O of every block as
 *
 *   X_k = E_k + w^k O_k,   X_{k + len/2} = E_k - w^k O_k,   w^k = wc[len/2 + k] + i ws[len/2 + k]
 *
 * on split real / imaginary float64 arrays, two values of k per float64x2 step, with the
 * operations of the JavaScript passes in the same order (xr = rb wr - ib wi, xi = rb wi + ib wr,
 * then a - x and a + x; WebAssembly never fuses a multiply with an add), so its results are the
 * JavaScript transform's, bit for bit. `first` >= 4 keeps len/2 even.
 */
import { buildModule, FunctionBody, SimdOp, Op, ValType } from '../linalg/wasm/emitter.js';

/** The locals of a pass's loops: the block start and k (bytes), the end of the arrays and a block's size (bytes). */
interface PassLoops {
  start: number;
  k: number;
  endBytes: number;
  blockBytes: number;
}

/**
 * Emits the loops of one pass: over the blocks (start = 0, blockBytes, ... < endBytes), calling
 * `setup` at each, and inside each over k = 0, 16, ... < the local `groupsBytes` (two float64
 * entries per step), calling `body` at each.
 */
function emitBlockLoops(f: FunctionBody, l: PassLoops, groupsBytes: number, setup: () => void, body: () => void): void {
  f.i32Const(0).localSet(l.start);
  f.block();
  f.loop();
  {
    f.localGet(l.start).localGet(l.endBytes).op(Op.i32_ge_u).brIf(1);
    setup();
    f.i32Const(0).localSet(l.k);
    f.block();
    f.loop();
    {
      f.localGet(l.k).localGet(groupsBytes).op(Op.i32_ge_u).brIf(1);
      body();
      f.addToLocal(l.k, 16);
      f.br(0);
    }
    f.end();
    f.end();
    f.localGet(l.start).localGet(l.blockBytes).op(Op.i32_add).localSet(l.start);
    f.br(0);
  }
  f.end();
  f.end();
}

/**
 * Emits `passes(re, im, n, wc, ws, first)`: byte addresses of the four float64 arrays (re, im of
 * length n; the pass-major twiddle tables wc, ws of length n), the transform length n and the
 * first block length.
 */
function emitPasses(): FunctionBody {
  const i32 = ValType.i32, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32], []);
  const re = 0, im = 1, n = 2, wc = 3, ws = 4, first = 5;
  const len = f.addLocal(i32), halfBytes = f.addLocal(i32), blockBytes = f.addLocal(i32), endBytes = f.addLocal(i32);
  const start = f.addLocal(i32), k = f.addLocal(i32), a = f.addLocal(i32), ai = f.addLocal(i32), wcBase = f.addLocal(i32), wsBase = f.addLocal(i32);
  const WR = f.addLocal(v128), WI = f.addLocal(v128), RB = f.addLocal(v128), IB = f.addLocal(v128), XR = f.addLocal(v128), XI = f.addLocal(v128);
  const RA = f.addLocal(v128), IA = f.addLocal(v128);
  const load = (address: number, offset: number, into: number): void => { f.localGet(address).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, offset).localSet(into); };

  f.localGet(n).i32Const(3).op(Op.i32_shl).localSet(endBytes); // n * 8
  f.localGet(first).localSet(len);
  f.block();
  f.loop(); // for len = first; len <= n; len *= 2
  {
    f.localGet(len).localGet(n).op(Op.i32_gt_u).brIf(1);
    f.localGet(len).i32Const(2).op(Op.i32_shl).localSet(halfBytes); // (len / 2) * 8
    f.localGet(len).i32Const(3).op(Op.i32_shl).localSet(blockBytes);
    f.localGet(wc).localGet(halfBytes).op(Op.i32_add).localSet(wcBase); // &wc[len / 2]
    f.localGet(ws).localGet(halfBytes).op(Op.i32_add).localSet(wsBase);
    emitBlockLoops(f, { start, k, endBytes, blockBytes }, halfBytes, () => {
      f.localGet(re).localGet(start).op(Op.i32_add).localSet(a);
      f.localGet(im).localGet(start).op(Op.i32_add).localSet(ai);
    }, () => { // k = 0, 2, 4, ... < len / 2
      load(wcBase, 0, WR);
      load(wsBase, 0, WI);
      // b = a + len/2: its address is a + halfBytes; the offset immediate cannot hold it, so add
      f.localGet(a).localGet(halfBytes).op(Op.i32_add).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(RB);
      f.localGet(ai).localGet(halfBytes).op(Op.i32_add).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(IB);
      // xr = rb wr - ib wi, xi = rb wi + ib wr
      f.localGet(RB).localGet(WR).simd(SimdOp.f64x2_mul).localGet(IB).localGet(WI).simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_sub).localSet(XR);
      f.localGet(RB).localGet(WI).simd(SimdOp.f64x2_mul).localGet(IB).localGet(WR).simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add).localSet(XI);
      load(a, 0, RA);
      load(ai, 0, IA);
      // X_{k + len/2} = a - x, X_k = a + x
      f.localGet(a).localGet(halfBytes).op(Op.i32_add).localGet(k).op(Op.i32_add).localGet(RA).localGet(XR).simd(SimdOp.f64x2_sub).simd(SimdOp.v128_store, 3, 0);
      f.localGet(ai).localGet(halfBytes).op(Op.i32_add).localGet(k).op(Op.i32_add).localGet(IA).localGet(XI).simd(SimdOp.f64x2_sub).simd(SimdOp.v128_store, 3, 0);
      f.localGet(a).localGet(k).op(Op.i32_add).localGet(RA).localGet(XR).simd(SimdOp.f64x2_add).simd(SimdOp.v128_store, 3, 0);
      f.localGet(ai).localGet(k).op(Op.i32_add).localGet(IA).localGet(XI).simd(SimdOp.f64x2_add).simd(SimdOp.v128_store, 3, 0);
    });
    f.localGet(len).i32Const(1).op(Op.i32_shl).localSet(len);
    f.br(0);
  }
  f.end();
  f.end();
  return f;
}

/**
 * Emits `difPasses(re, im, n, wc, ws, last)`: the decimation-in-frequency passes for block lengths
 * len = n, n/2, ..., last (>= 8): for every block, with a an entry of its first half and b the
 * entry len/2 later,
 *
 *   a <- a + b,   b <- (a - b) w^k,   w^k = wc[len/2 + k] + i ws[len/2 + k],
 *
 * two values of k per float64x2 step, the operations of ./fft.ts's difPassesTo8 in the same order
 * (dr = ar - br, di = ai - bi, then dr wr - di wi and dr wi + di wr). Passes run two at a time on
 * the four entries they share (each loaded and stored once per pair of passes, the same
 * operations), then one alone if their number is odd.
 */
function emitDifPasses(): FunctionBody {
  const i32 = ValType.i32, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32], []);
  const re = 0, im = 1, n = 2, wc = 3, ws = 4, last = 5;
  const len = f.addLocal(i32), qBytes = f.addLocal(i32), blockBytes = f.addLocal(i32), endBytes = f.addLocal(i32);
  const start = f.addLocal(i32), k = f.addLocal(i32);
  const r = [f.addLocal(i32), f.addLocal(i32), f.addLocal(i32), f.addLocal(i32)]; // &re of entries 0..3 of the group
  const m = [f.addLocal(i32), f.addLocal(i32), f.addLocal(i32), f.addLocal(i32)]; // &im
  const w = [f.addLocal(i32), f.addLocal(i32), f.addLocal(i32)]; // twiddle offsets (bytes into wc / ws)
  const RA = f.addLocal(v128), IA = f.addLocal(v128), RB = f.addLocal(v128), IB = f.addLocal(v128), DR = f.addLocal(v128), DI = f.addLocal(v128);
  const WR = f.addLocal(v128), WI = f.addLocal(v128);
  const X = [f.addLocal(v128), f.addLocal(v128), f.addLocal(v128), f.addLocal(v128)]; // re of the four entries, held between the passes
  const Y = [f.addLocal(v128), f.addLocal(v128), f.addLocal(v128), f.addLocal(v128)]; // im
  const mul = SimdOp.f64x2_mul, add = SimdOp.f64x2_add, sub = SimdOp.f64x2_sub;
  const load = (base: number, into: number): void => { f.localGet(base).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(into); };
  const twiddle = (offset: number): void => {
    f.localGet(wc).localGet(offset).op(Op.i32_add).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(WR);
    f.localGet(ws).localGet(offset).op(Op.i32_add).localGet(k).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(WI);
  };
  /** One DIF butterfly on the held values i, j with the twiddle in WR, WI: i <- i + j, j <- (i - j) w. */
  const butterfly = (i: number, j: number): void => {
    f.localGet(X[i]).localSet(RA).localGet(Y[i]).localSet(IA).localGet(X[j]).localSet(RB).localGet(Y[j]).localSet(IB);
    f.localGet(RA).localGet(RB).simd(add).localSet(X[i]);
    f.localGet(IA).localGet(IB).simd(add).localSet(Y[i]);
    f.localGet(RA).localGet(RB).simd(sub).localSet(DR);
    f.localGet(IA).localGet(IB).simd(sub).localSet(DI);
    f.localGet(DR).localGet(WR).simd(mul).localGet(DI).localGet(WI).simd(mul).simd(sub).localSet(X[j]);
    f.localGet(DR).localGet(WI).simd(mul).localGet(DI).localGet(WR).simd(mul).simd(add).localSet(Y[j]);
  };
  const blocks = (groupsBytes: number, setup: () => void, body: () => void): void => emitBlockLoops(f, { start, k, endBytes, blockBytes }, groupsBytes, setup, body);
  const entryAddresses = (parts: number): void => { // r[j] = re + start + j (len / parts) * 8, m[j] likewise
    for (let j = 0; j < parts; j++) {
      f.localGet(re).localGet(start).op(Op.i32_add);
      if (j > 0) f.localGet(qBytes).i32Const(j).op(Op.i32_mul).op(Op.i32_add);
      f.localSet(r[j]);
      f.localGet(im).localGet(start).op(Op.i32_add);
      if (j > 0) f.localGet(qBytes).i32Const(j).op(Op.i32_mul).op(Op.i32_add);
      f.localSet(m[j]);
    }
  };

  f.localGet(n).i32Const(3).op(Op.i32_shl).localSet(endBytes); // n * 8
  f.localGet(n).localSet(len);
  // Pairs of passes (len, len / 2) while both are >= last: on the group a0 = k, a1 = k + len/4,
  // a2 = k + len/2, a3 = k + 3 len/4, pass len pairs (a0, a2) with w_len^k and (a1, a3) with
  // w_len^{k + len/4}; pass len/2 pairs (a0, a1) and (a2, a3), both with w_{len/2}^k.
  f.block();
  f.loop();
  {
    f.localGet(len).i32Const(1).op(Op.i32_shr_u).localGet(last).op(Op.i32_lt_u).brIf(1); // len / 2 < last
    f.localGet(len).i32Const(1).op(Op.i32_shl).localSet(qBytes); // (len / 4) * 8
    f.localGet(len).i32Const(3).op(Op.i32_shl).localSet(blockBytes);
    f.localGet(qBytes).i32Const(1).op(Op.i32_shl).localSet(w[0]); // &wc[len/2] - wc: (len/2) * 8
    f.localGet(w[0]).localGet(qBytes).op(Op.i32_add).localSet(w[1]); // &wc[len/2 + len/4]
    f.localGet(qBytes).localSet(w[2]); // &wc[len/4]: the pass len/2's table
    blocks(qBytes, () => entryAddresses(4), () => {
      for (let j = 0; j < 4; j++) { load(r[j], X[j]); load(m[j], Y[j]); }
      twiddle(w[0]); butterfly(0, 2);
      twiddle(w[1]); butterfly(1, 3);
      twiddle(w[2]); butterfly(0, 1); butterfly(2, 3);
      for (let j = 0; j < 4; j++) {
        f.localGet(r[j]).localGet(k).op(Op.i32_add).localGet(X[j]).simd(SimdOp.v128_store, 3, 0);
        f.localGet(m[j]).localGet(k).op(Op.i32_add).localGet(Y[j]).simd(SimdOp.v128_store, 3, 0);
      }
    });
    f.localGet(len).i32Const(2).op(Op.i32_shr_u).localSet(len);
    f.br(0);
  }
  f.end();
  f.end();
  // One pass left (len >= last, len / 2 < last): pairs (k, k + len/2) with w_len^k.
  f.block();
  {
    f.localGet(len).localGet(last).op(Op.i32_lt_u).brIf(0);
    f.localGet(len).i32Const(2).op(Op.i32_shl).localSet(qBytes); // here: (len / 2) * 8
    f.localGet(len).i32Const(3).op(Op.i32_shl).localSet(blockBytes);
    f.localGet(qBytes).localSet(w[0]);
    blocks(qBytes, () => entryAddresses(2), () => {
      for (let j = 0; j < 2; j++) { load(r[j], X[j]); load(m[j], Y[j]); }
      twiddle(w[0]); butterfly(0, 1);
      for (let j = 0; j < 2; j++) {
        f.localGet(r[j]).localGet(k).op(Op.i32_add).localGet(X[j]).simd(SimdOp.v128_store, 3, 0);
        f.localGet(m[j]).localGet(k).op(Op.i32_add).localGet(Y[j]).simd(SimdOp.v128_store, 3, 0);
      }
    });
  }
  f.end();
  return f;
}

/** Shuffle lanes: lane 0 of a and lane 0 of b (float64x2). */
const LOW_LANES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** Shuffle lanes: lane 1 of a and lane 1 of b (float64x2). */
const HIGH_LANES = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
/** Shuffle lanes: the two float64 lanes of a swapped. */
const SWAP_LANES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];

/**
 * Emits `deinterleave(x, zr, zi, quads, shift)`: z_m = (x_{2m} - shift) + i (x_{2m+1} - shift)
 * for m < 2 quads (four values of x per step), the real-input packing of ./fft.ts's
 * addPowerSpectrum.
 */
function emitDeinterleave(): FunctionBody {
  const i32 = ValType.i32, f64 = ValType.f64, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, f64], []);
  const x = 0, zr = 1, zi = 2, quads = 3, shift = 4;
  const q = f.addLocal(i32), S = f.addLocal(v128), A = f.addLocal(v128), B = f.addLocal(v128);
  f.localGet(shift).simd(SimdOp.f64x2_splat).localSet(S);
  f.i32Const(0).localSet(q);
  f.block();
  f.loop();
  {
    f.localGet(q).localGet(quads).op(Op.i32_ge_u).brIf(1);
    f.localGet(x).simd(SimdOp.v128_load, 3, 0).localSet(A); // x_{2m}, x_{2m+1}
    f.localGet(x).simd(SimdOp.v128_load, 3, 16).localSet(B); // x_{2m+2}, x_{2m+3}
    f.localGet(zr).localGet(A).localGet(B).shuffle(LOW_LANES).localGet(S).simd(SimdOp.f64x2_sub).simd(SimdOp.v128_store, 3, 0);
    f.localGet(zi).localGet(A).localGet(B).shuffle(HIGH_LANES).localGet(S).simd(SimdOp.f64x2_sub).simd(SimdOp.v128_store, 3, 0);
    f.addToLocal(x, 32);
    f.addToLocal(zr, 16);
    f.addToLocal(zi, 16);
    f.addToLocal(q, 1);
    f.br(0);
  }
  f.end();
  f.end();
  return f;
}

/**
 * Emits `unpack(zr, zi, h, cosR, sinR, out, half, negHalf)`: for the spectrum Z of the packed
 * sequence in bit-reversed order (Z_k at position p, k = rev(p)), out[p] = |X_k|^2 for every
 * position p >= 2, where X_k = E_k + e^{-2 pi i k/L} O_k, E_k = (Z_k + conj Z_{h-k})/2,
 * O_k = (Z_k - conj Z_{h-k})/(2i), Z_{h-k} at the mirror position q = 3 lo - 1 - p of p's
 * octave [lo, 2 lo); cosR, sinR hold cos and sin of 2 pi k/L at p. Two positions per step (their
 * partners q, q - 1 are loaded as one vector and swapped). The operations are those of
 * addPowerSpectrum's loop in the same order (negations folded exactly: a - (-b) = a + b,
 * (-s) o = -(s o)); `half` = 0.5 and `negHalf` = -0.5.
 */
function emitUnpack(): FunctionBody {
  const i32 = ValType.i32, f64 = ValType.f64, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, f64, f64], []);
  const zr = 0, zi = 1, h = 2, cosR = 3, sinR = 4, out = 5, half = 6, negHalf = 7;
  const lo = f.addLocal(i32), pb = f.addLocal(i32), endB = f.addLocal(i32), qb = f.addLocal(i32);
  const H = f.addLocal(v128), NH = f.addLocal(v128);
  const AR = f.addLocal(v128), AI = f.addLocal(v128), BR = f.addLocal(v128), QI = f.addLocal(v128);
  const ER = f.addLocal(v128), EI = f.addLocal(v128), OR = f.addLocal(v128), OI = f.addLocal(v128), C = f.addLocal(v128), SN = f.addLocal(v128);
  const XR = f.addLocal(v128), XI = f.addLocal(v128);
  const mul = SimdOp.f64x2_mul, add = SimdOp.f64x2_add, sub = SimdOp.f64x2_sub;
  f.localGet(half).simd(SimdOp.f64x2_splat).localSet(H);
  f.localGet(negHalf).simd(SimdOp.f64x2_splat).localSet(NH);
  f.i32Const(2).localSet(lo);
  f.block();
  f.loop(); // octaves [lo, 2 lo), lo = 2, 4, ..., h/2
  {
    f.localGet(lo).localGet(h).op(Op.i32_ge_u).brIf(1);
    f.localGet(lo).i32Const(3).op(Op.i32_shl).localSet(pb); // p = lo, in bytes
    f.localGet(lo).i32Const(4).op(Op.i32_shl).localSet(endB); // 2 lo, in bytes
    // bytes of q - 1 = 3 lo - 2 - p for p = lo: 2 lo - 2
    f.localGet(endB).i32Const(16).op(Op.i32_sub).localSet(qb);
    f.block();
    f.loop();
    {
      f.localGet(pb).localGet(endB).op(Op.i32_ge_u).brIf(1);
      f.localGet(zr).localGet(pb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(AR);
      f.localGet(zi).localGet(pb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(AI);
      f.localGet(zr).localGet(qb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localTee(BR).localGet(BR).shuffle(SWAP_LANES).localSet(BR); // Re Z_{h-k}
      f.localGet(zi).localGet(qb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localTee(QI).localGet(QI).shuffle(SWAP_LANES).localSet(QI); // Im Z_{h-k}
      f.localGet(H).localGet(AR).localGet(BR).simd(add).simd(mul).localSet(ER); // er = 0.5 (ar + br)
      f.localGet(H).localGet(AI).localGet(QI).simd(sub).simd(mul).localSet(EI); // ei = 0.5 (ai + bi), bi = -Im Z_{h-k}
      f.localGet(H).localGet(AI).localGet(QI).simd(add).simd(mul).localSet(OR); // or = 0.5 (ai - bi)
      f.localGet(NH).localGet(AR).localGet(BR).simd(sub).simd(mul).localSet(OI); // oi = -0.5 (ar - br)
      f.localGet(cosR).localGet(pb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(C);
      f.localGet(sinR).localGet(pb).op(Op.i32_add).simd(SimdOp.v128_load, 3, 0).localSet(SN);
      // xr = er + c or - s oi with s = -sin: (er + c or) + sin oi
      f.localGet(ER).localGet(C).localGet(OR).simd(mul).simd(add).localGet(SN).localGet(OI).simd(mul).simd(add).localSet(XR);
      // xi = ei + c oi + s or: (ei + c oi) - sin or
      f.localGet(EI).localGet(C).localGet(OI).simd(mul).simd(add).localGet(SN).localGet(OR).simd(mul).simd(sub).localSet(XI);
      f.localGet(out).localGet(pb).op(Op.i32_add);
      f.localGet(XR).localGet(XR).simd(mul).localGet(XI).localGet(XI).simd(mul).simd(add);
      f.simd(SimdOp.v128_store, 3, 0);
      f.addToLocal(pb, 16);
      f.localGet(qb).i32Const(16).op(Op.i32_sub).localSet(qb);
      f.br(0);
    }
    f.end();
    f.end();
    f.localGet(lo).i32Const(1).op(Op.i32_shl).localSet(lo);
    f.br(0);
  }
  f.end();
  f.end();
  return f;
}

/**
 * The module: `passes`, `difPasses`, `deinterleave` and `unpack` above, importing its memory as `env.memory` (`pages` its
 * initial size; it may grow).
 *
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const { passes } = new WebAssembly.Instance(new WebAssembly.Module(buildFftKernelModule(1)), { env: { memory } }).exports;
 * ```
 */
export function buildFftKernelModule(pages: number): Uint8Array<ArrayBuffer> {
  return buildModule({
    importMemory: { module: 'env', name: 'memory', initial: pages },
    functions: [
      { exportName: 'passes', body: emitPasses() },
      { exportName: 'difPasses', body: emitDifPasses() },
      { exportName: 'deinterleave', body: emitDeinterleave() },
      { exportName: 'unpack', body: emitUnpack() },
    ],
  });
}

/** Signature of `passes` (and of `difPasses`, whose last argument is the last block length). */
export type FftPasses = (re: number, im: number, n: number, wc: number, ws: number, first: number) => void;
/** Signature of `deinterleave`. */
export type FftDeinterleave = (x: number, zr: number, zi: number, quads: number, shift: number) => void;
/** Signature of `unpack`. */
export type FftUnpack = (zr: number, zi: number, h: number, cosR: number, sinR: number, out: number, half: number, negHalf: number) => void;
