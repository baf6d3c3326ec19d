/**
 * Rng: the seeded pseudo-random number generator every sampler in boltzmann takes.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number
 * Generators", ACM TOMS 47(4), 2021; reference code https://prng.di.unimi.it/xoshiro128starstar.c),
 * four 32-bit words of state, period 2^128 - 1, written with Math.imul so every step is exact
 * 32-bit integer arithmetic. Seeding: splitmix32 (golden-ratio increment 0x9e3779b9 and the
 * MurmurHash3 fmix32 finalizer 0x85ebca6b, 0xc2b2ae35).
 *
 * Determinism promise: same seed (or state), same sequence of calls, same JS engine ->
 * bit-identical results. The integer stream (nextUint32, int, jump, state) is the same on every
 * engine; values that go through Math.exp / Math.log (normal, and the ziggurat tables) are only
 * promised per engine. See docs/random.md.
 *
 * Inside the class the four words live in an Int32Array (the same bits as the uint32 words);
 * state() reports them as uint32. The Float32Array fills run in small module-level kernels
 * (one hot loop each, the state in local variables, nothing called inside the loop), which is
 * the shape V8 compiles best; a draw that needs the rare slow path stops the kernel, the method
 * takes that one step through the object, and the kernel resumes.
 */
import { ZIGGURAT, normalSlowPath } from './ziggurat.js';
import { describe } from '../checks/index.js';

/** 2^32 */
const TWO32 = 4294967296;
/** 2^-24: turns a 24-bit integer into a float32-exact uniform on [0, 1). */
const TWO_M24 = 1 / 16777216;
/** 2^-53 */
const TWO_M53 = 1 / 9007199254740992;

/** A mutable array-like (plain arrays and typed arrays) that shuffle() can permute in place. */
export interface MutableArrayLike<T> {
  length: number;
  [index: number]: T;
}

/**
 * splitmix32 output for counter value `x` (a uint32 that has ALREADY been incremented by
 * 0x9e3779b9): the MurmurHash3 fmix32 finalizer, a bijection on uint32.
 *     z = x;  z = (z ^ z>>>16) * 0x85ebca6b;  z = (z ^ z>>>13) * 0xc2b2ae35;  return z ^ z>>>16
 *
 * @example
 * ```ts
 * import { splitmix32 } from 'boltzmann';
 * splitmix32(0x9e3779b9); // 2462723854: the first state word of new Rng(0)
 * ```
 */
export function splitmix32(x: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < -(2 ** 31) || x > 2 ** 32 - 1) {
    throw new (typeof x === 'number' ? RangeError : TypeError)(`splitmix32: x must be a 32-bit integer (in [-2^31, 2^32 - 1]), got ${describe(x)}`);
  }
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function checkUint32(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(v)}`);
  if (!Number.isInteger(v) || v < 0 || v > 4294967295) {
    throw new RangeError(`${fn}: ${name} must be an integer in [0, 2^32 - 1], got ${describe(v)}`);
  }
  return v;
}

function checkFinite(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be finite, got ${v}`);
  return v;
}

function checkSd(fn: string, sd: unknown): number {
  checkFinite(fn, 'sd', sd);
  if ((sd as number) < 0) throw new RangeError(`${fn}: sd must be >= 0, got ${sd}`);
  return sd as number;
}

function checkProbability(fn: string, name: string, p: unknown): number {
  if (typeof p !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(p)}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: ${name} must be in [0, 1], got ${p}`);
  return p;
}

// A loop of its own (not inlined in the fill): V8 compiles each hot loop best when the function
// around it has one loop, all of whose code has run before it is optimized.
function checkProbabilities(fn: string, probs: Float32Array | Float64Array): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: probs[${i}] must be in [0, 1], got ${p}`);
  }
}

function checkFloat32Array(fn: string, name: string, v: unknown): Float32Array {
  if (!(v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${name} must be a Float32Array, got ${describe(v)}`);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Fill kernels. Each runs xoshiro128** with the four words in local variables (loaded from the
// state array once, stored back once) and writes `out` from index `start`. A kernel that meets a
// draw it cannot finish stops there, puts what the method needs in `kernelStop` and returns the
// index; it returns out.length when done.

/** What a stopped kernel hands to its method: the ziggurat word, or the Bernoulli tie remainder. */
let kernelStop = 0;

/** out[i] = lo + (x_i >>> 8) scale for every i (never stops). */
function uniformKernel(s: Int32Array, out: Float32Array, lo: number, scale: number): void {
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  const n = out.length;
  const head = n & 3;
  let m = 0;
  let x = 0;
  let t = 0;
  let i = 0;
  // The n mod 4 leading elements one at a time, then four per pass (unrolled so the loop and
  // typed-array checks are paid once per four numbers). Each step is exactly nextUint32's.
  for (; i < head; i++) {
    m = Math.imul(s1, 5);
    x = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = lo + (x >>> 8) * scale;
  }
  for (; i < n; i += 4) {
    m = Math.imul(s1, 5);
    x = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = lo + (x >>> 8) * scale;
    m = Math.imul(s1, 5);
    x = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i + 1] = lo + (x >>> 8) * scale;
    m = Math.imul(s1, 5);
    x = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i + 2] = lo + (x >>> 8) * scale;
    m = Math.imul(s1, 5);
    x = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i + 3] = lo + (x >>> 8) * scale;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

/**
 * Ziggurat fast path for out[start..]: out[i] = mean + sd (j w_b); stops at the first draw whose
 * fast-path test fails (kernelStop = its word).
 */
function normalKernel(s: Int32Array, out: Float32Array, mean: number, sd: number, start: number): number {
  const k = ZIGGURAT.k;
  const wSigned = ZIGGURAT.wSigned;
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  const n = out.length;
  let i = start;
  for (; i < n; i++) {
    // xoshiro128** step (as nextUint32)
    const m = Math.imul(s1, 5);
    const w = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // Layer = w & 127, sign = bit 7, magnitude j = w >>> 8 (see ziggurat.ts).
    const j = w >>> 8;
    const b = w & 255;
    if (j >= k[b & 127]) {
      kernelStop = w;
      break;
    }
    out[i] = mean + sd * (j * wSigned[b]);
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  return i;
}

/**
 * N-GIBBS-03 for out[start..]: out[i] = 1[u_i < probs[i]] decided on the first 32-bit digit;
 * stops at the first tie (kernelStop = the remainder d in [0, 1)).
 */
function bernoulliKernel(s: Int32Array, out: Float32Array, probs: Float32Array | Float64Array, start: number): number {
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  const n = out.length;
  let i = start;
  for (; i < n; i++) {
    // xoshiro128** step (as nextUint32)
    const m = Math.imul(s1, 5);
    const x = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // d = p 2^32 - x: d >= 1 -> 1, d < 0 -> 0, 0 <= d < 1 is a tie (x = floor(p 2^32)). The abs
    // form tests for a tie with one well-predicted branch; +(bool) stores the outcome without a
    // branch (the outcome is unpredictable by design).
    const d = probs[i] * TWO32 - (x >>> 0);
    if (Math.abs(d - 0.5) <= 0.5 && d >= 0 && d < 1) {
      kernelStop = d;
      break;
    }
    out[i] = +(d >= 1);
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  return i;
}

/**
 * {@link bernoulliKernel} with one probability p for every element: the same words and the same
 * decisions as the array form with every entry equal to p (t = p 2^32 is the same number, only
 * computed once). A loop of its own so that the array form's loop stays as it was.
 */
function bernoulliKernelScalar(s: Int32Array, out: Float32Array, p: number, start: number): number {
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  const n = out.length;
  const t = p * TWO32;
  let i = start;
  for (; i < n; i++) {
    // xoshiro128** step (as nextUint32)
    const m = Math.imul(s1, 5);
    const x = Math.imul((m << 7) | (m >>> 25), 9);
    const u = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= u;
    s3 = (s3 << 11) | (s3 >>> 21);
    const d = t - (x >>> 0); // as in bernoulliKernel: d >= 1 -> 1, d < 0 -> 0, else a tie
    if (Math.abs(d - 0.5) <= 0.5 && d >= 0 && d < 1) {
      kernelStop = d;
      break;
    }
    out[i] = +(d >= 1);
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  return i;
}

/**
 * A seeded xoshiro128** generator with the distributions the library needs.
 *
 * @example
 * ```ts
 * import { Rng } from 'boltzmann';
 * const rng = new Rng(42);
 * rng.float();        // uniform in [0, 1)
 * rng.int(6) + 1;     // a fair die
 * rng.normal(0, 2);   // N(0, 2^2)
 * const child = rng.split(); // an independent stream for a worker or a chain
 * ```
 */
export class Rng {
  // The four xoshiro128** words s0..s3 (int32 view of the uint32 state).
  private readonly s: Int32Array = new Int32Array(4);

  /**
   * A generator seeded from a uint32 `seed` through splitmix32: with x = seed, the state words
   * are four consecutive outputs of `x += 0x9e3779b9; splitmix32(x)`. The four counters are
   * distinct and the finalizer is a bijection, so the four words are distinct and at most one
   * is zero: the state is never all-zero.
   *
   * @param seed an integer in [0, 2^32 - 1]; anything else throws (no silent truncation).
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * new Rng(0).state(); // [2462723854, 1020716019, 454327756, 1275600319]
   * ```
   */
  constructor(seed: number) {
    checkUint32('new Rng', 'seed', seed);
    let x = seed;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0; // splitmix32 state update
      this.s[i] = splitmix32(x); // stored as int32: same 32 bits
    }
  }

  /**
   * A generator whose state is exactly `words` (four uint32, not all zero), e.g. a state saved
   * earlier with `state()` or the reference state [1, 2, 3, 4].
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * Rng.fromState([1, 2, 3, 4]).nextUint32(); // 11520, as the reference C code prints
   * ```
   */
  static fromState(words: ArrayLike<number>): Rng {
    if (words === null || typeof words !== 'object' || typeof words.length !== 'number') {
      throw new TypeError(`Rng.fromState: words must be an array of 4 uint32, got ${describe(words)}`);
    }
    if (words.length !== 4) {
      throw new RangeError(`Rng.fromState: words must have 4 entries, got ${words.length}`);
    }
    const w = [0, 1, 2, 3].map((i) => checkUint32('Rng.fromState', `words[${i}]`, words[i]));
    if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0) {
      throw new RangeError('Rng.fromState: words must not be all zero (xoshiro128** would stay at zero forever), got [0, 0, 0, 0]');
    }
    const rng = new Rng(0);
    rng.s.set(w);
    return rng;
  }

  /**
   * The current state as four uint32 (a fresh array; `Rng.fromState(rng.state())` resumes
   * the stream exactly here).
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const saved = new Rng(7).state();
   * Rng.fromState(saved).float(); // same as new Rng(7).float()
   * ```
   */
  state(): number[] {
    const s = this.s;
    return [s[0] >>> 0, s[1] >>> 0, s[2] >>> 0, s[3] >>> 0];
  }

  /**
   * The live internal state: the four xoshiro128** words s0..s3 as int32 (the same 32 bits as
   * the uint32 words `state()` reports). Not a copy: writing into it changes this generator.
   *
   * For kernels that keep the words in local variables (a hot loop that steps xoshiro128**
   * itself, as the fill kernels in this file do): read the four words at the start, write them
   * back at the end; the Rng must not be used in between (or write the words back first and
   * reload them after). Done this way, the kernel consumes exactly the words successive
   * `nextUint32()` calls would, and the stream continues where the kernel left it.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const rng = new Rng(1);
   * const s = rng.stateArray();
   * let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
   * // one xoshiro128** step, exactly nextUint32():
   * const m = Math.imul(s1, 5);
   * const x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
   * const t = s1 << 9;
   * s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
   * s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3; // write back: rng continues after x
   * ```
   */
  stateArray(): Int32Array {
    return this.s;
  }

  /**
   * An independent copy at the same position: it produces the same stream as this one, and
   * drawing from either does not move the other.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const a = new Rng(3);
   * const b = a.clone();
   * a.nextUint32() === b.nextUint32(); // true
   * ```
   */
  clone(): Rng {
    const c = new Rng(0);
    c.s.set(this.s);
    return c;
  }

  /**
   * The next 32-bit output of xoshiro128**, a uniform integer in [0, 2^32 - 1].
   *     result = rotl(s1 * 5, 7) * 9
   *     t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const rng = Rng.fromState([1, 2, 3, 4]);
   * [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]; // [11520, 0, 5927040]
   * ```
   */
  nextUint32(): number {
    const s = this.s;
    let s0 = s[0];
    let s1 = s[1];
    let s2 = s[2];
    let s3 = s[3];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return result >>> 0;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits: the top 27 bits of one word and the top
   * 26 bits of the next, u = (a * 2^26 + b) / 2^53. Consumes two words.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const u = new Rng(1).float(); // 0 <= u < 1
   * ```
   */
  float(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_M53;
  }

  /**
   * A uniform integer in {0, ..., n-1}, exactly unbiased, by Lemire's multiply-and-reject
   * (D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS 29(1), 2019):
   * m = x n (64-bit), accept hi32(m) unless lo32(m) < 2^32 mod n. Usually one word.
   *
   * @param n an integer in [1, 2^32].
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const die = new Rng(5).int(6) + 1; // 1..6
   * ```
   */
  int(n: number): number {
    if (typeof n !== 'number') throw new TypeError(`int: n must be a number, got ${describe(n)}`);
    if (!Number.isInteger(n) || n < 1 || n > TWO32) {
      throw new RangeError(`int: n must be an integer in [1, 2^32], got ${n}`);
    }
    if (n === TWO32) return this.nextUint32();
    let threshold = -1; // 2^32 mod n, computed only when needed
    for (;;) {
      const x = this.nextUint32();
      // The exact 64-bit product x n = hi 2^32 + lo, in float64 pieces below 2^53.
      let hi: number;
      let lo: number;
      if (n <= 2097152) {
        const m = x * n; // < 2^53: exact
        hi = Math.floor(m / TWO32);
        lo = m - hi * TWO32;
      } else {
        const a = (x >>> 16) * n; // < 2^48
        const b = (x & 0xffff) * n; // < 2^48
        const aHi = Math.floor(a / 65536);
        const mid = (a - aHi * 65536) * 65536 + b; // < 2^32 + 2^48
        const midHi = Math.floor(mid / TWO32);
        hi = aHi + midHi;
        lo = mid - midHi * TWO32;
      }
      if (lo >= n) return hi; // lo >= n >= 2^32 mod n: no need to compute the threshold
      if (threshold < 0) threshold = (TWO32 - n) % n;
      if (lo >= threshold) return hi;
    }
  }

  /**
   * A normal draw N(mean, sd^2) by the ziggurat method (Marsaglia & Tsang 2000, 128 layers;
   * layer index, sign and magnitude from disjoint bits of one word, see ziggurat.ts).
   * Returns mean + sd z. About 97.2% of draws take the fast path: one word, no Math.exp.
   * Resolution: inside layer i, z lies on a grid of spacing x_i / 2^24 (finer than float32
   * near |z| = 1); tail draws (|z| > 3.4426) use 53-bit uniforms.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const rng = new Rng(9);
   * const z = rng.normal();        // standard normal
   * const y = rng.normal(10, 0.5); // N(10, 0.25)
   * ```
   */
  normal(mean = 0, sd = 1): number {
    checkFinite('normal', 'mean', mean);
    checkSd('normal', sd);
    const w = this.nextUint32();
    const j = w >>> 8;
    const b = w & 255;
    const z = j < ZIGGURAT.k[b & 127] ? j * ZIGGURAT.wSigned[b] : normalSlowPath(this, w);
    return mean + sd * z;
  }

  /**
   * True with probability exactly p, by comparing a uniform u with p one 32-bit digit at a
   * time (N-GIBBS-03  h = 1[u < p]): with t = p 2^32 and a fresh word x, x < floor(t) -> true,
   * x > floor(t) -> false, a tie (probability 2^-32, only when t is not an integer) continues
   * with t <- (t - floor(t)) 2^32. So p = 0 never fires, p = 1 always fires, and one word is
   * consumed except on ties. `fillBernoulli` makes the same decision per element.
   *
   * @param p a probability in [0, 1].
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const heads = new Rng(2).bernoulli(0.5);
   * ```
   */
  bernoulli(p: number): boolean {
    checkProbability('bernoulli', 'p', p);
    const d = p * TWO32 - this.nextUint32(); // exact sign; exact value when x = floor(p 2^32)
    if (d >= 1) return true; // x <= p 2^32 - 1, i.e. x < floor(p 2^32)
    if (d < 0) return false; // x > p 2^32
    return bernoulliTie(this, d);
  }

  /**
   * An index i drawn with probability weights[i] / sum(weights), by a linear scan of the
   * cumulative sums against u sum (u = float()). Zero weights are never drawn. O(n) per draw.
   *
   * @param weights non-negative finite numbers, not all zero.
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * new Rng(4).categorical([0.2, 0.5, 0.3]); // 1 half of the time
   * ```
   */
  categorical(weights: ArrayLike<number>): number {
    if (weights === null || typeof weights !== 'object' || typeof weights.length !== 'number') {
      throw new TypeError(`categorical: weights must be an array of numbers, got ${describe(weights)}`);
    }
    const n = weights.length;
    if (n === 0) throw new RangeError('categorical: weights must not be empty, got length 0');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (typeof w !== 'number' || !(w >= 0) || w === Infinity) {
        throw new RangeError(`categorical: weights[${i}] must be a finite number >= 0, got ${describe(w)}`);
      }
      total += w;
    }
    if (total === 0) throw new RangeError(`categorical: weights must not all be zero (length ${n})`);
    if (!Number.isFinite(total)) throw new RangeError(`categorical: the sum of the weights overflows (${total})`);
    const u = this.float() * total;
    let cumulative = 0;
    let lastPositive = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w > 0) {
        cumulative += w;
        lastPositive = i;
        if (u < cumulative) return i;
      }
    }
    // u < total in exact arithmetic; rounding in the running sum can leave u >= cumulative.
    return lastPositive;
  }

  /**
   * Shuffles `array` in place, uniformly over all n! orders (Fisher–Yates / Durstenfeld:
   * for i = n-1 down to 1, swap a[i] with a[int(i+1)]), and returns it.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * new Rng(8).shuffle(['a', 'b', 'c', 'd']); // e.g. ['c', 'a', 'd', 'b']
   * ```
   */
  shuffle<A extends MutableArrayLike<unknown>>(array: A): A {
    if (array === null || typeof array !== 'object' || typeof array.length !== 'number') {
      throw new TypeError(`shuffle: array must be an array or typed array, got ${describe(array)}`);
    }
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A uniformly random permutation of 0..n-1 (Fisher–Yates on [0, 1, ..., n-1]).
   *
   * @param n an integer in [0, 2^31 - 1].
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * new Rng(8).permutation(5); // e.g. Int32Array [3, 0, 4, 1, 2]
   * ```
   */
  permutation(n: number): Int32Array {
    if (typeof n !== 'number') throw new TypeError(`permutation: n must be a number, got ${describe(n)}`);
    if (!Number.isInteger(n) || n < 0 || n > 2147483647) {
      throw new RangeError(`permutation: n must be an integer in [0, 2^31 - 1], got ${n}`);
    }
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * Advances this stream by 2^64 steps in place, with the reference jump polynomial of
   * xoshiro128** (Blackman & Vigna: JUMP = {0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b};
   * the new state is the XOR of the states s_b for which bit b of JUMP is set).
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const rng = Rng.fromState([1, 2, 3, 4]);
   * rng.jump();
   * rng.state(); // [2843103750, 2038079848, 1533207345, 44816753] as the reference C code prints
   * ```
   */
  jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let j0 = 0;
    let j1 = 0;
    let j2 = 0;
    let j3 = 0;
    const s = this.s;
    for (let i = 0; i < 4; i++) {
      for (let b = 0; b < 32; b++) {
        if ((JUMP[i] >>> b) & 1) {
          j0 ^= s[0];
          j1 ^= s[1];
          j2 ^= s[2];
          j3 ^= s[3];
        }
        this.nextUint32();
      }
    }
    s[0] = j0;
    s[1] = j1;
    s[2] = j2;
    s[3] = j3;
  }

  /**
   * Returns a copy of this stream, then advances this one by jump() (2^64 steps). The copy
   * owns the next 2^64 outputs of the old stream and this generator continues after them, so
   * the two never overlap unless one of them draws more than 2^64 words. Splitting k times
   * gives k + 1 non-overlapping streams.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const rng = new Rng(42);
   * const chains = [rng.split(), rng.split(), rng.split()]; // one stream per MCMC chain
   * ```
   */
  split(): Rng {
    const child = this.clone();
    this.jump();
    return child;
  }

  /**
   * Fills `out` with uniforms on [lo, hi): out[i] = fround(lo + (hi - lo) (x_i >>> 8) / 2^24),
   * one word x_i per element (24-bit uniforms, so with lo = 0, hi = 1 every value is a float32
   * strictly below 1; with other bounds float32 rounding can give exactly hi). Same values as
   * that formula applied to successive nextUint32() calls. Returns `out`.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const u = new Rng(1).fillUniform(new Float32Array(1000), -1, 1);
   * ```
   */
  fillUniform<T extends Float32Array>(out: T, lo = 0, hi = 1): T {
    checkFloat32Array('fillUniform', 'out', out);
    checkFinite('fillUniform', 'lo', lo);
    checkFinite('fillUniform', 'hi', hi);
    if (!(lo < hi)) throw new RangeError(`fillUniform: lo must be < hi, got lo = ${lo}, hi = ${hi}`);
    if (!Number.isFinite(hi - lo)) throw new RangeError(`fillUniform: hi - lo overflows, got lo = ${lo}, hi = ${hi}`);
    // (hi - lo) 2^-24 is exact, so lo + j scale equals lo + (hi - lo) (j 2^-24) bit for bit.
    const scale = (hi - lo) * TWO_M24;
    uniformKernel(this.s, out, lo, scale);
    return out;
  }

  /**
   * Fills `out` with normal draws: out[i] = fround(mean + sd z_i), where z_1, z_2, ... are
   * exactly the values successive normal() calls would give (same words consumed, same
   * ziggurat), i.e. the same as `out[i] = rng.normal(mean, sd)` in a loop. Returns `out`.
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const noise = new Rng(1).fillNormal(new Float32Array(1000), 0, 0.01);
   * ```
   */
  fillNormal<T extends Float32Array>(out: T, mean = 0, sd = 1): T {
    checkFloat32Array('fillNormal', 'out', out);
    checkFinite('fillNormal', 'mean', mean);
    checkSd('fillNormal', sd);
    return fillNormalUnchecked(this, out, mean, sd);
  }

  /**
   * N-GIBBS-03  out[i] = 1[u_i < probs[i]], u_i ~ U(0, 1): out[i] = 1 with probability exactly
   * probs[i], else 0, deciding each element as bernoulli(probs[i]) does (one word per element
   * except on a 2^-32 tie), so the result equals a loop of bernoulli() calls. `out` may be
   * `probs` itself. Every probability is checked before any word is drawn: a value outside
   * [0, 1] or NaN throws naming its index and leaves the generator untouched. Returns `out`.
   *
   * `probs` may be one number p, as `fillUniform` and `fillNormal` take scalars: every element
   * is then bernoulli(p), the same words and results as a Float64Array filled with p (and a
   * Float32Array filled with p when p is a float32 value).
   *
   * @example
   * ```ts
   * import { Rng } from 'boltzmann';
   * const p = new Float32Array([0.1, 0.9, 0.5]);
   * const h = new Rng(3).fillBernoulli(new Float32Array(3), p); // e.g. [0, 1, 1]
   * const mask = new Rng(4).fillBernoulli(new Float32Array(100), 0.13); // about 13 ones
   * ```
   */
  fillBernoulli<T extends Float32Array>(out: T, probs: number | Float32Array | Float64Array): T {
    checkFloat32Array('fillBernoulli', 'out', out);
    if (typeof probs === 'number') {
      checkProbability('fillBernoulli', 'probs', probs);
      return fillBernoulliScalarUnchecked(this, out, probs);
    }
    if (!(probs instanceof Float32Array || probs instanceof Float64Array)) {
      throw new TypeError(`fillBernoulli: probs must be a number, a Float32Array or a Float64Array, got ${describe(probs)}`);
    }
    const n = out.length;
    if (probs.length !== n) {
      throw new RangeError(`fillBernoulli: out has length ${n} but probs has length ${probs.length}`);
    }
    checkProbabilities('fillBernoulli', probs);
    return fillBernoulliUnchecked(this, out, probs);
  }
}

/** The rest of a Bernoulli decision after a tie with remainder d = t - floor(t) in [0, 1). */
function bernoulliTie(rng: Rng, d: number): boolean {
  for (;;) {
    if (d === 0) return false;
    const t = d * TWO32;
    d = t - rng.nextUint32();
    if (d >= 1) return true;
    if (d < 0) return false;
  }
}

/**
 * `rng.fillNormal(out, mean, sd)` without its checks (internal: lib/random/index.ts does not
 * re-export it), for library loops that draw noise into a buffer they own with a mean and sd
 * they checked once: the same words and the same results. Returns `out`.
 *
 * @example
 * ```ts
 * import { fillNormalUnchecked } from './rng.js'; // internal
 * const rng = new Rng(1), noise = new Float32Array(4);
 * fillNormalUnchecked(rng, noise, 0, 0.5); // the same four draws as new Rng(1).fillNormal(noise, 0, 0.5)
 * ```
 */
export function fillNormalUnchecked<T extends Float32Array>(rng: Rng, out: T, mean: number, sd: number): T {
  const n = out.length, s = rng.stateArray();
  let i = normalKernel(s, out, mean, sd, 0);
  while (i < n) {
    // Draw i needs the slow path (~2.8% of draws): take it through the object, then resume.
    out[i] = mean + sd * normalSlowPath(rng, kernelStop);
    i = normalKernel(s, out, mean, sd, i + 1);
  }
  return out;
}

/**
 * `rng.fillBernoulli(out, probs)` without its checks (internal: lib/random/index.ts does not
 * re-export it), for library loops whose probabilities come from a sigmoid they computed: the
 * same words and the same results. Unchecked input is still safe: p > 1 gives 1, p < 0 and NaN
 * give 0. `out` and `probs` must have the same length.
 *
 * @example
 * ```ts
 * const rng = new Rng(1);
 * const P = matrix(2, 3, [0, 0.5, 1, 0.25, 0.75, 0.5]), H = zeros(2, 3);
 * fillBernoulliUnchecked(rng, H.data, P.data); // h = 1[u < p]: H.data[0] = 0, H.data[2] = 1
 * ```
 */
export function fillBernoulliUnchecked<T extends Float32Array>(rng: Rng, out: T, probs: Float32Array | Float64Array): T {
  const n = out.length, s = rng.stateArray();
  let i = bernoulliKernel(s, out, probs, 0);
  while (i < n) {
    // Tie on the first digit of element i: continue as bernoulli() does, then resume.
    out[i] = +bernoulliTie(rng, kernelStop);
    i = bernoulliKernel(s, out, probs, i + 1);
  }
  return out;
}

/** `rng.fillBernoulli(out, p)` for one probability p in [0, 1], without its checks. */
function fillBernoulliScalarUnchecked<T extends Float32Array>(rng: Rng, out: T, p: number): T {
  const n = out.length, s = rng.stateArray();
  let i = bernoulliKernelScalar(s, out, p, 0);
  while (i < n) {
    // Tie on the first digit of element i: continue as bernoulli() does, then resume.
    out[i] = +bernoulliTie(rng, kernelStop);
    i = bernoulliKernelScalar(s, out, p, i + 1);
  }
  return out;
}
