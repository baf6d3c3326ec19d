/**
 * WebAssembly SIMD gemm (lib/linalg/wasm) against the fixed naive baseline.
 * Work = 2·m·n·k flop per call (one multiply and one add per term). Inputs are uniform in
 * [-1, 1) from a fixed xorshift stream, allocated at module load, never inside `run`.
 */
import type { BenchCase } from '../harness.js';
import { createWasmGemm, wasmSimdSupported } from '../../lib/linalg/wasm/backend.js';

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

/** The fixed baseline of issue 3: for i, for j { s = 0; for p: s += A[i*K+p] * B[p*N+j]; C[i*N+j] = s }. */
function naiveGemm(c: Float32Array, a: Float32Array, b: Float32Array, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += a[i * K + p] * b[p * N + j];
      c[i * N + j] = s;
    }
  }
}

const wasm = wasmSimdSupported() ? createWasmGemm() : undefined;

/** One wasm case: op(A) is m x k, op(B) is k x n, stored transposed when asked. */
function wasmCase(name: string, m: number, n: number, k: number, transA: boolean, transB: boolean, baseline?: string): BenchCase {
  let a: Float32Array = new Float32Array(0), b = a, c = a;
  return {
    name, group: 'wasm', work: 2 * m * n * k, unit: 'flop', baseline,
    setup: () => {
      a = uniforms(m * k, 1);
      b = uniforms(k * n, 2);
      c = new Float32Array(m * n);
    },
    run: () => {
      if (!wasm) throw new Error(`${name}: this engine has no WebAssembly SIMD`);
      wasm.sgemm(transA, transB, m, n, k, 1, a, 0, transA ? m : k, b, 0, transB ? k : n, 0, c, 0, n);
    },
  };
}

function naiveCase(name: string, size: number): BenchCase {
  let a: Float32Array = new Float32Array(0), b = a, c = a;
  return {
    name, group: 'wasm', work: 2 * size ** 3, unit: 'flop',
    setup: () => {
      a = uniforms(size * size, 1);
      b = uniforms(size * size, 2);
      c = new Float32Array(size * size);
    },
    run: () => naiveGemm(c, a, b, size, size, size),
  };
}

export const cases: BenchCase[] = [
  naiveCase('wasm/naive 512', 512),
  wasmCase('wasm/gemm 512', 512, 512, 512, false, false, 'wasm/naive 512'),
  wasmCase('wasm/gemm 1024', 1024, 1024, 1024, false, false),
  // RBM shapes (batch 100, 784 visible, 500 hidden): forward X·W, gradient Xᵀ·H, back-projection H·Wᵀ.
  wasmCase('wasm/rbm 100x784·784x500', 100, 500, 784, false, false),
  wasmCase('wasm/rbm 784x100(T)·100x500', 784, 500, 100, true, false),
  wasmCase('wasm/rbm 100x500·500x784(T)', 100, 784, 500, false, true),
];
