import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { fromArray2D, matrix, sparseGemm } from '../../lib/linalg/index.js';
import { Adam, SGD } from '../../lib/optim/index.js';
import { quadraticSurfaceDataset } from '../../lib/data/index.js';
import { accuracy, createMLP, mlpPredict, mseForward, trainMLP } from '../../lib/nn/index.js';
import { trainTestSplit } from '../../lib/regression/index.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

test('N-NN-12 the exercise: a 2-16-1 sigmoid network on n = 100 points has test MSE below 1 % of var(y) (seeded, as docs/examples/fit-quadratic.ts)', () => {
  const { X, y } = quadraticSurfaceDataset(100, new Rng(12));
  const s = trainTestSplit(X, y, 0.2, new Rng(3));
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let varY = 0;
  for (const v of y) varY += (v - mean) ** 2 / y.length;
  const sd = Math.sqrt(varY); // targets standardized for training, predictions mapped back
  const Xtr = matrix(80, 2, Float32Array.from(s.Xtrain.data)), Ytr = matrix(80, 1, Float32Array.from(s.ytrain, (v) => (v - mean) / sd));
  const Xte = matrix(20, 2, Float32Array.from(s.Xtest.data)), Yte = matrix(20, 1, Float32Array.from(s.ytest, (v) => (v - mean) / sd));
  const net = createMLP([2, 16, 1], { hidden: 'sigmoid' }, new Rng(1));
  const reports = trainMLP(net, Xtr, Ytr, { loss: 'mse', optimizer: new Adam({ lr: 0.02 }), epochs: 3000, batchSize: 80 }, new Rng(2));
  const testMse = 2 * mseForward(mlpPredict(net, Xte), Yte) * varY; // mseForward carries the notes' ½; undo the standardization
  assert.ok(testMse < 0.01 * varY, `test MSE ${testMse} vs var(y) ${varY}`);
  assert.ok(reports[reports.length - 1].loss < reports[0].loss);
});

test('same seeds give bit-identical weights; another shuffle seed gives different ones', () => {
  const run = (seed: number) => {
    const net = createMLP([3, 5, 2], { hidden: 'tanh' }, new Rng(1));
    const rng = new Rng(7);
    const X = matrix(37, 3, rng.fillNormal(new Float32Array(111)));
    const Y = matrix(37, 2, rng.fillNormal(new Float32Array(74)));
    trainMLP(net, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.05 }), epochs: 3, batchSize: 8 }, new Rng(seed));
    return Array.from(net.layers[0].W.data);
  };
  assert.equal(run(3), run(3));
  assert.not.equal(run(3), run(4));
});

test('gemm32: sparseGemm (skipping the zeros of a 0/1 input) gives bit-identical weights to gemm', () => {
  const run = (gemm32?: typeof sparseGemm) => {
    const net = createMLP([50, 8, 3], { hidden: 'relu' }, new Rng(1));
    const rng = new Rng(9);
    const X = matrix(40, 50), Y = matrix(40, 3);
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.float() < 0.15 ? 1 : 0; // 15 % ones
    rng.fillNormal(Y.data);
    trainMLP(net, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.05 }), epochs: 2, batchSize: 10, ...(gemm32 ? { gemm32 } : {}) }, new Rng(3));
    return Array.from(net.layers[0].W.data);
  };
  assert.equal(run(sparseGemm), run());
});

test('a diverging run stops with the epoch, the step and the quantity', () => {
  const net = createMLP([1, 1], {}, new Rng(1));
  const X = fromArray2D([[1e3], [2e3], [3e3], [4e3]]), Y = fromArray2D([[1], [2], [3], [4]]);
  throwsWith(() => trainMLP(net, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 10 }), epochs: 50, batchSize: 2 }, new Rng(1)), RangeError,
    'trainMLP: epoch ', ', step ', 'of 2: ', 'no parameter was changed');
});

test('accuracy: argmax of outputs against argmax of one-hot targets', () => {
  const out = fromArray2D([[0.1, 0.9], [2, 1], [0, 0]]);
  const tgt = fromArray2D([[0, 1], [0, 1], [1, 0]]);
  assert.is(accuracy(out, tgt), 2 / 3);
});

test('bad input', () => {
  const net = createMLP([2, 1], {}, new Rng(1));
  const opt = new SGD({ lr: 0.1 });
  throwsMsg(() => trainMLP(net, matrix(3, 2), matrix(2, 1), { loss: 'mse', optimizer: opt, epochs: 1, batchSize: 2 }, new Rng(1)), RangeError,
    'trainMLP: Y is 2x1 but must be 3x1 (one target row of n_L = 1 per row of X)');
  throwsMsg(() => trainMLP(net, matrix(3, 2), matrix(3, 1), { loss: 'mse', optimizer: opt, epochs: 0, batchSize: 2 }, new Rng(1)), RangeError,
    'trainMLP: epochs must be a positive integer, got 0');
  throwsWith(() => trainMLP(net, matrix(3, 2), matrix(3, 1), { loss: 'mse', optimizer: opt, epochs: 1, batchsize: 2 } as never, new Rng(1)), TypeError,
    "trainMLP: unknown option 'batchsize'");
});

test.run();
