/**
 * Elementwise kernels over 1e7 float32 numbers, with the obvious Math.exp sigmoid loop as the
 * baseline so the fast exp's speed-up prints. Inputs are 4 * N(0, 1) like the numpy peer script
 * (bench/peers/numpy_bench.py), drawn once at module load from a fixed-seed generator below
 * (Box–Muller over a 32-bit LCG: benchmark data, not a statistics-grade sampler).
 */
import type { BenchCase } from '../harness.js';
import { exp, sigmoid, softplus, tanh } from '../../lib/linalg/elementwise.js';
import { availableBackends, setBackend, type BackendName } from '../../lib/linalg/backend.js';

const N = 1e7;
let x = new Float32Array(0);
let out = new Float32Array(0);

function setup(): void {
  if (x.length === N) return;
  x = new Float32Array(N);
  out = new Float32Array(N);
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
  for (let i = 0; i < N; i++) x[i] = 4 * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
}

/** The loop a user would write first: one Math.exp per element. */
function sigmoidMathExp(o: Float32Array, v: Float32Array): void {
  const n = v.length;
  for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-v[i]));
}

// sigmoid and exp dispatch by backend ('wasm': SIMD kernels; 'ts': the polynomial exp in
// TypeScript), so each is measured on both; softplus and tanh are TypeScript on every backend.
const perBackend = (backend: BackendName, f: (o: Float32Array, v: Float32Array) => Float32Array) =>
  () => { setBackend(backend); f(out, x); };

export const cases: BenchCase[] = [
  { name: 'elementwise/sigmoid 1e7 Math.exp', group: 'elementwise', work: N, unit: 'numbers', setup, run: () => sigmoidMathExp(out, x) },
  ...availableBackends().map((b): BenchCase => ({
    name: `elementwise/sigmoid 1e7 (${b})`, group: 'elementwise', work: N, unit: 'numbers', setup,
    run: perBackend(b, sigmoid), baseline: 'elementwise/sigmoid 1e7 Math.exp',
  })),
  ...availableBackends().map((b): BenchCase => ({
    name: `elementwise/exp 1e7 (${b})`, group: 'elementwise', work: N, unit: 'numbers', setup, run: perBackend(b, exp),
  })),
  { name: 'elementwise/softplus 1e7', group: 'elementwise', work: N, unit: 'numbers', setup, run: () => { softplus(out, x); } },
  { name: 'elementwise/tanh 1e7', group: 'elementwise', work: N, unit: 'numbers', setup, run: () => { tanh(out, x); } },
];
