import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix64, zeros64 } from '../../lib/linalg/index.js';
import { sgdStep } from '../../lib/optim/index.js';
import {
  createGradient, createMLP, createWorkspace, gradcheck, mlpBackward, mlpForward, mlpParameterCount, mseBackward,
  net221Backward, net221Forward, net221Update, oneHiddenBackward, oneHiddenForward, perceptronBackward, perceptronForward,
  Value, valueSum, type Net221Params, type ScalarActivation,
} from '../../lib/nn/index.js';
import { throwsMsg } from '../assert-error.js';

const SIGMOID = (z: number) => 1 / (1 + Math.exp(-z));

test('N-NN-02 perceptron gradients equal central differences (identity and sigmoid, 1e-9)', () => {
  for (const s of ['identity', 'sigmoid'] as ScalarActivation[]) {
    const p = { w1: 0.7, b1: -0.3 }, x = 1.3, y = 0.4;
    const g = perceptronBackward(x, y, perceptronForward(x, p, s), s);
    const theta = new Float64Array([p.w1, p.b1]);
    const cost = () => 0.5 * (perceptronForward(x, { w1: theta[0], b1: theta[1] }, s).a1 - y) ** 2;
    assert.ok(gradcheck(cost, [theta], [[g.dw1, g.db1]]).maxError < 1e-9, s);
  }
});

test('N-NN-03 at w = b = 0, x = 1, y = 3 the gradients are (−3, −3); GD on y = 2x + 1 converges to w = 2, b = 1 (1e-6)', () => {
  const g = perceptronBackward(1, 3, perceptronForward(1, { w1: 0, b1: 0 }));
  assert.equal([g.dw1, g.db1], [-3, -3]);
  const xs = [-1, -0.5, 0, 0.5, 1, 1.5];
  const p = { w1: 0, b1: 0 };
  for (let it = 0; it < 2000; it++) {
    let dw = 0, db = 0;
    for (const x of xs) {
      const gr = perceptronBackward(x, 2 * x + 1, perceptronForward(x, p));
      dw += gr.dw1 / xs.length;
      db += gr.db1 / xs.length;
    }
    p.w1 -= 0.1 * dw;
    p.b1 -= 0.1 * db;
  }
  assert.ok(Math.abs(p.w1 - 2) < 1e-6 && Math.abs(p.b1 - 1) < 1e-6, JSON.stringify(p));
});

test('N-NN-04 one-hidden-layer gradients equal central differences; the notes\' printed ∂C/∂w₁ (a₁ in place of w₂) does not', () => {
  const p = { w1: 0.8, b1: -0.2, w2: 1.7, b2: 0.1 }, x = 0.9, y = -0.4;
  const f = oneHiddenForward(x, p);
  const g = oneHiddenBackward(y, p, f);
  const theta = new Float64Array([p.w1, p.b1, p.w2, p.b2]);
  const cost = () => 0.5 * (oneHiddenForward(x, { w1: theta[0], b1: theta[1], w2: theta[2], b2: theta[3] }).a2 - y) ** 2;
  assert.ok(gradcheck(cost, [theta], [[g.dw1, g.db1, g.dw2, g.db2]]).maxError < 1e-9);
  // negative control: the printed forms (a₁ instead of w₂ in ∂C/∂w₁; no w₂ in ∂C/∂b₁)
  const sp = f.a1 * (1 - f.a1);
  const printedDw1 = (f.a2 - y) * 1 * f.a1 * sp * f.a0;
  const printedDb1 = (f.a2 - y) * 1 * sp;
  assert.ok(gradcheck(cost, [theta], [[printedDw1, g.db1, g.dw2, g.db2]]).maxError > 1e-2);
  assert.ok(gradcheck(cost, [theta], [[g.dw1, printedDb1, g.dw2, g.db2]]).maxError > 1e-2);
});

test('N-NN-05 one update by hand on the one-hidden net (x = 1, y = 0, w₁ = b₁ = b₂ = 0, w₂ = 1, η = 0.1)', () => {
  // z₁ = 0, a₁ = ½, a₂ = z₂ = ½; δ₂ = ½, ∂C/∂w₂ = ¼, ∂C/∂b₂ = ½; δ₁ = ½ · 1 · ¼ = ⅛ = ∂C/∂w₁ = ∂C/∂b₁
  const p = { w1: 0, b1: 0, w2: 1, b2: 0 };
  const g = oneHiddenBackward(0, p, oneHiddenForward(1, p));
  assert.equal([g.delta2, g.dw2, g.db2, g.delta1, g.dw1, g.db1], [0.5, 0.25, 0.5, 0.125, 0.125, 0.125]);
  const theta = new Float64Array([p.w1, p.b1, p.w2, p.b2]);
  sgdStep(theta, new Float64Array([g.dw1, g.db1, g.dw2, g.db2]), 0.1);
  assert.equal(Array.from(theta), [-0.0125, -0.0125, 0.975, -0.05]);
});

test('N-NN-02 / N-NN-04 the perceptron and the one-hidden-node net equal the general MLP to 1e-12 (output and every gradient)', () => {
  // perceptron: a [1, 1] network (identity and sigmoid outputs)
  for (const s of ['identity', 'sigmoid'] as ScalarActivation[]) {
    const net = createMLP([1, 1], { output: s, precision: 'float64' }, new Rng(1));
    net.layers[0].W.data[0] = 0.7; net.layers[0].b[0] = -0.3;
    const x = 1.3, y = 0.4;
    const f = perceptronForward(x, { w1: 0.7, b1: -0.3 }, s), g = perceptronBackward(x, y, f, s);
    const ws = createWorkspace(net, 1), grad = createGradient(net), dOut = zeros64(1, 1);
    const out = mlpForward(net, ws, matrix64(1, 1, [x]));
    mseBackward(dOut, out, matrix64(1, 1, [y]));
    mlpBackward(net, ws, grad, dOut);
    assert.ok(Math.abs(out.data[0] - f.a1) < 1e-12);
    assert.ok(Math.abs(grad.dW[0].data[0] - g.dw1) < 1e-12 && Math.abs(grad.db[0][0] - g.db1) < 1e-12, s);
  }
  // one hidden node: a [1, 1, 1] network, sigmoid hidden, identity output
  const p = { w1: 0.8, b1: -0.2, w2: 1.7, b2: 0.1 }, x = 0.9, y = -0.4;
  const net = createMLP([1, 1, 1], { hidden: 'sigmoid', output: 'identity', precision: 'float64' }, new Rng(1));
  net.layers[0].W.data[0] = p.w1; net.layers[0].b[0] = p.b1; net.layers[1].W.data[0] = p.w2; net.layers[1].b[0] = p.b2;
  const f = oneHiddenForward(x, p), g = oneHiddenBackward(y, p, f);
  const ws = createWorkspace(net, 1), grad = createGradient(net), dOut = zeros64(1, 1);
  const out = mlpForward(net, ws, matrix64(1, 1, [x]));
  mseBackward(dOut, out, matrix64(1, 1, [y]));
  mlpBackward(net, ws, grad, dOut);
  assert.ok(Math.abs(out.data[0] - f.a2) < 1e-12);
  const pairs = [[grad.dW[0].data[0], g.dw1], [grad.db[0][0], g.db1], [grad.dW[1].data[0], g.dw2], [grad.db[1][0], g.db2]];
  for (const [a, b] of pairs) assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
});

/** A 2-2-1 MLP (float64) holding the same nine parameters as the notes-indexed object. */
function mlpFrom(p: Net221Params) {
  const net = createMLP([2, 2, 1], { hidden: 'sigmoid', output: 'identity', precision: 'float64' }, new Rng(1));
  const [L1, L2] = net.layers;
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) L1.W.data[j * 2 + i] = p.w1[i][j]; // w^{(1)}_{ij} is W[j][i]
  L1.b.set(p.b1);
  L2.W.data.set(p.w2); // W^2 is 2x1: W[i][0] = w^{(2)}_i
  L2.b[0] = p.b2;
  return net;
}

const P221: Net221Params = { w1: [[0.3, -1.1], [0.8, 0.45]], b1: [0.1, -0.6], w2: [1.3, -0.7], b2: 0.25 };

test('N-NN-06 the explicit 2-2-1 net and the general MLP agree to 1e-12 (output and all nine gradients); 9 parameters', () => {
  const net = mlpFrom(P221);
  assert.is(mlpParameterCount(net), 9);
  const ws = createWorkspace(net, 1), grad = createGradient(net), dOut = zeros64(1, 1);
  for (const [x, y] of [[[0.5, -1.5], 0.3], [[2, 0.1], -1], [[-0.7, 0.9], 2]] as [[number, number], number][]) {
    const f = net221Forward(x, P221);
    const g = net221Backward(y, P221, f);
    const out = mlpForward(net, ws, matrix64(1, 2, x));
    assert.ok(Math.abs(out.data[0] - f.a2) < 1e-12);
    mseBackward(dOut, out, matrix64(1, 1, [y])); // one row: dC/da = a − y, the notes' ½(a − y)²
    mlpBackward(net, ws, grad, dOut);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) assert.ok(Math.abs(grad.dW[0].data[j * 2 + i] - g.dw1[i][j]) < 1e-12);
      assert.ok(Math.abs(grad.db[0][i] - g.db1[i]) < 1e-12);
      assert.ok(Math.abs(grad.dW[1].data[i] - g.dw2[i]) < 1e-12);
    }
    assert.ok(Math.abs(grad.db[1][0] - g.db2) < 1e-12);
  }
});

test('N-NN-07 gradcheck on all nine parameters of the explicit 2-2-1 net', () => {
  const x: [number, number] = [0.5, -1.5], y = 0.3;
  const theta = new Float64Array([P221.w1[0][0], P221.w1[0][1], P221.w1[1][0], P221.w1[1][1], P221.b1[0], P221.b1[1], P221.w2[0], P221.w2[1], P221.b2]);
  const params = (): Net221Params => ({ w1: [[theta[0], theta[1]], [theta[2], theta[3]]], b1: [theta[4], theta[5]], w2: [theta[6], theta[7]], b2: theta[8] });
  const cost = () => 0.5 * (net221Forward(x, params()).a2 - y) ** 2;
  const g = net221Backward(y, P221, net221Forward(x, P221));
  const r = gradcheck(cost, [theta], [[g.dw1[0][0], g.dw1[0][1], g.dw1[1][0], g.dw1[1][1], g.db1[0], g.db1[1], g.dw2[0], g.dw2[1], g.db2]]);
  assert.ok(r.maxError < 1e-9, String(r.maxError));
});

test('N-NN-08 one GD update of the 2-2-1 net by hand (all weights 0 except w^{(2)} = (1, 1), x = (1, 2), y = 0, η = 0.5)', () => {
  // a^{(1)} = (½, ½), a^{(2)} = 1, δ^{(2)} = 1; ∂C/∂w^{(2)}_i = ½, ∂C/∂b^{(2)} = 1;
  // δ^{(1)}_i = 1 · ¼ · 1 = ¼; ∂C/∂w^{(1)}_{ij} = ¼ x_j = (¼, ½); ∂C/∂b^{(1)}_i = ¼
  const p: Net221Params = { w1: [[0, 0], [0, 0]], b1: [0, 0], w2: [1, 1], b2: 0 };
  const next = net221Update(p, net221Backward(0, p, net221Forward([1, 2], p)), 0.5);
  assert.equal(next, { w1: [[-0.125, -0.25], [-0.125, -0.25]], b1: [-0.125, -0.125], w2: [0.75, 0.75], b2: -0.5 });
});

test('Value (reverse-mode autodiff): hand derivatives of elementary operations', () => {
  const x = new Value(3), y = new Value(-2);
  const f = x.mul(y).add(x.pow(2)).sub(y.div(x)).add(x.exp().log()).add(y.tanh()).add(x.relu()).add(y.relu()).add(x.neg().sigmoid());
  f.backward();
  // f = xy + x² − y/x + x + tanh y + relu x + relu y + σ(−x)
  const s = SIGMOID(-3);
  const dfdx = y.data + 2 * x.data + y.data / (x.data * x.data) + 1 + 1 - s * (1 - s);
  const dfdy = x.data - 1 / x.data + (1 - Math.tanh(-2) ** 2) + 0;
  assert.ok(Math.abs(x.grad - dfdx) < 1e-12, `${x.grad} vs ${dfdx}`);
  assert.ok(Math.abs(y.grad - dfdy) < 1e-12, `${y.grad} vs ${dfdy}`);
  // a second backward on the same graph gives the same gradients (not doubled)
  f.backward();
  assert.ok(Math.abs(x.grad - dfdx) < 1e-12);
  // a shared subexpression used twice: d(u·u)/dx with u = x + 1 is 2(x + 1)
  const z = new Value(1.5);
  const u = z.add(1);
  u.mul(u).backward();
  assert.is(z.grad, 5);
});

test('Value reproduces the back-propagation gradients of a 3-layer MLP to 1e-12 (an independent check)', () => {
  const rng = new Rng(41);
  const net = createMLP([3, 4, 3, 2], { hidden: 'tanh', output: 'sigmoid', precision: 'float64' }, rng);
  for (const l of net.layers) for (let j = 0; j < l.b.length; j++) l.b[j] = rng.normal(0, 0.3);
  const B = 4;
  const X = matrix64(B, 3), Y = matrix64(B, 2);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  for (let i = 0; i < Y.data.length; i++) Y.data[i] = rng.float();
  // the same network built from Values
  const Wv = net.layers.map((l) => Array.from(l.W.data, (w) => new Value(w)));
  const bv = net.layers.map((l) => Array.from(l.b, (b) => new Value(b)));
  const terms: Value[] = [];
  for (let r = 0; r < B; r++) {
    let a: Value[] = Array.from(X.data.subarray(r * 3, r * 3 + 3), (x) => new Value(x));
    net.layers.forEach((l, li) => {
      const next: Value[] = [];
      for (let j = 0; j < l.W.cols; j++) {
        let z = bv[li][j];
        for (let k = 0; k < l.W.rows; k++) z = z.add(a[k].mul(Wv[li][k * l.W.cols + j]));
        next.push(l.activation === 'tanh' ? z.tanh() : z.sigmoid());
      }
      a = next;
    });
    for (let j = 0; j < 2; j++) terms.push(a[j].sub(Y.data[r * 2 + j]).pow(2).mul(0.5 / B));
  }
  valueSum(terms).backward();
  const ws = createWorkspace(net, B), grad = createGradient(net), dOut = zeros64(B, 2);
  mseBackward(dOut, mlpForward(net, ws, X), Y);
  mlpBackward(net, ws, grad, dOut);
  net.layers.forEach((l, li) => {
    for (let q = 0; q < l.W.data.length; q++) assert.ok(Math.abs(Wv[li][q].grad - grad.dW[li].data[q]) < 1e-12);
    for (let j = 0; j < l.b.length; j++) assert.ok(Math.abs(bv[li][j].grad - grad.db[li][j]) < 1e-12);
  });
});

test('bad input', () => {
  throwsMsg(() => perceptronForward(NaN, { w1: 1, b1: 0 }), RangeError, 'perceptronForward: x must be a finite number, got NaN');
  throwsMsg(() => oneHiddenForward(1, { w1: 1, b1: 0, w2: 1, b2: 0 }, 'softmax' as ScalarActivation), RangeError,
    "oneHiddenForward: sigma1 must be 'identity', 'sigmoid', 'tanh' or 'relu', got \"softmax\"");
  throwsMsg(() => new Value(1).pow(NaN), RangeError, 'Value.pow: the exponent must be a finite number, got NaN');
});

test.run();
