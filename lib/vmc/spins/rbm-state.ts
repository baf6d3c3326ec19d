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
import { checkRng, describe } from '../../checks/index.js';
import { checkTfimChain } from './tfim.js';
import type { SpinFlipTables, SpinWalker } from './kernels.js';
import { flipRatio, flipTables, localEnergyAt, logDerivativesAt, metropolisSweep, thetaOf, walkerAt } from './kernels.js';
export type { SpinFlipTables, SpinWalker } from './kernels.js';

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
   * const psi = SpinRbmState.create(10, 2, new Rng(1));
   * const copy = SpinRbmState.fromData({ n: psi.n, m: psi.m, params: psi.params });
   */
  static fromData(data: { n: number; m: number; params: Float64Array }): SpinRbmState {
    return new SpinRbmState(data.n, data.m, Float64Array.from(data.params));
  }
}

function checkPsi(fn: string, psi: unknown): asserts psi is SpinRbmState {
  if (!(psi instanceof SpinRbmState)) throw new TypeError(`${fn}: psi must be a SpinRbmState (SpinRbmState.create), got ${describe(psi)}`);
}

/** Throws unless `s` is an Int8Array (or, when `float` is true, a Float64Array) of n spins ±1. */
function checkSpins(fn: string, what: string, s: unknown, n: number, float: boolean): void {
  if (!(s instanceof Int8Array) && !(float && s instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be an Int8Array${float ? ' or Float64Array' : ''} of spins ±1, got ${describe(s)}`);
  }
  if (s.length !== n) throw new RangeError(`${fn}: ${what} has ${s.length} spins, the state ${n}`);
  for (let i = 0; i < n; i++) if (s[i] !== 1 && s[i] !== -1) throw new RangeError(`${fn}: ${what}[${i}] must be +1 or -1, got ${s[i]}`);
}

function checkVector(fn: string, what: string, v: unknown, n: number): void {
  if (!(v instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array of length ${n}, got ${describe(v)}`);
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but must have length ${n}`);
}

function checkSite(fn: string, i: unknown, n: number): void {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${fn}: i must be a spin index in 0..${n - 1}, got ${describe(i)}`);
}

function checkTables(fn: string, tables: unknown, psi: SpinRbmState): void {
  const t = tables as SpinFlipTables;
  if (t === null || typeof t !== 'object') throw new TypeError(`${fn}: tables must be spinFlipTables(psi), got ${describe(tables)}`);
  checkVector(fn, 'tables.cosh2W', t.cosh2W, psi.W.length);
  checkVector(fn, 'tables.sinh2W', t.sinh2W, psi.W.length);
}

function checkWalker(fn: string, w: unknown, psi: SpinRbmState): void {
  const x = w as SpinWalker;
  if (x === null || typeof x !== 'object') throw new TypeError(`${fn}: w must be a SpinWalker (spinWalker(psi, s)), got ${describe(w)}`);
  checkSpins(fn, 'w.s', x.s, psi.n, false);
  checkVector(fn, 'w.theta', x.theta, psi.m);
  checkVector(fn, 'w.tanhTheta', x.tanhTheta, psi.m);
}

/**
 * θ_j = b_j + Σ_i W_ij s_i into `out` (length M).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const theta = spinTheta(new Float64Array(psi.m), psi, s);
 */
export function spinTheta(out: Float64Array, psi: SpinRbmState, s: Int8Array | Float64Array): Float64Array {
  const fn = 'spinTheta';
  checkPsi(fn, psi);
  checkSpins(fn, 's', s, psi.n, true);
  checkVector(fn, 'out', out, psi.m);
  return thetaOf(out, psi, s);
}

/**
 * ln ψ(s) = Σ_i a_i s_i + Σ_j ln 2cosh θ_j (N-SPIN-03 with the hidden spins summed out).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1));
 * spinLogPsi(psi, new Int8Array(10).fill(1));
 */
export function spinLogPsi(psi: SpinRbmState, s: Int8Array | Float64Array): number {
  const fn = 'spinLogPsi';
  checkPsi(fn, psi);
  checkSpins(fn, 's', s, psi.n, true);
  const theta = thetaOf(new Float64Array(psi.m), psi, s);
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
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const theta = spinTheta(new Float64Array(psi.m), psi, s);
 * Math.exp(spinFlipLogRatio(psi, s, theta, 3)); // ψ(s')/ψ(s), s' = s with spin 3 flipped
 */
export function spinFlipLogRatio(psi: SpinRbmState, s: Int8Array, theta: Float64Array, i: number): number {
  const fn = 'spinFlipLogRatio';
  checkPsi(fn, psi);
  checkSpins(fn, 's', s, psi.n, false);
  checkVector(fn, 'theta', theta, psi.m);
  checkSite(fn, i, psi.n);
  const { m, W } = psi;
  const si = s[i];
  let d = -2 * psi.a[i] * si;
  for (let j = 0; j < m; j++) d += logCosh2(theta[j] - 2 * W[i * m + j] * si) - logCosh2(theta[j]);
  return d;
}


/**
 * The tables of {@link SpinFlipTables} for the current parameters (recompute after every update).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1));
 * const tables = spinFlipTables(psi);
 */
export function spinFlipTables(psi: SpinRbmState): SpinFlipTables {
  checkPsi('spinFlipTables', psi);
  return flipTables(psi);
}


/**
 * A walker at configuration `s` (copied), with θ and tanh θ computed.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1));
 * const w = spinWalker(psi, new Int8Array(10).fill(1));
 */
export function spinWalker(psi: SpinRbmState, s: Int8Array): SpinWalker {
  const fn = 'spinWalker';
  checkPsi(fn, psi);
  checkSpins(fn, 's', s, psi.n, false);
  return walkerAt(psi, s);
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
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const tables = spinFlipTables(psi), w = spinWalker(psi, s);
 * spinFlipRatio(psi, tables, w, 3); // = Math.exp(spinFlipLogRatio(psi, w.s, w.theta, 3))
 */
export function spinFlipRatio(psi: SpinRbmState, tables: SpinFlipTables, w: SpinWalker, i: number): number {
  const fn = 'spinFlipRatio';
  checkPsi(fn, psi);
  checkTables(fn, tables, psi);
  checkWalker(fn, w, psi);
  checkSite(fn, i, psi.n);
  return flipRatio(psi, tables, w, i);
}

/**
 * The local energy of the chain at the walker's s, with its off-diagonal (spin-flip) terms:
 *
 *   E_L(s) = ⟨s|Ĥ|ψ⟩/⟨s|ψ⟩ = −J Σ_i s_i s_{i+1} − h Σ_i ψ(s with spin i flipped)/ψ(s).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * spinLocalEnergy(psi, spinFlipTables(psi), chain, spinWalker(psi, s));
 */
export function spinLocalEnergy(psi: SpinRbmState, tables: SpinFlipTables, chain: TfimChain, w: SpinWalker): number {
  const fn = 'spinLocalEnergy';
  checkPsi(fn, psi);
  checkTables(fn, tables, psi);
  checkTfimChain(fn, chain);
  if (chain.n !== psi.n) throw new RangeError(`${fn}: chain has n = ${chain.n} spins but the state has ${psi.n}`);
  checkWalker(fn, w, psi);
  return localEnergyAt(psi, tables, chain, w);
}

/**
 * O_k(s) = ∂ln ψ/∂θ_k in the order of `params`: s_i, tanh θ_j, s_i tanh θ_j.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const w = spinWalker(psi, s);
 * spinLogDerivatives(new Float64Array(psi.params.length), psi, w);
 */
export function spinLogDerivatives(out: Float64Array, psi: SpinRbmState, w: SpinWalker): Float64Array {
  const fn = 'spinLogDerivatives';
  checkPsi(fn, psi);
  checkVector(fn, 'out', out, psi.params.length);
  checkWalker(fn, w, psi);
  return logDerivativesAt(out, psi, w);
}

/**
 * One Metropolis sweep of single spin flips (N proposals at random sites), each accepted with
 * min(1, |ψ(s')/ψ(s)|²); on acceptance θ_j −= 2W_ij s_i and tanh θ_j is refreshed (O(M)).
 * Returns the number accepted.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const tables = spinFlipTables(psi), w = spinWalker(psi, s), rng = new Rng(2);
 * const accepted = spinMetropolisSweep(psi, tables, w, rng);
 */
export function spinMetropolisSweep(psi: SpinRbmState, tables: SpinFlipTables, w: SpinWalker, rng: Rng): number {
  const fn = 'spinMetropolisSweep';
  checkPsi(fn, psi);
  checkTables(fn, tables, psi);
  checkWalker(fn, w, psi);
  checkRng(fn, rng);
  return metropolisSweep(psi, tables, w, rng);
}
