/**
 * The variational autoencoder (notes 004; N-VAE-03 … N-VAE-09): an encoder network gives the
 * mean mu(x) and log-width log sigma(x) of a diagonal Gaussian Q(z | x); a sample
 * z = mu + sigma ∘ eps goes through a decoder network to the parameters of p(x | z); the loss is
 * the negative ELBO, reconstruction + KL. Built from lib/nn: the encoder's hidden layers and the
 * decoder are `MLP`s (ReLU hidden layers), the two heads are dense layers.
 *
 * `vaeForward` and `vaeBackward` are written line for line against the derivation in
 * docs/vae.md ("Forward and backward, line by line"): each numbered step there is one line here.
 */
import type { Rng } from '../random/index.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { sparseGemmUnchecked } from '../linalg/sparse.js';
import {
  createGradient, createMLP, createWorkspace, mlpForward,
  type DenseLayer, type GemmFunction, type MLP, type MLPGradient, type MLPWorkspace,
} from '../nn/index.js';
import { denseBackwardUnchecked, denseForwardUnchecked, mlpBackwardUnchecked, mlpForwardUnchecked } from '../nn/kernels.js';
import { klDiagonalGaussianToStandardBackwardUnchecked, klDiagonalGaussianToStandardUnchecked, reparameterizeBackwardUnchecked, reparameterizeForwardUnchecked } from './gaussian.js';
import {
  bernoulliNegLogLikelihoodBackwardUnchecked, bernoulliNegLogLikelihoodUnchecked, gaussianNegLogLikelihoodBackwardUnchecked, gaussianNegLogLikelihoodUnchecked,
} from './likelihood.js';
import { checkCount, checkMatrix32, checkPositive, checkRng, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';
import { checkGradient, checkShape } from '../nn/checks.js';

/** The decoder's likelihood p(x | z) (N-VAE-03). */
export type VAELikelihood = 'bernoulli' | 'gaussian';

/** Weight initialization of {@link VAE.create}. */
export type VAEInit = 'torch' | 'he';

/** Options of {@link VAE.create}. */
export interface VAEOptions {
  /** D, the number of inputs per data point (784 for MNIST). */
  inputSize: number;
  /** k, the number of latent variables (20 as pytorch/examples; 2 for the manifold picture). */
  latentSize: number;
  /**
   * Widths of the encoder's ReLU hidden layers, input side first (default [400], as
   * pytorch/examples; [H, H] as the notes' encoder). The decoder mirrors them (z -> ... -> D).
   * [] gives linear encoder heads and a linear decoder (the linear-Gaussian model).
   */
  hidden?: number[];
  /** 'bernoulli' (default; sigmoid output, BCE from logits) or 'gaussian' (fixed variance sigma2). */
  likelihood?: VAELikelihood;
  /** The Gaussian likelihood's variance sigma^2 (default 1; only with likelihood 'gaussian'). */
  sigma2?: number;
  /**
   * 'torch' (default): every weight and bias ~ U(-1/sqrt(n_in), 1/sqrt(n_in)), PyTorch's default
   * for nn.Linear (what pytorch/examples trains with); 'he': lib/nn's default for ReLU layers,
   * w ~ N(0, 2/n_in), zero biases.
   */
  init?: VAEInit;
}

const OPTION_KEYS = ['inputSize', 'latentSize', 'hidden', 'likelihood', 'sigma2', 'init'];

/** Fills a layer's W and b with U(-1/sqrt(n_in), 1/sqrt(n_in)), PyTorch's nn.Linear default. */
function torchUniformInit(layer: DenseLayer<Matrix>, rng: Rng): void {
  const bound = 1 / Math.sqrt(layer.W.rows);
  rng.fillUniform(layer.W.data, -bound, bound);
  rng.fillUniform(layer.b, -bound, bound);
}

/**
 * A VAE's parameters. Create with {@link VAE.create}; the parameters are plain float32 arrays
 * in lib/nn layers (`encoder`, `muHead`, `logSigmaHead`, `decoder`), read and set them in place.
 *
 * @example
 * const vae = VAE.create({ inputSize: 784, latentSize: 20, hidden: [400] }, new Rng(1));
 * vae.parameterCount(); // 784*400+400 + 2*(400*20+20) + 20*400+400 + 400*784+784 = 652824
 */
export class VAE {
  /** D. */
  readonly inputSize: number;
  /** k. */
  readonly latentSize: number;
  /** Encoder hidden widths (the decoder's are these reversed). */
  readonly hidden: readonly number[];
  readonly likelihood: VAELikelihood;
  /** The Gaussian likelihood's variance (1 and unused for 'bernoulli'). */
  readonly sigma2: number;
  /** x -> h: the encoder's ReLU hidden layers (null when `hidden` is []). */
  readonly encoder: MLP<Matrix> | null;
  /** h -> mu (identity). */
  readonly muHead: DenseLayer<Matrix>;
  /** h -> log sigma (identity). */
  readonly logSigmaHead: DenseLayer<Matrix>;
  /** z -> logits (Bernoulli) or mean (Gaussian): ReLU hidden layers, identity output. */
  readonly decoder: MLP<Matrix>;

  constructor(
    options: { inputSize: number; latentSize: number; hidden: readonly number[]; likelihood: VAELikelihood; sigma2: number },
    encoder: MLP<Matrix> | null, muHead: DenseLayer<Matrix>, logSigmaHead: DenseLayer<Matrix>, decoder: MLP<Matrix>,
  ) {
    this.inputSize = options.inputSize;
    this.latentSize = options.latentSize;
    this.hidden = options.hidden.slice();
    this.likelihood = options.likelihood;
    this.sigma2 = options.sigma2;
    this.encoder = encoder;
    this.muHead = muHead;
    this.logSigmaHead = logSigmaHead;
    this.decoder = decoder;
  }

  /**
   * A VAE with random weights drawn from `rng` (see {@link VAEOptions}).
   *
   * @example
   * const vae = VAE.create({ inputSize: 784, latentSize: 2, hidden: [512, 512] }, new Rng(3));
   * const lin = VAE.create({ inputSize: 6, latentSize: 3, hidden: [], likelihood: 'gaussian', sigma2: 0.5 }, new Rng(1));
   */
  static create(options: VAEOptions, rng: Rng): VAE {
    const fn = 'VAE.create';
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { inputSize, latentSize, ... }, got ${describe(options)}`);
    checkOptionKeys(fn, options, OPTION_KEYS);
    checkCount(fn, 'inputSize', options.inputSize);
    checkCount(fn, 'latentSize', options.latentSize);
    const hidden = options.hidden ?? [400];
    if (!Array.isArray(hidden)) throw new TypeError(`${fn}: hidden must be an array of layer widths, got ${describe(hidden)}`);
    hidden.forEach((h, i) => checkCount(fn, `hidden[${i}]`, h));
    const likelihood = options.likelihood ?? 'bernoulli';
    if (likelihood !== 'bernoulli' && likelihood !== 'gaussian') {
      throw new RangeError(`${fn}: likelihood must be 'bernoulli' or 'gaussian', got ${describe(likelihood)}`);
    }
    if (options.sigma2 !== undefined && likelihood !== 'gaussian') {
      throw new RangeError(`${fn}: sigma2 is the Gaussian likelihood's variance; it is not used with likelihood '${likelihood}'`);
    }
    const sigma2 = options.sigma2 ?? 1;
    checkPositive(fn, 'sigma2', sigma2);
    const init = options.init ?? 'torch';
    if (init !== 'torch' && init !== 'he') throw new RangeError(`${fn}: init must be 'torch' or 'he', got ${describe(init)}`);
    if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).fillUniform !== 'function') {
      throw new TypeError(`${fn}: rng must be an Rng (the weights are random), got ${describe(rng)}`);
    }
    const D = options.inputSize, k = options.latentSize;
    const encoder = hidden.length === 0 ? null : createMLP([D, ...hidden], { hidden: 'relu', output: 'relu' }, rng);
    const hOut = hidden.length === 0 ? D : hidden[hidden.length - 1];
    const head = (): DenseLayer<Matrix> => {
      const [layer] = createMLP([hOut, k], { output: 'identity', init: 'he' }, rng).layers;
      return layer;
    };
    const muHead = head();
    const logSigmaHead = head();
    const decoder = createMLP([k, ...hidden.slice().reverse(), D], { hidden: 'relu', output: 'identity' }, rng);
    const layers = [...(encoder?.layers ?? []), muHead, logSigmaHead, ...decoder.layers];
    if (init === 'torch') for (const layer of layers) torchUniformInit(layer, rng);
    return new VAE({ inputSize: D, latentSize: k, hidden, likelihood, sigma2 }, encoder, muHead, logSigmaHead, decoder);
  }

  /**
   * Every parameter array in a fixed order: encoder W^1, b^1, ..., mu head W, b, log-sigma head
   * W, b, decoder W^1, b^1, ... (the order of {@link VAEGradient.arrays}, the optimizer's and
   * the file format's).
   *
   * @example
   * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
   * for (const p of vae.parameters()) console.log(p.length);
   */
  parameters(): Float32Array[] {
    const out: Float32Array[] = [];
    for (const l of this.encoder?.layers ?? []) out.push(l.W.data, l.b);
    out.push(this.muHead.W.data, this.muHead.b, this.logSigmaHead.W.data, this.logSigmaHead.b);
    for (const l of this.decoder.layers) out.push(l.W.data, l.b);
    return out;
  }

  /**
   * Names of the arrays of {@link VAE.parameters}, in the same order, each with its number of
   * columns (0 for a vector): for error messages that point at one entry.
   *
   * @example
   * const vae = VAE.create({ inputSize: 784, latentSize: 20, hidden: [400] }, new Rng(1));
   * vae.parameterNames()[0]; // ['encoder W^1', 400]
   */
  parameterNames(): [string, number][] {
    const names: [string, number][] = [];
    (this.encoder?.layers ?? []).forEach((l, i) => names.push([`encoder W^${i + 1}`, l.W.cols], [`encoder b^${i + 1}`, 0]));
    names.push(['mu head W', this.latentSize], ['mu head b', 0], ['logSigma head W', this.latentSize], ['logSigma head b', 0]);
    this.decoder.layers.forEach((l, i) => names.push([`decoder W^${i + 1}`, l.W.cols], [`decoder b^${i + 1}`, 0]));
    return names;
  }

  /**
   * The number of trainable numbers.
   * @example
   * VAE.create({ inputSize: 4, latentSize: 1, hidden: [] }, new Rng(1)).parameterCount(); // 2*(4+1) + (4+4) = 18
   */
  parameterCount(): number {
    return this.parameters().reduce((s, p) => s + p.length, 0);
  }
}

/**
 * The gradient of a loss with respect to every parameter of a {@link VAE}, same shapes.
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4); // 30 binary images of 4x4
 * const ws = new VAEWorkspace(vae, 32);
 * const eps = matrix(x.rows, vae.latentSize); new Rng(2).fillNormal(eps.data);
 * const grad = new VAEGradient(vae);
 * vaeForward(vae, ws, x, eps); vaeBackward(vae, ws, grad, 1);
 * grad.muW; // dLoss/dW_mu
 */
export class VAEGradient {
  readonly encoder: MLPGradient<Matrix> | null;
  readonly muW: Matrix;
  readonly muB: Float32Array;
  readonly logSigmaW: Matrix;
  readonly logSigmaB: Float32Array;
  readonly decoder: MLPGradient<Matrix>;
  /**
   * Zero gradients shaped like `model`.
   * @example
   * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
   * const grad = new VAEGradient(vae);
   */
  constructor(model: VAE) {
    this.encoder = model.encoder === null ? null : createGradient(model.encoder);
    this.muW = matrix(model.muHead.W.rows, model.muHead.W.cols);
    this.muB = new Float32Array(model.latentSize);
    this.logSigmaW = matrix(model.logSigmaHead.W.rows, model.logSigmaHead.W.cols);
    this.logSigmaB = new Float32Array(model.latentSize);
    this.decoder = createGradient(model.decoder);
  }
  /**
   * The arrays in the order of {@link VAE.parameters}.
   * @example
   * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
   * const grad = new VAEGradient(vae), opt = new Adam({ lr: 1e-3 });
   * const params = vae.parameters(), grads = grad.arrays();
   * params.forEach((p, i) => opt.step(p, grads[i]));
   */
  arrays(): Float32Array[] {
    const out: Float32Array[] = [];
    if (this.encoder) this.encoder.dW.forEach((W, l) => out.push(W.data, this.encoder!.db[l]));
    out.push(this.muW.data, this.muB, this.logSigmaW.data, this.logSigmaB);
    this.decoder.dW.forEach((W, l) => out.push(W.data, this.decoder.db[l]));
    return out;
  }
}

/** Row views of the VAE's own buffers for one batch size. */
interface VAEViews {
  mu: Matrix; logSigma: Matrix; eps: Matrix; z: Matrix;
  dMu: Matrix; dLogSigma: Matrix; dZ: Matrix; dH: Matrix; dHlogSigma: Matrix; dOut: Matrix;
  reconstruction: Float64Array; kl: Float64Array;
}

/**
 * sparseGemm with gemm's signature and its default density limit (40 %), unchecked: the dense
 * layers that call it checked their shapes and aliasing (denseForward, denseBackward) or run
 * inside vaeForward / vaeBackward, which checked the batch.
 */
const sparseProduct: GemmFunction = (out, a, b, opts) =>
  sparseGemmUnchecked(out, a, b, opts?.transA ?? false, opts?.transB ?? false, opts?.alpha ?? 1, opts?.beta ?? 0, 0.4);

/**
 * Buffers for {@link vaeForward} / {@link vaeBackward} on batches of up to `maxRows` rows: the
 * encoder's and decoder's lib/nn workspaces plus mu, log sigma, eps, z and their gradients, and
 * the per-row reconstruction and KL terms of the last forward pass. Create once, reuse for every
 * batch (a training loop allocates nothing per step).
 *
 * `options.gemm32` computes the dense layer products instead of `gemm`, e.g. a WorkerPool's `gemm`
 * (boltzmann/node) to split the large ones over cores (same bits). With `options.sparse` (default
 * true) the encoder's hidden layers use `sparseGemm`, which skips the zeros of the left operand
 * and gives the same bits as `gemm`: its first product x·W¹ and weight gradient xᵀ·Δ¹ have the
 * data as left operand, and MNIST images are about 19 % nonzeros (above 40 % it calls `gemm`).
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const ws = new VAEWorkspace(vae, 128);
 * // with a WorkerPool `pool` (boltzmann/node): { gemm32: (out, a, b, opts) => pool.gemm(out, a, b, opts) }
 * const ws2 = new VAEWorkspace(vae, 128, { gemm32: (out, a, b, opts) => gemm(out, a, b, opts) });
 */
export class VAEWorkspace {
  readonly maxRows: number;
  /** The float32 product of every layer (undefined: `gemm`). */
  readonly gemm32: GemmFunction | undefined;
  readonly encoder: MLPWorkspace<Matrix> | null;
  readonly decoder: MLPWorkspace<Matrix>;
  /** The batch of the last forward pass (kept by reference), its row count, h and the decoder output. */
  x: Matrix | null = null;
  rows = 0;
  h: Matrix | null = null;
  out: Matrix | null = null;
  private readonly store: VAEViews;
  private readonly cache = new Map<number, VAEViews>();
  private readonly model: VAE;
  constructor(model: VAE, maxRows: number, options: { gemm32?: GemmFunction; sparse?: boolean } = {}) {
    if (!(model instanceof VAE)) throw new TypeError(`VAEWorkspace: model must be a VAE, got ${describe(model)}`);
    checkCount('VAEWorkspace', 'maxRows', maxRows);
    checkOptionKeys('VAEWorkspace', options, ['gemm32', 'sparse']);
    if (options.gemm32 !== undefined && typeof options.gemm32 !== 'function') {
      throw new TypeError(`VAEWorkspace: options.gemm32 must be a function with gemm's signature, got ${describe(options.gemm32)}`);
    }
    if (options.sparse !== undefined && typeof options.sparse !== 'boolean') throw new TypeError(`VAEWorkspace: options.sparse must be a boolean, got ${describe(options.sparse)}`);
    this.model = model;
    this.maxRows = maxRows;
    this.gemm32 = options.gemm32;
    // The encoder's products have the data x as their left operand (x·W¹ and xᵀ·Δ¹): sparseGemm
    // lists its nonzeros and skips the rest, or calls gemm when more than 40 % are nonzero.
    const encoderProduct: GemmFunction | undefined = options.sparse === false ? options.gemm32 : sparseProduct;
    this.encoder = model.encoder === null ? null : createWorkspace(model.encoder, maxRows, { gemm32: encoderProduct });
    this.decoder = createWorkspace(model.decoder, maxRows, { gemm32: options.gemm32 });
    const k = model.latentSize, hOut = model.muHead.W.rows;
    const m = (c: number) => matrix(maxRows, c);
    this.store = {
      mu: m(k), logSigma: m(k), eps: m(k), z: m(k), dMu: m(k), dLogSigma: m(k), dZ: m(k),
      dH: m(hOut), dHlogSigma: m(hOut), dOut: m(model.inputSize),
      reconstruction: new Float64Array(maxRows), kl: new Float64Array(maxRows),
    };
  }
  /** True when this workspace was made for `model`'s shapes. */
  fits(model: VAE): boolean {
    return model === this.model || (model.inputSize === this.model.inputSize && model.latentSize === this.model.latentSize
      && model.hidden.length === this.model.hidden.length && model.hidden.every((h, i) => h === this.model.hidden[i]));
  }
  /**
   * Row views of the buffers for a batch of `rows` (created once per distinct size).
   * @example
   * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
   * const ws = new VAEWorkspace(vae, 128);
   * const { mu, logSigma, eps } = ws.views(128);
   */
  views(rows: number): VAEViews {
    let v = this.cache.get(rows);
    if (v === undefined) {
      if (!Number.isInteger(rows) || rows < 1 || rows > this.maxRows) {
        throw new RangeError(`VAEWorkspace: a batch of ${rows} rows does not fit (the workspace holds 1..${this.maxRows} rows)`);
      }
      const s = this.store;
      const view = (a: Matrix): Matrix => ({ rows, cols: a.cols, data: a.data.subarray(0, rows * a.cols) });
      v = {
        mu: view(s.mu), logSigma: view(s.logSigma), eps: view(s.eps), z: view(s.z), dMu: view(s.dMu), dLogSigma: view(s.dLogSigma),
        dZ: view(s.dZ), dH: view(s.dH), dHlogSigma: view(s.dHlogSigma), dOut: view(s.dOut),
        reconstruction: s.reconstruction.subarray(0, rows), kl: s.kl.subarray(0, rows),
      };
      this.cache.set(rows, v);
    }
    return v;
  }
}

/** Sums of the last forward pass over its batch. */
export interface VAELossTerms {
  /** sum over rows of -log p(x | z) at the sampled z (BCE summed over pixels for 'bernoulli'). */
  reconstruction: number;
  /** sum over rows of D[Q(z | x) || N(0, I)]. */
  kl: number;
  /** reconstruction + kl: the batch's summed negative ELBO (one-sample estimate, eq. (1) negated). */
  loss: number;
}

function checkModelAndWorkspace(fn: string, model: VAE, ws: VAEWorkspace): void {
  if (!(model instanceof VAE)) throw new TypeError(`${fn}: model must be a VAE, got ${describe(model)}`);
  checkVAEWorkspace(fn, model, ws);
}

/** Throws unless `m` is a float32 matrix of `cols` columns and 1..ws.maxRows rows. */
function checkBatch(fn: string, what: string, m: Matrix, cols: number, ws: VAEWorkspace, per: string): void {
  checkMatrix32(fn, what, m);
  if (m.cols !== cols) throw new RangeError(`${fn}: ${what} is ${m.rows}x${m.cols} but the VAE takes ${cols} ${per} per row`);
  if (m.rows < 1 || m.rows > ws.maxRows) throw new RangeError(`${fn}: ${what} has ${m.rows} rows but the workspace holds 1..${ws.maxRows}`);
}

function checkForwardArgs(fn: string, model: VAE, ws: VAEWorkspace, x: Matrix): void {
  checkModelAndWorkspace(fn, model, ws);
  checkBatch(fn, 'x', x, model.inputSize, ws, 'inputs');
}

/**
 * The encoder alone: writes mu(x) and log sigma(x) (n x k) into the workspace and returns them
 * (views, overwritten by the next call). N-VAE-06.
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4); // 30 binary images of 4x4
 * const ws = new VAEWorkspace(vae, 32);
 * const { mu, logSigma } = vaeEncode(vae, ws, x);
 */
export function vaeEncode(model: VAE, ws: VAEWorkspace, x: Matrix): { mu: Matrix; logSigma: Matrix } {
  checkForwardArgs('vaeEncode', model, ws, x);
  return vaeEncodeUnchecked(model, ws, x);
}

/**
 * {@link vaeEncode} without checks (x is 1..ws.maxRows rows of inputSize; ws fits model).
 *
 * @example
 * ```ts
 * import { vaeEncodeUnchecked } from './model.js'; // internal
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4), ws = new VAEWorkspace(vae, 32); // 30 binary images of 4x4
 * const { mu, logSigma } = vaeEncodeUnchecked(vae, ws, x); // 30 x 2 each, as vaeEncode
 * ```
 */
export function vaeEncodeUnchecked(model: VAE, ws: VAEWorkspace, x: Matrix): { mu: Matrix; logSigma: Matrix } {
  const v = ws.views(x.rows);
  const h = model.encoder === null ? x : mlpForwardUnchecked(model.encoder, ws.encoder!, x); //      (1) h = relu-MLP(x)
  denseForwardUnchecked(v.mu, h, model.muHead.W, model.muHead.b, ws.gemm32); //                    (2) mu = h W_mu + b_mu
  denseForwardUnchecked(v.logSigma, h, model.logSigmaHead.W, model.logSigmaHead.b, ws.gemm32); //   (3) log sigma = h W_s + b_s
  ws.x = x; ws.rows = x.rows; ws.h = h;
  return { mu: v.mu, logSigma: v.logSigma };
}

/**
 * The decoder alone: z (n x k) -> logits (Bernoulli) or means (Gaussian), a view into the
 * workspace overwritten by the next call.
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const ws = new VAEWorkspace(vae, 32);
 * const z = matrix(3, 2, [0, 0, 1, -1, -2, 0.5]); // three points of the latent space
 * const logits = vaeDecode(vae, ws, z); // sigmoid(logits) are the pixel means
 */
export function vaeDecode(model: VAE, ws: VAEWorkspace, z: Matrix): Matrix {
  checkModelAndWorkspace('vaeDecode', model, ws);
  checkBatch('vaeDecode', 'z', z, model.latentSize, ws, 'latent variables');
  return mlpForward(model.decoder, ws.decoder, z);
}

/**
 * {@link vaeDecode} without checks (z is 1..ws.maxRows rows of latentSize; ws fits model).
 *
 * @example
 * ```ts
 * import { vaeDecodeUnchecked } from './model.js'; // internal
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const ws = new VAEWorkspace(vae, 32), z = matrix(3, 2, [0, 0, 1, -1, -2, 0.5]);
 * const logits = vaeDecodeUnchecked(vae, ws, z); // 3 x 16, as vaeDecode
 * ```
 */
export function vaeDecodeUnchecked(model: VAE, ws: VAEWorkspace, z: Matrix): Matrix {
  return mlpForwardUnchecked(model.decoder, ws.decoder, z);
}

/**
 * The forward pass of the negative ELBO for a batch x (n x D) at given noise eps (n x k), one
 * line per step of the derivation in docs/vae.md:
 *
 *   (1) h = encoder(x)                       ReLU layers (lib/nn)
 *   (2) mu = h W_mu + b_mu                   N-VAE-06
 *   (3) log sigma = h W_s + b_s              N-VAE-06
 *   (4) z = mu + e^{log sigma} ∘ eps         N-VAE-09
 *   (5) out = decoder(z)                     logits (Bernoulli) or mean (Gaussian)
 *   (6) R = -log p(x | z)                    N-VAE-03
 *   (7) K = D[Q(z | x) || N(0, I)]           N-VAE-07
 *   (8) loss = R + K                         minus eq. (1), N-VAE-08
 *
 * Per-row R and K stay in the workspace (`ws.views(n).reconstruction`, `.kl`) for
 * {@link vaeBackward} and for evaluation. eps is copied into the workspace.
 *
 * @returns the batch sums
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4); // 30 binary images of 4x4
 * const ws = new VAEWorkspace(vae, 32);
 * const eps = matrix(x.rows, vae.latentSize); new Rng(2).fillNormal(eps.data);
 * const { loss } = vaeForward(vae, ws, x, eps);
 */
export function vaeForward(model: VAE, ws: VAEWorkspace, x: Matrix, eps: Matrix): VAELossTerms {
  const fn = 'vaeForward';
  checkForwardArgs(fn, model, ws, x);
  checkMatrix32(fn, 'eps', eps);
  if (eps.rows !== x.rows || eps.cols !== model.latentSize) {
    throw new RangeError(`${fn}: eps is ${eps.rows}x${eps.cols} but must be ${x.rows}x${model.latentSize} (one row of k standard-normal draws per row of x)`);
  }
  const v = ws.views(x.rows);
  if (eps.data !== v.eps.data) v.eps.data.set(eps.data);
  return vaeForwardUnchecked(model, ws, x);
}

/**
 * {@link vaeForward} without checks, with the noise already in the workspace
 * (`ws.views(x.rows).eps`); x is 1..ws.maxRows rows of inputSize and ws fits model.
 *
 * @example
 * ```ts
 * import { vaeForwardUnchecked } from './model.js'; // internal
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4), ws = new VAEWorkspace(vae, 32), rng = new Rng(2);
 * rng.fillNormal(ws.views(x.rows).eps.data);
 * const { loss } = vaeForwardUnchecked(vae, ws, x);
 * ```
 */
export function vaeForwardUnchecked(model: VAE, ws: VAEWorkspace, x: Matrix): VAELossTerms {
  const v = ws.views(x.rows);
  const { mu, logSigma } = vaeEncodeUnchecked(model, ws, x); //                            (1)-(3)
  reparameterizeForwardUnchecked(v.z, mu, logSigma, v.eps); //                              (4) z = mu + sigma ∘ eps
  const out = vaeDecodeUnchecked(model, ws, v.z); //                                        (5) out = decoder(z)
  const R = model.likelihood === 'bernoulli' //                                             (6) R = -log p(x | z)
    ? bernoulliNegLogLikelihoodUnchecked(v.reconstruction, x, out)
    : gaussianNegLogLikelihoodUnchecked(v.reconstruction, x, out, model.sigma2);
  const K = klDiagonalGaussianToStandardUnchecked(v.kl, mu, logSigma); //                   (7) K = D[Q || p(z)]
  ws.out = out;
  return { reconstruction: R, kl: K, loss: R + K }; //                                      (8) loss = R + K
}

/**
 * The backward pass of `scale` · (the summed loss of the last {@link vaeForward} on `ws`),
 * writing every parameter's gradient into `grad`, one line per step of docs/vae.md (eps is
 * held fixed, so the only path from the encoder to the loss besides the KL runs through z):
 *
 *   (8')  dR = dK = scale
 *   (6')  dOut = dR/dout: sigma(out) - x (Bernoulli), (out - x)/sigma^2 (Gaussian)     N-VAE-03
 *   (5')  decoder backward: dW, db of every decoder layer, and dZ                        lib/nn
 *   (4')  dMu = dZ,  dLogSigma = dZ ∘ sigma ∘ eps                                        N-VAE-09
 *   (7')  dMu += mu,  dLogSigma += sigma^2 - 1                                           N-VAE-07
 *   (3')  dW_s = h^T dLogSigma, db_s = sum dLogSigma, dH = dLogSigma W_s^T               lib/nn
 *   (2')  dW_mu = h^T dMu, db_mu = sum dMu, dH += dMu W_mu^T                             lib/nn
 *   (1')  encoder backward from dH                                                       lib/nn
 *
 * @param scale the weight of the summed loss: 1 (pytorch/examples: the batch sum) or 1/n (the mean)
 * @returns grad
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4); // 30 binary images of 4x4
 * const ws = new VAEWorkspace(vae, 32);
 * const eps = matrix(x.rows, vae.latentSize); new Rng(2).fillNormal(eps.data);
 * const grad = new VAEGradient(vae);
 * vaeForward(vae, ws, x, eps);
 * vaeBackward(vae, ws, grad, 1);
 */
export function vaeBackward(model: VAE, ws: VAEWorkspace, grad: VAEGradient, scale: number): VAEGradient {
  const fn = 'vaeBackward';
  checkModelAndWorkspace(fn, model, ws);
  if (!(grad instanceof VAEGradient)) throw new TypeError(`${fn}: grad must be a VAEGradient (new VAEGradient(model)), got ${describe(grad)}`);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new RangeError(`${fn}: scale must be a finite number, got ${describe(scale)}`);
  if (model.encoder !== null) {
    if (grad.encoder === null) throw new RangeError(`${fn}: grad was made for a VAE without encoder hidden layers but model has hidden [${model.hidden.join(', ')}]`);
    checkGradient(fn, model.encoder, grad.encoder);
  }
  checkShape(fn, 'grad.muW', grad.muW, model.muHead.W.rows, model.muHead.W.cols, 'the shape of the mean head');
  checkGradient(fn, model.decoder, grad.decoder);
  if (ws.x === null || ws.h === null || ws.out === null) throw new RangeError(`${fn}: ws has had no forward pass yet (call vaeForward first)`);
  return vaeBackwardUnchecked(model, ws, grad, scale);
}

/**
 * {@link vaeBackward} without checks: a forward pass ran on `ws`, `grad` was made for `model`,
 * `scale` is finite. Returns grad.
 *
 * @example
 * ```ts
 * import { vaeBackwardUnchecked, vaeForwardUnchecked } from './model.js'; // internal
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4), ws = new VAEWorkspace(vae, 32), grad = new VAEGradient(vae);
 * new Rng(2).fillNormal(ws.views(x.rows).eps.data);
 * vaeForwardUnchecked(vae, ws, x); // the backward pass reads this forward pass from ws
 * vaeBackwardUnchecked(vae, ws, grad, 1); // grad = d(summed loss)/d(parameters)
 * ```
 */
export function vaeBackwardUnchecked(model: VAE, ws: VAEWorkspace, grad: VAEGradient, scale: number): VAEGradient {
  const x = ws.x as Matrix, h = ws.h as Matrix, out = ws.out as Matrix;
  const v = ws.views(ws.rows);
  const { mu, logSigma, eps, dMu, dLogSigma, dZ, dH, dHlogSigma, dOut } = v;
  if (model.likelihood === 'bernoulli') bernoulliNegLogLikelihoodBackwardUnchecked(dOut, x, out, scale); //  (6') dOut = sigma(out) - x
  else gaussianNegLogLikelihoodBackwardUnchecked(dOut, x, out, model.sigma2, scale); //                       (6') dOut = (out - x)/sigma^2
  mlpBackwardUnchecked(model.decoder, ws.decoder, grad.decoder, dOut, dZ, false); //                         (5') decoder grads, dZ
  reparameterizeBackwardUnchecked(dMu, dLogSigma, dZ, logSigma, eps); //                                     (4') dMu = dZ, dLogSigma = dZ ∘ sigma ∘ eps
  klDiagonalGaussianToStandardBackwardUnchecked(dMu, dLogSigma, mu, logSigma, scale); //                     (7') dMu += mu, dLogSigma += sigma^2 - 1
  const needDH = model.encoder !== null;
  denseBackwardUnchecked(grad.logSigmaW, grad.logSigmaB, needDH ? dHlogSigma : null, dLogSigma, h, model.logSigmaHead.W, false, ws.gemm32); // (3')
  denseBackwardUnchecked(grad.muW, grad.muB, needDH ? dH : null, dMu, h, model.muHead.W, false, ws.gemm32); //                            (2')
  if (needDH) {
    const a = dH.data, b = dHlogSigma.data;
    for (let i = 0; i < a.length; i++) a[i] += b[i]; //                                            (2') dH = dMu W_mu^T + dLogSigma W_s^T
    mlpBackwardUnchecked(model.encoder!, ws.encoder!, grad.encoder!, dH, null, false); //          (1') encoder grads
  }
  return grad;
}

/**
 * The one-sample negative ELBO of a batch, averaged over its rows (N-VAE-08: minus eq. (1),
 * the batch mean), with eps drawn from `rng`. For evaluation; training uses
 * {@link vaeForward} / {@link vaeBackward} directly.
 *
 * @returns { loss, reconstruction, kl } per data point
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const xBatch = barsAndStripes(4);
 * const ws = new VAEWorkspace(vae, 128);
 * vaeLoss(vae, ws, xBatch, new Rng(1)).loss; // e.g. 105.3 nats for a trained MNIST VAE
 */
export function vaeLoss(model: VAE, ws: VAEWorkspace, x: Matrix, rng: Rng): VAELossTerms {
  checkForwardArgs('vaeLoss', model, ws, x);
  checkRng('vaeLoss', rng);
  const v = ws.views(x.rows);
  rng.fillNormal(v.eps.data);
  const t = vaeForwardUnchecked(model, ws, x);
  return { reconstruction: t.reconstruction / x.rows, kl: t.kl / x.rows, loss: t.loss / x.rows };
}

/**
 * Throws unless `ws` is a VAEWorkspace made for `model`'s shapes (an object with the workspace's
 * `fits` and `views` methods; a different shape is named by the two decoders' sizes).
 */
export function checkVAEWorkspace(fn: string, model: VAE, ws: unknown): asserts ws is VAEWorkspace {
  const w = ws as VAEWorkspace;
  if (w === null || typeof w !== 'object' || typeof w.fits !== 'function' || typeof w.views !== 'function') {
    throw new TypeError(`${fn}: ws must be a VAEWorkspace (new VAEWorkspace(model, maxRows)), got ${describe(ws)}`);
  }
  if (!w.fits(model)) {
    throw new RangeError(`${fn}: ws was made for a VAE with decoder [${w.decoder.sizes.join(', ')}] but model's decoder is [${model.decoder.sizes.join(', ')}]`);
  }
}
