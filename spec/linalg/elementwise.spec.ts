/**
 * Elementwise special functions and logSumExp against float64 references computed with Math
 * (an independent computation: the references use the direct definitions, not our stable forms,
 * wherever the direct form is accurate in float64).
 *
 * Error measure for float32 results: |F - R| / max(|R|, 2^-126), R the float64 reference
 * (relative error for normal results, absolute error in units of 2^-126 for subnormal ones).
 * Tolerances, derived in docs/linalg.md ("Error bounds"):
 *  - sigmoid, softplus, logSigmoid, tanh, exp (fast exp path): float32 rounding 2^-24, plus the
 *    fast exp's relative error <= 9.4e-9 (which these formulas pass on with a factor <= 1; tanh's
 *    expm1 is <= 2^-28 with a factor <= 2; softplus / logSigmoid add the fast log1p's <= 7.6e-10),
 *    plus float64 roundings ~2^-50:
 *    TOL32 = 2^-24 + 2^-26 = 7.45e-8.
 *  - log, relu (Math.log / exact): float32 rounding only: 2^-24 + 2^-50.
 *  - Float64Array paths and the scalar functions: 8 float64 ulps, 2^-49 relative.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  exp, log, logAddExp, logSigmoid, logSigmoidScalar, logSumExp, relu, sigmoid, sigmoidScalar, softplus,
  softplusScalar, tanh,
} from '../../lib/linalg/elementwise.js';
import { availableBackends, setBackend } from '../../lib/linalg/backend.js';

// These tests check the pure-TypeScript float32 path and its tighter bound; on the 'wasm'
// backend sigmoid and exp dispatch to the SIMD kernels (spec/linalg/elementwise-backends.spec.ts).
// uvu runs every spec file in one process, so the backend is pinned before each test.
test.before.each(() => setBackend('ts'));
test.after(() => setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts'));

const TOL32 = Math.pow(2, -24) + Math.pow(2, -26);
const TOL32_ROUND = Math.pow(2, -24) + Math.pow(2, -50);
const TOL64 = Math.pow(2, -49);
const MIN_NORMAL = Math.pow(2, -126);

// ---- float64 references from the direct definitions -------------------------------------------

/** 1 / (1 + e^-z): accurate in float64 wherever e^-z is finite (z > -709). */
function sigmoidRef(z: number): number {
  if (z < -700) return Math.exp(z); // 1 + e^-z = e^-z to 1e-300 relative
  return 1 / (1 + Math.exp(-z));
}
/** log(1 + e^z) with log1p: accurate wherever e^z is finite. */
function softplusRef(z: number): number {
  if (z > 700) return z; // e^-z < 1e-304: z + log1p(e^-z) = z in float64
  return Math.log1p(Math.exp(z));
}
function logSigmoidRef(z: number): number {
  return -softplusRef(-z);
}

type Kernel = (out: Float32Array, x: Float32Array) => Float32Array;

const SPECIALS = [
  0, -0, 1e-8, -1e-8, 1e-30, -1e-30, 1e-45, -1e-45, 0.5, -0.5, 1, -1, 2, -2, 20, -20, 87.5, -87.5, 88, -88,
  88.7, -88.7, 89, -89, 100, -100, 103.9, -103.9, 104.5, -104.5, 1e4, -1e4, 3e38, -3e38,
];

/** Specials plus a dense sweep: every 1021st float32 bit pattern with |x| <= 120, both signs. */
function sweep(): Float32Array {
  const values: number[] = [...SPECIALS];
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  for (let b = 0; b < 0x42f00000; b += 1021) { // 0x42f00000 = 120
    bits[0] = b;
    values.push(f[0], -f[0]);
  }
  return new Float32Array(values);
}
const X = sweep();

function maxError(kernel: Kernel, ref: (z: number) => number): { err: number; at: number } {
  const out = kernel(new Float32Array(X.length), X);
  let err = 0;
  let at = NaN;
  for (let i = 0; i < X.length; i++) {
    const r = ref(X[i]);
    const f = out[i];
    // Where the reference is not a finite float32 (NaN, ±Infinity, or beyond float32's range),
    // the result must be exactly its float32 rounding.
    if (!Number.isFinite(Math.fround(r))) {
      if (!Object.is(f, Math.fround(r))) return { err: Infinity, at: X[i] };
      continue;
    }
    const e = Math.abs(f - r) / Math.max(Math.abs(r), MIN_NORMAL);
    if (!(e <= err)) { err = e; at = X[i]; }
  }
  return { err, at };
}

const cases: [string, Kernel, (z: number) => number, number][] = [
  ['N-NN-01 sigmoid', sigmoid, sigmoidRef, TOL32],
  ['N-RBM-05 softplus', softplus, softplusRef, TOL32],
  ['logSigmoid', logSigmoid, logSigmoidRef, TOL32],
  ['tanh', tanh, Math.tanh, TOL32],
  ['exp', exp, Math.exp, TOL32],
  ['N-NN-01 relu', relu, (z) => (z > 0 ? z : 0), TOL32_ROUND],
  ['log', log, Math.log, TOL32_ROUND],
];

for (const [name, kernel, ref, tol] of cases) {
  const short = name.split(' ').pop()!;
  test(`${name} (Float32Array) matches the float64 reference within ${tol.toExponential(2)} on ${X.length} points`, () => {
    const { err, at } = maxError(kernel, ref);
    assert.ok(err <= tol, `${short}: error ${err} at x = ${at}`);
  });
}

test('NaN gives NaN and ±Infinity give their limits (Float32Array)', () => {
  const x = new Float32Array([NaN, Infinity, -Infinity]);
  const o = new Float32Array(3);
  const expect: [Kernel, number, number][] = [
    [sigmoid, 1, 0], [softplus, Infinity, 0], [logSigmoid, 0, -Infinity], [tanh, 1, -1], [exp, Infinity, 0],
    [relu, Infinity, 0], [log, Infinity, NaN],
  ];
  for (const [k, atInf, atMinusInf] of expect) {
    k(o, x);
    assert.ok(Number.isNaN(o[0]), `${k.name}(NaN)`);
    assert.is(o[1], atInf, `${k.name}(Infinity)`);
    assert.ok(Object.is(o[2], atMinusInf), `${k.name}(-Infinity) = ${o[2]}`);
  }
});

test('IEEE semantics, no throws: log(0) = -Infinity, log(-1) = NaN, exp overflow = Infinity; signs of zero', () => {
  const o = log(new Float32Array(3), new Float32Array([0, -1, -0]));
  assert.is(o[0], -Infinity);
  assert.ok(Number.isNaN(o[1]));
  assert.is(o[2], -Infinity);
  assert.is(exp(new Float32Array(1), new Float32Array([89]))[0], Infinity);
  const t = tanh(new Float32Array(2), new Float32Array([0, -0]));
  assert.ok(Object.is(t[0], 0) && Object.is(t[1], -0), 'tanh keeps the sign of zero');
  const r = relu(new Float32Array(1), new Float32Array([-0]));
  assert.ok(Object.is(r[0], 0), 'relu(-0) = +0');
});

test('N-RBM-05 stable forms at |x| = 1e4: softplus, sigmoid, logSigmoid, tanh (float32, float64, scalar)', () => {
  const x32 = new Float32Array([1e4, -1e4]);
  const x64 = new Float64Array([1e4, -1e4]);
  for (const x of [x32, x64] as const) {
    const sp = softplus(x.slice(), x);
    assert.equal(Array.from(sp), [1e4, 0], `softplus ${x.constructor.name}`);
    const sg = sigmoid(x.slice(), x);
    assert.equal(Array.from(sg), [1, 0], `sigmoid ${x.constructor.name}`);
    const ls = logSigmoid(x.slice(), x);
    assert.equal(Array.from(ls), [0, -1e4], `logSigmoid ${x.constructor.name}`);
    const th = tanh(x.slice(), x);
    assert.equal(Array.from(th), [1, -1], `tanh ${x.constructor.name}`);
  }
  assert.is(softplusScalar(1e4), 1e4);
  assert.is(softplusScalar(-1e4), 0);
  assert.is(sigmoidScalar(-1e4), 0);
  assert.is(sigmoidScalar(1e4), 1);
  assert.is(logSigmoidScalar(-1e4), -1e4);
  assert.is(logSigmoidScalar(1e4), 0);
});

test('sigmoid gives correctly rounded tiny float32 values where the result is subnormal (x in [-103.9, -87.4])', () => {
  const x = new Float32Array([-87.5, -95, -100, -103.5, -103.9]);
  const out = sigmoid(new Float32Array(x.length), x);
  for (let i = 0; i < x.length; i++) {
    const r = Math.exp(x[i]) / (1 + Math.exp(x[i]));
    assert.ok(out[i] > 0, `sigmoid(${x[i]}) is not flushed to 0`);
    assert.ok(Math.abs(out[i] - r) <= Math.pow(2, -150) * 1.0001, `sigmoid(${x[i]}) = ${out[i]}, reference ${r}`);
  }
});

test('tanh stays accurate near 0 (no cancellation): tanh(1e-8) = 1e-8 in float32', () => {
  const x = new Float32Array([1e-8, -1e-8, 1e-3, 0.01, 0.0216, 0.022]);
  const out = tanh(new Float32Array(x.length), x);
  for (let i = 0; i < x.length; i++) {
    const r = Math.tanh(x[i]);
    assert.ok(Math.abs(out[i] - r) / Math.abs(r) <= TOL32, `tanh(${x[i]}) = ${out[i]}, reference ${r}`);
  }
  assert.is(out[0], Math.fround(1e-8));
});

test('Float64Array path and scalars match independent float64 references within 8 ulps', () => {
  const z: number[] = [];
  for (let i = -4000; i <= 4000; i++) z.push(i * 0.1937); // [-775, 775]
  z.push(0, -0, 1e-300, -1e-300, 1e-12, -1e-12, 708, -708, 745, -745);
  const x = new Float64Array(z);
  const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
  const sg = sigmoid(new Float64Array(x.length), x);
  const sp = softplus(new Float64Array(x.length), x);
  const ls = logSigmoid(new Float64Array(x.length), x);
  const th = tanh(new Float64Array(x.length), x);
  const ex = exp(new Float64Array(x.length), x);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    // sigmoid: direct 1/(1+e^-z) is accurate for z > -700; below it the value underflows like e^z.
    const sr = v < -700 ? Math.exp(v) : 1 / (1 + Math.exp(-v));
    assert.ok(rel(sg[i], sr) <= TOL64 || Math.abs(sg[i] - sr) < 1e-320, `sigmoid64(${v}) = ${sg[i]} vs ${sr}`);
    assert.is(sigmoidScalar(v), sg[i]);
    assert.ok(rel(sp[i], softplusRef(v)) <= TOL64, `softplus64(${v}) = ${sp[i]} vs ${softplusRef(v)}`);
    assert.is(softplusScalar(v), sp[i]);
    assert.ok(rel(ls[i], logSigmoidRef(v)) <= TOL64, `logSigmoid64(${v}) = ${ls[i]} vs ${logSigmoidRef(v)}`);
    assert.is(logSigmoidScalar(v), ls[i]);
    assert.is(th[i], Math.tanh(v));
    assert.is(ex[i], Math.exp(v));
  }
  // Cross-check against a second, unrelated formula: sigma(z) = (1 + tanh(z/2)) / 2 for z >= 0.
  for (let v = 0; v < 30; v += 0.37) assert.ok(rel(sigmoidScalar(v), (1 + Math.tanh(v / 2)) / 2) <= TOL64);
  assert.ok(Number.isNaN(sigmoidScalar(NaN)) && Number.isNaN(softplusScalar(NaN)) && Number.isNaN(logSigmoidScalar(NaN)));
});

test('in-place use: f(x, x) equals f(out, copy of x) for every kernel, float32 and float64', () => {
  const base = new Float32Array([-3, -0.5, 0, 0.25, 2, 40]);
  for (const k of [sigmoid, softplus, logSigmoid, tanh, relu, exp, log] as Kernel[]) {
    const expected = k(new Float32Array(base.length), base);
    const x = base.slice();
    const r = k(x, x);
    assert.ok(r === x, `${k.name} returns out`);
    assert.equal(Array.from(x), Array.from(expected), `${k.name} in place (float32)`);
    const x64 = Float64Array.from(base);
    const e64 = (k as unknown as (o: Float64Array, v: Float64Array) => Float64Array)(new Float64Array(base.length), x64);
    (k as unknown as (o: Float64Array, v: Float64Array) => Float64Array)(x64, x64);
    assert.equal(Array.from(x64), Array.from(e64), `${k.name} in place (float64)`);
  }
});

test('bad input: length mismatch, mixed or wrong types, partial overlap — messages name the function and both values', () => {
  const fns = [sigmoid, softplus, logSigmoid, tanh, relu, exp, log] as Kernel[];
  for (const f of fns) {
    assert.throws(() => f(new Float32Array(3), new Float32Array(4)), (e: Error) =>
      e instanceof RangeError && e.message === `${f.name}: out has length 3 but x has length 4`);
    assert.throws(() => (f as unknown as (o: unknown, x: unknown) => unknown)(new Float64Array(2), new Float32Array(2)), (e: Error) =>
      e instanceof TypeError && e.message === `${f.name}: out is a Float64Array(2) but x is a Float32Array(2) (they must be the same type)`);
    assert.throws(() => (f as unknown as (o: unknown, x: unknown) => unknown)(new Float32Array(2), [1, 2]), (e: Error) =>
      e instanceof TypeError && e.message === `${f.name}: x must be a Float32Array or Float64Array, got Array(2)`);
    assert.throws(() => (f as unknown as (o: unknown, x: unknown) => unknown)(null, new Float32Array(2)), (e: Error) =>
      e instanceof TypeError && e.message === `${f.name}: out must be a Float32Array or Float64Array, got null`);
    const buf = new Float32Array(10);
    assert.throws(() => f(buf.subarray(1, 6), buf.subarray(0, 5)), (e: Error) =>
      e instanceof RangeError && e.message === `${f.name}: out and x overlap in memory without being the same array (byte offsets 4 and 0)`);
  }
  // Disjoint views of one buffer and two views of the same range are fine.
  const buf = new Float32Array(10).fill(1);
  sigmoid(buf.subarray(5, 10), buf.subarray(0, 5));
  sigmoid(buf.subarray(0, 5), new Float32Array(buf.buffer, 0, 5));
  assert.is(buf[0], Math.fround(1 / (1 + Math.exp(-1))));
  assert.is(buf[9], Math.fround(1 / (1 + Math.exp(-1))));
});

test('logSumExp equals log(sum(exp)) computed naively in float64 on moderate values', () => {
  // Deterministic values in [-5, 5] from a fixed linear congruential sequence.
  let s = 12345;
  const v: number[] = [];
  for (let i = 0; i < 1000; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    v.push((s / 4294967296) * 10 - 5);
  }
  let naive = 0;
  for (const t of v) naive += Math.exp(t);
  const ref = Math.log(naive);
  assert.ok(Math.abs(logSumExp(v) - ref) <= 1e-14 * Math.abs(ref) + 1e-15, `${logSumExp(v)} vs ${ref}`);
  const v64 = Float64Array.from(v);
  assert.is(logSumExp(v64), logSumExp(v));
  const v32 = Float32Array.from(v);
  let naive32 = 0;
  for (const t of v32) naive32 += Math.exp(t);
  assert.ok(Math.abs(logSumExp(v32) - Math.log(naive32)) <= 1e-14 * Math.abs(ref) + 1e-15);
  assert.ok(Math.abs(logSumExp([0]) - 0) === 0);
  assert.ok(Math.abs(logSumExp([1, 2, 3]) - Math.log(Math.E + Math.E ** 2 + Math.E ** 3)) < 1e-15 * 4);
});

test('logSumExp does not overflow: [1e4, 1e4] = 1e4 + ln 2, [1000, 1000] = 1000 + ln 2, and special values', () => {
  assert.is(logSumExp(new Float32Array([1e4, 1e4])), 1e4 + Math.LN2);
  assert.is(logSumExp([1000, 1000]), 1000 + Math.LN2);
  assert.ok(Math.abs(logSumExp([-1e4, -1e4, -1e4]) - (-1e4 + Math.log(3))) < 1e-11);
  assert.is(logSumExp([]), -Infinity);
  assert.is(logSumExp([-Infinity, -Infinity]), -Infinity);
  assert.is(logSumExp([-Infinity, 0]), 0);
  assert.is(logSumExp([1, Infinity]), Infinity);
  assert.is(logSumExp([-Infinity, Infinity]), Infinity);
  assert.ok(Number.isNaN(logSumExp([1, NaN])));
  assert.ok(Number.isNaN(logSumExp([Infinity, NaN])));
  assert.throws(() => logSumExp(null as unknown as number[]), (e: Error) =>
    e instanceof TypeError && e.message === 'logSumExp: x must be an array of numbers, got null');
  assert.throws(() => logSumExp(5 as unknown as number[]), (e: Error) =>
    e instanceof TypeError && e.message === 'logSumExp: x must be an array of numbers, got 5');
});

test('logAddExp(a, b) = log(e^a + e^b) without overflow', () => {
  for (const [a, b] of [[0, 0], [1, -2], [-3, 5], [10, 10.5]]) {
    const ref = Math.log(Math.exp(a) + Math.exp(b));
    assert.ok(Math.abs(logAddExp(a, b) - ref) <= 4e-16 * Math.abs(ref) + 1e-16, `logAddExp(${a}, ${b})`);
  }
  assert.is(logAddExp(1000, 1000), 1000 + Math.LN2);
  assert.is(logAddExp(-Infinity, -Infinity), -Infinity);
  assert.is(logAddExp(Infinity, 0), Infinity);
  assert.is(logAddExp(0, -Infinity), 0);
  assert.ok(Number.isNaN(logAddExp(NaN, 0)));
});

test.run();
