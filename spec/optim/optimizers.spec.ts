/**
 * Optimizer objects (lib/optim/optimizers.ts): each keeps one state per parameter array and
 * must give exactly the same numbers as the step functions called with explicit state.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import {
  Adagrad,
  Adam,
  Momentum,
  RMSprop,
  SGD,
  adagradStep,
  adamStep,
  createAdamState,
  momentumStep,
  rmspropStep,
  sgdStep,
  type Optimizer,
} from '../../lib/optim/index.js';

// A toy "model" with three parameter arrays of different lengths and precisions, and a fixed
// sequence of gradients (deterministic, no Rng needed).
function gradientAt(k: number, n: number, salt: number): Float32Array {
  const g = new Float32Array(n);
  for (let i = 0; i < n; i++) g[i] = Math.sin(1.7 * k + 0.3 * i + salt);
  return g;
}

test('N-OPT-01..05 optimizer objects equal the step functions with explicit per-array state', () => {
  type Ref = (k: number, which: number, p: Float32Array, g: Float32Array) => void;
  const cases: [string, Optimizer, () => Ref][] = [
    ['SGD', new SGD({ lr: 0.05 }), () => (_k, _w, p, g) => sgdStep(p, g, 0.05)],
    ['Momentum', new Momentum({ lr: 0.05, gamma: 0.8 }), () => {
      const v = [new Float32Array(6), new Float32Array(2), new Float32Array(3)];
      return (_k, w, p, g) => momentumStep(p, g, v[w], 0.05, 0.8);
    }],
    ['Adagrad', new Adagrad({ lr: 0.05 }), () => {
      const r = [new Float32Array(6), new Float32Array(2), new Float32Array(3)];
      return (_k, w, p, g) => adagradStep(p, g, r[w], 0.05, 1e-8);
    }],
    ['RMSprop', new RMSprop({ lr: 0.05, rho: 0.7 }), () => {
      const r = [new Float32Array(6), new Float32Array(2), new Float32Array(3)];
      return (_k, w, p, g) => rmspropStep(p, g, r[w], 0.05, 0.7, 1e-8);
    }],
    ['Adam', new Adam({ lr: 0.05 }), () => {
      const s = [createAdamState(6), createAdamState(2), createAdamState(3)];
      return (_k, w, p, g) => adamStep(p, g, s[w], 0.05);
    }],
  ];
  for (const [name, opt, makeRef] of cases) {
    const ref = makeRef();
    const W = new Float32Array(6).fill(0.5), a = new Float32Array(2), b = new Float32Array(3).fill(-1);
    const W2 = W.slice(), a2 = a.slice(), b2 = b.slice();
    for (let k = 0; k < 20; k++) {
      const gW = gradientAt(k, 6, 0), ga = gradientAt(k, 2, 1), gb = gradientAt(k, 3, 2);
      opt.step(W, gW); opt.step(a, ga); opt.step(b, gb);
      ref(k, 0, W2, gW); ref(k, 1, a2, ga); ref(k, 2, b2, gb);
    }
    assert.equal(Array.from(W), Array.from(W2), `${name} W`);
    assert.equal(Array.from(a), Array.from(a2), `${name} a`);
    assert.equal(Array.from(b), Array.from(b2), `${name} b`);
  }
});

test('N-OPT-05 Adam keeps a step counter per array; reset forgets; float64 arrays get float64 state', () => {
  const opt = new Adam({ lr: 0.01 });
  const W = new Float64Array(4), b = new Float32Array(2);
  opt.step(W, new Float64Array([1, 2, 3, 4]));
  opt.step(W, new Float64Array([1, 2, 3, 4]));
  opt.step(b, new Float32Array([1, 1]));
  assert.is(opt.stateOf(W)!.t, 2);
  assert.is(opt.stateOf(b)!.t, 1);
  assert.ok(opt.stateOf(W)!.m instanceof Float64Array);
  assert.ok(opt.stateOf(b)!.m instanceof Float32Array);
  // first step after reset is again lr * g/(|g| + eps) ~ lr
  opt.reset();
  assert.is(opt.stateOf(W), undefined);
  const before = W[0];
  opt.step(W, new Float64Array([5, 5, 5, 5]));
  assert.ok(Math.abs(before - W[0] - 0.01) < 1e-10);
  // defaults: lr 0.001, betas 0.9 / 0.999, eps 1e-8
  const d = new Adam();
  assert.equal([d.lr, d.beta1, d.beta2, d.eps], [0.001, 0.9, 0.999, 1e-8]);
});

test('N-OPT-02 Momentum object: lr can be changed between steps (schedules)', () => {
  // step 1 lr = 0.1, g = 1: v = 0.1, theta = 0.9; step 2 lr = 0.05, g = 1: v = 0.09 + 0.05 = 0.14, theta = 0.76
  const opt = new Momentum({ lr: 0.1, gamma: 0.9 });
  const theta = new Float64Array([1]);
  opt.step(theta, new Float64Array([1]));
  opt.lr = 0.05;
  opt.step(theta, new Float64Array([1]));
  assert.ok(Math.abs(theta[0] - 0.76) < 1e-15, `${theta[0]}`);
});

test('bad input: optimizer constructors and steps name the class, argument and value', () => {
  throwsMsg(() => new SGD({ lr: 0 }), RangeError, 'SGD: lr must be a positive finite number, got 0');
  throwsMsg(() => new Momentum({ lr: 0.1, gamma: 1 }), RangeError, 'Momentum: gamma must be in [0, 1), got 1');
  throwsMsg(() => new Adagrad({ lr: 0.1, eps: 0 }), RangeError, 'Adagrad: eps must be a positive finite number, got 0');
  throwsMsg(() => new RMSprop({ lr: 0.1, rho: -0.1 }), RangeError, 'RMSprop: rho must be in [0, 1), got -0.1');
  throwsMsg(() => new Adam({ beta1: 1 }), RangeError, 'Adam: beta1 must be in [0, 1), got 1');
  throwsMsg(() => new Adam({ lr: NaN }), RangeError, 'Adam: lr must be a positive finite number, got NaN');
  throwsMsg(() => new Adam().step([1] as unknown as Float32Array, new Float32Array(1)), TypeError, 'Adam.step: params must be a Float32Array or Float64Array, got Array(1)');
  throwsMsg(() => new Momentum({ lr: 0.1 }).step(3 as unknown as Float32Array, new Float32Array(1)), TypeError, 'Momentum.step: params must be a Float32Array or Float64Array, got 3');
  throwsMsg(() => new RMSprop({ lr: 0.1 }).step(new Float32Array(2), new Float32Array(3)), RangeError, 'rmspropStep: grads has length 3 but params has length 2');
  const opt = new SGD({ lr: 0.1 });
  opt.lr = -1;
  throwsMsg(() => opt.step(new Float32Array(1), new Float32Array(1)), RangeError, 'sgdStep: lr must be a positive finite number, got -1');
});

test.run();
