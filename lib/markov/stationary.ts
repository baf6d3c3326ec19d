/**
 * Eigenvalues and the stationary distribution of a transition matrix (notes 000, "Understanding
 * the basics"): the communicating classes of its states (which decide whether the stationary
 * distribution is unique), state reduction (Grassmann-Taksar-Heyman), the LU solve and the power
 * iteration. Uses the general real eigenvalue solver and LU solve of lib/linalg.
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
   * 'gth' (default): state reduction (Grassmann-Taksar-Heyman), accurate to a few n eps in every
   * entry however slowly the chain mixes. 'solve': one LU solve of the null-vector system of
   * W - I (the notes' formulation; its error grows with 1/(1 - |lambda_2|)). Both O(n^3), for up
   * to a few hundred states. 'power': power iteration on the lazy chain (I + W)/2, for large or
   * sparse-ish chains that mix fast.
   */
  method?: 'gth' | 'solve' | 'power';
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
 * Uniqueness (methods 'gth' and 'solve') is decided from the nonzero pattern of W, exactly: pi
 * is unique iff the chain has one closed class of states (a set that can reach each of its
 * members and nothing outside it; {@link closedClasses}). With more, a RangeError names them.
 * States outside the closed class are transient and get pi_i = 0 ('gth': exactly). A chain whose
 * classes are joined by tiny probabilities (metastable, lambda_2 within 1e-10 of 1) is
 * irreducible and has its unique pi, which 'gth' computes to full accuracy.
 *
 * method 'gth' (default): Grassmann-Taksar-Heyman state reduction (Grassmann, Taksar & Heyman,
 * Oper. Res. 33 (1985) 1107): states are removed from the last, each time folding the paths
 * through the removed state into the others (the censored chain), then pi is built back up from
 * state 0. Only sums and products of nonnegative numbers and divisions by sums of exit
 * probabilities: no subtraction, no cancellation, so every entry of pi is accurate to a few n eps
 * relative (O'Cinneide 1993), even when it is 1e-300 of the largest. The diagonal of W is never
 * read (1 - w_kk is the sum of the exits, which is what is used). Cost n^3/3.
 *
 * method 'solve': pi is the null vector of (W - I): the rows of W - I sum to the zero row, so one
 * of them (the last) is redundant and is replaced by the normalization row (1, ..., 1); the
 * nonsingular system [W - I with last row := 1] pi = e_{n-1} is solved by LU with partial
 * pivoting. Accurate to about eps times the condition of that system, which grows like
 * 1/(1 - |lambda_2|); when that exceeds 1/(n eps) the system is singular to working precision
 * and a RangeError says so. Cost O(n^3).
 *
 * method 'power': iterates p <- (p + W p)/2 from the uniform distribution. The lazy chain
 * (I + W)/2 has the same pi and no eigenvalue -1, so a periodic chain (even ring) converges
 * too; the rate is the second-largest |(1 + lambda)/2|. Throws after maxIterations. It does
 * not detect a reducible chain: it returns the limit reached from the uniform start, one of
 * the many stationary distributions (use 'gth' or 'solve' to be told).
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * stationaryDistribution(W); // Float64Array [0.25, 0.5, 0.25]
 */
export function stationaryDistribution(W: Matrix64, options: StationaryOptions = {}): Float64Array {
  const fn = 'stationaryDistribution';
  checkOptionKeys(fn, options, ['method', 'tol', 'maxIterations']);
  checkColumnStochastic(fn, 'W', W, STOCHASTIC_TOLERANCE);
  const method = options.method ?? 'gth';
  if (method === 'power') return stationaryByPowerIteration(W, options);
  if (method !== 'solve' && method !== 'gth') throw new RangeError(`${fn}: method must be 'gth', 'solve' or 'power', got ${JSON.stringify(method)}`);
  const n = W.rows;
  const closed = closedClassesOf(W); // W was checked above
  if (closed.length !== 1) {
    const shown = closed.slice(0, 3).map((c) => `{${c.slice(0, 6).join(', ')}${c.length > 6 ? `, ... (${c.length} states)` : ''}}`);
    throw new RangeError(`${fn}: the chain is reducible: it has ${closed.length} closed classes of states (${shown.join(', ')}${closed.length > 3 ? ', ...' : ''}), each with a stationary distribution of its own, so pi is not unique`);
  }
  if (method === 'gth') return stateReduction(W, closed[0]);
  // (W - I) with its last row replaced by ones; right-hand side e_{n-1}.
  const B = matrix64(n, n, W.data.slice());
  for (let i = 0; i < n; i++) B.data[i * n + i] -= 1;
  for (let j = 0; j < n; j++) B.data[(n - 1) * n + j] = 1;
  const rhs = new Float64Array(n);
  rhs[n - 1] = 1;
  try {
    return solve(B, rhs);
  } catch (e) {
    // the system is singular to working precision when the chain mixes so slowly that
    // 1 - |lambda_2| is below about n eps: W - I then has a second null vector numerically
    throw new RangeError(`${fn}: method 'solve' cannot separate pi from the chain's slowest mode (its linear system is singular to working precision: the chain mixes too slowly for it); the default method 'gth' has no such limit. (${(e as Error).message})`);
  }
}

/**
 * The closed classes of a chain's states, each ascending, ordered by their smallest state: the
 * strongly connected components of the graph with an edge j -> i for every w_ij > 0 (i != j)
 * that no edge leaves. Every chain has at least one; its stationary distributions are the
 * mixtures of one per closed class, so pi is unique iff there is exactly one. Exact: it reads
 * only which entries are nonzero. Tarjan's algorithm, iterative (no recursion depth limit).
 *
 * @example
 * closedClasses(matrix64(3, 3, [1, 0.5, 0, 0, 0.5, 0, 0, 0, 1])); // [[0], [2]]: state 1 is transient
 */
export function closedClasses(W: Matrix64): number[][] {
  checkColumnStochastic('closedClasses', 'W', W, STOCHASTIC_TOLERANCE);
  return closedClassesOf(W);
}

/** closedClasses of a W already checked. */
function closedClassesOf(W: Matrix64): number[][] {
  const n = W.rows, w = W.data;
  const index = new Int32Array(n).fill(-1), low = new Int32Array(n), component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n), stack: number[] = [], components: number[][] = [];
  let counter = 0;
  // the call stack of the recursive formulation: (state, next successor i to look at)
  const frames: [number, number][] = [];
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    frames.push([v, 0]);
  };
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const j = frame[0];
      let i = frame[1];
      // successors of j: the i with w_ij > 0 (column j)
      while (i < n && (i === j || !(w[i * n + j] > 0))) i++;
      if (i < n) {
        frame[1] = i + 1;
        if (index[i] < 0) {
          visit(i);
        } else if (onStack[i] === 1 && index[i] < low[j]) {
          low[j] = index[i];
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) { const parent = frames[frames.length - 1][0]; if (low[j] < low[parent]) low[parent] = low[j]; }
      if (low[j] === index[j]) {
        const members: number[] = [];
        let v: number;
        do { v = stack.pop() as number; onStack[v] = 0; component[v] = components.length; members.push(v); } while (v !== j);
        components.push(members.sort((a, b) => a - b));
      }
    }
  }
  // closed: no edge from a member to a state of another component
  const closed = components.filter((members, c) => members.every((j) => {
    for (let i = 0; i < n; i++) if (i !== j && w[i * n + j] > 0 && component[i] !== c) return false;
    return true;
  }));
  return closed.sort((a, b) => a[0] - b[0]);
}

/**
 * Grassmann-Taksar-Heyman on the closed class `states` of W (pi = 0 elsewhere): with
 * P = the class's transition probabilities, row-stochastic (p_ij = w_ji, the probability of
 * i -> j), for k = m-1 down to 1 remove state k from the chain on 0..k:
 *   s_k = sum_{j<k} p_kj   (the probability of leaving k for a state still kept),
 *   p_ij <- p_ij + p_ik p_kj / s_k   (i, j < k: paths through k, each left for good with s_k),
 * then pi_0 = 1, pi_k = sum_{i<k} pi_i p_ik / s_k, and normalize. Within a closed class every
 * censored chain is irreducible, so s_k > 0 (a zero is reported as an error: it would mean the
 * classes were found wrong).
 */
function stateReduction(W: Matrix64, states: number[]): Float64Array {
  const n = W.rows, m = states.length;
  const P = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (a !== b) P[a * m + b] = W.data[states[b] * n + states[a]];
  const exits = new Float64Array(m);
  for (let k = m - 1; k >= 1; k--) {
    let sk = 0;
    for (let j = 0; j < k; j++) sk += P[k * m + j];
    if (!(sk > 0)) throw new Error(`stationaryDistribution: state ${states[k]} has no way back to states ${states.slice(0, k).join(', ')} inside its closed class (internal error)`);
    exits[k] = sk;
    for (let i = 0; i < k; i++) {
      const pik = P[i * m + k] / sk;
      P[i * m + k] = pik;
      if (pik === 0) continue;
      for (let j = 0; j < k; j++) if (j !== i) P[i * m + j] += pik * P[k * m + j];
    }
  }
  const x = new Float64Array(m);
  x[0] = 1;
  let total = 1;
  for (let k = 1; k < m; k++) {
    let v = 0;
    for (let i = 0; i < k; i++) v += x[i] * P[i * m + k];
    x[k] = v;
    total += v;
  }
  const pi = new Float64Array(n);
  for (let a = 0; a < m; a++) pi[states[a]] = x[a] / total;
  return pi;
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
