/**
 * Sampler throughput: transitions (samples) per second of each sampler on a 10-d Gaussian
 * N(0, Σ) with Σ_ij = 0.5^|i−j| (RWM, MH, Gibbs, ULA, MALA, HMC). One call = 1000 transitions of one chain (a Gibbs sample is a
 * full sweep of 10 conditionals; an HMC sample is 10 leapfrog steps = 10 gradient evaluations).
 * Steps are adapted once in setup (RWM → 0.234, MALA → 0.574, HMC → 0.8), then fixed; ULA uses
 * λ = 0.1. The chains are created in setup; `run` only calls `chain.step`, which allocates nothing.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';
import {
  autoregressiveProposal,
  gaussianConditionals,
  gaussianTarget,
  gibbsSampler,
  hmcSampler,
  malaSampler,
  mhSampler,
  runChains,
  rwmSampler,
  ulaSampler,
  type Sampler,
  type SamplerChain,
} from '../../lib/mcmc/index.js';

const D = 10;
const STEPS = 1000;
const cov: number[][] = Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => Math.pow(0.5, Math.abs(i - j))));
const mean = new Array<number>(D).fill(0);
const target = gaussianTarget(mean, cov);
const x0 = new Float64Array(D);

/** Adapts the step once (1000 warm-up transitions) and returns it. */
function adaptedStep(s: Sampler): number {
  const step = runChains(s, target, { chains: 1, warmup: 1000, samples: 1, x0 }, new Rng(1)).chains[0].stepSize;
  if (step === null) throw new Error(`bench: ${s.name} has no step to adapt`);
  return step;
}

function samplerCase(name: string, make: () => Sampler): BenchCase {
  let chain: SamplerChain | null = null;
  const rng = new Rng(2024);
  return {
    name: `mcmc/${name} 10-d Gaussian`,
    group: 'mcmc',
    work: STEPS,
    unit: 'samples',
    setup: () => { chain = make().init(target, x0); },
    run: () => {
      const c = chain!;
      for (let t = 0; t < STEPS; t++) c.step(rng);
    },
    baseline: name === 'rwm' ? undefined : 'mcmc/rwm 10-d Gaussian',
  };
}

export const cases: BenchCase[] = [
  samplerCase('rwm', () => rwmSampler({ stepSize: adaptedStep(rwmSampler()) })),
  // MH with an asymmetric autoregressive proposal (centre 0, sd 1, ρ = 0.5): two proposal densities per step
  samplerCase('mh', () => mhSampler(autoregressiveProposal({ mean, sd: new Array<number>(D).fill(1), rho: 0.5 }))),
  samplerCase('gibbs', () => gibbsSampler(gaussianConditionals(mean, cov))),
  samplerCase('ula', () => ulaSampler({ stepSize: 0.1 })),
  samplerCase('mala', () => malaSampler({ stepSize: adaptedStep(malaSampler()) })),
  samplerCase('hmc L=10', () => hmcSampler({ leapfrogSteps: 10, stepSize: adaptedStep(hmcSampler({ leapfrogSteps: 10 })) })),
];
