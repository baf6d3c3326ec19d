/**
 * Training RBMs by stochastic gradient ascent on the log-likelihood, with the negative phase
 * estimated by contrastive divergence (CD-k, N-CD-01) or by persistent chains (PCD / SML,
 * X-PCD, Tieleman 2008). One loop serves the three kinds (BernoulliRBM, SpinRBM,
 * GaussianBernoulliRBM); the statistics differ per kind and are written out in gradient.ts
 * ({@link phaseStatistics}, {@link cdUpdate}); the options are checked in train-options.ts.
 *
 * The gradient (N-COST-02, N-RBM-09 with the sign of errata E-10): for every parameter θ,
 *
 *   ∂ log p / ∂θ = ⟨−∂E/∂θ⟩_data − ⟨−∂E/∂θ⟩_model   (cdUpdate: positive − negative, an ascent direction)
 *   ∂ C / ∂θ     = −(above)                         (C = −mean log-likelihood; the optimizers descend C)
 *
 * Two loops, the same numbers: the readable one below (the one to read beside the notes) and,
 * for a Bernoulli RBM trained with SGD or momentum on the wasm backend (hidden probabilities as
 * statistics, no visible noise, buffers within 1 GiB), resident.ts — the same minibatch with W
 * in wasm memory, the gradient fused into the step and, with options.pool, the steps split over
 * the pool's threads; spec/rbm/resident.spec.ts requires the two to leave the same bits.
 *
 * Memory: every buffer a run needs (minibatch, chain states, hidden statistics, gradients) is
 * allocated once in {@link trainRBM} before the first epoch; the minibatch loop only calls the
 * unchecked kernels on those buffers. (The optimizer objects allocate their per-array state on
 * the first step.)
 */
import { type Rng } from '../random/index.js';
import { progressReporter } from '../progress/index.js';
import { type Matrix, matrix, shapeOf } from '../linalg/matrix.js';
import { Adam, Momentum, SGD, type Optimizer } from '../optim/optimizers.js';
import { addWeightDecay } from '../optim/steps.js';
import { shufflePermutation } from '../optim/batches.js';
import { checkRBM, type RBM } from './model.js';
import { withProducts, type ProductPool } from './products.js';
import { ResidentTrainer, residentEligible, residentFits } from './resident.js';
import { fillBernoulliUnchecked, fillNormalUnchecked } from '../random/kernels.js';
import { hiddenMeansUnchecked, visibleMeanUnchecked, visibleProbabilitiesUnchecked } from './conditionals.js';
import { sampleHiddenGivenVisibleUnchecked, sampleVisibleGivenHiddenUnchecked } from './sampling.js';
import { cdUpdateUnchecked, createRBMGradient, type RBMGradient } from './gradient.js';
import { klFromEmpirical, logLikelihoodExact } from './exact.js';
import {
  resolveOptions, type BinarizeMode, type EpochMetrics, type HiddenStatistics, type ResolvedOptions, type TrainOptions,
} from './train-options.js';
import { checkMatrix32, describe } from './validate.js';

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
 * const data = barsAndStripes(3); // the 14 bars-and-stripes patterns of 3x3 pixels
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * contrastiveDivergence(rbm, data, { k: 1, epochs: 50, learningRate: 0.1 }, new Rng(1));
 */
export function contrastiveDivergence(rbm: RBM, data: Matrix, options: Omit<TrainOptions, 'method' | 'persistentChains' | 'chains'>, rng: Rng): TrainResult {
  checkOptionsObject('contrastiveDivergence', options);
  if ('method' in options && (options as TrainOptions).method !== 'cd') {
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
 * const data = barsAndStripes(3); // the 14 bars-and-stripes patterns of 3x3 pixels
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * const { chains } = persistentContrastiveDivergence(rbm, data, { persistentChains: 100, epochs: 20 }, new Rng(1));
 */
export function persistentContrastiveDivergence(rbm: RBM, data: Matrix, options: Omit<TrainOptions, 'method'>, rng: Rng): TrainResult {
  checkOptionsObject('persistentContrastiveDivergence', options);
  if ('method' in options && (options as TrainOptions).method !== 'pcd') {
    throw new RangeError(`persistentContrastiveDivergence: options.method must be absent or 'pcd', got ${describe((options as TrainOptions).method)}`);
  }
  return train('persistentContrastiveDivergence', rbm, data, { ...options, method: 'pcd' }, rng);
}

function checkOptionsObject(fn: string, options: unknown): asserts options is object {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
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
  checkTrainingData(fn, rbm, data, o.binarize);

  const run = createRun(rbm, data, o, rng); // every buffer the minibatch loop touches
  // A Bernoulli RBM trained with SGD or momentum (weight decay allowed) runs the resident loop (resident.ts: the same
  // numbers, W kept in wasm memory, the pool's threads as a team); every other run the
  // readable loop below, with its products (products.ts) on sparse kernels and the pool.
  const rows = Math.max(Math.min(o.batchSize, data.rows), run.chainX === null ? 0 : run.chainX.rows);
  if (residentEligible(rbm, o) && residentFits(rbm.nVisible, rbm.nHidden, rows)) {
    try {
      run.resident = new ResidentTrainer(rbm, rows, teamMaker(o.pool));
    } catch {
      run.resident = null; // no memory for it (or an engine that will not compile its kernels here): the readable loop
    }
  }
  return withProducts({ sparse: rbm.kind === 'bernoulli', pool: o.pool }, () => epochs(fn, run, rng));
}

/** How the resident loop gets its threads: the pool's team, if it has one. */
function teamMaker(pool: ProductPool | null): ConstructorParameters<typeof ResidentTrainer>[2] {
  if (pool === null || typeof pool.team !== 'function') return null;
  const url = new URL(import.meta.url.endsWith('.ts') ? './resident.ts' : './resident.js', import.meta.url);
  return (init) => (pool.team as NonNullable<ProductPool['team']>)(url, 'residentStep', init);
}

/** The epochs of a run (products already set up by the caller). */
function epochs(fn: string, run: TrainingRun, rng: Rng): TrainResult {
  const { rbm, o } = run;
  const metrics: EpochMetrics[] = [];
  const progress = progressReporter(fn, o.epochs * run.nBatches, { progress: o.progress, onProgress: o.onProgress ?? undefined }, 'updates');
  let note = '';
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const more = oneEpoch(fn, run, rng, epoch, progress, metrics, note);
      note = progressNote(o, metrics[metrics.length - 1]);
      if (!more) break;
    }
  } finally {
    // An epoch that threw left the newest parameters in the resident memory: copy them out,
    // unless a step failed part-way (then the model keeps the parameters of the epoch's start).
    if (run.resident !== null) {
      if (run.resident.holdsNewer && !run.resident.broken) run.resident.copyOut(rbm, run.chainX);
      run.resident.close();
    }
  }
  progress?.finish(run.updates, note);
  return { metrics, chains: run.chainX, updates: run.updates };
}

/** One epoch: its minibatches, metrics and callbacks. Returns false when onEpoch asks to stop. */
function oneEpoch(fn: string, run: TrainingRun, rng: Rng, epoch: number, progress: ReturnType<typeof progressReporter>,
  metrics: EpochMetrics[], note: string): boolean {
  const { rbm, o, resident } = run;
  const tEpoch = now();
  const lr = typeof o.learningRate === 'number' ? o.learningRate : o.learningRate(epoch);
  if (typeof lr !== 'number' || !Number.isFinite(lr) || !(lr > 0)) {
    throw new RangeError(`${fn}: options.learningRate(${epoch}) must return a finite number > 0, got ${describe(lr)} (epoch ${epoch + 1}/${o.epochs})`);
  }
  run.optimizer.lr = lr;
  // The resident loop works on its own copy of the parameters (and chains) during the epoch.
  if (resident !== null) resident.copyIn(rbm, run.chainX);
  // N-OPT-06 mini-batches: the same seeded permutation shuffledBatches makes, cut by offsets.
  shufflePermutation(run.order, rng);
  for (let batch = 0; batch < run.nBatches; batch++) {
    if (resident === null) {
      trainMinibatch(run, batch * o.batchSize, rng);
      run.updates++;
      checkFiniteParameters(fn, rbm, epoch, o.epochs, batch, run.nBatches, lr, o.optimizer);
    } else {
      const finite = residentMinibatch(run, resident, batch * o.batchSize, rng);
      run.updates++;
      if (!finite) {
        resident.copyOut(rbm, run.chainX);
        checkFiniteParameters(fn, rbm, epoch, o.epochs, batch, run.nBatches, lr, o.optimizer); // throws, naming the entry
      }
    }
    if (progress !== null) progress.update(run.updates, note);
  }
  if (resident !== null) resident.copyOut(rbm, run.chainX);
  const m = epochMetrics(run, epoch, lr);
  m.seconds = now() - tEpoch;
  metrics.push(m);
  if (progress !== null) progress.update(run.updates, progressNote(o, m));
  return !(o.onEpoch !== null && o.onEpoch(m, rbm) === false);
}

/**
 * One minibatch on the resident loop (resident.ts): the same six steps as
 * {@link trainMinibatch}, with X0 gathered and binarized into the loop's own memory.
 * Returns whether every parameter is finite afterwards.
 */
function residentMinibatch(run: TrainingRun, resident: ResidentTrainer, start: number, rng: Rng): boolean {
  const { o } = run;
  const n0 = Math.min(o.batchSize, run.data.rows - start);
  const x0 = resident.batch(n0);
  gatherRows(x0, run.data, run.order, start); // 1. X0 (N-OPT-06)
  if (o.binarize !== 'none') binarizeInPlace(x0, x0, o.binarize, rng); // (N-CDT-02)
  const persistent = run.chainX !== null;
  const momentum = o.optimizer === 'momentum' ? o.momentum : null; // γ (the readable loop's Momentum optimizer starts from zero velocity, as the resident one)
  return resident.minibatch(n0, persistent ? (run.chainX as Matrix).rows : n0, persistent, o.k, run.optimizer.lr, o.weightDecay, momentum, rng);
}

/** Everything one training run keeps between minibatches, allocated before the first epoch. */
interface TrainingRun {
  rbm: RBM;
  data: Matrix;
  o: ResolvedOptions;
  order: Uint32Array; // the epoch's shuffle of the data rows
  nBatches: number;
  full: BatchBuffers; // buffers of a full minibatch
  rest: BatchBuffers | null; // views of them for the shorter last minibatch
  chainX: Matrix | null; // PCD: the persistent chains' states
  chainHs: Matrix | null; // PCD: hidden samples inside the chains
  chainHk: Matrix | null; // PCD: hidden statistics of the negative phase
  chainNoise: Float32Array | null; // PCD with visibleNoiseStd
  grad: RBMGradient; // the update direction, then the gradient of C
  negative: RBMGradient; // the negative phase inside cdUpdate
  sigma: Float32Array | null; // Gaussian-binary widths, if trained
  logSigma: Float32Array | null; // their logarithms, the trained parameters
  optimizer: Optimizer;
  updates: number;
  resident: ResidentTrainer | null; // the resident loop, when the run allows it (resident.ts)
}

function createRun(rbm: RBM, data: Matrix, o: ResolvedOptions, rng: Rng): TrainingRun {
  const n = data.rows, M = rbm.nVisible, N = rbm.nHidden, B = o.batchSize;
  const noise = o.visibleNoiseStd > 0;
  const full = createBatchBuffers(null, B, M, N, noise);
  const rest = n % B === 0 ? null : createBatchBuffers(full, n % B, M, N, noise);
  let chainX: Matrix | null = null, chainHs: Matrix | null = null, chainHk: Matrix | null = null, chainNoise: Float32Array | null = null;
  if (o.method === 'pcd') {
    const C = o.persistentChains;
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
  const trainSigma = rbm.kind === 'gaussian-bernoulli' && rbm.trainSigma;
  const grad = createRBMGradient(rbm), negative = createRBMGradient(rbm);
  if (!trainSigma) grad.logSigma = negative.logSigma = null;
  const sigma = trainSigma ? rbm.sigma : null;
  const firstRate = typeof o.learningRate === 'number' ? o.learningRate : 1; // replaced at each epoch
  const optimizer: Optimizer = o.optimizer === 'adam'
    ? new Adam({ lr: firstRate })
    : o.optimizer === 'momentum' ? new Momentum({ lr: firstRate, gamma: o.momentum }) : new SGD({ lr: firstRate });
  return {
    rbm, data, o, order: new Uint32Array(n), nBatches: Math.ceil(n / B), full, rest, chainX, chainHs, chainHk, chainNoise,
    grad, negative, sigma, logSigma: sigma === null ? null : Float32Array.from(sigma, (s) => Math.log(s)), optimizer, updates: 0, resident: null,
  };
}

/** One parameter update from the minibatch of data rows order[start ..]: the six steps of {@link trainRBM}. */
function trainMinibatch(run: TrainingRun, start: number, rng: Rng): void {
  const { rbm, o, grad, optimizer } = run;
  const buf = run.data.rows - start >= o.batchSize ? run.full : (run.rest as BatchBuffers);
  // 1. The minibatch X0 (N-OPT-06), binarized if asked (N-CDT-02).
  gatherRows(buf.X0.data, run.data, run.order, start);
  if (o.binarize !== 'none') binarizeInPlace(buf.X0.data, buf.X0.data, o.binarize, rng);
  // 2. Positive phase (N-RBM-10): x clamped to the data, H0 = E[h | x] (or samples, N-CDT-05).
  hiddenStatistics(buf.H0, rbm, buf.X0, o.statistics, rng);
  // 3. Negative phase (N-RBM-11).
  let Xk: Matrix, Hk: Matrix;
  if (run.chainX !== null) {
    // X-PCD: advance the persistent chains k steps under the current parameters.
    Xk = run.chainX;
    advanceChains(Xk, run.chainHs as Matrix, rbm, o.k, o.visibleNoiseStd, run.chainNoise, rng);
    Hk = hiddenStatistics(run.chainHk as Matrix, rbm, Xk, o.statistics, rng);
  } else {
    // N-CD-01: v^(0) = x_data, k block-Gibbs steps. For a Bernoulli RBM with probabilities in
    // the positive phase, H0 already holds p(h | x_data), the same bits the chain's first step
    // would compute, so the first hidden sample is drawn from H0 (one product fewer per update).
    Xk = buf.Xk;
    Xk.data.set(buf.X0.data);
    const reuse = rbm.kind === 'bernoulli' && o.statistics === 'probabilities' ? buf.H0 : null;
    advanceChains(Xk, buf.Hs, rbm, o.k, o.visibleNoiseStd, buf.noise, rng, reuse);
    Hk = hiddenStatistics(buf.Hk, rbm, Xk, o.statistics, rng);
  }
  // 4. Gradient of C = −(positive − negative) (N-COST-02, N-RBM-09), + 2λW (N-COST-06).
  cdUpdateUnchecked(grad, run.negative, rbm, buf.X0, buf.H0, Xk, Hk);
  negate(grad);
  if (o.weightDecay > 0) addWeightDecay(grad.W.data, rbm.W.data, o.weightDecay);
  // 5. One optimizer step on every parameter array (log σ for trained Gaussian widths).
  optimizer.step(rbm.W.data, grad.W.data);
  optimizer.step(rbm.a, grad.a);
  optimizer.step(rbm.b, grad.b);
  if (run.logSigma !== null && run.sigma !== null && grad.logSigma !== null) {
    optimizer.step(run.logSigma, grad.logSigma);
    for (let i = 0; i < rbm.nVisible; i++) run.sigma[i] = Math.exp(run.logSigma[i]);
  }
  // 6. (The caller checks that every parameter is still finite.)
}

/** g = −g for every array of the gradient (exact in float32). */
function negate(g: RBMGradient): void {
  negateArray(g.W.data);
  negateArray(g.a);
  negateArray(g.b);
  if (g.logSigma !== null) negateArray(g.logSigma);
}

function negateArray(v: Float32Array): void {
  for (let q = 0; q < v.length; q++) v[q] = -v[q];
}

/** The metrics after an epoch: reconstruction error and exact evaluation as asked (seconds filled in by the caller). */
function epochMetrics(run: TrainingRun, epoch: number, lr: number): EpochMetrics {
  const { rbm, data, o } = run;
  const m: EpochMetrics = { epoch: epoch + 1, learningRate: lr, reconstructionError: NaN, seconds: 0 };
  if (o.reconstructionError) m.reconstructionError = meanFieldReconstructionError(rbm, data, run.full, run.rest, o.batchSize);
  if (o.evaluate === 'kl') m.kl = klFromEmpirical(rbm, data);
  else if (o.evaluate === 'logLikelihood') m.logLikelihood = logLikelihoodExact(rbm, data) / data.rows;
  return m;
}

/** The epoch and its metrics, shown after the progress bar's count: 'epoch 3/10  lr 0.0100  KL 0.532'. */
function progressNote(o: ResolvedOptions, m: EpochMetrics): string {
  const parts = [`epoch ${m.epoch}/${o.epochs}`, `lr ${m.learningRate.toPrecision(3)}`];
  if (o.reconstructionError) parts.push(`recon ${m.reconstructionError.toPrecision(4)}`);
  if (m.kl !== undefined) parts.push(`KL ${m.kl.toPrecision(4)}`);
  if (m.logLikelihood !== undefined) parts.push(`logL ${m.logLikelihood.toPrecision(5)}`);
  return parts.join('  ');
}

// ---------------------------------------------------------------------------------------------
// The chains and hidden statistics the loop needs, on the unchecked kernels.

/** Hidden statistics of one phase: E[h | x] or a sample h ~ p(h | x) (N-CDT-05). */
function hiddenStatistics(out: Matrix, rbm: RBM, X: Matrix, statistics: HiddenStatistics, rng: Rng): Matrix {
  return statistics === 'samples' ? sampleHiddenGivenVisibleUnchecked(out, rbm, X, rng) : hiddenMeansUnchecked(out, rbm, X);
}

/**
 * k block-Gibbs steps in place on the states X (N-GIBBS-02): H ~ p(h | X), X ~ p(x | H); with
 * visibleNoiseStd > 0 (N-CDT-01) the visible step is X = p(x | H) + std · ε instead. If
 * `firstProbabilities` (0/1 units only) holds p(h | X) for the starting X, the first hidden draw
 * uses it instead of recomputing it (the same draw, from the same random words).
 */
function advanceChains(X: Matrix, H: Matrix, rbm: RBM, k: number, visibleNoiseStd: number, noise: Float32Array | null, rng: Rng,
  firstProbabilities: Matrix | null = null): void {
  for (let t = 0; t < k; t++) {
    // N-GIBBS-02 / N-CD-01  h^(t) ~ p(h | v^(t)),  v^(t+1) ~ p(v | h^(t))
    if (t === 0 && firstProbabilities !== null) fillBernoulliUnchecked(rng, H.data, firstProbabilities.data); // h ~ p(h | v^(0)), given
    else sampleHiddenGivenVisibleUnchecked(H, rbm, X, rng);
    if (visibleNoiseStd > 0 && noise !== null) {
      // N-CDT-01 (tutorial choice): v = p(v | h) + std ε, not a draw from p(v | h)
      visibleProbabilitiesUnchecked(X, rbm, H);
      fillNormalUnchecked(rng, noise, 0, visibleNoiseStd);
      const x = X.data;
      for (let q = 0; q < x.length; q++) x[q] += noise[q];
    } else {
      sampleVisibleGivenHiddenUnchecked(X, rbm, H, rng);
    }
  }
}

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

/** Copies data rows order[start ..] into x (as many rows as x holds). */
function gatherRows(x: Float32Array, data: Matrix, order: Uint32Array, start: number): void {
  const M = data.cols, d = data.data, rows = x.length / M;
  for (let r = 0; r < rows; r++) {
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

/** Throws unless the training data fit the model: n >= 1 rows of nVisible finite values in the unit kind's range. */
function checkTrainingData(fn: string, rbm: RBM, data: Matrix, binarize: BinarizeMode): void {
  if (data.cols !== rbm.nVisible) throw new RangeError(`${fn}: data is ${shapeOf(data)} but the RBM has nVisible = ${rbm.nVisible}`);
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  const x = data.data, M = data.cols;
  for (let q = 0; q < x.length; q++) {
    const v = x[q];
    if (Number.isFinite(v) && (rbm.kind === 'bernoulli' ? v >= 0 && v <= 1 : rbm.kind !== 'spin' || (v >= -1 && v <= 1))) continue;
    const where = `data[${Math.floor(q / M)}, ${q % M}]`; // the message is built only for the entry that fails
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${where} must be finite, got ${v}`);
    if (rbm.kind === 'bernoulli') {
      throw new RangeError(`${fn}: ${where} must be in [0, 1] for a Bernoulli RBM${binarize === 'none' ? '' : ` (binarize '${binarize}')`}, got ${v}`);
    }
    throw new RangeError(`${fn}: ${where} must be in [-1, 1] for a spin RBM, got ${v}`);
  }
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
    hiddenMeansUnchecked(buf.H0, rbm, buf.X0);
    visibleMeanUnchecked(buf.R, rbm, buf.H0);
    const x = buf.X0.data, r = buf.R.data;
    for (let q = 0; q < x.length; q++) {
      const diff = x[q] - r[q];
      s += diff * diff;
    }
  }
  return s / (n * M);
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
    throw new TypeError(`${fn}: rng must be an Rng (mode 'sample' draws from it), got ${describe(rng)}`);
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

