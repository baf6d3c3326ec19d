/**
 * The multilayer perceptron: dense layers chained (N-NN-11), with preallocated buffers.
 *
 *   forward    A^0 = X;  Z^l = A^{l-1} W^l + b^l,  A^l = f_l(Z^l)          for l = 1..L
 *   backward   Δ^L = dC/dA^L ∘ f_L'(Z^L)                                   eq. (2)
 *              dC/dW^l = (A^{l-1})ᵀ Δ^l,  dC/db^l = Σ_rows Δ^l             eqs. (1), (3)
 *              Δ^{l-1} = (Δ^l (W^l)ᵀ) ∘ f_{l-1}'(Z^{l-1})                  N-NN-10, for l = L..2
 *
 * `mlpForward` and `mlpBackward` are the two halves a model built on this one uses (a VAE's
 * encoder and decoder): run the forward pass, compute dC/d(output) with your own loss, and
 * back-propagate it to get every parameter gradient and, if you ask, dC/d(input).
 *
 * An {@link MLPWorkspace} holds Z^l, A^l, Δ^l and dC/dA^l for up to `maxRows` samples; batches
 * of any size up to that reuse it (each distinct size creates its views once), so a training
 * loop allocates nothing per minibatch.
 */
import type { Rng } from '../random/index.js';
import { matrix, matrix64, type Matrix, type Matrix64 } from '../linalg/matrix.js';
import { ACTIVATIONS, type Activation, type DenseLayer, type MLP, type MLPGradient, type NNMatrix, type Precision, type VectorOf } from './model.js';
import { activationBackwardUnchecked, activationForwardUnchecked } from './activations.js';
import { denseBackwardUnchecked, denseForwardUnchecked, type GemmFunction } from './dense.js';
import { defaultInit, initWeights, type InitScheme } from './init.js';
import { checkActivation, checkDisjoint, checkGradientShapes, checkNNMatrix, checkNNVector, checkOptions, checkSamePrecision, checkShape, checkSlope, describe } from './checks.js';

/** Options of {@link createMLP}. */
export interface MLPOptions {
  /** Activation of every hidden layer (default 'sigmoid', as in the notes). */
  hidden?: Activation;
  /** Activation of the output layer (default 'identity'; use identity with the "from logits" losses). */
  output?: Activation;
  /** One activation per layer l = 1..L; overrides `hidden` and `output`. */
  activations?: Activation[];
  /** Weight initialization (default: 'he' for ReLU layers, 'xavier' otherwise); biases start at 0. */
  init?: InitScheme;
  /** Storage precision (default 'float32'). */
  precision?: Precision;
  /** Leaky-ReLU slope for z < 0 (default 0.01). */
  slope?: number;
}

const MLP_OPTION_KEYS = ['hidden', 'output', 'activations', 'init', 'precision', 'slope'] as const;

function newMatrix(precision: Precision, rows: number, cols: number): NNMatrix {
  return precision === 'float32' ? matrix(rows, cols) : matrix64(rows, cols);
}

function newVector(precision: Precision, n: number): Float32Array | Float64Array {
  return precision === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/**
 * A network with layer sizes `sizes` = [n_0, ..., n_L] (input first), random weights from `rng`
 * and zero biases. Layer l has W^l of shape n_{l-1} x n_l.
 *
 * @example
 * const net = createMLP([784, 128, 10], { hidden: 'relu', output: 'identity' }, new Rng(1));
 * net.layers[0].W.rows;  // 784
 * const net64 = createMLP([2, 2, 1], { precision: 'float64' }, new Rng(1)); // the notes' 2-2-1, sigmoid hidden
 */
export function createMLP(sizes: readonly number[], options: MLPOptions & { precision: 'float64' }, rng: Rng): MLP<Matrix64>;
export function createMLP(sizes: readonly number[], options: MLPOptions | undefined, rng: Rng): MLP<Matrix>;
export function createMLP(sizes: readonly number[], options: MLPOptions | undefined, rng: Rng): MLP {
  const fn = 'createMLP';
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new RangeError(`${fn}: sizes must be an array [n_0, ..., n_L] with at least an input and an output size, got ${describe(sizes)}`);
  }
  sizes.forEach((n, l) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: sizes[${l}] must be a positive integer, got ${describe(n)}`);
  });
  checkOptions(fn, options, MLP_OPTION_KEYS);
  const o = options ?? {};
  const L = sizes.length - 1;
  const precision = o.precision ?? 'float32';
  if (precision !== 'float32' && precision !== 'float64') throw new RangeError(`${fn}: precision must be 'float32' or 'float64', got ${describe(precision)}`);
  const slope = o.slope ?? 0.01;
  checkSlope(fn, slope);
  let activations: Activation[];
  if (o.activations !== undefined) {
    if (!Array.isArray(o.activations) || o.activations.length !== L) {
      throw new RangeError(`${fn}: activations must list one activation per layer (${L} for sizes [${sizes.join(', ')}]), got ${describe(o.activations)}`);
    }
    activations = o.activations.slice();
  } else {
    const hidden = o.hidden ?? 'sigmoid';
    const output = o.output ?? 'identity';
    checkActivation(fn, 'hidden', hidden);
    checkActivation(fn, 'output', output);
    activations = sizes.slice(1).map((_, l) => (l === L - 1 ? output : hidden));
  }
  activations.forEach((a, l) => checkActivation(fn, `activations[${l}]`, a));
  if (o.init !== undefined && o.init !== 'xavier' && o.init !== 'xavier-uniform' && o.init !== 'he') {
    throw new RangeError(`${fn}: init must be 'xavier', 'xavier-uniform' or 'he', got ${describe(o.init)}`);
  }
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).normal !== 'function') {
    throw new TypeError(`${fn}: rng must be an Rng (the weights are random), got ${describe(rng)}`);
  }
  const layers: DenseLayer[] = [];
  for (let l = 1; l <= L; l++) {
    const W = newMatrix(precision, sizes[l - 1], sizes[l]);
    initWeights(W, o.init ?? defaultInit(activations[l - 1]), rng);
    layers.push({ W, b: newVector(precision, sizes[l]), activation: activations[l - 1], slope } as DenseLayer);
  }
  return { sizes: sizes.slice(), precision, layers };
}

/**
 * Throws unless `net` is a consistent MLP (shapes chain, one precision, known activations).
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * checkMLP('myFunction', net); // passes
 */
export function checkMLP(fn: string, net: unknown): asserts net is MLP {
  const m = net as MLP;
  if (m === null || typeof m !== 'object' || !Array.isArray(m.layers) || !Array.isArray(m.sizes)) {
    throw new TypeError(`${fn}: net must be an MLP { sizes, precision, layers } (see createMLP), got ${describe(net)}`);
  }
  if (m.layers.length !== m.sizes.length - 1 || m.layers.length < 1) {
    throw new RangeError(`${fn}: net has ${m.layers.length} layers but sizes [${m.sizes.join(', ')}] needs ${m.sizes.length - 1}`);
  }
  const want = m.precision === 'float64' ? Float64Array : Float32Array;
  for (let i = 0; i < m.layers.length; i++) {
    const layer = m.layers[i];
    const W = layer?.W;
    // the common case is cheap (no strings built); the messages are made only on failure
    const ok = W !== null && typeof W === 'object' && W.data instanceof want && layer.b instanceof want
      && W.rows === m.sizes[i] && W.cols === m.sizes[i + 1] && W.data.length === W.rows * W.cols
      && layer.b.length === m.sizes[i + 1] && (ACTIVATIONS as readonly string[]).includes(layer.activation)
      && typeof layer.slope === 'number' && Number.isFinite(layer.slope);
    if (!ok) checkLayerInDetail(fn, m, i + 1, want);
  }
}

function checkLayerInDetail(fn: string, m: MLP, l: number, want: Float32ArrayConstructor | Float64ArrayConstructor): void {
  const layer = m.layers[l - 1];
  if (layer === null || typeof layer !== 'object') throw new TypeError(`${fn}: layer ${l} must be an object { W, b, activation, slope }, got ${describe(layer)}`);
  checkNNMatrix(fn, `layer ${l} W`, layer.W);
  if (!(layer.W.data instanceof want) || !(layer.b instanceof want)) {
    throw new TypeError(`${fn}: layer ${l} is not ${m.precision} like the network (W: ${describe(layer.W.data)}, b: ${describe(layer.b)})`);
  }
  checkShape(fn, `layer ${l} W`, layer.W, m.sizes[l - 1], m.sizes[l], `n_${l - 1} x n_${l} for sizes [${m.sizes.join(', ')}]`);
  if (layer.b.length !== m.sizes[l]) throw new RangeError(`${fn}: layer ${l} b has length ${layer.b.length} but n_${l} = ${m.sizes[l]}`);
  checkActivation(fn, `layer ${l} activation`, layer.activation);
  checkSlope(fn, layer.slope);
}

/**
 * The number of parameters Σ_l (n_{l-1} n_l + n_l); 9 for the notes' 2-2-1 network (N-NN-06).
 *
 * @example
 * mlpParameterCount(createMLP([2, 2, 1], {}, new Rng(1))); // 9
 */
export function mlpParameterCount(net: MLP): number {
  checkMLP('mlpParameterCount', net);
  let n = 0;
  for (const layer of net.layers) n += layer.W.data.length + layer.b.length;
  return n;
}

/**
 * The parameter arrays in order [W^1, b^1, W^2, b^2, ...] (the W entries are the matrices'
 * `data`, row-major). They are the network's own storage: writing into them sets the weights.
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * for (const p of mlpParameters(net)) p.fill(0);
 */
export function mlpParameters<M extends NNMatrix>(net: MLP<M>): VectorOf<M>[] {
  checkMLP('mlpParameters', net);
  const out: VectorOf<M>[] = [];
  for (const layer of net.layers) out.push(layer.W.data as VectorOf<M>, layer.b);
  return out;
}

/**
 * Zero gradient buffers shaped like the network's parameters (dW^l like W^l, db^l like b^l).
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * const grad = createGradient(net);
 * grad.dW[0].rows; // n_0 = 4
 */
export function createGradient<M extends NNMatrix>(net: MLP<M>): MLPGradient<M> {
  checkMLP('createGradient', net);
  const dW = net.layers.map((layer) => newMatrix(net.precision, layer.W.rows, layer.W.cols) as M);
  const db = net.layers.map((layer) => newVector(net.precision, layer.b.length) as VectorOf<M>);
  return { dW, db };
}

/**
 * The gradient arrays in the order of {@link mlpParameters}: [dW^1, db^1, dW^2, db^2, ...].
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * const grad = createGradient(net);
 * const g = gradientArrays(grad); // g[0] is dC/dW^1 (row-major)
 */
export function gradientArrays<M extends NNMatrix>(grad: MLPGradient<M>): VectorOf<M>[] {
  if (grad === null || typeof grad !== 'object' || !Array.isArray(grad.dW) || !Array.isArray(grad.db) || grad.dW.length !== grad.db.length) {
    throw new TypeError(`gradientArrays: grad must be an MLPGradient { dW, db } (createGradient(net)), got ${describe(grad)}`);
  }
  const out: VectorOf<M>[] = [];
  for (let i = 0; i < grad.dW.length; i++) out.push(grad.dW[i].data as VectorOf<M>, grad.db[i]);
  return out;
}

interface Views<M extends NNMatrix> {
  Z: M[];
  A: M[];
  D: M[];
  G: M[];
  dOut: M;
}

/**
 * Buffers for the forward and backward passes of one network for batches of up to `maxRows`
 * rows: Z^l, A^l, Δ^l (`D`) and dC/dA^l (`G`) per layer, plus one output-gradient buffer.
 * Create it once (`createWorkspace`) and pass it to every call.
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * const ws = new MLPWorkspace(net, 128);
 */
export class MLPWorkspace<M extends NNMatrix = NNMatrix> {
  readonly maxRows: number;
  readonly sizes: readonly number[];
  readonly precision: Precision;
  /** The input X of the last forward pass (A^0); the backward pass reads it. */
  input: M | null = null;
  /** Rows of the last forward pass (0 before the first). */
  rows = 0;
  private readonly store: { Z: NNMatrix[]; A: NNMatrix[]; D: NNMatrix[]; G: NNMatrix[]; dOut: NNMatrix };
  private readonly cache = new Map<number, Views<M>>();
  /** The float32 product of every layer (default undefined: `gemm`); see {@link createWorkspace}. */
  readonly gemm32: GemmFunction | undefined;
  constructor(net: MLP<M>, maxRows: number, options: { gemm32?: GemmFunction } = {}) {
    checkMLP('MLPWorkspace', net);
    checkOptions('MLPWorkspace', options, ['gemm32']);
    if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError(`MLPWorkspace: maxRows must be a positive integer, got ${describe(maxRows)}`);
    this.maxRows = maxRows;
    if (options.gemm32 !== undefined && typeof options.gemm32 !== 'function') {
      throw new TypeError(`MLPWorkspace: options.gemm32 must be a function with gemm's signature, got ${describe(options.gemm32)}`);
    }
    this.gemm32 = options.gemm32;
    this.sizes = net.sizes.slice();
    this.precision = net.precision;
    const per = (n: number) => newMatrix(net.precision, maxRows, n);
    const hidden = net.sizes.slice(1);
    this.store = {
      Z: hidden.map(per), A: hidden.map(per), D: hidden.map(per), G: hidden.map(per),
      dOut: per(net.sizes[net.sizes.length - 1]),
    };
  }

  /**
   * Row views of every buffer for a batch of `rows` (created once per distinct size).
   *
   * @example
   * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
   * const ws = new MLPWorkspace(net, 128);
   * const { Z, A } = ws.views(32); // Z[l - 1] is Z^l for a batch of 32
   */
  views(rows: number): Views<M> {
    let v = this.cache.get(rows);
    if (v === undefined) {
      if (!Number.isInteger(rows) || rows < 1 || rows > this.maxRows) {
        throw new RangeError(`MLPWorkspace: a batch of ${rows} rows does not fit (the workspace holds 1..${this.maxRows} rows)`);
      }
      const view = (m: NNMatrix): M => ({ rows, cols: m.cols, data: m.data.subarray(0, rows * m.cols) }) as M;
      const s = this.store;
      v = { Z: s.Z.map(view), A: s.A.map(view), D: s.D.map(view), G: s.G.map(view), dOut: view(s.dOut) };
      this.cache.set(rows, v);
    }
    return v;
  }
}

/**
 * A workspace (buffers) for `net` and batches of up to `maxRows` rows. `options.gemm32`
 * computes every float32 layer product instead of `gemm`: a WorkerPool's `gemm` (boltzmann/node)
 * splits the large ones over cores, with the same bits.
 *
 * @example
 * const net = createMLP([4, 8, 2], { hidden: 'relu' }, new Rng(1));
 * const ws = createWorkspace(net, 128);
 * // with a WorkerPool `pool` (boltzmann/node): { gemm32: (out, a, b, opts) => pool.gemm(out, a, b, opts) }
 * const ws2 = createWorkspace(net, 128, { gemm32: (out, a, b, opts) => gemm(out, a, b, opts) });
 */
export function createWorkspace<M extends NNMatrix>(net: MLP<M>, maxRows: number, options: { gemm32?: GemmFunction } = {}): MLPWorkspace<M> {
  const fn = 'createWorkspace';
  checkMLP(fn, net);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError(`${fn}: maxRows must be a positive integer, got ${describe(maxRows)}`);
  checkOptions(fn, options, ['gemm32']);
  if (options.gemm32 !== undefined && typeof options.gemm32 !== 'function') {
    throw new TypeError(`${fn}: options.gemm32 must be a function with gemm's signature, got ${describe(options.gemm32)}`);
  }
  return new MLPWorkspace(net, maxRows, options);
}

/** Throws unless `ws` is an MLPWorkspace made for `net`'s sizes and precision. */
export function checkWorkspace(fn: string, net: MLP, ws: MLPWorkspace): void {
  if (!(ws instanceof MLPWorkspace)) throw new TypeError(`${fn}: ws must be an MLPWorkspace (createWorkspace(net, maxRows)), got ${describe(ws)}`);
  let same = ws.precision === net.precision && ws.sizes.length === net.sizes.length;
  for (let i = 0; same && i < ws.sizes.length; i++) same = ws.sizes[i] === net.sizes[i];
  if (!same) {
    throw new RangeError(`${fn}: ws was made for a ${ws.precision} network [${ws.sizes.join(', ')}] but net is ${net.precision} [${net.sizes.join(', ')}]`);
  }
}

/**
 * N-NN-11 (forward)  Runs X (B x n_0) through every layer, keeping Z^l and A^l in `ws` for the
 * backward pass, and returns A^L (a B x n_L view into `ws`, overwritten by the next call).
 * X is kept by reference as A^0: do not change it before `mlpBackward`.
 *
 * @example
 * const net = createMLP([784, 32, 10], { hidden: 'relu' }, new Rng(1));
 * const X = zeros(64, 784);
 * const ws = createWorkspace(net, 64);
 * const out = mlpForward(net, ws, X); // X is 64 x 784 -> out is 64 x 10
 */
export function mlpForward<M extends NNMatrix>(net: MLP<M>, ws: MLPWorkspace<M>, X: M): M {
  const fn = 'mlpForward';
  checkMLP(fn, net);
  checkWorkspace(fn, net, ws);
  checkNNMatrix(fn, 'X', X);
  checkSamePrecision(fn, 'X', X, 'the network', net.layers[0].W);
  if (X.cols !== net.sizes[0]) throw new RangeError(`${fn}: X is ${X.rows}x${X.cols} but the network takes n_0 = ${net.sizes[0]} inputs per row`);
  if (X.rows < 1 || X.rows > ws.maxRows) throw new RangeError(`${fn}: X has ${X.rows} rows but ws holds batches of 1..${ws.maxRows} rows (createWorkspace(net, maxRows))`);
  return mlpForwardUnchecked(net, ws, X);
}

/**
 * N-NN-11 (backward)  Back-propagates dC/dA^L (`dOut`, B x n_L, for the batch of the last
 * `mlpForward` on `ws`) through every layer, writing dC/dW^l and dC/db^l into `grad` (added to it
 * when `accumulate` is true) and, when `dInput` (B x n_0) is given, dC/dX into it. Every layer
 * l = L..1 gets its gradient (the notes print the range l = L−1..1; the output layer needs one too).
 * `dOut` may be the workspace's own `ws.views(B).dOut`. With `grad` null only dC/dX is computed
 * (the input gradient, e.g. ∇_x E for Langevin sampling, skipping the weight products). Returns `grad`.
 *
 * @example
 * const net = createMLP([3, 5, 2], { hidden: 'tanh' }, new Rng(1));
 * const X = fromArray2D([[1, 0, -1], [0.5, 0.5, 0]]), Y = fromArray2D([[1, 0], [0, 1]]);
 * const ws = createWorkspace(net, 2), grad = createGradient(net);
 * const dOut = zeros(2, 2), dX = zeros(2, 3);
 * const out = mlpForward(net, ws, X);
 * mseBackward(dOut, out, Y);            // or your own dC/d(out)
 * mlpBackward(net, ws, grad, dOut);     // grad.dW[l - 1] = dC/dW^l
 * mlpBackward(net, ws, grad, dOut, dX); // ... and dC/dX, e.g. to continue into an encoder
 */
export function mlpBackward<M extends NNMatrix>(
  net: MLP<M>,
  ws: MLPWorkspace<M>,
  grad: MLPGradient<M> | null,
  dOut: M,
  dInput: M | null = null,
  accumulate = false,
): MLPGradient<M> | null {
  const fn = 'mlpBackward';
  checkMLP(fn, net);
  checkWorkspace(fn, net, ws);
  const X = ws.input;
  if (X === null) throw new RangeError(`${fn}: ws has had no forward pass yet (call mlpForward(net, ws, X) first)`);
  const L = net.layers.length;
  if (grad !== null && (typeof grad !== 'object' || !Array.isArray(grad.dW) || !Array.isArray(grad.db) || grad.dW.length !== L || grad.db.length !== L)) {
    throw new TypeError(`${fn}: grad must be an MLPGradient with ${L} layers (createGradient(net)) or null, got ${describe(grad)}`);
  }
  if (grad === null && dInput === null) throw new TypeError(`${fn}: grad and dInput are both null: nothing to compute`);
  checkNNMatrix(fn, 'dOut', dOut);
  checkSamePrecision(fn, 'dOut', dOut, 'the network', net.layers[0].W);
  checkShape(fn, 'dOut', dOut, ws.rows, net.sizes[L], 'the shape of the last forward output');
  if (typeof accumulate !== 'boolean') throw new TypeError(`${fn}: accumulate must be a boolean, got ${describe(accumulate)}`);
  if (grad !== null) checkGradientShapes(fn, net, grad);
  if (dInput !== null) {
    checkNNMatrix(fn, 'dInput', dInput);
    checkSamePrecision(fn, 'dInput', dInput, 'the network', net.layers[0].W);
    checkShape(fn, 'dInput', dInput, ws.rows, net.sizes[0], 'batch rows x n_0, the shape of the forward input');
    checkDisjoint(fn, 'dInput', dInput.data, 'dOut', dOut.data);
  }
  return mlpBackwardUnchecked(net, ws, grad, dOut, dInput, accumulate);
}

/**
 * Runs the network on X and returns a new B x n_L matrix with the output (allocates; for
 * evaluation, not for training loops).
 *
 * @example
 * const net = createMLP([2, 4, 1], {}, new Rng(1));
 * const y = mlpPredict(net, fromArray2D([[0.5, 1]]));
 */
export function mlpPredict<M extends NNMatrix>(net: MLP<M>, X: M): M {
  checkMLP('mlpPredict', net);
  checkNNMatrix('mlpPredict', 'X', X);
  checkSamePrecision('mlpPredict', 'X', X, 'the network', net.layers[0].W);
  if (X.cols !== net.sizes[0]) throw new RangeError(`mlpPredict: X is ${X.rows}x${X.cols} but the network takes n_0 = ${net.sizes[0]} inputs per row`);
  const ws = new MLPWorkspace(net, Math.max(1, X.rows));
  if (X.rows === 0) return newMatrix(net.precision, 0, net.sizes[net.sizes.length - 1]) as M;
  const out = mlpForward(net, ws, X);
  return { rows: out.rows, cols: out.cols, data: out.data.slice() } as M;
}

// ---------------------------------------------------------------------------------------------
// The passes, unchecked: mlpForward and mlpBackward check their arguments and call these;
// trainStep, trainMLP's epochs, the energy networks and the VAE call them directly once their
// own public function checked the network, the workspace and the batch. Internal:
// lib/nn/index.ts does not list them.

/**
 * {@link mlpForward} without checks: X (B x n_0, the network's precision, 1 <= B <= ws.maxRows)
 * through every layer. Returns A^L, a view into `ws`.
 *
 * @example
 * ```ts
 * import { mlpForwardUnchecked } from './mlp.js'; // internal
 * const net = createMLP([3, 5, 2], { hidden: 'tanh' }, new Rng(1)), ws = createWorkspace(net, 2);
 * const X = fromArray2D([[1, 0, -1], [0.5, 0.5, 0]]);
 * const out = mlpForwardUnchecked(net, ws, X); // 2 x 2, as mlpForward(net, ws, X)
 * ```
 */
export function mlpForwardUnchecked<M extends NNMatrix>(net: MLP<M>, ws: MLPWorkspace<M>, X: M): M {
  const { Z, A } = ws.views(X.rows);
  let prev = X;
  for (let l = 1; l <= net.layers.length; l++) {
    const layer = net.layers[l - 1];
    denseForwardUnchecked(Z[l - 1], prev, layer.W, layer.b, ws.gemm32); // z^l = a^{l-1} W^l + b^l
    activationForwardUnchecked(A[l - 1], Z[l - 1], layer.activation, layer.slope); // a^l = f_l(z^l)
    prev = A[l - 1];
  }
  ws.input = X;
  ws.rows = X.rows;
  return prev;
}

/**
 * {@link mlpBackward} without checks: a forward pass ran on `ws`, dOut is its output's shape,
 * `grad` (or null) has the network's layers, `dInput` (or null) is B x n_0. Returns grad.
 *
 * @example
 * ```ts
 * import { mlpBackwardUnchecked, mlpForwardUnchecked } from './mlp.js'; // internal
 * const net = createMLP([3, 5, 2], { hidden: 'tanh' }, new Rng(1));
 * const ws = createWorkspace(net, 2), grad = createGradient(net), dOut = zeros(2, 2);
 * const X = fromArray2D([[1, 0, -1], [0.5, 0.5, 0]]), Y = fromArray2D([[1, 0], [0, 1]]);
 * mseBackward(dOut, mlpForwardUnchecked(net, ws, X), Y); // the backward pass reads this forward pass from ws
 * mlpBackwardUnchecked(net, ws, grad, dOut, null, false); // grad.dW[l - 1] = dC/dW^l (overwritten, not accumulated)
 * ```
 */
export function mlpBackwardUnchecked<M extends NNMatrix>(
  net: MLP<M>, ws: MLPWorkspace<M>, grad: MLPGradient<M> | null, dOut: M, dInput: M | null, accumulate: boolean,
): MLPGradient<M> | null {
  const X = ws.input as M;
  const L = net.layers.length;
  const { Z, A, D, G } = ws.views(ws.rows);
  let upstream = dOut; // dC/dA^l
  for (let l = L; l >= 1; l--) {
    const layer = net.layers[l - 1];
    // eq. (2) / N-NN-10: Δ^l = dC/dA^l ∘ f_l'(Z^l)
    activationBackwardUnchecked(D[l - 1], Z[l - 1], A[l - 1], upstream, layer.activation, layer.slope);
    const Aprev = l === 1 ? X : A[l - 2];
    const dAprev = l === 1 ? dInput : G[l - 2];
    // eqs. (1), (3): dC/dW^l = (A^{l-1})ᵀ Δ^l, dC/db^l = Σ_rows Δ^l; dC/dA^{l-1} = Δ^l (W^l)ᵀ
    if (grad === null) denseBackwardUnchecked(null, null, dAprev, D[l - 1], Aprev, layer.W, false, ws.gemm32);
    else denseBackwardUnchecked(grad.dW[l - 1], grad.db[l - 1], dAprev, D[l - 1], Aprev, layer.W, accumulate, ws.gemm32);
    if (l > 1) upstream = G[l - 2];
  }
  return grad;
}
