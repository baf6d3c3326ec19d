/**
 * Helpers for the sampler specs: Monte Carlo estimates with standard errors from the chain's own
 * effective sample size, ESS = N / τ_int (lib/mcmc/diagnostics.ts: effectiveSampleSize), pooled
 * over independent chains.
 */
import * as assert from 'uvu/assert';
import { effectiveSampleSize, integratedAutocorrTime, integratedAutocorrTimeDetails } from '../../lib/mcmc/diagnostics.js';
import { type RunChainsResult } from '../../lib/mcmc/index.js';

export { effectiveSampleSize, integratedAutocorrTime };

/**
 * Mean of a series, its sample sd and the standard error sd / sqrt(ESS), ESS = N / τ_int
 * (effectiveSampleSize). Refuses (throws) a τ estimate whose Sokal window stopped at lag 1: that
 * happens only for ρ(1) <= −0.4, where τ(1) = 1 + 2ρ(1) can be far below τ_int and the SE far too
 * small (see integratedAutocorrTimeDetails); a test must then batch its series (pooledEstimate).
 */
export function meanWithSE(series: Float64Array): { mean: number; se: number; ess: number } {
  const n = series.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += series[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (series[i] - m) * (series[i] - m);
  v /= n - 1;
  const d = integratedAutocorrTimeDetails(series);
  if (d.window === 1) throw new Error(`meanWithSE: Sokal's window stopped at lag 1 (τ(1) = ${d.tau}): the series is too anticorrelated for N/τ_int; batch it`);
  const ess = d.ess; // = effectiveSampleSize(series)
  return { mean: m, se: Math.sqrt(v / ess), ess };
}

/**
 * The Monte Carlo estimate of E f(x) over several independent chains: each chain gives a mean
 * with SE_c = sd_c / sqrt(ESS_c); the pooled estimate is their average, with
 * SE = sqrt(Σ_c SE_c²) / C (independent chains).
 *
 * `batch` > 1 first replaces the series by the means of consecutive blocks of that length (same
 * overall mean when batch divides N, and the SE of that mean is the quantity estimated, so nothing
 * is lost but a little resolution in τ). Used with batch = 2 for HMC: on Gaussians HMC is
 * antithetic (lag-1 autocorrelation ≈ −0.5 … −0.6, the end of a trajectory lands on the far side).
 * With ρ₁ <= −0.4 Sokal's window (c = 5) stops at M = 1, so τ(1) = 1 + 2ρ₁ is either <= 0
 * (ρ₁ <= −½; effectiveSampleSize throws) or a tiny positive number far below τ_int (an ESS many
 * times too large); meanWithSE refuses both. For an AR(1) with coefficient φ the pair means have
 * lag-1 correlation φ(1 + φ)/2 (−0.12 at φ = −0.6, never below −0.125), where the window rule
 * works. The HMC tests use every sample (N is even), so the pooled mean is the plain mean.
 */
export function pooledEstimate(result: RunChainsResult, f: (x: Float64Array, t: number) => number, batch = 1): { mean: number; se: number; ess: number } {
  const d = result.dim;
  const C = result.chains.length;
  let sum = 0;
  let var_ = 0;
  let ess = 0;
  const x = new Float64Array(d);
  for (const c of result.chains) {
    const n = Math.floor(c.nSamples / batch);
    const series = new Float64Array(n);
    for (let t = 0; t < n * batch; t++) {
      for (let k = 0; k < d; k++) x[k] = c.samples[t * d + k];
      series[Math.floor(t / batch)] += f(x, t) / batch;
    }
    const e = meanWithSE(series);
    sum += e.mean;
    var_ += e.se * e.se;
    ess += e.ess * batch;
  }
  return { mean: sum / C, se: Math.sqrt(var_) / C, ess };
}

/** Asserts |estimate − exact| <= k SE, with a message that shows all three numbers. */
export function assertWithinSE(what: string, est: { mean: number; se: number; ess: number }, exact: number, k: number): void {
  const z = (est.mean - exact) / est.se;
  if (process.env.MCMC_SPEC_VERBOSE) console.log(`  z = ${z.toFixed(2).padStart(6)}  ESS ${est.ess.toFixed(0).padStart(7)}  ${what}`);
  assert.ok(
    Math.abs(z) <= k,
    `${what}: estimate ${est.mean.toFixed(5)} vs exact ${exact} is ${z.toFixed(2)} SE away (SE ${est.se.toExponential(3)}, ESS ${est.ess.toFixed(0)}, allowed ${k} SE)`,
  );
}

/**
 * Checks the first and second moments of a Gaussian N(μ, Σ) from chains: each mean within k SE of
 * μ_i and each E[(x_i − μ_i)(x_j − μ_j)] (i <= j) within k SE of Σ_ij (μ known, so no bias from
 * estimating it). `batch` as in pooledEstimate.
 */
export function assertGaussianMoments(label: string, result: RunChainsResult, mu: number[], sigma: number[][], k: number, batch = 1): void {
  const d = mu.length;
  for (let i = 0; i < d; i++) {
    assertWithinSE(`${label}: E x_${i}`, pooledEstimate(result, (x) => x[i], batch), mu[i], k);
    for (let j = i; j < d; j++) {
      assertWithinSE(`${label}: Cov(x_${i}, x_${j})`, pooledEstimate(result, (x) => (x[i] - mu[i]) * (x[j] - mu[j]), batch), sigma[i][j], k);
    }
  }
}

/** Upper 0.001 quantiles of the chi-square distribution (standard tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4). */
export const CHI2_999: Record<number, number> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515 };

/**
 * ESS-corrected chi-square of visit counts of a discrete chain against probabilities p:
 * X² = Σ_i (O_i − N p_i)² / (N p_i), divided by the largest integrated autocorrelation time of
 * the indicator series 1[s_t = i] (a correlated chain inflates the count variances by ≈ τ; using
 * the largest τ is the conservative choice). Returns the corrected statistic and τ_max.
 */
export function correctedChiSquare(states: Int32Array, p: number[]): { stat: number; tauMax: number; raw: number } {
  const N = states.length;
  const K = p.length;
  const counts = new Float64Array(K);
  for (let t = 0; t < N; t++) counts[states[t]]++;
  let raw = 0;
  for (let i = 0; i < K; i++) raw += (counts[i] - N * p[i]) ** 2 / (N * p[i]);
  let tauMax = 1;
  const ind = new Float64Array(N);
  for (let i = 0; i < K; i++) {
    for (let t = 0; t < N; t++) ind[t] = states[t] === i ? 1 : 0;
    tauMax = Math.max(tauMax, integratedAutocorrTime(ind));
  }
  return { stat: raw / tauMax, tauMax, raw };
}

/** Asserts that fn throws an error of class `type` whose message contains every fragment. */
export function assertThrowsWith(fn: () => unknown, type: new (...args: never[]) => Error, ...fragments: string[]): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, type, `expected a ${type.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    for (const f of fragments) assert.ok((e as Error).message.includes(f), `message "${(e as Error).message}" should contain "${f}"`);
    return;
  }
  assert.unreachable(`expected a ${type.name} containing ${fragments.map((f) => `"${f}"`).join(', ')}`);
}

/**
 * Accepted (1) or not (0) for transitions 1..S−1 of a chain, read off its samples: with a
 * continuous proposal a rejection repeats the state exactly and an acceptance moves it (up to a
 * proposal step of exactly 0, which Rng.normal draws with probability 2^-24 per coordinate).
 */
export function acceptedSeries(c: { samples: Float64Array; nSamples: number; dim: number }): Float64Array {
  const out = new Float64Array(c.nSamples - 1);
  for (let t = 1; t < c.nSamples; t++) {
    for (let k = 0; k < c.dim; k++) if (c.samples[t * c.dim + k] !== c.samples[(t - 1) * c.dim + k]) { out[t - 1] = 1; break; }
  }
  return out;
}
