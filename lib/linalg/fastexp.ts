/**
 * A fast exponential (and log1p on [0, 1]) for float32 kernels, in plain float64 arithmetic.
 *
 * `Math.exp` is accurate to float64 but costs ~10 ns per call in V8, which caps a sigmoid over
 * a Float32Array near 90 M numbers/s. A float32 result only needs about 24 correct bits, so we
 * compute e^x with a table and a short polynomial instead:
 *
 *   1. Range reduction.  k = round(x * 16 / ln 2),  r = x - k * (ln 2 / 16),  |r| <= ln 2 / 32.
 *      Then e^x = 2^(k/16) * e^r exactly (as real numbers).
 *   2. 2^(k/16) comes from one table lookup: EXP2_TABLE[k + EXP2_OFFSET] = 2^(k/16) for
 *      k in [-2432, 2432] (x in about [-105, 105]); every entry is a normal float64, so float32
 *      subnormal results are formed in float64 and rounded once when stored.
 *   3. e^r ~ p(r) = 1 + r + r^2/2 + r^3/6, the degree-3 Taylor polynomial. Its relative error
 *      is at most e^(2|r|) |r|^4 / 24 <= 9.4e-9 (~2^-26.7) for |r| <= ln 2 / 32.
 *
 * Rounding the float64 result to float32 adds at most 2^-24 relative, so the float32 result is
 * within 2^-24 + 2^-26.6 < 2^-23.6 of e^x, well inside the 2^-21 the library promises. A
 * Cody–Waite split of ln 2 / 16 is not needed: the float64 rounding of k * (ln 2 / 16) is at most
 * 2^-46 absolute for |x| <= 105, some 2^20 below this budget.
 *
 * The claim is checked, not trusted: spec/exhaustive/fastexp-all.ts runs every one of the 2^32
 * float32 bit patterns through `exp` and compares with Math.exp; spec/linalg/fastexp.spec.ts
 * checks a dense deterministic subset on every `npm test`.
 *
 * The numbers inside expCore / expm1Core are written as literals on purpose: V8 does not fold
 * module-level `const`s into optimized code, and loading them costs about 30% of sigmoid's
 * speed. spec/linalg/fastexp.spec.ts checks that each literal equals the formula beside it.
 * For the same reason the float32 loops live in this file: V8 does not inline a function
 * imported from another ES module, so `fastExp` called per element from elsewhere ran 2-10x
 * slower (measured) than the loops below. Call the array kernels (sigmoid, exp, ... in elementwise.ts).
 *
 * Step 1 rounds with the "shifter" trick: adding 1.5 * 2^52 to a float64 of magnitude < 2^51
 * leaves no fraction bits, so (y + SHIFT) - SHIFT is y rounded to the nearest integer (ties to
 * even). It is exact and much faster than Math.round in V8.
 */

/**
 * The constants of the reduction. expCore and expm1Core use them as literals (see above);
 * the spec checks literal === formula.
 *
 * @example
 * FAST_EXP_CONSTANTS.STEPS_PER_LN === 16 / Math.LN2; // true (23.083120654223414)
 */
export const FAST_EXP_CONSTANTS = {
  /** Table steps per octave: the table holds 2^(j/16). */
  STEPS: 16,
  /** 16 / ln 2: x * this = (number of table steps in x). */
  STEPS_PER_LN: 16 / Math.LN2,
  /** ln 2 / 16: one table step, in units of x. */
  LN_PER_STEP: Math.LN2 / 16,
  /** 1.5 * 2^52: y + SHIFT - SHIFT rounds y to an integer (|y| < 2^51). */
  SHIFT: 1.5 * Math.pow(2, 52),
  /** The table covers j in [-EXP2_OFFSET, EXP2_OFFSET], i.e. 2^-152 .. 2^152. */
  EXP2_OFFSET: 152 * 16,
} as const;
const STEPS = FAST_EXP_CONSTANTS.STEPS;
const EXP2_OFFSET = FAST_EXP_CONSTANTS.EXP2_OFFSET;

/** EXP2_TABLE[j + EXP2_OFFSET] = 2^(j/16), built once from 2^m (exact) times 2^(f/16), f = 0..15. */
const EXP2_TABLE: Float64Array = buildExp2Table();

function buildExp2Table(): Float64Array {
  const fraction = new Float64Array(STEPS);
  for (let f = 0; f < STEPS; f++) fraction[f] = Math.pow(2, f / STEPS);
  const table = new Float64Array(2 * EXP2_OFFSET + 1);
  for (let j = -EXP2_OFFSET; j <= EXP2_OFFSET; j++) {
    const m = Math.floor(j / STEPS);
    table[j + EXP2_OFFSET] = Math.pow(2, m) * fraction[j - m * STEPS]; // power of two: exact product
  }
  return table;
}

/**
 * Largest |x| the clamped kernels feed to {@link expCore}. e^-104 = 6.8e-46 is below half the
 * smallest float32 subnormal (2^-150 = 7.0e-46), so any x beyond ±104 gives the same float32
 * sigmoid / softplus / tanh as x = ±104.
 *
 * @example
 * Math.fround(Math.exp(-EXP_CLAMP)); // 0
 */
export const EXP_CLAMP = 104;

/**
 * Above this x, e^x rounds to +Infinity in float32: e^x >= 2^128 (1 - 2^-25) (FLT_MAX plus half
 * an ulp, a tie that rounds away from the odd FLT_MAX) when x >= 128 ln 2 + ln(1 - 2^-25) = 88.72283908187067.
 * The largest float32 below it is 88.72283172607422 (0x42B17217).
 *
 * @example
 * Math.fround(fastExp(88.72283172607422)); // 3.4027985e38 (finite);  fastExp(88.72283935546875); // Infinity
 */
export const EXP_OVERFLOW_FLOAT32 = 128 * Math.LN2 + Math.log1p(-Math.pow(2, -25));

/**
 * Below this x, e^x rounds to 0 in float32: e^x <= 2^-150 (half the smallest subnormal, a tie
 * that rounds to even = 0) when x <= -150 ln 2 = -103.97207708399179.
 *
 * @example
 * Math.fround(fastExp(-103.97)); // 1.401298464324817e-45 (2^-149);  fastExp(-103.98); // 0
 */
export const EXP_UNDERFLOW_FLOAT32 = -150 * Math.LN2;

/**
 * e^x by table + degree-3 polynomial, valid for |x| <= 152 ln 2 (about 105); callers clamp.
 * Relative error <= 9.4e-9 before any float32 rounding. NaN gives NaN. Internal: use
 * {@link fastExp} (which handles every input) unless you have clamped x yourself.
 *
 * @example
 * expCore(1); // 2.71828182... (within 1e-8 relative)
 */
export function expCore(x: number): number {
  // k = round(16 x / ln 2): 23.083120654223414 = STEPS_PER_LN, 6755399441055744 = SHIFT
  const k = x * 23.083120654223414 + 6755399441055744 - 6755399441055744;
  const r = x - k * 0.04332169878499658; // r = x - k ln2/16 (LN_PER_STEP), |r| <= ln 2 / 32
  const p = 1 + r * (1 + r * (0.5 + r * 0.16666666666666666)); // e^r ~ 1 + r + r^2/2 + r^3/6
  return p * EXP2_TABLE[(k + 2432) | 0]; // e^x = 2^(k/16) e^r;  2432 = EXP2_OFFSET
}

/**
 * e^x - 1 by the same reduction, accurate relative to the (possibly tiny) result; valid for
 * |x| <= 152 ln 2 (callers clamp). With T = 2^(k/16) and q(r) ~ e^r - 1:
 *   e^x - 1 = T (1 + q) - 1 = T q - (1 - T),
 * and for k = 0 (|x| <= ln 2 / 32) this is q itself, so there is no cancellation near 0.
 * q is the degree-4 Taylor polynomial r + r^2/2 + r^3/6 + r^4/24 (relative error of q
 * <= |r|^4/120 * 1.03 <= 1.9e-9). The form T q - (1 - T) keeps the sign of zero: e^(-0) - 1 = -0.
 *
 * @example
 * expm1Core(1e-10); // 1.00000000005e-10
 */
export function expm1Core(x: number): number {
  const k = x * 23.083120654223414 + 6755399441055744 - 6755399441055744; // as in expCore
  const r = x - k * 0.04332169878499658;
  const q = r * (1 + r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664))); // e^r - 1
  const t = EXP2_TABLE[(k + 2432) | 0]; // 2^(k/16)
  return t * q - (1 - t);
}

/**
 * Fast e^x for float32 work: `Math.fround(fastExp(x))` is within 2^-21 relative of e^x for
 * every float32 x (measured maximum: see docs/linalg.md), is +Infinity exactly when e^x
 * overflows float32 and 0 exactly when it underflows below the smallest subnormal.
 * For x > 88.7228 it returns +Infinity and for x < -103.972 it returns 0 (the float32 values),
 * so it is not a float64 exp: use Math.exp when you need 53 bits. Math.exp's contract, with no
 * argument checks (it runs inside hot loops): NaN gives NaN, fastExp(Infinity) = Infinity and
 * fastExp(-Infinity) = 0.
 * Near subnormal results the error is absolute: |error| <= 2^-21 * 2^-126.
 *
 * @example
 * fastExp(1);    // 2.7182818284400567  (Math.E = 2.718281828459045)
 * fastExp(100);  // Infinity  (e^100 overflows float32)
 * fastExp(-200); // 0
 */
export function fastExp(x: number): number {
  if (x > 88.72283908187067) return Infinity; // EXP_OVERFLOW_FLOAT32
  if (x < -103.97207708399179) return 0; // EXP_UNDERFLOW_FLOAT32
  return expCore(x);
}

/**
 * Fast e^x - 1 for float32 work, accurate relative to the result also near x = 0 (where
 * e^x - 1 ~ x and `fastExp(x) - 1` would lose every digit). Returns +Infinity above the float32
 * overflow point, -1 below x = -104 (e^x is then below 2^-150), NaN for NaN, and keeps ±0.
 * Math.expm1's contract, with no argument checks (it runs inside hot loops): NaN gives NaN,
 * fastExpm1(Infinity) = Infinity and fastExpm1(-Infinity) = -1.
 *
 * @example
 * fastExpm1(1e-6);  // 1.0000005e-6
 * fastExpm1(-1000); // -1
 */
export function fastExpm1(x: number): number {
  if (x > 88.72283908187067) return Infinity; // EXP_OVERFLOW_FLOAT32
  if (x < -104) return -1; // -EXP_CLAMP
  return expm1Core(x);
}

/** LOG1P_TABLE[j] = log(1 + j/64) and LOG1P_INVERSE[j] = 1 / (1 + j/64), j = 0..64. */
const LOG1P_TABLE: Float64Array = new Float64Array(65).map((_, j) => Math.log1p(j / 64));
const LOG1P_INVERSE: Float64Array = new Float64Array(65).map((_, j) => 1 / (1 + j / 64));

/**
 * log(1 + u) for 0 <= u <= 1 by a table and a degree-4 polynomial (used by softplus and
 * logSigmoid, where u = e^-|x|). With c = 1 + j/64, j = round(64 u):
 *   1 + u = c (1 + t),  t = (u - j/64) / c,  |t| <= 1/128,
 *   log(1 + u) = log c + log(1 + t),  log(1 + t) ~ t - t^2/2 + t^3/3 - t^4/4,
 * relative error <= |t|^4/5 * 1.01 <= 7.6e-10 (2^-30.3). For u < 1/128, j = 0 and the result is
 * the polynomial in t = u itself, so tiny u keep full relative accuracy. u - j/64 is exact
 * (Sterbenz: u is within a factor 2 of j/64). NaN gives NaN. Valid only for u in [0, 1].
 *
 * @example
 * log1pCore(1e-20); // 1e-20
 * log1pCore(1);     // 0.6931471805599453 (to 1e-9 relative)
 */
export function log1pCore(u: number): number {
  const j = u * 64 + 6755399441055744 - 6755399441055744; // j = round(64 u), as a float
  const i = j | 0;
  const t = (u - j * 0.015625) * LOG1P_INVERSE[i]; // t = (u - j/64) / (1 + j/64)
  return LOG1P_TABLE[i] + t * (1 - t * (0.5 - t * (0.3333333333333333 - t * 0.25)));
}

// ---------------------------------------------------------------------------------------------
// Float32 loops (unchecked: elementwise.ts validates the arguments and calls these). Each works
// in float64 and rounds once at the store. Arguments of the exponential are clamped to
// [-104, 104] (EXP_CLAMP, written as a literal for speed): beyond that every float32 result is
// already at its limit, and e^104 = 1.5e45 is still finite in float64.
// ---------------------------------------------------------------------------------------------

/**
 * out[i] = 1 / (1 + e^-x[i]) with the fast exp; no argument checks (use `sigmoid`).
 *
 * @example
 * sigmoidFloat32(new Float32Array(1), new Float32Array([0])); // [0.5]
 */
export function sigmoidFloat32(out: Float32Array, x: Float32Array): Float32Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    let z = -x[i];
    if (z > 104) z = 104;
    else if (z < -104) z = -104;
    out[i] = 1 / (1 + expCore(z)); // sigma(x) = 1 / (1 + e^-x)
  }
  return out;
}

/**
 * out[i] = max(x, 0) + log1p(e^-|x|) with the fast exp and log1p; no argument checks (use `softplus`).
 *
 * @example
 * softplusFloat32(new Float32Array(1), new Float32Array([0])); // [0.6931471824645996]
 */
export function softplusFloat32(out: Float32Array, x: Float32Array): Float32Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    let v = x[i];
    // ±Infinity -> ±3.5e38 (beyond FLT_MAX, so the float32 result is unchanged) keeps v + |v| finite.
    if (v < -3.5e38) v = -3.5e38;
    else if (v > 3.5e38) v = 3.5e38;
    const a = Math.abs(v);
    let z = -a;
    if (z < -104) z = -104;
    // softplus(x) = max(x,0) + log1p(e^-|x|), with max(x,0) = (x + |x|)/2: no data-dependent
    // branch (Math.max on random signs mispredicts and costs ~35% of the speed).
    out[i] = 0.5 * (v + a) + log1pCore(expCore(z));
  }
  return out;
}

/**
 * out[i] = min(x, 0) - log1p(e^-|x|) with the fast exp and log1p; no argument checks (use `logSigmoid`).
 *
 * @example
 * logSigmoidFloat32(new Float32Array(1), new Float32Array([0])); // [-0.6931471824645996]
 */
export function logSigmoidFloat32(out: Float32Array, x: Float32Array): Float32Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    let v = x[i];
    if (v < -3.5e38) v = -3.5e38; // as in softplusFloat32
    else if (v > 3.5e38) v = 3.5e38;
    const a = Math.abs(v);
    let z = -a;
    if (z < -104) z = -104;
    out[i] = 0.5 * (v - a) - log1pCore(expCore(z)); // log sigma(x) = min(x,0) - log1p(e^-|x|)
  }
  return out;
}

/**
 * out[i] = tanh x[i] = -m / (2 + m), m = e^-2x - 1 from the fast expm1; no argument checks
 * (use `tanh`).
 *
 * @example
 * tanhFloat32(new Float32Array(1), new Float32Array([0.5])); // [0.46211716532707214]
 */
export function tanhFloat32(out: Float32Array, x: Float32Array): Float32Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    let y = -2 * x[i];
    if (y > 104) y = 104;
    else if (y < -104) y = -104;
    const m = expm1Core(y); // m = e^-2x - 1, accurate near x = 0
    out[i] = -m / (2 + m); // tanh x = (1 - e^-2x) / (1 + e^-2x)
  }
  return out;
}

/**
 * out[i] = fastExp(x[i]) rounded to float32; no argument checks (use `exp`).
 *
 * @example
 * expFloat32(new Float32Array(2), new Float32Array([1, 100])); // [2.7182817459106445, Infinity]
 */
export function expFloat32(out: Float32Array, x: Float32Array): Float32Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    // Clamp to [-104, 89]: e^89 = 4.5e38 rounds to +Infinity in float32 and e^-104 = 6.8e-46
    // to 0, so the float32 results are exactly those of fastExp (Infinity above
    // EXP_OVERFLOW_FLOAT32 = 88.72283908187067, 0 below EXP_UNDERFLOW_FLOAT32 = -103.97207708399179).
    let v = x[i];
    if (v > 89) v = 89;
    else if (v < -104) v = -104;
    out[i] = expCore(v);
  }
  return out;
}
