/**
 * The training loop (the last file of the module): epochs of seeded shuffled minibatches
 * (`shuffledBatches`, N-OPT-06), one `trainStep` per minibatch. Buffers (the workspace, the
 * gradient, the minibatch copies of X and Y) are allocated once per call; nothing per minibatch.
 */
import { progressReporter, type ProgressInfo } from '../progress/index.js';
import type { Rng } from '../random/index.js';
import { shuffledBatches, type Optimizer } from '../optim/index.js';
import type { MLP, NNMatrix } from './model.js';
import type { LossName } from './losses.js';
import { checkMLP, createGradient, MLPWorkspace } from './mlp.js';
import type { GemmFunction } from './dense.js';
import { checkStepOptions, trainStepUnchecked } from './train-step.js';
import { checkNNMatrix, checkOptions, checkSamePrecision, describe } from './checks.js';
import { checkRng } from '../checks/index.js';

/** What {@link trainMLP} reports after each epoch (to `onEpoch` and in its result). */
export interface EpochReport {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean of the minibatch costs over the epoch (penalties included). */
  loss: number;
  /** Wall-clock seconds of the epoch. */
  seconds: number;
}

/** Options of {@link trainMLP}. */
export interface TrainMLPOptions {
  loss: LossName;
  optimizer: Optimizer;
  /** Number of passes over the data (positive integer). */
  epochs: number;
  /** Rows per minibatch (positive integer; the last one of an epoch may be shorter). */
  batchSize: number;
  /** L2 penalty λ₂ Σ‖W‖² (default 0). */
  l2?: number;
  /** L1 penalty λ₁ Σ|w| (default 0). */
  l1?: number;
  /** Called after every epoch (e.g. to evaluate a test set). */
  onEpoch?: (report: EpochReport) => void;
  /** A throttled progress line on stderr: a bar over all minibatch steps, rate, ETA, the epoch and its loss (default false). */
  progress?: boolean;
  /** The same throttled updates as objects ({@link ProgressInfo}). */
  onProgress?: (info: ProgressInfo) => void;
  /**
   * The float32 matrix product to use instead of `gemm` (same signature and bits), e.g.
   * `sparseGemm`, which skips the zeros of a mostly-zero left operand (MNIST pixels: the products
   * X W¹ and Xᵀ Δ¹), or a WorkerPool's `gemm`.
   */
  gemm32?: GemmFunction;
}

const TRAIN_OPTION_KEYS = ['loss', 'optimizer', 'epochs', 'batchSize', 'l2', 'l1', 'onEpoch', 'progress', 'onProgress', 'gemm32'] as const;

function checkPositiveInteger(fn: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${what} must be a positive integer, got ${describe(v)}`);
}

/**
 * Trains `net` on the rows of X (inputs) and Y (targets) by minibatch gradient descent. Each
 * epoch draws a new order from `rng`; the same seed gives the same run. A non-finite cost or
 * gradient stops training with the epoch and step where it happened. Returns one report per epoch.
 *
 * @example
 * // three classes of points around (0, 0), (3, 0) and (0, 3)
 * const rng = new Rng(3), n = 300;
 * const labels = Array.from({ length: n }, (_, i) => i % 3);
 * const X = fromArray2D(labels.map((c) => [(c === 1 ? 3 : 0) + rng.normal(), (c === 2 ? 3 : 0) + rng.normal()]));
 * const Y = oneHot(zeros(n, 3), labels);
 * const net = createMLP([2, 16, 3], { hidden: 'relu' }, new Rng(1));
 * trainMLP(net, X, Y, {
 *   loss: 'softmaxCrossEntropy', optimizer: new Adam({ lr: 1e-2 }), epochs: 5, batchSize: 32,
 *   onEpoch: (r) => console.error(`epoch ${r.epoch}: loss ${r.loss.toFixed(4)}`),
 * }, new Rng(2));
 */
export function trainMLP<M extends NNMatrix>(net: MLP<M>, X: M, Y: M, options: TrainMLPOptions, rng: Rng): EpochReport[] {
  const fn = 'trainMLP';
  checkMLP(fn, net);
  if (options === undefined || options === null) throw new TypeError(`${fn}: options { loss, optimizer, epochs, batchSize } are required`);
  checkOptions(fn, options, TRAIN_OPTION_KEYS);
  const step = checkStepOptions(fn, net, options);
  checkPositiveInteger(fn, 'epochs', options.epochs);
  checkPositiveInteger(fn, 'batchSize', options.batchSize);
  if (options.onEpoch !== undefined && typeof options.onEpoch !== 'function') throw new TypeError(`${fn}: onEpoch must be a function, got ${describe(options.onEpoch)}`);
  checkRng(fn, rng);
  checkNNMatrix(fn, 'X', X);
  checkNNMatrix(fn, 'Y', Y);
  checkSamePrecision(fn, 'X', X, 'the network', net.layers[0].W);
  checkSamePrecision(fn, 'Y', Y, 'the network', net.layers[0].W);
  const L = net.layers.length;
  if (X.cols !== net.sizes[0]) throw new RangeError(`${fn}: X is ${X.rows}x${X.cols} but the network takes n_0 = ${net.sizes[0]} inputs per row`);
  if (Y.rows !== X.rows || Y.cols !== net.sizes[L]) {
    throw new RangeError(`${fn}: Y is ${Y.rows}x${Y.cols} but must be ${X.rows}x${net.sizes[L]} (one target row of n_L = ${net.sizes[L]} per row of X)`);
  }
  if (X.rows === 0) throw new RangeError(`${fn}: X has no rows`);
  for (const [name, M] of [['X', X], ['Y', Y]] as const) {
    for (let k = 0; k < M.data.length; k++) {
      if (!Number.isFinite(M.data[k])) throw new RangeError(`${fn}: ${name}[${Math.floor(k / M.cols)}, ${k % M.cols}] is ${M.data[k]}; the data must be finite`);
    }
  }
  const n = X.rows, B = Math.min(options.batchSize, n);
  const ws = new MLPWorkspace(net, B, { gemm32: options.gemm32 });
  const grad = createGradient(net);
  const dIn = X.cols, dOut = Y.cols;
  const xFull = { rows: B, cols: dIn, data: X.data.slice(0, B * dIn) } as M;
  const yFull = { rows: B, cols: dOut, data: Y.data.slice(0, B * dOut) } as M;
  const batchViews = new Map<number, [M, M]>([[B, [xFull, yFull]]]);
  const order = new Uint32Array(n);
  const reports: EpochReport[] = [];
  const progress = progressReporter(fn, options.epochs * Math.ceil(n / B), options, 'steps');
  let note = '';
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const t0 = performance.now();
    let sum = 0, count = 0;
    const batches = shuffledBatches(n, B, rng, { order });
    for (let s = 0; s < batches.length; s++) {
      const idx = batches[s];
      let views = batchViews.get(idx.length);
      if (views === undefined) {
        views = [
          { rows: idx.length, cols: dIn, data: xFull.data.subarray(0, idx.length * dIn) } as M,
          { rows: idx.length, cols: dOut, data: yFull.data.subarray(0, idx.length * dOut) } as M,
        ];
        batchViews.set(idx.length, views);
      }
      const [xb, yb] = views;
      for (let r = 0; r < idx.length; r++) { // gather the minibatch's rows
        const i = idx[r];
        xb.data.set(X.data.subarray(i * dIn, (i + 1) * dIn), r * dIn);
        yb.data.set(Y.data.subarray(i * dOut, (i + 1) * dOut), r * dOut);
      }
      let c: number;
      try {
        c = trainStepUnchecked(net, ws, grad, xb, yb, step.loss, step.optimizer, step.l2, step.l1);
      } catch (e) {
        if (e instanceof RangeError && e.message.startsWith('trainStep:')) {
          throw new RangeError(`${fn}: epoch ${epoch}, step ${s + 1} of ${batches.length}: ${e.message.slice('trainStep: '.length)}`);
        }
        throw e;
      }
      sum += c;
      count++;
      if (progress !== null) progress.update((epoch - 1) * batches.length + s + 1, note);
    }
    const report = { epoch, loss: sum / count, seconds: (performance.now() - t0) / 1000 };
    reports.push(report);
    note = `epoch ${epoch}/${options.epochs}  loss ${report.loss.toPrecision(4)}`;
    options.onEpoch?.(report);
  }
  progress?.finish(undefined, note);
  return reports;
}

/**
 * Fraction of rows whose largest output is in the column of the target row's largest entry
 * (classification accuracy for one-hot targets; ties go to the first column).
 *
 * @example
 * const outputs = fromArray2D([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]);
 * const targets = fromArray2D([[0, 1], [0, 1], [0, 1]]);
 * accuracy(outputs, targets); // 2/3: row 1's largest output is in the wrong column
 * // typically: accuracy(mlpPredict(net, testImages), testOneHot)
 */
export function accuracy(outputs: NNMatrix, targets: NNMatrix): number {
  const fn = 'accuracy';
  checkNNMatrix(fn, 'outputs', outputs);
  checkNNMatrix(fn, 'targets', targets);
  if (outputs.rows !== targets.rows || outputs.cols !== targets.cols) {
    throw new RangeError(`${fn}: outputs is ${outputs.rows}x${outputs.cols} but targets is ${targets.rows}x${targets.cols}`);
  }
  if (outputs.rows === 0) throw new RangeError(`${fn}: no rows`);
  const { rows, cols } = outputs;
  let right = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0, want = 0;
    for (let j = 1; j < cols; j++) {
      if (outputs.data[r * cols + j] > outputs.data[r * cols + best]) best = j;
      if (targets.data[r * cols + j] > targets.data[r * cols + want]) want = j;
    }
    if (best === want) right++;
  }
  return right / rows;
}
