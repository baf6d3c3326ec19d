import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gradcheck } from '../../lib/nn/index.js';
import { throwsMsg } from '../assert-error.js';

test('gradcheck accepts an exact gradient and restores the parameters bit for bit', () => {
  const theta = new Float64Array([0.3, -1.7, 2]);
  const saved = theta.slice();
  const cost = () => Math.sin(theta[0]) * theta[1] + theta[2] ** 3;
  const g = [Math.cos(theta[0]) * theta[1], Math.sin(theta[0]), 3 * theta[2] ** 2];
  const r = gradcheck(cost, [theta], [g]);
  assert.ok(r.maxError < 1e-9, String(r.maxError));
  assert.is(r.count, 3);
  assert.equal(Array.from(theta), Array.from(saved));
});

test('negative control: a gradient with one entry off by 1 % is caught, and located', () => {
  const theta = new Float64Array([0.3, -1.7, 2]);
  const cost = () => Math.sin(theta[0]) * theta[1] + theta[2] ** 3;
  const g = [Math.cos(theta[0]) * theta[1], Math.sin(theta[0]), 3 * theta[2] ** 2 * 1.01];
  const r = gradcheck(cost, [new Float64Array(0), theta], [[], g]);
  assert.ok(r.maxError > 5e-3);
  assert.is(r.worst.array, 1);
  assert.is(r.worst.index, 2);
  // a NaN gradient is an infinite error, not a pass
  assert.is(gradcheck(cost, [theta], [[NaN, 0, 0]]).maxError, Infinity);
});

test('bad input', () => {
  throwsMsg(() => gradcheck(() => 0, [new Float64Array(2)], [[1]]), RangeError, 'gradcheck: grads[0] must have the length of params[0] (2), got Array(1)');
  throwsMsg(() => gradcheck(() => 0, [new Float64Array(2)], [[1, 2]], { h: 0 }), RangeError, 'gradcheck: h must be a finite number > 0, got 0');
});

test.run();
