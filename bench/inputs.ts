/**
 * Shared by the gemm benchmarks and the tour's speed row: the fixed naive baseline
 * and deterministic inputs (no Rng: benchmark inputs need no statistics).
 */
import type { Matrix } from '../lib/linalg/index.js';

/**
 * The fixed baseline: naive i-j-p over row-major Float32Array, C = A B
 * (A is M x K, B is K x N): `for i, for j { s = 0; for p: s += A[i*K+p] * B[p*N+j]; C[i*N+j] = s }`.
 */
export function naiveGemm(C: Float32Array, A: Float32Array, B: Float32Array, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += A[i * K + p] * B[p * N + j];
      C[i * N + j] = s;
    }
  }
}

/** Fills m with deterministic values in [-1, 1) from a 32-bit LCG started at `seed`; returns m. */
export function fillLcg(m: Matrix, seed: number): Matrix {
  let x = seed >>> 0;
  for (let i = 0; i < m.data.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    m.data[i] = x / 2 ** 31 - 1;
  }
  return m;
}
