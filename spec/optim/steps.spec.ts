/**
 * The in-place optimizer steps (lib/optim/steps.ts) against steps computed by hand in float64
 * (the arithmetic is written out in the comments), plus the map's convergence tests on the
 * quadratic f(theta) = 1/2 theta^T A theta - c^T theta.
 *
 * Tolerances: float64 runs are compared to 1e-15 relative (a few ulps); float32 runs to 1e-6
 * relative (float32 has a 2^-24 ~ 6e-8 unit roundoff; each step does a handful of roundings).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import {
  adagradStep,
  adamStep,
  addWeightDecay,
  createAdamState,
  momentumStep,
  rmspropStep,
  sgdStep,
} from '../../lib/optim/index.js';

function close(actual: ArrayLike<number>, expected: number[], relTol: number, msg = ''): void {
  assert.is(actual.length, expected.length, `${msg} length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    const scale = Math.max(Math.abs(expected[i]), 1e-30);
    assert.ok(err <= relTol * scale, `${msg}[${i}]: got ${actual[i]}, expected ${expected[i]} (rel err ${err / scale})`);
  }
}

// ---- the quadratic f = 1/2 theta^T A theta - c^T theta, grad f = A theta - c -------------
// A = [[3, 1], [1, 3]] has eigenvalues 4 (eigenvector [1, 1]) and 2 (eigenvector [1, -1]).
// A^-1 = (1/8) [[3, -1], [-1, 3]], so with c = [1, 2] the minimizer is A^-1 c = [1/8, 5/8].
const MIN = [0.125, 0.625];
function quadGrad(out: Float64Array | Float32Array, theta: Float64Array | Float32Array): void {
  out[0] = 3 * theta[0] + 1 * theta[1] - 1;
  out[1] = 1 * theta[0] + 3 * theta[1] - 2;
}
function distToMin(theta: ArrayLike<number>): number {
  return Math.hypot(theta[0] - MIN[0], theta[1] - MIN[1]);
}

// ---- SGD -----------------------------------------------------------------------------------

test('N-OPT-01 sgdStep: theta - lr g by hand (float64 and float32)', () => {
  // [1, 2, -3] - 0.1 * [0.5, -1, 0.25] = [0.95, 2.1, -3.025]
  const p64 = new Float64Array([1, 2, -3]);
  const out = sgdStep(p64, new Float64Array([0.5, -1, 0.25]), 0.1);
  assert.is(out, p64, 'returns params');
  close(p64, [0.95, 2.1, -3.025], 1e-15, 'f64');
  const p32 = new Float32Array([1, 2, -3]);
  sgdStep(p32, new Float32Array([0.5, -1, 0.25]), 0.1);
  close(p32, [0.95, 2.1, -3.025], 1e-6, 'f32');
});

test('N-OPT-01 N-COST-05 sgd converges to A^-1 c for lr < 2/lambda_max = 0.5', () => {
  // Error e_k = theta_k - theta* obeys e_{k+1} = (I - lr A) e_k: factors |1 - 0.45*4| = 0.8 and
  // |1 - 0.45*2| = 0.1, so after 300 steps |e| <= 0.8^300 |e_0| ~ 1e-29 |e_0|.
  const theta = new Float64Array(2);
  const g = new Float64Array(2);
  for (let k = 0; k < 300; k++) {
    quadGrad(g, theta);
    sgdStep(theta, g, 0.45);
  }
  assert.ok(distToMin(theta) < 1e-14, `distance ${distToMin(theta)}`);
  // Float32 parameters get as close as float32 allows (a few ulps of 0.625 ~ 6e-8 each).
  const t32 = new Float32Array(2);
  const g32 = new Float32Array(2);
  for (let k = 0; k < 300; k++) {
    quadGrad(g32, t32);
    sgdStep(t32, g32, 0.45);
  }
  assert.ok(distToMin(t32) < 1e-6, `f32 distance ${distToMin(t32)}`);
});

test('N-OPT-01 sgd diverges for lr > 2/lambda_max (lr = 0.55)', () => {
  // |1 - 0.55*4| = 1.2 > 1: the error along [1, 1] grows by 1.2 per step. theta_0 = 0 has
  // e_0 = -[1/8, 5/8], component along [1,1]/sqrt2 = -0.75/sqrt2 != 0; after 100 steps it is
  // 1.2^100 ~ 8.3e7 times larger; the other component shrinks (|1 - 1.1| = 0.1).
  const theta = new Float64Array(2);
  const g = new Float64Array(2);
  const e0 = distToMin(theta);
  for (let k = 0; k < 100; k++) {
    quadGrad(g, theta);
    sgdStep(theta, g, 0.55);
  }
  const expected = Math.pow(1.2, 100) * (0.75 / Math.SQRT2);
  assert.ok(Math.abs(distToMin(theta) - expected) < 1e-9 * expected, `distance ${distToMin(theta)} vs ${expected}`);
  assert.ok(distToMin(theta) > 1e6 * e0);
});

// ---- Momentum ------------------------------------------------------------------------------

test('N-OPT-02 momentumStep: two steps by hand', () => {
  // gamma = 0.9, lr = 0.1, theta_0 = [1, -2], v_0 = 0.
  // step 1, g = [2, -1]: v = 0.1*[2, -1] = [0.2, -0.1];  theta = [0.8, -1.9]
  // step 2, g = [1, 3]:  v = 0.9*[0.2, -0.1] + 0.1*[1, 3] = [0.28, 0.21];  theta = [0.52, -2.11]
  for (const [Ctor, tol] of [[Float64Array, 1e-15], [Float32Array, 1e-6]] as const) {
    const theta = new Ctor([1, -2]);
    const v = new Ctor(2);
    momentumStep(theta, new Ctor([2, -1]), v, 0.1, 0.9);
    close(v, [0.2, -0.1], tol, `${Ctor.name} v1`);
    close(theta, [0.8, -1.9], tol, `${Ctor.name} theta1`);
    const out = momentumStep(theta, new Ctor([1, 3]), v, 0.1, 0.9);
    assert.is(out, theta);
    close(v, [0.28, 0.21], tol * 4, `${Ctor.name} v2`);
    close(theta, [0.52, -2.11], tol * 4, `${Ctor.name} theta2`);
  }
});

test('N-OPT-02 momentum with gamma = 0 is sgd; momentum reaches A^-1 c', () => {
  const a = new Float64Array([1, 2, 3]);
  const b = new Float64Array([1, 2, 3]);
  const g = new Float64Array([0.3, -0.7, 1.1]);
  momentumStep(a, g, new Float64Array(3), 0.2, 0);
  sgdStep(b, g, 0.2);
  assert.equal(Array.from(a), Array.from(b));
  // Heavy ball on the quadratic converges when 0 < lr*lambda < 2(1 + gamma); with lr = 0.1,
  // gamma = 0.9 the rate is sqrt(gamma) ~ 0.949 per step: 0.949^1000 ~ 1e-23.
  const theta = new Float64Array(2);
  const v = new Float64Array(2);
  const grad = new Float64Array(2);
  for (let k = 0; k < 1000; k++) {
    quadGrad(grad, theta);
    momentumStep(theta, grad, v, 0.1, 0.9);
  }
  assert.ok(distToMin(theta) < 1e-12, `distance ${distToMin(theta)}`);
});

// ---- Adagrad -------------------------------------------------------------------------------

test('N-OPT-03 adagradStep: first step lr g/(|g|+eps) ~ lr sign(g); second step by hand', () => {
  const lr = 0.1;
  const eps = 1e-8;
  const theta = new Float64Array([0, 0, 0]);
  const r = new Float64Array(3);
  adagradStep(theta, new Float64Array([3, -0.01, 1e-3]), r, lr, eps);
  // r = g^2 = [9, 1e-4, 1e-6]; step = lr g / (|g| + eps)
  close(r, [9, 1e-4, 1e-6], 1e-15, 'r1');
  close(theta, [-lr * 3 / (3 + eps), lr * 0.01 / (0.01 + eps), -lr * 1e-3 / (1e-3 + eps)], 1e-15, 'theta1');
  // each is lr * sign(g) up to a relative eps/|g| <= 1e-5
  close(theta, [-0.1, 0.1, -0.1], 1e-5, 'sign');
  // step 2 on coordinate 0 with g = 1: r = 9 + 1 = 10, step = 0.1 / (sqrt(10) + 1e-8) = 0.0316227765...
  const t0 = theta[0];
  adagradStep(theta, new Float64Array([1, 0, 0]), r, lr, eps);
  close([r[0], theta[0] - t0], [10, -0.1 / (Math.sqrt(10) + 1e-8)], 1e-15, 'step2');
  assert.ok(Math.abs(theta[0] - t0 + 0.0316227765) < 1e-10);
  // float32 storage, same first step
  const t32 = new Float32Array([0]);
  adagradStep(t32, new Float32Array([3]), new Float32Array(1), lr, eps);
  close(t32, [-0.1], 1e-6, 'f32');
});

// ---- RMSprop -------------------------------------------------------------------------------

test('N-OPT-04 rmspropStep: first step is lr |g| / (sqrt(1-rho)|g| + eps) ~ 3.1623 lr for rho = 0.9', () => {
  const lr = 0.01;
  for (const g of [2, -0.5, 1e3]) {
    const theta = new Float64Array([1]);
    const r = new Float64Array(1);
    rmspropStep(theta, new Float64Array([g]), r, lr, 0.9, 1e-8);
    // r = 0.1 g^2; step = lr g / (sqrt(0.1)|g| + eps)
    close(r, [0.1 * g * g], 1e-15, `r g=${g}`);
    const step = 1 - theta[0];
    close([step], [(lr * g) / (Math.sqrt(0.1) * Math.abs(g) + 1e-8)], 1e-14, `step g=${g}`);
    // ratio |step| / lr = 1/sqrt(0.1) = 3.16227766... up to eps/(sqrt(0.1)|g|) <= 1e-7
    close([Math.abs(step) / lr], [3.1622776601683795], 1e-6, `ratio g=${g}`);
  }
  // float32 storage: same ratio within float32 rounding
  const t32 = new Float32Array([0]);
  rmspropStep(t32, new Float32Array([2]), new Float32Array(1), 0.01, 0.9);
  close([-t32[0] / 0.01], [3.1622776601683795], 1e-6, 'f32 ratio');
});

test('N-OPT-04 rmsprop puts eps outside the root: g/(sqrt(r)+eps), not g/sqrt(r+eps)', () => {
  // With g = 1e-8, rho = 0.9, eps = 1e-8: r = 1e-17.
  //   outside: lr g / (sqrt(1e-17) + 1e-8) = lr * 1e-8 / (3.1623e-9 + 1e-8) = 0.759747 lr
  //   inside:  lr g / sqrt(1e-17 + 1e-8)                               ~ 1.0e-4 lr
  const theta = new Float64Array([0]);
  rmspropStep(theta, new Float64Array([1e-8]), new Float64Array(1), 1, 0.9, 1e-8);
  const outside = 1e-8 / (Math.sqrt(1e-17) + 1e-8);
  close([-theta[0]], [outside], 1e-12);
  assert.ok(Math.abs(-theta[0] - 0.759747) < 1e-6);
});

test('N-OPT-04 rmsprop second step by hand', () => {
  // rho = 0.5, lr = 0.1, eps = 1e-8; g1 = 2, g2 = -1.
  // r1 = 0.5*4 = 2;        theta1 = -0.1*2/(sqrt 2 + eps)
  // r2 = 0.5*2 + 0.5*1 = 1.5; theta2 = theta1 + 0.1/(sqrt 1.5 + eps)
  const theta = new Float64Array([0]);
  const r = new Float64Array(1);
  rmspropStep(theta, new Float64Array([2]), r, 0.1, 0.5, 1e-8);
  rmspropStep(theta, new Float64Array([-1]), r, 0.1, 0.5, 1e-8);
  close(r, [1.5], 1e-15);
  close(theta, [-0.2 / (Math.SQRT2 + 1e-8) + 0.1 / (Math.sqrt(1.5) + 1e-8)], 1e-14);
});

// ---- Adam ----------------------------------------------------------------------------------

test('N-OPT-05 adamStep: first step has size lr |g| / (|g| + eps) ~ lr whatever the scale of g', () => {
  // t = 1: m = (1-b1) g, v = (1-b2) g^2; mHat = g, vHat = g^2, step = lr g / (|g| + eps).
  const lr = 0.001;
  const g = [100, -0.5, 1e-3, 3e-6];
  const theta = new Float64Array(4);
  const state = createAdamState(theta);
  assert.ok(state.m instanceof Float64Array && state.t === 0);
  adamStep(theta, new Float64Array(g), state, lr);
  assert.is(state.t, 1);
  close(state.m, g.map((x) => 0.1 * x), 1e-15, 'm');
  close(state.v, g.map((x) => 0.001 * x * x), 1e-14, 'v');
  close(theta, g.map((x) => (-lr * x) / (Math.abs(x) + 1e-8)), 1e-12, 'theta');
  // and with float32 storage (default for a length)
  const t32 = new Float32Array([1, 1]);
  const s32 = createAdamState(2);
  assert.ok(s32.m instanceof Float32Array);
  adamStep(t32, new Float32Array([100, -0.5]), s32, lr);
  close(t32, [1 - lr, 1 + lr], 1e-6, 'f32');
});

test('N-OPT-05 adamStep: second step by hand (bias correction)', () => {
  // b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.01; g1 = 1, g2 = 2.
  // t=1: m = 0.1, v = 0.001, mHat = 1, vHat = 1, theta1 = -0.01/(1 + 1e-8)
  // t=2: m = 0.09 + 0.2 = 0.29, v = 0.000999 + 0.004 = 0.004999
  //      mHat = 0.29 / (1 - 0.81) = 1.526315789..., vHat = 0.004999 / (1 - 0.998001) = 2.500750375...
  //      theta2 = theta1 - 0.01 * 1.526315789 / (sqrt(2.500750375) + 1e-8) = theta1 - 0.01 * 1.526315789 / 1.581376102 = theta1 - 0.0096518202...
  const theta = new Float64Array([0]);
  const s = createAdamState(theta);
  adamStep(theta, new Float64Array([1]), s, 0.01);
  adamStep(theta, new Float64Array([2]), s, 0.01);
  assert.is(s.t, 2);
  close(s.m, [0.29], 1e-15, 'm');
  close(s.v, [0.004999], 1e-14, 'v');
  const mHat = 0.29 / 0.19;
  const vHat = 0.004999 / 0.001999;
  const expected = -0.01 / (1 + 1e-8) - (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
  close(theta, [expected], 1e-14, 'theta');
  assert.ok(Math.abs(theta[0] - (-0.01 - 0.0096518202)) < 1e-9, `theta ${theta[0]}`);
});

test('N-OPT-05 adam reaches the quadratic minimizer A^-1 c', () => {
  // Adam's steps have size <= ~lr, so from theta_0 = 0 (distance 0.64) it needs > 0.64/lr steps;
  // afterwards the step shrinks with the gradient (v decays slowly). 3000 steps at lr = 0.01
  // must land within 1e-4 of [1/8, 5/8] (float64), and float32 storage within 1e-4 too.
  for (const Ctor of [Float64Array, Float32Array]) {
    const theta = new Ctor(2);
    const g = new Ctor(2);
    const s = createAdamState(theta);
    for (let k = 0; k < 3000; k++) {
      quadGrad(g, theta);
      adamStep(theta, g, s, 0.01);
    }
    assert.ok(distToMin(theta) < 1e-4, `${Ctor.name} distance ${distToMin(theta)}`);
  }
});

// ---- weight decay --------------------------------------------------------------------------

test('N-COST-06 addWeightDecay adds 2 lambda W (gradient of lambda ||W||^2, finite differences)', () => {
  // by hand: [0.1, 0.1] + 2*0.01*[1, -2] = [0.12, 0.06]
  const W = new Float64Array([1, -2]);
  const g = new Float64Array([0.1, 0.1]);
  assert.is(addWeightDecay(g, W, 0.01), g);
  close(g, [0.12, 0.06], 1e-15);
  // central differences of P(W) = lambda * sum W^2 at W = [0.3, -1.7, 2.2], lambda = 0.05
  const lambda = 0.05;
  const w = [0.3, -1.7, 2.2];
  const P = (x: number[]) => lambda * x.reduce((s, v) => s + v * v, 0);
  const grad = addWeightDecay(new Float64Array(3), new Float64Array(w), lambda);
  for (let i = 0; i < 3; i++) {
    const h = 1e-5;
    const up = w.slice(); up[i] += h;
    const dn = w.slice(); dn[i] -= h;
    const fd = (P(up) - P(dn)) / (2 * h);
    assert.ok(Math.abs(grad[i] - fd) < 1e-9, `i=${i}: ${grad[i]} vs ${fd}`);
  }
  // lambda = 0 changes nothing
  const g0 = new Float32Array([1, 2]);
  addWeightDecay(g0, new Float32Array([5, 6]), 0);
  assert.equal(Array.from(g0), [1, 2]);
});

// ---- bad input -----------------------------------------------------------------------------

test('bad input: learning rate, decay rates, eps, lengths and types name function, argument, value', () => {
  const p = new Float32Array(3);
  const g = new Float32Array(3);
  throwsMsg(() => sgdStep(p, g, 0), RangeError, 'sgdStep: lr must be a positive finite number, got 0');
  throwsMsg(() => sgdStep(p, g, -0.1), RangeError, 'sgdStep: lr must be a positive finite number, got -0.1');
  throwsMsg(() => sgdStep(p, g, NaN), RangeError, 'sgdStep: lr must be a positive finite number, got NaN');
  throwsMsg(() => sgdStep(p, g, Infinity), RangeError, 'sgdStep: lr must be a positive finite number, got Infinity');
  throwsMsg(() => sgdStep(p, new Float32Array(4), 0.1), RangeError, 'sgdStep: grads has length 4 but params has length 3');
  throwsMsg(() => sgdStep([1, 2, 3] as unknown as Float32Array, g, 0.1), TypeError, 'sgdStep: params must be a Float32Array or Float64Array, got Array(3)');
  throwsMsg(() => momentumStep(p, g, new Float32Array(3), 0.1, 1), RangeError, 'momentumStep: gamma must be in [0, 1), got 1');
  throwsMsg(() => momentumStep(p, g, new Float32Array(3), 0.1, -0.5), RangeError, 'momentumStep: gamma must be in [0, 1), got -0.5');
  throwsMsg(() => momentumStep(p, g, new Float32Array(2), 0.1, 0.9), RangeError, 'momentumStep: velocity has length 2 but params has length 3');
  throwsMsg(() => adagradStep(p, g, new Float32Array(3), 0.1, 0), RangeError, 'adagradStep: eps must be a positive finite number, got 0');
  throwsMsg(() => adagradStep(p, g, new Int32Array(3) as unknown as Float32Array, 0.1), TypeError, 'adagradStep: sumSquares must be a Float32Array or Float64Array, got Int32Array(3)');
  throwsMsg(() => rmspropStep(p, g, new Float32Array(3), 0.1, 1.5), RangeError, 'rmspropStep: rho must be in [0, 1), got 1.5');
  throwsMsg(() => rmspropStep(p, g, new Float32Array(3), 0.1, 0.9, -1e-8), RangeError, 'rmspropStep: eps must be a positive finite number, got -1e-8');
  const s = createAdamState(3);
  throwsMsg(() => adamStep(p, g, s, 0.001, 0.9, 1), RangeError, 'adamStep: beta2 must be in [0, 1), got 1');
  throwsMsg(() => adamStep(p, g, s, 0.001, NaN), RangeError, 'adamStep: beta1 must be in [0, 1), got NaN');
  throwsMsg(() => adamStep(p, g, createAdamState(4), 0.001), RangeError, 'adamStep: state.m has length 4 but params has length 3');
  throwsMsg(() => adamStep(p, g, undefined as unknown as ReturnType<typeof createAdamState>, 0.001), TypeError, 'adamStep: state must be an object from createAdamState, got undefined');
  throwsMsg(() => createAdamState(-1), RangeError, 'createAdamState: paramsOrLength must be a non-negative integer length or a Float32Array/Float64Array, got -1');
  throwsMsg(() => addWeightDecay(g, p, -0.1), RangeError, 'addWeightDecay: lambda must be a non-negative finite number, got -0.1');
  throwsMsg(() => addWeightDecay(g, new Float32Array(2), 0.1), RangeError, 'addWeightDecay: grads has length 3 but params has length 2');
  // a failed check leaves params untouched
  assert.equal(Array.from(p), [0, 0, 0]);
  assert.is(s.t, 0, 'a rejected adamStep does not advance t');
});

test.run();
