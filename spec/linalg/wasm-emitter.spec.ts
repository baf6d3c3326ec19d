import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildModule, FunctionBody, Op, SimdOp, ValType, writeSignedLeb128, writeUnsignedLeb128,
} from '../../lib/linalg/wasm/emitter.js';
import { buildGemmKernelModule } from '../../lib/linalg/wasm/gemm-kernel.js';
import { wasmSimdSupported } from '../../lib/linalg/wasm/backend.js';

const hex = (bytes: number[] | Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

// Expected bytes: the worked examples of the LEB128 article cited by the spec (624485 -> e5 8e 26,
// -123456 -> c0 bb 78) and values worked out by hand from the definition (7 bits per byte, low
// bits first, continuation bit 0x80; signed: stop when the rest is sign bits and bit 0x40 agrees).
test('unsigned LEB128 matches known encodings', () => {
  const cases: Array<[number, string]> = [
    [0, '00'], [1, '01'], [127, '7f'], [128, '80 01'], [255, 'ff 01'], [300, 'ac 02'],
    [624485, 'e5 8e 26'], [2 ** 32 - 1, 'ff ff ff ff 0f'],
  ];
  for (const [v, bytes] of cases) assert.is(hex(writeUnsignedLeb128([], v)), bytes, `u32 ${v}`);
});

test('signed LEB128 matches known encodings', () => {
  const cases: Array<[number, string]> = [
    [0, '00'], [1, '01'], [-1, '7f'], [63, '3f'], [64, 'c0 00'], [-64, '40'], [-65, 'bf 7f'],
    [-123456, 'c0 bb 78'], [2 ** 31 - 1, 'ff ff ff ff 07'], [-(2 ** 31), '80 80 80 80 78'],
  ];
  for (const [v, bytes] of cases) assert.is(hex(writeSignedLeb128([], v)), bytes, `s32 ${v}`);
});

test('LEB128 writers reject values outside 32 bits and non-integers', () => {
  assert.throws(() => writeUnsignedLeb128([], -1), (e: Error) => e instanceof RangeError && /writeUnsignedLeb128: value must be an integer in \[0, 2\^32 - 1\], got -1/.test(e.message));
  assert.throws(() => writeUnsignedLeb128([], 2.5), /got 2\.5/);
  assert.throws(() => writeSignedLeb128([], 2 ** 31), (e: Error) => e instanceof RangeError && /writeSignedLeb128: .* got 2147483648/.test(e.message));
});

test('a module starts with the magic and version and validates', () => {
  const f = new FunctionBody([], []);
  const bytes = buildModule({ functions: [{ exportName: 'nothing', body: f }] });
  assert.is(hex(bytes.slice(0, 8)), '00 61 73 6d 01 00 00 00');
  assert.ok(WebAssembly.validate(bytes));
});

test('a tiny i32 add kernel returns known values (with 32-bit wrap-around)', () => {
  const add = new FunctionBody([ValType.i32, ValType.i32], [ValType.i32]);
  add.localGet(0).localGet(1).op(Op.i32_add);
  const konst = new FunctionBody([], [ValType.i32]);
  konst.i32Const(-123456);
  const bytes = buildModule({ functions: [{ exportName: 'add', body: add }, { exportName: 'konst', body: konst }] });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {
    add: (a: number, b: number) => number; konst: () => number;
  };
  assert.is(ex.add(2, 3), 5);
  assert.is(ex.add(-7, 3), -4);
  assert.is(ex.add(2 ** 31 - 1, 1), -(2 ** 31)); // i32 arithmetic is modulo 2^32
  assert.is(ex.konst(), -123456);
});

test('a loop with locals counts: sum of 1..n', () => {
  // (func (param n) (result i32) (local s) loop: s += n; n -= 1; br_if n != 0; end; s)
  const f = new FunctionBody([ValType.i32], [ValType.i32]);
  const s = f.addLocal(ValType.i32);
  f.loop().addLocalToLocal(s, 0).addToLocal(0, -1).localGet(0).brIf(0).end().localGet(s);
  const ex = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ functions: [{ exportName: 'sum', body: f }] }))).exports as { sum: (n: number) => number };
  assert.is(ex.sum(1), 1);
  assert.is(ex.sum(100), 5050); // n(n+1)/2
});

test('validation rejects an ill-typed body (so validate() really checks our bytes)', () => {
  const f = new FunctionBody([ValType.i32], [ValType.i32]);
  f.localGet(0).op(Op.i32_add); // i32.add needs two operands
  assert.not.ok(WebAssembly.validate(buildModule({ functions: [{ body: f }] })));
});

test('SIMD opcodes do what their names say (load, load32_splat, splat, mul, add, sub, store)', () => {
  // out[0..3] = (x[0..3] * splat(s)) + y[0..3];  out[4..7] = x - splat(f32 at 40)
  // memory: x at 0, y at 16, s at 32, t at 40; out at 48 and 64.
  const f = new FunctionBody([], []);
  f.i32Const(48);
  f.i32Const(0).simd(SimdOp.v128_load, 4, 0);
  f.i32Const(0).simd(SimdOp.v128_load32_splat, 2, 32);
  f.simd(SimdOp.f32x4_mul);
  f.i32Const(16).simd(SimdOp.v128_load, 4, 0);
  f.simd(SimdOp.f32x4_add);
  f.simd(SimdOp.v128_store, 4, 0);
  f.i32Const(64);
  f.i32Const(0).simd(SimdOp.v128_load, 4, 0);
  f.i32Const(40).memoryOp(Op.f32_load, 2, 0).simd(SimdOp.f32x4_splat);
  f.simd(SimdOp.f32x4_sub);
  f.simd(SimdOp.v128_store, 4, 0);
  const bytes = buildModule({ memory: { initial: 1, exportName: 'memory' }, functions: [{ exportName: 'run', body: f }] });
  assert.ok(WebAssembly.validate(bytes));
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { run: () => void; memory: WebAssembly.Memory };
  const heap = new Float32Array(ex.memory.buffer);
  heap.set([1, 2, 3, 4], 0);         // x
  heap.set([0.5, -1, 10, 0.25], 4);  // y
  heap[8] = 3;                       // s
  heap[10] = 1.5;                    // t
  ex.run();
  // Small dyadic numbers: every float32 operation here is exact, so equality is exact.
  assert.equal(Array.from(heap.slice(12, 16)), [3.5, 5, 19, 12.25]);
  assert.equal(Array.from(heap.slice(16, 20)), [-0.5, 0.5, 1.5, 2.5]);
});

test('the other named f32x4 opcodes (abs, neg, sqrt, div, min, max, extract/replace lane) on exact lanes', () => {
  // lane(op(x, y), i) for x = [-4, 9, 0.25, 2], y = [2, -3, 0.5, 8]; every result is exact in float32.
  const unary = (op: number) => (f: FunctionBody) => f.f32x4Const(-4, 9, 0.25, 2).simd(op);
  const binary = (op: number) => (f: FunctionBody) => f.f32x4Const(-4, 9, 0.25, 2).f32x4Const(2, -3, 0.5, 8).simd(op);
  const cases: Array<[string, (f: FunctionBody) => FunctionBody, number[]]> = [
    ['abs', unary(SimdOp.f32x4_abs), [4, 9, 0.25, 2]],
    ['neg', unary(SimdOp.f32x4_neg), [4, -9, -0.25, -2]],
    ['div', binary(SimdOp.f32x4_div), [-2, -3, 0.5, 0.25]],
    ['min', binary(SimdOp.f32x4_min), [-4, -3, 0.25, 2]],
    ['max', binary(SimdOp.f32x4_max), [2, 9, 0.5, 8]],
    ['sqrt', (f) => f.f32x4Const(4, 9, 0.25, 64).simd(SimdOp.f32x4_sqrt), [2, 3, 0.5, 8]],
    ['replace', (f) => {
      f.f32x4Const(1, 2, 3, 4);
      f.code.push(Op.f32_const, ...new Uint8Array(new Float32Array([-7]).buffer)); // f32.const -7 (little-endian bytes)
      return f.simd(SimdOp.f32x4_replace_lane).op(2);
    }, [1, 2, -7, 4]],
  ];
  for (const [name, emit, expected] of cases) {
    const functions = [0, 1, 2, 3].map((lane) => {
      const f = new FunctionBody([], [ValType.f32]);
      emit(f).simd(SimdOp.f32x4_extract_lane).op(lane);
      return { exportName: `lane${lane}`, body: f };
    });
    const ex = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ functions }))).exports as Record<string, () => number>;
    assert.equal([0, 1, 2, 3].map((lane) => ex[`lane${lane}`]()), expected, name);
  }
});

test('v128.const lanes round-trip as little-endian float32', () => {
  const f = new FunctionBody([], []);
  f.i32Const(0).f32x4Const(1.5, -2, 0.1, 1e30).simd(SimdOp.v128_store, 4, 0);
  const ex = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ memory: { initial: 1, exportName: 'memory' }, functions: [{ exportName: 'run', body: f }] }))).exports as { run: () => void; memory: WebAssembly.Memory };
  ex.run();
  assert.equal(Array.from(new Float32Array(ex.memory.buffer, 0, 4)), [1.5, -2, Math.fround(0.1), Math.fround(1e30)]);
});

test('an imported memory is the one the module writes to', () => {
  const f = new FunctionBody([ValType.i32, ValType.i32], []);
  f.localGet(0).localGet(1).memoryOp(Op.i32_store, 2, 0);
  const bytes = buildModule({ importMemory: { module: 'env', name: 'memory', initial: 1 }, functions: [{ exportName: 'poke', body: f }] });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as { poke: (p: number, v: number) => void };
  ex.poke(8, 424242);
  assert.is(new Int32Array(memory.buffer)[2], 424242);
});

test('buildModule rejects two memories and a shared memory without maximum', () => {
  const f = new FunctionBody([], []);
  assert.throws(() => buildModule({ memory: { initial: 1 }, importMemory: { module: 'env', name: 'm', initial: 1 }, functions: [{ body: f }] }),
    (e: Error) => e instanceof RangeError && e.message === 'buildModule: give either memory or importMemory, not both');
  assert.throws(() => buildModule({ importMemory: { module: 'env', name: 'm', initial: 1, shared: true }, functions: [{ body: f }] }),
    /buildModule: a shared memory needs a maximum/);
});

test('SIMD is detected, and the gemm kernel module validates and stays under 4 KB', () => {
  assert.ok(wasmSimdSupported(), 'Node >= 16.4 ships WebAssembly SIMD');
  const bytes = buildGemmKernelModule();
  assert.ok(WebAssembly.validate(bytes));
  // Chromium refuses synchronous compilation of larger modules on the main thread (4 KB).
  assert.ok(bytes.length < 4096, `kernel module is ${bytes.length} bytes`);
  assert.equal(Array.from(buildGemmKernelModule()), Array.from(bytes), 'emission is deterministic');
});

test.run();
