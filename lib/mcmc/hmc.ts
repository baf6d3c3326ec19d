/**
 * X-HMC  Hamiltonian Monte Carlo (Neal 2011, "MCMC using Hamiltonian dynamics", Handbook of
 * MCMC ch. 5; not derived in the notes). Augment x with a momentum p ~ N(0, I), so the joint
 * density is ∝ e^{−H} with H(x, p) = −log p(x) + |p|²/2; follow Hamilton's equations with the
 * leapfrog integrator for L steps of size ε, and accept the end point with
 * A = min(1, e^{H(x, p) − H(x', p')}) — eq. (6) for the joint, where the proposal is symmetric
 * because leapfrog is reversible and volume preserving. See docs/mcmc.md.
 */
import type { Rng } from '../random/index.js';
import { samplerRecipe, type Sampler, type SamplerChain } from './sampler.js';
import { acceptOrStay, GradientChainState, logAcceptance } from './metropolis.js';
import { checkAdaptiveOptions, checkChainState, checkCount, checkStart, checkStepSize, checkTarget, checkVectorOf, type LogDensity } from './target.js';
import { checkRng } from '../checks/index.js';

/**
 * L leapfrog steps of size ε (Neal 2011, eqs. 5.18–5.20), in place:
 *
 *   p ← p + (ε/2) ∇ log p(x);  repeat L times { x ← x + ε p;  p ← p + ε ∇ log p(x) }  with the
 *   last momentum update halved (ε/2).
 *
 * `grad` must hold ∇ log p(x) on entry and holds ∇ log p at the new x on exit. Allocates nothing.
 * Returns `x`.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array([1, 0]), p = new Float64Array([0, 1]), grad = new Float64Array(d);
 * target.gradLogDensity!(grad, x);
 * leapfrog(x, p, grad, target, 0.1, 20); // x, p, grad now at the end of the trajectory
 */
export function leapfrog(x: Float64Array, p: Float64Array, grad: Float64Array, target: LogDensity, stepSize: number, steps: number): Float64Array {
  const fn = 'leapfrog';
  checkTarget(fn, target, true);
  checkVectorOf(fn, 'x', x, target.dim);
  checkVectorOf(fn, 'p', p, target.dim);
  checkVectorOf(fn, 'grad', grad, target.dim);
  checkStepSize(fn, 'stepSize', stepSize);
  checkCount(fn, 'steps', steps, 1);
  return leapfrogKernel(x, p, grad, target, stepSize, steps);
}

/** {@link leapfrog} without the argument checks (the HMC transition's). */
function leapfrogKernel(x: Float64Array, p: Float64Array, grad: Float64Array, target: LogDensity, stepSize: number, steps: number): Float64Array {
  const d = x.length;
  const half = 0.5 * stepSize;
  for (let i = 0; i < d; i++) p[i] += half * grad[i];
  for (let l = 1; l <= steps; l++) {
    for (let i = 0; i < d; i++) x[i] += stepSize * p[i];
    target.gradLogDensity!(grad, x);
    const kick = l === steps ? half : stepSize;
    for (let i = 0; i < d; i++) p[i] += kick * grad[i];
  }
  return x;
}

/**
 * The state of an HMC chain: current x, log p(x), ∇ log p(x), buffers for the trajectory
 * (xNew, gradNew) and the momentum p, and the acceptance probability of the last step.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array(d), grad = new Float64Array(d);
 * const logp = target.logDensity(x);
 * target.gradLogDensity!(grad, x);
 * const s: HmcState = { x, logp, grad, xNew: new Float64Array(d), gradNew: new Float64Array(d), momentum: new Float64Array(d), acceptanceProbability: NaN };
 */
export interface HmcState {
  x: Float64Array;
  logp: number;
  grad: Float64Array;
  xNew: Float64Array;
  gradNew: Float64Array;
  momentum: Float64Array;
  acceptanceProbability: number;
}

/**
 * X-HMC  One HMC transition: p ~ N(0, I); leapfrog for `steps` steps of size ε from (x, p) to
 * (x', p'); accept with log A = min(0, H(x, p) − H(x', p')), H = −log p(x) + |p|²/2. A trajectory
 * that diverges (non-finite H) is rejected (A = 0); a log density that is NaN or +Infinity at a
 * finite end point throws (the target is wrong there). Returns whether the move was accepted.
 * Allocates nothing.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), d = 2;
 * const x = new Float64Array(d), grad = new Float64Array(d);
 * const logp = target.logDensity(x);
 * target.gradLogDensity!(grad, x);
 * const state: HmcState = { x, logp, grad, xNew: new Float64Array(d), gradNew: new Float64Array(d), momentum: new Float64Array(d), acceptanceProbability: NaN };
 * const accepted = hmcStep(state, target, 0.2, 10, new Rng(1));
 */
export function hmcStep(state: HmcState, target: LogDensity, stepSize: number, steps: number, rng: Rng): boolean {
  const fn = 'hmcStep';
  checkTarget(fn, target, true);
  checkChainState(fn, state, target.dim, ['x', 'grad', 'xNew', 'gradNew', 'momentum']);
  checkStepSize(fn, 'stepSize', stepSize);
  checkCount(fn, 'steps', steps, 1);
  checkRng(fn, rng);
  return hmcTransition(state, target, stepSize, steps, rng);
}

/** {@link hmcStep} without the argument checks (the chains' step). */
function hmcTransition(state: HmcState, target: LogDensity, stepSize: number, steps: number, rng: Rng): boolean {
  const { x, grad, xNew, gradNew, momentum: p } = state;
  const d = x.length;
  let kinetic0 = 0;
  for (let i = 0; i < d; i++) {
    const pi = rng.normal();
    p[i] = pi;
    kinetic0 += 0.5 * pi * pi;
  }
  xNew.set(x);
  gradNew.set(grad);
  leapfrogKernel(xNew, p, gradNew, target, stepSize, steps);
  const logpNew = target.logDensity(xNew);
  if (logpNew !== logpNew || logpNew === Infinity) {
    // A divergent trajectory (the position ran off to ±Infinity or NaN) is rejected below; a
    // NaN or +Infinity at a finite end point is the target's fault and stops the run.
    let finite = true;
    for (let i = 0; i < d; i++) if (!Number.isFinite(xNew[i])) { finite = false; break; }
    if (finite) throw new RangeError(`hmcStep: target.logDensity returned ${logpNew} at the finite end point of a trajectory (it must be a number < Infinity; return -Infinity outside the support)`);
  }
  let kinetic1 = 0;
  for (let i = 0; i < d; i++) kinetic1 += 0.5 * p[i] * p[i];
  // log A = min(0, H0 - H1) with H = -log p(x) + |p|^2/2   (eq. 6 on the joint (x, p))
  let logA = logAcceptance(logpNew - kinetic1, state.logp - kinetic0);
  if (logA !== logA) logA = -Infinity; // divergent trajectory: reject
  return acceptOrStay(state, logA, logpNew, rng);
}

class HmcChain extends GradientChainState implements SamplerChain, HmcState {
  readonly momentum: Float64Array;
  stepSize: number;
  /** The jittered ε of the last transition (what runChains records in stepSizes). */
  stepSizeUsed: number;
  constructor(private readonly target: LogDensity, x0: Float64Array, logp0: number, grad0: Float64Array, stepSize: number, private readonly steps: number, private readonly jitter: number) {
    super(x0, logp0, grad0);
    this.momentum = new Float64Array(x0.length);
    this.stepSize = stepSize;
    this.stepSizeUsed = stepSize;
  }
  step(rng: Rng): boolean {
    // Neal 2011 §5.4.4: draw ε uniformly from [ε(1 − j), ε(1 + j)] to avoid periodic trajectories.
    const eps = this.jitter > 0 ? this.stepSize * (1 + this.jitter * (2 * rng.float() - 1)) : this.stepSize;
    this.stepSizeUsed = eps;
    return hmcTransition(this, this.target, eps, this.steps, rng);
  }
}

/**
 * Hamiltonian Monte Carlo (X-HMC) for runChains, with `leapfrogSteps` L (default 10) steps of
 * size `stepSize` ε (default 0.5·dim^(−1/4), the HMC scaling of ε with dimension), the step adapted during warm-up by dual
 * averaging (Hoffman & Gelman 2014) towards acceptance `targetAcceptance` (default 0.8). Each
 * transition draws its ε uniformly from [ε(1 − jitter), ε(1 + jitter)] (default jitter 0.2; Neal
 * 2011 §5.4.4), which breaks the near-periodic trajectories a fixed εL can give on Gaussians.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.9], [0.9, 1]]), x0 = new Float64Array(2);
 * const result = runChains(hmcSampler({ leapfrogSteps: 10 }), target, { chains: 4, warmup: 500, samples: 2000, x0 }, new Rng(8));
 */
export function hmcSampler(options: { stepSize?: number; leapfrogSteps?: number; targetAcceptance?: number; jitter?: number } = {}): Sampler {
  const targetAcceptance = checkAdaptiveOptions('hmcSampler', options, 0.8, ['stepSize', 'leapfrogSteps', 'targetAcceptance', 'jitter']);
  const steps = options.leapfrogSteps ?? 10;
  checkCount('hmcSampler', 'leapfrogSteps', steps, 1);
  const jitter = options.jitter ?? 0.2;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter < 1)) throw new RangeError(`hmcSampler: jitter must be in [0, 1), got ${jitter}`);
  return samplerRecipe('hmcSampler', 'hmc', 'dual-averaging', targetAcceptance, true,
    (target, x0, logp0, grad0) => new HmcChain(target, x0, logp0, grad0 as Float64Array, options.stepSize ?? 0.5 * Math.pow(target.dim, -0.25), steps, jitter));
}
