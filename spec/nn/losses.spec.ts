import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { fromArray2D, matrix64, zeros, zeros64 } from '../../lib/linalg/index.js';
import {
  bceWithLogitsBackward, bceWithLogitsForward, gradcheck, lossBackward, lossForward, mseBackward, mseForward, oneHot,
  softmaxCrossEntropyBackward, softmaxCrossEntropyForward, type LossName,
} from '../../lib/nn/index.js';
import { throwsMsg } from '../assert-error.js';
import { randn64 } from './helpers.js';

test('N-NN-02 MSE by hand: one sample gives the notes\' ½(a − y)²; a batch averages over rows', () => {
  assert.is(mseForward(fromArray2D([[3]]), fromArray2D([[1]])), 2);
  // rows: ½((1)² + (2)²) = 2.5 and ½((−1)² + 0) = 0.5 -> mean 1.5
  assert.is(mseForward(fromArray2D([[1, 2], [0, 0]]), fromArray2D([[0, 0], [1, 0]])), 1.5);
  assert.equal(Array.from(mseBackward(zeros(2, 2), fromArray2D([[1, 2], [0, 0]]), fromArray2D([[0, 0], [1, 0]])).data), [0.5, 1, -0.5, 0]);
});

test('BCE from logits by hand: z = 0 gives ln 2 per output; sums over outputs, averages over rows', () => {
  assert.ok(Math.abs(bceWithLogitsForward(fromArray2D([[0]]), fromArray2D([[1]])) - Math.LN2) < 1e-15);
  // y = 1, z = 2: −log σ(2) = log(1 + e^{−2}); y = 0, z = −1: −log(1 − σ(−1)) = log(1 + e^{−1})
  const want = Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1));
  assert.ok(Math.abs(bceWithLogitsForward(matrix64(1, 2, [2, -1]), matrix64(1, 2, [1, 0])) - want) < 1e-15);
  assert.equal(Array.from(bceWithLogitsBackward(zeros(1, 1), fromArray2D([[0]]), fromArray2D([[1]])).data), [-0.5]);
});

test('BCE from logits is finite at |z| = 1000 (−log σ(−1000) = 1000)', () => {
  assert.is(bceWithLogitsForward(matrix64(1, 1, [-1000]), matrix64(1, 1, [1])), 1000);
  assert.is(bceWithLogitsForward(matrix64(1, 1, [1000]), matrix64(1, 1, [0])), 1000);
  assert.is(bceWithLogitsForward(matrix64(1, 1, [1000]), matrix64(1, 1, [1])), 0);
});

test('softmax cross-entropy by hand, and at logits of 1000', () => {
  assert.ok(Math.abs(softmaxCrossEntropyForward(fromArray2D([[0, 0]]), fromArray2D([[1, 0]])) - Math.LN2) < 1e-15);
  // z = [0, ln 3]: softmax = [¼, ¾]; −log ¾
  assert.ok(Math.abs(softmaxCrossEntropyForward(matrix64(1, 2, [0, Math.log(3)]), matrix64(1, 2, [0, 1])) + Math.log(0.75)) < 1e-15);
  assert.ok(Math.abs(softmaxCrossEntropyForward(matrix64(1, 2, [1000, 0]), matrix64(1, 2, [0, 1])) - 1000) < 1e-12);
  assert.equal(Array.from(softmaxCrossEntropyBackward(zeros(1, 2), fromArray2D([[0, 0]]), fromArray2D([[1, 0]])).data), [-0.5, 0.5]);
});

test('every loss backward equals central differences (float64, 1e-8), including soft targets', () => {
  const rng = new Rng(21);
  for (const loss of ['mse', 'bceWithLogits', 'softmaxCrossEntropy'] as LossName[]) {
    const Z = randn64(4, 3, rng, 2);
    const Y = matrix64(4, 3);
    for (let i = 0; i < Y.data.length; i++) Y.data[i] = rng.float(); // soft targets in [0, 1)
    const d = lossBackward(loss, zeros64(4, 3), Z, Y);
    const r = gradcheck(() => lossForward(loss, Z, Y), [Z.data], [d.data]);
    assert.ok(r.maxError < 1e-8, `${loss}: ${r.maxError}`);
  }
});

test('one-hot rows and their cross-entropy equal −log softmax of the labelled class', () => {
  const Y = oneHot(zeros64(2, 3), [2, 0]);
  assert.equal(Array.from(Y.data), [0, 0, 1, 1, 0, 0]);
  const Z = matrix64(2, 3, [1, 2, 3, 0, 0, 0]);
  const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
  const want = ((lse - 3) + Math.log(3)) / 2;
  assert.ok(Math.abs(softmaxCrossEntropyForward(Z, Y) - want) < 1e-15);
});

test('bad input', () => {
  throwsMsg(() => mseForward(zeros(2, 2), zeros(2, 3)), RangeError, 'mseForward: Y is 2x3 but A is 2x2 (they must have the same shape)');
  throwsMsg(() => mseForward(zeros(0, 2), zeros(0, 2)), RangeError, 'mseForward: the batch is empty (A has 0 rows)');
  throwsMsg(() => oneHot(zeros(1, 3), [3]), RangeError, 'oneHot: labels[0] = 3 is not a class index in 0..2');
  throwsMsg(() => lossForward('hinge' as LossName, zeros(1, 1), zeros(1, 1)), RangeError, `lossForward: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got "hinge"`);
});

test.run();
