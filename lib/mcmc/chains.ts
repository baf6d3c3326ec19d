/**
 * Several chains of one sampler: each chain gets its own random stream from `rng.split()`
 * (independent xoshiro128** streams 2^64 draws apart), runs `warmup` transitions during which the
 * step is adapted (if the sampler adapts), then freezes the step and records `samples` states.
 * Samples are stored per chain in a Float64Array of samples × dim, row-major. See docs/mcmc.md.
 */
import type { Rng } from '../random/index.js';
import { progressReporter, type ProgressOptions } from '../progress/index.js';
import { DualAveragingStepSize, RobbinsMonroStepSize } from './adapt.js';
import type { Sampler, SamplerChain } from './sampler.js';
import { checkCount, checkTarget, describe, type LogDensity } from './target.js';
import { checkOptionKeys } from '../checks/index.js';

/**
 * Options of runChains. `x0` is one start for every chain or an array with one start per chain.
 * `adapt: false` keeps the sampler's initial step throughout (default true). `progress: true`
 * prints a throttled line on stderr (count of transitions over all chains, rate, ETA);
 * `onProgress` receives the same updates.
 *
 * @example
 * const options: RunChainsOptions = { chains: 4, warmup: 1000, samples: 5000, x0: new Float64Array(2), progress: true };
 */
export interface RunChainsOptions extends ProgressOptions {
  chains: number;
  warmup: number;
  samples: number;
  x0: Float64Array | Float64Array[];
  adapt?: boolean;
}

/**
 * One chain's output: `samples` (nSamples × dim, row-major), the frozen `stepSize` of the sampling
 * phase, `stepSizes` (the step each transition used, warm-up then sampling: for HMC the jittered
 * ε of that transition, whose centre is `stepSize`), and the acceptance rates accepted/transitions
 * of warm-up and sampling separately. `stepSize` and `stepSizes` are null for samplers without a
 * step (Metropolis–Hastings with a given proposal, Gibbs).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const c = result.chains[0];
 * const t = 10, k = 1;
 * c.samples[t * c.dim + k]; // coordinate k of sample t
 */
export interface ChainResult {
  samples: Float64Array;
  nSamples: number;
  dim: number;
  stepSize: number | null;
  stepSizes: Float64Array | null;
  warmupAcceptance: number;
  acceptance: number;
}

/**
 * The result of runChains: the sampler's name, the dimension and one ChainResult per chain.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * result.chains.map((c) => c.acceptance);
 */
export interface RunChainsResult {
  sampler: string;
  dim: number;
  chains: ChainResult[];
}

/**
 * Runs `options.chains` independent chains of `sampler` on `target`. Chain c uses the c-th stream
 * split off `rng` (so the same seed gives identical chains). Per chain: `warmup` transitions with
 * step adaptation (Robbins–Monro for RWM/MALA, dual averaging for HMC, none for ULA/Gibbs/MH),
 * then the step is frozen and `samples` transitions are recorded (a rejected move records the old
 * state again, N-MH-01). Acceptance is reported for warm-up and sampling separately.
 *
 * Throws on a bad target or start (wrong length of x0, non-finite log density at x0, missing
 * gradient for MALA/ULA/HMC) and on bad counts, naming the argument.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const r = runChains(rwmSampler(), target, { chains: 4, warmup: 1000, samples: 5000, x0: new Float64Array(1) }, new Rng(42));
 * r.chains[0].acceptance; // near 0.234 (the step was adapted during warm-up)
 */
export function runChains(sampler: Sampler, target: LogDensity, options: RunChainsOptions, rng: Rng): RunChainsResult {
  const fn = 'runChains';
  if (sampler === null || typeof sampler !== 'object' || typeof sampler.init !== 'function') {
    throw new TypeError(`${fn}: sampler must be a Sampler (e.g. rwmSampler()), got ${describe(sampler)}`);
  }
  checkTarget(fn, target, false);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be { chains, warmup, samples, x0 }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['chains', 'warmup', 'samples', 'x0', 'adapt', 'progress', 'onProgress']);
  const { chains, warmup, samples } = options;
  checkCount(fn, 'chains', chains, 1);
  checkCount(fn, 'warmup', warmup, 0);
  checkCount(fn, 'samples', samples, 1);
  if (rng === null || typeof rng !== 'object' || typeof rng.split !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const starts: Float64Array[] = [];
  if (Array.isArray(options.x0)) {
    if (options.x0.length !== chains) throw new RangeError(`${fn}: x0 has ${options.x0.length} starts but chains is ${chains} (give one start, or one per chain)`);
    starts.push(...options.x0);
  } else {
    for (let c = 0; c < chains; c++) starts.push(options.x0);
  }
  const adapt = options.adapt ?? true;
  const d = target.dim;
  // Create every chain first so a bad start fails before any sampling work.
  const running: SamplerChain[] = starts.map((x0, c) => {
    try {
      return sampler.init(target, x0);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const Cls = err instanceof TypeError ? TypeError : err instanceof RangeError ? RangeError : Error;
      throw new Cls(`${fn}: the start of chain ${c}: ${err.message}`, { cause: e });
    }
  });
  const streams: Rng[] = running.map(() => rng.split());
  const results: ChainResult[] = [];
  const perChain = warmup + samples;
  const progress = progressReporter(`${fn} ${sampler.name}`, chains * perChain, options, 'steps');
  for (let c = 0; c < chains; c++) {
    const chain = running[c];
    const r = streams[c];
    const hasStep = chain.stepSize !== null;
    const stepSizes = hasStep ? new Float64Array(warmup + samples) : null;
    // ---- warm-up: adapt the step (if this sampler adapts) ----
    const adapter = !adapt || sampler.adaptation === 'none' || warmup === 0 || chain.stepSize === null
      ? null
      : sampler.adaptation === 'dual-averaging'
        ? new DualAveragingStepSize(chain.stepSize, sampler.targetAcceptance)
        : new RobbinsMonroStepSize(chain.stepSize, sampler.targetAcceptance);
    let acceptedWarmup = 0;
    let accepted = 0;
    const out = new Float64Array(samples * d);
    let t = 0;
    try {
      for (; t < warmup; t++) {
        if (chain.step(r)) acceptedWarmup++;
        if (stepSizes !== null) stepSizes[t] = chain.stepSizeUsed ?? chain.stepSize!;
        if (adapter !== null) chain.stepSize = adapter.update(chain.acceptanceProbability);
        if (progress !== null) progress.update(c * perChain + t + 1);
      }
      // ---- freeze the step, then sample ----
      if (adapter !== null) chain.stepSize = adapter.finalStepSize();
      for (; t < warmup + samples; t++) {
        if (chain.step(r)) accepted++;
        if (stepSizes !== null) stepSizes[t] = chain.stepSizeUsed ?? chain.stepSize!;
        out.set(chain.x, (t - warmup) * d); // N-MH-01: after a rejection chain.x is the old state, recorded again
        if (progress !== null) progress.update(c * perChain + t + 1);
      }
    } catch (e) {
      // Say where: which chain and which transition (a NaN from the target or the proposal, a state
      // that became non-finite, ...), keeping the sampler's own message.
      const where = t < warmup ? `warm-up transition ${t + 1} of ${warmup}` : `sampling transition ${t - warmup + 1} of ${samples}`;
      const err = e instanceof Error ? e : new Error(String(e));
      const Cls = err instanceof TypeError ? TypeError : err instanceof RangeError ? RangeError : Error;
      throw new Cls(`${fn}: chain ${c}, ${where}: ${err.message}`, { cause: e });
    }
    results.push({
      samples: out,
      nSamples: samples,
      dim: d,
      stepSize: chain.stepSize,
      stepSizes,
      warmupAcceptance: warmup > 0 ? acceptedWarmup / warmup : NaN,
      acceptance: accepted / samples,
    });
  }
  progress?.finish();
  return { sampler: sampler.name, dim: d, chains: results };
}

/**
 * Coordinate k of every sample of one chain, as a new Float64Array of length nSamples (or written
 * into `out`). Use it to feed the diagnostics (effectiveSampleSize, splitRHat, ...).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const x0trace = chainColumn(result.chains[0], 0);
 */
export function chainColumn(chain: ChainResult, k: number, out?: Float64Array): Float64Array {
  if (!Number.isInteger(k) || k < 0 || k >= chain.dim) throw new RangeError(`chainColumn: k must be an integer in [0, ${chain.dim - 1}], got ${describe(k)}`);
  const n = chain.nSamples;
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw new RangeError(`chainColumn: out has length ${o.length} but the chain has ${n} samples`);
  const d = chain.dim;
  const s = chain.samples;
  for (let t = 0; t < n; t++) o[t] = s[t * d + k];
  return o;
}

/**
 * Coordinate k of every chain: one Float64Array per chain (the input of splitRHat).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const rhat = splitRHat(chainColumns(result, 0));
 */
export function chainColumns(result: RunChainsResult, k: number): Float64Array[] {
  if (result === null || typeof result !== 'object' || !Array.isArray(result.chains) || result.chains.length === 0) {
    throw new TypeError(`chainColumns: result must be the result of runChains, got ${describe(result)}`);
  }
  const dim = result.chains[0].dim;
  if (!Number.isInteger(k) || k < 0 || k >= dim) throw new RangeError(`chainColumns: k must be an integer in [0, ${dim - 1}], got ${describe(k)}`);
  return result.chains.map((c) => chainColumn(c, k));
}
