/**
 * Eigenvalues and the stationary distribution of a transition matrix (notes 000, "Understanding
 * the basics"). Uses the general real eigenvalue solver and LU solve of lib/linalg.
 */
import { eigenvalues, solve, matrix64, type EigenvaluesResult, type Matrix64 } from '../linalg/index.js';
import { checkColumnStochastic, STOCHASTIC_TOLERANCE } from './balance.js';
import { checkOptionKeys } from '../checks/index.js';

/**
 * All eigenvalues of a transition matrix W (eigenvalue k is re[k] + i im[k]), sorted by
 * descending modulus with ties broken by larger real part, so for a stochastic matrix
 * lambda_0 = 1 comes first (before -1 for a periodic chain). W must pass
 * {@link assertColumnStochastic}. Uses `eigenvalues` of lib/linalg (balancing, Hessenberg
 * reduction, Francis double-shift QR); accuracy about eps ||W|| for well-conditioned
 * eigenvalues.
 *
 * N-MC-05  p(t) = sum_i lambda_i^t alpha_i v_i: the eigenvalues set how fast each part of
 * p(0) decays; every |lambda_i| <= 1, and convergence to pi needs |lambda_i| < 1 for i != 0.
 *
 * It is called `transitionEigenvalues`, not `eigenvalues`: the package root already
 * exports lib/linalg's general `eigenvalues(A)` (no stochasticity check), and one name cannot
 * mean both.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * transitionEigenvalues(W).re; // [1, 0.5, 0] (to round-off), im all 0
 */
export function transitionEigenvalues(W: Matrix64): EigenvaluesResult {
  checkColumnStochastic('transitionEigenvalues', 'W', W, STOCHASTIC_TOLERANCE);
  return eigenvalues(W);
}

/** Options of {@link stationaryDistribution}. */
export interface StationaryOptions {
  /**
   * 'solve' (default): one linear solve, for n up to a few hundred states. 'power': power
   * iteration on the lazy chain (I + W)/2, for large or sparse-ish chains.
   */
  method?: 'solve' | 'power';
  /** 'power' only: stop when max_i |p_i(t+1) - p_i(t)| <= tol. Default 1e-15. */
  tol?: number;
  /** 'power' only: iterations before an error. Default 1e6. */
  maxIterations?: number;
}

/**
 * The stationary distribution pi of a transition matrix: W pi = pi, sum_i pi_i = 1.
 *
 * N-MC-05  pi is the eigenvector of eigenvalue 1, scaled to sum 1 (notes 000 "Understanding the
 * basics"). Erratum E-08: the notes expand "w(0)" (meaning p(0)) and speak of the "largest
 * eigenvector" (meaning the eigenvector of the largest eigenvalue, lambda_0 = 1); p(t) only
 * converges to pi when every other |lambda_i| < 1 (not so for a periodic chain, N-MC-01).
 *
 * method 'solve' (default): the eigenvalues of W (lib/linalg `eigenvalues`) are computed
 * first; if 1 is not a simple eigenvalue (more than one eigenvalue within 1e-8 of 1: the chain
 * is reducible and pi is not unique) a RangeError says so. Otherwise pi is the null vector of
 * (W - I): the rows of W - I sum to the zero row, so one of them (the last) is redundant and
 * is replaced by the normalization row (1, ..., 1); the resulting nonsingular system
 * [W - I with last row := 1] pi = e_{n-1} is solved by LU with partial pivoting. Accurate to
 * about eps times the condition of that system. Cost O(n^3).
 *
 * method 'power': iterates p <- (p + W p)/2 from the uniform distribution. The lazy chain
 * (I + W)/2 has the same pi and no eigenvalue -1, so a periodic chain (even ring) converges
 * too; the rate is the second-largest |(1 + lambda)/2|. Throws after maxIterations. It does
 * not detect a reducible chain: it returns the limit reached from the uniform start, one of
 * the many stationary distributions (use 'solve' to be told).
 *
 * Entries of pi that are zero in exact arithmetic (transient states) may come out as
 * round-off of either sign; they are not clamped.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * stationaryDistribution(W); // Float64Array [0.25, 0.5, 0.25]
 */
export function stationaryDistribution(W: Matrix64, options: StationaryOptions = {}): Float64Array {
  const fn = 'stationaryDistribution';
  checkOptionKeys(fn, options, ['method', 'tol', 'maxIterations']);
  checkColumnStochastic(fn, 'W', W, STOCHASTIC_TOLERANCE);
  const method = options.method ?? 'solve';
  if (method === 'power') return stationaryByPowerIteration(W, options);
  if (method !== 'solve') throw new RangeError(`${fn}: method must be 'solve' or 'power', got ${JSON.stringify(method)}`);
  const n = W.rows;
  const { re, im } = eigenvalues(W);
  let nearOne = 0;
  for (let k = 0; k < n; k++) if (Math.hypot(re[k] - 1, im[k]) <= 1e-8) nearOne++;
  if (nearOne !== 1) {
    throw new RangeError(`${fn}: eigenvalue 1 of W has multiplicity ${nearOne} (eigenvalues within 1e-8 of 1), so the chain is reducible and its stationary distribution is not unique`);
  }
  // (W - I) with its last row replaced by ones; right-hand side e_{n-1}.
  const B = matrix64(n, n, W.data.slice());
  for (let i = 0; i < n; i++) B.data[i * n + i] -= 1;
  for (let j = 0; j < n; j++) B.data[(n - 1) * n + j] = 1;
  const rhs = new Float64Array(n);
  rhs[n - 1] = 1;
  return solve(B, rhs);
}

/** Power iteration on the lazy chain (I + W)/2 (see stationaryDistribution). */
function stationaryByPowerIteration(W: Matrix64, options: StationaryOptions): Float64Array {
  const fn = 'stationaryDistribution';
  const tol = options.tol ?? 1e-15;
  const maxIterations = options.maxIterations ?? 1_000_000;
  if (typeof tol !== 'number' || !(tol > 0) || !Number.isFinite(tol)) throw new RangeError(`${fn}: tol must be a positive finite number, got ${tol}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`${fn}: maxIterations must be a positive integer, got ${maxIterations}`);
  const n = W.rows;
  const w = W.data;
  let p = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let it = 1; it <= maxIterations; it++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += w[i * n + j] * p[j];
      next[i] = 0.5 * (p[i] + sum); // lazy chain: p <- (I + W) p / 2
      change = Math.max(change, Math.abs(next[i] - p[i]));
    }
    const tmp = p; p = next; next = tmp;
    if (change <= tol) return p;
  }
  throw new RangeError(`${fn}: power iteration did not settle to tol = ${tol} within maxIterations = ${maxIterations} (the chain mixes slowly or is reducible; try method 'solve')`);
}
