/**
 * An RBM amplitude for a chain of N spins s_i = ±1 (Carleo & Troyer 2017, real parameters),
 * with M = α·N hidden ±1 units summed out (N-SPIN-03):
 *
 *   ψ(s) = e^{Σ_i a_i s_i} Π_j 2cosh θ_j(s),   θ_j(s) = b_j + Σ_i W_ij s_i,
 *   ln ψ(s) = Σ_i a_i s_i + Σ_j ln 2cosh θ_j.
 *
 * Here ψ itself is the RBM marginal (not its square root as for the quantum dot): the TFIM
 * ground state is positive, so a real amplitude suffices. Its log-derivatives are
 *
 *   ∂ln ψ/∂a_i = s_i,   ∂ln ψ/∂b_j = tanh θ_j,   ∂ln ψ/∂W_ij = s_i tanh θ_j.
 *
 * The parameters live in one Float64Array `params` = [a (N), b (M), W (N·M, row i = spin)].
 * A walker keeps θ(s) and tanh θ(s) up to date: flipping spin i changes θ_j by −2 W_ij s_i. Flip
 * ratios then need only cosh 2W_ij and sinh 2W_ij, tabulated once per parameter update.
 */
import type { Rng } from '../../random/index.js';
import type { TfimChain } from './tfim.js';
import { describe } from '../../checks/index.js';

/** ln 2cosh t, stable for large |t|: |t| + ln(1 + e^{−2|t|}). */
function logCosh2(t: number): number {
  const a = Math.abs(t);
  return a + Math.log1p(Math.exp(-2 * a));
}

/**
 * The RBM amplitude's sizes and parameters.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1));
 * psi.m; // 20 hidden units
 */
export class SpinRbmState {
  /** Spins N. */
  readonly n: number;
  /** Hidden units M = α N. */
  readonly m: number;
  /** [a (N), b (M), W (N·M)]. */
  readonly params: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** W_ij at i·M + j. */
  readonly W: Float64Array;

  private constructor(n: number, m: number, params: Float64Array) {
    this.n = n;
    this.m = m;
    if (!(params instanceof Float64Array) || params.length !== n + m + n * m) throw new RangeError(`SpinRbmState: params must be a Float64Array of length N + M + N·M = ${n + m + n * m}`);
    this.params = params;
    this.a = params.subarray(0, n);
    this.b = params.subarray(n, n + m);
    this.W = params.subarray(n + m);
  }

  /**
   * A new amplitude with hidden density α (M = α N hidden units), parameters drawn from
   * N(0, initScale²) (default 0.01).
   *
   * @example
   * const psi = SpinRbmState.create(10, 2, new Rng(1)); // 10 spins, 20 hidden units
   */
  static create(n: number, alpha: number, rng: Rng, initScale = 0.01): SpinRbmState {
    const fn = 'SpinRbmState.create';
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`${fn}: n must be an integer >= 2, got ${n}`);
    if (!(alpha > 0) || !Number.isInteger(alpha * n)) throw new RangeError(`${fn}: alpha must be > 0 with alpha·n an integer (the number of hidden units), got alpha = ${alpha}, n = ${n}`);
    if (!(initScale >= 0) || !Number.isFinite(initScale)) throw new RangeError(`${fn}: initScale must be a finite number >= 0, got ${initScale}`);
    const m = alpha * n;
    const params = new Float64Array(n + m + n * m);
    for (let i = 0; i < params.length; i++) params[i] = initScale * rng.normal();
    return new SpinRbmState(n, m, params);
  }

  /**
   * Rebuilds an amplitude from its sizes and a copy of `params` (e.g. in a worker).
   *
   * @example
   * const copy = SpinRbmState.fromData({ n: psi.n, m: psi.m, params: psi.params });
   */
  static fromData(data: { n: number; m: number; params: Float64Array }): SpinRbmState {
    return new SpinRbmState(data.n, data.m, Float64Array.from(data.params));
  }
}

/**
 * θ_j = b_j + Σ_i W_ij s_i into `out` (length M).
 *
 * @example
 * const theta = spinTheta(new Float64Array(psi.m), psi, s);
 */
export function spinTheta(out: Float64Array, psi: SpinRbmState, s: Int8Array | Float64Array): Float64Array {
  const { n, m, W } = psi;
  for (let j = 0; j < m; j++) out[j] = psi.b[j];
  for (let i = 0; i < n; i++) {
    const si = s[i];
    for (let j = 0; j < m; j++) out[j] += W[i * m + j] * si;
  }
  return out;
}

/**
 * ln ψ(s) = Σ_i a_i s_i + Σ_j ln 2cosh θ_j (N-SPIN-03 with the hidden spins summed out).
 *
 * @example
 * spinLogPsi(psi, new Int8Array(10).fill(1));
 */
export function spinLogPsi(psi: SpinRbmState, s: Int8Array | Float64Array): number {
  const fn = 'spinLogPsi';
  if (!(psi instanceof SpinRbmState)) throw new TypeError(`${fn}: psi must be a SpinRbmState (SpinRbmState.create), got ${describe(psi)}`);
  if (!(s instanceof Int8Array) && !(s instanceof Float64Array)) throw new TypeError(`${fn}: s must be an Int8Array or Float64Array of spins ±1, got ${describe(s)}`);
  if (s.length !== psi.n) throw new RangeError(`${fn}: s has ${s.length} spins, the state ${psi.n}`);
  for (let i = 0; i < s.length; i++) if (s[i] !== 1 && s[i] !== -1) throw new RangeError(`${fn}: s[${i}] must be +1 or -1, got ${s[i]}`);
  const theta = spinTheta(new Float64Array(psi.m), psi, s);
  let v = 0;
  for (let i = 0; i < psi.n; i++) v += psi.a[i] * s[i];
  for (let j = 0; j < psi.m; j++) v += logCosh2(theta[j]);
  return v;
}

/**
 * ln ψ(s with spin i flipped) − ln ψ(s) by the direct formula, from θ(s):
 * −2 a_i s_i + Σ_j [ln cosh(θ_j − 2W_ij s_i) − ln cosh θ_j]. 2M logarithms and exponentials; the
 * sampling loops use the cheaper {@link spinFlipRatio}, and the specs check one against the other.
 *
 * @example
 * Math.exp(spinFlipLogRatio(psi, s, theta, 3)); // ψ(s')/ψ(s)
 */
export function spinFlipLogRatio(psi: SpinRbmState, s: Int8Array, theta: Float64Array, i: number): number {
  const { m, W } = psi;
  const si = s[i];
  let d = -2 * psi.a[i] * si;
  for (let j = 0; j < m; j++) d += logCosh2(theta[j] - 2 * W[i * m + j] * si) - logCosh2(theta[j]);
  return d;
}

/** cosh 2W_ij and sinh 2W_ij for every weight: the flip ratios need nothing else from W. */
export interface SpinFlipTables {
  cosh2W: Float64Array;
  sinh2W: Float64Array;
}

/**
 * The tables of {@link SpinFlipTables} for the current parameters (recompute after every update).
 *
 * @example
 * const tables = spinFlipTables(psi);
 */
export function spinFlipTables(psi: SpinRbmState): SpinFlipTables {
  const n = psi.W.length;
  const cosh2W = new Float64Array(n), sinh2W = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    cosh2W[k] = Math.cosh(2 * psi.W[k]);
    sinh2W[k] = Math.sinh(2 * psi.W[k]);
  }
  return { cosh2W, sinh2W };
}

/** A chain's configuration with θ_j(s) and tanh θ_j(s) kept up to date. */
export interface SpinWalker {
  s: Int8Array;
  theta: Float64Array;
  tanhTheta: Float64Array;
}

/**
 * A walker at configuration `s` (copied), with θ and tanh θ computed.
 *
 * @example
 * const w = spinWalker(psi, new Int8Array(10).fill(1));
 */
export function spinWalker(psi: SpinRbmState, s: Int8Array): SpinWalker {
  if (s.length !== psi.n) throw new RangeError(`spinWalker: s has ${s.length} spins, the state ${psi.n}`);
  const theta = spinTheta(new Float64Array(psi.m), psi, s);
  const tanhTheta = new Float64Array(psi.m);
  for (let j = 0; j < psi.m; j++) tanhTheta[j] = Math.tanh(theta[j]);
  return { s: Int8Array.from(s), theta, tanhTheta };
}

/**
 * ψ(s with spin i flipped)/ψ(s) without logarithms: with d = 2W_ij s_i,
 * cosh(θ_j − d)/cosh θ_j = cosh d − tanh θ_j sinh d = cosh 2W_ij − s_i tanh θ_j sinh 2W_ij, so
 *
 *   ψ(s′)/ψ(s) = e^{−2 a_i s_i} Π_j (cosh 2W_ij − s_i tanh θ_j sinh 2W_ij)
 *
 * — M multiply-adds and one exponential instead of 2M logarithms and exponentials. Each factor is
 * ≥ e^{−2|W_ij|} > 0.
 *
 * @example
 * spinFlipRatio(psi, tables, w, 3); // = Math.exp(spinFlipLogRatio(psi, w.s, w.theta, 3))
 */
export function spinFlipRatio(psi: SpinRbmState, tables: SpinFlipTables, w: SpinWalker, i: number): number {
  const m = psi.m, si = w.s[i], t = w.tanhTheta, C = tables.cosh2W, S = tables.sinh2W, row = i * m;
  let r = Math.exp(-2 * psi.a[i] * si);
  for (let j = 0; j < m; j++) r *= C[row + j] - si * t[j] * S[row + j];
  return r;
}

/**
 * The local energy of the chain at the walker's s, with its off-diagonal (spin-flip) terms:
 *
 *   E_L(s) = ⟨s|Ĥ|ψ⟩/⟨s|ψ⟩ = −J Σ_i s_i s_{i+1} − h Σ_i ψ(s with spin i flipped)/ψ(s).
 *
 * @example
 * spinLocalEnergy(psi, spinFlipTables(psi), chain, spinWalker(psi, s));
 */
export function spinLocalEnergy(psi: SpinRbmState, tables: SpinFlipTables, chain: TfimChain, w: SpinWalker): number {
  const n = psi.n, s = w.s;
  let zz = 0;
  for (let i = 0; i < n; i++) zz += s[i] * s[(i + 1) % n];
  let flips = 0;
  if (chain.h !== 0) for (let i = 0; i < n; i++) flips += spinFlipRatio(psi, tables, w, i);
  return -chain.J * zz - chain.h * flips;
}

/**
 * O_k(s) = ∂ln ψ/∂θ_k in the order of `params`: s_i, tanh θ_j, s_i tanh θ_j.
 *
 * @example
 * spinLogDerivatives(new Float64Array(psi.params.length), psi, w);
 */
export function spinLogDerivatives(out: Float64Array, psi: SpinRbmState, w: SpinWalker): Float64Array {
  const { n, m } = psi, s = w.s, t = w.tanhTheta;
  for (let i = 0; i < n; i++) out[i] = s[i];
  for (let j = 0; j < m; j++) out[n + j] = t[j];
  for (let i = 0; i < n; i++) {
    const si = s[i], row = n + m + i * m;
    for (let j = 0; j < m; j++) out[row + j] = si * t[j];
  }
  return out;
}

/**
 * One Metropolis sweep of single spin flips (N proposals at random sites), each accepted with
 * min(1, |ψ(s')/ψ(s)|²); on acceptance θ_j −= 2W_ij s_i and tanh θ_j is refreshed (O(M)).
 * Returns the number accepted.
 *
 * @example
 * const accepted = spinMetropolisSweep(psi, tables, w, rng);
 */
export function spinMetropolisSweep(psi: SpinRbmState, tables: SpinFlipTables, w: SpinWalker, rng: Rng): number {
  const { n, m, W } = psi, s = w.s, theta = w.theta, t = w.tanhTheta;
  let accepted = 0;
  for (let k = 0; k < n; k++) {
    const i = rng.int(n);
    const ratio = spinFlipRatio(psi, tables, w, i);
    if (rng.float() < ratio * ratio) {
      const si = s[i];
      for (let j = 0; j < m; j++) {
        theta[j] -= 2 * W[i * m + j] * si;
        t[j] = Math.tanh(theta[j]);
      }
      s[i] = -si;
      accepted++;
    }
  }
  return accepted;
}
