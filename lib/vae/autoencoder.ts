/**
 * The plain autoencoder of N-VAE-01: an encoder h = f(x; W) to a code, a decoder
 * x~ = g(h; V) back, trained on the reconstruction error. Built as one lib/nn MLP
 * [D, ...hidden, code, ...hidden reversed, D] (ReLU hidden layers, identity code and output)
 * and trained with lib/nn's trainMLP on (x, x). The VAE replaces the code by a distribution.
 */
import type { Rng } from '../random/index.js';
import type { Matrix } from '../linalg/matrix.js';
import { Adam } from '../optim/index.js';
import { checkMLP } from '../nn/mlp.js';
import { createMLP, createWorkspace, mlpForward, trainMLP, type Activation, type EpochReport, type MLP } from '../nn/index.js';
import { checkOptionKeys } from '../checks/index.js';
import { checkCount, checkMatrix32, checkPositive, checkRng, describe } from './validate.js';

/** Options of {@link createAutoencoder}. */
export interface AutoencoderOptions {
  /** D, inputs per data point. */
  inputSize: number;
  /** Width of the code h. */
  codeSize: number;
  /** Encoder ReLU widths, input side first (default [400]); the decoder mirrors them. */
  hidden?: number[];
}

/**
 * N-VAE-01  An autoencoder as one MLP: h = f(x; W) (ReLU hidden layers, identity code),
 * x~ = g(h; V) (ReLU hidden layers, identity output: logits for 'bceWithLogits', values for 'mse').
 * The code is layer `hidden.length + 1` (1-based); see {@link autoencoderCodeLayer}.
 *
 * @example
 * const ae = createAutoencoder({ inputSize: 784, codeSize: 20, hidden: [400] }, new Rng(1));
 * ae.sizes; // [784, 400, 20, 400, 784]
 */
export function createAutoencoder(options: AutoencoderOptions, rng: Rng): MLP<Matrix> {
  const fn = 'createAutoencoder';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { inputSize, codeSize, hidden? }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['inputSize', 'codeSize', 'hidden']);
  checkRng(fn, rng);
  checkCount(fn, 'inputSize', options.inputSize);
  checkCount(fn, 'codeSize', options.codeSize);
  const hidden = options.hidden ?? [400];
  if (!Array.isArray(hidden)) throw new TypeError(`${fn}: hidden must be an array of layer widths, got ${describe(hidden)}`);
  hidden.forEach((h, i) => checkCount(fn, `hidden[${i}]`, h));
  const sizes = [options.inputSize, ...hidden, options.codeSize, ...hidden.slice().reverse(), options.inputSize];
  const activations: Activation[] = [
    ...hidden.map((): Activation => 'relu'), 'identity', ...hidden.map((): Activation => 'relu'), 'identity',
  ];
  return createMLP(sizes, { activations }, rng);
}

/**
 * The 1-based index of the code layer of an autoencoder made by {@link createAutoencoder}
 * (the middle of its sizes).
 * @example
 * const ae = createAutoencoder({ inputSize: 16, codeSize: 2, hidden: [8] }, new Rng(1));
 * autoencoderCodeLayer(ae); // 2: sizes[2] is the code in [16, 8, 2, 8, 16] (also 2 for [784, 400, 20, 400, 784])
 */
export function autoencoderCodeLayer(net: MLP<Matrix>): number {
  checkAutoencoder('autoencoderCodeLayer', net);
  return (net.sizes.length - 1) / 2;
}

/** Throws unless `net` is an MLP with an even number of layers and sizes symmetric about the code layer. */
function checkAutoencoder(fn: string, net: MLP<Matrix>): void {
  checkMLP(fn, net);
  const s = net.sizes, L = s.length - 1;
  if (L % 2 !== 0 || s.some((n, i) => n !== s[L - i])) {
    throw new RangeError(`${fn}: net must be an autoencoder (sizes symmetric about the code layer, as createAutoencoder makes), got sizes [${s.join(', ')}]`);
  }
}

/**
 * N-VAE-01  Trains the autoencoder on the reconstruction error with Adam (lib/nn's trainMLP with
 * targets = inputs): 'mse' is the notes' squared error (lib/nn's per-row ½‖x − x~‖²), 'bceWithLogits'
 * the VAE's reconstruction term (per row, summed over pixels), so the two models compare.
 *
 * @example
 * const ae = createAutoencoder({ inputSize: 16, codeSize: 2, hidden: [8] }, new Rng(1));
 * const images = barsAndStripes(4); // 30 binary images of 4x4
 * trainAutoencoder(ae, images, { epochs: 10, loss: 'bceWithLogits' }, new Rng(2));
 */
export function trainAutoencoder(
  net: MLP<Matrix>, data: Matrix,
  options: { epochs: number; batchSize?: number; learningRate?: number; loss?: 'mse' | 'bceWithLogits'; onEpoch?: (r: EpochReport) => void },
  rng: Rng,
): EpochReport[] {
  const fn = 'trainAutoencoder';
  checkMLP(fn, net);
  checkMatrix32(fn, 'data', data);
  if (data.cols !== net.sizes[0] || net.sizes[net.sizes.length - 1] !== net.sizes[0]) {
    throw new RangeError(`${fn}: data is ${data.rows}x${data.cols} but net maps ${net.sizes[0]} inputs to ${net.sizes[net.sizes.length - 1]} outputs (an autoencoder reconstructs its input)`);
  }
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { epochs, batchSize?, learningRate?, loss?, onEpoch? }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['epochs', 'batchSize', 'learningRate', 'loss', 'onEpoch']);
  checkCount(fn, 'epochs', options.epochs);
  if (options.batchSize !== undefined) checkCount(fn, 'batchSize', options.batchSize);
  if (options.learningRate !== undefined) checkPositive(fn, 'learningRate', options.learningRate);
  if (options.loss !== undefined && options.loss !== 'mse' && options.loss !== 'bceWithLogits') {
    throw new RangeError(`${fn}: loss must be 'mse' or 'bceWithLogits', got ${describe(options.loss)}`);
  }
  if (options.onEpoch !== undefined && typeof options.onEpoch !== 'function') throw new TypeError(`${fn}: onEpoch must be a function, got ${describe(options.onEpoch)}`);
  checkRng(fn, rng);
  return trainMLP(net, data, data, {
    loss: options.loss ?? 'mse', optimizer: new Adam({ lr: options.learningRate ?? 1e-3 }),
    epochs: options.epochs, batchSize: options.batchSize ?? 128, ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  }, rng);
}

/**
 * Runs the autoencoder on x and returns copies of the code h and the output x~ (identity output:
 * logits when trained with 'bceWithLogits').
 *
 * @example
 * const ae = createAutoencoder({ inputSize: 16, codeSize: 2, hidden: [8] }, new Rng(1));
 * const testImages = barsAndStripes(4);
 * const { code, output } = autoencoderForward(ae, testImages); // code is 30 x 2, output 30 x 16
 */
export function autoencoderForward(net: MLP<Matrix>, x: Matrix): { code: Matrix; output: Matrix } {
  checkAutoencoder('autoencoderForward', net);
  checkMatrix32('autoencoderForward', 'x', x);
  if (x.cols !== net.sizes[0]) throw new RangeError(`autoencoderForward: x is ${x.rows}x${x.cols} but the network takes ${net.sizes[0]} inputs per row`);
  const ws = createWorkspace(net, Math.max(1, x.rows));
  const output = mlpForward(net, ws, x);
  const c = ws.views(x.rows).A[autoencoderCodeLayer(net) - 1];
  return {
    code: { rows: c.rows, cols: c.cols, data: c.data.slice() },
    output: { rows: output.rows, cols: output.cols, data: output.data.slice() },
  };
}
