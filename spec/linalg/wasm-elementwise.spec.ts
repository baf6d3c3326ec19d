import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModule, FunctionBody, SimdOp } from '../../lib/linalg/wasm/emitter.js';
import { buildElementwiseKernelModule, EXP_KERNEL_CONSTANTS } from '../../lib/linalg/wasm/elementwise-kernel.js';
import {
  createWasmElementwise, DEFAULT_ELEMENTWISE_CHUNK, wasmAddRowVector, wasmExp, wasmSigmoid, type WasmElementwise,
} from '../../lib/linalg/wasm/elementwise.js';
import { checkWasmExp, checkWasmSigmoid, newErrStats, sigmoidReference, type ErrStats } from './wasm-elementwise-check.js';

const U = 2 ** -24; // unit roundoff of float32
const LIMIT = 2 ** -21; // the promised error bound for exp (and our stated bound for sigmoid)
const LENGTHS = [0, 1, 3, 4, 5, 1023, 70000]; // 70000 > 4 default chunks (16384), not a multiple of one

/** Deterministic test data: xorshift32 mapped to [lo, hi) (not statistics-grade; only inputs). */
function data(n: number, seed: number, lo: number, hi: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = lo + (hi - lo) * (s / 2 ** 32);
  }
  return out;
}

function f32bits(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0];
}

/** Float32 bit patterns [start - radius, start + radius] as a Float32Array. */
function around(bits: number, radius: number): Float32Array {
  const u = new Uint32Array(2 * radius + 1);
  for (let i = 0; i < u.length; i++) u[i] = (bits - radius + i) >>> 0;
  return new Float32Array(u.buffer);
}

function assertClean(s: ErrStats, what: string): void {
  assert.equal(s.failures, [], `${what}: ${s.failures.slice(0, 3).join('; ')}`);
}

const k: WasmElementwise = createWasmElementwise();

// ---------------------------------------------------------------------------------------------
// The module and the opcodes it adds to the emitter.
// ---------------------------------------------------------------------------------------------

test('the elementwise module validates, is deterministic and stays under 4096 bytes', () => {
  const bytes = buildElementwiseKernelModule();
  assert.ok(WebAssembly.validate(bytes));
  assert.equal(Array.from(buildElementwiseKernelModule()), Array.from(bytes));
  assert.ok(bytes.length < 4096, `module is ${bytes.length} bytes`);
});

test('the added SIMD opcodes do what their names say on exact lanes', () => {
  // Each function: two v128.const operands -> one op -> stored at address 0 (lanes read back).
  const binary = (op: number, a: number[], b: number[], ints = false): number[] => {
    const f = new FunctionBody([], []);
    f.i32Const(0);
    if (ints) {
      const konst = (v: number[]) => {
        f.simd(SimdOp.v128_const);
        const view = new DataView(new ArrayBuffer(16));
        v.forEach((x, i) => view.setInt32(4 * i, x, true));
        for (let i = 0; i < 16; i++) f.code.push(view.getUint8(i));
      };
      konst(a); konst(b);
    } else {
      f.f32x4Const(a[0], a[1], a[2], a[3]).f32x4Const(b[0], b[1], b[2], b[3]);
    }
    f.simd(op).simd(SimdOp.v128_store, 4, 0);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ memory: { initial: 1, exportName: 'memory' }, functions: [{ exportName: 'run', body: f }] })));
    (inst.exports.run as () => void)();
    return Array.from(new Int32Array((inst.exports.memory as WebAssembly.Memory).buffer, 0, 4));
  };
  const T = -1; // all ones
  assert.equal(binary(SimdOp.f32x4_lt, [1, 2, NaN, -0], [2, 2, 1, 0]), [T, 0, 0, 0]);
  assert.equal(binary(SimdOp.f32x4_gt, [3, 2, NaN, 1], [2, 2, 1, 0]), [T, 0, 0, T]);
  assert.equal(binary(SimdOp.v128_and, [0xf0f0, 7, -1, 0], [0xff00, 5, 123, 9], true), [0xf000, 5, 123, 0]);
  assert.equal(binary(SimdOp.v128_andnot, [0xf0f0, 7, -1, 0], [0xff00, 5, 123, 9], true), [0x00f0, 2, ~123, 0]);
  assert.equal(binary(SimdOp.v128_or, [0xf0f0, 7, -1, 0], [0xff00, 5, 123, 9], true), [0xfff0, 7, -1, 9]);
  const bits = (v: number[]) => Array.from(new Int32Array(new Float32Array(v).buffer));
  // pmax(a, b) = a < b ? b : a and pmin(a, b) = b < a ? b : a: a NaN in a is kept, one in b is not.
  assert.equal(binary(SimdOp.f32x4_pmax, [1, NaN, 3, -104], [2, 1, NaN, -200]), bits([2, NaN, 3, -104]));
  assert.equal(binary(SimdOp.f32x4_pmin, [1, NaN, 3, -104], [2, 1, NaN, -200]), bits([1, NaN, 3, -200]));
  assert.equal(binary(SimdOp.i32x4_add, [1, -1, 2 ** 31 - 1, 5], [2, 1, 1, -7], true), [3, 0, -(2 ** 31), -2]);
  assert.equal(binary(SimdOp.i32x4_sub, [1, -1, -(2 ** 31), 5], [2, 1, 1, -7], true), [-1, -2, 2 ** 31 - 1, 12]);
  // Shifts and bitselect take other operand shapes.
  const shift = (op: number, lanes: number[], count: number): number[] => {
    const f = new FunctionBody([], []);
    f.i32Const(0).simd(SimdOp.v128_const);
    const view = new DataView(new ArrayBuffer(16));
    lanes.forEach((x, i) => view.setInt32(4 * i, x, true));
    for (let i = 0; i < 16; i++) f.code.push(view.getUint8(i));
    f.i32Const(count).simd(op).simd(SimdOp.v128_store, 4, 0);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ memory: { initial: 1, exportName: 'memory' }, functions: [{ exportName: 'run', body: f }] })));
    (inst.exports.run as () => void)();
    return Array.from(new Int32Array((inst.exports.memory as WebAssembly.Memory).buffer, 0, 4));
  };
  assert.equal(shift(SimdOp.i32x4_shl, [1, 3, 0x1ff, -1], 23), [1 << 23, 3 << 23, 0xff800000 | 0, 0xff800000 | 0]);
  assert.equal(shift(SimdOp.i32x4_shr_s, [8, -8, -1, 7], 1), [4, -4, -1, 3]);
  // bitselect(v1, v2, mask) takes v1 where the mask is set: mask = [0, 2, 0, 2] > 1.
  const g = new FunctionBody([], []);
  g.i32Const(0).f32x4Const(1, 2, 3, 4).f32x4Const(5, 6, 7, 8).f32x4Const(0, 2, 0, 2).f32x4Const(1, 1, 1, 1);
  g.simd(SimdOp.f32x4_gt).simd(SimdOp.v128_bitselect).simd(SimdOp.v128_store, 4, 0);
  const inst2 = new WebAssembly.Instance(new WebAssembly.Module(buildModule({ memory: { initial: 1, exportName: 'memory' }, functions: [{ exportName: 'run', body: g }] })));
  (inst2.exports.run as () => void)();
  assert.equal(Array.from(new Float32Array((inst2.exports.memory as WebAssembly.Memory).buffer, 0, 4)), [5, 2, 7, 4]);
});

test('the kernel constants are the float32 values their formulas say', () => {
  const K = EXP_KERNEL_CONSTANTS;
  assert.is(K.LOG2E, Math.fround(Math.LOG2E));
  assert.is(K.C1, 355 / 512); // 0.693359375: 9 significant bits
  assert.is(K.C2, Math.fround(Math.LN2 - 355 / 512));
  assert.is(K.SHIFT, 1.5 * 2 ** 23 + 254);
  assert.is(K.SHIFT_NONPOSITIVE, 1.5 * 2 ** 23 + 192);
  for (const c of [...K.P, ...K.P5]) assert.is(Math.fround(c), c);
  // Thresholds: OVERFLOW_X is the largest float32 with finite fround(e^x), UNDERFLOW_X the smallest
  // with nonzero fround(e^x); their float32 neighbours fall on the other side.
  const next = (x: number, d: number) => new Float32Array(new Uint32Array([f32bits(x) + d]).buffer)[0];
  assert.ok(Number.isFinite(Math.fround(Math.exp(K.OVERFLOW_X))));
  assert.is(Math.fround(Math.exp(next(K.OVERFLOW_X, 1))), Infinity);
  assert.ok(Math.fround(Math.exp(K.UNDERFLOW_X)) > 0);
  assert.is(Math.fround(Math.exp(next(K.UNDERFLOW_X, 1))), 0); // the bit pattern + 1 is more negative
  // The float32 bound 128 ln 2 + ln(1 - 2^-25) and -150 ln 2 (fastexp.ts) sit between the neighbours.
  assert.ok(K.OVERFLOW_X < 128 * Math.LN2 + Math.log1p(-(2 ** -25)) && next(K.OVERFLOW_X, 1) > 128 * Math.LN2 + Math.log1p(-(2 ** -25)));
  assert.ok(K.UNDERFLOW_X > -150 * Math.LN2 && next(K.UNDERFLOW_X, 1) < -150 * Math.LN2);
});

// ---------------------------------------------------------------------------------------------
// exp and sigmoid accuracy.
// ---------------------------------------------------------------------------------------------

/** Every 4096th float32 bit pattern (2^20 of them, all signs and exponents), offset by 1234. */
function everyNth(step: number, offset: number): Float32Array {
  const u = new Uint32Array(2 ** 32 / step);
  for (let i = 0; i < u.length; i++) u[i] = (i * step + offset) >>> 0;
  return new Float32Array(u.buffer);
}

/** Dense neighbourhoods: the two thresholds, the normal/subnormal result boundary, 0, and every
 *  reduction boundary x = (j + 1/2) ln 2 where k changes, j = -151..128. */
function boundaryRegions(): Float32Array[] {
  const K = EXP_KERNEL_CONSTANTS;
  const regions = [
    around(f32bits(K.OVERFLOW_X), 4096), around(f32bits(K.UNDERFLOW_X), 4096),
    around(f32bits(-126 * Math.LN2), 4096), around(f32bits(-149 * Math.LN2), 2048),
    around(f32bits(0), 2048), around(f32bits(-0), 2048), around(f32bits(1e4), 16), around(f32bits(-1e4), 16),
  ];
  for (let j = -151; j <= 128; j++) regions.push(around(f32bits((j + 0.5) * Math.LN2), 64));
  return regions;
}

test('exp: relative error <= 2^-21 on every 4096th float32 bit pattern and dense boundary regions', () => {
  const s = newErrStats();
  for (const xs of [everyNth(4096, 1234), ...boundaryRegions()]) checkWasmExp(k, xs, new Float32Array(xs.length), LIMIT, s);
  assertClean(s, 'exp');
  assert.ok(s.checked > 2 ** 20 && s.infinityCount > 0 && s.zeroCount > 0);
  assert.ok(s.maxErrSubnormal > 0, 'subnormal results were checked');
});

test('N-NN-01 sigmoid: |error| <= 2^-21 max(σ(x), 2^-126) on every 4096th pattern and the boundary regions', () => {
  const s = newErrStats();
  for (const xs of [everyNth(4096, 777), ...boundaryRegions()]) checkWasmSigmoid(k, xs, new Float32Array(xs.length), LIMIT, s);
  assertClean(s, 'sigmoid');
  assert.ok(s.maxErrSubnormal > 0, 'subnormal results were checked');
});

test('exp and sigmoid special values: ±0, ±Inf, NaN, ±88.7, ±103, ±1e4', () => {
  const xs = new Float32Array([0, -0, Infinity, -Infinity, NaN, 88.7, -88.7, 103, -103, 1e4, -1e4, 88.72283172607422, 88.72283935546875]);
  const e = wasmExp(new Float32Array(xs.length), xs);
  assert.is(e[0], 1); assert.is(e[1], 1);
  assert.is(e[2], Infinity); assert.is(e[3], 0); assert.ok(Number.isNaN(e[4]));
  assert.ok(Math.abs(e[5] - Math.exp(88.69999694824219)) <= LIMIT * Math.exp(88.69999694824219));
  assert.ok(Math.abs(e[6] - Math.exp(-88.69999694824219)) <= LIMIT * 2 ** -126); // subnormal result
  assert.is(e[7], Infinity); assert.ok(e[8] > 0 && Math.abs(e[8] - Math.exp(-103)) <= LIMIT * 2 ** -126);
  assert.is(e[9], Infinity); assert.is(e[10], 0);
  assert.ok(Number.isFinite(e[11])); assert.is(e[12], Infinity);
  const s = wasmSigmoid(new Float32Array(xs.length), xs);
  assert.is(s[0], 0.5); assert.is(s[1], 0.5);
  assert.is(s[2], 1); assert.is(s[3], 0); assert.ok(Number.isNaN(s[4]));
  assert.is(s[5], 1); // 1 - e^-88.7 rounds to 1
  assert.ok(s[6] > 0 && Math.abs(s[6] - sigmoidReference(-88.69999694824219)) <= LIMIT * 2 ** -126);
  assert.is(s[7], 1); assert.ok(s[8] > 0); // σ(-103) = 1.4e-45 is the smallest subnormal
  assert.is(s[9], 1); assert.is(s[10], 0);
  for (let i = 0; i < s.length; i++) if (i !== 4) assert.ok(!Number.isNaN(s[i]), `sigmoid(${xs[i]}) is not NaN`);
});

test('exp and sigmoid on odd lengths (0, 1, 3, 4, 5, 1023, 70000) and in place', () => {
  for (const n of LENGTHS) {
    const x = data(n, 11 + n, -30, 30);
    for (const [name, fn, check] of [
      ['exp', (o: Float32Array, v: Float32Array) => k.exp(o, v), checkWasmExp],
      ['sigmoid', (o: Float32Array, v: Float32Array) => k.sigmoid(o, v), checkWasmSigmoid],
    ] as const) {
      const s = newErrStats();
      check(k, x, new Float32Array(n), LIMIT, s); // against the float64 reference
      assertClean(s, `${name} n = ${n}`);
      // Sentinels after out stay untouched; in place equals out of place bit for bit.
      const buf = new Float32Array(n + 3).fill(-7);
      const out = buf.subarray(0, n);
      const r = fn(out, x);
      assert.ok(r === out);
      assert.equal(Array.from(buf.subarray(n)), [-7, -7, -7], `${name} n = ${n} wrote past out`);
      const y = x.slice();
      fn(y, y);
      assert.equal(Array.from(y), Array.from(out), `${name} in place n = ${n}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// addRowVector.
// ---------------------------------------------------------------------------------------------

test('addRowVector equals a[i][j] + v[j] bit for bit (one float32 add) on odd shapes, in place, long rows', () => {
  const shapes: Array<[number, number]> = [[0, 0], [0, 5], [3, 0], [1, 1], [1, 3], [3, 5], [7, 4], [37, 53], [70, 1001], [2, 70001], [3, 131075]];
  for (const [rows, cols] of shapes) {
    const a = data(rows * cols, rows + 7 * cols, -10, 10), v = data(cols, cols + 1, -10, 10);
    const buf = new Float32Array(rows * cols + 2).fill(-7);
    const out = buf.subarray(0, rows * cols);
    wasmAddRowVector(out, a, v, rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const want = Math.fround(a[i * cols + j] + v[j]); // float64 sum of two floats, rounded once
        if (out[i * cols + j] !== want) assert.unreachable(`${rows}x${cols} at (${i}, ${j}): ${out[i * cols + j]} vs ${want}`);
      }
    }
    assert.equal(Array.from(buf.subarray(rows * cols)), [-7, -7]);
    const y = a.slice();
    wasmAddRowVector(y, y, v, rows, cols);
    assert.equal(Array.from(y), Array.from(out), `in place ${rows}x${cols}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Memory, chunking and errors.
// ---------------------------------------------------------------------------------------------

test('small chunks give the same bits as the default; memory grows only for a long row vector', () => {
  const small = createWasmElementwise({ chunk: 8 });
  const x = data(1003, 5, -20, 20);
  assert.equal(Array.from(small.sigmoid(new Float32Array(1003), x)), Array.from(k.sigmoid(new Float32Array(1003), x)));
  assert.equal(Array.from(small.exp(new Float32Array(1003), x)), Array.from(k.exp(new Float32Array(1003), x)));
  const fresh = createWasmElementwise();
  const probe = data(100, 6, -90, 90);
  const expBefore = Array.from(fresh.exp(new Float32Array(100), probe));
  const before = fresh.memoryBytes;
  assert.is(before, 2 * DEFAULT_ELEMENTWISE_CHUNK * 4);
  fresh.sigmoid(new Float32Array(200000), data(200000, 1, -1, 1));
  assert.is(fresh.memoryBytes, before, 'unary kernels never grow the memory');
  const cols = 100000;
  const a = data(2 * cols, 3, -1, 1), v = data(cols, 4, -1, 1);
  const out = fresh.addRowVector(new Float32Array(2 * cols), a, v, 2, cols);
  assert.ok(fresh.memoryBytes > before);
  assert.is(out[cols + 99999], Math.fround(a[cols + 99999] + v[99999]));
  // Right after growth the other kernels still work (their views were refreshed).
  assert.equal(Array.from(fresh.exp(new Float32Array(100), probe)), expBefore);
});

test('createWasmElementwise checks its chunk option (the kernels trust their arguments: the public functions check them)', () => {
  assert.throws(() => createWasmElementwise({ chunk: 12 }),
    (e: Error) => e instanceof RangeError && e.message === 'createWasmElementwise: chunk must be a positive multiple of 8, got 12');
});

test.run();
