/**
 * Inputs for the gemm specs (not a spec file): deterministic float32 values in [-1, 1) with
 * varied magnitudes (every 7th entry scaled by 1e-3), from a 32-bit LCG; statistics irrelevant.
 */
import { zeros, type Matrix } from '../../lib/linalg/index.js';

export function filled(rows: number, cols: number, seed: number): Matrix {
  const m = zeros(rows, cols);
  let x = seed >>> 0;
  for (let i = 0; i < m.data.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const v = x / 2 ** 31 - 1;
    m.data[i] = i % 7 === 3 ? v * 1e-3 : v; // some small entries, so magnitudes vary
  }
  return m;
}
