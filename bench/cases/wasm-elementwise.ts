/**
 * WebAssembly SIMD elementwise kernels (lib/linalg/wasm/elementwise.ts) over 1e7 float32, with the
 * loop a user writes first, 1/(1+Math.exp(-x)), as the sigmoid baseline so the speed-up prints.
 * Inputs: x = 4·N(0, 1) like the numpy peer script (bench/peers/numpy_bench.py) and the pure-TS
 * case (bench/cases/elementwise.ts) and a row vector in [−0.5, 0.5); all drawn once at module
 * load from fixed-seed generators below (benchmark data, not a statistics-grade sampler).
 * Each call copies its inputs into wasm memory and the result out: that is included in the time.
 */
import type { BenchCase } from '../harness.js';
import { wasmSimdSupported } from '../../lib/linalg/wasm/backend.js';
import { createWasmElementwise, type WasmElementwise } from '../../lib/linalg/wasm/elementwise.js';

const N = 1e7;
const ROWS = 1e4, COLS = 1e3;
let x = new Float32Array(0), out = x, v = x;
let k: WasmElementwise | undefined;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
}

function setup(): void {
  if (x.length === N) return;
  k = createWasmElementwise();
  x = new Float32Array(N); out = new Float32Array(N);
  v = new Float32Array(COLS);
  const next = lcg(12345);
  for (let i = 0; i < N; i++) x[i] = 4 * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  const next2 = lcg(777);
  for (let j = 0; j < COLS; j++) v[j] = next2() - 0.5;
}

/** The loop a user would write first: one Math.exp per element. */
function sigmoidMathExp(o: Float32Array, w: Float32Array): void {
  const n = w.length;
  for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-w[i]));
}

const group = 'wasm-elementwise';
export const cases: BenchCase[] = wasmSimdSupported() ? [
  { name: 'wasm/sigmoid baseline Math.exp 1e7', group, work: N, unit: 'numbers', setup, run: () => sigmoidMathExp(out, x) },
  { name: 'wasm/sigmoid 1e7', group, work: N, unit: 'numbers', setup, run: () => { k!.sigmoid(out, x); }, baseline: 'wasm/sigmoid baseline Math.exp 1e7' },
  { name: 'wasm/exp 1e7', group, work: N, unit: 'numbers', setup, run: () => { k!.exp(out, x); } },
  // out = x (first 1e7 floats) + v per row: 1e4 rows x 1e3 columns.
  { name: 'wasm/addRowVector 1e4x1e3', group, work: ROWS * COLS, unit: 'numbers', setup, run: () => { k!.addRowVector(out, x, v, ROWS, COLS); } },
] : [];
