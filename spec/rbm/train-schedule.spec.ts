import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exponentialDecay, inverseTimeDecay, linearDecay } from '../../lib/rbm/schedule.js';
import { throwsMsg } from '../assert-error.js';

test('exponentialDecay: lr0 · gamma^t', () => {
  const lr = exponentialDecay(0.1, 0.5);
  assert.equal([0, 1, 2, 3].map(lr), [0.1, 0.05, 0.025, 0.0125]);
  assert.is(exponentialDecay(0.3, 1)(100), 0.3);
});

test('inverseTimeDecay: lr0 / (1 + t/tau), halved at t = tau', () => {
  const lr = inverseTimeDecay(0.1, 10);
  assert.is(lr(0), 0.1);
  assert.is(lr(10), 0.05);
  assert.is(lr(30), 0.025);
});

test('linearDecay: lr0 at epoch 0, lrEnd at epoch epochs − 1 and after, linear in between', () => {
  const lr = linearDecay(0.1, 0.01, 10);
  assert.is(lr(0), 0.1);
  assert.is(lr(9), 0.01);
  assert.is(lr(20), 0.01);
  assert.ok(Math.abs(lr(3) - (0.1 - (0.09 * 3) / 9)) < 1e-15);
  assert.is(linearDecay(0.2, 0.05, 1)(0), 0.2);
  assert.is(linearDecay(0.2, 0.05, 1)(1), 0.05);
});

test('schedules: bad arguments name the argument and the allowed range', () => {
  throwsMsg(() => exponentialDecay(0, 0.5), RangeError, 'exponentialDecay: lr0 must be a finite number > 0, got 0');
  throwsMsg(() => exponentialDecay(0.1, 1.5), RangeError, 'exponentialDecay: gamma must be in (0, 1], got 1.5');
  throwsMsg(() => inverseTimeDecay(0.1, -2), RangeError, 'inverseTimeDecay: tau must be a finite number > 0, got -2');
  throwsMsg(() => linearDecay(0.1, 0, 10), RangeError, 'linearDecay: lrEnd must be a finite number > 0, got 0');
  throwsMsg(() => linearDecay(0.1, 0.01, 2.5), RangeError, 'linearDecay: epochs must be a positive integer, got 2.5');
  throwsMsg(() => linearDecay(Infinity, 0.01, 2), RangeError, 'linearDecay: lr0 must be a finite number > 0, got Infinity');
});

test.run();
