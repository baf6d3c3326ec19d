/**
 * Elementwise special functions in stable forms, and log-sum-exp.
 *
 * Array kernels are out-parameter style, `fn(out, x)`: they write f(x[i]) into out[i] and return
 * `out`. In-place use (`sigmoid(x, x)`) is allowed; `out` and `x` must have the same length and
 * the same type, either both Float32Array or both Float64Array:
 *
 *  - Float32Array (model storage): computed in float64 with the fast table + polynomial exp
 *    (and, for softplus / logSigmoid, log1p) of ./fastexp.ts and rounded once to float32. Every result is within a few float32 ulps of the
 *    exact value (bounds in docs/linalg.md, checked in spec/linalg/elementwise.spec.ts).
 *  - Float64Array (exact work): the same formulas with Math.exp / Math.log1p, full float64.
 *
 * Semantics follow IEEE 754 like numpy's ufuncs: nothing throws inside the math. NaN in gives
 * NaN out, log(0) = -Infinity, log(x < 0) = NaN, exp overflows to +Infinity. Only bad arguments
 * (wrong type, mismatched lengths, partly overlapping arrays) throw, before any element is written.
 *
 * Scalar float64 versions (`sigmoidScalar`, `softplusScalar`, `logSigmoidScalar`, `logAddExp`)
 * are exported for RBM / MCMC code that works one number at a time.
 */
import { logSigmoidFloat32, softplusFloat32 } from './fastexp.js';
import { activeBackend } from './backend.js';
import { sigmoidUnchecked, tanhUnchecked } from './kernels.js';
import { describe, overlaps } from '../checks/index.js';

export { fastExp, fastExpm1 } from './fastexp.js';

/** The two array types the elementwise kernels accept (`out` and `x` must be the same one). */
export type ElementwiseArray = Float32Array | Float64Array;

/**
 * Checks an (out, x) pair: both Float32Array or both Float64Array, equal lengths, and either the
 * same array or not overlapping in memory. Returns true for float32.
 */
function checkPair(fn: string, out: unknown, x: unknown): boolean {
  const xIs32 = x instanceof Float32Array;
  if (!xIs32 && !(x instanceof Float64Array)) {
    throw new TypeError(`${fn}: x must be a Float32Array or Float64Array, got ${describe(x)}`);
  }
  const outIs32 = out instanceof Float32Array;
  if (!outIs32 && !(out instanceof Float64Array)) {
    throw new TypeError(`${fn}: out must be a Float32Array or Float64Array, got ${describe(out)}`);
  }
  const a = out as ElementwiseArray;
  const b = x as ElementwiseArray;
  if (outIs32 !== xIs32) {
    throw new TypeError(`${fn}: out is a ${describe(out)} but x is a ${describe(x)} (they must be the same type)`);
  }
  if (a.length !== b.length) {
    throw new RangeError(`${fn}: out has length ${a.length} but x has length ${b.length}`);
  }
  if (a.byteOffset !== b.byteOffset && overlaps(a, b)) {
    throw new RangeError(
      `${fn}: out and x overlap in memory without being the same array (byte offsets ${a.byteOffset} and ${b.byteOffset})`,
    );
  }
  return xIs32;
}

// ---------------------------------------------------------------------------------------------
// Scalar float64 forms (Math.exp / Math.log1p): for code that works one number at a time.
// ---------------------------------------------------------------------------------------------

/**
 * Logistic function in float64, sigma(z) = 1 / (1 + e^-z), without overflow: for z < 0 it uses
 * the equal form e^z / (1 + e^z), so e^|z| is never formed. sigmoidScalar(-1e4) = 0 and
 * sigmoidScalar(1e4) = 1 exactly (both are the correctly rounded values). Math.exp's contract,
 * with no argument checks (it runs inside hot loops): NaN gives NaN, sigmoidScalar(Infinity) = 1
 * and sigmoidScalar(-Infinity) = 0.
 * N-NN-01 sigma(z) = 1/(1+e^-z); N-RBM-07 p(h_j=1|x) = sigma(b_j + sum_i x_i w_ij).
 *
 * @example
 * sigmoidScalar(0);    // 0.5
 * sigmoidScalar(-800); // 3.6e-348 underflows: 0 (and no NaN)
 */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z); // z < 0 or NaN: e <= 1
  return e / (1 + e);
}

/**
 * softplus(z) = log(1 + e^z) in float64, in the stable form max(z, 0) + log1p(e^-|z|):
 * the exponent is never positive, so nothing overflows, and log1p keeps the small tail exact.
 * softplusScalar(1e4) = 1e4, softplusScalar(-1e4) = e^-1e4 = 0 (underflow). Math.exp's contract,
 * with no argument checks (it runs inside hot loops): NaN gives NaN, softplusScalar(Infinity) =
 * Infinity and softplusScalar(-Infinity) = 0.
 * N-RBM-05 softplus(z) = max(z,0) + log(1 + e^-|z|).
 *
 * @example
 * softplusScalar(0);   // 0.6931471805599453 (ln 2)
 * softplusScalar(-30); // 9.357622968839737e-14 (e^-30 = 9.357622968840175e-14)
 */
export function softplusScalar(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * log sigma(z) = -softplus(-z) = min(z, 0) - log1p(e^-|z|) in float64: finite for every finite z,
 * e.g. logSigmoidScalar(-1e4) = -1e4 (where log(sigmoidScalar(-1e4)) = log 0 = -Infinity).
 * Math.exp's contract, with no argument checks (it runs inside hot loops): NaN gives NaN,
 * logSigmoidScalar(Infinity) = 0 and logSigmoidScalar(-Infinity) = -Infinity.
 *
 * @example
 * logSigmoidScalar(0);     // -0.6931471805599453 (ln 1/2)
 * logSigmoidScalar(-1000); // -1000
 */
export function logSigmoidScalar(z: number): number {
  return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * log(e^a + e^b) in float64 without overflow: max(a, b) + log1p(e^-|a - b|).
 * Math.exp's contract, with no argument checks (it runs inside hot loops): NaN in either argument
 * gives NaN; logAddExp(-Infinity, -Infinity) = -Infinity, logAddExp(b, -Infinity) = b, and an
 * Infinity argument gives Infinity.
 *
 * @example
 * logAddExp(1000, 1000); // 1000.6931471805599 (1000 + ln 2)
 * logAddExp(0, -Infinity); // 0
 */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity || m === Infinity) return m; // both -Inf, or one +Inf (e^-|a-b| would be NaN)
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

// ---------------------------------------------------------------------------------------------
// Public kernels.
// ---------------------------------------------------------------------------------------------

/** The float64 path of the array functions: out[i] = f(x[i]) with the float64 scalar form. */
function map64(out: Float64Array, x: Float64Array, f: (v: number) => number): void {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = f(x[i]);
}

/**
 * out[i] = sigma(x[i]) = 1 / (1 + e^-x[i]), the logistic function. Float32: fast exp, relative
 * error <= 2^-24 + 2^-26.6 (normal results); x = -1e4 gives 0 and x = 1e4 gives 1, subnormal
 * results (x in [-103.9, -87.3]) are rounded correctly within one subnormal ulp. Float64: the
 * exact {@link sigmoidScalar}. In place allowed.
 * N-NN-01 sigma(z) = 1/(1+e^-z).
 *
 * @example
 * const x = new Float32Array([-1e4, 0, 2]);
 * sigmoid(x, x); // Float32Array [0, 0.5, 0.8807970881462097]
 */
export function sigmoid<T extends ElementwiseArray>(out: T, x: T): T {
  if (checkPair('sigmoid', out, x)) {
    // The active backend's kernel: 'ts' uses the polynomial exp (error <= 2^-24 + 2^-26), 'wasm'
    // the SIMD kernel for arrays of 16 or more (error <= 2^-21, proved over all float32 inputs).
    sigmoidUnchecked(out as Float32Array, x as Float32Array);
  }
  else map64(out as Float64Array, x as Float64Array, sigmoidScalar);
  return out;
}

/**
 * out[i] = softplus(x[i]) = log(1 + e^x[i]), computed as max(x, 0) + log1p(e^-|x|) so that
 * softplus(1e4) = 1e4 and softplus(-1e4) = 0 (the true value underflows). N-RBM-05.
 *
 * @example
 * softplus(new Float32Array(3), new Float32Array([-1e4, 0, 1e4])); // [0, 0.6931471824645996, 10000]
 */
export function softplus<T extends ElementwiseArray>(out: T, x: T): T {
  if (checkPair('softplus', out, x)) softplusFloat32(out as Float32Array, x as Float32Array);
  else map64(out as Float64Array, x as Float64Array, softplusScalar);
  return out;
}

/**
 * out[i] = log sigma(x[i]) = -softplus(-x[i]) = min(x, 0) - log1p(e^-|x|): finite where
 * log(sigmoid(x)) would be log 0 = -Infinity, e.g. logSigmoid(-1e4) = -1e4.
 *
 * @example
 * logSigmoid(new Float32Array(2), new Float32Array([-1e4, 0])); // [-10000, -0.6931471824645996]
 */
export function logSigmoid<T extends ElementwiseArray>(out: T, x: T): T {
  if (checkPair('logSigmoid', out, x)) logSigmoidFloat32(out as Float32Array, x as Float32Array);
  else map64(out as Float64Array, x as Float64Array, logSigmoidScalar);
  return out;
}

/**
 * out[i] = tanh(x[i]). Float32: tanh x = -m / (2 + m) with m = e^-2x - 1 from the fast expm1
 * (accurate near 0, so tanh(1e-8) = 1e-8), exactly ±1 from |x| ~ 9.02 on, ±0 kept. Float64: Math.tanh.
 * Spin RBMs use E[h_j | x] = tanh(theta_j) (N-SPIN-02).
 *
 * @example
 * tanh(new Float32Array(3), new Float32Array([-1e4, 1e-8, 0.5])); // [-1, 9.99999993922529e-9 (= fround(1e-8)), 0.46211716532707214]
 */
export function tanh<T extends ElementwiseArray>(out: T, x: T): T {
  if (checkPair('tanh', out, x)) tanhUnchecked(out as Float32Array, x as Float32Array);
  else map64(out as Float64Array, x as Float64Array, Math.tanh);
  return out;
}

/**
 * out[i] = relu(x[i]) = max(x[i], 0) (Math.max semantics: NaN stays NaN, -0 becomes +0).
 * N-NN-01 relu(z) = max(0, z).
 *
 * @example
 * relu(new Float32Array(3), new Float32Array([-2, 0, 3])); // [0, 0, 3]
 */
export function relu<T extends ElementwiseArray>(out: T, x: T): T {
  checkPair('relu', out, x);
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = Math.max(x[i], 0);
  return out;
}

/**
 * out[i] = e^x[i]. Float32: the fast table + polynomial exp, relative error <= 2^-21 for every
 * float32 input (checked exhaustively; measured maximum in docs/linalg.md), +Infinity exactly
 * where e^x overflows float32 and 0 exactly where it underflows. Float64: Math.exp.
 *
 * @example
 * exp(new Float32Array(3), new Float32Array([0, 1, 100])); // [1, 2.7182817459106445, Infinity]
 */
export function exp<T extends ElementwiseArray>(out: T, x: T): T {
  if (checkPair('exp', out, x)) {
    // The active backend's kernel ('wasm': SIMD for 16 or more, error <= 2^-21; else the TS polynomial).
    activeBackend().exp(out as Float32Array, x as Float32Array);
  }
  else map64(out as Float64Array, x as Float64Array, Math.exp);
  return out;
}

/**
 * out[i] = ln x[i] with Math.log (IEEE: log 0 = -Infinity, log of a negative number = NaN,
 * log Infinity = Infinity); for Float32Array the float64 result is rounded once to float32.
 *
 * @example
 * log(new Float32Array(3), new Float32Array([1, 0, -1])); // [0, -Infinity, NaN]
 */
export function log<T extends ElementwiseArray>(out: T, x: T): T {
  checkPair('log', out, x);
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
  return out;
}

/**
 * log(sum_i e^x[i]) in float64 with the maximum subtracted first:
 *   logSumExp(x) = m + log(sum_i e^(x[i] - m)),  m = max_i x[i],
 * so no term overflows and the largest term is exactly 1. Accepts any array of numbers.
 * Special values: empty input gives -Infinity (the log of an empty sum, 0); all -Infinity gives
 * -Infinity; any +Infinity gives +Infinity; any NaN gives NaN.
 *
 * @example
 * logSumExp(new Float32Array([1000, 1000])); // 1000.6931471805599 (1000 + ln 2)
 * logSumExp([]);                             // -Infinity
 */
export function logSumExp(x: ArrayLike<number>): number {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new TypeError(`logSumExp: x must be an array of numbers, got ${describe(x)}`);
  }
  const n = x.length;
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v !== v) return NaN; // NaN anywhere: the sum is NaN
    if (v > m) m = v;
  }
  if (m === -Infinity || m === Infinity) return m; // empty, all -Inf, or an +Inf term
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(x[i] - m); // each term in (0, 1], one of them 1
  return m + Math.log(s);
}
