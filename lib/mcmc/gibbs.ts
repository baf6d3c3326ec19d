/**
 * Gibbs sampling (notes 000 "Gibbs sampling"; 003 "5) Gibbs Sampling"): redraw one variable (or
 * block) at a time from its conditional given all the others. Seen as Metropolis–Hastings with the
 * conditional as proposal, the acceptance is always 1 (N-GIBBS-01):
 *
 *   T(x → x') = p(x'_k | x_{−k}),  x'_{−k} = x_{−k}
 *   ⇒ p(x') T(x' → x) / (p(x) T(x → x')) = p(x') p(x_k | x_{−k}) / (p(x) p(x'_k | x_{−k}))
 *      = p(x_{−k}) p(x'_k|x_{−k}) p(x_k|x_{−k}) / (p(x_{−k}) p(x_k|x_{−k}) p(x'_k|x_{−k})) = 1.
 *
 * Discrete models use `gibbsSweep` (systematic scan over sites); continuous ones use
 * `gibbsSampler` with one update per block, e.g. `gaussianConditionals`. See docs/mcmc.md.
 */
import { checkRng } from '../checks/index.js';
import type { Rng } from '../random/index.js';
import { fromArray2D, inverse, type Matrix64 } from '../linalg/index.js';
import { samplerRecipe, type Sampler, type SamplerChain } from './sampler.js';
import { checkCount, describe, type LogDensity } from './target.js';

/**
 * The conditional of one discrete site k: it takes the values 0 … size−1, and
 * `weights(out, state)` writes the unnormalized p(x_k = v | x_{−k}) for v = 0 … size−1 into
 * out[0 … size) (reading the other sites from `state`) and returns `out`.
 *
 * @example
 * // site 0 of a joint table p[a][b] (a in {0,1}, b in {0,1,2}): p(a | b) ∝ p[a][b]
 * const p = [[0.1, 0.2, 0.1], [0.3, 0.1, 0.2]];
 * const site0: DiscreteConditional = { size: 2, weights: (out, s) => { out[0] = p[0][s[1]]; out[1] = p[1][s[1]]; return out; } };
 */
export interface DiscreteConditional {
  readonly size: number;
  weights(out: Float64Array, state: Int32Array): Float64Array;
}

function checkDiscrete(fn: string, state: Int32Array, conditionals: DiscreteConditional[]): number {
  if (!(state instanceof Int32Array)) throw new TypeError(`${fn}: state must be an Int32Array, got ${describe(state)}`);
  if (!Array.isArray(conditionals)) throw new TypeError(`${fn}: conditionals must be an array of { size, weights(out, state) }, got ${describe(conditionals)}`);
  if (conditionals.length !== state.length) {
    throw new RangeError(`${fn}: there are ${conditionals.length} conditionals but state has ${state.length} sites (one conditional per site)`);
  }
  let maxSize = 1;
  for (let k = 0; k < conditionals.length; k++) {
    const c = conditionals[k];
    if (c === null || typeof c !== 'object' || typeof c.weights !== 'function') {
      throw new TypeError(`${fn}: conditionals[${k}] must be { size, weights(out, state) }, got ${describe(c)}`);
    }
    if (!Number.isInteger(c.size) || c.size < 1) throw new RangeError(`${fn}: conditionals[${k}].size must be a positive integer, got ${describe(c.size)}`);
    if (!(state[k] >= 0 && state[k] < c.size)) throw new RangeError(`${fn}: state[${k}] = ${state[k]} is not a value of site ${k} (0 … ${c.size - 1})`);
    maxSize = Math.max(maxSize, c.size);
  }
  return maxSize;
}

/** Draws v with probability w_v / Σ w from out[0 … size); the message names the site on bad weights. */
function drawFromWeights(w: Float64Array, size: number, k: number, rng: Rng): number {
  let total = 0;
  for (let v = 0; v < size; v++) {
    const wv = w[v];
    if (!(wv >= 0) || wv === Infinity) throw new RangeError(`gibbsSweep: conditional of site ${k} gave weight ${wv} for value ${v} (must be finite and >= 0)`);
    total += wv;
  }
  if (!(total > 0)) throw new RangeError(`gibbsSweep: the conditional weights of site ${k} are all zero`);
  const u = rng.float() * total;
  let cumulative = 0;
  let last = 0;
  for (let v = 0; v < size; v++) {
    if (w[v] > 0) {
      cumulative += w[v];
      last = v;
      if (u < cumulative) return v;
    }
  }
  return last; // rounding in the running sum
}

/**
 * N-GIBBS-01  One systematic-scan Gibbs sweep over a discrete state: for k = 0, 1, …, K−1 draw
 * x_k ~ p(x_k | x_{−k}) from `conditionals[k]` and write it into `state[k]` (later sites see the
 * new values). Every move is accepted (the MH ratio is 1). `scratch` (length >= the largest site
 * size) avoids an allocation per sweep; pass one in loops. Returns `state`.
 *
 * @example
 * // the joint table p[a][b] (a in {0,1}, b in {0,1,2}) and its two conditionals
 * const p = [[0.1, 0.2, 0.1], [0.3, 0.1, 0.2]];
 * const site0: DiscreteConditional = { size: 2, weights: (out, s) => { out[0] = p[0][s[1]]; out[1] = p[1][s[1]]; return out; } };
 * const site1: DiscreteConditional = { size: 3, weights: (out, s) => { for (let b = 0; b < 3; b++) out[b] = p[s[0]][b]; return out; } };
 * const state = new Int32Array([0, 0]), rng = new Rng(1);
 * const scratch = new Float64Array(3);
 * for (let t = 0; t < 1000; t++) gibbsSweep(state, [site0, site1], rng, scratch);
 */
export function gibbsSweep(state: Int32Array, conditionals: DiscreteConditional[], rng: Rng, scratch?: Float64Array): Int32Array {
  const maxSize = checkDiscrete('gibbsSweep', state, conditionals);
  checkRng('gibbsSweep', rng);
  let w = scratch;
  if (w === undefined) w = new Float64Array(maxSize);
  else if (!(w instanceof Float64Array) || w.length < maxSize) {
    throw new RangeError(`gibbsSweep: scratch must be a Float64Array of length >= ${maxSize} (the largest site size), got ${w instanceof Float64Array ? `length ${w.length}` : describe(w)}`);
  }
  for (let k = 0; k < conditionals.length; k++) {
    const c = conditionals[k];
    // N-GIBBS-01  x_k ~ p(x_k | x_{-k})
    c.weights(w, state);
    state[k] = drawFromWeights(w, c.size, k, rng);
  }
  return state;
}

/**
 * Runs `nSweeps` systematic-scan Gibbs sweeps from `state` (modified in place) and records the
 * state after each sweep: returns an Int32Array of nSweeps × K (row-major).
 *
 * @example
 * // the joint table p[a][b] (a in {0,1}, b in {0,1,2}) and its two conditionals
 * const p = [[0.1, 0.2, 0.1], [0.3, 0.1, 0.2]];
 * const site0: DiscreteConditional = { size: 2, weights: (out, s) => { out[0] = p[0][s[1]]; out[1] = p[1][s[1]]; return out; } };
 * const site1: DiscreteConditional = { size: 3, weights: (out, s) => { for (let b = 0; b < 3; b++) out[b] = p[s[0]][b]; return out; } };
 * const records = gibbsChain(new Int32Array([0, 0]), [site0, site1], 10000, new Rng(5)); // 10000 x 2
 */
export function gibbsChain(state: Int32Array, conditionals: DiscreteConditional[], nSweeps: number, rng: Rng): Int32Array {
  const maxSize = checkDiscrete('gibbsChain', state, conditionals);
  checkCount('gibbsChain', 'nSweeps', nSweeps, 1);
  if (rng === null || typeof rng !== 'object' || typeof rng.float !== 'function') throw new TypeError(`gibbsChain: rng must be an Rng, got ${describe(rng)}`);
  const scratch = new Float64Array(maxSize);
  const K = state.length;
  const out = new Int32Array(nSweeps * K);
  for (let t = 0; t < nSweeps; t++) {
    gibbsSweep(state, conditionals, rng, scratch);
    out.set(state, t * K);
  }
  return out;
}

/**
 * One block update of a continuous Gibbs sampler: redraws some coordinates of `x` in place from
 * their conditional given the others.
 *
 * @example
 * // x_0 | x_1 ~ N(ρ x_1, 1 − ρ²) for a standard bivariate normal with correlation ρ
 * const rho = 0.8;
 * const update0: GibbsUpdate = (x, rng) => { x[0] = rho * x[1] + Math.sqrt(1 - rho * rho) * rng.normal(); };
 */
export type GibbsUpdate = (x: Float64Array, rng: Rng) => void;

/**
 * The full conditionals of a multivariate normal N(μ, Σ) as Gibbs updates, one per coordinate.
 * With the precision Q = Σ⁻¹:
 *
 *   x_k | x_{−k} ~ N( μ_k − (1/Q_kk) Σ_{j≠k} Q_kj (x_j − μ_j),  1/Q_kk ).
 *
 * For a bivariate normal (sds s1, s2, correlation ρ) this is the textbook
 * x_1 | x_2 ~ N(μ_1 + ρ (s1/s2)(x_2 − μ_2), s1² (1 − ρ²)).
 *
 * @example
 * const updates = gaussianConditionals([0, 0], [[1, 0.8], [0.8, 1]]);
 * const s = gibbsSampler(updates);
 */
export function gaussianConditionals(mean: ArrayLike<number>, covariance: Matrix64 | ArrayLike<ArrayLike<number>>): GibbsUpdate[] {
  const fn = 'gaussianConditionals';
  if (mean === null || typeof mean !== 'object' || typeof mean.length !== 'number' || mean.length < 1) {
    throw new TypeError(`${fn}: mean must be a non-empty array of numbers, got ${describe(mean)}`);
  }
  const d = mean.length;
  const cov: Matrix64 = (covariance as Matrix64)?.data instanceof Float64Array
    ? (covariance as Matrix64)
    : fromArray2D(covariance as ArrayLike<ArrayLike<number>>, 'float64');
  if (cov.rows !== d || cov.cols !== d) throw new RangeError(`${fn}: covariance is ${cov.rows}x${cov.cols} but mean has length ${d}`);
  const Q = inverse(cov).data;
  const mu = Float64Array.from(mean);
  const updates: GibbsUpdate[] = [];
  for (let k = 0; k < d; k++) {
    const qkk = Q[k * d + k];
    if (!(qkk > 0)) throw new RangeError(`${fn}: covariance is not positive definite (precision diagonal ${k} is ${qkk})`);
    const sd = Math.sqrt(1 / qkk);
    updates.push((x: Float64Array, rng: Rng): void => {
      // x_k | x_{-k} ~ N(mu_k - (1/Q_kk) sum_{j != k} Q_kj (x_j - mu_j), 1/Q_kk)
      let s = 0;
      for (let j = 0; j < d; j++) if (j !== k) s += Q[k * d + j] * (x[j] - mu[j]);
      x[k] = mu[k] - s / qkk + sd * rng.normal();
    });
  }
  return updates;
}

class GibbsChain implements SamplerChain {
  readonly x: Float64Array;
  logp: number;
  stepSize = null; // Gibbs has no step
  acceptanceProbability = 1;
  constructor(private readonly updates: GibbsUpdate[], x0: Float64Array, logp0: number) {
    this.x = x0.slice();
    this.logp = logp0;
  }
  step(rng: Rng): boolean {
    // N-GIBBS-01  one systematic-scan sweep; each block move is accepted with probability 1
    const u = this.updates;
    for (let k = 0; k < u.length; k++) u[k](this.x, rng);
    for (let i = 0; i < this.x.length; i++) {
      if (!Number.isFinite(this.x[i])) throw new RangeError(`gibbsSampler: the sweep left x[${i}] = ${this.x[i]} (an update wrote a non-finite value)`);
    }
    this.logp = NaN; // not evaluated (Gibbs never needs it)
    return true;
  }
}

/**
 * A continuous Gibbs sampler for runChains: one `step` is a systematic sweep through `updates`
 * (each redraws a block from its conditional, e.g. from `gaussianConditionals`). Nothing is
 * adapted and every move is accepted (N-GIBBS-01). The target is only used to check the start.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.8], [0.8, 1]]), x0 = new Float64Array(2);
 * const result = runChains(gibbsSampler(gaussianConditionals([0, 0], [[1, 0.8], [0.8, 1]])), target, { chains: 4, warmup: 100, samples: 2000, x0 }, new Rng(2));
 */
export function gibbsSampler(updates: GibbsUpdate[]): Sampler {
  if (!Array.isArray(updates) || updates.length === 0 || updates.some((u) => typeof u !== 'function')) {
    throw new TypeError(`gibbsSampler: updates must be a non-empty array of functions (x, rng) => void, got ${describe(updates)}`);
  }
  return samplerRecipe('gibbsSampler', 'gibbs', 'none', NaN, false, (_target, x0, logp0) => new GibbsChain(updates, x0, logp0));
}
