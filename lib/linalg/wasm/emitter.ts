/**
 * A small WebAssembly binary emitter: just enough of the format to write the gemm kernel by hand,
 * with no toolchain. Every byte a module contains is produced by a function in this file, so a
 * reader can follow a kernel from a TypeScript call (`f.simd(SimdOp.f32x4_mul)`) to the bytes the
 * engine compiles (`0xfd 0xe6 0x01`).
 *
 * The binary format in one paragraph (WebAssembly Core Specification 2.0, chapter 5 "Binary
 * Format"): a module is the magic `\0asm`, the version `1`, then numbered sections, each
 * `id:byte size:u32 contents`. Integers are LEB128 (7 bits per byte, high bit = "more bytes
 * follow"). Vectors are `count:u32` then the items. A function's code is a list of local
 * declarations followed by instructions, ended by `end` (0x0b). Instructions work on an operand
 * stack: `local.get 0; local.get 1; i32.add` pushes two values and replaces them by their sum.
 *
 * Sections used here, in the order the format requires:
 *   1 type      function signatures (params -> results)
 *   2 import    an imported memory (optional)
 *   3 function  the type index of each function defined in the module
 *   5 memory    a memory defined in the module (optional)
 *   7 export    names visible from JavaScript
 *  10 code      the function bodies
 */

// ---------------------------------------------------------------------------------------------
// Value types and opcodes
// ---------------------------------------------------------------------------------------------

/**
 * Value types as they are encoded in the binary format (spec 5.3.1 "Number Types", 5.3.2
 * "Vector Types").
 *
 * @example
 * ```ts
 * const sig = { params: [ValType.i32, ValType.i32], results: [ValType.i32] };
 * ```
 */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  /** 128-bit SIMD vector, e.g. four float32 lanes (f32x4). */
  v128: 0x7b,
} as const;

/** One of the encoded value types in {@link ValType}. */
export type ValType = (typeof ValType)[keyof typeof ValType];

/**
 * Single-byte opcodes of the core instruction set used by our kernels (spec 5.4 "Instructions").
 *
 * @example
 * ```ts
 * const f = new FunctionBody([ValType.i32, ValType.i32], [ValType.i32]);
 * f.localGet(0).localGet(1).op(Op.i32_add); // return a + b
 * ```
 */
export const Op = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  i32_load: 0x28,
  f32_load: 0x2a,
  i32_store: 0x36,
  f32_store: 0x38,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  f32_const: 0x43,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_ne: 0x47,
  i32_lt_s: 0x48,
  i32_lt_u: 0x49,
  i32_gt_s: 0x4a,
  i32_gt_u: 0x4b,
  i32_le_s: 0x4c,
  i32_le_u: 0x4d,
  i32_ge_s: 0x4e,
  i32_ge_u: 0x4f,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_and: 0x71,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
  f32_add: 0x92,
  f32_sub: 0x93,
  f32_mul: 0x94,
  /** Prefix byte of every SIMD instruction; the SIMD opcode follows as a u32 LEB128. */
  simd_prefix: 0xfd,
} as const;

/**
 * SIMD opcodes (the number after the 0xfd prefix), from the final fixed-width SIMD
 * specification (Core Spec 2.0, 5.4.8 "Vector Instructions"). They are LEB128-encoded, so
 * `f32x4.add` = 0xe4 = 228 is written as the two bytes `e4 01`.
 *
 * Beware: drafts of the SIMD proposal used different numbers (e.g. `f32x4.add` was 0x9a);
 * engines implement only the final table below.
 *
 * @example
 * ```ts
 * const f = new FunctionBody([ValType.i32], []);
 * f.localGet(0).simd(SimdOp.v128_load32_splat, 2, 0); // splat the float32 at address p
 * ```
 */
export const SimdOp = {
  /** v128.load memarg: push 16 bytes from memory. */
  v128_load: 0x00,
  /** v128.load32_splat memarg: load one 32-bit value and copy it into all four lanes. */
  v128_load32_splat: 0x09,
  /** v128.store memarg: pop an address and a v128, write 16 bytes. */
  v128_store: 0x0b,
  /** v128.const i:byte[16]. */
  v128_const: 0x0c,
  /** f32x4.splat: pop an f32, push it in all four lanes. */
  f32x4_splat: 0x13,
  /** f32x4.extract_lane lane:byte. */
  f32x4_extract_lane: 0x1f,
  /** f32x4.replace_lane lane:byte. */
  f32x4_replace_lane: 0x20,
  f32x4_abs: 0xe0,
  f32x4_neg: 0xe1,
  f32x4_sqrt: 0xe3,
  /** Lane-wise float32 a + b (IEEE round to nearest). */
  f32x4_add: 0xe4,
  f32x4_sub: 0xe5,
  /** Lane-wise float32 a * b (IEEE round to nearest; never fused with an add). */
  f32x4_mul: 0xe6,
  f32x4_div: 0xe7,
  f32x4_min: 0xe8,
  f32x4_max: 0xe9,
  // Added for the elementwise kernels (./elementwise-kernel.ts).
  /** f32x4.lt: lane-wise a < b as a mask (all ones where true, zeros where false or NaN). */
  f32x4_lt: 0x43,
  /** f32x4.gt: lane-wise a > b as a mask. */
  f32x4_gt: 0x44,
  /** v128.and: bitwise a & b. */
  v128_and: 0x4e,
  /** v128.andnot: bitwise a & ~b. */
  v128_andnot: 0x4f,
  /** v128.or: bitwise a | b. */
  v128_or: 0x50,
  /** v128.bitselect: pops v1, v2, c; pushes (v1 & c) | (v2 & ~c). */
  v128_bitselect: 0x52,
  /** i32x4.shl: pops a v128 and an i32 count; shifts each 32-bit lane left (count mod 32). */
  i32x4_shl: 0xab,
  /** i32x4.shr_s: arithmetic (sign-filling) right shift of each 32-bit lane. */
  i32x4_shr_s: 0xac,
  /** i32x4.add: lane-wise 32-bit integer a + b (modulo 2^32). */
  i32x4_add: 0xae,
  /** i32x4.sub: lane-wise 32-bit integer a - b (modulo 2^32). */
  i32x4_sub: 0xb1,
  /** f32x4.pmin: pseudo-minimum b < a ? b : a (one minps on x64; NaN in a is kept, NaN in b is not). */
  f32x4_pmin: 0xea,
  /** f32x4.pmax: pseudo-maximum a < b ? b : a (one maxps on x64; NaN in a is kept, NaN in b is not). */
  f32x4_pmax: 0xeb,
  // Added for the RBM update kernel (lib/rbm/resident-kernel.ts): float64 lanes, to round
  // exactly as the float64 arithmetic of JavaScript does before a float32 store.
  /** i8x16.shuffle lanes:byte[16]: pops a, b; byte i of the result is byte lanes[i] of a‖b (0-15 from a, 16-31 from b). Use {@link FunctionBody.shuffle}. */
  i8x16_shuffle: 0x0d,
  /** f64x2.splat: pop an f64, push it in both lanes. */
  f64x2_splat: 0x14,
  /** f32x4.demote_f64x2_zero: the two f64 lanes rounded to float32 (round to nearest) in lanes 0, 1; lanes 2, 3 zero. */
  f32x4_demote_f64x2_zero: 0x5e,
  /** f64x2.promote_low_f32x4: f32 lanes 0, 1 widened (exactly) to two f64 lanes. */
  f64x2_promote_low_f32x4: 0x5f,
  /** Lane-wise float64 a + b. */
  f64x2_add: 0xf0,
  /** Lane-wise float64 a - b. */
  f64x2_sub: 0xf1,
  /** Lane-wise float64 a * b (never fused with an add). */
  f64x2_mul: 0xf2,
  /** Lane-wise float64 a / b (IEEE, correctly rounded). */
  f64x2_div: 0xf3,
  /** Lane-wise float64 square root (IEEE, correctly rounded). */
  f64x2_sqrt: 0xef,
} as const;

/**
 * Block type of a `block`/`loop`/`if` that leaves nothing on the stack (spec 5.4.1).
 *
 * @example
 * ```ts
 * const f = new FunctionBody([], []);
 * f.op(Op.block).op(BLOCK_VOID).end(); // same bytes as f.block().end()
 * ```
 */
export const BLOCK_VOID = 0x40;

// ---------------------------------------------------------------------------------------------
// LEB128
// ---------------------------------------------------------------------------------------------

/**
 * Appends the unsigned LEB128 encoding of `value` to `out`: 7 bits per byte, least significant
 * first, the high bit set on every byte except the last (spec 5.2.2 "Integers").
 * Example from the spec's Wikipedia-famous case: 624485 -> e5 8e 26.
 *
 * @example
 * ```ts
 * const bytes: number[] = [];
 * writeUnsignedLeb128(bytes, 624485); // bytes = [0xe5, 0x8e, 0x26]
 * ```
 */
export function writeUnsignedLeb128(out: number[], value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`writeUnsignedLeb128: value must be an integer in [0, 2^32 - 1], got ${value}`);
  }
  let v = value;
  do {
    let byte = v % 128; // low 7 bits (v may exceed 2^31, so no bit operators here)
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80; // more bytes follow
    out.push(byte);
  } while (v !== 0);
  return out;
}

/**
 * Appends the signed LEB128 encoding of `value` (two's complement, sign-extended from the top
 * bit of the last byte): used for `i32.const` immediates. Example: -123456 -> c0 bb 78.
 *
 * @example
 * ```ts
 * const bytes: number[] = [];
 * writeSignedLeb128(bytes, -123456); // bytes = [0xc0, 0xbb, 0x78]
 * ```
 */
export function writeSignedLeb128(out: number[], value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`writeSignedLeb128: value must be an integer in [-2^31, 2^31 - 1], got ${value}`);
  }
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7; // arithmetic shift keeps the sign
    // Done when the rest is all sign bits and the sign bit (0x40) of this byte agrees with it.
    const signBitSet = (byte & 0x40) !== 0;
    if ((v === 0 && !signBitSet) || (v === -1 && signBitSet)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Appends a UTF-8 name as `length:u32 bytes` (spec 5.2.4 "Names"). */
function writeName(out: number[], name: string): void {
  const bytes = new TextEncoder().encode(name);
  writeUnsignedLeb128(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** Appends a section `id size contents`. */
function writeSection(out: number[], id: number, contents: number[]): void {
  out.push(id);
  writeUnsignedLeb128(out, contents.length);
  for (const b of contents) out.push(b);
}

// ---------------------------------------------------------------------------------------------
// Function bodies
// ---------------------------------------------------------------------------------------------

/**
 * Builder for one function: its signature, its extra locals and its instruction bytes.
 * Parameters are locals 0..params.length-1; `addLocal` returns the index of each new local.
 * Every emitting method returns `this`, so short sequences read like assembly:
 * `f.localGet(a).localGet(b).op(Op.i32_add).localSet(sum)`.
 *
 * Branch targets are relative depths, as in the binary format: inside `block $out { loop $top {
 * ... } }`, `brIf(0)` jumps back to the top of the loop and `brIf(1)` leaves the block.
 *
 * @example
 * ```ts
 * // (func (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
 * const add = new FunctionBody([ValType.i32, ValType.i32], [ValType.i32]);
 * add.localGet(0).localGet(1).op(Op.i32_add);
 * const bytes = buildModule({ functions: [{ exportName: 'add', body: add }] });
 * ```
 */
export class FunctionBody {
  /** Parameter types (locals 0..n-1). */
  readonly params: ValType[];
  /** Result types. */
  readonly results: ValType[];
  /** Types of the locals declared after the parameters. */
  readonly locals: ValType[] = [];
  /** Instruction bytes, without the final `end`. */
  readonly code: number[] = [];

  /**
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32], []);
   * ```
   */
  constructor(params: ValType[], results: ValType[]) {
    this.params = params;
    this.results = results;
  }

  /**
   * Declares a new local of type `type` and returns its index.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([], []);
   * const acc = f.addLocal(ValType.v128); // 0: there are no parameters
   * ```
   */
  addLocal(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  /**
   * Emits a single-byte instruction without immediates (e.g. `Op.i32_add`).
   *
   * @example
   * ```ts
   * new FunctionBody([], []).op(Op.nop);
   * ```
   */
  op(opcode: number): this {
    this.code.push(opcode);
    return this;
  }

  /**
   * `local.get i`: push local i.
   *
   * @example
   * ```ts
   * new FunctionBody([ValType.i32], [ValType.i32]).localGet(0);
   * ```
   */
  localGet(index: number): this {
    this.code.push(Op.local_get);
    writeUnsignedLeb128(this.code, index);
    return this;
  }

  /**
   * `local.set i`: pop into local i.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([], []); const x = f.addLocal(ValType.i32);
   * f.i32Const(7).localSet(x);
   * ```
   */
  localSet(index: number): this {
    this.code.push(Op.local_set);
    writeUnsignedLeb128(this.code, index);
    return this;
  }

  /**
   * `local.tee i`: store the top of the stack into local i and keep it on the stack.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([], [ValType.i32]); const x = f.addLocal(ValType.i32);
   * f.i32Const(7).localTee(x);
   * ```
   */
  localTee(index: number): this {
    this.code.push(Op.local_tee);
    writeUnsignedLeb128(this.code, index);
    return this;
  }

  /**
   * `i32.const v` (signed LEB128 immediate; values >= 2^31 are taken modulo 2^32).
   *
   * @example
   * ```ts
   * new FunctionBody([], [ValType.i32]).i32Const(-1);
   * ```
   */
  i32Const(value: number): this {
    this.code.push(Op.i32_const);
    writeSignedLeb128(this.code, value | 0);
    return this;
  }

  /**
   * `local[index] += delta` for an i32 local (four instructions).
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32], []);
   * f.addToLocal(0, 16); // p += 16
   * ```
   */
  addToLocal(index: number, delta: number): this {
    return this.localGet(index).i32Const(delta).op(Op.i32_add).localSet(index);
  }

  /**
   * `local[index] += local[other]` for i32 locals.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32, ValType.i32], []);
   * f.addLocalToLocal(0, 1); // p += stride
   * ```
   */
  addLocalToLocal(index: number, other: number): this {
    return this.localGet(index).localGet(other).op(Op.i32_add).localSet(index);
  }

  /**
   * A memory instruction with its memarg: `align` is log2 of the promised alignment in bytes
   * (a hint: misaligned addresses still work), `offset` a constant added to the address.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32], [ValType.f32]);
   * f.localGet(0).memoryOp(Op.f32_load, 2, 8); // f32.load offset=8 align=4
   * ```
   */
  memoryOp(opcode: number, align: number, offset: number): this {
    this.code.push(opcode);
    writeUnsignedLeb128(this.code, align);
    writeUnsignedLeb128(this.code, offset);
    return this;
  }

  /**
   * A SIMD instruction: the 0xfd prefix, the SIMD opcode as u32 LEB128, then the memarg for
   * loads and stores (pass `align` and `offset`) or nothing for arithmetic.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32], []);
   * f.localGet(0).simd(SimdOp.v128_load, 4, 16); // v128.load offset=16 align=16
   * f.op(Op.drop);
   * ```
   */
  simd(simdOpcode: number, align?: number, offset?: number): this {
    this.code.push(Op.simd_prefix);
    writeUnsignedLeb128(this.code, simdOpcode);
    if (align !== undefined) {
      writeUnsignedLeb128(this.code, align);
      writeUnsignedLeb128(this.code, offset ?? 0);
    }
    return this;
  }

  /**
   * i8x16.shuffle with its 16 lane bytes: pops a, b and pushes the bytes lanes[0..15] of the
   * 32-byte a‖b (0-15 from a, 16-31 from b).
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.v128], [ValType.v128]);
   * f.localGet(0).localGet(0).shuffle([8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]); // lanes 2, 3 of x into lanes 0, 1
   * ```
   */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16 || lanes.some((b) => !Number.isInteger(b) || b < 0 || b > 31)) throw new RangeError('shuffle: needs 16 lane bytes in [0, 31]');
    this.simd(SimdOp.i8x16_shuffle);
    for (const b of lanes) this.code.push(b);
    return this;
  }

  /**
   * `v128.const` with four float32 lanes (little-endian bytes).
   *
   * @example
   * ```ts
   * new FunctionBody([], [ValType.v128]).f32x4Const(0, 0, 0, 0);
   * ```
   */
  f32x4Const(x0: number, x1: number, x2: number, x3: number): this {
    this.simd(SimdOp.v128_const);
    // Wasm memory and immediates are little-endian: write each lane's IEEE bits low byte first.
    const view = new DataView(new ArrayBuffer(16));
    [x0, x1, x2, x3].forEach((x, lane) => view.setFloat32(4 * lane, x, true));
    for (let i = 0; i < 16; i++) this.code.push(view.getUint8(i));
    return this;
  }

  /**
   * Opens `block` (a forward branch target: `br` to it jumps past its `end`).
   *
   * @example
   * ```ts
   * new FunctionBody([], []).block().end();
   * ```
   */
  block(): this {
    this.code.push(Op.block, BLOCK_VOID);
    return this;
  }

  /**
   * Opens `loop` (a backward branch target: `br` to it jumps to its start).
   *
   * @example
   * ```ts
   * new FunctionBody([], []).loop().end();
   * ```
   */
  loop(): this {
    this.code.push(Op.loop, BLOCK_VOID);
    return this;
  }

  /**
   * Closes the innermost `block`/`loop`/`if`.
   *
   * @example
   * ```ts
   * new FunctionBody([], []).block().end();
   * ```
   */
  end(): this {
    this.code.push(Op.end);
    return this;
  }

  /**
   * `br_if depth`: pop an i32; if it is non-zero, branch to the label `depth` levels out.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([ValType.i32], []);
   * f.loop().addToLocal(0, -1).localGet(0).brIf(0).end(); // while (--n != 0);
   * ```
   */
  brIf(depth: number): this {
    this.code.push(Op.br_if);
    writeUnsignedLeb128(this.code, depth);
    return this;
  }

  /**
   * `br depth`: branch unconditionally to the label `depth` levels out.
   *
   * @example
   * ```ts
   * new FunctionBody([], []).block().br(0).end();
   * ```
   */
  br(depth: number): this {
    this.code.push(Op.br);
    writeUnsignedLeb128(this.code, depth);
    return this;
  }

  /**
   * The encoded body as it appears in the code section: local declarations (run-length encoded
   * as `count type` pairs), the instructions and the closing `end`.
   *
   * @example
   * ```ts
   * const f = new FunctionBody([], []);
   * f.encode(); // [0x00 (no local runs), 0x0b (end)]
   * ```
   */
  encode(): number[] {
    const runs: Array<[number, ValType]> = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const out: number[] = [];
    writeUnsignedLeb128(out, runs.length);
    for (const [count, type] of runs) {
      writeUnsignedLeb128(out, count);
      out.push(type);
    }
    for (const b of this.code) out.push(b);
    out.push(Op.end);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

/** Memory limits in 64 KiB pages. */
export interface MemoryLimits {
  /** Initial size in pages. */
  initial: number;
  /** Optional maximum in pages (required for shared memories). */
  maximum?: number;
  /** A shared memory (threads proposal; needs `maximum`). */
  shared?: boolean;
}

/** Description of a module for {@link buildModule}. */
export interface ModuleSpec {
  /** Functions, in index order; those with `exportName` are exported. */
  functions: Array<{ exportName?: string; body: FunctionBody }>;
  /** A memory defined by the module, exported as `exportName` if given. */
  memory?: MemoryLimits & { exportName?: string };
  /** A memory imported as `module.name` instead (e.g. a memory shared with other instances). */
  importMemory?: MemoryLimits & { module: string; name: string };
}

function writeLimits(out: number[], limits: MemoryLimits): void {
  if (limits.shared) {
    if (limits.maximum === undefined) throw new RangeError('buildModule: a shared memory needs a maximum');
    out.push(0x03);
  } else {
    out.push(limits.maximum === undefined ? 0x00 : 0x01);
  }
  writeUnsignedLeb128(out, limits.initial);
  if (limits.maximum !== undefined) writeUnsignedLeb128(out, limits.maximum);
}

/**
 * Assembles a module: magic, version, then the type, import, function, memory, export and code
 * sections. Identical signatures share one type entry.
 *
 * @example
 * ```ts
 * const add = new FunctionBody([ValType.i32, ValType.i32], [ValType.i32]);
 * add.localGet(0).localGet(1).op(Op.i32_add);
 * const bytes = buildModule({ functions: [{ exportName: 'add', body: add }] });
 * const { add: run } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as
 *   { add: (a: number, b: number) => number };
 * run(2, 3); // 5
 * ```
 */
export function buildModule(spec: ModuleSpec): Uint8Array<ArrayBuffer> {
  if (spec.memory && spec.importMemory) {
    throw new RangeError('buildModule: give either memory or importMemory, not both');
  }
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1

  // 1 type section: one entry per distinct signature `0x60 params results`.
  const typeKeys: string[] = [];
  const typeOf: number[] = [];
  const types: number[] = [];
  for (const { body } of spec.functions) {
    const key = `${body.params.join(',')}->${body.results.join(',')}`;
    let index = typeKeys.indexOf(key);
    if (index < 0) {
      index = typeKeys.length;
      typeKeys.push(key);
      types.push(0x60);
      writeUnsignedLeb128(types, body.params.length);
      types.push(...body.params);
      writeUnsignedLeb128(types, body.results.length);
      types.push(...body.results);
    }
    typeOf.push(index);
  }
  writeSection(out, 1, [...writeUnsignedLeb128([], typeKeys.length), ...types]);

  // 2 import section: `module name kind=0x02 (memory) limits`.
  if (spec.importMemory) {
    const imports = writeUnsignedLeb128([], 1);
    writeName(imports, spec.importMemory.module);
    writeName(imports, spec.importMemory.name);
    imports.push(0x02);
    writeLimits(imports, spec.importMemory);
    writeSection(out, 2, imports);
  }

  // 3 function section: the type index of each defined function.
  const funcs = writeUnsignedLeb128([], spec.functions.length);
  for (const t of typeOf) writeUnsignedLeb128(funcs, t);
  writeSection(out, 3, funcs);

  // 5 memory section.
  if (spec.memory) {
    const mem = writeUnsignedLeb128([], 1);
    writeLimits(mem, spec.memory);
    writeSection(out, 5, mem);
  }

  // 7 export section: `name kind index` (kind 0x00 function, 0x02 memory).
  const exportList: number[] = [];
  let exportCount = 0;
  spec.functions.forEach(({ exportName }, index) => {
    if (exportName === undefined) return;
    writeName(exportList, exportName);
    exportList.push(0x00);
    writeUnsignedLeb128(exportList, index);
    exportCount++;
  });
  if (spec.memory?.exportName !== undefined) {
    writeName(exportList, spec.memory.exportName);
    exportList.push(0x02);
    writeUnsignedLeb128(exportList, 0);
    exportCount++;
  }
  writeSection(out, 7, [...writeUnsignedLeb128([], exportCount), ...exportList]);

  // 10 code section: each body prefixed by its size.
  const code = writeUnsignedLeb128([], spec.functions.length);
  for (const { body } of spec.functions) {
    const encoded = body.encode();
    writeUnsignedLeb128(code, encoded.length);
    for (const b of encoded) code.push(b);
  }
  writeSection(out, 10, code);

  return new Uint8Array(out);
}
