/**
 * Exact evaluation of small RBMs by enumeration, all in float64 (parameters are read exactly
 * from their float32 storage): the partition function, marginals, the joint table, the exact
 * log-likelihood, its two phases and gradient, the KL divergence from the data, and the exact
 * block-Gibbs kernel. The phases here are the float64 reference that the tests compare the
 * float32 `phaseStatistics` / `cdUpdate` of gradient.ts with.
 *
 * Every sum runs over the smaller layer, with the other layer summed (or, for Gaussian visible
 * units, integrated) out in closed form (N-EBM-01). Configurations are visited in Gray-code order,
 * so one unit flips per step and the other layer's inputs are updated in O(size) (recomputed from
 * scratch every 1024 steps to stop rounding drift); the log-sum-exp runs in chunks of 4096 terms.
 *
 * Configuration indices: a binary or spin configuration s of n units has index
 * Σ_i [s_i on] 2^{n−1−i}, i.e. unit 0 is the most significant bit, so (1, 0, 1) is index 5
 * ("on" is 1 for binary and +1 for spin units).
 */
import { matrix64, shapeOf, type AnyMatrix, type Matrix64 } from '../linalg/matrix.js';
import { sigmoidScalar, softplusScalar } from '../linalg/elementwise.js';
import { checkRBM, type RBM } from './model.js';
import { logTwoCosh } from './energy.js';
import { checkAnyMatrix, checkArrayLike, checkCount, checkFiniteArray, checkUnitValues, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

function checkKind(fn: string, kind: unknown): void {
  if (kind !== 'bernoulli' && kind !== 'spin') throw new RangeError(`${fn}: kind must be 'bernoulli' or 'spin', got ${describe(kind)}`);
}

/** Options of the exact functions. */
export interface ExactOptions {
  /** Largest number of units the enumerated layer may have (2^maxUnits terms). Default 25. */
  maxUnits?: number;
}

/** Default limit on the enumerated layer: 2^25 ≈ 3.4e7 configurations. */
export const MAX_ENUMERATION_UNITS = 25;

/**
 * The float64 statistics of the exact functions: averages of −∂E/∂θ (or gradients built from
 * them), one array per parameter in the model's layout: `W` (M·N, w_ij at i·N + j), `a` (M),
 * `b` (N), and `sigma` (M, the derivative with respect to σ_i) for Gaussian-binary models.
 * The gradient of the mean log-likelihood is positive phase − negative phase for every
 * parameter (N-COST-02, N-RBM-09 with the corrected sign of errata E-10). The float32
 * counterpart used in training is `RBMGradient` (gradient.ts).
 */
export interface PhaseStatistics {
  W: Float64Array | Float32Array;
  a: Float64Array | Float32Array;
  b: Float64Array | Float32Array;
  sigma?: Float64Array | Float32Array;
}

/**
 * Zeroed float64 {@link PhaseStatistics} shaped for `rbm` (with `sigma` for Gaussian-binary models).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createPhaseStatistics, Rng } from 'boltzmann';
 * const s = createPhaseStatistics(BernoulliRBM.create(3, 2, 'hinton', new Rng(1)));
 * s.W.length; // 6
 * ```
 */
export function createPhaseStatistics(rbm: RBM): PhaseStatistics {
  checkRBM('createPhaseStatistics', rbm);
  const s: PhaseStatistics = { W: new Float64Array(rbm.nVisible * rbm.nHidden), a: new Float64Array(rbm.nVisible), b: new Float64Array(rbm.nHidden) };
  if (rbm.kind === 'gaussian-bernoulli') s.sigma = new Float64Array(rbm.nVisible);
  return s;
}

/** Throws unless `s` holds arrays shaped for `rbm`. */
function checkPhaseStatistics(fn: string, s: unknown, rbm: RBM): asserts s is PhaseStatistics {
  const st = s as PhaseStatistics;
  if (st === null || typeof st !== 'object') throw new TypeError(`${fn}: out must be a PhaseStatistics { W, a, b }, got ${describe(s)}`);
  const want: [string, unknown, number][] = [['W', st.W, rbm.nVisible * rbm.nHidden], ['a', st.a, rbm.nVisible], ['b', st.b, rbm.nHidden]];
  if (st.sigma !== undefined) want.push(['sigma', st.sigma, rbm.nVisible]);
  for (const [name, arr, len] of want) {
    if (!(arr instanceof Float64Array || arr instanceof Float32Array)) throw new TypeError(`${fn}: out.${name} must be a Float64Array or Float32Array, got ${describe(arr)}`);
    if (arr.length !== len) throw new RangeError(`${fn}: out.${name} has length ${arr.length} but the ${rbm.nVisible}x${rbm.nHidden} RBM needs ${len}`);
  }
}

const LN_2PI = Math.log(2 * Math.PI);
const CHUNK = 4096;
const RECOMPUTE_EVERY = 1024;
const chunk = new Float64Array(CHUNK);

function maxUnitsOf(fn: string, options: ExactOptions | undefined): number {
  if (options === undefined) return MAX_ENUMERATION_UNITS;
  checkOptionKeys(fn, options, ['maxUnits']);
  const m = options.maxUnits ?? MAX_ENUMERATION_UNITS;
  checkOptionKeys(fn, options, ['maxUnits']);
  checkCount(fn, 'options.maxUnits', m);
  if (m > 30) throw new RangeError(`${fn}: options.maxUnits must be at most 30 (2^30 terms), got ${m}`);
  return m;
}

/**
 * The unit values of configuration `index` of n units (unit 0 = most significant bit): 0/1 for
 * 'bernoulli' (and the hidden layer of 'gaussian-bernoulli'), ±1 for 'spin'. Returns out.
 *
 * @example
 * ```ts
 * import { configurationFromIndex } from 'boltzmann';
 * configurationFromIndex(new Float64Array(3), 5, 'bernoulli'); // [1, 0, 1]
 * configurationFromIndex(new Float64Array(3), 5, 'spin');      // [1, -1, 1]
 * ```
 */
export function configurationFromIndex<T extends Float64Array | Float32Array | number[]>(out: T, index: number, kind: 'bernoulli' | 'spin'): T {
  const fn = 'configurationFromIndex';
  if (!Array.isArray(out) && !(out instanceof Float64Array) && !(out instanceof Float32Array)) {
    throw new TypeError(`${fn}: out must be a Float64Array, Float32Array or number[], got ${describe(out)}`);
  }
  checkKind(fn, kind);
  const n = out.length;
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** n) {
    throw new RangeError(`${fn}: index must be an integer in [0, 2^${n}), got ${describe(index)}`);
  }
  const off = kind === 'spin' ? -1 : 0;
  for (let i = 0; i < n; i++) out[i] = Math.floor(index / 2 ** (n - 1 - i)) % 2 === 1 ? 1 : off;
  return out;
}

/**
 * The index of a binary (0/1) or spin (±1) configuration, unit 0 the most significant bit
 * (inverse of {@link configurationFromIndex}). Values are checked.
 *
 * @example
 * ```ts
 * import { indexOfConfiguration } from 'boltzmann';
 * indexOfConfiguration([1, 0, 1], 'bernoulli'); // 5
 * ```
 */
export function indexOfConfiguration(x: ArrayLike<number>, kind: 'bernoulli' | 'spin'): number {
  const fn = 'indexOfConfiguration';
  checkKind(fn, kind);
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) throw new TypeError(`${fn}: x must be an array of unit values, got ${describe(x)}`);
  checkUnitValues(fn, 'x', x, kind);
  let s = 0;
  for (let i = 0; i < x.length; i++) s = 2 * s + (x[i] === 1 ? 1 : 0);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Single-configuration marginals (float64)

/**
 * log of the unnormalized visible marginal, −F(x) = log Σ_h e^{−E(x, h)}, in float64:
 * N-RBM-04 (a_ᵀx + Σ_j softplus(θ_j)), N-SPIN-03 (aᵀx + Σ_j log 2cosh θ_j),
 * N-GRBM-04 (−Σ_i (x_i − a_i)²/2σ_i² + Σ_j softplus(b_j + Σ_i x_i w_ij/σ_i²); a density in x).
 * Unit values are not checked (grey levels give the mean-field value).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, logUnnormalizedMarginalVisible } from 'boltzmann';
 * const rbm = BernoulliRBM.create(1, 1, { W: [[0]], a: [1], b: [0] });
 * logUnnormalizedMarginalVisible(rbm, [1]); // 1 + ln 2
 * ```
 */
export function logUnnormalizedMarginalVisible(rbm: RBM, x: ArrayLike<number>): number {
  const fn = 'logUnnormalizedMarginalVisible';
  checkRBM(fn, rbm);
  checkArrayLike(fn, 'x', x, rbm.nVisible);
  checkFiniteArray(fn, 'x', x);
  return logMarginalVisible64(rbm, x);
}

function logMarginalVisible64(rbm: RBM, x: ArrayLike<number>): number {
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  let s = 0;
  for (let i = 0; i < M; i++) {
    if (rbm.kind === 'gaussian-bernoulli') {
      const d = x[i] - rbm.a[i];
      s -= (d * d) / (2 * rbm.sigma[i] * rbm.sigma[i]);
    } else s += rbm.a[i] * x[i];
  }
  for (let j = 0; j < N; j++) {
    let t = rbm.b[j];
    for (let i = 0; i < M; i++) {
      const xi = rbm.kind === 'gaussian-bernoulli' ? x[i] / (rbm.sigma[i] * rbm.sigma[i]) : x[i];
      t += xi * w[i * N + j];
    }
    s += rbm.kind === 'spin' ? logTwoCosh(t) : softplusScalar(t);
  }
  return s;
}

/**
 * log of the unnormalized hidden marginal, log Σ_x e^{−E(x, h)} (an integral for Gaussian x), float64:
 * N-RBM-06 (bᵀh + Σ_i softplus(a_i + w_{i*}ᵀh)); spin: bᵀh + Σ_i log 2cosh(a_i + w_{i*}ᵀh);
 * N-GRBM-05 (bᵀh + Σ_i [½ log 2πσ_i² + (2 a_i u_i + u_i²)/(2σ_i²)], u_i = w_{i*}ᵀh; completing the square, errata E-16).
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, logUnnormalizedMarginalHidden } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(1, 1, { W: [[0]], a: [0], b: [0], sigma: [1] });
 * logUnnormalizedMarginalHidden(rbm, [0]); // ½ ln 2π = 0.9189...
 * ```
 */
export function logUnnormalizedMarginalHidden(rbm: RBM, h: ArrayLike<number>): number {
  return logMarginalHidden('logUnnormalizedMarginalHidden', rbm, h);
}

function logMarginalHidden(fn: string, rbm: RBM, h: ArrayLike<number>): number {
  checkRBM(fn, rbm);
  checkArrayLike(fn, 'h', h, rbm.nHidden);
  checkUnitValues(fn, 'h', h, rbm.kind === 'spin' ? 'spin' : 'bernoulli');
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  let s = 0;
  for (let j = 0; j < N; j++) s += rbm.b[j] * h[j];
  for (let i = 0; i < M; i++) {
    let u = 0;
    for (let j = 0; j < N; j++) u += w[i * N + j] * h[j];
    s += hiddenMarginalTerm(rbm, i, u);
  }
  return s;
}

/** Free energy of a hidden configuration, F(h) = −{@link logUnnormalizedMarginalHidden} (N-RBM-06).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, freeEnergyHidden } from 'boltzmann';
 * freeEnergyHidden(BernoulliRBM.create(1, 1, { W: [[0]], a: [0], b: [1] }), [1]); // −1 − ln 2
 * ```
 */
export function freeEnergyHidden(rbm: RBM, h: ArrayLike<number>): number {
  return -logMarginalHidden('freeEnergyHidden', rbm, h);
}

/** Visible unit i's factor of the hidden marginal, given u_i = w_{i*}ᵀh (without a_i). */
function hiddenMarginalTerm(rbm: RBM, i: number, u: number): number {
  if (rbm.kind === 'bernoulli') return softplusScalar(rbm.a[i] + u);
  if (rbm.kind === 'spin') return logTwoCosh(rbm.a[i] + u);
  const s2 = rbm.sigma[i] * rbm.sigma[i];
  // ∫ exp(−(x−a)²/2σ² + x u/σ²) dx = sqrt(2πσ²) exp((2 a u + u²)/(2σ²))   (N-GRBM-03/05)
  return 0.5 * (LN_2PI + Math.log(s2)) + (2 * rbm.a[i] * u + u * u) / (2 * s2);
}

// ---------------------------------------------------------------------------------------------
// Gray-code enumeration of one layer

type Layer = 'visible' | 'hidden';

/** The layer to enumerate: hidden for Gaussian-binary, else the smaller one (visible on ties). */
function enumeratedLayer(rbm: RBM): Layer {
  if (rbm.kind === 'gaussian-bernoulli') return 'hidden';
  return rbm.nVisible <= rbm.nHidden ? 'visible' : 'hidden';
}

function checkLayerSize(fn: string, rbm: RBM, layer: Layer, maxUnits: number): void {
  const n = layer === 'visible' ? rbm.nVisible : rbm.nHidden;
  if (n > maxUnits) {
    const why = rbm.kind === 'gaussian-bernoulli' ? 'the hidden layer (Gaussian visible units are integrated out)' : 'the smaller layer';
    throw new RangeError(`${fn}: enumerating ${why} needs 2^${n} terms, above the limit 2^${maxUnits} (options.maxUnits); the RBM is ${rbm.nVisible}x${rbm.nHidden}`);
  }
}

/**
 * Visits every configuration s of `layer` in Gray-code order. Before each visit `state` holds s
 * and `u` holds the other layer's inputs: for the visible layer u_j = b_j + Σ_i s_i w'_ij
 * (w' = w/σ² never occurs: Gaussian models enumerate the hidden layer); for the hidden layer
 * u_i = Σ_j w_ij s_j (+ a_i for binary/spin). `visit(index, logWeight)` gets the configuration
 * index and log of the unnormalized marginal of s.
 */
function enumerateLayer(rbm: RBM, layer: Layer, state: Float64Array, u: Float64Array, visit: (index: number, logWeight: number) => void): void {
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  const n = layer === 'visible' ? M : N;
  const m = layer === 'visible' ? N : M;
  const spin = rbm.kind === 'spin';
  const gb = rbm.kind === 'gaussian-bernoulli';
  const off = spin ? -1 : 0;
  const bias = layer === 'visible' ? rbm.a : rbm.b; // bias of the enumerated layer
  // wl[p * m + q]: weight between enumerated unit p and other-layer unit q (float64 copy)
  const wl = new Float64Array(n * m);
  const ob = new Float64Array(m); // other layer's bias inside u (none for Gaussian visible units)
  for (let p = 0; p < n; p++) for (let q = 0; q < m; q++) wl[p * m + q] = layer === 'visible' ? w[p * N + q] : w[q * N + p];
  for (let q = 0; q < m; q++) ob[q] = layer === 'visible' ? rbm.b[q] : gb ? 0 : rbm.a[q];
  const recompute = () => {
    for (let q = 0; q < m; q++) {
      let s = ob[q];
      for (let p = 0; p < n; p++) s += wl[p * m + q] * state[p];
      u[q] = s;
    }
  };
  state.fill(off);
  recompute();
  let index = 0;
  const total = 2 ** n; // n <= 30, so bit operations on t are exact
  for (let t = 0; t < total; t++) {
    if (t > 0) {
      // Gray code: flip the bit at the lowest set bit of t; bit position pos is unit n−1−pos
      const pos = 31 - Math.clz32(t & -t);
      const p = n - 1 - pos;
      const from = state[p], to = from === 1 ? off : 1;
      state[p] = to;
      index = from === 1 ? index - (1 << pos) : index + (1 << pos);
      if (t % RECOMPUTE_EVERY === 0) recompute();
      else {
        const d = to - from, row = p * m;
        for (let q = 0; q < m; q++) u[q] += d * wl[row + q];
      }
    }
    let lw = 0;
    for (let p = 0; p < n; p++) lw += bias[p] * state[p];
    if (gb) for (let q = 0; q < m; q++) lw += hiddenMarginalTerm(rbm, q, u[q]);
    else if (spin) for (let q = 0; q < m; q++) lw += logTwoCosh(u[q]);
    else for (let q = 0; q < m; q++) lw += softplusScalar(u[q]);
    visit(index, lw);
  }
}

/** Streaming log-sum-exp over chunks of CHUNK terms. */
class ChunkedLogSumExp {
  private n = 0;
  private acc = -Infinity;
  push(v: number): void {
    chunk[this.n++] = v;
    if (this.n === CHUNK) this.flush();
  }
  private flush(): void {
    let mx = -Infinity;
    for (let k = 0; k < this.n; k++) if (chunk[k] > mx) mx = chunk[k];
    if (mx !== -Infinity) {
      let s = 0;
      for (let k = 0; k < this.n; k++) s += Math.exp(chunk[k] - mx);
      const c = mx + Math.log(s);
      this.acc = this.acc === -Infinity ? c : Math.max(this.acc, c) + Math.log1p(Math.exp(-Math.abs(this.acc - c)));
    }
    this.n = 0;
  }
  result(): number {
    this.flush();
    return this.acc;
  }
}

// ---------------------------------------------------------------------------------------------
// Partition function and distributions

/**
 * log Z by exact enumeration (N-EBM-01, N-RBM-03, N-GRBM-03, N-SPIN-03), float64:
 * log Z = log Σ_s e^{−F(s)} over the smaller layer (binary/spin) with the other layer summed out
 * in closed form, or over the hidden layer for Gaussian-binary models where the visible integral is
 * Gaussian: Z = Σ_h e^{bᵀh} Π_i sqrt(2πσ_i²) exp((2 a_i u_i + u_i²)/(2σ_i²)), u_i = w_{i*}ᵀh.
 * Throws above 2^maxUnits terms (default 2^25).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, logPartitionExact } from 'boltzmann';
 * logPartitionExact(BernoulliRBM.create(3, 2, { W: [[0, 0], [0, 0], [0, 0]], a: [0, 0, 0], b: [0, 0] })); // 5 ln 2
 * ```
 */
export function logPartitionExact(rbm: RBM, options?: ExactOptions): number {
  const fn = 'logPartitionExact';
  checkRBM(fn, rbm);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  return logPartition64(rbm, layer);
}

function logPartition64(rbm: RBM, layer: Layer): number {
  const n = layer === 'visible' ? rbm.nVisible : rbm.nHidden;
  const m = layer === 'visible' ? rbm.nHidden : rbm.nVisible;
  const lse = new ChunkedLogSumExp();
  enumerateLayer(rbm, layer, new Float64Array(n), new Float64Array(m), (_i, lw) => lse.push(lw));
  return lse.result();
}

/**
 * The exact visible distribution p(x) of a binary or spin RBM, as an array of length 2^M indexed
 * by {@link indexOfConfiguration} (N-RBM-04, N-SPIN-03). M ≤ maxUnits (default 25).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleDistributionExact, Rng } from 'boltzmann';
 * const p = visibleDistributionExact(BernoulliRBM.create(3, 2, 'hinton', new Rng(1))); // 8 entries, sum 1
 * ```
 */
export function visibleDistributionExact(rbm: RBM, options?: ExactOptions): Float64Array {
  const fn = 'visibleDistributionExact';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: a gaussian-bernoulli RBM has a density over real x, not a table; use logUnnormalizedMarginalVisible and logPartitionExact`);
  const max = maxUnitsOf(fn, options);
  checkLayerSize(fn, rbm, 'visible', max);
  checkLayerSize(fn, rbm, enumeratedLayer(rbm), max);
  const logZ = logPartition64(rbm, enumeratedLayer(rbm));
  const p = new Float64Array(2 ** rbm.nVisible);
  enumerateLayer(rbm, 'visible', new Float64Array(rbm.nVisible), new Float64Array(rbm.nHidden), (i, lw) => { p[i] = Math.exp(lw - logZ); });
  return p;
}

/**
 * The exact hidden distribution p(h) (length 2^N, indexed like {@link configurationFromIndex}),
 * for all kinds (N-RBM-06, N-GRBM-05). N ≤ maxUnits.
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, hiddenDistributionExact, Rng } from 'boltzmann';
 * hiddenDistributionExact(GaussianBernoulliRBM.create(2, 3, 'hinton', new Rng(1))); // 8 entries, sum 1
 * ```
 */
export function hiddenDistributionExact(rbm: RBM, options?: ExactOptions): Float64Array {
  const fn = 'hiddenDistributionExact';
  checkRBM(fn, rbm);
  const max = maxUnitsOf(fn, options);
  checkLayerSize(fn, rbm, 'hidden', max);
  checkLayerSize(fn, rbm, enumeratedLayer(rbm), max);
  const logZ = logPartition64(rbm, enumeratedLayer(rbm));
  const p = new Float64Array(2 ** rbm.nHidden);
  enumerateLayer(rbm, 'hidden', new Float64Array(rbm.nHidden), new Float64Array(rbm.nVisible), (i, lw) => { p[i] = Math.exp(lw - logZ); });
  return p;
}

/** One row of {@link enumerateJoint}. */
export interface JointRow {
  /** Visible configuration (0/1 or ±1). */
  x: number[];
  /** Hidden configuration. */
  h: number[];
  /** log f(x, h) = −E(x, h): the tutorial's "score" (N-TOY-02). */
  logWeight: number;
  /** p(x, h) = e^{−E}/Z. */
  p: number;
  /** Names of the "on" units joined ("ACD"), or "None"; present when labels were given. */
  label?: string;
}

/** Options of {@link enumerateJoint}. */
export interface EnumerateJointOptions {
  /** One name per unit, visible units first then hidden (e.g. ['A','B','C','D','E']). */
  labels?: readonly string[];
  /** Largest nVisible + nHidden allowed. Default 20. */
  maxUnits?: number;
}

/**
 * The full joint table of a binary or spin RBM: all 2^{M+N} configurations (x major, h minor,
 * both in index order) with log f = −E (N-EBM-06), and p = e^{−E}/Z where Z comes from the closed-form
 * route of {@link logPartitionExact} (so Σ p = 1 is a real check). This is the toy's 32-scenario
 * table (N-EBM-02, N-TOY-02). Default limit M + N ≤ 20.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, enumerateJoint } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
 * const rows = enumerateJoint(rbm, { labels: ['A', 'B', 'C', 'D', 'E'] });
 * rows.find((r) => r.label === 'ACD')!.logWeight; // 8
 * ```
 */
export function enumerateJoint(rbm: RBM, options: EnumerateJointOptions = {}): JointRow[] {
  const fn = 'enumerateJoint';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: a gaussian-bernoulli RBM has continuous x; the joint cannot be tabulated`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['labels', 'maxUnits']);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  const max = options.maxUnits ?? 20;
  checkCount(fn, 'options.maxUnits', max);
  if (M + N > max) throw new RangeError(`${fn}: the joint of a ${M}x${N} RBM has 2^${M + N} rows, above the limit 2^${max} (options.maxUnits)`);
  const labels = options.labels;
  if (labels !== undefined) {
    checkArrayLike(fn, 'options.labels', labels, M + N);
  }
  const kind = rbm.kind;
  const logZ = logPartition64(rbm, enumeratedLayer(rbm));
  const rows: JointRow[] = [];
  const x = new Array<number>(M), h = new Array<number>(N);
  for (let xi = 0; xi < 2 ** M; xi++) {
    configurationFromIndex(x, xi, kind);
    for (let hi = 0; hi < 2 ** N; hi++) {
      configurationFromIndex(h, hi, kind);
      let lw = 0; // −E = aᵀx + bᵀh + xᵀWh (N-EBM-06)
      for (let j = 0; j < N; j++) lw += rbm.b[j] * h[j];
      for (let i = 0; i < M; i++) {
        let wh = 0;
        for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
        lw += x[i] * (rbm.a[i] + wh);
      }
      const row: JointRow = { x: x.slice(), h: h.slice(), logWeight: lw, p: Math.exp(lw - logZ) };
      if (labels !== undefined) {
        let s = '';
        for (let i = 0; i < M; i++) if (x[i] === 1) s += labels[i];
        for (let j = 0; j < N; j++) if (h[j] === 1) s += labels[M + j];
        row.label = s === '' ? 'None' : s;
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The model expectation E_p[f(x, h)] = Σ_{x,h} p(x, h) f(x, h) by full enumeration (binary/spin,
 * M + N ≤ 20): the negative phase of N-EBM-05 for any statistic f, e.g. f = x_i h_j. For the
 * parameter statistics all at once use {@link negativePhaseExact}, which is much faster.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, modelExpectationExact, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * modelExpectationExact(rbm, (x, h) => x[0] * h[1]); // ⟨x_0 h_1⟩_model ≈ 0.25
 * ```
 */
export function modelExpectationExact(rbm: RBM, f: (x: readonly number[], h: readonly number[]) => number): number {
  const fn = 'modelExpectationExact';
  checkRBM(fn, rbm);
  if (typeof f !== 'function') throw new TypeError(`${fn}: f must be a function (x, h) => number, got ${describe(f)}`);
  let s = 0;
  for (const r of enumerateJoint(rbm)) s += r.p * f(r.x, r.h);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Likelihood, gradients, KL

function checkData(fn: string, rbm: RBM, data: unknown): asserts data is AnyMatrix {
  checkAnyMatrix(fn, 'data', data);
  if (data.cols !== rbm.nVisible) throw new RangeError(`${fn}: data is ${shapeOf(data)} but the RBM has nVisible = ${rbm.nVisible}`);
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  if (rbm.kind === 'gaussian-bernoulli') {
    for (let k = 0; k < data.data.length; k++) {
      if (!Number.isFinite(data.data[k])) throw new RangeError(`${fn}: data[${Math.floor(k / data.cols)}, ${k % data.cols}] must be finite, got ${data.data[k]}`);
    }
  } else checkUnitValues(fn, 'data', data.data, rbm.kind, 0, data.data.length, data.cols);
}

/**
 * The exact log-likelihood of a data set (rows of `data`), the sum over samples (N-EBM-03 with the
 * corrected 1/Z^n, errata E-01): log p(X) = Σ_k −F(x_k) − n log Z. Data must be exact unit states
 * (0/1 or ±1); Gaussian-binary data may be any finite reals (a log density).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, logLikelihoodExact, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * logLikelihoodExact(rbm, matrix(2, 3, [1, 0, 1, 0, 1, 0])); // ≈ 2 ln(1/8)
 * ```
 */
export function logLikelihoodExact(rbm: RBM, data: AnyMatrix, options?: ExactOptions): number {
  return logLikelihood('logLikelihoodExact', rbm, data, options);
}

function logLikelihood(fn: string, rbm: RBM, data: AnyMatrix, options?: ExactOptions): number {
  checkRBM(fn, rbm);
  checkData(fn, rbm, data);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  const logZ = logPartition64(rbm, layer);
  const M = rbm.nVisible, x = data.data;
  let s = 0;
  for (let k = 0; k < data.rows; k++) s += logMarginalVisible64(rbm, x.subarray(k * M, (k + 1) * M));
  return s - data.rows * logZ;
}

/**
 * The cost C = −(1/n) Σ_k log p(x_k) = ⟨F(x)⟩_data + log Z (N-COST-01), exactly.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, negativeLogLikelihoodExact, matrix, Rng } from 'boltzmann';
 * negativeLogLikelihoodExact(BernoulliRBM.create(3, 2, 'hinton', new Rng(1)), matrix(1, 3, [1, 0, 1])); // ≈ ln 8
 * ```
 */
export function negativeLogLikelihoodExact(rbm: RBM, data: AnyMatrix, options?: ExactOptions): number {
  const fn = 'negativeLogLikelihoodExact';
  checkRBM(fn, rbm);
  checkData(fn, rbm, data);
  return -logLikelihood(fn, rbm, data, options) / data.rows;
}

/**
 * The data phase in float64 (N-RBM-10): the mean over the rows x_k of `data` of E[−∂E/∂θ | x_k],
 * with h summed out analytically (E[h_j | x] = σ(θ_j), or tanh θ_j for spin units):
 *
 * - bernoulli, spin: W: mean x_i E[h_j | x];  a: mean x_i;  b: mean E[h_j | x]
 * - gaussian-bernoulli (N-GRBM-08): W: mean x_i E[h_j | x]/σ_i²;  a: mean (x_i − a_i)/σ_i²;  b: mean E[h_j | x];
 *   sigma (if out.sigma exists): mean of ((x_i − a_i)² − 2 x_i Σ_j w_ij E[h_j | x]) / σ_i³ (derived)
 *
 * The reference for the float32 `phaseStatistics` (with H = E[h | X]). Data values are not
 * checked against the unit kind (grey levels give the mean-field value). Overwrites `out` and
 * returns it.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createPhaseStatistics, positivePhaseExact, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * positivePhaseExact(createPhaseStatistics(rbm), rbm, matrix(2, 3, [1, 0, 1, 0, 1, 0])).a; // [0.5, 0.5, 0.5]
 * ```
 */
export function positivePhaseExact(out: PhaseStatistics, rbm: RBM, data: AnyMatrix): PhaseStatistics {
  const fn = 'positivePhaseExact';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  checkAnyMatrix(fn, 'data', data);
  if (data.cols !== rbm.nVisible) throw new RangeError(`${fn}: data is ${shapeOf(data)} but the RBM has nVisible = ${rbm.nVisible}`);
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  positivePhase64(out, rbm, data);
  return out;
}

function positivePhase64(out: PhaseStatistics, rbm: RBM, data: AnyMatrix): void {
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data, n = data.rows, X = data.data;
  out.W.fill(0); out.a.fill(0); out.b.fill(0);
  if (out.sigma !== undefined) out.sigma.fill(0);
  const mean = new Float64Array(N);
  const gb = rbm.kind === 'gaussian-bernoulli';
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < N; j++) {
      let t = rbm.b[j];
      for (let i = 0; i < M; i++) t += (gb ? X[k * M + i] / (rbm.sigma[i] * rbm.sigma[i]) : X[k * M + i]) * w[i * N + j];
      mean[j] = rbm.kind === 'spin' ? Math.tanh(t) : sigmoidScalar(t);
      out.b[j] += mean[j] / n;
    }
    for (let i = 0; i < M; i++) {
      const xi = X[k * M + i];
      const s2 = gb ? rbm.sigma[i] * rbm.sigma[i] : 1;
      out.a[i] += (gb ? (xi - rbm.a[i]) / s2 : xi) / n;
      let cross = 0;
      for (let j = 0; j < N; j++) {
        out.W[i * N + j] += (xi * mean[j]) / s2 / n;
        cross += w[i * N + j] * mean[j];
      }
      if (gb && out.sigma !== undefined) {
        const d = xi - rbm.a[i], s3 = s2 * rbm.sigma[i];
        out.sigma[i] += ((d * d) / s3 - (2 * xi * cross) / s3) / n;
      }
    }
  }
}

/**
 * The exact negative phase (N-RBM-11, N-EBM-05): the model expectation of −∂E/∂θ, which equals
 * ∂ log Z/∂θ. Enumerates the smaller layer (the hidden one for Gaussian-binary models):
 *
 * - over x: ⟨x_i h_j⟩ = Σ_x p(x) x_i E[h_j | x], ⟨h_j⟩ = Σ_x p(x) E[h_j | x]
 * - over h: ⟨x_i h_j⟩ = Σ_h p(h) E[x_i | h] h_j, with E[x_i | h] = σ(·), tanh(·) or a_i + u_i (GB, then
 *   divided by σ_i²); GB a: Σ_h p(h) u_i/σ_i²; GB σ: Σ_h p(h)(σ_i² − u_i² − 2a_i u_i)/σ_i³ (derived,
 *   using E[(x_i − a_i)² | h] = u_i² + σ_i²).
 *
 * Overwrites `out` (float64 sums) and returns it.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createPhaseStatistics, negativePhaseExact, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * negativePhaseExact(createPhaseStatistics(rbm), rbm).a; // ≈ [0.5, 0.5, 0.5]
 * ```
 */
export function negativePhaseExact(out: PhaseStatistics, rbm: RBM, options?: ExactOptions): PhaseStatistics {
  const fn = 'negativePhaseExact';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  negativePhase64(out, rbm, layer);
  return out;
}

function negativePhase64(out: PhaseStatistics, rbm: RBM, layer: Layer): void {
  const M = rbm.nVisible, N = rbm.nHidden;
  const logZ = logPartition64(rbm, layer);
  const W = new Float64Array(M * N), a = new Float64Array(M), b = new Float64Array(N), sg = new Float64Array(M);
  const spin = rbm.kind === 'spin';
  if (layer === 'visible') {
    const x = new Float64Array(M), u = new Float64Array(N), m = new Float64Array(N);
    enumerateLayer(rbm, 'visible', x, u, (_idx, lw) => {
      const p = Math.exp(lw - logZ);
      for (let j = 0; j < N; j++) {
        m[j] = spin ? Math.tanh(u[j]) : sigmoidScalar(u[j]);
        b[j] += p * m[j];
      }
      for (let i = 0; i < M; i++) {
        if (x[i] === 0) continue;
        a[i] += p * x[i];
        for (let j = 0; j < N; j++) W[i * N + j] += p * x[i] * m[j];
      }
    });
  } else {
    const h = new Float64Array(N), u = new Float64Array(M);
    const gb = rbm.kind === 'gaussian-bernoulli';
    enumerateLayer(rbm, 'hidden', h, u, (_idx, lw) => {
      const p = Math.exp(lw - logZ);
      for (let j = 0; j < N; j++) b[j] += p * h[j];
      for (let i = 0; i < M; i++) {
        let ex: number; // E[x_i | h] (GB: divided by σ_i²) and the a-statistic
        if (gb) {
          const s2 = rbm.sigma[i] * rbm.sigma[i];
          ex = (rbm.a[i] + u[i]) / s2;
          a[i] += (p * u[i]) / s2;
          sg[i] += (p * (s2 - u[i] * u[i] - 2 * rbm.a[i] * u[i])) / (s2 * rbm.sigma[i]);
        } else {
          ex = spin ? Math.tanh(u[i]) : sigmoidScalar(u[i]);
          a[i] += p * ex;
        }
        for (let j = 0; j < N; j++) W[i * N + j] += p * ex * h[j];
      }
    });
  }
  out.W.set(W); out.a.set(a); out.b.set(b);
  if (out.sigma !== undefined) out.sigma.set(sg);
}

/**
 * The exact gradient of the summed log-likelihood (N-EBM-04 with the factor n the notes drop,
 * errata E-02): ∇ log p(X) = n (⟨−∂E/∂θ⟩_data − ⟨−∂E/∂θ⟩_model), float64. For binary units this is
 * n(⟨x_i h_j⟩_data − ⟨x_i h_j⟩_model) etc. (N-RBM-09, corrected sign of errata E-10); Gaussian-binary
 * models use N-GRBM-08, and fill out.sigma (∂/∂σ_i) when it is present. Overwrites out and returns it.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createPhaseStatistics, logLikelihoodGradientExact, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const g = logLikelihoodGradientExact(createPhaseStatistics(rbm), rbm, matrix(1, 3, [1, 0, 1]));
 * g.a; // ≈ [0.5, -0.5, 0.5]
 * ```
 */
export function logLikelihoodGradientExact(out: PhaseStatistics, rbm: RBM, data: AnyMatrix, options?: ExactOptions): PhaseStatistics {
  const fn = 'logLikelihoodGradientExact';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  checkData(fn, rbm, data);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  gradientMean(out, rbm, data, layer, data.rows);
  return out;
}

/**
 * The exact gradient of the cost C = −(1/n) log p(X) (N-COST-02): ⟨O⟩_data − ⟨O⟩_model with
 * O = ∂E/∂θ, i.e. −(positive − negative phase). Overwrites out and returns it.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, costGradientExact, createPhaseStatistics, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * costGradientExact(createPhaseStatistics(rbm), rbm, matrix(1, 3, [1, 0, 1])).a; // ≈ [-0.5, 0.5, -0.5]
 * ```
 */
export function costGradientExact(out: PhaseStatistics, rbm: RBM, data: AnyMatrix, options?: ExactOptions): PhaseStatistics {
  const fn = 'costGradientExact';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  checkData(fn, rbm, data);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  gradientMean(out, rbm, data, layer, -1);
  return out;
}

/** out = factor · (positive − negative). */
function gradientMean(out: PhaseStatistics, rbm: RBM, data: AnyMatrix, layer: Layer, factor: number): void {
  const neg: PhaseStatistics = {
    W: new Float64Array(out.W.length), a: new Float64Array(out.a.length), b: new Float64Array(out.b.length),
    sigma: out.sigma === undefined ? undefined : new Float64Array(out.sigma.length),
  };
  const pos: PhaseStatistics = {
    W: new Float64Array(out.W.length), a: new Float64Array(out.a.length), b: new Float64Array(out.b.length),
    sigma: out.sigma === undefined ? undefined : new Float64Array(out.sigma.length),
  };
  positivePhase64(pos, rbm, data);
  negativePhase64(neg, rbm, layer);
  for (let k = 0; k < out.W.length; k++) out.W[k] = factor * (pos.W[k] - neg.W[k]);
  for (let k = 0; k < out.a.length; k++) out.a[k] = factor * (pos.a[k] - neg.a[k]);
  for (let k = 0; k < out.b.length; k++) out.b[k] = factor * (pos.b[k] - neg.b[k]);
  if (out.sigma !== undefined) for (let k = 0; k < out.sigma.length; k++) out.sigma[k] = factor * (pos.sigma![k] - neg.sigma![k]);
}

/**
 * KL(f ‖ p) from the empirical distribution f of the data rows to the model's visible
 * distribution (N-COST-04), binary/spin only: Σ_x f(x) log(f(x)/p(x)) = −H(f) + C, where C is the
 * cost of {@link negativeLogLikelihoodExact}. 0 · log 0 = 0; never negative up to rounding.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, klFromEmpirical, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * klFromEmpirical(rbm, matrix(2, 3, [1, 0, 1, 0, 1, 0])); // ≈ ln 8 − ln 2 = 1.386
 * ```
 */
export function klFromEmpirical(rbm: RBM, data: AnyMatrix, options?: ExactOptions): number {
  const fn = 'klFromEmpirical';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: the empirical distribution of real-valued data has no density; KL needs a binary or spin RBM`);
  checkData(fn, rbm, data);
  const layer = enumeratedLayer(rbm);
  checkLayerSize(fn, rbm, layer, maxUnitsOf(fn, options));
  const logZ = logPartition64(rbm, layer);
  const counts = new Map<number, number>();
  const M = rbm.nVisible, n = data.rows, X = data.data;
  const first = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const idx = indexOfConfiguration(X.subarray(k * M, (k + 1) * M), rbm.kind);
    counts.set(idx, (counts.get(idx) ?? 0) + 1);
    if (!first.has(idx)) first.set(idx, k);
  }
  let kl = 0;
  for (const [idx, c] of counts) {
    const f = c / n;
    const k = first.get(idx)!;
    const logp = logMarginalVisible64(rbm, X.subarray(k * M, (k + 1) * M)) - logZ;
    kl += f * (Math.log(f) - logp);
  }
  return kl;
}

/**
 * The exact one-step visible kernel of block Gibbs sampling (N-GIBBS-02), binary/spin:
 * K(x' | x) = Σ_h p(x' | h) p(h | x), as a column-stochastic Matrix64 (column = from, row = to,
 * the library's Markov convention), states indexed by {@link indexOfConfiguration}.
 * Cost 2^{2M+N}·(M+N); limited to 2M + N ≤ 24.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleKernelExact, Rng } from 'boltzmann';
 * const K = visibleKernelExact(BernoulliRBM.create(3, 2, 'hinton', new Rng(1))); // 8x8
 * ```
 */
export function visibleKernelExact(rbm: RBM): Matrix64 {
  const fn = 'visibleKernelExact';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: needs binary or spin visible units`);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  if (2 * M + N > 24) throw new RangeError(`${fn}: a ${M}x${N} RBM needs 2^${2 * M + N} terms (limit 2^24: 2M + N <= 24)`);
  const S = 2 ** M, H = 2 ** N, spin = rbm.kind === 'spin';
  const K = matrix64(S, S);
  const x = new Float64Array(M), h = new Float64Array(N), x2 = new Float64Array(M);
  // p(unit = v | input t): binary σ(t) for v = 1, else 1 − σ(t) = σ(−t); spin σ(2 v t)
  const pUnit = (v: number, t: number) => (spin ? sigmoidScalar(2 * v * t) : v === 1 ? sigmoidScalar(t) : sigmoidScalar(-t));
  const kind = spin ? 'spin' : 'bernoulli';
  const ph = new Float64Array(H);
  for (let from = 0; from < S; from++) {
    configurationFromIndex(x, from, kind);
    for (let hi = 0; hi < H; hi++) {
      configurationFromIndex(h, hi, kind);
      let p = 1;
      for (let j = 0; j < N; j++) {
        let t = rbm.b[j];
        for (let i = 0; i < M; i++) t += x[i] * w[i * N + j];
        p *= pUnit(h[j], t);
      }
      ph[hi] = p;
    }
    for (let hi = 0; hi < H; hi++) {
      configurationFromIndex(h, hi, kind);
      for (let to = 0; to < S; to++) {
        configurationFromIndex(x2, to, kind);
        let p = ph[hi];
        for (let i = 0; i < M; i++) {
          let t = rbm.a[i];
          for (let j = 0; j < N; j++) t += w[i * N + j] * h[j];
          p *= pUnit(x2[i], t);
        }
        K.data[to * S + from] += p;
      }
    }
  }
  return K;
}
