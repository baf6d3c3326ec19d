import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  barsAndStripes,
  barsAndStripesCount,
  barsAndStripesDistribution,
  isBarsAndStripes,
} from '../../lib/data/bars-stripes.js';
import { configurationFromIndex } from '../../lib/rbm/exact.js';
import { throwsMsg } from '../assert-error.js';

/** Independent brute force: every binary n x n image whose rows are all constant or whose columns are all constant. */
function bruteForcePatterns(n: number): Set<string> {
  const d = n * n;
  const out = new Set<string>();
  for (let s = 0; s < 2 ** d; s++) {
    const px = (r: number, c: number) => (s >> (r * n + c)) & 1;
    let rows = true, cols = true;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      if (px(r, c) !== px(r, 0)) rows = false;
      if (px(r, c) !== px(0, c)) cols = false;
    }
    if (rows || cols) {
      const bits: number[] = [];
      for (let i = 0; i < d; i++) bits.push((s >> i) & 1);
      out.add(bits.join(''));
    }
  }
  return out;
}

test('barsAndStripes(n) lists exactly the 2^(n+1) - 2 distinct patterns found by brute force, n = 1..4', () => {
  for (let n = 1; n <= 4; n++) {
    const X = barsAndStripes(n);
    const expected = bruteForcePatterns(n);
    assert.is(X.rows, 2 ** (n + 1) - 2, `rows n=${n}`);
    assert.is(X.cols, n * n);
    assert.is(expected.size, X.rows, `brute-force count n=${n}`);
    assert.is(barsAndStripesCount(n), X.rows);
    const seen = new Set<string>();
    for (let r = 0; r < X.rows; r++) {
      const key = Array.from(X.data.subarray(r * n * n, (r + 1) * n * n)).join('');
      assert.ok(expected.has(key), `row ${r} = ${key} is a pattern`);
      assert.not.ok(seen.has(key), `row ${r} repeated`);
      seen.add(key);
      assert.ok(isBarsAndStripes(X.data.subarray(r * n * n, (r + 1) * n * n), n));
    }
  }
});

test('barsAndStripes(3): documented order (stripes by row mask, then bars by column mask)', () => {
  const X = barsAndStripes(3);
  assert.equal(Array.from(X.data.subarray(0, 9)), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(Array.from(X.data.subarray(9, 18)), [1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.equal(Array.from(X.data.subarray(7 * 9, 8 * 9)), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  assert.equal(Array.from(X.data.subarray(8 * 9, 9 * 9)), [1, 0, 0, 1, 0, 0, 1, 0, 0]); // bars mask 1: left column
});

test('isBarsAndStripes rejects a non-pattern and accepts bars and stripes', () => {
  assert.not.ok(isBarsAndStripes([1, 0, 0, 0], 2));
  assert.not.ok(isBarsAndStripes([1, 0, 0, 1], 2));
  assert.ok(isBarsAndStripes([0, 1, 0, 1], 2));
  assert.ok(isBarsAndStripes([0, 0, 1, 1], 2));
});

test('barsAndStripesDistribution uses the state order of configurationFromIndex (pixel 0 = most significant bit)', () => {
  const p = barsAndStripesDistribution(2);
  const x = new Float64Array(4);
  for (let s = 0; s < 16; s++) {
    configurationFromIndex(x, s, 'bernoulli');
    assert.is(p[s], isBarsAndStripes(Array.from(x), 2) ? 1 / 6 : 0, `s=${s}`);
  }
});

test('barsAndStripesDistribution: uniform on the brute-force patterns, zero elsewhere, sums to 1', () => {
  for (let n = 1; n <= 4; n++) {
    const p = barsAndStripesDistribution(n);
    const expected = bruteForcePatterns(n);
    const d = n * n;
    assert.is(p.length, 2 ** d);
    let total = 0;
    for (let s = 0; s < p.length; s++) {
      const bits: number[] = []; // pixel 0 = most significant bit (lib/rbm enumeration order)
      for (let i = 0; i < d; i++) bits.push((s >> (d - 1 - i)) & 1);
      const want = expected.has(bits.join('')) ? 1 / expected.size : 0;
      assert.is(p[s], want, `n=${n} s=${s}`);
      total += p[s];
    }
    assert.ok(Math.abs(total - 1) < 1e-12);
  }
});

test('bars-and-stripes functions: bad input errors name the argument and value', () => {
  throwsMsg(() => barsAndStripes(0), RangeError, 'barsAndStripes: n must be an integer in [1, 12], got 0');
  throwsMsg(() => barsAndStripes(2.5), RangeError, 'barsAndStripes: n must be an integer in [1, 12], got 2.5');
  throwsMsg(() => barsAndStripes(13), RangeError, 'barsAndStripes: n must be an integer in [1, 12], got 13');
  throwsMsg(() => barsAndStripesDistribution(5), RangeError, 'barsAndStripesDistribution: n must be an integer in [1, 4], got 5');
  throwsMsg(() => barsAndStripesCount(-1), RangeError, 'barsAndStripesCount: n must be an integer in [1, 30], got -1');
  throwsMsg(() => isBarsAndStripes([1, 0, 0], 2), RangeError, 'isBarsAndStripes: x has length 3 but n = 2 needs 4');
  throwsMsg(() => isBarsAndStripes([1, 0, 0, 0.5], 2), RangeError, 'isBarsAndStripes: x[3] must be 0 or 1, got 0.5');
  throwsMsg(() => isBarsAndStripes(null as never, 2), TypeError, 'isBarsAndStripes: x must be an array of numbers, got null');
});

test.run();
