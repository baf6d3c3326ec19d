import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmGemm, type WasmGemm } from '../../lib/linalg/wasm/backend.js';

// Reference: naive triple loop in float64 over the same float32 inputs. Products of two float32
// values are exact in float64 (24 + 24 < 53 bits), so the reference is exact up to float64
// summation error (≤ k·2⁻⁵³·Σ|a b|, negligible next to the bound below).
//
// Bound for the float32 kernel (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
// §3.1, eq. 3.5: recursive summation of a dot product of length k, products rounded too):
//   |ĉ − c| ≤ γ_k Σ_p |a_ip b_pj|,   γ_k = k u / (1 − k u),   u = 2⁻²⁴,
// then out = fl32(alpha ĉ + beta old) adds one rounding: ≤ u |alpha ĉ + beta old|. So
//   |out − ref| ≤ |alpha| γ_k S (1 + u) + u |ref|,   S = Σ_p |a_ip b_pj|.
const u = 2 ** -24;

/** Small deterministic generator for test data (xorshift32, fixed seeds): uniform in [-1, 1). */
function uniforms(count: number, seed: number): Float32Array {
  let x = seed >>> 0 || 1;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x / 2 ** 31 - 1;
  }
  return out;
}

interface Case { m: number; n: number; k: number; transA: boolean; transB: boolean; alpha: number; beta: number; embed?: boolean }

/** Stores a rows x cols matrix at `offset` of a larger array with row stride `ld`; the rest is `fill`. */
function embed(x: Float32Array, rows: number, cols: number, offset: number, ld: number, fill: number): Float32Array {
  const out = new Float32Array(offset + rows * ld + 3).fill(fill);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[offset + i * ld + j] = x[i * cols + j];
  return out;
}

/** Runs one case through sgemm and checks every entry against the float64 reference and bound. */
function check(w: WasmGemm, c: Case, seed: number): void {
  const { m, n, k, transA, transB, alpha, beta } = c;
  const a = uniforms(m * k, seed), b = uniforms(k * n, seed + 1), old = uniforms(m * n, seed + 2);
  const lda = transA ? m : k, ldb = transB ? k : n;
  let out: Float32Array;
  if (!c.embed) {
    out = Float32Array.from(old);
    w.sgemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, out, 0, n);
  } else {
    // Operands inside larger arrays (offset, padded rows): exercises the general packing path.
    // NaN around the operands must never be read; 77 around the result must never be written.
    const aBig = embed(a, transA ? k : m, lda, 3, lda + 2, NaN);
    const bBig = embed(b, transB ? n : k, ldb, 1, ldb + 5, NaN);
    const cBig = embed(old, m, n, 2, n + 1, 77);
    w.sgemm(transA, transB, m, n, k, alpha, aBig, 3, lda + 2, bBig, 1, ldb + 5, beta, cBig, 2, n + 1);
    out = new Float32Array(m * n);
    for (let i = 0; i < cBig.length; i++) {
      const r = Math.floor((i - 2) / (n + 1)), col = (i - 2) - r * (n + 1);
      if (i >= 2 && r < m && col < n) out[r * n + col] = cBig[i];
      else assert.is(cBig[i], 77, `element ${i} outside the result block was written`);
    }
  }
  const gammaK = (k * u) / (1 - k * u);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, sAbs = 0;
      for (let p = 0; p < k; p++) {
        const x = transA ? a[p * lda + i] : a[i * lda + p];
        const y = transB ? b[j * ldb + p] : b[p * ldb + j];
        s += x * y;
        sAbs += Math.abs(x * y);
      }
      const ref = alpha * s + (beta === 0 ? 0 : beta * old[i * n + j]);
      const bound = Math.abs(alpha) * gammaK * sAbs * (1 + u) + u * Math.abs(ref);
      const err = Math.abs(out[i * n + j] - ref);
      if (!(err <= bound)) {
        assert.unreachable(`${m}x${k}·${k}x${n} transA=${transA} transB=${transB} alpha=${alpha} beta=${beta}: entry (${i},${j}) = ${out[i * n + j]}, reference ${ref}, error ${err} > bound ${bound}`);
      }
    }
  }
}

const w = createWasmGemm();
const transposes: Array<[boolean, boolean]> = [[false, false], [false, true], [true, false], [true, true]];

test('odd shapes, all four transposes, against the float64 reference within the float32 bound', () => {
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1], [1, 17, 9], [19, 1, 7], [1, 1, 300], [37, 29, 53], [3, 5, 2], [4, 8, 1], [9, 23, 64],
  ];
  let seed = 11;
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of transposes) check(w, { m, n, k, transA, transB, alpha: 1, beta: 0 }, seed += 7);
  }
});

test('k, m and n larger than the cache blocks (small blocks force every remainder path)', () => {
  // kc = 8, mc = 8, nc = 16: 37x29x53 needs 7 k-blocks (last of 5), 10 m-panels in 2 m-blocks, 4 n-panels in 2 n-blocks.
  const small = createWasmGemm({ kc: 8, mc: 8, nc: 16 });
  let seed = 101;
  for (const [transA, transB] of transposes) check(small, { m: 37, n: 29, k: 53, transA, transB, alpha: 1, beta: 0 }, seed += 7);
  // Default blocking (kc = 256): k = 600 spans three k-blocks.
  for (const [transA, transB] of transposes) check(w, { m: 13, n: 21, k: 600, transA, transB, alpha: 1, beta: 0 }, seed += 7);
});

test('operands at offsets with padded rows (general packing path), all transposes', () => {
  let seed = 501;
  for (const [m, n, k] of [[37, 29, 53], [8, 16, 5], [3, 2, 4]] as Array<[number, number, number]>) {
    for (const [transA, transB] of transposes) {
      check(w, { m, n, k, transA, transB, alpha: 1, beta: 0, embed: true }, seed += 7);
      check(w, { m, n, k, transA, transB, alpha: 0.5, beta: 2, embed: true }, seed += 7);
    }
  }
});

test('alpha and beta scale the product and the old out', () => {
  let seed = 201;
  for (const [transA, transB] of transposes) {
    check(w, { m: 6, n: 11, k: 13, transA, transB, alpha: -0.5, beta: 0.25 }, seed += 7);
    check(w, { m: 6, n: 11, k: 13, transA, transB, alpha: 3, beta: -1 }, seed += 7);
  }
});

test('beta = 0 ignores NaN in out; k = 0 gives beta·out', () => {
  const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
  const b = new Float32Array([1, 0, 0, 1, 1, 1]); // 3x2
  const out = new Float32Array([NaN, NaN, NaN, NaN]);
  w.sgemm(false, false, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, out, 0, 2);
  // [1 2 3; 4 5 6]·[1 0; 0 1; 1 1] = [4 5; 10 11] (exact small integers)
  assert.equal(Array.from(out), [4, 5, 10, 11]);
  const c = new Float32Array([1, -2, 3, 4]);
  w.sgemm(false, false, 2, 2, 0, 1, new Float32Array(0), 0, 1, new Float32Array(0), 0, 2, 0.5, c, 0, 2);
  assert.equal(Array.from(c), [0.5, -1, 1.5, 2]);
  const d = new Float32Array([NaN, 1]);
  w.sgemm(false, false, 1, 2, 0, 1, new Float32Array(0), 0, 1, new Float32Array(0), 0, 2, 0, d, 0, 2);
  assert.equal(Array.from(d), [0, 0]);
});

test('offsets and leading dimensions: only the m x n block of c is written', () => {
  // A is the 2x2 block at offset 1 of a 3-wide storage; B^T likewise; c is a 2x2 block in a 2x4 array.
  const a = new Float32Array([9, 1, 2, 9, 3, 4, 9]);     // rows [1 2], [3 4] (lda 3, offset 1)
  const bT = new Float32Array([-3, -3, 5, 6, -3, 7, 8, -3]); // stored rows [5 6], [7 8] (ldb 3, offset 2) = columns of B
  const c = new Float32Array([-1, 100, 100, -1, -1, 100, 100, -1]);
  w.sgemm(false, true, 2, 2, 2, 1, a, 1, 3, bT, 2, 3, 1, c, 1, 4);
  // A·Bᵀ with Bᵀ rows (5,6), (7,8): [1·5+2·6, 1·7+2·8; 3·5+4·6, 3·7+4·8] = [17 23; 39 53], plus old 100s.
  assert.equal(Array.from(c), [-1, 117, 123, -1, -1, 139, 153, -1]);
});

test('memory grows only for a larger call, and results stay right across growth', () => {
  const g = createWasmGemm();
  const before = g.memoryBytes;
  check(g, { m: 5, n: 7, k: 3, transA: false, transB: false, alpha: 1, beta: 0 }, 301);
  assert.is(g.memoryBytes, before, 'a small call fits in the first page');
  check(g, { m: 120, n: 90, k: 150, transA: false, transB: true, alpha: 1, beta: 0 }, 302);
  const grown = g.memoryBytes;
  assert.ok(grown > before);
  // Packed A + packed B + C + scratch for one raw operand:
  // 4 bytes · (120·150 + 150·96 + 120·96 + max(120·150, 150·90)) = 247680 bytes -> 4 pages of 64 KiB.
  assert.is(grown, 4 * 65536);
  check(g, { m: 5, n: 7, k: 3, transA: true, transB: false, alpha: 1, beta: 0 }, 303);
  check(g, { m: 100, n: 90, k: 150, transA: true, transB: true, alpha: 1, beta: 0 }, 304);
  assert.is(g.memoryBytes, grown, 'no growth for calls that fit');
});

test('c may overlap an input: inputs are packed before c is written', () => {
  const x = new Float32Array([1, 2, 3, 4]); // 2x2
  w.sgemm(false, false, 2, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2);
  assert.equal(Array.from(x), [7, 10, 15, 22]); // [1 2; 3 4]^2
});

test('createWasmGemm checks its blocking options (sgemm trusts its arguments: gemm checks them)', () => {
  assert.throws(() => createWasmGemm({ nc: 12 }),
    (e: Error) => e instanceof RangeError && e.message === 'createWasmGemm: nc must be a positive multiple of 8, got 12');
  assert.throws(() => createWasmGemm({ mc: 0 }), /createWasmGemm: mc must be a positive multiple of 4, got 0/);
});

test.run();
