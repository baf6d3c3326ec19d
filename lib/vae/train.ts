/**
 * Training a VAE: shuffled mini-batches (N-OPT-06), one sample of eps per data point per step,
 * the gradient of the batch's summed negative ELBO (pytorch/examples' reduction; Adam is
 * insensitive to the scale of the gradient apart from its eps), Adam from lib/optim.
 */
import { progressReporter, type ProgressInfo } from '../progress/index.js';
import { fillNormalUnchecked } from '../random/kernels.js';
import type { Rng } from '../random/index.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { Adam, shufflePermutation, type Optimizer } from '../optim/index.js';
import { VAE, VAEGradient, VAEWorkspace, checkVAEWorkspace, vaeBackwardUnchecked, vaeForwardUnchecked } from './model.js';
import { checkCount, checkMatrix32, checkRng, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';
import type { ThreadTeam } from '../rbm/index.js';
import { VAETeamTrainer, vaeTeamAllowed, vaeTeamInit } from './team.js';

/** What one epoch of {@link trainVAE} measured. Losses are per data point (sums / rows). */
export interface VAEEpochMetrics {
  epoch: number;
  /** Mean negative ELBO over the epoch's batches, with the parameters of each step (as torch prints it). */
  trainLoss: number;
  /** Its reconstruction part, mean -log p(x | z). */
  trainReconstruction: number;
  /** Its KL part, mean D[Q(z | x) || p(z)]. */
  trainKl: number;
  /** One-sample negative ELBO on `options.test` after the epoch (when a test set is given). */
  testLoss?: number;
  testReconstruction?: number;
  testKl?: number;
  /** Seconds of training (not counting the test evaluation). */
  seconds: number;
}

/** Options of {@link trainVAE}. */
export interface TrainVAEOptions {
  /** Passes over the data (positive integer). */
  epochs: number;
  /** Rows per mini-batch (default 128, as pytorch/examples); the last batch of an epoch may be shorter. */
  batchSize?: number;
  /** Adam's learning rate (default 1e-3); ignored when `optimizer` is given. */
  learningRate?: number;
  /** Any lib/optim optimizer (default `new Adam({ lr: learningRate })`). */
  optimizer?: Optimizer;
  /** Evaluated after every epoch (one eps sample per row, batches of `batchSize`), as pytorch/examples' test(). */
  test?: Matrix;
  /**
   * true: a throttled progress line on stderr (a bar over all minibatch steps, rate, ETA, the
   * epoch with its loss, KL and test loss); a function: receives that epoch summary once per epoch.
   */
  progress?: boolean | ((line: string) => void);
  /** The same throttled updates as objects ({@link ProgressInfo}; `note` holds the epoch summary). */
  onProgress?: (info: ProgressInfo) => void;
  /** Called after every epoch; return false to stop early. */
  onEpoch?: (metrics: VAEEpochMetrics, model: VAE) => boolean | void;
  /**
   * Run the encoder's hidden-layer products, whose left operand is the data (MNIST images are
   * about 19 % nonzeros), through `sparseGemm`, which skips the zeros with the same bits as gemm
   * (default true; it calls gemm when more than 40 % are nonzero).
   */
  sparse?: boolean;
  /**
   * Threads for training, bit-identical to one thread. A `WorkerPool` from `boltzmann/node`:
   * with the default optimizer each step runs on its team in two phases (team.ts: rows of the
   * batch, then rows of the weights); with `options.optimizer` given, or an object with only
   * `gemm` (`{ gemm: (out, a, b, opts) => pool.gemm(out, a, b, opts) }`), the products are split.
   */
  pool?: {
    gemm: (out: Matrix, a: Matrix, b: Matrix, opts?: { transA?: boolean; transB?: boolean; alpha?: number; beta?: number }) => Matrix;
    /** A team of threads (WorkerPool.team): with the default optimizer the whole step is split over it (team.ts). */
    team?: (moduleUrl: string | URL, exportName: string, init: unknown) => ThreadTeam;
  };
}

const OPTION_KEYS = ['epochs', 'batchSize', 'learningRate', 'optimizer', 'test', 'progress', 'onProgress', 'onEpoch', 'pool', 'sparse'];

const now = (): number => performance.now() / 1000;

/** Copies rows order[start .. start + out.rows) of data into out. */
function gatherRows(out: Matrix, data: Matrix, order: Uint32Array, start: number): void {
  const D = data.cols;
  for (let r = 0; r < out.rows; r++) {
    const src = order[start + r] * D;
    out.data.set(data.data.subarray(src, src + D), r * D);
  }
}

function sumOf(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** The first non-finite entry of a, as "[i]" or "[row, col]" with its value, or null. */
function firstNonFinite(a: Float32Array | Float64Array, cols: number): string | null {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) return `${cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`} = ${a[i]}`;
  }
  return null;
}


/**
 * Throws naming the first non-finite tensor of the step: the forward quantities in the order
 * they are computed, then (if the forward was finite) the gradients and the updated parameters.
 */
function reportNonFinite(fn: string, model: VAE, ws: VAEWorkspace, grad: VAEGradient | null, where: string): never {
  const v = ws.views(ws.rows);
  const names = model.parameterNames();
  const params = model.parameters();
  for (let i = 0; i < params.length; i++) {
    const bad = firstNonFinite(params[i], names[i][1]);
    if (bad) throw new Error(`${fn}: ${where}: parameter ${names[i][0]}${bad} is not finite (it became so in an earlier update: lower the learning rate)`);
  }
  const forward: [string, Float32Array | Float64Array, number][] = [
    ['h (encoder output)', ws.h?.data ?? new Float32Array(0), ws.h?.cols ?? 0], ['mu', v.mu.data, model.latentSize],
    ['logSigma', v.logSigma.data, model.latentSize], ['z', v.z.data, model.latentSize],
    [model.likelihood === 'bernoulli' ? 'decoder logits' : 'decoder mean', ws.out?.data ?? new Float32Array(0), model.inputSize],
    ['reconstruction term -log p(x|z)', v.reconstruction, 0], ['KL term', v.kl, 0],
  ];
  for (const [name, a, cols] of forward) {
    const bad = firstNonFinite(a, cols);
    if (bad) throw new Error(`${fn}: ${where}: the forward pass produced a non-finite ${name}${bad} (batch row, column)`);
  }
  if (grad !== null) {
    const g = grad.arrays();
    for (let i = 0; i < g.length; i++) {
      const bad = firstNonFinite(g[i], names[i][1]);
      if (bad) throw new Error(`${fn}: ${where}: the gradient of ${names[i][0]}${bad} is not finite`);
    }
  }
  throw new Error(`${fn}: ${where}: the loss is not finite`);
}

/**
 * Trains `model` in place on the rows of `data` (n x D) by minimizing the one-sample negative
 * ELBO (N-VAE-08) with Adam, pytorch/examples' recipe by default: batch 128, lr 1e-3, a fresh
 * shuffle each epoch, one eps per data point per step. Every draw (shuffle, eps) comes from `rng`.
 * Stops with an error naming the step and the tensor when anything becomes NaN or infinite.
 *
 * @returns one {@link VAEEpochMetrics} per epoch run
 * @example
 * import { Rng, trainVAE, VAE } from 'boltzmann';
 * import { loadMnist } from 'boltzmann/node';
 * // the first 512 training and 128 test digits here; all 60,000 and 10,000 in a real run
 * const { images } = loadMnist({ split: 'train', limit: 512 });
 * const { images: testImages } = loadMnist({ split: 'test', limit: 128 });
 * const vae = VAE.create({ inputSize: 784, latentSize: 20, hidden: [400] }, new Rng(1));
 * trainVAE(vae, images, { epochs: 1, test: testImages, progress: true }, new Rng(2)); // epochs: 10 for ~105 nats
 */
export function trainVAE(model: VAE, data: Matrix, options: TrainVAEOptions, rng: Rng): VAEEpochMetrics[] {
  const fn = 'trainVAE';
  if (!(model instanceof VAE)) throw new TypeError(`${fn}: model must be a VAE, got ${describe(model)}`);
  checkMatrix32(fn, 'data', data);
  if (data.cols !== model.inputSize) throw new RangeError(`${fn}: data is ${data.rows}x${data.cols} but the VAE takes ${model.inputSize} inputs per row`);
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  const badData = firstNonFinite(data.data, data.cols);
  if (badData !== null) throw new RangeError(`${fn}: data${badData.replace(' = ', ' is ')}; the data must be finite`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object like { epochs: 10 }, got ${describe(options)}`);
  checkOptionKeys(fn, options, OPTION_KEYS);
  checkCount(fn, 'options.epochs', options.epochs);
  const B = options.batchSize ?? 128;
  checkCount(fn, 'options.batchSize', B);
  const lr = options.learningRate ?? 1e-3;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || !(lr > 0)) throw new RangeError(`${fn}: options.learningRate must be a finite number > 0, got ${describe(lr)}`);
  if (options.test !== undefined) {
    checkMatrix32(fn, 'options.test', options.test);
    if (options.test.cols !== model.inputSize) throw new RangeError(`${fn}: options.test is ${options.test.rows}x${options.test.cols} but the VAE takes ${model.inputSize} inputs per row`);
  }
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).fillNormal !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const say = typeof options.progress === 'function' ? options.progress : null;
  const opt = options.optimizer ?? new Adam({ lr });
  if (typeof opt.step !== 'function') throw new TypeError(`${fn}: options.optimizer must have a step(params, grads) method, got ${describe(opt)}`);

  const n = data.rows;
  if (options.pool !== undefined && (options.pool === null || typeof options.pool.gemm !== 'function')) {
    throw new TypeError(`${fn}: options.pool must have a gemm(out, a, b, opts) method (a WorkerPool from boltzmann/node), got ${describe(options.pool)}`);
  }
  const pool = options.pool;
  const ws = new VAEWorkspace(model, Math.min(B, Math.max(n, options.test?.rows ?? 1)), {
    ...(pool ? { gemm32: (out, a, b, opts) => pool.gemm(out, a, b, opts) } : {}),
    ...(options.sparse !== undefined ? { sparse: options.sparse } : {}),
  });
  const grad = new VAEGradient(model);
  let params = model.parameters(); // re-read every epoch: an onEpoch may replace an array
  const grads = grad.arrays();
  // With a pool that has a team and the default optimizer, each step runs on the team in two
  // phases (team.ts: rows of the batch, then rows of the weights), with the bits of the loop below.
  // The default optimizer on the wasm backend: the step runs in team.ts's two phases (parameters
  // and Adam's state in wasm memory, Adam in a SIMD kernel), on a WorkerPool's team when one is
  // given, else on this thread alone; an `optimizer` of the caller's, or a pool with only gemm,
  // runs the loop below. The same bits every way.
  const useTeam = options.optimizer === undefined && vaeTeamAllowed() && (pool === undefined || typeof pool.team === 'function');
  const order = new Uint32Array(n);
  const batchFull = matrix(Math.min(B, n), model.inputSize);
  const batchRest = n % B === 0 || n < B ? null : matrix(n % B, model.inputSize);
  const nBatches = Math.ceil(n / B);
  const metrics: VAEEpochMetrics[] = [];
  let step = 0;
  const progress = progressReporter(fn, options.epochs * nBatches, { progress: options.progress === true, onProgress: options.onProgress }, 'steps');
  let note = '';

  let team: VAETeamTrainer | null = null;
  try {
  // (made here, after every option is checked, so that nothing between it and the finally can strand its workers)
  if (useTeam) team = teamTrainer(model, Math.min(B, n), pool?.team?.bind(pool) ?? null, opt as Adam);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const tEpoch = now();
    shufflePermutation(order, rng); // N-OPT-06
    let sumLoss = 0, sumRec = 0, sumKl = 0;
    params = model.parameters(); // (a replaced array gets a fresh optimizer state, as Adam keeps one per array)
    team?.copyIn(model);
    for (let b = 0; b < nBatches; b++) {
      step++;
      if (team !== null) {
        // the same step on the team: the batch and ε into its shared buffer, then the two phases
        const rows = Math.min(B, n - b * B), shared = team.batch(rows);
        gatherRows(shared.x, data, order, b * B);
        fillNormalUnchecked(rng, shared.eps, 0, 1); // eps ~ N(0, I), one row per data point
        const t = team.forward(rows, 1);
        if (!Number.isFinite(t.loss)) {
          // the readable loop's report, from the same batch and noise on this thread
          team.copyOut(model);
          const v = ws.views(rows);
          v.eps.data.set(shared.eps);
          vaeForwardUnchecked(model, ws, shared.x);
          reportNonFinite(fn, model, ws, null, `step ${step} (epoch ${epoch}, batch ${b + 1}/${nBatches})`);
        }
        team.update(rows);
        sumLoss += t.loss; sumRec += t.reconstruction; sumKl += t.kl;
        if (progress !== null) progress.update(step, note);
        continue;
      }
      const x = n - b * B >= batchFull.rows ? batchFull : (batchRest as Matrix); // (batchFull has min(B, n) rows: all of a set smaller than one batch)
      gatherRows(x, data, order, b * B);
      const v = ws.views(x.rows);
      fillNormalUnchecked(rng, v.eps.data, 0, 1); // eps ~ N(0, I), one row per data point
      const t = vaeForwardUnchecked(model, ws, x);
      const where = `step ${step} (epoch ${epoch}, batch ${b + 1}/${nBatches})`;
      if (!Number.isFinite(t.loss)) reportNonFinite(fn, model, ws, null, where);
      vaeBackwardUnchecked(model, ws, grad, 1); // gradient of the batch's summed loss
      for (let i = 0; i < params.length; i++) opt.step(params[i], grads[i]);
      sumLoss += t.loss; sumRec += t.reconstruction; sumKl += t.kl;
      if (progress !== null) progress.update(step, note);
    }
    team?.copyOut(model);
    // A NaN in an update shows up in the next forward pass; check the last update here too.
    for (let i = 0; i < params.length; i++) {
      if (!Number.isFinite(sumOf(params[i]))) reportNonFinite(fn, model, ws, grad, `after step ${step} (end of epoch ${epoch})`);
    }
    const seconds = now() - tEpoch;
    const m: VAEEpochMetrics = { epoch, trainLoss: sumLoss / n, trainReconstruction: sumRec / n, trainKl: sumKl / n, seconds };
    if (options.test !== undefined) {
      const e = evaluateLoss(model, ws, options.test, rng);
      m.testLoss = e.loss; m.testReconstruction = e.reconstruction; m.testKl = e.kl;
    }
    metrics.push(m);
    const parts = [`epoch ${epoch}/${options.epochs}`, `loss ${m.trainLoss.toFixed(3)}`, `KL ${m.trainKl.toFixed(3)}`];
    if (m.testLoss !== undefined) parts.push(`test loss ${m.testLoss.toFixed(3)}`);
    note = parts.join('  ');
    if (progress !== null) progress.update(step, note);
    if (say) say(`${fn} ${note}  ${seconds.toFixed(2)} s/epoch`);
    if (options.onEpoch && options.onEpoch(m, model) === false) break;
  }
  } finally {
    // An exception mid-epoch (a throwing onProgress, say) leaves the newest parameters in the
    // team's memory: copy them out (the one-thread loop keeps every step taken), unless a phase
    // failed part-way (then the model keeps the epoch's start).
    if (team !== null && team.holdsNewer && !team.broken) team.copyOut(model);
    team?.close();
  }
  progress?.finish(step, note);
  return metrics;
}

/**
 * The one-sample negative ELBO averaged over the rows of x (pytorch/examples' test loss: the
 * summed loss / n), evaluated in batches of the workspace's size; one eps draw per row from rng.
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const testImages = barsAndStripes(4);
 * evaluateLoss(vae, new VAEWorkspace(vae, 128), testImages, new Rng(5)).loss; // ~105 nats for an MNIST VAE after 10 epochs
 */
export function evaluateLoss(model: VAE, ws: VAEWorkspace, x: Matrix, rng: Rng): { loss: number; reconstruction: number; kl: number } {
  const fn = 'evaluateLoss';
  if (!(model instanceof VAE)) throw new TypeError(`${fn}: model must be a VAE, got ${describe(model)}`);
  checkMatrix32(fn, 'x', x);
  if (x.cols !== model.inputSize) throw new RangeError(`${fn}: x is ${x.rows}x${x.cols} but the VAE takes ${model.inputSize} inputs per row`);
  checkVAEWorkspace(fn, model, ws);
  checkRng(fn, rng);
  let R = 0, K = 0;
  const D = model.inputSize;
  for (let start = 0; start < x.rows; start += ws.maxRows) {
    const rows = Math.min(ws.maxRows, x.rows - start);
    const xb: Matrix = { rows, cols: D, data: x.data.subarray(start * D, (start + rows) * D) };
    const v = ws.views(rows);
    fillNormalUnchecked(rng, v.eps.data, 0, 1);
    const t = vaeForwardUnchecked(model, ws, xb);
    R += t.reconstruction; K += t.kl;
  }
  return { loss: (R + K) / x.rows, reconstruction: R / x.rows, kl: K / x.rows };
}

/**
 * The team trainer for a run, or null when the pool's team is this thread alone (then the
 * one-thread loop is as fast) or the shared buffer cannot be made.
 */
function teamTrainer(model: VAE, maxRows: number, makeTeam: NonNullable<NonNullable<TrainVAEOptions['pool']>['team']> | null, adam: Adam): VAETeamTrainer | null {
  const url = new URL(import.meta.url.endsWith('.ts') ? './team.ts' : './team.js', import.meta.url);
  const settings = { lr: adam.lr, beta1: adam.beta1, beta2: adam.beta2, eps: adam.eps };
  let init: ReturnType<typeof vaeTeamInit>;
  if (makeTeam !== null) {
    try {
      init = vaeTeamInit(model, maxRows, true);
    } catch {
      return null; // no shared memory of that size here: the loop below
    }
    const trainer = new VAETeamTrainer(init, (i) => makeTeam(url, 'vaeTeamStep', i), settings);
    if (trainer.parts > 1) return trainer;
    trainer.close(); // no idle worker: this thread alone, below
  }
  try {
    init = vaeTeamInit(model, maxRows, false);
  } catch {
    return null;
  }
  return new VAETeamTrainer(init, () => THIS_THREAD, settings);
}

/** A team of this thread alone. */
const THIS_THREAD: ThreadTeam = { parts: 1, run: (local) => local(0, 1), close: () => {} };
