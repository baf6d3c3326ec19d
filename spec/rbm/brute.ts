/**
 * Independent float64 references for the RBM specs (not a spec file): brute-force double sums
 * over all (x, h) written straight from the energy, with no code shared with lib/rbm.
 */
import { Rng } from '../../lib/random/index.js';

export type Units = 'bernoulli' | 'spin';

/** Plain parameters: W as rows (M x N), a, b. */
export interface Params { W: number[][]; a: number[]; b: number[]; sigma?: number[] }

/** All 2^n configurations of n units, unit 0 the most significant bit (0/1 or ±1). */
export function allStates(n: number, units: Units): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < 2 ** n; s++) {
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      const bit = Math.floor(s / 2 ** (n - 1 - i)) % 2;
      v.push(units === 'spin' ? 2 * bit - 1 : bit);
    }
    out.push(v);
  }
  return out;
}

/** −E(x, h) = aᵀx + bᵀh + xᵀWh, written as the triple sum of N-RBM-02. */
export function score(p: Params, x: number[], h: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += p.a[i] * x[i];
  for (let j = 0; j < h.length; j++) s += p.b[j] * h[j];
  for (let i = 0; i < x.length; i++) for (let j = 0; j < h.length; j++) s += x[i] * p.W[i][j] * h[j];
  return s;
}

/** log Σ exp(v) in float64 (max-shifted). */
export function logSumExp(v: number[]): number {
  const m = Math.max(...v);
  let s = 0;
  for (const x of v) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Brute log Z = log Σ_x Σ_h e^{−E(x,h)} (2^{M+N} terms). */
export function bruteLogZ(p: Params, units: Units): number {
  const M = p.a.length, N = p.b.length;
  const terms: number[] = [];
  for (const x of allStates(M, units)) for (const h of allStates(N, units)) terms.push(score(p, x, h));
  return logSumExp(terms);
}

/** Random parameters on a dyadic grid (multiples of 2^-8 in [-range, range]) so float32 storage and
 *  small dyadic perturbations are exact. */
export function dyadicParams(M: number, N: number, seed: number, range = 1.5): Params {
  const rng = new Rng(seed);
  const q = () => Math.round((2 * rng.float() - 1) * range * 256) / 256;
  return {
    W: Array.from({ length: M }, () => Array.from({ length: N }, q)),
    a: Array.from({ length: M }, q),
    b: Array.from({ length: N }, q),
  };
}

/** Largest |x_k − y_k|. */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < x.length; k++) d = Math.max(d, Math.abs(x[k] - y[k]));
  return d;
}

/** Upper 0.001 quantiles of chi-square, df 1..10 (NIST/SEMATECH e-Handbook, table 1.3.6.7.4). */
export const CHI2_999: Record<number, number> = {
  1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 6: 22.458, 7: 24.322, 8: 26.124, 9: 27.877, 10: 29.588,
};
