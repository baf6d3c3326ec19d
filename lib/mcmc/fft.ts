/**
 * A complex fast Fourier transform on Float64Arrays: iterative radix-2 Cooley–Tukey
 * (decimation in time: bit-reversal permutation, then log2(N) butterfly passes), in place.
 * Used by the MCMC diagnostics for autocorrelations of long chains in O(N log N), through
 * addPowerSpectrum / inverseEvenSpectrum, which skip the permutation (a forward transform by
 * decimation in frequency leaves the spectrum in bit-reversed order, which the inverse's
 * decimation-in-time passes read as it is) and, on the wasm backend, run the butterflies, the
 * real-input packing and the unpacking in the SIMD kernels of ./fft-kernel.ts (same bits).
 *
 * Convention (as numpy.fft): forward X_k = sum_n x_n e^{-2 pi i k n / N},
 * inverse x_n = (1/N) sum_k X_k e^{+2 pi i k n / N}.
 */
import { describe } from '../checks/index.js';
import { getBackend } from '../linalg/backend.js';
import { buildFftKernelModule, type FftDeinterleave, type FftPasses, type FftUnpack } from './fft-kernel.js';

/**
 * The smallest power of two >= n (n >= 1); nextPowerOfTwo(1) = 1.
 *
 * @example
 * nextPowerOfTwo(1000); // 1024
 */
export function nextPowerOfTwo(n: number): number {
  if (typeof n !== 'number') throw new TypeError(`nextPowerOfTwo: n must be an integer in [1, 2^52], got ${describe(n)}`);
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 52) throw new RangeError(`nextPowerOfTwo: n must be an integer in [1, 2^52], got ${n}`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place forward FFT of the complex sequence re + i im (both of the same power-of-two
 * length N): on return re + i im holds X_k = sum_n x_n e^{-2 pi i k n / N}. Returns `re`.
 * Twiddle factors are computed directly as cos/sin(2 pi k / N) (not by a recurrence), so the
 * error is O(eps log N) relative to the norm of the input. The twiddles of the last size used
 * are cached (n doubles each for cos and sin).
 *
 * @example
 * const re = new Float64Array([1, 2, 3, 4]), im = new Float64Array(4);
 * fft(re, im); // re = [10, -2, -2, -2], im = [0, 2, 0, -2]
 */
export function fft(re: Float64Array, im: Float64Array): Float64Array {
  transform('fft', re, im, -1);
  return re;
}

/**
 * In-place inverse FFT: x_n = (1/N) sum_k X_k e^{+2 pi i k n / N}, so ifft(fft(x)) = x to
 * round-off. Same requirements as {@link fft}. Returns `re`.
 *
 * @example
 * const re = new Float64Array([10, -2, -2, -2]), im = new Float64Array([0, 2, 0, -2]);
 * ifft(re, im); // re = [1, 2, 3, 4], im = [0, 0, 0, 0]
 */
export function ifft(re: Float64Array, im: Float64Array): Float64Array {
  transform('ifft', re, im, +1);
  const n = re.length;
  const scale = 1 / n;
  for (let k = 0; k < n; k++) {
    re[k] *= scale;
    im[k] *= scale;
  }
  return re;
}

/**
 * Twiddle factors of the last transform size, cached (computing 2^20 cosines costs more than
 * a butterfly pass). Pass-major layout: for the pass that merges blocks of length len, the
 * factors e^{-2 pi i k / len}, k < len/2, sit contiguously at index len/2 + k (total n entries,
 * index 0 unused), so the inner loop reads them in order.
 */
let twiddleSize = 0;
let twiddleCos = new Float64Array(0);
let twiddleSin = new Float64Array(0);
/** -twiddleSin: the factors e^{+2 pi i k / len} of the inverse transform. */
let twiddleSinInverse = new Float64Array(0);

function twiddles(n: number): void {
  if (twiddleSize === n) return;
  const half = n >> 1;
  const baseCos = new Float64Array(half);
  const baseSin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const angle = (2 * Math.PI * k) / n;
    // the quarter turn exactly (cos(pi/2) would round to 6e-17), so e.g. N = 4 transforms are exact
    baseCos[k] = 4 * k === n ? 0 : Math.cos(angle);
    baseSin[k] = 4 * k === n ? -1 : -Math.sin(angle);
  }
  twiddleCos = new Float64Array(n);
  twiddleSin = new Float64Array(n);
  for (let len = 2; len <= n; len <<= 1) {
    const halfLen = len >> 1;
    const stride = n / len;
    for (let k = 0; k < halfLen; k++) {
      twiddleCos[halfLen + k] = baseCos[k * stride];
      twiddleSin[halfLen + k] = baseSin[k * stride];
    }
  }
  twiddleSinInverse = twiddleSin.map((v) => -v);
  twiddleSize = n;
}

/**
 * rev[i] = i with its log2(n) bits reversed, for the last size n asked for (cached): the order
 * in which addPowerSpectrum keeps a spectrum (reversedTurn's twiddles are read in it).
 */
let reversalSize = 0;
let reversal = new Uint32Array(0);

function bitReversal(n: number): Uint32Array {
  if (reversalSize === n) return reversal;
  reversal = new Uint32Array(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    reversal[i] = j;
  }
  reversalSize = n;
  return reversal;
}

/** Radix-2 transform with exponent sign `sign` (-1 forward, +1 inverse, unscaled), of fft and ifft. */
function transform(fn: string, re: Float64Array, im: Float64Array, sign: number): void {
  for (const [name, v] of [['re', re], ['im', im]] as const) {
    if (!(v instanceof Float64Array)) throw new TypeError(`${fn}: ${name} must be a Float64Array, got ${describe(v)}`);
  }
  const n = re.length;
  if (im.length !== n) throw new RangeError(`${fn}: re has length ${n} but im has length ${im.length}`);
  if (n === 0 || (n & (n - 1)) !== 0) {
    throw new RangeError(`${fn}: length must be a power of two (use nextPowerOfTwo and zero-pad), got ${n}`);
  }
  if (!firstPasses(re, im, n, sign, false)) return;
  twiddles(n);
  passesFrom8(re, im, n, sign);
}

/**
 * The permutation (unless `permuted`: the input is already in bit-reversed order, as
 * inverseEvenSpectrum writes it) and the passes for block lengths 2 and 4; false when that
 * finished the transform (n <= 4).
 */
function firstPasses(re: Float64Array, im: Float64Array, n: number, sign: number, permuted: boolean): boolean {
  if (n === 1) return false;
  // Bit-reversal permutation: element k goes to the index with the bits of k reversed.
  if (!permuted) for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  if (n === 2) {
    const br = re[1], bi = im[1];
    re[1] = re[0] - br; im[1] = im[0] - bi;
    re[0] += br; im[0] += bi;
    return false;
  }
  // The first two passes, fused (each entry loaded and stored once, the same operations):
  // len = 2 (twiddle 1): X_0 = x_0 + x_1, X_1 = x_0 - x_1;
  // len = 4 (twiddles 1 and w = sign i exactly): X_0 = E_0 + O_0, X_2 = E_0 - O_0,
  // X_1 = E_1 + w O_1, X_3 = E_1 - w O_1, w O_1 = sign (-Im O_1 + i Re O_1).
  for (let a = 0; a < n; a += 4) {
    let r0 = re[a], i0 = im[a], r1 = re[a + 1], i1 = im[a + 1];
    let r2 = re[a + 2], i2 = im[a + 2], r3 = re[a + 3], i3 = im[a + 3];
    let br = r1, bi = i1;
    r1 = r0 - br; i1 = i0 - bi; r0 += br; i0 += bi;
    br = r3; bi = i3;
    r3 = r2 - br; i3 = i2 - bi; r2 += br; i2 += bi;
    re[a + 2] = r0 - r2; im[a + 2] = i0 - i2; re[a] = r0 + r2; im[a] = i0 + i2;
    br = -sign * i3; bi = sign * r3;
    re[a + 3] = r1 - br; im[a + 3] = i1 - bi; re[a + 1] = r1 + br; im[a + 1] = i1 + bi;
  }
  return n > 4;
}

/**
 * The butterfly passes for block lengths 8, 16, ..., n in JavaScript (`twiddles(n)` done); the
 * wasm kernel of ./fft-kernel.ts does the same operations.
 */
function passesFrom8(re: Float64Array, im: Float64Array, n: number, sign: number): void {
  const wc = twiddleCos;
  const ws = sign < 0 ? twiddleSin : twiddleSinInverse;
  // Butterflies: for blocks of length len, combine the even half E and odd half O as
  // X_k = E_k + w^k O_k, X_{k + len/2} = E_k - w^k O_k, w = e^{sign 2 pi i / len}.
  // Two passes (len and 2 len) run fused on the four entries a0 < a1 < a2 < a3 they share,
  // with exactly the operations of the two separate passes (so the same result, bit for bit),
  // but each entry is loaded and stored once per pair of passes instead of twice.
  let len = 8;
  for (; 2 * len <= n; len <<= 2) {
    const halfLen = len >> 1;
    for (let start = 0; start < n; start += 2 * len) {
      for (let k = 0; k < halfLen; k++) {
        const a0 = start + k, a1 = a0 + halfLen, a2 = a0 + len, a3 = a2 + halfLen;
        // pass len: (a0, a1) and (a2, a3), twiddle w_len^k
        let wr = wc[halfLen + k], wi = ws[halfLen + k];
        let r0 = re[a0], i0 = im[a0], r1 = re[a1], i1 = im[a1];
        let xr = r1 * wr - i1 * wi, xi = r1 * wi + i1 * wr;
        r1 = r0 - xr; i1 = i0 - xi; r0 += xr; i0 += xi;
        let r2 = re[a2], i2 = im[a2], r3 = re[a3], i3 = im[a3];
        xr = r3 * wr - i3 * wi; xi = r3 * wi + i3 * wr;
        r3 = r2 - xr; i3 = i2 - xi; r2 += xr; i2 += xi;
        // pass 2 len: (a0, a2) with w_{2len}^k, (a1, a3) with w_{2len}^{k + len/2}
        wr = wc[len + k]; wi = ws[len + k];
        xr = r2 * wr - i2 * wi; xi = r2 * wi + i2 * wr;
        re[a2] = r0 - xr; im[a2] = i0 - xi; re[a0] = r0 + xr; im[a0] = i0 + xi;
        wr = wc[len + halfLen + k]; wi = ws[len + halfLen + k];
        xr = r3 * wr - i3 * wi; xi = r3 * wi + i3 * wr;
        re[a3] = r1 - xr; im[a3] = i1 - xi; re[a1] = r1 + xr; im[a1] = i1 + xi;
      }
    }
  }
  if (len <= n) { // one pass left over (an odd number of passes from len = 8)
    const halfLen = len >> 1;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < halfLen; k++) {
        const wr = wc[halfLen + k], wi = ws[halfLen + k];
        const a = start + k, b = a + halfLen;
        const rb = re[b], ib = im[b];
        const xr = rb * wr - ib * wi, xi = rb * wi + ib * wr;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
      }
    }
  }
}

/**
 * The work arrays of addPowerSpectrum and inverseEvenSpectrum (a complex sequence of length h,
 * split into real and imaginary parts), kept for the last h. On the wasm backend they are views
 * of a WebAssembly memory that also holds the twiddle tables, and the passes from block length
 * 8 on run in the SIMD kernel of ./fft-kernel.ts; otherwise they are plain arrays and
 * passesFrom8 runs. The same bits either way.
 */
interface Scratch {
  h: number;
  re: Float64Array;
  im: Float64Array;
  kernel: WasmFft | null;
  /** With the kernel: the unpacked power and the input series, in its memory. */
  out?: Float64Array;
  x?: Float64Array;
}

interface WasmFft {
  memory: WebAssembly.Memory;
  passes: FftPasses;
  difPasses: FftPasses;
  deinterleave: FftDeinterleave;
  unpack: FftUnpack;
}

/**
 * Where the wasm scratch keeps its arrays, in float64 entries from 0: re, im (the transform),
 * the pass-major twiddles cos, sin, -sin (length h each), cos and sin of 2 pi rev(p)/L (the
 * unpacking's), the unpacked power (h), and the input series (L = 2h).
 */
const AT = { re: 0, im: 1, cos: 2, sin: 3, sinInverse: 4, cosR: 5, sinR: 6, out: 7, x: 8, size: 10 } as const;

let scratch: Scratch = { h: 0, re: new Float64Array(0), im: new Float64Array(0), kernel: null };
/** The kernels' instance and memory (laid out as AT says), made again only to shrink it. */
let wasmFft: WasmFft | null = null;

function scratchFor(h: number): Scratch {
  const bytes = AT.size * 8 * h;
  // the kernels up to 1 GiB of memory (h = 2^24, series of 2^24 values); beyond, JavaScript
  const useWasm = h >= 8 && bytes <= 2 ** 30 && getBackend() === 'wasm';
  if (scratch.h === h && (scratch.kernel !== null) === useWasm) return scratch;
  if (!useWasm) {
    scratch = { h, re: new Float64Array(h), im: new Float64Array(h), kernel: null };
    return scratch;
  }
  const pages = Math.ceil(bytes / 65536);
  // A WebAssembly memory cannot shrink: after a long series, a much smaller size gets a new
  // instance and the old memory is left to the garbage collector.
  if (wasmFft !== null && wasmFft.memory.buffer.byteLength > 4 * bytes && wasmFft.memory.buffer.byteLength > 2 ** 26) wasmFft = null;
  if (wasmFft === null) {
    const memory = new WebAssembly.Memory({ initial: pages });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(buildFftKernelModule(pages)), { env: { memory } });
    const e = instance.exports;
    wasmFft = { memory, passes: e.passes as FftPasses, difPasses: e.difPasses as FftPasses, deinterleave: e.deinterleave as FftDeinterleave, unpack: e.unpack as FftUnpack };
  } else if (wasmFft.memory.buffer.byteLength < bytes) {
    wasmFft.memory.grow(pages - wasmFft.memory.buffer.byteLength / 65536);
  }
  const buffer = wasmFft.memory.buffer;
  twiddles(h);
  const at = (array: number, length = h) => new Float64Array(buffer, array * 8 * h, length);
  at(AT.cos).set(twiddleCos);
  at(AT.sin).set(twiddleSin);
  at(AT.sinInverse).set(twiddleSinInverse);
  reversedTurn(2 * h);
  at(AT.cosR).set(reversedCos);
  at(AT.sinR).set(reversedSin);
  scratch = { h, re: at(AT.re), im: at(AT.im), kernel: wasmFft, out: at(AT.out), x: at(AT.x, 2 * h) };
  return scratch;
}

/**
 * The forward transform of the scratch arrays filled in natural order, by decimation in
 * frequency: the result X_k lands at position rev[k] (bit-reversed order), so neither the input
 * nor the output is permuted (a permutation reads or writes scattered addresses, which cost as
 * much as the butterflies).
 */
function forwardScratchToReversed(work: Scratch): void {
  const h = work.h;
  if (h >= 8) {
    if (work.kernel === null) {
      twiddles(h);
      difPassesTo8(work.re, work.im, h, -1);
    } else {
      work.kernel.difPasses(AT.re * 8 * h, AT.im * 8 * h, h, AT.cos * 8 * h, AT.sin * 8 * h, 8);
    }
  }
  lastDifPasses(work.re, work.im, h, -1);
}

/**
 * Decimation-in-frequency passes for block lengths n, n/2, ..., 8 (twiddles(n) done): within each
 * block, a <- a + b and b <- (a - b) w^k for the entries a = k and b = k + len/2,
 * w = e^{sign 2 pi i / len}. The wasm kernel `difPasses` does the same operations.
 */
function difPassesTo8(re: Float64Array, im: Float64Array, n: number, sign: number): void {
  const wc = twiddleCos;
  const ws = sign < 0 ? twiddleSin : twiddleSinInverse;
  for (let len = n; len >= 8; len >>= 1) {
    const half = len >> 1;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const a = start + k, b = a + half;
        const ar = re[a], ai = im[a], br = re[b], bi = im[b];
        re[a] = ar + br;
        im[a] = ai + bi;
        const dr = ar - br, di = ai - bi;
        const wr = wc[half + k], wi = ws[half + k];
        re[b] = dr * wr - di * wi;
        im[b] = dr * wi + di * wr;
      }
    }
  }
}

/**
 * The decimation-in-frequency passes for block lengths 4 and 2, fused (n >= 2): len 4 pairs
 * (0, 2) with twiddle 1 and (1, 3) with w = sign i exactly; len 2 pairs (0, 1) and (2, 3).
 */
function lastDifPasses(re: Float64Array, im: Float64Array, n: number, sign: number): void {
  if (n < 2) return;
  if (n === 2) {
    const ar = re[0], ai = im[0], br = re[1], bi = im[1];
    re[0] = ar + br; im[0] = ai + bi; re[1] = ar - br; im[1] = ai - bi;
    return;
  }
  for (let a = 0; a < n; a += 4) {
    const r0 = re[a], i0 = im[a], r1 = re[a + 1], i1 = im[a + 1], r2 = re[a + 2], i2 = im[a + 2], r3 = re[a + 3], i3 = im[a + 3];
    const s0r = r0 + r2, s0i = i0 + i2, d0r = r0 - r2, d0i = i0 - i2; // len 4, k = 0
    const s1r = r1 + r3, s1i = i1 + i3, d1r = r1 - r3, d1i = i1 - i3; // len 4, k = 1: times sign i
    const w1r = -sign * d1i, w1i = sign * d1r;
    re[a] = s0r + s1r; im[a] = s0i + s1i; re[a + 1] = s0r - s1r; im[a + 1] = s0i - s1i; // len 2
    re[a + 2] = d0r + w1r; im[a + 2] = d0i + w1i; re[a + 3] = d0r - w1r; im[a + 3] = d0i - w1i;
  }
}

/**
 * partner[p]: the position of h - k (mod h) when position p holds k = rev(p), in the
 * bit-reversed order of a length-h spectrum, cached for the last h: p itself for p = 0 and 1
 * (k = 0 and h/2), else the mirror 3 2^j - 1 - p of p in its octave [2^j, 2^{j+1}).
 */
let partnerSize = 0;
let partner = new Uint32Array(0);

function partners(h: number): Uint32Array {
  if (partnerSize === h) return partner;
  partner = new Uint32Array(h);
  for (let p = 0; p < Math.min(h, 2); p++) partner[p] = p;
  for (let lo = 2; lo < h; lo <<= 1) for (let p = lo; p < 2 * lo; p++) partner[p] = 3 * lo - 1 - p;
  partnerSize = h;
  return partner;
}

/**
 * cos and sin of 2 pi rev[p] / L for p < L/2 (the twiddles of the unpacking and packing steps
 * when the spectrum is kept in bit-reversed order), cached for the last L.
 */
let reversedTurnSize = 0;
let reversedCos = new Float64Array(0);
let reversedSin = new Float64Array(0);

function reversedTurn(L: number): void {
  if (reversedTurnSize === L) return;
  const h = L >> 1;
  const rev = bitReversal(h);
  reversedCos = new Float64Array(h);
  reversedSin = new Float64Array(h);
  for (let p = 0; p < h; p++) {
    const angle = (2 * Math.PI * rev[p]) / L;
    reversedCos[p] = Math.cos(angle);
    reversedSin[p] = Math.sin(angle);
  }
  reversedTurnSize = L;
}

/** The transform (sign -1 forward, +1 inverse, unscaled) of the scratch arrays, filled in bit-reversed order. */
function transformScratch(work: Scratch, sign: number): void {
  const h = work.h;
  if (!firstPasses(work.re, work.im, h, sign, true)) return;
  if (work.kernel === null) {
    twiddles(h);
    passesFrom8(work.re, work.im, h, sign);
    return;
  }
  work.kernel.passes(AT.re * 8 * h, AT.im * 8 * h, h, AT.cos * 8 * h, (sign < 0 ? AT.sin : AT.sinInverse) * 8 * h, 8);
}

/**
 * Circular autocorrelation sums of a real sequence x of power-of-two length L >= 2:
 * out[t] = sum_{s=0}^{L-1} x_s x_{(s + t) mod L}, t = 0..L-1, via the Wiener–Khinchin theorem
 * (out = IFFT(|FFT(x)|^2)) using two complex FFTs of length L/2 (a real sequence packed as
 * z_m = x_{2m} + i x_{2m+1}), half the work of complex transforms of length L. Zero-pad x to
 * length >= 2N first to get the linear (non-circular) correlation of N values. Returns a new
 * array; x is not modified.
 *
 * @example
 * circularAutocorrelation(new Float64Array([1, 2, 0, 0])); // [5, 2, 0, 2]
 */
export function circularAutocorrelation(x: Float64Array): Float64Array {
  const fn = 'circularAutocorrelation';
  if (!(x instanceof Float64Array)) throw new TypeError(`${fn}: x must be a Float64Array, got ${describe(x)}`);
  const L = x.length;
  if (L < 2 || (L & (L - 1)) !== 0) throw new RangeError(`${fn}: x has length ${L}; its length must be a power of two >= 2`);
  const power = new Float64Array((L >> 1) + 1);
  addPowerSpectrum(x, L, power);
  return inverseEvenSpectrum(power, L);
}

/**
 * Adds the power spectrum P_k = |X_k|^2, k = 0..L/2, of the real sequence x - shift (shift
 * default 0; e.g. the mean, to centre x without a copy) zero-padded to the power-of-two length
 * L >= 2 (x.length <= L) into `power` (length L/2 + 1), in **bit-reversed order**: P_k for
 * k < L/2 at power[rev(k)] (rev reverses the log2(L/2) bits of k), P_{L/2} at power[L/2]. That is
 * the order the transforms leave it in, and the order inverseEvenSpectrum reads; summing the
 * spectra of several series and inverting once gives the sum of their autocorrelations for the
 * price of one inverse transform.
 *
 * One complex FFT of length h = L/2 on z_m = x_{2m} + i x_{2m+1} (decimation in frequency: the
 * input in order, Z_k at position rev(k)), unpacked with E_k = (Z_k + conj Z_{h-k})/2 (FFT of
 * the even samples) and O_k = (Z_k - conj Z_{h-k})/(2i) (FFT of the odd samples):
 * X_k = E_k + e^{-2 pi i k/L} O_k. In bit-reversed order the partner h - k of the k at position
 * p >= 2 sits at the mirror position 3 2^j - 1 - p within p's octave [2^j, 2^{j+1}) (positions 0
 * and 1, k = 0 and h/2, are their own partners), so the unpacking reads in order too.
 * @internal
 * @example
 * const p = new Float64Array(3); addPowerSpectrum(new Float64Array([1, 2]), 4, p); // p = [9, 5, 1]
 */
export function addPowerSpectrum(x: ArrayLike<number>, L: number, power: Float64Array, shift = 0): void {
  const h = L >> 1;
  const work = scratchFor(h);
  const zr = work.re;
  const zi = work.im;
  const n = Math.min(x.length, L);
  // z_m = x_{2m} + i x_{2m+1}, then x_{n-1} alone if n is odd, then 0
  let m = 0;
  if (work.kernel !== null && x instanceof Float64Array && n >= 4) { // copied in, then split in the kernel, four values a step
    const quads = n >> 2;
    work.x!.set(x.subarray(0, 4 * quads));
    work.kernel.deinterleave(AT.x * 8 * h, AT.re * 8 * h, AT.im * 8 * h, quads, shift);
    m = 2 * quads;
  }
  for (; 2 * m + 1 < n; m++) { zr[m] = x[2 * m] - shift; zi[m] = x[2 * m + 1] - shift; }
  if (2 * m < n) { zr[m] = x[2 * m] - shift; zi[m] = 0; m++; }
  zr.fill(0, m);
  zi.fill(0, m);
  forwardScratchToReversed(work); // Z_k at position rev(k)
  reversedTurn(L);
  const cosT = reversedCos;
  const sinT = reversedSin;
  // |X_k|^2 for the k at position p, whose partner h - k is at q = partner[p], added to power[p];
  // the kernel does the positions from 2 on (the same operations), this loop the rest
  const partner = partners(h);
  const inJs = work.kernel === null ? h : Math.min(h, 2);
  for (let p = 0; p < inJs; p++) {
    const q = partner[p];
    const ar = zr[p], ai = zi[p], br = zr[q], bi = -zi[q]; // Z_k and conj Z_{h-k}
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br); // (Z_k - conj Z_{h-k}) / (2i)
    const c = cosT[p], s = -sinT[p]; // e^{-2 pi i k/L}
    const xr = er + c * or - s * oi;
    const xi = ei + c * oi + s * or;
    power[p] += xr * xr + xi * xi;
  }
  if (work.kernel !== null) {
    const unpacked = work.out!;
    work.kernel.unpack(AT.re * 8 * h, AT.im * 8 * h, h, AT.cosR * 8 * h, AT.sinR * 8 * h, AT.out * 8 * h, 0.5, -0.5);
    for (let p = inJs; p < h; p++) power[p] += unpacked[p];
  }
  // P_{L/2}: X_{h} = E_0 - O_0 (the twiddle e^{-i pi} = -1), from Z_0 at position 0
  const er = zr[0], or = zi[0]; // E_0 = Re Z_0, O_0 = Im Z_0 (both real)
  power[h] += (er - or) * (er - or);
}

/**
 * The real sequence r_t = (1/L) sum_{k<L} P_k e^{+2 pi i k t/L}, t = 0..L-1, of an even real
 * spectrum P_k, k = 0..L/2 (P_{L-k} = P_k) given in the bit-reversed order of addPowerSpectrum,
 * through one complex IFFT of length h = L/2: r_{2m} + i r_{2m+1} = IFFT_h(E'_k + i O'_k),
 * E'_k = (P_k + P_{k+h})/2, O'_k = (P_k - P_{k+h}) e^{+2 pi i k/L}/2, with P_{k+h} = P_{h-k}
 * (the mirror position; P_h itself for k = 0). The packed sequence is written in bit-reversed
 * order, which is what the decimation-in-time passes read, so nothing is permuted. Returns a new
 * array.
 * @internal
 * @example
 * inverseEvenSpectrum(Float64Array.from([9, 5, 1]), 4); // [5, 2, 0, 2] (the correlation of [1, 2, 0, 0])
 */
export function inverseEvenSpectrum(power: Float64Array, L: number): Float64Array {
  const h = L >> 1;
  const work = scratchFor(h);
  const zr = work.re;
  const zi = work.im;
  reversedTurn(L);
  // position p (k = rev(p)) and the position of h - k, as in addPowerSpectrum; k = 0 pairs with P_h
  const partner = partners(h);
  for (let p = 0; p < h; p++) {
    const pk = power[p];
    const pkh = p === 0 ? power[h] : power[partner[p]];
    const e = 0.5 * (pk + pkh);
    const d = 0.5 * (pk - pkh);
    const or = d * reversedCos[p], oi = d * reversedSin[p];
    zr[p] = e - oi; // E' + i O' = (e - Im O') + i Re O'
    zi[p] = or;
  }
  transformScratch(work, +1);
  const out = new Float64Array(L);
  for (let m = 0; m < h; m++) { out[2 * m] = zr[m] / h; out[2 * m + 1] = zi[m] / h; }
  return out;
}
