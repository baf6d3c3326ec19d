/**
 * MCMC diagnostics (lib/mcmc/diagnostics.ts).
 *
 * References, each named at its test:
 * - direct O(N maxLag) sums written here (autocorrelation);
 * - emcee 3.1.4 (`emcee.autocorr.function_1d`, `integrated_time(x, c=5)`, run with numpy 2.4.6)
 *   on a series both sides generate bit-identically from an integer LCG;
 * - exact AR(1) theory: tau_int = (1 + rho)/(1 - rho) and
 *   Var(xbar) = (sigma^2/N) [ (1+rho)/(1-rho) - 2 rho (1 - rho^N) / (N (1-rho)^2) ];
 * - mpmath 1.3.0 at 60 digits (normal quantiles of the exact binary value of p, by bisection
 *   on ncdf) and scipy 1.17.1 `chi2.ppf(0.99, df)`;
 * - a numpy/scipy transcription of ArviZ's rank R-hat and bulk ESS (ArviZ itself could not be
 *   installed here): scipy.stats.rankdata, scipy.stats.norm.ppf and an O(N^2) autocovariance;
 *   for tail and mean ESS, mcse_mean and mcse_sd the script spec/fixtures/arviz_reference.py.
 * Random tests use fixed seeds; tolerances are k standard errors with k and the SE stated.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CHI_SQUARE_99,
  autocorrelation,
  blockingError,
  bulkEffectiveSampleSize,
  effectiveSampleSize,
  integratedAutocorrTime,
  integratedAutocorrTimeDetails,
  inverseNormalCdf,
  mcseMean,
  mcseSd,
  meanEffectiveSampleSize,
  splitRHat,
  tailEffectiveSampleSize,
} from '../../lib/mcmc/diagnostics.js';
import { formatSummary, mapDraws, summarize } from '../../lib/mcmc/summary.js';
import { Rng } from '../../lib/random/index.js';

/** y_t = rho y_{t-1} + (u_t - 1/2), u_t from the LCG s <- (1664525 s + 1013904223) mod 2^32 (same in the Python reference). */
function lcgSeries(seed: number, n: number, rho = 0.8, offset = 0): Float64Array {
  let s = seed >>> 0;
  let y = 0;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    s = (1664525 * s + 1013904223) % 4294967296;
    y = rho * y + (s / 4294967296 - 0.5);
    out[t] = y + offset;
  }
  return out;
}

/** Stationary AR(1): x_0 ~ N(0,1), x_t = rho x_{t-1} + sqrt(1 - rho^2) eps_t, so Var(x_t) = 1. */
function ar1(rho: number, n: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  const s = Math.sqrt(1 - rho * rho);
  x[0] = rng.normal();
  for (let t = 1; t < n; t++) x[t] = rho * x[t - 1] + s * rng.normal();
  return x;
}

/** Exact variance of the mean of m consecutive values of the stationary AR(1) above. */
function ar1VarianceOfMean(rho: number, m: number): number {
  return (1 / m) * ((1 + rho) / (1 - rho) - (2 * rho * (1 - rho ** m)) / (m * (1 - rho) ** 2));
}

function iid(n: number, rng: Rng, mean = 0, sd = 1): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal(mean, sd));
}

function throwsWith(fn: () => unknown, cls: ErrorConstructor, ...pieces: string[]): void {
  let caught: unknown;
  try { fn(); } catch (e) { caught = e; }
  if (!(caught instanceof cls)) throw new Error(`expected ${cls.name}, got ${caught === undefined ? 'no error' : String(caught)}`);
  for (const p of pieces) if (!caught.message.includes(p)) throw new Error(`message "${caught.message}" lacks "${p}"`);
}

// ---- autocorrelation ----------------------------------------------------------------------

test('autocorrelation via FFT equals the direct O(N maxLag) sum (N = 1000, 999, 2)', () => {
  for (const n of [1000, 999, 2]) {
    const x = lcgSeries(n, n, 0.7);
    const maxLag = Math.min(100, n - 1);
    const got = autocorrelation(x, maxLag);
    let xbar = 0;
    for (const v of x) xbar += v;
    xbar /= n;
    let c0 = 0;
    for (const v of x) c0 += (v - xbar) ** 2;
    for (let t = 0; t <= maxLag; t++) {
      let ct = 0;
      for (let s = 0; s + t < n; s++) ct += (x[s] - xbar) * (x[s + t] - xbar);
      assert.ok(Math.abs(got[t] - ct / c0) <= 1e-12, `n=${n} t=${t}: ${got[t]} vs ${ct / c0}`);
    }
    assert.is(got[0], 1);
  }
  const small = autocorrelation(new Float64Array([1, 2, 3, 4]), 2);
  assert.ok(Math.abs(small[1] - 0.25) <= 1e-15 && Math.abs(small[2] + 0.3) <= 1e-15);
  assert.is(autocorrelation(new Float64Array([1, 2, 3, 4])).length, 4);
});

test('autocorrelation matches emcee.autocorr.function_1d (emcee 3.1.4) on the LCG series', () => {
  const acf = autocorrelation(lcgSeries(12345, 5000), 100);
  const emcee: [number, number][] = [[1, 0.7808259316453867], [2, 0.6156660611198885], [10, 0.14201079420002982], [100, 0.030333556874408172]];
  for (const [t, ref] of emcee) assert.ok(Math.abs(acf[t] - ref) <= 1e-12, `lag ${t}: ${acf[t]} vs ${ref}`);
});

test('autocorrelation rejects too-short, non-finite, constant input and a bad maxLag', () => {
  throwsWith(() => autocorrelation(new Float64Array([1])), RangeError, 'autocorrelation: x is too short: length 1, need at least 2');
  throwsWith(() => autocorrelation(new Float64Array([1, NaN, 2])), RangeError, 'autocorrelation: x[1] is NaN; every value must be finite');
  throwsWith(() => autocorrelation(new Float64Array([2, 2, 2])), RangeError, 'autocorrelation: x has zero variance');
  throwsWith(() => autocorrelation(new Float64Array([1, 2, 3]), 3), RangeError, 'autocorrelation: maxLag must be an integer in [0, 2], got 3');
  throwsWith(() => autocorrelation('abc' as never), TypeError, 'autocorrelation: x must be a Float64Array, Float32Array or number[]');
});

// ---- integrated autocorrelation time ------------------------------------------------------

test('integratedAutocorrTime equals emcee integrated_time(x, c=5) = 9.658934718492263 on the LCG series', () => {
  const x = lcgSeries(12345, 5000);
  const tau = integratedAutocorrTime(x);
  assert.ok(Math.abs(tau - 9.658934718492263) <= 1e-10 * 9.66, `tau ${tau}`);
  // Sokal's window rule, checked with a direct sum: M is the first lag with M >= 5 tau(M).
  const d = integratedAutocorrTimeDetails(x);
  const rho = autocorrelation(x);
  let t = 1;
  let window = -1;
  for (let m = 1; m < x.length; m++) { t += 2 * rho[m]; if (m >= 5 * t) { window = m; break; } }
  assert.is(d.window, window);
  assert.ok(Math.abs(d.tau - t) <= 1e-12);
  assert.ok(Math.abs(d.standardError - d.tau * Math.sqrt((2 * (2 * window + 1)) / 5000)) <= 1e-15);
  assert.is(effectiveSampleSize(x), 5000 / tau);
  assert.ok(d.reliable === 5000 >= 50 * d.tau);
  // a larger c gives a longer window
  assert.ok(integratedAutocorrTimeDetails(x, { c: 10 }).window > d.window);
});

for (const [rho, seed] of [[0.5, 2026], [0.9, 2027]] as const) {
  test(`X-ESS AR(1) rho = ${rho}: tau_int within 4 Sokal standard errors of (1 + rho)/(1 - rho) = ${(1 + rho) / (1 - rho)}`, () => {
    const n = 2 ** 18;
    const x = ar1(rho, n, new Rng(seed));
    const d = integratedAutocorrTimeDetails(x);
    const exact = (1 + rho) / (1 - rho);
    // SE from Sokal: sqrt(2 (2M + 1) / N) tau (M = window). Systematic parts are far smaller:
    // truncation 2 rho^(M+1)/(1 - rho) < 1e-3 and the 1/N bias of the acf ~ 2 rho/((1-rho)^2 N) < 1e-3.
    const k = 4;
    assert.ok(Math.abs(d.tau - exact) <= k * d.standardError, `tau ${d.tau} vs ${exact}, SE ${d.standardError}`);
    assert.ok(d.reliable);
    assert.ok(Math.abs(effectiveSampleSize(x) - n / d.tau) <= 1e-9);
  });
}

test('X-ESS anticorrelated AR(1), rho = -0.3: tau_int < 1 is returned (ESS > N) and matches the windowed expectation within 4 SE', () => {
  // Exact tau_int = 0.7/1.3 = 0.538. The window rule M >= 5 tau(M) with rho(t) = (-0.3)^t gives
  // tau(1) = 0.4 (1 < 2), tau(2) = 0.58 (2 < 2.9), tau(3) = 0.526 (3 >= 2.63): M = 3, margins far
  // above the noise of rho-hat (~1/sqrt(N) = 0.008), and E tau-hat = 1 + 2 sum_{t<=3} rho^t = 0.526
  // (truncation 2 rho^4/(1 - rho) = 0.0125; the 1/N bias of the acf is ~1e-4, negligible).
  // Sokal's SE formula assumes M >> tau, so the SE here is taken from 16 independent replicates:
  // SE = sd(tau-hat) / 4. k = 4.
  const phi = -0.3;
  const rng = new Rng(2031);
  const taus: number[] = [];
  for (let r = 0; r < 16; r++) {
    const d = integratedAutocorrTimeDetails(ar1(phi, 2 ** 14, rng));
    assert.is(d.window, 3);
    assert.ok(d.tau < 1 && d.ess > d.n && d.reliable);
    taus.push(d.tau);
  }
  const mean = taus.reduce((a, b) => a + b, 0) / taus.length;
  const sd = Math.sqrt(taus.reduce((a, b) => a + (b - mean) ** 2, 0) / (taus.length - 1));
  const expected = 1 + 2 * (phi + phi ** 2 + phi ** 3);
  assert.ok(Math.abs(mean - expected) <= 4 * (sd / 4), `mean tau ${mean} vs ${expected}, SE ${sd / 4}`);
});

test('X-ESS strongly anticorrelated chains: rho(1) in (-1/2, -0.4] stops the window at lag 1 and is flagged unreliable; rho(1) <= -1/2 throws', () => {
  // AR(1) rho = -0.45: exact tau_int = 0.55/1.45 = 0.379, but tau(1) = 1 + 2 rho(1) ~ 0.1 <= 1/5
  // already satisfies M >= 5 tau(M) at M = 1, so the estimate is ~0.1 (ESS ~4x too large).
  const d = integratedAutocorrTimeDetails(ar1(-0.45, 2 ** 16, new Rng(2032)));
  assert.is(d.window, 1);
  assert.ok(d.tau <= 0.2, `${d.tau}`); // the window rule itself: 1 >= 5 tau(1)
  assert.is(d.reliable, false);
  // rho = -0.6: tau(1) = -0.2 < 0
  throwsWith(() => integratedAutocorrTime(ar1(-0.6, 2 ** 12, new Rng(2033))), RangeError, 'integratedAutocorrTime: the estimate tau(M = 1)', 'is not positive', 'anticorrelated', 'pairs');
  throwsWith(() => effectiveSampleSize(ar1(-0.6, 2 ** 12, new Rng(2033))), RangeError, 'effectiveSampleSize: the estimate tau(M = 1)');
});

test('integratedAutocorrTime / effectiveSampleSize reject bad input', () => {
  throwsWith(() => integratedAutocorrTime(new Float64Array([1, 2, 3])), RangeError, 'integratedAutocorrTime: x is too short: length 3, need at least 4');
  throwsWith(() => effectiveSampleSize(new Float64Array([1, 1, 1, 1, 1])), RangeError, 'effectiveSampleSize: x has zero variance');
  throwsWith(() => integratedAutocorrTime(new Float64Array([1, 2, 3, 4]), { c: 0 }), RangeError, 'integratedAutocorrTime: c must be a positive finite number, got 0');
  throwsWith(() => integratedAutocorrTimeDetails([1, 2, Infinity, 4]), RangeError, 'integratedAutocorrTimeDetails: x[2] is Infinity');
});

// ---- blocking ---------------------------------------------------------------------------

for (const [rho, seed] of [[0.5, 3031], [0.9, 3032]] as const) {
  test(`blocking: AR(1) rho = ${rho}, N = 2^18, matches the exact Var(xbar) within the blocking error`, () => {
    const n = 2 ** 18;
    const x = ar1(rho, n, new Rng(seed));
    const b = blockingError(x);
    const exact = ar1VarianceOfMean(rho, n);
    // At the chosen level the n_b = N/b block means are still slightly correlated, so the
    // estimator's expectation is exactly E = (Var(block mean) - Var(xbar)) / (n_b - 1), below
    // `exact` (the method's known low bias; see docs/diagnostics.md). Its own statistical error
    // is the relative sd sqrt(2/(n_b - 1)) (Flyvbjerg & Petersen eq. 28). Allow 4 of those plus
    // the bias at the level the method chose.
    const blocks = b.blocks;
    const expectation = (ar1VarianceOfMean(rho, b.blockSize) - exact) / (blocks - 1);
    const bias = Math.abs(expectation - exact);
    const k = 4;
    assert.ok(Math.abs(b.varianceOfMean - exact) <= k * b.relativeErrorOfVariance * expectation + bias,
      `estimate ${b.varianceOfMean}, exact ${exact}, level ${b.level}, bias ${bias / exact}`);
    // and the method did not stop absurdly early. Jonsson's rule accepts a level when a statistic
    // falls below its 99% chi-square quantile, so by design it sometimes stops one level early:
    // for rho = 0.9 reseeding found block size 128 (bias 7%) in 179 of 200 runs, 256 or 512 in 18,
    // and 64 (bias 14.8%) in 3 — the former limit of 10% failed those 3. The check above already
    // allows for the exact bias of whatever level was chosen; this guard only keeps that allowance
    // from growing unbounded: 20% admits one level early and rejects two (block size 32, bias
    // 29%, never chosen in 200 runs).
    assert.ok(bias / exact < 0.2, `bias ${bias / exact} at block size ${b.blockSize}`);
    assert.ok(b.converged);
    assert.is(b.n, n);
    assert.is(b.blockSize * b.blocks, n);
    assert.ok(Math.abs(b.standardError ** 2 - b.varianceOfMean) <= 4e-16 * b.varianceOfMean); // sqrt then square: ~1 ulp
  });
}

test('blocking: iid normal data, Var(xbar) = 1/N within 4 of its own errors', () => {
  const n = 2 ** 16;
  const b = blockingError(iid(n, new Rng(77)));
  assert.ok(Math.abs(b.varianceOfMean - 1 / n) <= 4 * b.relativeErrorOfVariance / n, `${b.varianceOfMean * n}`);
});

test('blocking truncates to the largest power of two and rejects bad input', () => {
  const x = lcgSeries(5, 1000);
  const b = blockingError(x);
  assert.is(b.n, 512);
  let m = 0;
  for (let i = 0; i < 512; i++) m += x[i];
  assert.ok(Math.abs(b.mean - m / 512) <= 1e-15);
  throwsWith(() => blockingError(new Float64Array(3)), RangeError, 'blockingError: x is too short: length 3, need at least 4');
  throwsWith(() => blockingError(new Float64Array(8).fill(1)), RangeError, 'blockingError: x has zero variance');
  throwsWith(() => blockingError([1, 2, NaN, 4]), RangeError, 'blockingError: x[2] is NaN');
});

test('CHI_SQUARE_99 (Jonsson 2018 table) equals scipy chi2.ppf(0.99, df) and closed forms', () => {
  const scipy = [6.634896601, 9.210340372, 11.344866730, 13.276704136, 15.086272469, 16.811893830, 18.475306907,
    20.090235030, 21.665994333, 23.209251159, 24.724970311, 26.216967306, 27.688249610, 29.141237741, 30.577914167,
    31.999926909, 33.408663605, 34.805305735, 36.190869129, 37.566234787, 38.932172684, 40.289360438, 41.638398119,
    42.979820139, 44.314104896, 45.641682666, 46.962942125, 48.278235770, 49.587884473, 50.892181312];
  assert.is(CHI_SQUARE_99.length, 30);
  // the table has 6 decimals: rounding error <= 5e-7
  for (let df = 1; df <= 30; df++) assert.ok(Math.abs(CHI_SQUARE_99[df - 1] - scipy[df - 1]) <= 5e-7 + 1e-12, `df ${df}`);
  // df = 1: q = Phi^-1(0.995)^2; df = 2: P(chi2_2 > q) = e^{-q/2} = 0.01, q = -2 ln 0.01
  assert.ok(Math.abs(CHI_SQUARE_99[0] - inverseNormalCdf(0.995) ** 2) <= 5e-7);
  assert.ok(Math.abs(CHI_SQUARE_99[1] + 2 * Math.log(0.01)) <= 5e-7);
});

// ---- inverse normal CDF ---------------------------------------------------------------------

test('inverseNormalCdf matches mpmath quantiles to 1e-15 relative (AS241 is good to ~1e-16)', () => {
  const ref: [number, number][] = [
    [0.975, 1.959963984540053855604], [1e-10, -6.3613409024040561991], [1e-300, -37.04709629936119923655],
    [0.3, -0.5244005127080408159695], [0.075, -1.43953147093845593495], [0.925, 1.439531470938456229063],
    [0.999999999999, 7.034486910047835205692], [0.5000000001, 2.506628482030353902221e-10],
    [1e-20, -9.262340089798407579572], [0.02425, -1.972961051311884837603], [0.995, 2.575829303548900453857],
    [1 - 2 ** -53, 8.209536151601386855631], [5e-324, -38.46740561714434625078],
  ];
  for (const [p, x] of ref) {
    const v = inverseNormalCdf(p);
    assert.ok(Math.abs(v - x) <= 1e-15 * Math.abs(x), `p=${p}: ${v} vs ${x}`);
  }
  // the value quoted in the brief / every table: Phi^-1(0.975) = 1.959963984540054
  assert.ok(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054) <= 1e-15);
  assert.is(inverseNormalCdf(0.5), 0);
  assert.is(inverseNormalCdf(0.25), -inverseNormalCdf(0.75)); // q = p - 1/2 = -+0.25 exactly; the formula is odd in q
  assert.is(inverseNormalCdf(0), -Infinity);
  assert.is(inverseNormalCdf(1), Infinity);
  throwsWith(() => inverseNormalCdf(1.5), RangeError, 'inverseNormalCdf: p must be a probability in [0, 1], got 1.5');
  throwsWith(() => inverseNormalCdf(NaN), RangeError, 'got NaN');
});

// ---- R-hat and bulk ESS -----------------------------------------------------------------------

test('splitRHat and bulkEffectiveSampleSize match the ArviZ-transcription reference on LCG chains', () => {
  // 4 chains of 501 draws (odd: the middle draw is dropped by the split), chain 2 offset by 0.3
  const chains = [lcgSeries(1, 501), lcgSeries(2, 501), lcgSeries(3, 501, 0.8, 0.3), lcgSeries(4, 501)];
  const rhat = splitRHat(chains);
  assert.ok(Math.abs(rhat - 1.0424345038242666) <= 1e-12, `rhat ${rhat}`);
  const ess = bulkEffectiveSampleSize(chains);
  assert.ok(Math.abs(ess - 134.940288155006) <= 1e-9 * 135, `ess ${ess}`);
});

test('splitRHat with ties, negative values and an odd length equals the definition computed directly here', () => {
  // Small integers: many ties (average ranks), and float64 keys whose low 32 bits are all zero.
  // n = 9: the middle draw is in no split chain (but counts for the median of the folding).
  const chains = [
    Float64Array.from([0, 2, -1, 2, 3, 0, -2, 2, 1]),
    Float64Array.from([1, 1, -1, 0, 5, 2, 2, -1, 0]),
    Float64Array.from([3, -1, 0, 0, 4, 1, -2, 2, 2]),
  ];
  const n = 9;
  const half = 4;
  /** Classic R-hat (BDA3 sec. 11.4) of equal-length chains, written out. */
  const classicRHat = (cs: number[][]) => {
    const len = cs[0].length;
    const means = cs.map((c) => c.reduce((s, v) => s + v, 0) / len);
    const W = cs.reduce((s, c, j) => s + c.reduce((t, v) => t + (v - means[j]) ** 2, 0) / (len - 1), 0) / cs.length;
    const grand = means.reduce((s, v) => s + v, 0) / means.length;
    const B = (len * means.reduce((s, v) => s + (v - grand) ** 2, 0)) / (means.length - 1);
    return Math.sqrt((((len - 1) / len) * W + B / len) / W);
  };
  /** Split chains, rank-normalized with average ranks of ties: z = Phi^{-1}((r - 3/8)/(S + 1/4)). */
  const normalScores = (values: Float64Array[]) => {
    const split = values.flatMap((c) => [Array.from(c.subarray(0, half)), Array.from(c.subarray(n - half))]);
    const pooled = split.flat();
    const S = pooled.length;
    const rank = (v: number) => pooled.filter((u) => u < v).length + (pooled.filter((u) => u === v).length + 1) / 2;
    return split.map((c) => c.map((v) => inverseNormalCdf((rank(v) - 3 / 8) / (S + 1 / 4))));
  };
  const bulk = classicRHat(normalScores(chains));
  const sorted = chains.flatMap((c) => Array.from(c)).sort((a, b) => a - b);
  const median = sorted[(sorted.length - 1) / 2]; // 27 draws: the 14th
  const tail = classicRHat(normalScores(chains.map((c) => c.map((v) => Math.abs(v - median)))));
  const expected = Math.max(bulk, tail);
  const got = splitRHat(chains);
  assert.ok(Math.abs(got - expected) <= 1e-12 * expected, `splitRHat ${got}, direct ${expected}`);
  // summarize shares the normal scores of integer ranks across coordinates: same value per coordinate
  const interleaved = chains.map((c) => {
    const samples = new Float64Array(2 * n);
    for (let t = 0; t < n; t++) { samples[2 * t] = t; samples[2 * t + 1] = c[t]; } // coordinate 0: no ties across chains' ranks
    return { samples, nSamples: n, dim: 2 };
  });
  const rows = summarize(interleaved);
  assert.ok(Math.abs(rows[1].rhat - expected) <= 1e-12 * expected, `summarize rhat ${rows[1].rhat}, direct ${expected}`);
});

test('splitRHat > 1.1 for chains stuck apart (around 0 and around 5)', () => {
  const rng = new Rng(11);
  const rhat = splitRHat([iid(1000, rng, 0), iid(1000, rng, 5), iid(1000, rng, 0), iid(1000, rng, 5)]);
  // with means 5 sd apart the split chains never mix ranks: B/W ~ n * (5/2)^2 / 1, R-hat ~ 2.4
  assert.ok(rhat > 1.1, `${rhat}`);
  // stuck at different constants: W = 0 < B
  assert.is(splitRHat([new Float64Array(8).fill(0), new Float64Array(8).fill(5)]), Infinity);
  assert.ok(Number.isNaN(splitRHat([new Float64Array(8).fill(2), new Float64Array(8).fill(2)])));
  // the same where a split chain's mean from its runs, 13 z / 13, does not round back to z:
  // each constant split chain's mean must be its score exactly, or W is ~1e-32 and R-hat ~1e16
  assert.is(splitRHat([new Float64Array(26).fill(0.5), new Float64Array(26).fill(1.5)]), Infinity);
  assert.is(splitRHat([Float64Array.from({ length: 26 }, (_, i) => (i < 13 ? 0 : 1))]), Infinity); // one chain: its halves stuck apart
  for (let m = 2; m <= 5; m++) {
    for (let n = 4; n <= 60; n++) {
      const stuck = Array.from({ length: m }, (_, c) => new Float64Array(n).fill(c));
      assert.is(splitRHat(stuck), Infinity, `m=${m} n=${n}`);
    }
  }
});

test('summarize of constant chains: the mean is the value, the sd 0, the MCSE of the sd undefined (NaN), as mcseSd says', () => {
  const chains = [new Float64Array(17).fill(0.1), new Float64Array(17).fill(0.1)];
  const [row] = summarize(chains);
  assert.is(row.mean, 0.1);
  assert.is(row.sd, 0);
  assert.is(row.mcseMean, 0);
  assert.ok(Number.isNaN(row.mcseSd) && Number.isNaN(mcseSd(chains)) && Number.isNaN(row.rhat));
  assert.is(mcseMean(chains), 0);
  assert.not.ok(row.reliable);
});

test('splitRHat < 1.01 for 4 well-mixed iid chains of 1000 draws (a high-probability statement)', () => {
  // For iid chains (8 split chains of n = 500) B/W ~ F(7, large), and R-hat < 1.01 needs
  // 1 + (F - 1)/n < 1.0201, i.e. F < 11: P(chi2_7 > 77) ~ 1e-13, for bulk and tail alike.
  const rng = new Rng(12);
  const chains = [iid(1000, rng), iid(1000, rng), iid(1000, rng), iid(1000, rng)];
  const rhat = splitRHat(chains);
  assert.ok(rhat < 1.01, `${rhat}`);
  assert.ok(rhat > 0.99);
});

test('split R-hat catches a drifting single chain and the folded (tail) version catches unequal spread', () => {
  const rng = new Rng(13);
  const drift = Float64Array.from({ length: 2000 }, (_, t) => rng.normal() + t / 500);
  assert.ok(splitRHat([drift]) > 1.1);
  // same centre, sd 1 vs sd 3: bulk R-hat alone would be ~1; the folded |x - median| differs.
  const spread = splitRHat([iid(2000, rng, 0, 1), iid(2000, rng, 0, 3)]);
  assert.ok(spread > 1.1, `${spread}`);
});

test('bulkEffectiveSampleSize of 4 AR(1) chains (rho = 0.5) is about 4 N / 3', () => {
  // S = 4 * 5000 draws, tau = 3: ESS ~ 6667. Relative error of a tau estimate with truncation
  // lag M is ~ sqrt(2 (2M + 1) / S) (Sokal); with M <= 30 that is <= 7.8%; allow k = 4 of those.
  const rng = new Rng(14);
  const chains = [ar1(0.5, 5000, rng), ar1(0.5, 5000, rng), ar1(0.5, 5000, rng), ar1(0.5, 5000, rng)];
  const ess = bulkEffectiveSampleSize(chains);
  const expected = 20000 / 3;
  assert.ok(Math.abs(ess / expected - 1) <= 4 * Math.sqrt((2 * 61) / 20000), `${ess}`);
});

test('splitRHat / bulkEffectiveSampleSize reject unequal, short, non-finite and empty input', () => {
  throwsWith(() => splitRHat([new Float64Array(10), new Float64Array(9)]), RangeError, 'splitRHat: chains have unequal lengths: chain 0 has 10 draws, chain 1 has 9');
  throwsWith(() => splitRHat([new Float64Array(3), new Float64Array(3)]), RangeError, 'splitRHat: chains are too short: 3 draws each, need at least 4');
  throwsWith(() => splitRHat([new Float64Array(5), Float64Array.from([0, 1, 2, NaN, 4])]), RangeError, 'splitRHat: chain 1, index 3 is NaN');
  throwsWith(() => bulkEffectiveSampleSize([]), RangeError, 'bulkEffectiveSampleSize: chains is empty');
  throwsWith(() => bulkEffectiveSampleSize(new Float64Array(8) as never), TypeError, 'bulkEffectiveSampleSize: chains must be an array of chains');
  throwsWith(() => splitRHat([new Float64Array(8), 'x' as never]), TypeError, 'splitRHat: chain 1 must be a Float64Array');
});

// ---- summary ----------------------------------------------------------------------------------

test('tail ESS, mean ESS, mcse_mean and mcse_sd match the numpy transcription of ArviZ (spec/fixtures/arviz_reference.py) on LCG chains', () => {
  // Same 4 chains of 501 draws as the R-hat test; the script prints these values (numpy 1.24.2, scipy 1.10.1).
  const chains = [lcgSeries(1, 501), lcgSeries(2, 501), lcgSeries(3, 501, 0.8, 0.3), lcgSeries(4, 501)];
  const cases: [string, number, number][] = [
    ['tailEffectiveSampleSize', tailEffectiveSampleSize(chains), 410.19276471865174],
    ['meanEffectiveSampleSize', meanEffectiveSampleSize(chains), 135.38488417602733],
    ['mcseMean', mcseMean(chains), 0.042310729724626066],
    ['mcseSd', mcseSd(chains), 0.015405093842972931],
  ];
  // The reference sums autocovariances directly, we by FFT or direct sums: round-off 1e-12 relative.
  for (const [name, got, ref] of cases) assert.ok(Math.abs(got - ref) <= 1e-12 * ref, `${name}: ${got} vs ${ref}`);
});

test('splitRHat folds about the median as numpy and R take it, (a + b) / 2: a tie of the two middle draws decides a half rank (spec/fixtures/arviz_reference.py, FOLD_TIE)', () => {
  // Two heavy-tailed chains of 6: the 6th and 7th smallest draws fold to exactly the same distance
  // about (a + b) / 2, but not about type 7's a + (b - a) / 2, which rounds differently; the half
  // rank that tie moves changes this short sample's tail R-hat from 1.12930 to 1.17710 (what it
  // was before the median followed numpy). The script prints the reference (numpy 1.24.2).
  const chains = [
    Float64Array.of(0.1139387457341974, -1.1878481108792998, 1.415753884038056, -0.15792915163297677, -0.08497327625778893, 0.11405931377782241),
    Float64Array.of(-0.6556950278868416, 0.7873556575499695, 7.545267055636029, 0.3912821194727254, -2.49716891241143, -1.2349611160270149),
  ];
  const ref = 1.1293025114703084;
  // a classic R-hat of 4 split chains of 3 scores: a few operations, round-off 1e-15 relative
  assert.ok(Math.abs(splitRHat(chains) - ref) <= 1e-14 * ref, `${splitRHat(chains)} vs ${ref}`);
  assert.ok(Math.abs(summarize(chains)[0].rhat - ref) <= 1e-14 * ref);
});

test('summarize: rows agree with the separate estimators; ChainSamples input gives one row per coordinate', () => {
  const rng = new Rng(15);
  const a = ar1(0.5, 2000, rng);
  const b = ar1(0.5, 2000, rng);
  const [row] = summarize([a, b]);
  assert.is(row.name, 'x');
  const all = new Float64Array([...a, ...b]);
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1));
  assert.ok(Math.abs(row.mean - mean) <= 1e-14 && Math.abs(row.sd - sd) <= 1e-14);
  assert.is(row.essMean, meanEffectiveSampleSize([a, b]));
  assert.ok(Math.abs(row.mcseMean - mcseMean([a, b])) <= 1e-16);
  assert.is(row.mcseSd, mcseSd([a, b]));
  assert.is(row.rhat, splitRHat([a, b]));
  assert.is(row.essBulk, bulkEffectiveSampleSize([a, b]));
  assert.is(row.essTail, tailEffectiveSampleSize([a, b]));
  // 2 chains x 2000 of an AR(1) with tau = 3: ESS about 1333 >= 200, R-hat about 1.
  assert.ok(row.reliable, row.warnings.join('; '));
  assert.equal(row.warnings, []);
  // two chains of 2-D draws, row-major (draw t, coordinate k at t * 2 + k)
  const interleave = (u: Float64Array, v: Float64Array) => {
    const s = new Float64Array(2 * u.length);
    for (let t = 0; t < u.length; t++) { s[2 * t] = u[t]; s[2 * t + 1] = v[t]; }
    return { samples: s, nSamples: u.length, dim: 2 };
  };
  const c = ar1(0.5, 2000, rng);
  const d = ar1(0.5, 2000, rng);
  const rows = summarize([interleave(a, c), interleave(b, d)], ['alpha', 'beta']);
  assert.equal(rows.map((r) => r.name), ['alpha', 'beta']);
  assert.is(rows[0].mean, row.mean);
  assert.is(rows[1].rhat, splitRHat([c, d]));
  assert.equal(summarize([interleave(a, c)]).map((r) => r.name), ['x[0]', 'x[1]']);
  const text = formatSummary(rows);
  const lines = text.split('\n');
  assert.is(lines.length, 3);
  assert.ok(/^name\s+mean\s+sd\s+mcse_mean\s+mcse_sd\s+ess_bulk\s+ess_tail\s+r_hat\s+reliable$/.test(lines[0]), lines[0]);
  assert.ok(lines[1].startsWith('alpha') && lines[1].includes(rows[0].mean.toFixed(4)) && lines[1].endsWith('yes'));
});

test('mapDraws: a function of each draw, one series per chain, for the MCSE of E f(x)', () => {
  const chain = { samples: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), nSamples: 4, dim: 2 };
  const [f] = mapDraws([chain], (x, t) => x[0] * x[1] + t);
  assert.equal(Array.from(f), [2, 13, 32, 59]);
  throwsWith(() => mapDraws([chain], (() => 'a') as never), TypeError, 'mapDraws: f returned string for chain 0, draw 0');
  throwsWith(() => mapDraws([new Float64Array(4)] as never, (x) => x[0]), TypeError, 'mapDraws: chains must be a non-empty array of { samples, nSamples, dim }');
});

test('summarize: short or unmixed chains are flagged unreliable, naming the failed condition; formatSummary prints it', () => {
  const rng = new Rng(16);
  // 4 chains x 100 draws of an AR(1) with tau = 19: ESS about 21, far below 400.
  const short = [ar1(0.9, 100, rng), ar1(0.9, 100, rng), ar1(0.9, 100, rng), ar1(0.9, 100, rng)];
  const [row] = summarize(short);
  assert.not.ok(row.reliable);
  assert.ok(row.warnings.some((w) => /^ess_bulk \d+ < 400 \(100 per chain\)$/.test(w)), row.warnings.join('; '));
  // chains stuck apart: R-hat far above 1.01
  const apart = summarize([iid(1000, rng, 0), iid(1000, rng, 5)])[0];
  assert.ok(apart.warnings.some((w) => w.startsWith('r_hat ')), apart.warnings.join('; '));
  const text = formatSummary([row]).split('\n');
  assert.is(text.length, 3);
  assert.ok(text[1].endsWith('NO'));
  assert.ok(text[2].startsWith('x: not reliable: ') && text[2].includes('ess_bulk'), text[2]);
});

test('summarize reports NaN for undefined quantities and rejects bad input', () => {
  const [row] = summarize([new Float64Array(8).fill(1), new Float64Array(8).fill(1)]);
  assert.ok(Number.isNaN(row.rhat) && Number.isNaN(row.mcseSd) && row.sd === 0 && !row.reliable);
  assert.ok(row.warnings.includes('r_hat NaN (must be < 1.01)'), row.warnings.join('; '));
  throwsWith(() => summarize([]), RangeError, 'summarize: chains must be a non-empty array of chains');
  throwsWith(() => summarize([new Float64Array(8), new Float64Array(8)], ['a', 'b']), RangeError, 'summarize: names must have one entry per coordinate (1), got 2');
  throwsWith(() => summarize([new Float64Array(8), new Float64Array(7)]), RangeError, 'summarize: chains have unequal lengths');
  throwsWith(() => summarize([{ samples: new Float64Array(6), nSamples: 3, dim: 2 }, { samples: new Float64Array(6), nSamples: 6, dim: 1 }]), RangeError, 'summarize: chain 1 has dim 1 but chain 0 has dim 2');
  throwsWith(() => summarize([{ samples: new Float64Array(9), nSamples: 4.5, dim: 2 }]), RangeError, 'summarize: chain 0 has nSamples 4.5; it must be a non-negative integer');
  throwsWith(() => summarize([{ samples: [1, 2, '4', 3, 4, 5, 6, 7] as never, nSamples: 4, dim: 2 }]), RangeError, 'summarize: chain 0, draw 1, coordinate 0 is "4"; every value must be a finite number');
  const withInfinity = new Float64Array(10).fill(1);
  withInfinity[7] = Infinity;
  throwsWith(() => summarize([{ samples: withInfinity, nSamples: 5, dim: 2 }]), RangeError, 'summarize: chain 0, draw 3, coordinate 1 is Infinity');
  throwsWith(() => formatSummary('rows' as never), TypeError, 'formatSummary: rows must be an array');
  for (const f of [tailEffectiveSampleSize, meanEffectiveSampleSize, mcseMean, mcseSd]) {
    throwsWith(() => f([new Float64Array(3), new Float64Array(3)]), RangeError, `${f.name}: chains are too short: 3 draws each, need at least 4`);
  }
});

test.run();
