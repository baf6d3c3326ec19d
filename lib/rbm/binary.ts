/**
 * Binary-binary (Bernoulli) RBM, and the batched functions shared by all three RBM kinds.
 *
 * Notes 000 "Binary-Binary RBM" / "Binary-binary (BB) RBMs":
 *
 *   N-RBM-02  E(x, h) = −Σ_i a_i x_i − Σ_j b_j h_j − Σ_ij x_i w_ij h_j,  x ∈ {0,1}^M, h ∈ {0,1}^N
 *
 * Design: the models are plain classes holding parameters (`BernoulliRBM` here, `SpinRBM` in
 * spin.ts, `GaussianBernoulliRBM` in gaussian.ts); every function below takes the model as an
 * argument and dispatches on `rbm.kind`, so one name (`hiddenProbabilities`, `gibbsStep`, ...)
 * serves all kinds and the equations for each kind sit side by side.
 *
 * Batches: rows of a `Matrix` are samples (X is n x M, H is n x N). Kernels write into `out`
 * (gl-matrix style) and return it; they use `gemm` for the products and keep their scratch at
 * module level, grown on demand, so a training loop with fixed shapes allocates nothing.
 * Sums over units (free energy, phase statistics) are accumulated in float64.
 */
import { type Rng } from '../random/index.js';
import { gemm, type GemmOptions } from '../linalg/gemm.js';
import { addRowVector } from '../linalg/blas.js';
import { sigmoid, tanh } from '../linalg/elementwise.js';
import { shapeOf, type Matrix } from '../linalg/matrix.js';
import type { SpinRBM } from './spin.js';
import type { GaussianBernoulliRBM } from './gaussian.js';
import { initParameters, type RBMInit } from './init.js';
import {
  checkArrayLike, checkMatrix32, checkNonNegativeInteger, checkParameters, checkUnitValues, describe,
} from './validate.js';

/**
 * A restricted Boltzmann machine with binary units x ∈ {0,1}^M, h ∈ {0,1}^N (N-RBM-01):
 * P(x, h) = e^{−E(x, h)} / Z with E from N-RBM-02. Parameters are named as in the notes:
 * `W` (M x N, w_ij = `W.data[i * nHidden + j]`), `a` (visible bias), `b` (hidden bias).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(6, 4, 'hinton', new Rng(7));
 * const X = matrix(2, 6, [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
 * hiddenProbabilities(zeros(2, 4), rbm, X); // p(h_j = 1 | x) per row, ≈ 0.5
 * ```
 */
export class BernoulliRBM {
  /** Discriminant used by the shared functions. */
  readonly kind = 'bernoulli' as const;
  /** M, the number of visible units. */
  readonly nVisible: number;
  /** N, the number of hidden units. */
  readonly nHidden: number;
  /** Weights, nVisible x nHidden: w_ij = W.data[i * nHidden + j]. */
  W: Matrix;
  /** Visible bias a (length nVisible). */
  a: Float32Array;
  /** Hidden bias b (length nHidden). */
  b: Float32Array;

  /**
   * Wraps existing parameters (not copied). Shapes are checked and values must be finite.
   *
   * @example
   * ```ts
   * import { BernoulliRBM, matrix } from 'boltzmann';
   * const rbm = new BernoulliRBM(matrix(3, 2), new Float32Array(3), new Float32Array(2));
   * ```
   */
  constructor(W: Matrix, a: Float32Array, b: Float32Array) {
    checkParameters('new BernoulliRBM', W, a, b);
    this.W = W;
    this.a = a;
    this.b = b;
    this.nVisible = W.rows;
    this.nHidden = W.cols;
  }

  /**
   * A new binary RBM. `init`: 'hinton' (default; w_ij ~ N(0, 0.01²), zero biases),
   * 'glorot-normal' (N-CDT-03, w_ij ~ N(0, 2/(M+N)), the tutorial's choice) or explicit
   * `{ W, a, b }` (copied; shapes checked). `rng` is required for the random schemes.
   *
   * @example
   * ```ts
   * import { BernoulliRBM, Rng } from 'boltzmann';
   * const rbm = BernoulliRBM.create(784, 256, 'glorot-normal', new Rng(42));
   * const toy = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
   * ```
   */
  static create(nVisible: number, nHidden: number, init?: RBMInit, rng?: Rng): BernoulliRBM {
    const p = initParameters('BernoulliRBM.create', nVisible, nHidden, init, rng);
    if (p.sigma !== null) throw new RangeError('BernoulliRBM.create: init.sigma is only for GaussianBernoulliRBM');
    return new BernoulliRBM(p.W, p.a, p.b);
  }
}

/** Any of the three RBM kinds. Functions taking an `RBM` dispatch on `rbm.kind`. */
export type RBM = BernoulliRBM | SpinRBM | GaussianBernoulliRBM;

/** The `kind` discriminant: 'bernoulli' | 'spin' | 'gaussian-bernoulli'. */
export type RBMKind = RBM['kind'];

/**
 * Throws unless `rbm` is one of the RBM kinds with consistent shapes (O(1); values are checked
 * when the model is built).
 *
 * @example
 * ```ts
 * import { checkRBM } from 'boltzmann';
 * checkRBM('myFunction', {}); // TypeError: myFunction: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got Object
 * ```
 */
export function checkRBM(fn: string, rbm: unknown): asserts rbm is RBM {
  const r = rbm as RBM;
  if (r === null || typeof r !== 'object' || (r.kind !== 'bernoulli' && r.kind !== 'spin' && r.kind !== 'gaussian-bernoulli')) {
    throw new TypeError(`${fn}: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got ${describe(rbm)}`);
  }
  const W = r.W;
  if (W === null || typeof W !== 'object' || !(W.data instanceof Float32Array) || W.rows !== r.nVisible || W.cols !== r.nHidden
    || W.data.length !== r.nVisible * r.nHidden || !(r.a instanceof Float32Array) || r.a.length !== r.nVisible
    || !(r.b instanceof Float32Array) || r.b.length !== r.nHidden
    || (r.kind === 'gaussian-bernoulli' && (!(r.sigma instanceof Float32Array) || r.sigma.length !== r.nVisible))) {
    throw new RangeError(`${fn}: the ${r.kind} RBM's parameters are inconsistent with nVisible = ${r.nVisible}, nHidden = ${r.nHidden}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Module-level scratch (grown on demand). Each slot caches the views of its two most recent
// shapes, so a training loop that alternates a full and a shorter last minibatch re-uses both
// views and allocates nothing per minibatch; a view is re-made only for a third shape or when
// the buffer grows. Every user writes its scratch fully before reading it.

const TRANS_A: GemmOptions = { transA: true };
const TRANS_B: GemmOptions = { transB: true };
const SLOT_W_SCALED = 0, SLOT_NOISE = 1, SLOT_FREE = 2, SLOT_PHASE_H = 3, SLOT_PHASE_W = 4, SLOT_GIBBS_H = 5;
const scratchBuffers: Float32Array[] = [];
const scratchViews: (Matrix | undefined)[] = []; // most recent shape per slot
const scratchViewsPrevious: (Matrix | undefined)[] = []; // the shape before it

function scratch(slot: number, rows: number, cols: number): Matrix {
  const view = scratchViews[slot];
  if (view !== undefined && view.rows === rows && view.cols === cols) return view;
  const previous = scratchViewsPrevious[slot];
  if (previous !== undefined && previous.rows === rows && previous.cols === cols) {
    scratchViewsPrevious[slot] = view;
    scratchViews[slot] = previous;
    return previous;
  }
  const need = rows * cols;
  let buf = scratchBuffers[slot];
  if (buf === undefined || buf.length < need) {
    buf = new Float32Array(Math.max(need, buf === undefined ? 0 : 2 * buf.length));
    scratchBuffers[slot] = buf;
    scratchViewsPrevious[slot] = undefined; // views of the old buffer are dropped
  } else {
    scratchViewsPrevious[slot] = view;
  }
  const m: Matrix = { rows, cols, data: buf.subarray(0, need) };
  scratchViews[slot] = m;
  return m;
}

function checkVisibleBatch(fn: string, what: string, rbm: RBM, X: unknown): asserts X is Matrix {
  checkMatrix32(fn, what, X);
  if (X.cols !== rbm.nVisible) throw new RangeError(`${fn}: ${what} is ${shapeOf(X)} but the RBM has nVisible = ${rbm.nVisible}`);
}

function checkHiddenBatch(fn: string, what: string, rbm: RBM, H: unknown): asserts H is Matrix {
  checkMatrix32(fn, what, H);
  if (H.cols !== rbm.nHidden) throw new RangeError(`${fn}: ${what} is ${shapeOf(H)} but the RBM has nHidden = ${rbm.nHidden}`);
}

function checkOut(fn: string, out: unknown, rows: number, cols: number, what: string): asserts out is Matrix {
  checkMatrix32(fn, 'out', out);
  if (out.rows !== rows || out.cols !== cols) {
    throw new RangeError(`${fn}: out is ${shapeOf(out)} but must be ${rows}x${cols} (${what})`);
  }
}

function overlaps(x: Float32Array, y: Float32Array): boolean {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

function checkProbabilityMatrix(fn: string, P: Matrix): void {
  const p = P.data;
  for (let k = 0; k < p.length; k++) {
    if (!(p[k] >= 0 && p[k] <= 1)) {
      throw new RangeError(`${fn}: P[${Math.floor(k / P.cols)}, ${k % P.cols}] must be a probability in [0, 1], got ${p[k]}`);
    }
  }
}

function checkRng(fn: string, rng: unknown): asserts rng is Rng {
  const r = rng as Rng;
  if (r === null || typeof r !== 'object' || typeof r.fillBernoulli !== 'function' || typeof r.fillNormal !== 'function') {
    throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  }
}

/** The weights seen by the hidden units: W for binary/spin, w_ij/σ_i² for Gaussian-binary (N-GRBM-06). */
function hiddenWeights(rbm: RBM): Matrix {
  if (rbm.kind !== 'gaussian-bernoulli') return rbm.W;
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data, s = rbm.sigma;
  const out = scratch(SLOT_W_SCALED, M, N), o = out.data;
  for (let i = 0; i < M; i++) {
    const inv = 1 / (s[i] * s[i]);
    for (let j = 0; j < N; j++) o[i * N + j] = w[i * N + j] * inv;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Energies

/**
 * The energy of one configuration (x, h), in float64 (parameters are read exactly from float32):
 *
 * - bernoulli (N-RBM-02) and spin (N-SPIN-01): E = −aᵀx − bᵀh − xᵀWh
 * - gaussian-bernoulli (N-GRBM-01, corrected form of errata E-12):
 *   E = Σ_i (x_i − a_i)²/(2σ_i²) − bᵀh − Σ_ij x_i w_ij h_j/σ_i²
 *
 * Unit values are checked: 0/1 for binary units, ±1 for spin units; Gaussian x must be finite.
 * `logWeight = −energy` is the score of the tutorial (N-TOY-02).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, energy } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
 * energy(rbm, [1, 0, 1], [1, 0]); // -8 (the toy's ACD scenario scores 8)
 * ```
 */
export function energy(rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>): number {
  const fn = 'energy';
  checkRBM(fn, rbm);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  checkArrayLike(fn, 'x', x, M);
  checkArrayLike(fn, 'h', h, N);
  if (rbm.kind === 'spin') {
    checkUnitValues(fn, 'x', x, 'spin');
    checkUnitValues(fn, 'h', h, 'spin');
  } else {
    if (rbm.kind === 'bernoulli') checkUnitValues(fn, 'x', x, 'bernoulli');
    else for (let i = 0; i < M; i++) if (!Number.isFinite(x[i])) throw new RangeError(`${fn}: x[${i}] must be finite, got ${x[i]}`);
    checkUnitValues(fn, 'h', h, 'bernoulli');
  }
  let e = 0;
  for (let j = 0; j < N; j++) e -= rbm.b[j] * h[j]; // −bᵀh
  if (rbm.kind === 'gaussian-bernoulli') {
    for (let i = 0; i < M; i++) {
      const s2 = rbm.sigma[i] * rbm.sigma[i];
      const d = x[i] - rbm.a[i];
      let wh = 0;
      for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
      e += (d * d) / (2 * s2) - (x[i] * wh) / s2; // (x_i − a_i)²/2σ_i² − x_i w_{i*}ᵀh/σ_i²
    }
    return e;
  }
  for (let i = 0; i < M; i++) {
    let wh = 0;
    for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
    e -= x[i] * (rbm.a[i] + wh); // −a_i x_i − x_i w_{i*}ᵀh
  }
  return e;
}

/**
 * The unnormalized log joint, log f(x, h) = −E(x, h): the log of the product of factors of
 *   N-RBM-03   p(x, h) = e^{−E(x,h)} / Z            (binary and spin units), and
 *   N-GRBM-02  p_GB(x, h) = (1/Z) Π_i e^{−(x_i−a_i)²/2σ_i²} Π_j e^{b_j h_j} Π_ij e^{x_i w_ij h_j/σ_i²}
 * (the notes, 000 "Joint Probability Density Function", put the whole exponent under one Π_ij,
 * which repeats the single-index terms; the products are split as above — errata E-13).
 * Subtract `logPartitionExact(rbm)` for the normalized log density.
 *
 * @example
 * const rbm = GaussianBernoulliRBM.create(2, 1, { W: [[1], [0]], a: [0, 0], b: [0] });
 * logJointUnnormalized(rbm, [1, 0], [1]); // −E = 1 − ½ = 0.5
 */
export function logJointUnnormalized(rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>): number {
  return -energy(rbm, x, h);
}

/**
 * Adds `scale` times the energy's parameter derivatives at one configuration (x, h) to `out`
 * (float64 accumulation into the arrays of a {@link PhaseStatistics}):
 *
 * - N-EBM-07 (bernoulli, spin): ∂E/∂w_ij = −x_i h_j, ∂E/∂a_i = −x_i, ∂E/∂b_j = −h_j
 * - N-GRBM-08 (gaussian-bernoulli, derived): ∂E/∂w_ij = −x_i h_j/σ_i², ∂E/∂a_i = −(x_i − a_i)/σ_i²,
 *   ∂E/∂b_j = −h_j, and (if out.sigma exists) ∂E/∂σ_i = −(x_i − a_i)²/σ_i³ + 2 x_i w_{i*}ᵀh/σ_i³.
 *
 * With scale = −1 this accumulates the statistics −∂E/∂θ that {@link positivePhase} averages.
 * Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, accumulateEnergyGradient, createPhaseStatistics } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[0], [0]], a: [0, 0], b: [0] });
 * accumulateEnergyGradient(createPhaseStatistics(rbm), rbm, [1, 0], [1], 1).W; // [-1, 0]
 * ```
 */
export function accumulateEnergyGradient(out: PhaseStatistics, rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>, scale: number): PhaseStatistics {
  const fn = 'accumulateEnergyGradient';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  checkArrayLike(fn, 'x', x, M);
  checkArrayLike(fn, 'h', h, N);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new RangeError(`${fn}: scale must be a finite number, got ${describe(scale)}`);
  for (let j = 0; j < N; j++) out.b[j] -= scale * h[j];
  for (let i = 0; i < M; i++) {
    const s2 = rbm.kind === 'gaussian-bernoulli' ? rbm.sigma[i] * rbm.sigma[i] : 1;
    const xi = x[i] / s2;
    for (let j = 0; j < N; j++) out.W[i * N + j] -= scale * xi * h[j];
    out.a[i] -= scale * (rbm.kind === 'gaussian-bernoulli' ? (x[i] - rbm.a[i]) / s2 : x[i]);
    if (rbm.kind === 'gaussian-bernoulli' && out.sigma !== undefined) {
      const s3 = s2 * rbm.sigma[i];
      let wh = 0;
      for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
      const d = x[i] - rbm.a[i];
      out.sigma[i] += scale * (-(d * d) / s3 + (2 * x[i] * wh) / s3);
    }
  }
  return out;
}

/**
 * Free energies of a batch, F(x) = −log Σ_h e^{−E(x, h)}, one per row of X, with the stable
 * softplus (sums in float64; θ = b + xᵀW' comes from a float32 gemm, so expect float32
 * relative accuracy in θ):
 *
 * - N-RBM-05 (bernoulli): F(x) = −aᵀx − Σ_j softplus(θ_j), θ_j = b_j + xᵀw_{*j}
 * - N-SPIN-03 (spin): F(x) = −aᵀx − Σ_j log(2 cosh θ_j), log 2cosh t = |t| + log(1 + e^{−2|t|})
 * - N-GRBM-04 (gaussian-bernoulli): F(x) = Σ_i (x_i − a_i)²/(2σ_i²) − Σ_j softplus(b_j + Σ_i x_i w_ij/σ_i²)
 *
 * `out` has length X.rows. Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, freeEnergy, matrix } from 'boltzmann';
 * const rbm = BernoulliRBM.create(1, 1, { W: [[0]], a: [1], b: [0] });
 * freeEnergy(new Float64Array(1), rbm, matrix(1, 1, [1])); // [-1 - ln 2] = [-1.6931...]
 * ```
 */
export function freeEnergy<T extends Float64Array | Float32Array>(out: T, rbm: RBM, X: Matrix): T {
  const fn = 'freeEnergy';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  if (!(out instanceof Float64Array || out instanceof Float32Array)) throw new TypeError(`${fn}: out must be a Float64Array or Float32Array, got ${describe(out)}`);
  if (out.length !== X.rows) throw new RangeError(`${fn}: out has length ${out.length} but X has ${X.rows} rows (one free energy per row)`);
  const n = X.rows, M = rbm.nVisible, N = rbm.nHidden;
  if (n === 0) return out;
  const theta = scratch(SLOT_FREE, n, N);
  gemm(theta, X, hiddenWeights(rbm));
  const t = theta.data, x = X.data, a = rbm.a, b = rbm.b;
  for (let k = 0; k < n; k++) {
    let f = 0;
    if (rbm.kind === 'gaussian-bernoulli') {
      const s = rbm.sigma;
      for (let i = 0; i < M; i++) {
        const d = x[k * M + i] - a[i];
        f += (d * d) / (2 * s[i] * s[i]);
      }
    } else {
      for (let i = 0; i < M; i++) f -= a[i] * x[k * M + i];
    }
    if (rbm.kind === 'spin') {
      for (let j = 0; j < N; j++) {
        const u = Math.abs(t[k * N + j] + b[j]);
        f -= u + Math.log1p(Math.exp(-2 * u)); // log 2cosh θ
      }
    } else {
      for (let j = 0; j < N; j++) {
        const z = t[k * N + j] + b[j];
        f -= Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); // softplus(θ)
      }
    }
    out[k] = f;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conditionals

/**
 * Hidden inputs (pre-activations) θ = X W' + b of a batch, n x N: W' = W for binary and spin
 * units, w_ij/σ_i² for Gaussian-binary (N-GRBM-06). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenInput, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [2]], a: [0, 0], b: [0.5] });
 * hiddenInput(zeros(1, 1), rbm, matrix(1, 2, [1, 1])).data; // [3.5]
 * ```
 */
export function hiddenInput(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  return hiddenInputChecked('hiddenInput', out, rbm, X);
}

function hiddenInputChecked(fn: string, out: Matrix, rbm: RBM, X: Matrix): Matrix {
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  checkOut(fn, out, X.rows, rbm.nHidden, 'X.rows x nHidden');
  if (X.rows === 0) return out;
  gemm(out, X, hiddenWeights(rbm));
  return addRowVector(out, out, rbm.b);
}

/**
 * p(h_j = 1 | x) for every row of X (n x N out), one gemm and a sigmoid:
 *
 * - N-RBM-07 (bernoulli): σ(b_j + xᵀw_{*j})
 * - N-GRBM-06 (gaussian-bernoulli): σ(b_j + Σ_i x_i w_ij/σ_i²)
 * - N-SPIN-02 (spin): p(h_j = +1 | x) = e^θ/(e^θ + e^{−θ}) = σ(2θ_j) (see {@link hiddenMeans} for tanh θ_j)
 *
 * Visible values need not be exact unit states (grey levels in [0, 1] are used as is). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenProbabilities, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [1]], a: [0, 0], b: [-1] });
 * hiddenProbabilities(zeros(1, 1), rbm, matrix(1, 2, [1, 0])).data; // [0.5]
 * ```
 */
export function hiddenProbabilities(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  hiddenInputChecked('hiddenProbabilities', out, rbm, X);
  const o = out.data;
  if (rbm.kind === 'spin') for (let k = 0; k < o.length; k++) o[k] *= 2; // σ(2θ)
  sigmoid(o, o);
  return out;
}

/**
 * E[h_j | x] for every row of X: the on-probability σ(θ_j) for 0/1 hidden units (bernoulli,
 * gaussian-bernoulli), tanh θ_j for spin units (N-SPIN-02). These are the hidden statistics of
 * the positive phase (N-RBM-10). Returns out.
 *
 * @example
 * ```ts
 * import { SpinRBM, hiddenMeans, matrix, zeros } from 'boltzmann';
 * const rbm = SpinRBM.create(1, 1, { W: [[0.5]], a: [0], b: [0] });
 * hiddenMeans(zeros(1, 1), rbm, matrix(1, 1, [1])).data; // [tanh 0.5] = [0.4621...]
 * ```
 */
export function hiddenMeans(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  hiddenInputChecked('hiddenMeans', out, rbm, X);
  if (rbm.kind === 'spin') tanh(out.data, out.data);
  else sigmoid(out.data, out.data);
  return out;
}

/**
 * Visible inputs a + H Wᵀ of a batch (n x M): a_i + w_{i*}ᵀh for every row h of H. For the
 * Gaussian-binary RBM this is the conditional mean (N-GRBM-07). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleInput, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [2]], a: [0, 1], b: [0] });
 * visibleInput(zeros(1, 2), rbm, matrix(1, 1, [1])).data; // [1, 3]
 * ```
 */
export function visibleInput(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  return visibleInputChecked('visibleInput', out, rbm, H);
}

function visibleInputChecked(fn: string, out: Matrix, rbm: RBM, H: Matrix): Matrix {
  checkRBM(fn, rbm);
  checkHiddenBatch(fn, 'H', rbm, H);
  checkOut(fn, out, H.rows, rbm.nVisible, 'H.rows x nVisible');
  if (H.rows === 0) return out;
  gemm(out, H, rbm.W, TRANS_B);
  return addRowVector(out, out, rbm.a);
}

/**
 * p(x_i = 1 | h) for every row of H (n x M out), for binary and spin visible units:
 *
 * - N-RBM-08 (bernoulli): σ(a_i + w_{i*}ᵀh)
 * - N-SPIN-02 (spin): p(x_i = +1 | h) = σ(2(a_i + w_{i*}ᵀh))
 *
 * A Gaussian-binary RBM has real visible units: use {@link visibleMean} (this throws). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleProbabilities, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [-1]], a: [0, 1], b: [0] });
 * visibleProbabilities(zeros(1, 2), rbm, matrix(1, 1, [1])).data; // [σ(1), σ(0)] = [0.731, 0.5]
 * ```
 */
export function visibleProbabilities(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  const fn = 'visibleProbabilities';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') {
    throw new TypeError(`${fn}: a gaussian-bernoulli RBM has real visible units; use visibleMean (x_i | h ~ N(a_i + w_i*ᵀh, σ_i²))`);
  }
  visibleInputChecked(fn, out, rbm, H);
  const o = out.data;
  if (rbm.kind === 'spin') for (let k = 0; k < o.length; k++) o[k] *= 2;
  sigmoid(o, o);
  return out;
}

/**
 * E[x_i | h] for every row of H (n x M out):
 *
 * - gaussian-bernoulli (N-GRBM-07, corrected: the notes print the mean b_i + w_{i*}ᵀh and a cross
 *   term over 2σ_i², errata E-14/E-15): x_i | h ~ N(a_i + w_{i*}ᵀh, σ_i²), mean a_i + w_{i*}ᵀh
 *   (σ enters the variance only, because the energy's cross term is x_i w_ij h_j/σ_i²)
 * - bernoulli: σ(a_i + w_{i*}ᵀh) (= {@link visibleProbabilities}); spin: tanh(a_i + w_{i*}ᵀh)
 *
 * Returns out.
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, visibleMean, matrix, zeros } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(1, 2, { W: [[1, 2]], a: [0.5], b: [0, 0], sigma: [3] });
 * visibleMean(zeros(1, 1), rbm, matrix(1, 2, [1, 1])).data; // [3.5]
 * ```
 */
export function visibleMean(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  visibleInputChecked('visibleMean', out, rbm, H);
  if (rbm.kind === 'bernoulli') sigmoid(out.data, out.data);
  else if (rbm.kind === 'spin') tanh(out.data, out.data);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Samplers

/** out_k = 1[u_k < p_k] (N-GIBBS-03 via rng.fillBernoulli), mapped to ±1 for spin units. */
function sampleUnits(out: Float32Array, probs: Float32Array, spin: boolean, rng: Rng): void {
  rng.fillBernoulli(out, probs);
  if (spin) for (let k = 0; k < out.length; k++) out[k] = 2 * out[k] - 1;
}

/**
 * Draws hidden states from given on-probabilities P (n x N, e.g. from {@link hiddenProbabilities}):
 * h = 1[u < p] (N-GIBBS-03), or ±1 for spin units (P holds p(h = +1)). `out === P` is allowed.
 * Lets a training loop keep the probabilities and the samples of one step. Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleHiddenFromProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 2, 'hinton', new Rng(1));
 * sampleHiddenFromProbabilities(zeros(1, 2), rbm, matrix(1, 2, [0, 1]), new Rng(2)).data; // [0, 1]
 * ```
 */
export function sampleHiddenFromProbabilities(out: Matrix, rbm: RBM, P: Matrix, rng: Rng): Matrix {
  const fn = 'sampleHiddenFromProbabilities';
  checkRBM(fn, rbm);
  checkHiddenBatch(fn, 'P', rbm, P);
  checkOut(fn, out, P.rows, rbm.nHidden, 'P.rows x nHidden');
  checkRng(fn, rng);
  checkProbabilityMatrix(fn, P);
  sampleUnits(out.data, P.data, rbm.kind === 'spin', rng);
  return out;
}

/**
 * Draws visible states from the output of {@link visibleProbabilities} (binary: x = 1[u < p];
 * spin: ±1 with p = p(x = +1)) or, for a Gaussian-binary RBM, from the output of
 * {@link visibleMean}: x_i = μ_i + σ_i ε, ε ~ N(0, 1) (N-GRBM-07). `out === P` is allowed. Returns out.
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, sampleVisibleFromProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(2, 1, 'hinton', new Rng(1));
 * sampleVisibleFromProbabilities(zeros(1, 2), rbm, matrix(1, 2, [5, -5]), new Rng(2)); // ≈ [5, -5] ± 1
 * ```
 */
export function sampleVisibleFromProbabilities(out: Matrix, rbm: RBM, P: Matrix, rng: Rng): Matrix {
  const fn = 'sampleVisibleFromProbabilities';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'P', rbm, P);
  checkOut(fn, out, P.rows, rbm.nVisible, 'P.rows x nVisible');
  checkRng(fn, rng);
  if (rbm.kind === 'gaussian-bernoulli') addGaussianNoise(out, P, rbm, rng);
  else {
    checkProbabilityMatrix(fn, P);
    sampleUnits(out.data, P.data, rbm.kind === 'spin', rng);
  }
  return out;
}

/** out = mean + σ_i ε (N-GRBM-07), ε from one fillNormal into scratch. */
function addGaussianNoise(out: Matrix, mean: Matrix, rbm: GaussianBernoulliRBM, rng: Rng): void {
  const n = mean.rows, M = rbm.nVisible;
  const noise = scratch(SLOT_NOISE, n, M).data;
  rng.fillNormal(noise);
  const o = out.data, mu = mean.data, s = rbm.sigma;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < M; i++) o[k * M + i] = mu[k * M + i] + s[i] * noise[k * M + i];
  }
}

/**
 * h ~ p(h | x) for every row of X (N-RBM-07, N-GRBM-06, N-SPIN-02): on-probabilities, then
 * h_j = 1[u < p_j] (±1 for spin units). Returns out (n x N).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleHiddenGivenVisible, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * sampleHiddenGivenVisible(zeros(1, 2), rbm, matrix(1, 3, [1, 0, 1]), new Rng(2)); // 0/1 entries
 * ```
 */
export function sampleHiddenGivenVisible(out: Matrix, rbm: RBM, X: Matrix, rng: Rng): Matrix {
  const fn = 'sampleHiddenGivenVisible';
  checkRng(fn, rng);
  hiddenInputChecked(fn, out, rbm, X);
  const o = out.data;
  if (rbm.kind === 'spin') for (let k = 0; k < o.length; k++) o[k] *= 2;
  sigmoid(o, o);
  sampleUnits(o, o, rbm.kind === 'spin', rng);
  return out;
}

/**
 * x ~ p(x | h) for every row of H: Bernoulli(σ(a_i + w_{i*}ᵀh)) (N-RBM-08), ±1 spins
 * (N-SPIN-02), or N(a_i + w_{i*}ᵀh, σ_i²) for Gaussian visible units (N-GRBM-07). Returns out (n x M).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleVisibleGivenHidden, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * sampleVisibleGivenHidden(zeros(1, 3), rbm, matrix(1, 2, [1, 0]), new Rng(2)); // 0/1 entries
 * ```
 */
export function sampleVisibleGivenHidden(out: Matrix, rbm: RBM, H: Matrix, rng: Rng): Matrix {
  const fn = 'sampleVisibleGivenHidden';
  checkRng(fn, rng);
  visibleInputChecked(fn, out, rbm, H);
  if (rbm.kind === 'gaussian-bernoulli') {
    addGaussianNoise(out, out, rbm, rng);
    return out;
  }
  const o = out.data;
  if (rbm.kind === 'spin') for (let k = 0; k < o.length; k++) o[k] *= 2;
  sigmoid(o, o);
  sampleUnits(o, o, rbm.kind === 'spin', rng);
  return out;
}

/**
 * One block-Gibbs step for every row (an independent chain per row), N-GIBBS-02:
 * h ~ p(h | x) into outH, then x' ~ p(x | h) into outX. Both layers are drawn at once because
 * both conditionals factorize over units (N-RBM-07/08). `outX === X` is allowed. Returns outX.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, gibbsStep, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const x = matrix(1, 3, [1, 0, 1]);
 * gibbsStep(x, zeros(1, 2), rbm, x, new Rng(2)); // x now holds the next state
 * ```
 */
export function gibbsStep(outX: Matrix, outH: Matrix, rbm: RBM, X: Matrix, rng: Rng): Matrix {
  const fn = 'gibbsStep';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  checkMatrix32(fn, 'outX', outX);
  checkMatrix32(fn, 'outH', outH);
  if (outX.rows !== X.rows || outX.cols !== rbm.nVisible) {
    throw new RangeError(`${fn}: outX is ${shapeOf(outX)} but must be ${X.rows}x${rbm.nVisible} (X.rows x nVisible)`);
  }
  if (outH.rows !== X.rows || outH.cols !== rbm.nHidden) {
    throw new RangeError(`${fn}: outH is ${shapeOf(outH)} but must be ${X.rows}x${rbm.nHidden} (X.rows x nHidden)`);
  }
  if (overlaps(outH.data, outX.data) || overlaps(outH.data, X.data)) {
    throw new RangeError(`${fn}: outH must not share memory with outX or X`);
  }
  sampleHiddenGivenVisible(outH, rbm, X, rng);
  return sampleVisibleGivenHidden(outX, rbm, outH, rng);
}

/**
 * k block-Gibbs steps (N-GIBBS-02) from X0, one chain per row: x^{(t+1)} ~ p(x | h^{(t)}),
 * h^{(t)} ~ p(h | x^{(t)}). Writes x^{(k)} into outX (`outX === X0` allowed; k = 0 copies).
 * Hidden states go to module scratch. This is the chain CD-k runs from the data (N-CD-01).
 * Returns outX.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, blockGibbs, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const x = matrix(4, 3);
 * blockGibbs(x, rbm, x, 100, new Rng(2)); // four chains, 100 steps each
 * ```
 */
export function blockGibbs(outX: Matrix, rbm: RBM, X0: Matrix, k: number, rng: Rng): Matrix {
  const fn = 'blockGibbs';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X0', rbm, X0);
  checkOut(fn, outX, X0.rows, rbm.nVisible, 'X0.rows x nVisible');
  checkNonNegativeInteger(fn, 'k', k);
  checkRng(fn, rng);
  if (outX.data !== X0.data) outX.data.set(X0.data);
  if (X0.rows === 0) return outX;
  const H = scratch(SLOT_GIBBS_H, X0.rows, rbm.nHidden);
  for (let t = 0; t < k; t++) {
    sampleHiddenGivenVisible(H, rbm, outX, rng);
    sampleVisibleGivenHidden(outX, rbm, H, rng);
  }
  return outX;
}

// ---------------------------------------------------------------------------------------------
// Phase statistics

/**
 * Averages of −∂E/∂θ over a batch, one array per parameter (same layout as the model):
 * `W` (M·N, w_ij at i·N + j), `a` (M), `b` (N), and `sigma` (M) for Gaussian-binary models.
 * With these, the gradient of the mean log-likelihood is positive phase − negative phase for
 * every parameter (N-COST-02, N-RBM-09 with the corrected sign of errata E-10).
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

/**
 * Throws unless `s` holds arrays shaped for `rbm`.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, checkPhaseStatistics, createPhaseStatistics, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * checkPhaseStatistics('train', createPhaseStatistics(rbm), rbm); // ok
 * ```
 */
export function checkPhaseStatistics(fn: string, s: unknown, rbm: RBM): asserts s is PhaseStatistics {
  const st = s as PhaseStatistics;
  if (st === null || typeof st !== 'object') throw new TypeError(`${fn}: out must be a PhaseStatistics { W, a, b }, got ${describe(s)}`);
  const want: [string, unknown, number][] = [['W', st.W, rbm.nVisible * rbm.nHidden], ['a', st.a, rbm.nVisible], ['b', st.b, rbm.nHidden]];
  if (st.sigma !== undefined) want.push(['sigma', st.sigma, rbm.nVisible]);
  for (const [name, arr, len] of want) {
    if (!(arr instanceof Float64Array || arr instanceof Float32Array)) throw new TypeError(`${fn}: out.${name} must be a Float64Array or Float32Array, got ${describe(arr)}`);
    if (arr.length !== len) throw new RangeError(`${fn}: out.${name} has length ${arr.length} but the ${rbm.nVisible}x${rbm.nHidden} RBM needs ${len}`);
  }
}

/**
 * Data-phase statistics of a batch (N-RBM-10): clamp x to each row of X and sum h out
 * analytically, i.e. the batch mean of E[−∂E/∂θ | x]:
 *
 * - bernoulli: ⟨x_i h_j⟩ = (1/n) Σ_k x_ki σ(θ_kj) (= Xᵀ P_h / n, one gemm), ⟨x_i⟩, ⟨h_j⟩ = mean σ(θ_kj)
 * - spin: the same with E[h_j | x] = tanh θ_j (N-SPIN-03)
 * - gaussian-bernoulli (N-GRBM-08): W: (1/n) Σ_k x_ki p_kj/σ_i²; a: mean (x_i − a_i)/σ_i²; b: mean p_kj;
 *   sigma (if out.sigma exists): mean of (x_i − a_i)²/σ_i³ − 2 x_i Σ_j w_ij p_j/σ_i³
 *
 * Applied to model samples (chain states) the same function gives the Rao-Blackwellised
 * negative phase of CD-k / PCD. Overwrites `out` (float32 gemm for XᵀP, float64 elsewhere) and returns it.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createPhaseStatistics, positivePhase, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const pos = positivePhase(createPhaseStatistics(rbm), rbm, matrix(2, 3, [1, 0, 1, 0, 1, 0]));
 * pos.a; // [0.5, 0.5, 0.5]
 * ```
 */
export function positivePhase(out: PhaseStatistics, rbm: RBM, X: Matrix): PhaseStatistics {
  const fn = 'positivePhase';
  checkRBM(fn, rbm);
  checkPhaseStatistics(fn, out, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  const n = X.rows, M = rbm.nVisible, N = rbm.nHidden;
  if (n === 0) throw new RangeError(`${fn}: X has no rows`);
  const P = hiddenMeans(scratch(SLOT_PHASE_H, n, N), rbm, X);
  const XtP = scratch(SLOT_PHASE_W, M, N);
  gemm(XtP, X, P, TRANS_A); // Σ_k x_ki p_kj
  const xp = XtP.data, p = P.data, x = X.data, inv = 1 / n;
  for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += p[k * N + j];
    out.b[j] = s * inv;
  }
  for (let i = 0; i < M; i++) {
    let s = 0;
    if (rbm.kind === 'gaussian-bernoulli') {
      const ai = rbm.a[i], s2 = rbm.sigma[i] * rbm.sigma[i];
      let d2 = 0;
      for (let k = 0; k < n; k++) {
        const d = x[k * M + i] - ai;
        s += d;
        d2 += d * d;
      }
      out.a[i] = (s * inv) / s2;
      for (let j = 0; j < N; j++) out.W[i * N + j] = (xp[i * N + j] * inv) / s2;
      if (out.sigma !== undefined) {
        let cross = 0;
        for (let j = 0; j < N; j++) cross += rbm.W.data[i * N + j] * xp[i * N + j];
        out.sigma[i] = (d2 * inv - 2 * cross * inv) / (s2 * rbm.sigma[i]);
      }
    } else {
      for (let k = 0; k < n; k++) s += x[k * M + i];
      out.a[i] = s * inv;
      for (let j = 0; j < N; j++) out.W[i * N + j] = xp[i * N + j] * inv;
    }
  }
  return out;
}
