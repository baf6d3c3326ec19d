/**
 * Rng.stateArray(): the live state for kernels that keep the four xoshiro128** words in local
 * variables. Checks that it is live (not a copy), that a kernel stepping the words itself gives
 * the reference C outputs, and that writing the words back (at the end, or around an Rng call
 * in the middle) continues the stream exactly as successive Rng calls would.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';

// Golden values printed by spec/fixtures/xoshiro128starstar.c (Blackman & Vigna's reference
// next()), first 10 outputs from the state {1, 2, 3, 4}; see spec/fixtures/README.md.
const C_NEXT_FROM_1234 = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];

/**
 * A tiny kernel in the documented pattern: read the words, run `n` xoshiro128** steps in
 * locals into `out`, write the words back. Every `every` steps (if > 0) it hands the words back,
 * lets `between(rng)` use the generator, and reloads them (the pattern of a rare slow path).
 */
function kernel(rng: Rng, out: number[], n: number, every = 0, between: (r: Rng) => void = () => {}): void {
  const s = rng.stateArray();
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  for (let i = 0; i < n; i++) {
    const m = Math.imul(s1, 5);
    out.push(Math.imul((m << 7) | (m >>> 25), 9) >>> 0);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    if (every > 0 && i % every === every - 1) {
      s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
      between(rng);
      s0 = s[0]; s1 = s[1]; s2 = s[2]; s3 = s[3];
    }
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

test('stateArray is the live state: same Int32Array every call, same bits as state(), writes change the generator', () => {
  const rng = Rng.fromState([1, 2, 3, 0xffffffff]);
  const s = rng.stateArray();
  assert.ok(s instanceof Int32Array && s.length === 4);
  assert.is(rng.stateArray(), s, 'not a copy');
  assert.equal(Array.from(s, (w) => w >>> 0), rng.state());
  assert.is(s[3], -1, '0xffffffff is stored as the int32 −1');
  rng.nextUint32();
  assert.equal(Array.from(s, (w) => w >>> 0), rng.state(), 'the array follows the generator');
  s.set([1, 2, 3, 4]);
  assert.equal(rng.state(), [1, 2, 3, 4]);
  assert.is(rng.nextUint32(), C_NEXT_FROM_1234[0], 'writing the array moves the generator');
});

test('a kernel with the words in locals reproduces the reference C outputs from {1, 2, 3, 4}', () => {
  const rng = Rng.fromState([1, 2, 3, 4]);
  const out: number[] = [];
  kernel(rng, out, 10);
  assert.equal(out, C_NEXT_FROM_1234);
});

test('writing back at the end continues the stream: kernel words + later calls = plain calls', () => {
  for (const seed of [0, 1, 42, 0xffffffff]) {
    const a = new Rng(seed);
    const b = a.clone();
    const got: number[] = [];
    kernel(a, got, 1000);
    const want: number[] = [];
    for (let i = 0; i < 1000; i++) want.push(b.nextUint32());
    assert.equal(got, want, `seed ${seed}: kernel words`);
    assert.equal(a.state(), b.state(), `seed ${seed}: state after the kernel`);
    // every method afterwards sees the same generator
    assert.is(a.nextUint32(), b.nextUint32());
    assert.is(a.float(), b.float());
    assert.is(a.normal(), b.normal());
    assert.is(a.int(1000003), b.int(1000003));
    assert.equal(a.state(), b.state());
  }
});

test('writing back around an Rng call in the middle (the slow-path pattern) keeps the exact order of words', () => {
  const a = new Rng(9);
  const b = a.clone();
  const got: number[] = [];
  // every 7 kernel words, the method bernoulli(0.3) draws (at least) one word through the object
  const fromBetween: boolean[] = [];
  kernel(a, got, 700, 7, (r) => { fromBetween.push(r.bernoulli(0.3)); });
  const want: number[] = [];
  const wantBetween: boolean[] = [];
  for (let i = 0; i < 700; i++) {
    want.push(b.nextUint32());
    if (i % 7 === 6) wantBetween.push(b.bernoulli(0.3));
  }
  assert.equal(got, want);
  assert.equal(fromBetween, wantBetween);
  assert.equal(a.state(), b.state());
});

test('without the write-back the generator does not move (the words only lived in locals)', () => {
  const rng = new Rng(5);
  const before = rng.state();
  const s = rng.stateArray();
  let s1 = s[1];
  const m = Math.imul(s1, 5);
  const x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  s1 ^= s[2] ^ s[0]; // part of a step, in a local only
  assert.equal(rng.state(), before);
  assert.is(rng.nextUint32(), x, 'the next call still returns the word the kernel saw');
  void s1;
});

test.run();
