/**
 * Shared checker for the wasm SIMD exp and sigmoid (lib/linalg/wasm/elementwise.ts), used by
 * spec/linalg/wasm-elementwise.spec.ts (dense subsets on every `npm test`) and
 * spec/exhaustive/wasm-exp-all.ts (all 2^32 float32 bit patterns).
 *
 * exp: F = kernel output against E = Math.exp(x) (float64, < 1 ulp of float64 from e^x, so it
 * stands in for the exact value):
 *  - NaN x: F must be NaN.
 *  - fround(E) = +Infinity (e^x overflows float32)  <=>  F = +Infinity.
 *  - fround(E) = 0 (e^x at or below 2^-150, half the smallest subnormal)  <=>  F = 0.
 *  - otherwise err = |F - E| / max(E, 2^-126) <= limit: the relative error for normal results,
 *    and the absolute error in units of 2^-126 for subnormal ones (limit 2^-21: |F - E| <= 2^-147,
 *    four subnormal ulps).
 *
 * sigmoid: F against S = σ(x) in float64, S = 1/(1 + e^-x) for x >= 0 and e^x/(1 + e^x) for
 * x < 0 (relative error ~1e-16):
 *  - NaN x: F must be NaN; otherwise F must not be NaN.
 *  - err = |F - S| / max(S, 2^-126) <= limit (S = 0, for x below about -745, needs |F| <= limit·2^-126).
 */
import type { WasmElementwise } from '../../lib/linalg/wasm/elementwise.js';

export const MIN_NORMAL_FLOAT32 = Math.pow(2, -126);

export interface ErrStats {
  checked: number;
  failures: string[];
  /** Largest relative error where the reference is a normal float32 (>= 2^-126). */
  maxErrNormal: number;
  maxErrNormalX: number;
  /** Largest |F - ref| / 2^-126 where the reference is below 2^-126. */
  maxErrSubnormal: number;
  maxErrSubnormalX: number;
  /** Finite nonzero results different from fround(reference) (one float32 ulp or more away). */
  notCorrectlyRounded: number;
  infinityCount: number;
  zeroCount: number;
}

/**
 * A fresh, empty statistics record.
 *
 * @example
 * const s = newErrStats(); // s.checked === 0
 */
export function newErrStats(): ErrStats {
  return {
    checked: 0, failures: [], maxErrNormal: 0, maxErrNormalX: 0, maxErrSubnormal: 0, maxErrSubnormalX: 0,
    notCorrectlyRounded: 0, infinityCount: 0, zeroCount: 0,
  };
}

/**
 * Combines two statistics records (for the exhaustive run's processes).
 *
 * @example
 * const s = mergeErrStats(newErrStats(), newErrStats());
 */
export function mergeErrStats(a: ErrStats, b: ErrStats): ErrStats {
  const m = newErrStats();
  m.checked = a.checked + b.checked;
  m.failures = [...a.failures, ...b.failures].slice(0, 20);
  const n1 = a.maxErrNormal >= b.maxErrNormal ? a : b;
  m.maxErrNormal = n1.maxErrNormal; m.maxErrNormalX = n1.maxErrNormalX;
  const s1 = a.maxErrSubnormal >= b.maxErrSubnormal ? a : b;
  m.maxErrSubnormal = s1.maxErrSubnormal; m.maxErrSubnormalX = s1.maxErrSubnormalX;
  m.notCorrectlyRounded = a.notCorrectlyRounded + b.notCorrectlyRounded;
  m.infinityCount = a.infinityCount + b.infinityCount;
  m.zeroCount = a.zeroCount + b.zeroCount;
  return m;
}

function record(s: ErrStats, x: number, f: number, ref: number, limit: number, what: string): void {
  if (Math.fround(ref) !== f) s.notCorrectlyRounded++;
  if (ref >= MIN_NORMAL_FLOAT32) {
    const err = Math.abs(f - ref) / ref;
    if (err > s.maxErrNormal) { s.maxErrNormal = err; s.maxErrNormalX = x; }
    if (!(err <= limit) && s.failures.length < 20) s.failures.push(`${what}(${x}) = ${f}: relative error ${err} > ${limit} (reference ${ref})`);
  } else {
    const err = Math.abs(f - ref) / MIN_NORMAL_FLOAT32;
    if (err > s.maxErrSubnormal) { s.maxErrSubnormal = err; s.maxErrSubnormalX = x; }
    if (!(err <= limit) && s.failures.length < 20) s.failures.push(`${what}(${x}) = ${f}: error ${err} * 2^-126 > ${limit} * 2^-126 (reference ${ref})`);
  }
}

/**
 * Runs `k.exp(out, xs)` and checks every element against Math.exp with error limit `limit`
 * (rules in the file header).
 *
 * @example
 * const s = newErrStats();
 * checkWasmExp(createWasmElementwise(), new Float32Array([0, 1]), new Float32Array(2), 2 ** -21, s);
 */
export function checkWasmExp(k: WasmElementwise, xs: Float32Array, out: Float32Array, limit: number, s: ErrStats): void {
  const fail = (msg: string) => { if (s.failures.length < 20) s.failures.push(msg); };
  k.exp(out, xs);
  const n = xs.length;
  for (let j = 0; j < n; j++) {
    const x = xs[j], f = out[j];
    s.checked++;
    if (x !== x) {
      if (f === f) fail(`exp(NaN) gave ${f}`);
      continue;
    }
    const e = Math.exp(x);
    const r = Math.fround(e);
    if (r === Infinity || f === Infinity) {
      if (r !== f) fail(`exp(${x}): overflow mismatch, fround(Math.exp(x)) = ${r}, ours ${f}`);
      s.infinityCount++;
      continue;
    }
    if (r === 0 || f === 0) {
      if (r !== f) fail(`exp(${x}): underflow mismatch, fround(Math.exp(x)) = ${r}, ours ${f}`);
      s.zeroCount++;
      continue;
    }
    record(s, x, f, e, limit, 'exp');
  }
}

/** σ(x) in float64 without overflow. */
export function sigmoidReference(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Runs `k.sigmoid(out, xs)` and checks every element against the float64 σ(x) with error limit
 * `limit` (rules in the file header).
 *
 * @example
 * const s = newErrStats();
 * checkWasmSigmoid(createWasmElementwise(), new Float32Array([0, 1]), new Float32Array(2), 2 ** -21, s);
 */
export function checkWasmSigmoid(k: WasmElementwise, xs: Float32Array, out: Float32Array, limit: number, s: ErrStats): void {
  k.sigmoid(out, xs);
  const n = xs.length;
  for (let j = 0; j < n; j++) {
    const x = xs[j], f = out[j];
    s.checked++;
    if (x !== x || f !== f) {
      if ((x !== x) !== (f !== f) && s.failures.length < 20) s.failures.push(`sigmoid(${x}) gave ${f}`);
      continue;
    }
    const ref = sigmoidReference(x);
    if (f === 0) s.zeroCount++;
    record(s, x, f, ref, limit, 'sigmoid');
  }
}
