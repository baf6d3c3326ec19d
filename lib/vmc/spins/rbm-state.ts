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
 * A walker keeps θ(s) up to date: flipping spin i changes θ_j by −2 W_ij s_i.
 */
import type { Rng } from '../../random/index.js';
import type { TfimChain } from './tfim.js';

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
  if (s.length !== psi.n) throw new RangeError(`spinLogPsi: s has ${s.length} spins, the state ${psi.n}`);
  const theta = spinTheta(new Float64Array(psi.m), psi, s);
  let v = 0;
  for (let i = 0; i < psi.n; i++) v += psi.a[i] * s[i];
  for (let j = 0; j < psi.m; j++) v += logCosh2(theta[j]);
  return v;
}

/**
 * ln ψ(s with spin i flipped) − ln ψ(s), from the cached θ(s): −2 a_i s_i + Σ_j [ln cosh(θ_j − 2W_ij s_i) − ln cosh θ_j].
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

/**
 * The local energy of the chain at s, with its off-diagonal (spin-flip) terms:
 *
 *   E_L(s) = ⟨s|Ĥ|ψ⟩/⟨s|ψ⟩ = −J Σ_i s_i s_{i+1} − h Σ_i ψ(s with spin i flipped)/ψ(s).
 *
 * @example
 * spinLocalEnergy(psi, chain, s, spinTheta(new Float64Array(psi.m), psi, s));
 */
export function spinLocalEnergy(psi: SpinRbmState, chain: TfimChain, s: Int8Array, theta: Float64Array): number {
  const n = psi.n;
  let zz = 0;
  for (let i = 0; i < n; i++) zz += s[i] * s[(i + 1) % n];
  let flips = 0;
  if (chain.h !== 0) for (let i = 0; i < n; i++) flips += Math.exp(spinFlipLogRatio(psi, s, theta, i));
  return -chain.J * zz - chain.h * flips;
}

/**
 * O_k(s) = ∂ln ψ/∂θ_k in the order of `params`: s_i, tanh θ_j, s_i tanh θ_j.
 *
 * @example
 * spinLogDerivatives(new Float64Array(psi.params.length), psi, s, theta);
 */
export function spinLogDerivatives(out: Float64Array, psi: SpinRbmState, s: Int8Array, theta: Float64Array): Float64Array {
  const { n, m } = psi;
  for (let i = 0; i < n; i++) out[i] = s[i];
  for (let j = 0; j < m; j++) out[n + j] = Math.tanh(theta[j]);
  for (let i = 0; i < n; i++) {
    const si = s[i], row = n + m + i * m;
    for (let j = 0; j < m; j++) out[row + j] = si * out[n + j];
  }
  return out;
}

/**
 * One Metropolis sweep of single spin flips (N proposals at random sites), each accepted with
 * min(1, |ψ(s')/ψ(s)|²); θ is updated on acceptance. Returns the number accepted.
 *
 * @example
 * const accepted = spinMetropolisSweep(psi, s, theta, rng);
 */
export function spinMetropolisSweep(psi: SpinRbmState, s: Int8Array, theta: Float64Array, rng: Rng): number {
  const { n, m, W } = psi;
  let accepted = 0;
  for (let t = 0; t < n; t++) {
    const i = rng.int(n);
    const logRatio = spinFlipLogRatio(psi, s, theta, i);
    if (Math.log(rng.float()) < 2 * logRatio) {
      const si = s[i];
      for (let j = 0; j < m; j++) theta[j] -= 2 * W[i * m + j] * si;
      s[i] = -si as -1 | 1;
      accepted++;
    }
  }
  return accepted;
}
