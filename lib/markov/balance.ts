/**
 * Normalization checks, balance and detailed-balance residuals, and the Metropolis chain built
 * from a proposal matrix (notes 000, "Markov processes, the probabilities", "Ergodicity and
 * Detailed balance", "More on the Metropolis" ... "More on Detailed Balance").
 *
 * Layout as everywhere in lib/markov: `W.data[i * n + j] = W(j -> i)`, columns sum to 1. A
 * proposal T and an acceptance matrix A use the same layout: `T.data[j * n + i] = T(i -> j)`,
 * `A.data[j * n + i] = A(i -> j)`. In the code below `s` is the state moved from (source) and
 * `d` the state moved to (destination), so T(s -> d) is `T.data[d * n + s]`.
 */
import { zeros64, type Matrix64 } from '../linalg/index.js';
import { checkSquareMatrix64, checkTolerance, checkVector64, describe } from './checks.js';

/** Default tolerance of {@link assertColumnStochastic} and {@link assertDistribution}. */
export const STOCHASTIC_TOLERANCE = 1e-12;

/**
 * Throws unless W is a transition matrix: square, finite, every entry in [-tol, 1 + tol] and
 * every column summing to 1 within tol. Nothing is renormalized: a bad column is reported
 * with its index and its sum, e.g.
 * `assertColumnStochastic: column 2 of W sums to 0.5, not 1 (tol 1e-12) ...`.
 *
 * N-MC-03  sum_i W(j -> i) = 1 for every j,  0 <= W_ij <= 1.
 * Erratum E-07: the notes print sum_j W(j -> i) = 1 "for all j"; the sum runs over the
 * destination i (each column of our layout sums to 1). That is what is checked here.
 *
 * The default tol = 1e-12 allows the rounding of sums of up to ~1000 float64 entries.
 *
 * @example
 * assertColumnStochastic(matrix64(2, 2, [0.5, 1, 0.5, 0])); // ok: columns (0.5, 0.5) and (1, 0)
 * assertColumnStochastic(matrix64(2, 2, [0.5, 0.5, 0.5, 0.5])); // ok (each column sums to 1)
 * try { assertColumnStochastic(matrix64(2, 2, [0.5, 0, 0, 1])); } catch (e) { console.log((e as Error).message); }
 * // column 0 of W sums to 0.5, not 1 ...
 */
export function assertColumnStochastic(W: Matrix64, tol: number = STOCHASTIC_TOLERANCE): void {
  checkColumnStochastic('assertColumnStochastic', 'W', W, tol);
}

/**
 * The check behind {@link assertColumnStochastic}, with the caller's function and argument
 * names for the message. Internal (not re-exported by lib/markov/index.ts).
 * @internal
 * @example
 * const T = matrix64(2, 2, [0.9, 0.2, 0.1, 0.8]); // columns (0.9, 0.1) and (0.2, 0.8)
 * checkColumnStochastic('metropolisMatrix', 'T', T, 1e-12); // passes
 */
export function checkColumnStochastic(fn: string, what: string, W: Matrix64, tol: number): void {
  checkTolerance(fn, tol);
  const n = checkSquareMatrix64(fn, what, W);
  const w = W.data;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = w[i * n + j];
      if (x < -tol || x > 1 + tol) {
        throw new RangeError(`${fn}: ${what}(${j} -> ${i}) = ${what}[${i}][${j}] = ${x} is not a probability in [0, 1] (tol ${tol})`);
      }
      sum += x;
    }
    if (!(Math.abs(sum - 1) <= tol)) {
      throw new RangeError(`${fn}: column ${j} of ${what} sums to ${sum}, not 1 (tol ${tol}); layout: ${what}[i][j] = ${what}(j -> i), each column is the move distribution out of state j`);
    }
  }
}

/**
 * Throws unless p is a probability vector: a finite Float64Array, entries in [-tol, 1 + tol]
 * and sum 1 within tol. The message names the offending entry or the sum; nothing is
 * renormalized.
 *
 * N-MC-03  sum_i p_i(t) = 1,  0 <= p_i <= 1.
 *
 * @example
 * assertDistribution(new Float64Array([0.25, 0.5, 0.25])); // ok
 * try { assertDistribution(new Float64Array([0.5, 0.6])); } catch (e) { console.log((e as Error).message); }
 * // p sums to 1.1, not 1 ...
 */
export function assertDistribution(p: Float64Array, tol: number = STOCHASTIC_TOLERANCE): void {
  const fn = 'assertDistribution';
  const what = 'p';
  checkTolerance(fn, tol);
  if (!(p instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array, got ${describe(p)}`);
  if (p.length < 1) throw new RangeError(`${fn}: ${what} must have at least one entry, got length 0`);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    if (!Number.isFinite(x) || x < -tol || x > 1 + tol) {
      throw new RangeError(`${fn}: ${what}[${i}] = ${x} is not a probability in [0, 1] (tol ${tol})`);
    }
    sum += x;
  }
  if (!(Math.abs(sum - 1) <= tol)) throw new RangeError(`${fn}: ${what} sums to ${sum}, not 1 (tol ${tol})`);
}

/**
 * Stationarity (global balance) residual of a chain W at a distribution pi:
 * r_bal = max_i | sum_j W(j -> i) pi_j - pi_i |, i.e. max |W pi - pi|. Zero when pi is a fixed
 * point of W.
 *
 * N-MC-06  r_bal (notes 000 "Ergodicity and Detailed balance");
 * N-MH-04  balance, eq. (4): sum_j [p_j T(j->i) A(j->i) - p_i T(i->j) A(i->j)] = 0, which for
 *          W = metropolisMatrix(p, T) is exactly (W p - p)_i = 0.
 *
 * Only shapes and finiteness are checked (the residual is how you test a chain).
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * balanceResidual(W, new Float64Array([0.25, 0.5, 0.25])); // 0
 */
export function balanceResidual(W: Matrix64, pi: Float64Array): number {
  const n = checkSquareMatrix64('balanceResidual', 'W', W);
  checkVector64('balanceResidual', 'pi', pi, n);
  const w = W.data;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let inflow = 0;
    for (let j = 0; j < n; j++) inflow += w[i * n + j] * pi[j];
    worst = Math.max(worst, Math.abs(inflow - pi[i]));
  }
  return worst;
}

/**
 * Detailed-balance residual of a chain W at pi:
 * r_db = max_{i,j} | W(j -> i) pi_j - W(i -> j) pi_i |, the largest net probability flow
 * between a pair of states. Zero means every pair of flows cancels separately (detailed
 * balance), which implies balance (r_bal = 0) but not conversely.
 *
 * N-MC-06  r_db;  N-MH-05  detailed balance, eq. (5): A(j->i)/A(i->j) = p_i T(i->j) / (p_j T(j->i)),
 * i.e. p_j W(j->i) = p_i W(i->j) for every pair (notes 000 "Detailed Balance").
 *
 * @example
 * // 3-cycle 0 -> 1 -> 2 -> 0 with probability 1/2, stay with 1/2: balanced but not reversible
 * const C = matrix64(3, 3, [0.5, 0, 0.5, 0.5, 0.5, 0, 0, 0.5, 0.5]);
 * detailedBalanceResidual(C, new Float64Array([1 / 3, 1 / 3, 1 / 3])); // 1/6
 */
export function detailedBalanceResidual(W: Matrix64, pi: Float64Array): number {
  const n = checkSquareMatrix64('detailedBalanceResidual', 'W', W);
  checkVector64('detailedBalanceResidual', 'pi', pi, n);
  const w = W.data;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const flowJtoI = w[i * n + j] * pi[j];
      const flowItoJ = w[j * n + i] * pi[i];
      worst = Math.max(worst, Math.abs(flowJtoI - flowItoJ));
    }
  }
  return worst;
}

/**
 * The Metropolis–Hastings acceptance matrix for target weights p and proposal T, in the
 * proposal's layout (`A.data[d * n + s] = A(s -> d)`):
 * A(s -> d) = min(1, p_d T(d -> s) / (p_s T(s -> d)))   (eq. 6, notes 000 "More on Detailed Balance").
 *
 * p are non-negative finite weights with a positive sum; they need not be normalized (only
 * ratios enter). Where the denominator p_s T(s -> d) is 0 the entry is set to 1 (the move is
 * never proposed, or leaves a state of weight 0). T must pass {@link assertColumnStochastic}.
 * The diagonal is 1 (a proposal to stay is always "accepted").
 *
 * @example
 * const T = matrix64(2, 2, [0.5, 0.5, 0.5, 0.5]);
 * const A = metropolisAcceptance(new Float64Array([1, 3]), T);
 * A.data[1 * 2 + 0]; // A(0 -> 1) = min(1, 3/1) = 1
 * A.data[0 * 2 + 1]; // A(1 -> 0) = min(1, 1/3) = 0.333...
 */
export function metropolisAcceptance(p: Float64Array, T: Matrix64): Matrix64 {
  const n = checkProposalAndWeights('metropolisAcceptance', p, T);
  const t = T.data;
  const A = zeros64(n, n);
  for (let s = 0; s < n; s++) {
    for (let d = 0; d < n; d++) {
      const forward = p[s] * t[d * n + s]; // p_s T(s -> d)
      const reverse = p[d] * t[s * n + d]; // p_d T(d -> s)
      A.data[d * n + s] = d === s || forward === 0 ? 1 : Math.min(1, reverse / forward);
    }
  }
  return A;
}

/**
 * The full Metropolis–Hastings transition matrix for target weights p and proposal T, in the
 * column-stochastic layout (`W.data[d * n + s] = W(s -> d)`):
 * - off the diagonal, the move is proposed and accepted: W(s -> d) = T(s -> d) A(s -> d);
 * - on the diagonal, the chain stays when it proposes to stay or a move is rejected:
 *   W(s -> s) = T(s -> s) + sum_{d != s} T(s -> d) (1 - A(s -> d)).
 * A is the acceptance of eq. (6) ({@link metropolisAcceptance}). The result has p / sum(p) as
 * a stationary distribution and satisfies detailed balance with it.
 *
 * N-MH-01  W(i -> j) = A(i -> j) T(i -> j)  (for i != j);
 * N-MH-02  eq. (2): p_i^(n) = sum_j [p_j^(n-1) T(j->i) A(j->i) + p_i^(n-1) T(i->j) (1 - A(i->j))]
 *          is exactly p^(n) = W p^(n-1) with this W.
 *
 * @example
 * // 5-ring, propose each neighbour with 1/2, target p ~ (1, 2, 3, 4, 5)
 * const W = metropolisMatrix(new Float64Array([1, 2, 3, 4, 5]), randomWalkMatrix(5, 'periodic'));
 * balanceResidual(W, new Float64Array([1, 2, 3, 4, 5].map((x) => x / 15))); // ~1e-17
 */
export function metropolisMatrix(p: Float64Array, T: Matrix64): Matrix64 {
  const n = checkProposalAndWeights('metropolisMatrix', p, T);
  const A = metropolisAcceptance(p, T).data;
  const t = T.data;
  const W = zeros64(n, n);
  const w = W.data;
  for (let s = 0; s < n; s++) {
    let stay = t[s * n + s]; // T(s -> s)
    for (let d = 0; d < n; d++) {
      if (d === s) continue;
      const propose = t[d * n + s];     // T(s -> d)
      const accept = A[d * n + s];      // A(s -> d)
      w[d * n + s] = propose * accept;  // accepted move s -> d
      stay += propose * (1 - accept);   // rejected move: the chain repeats s
    }
    w[s * n + s] = stay;
  }
  return W;
}

/** Form of {@link masterEquationStep}: the notes' eq. (2) or eq. (3). */
export type MasterEquationForm = 'eq2' | 'eq3';

/**
 * One step of the Metropolis master equation for the distribution p^(n-1) -> p^(n) (written
 * into `out`), with proposal T and acceptance A (both in the proposal layout, T column-
 * stochastic, A entries in [0, 1]). Two algebraically equal forms:
 *
 * N-MH-02  eq. (2) (`form = 'eq2'`): inflow by accepted moves plus staying by rejected moves,
 *   p_i^(n) = sum_j [ p_j^(n-1) T(j->i) A(j->i) + p_i^(n-1) T(i->j) (1 - A(i->j)) ];
 * N-MH-03  eq. (3) (`form = 'eq3'`, default), using sum_j T(i->j) = 1: old value plus net flow,
 *   p_i^(n) = p_i^(n-1) + sum_j [ p_j^(n-1) T(j->i) A(j->i) - p_i^(n-1) T(i->j) A(i->j) ].
 *
 * Both sums run over all j including j = i, as printed (the j = i terms give p_i T(i->i) in
 * eq. (2) and cancel in eq. (3)). `out` must not be `pPrev`. Returns `out`.
 *
 * @example
 * const p = new Float64Array([1, 2, 3, 4, 5]);
 * const T = randomWalkMatrix(5, 'periodic');
 * const next = masterEquationStep(new Float64Array(5), new Float64Array([1, 0, 0, 0, 0]), T, metropolisAcceptance(p, T));
 * // equals evolve(out, metropolisMatrix(p, T), [1, 0, 0, 0, 0])
 */
export function masterEquationStep(out: Float64Array, pPrev: Float64Array, T: Matrix64, A: Matrix64, form: MasterEquationForm = 'eq3'): Float64Array {
  const fn = 'masterEquationStep';
  checkColumnStochastic(fn, 'T', T, STOCHASTIC_TOLERANCE);
  const n = T.rows;
  const nA = checkSquareMatrix64(fn, 'A', A);
  if (nA !== n) throw new RangeError(`${fn}: A is ${A.rows}x${A.cols} but T is ${n}x${n}`);
  for (let k = 0; k < n * n; k++) {
    const a = A.data[k];
    if (a < 0 || a > 1) throw new RangeError(`${fn}: A[${Math.floor(k / n)}][${k % n}] = ${a} is not an acceptance probability in [0, 1]`);
  }
  checkVector64(fn, 'pPrev', pPrev, n);
  if (!(out instanceof Float64Array)) throw new TypeError(`${fn}: out must be a Float64Array, got ${describe(out)}`);
  if (out.length !== n) throw new RangeError(`${fn}: out has length ${out.length} but T is ${n}x${n}`);
  if (out === pPrev) throw new RangeError(`${fn}: out must not be the same array as pPrev`);
  if (form !== 'eq2' && form !== 'eq3') throw new RangeError(`${fn}: form must be 'eq2' or 'eq3', got ${JSON.stringify(form)}`);
  const t = T.data;
  const a = A.data;
  for (let i = 0; i < n; i++) {
    let sum = form === 'eq3' ? pPrev[i] : 0;
    for (let j = 0; j < n; j++) {
      const inflow = pPrev[j] * t[i * n + j] * a[i * n + j];  // p_j T(j->i) A(j->i)
      if (form === 'eq2') {
        sum += inflow + pPrev[i] * t[j * n + i] * (1 - a[j * n + i]); // + p_i T(i->j) (1 - A(i->j))
      } else {
        sum += inflow - pPrev[i] * t[j * n + i] * a[j * n + i];       // - p_i T(i->j) A(i->j)
      }
    }
    out[i] = sum;
  }
  return out;
}

/** Checks T (column-stochastic) and the target weights p (finite, >= 0, positive sum); returns n. */
function checkProposalAndWeights(fn: string, p: Float64Array, T: Matrix64): number {
  checkColumnStochastic(fn, 'T', T, STOCHASTIC_TOLERANCE);
  const n = T.rows;
  checkVector64(fn, 'p', p, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (p[i] < 0) throw new RangeError(`${fn}: p[${i}] = ${p[i]} is negative; target weights must be >= 0`);
    total += p[i];
  }
  if (!(total > 0)) throw new RangeError(`${fn}: p must have a positive sum, got ${total}`);
  return n;
}
