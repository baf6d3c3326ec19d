/**
 * The options of RBM training ({@link trainRBM} in train.ts): their types and defaults, and the
 * one function that checks them and fills the defaults in, so the training loop only sees
 * resolved values.
 */
import type { ProgressInfo } from '../progress/index.js';
import { shapeOf, type Matrix } from '../linalg/matrix.js';
import { type RBM } from './model.js';
import { type LearningRateSchedule } from './schedule.js';
import { type ProductPool } from './products.js';
import { checkMatrix32, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

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
  /**
   * Print a throttled progress line on stderr (at most a few updates a second): a bar over all
   * parameter updates, the rate, the ETA, the epoch and its metrics [false].
   */
  progress?: boolean;
  /**
   * A thread pool (WorkerPool from 'boltzmann/node') to split the minibatch products across
   * its threads; results are bit-identical to one thread [none: the calling thread only].
   */
  pool?: ProductPool;
  /** Receives the same throttled updates as objects ({@link ProgressInfo}; `note` holds the epoch and metrics). */
  onProgress?: (info: ProgressInfo) => void;
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

// ---------------------------------------------------------------------------------------------
// Checking and resolving.

const OPTION_KEYS = [
  'method', 'k', 'epochs', 'batchSize', 'learningRate', 'optimizer', 'momentum', 'weightDecay', 'statistics',
  'visibleNoiseStd', 'binarize', 'persistentChains', 'chains', 'reconstructionError', 'evaluate', 'onEpoch', 'progress', 'onProgress', 'pool',
];

/** {@link TrainOptions} with every default filled in and every value checked. */
export interface ResolvedOptions {
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
  pool: ProductPool | null;
  onProgress: ((info: ProgressInfo) => void) | null;
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

/**
 * Checks the options of a training run on `n` data rows and fills in the defaults; every message
 * names the option and the value (`trainRBM: options.k must be an integer >= 1, got 0`).
 */
export function resolveOptions(fn: string, rbm: RBM, n: number, options: TrainOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  checkOptionKeys(fn, options, OPTION_KEYS);
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
  const pool = o.pool ?? null;
  if (pool !== null && (typeof pool !== 'object' || typeof pool.gemm !== 'function' || typeof pool.sparseGemm !== 'function')) {
    throw new TypeError(`${fn}: options.pool must be a WorkerPool (with gemm and sparseGemm), got ${describe(pool)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError(`${fn}: options.onProgress must be a function, got ${describe(o.onProgress)}`);
  return {
    method, k, epochs, batchSize, learningRate, optimizer, momentum, weightDecay, statistics, visibleNoiseStd, binarize,
    persistentChains, chains, reconstructionError: reconstruction, evaluate, onEpoch: o.onEpoch ?? null, progress, onProgress: o.onProgress ?? null,
    pool,
  };
}
