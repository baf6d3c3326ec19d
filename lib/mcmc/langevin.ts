/**
 * Langevin sampling for energy-based models (docs/notes-map.md §16, *external*: the notes point
 * to Foster, Generative Deep Learning 2nd ed. ch. 7, and Du & Mordatch 2019, arXiv:1903.08689).
 *
 * ULA (N-LANG-01), the update of Du & Mordatch with the notes' step λ:
 *   x^k = x^{k−1} − (λ/2) ∇E(x^{k−1}) + ω^k,   ω^k ~ N(0, λ I)
 * It has no accept step, so its stationary law is slightly wrong (for E = x²/2 the variance is
 * 1/(1 − λ/4), not 1). MALA (N-LANG-02) uses the same move as a proposal and accepts it with
 * eq. (6), which removes the bias. In LogDensity terms ∇E = −∇ log p. See docs/langevin.md.
 */
import type { Rng } from '../random/index.js';
import { samplerRecipe, type Sampler, type SamplerChain } from './sampler.js';
import type { EnergyModel } from './energy.js';
import { acceptOrStay, GradientChainState, logAcceptance } from './metropolis.js';
import { checkAdaptiveOptions, checkChainState, checkStart, checkStepSize, checkTarget, checkVectorOf, describe, type LogDensity } from './target.js';
import { checkOptionKeys, checkRng } from '../checks/index.js';

/**
 * N-LANG-01  One unadjusted Langevin step on an energy model (N-EBM-08):
 *
 *   out = x − (λ/2) ∇E(x) + ω,   ω ~ N(0, λ I).
 *
 * `out` and `x` are Float64Arrays of length model.dim and must be different arrays (∇E(x) is
 * first written into `out`). Allocates nothing. Returns `out`.
 *
 * @example
 * const model = { dim: 1, energy: (x: Float64Array) => 0.5 * x[0] ** 2, gradEnergy: (o: Float64Array, x: Float64Array) => { o[0] = x[0]; return o; } };
 * let x = new Float64Array([0]), y = new Float64Array(1);
 * const rng = new Rng(1);
 * for (let k = 0; k < 1000; k++) { ulaStep(y, x, model, 0.1, rng); [x, y] = [y, x]; }
 */
export function ulaStep(out: Float64Array, x: Float64Array, model: EnergyModel, lambda: number, rng: Rng): Float64Array {
  if (model === null || typeof model !== 'object' || typeof model.gradEnergy !== 'function') {
    throw new TypeError(`ulaStep: model.gradEnergy is missing; ULA needs the gradient of the energy (model is ${describe(model)})`);
  }
  checkStepSize('ulaStep', 'lambda', lambda);
  if (!(x instanceof Float64Array) || x.length !== model.dim) throw new RangeError(`ulaStep: x must be a Float64Array of length model.dim = ${model.dim}, got ${x instanceof Float64Array ? `length ${x.length}` : describe(x)}`);
  if (!(out instanceof Float64Array) || out.length !== model.dim) throw new RangeError(`ulaStep: out must be a Float64Array of length model.dim = ${model.dim}, got ${out instanceof Float64Array ? `length ${out.length}` : describe(out)}`);
  if (out === x) throw new RangeError('ulaStep: out and x must be different arrays (the gradient is written into out first)');
  checkRng('ulaStep', rng);
  model.gradEnergy(out, x);
  const half = 0.5 * lambda;
  const noiseSd = Math.sqrt(lambda);
  // N-LANG-01  x^k = x^{k-1} - (λ/2) ∇E(x^{k-1}) + ω,  ω ~ N(0, λ I)
  for (let i = 0; i < x.length; i++) out[i] = x[i] - half * out[i] + noiseSd * rng.normal();
  return out;
}

/**
 * The exact stationary variance of ULA for E = x²/2 (the standard normal target), derived from
 * the update as an AR(1) process: x' = (1 − λ/2) x + ω with Var ω = λ, so at stationarity
 * v = (1 − λ/2)² v + λ, i.e. v = λ / (1 − (1 − λ/2)²) = λ / (λ − λ²/4) = 1 / (1 − λ/4).
 * Finite only for 0 < λ < 4 (|1 − λ/2| < 1); the chain diverges otherwise.
 *
 * @example
 * ulaStationaryVariance(0.3); // 1.0810810810810811 (the exact answer is 1)
 */
export function ulaStationaryVariance(lambda: number): number {
  checkStepSize('ulaStationaryVariance', 'lambda', lambda);
  if (!(lambda < 4)) throw new RangeError(`ulaStationaryVariance: lambda must be < 4 (ULA on E = x^2/2 diverges for λ >= 4), got ${lambda}`);
  return 1 / (1 - lambda / 4);
}

class UlaChain implements SamplerChain {
  readonly x: Float64Array;
  private readonly grad: Float64Array;
  logp = NaN;
  stepSize: number;
  acceptanceProbability = 1;
  constructor(private readonly target: LogDensity, x0: Float64Array, lambda: number) {
    this.x = x0.slice();
    this.grad = new Float64Array(x0.length);
    this.stepSize = lambda;
  }
  step(rng: Rng): boolean {
    const { x, grad } = this;
    const lambda = this.stepSize;
    this.target.gradLogDensity!(grad, x); // ∇ log p = −∇E
    const half = 0.5 * lambda;
    const noiseSd = Math.sqrt(lambda);
    // N-LANG-01  x <- x + (λ/2) ∇ log p(x) + sqrt(λ) ξ   (= x − (λ/2) ∇E(x) + ω)
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(grad[i])) throw new RangeError(`ulaSampler: target.gradLogDensity returned gradient[${i}] = ${grad[i]} at a finite state`);
      const v = x[i] + half * grad[i] + noiseSd * rng.normal();
      if (!Number.isFinite(v)) throw new RangeError(`ulaSampler: the state became non-finite (x[${i}] = ${v}); λ = ${lambda} is too large for this target`);
      x[i] = v;
    }
    return true;
  }
}

/**
 * The unadjusted Langevin algorithm (N-LANG-01) for runChains. `stepSize` is the notes' λ (noise
 * variance; the gradient step is λ/2) and is required: it sets the discretization bias. ULA has
 * no accept step, so it is never adapted; every move counts as accepted.
 *
 * @example
 * // E(x) = x²/2: a standard normal
 * const model = { dim: 1, energy: (x: Float64Array) => 0.5 * x[0] ** 2, gradEnergy: (o: Float64Array, x: Float64Array) => { o[0] = x[0]; return o; } };
 * const x0 = new Float64Array(1);
 * const result = runChains(ulaSampler({ stepSize: 0.3 }), fromEnergy(model), { chains: 4, warmup: 100, samples: 10000, x0 }, new Rng(4));
 * // sample variance ≈ ulaStationaryVariance(0.3) = 1.08, not 1: ULA's bias
 */
export function ulaSampler(options: { stepSize: number }): Sampler {
  if (options === null || typeof options !== 'object') throw new TypeError(`ulaSampler: options must be an object { stepSize }, got ${options === null ? 'null' : `${typeof options} ${String(options)}`}`);
  checkOptionKeys('ulaSampler', options, ['stepSize']);
  if (options.stepSize === undefined) {
    throw new TypeError('ulaSampler: options.stepSize (the step λ of N-LANG-01) is required; ULA is never adapted');
  }
  checkStepSize('ulaSampler', 'stepSize', options.stepSize);
  const lambda = options.stepSize;
  return samplerRecipe('ulaSampler', 'ula', 'none', NaN, true, (target, x0) => new UlaChain(target, x0, lambda));
}

/**
 * The state of a MALA chain: current x, log p(x) and ∇ log p(x), proposal buffers of the same
 * length, and the acceptance probability of the last step.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array(d);
 * const s: MalaState = { x, logp: target.logDensity(x), grad: target.gradLogDensity!(new Float64Array(d), x), xNew: new Float64Array(d), gradNew: new Float64Array(d), acceptanceProbability: NaN };
 */
export interface MalaState {
  x: Float64Array;
  logp: number;
  grad: Float64Array;
  xNew: Float64Array;
  gradNew: Float64Array;
  acceptanceProbability: number;
}

/**
 * log of the Langevin proposal density T(from → to) = N(to; from + (λ/2) ∇ log p(from), λ I),
 * dropping the constant −(d/2) log(2πλ) (it cancels in eq. 6):
 *   log T(from → to) = −|to − from − (λ/2) g(from)|² / (2λ).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array([0.5, 0]), xNew = new Float64Array([0.2, 0.1]);
 * const gradAtX = target.gradLogDensity!(new Float64Array(d), x);
 * malaLogProposal(xNew, x, gradAtX, 0.5); // log q(xNew | x)
 */
export function malaLogProposal(to: Float64Array, from: Float64Array, gradFrom: Float64Array, lambda: number): number {
  const fn = 'malaLogProposal';
  if (!(to instanceof Float64Array)) throw new TypeError(`${fn}: to must be a Float64Array, got ${describe(to)}`);
  checkVectorOf(fn, 'from', from, to.length);
  checkVectorOf(fn, 'gradFrom', gradFrom, to.length);
  checkStepSize(fn, 'lambda', lambda);
  return logProposal(to, from, gradFrom, lambda);
}

/** {@link malaLogProposal} without the argument checks (the MALA transition's). */
function logProposal(to: Float64Array, from: Float64Array, gradFrom: Float64Array, lambda: number): number {
  const half = 0.5 * lambda;
  let s = 0;
  for (let i = 0; i < to.length; i++) {
    const r = to[i] - from[i] - half * gradFrom[i];
    s += r * r;
  }
  return -s / (2 * lambda);
}

/**
 * N-LANG-02  One Metropolis-adjusted Langevin step: propose the ULA move
 * x' = x + (λ/2) ∇ log p(x) + √λ ξ, then accept with eq. (6) using the Langevin proposal density
 * in both directions (N-MH-06):
 *   log A = min(0, log p(x') − log p(x) + log T(x' → x) − log T(x → x')).
 * Returns whether the move was accepted. Allocates nothing.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array(d);
 * const state: MalaState = { x, logp: target.logDensity(x), grad: target.gradLogDensity!(new Float64Array(d), x), xNew: new Float64Array(d), gradNew: new Float64Array(d), acceptanceProbability: NaN };
 * const accepted = malaStep(state, target, 0.5, new Rng(1));
 */
export function malaStep(state: MalaState, target: LogDensity, lambda: number, rng: Rng): boolean {
  const fn = 'malaStep';
  checkTarget(fn, target, true);
  checkChainState(fn, state, target.dim, ['x', 'grad', 'xNew', 'gradNew']);
  checkStepSize(fn, 'lambda', lambda);
  checkRng(fn, rng);
  return malaTransition(state, target, lambda, rng);
}

/** {@link malaStep} without the argument checks (the chains' step). */
function malaTransition(state: MalaState, target: LogDensity, lambda: number, rng: Rng): boolean {
  const { x, grad, xNew, gradNew } = state;
  const half = 0.5 * lambda;
  const noiseSd = Math.sqrt(lambda);
  for (let i = 0; i < x.length; i++) xNew[i] = x[i] + half * grad[i] + noiseSd * rng.normal();
  const logpNew = target.logDensity(xNew);
  if (logpNew !== logpNew || logpNew === Infinity) throw new RangeError(`malaStep: target.logDensity returned ${logpNew} at a proposed state (it must be a number < Infinity; return -Infinity outside the support)`);
  let logA = -Infinity;
  if (logpNew > -Infinity) {
    target.gradLogDensity!(gradNew, xNew);
    for (let i = 0; i < gradNew.length; i++) {
      if (!Number.isFinite(gradNew[i])) {
        throw new RangeError(`malaStep: target.gradLogDensity returned gradient[${i}] = ${gradNew[i]} at a proposed state where log p = ${logpNew} is finite`);
      }
    }
    // N-LANG-02 with N-MH-06: reverse T(x' -> x) uses the gradient at x', forward T(x -> x') the one at x
    logA = logAcceptance(logpNew, state.logp, logProposal(x, xNew, gradNew, lambda), logProposal(xNew, x, grad, lambda));
    if (logA !== logA) logA = -Infinity; // not reachable with the checks above; never accept a NaN
  }
  return acceptOrStay(state, logA, logpNew, rng);
}

class MalaChain extends GradientChainState implements SamplerChain, MalaState {
  stepSize: number;
  constructor(private readonly target: LogDensity, x0: Float64Array, logp0: number, grad0: Float64Array, lambda: number) {
    super(x0, logp0, grad0);
    this.stepSize = lambda;
  }
  step(rng: Rng): boolean {
    return malaTransition(this, this.target, this.stepSize, rng);
  }
}

/**
 * The Metropolis-adjusted Langevin algorithm (N-LANG-02) for runChains. `stepSize` is λ as in ULA
 * (default 1.65² · dim^(−1/3), the Roberts–Rosenthal scaling for unit-variance targets), adapted
 * during warm-up by Robbins–Monro towards acceptance `targetAcceptance` (default 0.574).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), x0 = new Float64Array(2);
 * const result = runChains(malaSampler(), target, { chains: 4, warmup: 1000, samples: 5000, x0 }, new Rng(6));
 */
export function malaSampler(options: { stepSize?: number; targetAcceptance?: number } = {}): Sampler {
  const targetAcceptance = checkAdaptiveOptions('malaSampler', options, 0.574);
  return samplerRecipe('malaSampler', 'mala', 'robbins-monro', targetAcceptance, true,
    (target, x0, logp0, grad0) => new MalaChain(target, x0, logp0, grad0 as Float64Array, options.stepSize ?? 1.65 * 1.65 * Math.pow(target.dim, -1 / 3)));
}
