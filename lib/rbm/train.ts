/**
 * Training RBMs by stochastic gradient ascent on the log-likelihood, with the negative phase
 * estimated by contrastive divergence (CD-k, N-CD-01) or by persistent chains (PCD / SML,
 * X-PCD, Tieleman 2008). One loop serves the three kinds (BernoulliRBM, SpinRBM,
 * GaussianBernoulliRBM); the sufficient statistics differ per kind and are written out in
 * {@link cdUpdate}.
 *
 * The gradient (notes 000 "Gradients" … "Difference of moments"; N-COST-02, N-RBM-09 with the
 * sign of errata E-10): for every parameter theta with O = ∂E/∂theta,
 *
 *   ∂ log p / ∂theta = <−O>_data − <−O>_model           (ascent direction)
 *   ∂ C / ∂theta     = <O>_data − <O>_model = −(above)   (C = −mean log-likelihood, descent)
 *
 * positive phase (N-RBM-10): x clamped to the minibatch, h averaged over p(h | x);
 * negative phase (N-RBM-11): x, h from Gibbs chains, started at the data (CD-k) or carried
 * across updates (PCD).
 *
 * Memory: every buffer a run needs (minibatch, chain states, hidden statistics, gradients,
 * optimizer state) is allocated once in {@link trainRBM} before the first epoch; the minibatch
 * loop only calls out-parameter kernels on those buffers with option objects held at module
 * level. (The optimizer objects allocate their per-array state on the first step.)
 */
import { type Rng } from '../random/index.js';
import { gemm, type GemmOptions } from '../linalg/gemm.js';
import { type Matrix, matrix, shapeOf } from '../linalg/matrix.js';
import { Adam, Momentum, SGD, type Optimizer } from '../optim/optimizers.js';
import { addWeightDecay } from '../optim/steps.js';
import { shufflePermutation } from '../optim/batches.js';
import {
  type RBM,
  checkRBM,
  hiddenMeans,
  sampleHiddenGivenVisible,
  sampleVisibleGivenHidden,
  visibleMean,
  visibleProbabilities,
} from './binary.js';
import { klFromEmpirical, logLikelihoodExact } from './exact.js';
import { type LearningRateSchedule } from './schedule.js';
import { checkMatrix32, describe } from './validate.js';

/** How the negative phase is sampled: chains restarted at the data (CD-k) or persistent chains (PCD). */
export type TrainingMethod = 'cd' | 'pcd';
/** Which hidden values enter both phases: E[h | x] (default, lower variance) or a sample h ~ p(h | x) (N-CDT-05). */
export type HiddenStatistics = 'probabilities' | 'samples';
/** Preprocessing of Bernoulli data (N-CDT-02): values as given, x >= 0.5 → 1, or x ~ Bernoulli(value) drawn afresh for every minibatch. */
export type BinarizeMode = 'none' | 'threshold' | 'sample';
/** The optimizer of the parameter update (lib/optim). */
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
/** Exact per-epoch evaluation (small models only: enumeration of the smaller layer). */
export type EvaluateMode = 'none' | 'logLikelihood' | 'kl';

/** Options of {@link trainRBM}. Every field is optional; defaults in brackets. */
export interface TrainOptions {
  /** 'cd' (CD-k, N-CD-01) or 'pcd' (persistent chains, X-PCD) ['cd']. */
  method?: TrainingMethod;
  /** Gibbs steps per update (N-GIBBS-02), integer >= 1 [1]. */
  k?: number;
  /** Passes over the data, integer >= 1 [10]. */
  epochs?: number;
  /** Rows per minibatch, integer in [1, n] [min(100, n)]. The last batch of an epoch may be shorter. */
  batchSize?: number;
  /** A rate > 0, or a schedule epoch → rate (epoch 0 first; see schedule.ts) [0.01]. */
  learningRate?: number | LearningRateSchedule;
  /** 'sgd', 'momentum' or 'adam' ['momentum' if `momentum` > 0 is given, else 'sgd']. */
  optimizer?: OptimizerName;
  /** Momentum coefficient in [0, 1), only with optimizer 'momentum' [0.9 there]. */
  momentum?: number;
  /** L2 weight cost lambda >= 0 on W only: the cost gains lambda ||W||², its gradient 2 lambda W (N-COST-06) [0]. */
  weightDecay?: number;
  /** Hidden values in both phases (N-CDT-05) ['probabilities']. */
  statistics?: HiddenStatistics;
  /**
   * Tutorial option N-CDT-01 (Bernoulli only): the visible step of every chain returns
   * p(x | h) + std · N(0, 1) instead of a sample. Not a valid Gibbs chain (see docs/rbm.md) [0].
   */
  visibleNoiseStd?: number;
  /** Bernoulli data preprocessing (N-CDT-02) ['none']. */
  binarize?: BinarizeMode;
  /** Number of persistent chains, integer >= 1, PCD only [batchSize]. */
  persistentChains?: number;
  /** Starting states of the persistent chains (persistentChains x nVisible), PCD only; updated in place [random data rows]. */
  chains?: Matrix;
  /** Compute the mean squared mean-field reconstruction error on the data after each epoch [true]. */
  reconstructionError?: boolean;
  /** Exact evaluation after each epoch: mean log-likelihood or KL(data ‖ model) ['none']. */
  evaluate?: EvaluateMode;
  /** Called after each epoch with its metrics; return `false` to stop training. */
  onEpoch?: (metrics: EpochMetrics, rbm: RBM) => void | boolean;
  /** Print one line per epoch on stderr (console.error): epoch, metrics, s/epoch, ETA [false]. */
  progress?: boolean;
}

/** What {@link trainRBM} reports after every epoch. */
export interface EpochMetrics {
  /** Epochs completed (1 after the first). */
  epoch: number;
  /** Learning rate used in this epoch. */
  learningRate: number;
  /**
   * Mean over data entries of (x − E[x | h = E[h | x]])², the mean-field one-step
   * reconstruction (N-CD-04, L2 form), with the parameters at the end of the epoch; NaN if
   * disabled. A monitor, not the training objective.
   */
  reconstructionError: number;
  /** Exact mean log-likelihood per data row (evaluate: 'logLikelihood'), else undefined. */
  logLikelihood?: number;
  /** Exact KL(data ‖ model) (evaluate: 'kl'), else undefined. */
  kl?: number;
  /** Wall-clock seconds of this epoch (training and evaluation). */
  seconds: number;
}

/** What {@link trainRBM} returns. */
export interface TrainResult {
  /** One entry per completed epoch. */
  metrics: EpochMetrics[];
  /** The persistent chains' final states (PCD), else null. Pass as `options.chains` to continue. */
  chains: Matrix | null;
  /** Parameter updates taken (minibatches processed). */
  updates: number;
}

/**
 * A gradient (or update direction) with the shapes of an RBM's parameters. For a
 * Gaussian-binary model with trainable widths, `logSigma` holds the component for log σ_i
 * (training works on log σ so σ stays positive); otherwise it is null.
 */
export interface RBMGradient {
  W: Matrix;
  a: Float32Array;
  b: Float32Array;
  logSigma: Float32Array | null;
}

/**
 * Zero arrays shaped like `rbm`'s parameters, to hold a gradient.
 *
 * @example
 * const g = createRBMGradient(BernoulliRBM.create(6, 4, 'hinton', new Rng(1)));
 * g.W.rows; // 6
 */
export function createRBMGradient(rbm: RBM): RBMGradient {
  checkRBM('createRBMGradient', rbm);
  const M = rbm.nVisible, N = rbm.nHidden;
  return {
    W: matrix(M, N),
    a: new Float32Array(M),
    b: new Float32Array(N),
    logSigma: rbm.kind === 'gaussian-bernoulli' ? new Float32Array(M) : null,
  };
}

// Module-level gemm option objects, mutated before each use so the minibatch loop creates none.
const GEMM_TN_FIRST: GemmOptions = { transA: true, alpha: 1, beta: 0 };
const GEMM_TN_ADD: GemmOptions = { transA: true, alpha: 1, beta: 1 };

/**
 * The difference of moments, sign · (<stats>_positive − <stats>_negative), written into `out`
 * (sign +1: the log-likelihood ascent direction; −1: the gradient of the cost C). Kind-aware:
 *
 * - bernoulli, spin: W: X0ᵀH0/B0 − XkᵀHk/Bk;  a: mean X0 − mean Xk;  b: mean H0 − mean Hk
 * - gaussian-bernoulli (N-GRBM-08, O = ∂E/∂theta): row i of W and a_i divided by σ_i²;
 *   with trainable widths, for log σ_i (−∂E/∂log σ_i = ((x_i − a_i)² − 2 x_i (W h)_i) / σ_i²):
 *   [mean (X0_i − a_i)² − mean (Xk_i − a_i)² − 2 Σ_j w_ij G_ij] / σ_i², G = X0ᵀH0/B0 − XkᵀHk/Bk
 *   (Σ_k x_ki (W h_k)_i = Σ_j w_ij (XᵀH)_ij, so no extra product is needed).
 */
function momentDifference(out: RBMGradient, rbm: RBM, X0: Matrix, H0: Matrix, Xk: Matrix, Hk: Matrix, sign: number): RBMGradient {
  const M = rbm.nVisible, N = rbm.nHidden;
  const B0 = X0.rows, Bk = Xk.rows;
  // N-RBM-09 / N-CD-02  G = V0ᵀ P_h(V0) / B0 − Vkᵀ P_h(Vk) / Bk   (one gemm per phase)
  GEMM_TN_FIRST.alpha = -sign / Bk;
  gemm(out.W, Xk, Hk, GEMM_TN_FIRST);
  GEMM_TN_ADD.alpha = sign / B0;
  gemm(out.W, X0, H0, GEMM_TN_ADD);
  // b: mean H0 − mean Hk
  const gb = out.b;
  for (let j = 0; j < N; j++) {
    let s0 = 0, sk = 0;
    for (let r = 0; r < B0; r++) s0 += H0.data[r * N + j];
    for (let r = 0; r < Bk; r++) sk += Hk.data[r * N + j];
    gb[j] = sign * (s0 / B0 - sk / Bk);
  }
  const ga = out.a;
  const gaussian = rbm.kind === 'gaussian-bernoulli';
  for (let i = 0; i < M; i++) {
    let s0 = 0, sk = 0;
    for (let r = 0; r < B0; r++) s0 += X0.data[r * M + i];
    for (let r = 0; r < Bk; r++) sk += Xk.data[r * M + i];
    ga[i] = sign * (s0 / B0 - sk / Bk);
  }
  if (gaussian) {
    const sigma = (rbm as { sigma: Float32Array }).sigma;
    const W = rbm.W.data, G = out.W.data, a = rbm.a;
    const logSigma = out.logSigma;
    for (let i = 0; i < M; i++) {
      const inv2 = 1 / (sigma[i] * sigma[i]);
      if (logSigma !== null) {
        // N-GRBM-08 [derived] for log σ_i; G holds sign·(data − model) of x_i h_j here.
        let wg = 0;
        for (let j = 0; j < N; j++) wg += W[i * N + j] * G[i * N + j];
        let q0 = 0, qk = 0;
        for (let r = 0; r < B0; r++) { const d = X0.data[r * M + i] - a[i]; q0 += d * d; }
        for (let r = 0; r < Bk; r++) { const d = Xk.data[r * M + i] - a[i]; qk += d * d; }
        logSigma[i] = (sign * (q0 / B0 - qk / Bk) - 2 * wg) * inv2;
      }
      // N-GRBM-08  −∂E/∂w_ij = x_i h_j / σ_i²,  −∂E/∂a_i = (x_i − a_i) / σ_i²  (a_i cancels in the difference)
      for (let j = 0; j < N; j++) G[i * N + j] *= inv2;
      ga[i] *= inv2;
    }
  } else if (out.logSigma !== null) {
    out.logSigma.fill(0);
  }
  return out;
}

/**
 * The contrastive-divergence update direction of the notes (N-CD-02, N-RBM-09 with the sign
 * of errata E-10), divided by the learning rate: the positive phase from (X0, H0) minus the
 * negative phase from (Xk, Hk), each averaged over its rows:
 *
 *   ΔW/η = X0ᵀH0/B0 − XkᵀHk/Bk,   Δa/η = mean(X0) − mean(Xk),   Δb/η = mean(H0) − mean(Hk)
 *
 * H0, Hk are the hidden statistics (E[h | x] for 'probabilities', N-RBM-10; samples
 * otherwise). For a Gaussian-binary RBM row i of ΔW and Δa_i are divided by σ_i² and, if
 * `out.logSigma` is not null, it gets the log σ component (see docs/rbm.md). This is an
 * estimate of the gradient of the mean log-likelihood (an ascent direction).
 *
 * @param out gradient buffers from {@link createRBMGradient}
 * @param X0 data minibatch (B0 x nVisible); H0 its hidden statistics (B0 x nHidden)
 * @param Xk negative-phase visible states (Bk x nVisible); Hk their hidden statistics (Bk x nHidden)
 * @example
 * const out = createRBMGradient(rbm);
 * hiddenProbabilities(H0, rbm, X0);
 * blockGibbs(Xk, rbm, X0, 1, rng);
 * hiddenProbabilities(Hk, rbm, Xk);
 * cdUpdate(out, rbm, X0, H0, Xk, Hk); // the tutorial's (pos_grad − neg_grad) / batch_size etc.
 */
export function cdUpdate(out: RBMGradient, rbm: RBM, X0: Matrix, H0: Matrix, Xk: Matrix, Hk: Matrix): RBMGradient {
  const fn = 'cdUpdate';
  checkRBM(fn, rbm);
  checkGradient(fn, out, rbm);
  const M = rbm.nVisible, N = rbm.nHidden;
  checkMatrix32(fn, 'X0', X0);
  checkMatrix32(fn, 'H0', H0);
  checkMatrix32(fn, 'Xk', Xk);
  checkMatrix32(fn, 'Hk', Hk);
  if (X0.cols !== M || X0.rows < 1) throw new RangeError(`${fn}: X0 is ${shapeOf(X0)} but must be Bx${M} with B >= 1 (nVisible = ${M})`);
  if (Xk.cols !== M || Xk.rows < 1) throw new RangeError(`${fn}: Xk is ${shapeOf(Xk)} but must be Bx${M} with B >= 1 (nVisible = ${M})`);
  if (H0.rows !== X0.rows || H0.cols !== N) throw new RangeError(`${fn}: H0 is ${shapeOf(H0)} but must be ${X0.rows}x${N} (X0 rows x nHidden)`);
  if (Hk.rows !== Xk.rows || Hk.cols !== N) throw new RangeError(`${fn}: Hk is ${shapeOf(Hk)} but must be ${Xk.rows}x${N} (Xk rows x nHidden)`);
  return momentDifference(out, rbm, X0, H0, Xk, Hk, +1);
}

function checkGradient(fn: string, out: RBMGradient, rbm: RBM): void {
  if (out === null || typeof out !== 'object') throw new TypeError(`${fn}: out must be an RBMGradient from createRBMGradient, got ${describe(out)}`);
  checkMatrix32(fn, 'out.W', out.W);
  if (out.W.rows !== rbm.nVisible || out.W.cols !== rbm.nHidden) {
    throw new RangeError(`${fn}: out.W is ${shapeOf(out.W)} but the RBM is ${rbm.nVisible}x${rbm.nHidden}`);
  }
  if (!(out.a instanceof Float32Array) || out.a.length !== rbm.nVisible) throw new RangeError(`${fn}: out.a must be a Float32Array of length ${rbm.nVisible}, got ${describe(out.a)}`);
  if (!(out.b instanceof Float32Array) || out.b.length !== rbm.nHidden) throw new RangeError(`${fn}: out.b must be a Float32Array of length ${rbm.nHidden}, got ${describe(out.b)}`);
  if (out.logSigma !== null && (!(out.logSigma instanceof Float32Array) || out.logSigma.length !== rbm.nVisible)) {
    throw new RangeError(`${fn}: out.logSigma must be null or a Float32Array of length ${rbm.nVisible}, got ${describe(out.logSigma)}`);
  }
}

/**
 * Binarizes Bernoulli data (N-CDT-02), `out` may be `X` (in place):
 * - 'none': copies the values unchanged (grey levels in [0, 1] are used as they are, as the
 *   tutorial feeds MNIST intensities);
 * - 'threshold': out = 1 where x >= 0.5, else 0;
 * - 'sample': out ~ Bernoulli(x) independently (x must be in [0, 1]); uses `rng`.
 *
 * @example
 * const X = matrix(1, 3, [0.2, 0.5, 0.9]);
 * binarizeData(matrix(1, 3), X, 'threshold').data; // [0, 1, 1]
 * binarizeData(X, X, 'sample', new Rng(1));          // in place, e.g. [0, 1, 1]
 */
export function binarizeData(out: Matrix, X: Matrix, mode: BinarizeMode, rng?: Rng): Matrix {
  const fn = 'binarizeData';
  checkMatrix32(fn, 'out', out);
  checkMatrix32(fn, 'X', X);
  if (out.rows !== X.rows || out.cols !== X.cols) throw new RangeError(`${fn}: out is ${shapeOf(out)} but X is ${shapeOf(X)}`);
  if (mode !== 'none' && mode !== 'threshold' && mode !== 'sample') {
    throw new RangeError(`${fn}: mode must be 'none', 'threshold' or 'sample', got ${describe(mode)}`);
  }
  if (mode === 'sample' && (rng === undefined || rng === null || typeof (rng as Rng).float !== 'function')) {
    throw new TypeError(`${fn}: mode 'sample' needs an Rng, got ${describe(rng)}`);
  }
  const x = X.data;
  if (mode !== 'none') {
    for (let k = 0; k < x.length; k++) {
      if (!(x[k] >= 0 && x[k] <= 1)) throw new RangeError(`${fn}: X[${Math.floor(k / X.cols)}, ${k % X.cols}] must be in [0, 1], got ${x[k]}`);
    }
  }
  binarizeInPlace(out.data, x, mode, rng as Rng);
  return out;
}

/** The loop of binarizeData without checks (values already validated). */
function binarizeInPlace(out: Float32Array, x: Float32Array, mode: BinarizeMode, rng: Rng): void {
  if (mode === 'none') {
    if (out !== x) out.set(x);
  } else if (mode === 'threshold') {
    for (let k = 0; k < x.length; k++) out[k] = x[k] >= 0.5 ? 1 : 0;
  } else {
    // N-GIBBS-03  x = 1[u < p], u ~ U(0, 1)
    for (let k = 0; k < x.length; k++) out[k] = rng.float() < x[k] ? 1 : 0;
  }
}

/**
 * Reconstruction error between data V0 and reconstructions Vk (N-CD-04), the tutorial's
 * progress monitor: 'l1' = mean |V0 − Vk| (the tutorial's l1_loss), 'l2' = mean (V0 − Vk)²,
 * both averaged over all entries. Not the training objective.
 *
 * @example
 * reconstructionError(matrix(1, 2, [1, 0]), matrix(1, 2, [0.5, 0.5]), 'l1'); // 0.5
 * reconstructionError(matrix(1, 2, [1, 0]), matrix(1, 2, [0.5, 0.5]), 'l2'); // 0.25
 */
export function reconstructionError(V0: Matrix, Vk: Matrix, norm: 'l1' | 'l2' = 'l2'): number {
  const fn = 'reconstructionError';
  checkMatrix32(fn, 'V0', V0);
  checkMatrix32(fn, 'Vk', Vk);
  if (V0.rows !== Vk.rows || V0.cols !== Vk.cols) throw new RangeError(`${fn}: V0 is ${shapeOf(V0)} but Vk is ${shapeOf(Vk)}`);
  if (V0.data.length === 0) throw new RangeError(`${fn}: V0 is empty`);
  if (norm !== 'l1' && norm !== 'l2') throw new RangeError(`${fn}: norm must be 'l1' or 'l2', got ${describe(norm)}`);
  let s = 0;
  for (let k = 0; k < V0.data.length; k++) {
    const d = V0.data[k] - Vk.data[k];
    s += norm === 'l1' ? Math.abs(d) : d * d;
  }
  return s / V0.data.length;
}

// ---------------------------------------------------------------------------------------------
// Conditional means and samples in the form the training loop needs, for every kind.

/** Hidden statistics of one phase: E[h | x] or a sample h ~ p(h | x) (N-CDT-05). */
function hiddenStatistics(out: Matrix, rbm: RBM, X: Matrix, statistics: HiddenStatistics, rng: Rng): Matrix {
  return statistics === 'samples' ? sampleHiddenGivenVisible(out, rbm, X, rng) : hiddenMeans(out, rbm, X);
}

/**
 * k block-Gibbs steps in place on the states X (N-GIBBS-02): H ~ p(h | X), X ~ p(x | H); with
 * visibleNoiseStd > 0 (N-CDT-01) the visible step is X = p(x | H) + std · ε instead.
 */
function runChains(X: Matrix, H: Matrix, rbm: RBM, k: number, visibleNoiseStd: number, noise: Float32Array | null, rng: Rng): void {
  for (let t = 0; t < k; t++) {
    // N-GIBBS-02 / N-CD-01  h^(t) ~ p(h | v^(t)),  v^(t+1) ~ p(v | h^(t))
    sampleHiddenGivenVisible(H, rbm, X, rng);
    if (visibleNoiseStd > 0 && noise !== null) {
      // N-CDT-01 (tutorial choice): v = p(v | h) + std ε, not a draw from p(v | h)
      visibleProbabilities(X, rbm, H);
      rng.fillNormal(noise, 0, visibleNoiseStd);
      const x = X.data;
      for (let q = 0; q < x.length; q++) x[q] += noise[q];
    } else {
      sampleVisibleGivenHidden(X, rbm, H, rng);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Options.

const OPTION_KEYS = [
  'method', 'k', 'epochs', 'batchSize', 'learningRate', 'optimizer', 'momentum', 'weightDecay', 'statistics',
  'visibleNoiseStd', 'binarize', 'persistentChains', 'chains', 'reconstructionError', 'evaluate', 'onEpoch', 'progress',
];

interface ResolvedOptions {
  method: TrainingMethod;
  k: number;
  epochs: number;
  batchSize: number;
  learningRate: number | LearningRateSchedule;
  optimizer: OptimizerName;
  momentum: number;
  weightDecay: number;
  statistics: HiddenStatistics;
  visibleNoiseStd: number;
  binarize: BinarizeMode;
  persistentChains: number;
  chains: Matrix | null;
  reconstructionError: boolean;
  evaluate: EvaluateMode;
  onEpoch: ((metrics: EpochMetrics, rbm: RBM) => void | boolean) | null;
  progress: boolean;
}

function oneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (!allowed.includes(value as T)) {
    throw new RangeError(`${fn}: options.${name} must be one of ${allowed.map((s) => `'${s}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function integerIn(fn: string, name: string, value: unknown, lo: number, hi: number, dflt: number): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    const range = hi === Infinity ? `an integer >= ${lo}` : `an integer in [${lo}, ${hi}]`;
    throw new RangeError(`${fn}: options.${name} must be ${range}, got ${describe(value)}`);
  }
  return value;
}

function booleanOr(fn: string, name: string, value: unknown, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (typeof value !== 'boolean') throw new TypeError(`${fn}: options.${name} must be a boolean, got ${describe(value)}`);
  return value;
}

function resolveOptions(fn: string, rbm: RBM, n: number, options: TrainOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new TypeError(`${fn}: unknown option '${key}' (allowed: ${OPTION_KEYS.join(', ')})`);
  }
  const o = options;
  const method = oneOf(fn, 'method', o.method, ['cd', 'pcd'] as const, 'cd');
  const k = integerIn(fn, 'k', o.k, 1, Infinity, 1);
  const epochs = integerIn(fn, 'epochs', o.epochs, 1, Infinity, 10);
  const batchSize = integerIn(fn, 'batchSize', o.batchSize, 1, n, Math.min(100, n));
  let learningRate: number | LearningRateSchedule = 0.01;
  if (o.learningRate !== undefined) {
    if (typeof o.learningRate === 'function') learningRate = o.learningRate;
    else if (typeof o.learningRate === 'number' && Number.isFinite(o.learningRate) && o.learningRate > 0) learningRate = o.learningRate;
    else throw new RangeError(`${fn}: options.learningRate must be a finite number > 0 or a function of the epoch, got ${describe(o.learningRate)}`);
  }
  if (o.momentum !== undefined && (typeof o.momentum !== 'number' || !(o.momentum >= 0 && o.momentum < 1))) {
    throw new RangeError(`${fn}: options.momentum must be in [0, 1), got ${describe(o.momentum)}`);
  }
  const optimizer = oneOf(fn, 'optimizer', o.optimizer, ['sgd', 'momentum', 'adam'] as const, o.momentum !== undefined && o.momentum > 0 ? 'momentum' : 'sgd');
  if (optimizer !== 'momentum' && o.momentum !== undefined && o.momentum > 0) {
    throw new RangeError(`${fn}: options.momentum = ${o.momentum} needs optimizer 'momentum', got optimizer '${optimizer}'`);
  }
  const momentum = o.momentum ?? (optimizer === 'momentum' ? 0.9 : 0);
  if (o.weightDecay !== undefined && (typeof o.weightDecay !== 'number' || !Number.isFinite(o.weightDecay) || o.weightDecay < 0)) {
    throw new RangeError(`${fn}: options.weightDecay must be a finite number >= 0, got ${describe(o.weightDecay)}`);
  }
  const weightDecay = o.weightDecay ?? 0;
  const statistics = oneOf(fn, 'statistics', o.statistics, ['probabilities', 'samples'] as const, 'probabilities');
  if (o.visibleNoiseStd !== undefined && (typeof o.visibleNoiseStd !== 'number' || !Number.isFinite(o.visibleNoiseStd) || o.visibleNoiseStd < 0)) {
    throw new RangeError(`${fn}: options.visibleNoiseStd must be a finite number >= 0, got ${describe(o.visibleNoiseStd)}`);
  }
  const visibleNoiseStd = o.visibleNoiseStd ?? 0;
  if (visibleNoiseStd > 0 && rbm.kind !== 'bernoulli') {
    throw new RangeError(`${fn}: options.visibleNoiseStd is for Bernoulli RBMs only (the tutorial's noisy probabilities), got a ${rbm.kind} RBM`);
  }
  const binarize = oneOf(fn, 'binarize', o.binarize, ['none', 'threshold', 'sample'] as const, 'none');
  if (binarize !== 'none' && rbm.kind !== 'bernoulli') {
    throw new RangeError(`${fn}: options.binarize '${binarize}' is for Bernoulli RBMs only, got a ${rbm.kind} RBM`);
  }
  if (method === 'cd' && (o.persistentChains !== undefined || o.chains !== undefined)) {
    throw new RangeError(`${fn}: options.${o.chains !== undefined ? 'chains' : 'persistentChains'} needs method 'pcd', got method 'cd'`);
  }
  let chains: Matrix | null = null;
  if (o.chains !== undefined) {
    checkMatrix32(fn, 'options.chains', o.chains);
    if (o.chains.cols !== rbm.nVisible || o.chains.rows < 1) {
      throw new RangeError(`${fn}: options.chains is ${shapeOf(o.chains)} but must be Cx${rbm.nVisible} with C >= 1 (nVisible = ${rbm.nVisible})`);
    }
    if (o.persistentChains !== undefined && o.persistentChains !== o.chains.rows) {
      throw new RangeError(`${fn}: options.persistentChains = ${describe(o.persistentChains)} but options.chains has ${o.chains.rows} rows`);
    }
    chains = o.chains;
  }
  const persistentChains = integerIn(fn, 'persistentChains', o.persistentChains, 1, Infinity, chains !== null ? chains.rows : batchSize);
  const reconstruction = booleanOr(fn, 'reconstructionError', o.reconstructionError, true);
  const evaluate = oneOf(fn, 'evaluate', o.evaluate, ['none', 'logLikelihood', 'kl'] as const, 'none');
  if (o.onEpoch !== undefined && typeof o.onEpoch !== 'function') throw new TypeError(`${fn}: options.onEpoch must be a function, got ${describe(o.onEpoch)}`);
  const progress = booleanOr(fn, 'progress', o.progress, false);
  return {
    method, k, epochs, batchSize, learningRate, optimizer, momentum, weightDecay, statistics, visibleNoiseStd, binarize,
    persistentChains, chains, reconstructionError: reconstruction, evaluate, onEpoch: o.onEpoch ?? null, progress,
  };
}

function checkData(fn: string, rbm: RBM, data: Matrix, binarize: BinarizeMode): void {
  if (data.cols !== rbm.nVisible) throw new RangeError(`${fn}: data is ${shapeOf(data)} but the RBM has nVisible = ${rbm.nVisible}`);
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  const x = data.data, M = data.cols;
  for (let q = 0; q < x.length; q++) {
    const v = x[q];
    const where = `data[${Math.floor(q / M)}, ${q % M}]`;
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${where} must be finite, got ${v}`);
    if (rbm.kind === 'bernoulli' && !(v >= 0 && v <= 1)) {
      throw new RangeError(`${fn}: ${where} must be in [0, 1] for a Bernoulli RBM${binarize === 'none' ? '' : ` (binarize '${binarize}')`}, got ${v}`);
    }
    if (rbm.kind === 'spin' && !(v >= -1 && v <= 1)) throw new RangeError(`${fn}: ${where} must be in [-1, 1] for a spin RBM, got ${v}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The training loop.

/** Buffers for one minibatch size (the full size, and the shorter last batch if any). */
interface BatchBuffers {
  X0: Matrix; // data rows (positive phase)
  H0: Matrix; // their hidden statistics
  Xk: Matrix; // CD: chain states started at X0
  Hs: Matrix; // hidden samples inside the chain
  Hk: Matrix; // hidden statistics of the negative phase
  noise: Float32Array | null;
  R: Matrix; // reconstruction (monitor)
}

function view(m: Matrix, rows: number): Matrix {
  return { rows, cols: m.cols, data: m.data.subarray(0, rows * m.cols) };
}

function createBatchBuffers(full: BatchBuffers | null, rows: number, M: number, N: number, noise: boolean): BatchBuffers {
  if (full !== null) {
    return {
      X0: view(full.X0, rows), H0: view(full.H0, rows), Xk: view(full.Xk, rows), Hs: view(full.Hs, rows), Hk: view(full.Hk, rows),
      noise: full.noise === null ? null : full.noise.subarray(0, rows * M), R: view(full.R, rows),
    };
  }
  return {
    X0: matrix(rows, M), H0: matrix(rows, N), Xk: matrix(rows, M), Hs: matrix(rows, N), Hk: matrix(rows, N),
    noise: noise ? new Float32Array(rows * M) : null, R: matrix(rows, M),
  };
}

/** Copies data rows order[start .. start + X.rows) into X. */
function gatherRows(X: Matrix, data: Matrix, order: Uint32Array, start: number): void {
  const M = data.cols, x = X.data, d = data.data;
  for (let r = 0; r < X.rows; r++) {
    const src = order[start + r] * M, dst = r * M;
    for (let i = 0; i < M; i++) x[dst + i] = d[src + i]; // a loop, not set(subarray): no view objects
  }
}

/** Sum of the entries: finite iff every entry is finite (float32 values cannot overflow a float64 sum of < 2^900 terms). */
function sumOf(v: Float32Array): number {
  let s = 0;
  for (let q = 0; q < v.length; q++) s += v[q];
  return s;
}

function now(): number {
  const p = (globalThis as { performance?: { now(): number } }).performance;
  return p !== undefined ? p.now() / 1000 : Date.now() / 1000;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

/**
 * Trains an RBM of any kind in place by minibatch stochastic gradient descent on the negative
 * mean log-likelihood C, with the negative phase from CD-k (`method: 'cd'`, N-CD-01) or
 * persistent contrastive divergence (`method: 'pcd'`, X-PCD, Tieleman 2008). Per minibatch:
 *
 * 1. X0 = the next rows of a seeded shuffle of the data (binarized if asked, N-CDT-02);
 * 2. positive phase (N-RBM-10): H0 = E[h | X0] (or a sample, N-CDT-05);
 * 3. negative phase (N-RBM-11): CD-k runs k block-Gibbs steps (N-GIBBS-02) from X0; PCD runs
 *    k steps on the persistent chains, which keep their state across updates; Hk = E[h | Xk];
 * 4. gradient of C = −(positive − negative) (N-RBM-09, {@link cdUpdate}), plus 2λW if
 *    weightDecay = λ > 0 (the cost gains λ||W||², N-COST-06 — note: λW, as in Hinton's guide
 *    and PyTorch's weight_decay, corresponds to λ/2 here);
 * 5. one optimizer step ('sgd', 'momentum' or 'adam' from lib/optim) on W, a, b (and log σ
 *    for a Gaussian-binary model with trainSigma; σ = exp(log σ) afterwards);
 * 6. a check that every parameter is finite: otherwise training stops with a RangeError naming
 *    the epoch, the batch, the parameter and the entry (the model keeps the bad values).
 *
 * After every epoch: the reconstruction error and the exact evaluation (if asked), the
 * `onEpoch` callback and the progress line. All buffers are allocated before the first epoch.
 *
 * @param rbm the model, updated in place
 * @param data training data, n x nVisible float32 (Bernoulli: values in [0, 1]; spin: [−1, 1])
 * @param options see {@link TrainOptions}
 * @param rng the random stream (shuffles, Gibbs samples, binarization, chain initialization)
 * @returns per-epoch metrics, the persistent chains (PCD) and the number of updates
 * @example
 * const data = barsAndStripes(3);
 * const rbm = BernoulliRBM.create(9, 16, 'hinton', new Rng(1));
 * const { metrics } = trainRBM(rbm, data, { method: 'pcd', k: 1, epochs: 200, batchSize: 14, learningRate: 0.05, evaluate: 'kl' }, new Rng(2));
 * metrics[metrics.length - 1].kl; // exact KL(data ‖ model) after training
 */
export function trainRBM(rbm: RBM, data: Matrix, options: TrainOptions, rng: Rng): TrainResult {
  return train('trainRBM', rbm, data, options, rng);
}

/**
 * CD-k training (N-CD-01): {@link trainRBM} with `method: 'cd'`.
 *
 * @example
 * contrastiveDivergence(rbm, data, { k: 1, epochs: 50, learningRate: 0.1 }, new Rng(1));
 */
export function contrastiveDivergence(rbm: RBM, data: Matrix, options: Omit<TrainOptions, 'method' | 'persistentChains' | 'chains'>, rng: Rng): TrainResult {
  if (options !== null && typeof options === 'object' && 'method' in options && (options as TrainOptions).method !== 'cd') {
    throw new RangeError(`contrastiveDivergence: options.method must be absent or 'cd', got ${describe((options as TrainOptions).method)}`);
  }
  return train('contrastiveDivergence', rbm, data, { ...options, method: 'cd' }, rng);
}

/**
 * Persistent contrastive divergence (X-PCD; stochastic maximum likelihood, Younes 1989,
 * Tieleman 2008): {@link trainRBM} with `method: 'pcd'`. The negative chains are not restarted
 * at the data; each update advances them by k Gibbs steps under the current parameters.
 *
 * @example
 * const { chains } = persistentContrastiveDivergence(rbm, data, { persistentChains: 100, epochs: 20 }, new Rng(1));
 */
export function persistentContrastiveDivergence(rbm: RBM, data: Matrix, options: Omit<TrainOptions, 'method'>, rng: Rng): TrainResult {
  if (options !== null && typeof options === 'object' && 'method' in options && (options as TrainOptions).method !== 'pcd') {
    throw new RangeError(`persistentContrastiveDivergence: options.method must be absent or 'pcd', got ${describe((options as TrainOptions).method)}`);
  }
  return train('persistentContrastiveDivergence', rbm, data, { ...options, method: 'pcd' }, rng);
}

function train(fn: string, rbm: RBM, data: Matrix, options: TrainOptions, rng: Rng): TrainResult {
  checkRBM(fn, rbm);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).float !== 'function') {
    throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  }
  if (data !== null && typeof data === 'object' && (data as { data?: unknown }).data instanceof Float64Array) {
    throw new TypeError(`${fn}: data must be a float32 Matrix (training works in float32), got a Matrix64; convert it with matrix(rows, cols, data64)`);
  }
  checkMatrix32(fn, 'data', data);
  const o = resolveOptions(fn, rbm, data.rows, options ?? {});
  checkData(fn, rbm, data, o.binarize);
  const n = data.rows, M = rbm.nVisible, N = rbm.nHidden;
  const B = o.batchSize;
  const nBatches = Math.ceil(n / B);
  const pcd = o.method === 'pcd';

  // --- Everything the minibatch loop touches is allocated here. ---
  const order = new Uint32Array(n);
  const noise = o.visibleNoiseStd > 0;
  const full = createBatchBuffers(null, B, M, N, noise);
  const rest = n % B === 0 ? null : createBatchBuffers(full, n % B, M, N, noise);
  const C = o.persistentChains;
  let chainX: Matrix | null = null, chainHs: Matrix | null = null, chainHk: Matrix | null = null, chainNoise: Float32Array | null = null;
  if (pcd) {
    if (o.chains !== null) {
      chainX = o.chains;
    } else {
      // X-PCD chains start at random training rows (binarized like the data).
      chainX = matrix(C, M);
      for (let r = 0; r < C; r++) {
        const src = rng.int(n) * M;
        chainX.data.set(data.data.subarray(src, src + M), r * M);
      }
      if (o.binarize !== 'none') binarizeInPlace(chainX.data, chainX.data, o.binarize, rng);
    }
    chainHs = matrix(C, N);
    chainHk = matrix(C, N);
    chainNoise = noise ? new Float32Array(C * M) : null;
  }
  const grad = createRBMGradient(rbm);
  const trainSigma = rbm.kind === 'gaussian-bernoulli' && rbm.trainSigma;
  if (!trainSigma) grad.logSigma = null;
  const sigma = rbm.kind === 'gaussian-bernoulli' ? rbm.sigma : null;
  const logSigma = trainSigma && sigma !== null ? Float32Array.from(sigma, (s) => Math.log(s)) : null;
  const firstRate = typeof o.learningRate === 'number' ? o.learningRate : 1; // replaced at each epoch
  const opt: Optimizer = o.optimizer === 'adam'
    ? new Adam({ lr: firstRate })
    : o.optimizer === 'momentum' ? new Momentum({ lr: firstRate, gamma: o.momentum }) : new SGD({ lr: firstRate });
  const optLr = opt as unknown as { lr: number };
  const metrics: EpochMetrics[] = [];
  let updates = 0;
  const t0 = now();

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const tEpoch = now();
    const lr = typeof o.learningRate === 'number' ? o.learningRate : o.learningRate(epoch);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || !(lr > 0)) {
      throw new RangeError(`${fn}: options.learningRate(${epoch}) must return a finite number > 0, got ${describe(lr)} (epoch ${epoch + 1}/${o.epochs})`);
    }
    optLr.lr = lr;
    // N-OPT-06 mini-batches: the same seeded permutation shuffledBatches makes, cut by offsets.
    shufflePermutation(order, rng);
    for (let batch = 0; batch < nBatches; batch++) {
      const start = batch * B;
      const buf = n - start >= B ? full : (rest as BatchBuffers);
      gatherRows(buf.X0, data, order, start);
      if (o.binarize !== 'none') binarizeInPlace(buf.X0.data, buf.X0.data, o.binarize, rng);
      // Positive phase (N-RBM-10): x clamped to the data, H0 = E[h | x] (or samples, N-CDT-05).
      hiddenStatistics(buf.H0, rbm, buf.X0, o.statistics, rng);
      // Negative phase (N-RBM-11).
      let Xk: Matrix, Hk: Matrix;
      if (pcd) {
        // X-PCD: advance the persistent chains k steps under the current parameters.
        runChains(chainX as Matrix, chainHs as Matrix, rbm, o.k, o.visibleNoiseStd, chainNoise, rng);
        Xk = chainX as Matrix;
        Hk = hiddenStatistics(chainHk as Matrix, rbm, Xk, o.statistics, rng);
      } else {
        // N-CD-01: v^(0) = x_data, k block-Gibbs steps.
        buf.Xk.data.set(buf.X0.data);
        runChains(buf.Xk, buf.Hs, rbm, o.k, o.visibleNoiseStd, buf.noise, rng);
        Xk = buf.Xk;
        Hk = hiddenStatistics(buf.Hk, rbm, Xk, o.statistics, rng);
      }
      // Gradient of C = −(positive − negative) (N-COST-02, N-RBM-09), + 2λW (N-COST-06).
      momentDifference(grad, rbm, buf.X0, buf.H0, Xk, Hk, -1);
      if (o.weightDecay > 0) addWeightDecay(grad.W.data, rbm.W.data, o.weightDecay);
      opt.step(rbm.W.data, grad.W.data);
      opt.step(rbm.a, grad.a);
      opt.step(rbm.b, grad.b);
      if (logSigma !== null && sigma !== null && grad.logSigma !== null) {
        opt.step(logSigma, grad.logSigma);
        for (let i = 0; i < M; i++) sigma[i] = Math.exp(logSigma[i]);
      }
      updates++;
      checkFiniteParameters(fn, rbm, epoch, o.epochs, batch, nBatches, lr, o.optimizer);
    }

    const m: EpochMetrics = { epoch: epoch + 1, learningRate: lr, reconstructionError: NaN, seconds: 0 };
    if (o.reconstructionError) m.reconstructionError = meanFieldReconstructionError(rbm, data, full, rest, B);
    if (o.evaluate === 'kl') m.kl = klFromEmpirical(rbm, data);
    else if (o.evaluate === 'logLikelihood') m.logLikelihood = logLikelihoodExact(rbm, data) / n;
    m.seconds = now() - tEpoch;
    metrics.push(m);
    if (o.progress) {
      const elapsed = now() - t0;
      const perEpoch = elapsed / (epoch + 1);
      const parts = [`${fn} epoch ${epoch + 1}/${o.epochs}`, `lr ${lr.toPrecision(3)}`];
      if (o.reconstructionError) parts.push(`recon ${m.reconstructionError.toPrecision(4)}`);
      if (m.kl !== undefined) parts.push(`KL ${m.kl.toPrecision(4)}`);
      if (m.logLikelihood !== undefined) parts.push(`logL ${m.logLikelihood.toPrecision(5)}`);
      parts.push(`${perEpoch.toPrecision(3)} s/epoch`, `ETA ${formatSeconds(perEpoch * (o.epochs - epoch - 1))}`);
      console.error(parts.join('  '));
    }
    if (o.onEpoch !== null && o.onEpoch(m, rbm) === false) break;
  }
  return { metrics, chains: pcd ? chainX : null, updates };
}

function checkFiniteParameters(fn: string, rbm: RBM, epoch: number, epochs: number, batch: number, nBatches: number, lr: number, optimizer: string): void {
  // Fast path: one float64 sum per array (non-finite iff some entry is), no allocation.
  if (Number.isFinite(sumOf(rbm.W.data)) && Number.isFinite(sumOf(rbm.a)) && Number.isFinite(sumOf(rbm.b))
    && (rbm.kind !== 'gaussian-bernoulli' || Number.isFinite(sumOf(rbm.sigma)))) return;
  const arrays: [string, Float32Array, number][] = [['W', rbm.W.data, rbm.nHidden], ['a', rbm.a, 0], ['b', rbm.b, 0]];
  if (rbm.kind === 'gaussian-bernoulli') arrays.push(['sigma', rbm.sigma, 0]);
  for (const [name, v, cols] of arrays) {
    for (let q = 0; q < v.length; q++) {
      if (!Number.isFinite(v[q])) {
        const at = cols > 0 ? `[${Math.floor(q / cols)}, ${q % cols}]` : `[${q}]`;
        throw new RangeError(
          `${fn}: parameter ${name} became non-finite at epoch ${epoch + 1}/${epochs}, batch ${batch + 1}/${nBatches}: ${name}${at} = ${v[q]} `
          + `(learning rate ${lr}, optimizer '${optimizer}'); the update diverged, lower the learning rate`,
        );
      }
    }
  }
}

/** Mean over entries of (x − E[x | h = E[h | x]])² over the whole data, in minibatch chunks (N-CD-04, l2). */
function meanFieldReconstructionError(rbm: RBM, data: Matrix, full: BatchBuffers, rest: BatchBuffers | null, B: number): number {
  const n = data.rows, M = data.cols;
  let s = 0;
  for (let start = 0; start < n; start += B) {
    const buf = n - start >= B ? full : (rest as BatchBuffers);
    const x0 = buf.X0.data, d = data.data, offset = start * M;
    for (let q = 0; q < x0.length; q++) x0[q] = d[offset + q];
    hiddenMeans(buf.H0, rbm, buf.X0);
    visibleMean(buf.R, rbm, buf.H0);
    const x = buf.X0.data, r = buf.R.data;
    for (let q = 0; q < x.length; q++) {
      const diff = x[q] - r[q];
      s += diff * diff;
    }
  }
  return s / (n * M);
}
