/**
 * Elementwise SIMD kernels, emitted instruction by instruction with ./emitter.ts: e^x and the
 * logistic sigmoid over float32 (Cody–Waite reduction, a minimax polynomial and 2^k built from
 * exponent bits, all in f32x4 arithmetic), and a row-vector (bias) add.
 *
 * Every kernel works *in place* on wasm memory: the JS wrapper (./elementwise.ts) copies a chunk
 * of the caller's array in, calls the kernel, and copies the chunk out. A kernel given `n` floats
 * at `ptr` processes whole blocks of `BLOCK` floats, i.e. 4·BLOCK·ceil(n/BLOCK) bytes from ptr:
 * up to BLOCK - 1 lanes past the end are computed from whatever is there and then not copied
 * out. There is no scalar tail, so every element goes through the same instructions (the wrapper
 * leaves the room). Only addRowVector, whose rows need not be multiples of 4, has a scalar loop
 * for the last cols mod 4 columns of each row.
 *
 * ## e^z in float32 (no FMA, no relaxed SIMD: every engine gives the same bits)
 *
 *   1. Domain  exp: z = x; lanes with x outside [-103.97, 88.72] are replaced at the end (step 5),
 *              and inside it k (below) is in [-150, 128]. sigmoid: z = -|x| clamped at -104 with
 *              f32x4.pmax(z, -104) = (z < -104 ? -104 : z), which keeps a NaN z.
 *   2. Reduce  k = round(z · log2 e), r = z - k·ln 2, with ln 2 split Cody–Waite style into
 *              C1 = 0.693359375 (9 significant bits, so k·C1 is exact for |k| <= 2^15) and
 *              C2 = fl(ln 2 - C1) = -2.1219444e-4:   r = (z - k·C1) - k·C2,  |r| <= ln2/2 + 6e-6.
 *              The rounding uses a shifter S = 1.5·2^23 + c (c = 254, or 192 in sigmoid):
 *              y = z·log2e + S is a float in [2^23, 2^24), where the spacing is 1, so
 *              y = S + k exactly, k = y - S, and the integer bits of y are bits(S) + k
 *              = 0x4B400000 + c + k.
 *   3. e^r     by a polynomial p(r), minimax for the relative error on |r| <= 0.34662 (fitted by
 *              Lawson's iteration; coefficients rounded to float32):
 *                exp:     p = 1 + r + r²(c2 + c3 r + c4 r² + c5 r³ + c6 r⁴), degree 6,
 *                         relative error 3.8e-9 = 2^-28, negligible beside float32 rounding;
 *                sigmoid: p = 1 + r(c1 + r(c2 + r(c3 + r(c4 + r c5)))), degree 5, relative error
 *                         9.4e-8 = 2^-23.3, two instructions fewer (7 % faster end to end than
 *                         exp's degree 6). Measured maxima over all float32 inputs are in docs/wasm.md.
 *   4. 2^k     exp: from exponent bits, in two halves so that subnormal and near-overflow results
 *              need no special path: k1 = floor(k/2), k2 = k - k1 are both in [-75, 64], so
 *              2^k1 and 2^k2 are normal floats with bits (127 + k_i) << 23, and
 *                    e^z = (p · 2^k1) · 2^k2,
 *              where p · 2^k1 is exact and the last product rounds once, to a subnormal too.
 *              From the bits of y (c = 254): h = y >>s 1 = 0x25A00000 + 127 + k1 and y - h =
 *              0x25A00000 + 127 + k2; shifting left by 23 drops the 0x25A00000 (its low nine
 *              bits are zero) and leaves exactly the exponent fields.
 *              sigmoid: z <= 0, so k is in [-150, 0] and one exponent suffices: with c = 192,
 *              y << 23 are the bits of 2^(k+65) (a normal float), and
 *                    e^z = (p · 2^(k+65)) · 2^-65,
 *              again an exact product followed by one rounding, three instructions fewer. (Both
 *              shifters are even, so a tie in the rounding of z·log2e goes to the same k.)
 *   5. exp only: x > 88.72283172607422 (the largest float32 whose e^x is finite) gives +Infinity
 *              and x < -103.97207641601562 (the smallest whose e^x rounds to a nonzero float32)
 *              gives 0, selected with masks, so the thresholds are exact by construction.
 *
 * sigmoid(x) = 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) for x < 0, i.e. with e = e^-|x|
 * (never above 1, so it never overflows) and a select of the numerator: s = (x < 0 ? e : 1) / (1 + e).
 * Results for x < -87.3 are subnormal and come out right because e is; sigmoid(±1e4) = 1 or 0 exactly.
 */
import { BLOCK_VOID, buildModule, FunctionBody, Op, SimdOp, ValType } from './emitter.js';

/**
 * Floats per loop iteration of the unary kernels (two f32x4 vectors): the wrapper
 * must leave room for up to BLOCK - 1 floats after the last element of a chunk.
 *
 * @example
 * ```ts
 * const n = 13;
 * const room = Math.ceil(n / BLOCK) * BLOCK; // floats a kernel touches for n elements: 16
 * ```
 */
export const BLOCK = 8;

/**
 * The float32 constants of the exp kernel (all exactly representable; checked in the spec).
 *
 * @example
 * ```ts
 * Math.fround(EXP_KERNEL_CONSTANTS.C1 + EXP_KERNEL_CONSTANTS.C2); // ~ ln 2
 * ```
 */
export const EXP_KERNEL_CONSTANTS = {
  /** sigmoid clamps -|x| at LO before the reduction (e^-104 rounds to 0 in float32). */
  LO: -104,
  /** fround(log2 e). */
  LOG2E: 1.4426950216293335,
  /** 1.5·2^23 + 254: adding it rounds to an integer and puts k + 254 in the low bits. */
  SHIFT: 12583166,
  /** 1.5·2^23 + 192, the shifter of sigmoid's exp (k <= 0): k + 192 in the low bits. */
  SHIFT_NONPOSITIVE: 12583104,
  /** High part of ln 2: 0x3f318000, 9 significant bits. */
  C1: 0.693359375,
  /** Low part: fround(ln 2 - C1). */
  C2: -0.00021219444170128554,
  /** exp: coefficients c2..c6 of p(r) = 1 + r + r²(c2 + c3 r + c4 r² + c5 r³ + c6 r⁴) (float32 values). */
  P: [0.4999999403953552, 0.1666652113199234, 0.04166838899254799, 0.00836871936917305, 0.0013814594130963087],
  /** Degree 5 (sigmoid's default): coefficients c1..c5 of p(r) = 1 + r(c1 + r(c2 + r(c3 + r(c4 + r c5)))) (float32 values). */
  P5: [0.9999997019767761, 0.4999914765357971, 0.1666763722896576, 0.04189799353480339, 0.008290303871035576],
  /** Largest float32 x with finite e^x; above it exp gives +Infinity (0x42b17217). */
  OVERFLOW_X: 88.72283172607422,
  /** Smallest float32 x whose e^x rounds to a nonzero float32; below it exp gives 0 (0xc2cff1b4). */
  UNDERFLOW_X: -103.97207641601562,
} as const;

const i32 = ValType.i32;
const v128 = ValType.v128;
const f32 = ValType.f32;

/** A value that is emitted on demand: a local holding the splatted constant. */
type Const = () => void;

/**
 * Returns an emitter of the constant `value` in all four lanes: a local set once at the top of
 * the function (code emitted now, before the loop), read at every use.
 */
function vectorConstant(f: FunctionBody, value: number): Const {
  const local = f.addLocal(v128);
  f.f32x4Const(value, value, value, value).localSet(local);
  return () => { f.localGet(local); };
}

/**
 * Loop skeleton shared by the block kernels: `for (p = 0; p < n; p += BLOCK) body(byteOffset)`
 * with n rounded up to whole blocks; body is emitted twice per iteration, for byte offsets 0 and
 * 16 (the two vectors of a block) relative to the pointers, which advance by 32 bytes.
 * `pointers` are the i32 locals to advance, `n` the float count (param), nothing runs for n <= 0.
 */
function blockLoop(f: FunctionBody, pointers: number[], n: number, body: (offset: number) => void): void {
  const blocks = f.addLocal(i32);
  // blocks = (n + 7) >> 3 (n >= 0 by the wrapper's checks)
  f.localGet(n).i32Const(BLOCK - 1).op(Op.i32_add).i32Const(3).op(Op.i32_shr_u).localTee(blocks);
  f.op(Op.i32_eqz).op(Op.if).op(BLOCK_VOID).op(Op.return).end();
  f.loop();
  {
    body(0);
    body(16);
    for (const p of pointers) f.addToLocal(p, 4 * BLOCK);
    f.localGet(blocks).i32Const(1).op(Op.i32_sub).localTee(blocks).brIf(0);
  }
  f.end();
}

/** Constants the exp core needs, created once per function. */
interface ExpConstants {
  log2e: Const; shift: Const; c1: Const; c2: Const; one: Const; p: Const[];
  /** Set for arguments <= 0 only (sigmoid): the one-exponent scaling of step 4'. */
  scaleDown?: Const;
  /** 6: p = 1 + r + r²·q; 5: p = 1 + r·(c1 + ...) by Horner. */
  degree: 5 | 6;
}

function expConstants(f: FunctionBody, nonPositive: boolean, degree: 5 | 6): ExpConstants {
  const K = EXP_KERNEL_CONSTANTS;
  return {
    log2e: vectorConstant(f, K.LOG2E),
    shift: vectorConstant(f, nonPositive ? K.SHIFT_NONPOSITIVE : K.SHIFT),
    scaleDown: nonPositive ? vectorConstant(f, 2 ** -65) : undefined,
    degree,
    c1: vectorConstant(f, K.C1),
    c2: vectorConstant(f, K.C2),
    one: vectorConstant(f, 1),
    p: (degree === 5 ? K.P5 : K.P).map((c) => vectorConstant(f, c)),
  };
}

/**
 * Emits e^z for the vector in local `z` and leaves it on the stack; exact to the error bounds of
 * the header for z in [-104, 89] (k in [-150, 128]) and NaN for NaN. Other lanes give garbage
 * that the callers mask or never produce. Uses the scratch v128 locals y, k, r, q.
 */
function emitExpCore(f: FunctionBody, c: ExpConstants, z: number, t: { y: number; k: number; r: number; q: number }): void {
  const { y, k, r, q } = t;
  // y = z·log2e + S  (a float in [2^23, 2^24): y = S + round(z log2 e))
  f.localGet(z); c.log2e(); f.simd(SimdOp.f32x4_mul); c.shift(); f.simd(SimdOp.f32x4_add).localTee(y);
  // k = y - S  (an integer-valued float)
  c.shift(); f.simd(SimdOp.f32x4_sub).localSet(k);
  // r = (z - k·C1) - k·C2   (Cody–Waite: k·C1 and the first difference are exact)
  f.localGet(z).localGet(k); c.c1(); f.simd(SimdOp.f32x4_mul).simd(SimdOp.f32x4_sub);
  f.localGet(k); c.c2(); f.simd(SimdOp.f32x4_mul).simd(SimdOp.f32x4_sub).localSet(r);
  const P = c.p;
  if (c.degree === 6) {
    // q = c2 + r(c3 + r(c4 + r(c5 + r c6)))   (Horner)
    P[4]();
    for (let j = 3; j >= 0; j--) { f.localGet(r).simd(SimdOp.f32x4_mul); P[j](); f.simd(SimdOp.f32x4_add); }
    f.localSet(q);
    // p = 1 + (r + r²·q)
    c.one(); f.localGet(r).localGet(r).localGet(r).simd(SimdOp.f32x4_mul).localGet(q).simd(SimdOp.f32x4_mul);
    f.simd(SimdOp.f32x4_add).simd(SimdOp.f32x4_add);
  } else {
    // p = 1 + r(c1 + r(c2 + r(c3 + r(c4 + r c5))))   (Horner, two instructions fewer)
    P[4]();
    for (let j = 3; j >= 0; j--) { f.localGet(r).simd(SimdOp.f32x4_mul); P[j](); f.simd(SimdOp.f32x4_add); }
    f.localGet(r).simd(SimdOp.f32x4_mul); c.one(); f.simd(SimdOp.f32x4_add);
  }
  if (c.scaleDown === undefined) {
    // · 2^k1 with bits ((y >>s 1) << 23), then · 2^k2 with bits ((y - (y >>s 1)) << 23)
    f.localGet(y).i32Const(1).simd(SimdOp.i32x4_shr_s).localTee(k); // k now holds h = y >>s 1
    f.i32Const(23).simd(SimdOp.i32x4_shl).simd(SimdOp.f32x4_mul);
    f.localGet(y).localGet(k).simd(SimdOp.i32x4_sub).i32Const(23).simd(SimdOp.i32x4_shl).simd(SimdOp.f32x4_mul);
  } else {
    // k <= 0 (sigmoid): · 2^(k+65) with bits (y << 23) (the shifter holds k + 192), then · 2^-65
    f.localGet(y).i32Const(23).simd(SimdOp.i32x4_shl).simd(SimdOp.f32x4_mul);
    c.scaleDown(); f.simd(SimdOp.f32x4_mul);
  }
}

/**
 * Emits `exp(ptr, n)`: e^x in place for the n floats at byte address ptr (whole blocks).
 */
function emitExp(): FunctionBody {
  const K = EXP_KERNEL_CONSTANTS;
  const f = new FunctionBody([i32, i32], []);
  const ptr = 0, n = 1;
  const c = expConstants(f, false, 6);
  const inf = vectorConstant(f, Infinity);
  const over = vectorConstant(f, K.OVERFLOW_X);
  const under = vectorConstant(f, K.UNDERFLOW_X);
  const x = f.addLocal(v128);
  const t = { y: f.addLocal(v128), k: f.addLocal(v128), r: f.addLocal(v128), q: f.addLocal(v128) };
  blockLoop(f, [ptr], n, (offset) => {
    f.localGet(ptr); // address for the store
    f.localGet(ptr).simd(SimdOp.v128_load, 4, offset).localSet(x);
    // select(+Inf where x > OVERFLOW_X, e^x elsewhere). No clamp is needed: for x outside
    // [UNDERFLOW_X, OVERFLOW_X] (including ±Infinity) the core's garbage is masked away below,
    // and inside it k = round(x log2 e) is in [-150, 128].
    inf();
    emitExpCore(f, c, x, t);
    f.localGet(x); over(); f.simd(SimdOp.f32x4_gt).simd(SimdOp.v128_bitselect);
    // ... and 0 where x < UNDERFLOW_X
    f.localGet(x); under(); f.simd(SimdOp.f32x4_lt).simd(SimdOp.v128_andnot);
    f.simd(SimdOp.v128_store, 4, offset);
  });
  return f;
}

/**
 * Emits `sigmoid(ptr, n)`: s = (x < 0 ? e : 1) / (1 + e), e = e^-|x|, in place.
 */
function emitSigmoid(): FunctionBody {
  const f = new FunctionBody([i32, i32], []);
  const ptr = 0, n = 1;
  const c = expConstants(f, true, 5);
  const lo = vectorConstant(f, EXP_KERNEL_CONSTANTS.LO);
  const sign = vectorConstant(f, -0); // 0x80000000 in each lane
  const zero = vectorConstant(f, 0);
  const x = f.addLocal(v128), z = f.addLocal(v128), e = f.addLocal(v128);
  const t = { y: f.addLocal(v128), k: f.addLocal(v128), r: f.addLocal(v128), q: f.addLocal(v128) };
  blockLoop(f, [ptr], n, (offset) => {
    f.localGet(ptr);
    // z = -|x| (set the sign bit), then z = (z < -104 ? -104 : z) with f32x4.pmax(z, -104): a
    // NaN z compares false and stays NaN. (f32x4.max would do the same but costs V8 about seven
    // x64 instructions for its NaN and ±0 rules; pmax is one maxps.)
    f.localGet(ptr).simd(SimdOp.v128_load, 4, offset).localTee(x);
    sign(); f.simd(SimdOp.v128_or); lo(); f.simd(SimdOp.f32x4_pmax).localSet(z);
    emitExpCore(f, c, z, t);
    f.localSet(e);
    // numerator = (x < 0 ? e : 1), as pmax(x < 0 ? 0 : 1, e): e is in [0, 1], so pmax(1, e) = 1
    // and pmax(0, e) = e (three single instructions; a NaN e meets 1 here and the NaN
    // denominator below). v128.bitselect would do the same with one instruction more.
    c.one(); f.localGet(x); zero(); f.simd(SimdOp.f32x4_lt).simd(SimdOp.v128_andnot);
    f.localGet(e).simd(SimdOp.f32x4_pmax);
    // / (1 + e)
    c.one(); f.localGet(e).simd(SimdOp.f32x4_add).simd(SimdOp.f32x4_div);
    f.simd(SimdOp.v128_store, 4, offset);
  });
  return f;
}

/**
 * Emits `addRowVector(aPtr, vPtr, rows, cols)`: a[i·cols + j] += v[j] in place, rows >= 0,
 * cols >= 1. Per row: f32x4 over the first 4·floor(cols/4) columns, scalar f32 for the rest.
 */
function emitAddRowVector(): FunctionBody {
  const f = new FunctionBody([i32, i32, i32, i32], []);
  const aPtr = 0, vPtr = 1, rows = 2, cols = 3;
  const vecEnd = f.addLocal(i32);  // byte offset of the first column the vector loop does not do
  const rowEnd = f.addLocal(i32);  // 4·cols
  const j = f.addLocal(i32);       // byte offset of the column
  // vecEnd = (cols & ~3) · 4;  rowEnd = cols · 4
  f.localGet(cols).i32Const(-4).op(Op.i32_and).i32Const(2).op(Op.i32_shl).localSet(vecEnd);
  f.localGet(cols).i32Const(2).op(Op.i32_shl).localSet(rowEnd);
  f.localGet(rows).op(Op.i32_eqz).op(Op.if).op(BLOCK_VOID).op(Op.return).end();
  f.loop(); // ---- for each row ----
  {
    f.i32Const(0).localSet(j);
    f.block();
    {
      f.localGet(vecEnd).op(Op.i32_eqz).brIf(0);
      f.loop(); // ---- a[j..j+3] += v[j..j+3] ----
      {
        f.localGet(aPtr).localGet(j).op(Op.i32_add);
        f.localGet(aPtr).localGet(j).op(Op.i32_add).simd(SimdOp.v128_load, 2, 0);
        f.localGet(vPtr).localGet(j).op(Op.i32_add).simd(SimdOp.v128_load, 2, 0);
        f.simd(SimdOp.f32x4_add).simd(SimdOp.v128_store, 2, 0);
        f.localGet(j).i32Const(16).op(Op.i32_add).localTee(j).localGet(vecEnd).op(Op.i32_lt_u).brIf(0);
      }
      f.end();
    }
    f.end();
    f.block();
    {
      f.localGet(j).localGet(rowEnd).op(Op.i32_ge_u).brIf(0);
      f.loop(); // ---- scalar tail: a[j] += v[j] ----
      {
        f.localGet(aPtr).localGet(j).op(Op.i32_add);
        f.localGet(aPtr).localGet(j).op(Op.i32_add).memoryOp(Op.f32_load, 2, 0);
        f.localGet(vPtr).localGet(j).op(Op.i32_add).memoryOp(Op.f32_load, 2, 0);
        f.op(Op.f32_add).memoryOp(Op.f32_store, 2, 0);
        f.localGet(j).i32Const(4).op(Op.i32_add).localTee(j).localGet(rowEnd).op(Op.i32_lt_u).brIf(0);
      }
      f.end();
    }
    f.end();
    f.addLocalToLocal(aPtr, rowEnd);
    f.localGet(rows).i32Const(1).op(Op.i32_sub).localTee(rows).brIf(0);
  }
  f.end();
  return f;
}

/**
 * Builds the elementwise kernel module: its own growable memory of `initialPages` 64 KiB pages
 * exported as `memory`, and the functions `exp(ptr, n)`, `sigmoid(ptr, n)` and
 * `addRowVector(aPtr, vPtr, rows, cols)` (byte addresses, float counts; see the file header).
 * The bytes are deterministic.
 *
 * @example
 * ```ts
 * const bytes = buildElementwiseKernelModule();
 * WebAssembly.validate(bytes); // true on engines with fixed-width SIMD
 * ```
 */
export function buildElementwiseKernelModule(initialPages = 1): Uint8Array<ArrayBuffer> {
  return buildModule({
    memory: { initial: initialPages, exportName: 'memory' },
    functions: [
      { exportName: 'exp', body: emitExp() },
      { exportName: 'sigmoid', body: emitSigmoid() },
      { exportName: 'addRowVector', body: emitAddRowVector() },
    ],
  });
}

/** Signature of the exported unary kernels `exp` and `sigmoid`. */
export type UnaryKernel = (ptr: number, n: number) => void;
/** Signature of the exported `addRowVector` kernel. */
export type AddRowVectorKernel = (aPtr: number, vPtr: number, rows: number, cols: number) => void;
