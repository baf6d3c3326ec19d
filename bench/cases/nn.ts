/**
 * Network training throughput on the default linalg backend.
 *
 * - `nn/MLP 784-400-10 fwd+bwd, batch 128`: one call = mlpForward, softmaxCrossEntropyBackward and
 *   mlpBackward (parameter gradients, no input gradient) of a float32 784-400-10 network (ReLU
 *   hidden layer) on a fixed batch of 128 rows — the step torch's
 *   `cross_entropy(model(x), y).backward()` does (bench/peers/torch_mlp.py). Work counts the gemm
 *   flops: forward 2B(784·400 + 400·10), weight gradients the same again, and the hidden layer's
 *   error Δ²W²ᵀ 2B·400·10 (= 163.6 MFLOP); activations, bias sums and the loss are not counted.
 * - `nn/the same gemms only`: the five products on the same shapes with nothing else (baseline): the
 *   bound the step is compared with.
 * - `nn/trainStep 784-400-10 + Adam, batch 128`: the whole training step (forward, loss, backward,
 *   Adam on all four parameter arrays), same flop count.
 * - `nn/MNIST rows, gemm` and `nn/MNIST rows, sparseGemm`: the fwd+bwd step on the first 128
 *   MNIST training images (about 19 % nonzero pixels) with the products run by `gemm` (baseline)
 *   or by `sparseGemm` (the workspace's gemm32), which skips the zero pixels in X W¹ and Xᵀ Δ¹;
 *   same bits, same nominal flop count.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';
import { gemm, matrix, sparseGemm, type Matrix } from '../../lib/linalg/index.js';
import { loadMnist } from '../../lib/node.js';
import { Adam } from '../../lib/optim/index.js';
import {
  createGradient, createMLP, createWorkspace, mlpBackward, mlpForward, oneHot, softmaxCrossEntropyBackward, trainStep,
  type MLP, type MLPGradient, type MLPWorkspace,
} from '../../lib/nn/index.js';

export const MLP_SIZES = [784, 400, 10];
export const MLP_BATCH = 128;
/** Gemm flops of one forward + backward step of the 784-400-10 network at batch 128 (see above). */
export const MLP_FLOPS = 2 * MLP_BATCH * (784 * 400 + 400 * 10) * 2 + 2 * MLP_BATCH * 400 * 10;

let net: MLP<Matrix>, ws: MLPWorkspace<Matrix>, grad: MLPGradient<Matrix>;
const X = matrix(MLP_BATCH, 784), Y = matrix(MLP_BATCH, 10), dOut = matrix(MLP_BATCH, 10);
let opt: Adam;
// baseline buffers
let W1: Matrix, W2: Matrix;
const Z1 = matrix(MLP_BATCH, 400), Z2 = matrix(MLP_BATCH, 10), G1 = matrix(MLP_BATCH, 400), dW1 = matrix(784, 400), dW2 = matrix(400, 10);
const TN = { transA: true }, NT = { transB: true };

function setupNet(): void {
  const rng = new Rng(11);
  net = createMLP(MLP_SIZES, { hidden: 'relu', output: 'identity' }, new Rng(1));
  ws = createWorkspace(net, MLP_BATCH);
  grad = createGradient(net);
  rng.fillUniform(X.data, 0, 1);
  oneHot(Y, Array.from({ length: MLP_BATCH }, (_, i) => i % 10));
}

let mnistX: Matrix | null = null;
const mnistY = matrix(MLP_BATCH, 10);
const mnistOut = matrix(MLP_BATCH, 10);
/** A fwd+bwd case on MNIST rows whose products go through `gemm32`. */
function mnistCase(name: string, gemm32: typeof gemm, baseline?: string): BenchCase {
  let n: MLP<Matrix>, w: MLPWorkspace<Matrix>, g: MLPGradient<Matrix>;
  return {
    name, group: 'nn', work: MLP_FLOPS, unit: 'flop', baseline,
    setup: () => {
      if (mnistX === null) {
        const d = loadMnist({ split: 'train', limit: MLP_BATCH });
        mnistX = d.images;
        oneHot(mnistY, d.labels);
      }
      n = createMLP(MLP_SIZES, { hidden: 'relu', output: 'identity' }, new Rng(1));
      w = createWorkspace(n, MLP_BATCH, { gemm32 });
      g = createGradient(n);
    },
    run: () => {
      const out = mlpForward(n, w, mnistX!);
      softmaxCrossEntropyBackward(mnistOut, out, mnistY);
      mlpBackward(n, w, g, mnistOut);
    },
  };
}

export const cases: BenchCase[] = [
  {
    name: 'nn/the same gemms only',
    group: 'nn',
    work: MLP_FLOPS,
    unit: 'flop',
    setup: () => {
      setupNet();
      W1 = net.layers[0].W;
      W2 = net.layers[1].W;
    },
    run: () => {
      gemm(Z1, X, W1); //       Z¹ = X W¹
      gemm(Z2, Z1, W2); //      Z² = A¹ W²
      gemm(dW2, Z1, Z2, TN); // dW² = A¹ᵀ Δ²
      gemm(G1, Z2, W2, NT); //  dA¹ = Δ² W²ᵀ
      gemm(dW1, X, G1, TN); //  dW¹ = Xᵀ Δ¹
    },
  },
  {
    name: 'nn/MLP 784-400-10 fwd+bwd, batch 128',
    group: 'nn',
    work: MLP_FLOPS,
    unit: 'flop',
    baseline: 'nn/the same gemms only',
    setup: setupNet,
    run: () => {
      const out = mlpForward(net, ws, X);
      softmaxCrossEntropyBackward(dOut, out, Y);
      mlpBackward(net, ws, grad, dOut);
    },
  },
  {
    name: 'nn/trainStep 784-400-10 + Adam, batch 128',
    group: 'nn',
    work: MLP_FLOPS,
    unit: 'flop',
    baseline: 'nn/the same gemms only',
    setup: () => {
      setupNet();
      opt = new Adam({ lr: 1e-4 });
    },
    run: () => {
      trainStep(net, ws, grad, X, Y, { loss: 'softmaxCrossEntropy', optimizer: opt });
    },
  },
  mnistCase('nn/MNIST rows 784-400-10 fwd+bwd, gemm', gemm),
  mnistCase('nn/MNIST rows 784-400-10 fwd+bwd, sparseGemm', sparseGemm, 'nn/MNIST rows 784-400-10 fwd+bwd, gemm'),
];
