/**
 * The fast float32 exp (lib/linalg/fastexp.ts) on a dense deterministic subset of the float32
 * inputs. This is the in-suite check; the exhaustive check over all 2^32 bit patterns is
 * spec/exhaustive/fastexp-all.ts (run by hand; its last result is recorded in its header).
 *
 * Reference: Math.exp / Math.expm1 in float64 (< 1 ulp), an independent computation.
 * Error measure (see fastexp-check.ts): |F - E| / max(E, 2^-126), F the float32 result.
 * Limits:
 *  - the library's promise: 2^-21;
 *  - the derived bound, asserted too: float32 rounding 2^-24, plus the degree-3 Taylor remainder
 *    e^(2|r|) r^4/24 <= 9.4e-9 at |r| = ln2/32, plus a few float64 roundings (~2^-50):
 *    total < 2^-24 + 2^-26 = 7.45e-8.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exp, fastExp, fastExpm1 } from '../../lib/linalg/elementwise.js';
import {
  EXP_CLAMP, EXP_OVERFLOW_FLOAT32, EXP_UNDERFLOW_FLOAT32, FAST_EXP_CONSTANTS, log1pCore,
} from '../../lib/linalg/fastexp.js';
import { checkExp, float32Bits, float32Run, newExpStats, type ExpStats } from './fastexp-check.js';
import { availableBackends, setBackend } from '../../lib/linalg/backend.js';

// These tests check the pure-TypeScript float32 path and its tighter bound; on the 'wasm'
// backend sigmoid and exp dispatch to the SIMD kernels (spec/linalg/elementwise-backends.spec.ts).
// uvu runs every spec file in one process, so the backend is pinned before each test.
test.before.each(() => setBackend('ts'));
test.after(() => setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts'));

const REQUIRED = Math.pow(2, -21);
const DERIVED = Math.pow(2, -24) + Math.pow(2, -26);

function assertStats(s: ExpStats, what: string): void {
  assert.equal(s.failures, [], `${what}: failures`);
  assert.is(s.scalarMismatch, 0, `${what}: fround(fastExp(x)) differs from the kernel`);
  assert.ok(s.maxErrNormal <= REQUIRED, `${what}: max relative error ${s.maxErrNormal} > 2^-21`);
  assert.ok(s.maxErrSubnormal <= REQUIRED, `${what}: max subnormal error ${s.maxErrSubnormal} > 2^-21`);
  assert.ok(s.maxErrNormal <= DERIVED, `${what}: max relative error ${s.maxErrNormal} > derived bound ${DERIVED}`);
  assert.ok(s.maxErrSubnormal <= DERIVED, `${what}: max subnormal error ${s.maxErrSubnormal} > derived bound`);
}

test('the literals inside the hot functions equal the formulas they stand for', () => {
  const c = FAST_EXP_CONSTANTS;
  assert.is(c.STEPS_PER_LN, 16 / Math.LN2);
  assert.is(c.LN_PER_STEP, Math.LN2 / 16);
  assert.is(c.SHIFT, 6755399441055744);
  assert.is(c.EXP2_OFFSET, 2432);
  assert.is(EXP_OVERFLOW_FLOAT32, 88.72283908187067);
  assert.is(EXP_UNDERFLOW_FLOAT32, -103.97207708399179);
  // The source text of each hot function must contain exactly these literals (they are written
  // out because V8 does not fold module-level consts; see the header of fastexp.ts).
  const src = readFileSync(new URL('../../lib/linalg/fastexp.ts', import.meta.url), 'utf8');
  const body = (name: string) => {
    const start = src.indexOf(`export function ${name}(`);
    assert.ok(start >= 0, `${name} found`);
    return src.slice(start, src.indexOf('\n}\n', start));
  };
  const lits = (...xs: number[]) => xs.map((x) => String(x));
  const need: [string, string[]][] = [
    ['expCore', lits(c.STEPS_PER_LN, c.SHIFT, c.LN_PER_STEP, 1 / 6, c.EXP2_OFFSET)],
    ['expm1Core', lits(c.STEPS_PER_LN, c.SHIFT, c.LN_PER_STEP, 1 / 6, 1 / 24, c.EXP2_OFFSET)],
    ['fastExp', lits(EXP_OVERFLOW_FLOAT32, EXP_UNDERFLOW_FLOAT32)],
    ['fastExpm1', lits(EXP_OVERFLOW_FLOAT32, EXP_CLAMP)],
    ['sigmoidFloat32', lits(EXP_CLAMP)],
    ['log1pCore', lits(c.SHIFT, 1 / 64, 1 / 3)],
    ['softplusFloat32', lits(EXP_CLAMP)],
    ['logSigmoidFloat32', lits(EXP_CLAMP)],
    ['tanhFloat32', lits(EXP_CLAMP)],
  ];
  for (const [name, values] of need) {
    const text = body(name);
    for (const v of values) assert.ok(text.includes(v), `${name} contains the literal ${v}`);
  }
});

test('the overflow / underflow thresholds sit between the right float32 neighbours (checked with Math.exp)', () => {
  // Largest float32 whose exp is finite in float32, and the next one up.
  const lastFinite = Math.fround(88.72283172607422);
  const firstInf = Math.fround(88.72283935546875);
  assert.is(float32Bits(firstInf) - float32Bits(lastFinite), 1);
  assert.ok(Number.isFinite(Math.fround(Math.exp(lastFinite))));
  assert.is(Math.fround(Math.exp(firstInf)), Infinity);
  assert.ok(lastFinite < EXP_OVERFLOW_FLOAT32 && EXP_OVERFLOW_FLOAT32 < firstInf);
  // e^x rounds to 0 in float32 iff e^x <= 2^-150, i.e. x <= -150 ln 2.
  assert.ok(Math.abs(Math.exp(EXP_UNDERFLOW_FLOAT32) / Math.pow(2, -150) - 1) < 1e-13);
  const below = Math.fround(EXP_UNDERFLOW_FLOAT32 - 1e-5); // float32 just past the threshold
  const above = Math.fround(EXP_UNDERFLOW_FLOAT32 + 1e-5);
  assert.is(Math.fround(Math.exp(below)), 0);
  assert.is(Math.fround(Math.exp(above)), Math.pow(2, -149));
  // The exp kernel clamps its argument to [-104, 89] instead of branching: both ends must already
  // round to the float32 limits.
  assert.is(Math.fround(Math.exp(89)), Infinity);
  assert.is(Math.fround(Math.exp(-104)), 0);
  assert.ok(Math.exp(-EXP_CLAMP) < Math.pow(2, -150), 'e^-104 is below half the smallest subnormal');
  assert.ok(Number.isFinite(Math.exp(EXP_CLAMP)), 'e^104 is finite in float64');
});

test('fastExp special values follow IEEE: NaN, ±Infinity, ±0, overflow and underflow', () => {
  assert.ok(Number.isNaN(fastExp(NaN)));
  assert.is(fastExp(Infinity), Infinity);
  assert.is(fastExp(-Infinity), 0);
  assert.is(fastExp(0), 1);
  assert.is(fastExp(-0), 1);
  assert.is(fastExp(1000), Infinity);
  assert.is(fastExp(-1000), 0);
  // Non-numbers are not validated in this scalar hot-path function: they give NaN, like Math.exp.
  assert.ok(Number.isNaN(fastExp(undefined as unknown as number)));
  const out = exp(new Float32Array(6), new Float32Array([NaN, Infinity, -Infinity, 0, -0, 1e4]));
  assert.ok(Number.isNaN(out[0]));
  assert.equal(Array.from(out.subarray(1)), [Infinity, 0, 1, 1, Infinity]);
});

test('exp over every 1031st float32 bit pattern (4.2 million, both signs): error <= 2^-21 and the derived bound', () => {
  const s = newExpStats();
  const chunk = 1 << 18;
  const bits = new Uint32Array(chunk);
  const xs = new Float32Array(bits.buffer);
  const out = new Float32Array(chunk);
  const stride = 1031; // prime, so every low-bit residue of the mantissa is visited
  for (let start = 0; start < 2 ** 32; start += stride * chunk) {
    const count = Math.min(chunk, Math.ceil((2 ** 32 - start) / stride));
    for (let j = 0; j < count; j++) bits[j] = start + j * stride;
    checkExp(xs.subarray(0, count), out.subarray(0, count), REQUIRED, s);
  }
  assert.ok(s.checked > 4.1e6);
  assert.ok(s.infinityCount > 0 && s.zeroCount > 0);
  assertStats(s, 'strided');
});

test('exp on every float32 around the hard spots: thresholds, subnormal results, reduction boundaries, 0 and ±1', () => {
  const s = newExpStats();
  const half = 1 << 14; // 2^15 consecutive patterns around each spot
  const spots = [
    88.72283172607422, // last finite result
    EXP_UNDERFLOW_FLOAT32, // results round to 0 below
    -126 * Math.LN2, // results become subnormal below (e^x = 2^-126)
    -149 * Math.LN2, // smallest subnormal result
    Math.LN2 / 32, -Math.LN2 / 32, // k = 0 / ±1 boundary: |r| largest
    (10 + 0.5) * Math.LN2 / 16, (-1000 + 0.5) * Math.LN2 / 16, (2047 + 0.5) * Math.LN2 / 16, // other k boundaries
    Math.pow(2, -24), -Math.pow(2, -25), // where e^x stops rounding to 1
    1, -1, 0.5, -0.5, 2, -2,
  ];
  for (const x of spots) {
    const b = float32Bits(Math.fround(x));
    const xs = float32Run(b - half, 2 * half);
    checkExp(xs, new Float32Array(xs.length), REQUIRED, s);
  }
  // Around +0 and -0 (bit patterns 0 and 0x80000000): tiny and subnormal inputs, exp = 1.
  for (const b of [0, 0x80000000]) {
    const xs = float32Run(b, 2 * half);
    checkExp(xs, new Float32Array(xs.length), REQUIRED, s);
  }
  // NaN payloads and the infinities: patterns just around 0x7f800000 and 0xff800000.
  for (const b of [0x7f800000, 0xff800000]) {
    const xs = float32Run(b - 8, 16);
    checkExp(xs, new Float32Array(xs.length), REQUIRED, s);
  }
  assert.ok(s.checked > 600000);
  assertStats(s, 'hard spots');
});

test('fastExpm1 is accurate relative to e^x - 1, also near 0 (every 4099th float32 in [-110, 90], vs Math.expm1)', () => {
  // Derived bound before float32 rounding: q(r) has relative error <= r^4/120 * 1.03 <= 1.9e-9 at
  // |r| = ln2/32, and the combination T q - (1 - T) amplifies an error of T(1 + q) by at most
  // T(1+q)/|e^x - 1| <= 47 times the (1+q) error r^5/120 <= 4e-11. Asserted: < 2^-28 (3.7e-9).
  let maxErr = 0;
  let worst = 0;
  for (let b = 0; b < 2 ** 32; b += 4099) {
    const x = new Float32Array(new Uint32Array([b]).buffer)[0];
    if (!(x >= -110 && x <= 88.7)) continue;
    const ref = Math.expm1(x);
    const got = fastExpm1(x);
    const err = ref === 0 ? Math.abs(got) : Math.abs(got - ref) / Math.abs(ref);
    if (err > maxErr) { maxErr = err; worst = x; }
  }
  assert.ok(maxErr < Math.pow(2, -28), `fastExpm1 max relative error ${maxErr} at x = ${worst}`);
  assert.ok(Object.is(fastExpm1(-0), -0) && Object.is(fastExpm1(0), 0));
  assert.is(fastExpm1(1e-10), Math.expm1(1e-10));
  assert.is(fastExpm1(-1000), -1);
  assert.is(fastExpm1(1000), Infinity);
  assert.ok(Number.isNaN(fastExpm1(NaN)));
});

test('log1pCore (softplus, logSigmoid) on every 1031st float32 in [0, 1] and 10^5 float64 values, vs Math.log1p', () => {
  // Derived bound: log(1+t) for |t| <= 1/128 by its degree-4 Taylor polynomial has relative error
  // <= |t|^4/5 * 1.01 <= 7.6e-10 (2^-30.3); the table entries and the few roundings add ~2^-51.
  // Asserted: < 2^-30.
  let maxErr = 0;
  let worst = 0;
  const check = (u: number) => {
    const ref = Math.log1p(u);
    const err = ref === 0 ? Math.abs(log1pCore(u)) : Math.abs(log1pCore(u) - ref) / ref;
    if (err > maxErr) { maxErr = err; worst = u; }
  };
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  for (let b = 0; b <= 0x3f800000; b += 1031) { bits[0] = b; check(f[0]); }
  for (let i = 0; i <= 100000; i++) check(i / 100000);
  for (let j = 0; j <= 64; j++) { check((j + 0.5) / 64); check(Math.min(1, (j + 0.5) / 64 + 1e-12)); } // widest |t|
  check(1);
  assert.ok(maxErr < Math.pow(2, -30), `log1pCore max relative error ${maxErr} at u = ${worst}`);
  assert.is(log1pCore(0), 0);
  assert.is(log1pCore(1e-30), 1e-30);
  assert.ok(Number.isNaN(log1pCore(NaN)));
});

test.run();
