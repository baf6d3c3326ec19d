/**
 * Shared checker for the fast float32 exp, used by spec/linalg/fastexp.spec.ts (a dense subset
 * on every `npm test`) and spec/exhaustive/fastexp-all.ts (all 2^32 float32 bit patterns).
 *
 * For each float32 x it compares F = exp kernel output with E = Math.exp(x) (float64, < 1 ulp
 * from e^x, so it stands in for the exact value):
 *  - NaN x: F must be NaN.
 *  - fround(E) = +Infinity (e^x overflows float32)  <=>  F = +Infinity.
 *  - fround(E) = 0 (e^x at or below half the smallest subnormal, 2^-150)  <=>  F = 0.
 *  - otherwise  err = |F - E| / max(E, 2^-126)  must be <= the limit. For normal results this is
 *    the relative error; for subnormal results (E < 2^-126) it is the absolute error in units of
 *    2^-126, i.e. |F - E| <= limit * 2^-126 (with limit 2^-21: 2^-147, four subnormal ulps).
 *  - Math.fround(fastExp(x)) must equal F bit for bit (scalar and kernel agree).
 * It also counts finite nonzero results that differ from fround(E) (off by one float32 ulp).
 */
import { exp, fastExp } from '../../lib/linalg/elementwise.js';

export const MIN_NORMAL_FLOAT32 = Math.pow(2, -126);

export interface ExpStats {
  checked: number;
  failures: string[];
  maxErrNormal: number;
  maxErrNormalX: number;
  maxErrSubnormal: number;
  maxErrSubnormalX: number;
  notCorrectlyRounded: number;
  scalarMismatch: number;
  infinityCount: number;
  zeroCount: number;
}

export function newExpStats(): ExpStats {
  return {
    checked: 0, failures: [], maxErrNormal: 0, maxErrNormalX: 0, maxErrSubnormal: 0, maxErrSubnormalX: 0,
    notCorrectlyRounded: 0, scalarMismatch: 0, infinityCount: 0, zeroCount: 0,
  };
}

/** Runs `exp(out, xs)` and checks every element against Math.exp with error limit `limit`. */
export function checkExp(xs: Float32Array, out: Float32Array, limit: number, s: ExpStats): void {
  const fail = (msg: string) => {
    if (s.failures.length < 20) s.failures.push(msg);
  };
  exp(out, xs);
  const n = xs.length;
  for (let j = 0; j < n; j++) {
    const x = xs[j];
    const f = out[j];
    s.checked++;
    const g = Math.fround(fastExp(x));
    if (!(Object.is(g, f) || (g !== g && f !== f))) s.scalarMismatch++;
    if (x !== x) {
      if (f === f) fail(`x = NaN gave ${f}`);
      continue;
    }
    const e = Math.exp(x);
    const r = Math.fround(e);
    if (r === Infinity || f === Infinity) {
      if (r !== f) fail(`x = ${x}: overflow mismatch, fround(Math.exp(x)) = ${r}, ours ${f}`);
      s.infinityCount++;
      continue;
    }
    if (r === 0 || f === 0) {
      if (r !== f) fail(`x = ${x}: underflow mismatch, fround(Math.exp(x)) = ${r}, ours ${f}`);
      s.zeroCount++;
      continue;
    }
    if (f !== r) s.notCorrectlyRounded++;
    if (e >= MIN_NORMAL_FLOAT32) {
      const err = Math.abs(f - e) / e;
      if (err > s.maxErrNormal) { s.maxErrNormal = err; s.maxErrNormalX = x; }
      if (err > limit) fail(`x = ${x}: relative error ${err} > ${limit}`);
    } else {
      const err = Math.abs(f - e) / MIN_NORMAL_FLOAT32;
      if (err > s.maxErrSubnormal) { s.maxErrSubnormal = err; s.maxErrSubnormalX = x; }
      if (err > limit) fail(`x = ${x}: subnormal error ${err} * 2^-126 > ${limit} * 2^-126`);
    }
  }
}

/** Adds the counts of b into a (max errors keep their x). */
export function mergeExpStats(a: ExpStats, b: ExpStats): ExpStats {
  a.checked += b.checked;
  a.failures.push(...b.failures);
  if (b.maxErrNormal > a.maxErrNormal) { a.maxErrNormal = b.maxErrNormal; a.maxErrNormalX = b.maxErrNormalX; }
  if (b.maxErrSubnormal > a.maxErrSubnormal) { a.maxErrSubnormal = b.maxErrSubnormal; a.maxErrSubnormalX = b.maxErrSubnormalX; }
  a.notCorrectlyRounded += b.notCorrectlyRounded;
  a.scalarMismatch += b.scalarMismatch;
  a.infinityCount += b.infinityCount;
  a.zeroCount += b.zeroCount;
  return a;
}

/** The float32 values whose bit patterns are start, start + 1, ..., start + count - 1 (mod 2^32). */
export function float32Run(start: number, count: number): Float32Array {
  const bits = new Uint32Array(count);
  for (let j = 0; j < count; j++) bits[j] = (start + j) >>> 0;
  return new Float32Array(bits.buffer);
}

/** The bit pattern of a float32 value. */
export function float32Bits(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0];
}
