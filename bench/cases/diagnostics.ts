/**
 * MCMC diagnostics on long chains: FFT autocorrelation of 1e6 draws (M numbers/s = draws per
 * second), beside the same computation with full-length complex FFTs (the baseline: the real-
 * input packing of circularAutocorrelation should make it about twice as fast), tau_int with
 * Sokal's window, blocking and split R-hat. Inputs are allocated in setup, never in run.
 *
 * summarize on the output of a sampler (10-D random-walk Metropolis, 4 chains x 1e5 draws,
 * numbers = draws x coordinates), beside the sampling of those draws (the baseline), so the
 * printed ratio says how much of a run the summary costs; once on this thread, once with
 * options.pool (this thread and one worker take coordinates in turn); and on draws without
 * repeats (AR(1) chains), beside the random walk's.
 */
import type { BenchCase } from '../harness.js';
import { autocorrelation, blockingError, integratedAutocorrTime, splitRHat } from '../../lib/mcmc/diagnostics.js';
import { summarize } from '../../lib/mcmc/summary.js';
import { gaussianTarget, rwmSampler, runChains, type RunChainsResult } from '../../lib/mcmc/index.js';
import { addPowerSpectrum, fft, ifft, inverseEvenSpectrum, nextPowerOfTwo } from '../../lib/mcmc/fft.js';
import { Rng } from '../../lib/random/index.js';
import { createWorkerPool } from '../../lib/node.js';

const N = 1_000_000;
let chain: Float64Array = new Float64Array(0);
let re: Float64Array = new Float64Array(0);
let im: Float64Array = new Float64Array(0);
let chains: Float64Array[] = [];

/** AR(1) with rho = 0.9 (tau_int = 19), a typical slowly mixing chain. */
function makeChain(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  x[0] = rng.normal();
  for (let t = 1; t < n; t++) x[t] = 0.9 * x[t - 1] + Math.sqrt(1 - 0.81) * rng.normal();
  return x;
}

function setupChain(): void {
  if (chain.length !== N) chain = makeChain(N, 1);
}

/** Autocorrelation with two complex FFTs of length 2^21 (no real-input packing), for comparison. */
function complexFftAutocorrelation(x: Float64Array): number {
  const size = nextPowerOfTwo(2 * x.length);
  if (re.length !== size) { re = new Float64Array(size); im = new Float64Array(size); }
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  re.fill(0); im.fill(0);
  for (let i = 0; i < x.length; i++) re[i] = x[i] - mean;
  fft(re, im);
  for (let k = 0; k < size; k++) { re[k] = re[k] * re[k] + im[k] * im[k]; im[k] = 0; }
  ifft(re, im);
  return re[1] / re[0];
}

/** 10-D N(0, 0.5^|i-j|), the target of bench/cases/mcmc.ts. */
const D = 10;
const target = gaussianTarget(new Array<number>(D).fill(0), Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => 0.5 ** Math.abs(i - j))));
const SUMMARY_DRAWS = 100_000;
let sampled: RunChainsResult | null = null;
/**
 * Draws without repeats (as HMC or independent samplers give): 4 chains of 1e5 draws of 10
 * independent AR(1) coordinates with rho = 0.9, in a sampler's row-major layout. Beside the
 * random walk's draws (about one in six distinct), it shows what the runs of repeats save.
 */
let distinct: { samples: Float64Array; nSamples: number; dim: number }[] | null = null;
function distinctDraws(): { samples: Float64Array; nSamples: number; dim: number }[] {
  const rng = new Rng(3);
  return Array.from({ length: 4 }, () => {
    const samples = new Float64Array(SUMMARY_DRAWS * D);
    for (let k = 0; k < D; k++) {
      let x = rng.normal();
      for (let t = 0; t < SUMMARY_DRAWS; t++) { x = 0.9 * x + Math.sqrt(0.19) * rng.normal(); samples[t * D + k] = x; }
    }
    return { samples, nSamples: SUMMARY_DRAWS, dim: D };
  });
}

/**
 * The transforms alone that summarize's ESS columns need, whoever computes them: for each
 * coordinate, Geyer's ESS of three series (the draws, their normal scores and their squared
 * deviations: essMean, essBulk, mcseSd) on the 8 split chains of 5e4 draws, each a forward real
 * FFT of L = 2^16 points (zero padding to n + n/4) summed into one power spectrum per series and
 * one inverse FFT. The time of an FFT does not depend on the values, so the draws stand in for
 * all three series. A floor under summarize's time (sorting, ranks and passes come on top).
 */
let splitDraws: Float64Array[] = [];
function transformsOfSummary(): void {
  const L = nextPowerOfTwo(SUMMARY_DRAWS / 2 + SUMMARY_DRAWS / 8);
  const power = new Float64Array(L / 2 + 1);
  for (let k = 0; k < D; k++) {
    for (let series = 0; series < 3; series++) {
      power.fill(0);
      for (let c = 0; c < 8; c++) addPowerSpectrum(splitDraws[c * D + k], L, power, 0);
      inverseEvenSpectrum(power, L);
    }
  }
}

/** One worker: with this thread, a team of two. Unref'd, so it does not keep the bench alive. */
const pool = createWorkerPool({ size: 1 });
await pool.ready();
const sampleRwm = () => runChains(rwmSampler({ stepSize: 0.75 }), target, { chains: 4, warmup: 0, samples: SUMMARY_DRAWS, x0: new Float64Array(D), adapt: false }, new Rng(7));

export const cases: BenchCase[] = [
  {
    name: 'diagnostics/rwm 10-D 4 chains x 1e5 (the draws summarize reads)',
    group: 'diagnostics',
    work: 4 * SUMMARY_DRAWS * D,
    unit: 'numbers',
    run: () => { sampleRwm(); },
  },
  {
    name: 'diagnostics/summarize 10 coordinates x 4 chains x 1e5',
    group: 'diagnostics',
    work: 4 * SUMMARY_DRAWS * D,
    unit: 'numbers',
    setup: () => { sampled ??= sampleRwm(); },
    run: () => { summarize(sampled!.chains); },
    baseline: 'diagnostics/rwm 10-D 4 chains x 1e5 (the draws summarize reads)',
  },
  {
    name: 'diagnostics/summarize 10 coordinates x 4 chains x 1e5, pool of 2 threads',
    group: 'diagnostics',
    work: 4 * SUMMARY_DRAWS * D,
    unit: 'numbers',
    setup: () => { sampled ??= sampleRwm(); },
    run: () => { summarize(sampled!.chains, undefined, { pool }); },
    baseline: 'diagnostics/rwm 10-D 4 chains x 1e5 (the draws summarize reads)',
  },
  {
    name: 'diagnostics/the FFTs alone of summarize\'s ESS columns (10 coordinates x 3 series x 8 split chains, L = 2^16)',
    group: 'diagnostics',
    work: 4 * SUMMARY_DRAWS * D,
    unit: 'numbers',
    setup: () => {
      sampled ??= sampleRwm();
      const half = SUMMARY_DRAWS / 2;
      splitDraws = Array.from({ length: 8 * D }, (_, i) => {
        const c = Math.floor(i / D), k = i % D; // split chain c (chain c >> 1, half c & 1), coordinate k
        const samples = sampled!.chains[c >> 1].samples;
        return Float64Array.from({ length: half }, (_, t) => samples[((c & 1) * half + t) * D + k]);
      });
    },
    run: transformsOfSummary,
    baseline: 'diagnostics/rwm 10-D 4 chains x 1e5 (the draws summarize reads)',
  },
  {
    name: 'diagnostics/summarize 10 AR(1) coordinates x 4 chains x 1e5 (no repeated draws)',
    group: 'diagnostics',
    work: 4 * SUMMARY_DRAWS * D,
    unit: 'numbers',
    setup: () => { distinct ??= distinctDraws(); },
    run: () => { summarize(distinct!); },
    baseline: 'diagnostics/summarize 10 coordinates x 4 chains x 1e5',
  },
  { name: 'diagnostics/autocorrelation 1e6 (complex FFT 2^21, unpacked)', group: 'diagnostics', work: N, unit: 'numbers', setup: setupChain, run: () => { complexFftAutocorrelation(chain); } },
  { name: 'diagnostics/autocorrelation 1e6 (FFT)', group: 'diagnostics', work: N, unit: 'numbers', setup: setupChain, run: () => { autocorrelation(chain); }, baseline: 'diagnostics/autocorrelation 1e6 (complex FFT 2^21, unpacked)' },
  { name: 'diagnostics/integratedAutocorrTime 1e6', group: 'diagnostics', work: N, unit: 'numbers', setup: setupChain, run: () => { integratedAutocorrTime(chain); } },
  { name: 'diagnostics/blockingError 1e6 (2^19 used)', group: 'diagnostics', work: 2 ** 19, unit: 'numbers', setup: setupChain, run: () => { blockingError(chain); } },
  {
    name: 'diagnostics/splitRHat 4 chains x 1e5',
    group: 'diagnostics',
    work: 4e5,
    unit: 'numbers',
    setup: () => { if (chains.length === 0) chains = [1, 2, 3, 4].map((s) => makeChain(100_000, 10 + s)); },
    run: () => { splitRHat(chains); },
  },
];
