/**
 * Langevin dynamics on many chains at once through an energy network: the rows of X are B
 * independent chains, and one step moves all of them with one batched forward and backward pass:
 *
 *   x ← x − s · clip(∇_x E_θ(x)) + σ ξ,   ξ ~ N(0, I),   then (optionally) clamp x to [lo, hi].
 *
 * With s = λ/2, σ = √λ and no clip or clamp this is the unadjusted Langevin step of N-LANG-01
 * (`ulaSettings(λ)`). Du & Mordatch and Foster's notebook set s and σ independently and clip the
 * gradient and the values (N-LANG-03, see `fosterPreset`): a practical sampler, no longer an exact
 * discretization of the Langevin diffusion.
 */
import type { Rng } from '../random/index.js';
import type { MLP, MLPWorkspace, NNMatrix } from '../nn/index.js';
import { checkWorkspace, mlpBackwardUnchecked, mlpForwardUnchecked } from '../nn/kernels.js';
import { checkOptionKeys, checkRng, describe, overlaps } from '../checks/index.js';
import { checkEnergyNet } from './energy.js';

/** Settings of {@link langevinChains}. */
export interface LangevinSettings {
  /** Number of steps (non-negative integer). */
  steps: number;
  /** Gradient step s (> 0): x ← x − s ∇E + ... */
  stepSize: number;
  /** Noise standard deviation σ (>= 0). */
  noiseSd: number;
  /** Clip every gradient entry to [−gradClip, gradClip] before the step (default: no clipping). */
  gradClip?: number;
  /** Clamp every coordinate to [lo, hi] after the step (default: no clamping). */
  clamp?: readonly [number, number];
}

/**
 * The unadjusted Langevin algorithm of N-LANG-01 with the notes' λ: s = λ/2, σ = √λ, no clipping
 * or clamping.
 *
 * @example
 * ulaSettings(0.01, 50); // { steps: 50, stepSize: 0.005, noiseSd: 0.1 }
 */
export function ulaSettings(lambda: number, steps: number): LangevinSettings {
  if (!(typeof lambda === 'number' && lambda > 0 && Number.isFinite(lambda))) throw new RangeError(`ulaSettings: lambda must be a finite number > 0, got ${describe(lambda)}`);
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw new RangeError(`ulaSettings: steps must be a non-negative integer, got ${describe(steps)}`);
  return { steps, stepSize: lambda / 2, noiseSd: Math.sqrt(lambda) }; // N-LANG-01  x − (λ/2)∇E + N(0, λ)
}

/**
 * Throws unless the Langevin settings are valid (names the function and the bad setting).
 *
 * @example
 * checkLangevinSettings('mySampler', { steps: 10, stepSize: 0.01, noiseSd: 0.1 });
 */
export function checkLangevinSettings(fn: string, s: LangevinSettings): void {
  if (s === null || typeof s !== 'object') throw new TypeError(`${fn}: langevin settings must be an object { steps, stepSize, noiseSd, gradClip?, clamp? }, got ${describe(s)}`);
  checkOptionKeys(`${fn}: langevin`, s, ['steps', 'stepSize', 'noiseSd', 'gradClip', 'clamp']);
  if (!Number.isInteger(s.steps) || s.steps < 0) throw new RangeError(`${fn}: langevin.steps must be a non-negative integer, got ${String(s.steps)}`);
  if (!(s.stepSize > 0 && Number.isFinite(s.stepSize))) throw new RangeError(`${fn}: langevin.stepSize must be a finite number > 0, got ${String(s.stepSize)}`);
  if (!(s.noiseSd >= 0 && Number.isFinite(s.noiseSd))) throw new RangeError(`${fn}: langevin.noiseSd must be a finite number >= 0, got ${String(s.noiseSd)}`);
  if (s.gradClip !== undefined && !(s.gradClip > 0)) throw new RangeError(`${fn}: langevin.gradClip must be > 0 when given, got ${String(s.gradClip)}`);
  if (s.clamp !== undefined && !(Array.isArray(s.clamp) && s.clamp.length === 2 && s.clamp[0] < s.clamp[1])) {
    throw new RangeError(`${fn}: langevin.clamp must be [lo, hi] with lo < hi, got ${JSON.stringify(s.clamp)}`);
  }
}

/**
 * Runs `settings.steps` Langevin steps on every row of X in place (X is B x n_0, B ≤ ws.maxRows).
 * `G` (same shape as X) and `ones` (B x 1, all ones: dE_b/dE_b) are caller-owned buffers, so a
 * training loop allocates nothing. A non-finite state stops with the step and the row.
 *
 * @example
 * const net = createMLP([2, 16, 1], { hidden: 'tanh' }, new Rng(1)); // one output, identity output layer
 * const ws = createWorkspace(net, 64), rng = new Rng(2);
 * const X = matrix(64, 2), G = matrix(64, 2), ones = matrix(64, 1, new Float32Array(64).fill(1));
 * rng.fillUniform(X.data, -1, 1);
 * langevinChains(net, ws, X, G, ones, ulaSettings(0.01, 100), rng);
 */
export function langevinChains<M extends NNMatrix>(net: MLP<M>, ws: MLPWorkspace<M>, X: M, G: M, ones: M, settings: LangevinSettings, rng: Rng): M {
  const fn = 'langevinChains';
  checkEnergyNet(fn, net);
  checkLangevinSettings(fn, settings);
  checkWorkspace(fn, net, ws);
  const d = net.sizes[0];
  checkStates(fn, 'X', X, net);
  if (X.cols !== d || X.rows < 1 || X.rows > ws.maxRows) throw new RangeError(`${fn}: X is ${X.rows}x${X.cols} but must be Bx${d} with 1 <= B <= ${ws.maxRows} (n_0 = ${d}, the workspace's rows)`);
  checkStates(fn, 'G', G, net);
  checkRng(fn, rng);
  if (G.rows !== X.rows || G.cols !== X.cols) throw new RangeError(`${fn}: G is ${G.rows}x${G.cols} but X is ${X.rows}x${X.cols} (same shape)`);
  checkStates(fn, 'ones', ones, net);
  if (ones.rows !== X.rows || ones.cols !== 1) throw new RangeError(`${fn}: ones is ${ones.rows}x${ones.cols} but must be ${X.rows}x1`);
  if (overlaps(G.data, X.data) || overlaps(G.data, ones.data)) throw new RangeError(`${fn}: G shares memory with X or ones; pass a separate G`);
  return langevinChainsUnchecked(net, ws, X, G, ones, settings, rng);
}

/** Throws unless M is a matrix in the network's precision whose data length is rows·cols. */
function checkStates(fn: string, what: string, M: NNMatrix, net: MLP): void {
  const want = net.precision === 'float32' ? Float32Array : Float64Array;
  if (M === null || typeof M !== 'object' || !(M.data instanceof want) || M.data.length !== M.rows * M.cols) {
    throw new TypeError(`${fn}: ${what} must be a ${net.precision} matrix (the network's precision), got ${describe(M)}`);
  }
}

/**
 * {@link langevinChains} without the argument checks (trainEBM's steps call it once trainEBM
 * checked its network, settings and buffers). A non-finite state still stops with the step and
 * the row, under the name langevinChains.
 *
 * @example
 * ```ts
 * import { langevinChainsUnchecked } from './langevin.js'; // internal
 * const net = createMLP([2, 8, 1], { hidden: 'tanh' }, new Rng(1)), ws = createWorkspace(net, 4), rng = new Rng(2);
 * const X = matrix(4, 2), G = matrix(4, 2), ones = matrix(4, 1, new Float32Array(4).fill(1));
 * rng.fillUniform(X.data, -1, 1);
 * langevinChainsUnchecked(net, ws, X, G, ones, ulaSettings(0.01, 10), rng); // X <- 10 Langevin steps from X
 * ```
 */
export function langevinChainsUnchecked<M extends NNMatrix>(net: MLP<M>, ws: MLPWorkspace<M>, X: M, G: M, ones: M, settings: LangevinSettings, rng: Rng): M {
  const fn = 'langevinChains';
  const x = X.data, g = G.data;
  const { stepSize, noiseSd } = settings;
  const clip = settings.gradClip ?? Infinity;
  const lo = settings.clamp?.[0] ?? -Infinity, hi = settings.clamp?.[1] ?? Infinity;
  for (let k = 0; k < settings.steps; k++) {
    mlpForwardUnchecked(net, ws, X);
    mlpBackwardUnchecked(net, ws, null, ones, G, false); // row b of G = ∇_x E(x_b) (the energies of different rows do not interact)
    for (let i = 0; i < x.length; i++) {
      const gi = g[i] > clip ? clip : g[i] < -clip ? -clip : g[i];
      let v = x[i] - stepSize * gi + noiseSd * rng.normal(); // x − s ∇E + σ ξ
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: chain ${Math.floor(i / X.cols)} became non-finite at step ${k + 1} (x = ${v}); lower stepSize or clip the gradient`);
      x[i] = v;
    }
  }
  return X;
}
