/**
 * Step-size adaptation during warm-up. Both schemes steer the acceptance probability α_t of the
 * chain towards a target δ by moving log(step); after warm-up the step is frozen (runChains never
 * calls `update` while sampling), so the sampling phase is a plain Markov chain with a fixed
 * kernel and keeps its stationary distribution. See docs/mcmc.md, "Adaptation".
 */
import { checkStepSize } from './target.js';

function checkAcceptanceTarget(fn: string, delta: number): void {
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) {
    throw new RangeError(`${fn}: targetAcceptance must be in (0, 1), got ${delta}`);
  }
}

/**
 * Robbins–Monro on the log step (used for random-walk Metropolis, target 0.234, and MALA,
 * target 0.574):
 *
 *   log ε_{t+1} = log ε_t + γ_t (α_t − δ),   γ_t = (t + 1)^{-κ},  κ = 0.6,
 *
 * where α_t = min(1, MH ratio) of transition t. Too many acceptances lengthen the step, too few
 * shorten it. With κ in (1/2, 1] the gains satisfy Σγ_t = ∞ and Σγ_t² < ∞ (the Robbins–Monro
 * conditions), so ε_t settles where E[α] = δ. The frozen step is the last iterate.
 *
 * @example
 * const a = new RobbinsMonroStepSize(1.0, 0.234);
 * a.update(0.9); // accepted too easily: the step grows
 * a.stepSize;    // > 1
 */
export class RobbinsMonroStepSize {
  /** Current step ε_t. */
  stepSize: number;
  /** Target acceptance δ. */
  readonly targetAcceptance: number;
  private logStep: number;
  private t = 0;
  private readonly kappa = 0.6;

  /**
   * @param initialStep ε_0 > 0.
   * @param targetAcceptance δ in (0, 1).
   * @example
   * new RobbinsMonroStepSize(0.5, 0.574);
   */
  constructor(initialStep: number, targetAcceptance: number) {
    checkStepSize('RobbinsMonroStepSize', 'initialStep', initialStep);
    checkAcceptanceTarget('RobbinsMonroStepSize', targetAcceptance);
    this.stepSize = initialStep;
    this.targetAcceptance = targetAcceptance;
    this.logStep = Math.log(initialStep);
  }

  /**
   * Feeds the acceptance probability α_t of one warm-up transition; returns the new step.
   *
   * @example
   * const chain = rwmSampler().init(gaussianTarget([0], [[1]]), new Float64Array(1));
   * const adapter = new RobbinsMonroStepSize(0.5, 0.44), rng = new Rng(1);
   * chain.step(rng);
   * const eps = adapter.update(chain.acceptanceProbability);
   */
  update(acceptanceProbability: number): number {
    const gain = Math.pow(this.t + 1, -this.kappa);
    this.t++;
    // log ε <- log ε + γ_t (α_t − δ)
    this.logStep += gain * (acceptanceProbability - this.targetAcceptance);
    this.stepSize = Math.exp(this.logStep);
    return this.stepSize;
  }

  /**
   * The step to freeze for sampling: the last iterate.
   *
   * @example
   * const chain = rwmSampler().init(gaussianTarget([0], [[1]]), new Float64Array(1));
   * const adapter = new RobbinsMonroStepSize(0.5, 0.44), rng = new Rng(1);
   * for (let m = 0; m < 200; m++) { chain.step(rng); chain.stepSize = adapter.update(chain.acceptanceProbability); }
   * chain.stepSize = adapter.finalStepSize();
   */
  finalStepSize(): number {
    return this.stepSize;
  }
}

/**
 * Dual averaging of Hoffman & Gelman (2014), "The No-U-Turn Sampler", Algorithm 5 (used for
 * HMC, target δ = 0.8), with their parameters γ = 0.05, t0 = 10, κ = 0.75 and μ = log(10 ε_0):
 *
 *   H̄_m = (1 − 1/(m + t0)) H̄_{m−1} + (δ − α_m) / (m + t0)
 *   log ε_m = μ − (√m / γ) H̄_m
 *   log ε̄_m = m^{−κ} log ε_m + (1 − m^{−κ}) log ε̄_{m−1},   ε̄_0 = 1
 *
 * During warm-up the chain uses ε_m; afterwards it is frozen at ε̄ (the averaged iterate).
 *
 * @example
 * const chain = hmcSampler({ leapfrogSteps: 10 }).init(gaussianTarget([0, 0], [[1, 0], [0, 1]]), new Float64Array(2));
 * const rng = new Rng(1), warmup = 200;
 * const a = new DualAveragingStepSize(0.1, 0.8);
 * for (let m = 0; m < warmup; m++) { chain.step(rng); chain.stepSize = a.update(chain.acceptanceProbability); }
 * chain.stepSize = a.finalStepSize();
 */
export class DualAveragingStepSize {
  /** Current step ε_m used during warm-up. */
  stepSize: number;
  /** Target acceptance δ. */
  readonly targetAcceptance: number;
  /** Hoffman & Gelman's γ = 0.05. */
  readonly gamma = 0.05;
  /** Hoffman & Gelman's t0 = 10. */
  readonly t0 = 10;
  /** Hoffman & Gelman's κ = 0.75. */
  readonly kappa = 0.75;
  private readonly mu: number;
  private hBar = 0;
  private logStepBar = 0; // log ε̄_0 = log 1
  private m = 0;

  /**
   * @param initialStep ε_0 > 0 (sets μ = log(10 ε_0)).
   * @param targetAcceptance δ in (0, 1).
   * @example
   * new DualAveragingStepSize(0.2, 0.8);
   */
  constructor(initialStep: number, targetAcceptance: number) {
    checkStepSize('DualAveragingStepSize', 'initialStep', initialStep);
    checkAcceptanceTarget('DualAveragingStepSize', targetAcceptance);
    this.stepSize = initialStep;
    this.targetAcceptance = targetAcceptance;
    this.mu = Math.log(10 * initialStep);
  }

  /**
   * Feeds the acceptance probability α_m of one warm-up transition; returns the new ε_m.
   *
   * @example
   * const chain = hmcSampler({ leapfrogSteps: 10 }).init(gaussianTarget([0, 0], [[1, 0], [0, 1]]), new Float64Array(2));
   * const adapter = new DualAveragingStepSize(0.1, 0.8), rng = new Rng(1);
   * chain.step(rng);
   * chain.stepSize = adapter.update(chain.acceptanceProbability);
   */
  update(acceptanceProbability: number): number {
    const m = ++this.m;
    const w = 1 / (m + this.t0);
    this.hBar = (1 - w) * this.hBar + w * (this.targetAcceptance - acceptanceProbability);
    const logStep = this.mu - (this.hBar * Math.sqrt(m)) / this.gamma; // in the order Stan evaluates it
    const eta = Math.pow(m, -this.kappa);
    this.logStepBar = eta * logStep + (1 - eta) * this.logStepBar;
    this.stepSize = Math.exp(logStep);
    return this.stepSize;
  }

  /**
   * The step to freeze for sampling: ε̄ = exp(log ε̄_M) (the initial step if update never ran).
   *
   * @example
   * const chain = hmcSampler({ leapfrogSteps: 10 }).init(gaussianTarget([0, 0], [[1, 0], [0, 1]]), new Float64Array(2));
   * const adapter = new DualAveragingStepSize(0.1, 0.8), rng = new Rng(1);
   * for (let m = 0; m < 200; m++) { chain.step(rng); chain.stepSize = adapter.update(chain.acceptanceProbability); }
   * chain.stepSize = adapter.finalStepSize();
   */
  finalStepSize(): number {
    return this.m === 0 ? this.stepSize : Math.exp(this.logStepBar);
  }
}
