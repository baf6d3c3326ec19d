/**
 * The Metropolis chain as a matrix (lib/markov/balance.ts): NOTES-MAP section 2, the parts
 * that live in lib/markov (N-MH-01 matrix form, N-MH-02 .. N-MH-05). The samplers' N-MH-01,
 * N-MH-06 and N-MH-07 are tested in spec/mcmc.
 *
 * References: hand-computed 2-state numbers; the notes' equations (2), (3) written out below as
 * plain loops over the stored layout, independent of the library's loops. Tolerances: sums of
 * n <= 8 products of numbers <= 1 round to a few eps, so 1e-14 (as the map asks) is ~50 eps.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  balanceResidual,
  detailedBalanceResidual,
  evolve,
  masterEquationStep,
  metropolisAcceptance,
  metropolisMatrix,
  randomWalkMatrix,
  stationaryDistribution,
  assertColumnStochastic,
} from '../../lib/markov/index.js';
import { matrix64, type Matrix64 } from '../../lib/linalg/index.js';
import { Rng } from '../../lib/random/index.js';
import { maxAbsDiff, randomStochastic, throwsWith } from './helpers.js';

/** T(i -> j) in the stored layout (T[j][i]). */
const move = (M: Matrix64, i: number, j: number) => M.data[j * M.cols + i];

/** Eq. (2) of notes 000 "More on the Metropolis", literally, as a double loop. */
function equation2(pPrev: Float64Array, T: Matrix64, A: Matrix64): Float64Array {
  const n = pPrev.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      s += pPrev[j] * move(T, j, i) * move(A, j, i) + pPrev[i] * move(T, i, j) * (1 - move(A, i, j));
    }
    p[i] = s;
  }
  return p;
}

/** A random n x n acceptance matrix with entries in [0, 1). */
function randomAcceptance(n: number, seed: number): Matrix64 {
  const rng = new Rng(seed);
  const A = matrix64(n, n);
  for (let k = 0; k < n * n; k++) A.data[k] = rng.float();
  return A;
}

/** Random positive target weights. */
function randomWeights(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => 0.05 + rng.float());
}

/** 5-ring with a non-symmetric proposal: right neighbour 2/3, left neighbour 1/3. */
function skewedRing(n: number): Matrix64 {
  const T = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    T.data[((i + 1) % n) * n + i] += 2 / 3;
    T.data[((i - 1 + n) % n) * n + i] += 1 / 3;
  }
  return T;
}

const target5 = new Float64Array([1, 2, 3, 4, 5]);
const pi5 = target5.map((x) => x / 15);

test('N-MH-01 2-state hand example: W = T A off the diagonal, rejections stay', () => {
  // p = (1, 3), T = 1/2 everywhere. A(0 -> 1) = min(1, 3/1) = 1, A(1 -> 0) = min(1, 1/3) = 1/3.
  const T = matrix64(2, 2, [0.5, 0.5, 0.5, 0.5]);
  const A = metropolisAcceptance(new Float64Array([1, 3]), T);
  assert.equal(Array.from(A.data), [1, 1 / 3, 1, 1]); // A[d][s] = A(s -> d)
  const W = metropolisMatrix(new Float64Array([1, 3]), T);
  // W(0 -> 1) = 1/2 * 1, W(1 -> 0) = 1/2 * 1/3 = 1/6, W(0 -> 0) = 1/2, W(1 -> 1) = 1/2 + 1/2 * 2/3 = 5/6
  assert.ok(maxAbsDiff(W.data, [0.5, 1 / 6, 0.5, 5 / 6]) <= 1e-16);
  assert.ok(maxAbsDiff(stationaryDistribution(W), [0.25, 0.75]) <= 1e-15);
});

test('N-MH-02 one step of eq. (2) as a loop equals evolve(metropolisMatrix(p, T), p_prev) to 1e-14', () => {
  for (const seed of [1, 2, 3]) {
    const n = 6;
    const T = randomStochastic(n, 100 + seed);
    const p = randomWeights(n, 200 + seed);
    const A = metropolisAcceptance(p, T);
    const pPrev = randomWeights(n, 300 + seed);
    const total = pPrev.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) pPrev[i] /= total;
    const viaMatrix = evolve(new Float64Array(n), metropolisMatrix(p, T), pPrev);
    assert.ok(maxAbsDiff(equation2(pPrev, T, A), viaMatrix) <= 1e-14, `seed ${seed}`);
    assert.ok(maxAbsDiff(masterEquationStep(new Float64Array(n), pPrev, T, A, 'eq2'), viaMatrix) <= 1e-14);
  }
});

test('N-MH-02 metropolisMatrix is column-stochastic and keeps p / sum(p) stationary', () => {
  const T = randomStochastic(7, 42);
  const p = randomWeights(7, 43);
  const W = metropolisMatrix(p, T);
  assertColumnStochastic(W, 1e-14);
  const pi = p.map((x) => x / p.reduce((a, b) => a + b, 0));
  assert.ok(balanceResidual(W, pi) <= 1e-15);
  assert.ok(maxAbsDiff(stationaryDistribution(W), pi) <= 1e-13);
});

test('N-MH-03 eq. (2) and eq. (3) agree to 1e-14 for random T (columns normalized) and random A', () => {
  for (const seed of [5, 6, 7, 8]) {
    const n = 5 + (seed % 3);
    const T = randomStochastic(n, seed);
    const A = randomAcceptance(n, 50 + seed);
    const pPrev = randomWeights(n, 60 + seed);
    const eq2 = masterEquationStep(new Float64Array(n), pPrev, T, A, 'eq2');
    const eq3 = masterEquationStep(new Float64Array(n), pPrev, T, A, 'eq3');
    assert.ok(maxAbsDiff(eq2, eq3) <= 1e-14, `seed ${seed}: ${maxAbsDiff(eq2, eq3)}`);
    assert.ok(maxAbsDiff(eq2, equation2(pPrev, T, A)) <= 1e-14);
    // default form is eq. (3)
    assert.equal(Array.from(masterEquationStep(new Float64Array(n), pPrev, T, A)), Array.from(eq3));
  }
});

test('N-MH-03 masterEquationStep rejects a non-stochastic T, A outside [0, 1], aliasing', () => {
  const T = randomWalkMatrix(3, 'periodic');
  const A = matrix64(3, 3);
  const p = new Float64Array([1, 0, 0]);
  const badT = matrix64(3, 3, [0.5, 0, 0, 0.5, 1, 0, 0, 0, 0.5]); // column 2 sums to 0.5
  throwsWith(() => masterEquationStep(new Float64Array(3), p, badT, A), RangeError, 'masterEquationStep: column 2 of T sums to 0.5');
  const badA = matrix64(3, 3, [0, 0, 0, 1.5, 0, 0, 0, 0, 0]);
  throwsWith(() => masterEquationStep(new Float64Array(3), p, T, badA), RangeError, 'masterEquationStep: A[1][0] = 1.5 is not an acceptance probability');
  throwsWith(() => masterEquationStep(p, p, T, A), RangeError, 'masterEquationStep: out must not be the same array as pPrev');
  throwsWith(() => masterEquationStep(new Float64Array(3), p, T, matrix64(2, 2)), RangeError, 'masterEquationStep: A is 2x2 but T is 3x3');
  throwsWith(() => masterEquationStep(new Float64Array(3), p, T, A, 'eq4' as never), RangeError, "form must be 'eq2' or 'eq3'");
});

test('N-MH-04 5-ring, T = 1/2 to each neighbour, p ~ (1..5): metropolisMatrix balance residual < 1e-14', () => {
  const W = metropolisMatrix(target5, randomWalkMatrix(5, 'periodic'));
  assert.ok(balanceResidual(W, pi5) < 1e-14, `${balanceResidual(W, pi5)}`);
  assert.ok(maxAbsDiff(stationaryDistribution(W), pi5) <= 1e-14);
  // the proposal alone (uniform stationary distribution) is not balanced at this target
  assert.ok(balanceResidual(randomWalkMatrix(5, 'periodic'), pi5) > 0.05);
});

test('N-MH-05 5-ring: detailed-balance residual < 1e-14, symmetric and skewed (2/3 right, 1/3 left) proposal', () => {
  const sym = metropolisMatrix(target5, randomWalkMatrix(5, 'periodic'));
  assert.ok(detailedBalanceResidual(sym, pi5) < 1e-14);
  const T = skewedRing(5);
  assertColumnStochastic(T, 1e-15);
  const W = metropolisMatrix(target5, T);
  assert.ok(detailedBalanceResidual(W, pi5) < 1e-14, `${detailedBalanceResidual(W, pi5)}`);
  assert.ok(balanceResidual(W, pi5) < 1e-14);
  // eq. (5) directly: A(j->i)/A(i->j) = p_i T(i->j) / (p_j T(j->i)) for neighbours i = 2, j = 3
  const A = metropolisAcceptance(target5, T);
  const lhs = move(A, 3, 2) / move(A, 2, 3);
  const rhs = (target5[2] * move(T, 2, 3)) / (target5[3] * move(T, 3, 2));
  assert.ok(Math.abs(lhs - rhs) <= 1e-15 * Math.abs(rhs));
  // Without the Hastings factor T(j->i)/T(i->j) (plain min(1, p_j/p_i)) detailed balance fails.
  const plain = matrix64(5, 5);
  for (let s = 0; s < 5; s++) {
    let stay = 0;
    for (let d = 0; d < 5; d++) {
      if (d === s) continue;
      const a = Math.min(1, target5[d] / target5[s]);
      plain.data[d * 5 + s] = move(T, s, d) * a;
      stay += move(T, s, d) * (1 - a);
    }
    plain.data[s * 5 + s] = stay;
  }
  assert.ok(detailedBalanceResidual(plain, pi5) > 0.01);
});

test('N-MH-02 metropolisMatrix / metropolisAcceptance reject bad weights and proposals', () => {
  const T = randomWalkMatrix(3, 'periodic');
  throwsWith(() => metropolisMatrix(new Float64Array([1, -1, 1]), T), RangeError, 'metropolisMatrix: p[1] = -1 is negative');
  throwsWith(() => metropolisMatrix(new Float64Array([0, 0, 0]), T), RangeError, 'metropolisMatrix: p must have a positive sum, got 0');
  throwsWith(() => metropolisMatrix(new Float64Array([1, 2]), T), RangeError, 'metropolisMatrix: p has length 2 but the chain has 3 states');
  throwsWith(() => metropolisAcceptance(new Float64Array([1, 2]), matrix64(2, 2, [1, 1, 1, 0])), RangeError, 'metropolisAcceptance: column 0 of T sums to 2, not 1');
});

test.run();
