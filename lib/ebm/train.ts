/**
 * Training an energy network with Langevin negatives (N-LANG-03; Du & Mordatch 2019), the loop of
 * the module. Each step:
 *
 *  1. x⁺: the next minibatch of data (seeded shuffle each epoch);
 *  2. x⁻: B chains taken from a persistent replay buffer, each replaced by fresh uniform noise with
 *     probability `reinitProbability`, moved by `langevin.steps` Langevin steps, and written back;
 *  3. one forward pass of the stacked [x⁺; x⁻] (2B rows), dL/dE from `contrastiveLossBackward`,
 *     back-propagation, and an optimizer step on every weight and bias.
 *
 * Buffers are allocated once per call.
 */
import { progressReporter, type ProgressInfo } from '../progress/index.js';
import type { Rng } from '../random/index.js';
import { Adam, shuffledBatches, type Optimizer } from '../optim/index.js';
import { matrix, matrix64 } from '../linalg/matrix.js';
import { checkMLP } from '../nn/mlp.js';
import { createGradient, createWorkspace, type MLP, type NNMatrix } from '../nn/index.js';
import { mlpBackwardUnchecked, mlpForwardUnchecked } from '../nn/kernels.js';
import { checkOptionKeys, checkRng, describe } from '../checks/index.js';
import { checkEnergyNet } from './energy.js';
import { contrastiveLoss, contrastiveLossGradient } from './loss-kernels.js';
import { checkLangevinSettings, langevinChainsUnchecked, type LangevinSettings } from './langevin.js';

/** Options of {@link trainEBM}. */
export interface TrainEBMOptions {
  /** Passes over the data (positive integer). */
  epochs: number;
  /** Data rows per step, and negatives per step (positive integer). */
  batchSize: number;
  /** The sampler for the negatives. */
  langevin: LangevinSettings;
  /** Weight α of the energy-magnitude regularizer (>= 0). */
  alpha: number;
  /** Chains kept in the replay buffer (positive integer). */
  bufferSize: number;
  /** Probability that a chain taken from the buffer restarts from fresh uniform noise, in [0, 1]. */
  reinitProbability: number;
  /** The box [lo, hi] (every coordinate) the fresh noise is drawn from. */
  initRange: readonly [number, number];
  /** Optimizer of the network's parameters. */
  optimizer: Optimizer;
  /** Called after every step with the step's loss and mean energies. */
  onStep?: (report: EBMStepReport) => void;
  /** A throttled progress line on stderr: a bar over all steps, rate, ETA, the epoch and the loss (default false). */
  progress?: boolean;
  /** The same throttled updates as objects ({@link ProgressInfo}). */
  onProgress?: (info: ProgressInfo) => void;
}

/** One step of {@link trainEBM}. */
export interface EBMStepReport {
  step: number;
  epoch: number;
  loss: number;
  meanPositive: number;
  meanNegative: number;
}

/** What {@link trainEBM} returns: per-step history and the final replay buffer. */
export interface TrainEBMResult {
  loss: Float64Array;
  meanPositive: Float64Array;
  meanNegative: Float64Array;
  /** The replay buffer (bufferSize x n_0): approximate samples of the final model. */
  buffer: NNMatrix;
}

/**
 * The settings of Foster's notebook (Generative Deep Learning 2nd ed., ch. 7, following Du &
 * Mordatch) for images scaled to [−1, 1]: 60 Langevin steps of step size 10 with noise sd 0.005
 * (set independently, not λ and √λ), gradients clipped to ±0.03, values clamped to [−1, 1]; a replay
 * buffer of 8192 with 5 % fresh uniform noise; α = 0.1; Adam with learning rate 1e-4. A practical
 * recipe, not the theory's defaults. Fill in `epochs` and `batchSize` (the notebook uses 128).
 *
 * @example
 * // 16 images of 4x4 pixels in [-1, 1] (the notebook: MNIST digits, 10 epochs of batches of 128)
 * const images = matrix(16, 16, new Rng(3).fillUniform(new Float32Array(16 * 16), -1, 1));
 * const net = createMLP([16, 16, 1], { hidden: 'relu' }, new Rng(1));
 * trainEBM(net, images, { ...fosterPreset(), epochs: 1, batchSize: 8 }, new Rng(1));
 */
export function fosterPreset(): Omit<TrainEBMOptions, 'epochs' | 'batchSize'> {
  return {
    langevin: { steps: 60, stepSize: 10, noiseSd: 0.005, gradClip: 0.03, clamp: [-1, 1] },
    alpha: 0.1,
    bufferSize: 8192,
    reinitProbability: 0.05,
    initRange: [-1, 1],
    optimizer: new Adam({ lr: 1e-4 }),
  };
}

const KEYS = ['epochs', 'batchSize', 'langevin', 'alpha', 'bufferSize', 'reinitProbability', 'initRange', 'optimizer', 'onStep', 'progress', 'onProgress'];

/**
 * N-LANG-03  Trains the energy network `net` (one output, identity output layer) on the rows of
 * `data` by contrastive divergence with Langevin negatives from a persistent replay buffer (see
 * the file comment). A non-finite loss stops with the step and the quantity. Returns the history
 * and the buffer.
 *
 * @example
 * // 256 points on a ring of radius 2
 * const rng = new Rng(3);
 * const points = fromArray2D(Array.from({ length: 256 }, () => {
 *   const t = 2 * Math.PI * rng.float();
 *   return [2 * Math.cos(t) + 0.1 * rng.normal(), 2 * Math.sin(t) + 0.1 * rng.normal()];
 * }));
 * const net = createMLP([2, 64, 64, 1], { hidden: 'relu' }, new Rng(1));
 * // two epochs to show the call; a good fit of the ring takes about 50
 * const r = trainEBM(net, points, {
 *   epochs: 2, batchSize: 128, alpha: 0.1, bufferSize: 4096, reinitProbability: 0.05, initRange: [-3, 3],
 *   langevin: { steps: 40, stepSize: 0.01, noiseSd: 0.1, clamp: [-3, 3] }, optimizer: new Adam({ lr: 1e-3 }),
 * }, new Rng(2));
 */
export function trainEBM<M extends NNMatrix>(net: MLP<M>, data: M, options: TrainEBMOptions, rng: Rng): TrainEBMResult {
  const fn = 'trainEBM';
  checkMLP(fn, net);
  checkEnergyNet(fn, net);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options are required, got ${describe(options)}`);
  checkOptionKeys(fn, options, KEYS);
  const { epochs, batchSize, alpha, bufferSize, reinitProbability, initRange, optimizer } = options;
  for (const [name, v] of [['epochs', epochs], ['batchSize', batchSize], ['bufferSize', bufferSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${String(v)}`);
  }
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new RangeError(`${fn}: alpha must be a finite number >= 0, got ${String(alpha)}`);
  if (!(reinitProbability >= 0 && reinitProbability <= 1)) throw new RangeError(`${fn}: reinitProbability must be in [0, 1], got ${String(reinitProbability)}`);
  if (!(Array.isArray(initRange) && initRange.length === 2 && initRange[0] < initRange[1])) throw new RangeError(`${fn}: initRange must be [lo, hi] with lo < hi, got ${JSON.stringify(initRange)}`);
  if (optimizer === null || typeof optimizer !== 'object' || typeof optimizer.step !== 'function') throw new TypeError(`${fn}: optimizer must be a lib/optim optimizer, got ${describe(optimizer)}`);
  checkLangevinSettings(fn, options.langevin);
  checkRng(fn, rng);
  const d = net.sizes[0];
  if (data === null || typeof data !== 'object' || data.cols !== d || !(data.data instanceof (net.precision === 'float32' ? Float32Array : Float64Array))) {
    throw new RangeError(`${fn}: data must be a ${net.precision} matrix with n_0 = ${d} columns, got ${describe(data)}`);
  }
  const n = data.rows;
  if (n < 1) throw new RangeError(`${fn}: data has no rows`);
  for (let k = 0; k < data.data.length; k++) {
    if (!Number.isFinite(data.data[k])) throw new RangeError(`${fn}: data[${Math.floor(k / d)}, ${k % d}] is ${data.data[k]}; the data must be finite`);
  }
  const B = Math.min(batchSize, n);
  const mk = (r: number, c: number) => (net.precision === 'float32' ? matrix(r, c) : matrix64(r, c)) as M;
  const ws = createWorkspace(net, 2 * B);
  const grad = createGradient(net);
  const both = mk(2 * B, d); // rows 0..B−1: x⁺, rows B..2B−1: x⁻
  const dOut = mk(2 * B, 1);
  const neg = { rows: B, cols: d, data: both.data.subarray(B * d) } as M; // the x⁻ half, a view
  const G = mk(B, d), ones = mk(B, 1);
  ones.data.fill(1);
  const [lo, hi] = initRange;
  const buffer = mk(bufferSize, d);
  for (let i = 0; i < buffer.data.length; i++) buffer.data[i] = lo + (hi - lo) * rng.float();
  const picks = new Int32Array(B);
  const order = new Uint32Array(n);
  const steps = epochs * Math.floor(n / B);
  const hist = { loss: new Float64Array(steps), meanPositive: new Float64Array(steps), meanNegative: new Float64Array(steps) };
  const ePos = new Float64Array(B), eNeg = new Float64Array(B), dPos = new Float64Array(B), dNeg = new Float64Array(B);
  let step = 0;
  const progress = progressReporter(fn, steps, options, 'steps');
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const idx of shuffledBatches(n, B, rng, { order, dropLast: true })) {
      // 1. x⁺
      for (let r = 0; r < B; r++) both.data.set(data.data.subarray(idx[r] * d, (idx[r] + 1) * d), r * d);
      // 2. x⁻ from the replay buffer, some restarted from noise, then Langevin
      for (let r = 0; r < B; r++) {
        const k = rng.int(bufferSize);
        picks[r] = k;
        if (rng.float() < reinitProbability) for (let c = 0; c < d; c++) neg.data[r * d + c] = lo + (hi - lo) * rng.float();
        else neg.data.set(buffer.data.subarray(k * d, (k + 1) * d), r * d);
      }
      langevinChainsUnchecked(net, ws, neg, G, ones, options.langevin, rng);
      for (let r = 0; r < B; r++) buffer.data.set(neg.data.subarray(r * d, (r + 1) * d), picks[r] * d);
      // 3. the contrastive loss and its gradient through the network
      const E = mlpForwardUnchecked(net, ws, both).data;
      for (let r = 0; r < B; r++) { ePos[r] = E[r]; eNeg[r] = E[B + r]; }
      const c = contrastiveLoss(ePos, eNeg, alpha);
      if (!Number.isFinite(c.loss)) {
        throw new RangeError(`${fn}: step ${step + 1} (epoch ${epoch}): the loss is ${c.loss} (mean E(x⁺) = ${c.meanPositive}, mean E(x⁻) = ${c.meanNegative}); lower the learning rate or raise alpha`);
      }
      contrastiveLossGradient(dPos, dNeg, ePos, eNeg, alpha);
      for (let r = 0; r < B; r++) { dOut.data[r] = dPos[r]; dOut.data[B + r] = dNeg[r]; }
      mlpBackwardUnchecked(net, ws, grad, dOut, null, false);
      for (let l = 0; l < net.layers.length; l++) {
        optimizer.step(net.layers[l].W.data, grad.dW[l].data);
        optimizer.step(net.layers[l].b, grad.db[l]);
      }
      hist.loss[step] = c.loss;
      hist.meanPositive[step] = c.meanPositive;
      hist.meanNegative[step] = c.meanNegative;
      step++;
      options.onStep?.({ step, epoch, loss: c.loss, meanPositive: c.meanPositive, meanNegative: c.meanNegative });
      if (progress !== null) progress.update(step, `epoch ${epoch}/${epochs}  loss ${c.loss.toPrecision(4)}`);
    }
  }
  progress?.finish(step);
  return { ...hist, buffer };
}
