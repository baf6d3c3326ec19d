/**
 * Metropolis and Metropolis–Hastings (notes 000, "Basics of the Metropolis Algorithm" to "More on
 * Detailed Balance"). A transition is a proposal T followed by an acceptance A (N-MH-01):
 * W(i→j) = A(i→j) T(i→j); a rejected move repeats the current state as the next sample. The
 * acceptance that makes detailed balance hold, eq. (6), is computed in log space (N-MH-06).
 * See docs/mcmc.md.
 */
import type { Rng } from '../random/index.js';
import type { Matrix64 } from '../linalg/index.js';
import { samplerRecipe, type Sampler, type SamplerChain } from './sampler.js';
import { checkAdaptiveOptions, checkChainState, checkCount, checkStart, checkStepSize, checkTarget, describe, type LogDensity } from './target.js';
import { checkOptionKeys, checkRng } from '../checks/index.js';

/**
 * N-MH-06  log of the Metropolis–Hastings acceptance, eq. (6):
 *
 *   A(x → x') = min(1, p(x') T(x' → x) / (p(x) T(x → x'))),
 *   log A     = min(0, log p(x') − log p(x) + log T(x' → x) − log T(x → x')).
 *
 * `logqReverse` = log T(x' → x) and `logqForward` = log T(x → x') (both 0 for a symmetric
 * proposal, N-MH-07). Working with logs, huge ratios (log differences of ±1000) give log A = 0
 * or −1000 without overflow. A NaN input gives NaN (which never passes `log u < log A`).
 *
 * @example
 * Math.exp(logAcceptance(Math.log(0.25), 0)); // 0.25 (p ratio 1/4)
 * logAcceptance(Math.log(4), 0);               // 0    (ratio 4 -> A = 1)
 * logAcceptance(-1000, 0);                     // -1000 (A = e^-1000, no underflow in log space)
 */
export function logAcceptance(logpNew: number, logpOld: number, logqReverse = 0, logqForward = 0): number {
  const logRatio = logpNew - logpOld + logqReverse - logqForward;
  return logRatio > 0 ? 0 : logRatio; // min(0, log ratio); NaN stays NaN
}

/**
 * N-MH-01/06  The accept/reject decision: draws u ~ U[0, 1) and accepts if log u < log A, which
 * happens with probability A.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const x = new Float64Array([0.5]), xNew = new Float64Array([1.5]), rng = new Rng(1);
 * let logpOld = target.logDensity(x);
 * const logpNew = target.logDensity(xNew);
 * if (acceptMove(logAcceptance(logpNew, logpOld), rng)) { x.set(xNew); logpOld = logpNew; }
 */
export function acceptMove(logA: number, rng: Rng): boolean {
  return Math.log(rng.float()) < logA;
}

/**
 * The state a Metropolis-type step works on: current `x`, `logp` = log p(x), a proposal buffer
 * `xNew` of the same length (so a step allocates nothing), and the acceptance probability of the
 * last step.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const x0 = new Float64Array([0.5]);
 * const state: MetropolisState = { x: x0.slice(), logp: target.logDensity(x0), xNew: new Float64Array(x0.length), acceptanceProbability: NaN };
 */
export interface MetropolisState {
  x: Float64Array;
  logp: number;
  xNew: Float64Array;
  acceptanceProbability: number;
}

/**
 * The state every Metropolis-type chain keeps (RWM, MH, and with a gradient MALA and HMC): a copy
 * of the start as the current x, a proposal buffer, log p(x) and the last acceptance
 * probability. Internal to lib/mcmc: the chain classes extend it.
 *
 * @example
 * ```ts
 * import { MetropolisChainState } from './metropolis.js'; // internal
 * class MyChain extends MetropolisChainState {
 *   stepSize = 1;
 *   constructor(readonly target: LogDensity, x0: Float64Array) { super(x0, target.logDensity(x0)); }
 *   step(rng: Rng): boolean { return randomWalkMetropolisStep(this, this.target, this.stepSize, rng); }
 * }
 * const chain = new MyChain(gaussianTarget([0], [[1]]), new Float64Array([0.5]));
 * chain.step(new Rng(1)); // chain.x is the new state, or x0 again if the move was rejected
 * ```
 */
export class MetropolisChainState implements MetropolisState {
  readonly x: Float64Array;
  readonly xNew: Float64Array;
  logp: number;
  acceptanceProbability = NaN;
  constructor(x0: Float64Array, logp0: number) {
    this.x = x0.slice();
    this.xNew = new Float64Array(x0.length);
    this.logp = logp0;
  }
}

/**
 * {@link MetropolisChainState} with ∇ log p at the current state (`grad`, the buffer checkStart
 * filled, kept) and at the proposal (`gradNew`), for MALA and HMC.
 *
 * @example
 * ```ts
 * import { GradientChainState } from './metropolis.js'; // internal
 * const target = gaussianTarget([0], [[1]]), x0 = new Float64Array([0.5]);
 * class MyMala extends GradientChainState {
 *   stepSize = 0.5;
 *   step(rng: Rng): boolean { return malaStep(this, target, this.stepSize, rng); }
 * }
 * const chain = new MyMala(x0, target.logDensity(x0), target.gradLogDensity!(new Float64Array(1), x0));
 * chain.step(new Rng(1)); // chain.grad is ∇ log p at chain.x
 * ```
 */
export class GradientChainState extends MetropolisChainState {
  readonly grad: Float64Array;
  readonly gradNew: Float64Array;
  constructor(x0: Float64Array, logp0: number, grad0: Float64Array) {
    super(x0, logp0);
    this.grad = grad0;
    this.gradNew = new Float64Array(x0.length);
  }
}

/**
 * The end of every Metropolis-type step (RWM, MH, MALA, HMC): records A = e^{log A}, draws the
 * decision, and on acceptance copies the proposal into the current state (with its gradient when
 * the state carries one). N-MH-01: on rejection nothing changes, so the chain records the old
 * state again. Returns whether the move was accepted. Internal to lib/mcmc.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const x0 = new Float64Array([0.5]);
 * const state: MetropolisState = { x: x0.slice(), logp: target.logDensity(x0), xNew: new Float64Array(x0.length), acceptanceProbability: NaN };
 * state.xNew[0] = 1.5; // a proposal
 * const logpNew = target.logDensity(state.xNew);
 * const moved = acceptOrStay(state, logAcceptance(logpNew, state.logp), logpNew, new Rng(1));
 */
export function acceptOrStay(
  state: MetropolisState & { grad?: Float64Array; gradNew?: Float64Array },
  logA: number, logpNew: number, rng: Rng,
): boolean {
  state.acceptanceProbability = Math.exp(logA);
  if (!acceptMove(logA, rng)) return false;
  state.x.set(state.xNew);
  if (state.grad && state.gradNew) state.grad.set(state.gradNew);
  state.logp = logpNew;
  return true;
}

/**
 * A proposal distribution T(x → x') for Metropolis–Hastings on `dim`-dimensional states:
 * `sample(out, x, rng)` draws x' ~ T(x → ·) into `out`; `logDensity(to, from)` is log T(from → to)
 * up to a constant that does not depend on `to` or `from`. mhSampler refuses a proposal whose
 * `dim` is not the target's.
 *
 * @example
 * const proposal = autoregressiveProposal({ mean: [0], sd: [2], rho: 0.5 }); // proposal.dim === 1
 */
export interface Proposal {
  readonly dim: number;
  sample(out: Float64Array, x: Float64Array, rng: Rng): Float64Array;
  logDensity(to: Float64Array, from: Float64Array): number;
}

function checkRealVector(fn: string, what: string, v: ArrayLike<number>, n: number): Float64Array {
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
    throw new TypeError(`${fn}: ${what} must be an array of ${n} numbers, got ${describe(v)}`);
  }
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but should have length ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) throw new RangeError(`${fn}: ${what}[${i}] must be finite, got ${describe(v[i])}`);
    out[i] = v[i];
  }
  return out;
}

/**
 * An asymmetric Gaussian proposal for Metropolis–Hastings (autoregressive, "preconditioned
 * Crank–Nicolson"):
 *
 *   x'_i = m_i + ρ (x_i − m_i) + sqrt(1 − ρ²) s_i ξ_i,   ξ_i ~ N(0, 1),
 *   log T(x → x') = −Σ_i (x'_i − m_i − ρ (x_i − m_i))² / (2 (1 − ρ²) s_i²) + const.
 *
 * ρ = 0 is the independence sampler N(m, diag s²). Except for special targets T(x → x') ≠
 * T(x' → x), so the full eq. (6) with both proposal densities is needed.
 *
 * @example
 * const q = autoregressiveProposal({ mean: [0, 0], sd: [1.5, 1.5], rho: 0.5 });
 * const s = mhSampler(q);
 */
export function autoregressiveProposal(options: { mean: ArrayLike<number>; sd: ArrayLike<number>; rho: number }): Proposal {
  const fn = 'autoregressiveProposal';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be { mean, sd, rho }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['mean', 'sd', 'rho']);
  const n = options.mean?.length;
  if (typeof n !== 'number' || n < 1) throw new TypeError(`${fn}: mean must be a non-empty array of numbers, got ${describe(options.mean)}`);
  const mean = checkRealVector(fn, 'mean', options.mean, n);
  const sd = checkRealVector(fn, 'sd', options.sd, n);
  for (let i = 0; i < n; i++) if (!(sd[i] > 0)) throw new RangeError(`${fn}: sd[${i}] must be > 0, got ${sd[i]}`);
  const rho = options.rho;
  if (typeof rho !== 'number' || !(rho > -1 && rho < 1)) throw new RangeError(`${fn}: rho must be in (-1, 1), got ${describe(rho)}`);
  const c = Math.sqrt(1 - rho * rho);
  const inv2var = new Float64Array(n);
  for (let i = 0; i < n; i++) inv2var[i] = 1 / (2 * (1 - rho * rho) * sd[i] * sd[i]);
  return {
    dim: n,
    sample(out: Float64Array, x: Float64Array, rng: Rng): Float64Array {
      for (let i = 0; i < n; i++) out[i] = mean[i] + rho * (x[i] - mean[i]) + c * sd[i] * rng.normal();
      return out;
    },
    logDensity(to: Float64Array, from: Float64Array): number {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const r = to[i] - mean[i] - rho * (from[i] - mean[i]);
        s += r * r * inv2var[i];
      }
      return -s;
    },
  };
}

/** A log density at a proposed state must be a number below +Infinity (−Infinity: outside the support). */
function checkProposedLogDensity(fn: string, logp: number): void {
  if (logp !== logp || logp === Infinity) throw new RangeError(`${fn}: target.logDensity returned ${logp} at a proposed state (it must be a number < Infinity; return -Infinity outside the support)`);
}

/**
 * The proposal's log densities of a move must be numbers: log T(x → x') finite (the proposal just
 * drew x'), log T(x' → x) finite or −Infinity (the move cannot be undone). A NaN is an error, as a
 * NaN from the target is, not a silent rejection.
 */
function checkProposalLogDensities(fn: string, logqForward: number, logqReverse: number): void {
  if (!Number.isFinite(logqForward)) {
    throw new RangeError(`${fn}: proposal.logDensity(x', x) = log T(x -> x') is ${logqForward} for the x' the proposal just drew (it must be finite)`);
  }
  if (logqReverse !== logqReverse || logqReverse === Infinity) {
    throw new RangeError(`${fn}: proposal.logDensity(x, x') = log T(x' -> x) is ${logqReverse} (it must be a number < Infinity; -Infinity when the move cannot be undone)`);
  }
}

/**
 * N-MH-01/06  One Metropolis–Hastings transition with proposal T: x' ~ T(x → ·), accept with
 * log A = min(0, log p(x') − log p(x) + log T(x' → x) − log T(x → x')) (eq. 6). On acceptance
 * `state.x` and `state.logp` take the proposed values; on rejection they stay (the old state is
 * the next sample). Returns whether the move was accepted. Allocates nothing.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const x0 = new Float64Array([0.5]);
 * const state: MetropolisState = { x: x0.slice(), logp: target.logDensity(x0), xNew: new Float64Array(x0.length), acceptanceProbability: NaN };
 * const accepted = metropolisHastingsStep(state, target, autoregressiveProposal({ mean: [0], sd: [2], rho: 0 }), new Rng(1));
 */
export function metropolisHastingsStep(state: MetropolisState, target: LogDensity, proposal: Proposal, rng: Rng): boolean {
  const fn = 'metropolisHastingsStep';
  checkTarget(fn, target, false);
  checkChainState(fn, state, target.dim, ['x', 'xNew']);
  checkProposal(fn, proposal, target.dim);
  checkRng(fn, rng);
  return mhTransition(state, target, proposal, rng);
}

/** {@link metropolisHastingsStep} without the argument checks (the chains' step). */
function mhTransition(state: MetropolisState, target: LogDensity, proposal: Proposal, rng: Rng): boolean {
  const { x, xNew } = state;
  proposal.sample(xNew, x, rng);
  const logpNew = target.logDensity(xNew);
  checkProposedLogDensity('metropolisHastingsStep', logpNew);
  const logqReverse = proposal.logDensity(x, xNew);
  const logqForward = proposal.logDensity(xNew, x);
  checkProposalLogDensities('metropolisHastingsStep', logqForward, logqReverse);
  // N-MH-06  log A = min(0, log p(x') - log p(x) + log T(x'->x) - log T(x->x'))
  const logA = logAcceptance(logpNew, state.logp, logqReverse, logqForward);
  return acceptOrStay(state, logA, logpNew, rng);
}

/**
 * N-MH-07  One random-walk Metropolis transition: x' = x + ε ξ with ξ ~ N(0, I) (a symmetric
 * proposal, so T cancels in eq. 6 and A = min(1, p(x')/p(x))). Returns whether it was accepted.
 * Allocates nothing (uses `state.xNew`).
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const x0 = new Float64Array([0.5]);
 * const state: MetropolisState = { x: x0.slice(), logp: target.logDensity(x0), xNew: new Float64Array(x0.length), acceptanceProbability: NaN };
 * const accepted = randomWalkMetropolisStep(state, target, 0.8, new Rng(1));
 */
export function randomWalkMetropolisStep(state: MetropolisState, target: LogDensity, stepSize: number, rng: Rng): boolean {
  const fn = 'randomWalkMetropolisStep';
  checkTarget(fn, target, false);
  checkChainState(fn, state, target.dim, ['x', 'xNew']);
  checkStepSize(fn, 'stepSize', stepSize);
  checkRng(fn, rng);
  return rwmTransition(state, target, stepSize, rng);
}

/** {@link randomWalkMetropolisStep} without the argument checks (the chains' step). */
function rwmTransition(state: MetropolisState, target: LogDensity, stepSize: number, rng: Rng): boolean {
  const { x, xNew } = state;
  const n = x.length;
  for (let i = 0; i < n; i++) xNew[i] = x[i] + stepSize * rng.normal();
  const logpNew = target.logDensity(xNew);
  checkProposedLogDensity('randomWalkMetropolisStep', logpNew);
  // N-MH-07  symmetric proposal: log A = min(0, log p(x') - log p(x))
  const logA = logAcceptance(logpNew, state.logp);
  return acceptOrStay(state, logA, logpNew, rng);
}

class RandomWalkMetropolisChain extends MetropolisChainState implements SamplerChain {
  stepSize: number;
  constructor(private readonly target: LogDensity, x0: Float64Array, logp0: number, stepSize: number) {
    super(x0, logp0);
    this.stepSize = stepSize;
  }
  step(rng: Rng): boolean {
    return rwmTransition(this, this.target, this.stepSize, rng);
  }
}

class MetropolisHastingsChain extends MetropolisChainState implements SamplerChain {
  stepSize = null; // the proposal is given: no step
  constructor(private readonly target: LogDensity, private readonly proposal: Proposal, x0: Float64Array, logp0: number) {
    super(x0, logp0);
  }
  step(rng: Rng): boolean {
    return mhTransition(this, this.target, this.proposal, rng);
  }
}

/**
 * Random-walk Metropolis (N-MH-07) for runChains. `stepSize` is the proposal standard deviation ε
 * (default 2.38/√dim, the Roberts–Gelman–Gilks scale for unit-variance targets); during warm-up
 * it is adapted by Robbins–Monro towards acceptance `targetAcceptance` (default 0.234).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]), x0 = new Float64Array(2);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 1000, samples: 5000, x0 }, new Rng(1));
 */
export function rwmSampler(options: { stepSize?: number; targetAcceptance?: number } = {}): Sampler {
  const targetAcceptance = checkAdaptiveOptions('rwmSampler', options, 0.234);
  return samplerRecipe('rwmSampler', 'rwm', 'robbins-monro', targetAcceptance, false,
    (target, x0, logp0) => new RandomWalkMetropolisChain(target, x0, logp0, options.stepSize ?? 2.38 / Math.sqrt(target.dim)));
}

/** Throws unless `proposal` is { dim, sample, logDensity } (of dimension `dim` when given). */
function checkProposal(fn: string, proposal: Proposal, dim?: number): void {
  if (proposal === null || typeof proposal !== 'object' || typeof proposal.sample !== 'function' || typeof proposal.logDensity !== 'function') {
    throw new TypeError(`${fn}: proposal must be { dim, sample(out, x, rng), logDensity(to, from) }, got ${describe(proposal)}`);
  }
  if (typeof proposal.dim !== 'number' || !Number.isInteger(proposal.dim) || proposal.dim < 1) {
    throw new RangeError(`${fn}: proposal.dim must be a positive integer (the dimension it proposes in), got ${describe(proposal.dim)}`);
  }
  if (dim !== undefined && proposal.dim !== dim) throw new RangeError(`${fn}: the proposal is ${proposal.dim}-dimensional but target.dim is ${dim}`);
}

/**
 * Metropolis–Hastings with a (generally asymmetric) `proposal` (N-MH-06) for runChains. There is
 * no step to adapt: the chain runs the same kernel in warm-up and sampling.
 *
 * @example
 * const s = mhSampler(autoregressiveProposal({ mean: [0, 0], sd: [2, 2], rho: 0.5 }));
 */
export function mhSampler(proposal: Proposal): Sampler {
  checkProposal('mhSampler', proposal);
  return samplerRecipe('mhSampler', 'mh', 'none', NaN, false, (target, x0, logp0) => {
    if (proposal.dim !== target.dim) {
      throw new RangeError(`mhSampler: the proposal is ${proposal.dim}-dimensional but target.dim is ${target.dim}`);
    }
    return new MetropolisHastingsChain(target, proposal, x0, logp0);
  });
}

/**
 * N-MH-01/07  The notes' algorithm as one call: `nSteps` random-walk Metropolis transitions with
 * proposal sd `stepSize` from x0, no adaptation. Returns the `nSteps × dim` samples (row-major;
 * a rejected move repeats the old state) and the acceptance rate accepted/nSteps.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const { samples, acceptance } = randomWalkMetropolis(target, new Float64Array([0]), 2.4, 10000, new Rng(7));
 */
export function randomWalkMetropolis(target: LogDensity, x0: Float64Array, stepSize: number, nSteps: number, rng: Rng): { samples: Float64Array; acceptance: number } {
  checkTarget('randomWalkMetropolis', target, false);
  checkStepSize('randomWalkMetropolis', 'stepSize', stepSize);
  if (rng === null || typeof rng !== 'object' || typeof rng.normal !== 'function') throw new TypeError(`randomWalkMetropolis: rng must be an Rng, got ${describe(rng)}`);
  checkCount('randomWalkMetropolis', 'nSteps', nSteps, 1);
  const logp0 = checkStart('randomWalkMetropolis', target, x0, false);
  const chain = new RandomWalkMetropolisChain(target, x0, logp0, stepSize);
  const d = target.dim;
  const samples = new Float64Array(nSteps * d);
  let accepted = 0;
  let t = 0;
  try {
    for (; t < nSteps; t++) {
      if (chain.step(rng)) accepted++;
      // N-MH-01  W(x -> x') = A(x -> x') T(x -> x'); a rejected move records the old state again
      samples.set(chain.x, t * d);
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    throw new RangeError(`randomWalkMetropolis: step ${t + 1} of ${nSteps}: ${err.message}`, { cause: e });
  }
  return { samples, acceptance: accepted / nSteps };
}

/**
 * N-MH-06  Metropolis–Hastings on a finite state space {0, …, n−1}: target log p (up to a
 * constant) and a proposal matrix T in the Markov layout of lib/markov (column-stochastic,
 * `T.data[j*n + i] = T(i → j)`). From state i: draw j from column i, accept with
 * log A = min(0, log p_j − log p_i + log T(j → i) − log T(i → j)). Returns the `nSteps` visited
 * states and the acceptance rate. A column of T that does not sum to 1 (within 1e-12) is an error.
 *
 * @example
 * // 5-state ring, move left or right with probability 1/2, target p ∝ (1, 2, 3, 4, 5)
 * // (column j of ringT is the proposal out of state j: T(j -> j ± 1) = 1/2)
 * const ringT = zeros64(5, 5);
 * for (let j = 0; j < 5; j++) { ringT.data[((j + 1) % 5) * 5 + j] = 0.5; ringT.data[((j + 4) % 5) * 5 + j] = 0.5; }
 * const { states } = discreteMetropolisHastings([0, 1, 2, 3, 4].map((i) => Math.log(i + 1)), ringT, 0, 10000, new Rng(3));
 */
export function discreteMetropolisHastings(logp: ArrayLike<number>, T: Matrix64, start: number, nSteps: number, rng: Rng): { states: Int32Array; acceptance: number } {
  const fn = 'discreteMetropolisHastings';
  if (logp === null || typeof logp !== 'object' || typeof logp.length !== 'number' || logp.length < 1) {
    throw new TypeError(`${fn}: logp must be a non-empty array of numbers, got ${describe(logp)}`);
  }
  const n = logp.length;
  if (T === null || typeof T !== 'object' || !(T.data instanceof Float64Array)) throw new TypeError(`${fn}: T must be a Matrix64, got ${describe(T)}`);
  if (T.rows !== n || T.cols !== n) throw new RangeError(`${fn}: T is ${T.rows}x${T.cols} but logp has length ${n} (T must be ${n}x${n})`);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const t = T.data[j * n + i];
      if (!(t >= 0 && t <= 1)) throw new RangeError(`${fn}: T(${i}->${j}) = T.data[${j * n + i}] must be in [0, 1], got ${t}`);
      sum += t;
    }
    if (Math.abs(sum - 1) > 1e-12) throw new RangeError(`${fn}: column ${i} of T (the moves out of state ${i}) sums to ${sum}, not 1`);
    if (Number.isNaN(logp[i]) || logp[i] === Infinity) throw new RangeError(`${fn}: logp[${i}] must be a number < Infinity, got ${logp[i]}`);
  }
  if (!Number.isInteger(start) || start < 0 || start >= n) throw new RangeError(`${fn}: start must be an integer state in [0, ${n - 1}], got ${describe(start)}`);
  if (!Number.isFinite(logp[start])) throw new RangeError(`${fn}: the log density at the start must be finite, got logp[${start}] = ${logp[start]}`);
  checkCount(fn, 'nSteps', nSteps, 1);
  if (rng === null || typeof rng !== 'object' || typeof rng.categorical !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const column = new Float64Array(n);
  const states = new Int32Array(nSteps);
  let i = start;
  let accepted = 0;
  for (let t = 0; t < nSteps; t++) {
    for (let j = 0; j < n; j++) column[j] = T.data[j * n + i]; // T(i -> j)
    const j = rng.categorical(column);
    // N-MH-06  log A = min(0, log p_j - log p_i + log T(j->i) - log T(i->j))
    const logA = logAcceptance(logp[j], logp[i], Math.log(T.data[i * n + j]), Math.log(T.data[j * n + i]));
    if (acceptMove(logA, rng)) {
      i = j;
      accepted++;
    }
    states[t] = i;
  }
  return { states, acceptance: accepted / nSteps };
}
