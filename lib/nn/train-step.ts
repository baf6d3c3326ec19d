/**
 * One gradient-descent step of an MLP on one minibatch (N-NN-05, N-NN-08, N-NN-11): forward,
 * loss, backward, optional penalties, and an optimizer update of **every** layer l = L..1.
 */
import type { Optimizer } from '../optim/index.js';
import type { MLP, MLPGradient, NNMatrix } from './model.js';
import { lossBackward, lossForward, type LossName } from './losses.js';
import { checkMLP, mlpBackward, mlpForward, type MLPWorkspace } from './mlp.js';
import { checkGradient, checkInputBatch, checkNNMatrix, checkOptimizer, checkOptions, checkSamePrecision, checkShape, describe } from './checks.js';

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
 * checkLossOutput('myLoop', net, 'softmaxCrossEntropy');
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
  checkLossOutput(fn, net, options.loss);
  const opt = options.optimizer;
  checkOptimizer(fn, opt);
  const l2 = options.l2 ?? 0, l1 = options.l1 ?? 0;
  checkPenalty(fn, 'l2', l2);
  checkPenalty(fn, 'l1', l1);
  checkInputBatch(fn, net, ws, X);
  checkGradient(fn, net, grad);
  checkNNMatrix(fn, 'Y', Y);
  checkSamePrecision(fn, 'Y', Y, 'the network', net.layers[0].W);
  checkShape(fn, 'Y', Y, X.rows, net.sizes[net.sizes.length - 1], 'one target row of n_L per row of X');
  const out = mlpForward(net, ws, X);
  let cost = lossForward(options.loss, out, Y);
  if (!Number.isFinite(cost)) throw new RangeError(`${fn}: the ${options.loss} loss is ${cost} on this batch (diverged or non-finite inputs); no parameter was changed`);
  const dOut = ws.views(X.rows).dOut;
  lossBackward(options.loss, dOut, out, Y);
  mlpBackward(net, ws, grad, dOut);
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
