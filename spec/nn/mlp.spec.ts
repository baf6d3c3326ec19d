import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix64, zeros, zeros64, type Matrix64 } from '../../lib/linalg/index.js';
import { Adam, SGD } from '../../lib/optim/index.js';
import {
  createGradient, createMLP, createWorkspace, gradcheck, gradientArrays, initWeights, lossBackward, lossForward, mlpBackward, mlpForward, mlpParameterCount, mlpParameters, mlpPredict, mseBackward, mseForward, trainStep, type Activation, type LossName,
} from '../../lib/nn/index.js';
import { ACTIVATIONS } from '../../lib/nn/model.js';
import { throwsMsg, throwsWith } from '../assert-error.js';
import { maxRelDiff, randn64, to32 } from './helpers.js';

test('N-NN-10 gradcheck of a 3-layer MLP on random data, every hidden activation and loss (float64, 1e-6)', () => {
  const rng = new Rng(31);
  const cases: [Activation, LossName, Activation][] = [];
  for (const h of ACTIVATIONS) cases.push([h, 'mse', 'identity']);
  cases.push(['tanh', 'mse', 'sigmoid'], ['sigmoid', 'bceWithLogits', 'identity'], ['relu', 'softmaxCrossEntropy', 'identity'], ['tanh', 'mse', 'softmax']);
  for (const [hidden, loss, output] of cases) {
    const net = createMLP([4, 5, 3, 2], { hidden, output, precision: 'float64' }, rng);
    for (const layer of net.layers) for (let j = 0; j < layer.b.length; j++) layer.b[j] = rng.normal(0, 0.5);
    const X = randn64(6, 4, rng);
    const Y = matrix64(6, 2);
    for (let i = 0; i < Y.data.length; i++) Y.data[i] = loss === 'mse' ? rng.normal() : rng.float();
    const ws = createWorkspace(net, 6), grad = createGradient(net), dOut = zeros64(6, 2), dX = zeros64(6, 4);
    const out = mlpForward(net, ws, X);
    lossBackward(loss, dOut, out, Y);
    mlpBackward(net, ws, grad, dOut, dX);
    const cost = () => lossForward(loss, mlpForward(net, ws, X), Y);
    const r = gradcheck(cost, [...mlpParameters(net), X.data], [...gradientArrays(grad), dX.data]);
    assert.ok(r.maxError < 1e-6, `${hidden}/${loss}/${output}: ${r.maxError} at ${JSON.stringify(r.worst)}`);
  }
});

test('N-NN-09 sigmoid output with the ½(a − y)² cost: δ^L_j = a_j(1 − a_j)(a_j − y_j) and ∂C/∂w^L_{jk} = δ^L_j a^{L−1}_k (one sample, 1e-15)', () => {
  const net = createMLP([3, 2], { output: 'sigmoid', precision: 'float64' }, new Rng(30));
  const x = matrix64(1, 3, [0.5, -1, 2]), y = matrix64(1, 2, [0.2, 0.9]);
  const ws = createWorkspace(net, 1), grad = createGradient(net), dOut = zeros64(1, 2);
  const a = mlpForward(net, ws, x);
  mseBackward(dOut, a, y);
  mlpBackward(net, ws, grad, dOut);
  for (let j = 0; j < 2; j++) {
    const delta = a.data[j] * (1 - a.data[j]) * (a.data[j] - y.data[j]); // eq. (2) for sigmoid + squared error
    assert.ok(Math.abs(grad.db[0][j] - delta) < 1e-15); // eq. (3): ∂C/∂b_j = δ_j
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(grad.dW[0].data[k * 2 + j] - delta * x.data[k]) < 1e-15); // eq. (1)
  }
});

test('VAE-style use: forward a decoder, own loss, backward into dC/dinput, continue through an encoder (gradcheck 1e-6)', () => {
  const rng = new Rng(32);
  const encoder = createMLP([3, 4, 2], { hidden: 'relu', precision: 'float64' }, rng);
  const decoder = createMLP([2, 4, 3], { hidden: 'tanh', output: 'identity', precision: 'float64' }, rng);
  const X = randn64(5, 3, rng);
  const wsE = createWorkspace(encoder, 5), wsD = createWorkspace(decoder, 5);
  const gE = createGradient(encoder), gD = createGradient(decoder);
  // C = Σ (decoder(encoder(X)) − X)² / 2 + Σ code³ (a cost that is not one of the built-in losses)
  const cost = () => {
    const code = mlpForward(encoder, wsE, X);
    let c = 0;
    for (const v of code.data) c += v * v * v;
    return c + 5 * mseForward(mlpForward(decoder, wsD, code), X);
  };
  const code = mlpForward(encoder, wsE, X);
  const out = mlpForward(decoder, wsD, code);
  const dOut = zeros64(5, 3), dCode = zeros64(5, 2);
  mseBackward(dOut, out, X);
  for (let i = 0; i < dOut.data.length; i++) dOut.data[i] *= 5;
  mlpBackward(decoder, wsD, gD, dOut, dCode);
  for (let i = 0; i < dCode.data.length; i++) dCode.data[i] += 3 * code.data[i] * code.data[i];
  mlpBackward(encoder, wsE, gE, dCode);
  const r = gradcheck(cost, [...mlpParameters(encoder), ...mlpParameters(decoder)], [...gradientArrays(gE), ...gradientArrays(gD)]);
  assert.ok(r.maxError < 1e-6, String(r.maxError));
});

test('mlpBackward with grad = null gives the same dC/dX and leaves the gradient work out', () => {
  const rng = new Rng(39);
  const net = createMLP([4, 6, 2], { hidden: 'tanh', precision: 'float64' }, rng);
  const X = randn64(3, 4, rng), G = randn64(3, 2, rng);
  const ws = createWorkspace(net, 3);
  mlpForward(net, ws, X);
  const dX1 = zeros64(3, 4), dX2 = zeros64(3, 4);
  mlpBackward(net, ws, createGradient(net), G, dX1);
  mlpBackward(net, ws, null, G, dX2);
  assert.equal(Array.from(dX2.data), Array.from(dX1.data));
  throwsMsg(() => mlpBackward(net, ws, null, G), TypeError, 'mlpBackward: grad and dInput are both null: nothing to compute');
});

test('float32 network equals the float64 network with the same weights (1e-5)', () => {
  const rng = new Rng(33);
  const net64 = createMLP([10, 8, 3], { hidden: 'sigmoid', precision: 'float64' }, rng);
  const net32 = createMLP([10, 8, 3], { hidden: 'sigmoid' }, rng);
  net32.layers.forEach((l, i) => { l.W.data.set(net64.layers[i].W.data); l.b.set(net64.layers[i].b); });
  for (const l of net64.layers) l.W.data.set(Float32Array.from(l.W.data)); // same (float32-representable) weights
  const X = randn64(7, 10, rng);
  X.data.set(Float32Array.from(X.data));
  const Y = randn64(7, 3, rng);
  Y.data.set(Float32Array.from(Y.data));
  const a64 = mlpPredict(net64, X), a32 = mlpPredict(net32, to32(X));
  assert.ok(maxRelDiff(a32.data, a64.data) < 1e-5);
  const g64 = createGradient(net64), g32 = createGradient(net32);
  const ws64 = createWorkspace(net64, 7), ws32 = createWorkspace(net32, 7);
  mseBackward(ws64.views(7).dOut, mlpForward(net64, ws64, X), Y);
  mlpBackward(net64, ws64, g64, ws64.views(7).dOut);
  mseBackward(ws32.views(7).dOut, mlpForward(net32, ws32, to32(X)), to32(Y));
  mlpBackward(net32, ws32, g32, ws32.views(7).dOut);
  gradientArrays(g32).forEach((g, i) => assert.ok(maxRelDiff(g, gradientArrays(g64)[i]) < 1e-5));
});

test('N-NN-11 one trainStep with a small step lowers the loss; every layer changes (the output layer too)', () => {
  const rng = new Rng(34);
  const net = createMLP([3, 6, 2], {}, rng);
  const X = to32(randn64(16, 3, rng)), Y = to32(randn64(16, 2, rng));
  const ws = createWorkspace(net, 16), grad = createGradient(net);
  const before = net.layers.map((l) => l.W.data.slice());
  const c0 = trainStep(net, ws, grad, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.01 }) });
  const c1 = mseForward(mlpForward(net, ws, X), Y);
  assert.ok(c1 < c0, `${c1} < ${c0}`);
  net.layers.forEach((l, i) => assert.ok(maxRelDiff(l.W.data, before[i]) > 0, `layer ${i + 1} changed`));
  // first-order prediction of the decrease: ΔC ≈ −η ‖∇C‖² (within 10 % for this small step)
  let g2 = 0;
  for (const g of gradientArrays(grad)) for (const v of g) g2 += v * v;
  assert.ok(Math.abs((c0 - c1) - 0.01 * g2) < 0.1 * 0.01 * g2, `${c0 - c1} vs ${0.01 * g2}`);
});

test('L2 and L1 penalties: trainStep\'s cost and gradient match λ₂Σw² + λ₁Σ|w| (gradcheck through a zero-lr step)', () => {
  const rng = new Rng(35);
  const net = createMLP([3, 4, 2], { precision: 'float64' }, rng);
  const X = randn64(5, 3, rng), Y = randn64(5, 2, rng);
  const ws = createWorkspace(net, 5), grad = createGradient(net);
  const l2 = 0.3, l1 = 0.2;
  // an optimizer that records the gradient it is handed and changes nothing
  const seen: Float64Array[] = [];
  const spy = { lr: 0, step: (p: Float32Array | Float64Array, g: Float32Array | Float64Array) => { seen.push(Float64Array.from(g)); return p; }, reset() {} };
  const c = trainStep(net, ws, grad, X, Y, { loss: 'mse', optimizer: spy, l2, l1 });
  const cost = () => {
    let pen = 0;
    for (const l of net.layers) for (const w of l.W.data) pen += l2 * w * w + l1 * Math.abs(w);
    return mseForward(mlpForward(net, ws, X), Y) + pen;
  };
  assert.ok(Math.abs(c - cost()) < 1e-14);
  const r = gradcheck(cost, mlpParameters(net), seen);
  assert.ok(r.maxError < 1e-6, String(r.maxError));
});

test('workspace: smaller batches reuse it; views are created once per batch size', () => {
  const net = createMLP([2, 3, 1], {}, new Rng(36));
  const ws = createWorkspace(net, 8);
  const a = mlpForward(net, ws, zeros(8, 2));
  const b = mlpForward(net, ws, zeros(3, 2));
  assert.is(b.rows, 3);
  assert.is(mlpForward(net, ws, zeros(8, 2)), a); // the same view object: nothing allocated
  assert.is(ws.views(3), ws.views(3));
});

test('N-NN-06 parameter count of the 2-2-1 network is 9; initialization variances (4 SE)', () => {
  assert.is(mlpParameterCount(createMLP([2, 2, 1], {}, new Rng(1))), 9);
  const rng = new Rng(37);
  for (const [scheme, want] of [['xavier', 2 / (300 + 200)], ['he', 2 / 300], ['xavier-uniform', 2 / (300 + 200)]] as const) {
    const W = initWeights(zeros(300, 200), scheme, rng);
    let s = 0, s4 = 0;
    for (const w of W.data) { s += w * w; s4 += w ** 4; }
    const n = W.data.length, v = s / n;
    const se = Math.sqrt((s4 / n - v * v) / n); // SE of the mean of w² (mean known to be 0)
    assert.ok(Math.abs(v - want) < 4 * se, `${scheme}: ${v} vs ${want} ± ${se}`);
  }
});

test('Adam trains a tiny regression to a small loss (seeded)', () => {
  const rng = new Rng(38);
  const net = createMLP([1, 8, 1], { hidden: 'tanh' }, rng);
  const X = zeros(32, 1), Y = zeros(32, 1);
  for (let i = 0; i < 32; i++) { X.data[i] = -1 + (2 * i) / 31; Y.data[i] = Math.sin(2 * X.data[i]); }
  const ws = createWorkspace(net, 32), grad = createGradient(net), opt = new Adam({ lr: 0.02 });
  let c = Infinity;
  for (let it = 0; it < 1500; it++) c = trainStep(net, ws, grad, X, Y, { loss: 'mse', optimizer: opt });
  assert.ok(c < 1e-3, String(c)); // var(y)/2 ≈ 0.3 at the start
});

test('bad input', () => {
  throwsMsg(() => createMLP([2], {}, new Rng(1)), RangeError, 'createMLP: sizes must be an array [n_0, ..., n_L] with at least an input and an output size, got Array(1)');
  throwsMsg(() => createMLP([2, 0], {}, new Rng(1)), RangeError, 'createMLP: sizes[1] must be a positive integer, got 0');
  throwsWith(() => createMLP([2, 1], { hiden: 'relu' } as never, new Rng(1)), TypeError, "createMLP: unknown option 'hiden'");
  throwsMsg(() => createMLP([2, 3, 1], { activations: ['relu'] }, new Rng(1)), RangeError, 'createMLP: activations must list one activation per layer (2 for sizes [2, 3, 1]), got Array(1)');
  throwsWith(() => createMLP([2, 1], {}, undefined as never), TypeError, 'createMLP: rng must be an Rng');
  const net = createMLP([2, 3, 1], {}, new Rng(1));
  const ws = createWorkspace(net, 4), grad = createGradient(net);
  throwsMsg(() => mlpForward(net, ws, zeros(4, 3)), RangeError, 'mlpForward: X is 4x3 but the network takes n_0 = 2 inputs per row');
  throwsMsg(() => mlpForward(net, ws, zeros(5, 2)), RangeError, 'mlpForward: X has 5 rows but ws holds batches of 1..4 rows (createWorkspace(net, maxRows))');
  throwsMsg(() => mlpBackward(net, ws, grad, zeros(4, 1)), RangeError, 'mlpBackward: ws has had no forward pass yet (call mlpForward(net, ws, X) first)');
  mlpForward(net, ws, zeros(4, 2));
  throwsMsg(() => mlpBackward(net, ws, grad, zeros(3, 1)), RangeError, 'mlpBackward: dOut is 3x1 but must be 4x1 (the shape of the last forward output)');
  const other = createMLP([2, 5, 1], {}, new Rng(1));
  throwsMsg(() => mlpForward(other, ws, zeros(4, 2)), RangeError, 'mlpForward: ws was made for a float32 network [2, 3, 1] but net is float32 [2, 5, 1]');
  const sig = createMLP([2, 1], { output: 'sigmoid' }, new Rng(1));
  throwsMsg(() => trainStep(sig, createWorkspace(sig, 1), createGradient(sig), zeros(1, 2), zeros(1, 1), { loss: 'bceWithLogits', optimizer: new SGD({ lr: 0.1 }) }), RangeError,
    "trainStep: loss 'bceWithLogits' works on logits, so the output activation must be 'identity', got 'sigmoid' (the loss applies the sigmoid itself)");
  const X = zeros(4, 2); X.data[0] = NaN;
  throwsMsg(() => trainStep(net, ws, grad, X, zeros(4, 1), { loss: 'mse', optimizer: new SGD({ lr: 0.1 }) }), RangeError,
    'trainStep: the mse loss is NaN on this batch (diverged or non-finite inputs); no parameter was changed');
  throwsWith(() => trainStep(net, ws, grad, zeros(4, 2), zeros(4, 1), { loss: 'mse', optimizer: new SGD({ lr: 0.1 }), l2: -1 }), RangeError, 'trainStep: l2 must be a finite number >= 0, got -1');
});

test.run();
