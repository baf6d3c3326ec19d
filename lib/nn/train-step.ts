/**
 * One gradient-descent step of an MLP on one minibatch (N-NN-05, N-NN-08, N-NN-11): forward,
 * loss, backward, optional penalties, and an optimizer update of **every** layer l = L..1.
 */
import type { Optimizer } from '../optim/index.js';
import type { MLP, MLPGradient, NNMatrix } from './model.js';
import { lossBackwardUnchecked, lossForwardUnchecked, type LossName } from './losses.js';
import { checkMLP, checkWorkspace, mlpBackwardUnchecked, mlpForwardUnchecked, type MLPWorkspace } from './mlp.js';
import { checkGradient, checkNNMatrix, checkOptimizer, checkOptions, checkSamePrecision, checkShape, describe } from './checks.js';

/** Options of {@link trainStep}. */
export interface TrainStepOptions {
  /** The loss (see lib/nn/losses.ts for each one's scaling). */
  loss: LossName;
  /** Any lib/optim optimizer (`new SGD({ lr })`, `new Adam()`, ...); it keeps its own state per array. */
  optimizer: Optimizer;
  /** L2 penalty λ₂ Σ_l ‖W^l‖² on the weights (not the biases), as Ridge's λ‖θ‖² (default 0). */
  l2?: number;
  /** L1 penalty λ₁ Σ_l Σ |w^l_{kj}| on the weights (not the biases), as Lasso's λ‖θ‖₁ (default 0). */
  l1?: number;
}

const STEP_OPTION_KEYS = ['loss', 'optimizer', 'l2', 'l1'] as const;

/**
 * Throws unless `loss` is a known loss and the output activation suits it (the two "from
 * logits" losses need an identity output layer).
 *
 * @example
 * const net = createMLP([4, 8, 3], { hidden: 'relu', output: 'identity' }, new Rng(1));
 * checkLossOutput('myLoop', net, 'softmaxCrossEntropy'); // passes: softmaxCrossEntropy wants identity (logits) outputs
 */
export function checkLossOutput(fn: string, net: MLP, loss: LossName): void {
  if (loss !== 'mse' && loss !== 'bceWithLogits' && loss !== 'softmaxCrossEntropy') {
    throw new RangeError(`${fn}: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got ${describe(loss)}`);
  }
  const out = net.layers[net.layers.length - 1].activation;
  if (loss !== 'mse' && out !== 'identity') {
    throw new RangeError(`${fn}: loss '${loss}' works on logits, so the output activation must be 'identity', got '${out}' (the loss applies the ${loss === 'bceWithLogits' ? 'sigmoid' : 'softmax'} itself)`);
  }
}

function checkPenalty(fn: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${fn}: ${what} must be a finite number >= 0, got ${describe(v)}`);
}

/**
 * Adds the weight penalties to the gradient and returns their value:
 *   C_pen = λ₂ Σ ‖W^l‖² + λ₁ Σ |w|,   dC_pen/dw = 2 λ₂ w + λ₁ sign(w)   (sign(0) = 0).
 */
function addPenalties(net: MLP, grad: MLPGradient, l2: number, l1: number): number {
  if (l2 === 0 && l1 === 0) return 0;
  let c = 0;
  for (let i = 0; i < net.layers.length; i++) {
    const w = net.layers[i].W.data, g = grad.dW[i].data;
    for (let k = 0; k < w.length; k++) {
      const x = w[k];
      c += l2 * x * x + l1 * Math.abs(x);
      g[k] += 2 * l2 * x + l1 * Math.sign(x);
    }
  }
  return c;
}

/**
 * One training step on the minibatch (X, Y): forward pass, the loss C, its gradient by
 * back-propagation, the penalties, then `optimizer.step` on W^l and b^l for every layer
 * (N-NN-11: w^l ← w^l − η δ^l a^{l−1}, b^l ← b^l − η δ^l with SGD). Returns the batch cost
 * including the penalties. A non-finite cost or gradient throws before any parameter changes.
 *
 * @example
 * const net = createMLP([2, 4, 1], { hidden: 'tanh' }, new Rng(1));
 * const X = fromArray2D([[0, 0], [0, 1], [1, 0], [1, 1]]), Y = fromArray2D([[0], [1], [1], [0]]);
 * const ws = createWorkspace(net, 32), grad = createGradient(net);
 * const opt = new SGD({ lr: 0.1 });
 * const c = trainStep(net, ws, grad, X, Y, { loss: 'mse', optimizer: opt });
 */
export function trainStep<M extends NNMatrix>(
  net: MLP<M>,
  ws: MLPWorkspace<M>,
  grad: MLPGradient<M>,
  X: M,
  Y: M,
  options: TrainStepOptions,
): number {
  const fn = 'trainStep';
  checkMLP(fn, net);
  checkOptions(fn, options, STEP_OPTION_KEYS);
  if (options === undefined) throw new TypeError(`${fn}: options { loss, optimizer } are required`);
  const { loss, optimizer, l2, l1 } = checkStepOptions(fn, net, options);
  checkBatch(fn, net, ws, grad, X, Y);
  return trainStepUnchecked(net, ws, grad, X, Y, loss, optimizer, l2, l1);
}

/**
 * Throws unless the step options suit `net` (a known loss its output layer fits, an optimizer,
 * finite penalties >= 0); returns them with the penalties' defaults filled in. Shared by
 * trainStep and trainMLP.
 *
 * @example
 * ```ts
 * import { checkStepOptions } from './train-step.js'; // internal
 * const net = createMLP([2, 4, 1], { hidden: 'tanh' }, new Rng(1));
 * const step = checkStepOptions('trainMLP', net, { loss: 'mse', optimizer: new SGD({ lr: 0.1 }) }); // step.l2 = step.l1 = 0
 * ```
 */
export function checkStepOptions(fn: string, net: MLP, options: TrainStepOptions): Required<TrainStepOptions> {
  checkLossOutput(fn, net, options.loss);
  const opt = options.optimizer;
  checkOptimizer(fn, opt);
  const l2 = options.l2 ?? 0, l1 = options.l1 ?? 0;
  checkPenalty(fn, 'l2', l2);
  checkPenalty(fn, 'l1', l1);
  return { loss: options.loss, optimizer: opt, l2, l1 };
}

/**
 * Throws unless (X, Y) is a batch the step can take: X is B x n_0 and Y B x n_L with
 * 1 <= B <= ws.maxRows, both in the network's precision; `ws` and `grad` belong to `net`.
 */
function checkBatch(fn: string, net: MLP, ws: MLPWorkspace, grad: MLPGradient, X: NNMatrix, Y: NNMatrix): void {
  checkWorkspace(fn, net, ws);
  checkGradient(fn, net, grad);
  const W0 = net.layers[0].W, L = net.layers.length;
  checkNNMatrix(fn, 'X', X);
  checkSamePrecision(fn, 'X', X, 'the network', W0);
  if (X.cols !== net.sizes[0]) throw new RangeError(`${fn}: X is ${X.rows}x${X.cols} but the network takes n_0 = ${net.sizes[0]} inputs per row`);
  if (X.rows < 1 || X.rows > ws.maxRows) throw new RangeError(`${fn}: X has ${X.rows} rows but the workspace holds 1..${ws.maxRows}`);
  checkNNMatrix(fn, 'Y', Y);
  checkSamePrecision(fn, 'Y', Y, 'the network', W0);
  checkShape(fn, 'Y', Y, X.rows, net.sizes[L], `one target row of n_L = ${net.sizes[L]} per row of X`);
}

/**
 * {@link trainStep} without the argument checks (trainMLP's epochs call it once trainMLP checked
 * the data and options). It still stops, with "trainStep: ..." and no parameter changed, when
 * the loss or a weight gradient is not finite. Returns the cost.
 *
 * @example
 * ```ts
 * import { trainStepUnchecked } from './train-step.js'; // internal
 * const net = createMLP([2, 4, 1], { hidden: 'tanh' }, new Rng(1));
 * const ws = createWorkspace(net, 4), grad = createGradient(net), optimizer = new SGD({ lr: 0.1 });
 * const xb = fromArray2D([[0, 0], [0, 1], [1, 0], [1, 1]]), yb = fromArray2D([[0], [1], [1], [0]]);
 * trainStepUnchecked(net, ws, grad, xb, yb, 'mse', optimizer, 0, 0); // the batch's cost; the weights took one SGD step
 * ```
 */
export function trainStepUnchecked<M extends NNMatrix>(
  net: MLP<M>, ws: MLPWorkspace<M>, grad: MLPGradient<M>, X: M, Y: M, loss: LossName, opt: Optimizer, l2: number, l1: number,
): number {
  const fn = 'trainStep';
  const out = mlpForwardUnchecked(net, ws, X);
  let cost = lossForwardUnchecked(loss, out, Y);
  if (!Number.isFinite(cost)) throw new RangeError(`${fn}: the ${loss} loss is ${cost} on this batch (diverged or non-finite inputs); no parameter was changed`);
  const dOut = ws.views(X.rows).dOut;
  lossBackwardUnchecked(loss, dOut, out, Y);
  mlpBackwardUnchecked(net, ws, grad, dOut, null, false);
  cost += addPenalties(net, grad, l2, l1);
  for (let i = 0; i < net.layers.length; i++) {
    const g = grad.dW[i].data;
    let probe = 0; // Σ 0·g_k is 0 unless some g_k is NaN or ±Infinity (then NaN): one cheap pass
    for (let k = 0; k < g.length; k++) probe += 0 * g[k];
    if (probe !== 0) {
      const k = g.findIndex((v) => !Number.isFinite(v));
      throw new RangeError(`${fn}: dC/dW^${i + 1}[${Math.floor(k / grad.dW[i].cols)}, ${k % grad.dW[i].cols}] is ${g[k]}; no parameter was changed`);
    }
  }
  for (let i = 0; i < net.layers.length; i++) {
    opt.step(net.layers[i].W.data, grad.dW[i].data); // w^l ← w^l − η ∂C/∂w^l (for SGD)
    opt.step(net.layers[i].b, grad.db[i]); //             b^l ← b^l − η ∂C/∂b^l
  }
  return cost;
}
