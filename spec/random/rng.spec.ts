/**
 * Rng: golden values from the reference C code, stream identities (clone, split, fills vs
 * scalar calls), exact algorithm checks against independent BigInt arithmetic, and bad input.
 * Statistical properties of the distributions live in distributions.spec.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, splitmix32 } from '../../lib/random/index.js';

// Golden values printed by spec/fixtures/xoshiro128starstar.c (Blackman & Vigna's reference
// next()/jump(), plus splitmix32); the command and the full output are in spec/fixtures/README.md.
const C_NEXT_FROM_1234 = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
const C_STATE_AFTER_JUMP = [2843103750, 2038079848, 1533207345, 44816753];
const C_NEXT_AFTER_JUMP = [1194304935, 745561276, 25819468, 3320478005, 3046317961, 3130903476, 2327035934, 1140626159, 913312880, 2049367984];
const C_STATE_AFTER_TWO_JUMPS = [1683059163, 42983221, 988985087, 3798436341];
const C_SEEDS: { seed: number; state: number[]; next: number[] }[] = [
  { seed: 0, state: [2462723854, 1020716019, 454327756, 1275600319], next: [3809008728, 1133695204, 53579671, 2891528803, 139681546] },
  { seed: 1, state: [2527132011, 314344336, 2535364964, 2041432039], next: [2442144158, 3238099751, 3819917871, 2104621829, 2021136066] },
  { seed: 42, state: [939911724, 3948730756, 321366731, 3317318717], next: [2837322924, 544945897, 479756282, 3500138142, 339756180] },
  { seed: 4294967295, state: [920564995, 4230986166, 697614773, 1778835764], next: [835879718, 1921286648, 2356205009, 1885780724, 980451116] },
];

function draw(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng.nextUint32());
  return out;
}

test('golden: first 10 nextUint32 from state [1,2,3,4] equal the reference C output', () => {
  assert.equal(draw(Rng.fromState([1, 2, 3, 4]), 10), C_NEXT_FROM_1234);
});

test('golden: jump() from [1,2,3,4] gives the reference C state and outputs', () => {
  const rng = Rng.fromState([1, 2, 3, 4]);
  rng.jump();
  assert.equal(rng.state(), C_STATE_AFTER_JUMP);
  assert.equal(draw(rng, 10), C_NEXT_AFTER_JUMP);
  const twice = Rng.fromState([1, 2, 3, 4]);
  twice.jump();
  twice.jump();
  assert.equal(twice.state(), C_STATE_AFTER_TWO_JUMPS);
});

test('golden: splitmix32 seeding gives the reference C states and outputs', () => {
  for (const c of C_SEEDS) {
    const rng = new Rng(c.seed);
    assert.equal(rng.state(), c.state, `seed ${c.seed} state`);
    assert.equal(draw(rng, 5), c.next, `seed ${c.seed} outputs`);
  }
  // splitmix32 of the first counter value 0 + 0x9e3779b9 is the first word of new Rng(0).
  assert.is(splitmix32(0x9e3779b9), C_SEEDS[0].state[0]);
});

test('seeding: the state is never all zero; distinct seeds give distinct states', () => {
  // The four splitmix32 counters seed + k 0x9e3779b9 (k = 1..4) are distinct mod 2^32 and the
  // finalizer is a bijection, so at most one word can be zero: check a spread of seeds.
  const seen = new Set<string>();
  for (let k = 0; k < 2000; k++) {
    const seed = (k * 2654435761) >>> 0;
    const s = new Rng(seed).state();
    assert.ok(s.some((w) => w !== 0));
    assert.is(new Set(s).size, 4);
    seen.add(s.join(','));
  }
  assert.is(seen.size, 2000);
});

test('same seed -> identical streams for every kind of draw', () => {
  const a = new Rng(12345);
  const b = new Rng(12345);
  const fa = new Float32Array(257);
  const fb = new Float32Array(257);
  for (let i = 0; i < 2000; i++) {
    assert.is(a.nextUint32(), b.nextUint32());
    assert.is(a.float(), b.float());
    assert.is(a.int(1000), b.int(1000));
    assert.is(a.normal(), b.normal());
    assert.is(a.bernoulli(0.3), b.bernoulli(0.3));
    assert.is(a.categorical([1, 2, 3]), b.categorical([1, 2, 3]));
  }
  assert.equal(Array.from(a.permutation(50)), Array.from(b.permutation(50)));
  assert.equal(Array.from(a.fillNormal(fa)), Array.from(b.fillNormal(fb)));
  assert.equal(Array.from(a.fillUniform(fa)), Array.from(b.fillUniform(fb)));
  assert.equal(a.state(), b.state());
  // A different seed gives a different stream.
  assert.not.equal(draw(new Rng(12345), 4), draw(new Rng(12346), 4));
});

test('state() / fromState() resume the stream exactly', () => {
  const a = new Rng(77);
  draw(a, 13);
  const saved = a.state();
  const expected = draw(a, 20);
  assert.equal(draw(Rng.fromState(saved), 20), expected);
  // state() returns a copy: mutating it does not touch the generator.
  const s = a.state();
  s[0] = 0;
  assert.is.not(a.state()[0], 0);
});

test('clone(): same stream, independent of the original', () => {
  const a = Rng.fromState([1, 2, 3, 4]);
  const b = a.clone();
  assert.equal(draw(b, 10), C_NEXT_FROM_1234);
  // Drawing from the clone did not move the original.
  assert.equal(a.state(), [1, 2, 3, 4]);
  assert.equal(draw(a, 10), C_NEXT_FROM_1234);
});

test('split(): the copy continues the original stream, the parent jumps (reference C values)', () => {
  const parent = Rng.fromState([1, 2, 3, 4]);
  const child = parent.split();
  assert.equal(parent.state(), C_STATE_AFTER_JUMP);
  assert.equal(draw(child, 10), C_NEXT_FROM_1234);
  assert.equal(draw(parent, 10), C_NEXT_AFTER_JUMP);
  // A second split hands out the jumped stream and moves the parent two jumps from the start.
  const p2 = Rng.fromState([1, 2, 3, 4]);
  p2.split();
  const second = p2.split();
  assert.equal(second.state(), C_STATE_AFTER_JUMP);
  assert.equal(p2.state(), C_STATE_AFTER_TWO_JUMPS);
});

test('float(): (a>>>5 * 2^26 + b>>>6) / 2^53 of two consecutive words, in [0, 1)', () => {
  // From the golden words 11520, 0: (360 * 2^26 + 0) / 2^53 = 360 / 2^27 exactly.
  assert.is(Rng.fromState([1, 2, 3, 4]).float(), 360 / 2 ** 27);
  const rng = new Rng(3);
  const words = rng.clone();
  for (let i = 0; i < 10000; i++) {
    const a = BigInt(words.nextUint32() >>> 5);
    const b = BigInt(words.nextUint32() >>> 6);
    const u = rng.float();
    assert.is(u, Number((a << 26n) + b) / 2 ** 53);
    assert.ok(u >= 0 && u < 1);
  }
});

test('int(n): equals an independent BigInt implementation of Lemire (2019), incl. rejections', () => {
  // Reference: x n as an exact 128-bit BigInt; accept hi = (x n) >> 32 unless lo < 2^32 mod n.
  function lemireReference(words: Rng, n: number): number {
    const N = BigInt(n);
    const threshold = (2n ** 32n) % N;
    for (;;) {
      const m = BigInt(words.nextUint32()) * N;
      if ((m & 0xffffffffn) >= threshold) return Number(m >> 32n);
    }
  }
  const ns = [1, 2, 3, 7, 10, 1000, 2097151, 2097152, 2097153, 3 * 2 ** 30, 4294967295, 4294967296];
  for (const n of ns) {
    const rng = new Rng(n % 4294967296);
    const words = rng.clone();
    for (let i = 0; i < 3000; i++) {
      const expected = n === 4294967296 ? words.nextUint32() : lemireReference(words, n);
      const got = rng.int(n);
      if (got !== expected) assert.unreachable(`int(${n}) draw ${i}: got ${got}, expected ${expected}`);
      assert.ok(got >= 0 && got < n);
    }
    assert.equal(rng.state(), words.state(), `int(${n}) consumed the same words as the reference`);
  }
  // With n = 3 * 2^30 the rejection threshold 2^32 mod n = 2^30 is hit a quarter of the time,
  // so the loop above exercised the rejection branch.
});

test('fillUniform equals fround(lo + (hi - lo) (nextUint32() >>> 8) / 2^24) on the same stream', () => {
  for (const [lo, hi] of [[0, 1], [-2.5, 7], [1, 2], [-1e-3, 1e-3]]) {
    const rng = new Rng(99);
    const words = rng.clone();
    const out = rng.fillUniform(new Float32Array(10007), lo, hi);
    for (let i = 0; i < out.length; i++) {
      const expected = Math.fround(lo + (hi - lo) * ((words.nextUint32() >>> 8) / 2 ** 24));
      if (out[i] !== expected) assert.unreachable(`[${lo}, ${hi}) element ${i}: ${out[i]} vs ${expected}`);
    }
    assert.equal(rng.state(), words.state());
  }
});

test('fillUniform on [0,1): a float32 multiple of 2^-24, never 1; on [1,2) values stay in [1, 2]', () => {
  const out = new Rng(5).fillUniform(new Float32Array(1 << 20));
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 24))) assert.unreachable(`element ${i} = ${v}`);
  }
  // Documented: with lo = 1 the float32 spacing is 2^-23, so 1 + (2^24 - 1)/2^24 rounds to 2.
  const shifted = new Rng(5).fillUniform(new Float32Array(1 << 16), 1, 2);
  for (const v of shifted) assert.ok(v >= 1 && v <= 2);
});

test('fillNormal equals fround of successive normal(mean, sd) calls, slow paths included', () => {
  const n = 200003; // ~2.8% take the slow path (wedges and tail): ~5500 of them
  for (const [mean, sd] of [[0, 1], [3, 0.25], [-1, 0]]) {
    const rng = new Rng(2024);
    const scalar = rng.clone();
    const out = rng.fillNormal(new Float32Array(n), mean, sd);
    for (let i = 0; i < n; i++) {
      const expected = Math.fround(scalar.normal(mean, sd));
      if (out[i] !== expected) assert.unreachable(`mean ${mean} sd ${sd} element ${i}: ${out[i]} vs ${expected}`);
    }
    assert.equal(rng.state(), scalar.state());
  }
});

test('N-GIBBS-03 fillBernoulli equals successive bernoulli(probs[i]) calls', () => {
  const n = 100000;
  const probs = new Float32Array(n);
  const u = new Rng(1).fillUniform(new Float32Array(n));
  for (let i = 0; i < n; i++) probs[i] = i % 10 === 0 ? 0 : i % 10 === 1 ? 1 : u[i];
  const rng = new Rng(31);
  const scalar = rng.clone();
  const out = rng.fillBernoulli(new Float32Array(n), probs);
  for (let i = 0; i < n; i++) {
    const expected = scalar.bernoulli(probs[i]) ? 1 : 0;
    if (out[i] !== expected) assert.unreachable(`element ${i}: ${out[i]} vs ${expected}`);
  }
  assert.equal(rng.state(), scalar.state());
  // In place (out === probs) gives the same bits.
  const inPlace = Float32Array.from(probs);
  new Rng(31).fillBernoulli(inPlace, inPlace);
  assert.equal(Array.from(inPlace), Array.from(out));
});

test('N-GIBBS-03 bernoulli decides u < p digit by digit (hand-derived from the golden words)', () => {
  // From [1,2,3,4] the words are 11520, 0, 5927040, ...; u = 11520/2^32 + 0/2^64 + ...
  const at = (): Rng => Rng.fromState([1, 2, 3, 4]);
  const afterWords = (k: number): number[] => { const r = at(); draw(r, k); return r.state(); };
  // p = 11520 / 2^32 exactly: u >= p (the remaining digits cannot make u smaller) -> false, 1 word.
  let r = at();
  assert.is(r.bernoulli(11520 / 2 ** 32), false);
  assert.equal(r.state(), afterWords(1));
  // p = (11520 + 1/2) / 2^32: tie on the first digit; second digit 0 < 2^31 -> true, 2 words.
  r = at();
  assert.is(r.bernoulli(11520.5 / 2 ** 32), true);
  assert.equal(r.state(), afterWords(2));
  // p = (11521) / 2^32: first digit 11520 < 11521 -> true after one word.
  r = at();
  assert.is(r.bernoulli(11521 / 2 ** 32), true);
  assert.equal(r.state(), afterWords(1));
  // p = 11519.5 / 2^32: 11520 > floor(11519.5) -> false after one word.
  r = at();
  assert.is(r.bernoulli(11519.5 / 2 ** 32), false);
  assert.equal(r.state(), afterWords(1));
  // The second word is 0: with p = 0 exactly the tie (x = 0 = floor(0)) stops at once -> false.
  r = at();
  r.nextUint32();
  assert.is(r.bernoulli(0), false);
  assert.equal(r.state(), afterWords(2));
  // fillBernoulli takes the same decisions and consumes the same words.
  const f = at().fillBernoulli(new Float32Array(2), new Float64Array([11520.5 / 2 ** 32, 5927040.25 / 2 ** 32]));
  // element 0: tie, second word 0 -> 1; element 1 uses word 3 = 5927040: tie again, word 4 =
  // 70819200 vs 0.25 * 2^32 = 1073741824 -> 70819200 < 1073741824 -> 1.
  assert.equal(Array.from(f), [1, 1]);
});

test('N-GIBBS-03 fillBernoulli(out, p) with one probability: the same words and bits as the array filled with p, and as successive bernoulli(p)', () => {
  const n = 100000;
  for (const p of [0, 1, 0.13, Math.fround(0.37), 0.5, 1e-9]) {
    const rng = new Rng(41);
    const filled = rng.clone();
    const loop = rng.clone();
    const out = rng.fillBernoulli(new Float32Array(n), p);
    const ref = filled.fillBernoulli(new Float32Array(n), new Float64Array(n).fill(p));
    assert.equal(Array.from(out), Array.from(ref), `p = ${p}: scalar vs Float64Array filled with p`);
    assert.equal(rng.state(), filled.state(), `p = ${p}: the same words consumed`);
    for (let i = 0; i < n; i++) {
      const expected = loop.bernoulli(p) ? 1 : 0;
      if (out[i] !== expected) assert.unreachable(`p = ${p}, element ${i}: ${out[i]} vs bernoulli(p) = ${expected}`);
    }
    assert.equal(rng.state(), loop.state());
    if (p === Math.fround(p)) {
      const f32 = new Rng(41).fillBernoulli(new Float32Array(n), new Float32Array(n).fill(p));
      assert.equal(Array.from(out), Array.from(f32), `p = ${p}: a float32 p gives the Float32Array form's bits too`);
    }
  }
  // The tie path, hand-derived from the golden words of [1,2,3,4] (11520, 0, 5927040, ...):
  // p 2^32 = 11520.5 ties with the first word, the second word 0 < 2^31 decides 1; element 1
  // draws the third word 5927040 > 11520.5 -> 0. Three words in all.
  const at = (): Rng => Rng.fromState([1, 2, 3, 4]);
  const tie = at();
  assert.equal(Array.from(tie.fillBernoulli(new Float32Array(2), 11520.5 / 2 ** 32)), [1, 0]);
  const three = at(); draw(three, 3);
  assert.equal(tie.state(), three.state());
});

test('permutation(n) is a permutation of 0..n-1; shuffle permutes in place and returns its argument', () => {
  const rng = new Rng(8);
  for (const n of [0, 1, 2, 5, 1000]) {
    const p = rng.permutation(n);
    assert.instance(p, Int32Array);
    assert.equal(Array.from(p).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  }
  const a = ['a', 'b', 'c', 'd', 'e'];
  const same = rng.shuffle(a);
  assert.is(same, a);
  assert.equal([...a].sort(), ['a', 'b', 'c', 'd', 'e']);
  const f = new Float32Array([1, 2, 3]);
  assert.is(rng.shuffle(f), f);
  assert.equal(Array.from(f).sort(), [1, 2, 3]);
});

test('categorical never draws a zero weight and returns an index in range', () => {
  const rng = new Rng(6);
  for (let i = 0; i < 20000; i++) {
    const k = rng.categorical([0, 3, 0, 1e-300, 2, 0]);
    assert.ok(k === 1 || k === 3 || k === 4);
  }
  assert.is(rng.categorical([0, 0, 5]), 2);
  assert.is(rng.categorical(new Float32Array([7])), 0);
});

test('bad input: constructor and fromState', () => {
  assert.throws(() => new Rng(2.5), (e: Error) => e instanceof RangeError && e.message === 'new Rng: seed must be an integer in [0, 2^32 - 1], got 2.5');
  assert.throws(() => new Rng(-1), (e: Error) => e instanceof RangeError && /seed .* got -1$/.test(e.message));
  assert.throws(() => new Rng(2 ** 32), (e: Error) => e instanceof RangeError && /got 4294967296$/.test(e.message));
  assert.throws(() => new Rng(NaN), (e: Error) => e instanceof RangeError && /got NaN$/.test(e.message));
  assert.throws(() => new Rng('7' as unknown as number), (e: Error) => e instanceof TypeError && e.message === 'new Rng: seed must be a number, got "7"');
  assert.throws(() => Rng.fromState([1, 2, 3]), (e: Error) => e instanceof RangeError && e.message === 'Rng.fromState: words must have 4 entries, got 3');
  assert.throws(() => Rng.fromState([0, 0, 0, 0]), (e: Error) => e instanceof RangeError && /must not be all zero.*got \[0, 0, 0, 0\]/.test(e.message));
  assert.throws(() => Rng.fromState([1, 2, 3, -1]), (e: Error) => e instanceof RangeError && e.message === 'Rng.fromState: words[3] must be an integer in [0, 2^32 - 1], got -1');
  assert.throws(() => Rng.fromState([1, 2.5, 3, 4]), (e: Error) => e instanceof RangeError && /words\[1\] .* got 2\.5$/.test(e.message));
  assert.throws(() => Rng.fromState(null as unknown as number[]), (e: Error) => e instanceof TypeError && /fromState: words must be an array/.test(e.message));
});

test('bad input: int, bernoulli, normal, categorical, permutation, shuffle', () => {
  const rng = new Rng(1);
  const before = rng.state();
  const range = (f: () => unknown, msg: string): void =>
    assert.throws(f, (e: Error) => e instanceof RangeError && e.message === msg, msg);
  range(() => rng.int(0), 'int: n must be an integer in [1, 2^32], got 0');
  range(() => rng.int(2.5), 'int: n must be an integer in [1, 2^32], got 2.5');
  range(() => rng.int(-3), 'int: n must be an integer in [1, 2^32], got -3');
  range(() => rng.int(2 ** 32 + 1), 'int: n must be an integer in [1, 2^32], got 4294967297');
  range(() => rng.int(NaN), 'int: n must be an integer in [1, 2^32], got NaN');
  range(() => rng.bernoulli(1.2), 'bernoulli: p must be in [0, 1], got 1.2');
  range(() => rng.bernoulli(-0.1), 'bernoulli: p must be in [0, 1], got -0.1');
  range(() => rng.bernoulli(NaN), 'bernoulli: p must be in [0, 1], got NaN');
  range(() => rng.normal(0, -1), 'normal: sd must be >= 0, got -1');
  range(() => rng.normal(0, Infinity), 'normal: sd must be finite, got Infinity');
  range(() => rng.normal(NaN), 'normal: mean must be finite, got NaN');
  range(() => rng.categorical([]), 'categorical: weights must not be empty, got length 0');
  range(() => rng.categorical([1, -1]), 'categorical: weights[1] must be a finite number >= 0, got -1');
  range(() => rng.categorical([1, 2, NaN]), 'categorical: weights[2] must be a finite number >= 0, got NaN');
  range(() => rng.categorical([Infinity]), 'categorical: weights[0] must be a finite number >= 0, got Infinity');
  range(() => rng.categorical([0, 0]), 'categorical: weights must not all be zero (length 2)');
  range(() => rng.categorical([1e308, 1e308]), 'categorical: the sum of the weights overflows (Infinity)');
  range(() => rng.permutation(-1), 'permutation: n must be an integer in [0, 2^31 - 1], got -1');
  range(() => rng.permutation(2.5), 'permutation: n must be an integer in [0, 2^31 - 1], got 2.5');
  assert.throws(() => rng.int('3' as unknown as number), (e: Error) => e instanceof TypeError && e.message === 'int: n must be a number, got "3"');
  assert.throws(() => rng.shuffle(null as unknown as number[]), (e: Error) => e instanceof TypeError && /shuffle: array must be/.test(e.message));
  // Nothing above drew a word.
  assert.equal(rng.state(), before);
});

test('bad input: fills name the argument and leave the generator untouched', () => {
  const rng = new Rng(1);
  const before = rng.state();
  const out = new Float32Array(4);
  const range = (f: () => unknown, msg: string): void =>
    assert.throws(f, (e: Error) => e instanceof RangeError && e.message === msg, msg);
  range(() => rng.fillUniform(out, 1, 1), 'fillUniform: lo must be < hi, got lo = 1, hi = 1');
  range(() => rng.fillUniform(out, 2, 1), 'fillUniform: lo must be < hi, got lo = 2, hi = 1');
  range(() => rng.fillUniform(out, 0, NaN), 'fillUniform: hi must be finite, got NaN');
  range(() => rng.fillUniform(out, -1e308, 1e308), 'fillUniform: hi - lo overflows, got lo = -1e+308, hi = 1e+308');
  range(() => rng.fillNormal(out, 0, -1), 'fillNormal: sd must be >= 0, got -1');
  range(() => rng.fillNormal(out, Infinity, 1), 'fillNormal: mean must be finite, got Infinity');
  range(() => rng.fillBernoulli(out, new Float32Array([0.1, 0.2, 1.5, 0.3])), 'fillBernoulli: probs[2] must be in [0, 1], got 1.5');
  range(() => rng.fillBernoulli(out, new Float32Array([0.1, NaN, 0.5, 0.3])), 'fillBernoulli: probs[1] must be in [0, 1], got NaN');
  range(() => rng.fillBernoulli(out, new Float32Array(3)), 'fillBernoulli: out has length 4 but probs has length 3');
  range(() => rng.fillBernoulli(out, 1.5), 'fillBernoulli: probs must be in [0, 1], got 1.5');
  range(() => rng.fillBernoulli(out, NaN), 'fillBernoulli: probs must be in [0, 1], got NaN');
  range(() => rng.fillBernoulli(out, -0.1), 'fillBernoulli: probs must be in [0, 1], got -0.1');
  assert.throws(() => rng.fillUniform(new Float64Array(4) as unknown as Float32Array), (e: Error) => e instanceof TypeError && e.message === 'fillUniform: out must be a Float32Array, got Float64Array(4)');
  assert.throws(() => rng.fillNormal([0, 0] as unknown as Float32Array), (e: Error) => e instanceof TypeError && e.message === 'fillNormal: out must be a Float32Array, got Array(2)');
  assert.throws(() => rng.fillBernoulli(out, [0.5, 0.5, 0.5, 0.5] as unknown as Float32Array), (e: Error) => e instanceof TypeError && /fillBernoulli: probs must be a number, a Float32Array or a Float64Array/.test(e.message));
  assert.equal(rng.state(), before);
  assert.equal(Array.from(out), [0, 0, 0, 0]);
});

test.run();
