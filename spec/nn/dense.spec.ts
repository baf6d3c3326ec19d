import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { fromArray2D, getBackend, matrix, setBackend, availableBackends, zeros, zeros64 } from '../../lib/linalg/index.js';
import { denseBackward, denseForward, gradcheck } from '../../lib/nn/index.js';
import { throwsMsg } from '../assert-error.js';
import { maxRelDiff, randn64, to32, weightedSum } from './helpers.js';

test('N-NN-10 forward by hand: Z = A W + b with W stored n_{l-1} x n_l', () => {
  const W = fromArray2D([[1, 2], [3, 4], [5, 6]]);
  const Z = denseForward(zeros(2, 2), fromArray2D([[1, 1, 1], [1, 0, -1]]), W, new Float32Array([0.5, -0.5]));
  // row 0: [1+3+5, 2+4+6] + b = [9.5, 11.5]; row 1: [1-5, 2-6] + b = [-3.5, -4.5]
  assert.equal(Array.from(Z.data), [9.5, 11.5, -3.5, -4.5]);
});

test('N-NN-09 / N-NN-10 backward equals central differences for W, b and A_prev (float64, 1e-8)', () => {
  const rng = new Rng(11);
  const A = randn64(5, 4, rng), W = randn64(4, 3, rng), G = randn64(5, 3, rng);
  const b = Float64Array.from({ length: 3 }, () => rng.normal());
  const Z = zeros64(5, 3);
  const cost = () => weightedSum(G.data, denseForward(Z, A, W, b).data); // C = Σ G∘Z, so dC/dZ = G
  const dW = zeros64(4, 3), db = new Float64Array(3), dA = zeros64(5, 4);
  denseBackward(dW, db, dA, G, A, W);
  const r = gradcheck(cost, [W.data, b, A.data], [dW.data, db, dA.data]);
  assert.ok(r.maxError < 1e-8, String(r.maxError));
  assert.is(r.count, 12 + 3 + 20);
});

test('accumulate adds to dW and db; dA_prev = null skips the input gradient', () => {
  const rng = new Rng(12);
  const A = randn64(3, 2, rng), W = randn64(2, 2, rng), G = randn64(3, 2, rng);
  const dW1 = zeros64(2, 2), db1 = new Float64Array(2);
  denseBackward(dW1, db1, null, G, A, W);
  const dW2 = zeros64(2, 2), db2 = new Float64Array(2);
  denseBackward(dW2, db2, null, G, A, W);
  denseBackward(dW2, db2, null, G, A, W, true);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(dW2.data[i] - 2 * dW1.data[i]) < 1e-14);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(db2[i] - 2 * db1[i]) < 1e-14);
  const dW3 = matrix(2, 2), db3 = new Float32Array(2);
  denseBackward(dW3, db3, null, to32(G), to32(A), to32(W));
  denseBackward(dW3, db3, null, to32(G), to32(A), to32(W), true);
  assert.ok(maxRelDiff(db3, db2) < 1e-6);
});

for (const backend of availableBackends()) {
  test(`float32 forward/backward on the '${backend}' backend agree with float64 (1e-5 relative to the size of the sums)`, () => {
    const before = getBackend();
    setBackend(backend);
    try {
      const rng = new Rng(13);
      const A = randn64(33, 70, rng), W = randn64(70, 19, rng, 0.1), G = randn64(33, 19, rng);
      const b = Float64Array.from({ length: 19 }, () => rng.normal());
      // round the inputs to float32 first, so both runs see the same numbers
      const A32 = to32(A), W32 = to32(W), G32 = to32(G), b32 = Float32Array.from(b);
      A.data.set(A32.data); W.data.set(W32.data); G.data.set(G32.data); b.set(b32);
      const Z64 = denseForward(zeros64(33, 19), A, W, b), Z32 = denseForward(zeros(33, 19), A32, W32, b32);
      // each entry is a 70-term sum of O(0.1) terms: float32 rounding of the result (~6e-8 · |z| + summation on the wasm backend)
      assert.ok(maxRelDiff(Z32.data, Z64.data) < 1e-5);
      const dW64 = zeros64(70, 19), db64 = new Float64Array(19), dA64 = zeros64(33, 70);
      const dW32 = zeros(70, 19), db32 = new Float32Array(19), dA32 = zeros(33, 70);
      denseBackward(dW64, db64, dA64, G, A, W);
      denseBackward(dW32, db32, dA32, G32, A32, W32);
      assert.ok(maxRelDiff(dW32.data, dW64.data) < 1e-5);
      assert.ok(maxRelDiff(db32, db64) < 1e-5);
      assert.ok(maxRelDiff(dA32.data, dA64.data) < 1e-5);
    } finally {
      setBackend(before);
    }
  });
}

test('bad input names the shapes', () => {
  throwsMsg(() => denseForward(zeros(2, 2), zeros(2, 3), zeros(4, 2), new Float32Array(2)), RangeError,
    'denseForward: Aprev is 2x3 but W is 4x2: A_prev·W needs Aprev.cols = W.rows (W is n_{l-1} x n_l)');
  throwsMsg(() => denseForward(zeros(2, 2), zeros(2, 3), zeros(3, 2), new Float32Array(3)), RangeError,
    'denseForward: b has length 3 but must have length 2');
  throwsMsg(() => denseForward(zeros(3, 2), zeros(2, 3), zeros(3, 2), new Float32Array(2)), RangeError,
    'denseForward: Z is 3x2 but must be 2x2 (batch rows x n_l)');
  throwsMsg(() => denseForward(zeros(2, 2), zeros64(2, 3) as never, zeros(3, 2), new Float32Array(2)), TypeError,
    'denseForward: Aprev is float64 but W is float32 (one network uses one precision)');
  throwsMsg(() => denseBackward(zeros(3, 2), new Float32Array(2), null, zeros(4, 2), zeros(5, 3), zeros(3, 2)), RangeError,
    'denseBackward: Aprev is 5x3 but must be 4x3 (batch rows of dZ x n_{l-1})');
  throwsMsg(() => denseBackward(zeros(3, 2), new Float32Array(2), zeros(4, 2), zeros(4, 2), zeros(4, 3), zeros(3, 2)), RangeError,
    'denseBackward: dAprev is 4x2 but must be 4x3 (the shape of Aprev)');
});

test.run();
