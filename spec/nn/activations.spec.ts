import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { fromArray2D, matrix, matrix64, zeros, zeros64 } from '../../lib/linalg/index.js';
import {
  activationBackward, activationForward, gradcheck, leakyReluForward, reluBackward, sigmoidForward, softmaxForward, tanhForward, type Activation,
} from '../../lib/nn/index.js';
import { ACTIVATIONS } from '../../lib/nn/model.js';
import { throwsMsg, throwsWith } from '../assert-error.js';
import { maxRelDiff, randn64, to32, weightedSum } from './helpers.js';

/** The scalar definitions, written out independently of the kernels. */
const scalar: Record<Exclude<Activation, 'softmax'>, (z: number) => number> = {
  identity: (z) => z,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => Math.tanh(z),
  relu: (z) => (z > 0 ? z : 0),
  leakyRelu: (z) => (z > 0 ? z : 0.01 * z),
};

test('N-NN-01 forward values equal the scalar definitions (float64, 1e-15)', () => {
  const z = randn64(4, 5, new Rng(1), 3);
  for (const name of Object.keys(scalar) as (keyof typeof scalar)[]) {
    const a = activationForward(zeros64(4, 5), z, name);
    const want = Array.from(z.data, scalar[name]);
    assert.ok(maxRelDiff(a.data, want) < 1e-15, name);
  }
  // softmax: e^{z_j} / Σ_k e^{z_k} per row
  const a = softmaxForward(zeros64(4, 5), z);
  for (let r = 0; r < 4; r++) {
    let s = 0;
    for (let j = 0; j < 5; j++) s += Math.exp(z.data[r * 5 + j]);
    for (let j = 0; j < 5; j++) assert.ok(Math.abs(a.data[r * 5 + j] - Math.exp(z.data[r * 5 + j]) / s) < 1e-15);
  }
});

test('N-NN-01 every backward equals central differences of Σ G∘f(Z) (float64, 1e-8)', () => {
  const rng = new Rng(2);
  for (const name of ACTIVATIONS) {
    const z = randn64(3, 4, rng, 2);
    // keep relu/leaky away from the kink, where the derivative does not exist
    for (let i = 0; i < z.data.length; i++) if (Math.abs(z.data[i]) < 1e-3) z.data[i] = 0.5;
    const G = randn64(3, 4, rng);
    const a = activationForward(zeros64(3, 4), z, name);
    const dZ = activationBackward(zeros64(3, 4), z, a, G, name);
    const tmp = zeros64(3, 4);
    const r = gradcheck(() => weightedSum(G.data, activationForward(tmp, z, name).data), [z.data], [dZ.data]);
    assert.ok(r.maxError < 1e-8, `${name}: ${r.maxError}`);
  }
});

test('N-NN-01 sigmoid and tanh do not overflow at ±1000; softmax of [1000, 1000] is [½, ½]', () => {
  const z = fromArray2D([[-1000, 1000]]);
  assert.equal(Array.from(sigmoidForward(zeros(1, 2), z).data), [0, 1]);
  assert.equal(Array.from(tanhForward(zeros(1, 2), z).data), [-1, 1]);
  const z64 = matrix64(1, 2, [-1000, 1000]);
  assert.equal(Array.from(sigmoidForward(zeros64(1, 2), z64).data), [0, 1]);
  assert.equal(Array.from(softmaxForward(zeros(1, 2), fromArray2D([[1000, 1000]])).data), [0.5, 0.5]);
  const s = softmaxForward(zeros(1, 3), fromArray2D([[-1000, 0, 1000]])).data;
  assert.equal(Array.from(s), [0, 0, 1]);
});

test('float32 activations agree with float64 within float32 rounding (2^-20 relative)', () => {
  const z = randn64(8, 16, new Rng(3), 4);
  const z32 = to32(z);
  for (const i of z32.data.keys()) z.data[i] = z32.data[i]; // same inputs exactly
  for (const name of ACTIVATIONS) {
    const a64 = activationForward(zeros64(8, 16), z, name);
    const a32 = activationForward(zeros(8, 16), z32, name);
    assert.ok(maxRelDiff(a32.data, a64.data) < 2 ** -20, name);
  }
});

test('leaky ReLU uses its slope; ReLU derivative at the kink is 0', () => {
  assert.equal(Array.from(leakyReluForward(zeros(1, 2), fromArray2D([[-2, 3]]), 0.25).data), [-0.5, 3]);
  const z = fromArray2D([[0, 1]]);
  const d = reluBackward(zeros(1, 2), z, z, fromArray2D([[5, 5]]));
  assert.equal(Array.from(d.data), [0, 5]);
});

test('in place: out = z and dZ = dA work', () => {
  const z = fromArray2D([[-1, 2]]);
  sigmoidForward(z, z);
  assert.ok(Math.abs(z.data[1] - 1 / (1 + Math.exp(-2))) < 1e-7);
  const a = fromArray2D([[0.25, 0.5]]), dA = fromArray2D([[1, 2]]);
  activationBackward(dA, a, a, dA, 'sigmoid');
  assert.equal(Array.from(dA.data), [0.1875, 0.5]);
});

test('bad input: shapes, precisions, activation names, slope', () => {
  throwsMsg(() => sigmoidForward(zeros(2, 3), zeros(3, 2)), RangeError, 'sigmoidForward: out is 2x3 but z is 3x2 (they must have the same shape)');
  throwsMsg(() => tanhForward(zeros64(1, 1), zeros(1, 1) as never), TypeError, 'tanhForward: out is float64 but z is float32 (one network uses one precision)');
  throwsWith(() => activationForward(zeros(1, 1), zeros(1, 1), 'swish' as Activation), RangeError, 'activationForward: unknown activation "swish"');
  throwsMsg(() => leakyReluForward(zeros(1, 1), zeros(1, 1), NaN), RangeError, 'leakyReluForward: slope must be a finite number (the leaky-ReLU slope for z < 0), got NaN');
  throwsWith(() => sigmoidForward(zeros(1, 2), { rows: 1, cols: 2, data: [1, 2] } as never), TypeError, 'sigmoidForward: z must be a Matrix');
  throwsWith(() => activationBackward(zeros(1, 2), zeros(1, 2), zeros(1, 2), matrix(2, 1), 'relu'), RangeError, 'activationBackward: dA is 2x1 but z is 1x2');
});

test.run();
