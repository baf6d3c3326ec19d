import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64 } from '../../lib/linalg/matrix.js';
import { createGradient, createMLP, createWorkspace, gradcheck, lossBackward, lossForward, mlpBackward, mlpForward, gradientArrays, mlpParameters } from '../../lib/nn/index.js';
import { autoencoderCodeLayer, autoencoderForward, createAutoencoder, trainAutoencoder } from '../../lib/vae/index.js';
import { throwsMsg } from '../assert-error.js';

test('N-VAE-01 the autoencoder: sizes [D, ...hidden, code, ...hidden reversed, D], ReLU hidden, identity code and output', () => {
  const ae = createAutoencoder({ inputSize: 784, codeSize: 20, hidden: [400, 100] }, new Rng(1));
  assert.equal(ae.sizes, [784, 400, 100, 20, 100, 400, 784]);
  assert.equal(ae.layers.map((l) => l.activation), ['relu', 'relu', 'identity', 'relu', 'relu', 'identity']);
  assert.is(autoencoderCodeLayer(ae), 3);
});

test('N-VAE-01 gradcheck of the reconstruction loss (BCE from logits and squared error) through encoder and decoder, float64', () => {
  const rng = new Rng(4);
  const ae32 = createAutoencoder({ inputSize: 6, codeSize: 2, hidden: [5] }, rng);
  // the same network in float64 (gradcheck needs float64 parameters), weights copied
  const ae = createMLP(ae32.sizes, { activations: ae32.layers.map((l) => l.activation), precision: 'float64' }, rng);
  // Central differences are exact to O(h²) only where the loss is differentiable: a ReLU whose
  // pre-activation z is within h |∂z/∂θ| of 0 is crossed by the ±h step. With the biases left at
  // their initial 0, a row whose first hidden layer is all dead (each row with probability about
  // 2^-5) gives code = 0 and decoder pre-activations exactly 0, on the kink: reseeding showed this
  // in about 1 seed in 8. So the biases get small random values; a pre-activation then lands
  // within ~1e-6 of 0 with probability about 1e-6 per unit (density of z at 0 of order 1), and
  // 40 of them per check (4 rows × 10 ReLUs): a false failure rate of about 1e-4.
  ae.layers.forEach((l, i) => { l.W.data.set(ae32.layers[i].W.data); for (let k = 0; k < l.b.length; k++) l.b[k] = 0.2 * (rng.float() - 0.5); });
  const x = matrix64(4, 6); for (let i = 0; i < 24; i++) x.data[i] = rng.float();
  for (const loss of ['bceWithLogits', 'mse'] as const) {
    const ws = createWorkspace(ae, 4), grad = createGradient(ae);
    const out = mlpForward(ae, ws, x);
    const dOut = ws.views(4).dOut;
    lossBackward(loss, dOut, out, x);
    mlpBackward(ae, ws, grad, dOut);
    const r = gradcheck(() => lossForward(loss, mlpForward(ae, createWorkspace(ae, 4), x), x), mlpParameters(ae), gradientArrays(grad));
    assert.ok(r.maxError < 1e-6, `${loss}: max error ${r.maxError} at ${JSON.stringify(r.worst)}`);
  }
});

test('N-VAE-01 training lowers the reconstruction error of four 0/1 patterns; the 2-D codes separate them', () => {
  const protos = [[1, 1, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0, 1, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0, 1]];
  const data = matrix(64, 9);
  for (let r = 0; r < 64; r++) data.data.set(protos[r % 4], r * 9);
  const ae = createAutoencoder({ inputSize: 9, codeSize: 2, hidden: [16] }, new Rng(2));
  const reports = trainAutoencoder(ae, data, { epochs: 200, batchSize: 16, learningRate: 0.01, loss: 'bceWithLogits' }, new Rng(3));
  // start: about 9 ln 2 = 6.2 nats per row; a perfect reconstruction tends to 0
  assert.ok(reports[0].loss > 4, `first epoch ${reports[0].loss}`);
  assert.ok(reports[reports.length - 1].loss < 0.5, `last epoch ${reports[reports.length - 1].loss}`);
  const { code } = autoencoderForward(ae, matrix(4, 9, protos.flat()));
  for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) {
    const d = Math.hypot(code.data[2 * a] - code.data[2 * b], code.data[2 * a + 1] - code.data[2 * b + 1]);
    assert.ok(d > 1e-3, `codes of patterns ${a} and ${b} coincide`);
  }
});

test('createAutoencoder: bad sizes are named', () => {
  throwsMsg(() => createAutoencoder({ inputSize: 4, codeSize: 0 }, new Rng(1)), RangeError, 'createAutoencoder: codeSize must be a positive integer, got 0');
  throwsMsg(() => createAutoencoder({ inputSize: 4, codeSize: 2, hidden: [3, -1] }, new Rng(1)), RangeError, 'createAutoencoder: hidden[1] must be a positive integer, got -1');
});

test.run();
