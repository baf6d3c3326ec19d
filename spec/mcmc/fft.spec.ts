/**
 * lib/mcmc/fft.ts against a naive O(N^2) DFT written here and against transforms known in
 * closed form.
 *
 * Tolerance: the radix-2 FFT with exact twiddles has error O(eps log2 N) ||x||; the naive DFT
 * (twiddle angles reduced exactly as 2 pi ((k n) mod N) / N) has O(eps sqrt N) ||x||. For
 * N <= 1024 both are far below the 1e-12 relative (to max |X_k|) that is asked for.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addPowerSpectrum, circularAutocorrelation, fft, ifft, inverseEvenSpectrum, nextPowerOfTwo } from '../../lib/mcmc/fft.js';
import { availableBackends, getBackend, setBackend } from '../../lib/linalg/backend.js';
import { Rng } from '../../lib/random/index.js';

function naiveDft(re: Float64Array, im: Float64Array, sign: number): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((k * j) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return { re: outRe, im: outIm };
}

function maxAbs(...arrays: Float64Array[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('fft equals a naive DFT on random complex input, N = 1..1024, to 1e-12 relative', () => {
  const rng = new Rng(2024);
  for (let n = 1; n <= 1024; n *= 2) {
    const re = Float64Array.from({ length: n }, () => rng.normal());
    const im = Float64Array.from({ length: n }, () => rng.normal());
    const ref = naiveDft(re, im, -1);
    const r = re.slice();
    const i = im.slice();
    fft(r, i);
    const scale = maxAbs(ref.re, ref.im);
    const err = Math.max(maxDiff(r, ref.re), maxDiff(i, ref.im));
    assert.ok(err <= 1e-12 * scale, `N=${n}: error ${err / scale} relative`);
    // inverse direction against the naive inverse sum (divided by N)
    const inv = naiveDft(re, im, +1);
    const r2 = re.slice();
    const i2 = im.slice();
    ifft(r2, i2);
    const errInv = Math.max(maxDiff(r2.map((v) => v * n), inv.re), maxDiff(i2.map((v) => v * n), inv.im));
    assert.ok(errInv <= 1e-12 * maxAbs(inv.re, inv.im), `inverse N=${n}`);
  }
});

test('fft of known sequences: delta, constant, pure cosine; ifft(fft(x)) = x', () => {
  const n = 16;
  // delta at 0 -> all ones
  const dr = new Float64Array(n); dr[0] = 1;
  const di = new Float64Array(n);
  fft(dr, di);
  assert.ok(maxDiff(dr, new Float64Array(n).fill(1)) === 0 && maxAbs(di) === 0);
  // constant 1 -> N at k = 0, 0 elsewhere
  const cr = new Float64Array(n).fill(1);
  const ci = new Float64Array(n);
  fft(cr, ci);
  const expected = new Float64Array(n); expected[0] = n;
  assert.ok(maxDiff(cr, expected) <= 1e-14 && maxAbs(ci) <= 1e-14);
  // cos(2 pi 3 j / N) -> N/2 at k = 3 and k = N - 3
  const xr = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 3 * j) / n));
  const xi = new Float64Array(n);
  fft(xr, xi);
  const cosExpected = new Float64Array(n); cosExpected[3] = n / 2; cosExpected[n - 3] = n / 2;
  assert.ok(maxDiff(xr, cosExpected) <= 1e-13 && maxAbs(xi) <= 1e-13);
  // the doc example
  const er = new Float64Array([1, 2, 3, 4]);
  const ei = new Float64Array(4);
  fft(er, ei);
  assert.equal(Array.from(er), [10, -2, -2, -2]);
  assert.equal(Array.from(ei), [0, 2, 0, -2]);
  ifft(er, ei);
  assert.ok(maxDiff(er, new Float64Array([1, 2, 3, 4])) <= 1e-15 && maxAbs(ei) <= 1e-15);
});

test('circularAutocorrelation equals the direct sum sum_s x_s x_{(s+t) mod L}', () => {
  assert.equal(Array.from(circularAutocorrelation(new Float64Array([1, 2, 0, 0]))), [5, 2, 0, 2]);
  const rng = new Rng(7);
  for (const L of [2, 4, 8, 64, 512]) {
    const x = Float64Array.from({ length: L }, () => rng.normal());
    const got = circularAutocorrelation(x);
    let err = 0;
    let scale = 0;
    for (let t = 0; t < L; t++) {
      let s = 0;
      for (let u = 0; u < L; u++) s += x[u] * x[(u + t) % L];
      err = Math.max(err, Math.abs(s - got[t]));
      scale = Math.max(scale, Math.abs(s));
    }
    assert.ok(err <= 1e-12 * scale, `L=${L}: ${err / scale}`);
  }
});

test('the power spectrum and its inverse give the same bits on both backends (wasm: the SIMD butterfly kernel of fft-kernel.ts)', () => {
  if (!availableBackends().includes('wasm')) return; // nothing to compare against
  const before = getBackend();
  const rng = new Rng(77);
  try {
    let compared = 0;
    for (const L of [2, 4, 8, 16, 32, 64, 256, 4096, 1 << 17]) {
      for (const n of [1, 3, L >> 2, (L >> 1) + 1, L]) {
        if (n > L) continue;
        const x = Float64Array.from({ length: n }, () => rng.normal() * 3 + 0.5);
        const run = (backend: 'ts' | 'wasm') => {
          setBackend(backend);
          const power = new Float64Array((L >> 1) + 1);
          addPowerSpectrum(x, L, power, 0.25);
          addPowerSpectrum(x.subarray(0, (n + 1) >> 1), L, power, -1); // a second series summed in
          return { power, sums: inverseEvenSpectrum(power, L) };
        };
        const ts = run('ts');
        const wasm = run('wasm');
        for (let k = 0; k < ts.power.length; k++) assert.ok(Object.is(ts.power[k], wasm.power[k]), `L=${L} n=${n}: P_${k} ${ts.power[k]} vs ${wasm.power[k]}`);
        for (let t = 0; t < L; t++) assert.ok(Object.is(ts.sums[t], wasm.sums[t]), `L=${L} n=${n}: r_${t}`);
        compared++;
      }
    }
    assert.ok(compared >= 40);
    // and both equal the direct correlation (a negative control for the comparison above: a kernel
    // that did nothing would agree with itself, not with this)
    const x = Float64Array.from({ length: 300 }, () => rng.normal());
    const power = new Float64Array(257);
    addPowerSpectrum(x, 512, power);
    const sums = inverseEvenSpectrum(power, 512);
    for (const t of [0, 1, 7, 150, 212]) { // lags <= L - n = 212: no wrap-around
      let direct = 0;
      for (let s = 0; s + t < 300; s++) direct += x[s] * x[s + t];
      assert.ok(Math.abs(sums[t] - direct) <= 1e-12 * sums[0], `lag ${t}: ${sums[t]} vs ${direct}`);
    }
  } finally {
    setBackend(before);
  }
});

test('after a long series (2^21-point transforms, 80 MiB of kernel memory) a short one, on a new kernel memory, gives the same bits as JavaScript', () => {
  if (!availableBackends().includes('wasm')) return;
  const before = getBackend();
  const rng = new Rng(78);
  try {
    setBackend('wasm');
    const long = Float64Array.from({ length: 1 << 20 }, () => rng.normal());
    const p = new Float64Array((1 << 20) + 1);
    addPowerSpectrum(long, 1 << 21, p);
    assert.ok(Math.abs(inverseEvenSpectrum(p, 1 << 21)[0] - long.reduce((s, v) => s + v * v, 0)) <= 1e-9 * (1 << 20));
    const x = Float64Array.from({ length: 700 }, () => rng.normal());
    const wasm = new Float64Array(513);
    addPowerSpectrum(x, 1024, wasm); // far smaller: scratchFor replaces the memory (the old one is left to the collector)
    setBackend('ts');
    const ts = new Float64Array(513);
    addPowerSpectrum(x, 1024, ts);
    for (let k = 0; k < 513; k++) assert.ok(Object.is(ts[k], wasm[k]), `P_${k}`);
  } finally {
    setBackend(before);
  }
});

test('fft / ifft / circularAutocorrelation / nextPowerOfTwo reject bad input', () => {
  assert.throws(() => fft(new Float64Array(6), new Float64Array(6)), /fft: length must be a power of two \(use nextPowerOfTwo and zero-pad\), got 6/);
  assert.throws(() => ifft(new Float64Array(4), new Float64Array(2)), /ifft: re has length 4 but im has length 2/);
  assert.throws(() => fft([1, 2] as never, new Float64Array(2)), /fft: re must be a Float64Array, got Array/);
  assert.throws(() => ifft(new Float64Array(2), new Float32Array(2) as never), /ifft: im must be a Float64Array, got Float32Array\(2\)/);
  assert.throws(() => fft(new Float64Array(0), new Float64Array(0)), /got 0/);
  assert.throws(() => circularAutocorrelation(new Float64Array(3)), /circularAutocorrelation: x has length 3; its length must be a power of two >= 2/);
  assert.is(nextPowerOfTwo(1), 1);
  assert.is(nextPowerOfTwo(1000), 1024);
  assert.is(nextPowerOfTwo(1024), 1024);
  assert.throws(() => nextPowerOfTwo(0), /nextPowerOfTwo: n must be an integer in \[1, 2\^52\], got 0/);
});

test.run();
