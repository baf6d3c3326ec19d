/**
 * What every continuous sampler looks like to `runChains`: a `Sampler` is a recipe (a name, the
 * initial step, how the step is adapted), and `sampler.init(target, x0)` makes a `SamplerChain`,
 * the per-chain state with preallocated buffers, whose `step(rng)` performs one transition in
 * place and allocates nothing. See docs/mcmc.md.
 */
import type { Rng } from '../random/index.js';
import { checkStart, checkTarget, type LogDensity } from './target.js';

/**
 * How a sampler's step size is tuned during warm-up: Robbins–Monro on log(step) (RWM, MALA),
 * dual averaging (HMC, Hoffman & Gelman 2014), or never (ULA, Gibbs).
 *
 * @example
 * hmcSampler().adaptation; // 'dual-averaging'
 */
export type AdaptationKind = 'robbins-monro' | 'dual-averaging' | 'none';

/**
 * One running chain: the current state `x` (updated in place), `logp` = log p(x), the current
 * `stepSize`, and the acceptance probability of the last transition.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]), rng = new Rng(1);
 * const chain = rwmSampler().init(target, new Float64Array(target.dim));
 * const accepted = chain.step(rng); // one Metropolis transition
 * chain.x; // the current state (the old one again if the move was rejected)
 */
export interface SamplerChain {
  /** The current state (length dim); the chain owns it and overwrites it. */
  readonly x: Float64Array;
  /** log p(x) at the current state (NaN for samplers that never evaluate it, e.g. ULA). */
  logp: number;
  /**
   * The step in the sampler's own units (see the sampler's docs); runChains adapts it in warm-up.
   * null for samplers that have no step (Metropolis–Hastings with a given proposal, Gibbs).
   */
  stepSize: number | null;
  /**
   * The step the last transition actually used, when it differs from `stepSize` (HMC draws a
   * jittered ε around `stepSize` every transition); absent otherwise.
   */
  readonly stepSizeUsed?: number;
  /** min(1, Metropolis–Hastings ratio) of the last transition; 1 for Gibbs and ULA. */
  acceptanceProbability: number;
  /** One transition; returns whether the proposal was accepted (always true for Gibbs and ULA). */
  step(rng: Rng): boolean;
}

/**
 * A sampler recipe: `init(target, x0)` checks the target and start and returns a fresh chain.
 *
 * @example
 * const s = malaSampler({ stepSize: 0.5 });
 * s.adaptation;       // 'robbins-monro'
 * s.targetAcceptance; // 0.574
 */
export interface Sampler {
  /** Short name, e.g. 'rwm', 'mh', 'gibbs', 'ula', 'mala', 'hmc'. */
  readonly name: string;
  /** How runChains tunes the step during warm-up. */
  readonly adaptation: AdaptationKind;
  /** Acceptance rate aimed at by the adaptation (NaN when adaptation is 'none'). */
  readonly targetAcceptance: number;
  /** Makes a chain started at a copy of x0; throws on a bad target or start. */
  init(target: LogDensity, x0: Float64Array): SamplerChain;
}

/**
 * The Sampler object of every recipe (internal to lib/mcmc): `init(target, x0)` checks the
 * target (with its gradient when `needsGradient`) and the start under the name `fn`, then
 * builds the chain with `makeChain` from the copy-free start: x0, log p(x0) and, when
 * `needsGradient`, ∇ log p(x0) in a fresh buffer the chain may keep (else null).
 *
 * @example
 * ```ts
 * import { samplerRecipe } from './sampler.js'; // internal
 * import { MetropolisChainState } from './metropolis.js'; // internal
 * class MyChain extends MetropolisChainState {
 *   stepSize = 1;
 *   constructor(readonly target: LogDensity, x0: Float64Array, logp0: number) { super(x0, logp0); }
 *   step(rng: Rng): boolean { return randomWalkMetropolisStep(this, this.target, this.stepSize, rng); }
 * }
 * const sampler = samplerRecipe('mySampler', 'rwm', 'robbins-monro', 0.234, false, (target, x0, logp0) => new MyChain(target, x0, logp0));
 * const chain = sampler.init(gaussianTarget([0], [[1]]), new Float64Array([0.5])); // checks the target and x0
 * chain.step(new Rng(1));
 * ```
 */
export function samplerRecipe(
  fn: string, name: string, adaptation: AdaptationKind, targetAcceptance: number, needsGradient: boolean,
  makeChain: (target: LogDensity, x0: Float64Array, logp0: number, grad0: Float64Array | null) => SamplerChain,
): Sampler {
  return {
    name,
    adaptation,
    targetAcceptance,
    init(target: LogDensity, x0: Float64Array): SamplerChain {
      checkTarget(fn, target, needsGradient);
      const grad0 = needsGradient ? new Float64Array(target.dim) : null;
      const logp0 = checkStart(fn, target, x0, needsGradient, grad0 ?? undefined);
      return makeChain(target, x0, logp0, grad0);
    },
  };
}
