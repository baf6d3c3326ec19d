/**
 * Coverage of the Monte Carlo standard errors that summarize reports: over R independent seeded
 * runs of the same sampler, the spread of the estimates across runs must match the error each
 * run reports for itself.
 *
 * Model: a run's estimate has variance sigma^2 = sd^2 / ESS_true; a run reports ESS = b ESS_true
 * on average, where b is the estimator's relative bias. Geyer's estimator is only asymptotically
 * unbiased; with 250 draws per split half we measured b = 1.04 (2-D, 3000 runs) and 1.04 / 0.99
 * (10-D, x_0 / |x|^2, 1500 runs), so the tests accept |b - 1| <= 5% and nothing more: an MCSE
 * right to within 2.5%. Two checks per quantity, each at 3 standard errors of its own sampling
 * distribution:
 * 1. ESS: with V the variance of the R estimates across runs (divisor R - 1), (R - 1) V / sigma^2
 *    is chi-square with R - 1 degrees of freedom for normal estimates, so
 *    ratio = mean(reported ESS) / (mean(sd^2) / V) = b chi2 / (R - 1). Accepted: ratio in
 *    [0.95 q(0.00135), 1.05 q(0.99865)] / (R - 1), q the chi-square quantiles (Wilson-Hilferty),
 *    i.e. 3 standard deviations either side. (Comparing V with the mean of mcse^2 instead would be
 *    biased by the ESS's own noise, E[1/ESS] > 1/E[ESS].)
 * 2. Coverage: the fraction of runs whose estimate lies within 1.96 mcse of the exact value. With
 *    mcse = sd / sqrt(b ESS_true) the expected coverage is 2 Phi(1.96 sqrt(b)) - 1, between 0.944
 *    (b = 0.95) and 0.956 (b = 1.05), lowered by
 *    about 0.44 Var(mcse / sigma) through the noise of the reported mcse (second-order Taylor of
 *    2 Phi(1.96 u) - 1 at u = 1; Var estimated from the runs). Accepted: that range widened by 3
 *    binomial standard errors sqrt(0.95 * 0.05 / R).
 *
 * Negative control: the ESS the summary used to print, the sum over chains of N / tau_int with
 * Sokal's window per chain, fails check 1 on the same runs (it overstates the ESS by far more
 * than 5%), so the test can tell the two apart.
 */
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { Rng } from '../../lib/random/index.js';
import { gaussianTarget, rwmSampler, runChains, type RunChainsResult } from '../../lib/mcmc/index.js';
import { effectiveSampleSize } from '../../lib/mcmc/diagnostics.js';
import { mapDraws, summarize } from '../../lib/mcmc/summary.js';
import { normalUpperTail, specSeed, statTest } from '../seeds.js';

interface Estimate {
  value: number;
  mcse: number;
  /** The ESS behind mcse (for means: essMean) and the run's sd; absent for the sd itself. */
  ess?: number;
  sd?: number;
  /** Negative control: the old per-chain Sokal ESS sum. */
  oldEss?: number;
}

interface Quantity {
  label: string;
  exact: number;
}

/** Phi(x), the standard normal distribution function. */
function normalCdf(x: number): number {
  return x >= 0 ? 1 - normalUpperTail(x) : normalUpperTail(-x);
}

/** Chi-square quantile with nu degrees of freedom at the normal quantile z (Wilson-Hilferty; relative error < 1e-3 for nu >= 100). */
function chiSquareQuantile(nu: number, z: number): number {
  const a = 2 / (9 * nu);
  return nu * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Accepted relative bias of a reported ESS (see the header). */
const ESS_BIAS = 0.05;

/** Runs R seeded replicas and applies the ESS and coverage checks to each quantity. */
function checkCoverage(what: string, runs: number, replica: (rng: Rng) => RunChainsResult, quantities: Quantity[], estimate: (run: RunChainsResult) => Estimate[], seed: number): void {
  const estimates: Estimate[][] = quantities.map(() => []);
  for (let r = 0; r < runs; r++) {
    // One fresh generator per run (seeds seed, seed + 1, ...: splitmix32 seeding puts them far
    // apart). Not rng.split() in a loop: runChains splits again for its chains, and the streams
    // of nested splits coincide (run r's chain c + 1 would be run r + 1's chain c).
    const run = replica(new Rng((seed + r) >>> 0));
    estimate(run).forEach((e, i) => estimates[i].push(e));
  }
  const ratioLow = ((1 - ESS_BIAS) * chiSquareQuantile(runs - 1, -3)) / (runs - 1);
  const ratioHigh = ((1 + ESS_BIAS) * chiSquareQuantile(runs - 1, 3)) / (runs - 1);
  const binomial = 3 * Math.sqrt((0.95 * 0.05) / runs);
  quantities.forEach((q, i) => {
    const e = estimates[i];
    const V = varianceOf(e.map((x) => x.value));
    const covered = e.filter((x) => Math.abs(x.value - q.exact) <= 1.96 * x.mcse).length / runs;
    const mcseMean = meanOf(e.map((x) => x.mcse));
    const noise = varianceOf(e.map((x) => x.mcse / mcseMean));
    const coverageLow = 2 * normalCdf(1.96 * Math.sqrt(1 - ESS_BIAS)) - 1 - 0.44 * noise - binomial;
    const coverageHigh = 2 * normalCdf(1.96 * Math.sqrt(1 + ESS_BIAS)) - 1 + binomial;
    let line = `${what}, ${q.label}: coverage ${covered} in [${coverageLow.toFixed(3)}, ${coverageHigh.toFixed(3)}]`;
    if (e[0].ess !== undefined) {
      const essEmp = meanOf(e.map((x) => x.sd! * x.sd!)) / V;
      const ratio = meanOf(e.map((x) => x.ess!)) / essEmp;
      line += `, mean ESS / empirical ESS ${ratio.toFixed(3)} in [${ratioLow.toFixed(3)}, ${ratioHigh.toFixed(3)}] (empirical ${essEmp.toFixed(1)})`;
      assert.ok(ratio >= ratioLow && ratio <= ratioHigh, `${what}, ${q.label}: mean reported ESS / empirical ESS = ${ratio.toFixed(3)} (empirical ${essEmp.toFixed(1)}), allowed [${ratioLow.toFixed(3)}, ${ratioHigh.toFixed(3)}]`);
      if (e[0].oldEss !== undefined) {
        const oldRatio = meanOf(e.map((x) => x.oldEss!)) / essEmp;
        line += `, old per-chain N/tau ${oldRatio.toFixed(3)}`;
        assert.ok(oldRatio > ratioHigh, `${what}, ${q.label}: negative control: the per-chain N/tau ESS gave ${oldRatio.toFixed(3)} of the empirical ESS, expected it above ${ratioHigh.toFixed(3)}`);
      }
    }
    if (process.env.MCSE_VERBOSE) console.log(line);
    assert.ok(covered >= coverageLow && covered <= coverageHigh, `${what}, ${q.label}: coverage of ±1.96 mcse is ${covered}, allowed [${coverageLow.toFixed(3)}, ${coverageHigh.toFixed(3)}]`);
  });
}

function meanOf(x: number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

function varianceOf(x: number[]): number {
  const m = meanOf(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (x.length - 1);
}

/** The ESS the summary used to print: the sum over chains of N / tau_int with Sokal's window. */
function perChainSokalEss(series: Float64Array[]): number {
  let ess = 0;
  for (const c of series) ess += effectiveSampleSize(c);
  return ess;
}

const rowEstimate = (row: { mean: number; mcseMean: number; essMean: number; sd: number }): Estimate => ({ value: row.mean, mcse: row.mcseMean, ess: row.essMean, sd: row.sd });

statTest(import.meta.url, 'mcse: the README example (RWM on a 2-D Gaussian with correlation 0.8, 4 chains x 500) over 400 runs: mcse_mean of x and of x y, and mcse_sd of x, match the spread across runs; the old per-chain N/tau ESS does not', { k: 3, checks: 6 }, () => {
  const target = gaussianTarget([0, 0], [[1, 0.8], [0.8, 1]]);
  const replica = (rng: Rng) => runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 500, x0: new Float64Array(2) }, rng);
  const quantities = [{ label: 'mean of x', exact: 0 }, { label: 'mean of x y (E = correlation = 0.8)', exact: 0.8 }, { label: 'sd of x', exact: 1 }];
  checkCoverage('2-D RWM', 400, replica, quantities, (run) => {
    const x = mapDraws(run.chains, (v) => v[0]);
    const [rx] = summarize(x);
    const [rxy] = summarize(mapDraws(run.chains, (v) => v[0] * v[1]));
    return [{ ...rowEstimate(rx), oldEss: perChainSokalEss(x) }, rowEstimate(rxy), { value: rx.sd, mcse: rx.mcseSd }];
  }, specSeed(1_601_000));
});

statTest(import.meta.url, 'mcse: 10-D RWM on N(0, 0.5^|i-j|), 4 chains x 1000, over 200 runs: mcse_mean of x_0 and of |x|^2 match the spread across runs; the old per-chain N/tau ESS does not', { k: 3, checks: 4 }, () => {
  const d = 10;
  const cov = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => 0.5 ** Math.abs(i - j)));
  const target = gaussianTarget(new Array<number>(d).fill(0), cov);
  const replica = (rng: Rng) => runChains(rwmSampler(), target, { chains: 4, warmup: 1000, samples: 1000, x0: new Float64Array(d) }, rng);
  const quantities = [{ label: 'mean of x_0', exact: 0 }, { label: 'mean of |x|^2 (E = trace = 10)', exact: d }];
  checkCoverage('10-D RWM', 200, replica, quantities, (run) => {
    const x = mapDraws(run.chains, (v) => v[0]);
    const [r0] = summarize(x);
    const [r2] = summarize(mapDraws(run.chains, (v) => v.reduce((s, t) => s + t * t, 0)));
    return [{ ...rowEstimate(r0), oldEss: perChainSokalEss(x) }, rowEstimate(r2)];
  }, specSeed(1_602_000));
});

test.run();
