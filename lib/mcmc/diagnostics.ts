/**
 * MCMC output diagnostics: how correlated is a chain, how many independent draws is it worth,
 * how large is the error of its mean, and have several chains converged to the same
 * distribution? See docs/diagnostics.md for the formulas and references.
 *
 * - autocorrelation via FFT, integrated autocorrelation time with Sokal's automatic window
 *   (Sokal 1997; as emcee's `integrated_time`), and effectiveSampleSize = N / tau_int: the ESS
 *   that every test tolerance of this project uses (k standard errors with SE = sd / sqrt(ESS));
 * - rank-normalized split R-hat, bulk / tail / mean ESS across chains and the MCSE of the mean
 *   and of the sd (Vehtari, Gelman, Simpson, Carpenter, Bürkner 2021, as in ArviZ), with an
 *   inverse normal CDF (Wichura's AS241);
 * - the blocking method for the standard error of a mean (Flyvbjerg & Petersen 1989), with the
 *   blocking level chosen automatically (Jonsson 2018);
 * - summaryNumbers: the numbers of one row of ./summary.ts's table (summarize, formatSummary,
 *   mapDraws).
 *
 * All arithmetic is float64; inputs may be Float64Array, Float32Array or number[].
 */
import { addPowerSpectrum, circularAutocorrelation, inverseEvenSpectrum, nextPowerOfTwo } from './fft.js';
import { checkOptionKeys } from '../checks/index.js';

/** A chain of scalar draws. */
export type Draws = ArrayLike<number>;

// ---------------------------------------------------------------------------------------------
// Input checks

/** @internal */
export function isArrayLike(x: unknown): x is ArrayLike<number> {
  return (ArrayBuffer.isView(x) && !(x instanceof DataView)) || Array.isArray(x);
}

/** Throws unless x is a finite numeric series of length >= minLength; `where` names it. */
function checkSeries(fn: string, where: string, x: unknown, minLength: number): asserts x is Draws {
  if (!isArrayLike(x)) throw new TypeError(`${fn}: ${where} must be a Float64Array, Float32Array or number[], got ${x === null ? 'null' : typeof x}`);
  const s = x as ArrayLike<number>;
  if (s.length < minLength) throw new RangeError(`${fn}: ${where} is too short: length ${s.length}, need at least ${minLength}`);
  for (let i = 0; i < s.length; i++) {
    if (typeof s[i] !== 'number' || !Number.isFinite(s[i])) throw new RangeError(`${fn}: ${where}[${i}] is ${String(s[i])}; every value must be finite`);
  }
}

/** Throws unless `chains` is a non-empty array of finite chains of one common length >= minLength. */
export function checkChains(fn: string, chains: unknown, minLength: number): asserts chains is Draws[] {
  if (!Array.isArray(chains)) throw new TypeError(`${fn}: chains must be an array of chains (one Float64Array per chain), got ${chains === null ? 'null' : typeof chains}`);
  if (chains.length < 1) throw new RangeError(`${fn}: chains is empty; need at least one chain`);
  for (let c = 0; c < chains.length; c++) {
    if (!isArrayLike(chains[c])) throw new TypeError(`${fn}: chain ${c} must be a Float64Array, Float32Array or number[], got ${typeof chains[c]}`);
    if (chains[c].length !== chains[0].length) {
      throw new RangeError(`${fn}: chains have unequal lengths: chain 0 has ${chains[0].length} draws, chain ${c} has ${chains[c].length}`);
    }
  }
  for (let c = 0; c < chains.length; c++) {
    const s = chains[c] as ArrayLike<number>;
    if (s.length < minLength) throw new RangeError(`${fn}: chains are too short: ${s.length} draws each, need at least ${minLength}`);
    for (let i = 0; i < s.length; i++) {
      if (typeof s[i] !== 'number' || !Number.isFinite(s[i])) throw new RangeError(`${fn}: chain ${c}, index ${i} is ${String(s[i])}; every value must be finite`);
    }
  }
}

export function mean(x: Draws): number {
  // four partial sums (a sum's chain of dependent additions is what bounds a one-sum loop)
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) { s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]; }
  for (; i < n; i++) s0 += x[i];
  return ((s0 + s1) + (s2 + s3)) / n;
}

// ---------------------------------------------------------------------------------------------
// Autocorrelation

/**
 * Autocovariance gamma(t) = (1/N) sum_{s=0}^{N-1-t} (x_s - xbar)(x_{s+t} - xbar), t = 0..maxLag,
 * by FFT: zero-pad the centred series to a power of two >= 2N (so the circular correlation of
 * the FFT equals the linear one), gamma = IFFT(|FFT(x - xbar)|^2) / N (circularAutocorrelation,
 * two half-length complex FFTs). O(N log N).
 */
function autocovarianceFft(x: Draws, maxLag: number): Float64Array {
  const n = x.length;
  const padded = new Float64Array(nextPowerOfTwo(2 * n));
  const xbar = mean(x);
  for (let i = 0; i < n; i++) padded[i] = x[i] - xbar;
  const sums = circularAutocorrelation(padded); // sum_s y_s y_{s+t}: no wrap-around, y is zero past n
  const out = new Float64Array(maxLag + 1);
  for (let t = 0; t <= maxLag; t++) out[t] = sums[t] / n;
  return out;
}

/**
 * The mean over several centred series of one length n of their autocovariances,
 * gammaBar(t) = (1/m) sum_c (1/n) sum_{s=0}^{n-1-t} y_{c,s} y_{c,s+t}, read lag by lag. What the
 * multi-chain ESS (Geyer) and Sokal's window need, and no more:
 * - one forward FFT per series and a single inverse FFT for all of them (the spectra are summed
 *   first: the inverse transform is linear);
 * - zero padding only to L = nextPowerOfTwo(n + n/4), enough for lags 0..L - n without
 *   wrap-around (a product y_s y_{s+t-L} needs s >= L - t, so none exists for t <= L - n).
 *   Those estimators stop after a few tau_int lags; should one need a lag beyond L - n (tau_int
 *   comparable to n), everything is recomputed once with L >= 2n, which covers every lag.
 */
class MeanAutocovariance {
  readonly n: number;
  private readonly series: Draws[];
  /** The series' means: series c is centred as it is transformed (addPowerSpectrum's shift). */
  readonly means: number[];
  private gamma: Float64Array = new Float64Array(0);
  /** Lags 0..known - 1 are valid. */
  private known = 0;

  constructor(series: Draws[]) {
    this.n = series[0].length;
    this.series = series;
    this.means = series.map((x) => mean(x));
  }

  /** gammaBar(t), 0 <= t < n. */
  at(t: number): number {
    if (t >= this.known) {
      // the short window first, if it reaches t; else (or later) the full one, which covers every lag
      const short = nextPowerOfTwo(this.n + Math.ceil(this.n / 4));
      this.compute(this.known === 0 && t <= short - this.n ? short : nextPowerOfTwo(2 * this.n));
    }
    return this.gamma[t];
  }

  private compute(L: number): void {
    const n = this.n;
    const power = new Float64Array((L >> 1) + 1);
    for (let c = 0; c < this.series.length; c++) addPowerSpectrum(this.series[c], L, power, this.means[c]); // y = x - xbar
    const sums = inverseEvenSpectrum(power, L);
    this.known = Math.min(n, L - n + 1);
    this.gamma = new Float64Array(this.known);
    const scale = 1 / (n * this.series.length);
    for (let t = 0; t < this.known; t++) this.gamma[t] = sums[t] * scale;
  }
}

/**
 * Normalized autocorrelation of a chain, rho(t) = gamma(t) / gamma(0) for t = 0..maxLag
 * (default N - 1), with the usual biased autocovariance
 * gamma(t) = (1/N) sum_{s=0}^{N-1-t} (x_s - xbar)(x_{s+t} - xbar) (divisor N, not N - t: the
 * estimate Sokal 1997 and emcee use; rho(0) = 1 exactly).
 *
 * Computed with an FFT over a zero-padded copy of length the power of two >= 2N, so the
 * result is the linear (not circular) correlation; O(N log N). Throws a RangeError for fewer
 * than 2 draws, a non-finite value (naming its index), or zero variance (a constant chain has
 * no autocorrelation).
 *
 * @example
 * autocorrelation(new Float64Array([1, 2, 3, 4]), 2); // [1, 0.25, -0.3]
 */
export function autocorrelation(x: Draws, maxLag?: number): Float64Array {
  const fn = 'autocorrelation';
  checkSeries(fn, 'x', x, 2);
  const n = x.length;
  const lag = maxLag ?? n - 1;
  if (!Number.isInteger(lag) || lag < 0 || lag > n - 1) throw new RangeError(`${fn}: maxLag must be an integer in [0, ${n - 1}], got ${maxLag}`);
  const gamma = autocovarianceFft(x, lag);
  const g0 = gamma[0];
  if (!(g0 > 0)) throw new RangeError(`${fn}: x has zero variance (every value is ${x[0]}), so its autocorrelation is undefined`);
  for (let t = 0; t <= lag; t++) gamma[t] /= g0;
  gamma[0] = 1;
  return gamma;
}

// ---------------------------------------------------------------------------------------------
// Integrated autocorrelation time and ESS

/** Options of {@link integratedAutocorrTime}. */
export interface AutocorrTimeOptions {
  /** Window constant c of Sokal's rule M >= c tau(M). Default 5 (emcee's default). */
  c?: number;
}

/** Result of {@link integratedAutocorrTimeDetails}. */
export interface AutocorrTimeResult {
  /** The estimate tau_int = tau(M) = 1 + 2 sum_{t=1}^{M} rho(t). */
  tau: number;
  /** The window M chosen by Sokal's rule (smallest M with M >= c tau(M)). */
  window: number;
  /** Sokal's asymptotic standard error of tau: tau sqrt(2 (2M + 1) / N). */
  standardError: number;
  /** Number of draws N. */
  n: number;
  /** N / tau_int: the effective sample size. */
  ess: number;
  /**
   * Whether N >= 50 tau (emcee's `tol = 50`: shorter chains give unreliable estimates) and
   * the window is longer than one lag (window = 1 happens only when rho(1) <= (1/c - 1)/2,
   * -0.4 for c = 5: the window rule then cannot see past lag 1 of an anticorrelated chain).
   */
  reliable: boolean;
}

/**
 * Integrated autocorrelation time with Sokal's automatic window, and its error.
 *
 * tau(M) = 1 + 2 sum_{t=1}^{M} rho(t), and the window M is the smallest M >= 1 with
 * M >= c tau(M) (c = 5 by default); the estimate is tau(M). If no M < N qualifies, M = N - 1.
 * This is the procedure of A. D. Sokal, "Monte Carlo Methods in Statistical Mechanics:
 * Foundations and New Algorithms" (1997 Cargèse lectures), sec. 3, as implemented by emcee's
 * `integrated_time(x, c=5)` (Foreman-Mackey et al. 2013). Its standard error is Sokal's
 * var(tau) ~ 2 (2M + 1) tau^2 / N. For a chain with var(x) = sigma^2,
 * Var(xbar) ~ tau_int sigma^2 / N.
 *
 * Requires N >= 4 finite draws with nonzero variance.
 *
 * Anticorrelated chains (tau_int < 1, e.g. HMC on a Gaussian, whose trajectories end on the
 * far side of the mean) need care. tau(M) < 1 is returned as it is, so the ESS N / tau exceeds
 * N, which is correct for an antithetic chain (an AR(1) with rho = -0.3 has tau_int = 0.54).
 * But the window rule M >= c tau(M) is met already at M = 1 whenever tau(1) = 1 + 2 rho(1)
 * <= 1/c, i.e. rho(1) <= -0.4 for c = 5: the sum then stops after one lag and the estimate is
 * just 1 + 2 rho(1), which can be far below the true tau_int (AR(1) with rho = -0.45: 0.1
 * instead of 0.38, an ESS four times too large). Such a result has `window = 1` and is flagged
 * `reliable = false`. For rho(1) <= -1/2 the estimate is <= 0 and a RangeError is thrown
 * rather than a meaningless value returned. Remedies: estimate the error of the mean from
 * means of consecutive pairs (pair means of an AR(1) with coefficient phi have lag-1
 * correlation phi (1 + phi) / 2, well inside the safe range), or use {@link blockingError}.
 *
 * @example
 * const chain = new Float64Array(10000); // an AR(1) chain with rho = 0.5: x_t = 0.5 x_{t-1} + sqrt(0.75) z_t
 * const rng = new Rng(1);
 * for (let t = 1; t < chain.length; t++) chain[t] = 0.5 * chain[t - 1] + Math.sqrt(0.75) * rng.normal();
 * const d = integratedAutocorrTimeDetails(chain);
 * d.tau;           // ~3 = (1 + rho) / (1 - rho)
 * d.standardError; // ~ tau sqrt(2 (2M + 1) / N)
 */
export function integratedAutocorrTimeDetails(x: Draws, options: AutocorrTimeOptions = {}): AutocorrTimeResult {
  return autocorrTime('integratedAutocorrTimeDetails', x, options);
}

function autocorrTime(fn: string, x: Draws, options: AutocorrTimeOptions): AutocorrTimeResult {
  checkOptionKeys(fn, options, ['c']);
  checkSeries(fn, 'x', x, 4);
  const c = options.c ?? 5;
  if (typeof c !== 'number' || !(c > 0) || !Number.isFinite(c)) throw new RangeError(`${fn}: c must be a positive finite number, got ${String(c)}`);
  const n = x.length;
  const gamma = new MeanAutocovariance([x]);
  const g0 = gamma.at(0);
  if (!(g0 > 0)) throw new RangeError(`${fn}: x has zero variance (every value is ${x[0]}), so tau_int is undefined`);
  // X-ESS  tau(M) = 1 + 2 sum_{t=1}^{M} rho(t); stop at the first M with M >= c tau(M) (Sokal).
  let tau = 1;
  let window = n - 1;
  for (let m = 1; m < n; m++) {
    tau += (2 * gamma.at(m)) / g0;
    if (m >= c * tau) { window = m; break; }
  }
  if (!(tau > 0)) {
    const rho1 = gamma.at(1) / g0;
    throw new RangeError(`${fn}: the estimate tau(M = ${window}) = ${tau} is not positive: the chain is strongly anticorrelated (lag-1 autocorrelation ${rho1.toFixed(3)} <= -1/2, e.g. HMC on a Gaussian); estimate the error from means of consecutive pairs, or use blockingError`);
  }
  return {
    tau,
    window,
    standardError: tau * Math.sqrt((2 * (2 * window + 1)) / n),
    n,
    ess: n / tau,
    // window = 1 means rho(1) <= (1/c - 1)/2: tau(1) = 1 + 2 rho(1) need not be near tau_int
    reliable: n >= 50 * tau && window > 1,
  };
}

/**
 * X-ESS  Integrated autocorrelation time tau_int of a chain (Sokal's automatic window with constant
 * c = 5, as emcee): tau_int = 1 + 2 sum_{t=1}^{M} rho(t), M the smallest window with
 * M >= c tau(M). For an AR(1) chain with coefficient rho, tau_int = (1 + rho)/(1 - rho).
 * See {@link integratedAutocorrTimeDetails} for the window and standard error.
 *
 * @example
 * const chain = new Float64Array(10000); // an AR(1) chain with rho = 0.5: x_t = 0.5 x_{t-1} + sqrt(0.75) z_t
 * const rng = new Rng(1);
 * for (let t = 1; t < chain.length; t++) chain[t] = 0.5 * chain[t - 1] + Math.sqrt(0.75) * rng.normal();
 * integratedAutocorrTime(chain); // ≈ 3 = (1 + rho) / (1 - rho)
 */
export function integratedAutocorrTime(x: Draws, options: AutocorrTimeOptions = {}): number {
  return autocorrTime('integratedAutocorrTime', x, options).tau;
}

/**
 * X-ESS  Effective sample size ESS = N / tau_int (tau_int from {@link integratedAutocorrTime},
 * c = 5). THIS is the ESS the project uses for test tolerances everywhere: a Monte Carlo mean
 * of a chain has standard error sd / sqrt(ESS), and tests allow k such errors (k stated).
 * (For summaries across chains see {@link bulkEffectiveSampleSize}.)
 *
 * @example
 * const chain = new Float64Array(10000); // an AR(1) chain with rho = 0.5: x_t = 0.5 x_{t-1} + sqrt(0.75) z_t
 * const rng = new Rng(1);
 * for (let t = 1; t < chain.length; t++) chain[t] = 0.5 * chain[t - 1] + Math.sqrt(0.75) * rng.normal();
 * const ess = effectiveSampleSize(chain); // ≈ 10000 / 3
 * const sd = Math.sqrt(4 / 3); // the AR(1)'s stationary sd: sqrt(0.75 / (1 - 0.25))
 * const se = sd / Math.sqrt(ess); // standard error of the chain's mean
 */
export function effectiveSampleSize(x: Draws, options: AutocorrTimeOptions = {}): number {
  return autocorrTime('effectiveSampleSize', x, options).ess;
}

// ---------------------------------------------------------------------------------------------
// Inverse normal CDF (Wichura 1988, AS241 PPND16)

const A0 = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B0 = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
  21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C0 = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D0 = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
  0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E0 = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F0 = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** c[0] + c[1] r + ... + c[7] r^7 by Horner's rule. */
function poly7(c: number[], r: number): number {
  return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0];
}

/**
 * The standard normal quantile Phi^{-1}(p) for 0 < p < 1 (Phi^{-1}(0) = -Infinity,
 * Phi^{-1}(1) = +Infinity), by M. J. Wichura, "Algorithm AS 241: The Percentage Points of the
 * Normal Distribution", Applied Statistics 37(3), 477–484 (1988), routine PPND16: rational
 * approximations in three ranges (|p - 1/2| <= 0.425; r = sqrt(-log min(p, 1-p)) <= 5; r > 5),
 * relative accuracy about 1e-16. Throws a RangeError for p outside [0, 1] or NaN.
 *
 * @example
 * inverseNormalCdf(0.975); // 1.959963984540054
 */
export function inverseNormalCdf(p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`inverseNormalCdf: p must be a probability in [0, 1], got ${String(p)}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(A0, r)) / poly7(B0, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = poly7(C0, r) / poly7(D0, r);
  } else {
    r -= 5;
    value = poly7(E0, r) / poly7(F0, r);
  }
  return q < 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------
// Rank-normalized split R-hat, bulk / tail / mean ESS and MCSE (Vehtari et al. 2021, ArviZ)

/** All draws of all chains in one Float64Array (chain after chain), written to `all` if given. */
export function pool(chains: Draws[], all: Float64Array = new Float64Array(chains.length * chains[0].length)): Float64Array {
  const n = chains[0].length;
  for (let c = 0; c < chains.length; c++) for (let i = 0; i < n; i++) all[c * n + i] = chains[c][i];
  return all;
}

/** True on little-endian platforms (every current JS engine); decides which word of a float64 is high. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Work arrays of the rank diagnostics of one quantity of S draws, reused from one quantity to
 * the next by summarize (a fresh multi-megabyte array costs its page faults on first touch,
 * as much as a pass of work over it). Each is overwritten by the step that uses it.
 */
export class RankWorkspace {
  /** argsort's keys and indices, and their copies for the counting passes. */
  readonly sortBuffers: Uint32Array[];
  /** The runs of repeated values (Runs), at most S of them. */
  readonly runStart: Uint32Array;
  readonly runLength: Uint32Array;
  readonly runValue: Float64Array;
  readonly runKept: Uint8Array;
  readonly runPiece: Uint32Array;
  /** Run values in ascending order and the draws at or below each (RankedDraws). */
  readonly sorted: Float64Array;
  readonly below: Float64Array;
  readonly keptLength: Uint32Array;
  /** One byte per draw, zero between uses (positionsOfRuns marks and clears it). */
  readonly marks: Uint8Array;
  /** The normal score of each run, bulk and folded (normalScoresOfRuns). */
  readonly runScore: Float64Array;
  readonly runScoreFolded: Float64Array;
  readonly z: Float64Array;
  readonly foldedOrder: Uint32Array;
  readonly foldedSorted: Float64Array;
  readonly squares: Float64Array;

  constructor(S: number) {
    this.sortBuffers = Array.from({ length: 6 }, () => new Uint32Array(S));
    this.runStart = new Uint32Array(S);
    this.runLength = new Uint32Array(S);
    this.runValue = new Float64Array(S);
    this.runKept = new Uint8Array(S);
    this.runPiece = new Uint32Array(S);
    this.sorted = new Float64Array(S);
    this.below = new Float64Array(S);
    this.keptLength = new Uint32Array(S);
    this.marks = new Uint8Array(S);
    this.runScore = new Float64Array(S);
    this.runScoreFolded = new Float64Array(S);
    this.z = new Float64Array(S);
    this.foldedOrder = new Uint32Array(S);
    this.foldedSorted = new Float64Array(S);
    this.squares = new Float64Array(S);
  }
}

/**
 * The pooled draws (m chains of n, chain after chain) as runs of one repeated value: a
 * Metropolis chain repeats its state at every rejected move, so at an acceptance rate a there
 * are about a S runs, and everything that ranks draws (sorting, ties, normal scores, the fold)
 * works on runs. Run r holds value[r] at pooled positions start[r] .. start[r] + length[r] - 1;
 * runs end at chain ends and at the split points (first floor(n/2) draws | the middle draw of
 * an odd n | the last floor(n/2)), and kept[r] = 0 marks a middle draw, which is in no split
 * chain. Views into the workspace's arrays.
 */
interface Runs {
  count: number;
  start: Uint32Array;
  length: Uint32Array;
  value: Float64Array;
  kept: Uint8Array;
  /** The split chain of the run: 2c for the first half of chain c, 2c + 1 for its last half (and the middle draw). */
  piece: Uint32Array;
}

function runsOf(all: Float64Array, m: number, n: number, ws: RankWorkspace): Runs {
  const half = Math.floor(n / 2);
  const { runStart: start, runLength: length, runValue: value, runKept: kept, runPiece: piece } = ws;
  let count = 0;
  for (let c = 0; c < m; c++) {
    // the split chains' ranges, and the middle draw of an odd n on its own
    const pieces = 2 * half < n ? [[0, half, 1, 0], [half, half + 1, 0, 1], [half + 1, n, 1, 1]] : [[0, half, 1, 0], [half, n, 1, 1]];
    for (const [from, to, isKept, second] of pieces) {
      let i = c * n + from;
      const end = c * n + to;
      while (i < end) {
        const v = all[i];
        let j = i + 1;
        while (j < end && all[j] === v) j++;
        start[count] = i;
        length[count] = j - i;
        value[count] = v;
        kept[count] = isKept;
        piece[count] = 2 * c + second;
        count++;
        i = j;
      }
    }
  }
  return { count, start: start.subarray(0, count), length: length.subarray(0, count), value: value.subarray(0, count), kept: kept.subarray(0, count), piece: piece.subarray(0, count) };
}

/**
 * The IEEE 754 bits of each value as an unsigned 64-bit key in two words (hi, lo) whose
 * unsigned order is the float64 order: flipping every bit of a negative number and only the
 * sign bit of a non-negative one does it (-0 lands just before +0; inputs are finite).
 */
function orderedKeys(values: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  const hiWord = LITTLE_ENDIAN ? 1 : 0;
  for (let i = 0; i < values.length; i++) {
    const h = words[2 * i + hiWord];
    const l = words[2 * i + 1 - hiWord];
    const negative = (h & 0x80000000) !== 0;
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = negative ? ~l >>> 0 : l;
  }
}

/**
 * One stable counting-sort pass of an LSD radix sort: entry i of each array in `from` moves to
 * the place of its digit (key[i] >>> shift) & mask in `to`; `count` (the digit's histogram)
 * becomes the running start of each digit.
 */
function radixPass(key: Uint32Array, shift: number, mask: number, count: Uint32Array, from: Uint32Array[], to: Uint32Array[]): void {
  let sum = 0;
  for (let d = 0; d < count.length; d++) { const c = count[d]; count[d] = sum; sum += c; }
  const [a, b, c] = from, [a2, b2, c2] = to;
  for (let i = 0; i < key.length; i++) {
    const at = count[(key[i] >>> shift) & mask]++;
    a2[at] = a[i];
    b2[at] = b[i];
    c2[at] = c[i];
  }
}

/**
 * The state of a radix sort of `values` in the six `buffers`: [hi, lo, idx] (the ordered keys'
 * words and the identity permutation) and three spares of the same length, which each counting
 * pass writes into before the two triples trade places.
 */
function sortArrays(values: Float64Array, buffers: Uint32Array[]): [Uint32Array[], Uint32Array[]] {
  const [hi, lo, idx, hi2, lo2, idx2] = buffers;
  orderedKeys(values, hi, lo);
  for (let i = 0; i < values.length; i++) idx[i] = i;
  return [[hi, lo, idx], [hi2, lo2, idx2]];
}

/**
 * Indices that sort `values` ascending. An LSD radix sort on the high word of the ordered keys
 * (sign, exponent and 20 mantissa bits; three counting-sort passes of 11, 11 and 10 bits with
 * 2048-entry histograms that stay in cache), then an insertion sort by the low word inside each
 * run of equal high words: such runs hold values within a relative 2^-20 of each other, so for
 * draws they are short, or they are runs of one repeated value (a rejected move), which the
 * insertion sort passes over without moving anything. Equal values may come out in any order
 * (nothing downstream depends on it). Should the runs need many moves (draws packed into a
 * relative width near 2^-20), the full 64-bit sort (argsortFull) is used instead. All
 * rank-based diagnostics of a quantity share one such sort.
 */
function argsort(values: Float64Array, buffers: Uint32Array[]): Uint32Array {
  const S = values.length;
  let [cur, spare] = sortArrays(values, buffers);
  // counts[pass * 2048 + d]: how many keys have digit d in pass `pass` (bits 0-10, 11-21, 22-31 of hi)
  const counts = new Uint32Array(3 * 2048);
  for (let i = 0; i < S; i++) {
    const h = cur[0][i];
    counts[h & 0x7ff]++;
    counts[2048 + ((h >>> 11) & 0x7ff)]++;
    counts[4096 + (h >>> 22)]++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const count = counts.subarray(pass * 2048, (pass + 1) * 2048);
    if (count[(cur[0][0] >>> shift) & 0x7ff] === S) continue; // one digit for all: a stable pass is the identity
    radixPass(cur[0], shift, 0x7ff, count, cur, spare);
    [cur, spare] = [spare, cur];
  }
  const [hi, lo, idx] = cur;
  // Inside runs of equal hi, order by lo (insertion sort; `moves` bounds the work).
  let moves = 0;
  for (let i = 1; i < S; i++) {
    if (hi[i] !== hi[i - 1]) continue;
    const l = lo[i];
    if (l >= lo[i - 1]) continue;
    const id = idx[i];
    const h = hi[i];
    let j = i - 1;
    while (j >= 0 && hi[j] === h && lo[j] > l) { lo[j + 1] = lo[j]; idx[j + 1] = idx[j]; j--; }
    lo[j + 1] = l;
    idx[j + 1] = id;
    moves += i - 1 - j;
    if (moves > 8 * S) return argsortFull(values, buffers);
  }
  return idx;
}

/**
 * Indices that sort `values` ascending (stable): an LSD radix sort on the full 64-bit ordered
 * keys, four counting-sort passes of 16 bits each, least significant first (all four
 * histograms counted in one read of the keys; a pass whose digit is the same for every key is
 * skipped). O(S) whatever the values; argsort's fallback.
 */
function argsortFull(values: Float64Array, buffers: Uint32Array[]): Uint32Array {
  const S = values.length;
  let [cur, spare] = sortArrays(values, buffers);
  // counts[pass * 65536 + d]: how many keys have digit d in pass `pass` (0, 1: lo; 2, 3: hi)
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < S; i++) {
    const h = cur[0][i], l = cur[1][i];
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[2 * 65536 + (h & 0xffff)]++;
    counts[3 * 65536 + (h >>> 16)]++;
  }
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? cur[1] : cur[0];
    const shift = (pass & 1) * 16;
    const count = counts.subarray(pass * 65536, (pass + 1) * 65536);
    if (count[(key[0] >>> shift) & 0xffff] === S) continue; // one digit for all: a stable pass is the identity
    radixPass(key, shift, 0xffff, count, cur, spare);
    [cur, spare] = [spare, cur];
  }
  return cur[2];
}

/**
 * Quantile of all m n draws by linear interpolation between order statistics (Hyndman & Fan
 * type 7, numpy's and R's default, as ArviZ uses): h = (S - 1) p, t = h - floor h,
 * q = x_(floor h) + t (x_(floor h + 1) - x_(floor h)), x_(k) the k-th smallest draw (0-based),
 * read from the runs in ascending order: x_(k) = sorted[j] for the j with
 * below[j - 1] <= k < below[j] (below[j] = draws in runs 0..j, middle draws included). Rounded
 * as numpy's quantile rounds it (from the upper point, b - (1 - t)(b - a), when t >= 1/2), so that
 * a draw at the quantile falls on the same side of it as in ArviZ.
 */
function quantileOfRuns(r: RankedDraws, p: number): number {
  const S = r.m * r.n;
  const h = (S - 1) * p;
  const lo = Math.floor(h);
  const a = orderStatistic(r, lo);
  if (lo + 1 >= S) return a;
  const b = orderStatistic(r, lo + 1);
  const t = h - lo;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * The median of all m n draws as numpy's median and R's median() take it: the middle order
 * statistic, or the mean (a + b) / 2 of the two middle ones. (Type 7's a + (b - a) / 2 is the
 * same number in exact arithmetic but can round differently, and the two middle draws are exactly
 * as far from (a + b) / 2 as floating point allows: whether their folded values tie decides a
 * half rank, which moves the tail R-hat of short chains by percents.)
 */
function medianOfRuns(r: RankedDraws): number {
  const S = r.m * r.n;
  const k = S >> 1;
  if (S % 2 === 1) return orderStatistic(r, k);
  const a = orderStatistic(r, k - 1), b = orderStatistic(r, k);
  const sum = a + b;
  return Number.isFinite(sum) ? sum / 2 : a / 2 + b / 2;
}

/** x_(k), the k-th smallest of all draws (0-based), by binary search in r.below. */
function orderStatistic(r: RankedDraws, k: number): number {
  let lo = 0;
  let hi = r.runs.count - 1;
  while (lo < hi) { // first j with below[j] > k
    const mid = (lo + hi) >>> 1;
    if (r.below[mid] > k) hi = mid;
    else lo = mid + 1;
  }
  return r.sorted[lo];
}

/**
 * The normal scores z_r = Phi^{-1}((r - 3/8) / (S + 1/4)) of the ranks r = 1, 1.5, 2, ..., S
 * (an average rank of tied draws is an integer or a half-integer), evaluated on first use and
 * kept: the bulk and tail normalizations of every coordinate of a summary (same S) share them,
 * so for distinct draws Phi^{-1} runs about S times per summary instead of 2S times per
 * coordinate. Values are those of the direct formula (`direct`, for draws with many repeats).
 */
export class RankScores {
  readonly total: number;
  /** scores[2r - 2] = z_r; NaN: not yet evaluated. Made on the first `at` (draws with many repeats never need it). */
  private scores: Float64Array | null = null;

  constructor(total: number) {
    this.total = total;
  }

  /** z for the average rank r = twiceRank / 2 in [1, S], evaluated directly (no table). */
  direct(twiceRank: number): number {
    return inverseNormalCdf((twiceRank / 2 - 3 / 8) / (this.total + 1 / 4));
  }

  /** z for the average rank r = twiceRank / 2 in [1, S], from the table. */
  at(twiceRank: number): number {
    const scores = this.scores ??= new Float64Array(Math.max(0, 2 * this.total - 1)).fill(NaN);
    let z = scores[twiceRank - 2];
    if (Number.isNaN(z)) z = scores[twiceRank - 2] = this.direct(twiceRank);
    return z;
  }
}

/**
 * Rank normalization (Vehtari et al. 2021, eq. 14) of the split chains, one score per run:
 * walking the runs in ascending order of `values`, skipping middle draws (not in any split
 * chain), the draws of each group of equal values hold the ranks r + 1 .. r + c among the S
 * kept draws and all get the average rank's score z = Phi^{-1}((mean rank - 3/8) / (S + 1/4)),
 * written to score[run] (the draws themselves are written in their own order by fillFromRuns,
 * not at scattered addresses here). The k-th run of the walk is the run at sorted position
 * j = through[k] (j = k if `through` is null): run order[j], holding keptLength[j] kept draws;
 * values[k] is its value in the walk's order. `scores` (for S = 2 m floor(n/2)) may be shared.
 */
function normalScoresOfRuns(score: Float64Array, order: Uint32Array, keptLength: Uint32Array, through: Uint32Array | null, values: Float64Array, scores: RankScores): Spreads {
  const R = order.length;
  let rank = 0; // kept draws ranked so far
  let lowest = 0, highest = 0, lowestValue = 0, highestValue = 0;
  // The table pays when most draws are distinct (its integer ranks recur in every coordinate);
  // with many repeats the few, scattered average ranks are cheaper to evaluate than to look up.
  const table = 2 * R > scores.total;
  for (let k = 0; k < R;) {
    let e = k + 1;
    while (e < R && values[e] === values[k]) e++;
    let count = 0; // kept draws of value values[k]
    for (let i = k; i < e; i++) count += keptLength[through === null ? i : through[i]];
    const twiceRank = 2 * rank + 1 + count; // ranks rank+1 .. rank+count: mean (2 rank + 1 + count) / 2
    const z = count === 0 ? 0 : table ? scores.at(twiceRank) : scores.direct(twiceRank);
    for (let i = k; i < e; i++) score[order[through === null ? i : through[i]]] = z;
    if (count > 0) {
      if (rank === 0) { lowest = z; lowestValue = values[k]; }
      highest = z;
      highestValue = values[k];
      rank += count;
    }
    k = e;
  }
  return { values: highestValue - lowestValue, scores: highest - lowest };
}

/** z[i] = score of the run holding pooled position i, for every kept run (in position order). */
function fillFromRuns(z: Float64Array, runs: Runs, score: Float64Array): void {
  const { start, length, kept } = runs;
  for (let r = 0; r < runs.count; r++) {
    if (kept[r] === 0) continue;
    const v = score[r];
    for (let i = start[r], end = i + length[r]; i < end; i++) z[i] = v;
  }
}

/**
 * Classic R-hat of the 2m split chains (Gelman et al., BDA3 sec. 11.4) of a series that is
 * constant on each run (a normal score per run): W = mean of the within-chain variances,
 * B = h var(chain means), R-hat = sqrt(((h - 1)/h W + B/h) / W), h = floor(n/2), with each split
 * chain's mean and variance from its runs, mean = (1/h) sum_runs len z and
 * var = sum_runs len (z - mean)^2 / (h - 1). Infinity when W = 0 < B (chains stuck at different
 * values), NaN when W = B = 0.
 */
function rHatOfRuns(runs: Runs, score: Float64Array, m: number, n: number): number {
  const half = Math.floor(n / 2);
  const { length, kept, piece } = runs;
  const chains = 2 * m;
  const sums = new Float64Array(chains);
  // a split chain that is one score throughout has that score as its mean exactly (len z / h
  // need not round back to z), so its within variance is exactly 0 and stuck chains give W = 0
  const lowest = new Float64Array(chains).fill(Infinity);
  const highest = new Float64Array(chains).fill(-Infinity);
  for (let r = 0; r < runs.count; r++) {
    if (kept[r] === 0) continue;
    const k = piece[r], z = score[r];
    sums[k] += length[r] * z;
    if (z < lowest[k]) lowest[k] = z;
    if (z > highest[k]) highest[k] = z;
  }
  const means = Array.from(sums, (s, k) => (lowest[k] === highest[k] ? lowest[k] : s / half));
  const squares = new Float64Array(chains);
  for (let r = 0; r < runs.count; r++) {
    if (kept[r] === 0) continue;
    const k = piece[r];
    const d = score[r] - means[k];
    squares[k] += length[r] * d * d;
  }
  const W = mean(Array.from(squares, (s) => s / (half - 1)));
  const B = half * variance(means);
  if (W === 0) return B === 0 ? NaN : Infinity;
  return Math.sqrt(((half - 1) / half * W + B / half) / W);
}

/** max - min over the kept (split-chain) draws of the values and of their normal scores. */
interface Spreads {
  values: number;
  scores: number;
}

/** The 2m split chains (first and last floor(n/2) draws of each chain) of a pooled array, as views. */
function splitViews(all: Float64Array, m: number, n: number): Float64Array[] {
  const half = Math.floor(n / 2);
  const out: Float64Array[] = [];
  for (let c = 0; c < m; c++) out.push(all.subarray(c * n, c * n + half), all.subarray(c * n + n - half, (c + 1) * n));
  return out;
}

/**
 * The folded draws |x - med| in ascending order, from the runs in ascending order, without a
 * second sort: walking outwards from med, the distances of the values below med and of those
 * above each increase, so merging the two sides orders them. Writes the sorted positions of
 * the runs to `out` and their folded values to `folded`, in that order.
 */
function foldedOrder(sorted: Float64Array, med: number, out: Uint32Array, folded: Float64Array): void {
  const R = sorted.length;
  // right = first position whose value is >= med (binary search in the sorted values).
  let lo = 0;
  let hi = R;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < med) lo = mid + 1;
    else hi = mid;
  }
  let right = lo;
  let left = lo - 1;
  for (let k = 0; k < R; k++) {
    const dl = left >= 0 ? Math.abs(sorted[left] - med) : Infinity;
    const dr = right < R ? Math.abs(sorted[right] - med) : Infinity;
    if (dl <= dr) { out[k] = left--; folded[k] = dl; } else { out[k] = right++; folded[k] = dr; }
  }
}

/** Sample variance with divisor (n - 1); xbar = mean(x), if already known. */
function variance(x: Draws, xbar = mean(x)): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - xbar) * (x[i] - xbar);
  return s / (x.length - 1);
}

/**
 * The pieces every rank diagnostic of one scalar quantity needs, computed once from a single
 * sort of the runs of the pooled draws: the split chains, the runs in ascending order (for the
 * median and the 5% / 95% quantiles) and the rank-normalized split chains.
 */
interface RankedDraws {
  m: number;
  n: number;
  /** Draw s of chain c at c n + s. */
  all: Float64Array;
  runs: Runs;
  /** argsort of the run values: runs.value[order[j]] = sorted[j], ascending. */
  order: Uint32Array;
  sorted: Float64Array;
  /** The kept draws of run order[j] (its length, or 0 for a middle draw). */
  keptLength: Uint32Array;
  /** below[j]: the draws in the runs order[0..j] (quantiles). */
  below: Float64Array;
  /** The split chains of `all` (views). */
  split: Float64Array[];
  /** The split chains of the bulk normal scores (views), and the score of each run. */
  z: Float64Array[];
  runScore: Float64Array;
  /** The normal scores of the ranks among the S = 2 m floor(n/2) split draws. */
  scores: RankScores;
  workspace: RankWorkspace;
  /** max - min over the split chains of the draws and of z (what geyerEss's constant test reads). */
  spread: number;
  zSpread: number;
}

/**
 * Ranks the pooled draws `all` (m chains of n, chain after chain; not copied). `scores`, if
 * given, must be for S = 2 m floor(n/2) (summarize shares one across coordinates, and one
 * workspace).
 */
function rankPooled(all: Float64Array, m: number, n: number, scores = new RankScores(2 * m * Math.floor(n / 2)), workspace = new RankWorkspace(m * n)): RankedDraws {
  const runs = runsOf(all, m, n, workspace);
  const R = runs.count;
  const order = argsort(runs.value, workspace.sortBuffers.map((b) => b.subarray(0, R)));
  const sorted = workspace.sorted.subarray(0, R);
  const below = workspace.below.subarray(0, R);
  const keptLength = workspace.keptLength.subarray(0, R);
  let count = 0;
  for (let j = 0; j < R; j++) { // the runs' attributes in sorted order, read once at scattered addresses
    const run = order[j];
    sorted[j] = runs.value[run];
    count += runs.length[run];
    below[j] = count;
    keptLength[j] = runs.kept[run] === 1 ? runs.length[run] : 0;
  }
  const runScore = workspace.runScore.subarray(0, R);
  const spreads = normalScoresOfRuns(runScore, order, keptLength, null, sorted, scores);
  fillFromRuns(workspace.z, runs, runScore); // the middle draws' entries are never read (splitViews)
  return { m, n, all, runs, order, sorted, keptLength, below, split: splitViews(all, m, n), z: splitViews(workspace.z, m, n), runScore, scores, workspace, spread: spreads.values, zSpread: spreads.scores };
}

function rankDraws(chains: Draws[]): RankedDraws {
  return rankPooled(pool(chains), chains.length, chains[0].length);
}

/** Bulk and tail (folded about the median of all draws) R-hat from ranked draws; the larger one. */
function rHatOfRanked(r: RankedDraws): number {
  const bulk = rHatOfRuns(r.runs, r.runScore, r.m, r.n);
  const med = medianOfRuns(r);
  const ws = r.workspace;
  const R = r.runs.count;
  const foldedRuns = ws.foldedOrder.subarray(0, R);
  const foldedValues = ws.foldedSorted.subarray(0, R);
  foldedOrder(r.sorted, med, foldedRuns, foldedValues); // sorted positions, walking out from the median
  const foldedScore = ws.runScoreFolded.subarray(0, R);
  normalScoresOfRuns(foldedScore, r.order, r.keptLength, foldedRuns, foldedValues, r.scores);
  const tail = rHatOfRuns(r.runs, foldedScore, r.m, r.n);
  if (Number.isNaN(bulk) || Number.isNaN(tail)) return Number.isNaN(bulk) ? tail : bulk;
  return Math.max(bulk, tail);
}

/**
 * Rank-normalized split R-hat of several chains of one scalar quantity (Vehtari, Gelman,
 * Simpson, Carpenter & Bürkner, "Rank-normalization, folding, and localization: An improved
 * R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2), 667–718, 2021; as
 * ArviZ's `rhat(method="rank")`):
 * 1. split every chain into halves (2m chains of floor(n/2) draws; the middle draw of odd n is
 *    dropped), so a chain that drifts disagrees with itself;
 * 2. rank-normalize the pooled draws: z = Phi^{-1}((r - 3/8)/(S + 1/4)) (ties: average rank);
 * 3. bulk R-hat = classic R-hat of the z's; tail R-hat = the same for the folded draws
 *    |x - median(x)| (median over all draws), which catches chains with equal location but
 *    different spread;
 * 4. R-hat = max(bulk, tail).
 * Values near 1 indicate agreement; Vehtari et al. recommend R-hat < 1.01. One chain works
 * too (its two halves are compared). Returns Infinity when chains are stuck at different
 * constants and NaN when every draw is equal.
 *
 * Throws for fewer than 4 draws per chain, chains of unequal length or non-finite values
 * (naming chain and index).
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * splitRHat([chainA, chainB, chainC, chainD]); // close to 1 for well-mixed chains
 */
export function splitRHat(chains: Draws[]): number {
  checkChains('splitRHat', chains, 4);
  return rHatOfRanked(rankDraws(chains));
}

/**
 * What Geyer's estimator reads from m series of one length n: their means and the mean over
 * the series of their autocovariances, gammaBar(t) = (1/m) sum_c (1/n) sum_{s<n-t} y_{c,s} y_{c,s+t}
 * (y = series minus its own mean), lag by lag. MeanAutocovariance computes it by FFT for any
 * series, IndicatorAutocovariance by counting pairs of ones for sparse 0/1 series.
 */
interface SeriesAutocovariance {
  readonly n: number;
  readonly means: number[];
  at(t: number): number;
}

/**
 * ESS of m series by Geyer's initial monotone sequence estimator, combining their
 * autocovariances as in Stan / ArviZ (Vehtari et al. 2021, sec. 3.2 and eqs. 10-12):
 * rho_t = 1 - (W - mean_c gamma_c(t)) / var+, var+ = (n-1)/n W + var(chain means);
 * sum pairs rho_{2k} + rho_{2k+1} while positive, make the pair sums monotone, then
 * tau = -1 + 2 sum_{t <= T} rho_t (+ the last even term), ESS = m n / max(tau, 1/log10(m n)).
 * Only the mean over the series of the autocovariances enters. The caller has ruled out
 * constant series (ArviZ returns m n for those: see geyerEss).
 */
function geyerEssOf(acov: SeriesAutocovariance): number {
  const m = acov.means.length;
  const n = acov.n;
  const meanVar = (acov.at(0) * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) varPlus += variance(acov.means); // var of the chain means
  let rho = new Float64Array(Math.min(n, 256)); // grown as the sequence goes on (it usually stops a few tau in)
  rho[0] = 1;
  let rhoEven = 1;
  let rhoOdd = 1 - (meanVar - acov.at(1)) / varPlus;
  rho[1] = rhoOdd;
  // Geyer's initial positive sequence: add pairs while their sum stays positive.
  let t = 1;
  while (t < n - 3 && rhoEven + rhoOdd > 0) {
    if (t + 3 > rho.length) { const grown = new Float64Array(Math.min(n, 2 * rho.length)); grown.set(rho); rho = grown; }
    rhoEven = 1 - (meanVar - acov.at(t + 1)) / varPlus;
    rhoOdd = 1 - (meanVar - acov.at(t + 2)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t + 1] = rhoEven;
      rho[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (rhoEven > 0) rho[maxT + 1] = rhoEven;
  // Geyer's initial monotone sequence: pair sums must not increase.
  for (let k = 1; k <= maxT - 2; k += 2) {
    if (rho[k + 1] + rho[k + 2] > rho[k - 1] + rho[k]) {
      rho[k + 1] = (rho[k - 1] + rho[k]) / 2;
      rho[k + 2] = rho[k + 1];
    }
  }
  let sum = 0;
  for (let k = 0; k <= maxT; k++) sum += rho[k];
  let tau = -1 + 2 * sum + rho[maxT + 1];
  tau = Math.max(tau, 1 / Math.log10(m * n));
  return (m * n) / tau;
}

/**
 * Geyer's ESS of m series (geyerEssOf, autocovariances by FFT); m n when max - min < 1e-15
 * over all of them (ArviZ's constant case). `spread` = max - min, if the caller knows it.
 */
function geyerEss(chains: Float64Array[], spread?: number): number {
  const n = chains[0].length;
  if (spread === undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of chains) {
      for (let i = 0; i < n; i++) {
        const v = c[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    spread = hi - lo;
  }
  if (spread < 1e-15) return chains.length * n;
  return geyerEssOf(new MeanAutocovariance(chains));
}

/**
 * gammaBar(t) of m 0/1 series of length n from the positions of their ones, by counting: for
 * y_s = I_s - p (p = k/n, k ones),
 *   n gamma(t) = sum_{s<n-t} (I_s - p)(I_{s+t} - p) = C_t - p (A_t + B_t) + (n - t) p^2,
 * C_t = number of pairs of ones t apart, A_t = ones at s <= n-1-t, B_t = ones at s >= t. The
 * ones come in clusters of consecutive positions (a chain stays in a tail for a while), and the
 * pairs between two clusters at each lag form a trapezoid, so C_t is summed cluster by cluster.
 * Lags are counted in blocks (64 lags, or a quarter of those so far) as Geyer's sequence reads
 * them; each cluster remembers where its partner scan stopped, so the work is about the lags
 * covered by pairs of clusters closer than the last lag read: for a sparse indicator (a tail
 * ESS's 5% of draws) far less than an FFT.
 * If the pairs would cost more than transforms (dense or slowly mixing indicators), the rest
 * comes from MeanAutocovariance on the 0/1 series.
 * The same gamma belongs to the complement 1 - I (y changes sign), so callers pass whichever
 * of the two has fewer ones.
 * @internal (exported for its spec)
 */
export class IndicatorAutocovariance implements SeriesAutocovariance {
  readonly n: number;
  readonly means: number[];
  private readonly ones: Int32Array[];
  /** The ones of series c as clusters of consecutive positions: starts[c][a], lengths[c][a]. */
  private readonly starts: Int32Array[];
  private readonly lengths: Int32Array[];
  /** next[c][a]: the first cluster after a whose pairs with a are not all counted yet. */
  private readonly next: Int32Array[];
  /** A_t and B_t as pointers: ones[c][0..aEnd[c]) are <= n-1-t, ones[c][bStart[c]..) are >= t. */
  private readonly aEnd: Int32Array;
  private readonly bStart: Int32Array;
  private gamma = new Float64Array(0);
  private known = 0;
  /** Pairs visited so far and the budget (about the cost of the FFTs) before falling back. */
  private pairs = 0;
  private readonly budget: number;
  private fallback: MeanAutocovariance | null = null;

  /** Whether the pairs grew too many and the autocovariances now come from FFTs. */
  get usesTransforms(): boolean {
    return this.fallback !== null;
  }

  constructor(ones: Int32Array[], n: number) {
    this.n = n;
    this.ones = ones;
    this.means = ones.map((p) => p.length / n);
    this.starts = [];
    this.lengths = [];
    for (const P of ones) {
      let clusters = 0;
      for (let a = 0; a < P.length; a++) if (a === 0 || P[a] !== P[a - 1] + 1) clusters++;
      const start = new Int32Array(clusters), length = new Int32Array(clusters);
      for (let a = 0, q = -1; a < P.length; a++) {
        if (a === 0 || P[a] !== P[a - 1] + 1) start[++q] = P[a];
        length[q]++;
      }
      this.starts.push(start);
      this.lengths.push(length);
    }
    this.next = this.starts.map((start) => Int32Array.from(start, (_, a) => a + 1));
    this.aEnd = Int32Array.from(ones, (p) => p.length);
    this.bStart = new Int32Array(ones.length);
    this.budget = 16 * n * ones.length;
  }

  at(t: number): number {
    // blocks of 64 lags, a quarter of the lags so far beyond 256: Geyer's sequence stops a few
    // tau in, so doubling blocks would count up to twice the pairs it needs, and each block costs
    // one look at every one besides its pairs
    while (this.fallback === null && t >= this.known) this.extend(Math.min(this.n, this.known + Math.max(64, this.known >> 2)));
    const fallback = this.fallback as MeanAutocovariance | null; // extend may have set it
    return fallback === null ? this.gamma[t] : fallback.at(t);
  }

  /** Counts lags known..upTo - 1. */
  private extend(upTo: number): void {
    const n = this.n;
    const from = this.known;
    const counts = new Int32Array(upTo - from); // C_t of one series at a time
    const gamma = new Float64Array(upTo);
    gamma.set(this.gamma);
    const scale = 1 / (n * this.ones.length);
    for (let c = 0; c < this.ones.length; c++) {
      const P = this.ones[c];
      const start = this.starts[c], length = this.lengths[c], next = this.next[c];
      const Q = start.length;
      counts.fill(0);
      // Pairs of ones i <= j, j - i = t, counted cluster by cluster: within a cluster of p ones,
      // p - t pairs at lag t; between clusters A (p ones, last at ea) and a later B (q ones,
      // from sb to eb), min(p, q, t - lo + 1, hi - t + 1) pairs at each lag t in
      // [lo, hi] = [sb - ea, eb - sa] (two boxes convolved: a trapezoid).
      for (let a = 0; a < Q; a++) {
        const p = length[a], sa = start[a], ea = sa + p - 1;
        for (let t = from; t < upTo && t < p; t++) counts[t - from] += p - t;
        let b = next[a];
        while (b < Q && start[b] + length[b] - 1 - sa < from) b++; // clusters whose lags all lie before this block
        next[a] = b;
        for (; b < Q; b++) {
          const lo = start[b] - ea;
          if (lo >= upTo) break;
          const q = length[b], hi = start[b] + q - 1 - sa, least = p < q ? p : q;
          const t1 = hi < upTo - 1 ? hi : upTo - 1;
          for (let t = lo > from ? lo : from; t <= t1; t++) {
            const rising = t - lo + 1, falling = hi - t + 1;
            counts[t - from] += Math.min(rising, falling, least);
          }
          this.pairs += t1 - lo + 1;
        }
        this.pairs++; // the look at this cluster
      }
      if (this.pairs > this.budget) { this.useTransforms(); return; }
      const p = this.means[c];
      let aEnd = this.aEnd[c];
      let bStart = this.bStart[c];
      for (let t = from; t < upTo; t++) {
        while (aEnd > 0 && P[aEnd - 1] > n - 1 - t) aEnd--;
        while (bStart < P.length && P[bStart] < t) bStart++;
        // n gamma_c(t) = C_t - p (A_t + B_t) + (n - t) p^2
        gamma[t] += (counts[t - from] - p * (aEnd + (P.length - bStart)) + (n - t) * p * p) * scale;
      }
      this.aEnd[c] = aEnd;
      this.bStart[c] = bStart;
    }
    this.gamma = gamma;
    this.known = upTo;
  }

  /** Too many pairs: the 0/1 series by FFT from here on. */
  private useTransforms(): void {
    this.fallback = new MeanAutocovariance(this.ones.map((P) => {
      const y = new Float64Array(this.n);
      for (let a = 0; a < P.length; a++) y[P[a]] = 1;
      return y;
    }));
  }
}

/**
 * Geyer's ESS of the indicator I(x <= q) over the split chains (ArviZ's ESS of a quantile), read
 * from the ranked runs: the runs with value <= q are a prefix of the sorted runs, so the
 * positions of the ones (or of the zeros, if fewer: the complement has the same
 * autocovariance) come from those runs alone, without a pass over all draws; then
 * IndicatorAutocovariance. A constant indicator gives m n, as for any constant series.
 */
function indicatorEss(r: RankedDraws, q: number): number {
  const { runs, sorted } = r;
  const R = runs.count;
  const half = Math.floor(r.n / 2);
  const chains = 2 * r.m;
  const total = chains * half;
  let j = 0; // runs order[0..j) have value <= q
  let lo = 0, hi = R;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] <= q) lo = mid + 1; else hi = mid; }
  j = lo;
  let below = 0; // kept draws <= q (the runs' kept lengths in sorted order: read in order)
  for (let k = 0; k < j; k++) below += r.keptLength[k];
  if (below === 0 || below === total) return total;
  const [from, to] = below <= total / 2 ? [0, j] : [j, R]; // the runs holding the ones (or the zeros)
  const ones = positionsOfRuns(r, from, to, chains, half);
  return geyerEssOf(new IndicatorAutocovariance(ones, half));
}

/**
 * For the runs order[from..to), their draws' positions within each of the 2m split chains,
 * ascending: the runs come in order of value, so their draws are marked in a byte per pooled
 * draw (the workspace's, left zero again) and read back in order, chain by chain (two reads of
 * a byte per draw instead of sorting the positions).
 */
function positionsOfRuns(r: RankedDraws, from: number, to: number, chains: number, half: number): Int32Array[] {
  const { runs, order } = r;
  const n = r.n;
  const marks = r.workspace.marks;
  const count = new Int32Array(chains);
  for (let k = from; k < to; k++) {
    const run = order[k];
    if (runs.kept[run] === 0) continue;
    count[runs.piece[run]] += runs.length[run];
    marks.fill(1, runs.start[run], runs.start[run] + runs.length[run]);
  }
  return Array.from(count, (total, piece) => {
    const c = piece >> 1;
    const origin = c * n + ((piece & 1) === 0 ? 0 : n - half); // where split chain `piece` starts in the pooled draws
    const P = new Int32Array(total);
    for (let i = 0, a = 0; a < total; i++) if (marks[origin + i] === 1) P[a++] = i;
    marks.fill(0, origin, origin + half);
    return P;
  });
}

/**
 * Bulk effective sample size of several chains of one scalar quantity (Vehtari et al. 2021,
 * as ArviZ's `ess(method="bulk")`): split the chains in halves, rank-normalize the pooled
 * draws (z = Phi^{-1}((r - 3/8)/(S + 1/4))), and apply Geyer's initial monotone sequence
 * estimator to the multi-chain autocorrelation. Robust to heavy tails; reported by
 * {@link summarize}. (Test tolerances use {@link effectiveSampleSize} = N / tau_int.)
 *
 * Same input rules as {@link splitRHat} (>= 4 draws per chain, equal lengths, finite values).
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * bulkEffectiveSampleSize([chainA, chainB]); // about 2 n / tau_int for well-mixed chains
 */
export function bulkEffectiveSampleSize(chains: Draws[]): number {
  checkChains('bulkEffectiveSampleSize', chains, 4);
  const r = rankDraws(chains);
  return geyerEss(r.z, r.zSpread);
}

/** min over p in {5%, 95%} of the split-chain ESS of the indicator I(x <= q_p). */
function tailEssOfRanked(r: RankedDraws): number {
  return Math.min(indicatorEss(r, quantileOfRuns(r, 0.05)), indicatorEss(r, quantileOfRuns(r, 0.95)));
}

/**
 * Tail effective sample size (Vehtari et al. 2021, sec. 4.3; ArviZ's `ess(method="tail")`): the
 * smaller of the ESS of the indicator series I(x <= q_5%) and I(x <= q_95%) over the split
 * chains (q = quantile of all draws, type 7), i.e. how well the chains pin down the 5% and 95%
 * quantiles. Small when the chains explore the tails slowly even if the bulk mixes well.
 * Same input rules as {@link splitRHat}.
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * tailEffectiveSampleSize([chainA, chainB, chainC, chainD]); // compare with 100 per chain
 */
export function tailEffectiveSampleSize(chains: Draws[]): number {
  checkChains('tailEffectiveSampleSize', chains, 4);
  return tailEssOfRanked(rankDraws(chains));
}

/**
 * ESS for the mean (ArviZ's `ess(method="mean")`): Geyer's estimator on the split chains of
 * the draws themselves (no rank normalization, so it measures the mean's precision and needs a
 * finite variance). This is the ESS in {@link mcseMean}. Same input rules as {@link splitRHat}.
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * meanEffectiveSampleSize([chainA, chainB]); // sd / sqrt(this) = mcseMean([chainA, chainB])
 */
export function meanEffectiveSampleSize(chains: Draws[]): number {
  checkChains('meanEffectiveSampleSize', chains, 4);
  return geyerEss(splitViews(pool(chains), chains.length, chains[0].length));
}

/**
 * Monte Carlo standard error of the mean of all draws (ArviZ's `mcse(method="mean")`):
 * sd / sqrt(ESS_mean), with sd over all draws (divisor S - 1) and ESS_mean from
 * {@link meanEffectiveSampleSize}. Same input rules as {@link splitRHat}. For a function of
 * vector draws, map them first ({@link mapDraws}).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const se = mcseMean(chainColumns(result, 0)); // report mean ± 2 se
 */
export function mcseMean(chains: Draws[]): number {
  checkChains('mcseMean', chains, 4);
  const all = pool(chains);
  return Math.sqrt(variance(all, meanOfDraws(all)) / geyerEss(splitViews(all, chains.length, chains[0].length)));
}

/**
 * Monte Carlo standard error of the standard deviation of all draws, by the delta method (as
 * ArviZ's `mcse(method="sd")` in its recent versions and the posterior R package): with
 * d = (x - xbar)^2 over all draws, the variance is mean(d) = v, its MCSE^2 is
 * (mean(d^2) - v^2) / ESS_d (ESS_d = Geyer's ESS of d over the split chains), and
 * sd = sqrt(v) gives MCSE(sd)^2 = MCSE(v)^2 / (4 v). Same input rules as {@link splitRHat}.
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * mcseSd([chainA, chainB]); // about sd / sqrt(2 ESS) for Gaussian draws
 */
export function mcseSd(chains: Draws[]): number {
  checkChains('mcseSd', chains, 4);
  const all = pool(chains);
  return squaredDeviations(all, chains.length, chains[0].length, meanOfDraws(all)).mcseSd;
}

/** The mean of the pooled draws, and exactly their value when they are all equal (as summaryNumbers takes it). */
function meanOfDraws(all: Float64Array): number {
  let lo = all[0], hi = all[0];
  for (let i = 1; i < all.length; i++) { const v = all[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo === hi ? lo : mean(all);
}

/**
 * The squared deviations d = (x - xbar)^2 of the pooled draws (m chains of n) and what mcseSd
 * and sd need of them: sum d (so sd = sqrt(sum / (S - 1)) and the variance v = sum / S),
 * mean(d^2), and mcse(sd) by the delta method (mcseSd).
 */
function squaredDeviations(pooled: Float64Array, m: number, n: number, xbar: number, d: Float64Array = new Float64Array(pooled.length)): { sum: number; mcseSd: number } {
  const S = pooled.length; // d: (x - xbar)^2, chain after chain
  let lo = Infinity; // min and max of d over the split chains (the middle draw of odd n is in none)
  let hi = -Infinity;
  const middle = n % 2 === 1 ? Math.floor(n / 2) : -1;
  for (let c = 0; c < m; c++) {
    for (let s = 0; s < n; s++) {
      const i = c * n + s;
      const v = (pooled[i] - xbar) * (pooled[i] - xbar);
      d[i] = v;
      if (s !== middle) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
  }
  const [sum, sumOfSquares] = sumAndSumOfSquares(d);
  const v = sum / S; // variance with divisor S
  if (!(v > 0)) return { sum, mcseSd: NaN };
  const m2 = sumOfSquares / S;
  const varOfVariance = (m2 - v * v) / geyerEss(splitViews(d, m, n), hi - lo); // MCSE(v)^2 = (mean(d^2) - v^2) / ESS_d
  return { sum, mcseSd: Math.sqrt(varOfVariance / (4 * v)) }; // MCSE(sd)^2 = MCSE(v)^2 / (4 v)
}

/**
 * [sum d_i, sum d_i^2] for nonnegative d, in blocks of 256 (four partial sums each) whose totals
 * are added with Neumaier's compensation: a relative error of about 64 eps whatever the length,
 * where one running sum over 10^6 draws loses about sqrt(S) eps (up to S eps): a summary of
 * 10^6 draws gave an sd 8e-12 away from numpy's pairwise sum.
 */
function sumAndSumOfSquares(d: Float64Array): [number, number] {
  let sum = 0, sumC = 0, squares = 0, squaresC = 0;
  for (let start = 0; start < d.length; start += 256) {
    const end = Math.min(d.length, start + 256);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    let i = start;
    for (; i + 3 < end; i += 4) {
      const v0 = d[i], v1 = d[i + 1], v2 = d[i + 2], v3 = d[i + 3];
      a0 += v0; a1 += v1; a2 += v2; a3 += v3;
      b0 += v0 * v0; b1 += v1 * v1; b2 += v2 * v2; b3 += v3 * v3;
    }
    for (; i < end; i++) { a0 += d[i]; b0 += d[i] * d[i]; }
    const block = (a0 + a1) + (a2 + a3), blockSquares = (b0 + b1) + (b2 + b3);
    // Neumaier: the low-order part lost in each addition is kept in the compensation
    let t = sum + block;
    sumC += Math.abs(sum) >= Math.abs(block) ? (sum - t) + block : (block - t) + sum;
    sum = t;
    t = squares + blockSquares;
    squaresC += Math.abs(squares) >= Math.abs(blockSquares) ? (squares - t) + blockSquares : (blockSquares - t) + squares;
    squares = t;
  }
  return [sum + sumC, squares + squaresC];
}

// ---------------------------------------------------------------------------------------------
// Blocking (Flyvbjerg & Petersen 1989; automated by Jonsson 2018)

/**
 * 99% quantiles of the chi-square distribution with df = 1..30 degrees of freedom, the table of
 * M. Jonsson, "Standard error estimation by an automated blocking method", Phys. Rev. E 98,
 * 043304 (2018). Entry df - 1 is q_df(0.99).
 */
export const CHI_SQUARE_99: readonly number[] = [
  6.634897, 9.210340, 11.344867, 13.276704, 15.086272, 16.811894, 18.475307, 20.090235, 21.665994,
  23.209251, 24.724970, 26.216967, 27.688250, 29.141238, 30.577914, 31.999927, 33.408664, 34.805306,
  36.190869, 37.566235, 38.932173, 40.289360, 41.638398, 42.979820, 44.314105, 45.641683, 46.962942,
  48.278236, 49.587884, 50.892181,
];

/** Result of {@link blockingError}. */
export interface BlockingResult {
  /** Mean of the draws used. */
  mean: number;
  /** Estimated variance of the mean, sigma_k^2 / (n_k - 1) at the chosen level k. */
  varianceOfMean: number;
  /** Its square root: the standard error of the mean. */
  standardError: number;
  /** Relative standard deviation of `varianceOfMean` itself, sqrt(2 / (n_k - 1)) (F&P eq. 28). */
  relativeErrorOfVariance: number;
  /** The chosen number of blocking transformations k. */
  level: number;
  /** Block length 2^k at the chosen level. */
  blockSize: number;
  /** Number of blocks n_k = n / 2^k at the chosen level. */
  blocks: number;
  /** Number of draws used: the largest power of two <= the input length (the first ones). */
  n: number;
  /** False when the test only stopped at the last possible level (Jonsson's "use more data"). */
  converged: boolean;
}

/**
 * Standard error of the mean of a correlated series by the blocking method.
 *
 * Flyvbjerg & Petersen, "Error estimates on averages of correlated data", J. Chem. Phys. 91,
 * 461 (1989): repeatedly replace the series by means of neighbouring pairs,
 * x'_i = (x_{2i} + x_{2i+1}) / 2. The mean is unchanged; once blocks are longer than the
 * correlation time they are nearly independent and sigma_k^2 / (n_k - 1) estimates Var(xbar),
 * with sigma_k^2 = (1/n_k) sum (x_i - xbar)^2 at level k (n_k values).
 *
 * The level k is chosen automatically as in M. Jonsson, Phys. Rev. E 98, 043304 (2018):
 * with gamma_k = (1/n_k) sum_i (x_i - xbar)(x_{i+1} - xbar) the lag-1 autocovariance at level k
 * and d = log2 n levels, M_j = sum_{k=j}^{d-1} n_k (gamma_k / sigma_k^2)^2 tests whether the
 * block means of levels j.. are still correlated (each term is asymptotically chi-square with
 * one degree of freedom when they are not). k is the smallest j with M_j < q[j], where q is
 * the paper's table of 99% chi-square quantiles ({@link CHI_SQUARE_99}) indexed by j exactly as
 * in Jonsson's reference code (github.com/computative/block, python/tictoc.py), which is the
 * code the UiO course notes use. Note that this compares M_j, a sum of d - j terms, with the
 * quantile for j + 1 degrees of freedom; the strict test would use d - j. We keep the
 * reference code's rule because it stops later, and the residual correlation of too-short
 * blocks biases the estimate LOW: on AR(1) chains (N = 2^18, 40 seeds) the reference rule
 * gave Var(xbar) 4% (rho = 0.5) and 7% (rho = 0.9) below the exact value on average, the
 * strict d - j rule 5% and 9%. Expect this method to underestimate by a few percent.
 * One deliberate difference: the estimate at level k divides by n_k - 1 (F&P's unbiased form
 * for independent blocks) where the reference code divides by n_k.
 *
 * The method needs n = 2^d draws: a longer input is truncated to its first 2^floor(log2 N)
 * draws (field `n`). Requires N >= 4 finite values with nonzero variance and N < 2^31.
 *
 * @example
 * const chain = new Float64Array(10000); // an AR(1) chain with rho = 0.5: x_t = 0.5 x_{t-1} + sqrt(0.75) z_t
 * const rng = new Rng(1);
 * for (let t = 1; t < chain.length; t++) chain[t] = 0.5 * chain[t - 1] + Math.sqrt(0.75) * rng.normal();
 * const b = blockingError(chain);
 * b.standardError; // error of mean(chain), correlations included
 */
export function blockingError(x: Draws): BlockingResult {
  const fn = 'blockingError';
  checkSeries(fn, 'x', x, 4);
  const d = Math.floor(Math.log2(x.length));
  if (d > CHI_SQUARE_99.length) throw new RangeError(`${fn}: x has ${x.length} draws; at most 2^${CHI_SQUARE_99.length + 1} - 1 are supported`);
  const n = 2 ** d;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = x[i];
  const xbar = mean(data);
  const sigma2 = new Float64Array(d); // sigma_k^2, divisor n_k
  const gamma = new Float64Array(d);  // lag-1 autocovariance, divisor n_k
  let len = n;
  for (let k = 0; k < d; k++) {
    let s = 0;
    let g = 0;
    for (let i = 0; i < len; i++) {
      const dev = data[i] - xbar;
      s += dev * dev;
      if (i + 1 < len) g += dev * (data[i + 1] - xbar);
    }
    sigma2[k] = s / len;
    gamma[k] = g / len;
    if (k === 0 && !(sigma2[0] > 0)) throw new RangeError(`${fn}: x has zero variance (every value is ${x[0]}), so the error of its mean is 0 and blocking is meaningless`);
    // blocking transformation: x'_i = (x_{2i} + x_{2i+1}) / 2
    for (let i = 0; i < len / 2; i++) data[i] = 0.5 * (data[2 * i] + data[2 * i + 1]);
    len /= 2;
  }
  // M_j = sum_{k=j}^{d-1} n_k (gamma_k / sigma_k^2)^2, accumulated from the top level down.
  const M = new Float64Array(d);
  let acc = 0;
  for (let k = d - 1; k >= 0; k--) {
    const nk = n / 2 ** k;
    if (sigma2[k] > 0) acc += nk * (gamma[k] / sigma2[k]) ** 2; // sigma_k = 0: nothing left to correlate
    M[k] = acc;
  }
  let level = d - 1;
  for (let j = 0; j < d; j++) {
    if (M[j] < CHI_SQUARE_99[j]) { level = j; break; } // index j as in Jonsson's code (see above)
  }
  const blocks = n / 2 ** level;
  const varianceOfMean = sigma2[level] / (blocks - 1);
  return {
    mean: xbar,
    varianceOfMean,
    standardError: Math.sqrt(varianceOfMean),
    relativeErrorOfVariance: Math.sqrt(2 / (blocks - 1)),
    level,
    blockSize: 2 ** level,
    blocks,
    n,
    converged: level < d - 1,
  };
}

// ---------------------------------------------------------------------------------------------
// The numbers of one summary row

/** The columns of a summary row, in this order (summaryNumbers writes them). */
export const SUMMARY_COLUMNS = ['mean', 'sd', 'mcseMean', 'mcseSd', 'essMean', 'essBulk', 'essTail', 'rhat'] as const;

/**
 * The numbers of one row of summarize for the pooled draws `all` of m chains of n (chain after
 * chain), written to out[at .. at + 7] in the order of SUMMARY_COLUMNS. `scores` (for
 * S = 2 m floor(n/2)) and `workspace` (for m n draws) are shared by the rows of one summary.
 * @internal
 */
export function summaryNumbers(all: Float64Array, m: number, n: number, scores: RankScores, workspace: RankWorkspace, out: Float64Array, at: number): void {
  const ranked = rankPooled(all, m, n, scores, workspace);
  const xbar = ranked.sorted[0] === ranked.sorted[ranked.runs.count - 1] ? ranked.sorted[0] : mean(all); // constant draws: their value exactly
  const deviations = squaredDeviations(all, m, n, xbar, workspace.squares);
  const sd = Math.sqrt(deviations.sum / (all.length - 1)); // the sample variance's sum, divisor S - 1
  const essMean = geyerEss(ranked.split, ranked.spread);
  out[at] = xbar;
  out[at + 1] = sd;
  out[at + 2] = sd / Math.sqrt(essMean); // mcse of the mean
  out[at + 3] = deviations.mcseSd;
  out[at + 4] = essMean;
  out[at + 5] = geyerEss(ranked.z, ranked.zSpread); // bulk
  out[at + 6] = tailEssOfRanked(ranked);
  out[at + 7] = rHatOfRanked(ranked);
}
