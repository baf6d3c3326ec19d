/**
 * Mini-batches (N-OPT-06). The generator used here is a test-local mulberry32 with
 * int(n) = floor(u * n): shuffledBatches only needs `int(n)`, and its properties (every index
 * once, same seed -> same order, uniform permutations) must hold for any such source.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import { shuffledBatches, shufflePermutation, type IntSource } from '../../lib/optim/index.js';
import { Rng } from '../../lib/random/index.js';

/** mulberry32 (Tommy Ettinger's public-domain 32-bit generator), for tests only. */
function mulberry32(seed: number): IntSource {
  let a = seed >>> 0;
  return {
    int(n: number): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(u * n);
    },
  };
}

test('N-OPT-06 every index appears exactly once per epoch; batch sizes; dropLast', () => {
  const rng = mulberry32(7);
  const batches = shuffledBatches(103, 10, rng);
  assert.is(batches.length, 11);
  assert.equal(batches.map((b) => b.length), [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
  const seen = new Uint8Array(103);
  for (const b of batches) for (const i of b) seen[i]++;
  assert.ok(seen.every((c) => c === 1), 'each index once');
  const dropped = shuffledBatches(103, 10, rng, { dropLast: true });
  assert.is(dropped.length, 10);
  assert.ok(dropped.every((b) => b.length === 10));
  assert.equal(shuffledBatches(0, 4, rng), []);
  assert.equal(shuffledBatches(5, 8, mulberry32(1)).map((b) => b.length), [5]);
});

test('N-OPT-06 same seed gives the same order; consecutive epochs differ', () => {
  const flat = (bs: Uint32Array[]) => bs.flatMap((b) => Array.from(b));
  const r1 = mulberry32(123), r2 = mulberry32(123);
  const e1a = flat(shuffledBatches(50, 7, r1)), e1b = flat(shuffledBatches(50, 7, r2));
  assert.equal(e1a, e1b);
  const e2a = flat(shuffledBatches(50, 7, r1));
  // two orders of 50 agreeing by chance has probability 1/50!
  assert.not.equal(e2a, e1a);
  // reusing an `order` buffer gives views into that buffer and the same numbers
  const order = new Uint32Array(50);
  const r3 = mulberry32(123);
  const withBuf = shuffledBatches(50, 7, r3, { order });
  assert.is(withBuf[0].buffer, order.buffer);
  assert.equal(flat(withBuf), e1a);
});

test('N-OPT-06 works with the library Rng: same seed, same batches; every index once', () => {
  const a = shuffledBatches(1000, 64, new Rng(5)).flatMap((b) => Array.from(b));
  const b = shuffledBatches(1000, 64, new Rng(5)).flatMap((b) => Array.from(b));
  assert.equal(a, b);
  assert.equal(a.slice().sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.not.equal(shuffledBatches(1000, 64, new Rng(6)).flatMap((x) => Array.from(x)), a);
});

test('N-OPT-06 Fisher–Yates gives uniform permutations (chi-square over the 6 orders of 3)', () => {
  // 6000 shuffles of [0,1,2]: each of the 3! = 6 orders expected 1000 times. Chi-square with
  // 5 degrees of freedom; the 0.999 quantile is 20.52, so a correct shuffle fails with
  // probability 0.001 (and this seed is fixed). An off-by-one (Sattolo's j < i) only produces
  // the 2 cyclic orders and gives chi-square = 12000.
  const rng = mulberry32(2024);
  const counts = new Map<string, number>();
  const out = new Uint32Array(3);
  for (let k = 0; k < 6000; k++) {
    const key = Array.from(shufflePermutation(out, rng)).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.is(counts.size, 6);
  let chi2 = 0;
  for (const c of counts.values()) chi2 += ((c - 1000) ** 2) / 1000;
  assert.ok(chi2 < 20.52, `chi-square ${chi2}`);
});

test('bad input: shuffledBatches and shufflePermutation', () => {
  const rng = mulberry32(1);
  throwsMsg(() => shuffledBatches(-1, 2, rng), RangeError, 'shuffledBatches: n must be a non-negative integer, got -1');
  throwsMsg(() => shuffledBatches(10, 0, rng), RangeError, 'shuffledBatches: batchSize must be a positive integer, got 0');
  throwsMsg(() => shuffledBatches(10, 2.5, rng), RangeError, 'shuffledBatches: batchSize must be a positive integer, got 2.5');
  throwsMsg(() => shuffledBatches(10, 2, {} as IntSource), TypeError, 'shuffledBatches: rng must have an int(n) method (e.g. an Rng), got Object');
  throwsMsg(() => shuffledBatches(10, 2, rng, { order: new Uint32Array(9) }), RangeError, 'shuffledBatches: options.order must be a Uint32Array of length n = 10, got length 9');
  throwsMsg(() => shufflePermutation(new Uint32Array(4), { int: (n: number) => n }), RangeError, 'shufflePermutation: rng.int(4) returned 4, not an integer in [0, 3]');
  throwsMsg(() => shufflePermutation([0, 1] as unknown as Uint32Array, rng), TypeError, 'shufflePermutation: out must be a Uint32Array, got Array(2)');
});

test.run();
