/**
 * Public sigmoid / exp / addRowVector dispatch by backend: on 'wasm' float32 arrays of 16 or more
 * go to the SIMD kernels, on 'ts' (and for shorter arrays) to the TypeScript loops. The dispatched
 * results must equal the chosen kernel's output bit for bit, and both must stay within their
 * proved bounds against float64 Math (ts: 2^-24 + 2^-26 relative, docs/linalg.md; wasm: 2^-21,
 * exhaustive over all float32 inputs, spec/exhaustive/wasm-exp-all.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addRowVector, availableBackends, exp, matrix, setBackend, sigmoid } from '../../lib/linalg/index.js';
import { wasmExp, wasmSigmoid } from '../../lib/linalg/wasm/elementwise.js';

const xs = new Float32Array(4099);
for (let i = 0; i < xs.length; i++) xs[i] = Math.fround(-90 + (180 * i) / (xs.length - 1));

function maxRelError(got: Float32Array, ref: (x: number) => number): number {
  let worst = 0;
  for (let i = 0; i < xs.length; i++) {
    const r = ref(xs[i]);
    // results that overflow float32 (Infinity is right there) or are subnormal are checked elsewhere
    if (!Number.isFinite(Math.fround(r)) || r < 2 ** -126) continue;
    worst = Math.max(worst, Math.abs(got[i] - r) / r);
  }
  return worst;
}

const sigmoid64 = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

test('on ts: sigmoid and exp within 2^-24 + 2^-26 of float64', () => {
  setBackend('ts');
  const bound = 2 ** -24 + 2 ** -26;
  assert.ok(maxRelError(sigmoid(new Float32Array(xs.length), xs), sigmoid64) <= bound);
  assert.ok(maxRelError(exp(new Float32Array(xs.length), xs), Math.exp) <= bound);
});

test('on wasm: sigmoid and exp are the SIMD kernels (same bits), within 2^-21 of float64', () => {
  if (!availableBackends().includes('wasm')) return;
  setBackend('wasm');
  const s = sigmoid(new Float32Array(xs.length), xs);
  const e = exp(new Float32Array(xs.length), xs);
  assert.equal(s, wasmSigmoid(new Float32Array(xs.length), xs));
  assert.equal(e, wasmExp(new Float32Array(xs.length), xs));
  assert.ok(maxRelError(s, sigmoid64) <= 2 ** -21);
  assert.ok(maxRelError(e, Math.exp) <= 2 ** -21);
});

test('addRowVector gives the same bits on both backends (one float32 addition per entry)', () => {
  const rows = 70, cols = 33;
  const a = matrix(rows, cols), v = new Float32Array(cols);
  for (let i = 0; i < a.data.length; i++) a.data[i] = Math.fround(Math.sin(i) * 10);
  for (let j = 0; j < cols; j++) v[j] = Math.fround(Math.cos(j) / 3);
  const results = availableBackends().map((b) => { setBackend(b); return addRowVector(matrix(rows, cols), a, v).data; });
  for (const r of results) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) assert.is(r[i * cols + j], Math.fround(a.data[i * cols + j] + v[j]));
  }
});

test('restore the default backend', () => {
  setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts');
});

test.run();
