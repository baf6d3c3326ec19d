/**
 * The short cuts inside summarize and the rank diagnostics, each against the plain definition
 * computed here another way:
 * - IndicatorAutocovariance (the tail ESS's autocovariances by counting pairs of ones, cluster
 *   by cluster) against the direct float64 sums (1/n) sum_s (I_s - p)(I_{s+t} - p), on sparse,
 *   dense, edge and slowly mixing indicators, including the case where it hands over to FFTs;
 * - tailEffectiveSampleSize against its definition, the mean ESS (an FFT of every series) of the
 *   5% and 95% indicator chains;
 * - ranking by runs of repeated values (a Metropolis chain's rejections) against normal scores
 *   computed here by sorting a copy, for bulk ESS and split R-hat, with odd lengths, ties across
 *   chains, -0 / +0, and draws packed so tightly that the sort falls back to its 64-bit passes.
 * Tolerances: the direct sums of n terms of size <= 1 carry at most (n - 1) u of their absolute
 * sum (u = 2^-53), the counted form a few u of terms of size n, so gamma agrees to 2 (n + 2) u;
 * an ESS or R-hat computed from autocovariances or variances that agree to ~1e-15 relative
 * agrees to 1e-12 relative (the bound the ArviZ comparison in diagnostics.spec.ts uses).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bulkEffectiveSampleSize, IndicatorAutocovariance, inverseNormalCdf, meanEffectiveSampleSize, splitRHat, tailEffectiveSampleSize,
} from '../../lib/mcmc/diagnostics.js';
import { summarize } from '../../lib/mcmc/summary.js';
import { Rng } from '../../lib/random/index.js';

const u = 2 ** -53;

/** (1/m) sum_c (1/n) sum_{s<n-t} (I_s - p_c)(I_{s+t} - p_c), written out. */
function directGamma(series: Uint8Array[], t: number): number {
  let total = 0;
  for (const I of series) {
    const n = I.length;
    let ones = 0;
    for (let s = 0; s < n; s++) ones += I[s];
    const p = ones / n;
    let sum = 0;
    for (let s = 0; s + t < n; s++) sum += (I[s] - p) * (I[s + t] - p);
    total += sum / n;
  }
  return total / series.length;
}

function positions(I: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let s = 0; s < I.length; s++) if (I[s] === 1) out.push(s);
  return Int32Array.from(out);
}

/** A two-state Markov chain on {0, 1} that leaves state 0 with probability a and state 1 with b. */
function twoState(n: number, a: number, b: number, rng: Rng): Uint8Array {
  const I = new Uint8Array(n);
  let state = rng.float() < a / (a + b) ? 1 : 0; // start in the stationary law
  for (let s = 0; s < n; s++) {
    I[s] = state;
    if (rng.float() < (state === 0 ? a : b)) state = 1 - state;
  }
  return I;
}

test('IndicatorAutocovariance equals the direct autocovariance sums, by counting and after handing over to FFTs', () => {
  const rng = new Rng(101);
  const n = 3001;
  const cases: [string, Uint8Array[], boolean][] = [
    // iid, 5% ones: few pairs, counted to the end
    ['sparse iid', [0, 1, 2].map(() => Uint8Array.from({ length: n }, () => (rng.float() < 0.05 ? 1 : 0))), false],
    // ones that cluster (mean sojourn 20 draws), 5% of the time
    ['sparse clustered', [0, 1].map(() => twoState(n, 0.05 / 19, 0.05, rng)), false],
    // half ones in sojourns of 200 draws: long clusters, few of them, counted to the end
    ['dense and slow', [0, 1].map(() => twoState(n, 0.005, 0.005, rng)), false],
    // half ones, iid: ~750 short clusters per series, their pairs exceed the budget and FFTs take over
    ['dense and fast', [0, 1].map(() => Uint8Array.from({ length: n }, () => (rng.float() < 0.5 ? 1 : 0))), true],
    // a single one, and ones at both ends
    ['edges', [Uint8Array.from({ length: n }, (_, s) => (s === 0 || s === n - 1 ? 1 : 0)), Uint8Array.from({ length: n }, (_, s) => (s === 1500 ? 1 : 0))], false],
  ];
  for (const [name, series, handsOver] of cases) {
    const acov = new IndicatorAutocovariance(series.map(positions), n);
    const lags = [0, 1, 2, 3, 31, 32, 33, 100, 500, 1499, 2999, 3000];
    for (const t of lags) {
      const got = acov.at(t);
      const want = directGamma(series, t);
      assert.ok(Math.abs(got - want) <= 2 * (n + 2) * u, `${name}, lag ${t}: ${got} vs ${want}`);
    }
    assert.is(acov.usesTransforms, handsOver, `${name}: hands over to FFTs: ${acov.usesTransforms}`);
    // asked for a far lag first: the blocks run up to it (handing over on the way, where they do)
    const far = new IndicatorAutocovariance(series.map(positions), n);
    assert.ok(Math.abs(far.at(n - 2) - directGamma(series, n - 2)) <= 2 * (n + 2) * u, `${name}: lag ${n - 2} asked first`);
  }
});

/** The indicator chains I(x <= q) of whole chains (tailEffectiveSampleSize's definition splits them itself). */
function indicatorChains(chains: Float64Array[], q: number): Float64Array[] {
  return chains.map((c) => c.map((v) => (v <= q ? 1 : 0)));
}

/** Type-7 quantile of all draws, from a sorted copy. */
function quantile(chains: Float64Array[], p: number): number {
  const sorted = Float64Array.from(chains.flatMap((c) => Array.from(c))).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/** A random-walk Metropolis chain on N(0, 1) with step `step`: it repeats its state at every rejection. */
function metropolis(n: number, step: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  let state = rng.normal();
  for (let t = 0; t < n; t++) {
    const proposal = state + step * rng.normal();
    if (Math.log(rng.float()) < (state * state - proposal * proposal) / 2) state = proposal;
    x[t] = state;
  }
  return x;
}

test('tailEffectiveSampleSize equals the mean ESS (by FFT) of the 5% and 95% indicator chains', () => {
  const rng = new Rng(102);
  const cases: [string, Float64Array[]][] = [
    ['iid normals, odd n', [0, 1, 2, 3].map(() => Float64Array.from({ length: 1001 }, () => rng.normal()))],
    ['Metropolis, runs of repeats', [0, 1, 2, 3].map(() => metropolis(4000, 3, rng))],
    ['sticky Metropolis (slow tails)', [0, 1].map(() => metropolis(3000, 0.05, rng))],
    // small integers: the 5% quantile is a value held by ~30% of the draws, so the indicator is
    // dense and its complement is listed
    ['heavy ties', [0, 1, 2].map(() => Float64Array.from({ length: 2001 }, () => Math.min(3, Math.floor(-Math.log(rng.float()) * 1.5))))],
  ];
  for (const [name, chains] of cases) {
    const want = Math.min(
      meanEffectiveSampleSize(indicatorChains(chains, quantile(chains, 0.05))),
      meanEffectiveSampleSize(indicatorChains(chains, quantile(chains, 0.95))),
    );
    const got = tailEffectiveSampleSize(chains);
    assert.ok(Math.abs(got - want) <= 1e-12 * want, `${name}: ${got} vs ${want}`);
  }
});

/**
 * The normal scores of the split chains, as whole chains (the middle draw of an odd n gets 0; the
 * split drops it): average ranks among the kept draws from a sorted copy, by binary search.
 */
function normalScoreChains(chains: Float64Array[]): Float64Array[] {
  const n = chains[0].length;
  const half = Math.floor(n / 2);
  const kept = chains.flatMap((c) => [...c.subarray(0, half), ...c.subarray(n - half)]);
  const sorted = Float64Array.from(kept).sort();
  const S = sorted.length;
  const firstAtLeast = (v: number, strict: boolean) => {
    let lo = 0, hi = S;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (strict ? sorted[mid] <= v : sorted[mid] < v) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const score = (v: number) => {
    const below = firstAtLeast(v, false); // draws < v
    const equal = firstAtLeast(v, true) - below; // draws == v (-0 == +0)
    return inverseNormalCdf((below + (equal + 1) / 2 - 3 / 8) / (S + 1 / 4));
  };
  return chains.map((c) => c.map((v, s) => (s < half || s >= n - half ? score(v) : 0)));
}

/** Classic R-hat (BDA3 sec. 11.4) of split chains of whole chains, written out. */
function classicSplitRHat(chains: Float64Array[]): number {
  const n = chains[0].length;
  const half = Math.floor(n / 2);
  const split = chains.flatMap((c) => [Array.from(c.subarray(0, half)), Array.from(c.subarray(n - half))]);
  const means = split.map((c) => c.reduce((s, v) => s + v, 0) / half);
  const W = split.reduce((s, c, j) => s + c.reduce((t, v) => t + (v - means[j]) ** 2, 0) / (half - 1), 0) / split.length;
  const grand = means.reduce((s, v) => s + v, 0) / means.length;
  const B = (half * means.reduce((s, v) => s + (v - grand) ** 2, 0)) / (means.length - 1);
  return Math.sqrt((((half - 1) / half) * W + B / half) / W);
}

test('bulk ESS and split R-hat from runs of repeats equal normal scores computed from a sorted copy', () => {
  const rng = new Rng(103);
  const cases: [string, Float64Array[]][] = [
    ['Metropolis, odd n', [0, 1, 2, 3].map(() => metropolis(2001, 2.5, rng))],
    ['one chain', [metropolis(3000, 2.5, rng)]],
    // ties across chains and -0 / +0 (equal values with different bits)
    ['integers and signed zeros', [0, 1, 2].map(() => Float64Array.from({ length: 999 }, () => { const k = Math.floor(rng.float() * 7) - 3; return k === 0 && rng.float() < 0.5 ? -0 : k; }))],
    // every draw within 2^-30 of 1: one high word for all, so the sort's insertion fix-up gives
    // up and runs its 64-bit passes
    ['packed within 2^-30', [0, 1].map(() => Float64Array.from({ length: 2000 }, () => 1 + Math.floor(rng.float() * 2 ** 22) * 2 ** -52))],
  ];
  for (const [name, chains] of cases) {
    const z = normalScoreChains(chains);
    const essWant = meanEffectiveSampleSize(z);
    const essGot = bulkEffectiveSampleSize(chains);
    assert.ok(Math.abs(essGot - essWant) <= 1e-12 * essWant, `${name}: bulk ESS ${essGot} vs ${essWant}`);
    const median = quantile(chains, 0.5);
    const folded = chains.map((c) => c.map((v) => Math.abs(v - median)));
    const rhatWant = Math.max(classicSplitRHat(z), classicSplitRHat(normalScoreChains(folded)));
    const rhatGot = splitRHat(chains);
    assert.ok(Math.abs(rhatGot - rhatWant) <= 1e-12 * rhatWant, `${name}: R-hat ${rhatGot} vs ${rhatWant}`);
    // summarize reads the same numbers through its shared workspace (one row per coordinate)
    const dim = 2;
    const rows = summarize(chains.map((c) => {
      const samples = new Float64Array(dim * c.length);
      for (let t = 0; t < c.length; t++) { samples[dim * t] = c[t]; samples[dim * t + 1] = -c[t]; }
      return { samples, nSamples: c.length, dim };
    }));
    assert.ok(Math.abs(rows[0].essBulk - essWant) <= 1e-12 * essWant && Math.abs(rows[0].rhat - rhatWant) <= 1e-12 * rhatWant, `${name}: summarize row 0`);
    assert.ok(Math.abs(rows[1].essBulk - essWant) <= 1e-12 * essWant, `${name}: summarize row 1 (negated draws: the same ranks reversed)`);
  }
  // Negative control: with ties broken by position instead of averaged (ordinal ranks, a
  // plausible slip), the reference moves far outside the tolerance on the tied case.
  const tied = cases[2][1];
  const n = tied[0].length;
  const half = Math.floor(n / 2);
  const kept = tied.flatMap((c) => [...c.subarray(0, half), ...c.subarray(n - half)]);
  const rankOf = new Map<number, number>();
  kept.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).forEach(([, i], r) => rankOf.set(i, r + 1));
  let i = 0;
  const ordinal = tied.map((c) => c.map((_, s) => (s < half || s >= n - half ? inverseNormalCdf((rankOf.get(i++)! - 3 / 8) / (kept.length + 1 / 4)) : 0)));
  const wrong = meanEffectiveSampleSize(ordinal);
  const right = bulkEffectiveSampleSize(tied);
  assert.ok(Math.abs(wrong - right) > 1e-6 * right, `ordinal ranks give ${wrong}, average ranks ${right}`);
});

test.run();
