import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { klDivergenceDiscrete } from '../../lib/random/index.js';
import { throwsMsg } from '../assert-error.js';

test('N-COST-03 KL(p||p) = 0 and the map\'s two-outcome values (exact: ½ ln(4/3), asymmetric)', () => {
  assert.is(klDivergenceDiscrete([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 0);
  // p = (½, ½), q = (¼, ¾): KL(p||q) = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3); KL(q||p) = ¼ ln ½ + ¾ ln(3/2)
  assert.ok(Math.abs(klDivergenceDiscrete([0.5, 0.5], [0.25, 0.75]) - 0.5 * Math.log(4 / 3)) < 1e-15);
  assert.ok(Math.abs(klDivergenceDiscrete([0.5, 0.5], [0.25, 0.75]) - 0.1438410) < 1e-7);
  assert.ok(Math.abs(klDivergenceDiscrete([0.25, 0.75], [0.5, 0.5]) - (0.25 * Math.log(0.5) + 0.75 * Math.log(1.5))) < 1e-15);
  assert.ok(Math.abs(klDivergenceDiscrete([0.25, 0.75], [0.5, 0.5]) - 0.1308120) < 1e-7);
});

test('N-COST-03 conventions: 0 log 0 = 0, q_i = 0 < p_i gives Infinity, KL >= 0', () => {
  assert.ok(Math.abs(klDivergenceDiscrete([1, 0], [0.5, 0.5]) - Math.LN2) < 1e-15);
  assert.is(klDivergenceDiscrete([0.5, 0.5], [1, 0]), Infinity);
  assert.ok(klDivergenceDiscrete([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]) > 0);
});

test('N-COST-03 bad input names the argument and the value', () => {
  throwsMsg(() => klDivergenceDiscrete([0.5, 0.5], [1]), RangeError, 'klDivergenceDiscrete: p has length 2 but q has length 1');
  throwsMsg(() => klDivergenceDiscrete([], []), RangeError, 'klDivergenceDiscrete: p and q are empty; a distribution needs at least one outcome');
  throwsMsg(() => klDivergenceDiscrete([1.5, -0.5], [0.5, 0.5]), RangeError, 'klDivergenceDiscrete: p[1] must be a finite probability >= 0, got -0.5');
  throwsMsg(() => klDivergenceDiscrete([0.5, 0.5], [0.5, 0.6]), RangeError, 'klDivergenceDiscrete: q sums to 1.1, not 1 (within 1e-9); normalize it first');
});

test.run();
