/**
 * Markov chains (lib/markov): NOTES-MAP section 1, N-MC-01 .. N-MC-06.
 *
 * Expected values are exact math: the notes' 3-state chain has dyadic entries, so p(n) is
 * computed exactly in float64 (every product and sum of dyadic numbers with fewer than 53
 * significant bits is exact) and compared with ===. Eigenvalues come from the closed forms
 * cos(2 pi k / n) (ring) and cos(pi k / n) (path with holding ends); the eigen solver is
 * backward stable, so for these symmetric matrices (||W||_2 = 1) the error is a few eps:
 * tolerance 1e-12. Products of random stochastic matrices are compared with an independent
 * naive loop to 1e-12 (entries <= 1, n = 6: rounding ~ n eps per product).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  assertColumnStochastic,
  assertDistribution,
  balanceResidual,
  detailedBalanceResidual,
  evolve,
  evolveSteps,
  matrixPower,
  randomWalkMatrix,
  stationaryDistribution,
  closedClasses,
  transitionEigenvalues,
} from '../../lib/markov/index.js';
import { identity64, matrix64, zeros64 } from '../../lib/linalg/index.js';
import { matMul, matVec, maxAbsDiff, notesChain, randomStochastic, threeCycle, throwsWith } from './helpers.js';
import type { Matrix64 } from '../../lib/linalg/index.js';
import { Rng } from '../../lib/random/index.js';

const sortDesc = (xs: ArrayLike<number>) => Array.from(xs).sort((a, b) => b - a);

// ---- N-MC-01 random walk ----------------------------------------------------------------

test('N-MC-01 every column of the random-walk matrix sums to 1 (periodic and reflecting, n = 1..9)', () => {
  for (const boundary of ['periodic', 'reflecting'] as const) {
    for (let n = 1; n <= 9; n++) {
      const W = randomWalkMatrix(n, boundary);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += W.data[i * n + j];
        assert.is(s, 1, `${boundary} n=${n} column ${j}`);
      }
      assertColumnStochastic(W, 0);
    }
  }
});

test('N-MC-01 interior columns hop left/right with 1/2; reflecting edges keep 1/2 on the edge site', () => {
  const R = randomWalkMatrix(4, 'reflecting');
  // column j = move distribution out of site j; rows are destinations
  assert.equal(Array.from(R.data), [
    0.5, 0.5, 0, 0,
    0.5, 0, 0.5, 0,
    0, 0.5, 0, 0.5,
    0, 0, 0.5, 0.5,
  ]);
  const P = randomWalkMatrix(4, 'periodic');
  assert.equal(Array.from(P.data), [
    0, 0.5, 0, 0.5,
    0.5, 0, 0.5, 0,
    0, 0.5, 0, 0.5,
    0.5, 0, 0.5, 0,
  ]);
  assert.equal(Array.from(randomWalkMatrix(2, 'periodic').data), [0, 1, 1, 0]);
  assert.equal(Array.from(randomWalkMatrix(1, 'periodic').data), [1]);
});

test('N-MC-01 periodic ring n=6 has eigenvalues cos(2 pi k/6) = {1, 1/2, 1/2, -1/2, -1/2, -1}', () => {
  const { re, im } = transitionEigenvalues(randomWalkMatrix(6, 'periodic'));
  const expected = [1, 0.5, 0.5, -0.5, -0.5, -1];
  assert.ok(maxAbsDiff(sortDesc(re), expected) <= 1e-12, `got ${Array.from(re)}`);
  assert.ok(maxAbsDiff(im, new Float64Array(6)) <= 1e-12);
  // lambda_0 = 1 is listed first (ties in modulus broken by larger real part)
  assert.ok(Math.abs(re[0] - 1) <= 1e-12);
});

test('N-MC-01 ring n=7 and reflecting path n=5 eigenvalues match cos(2 pi k/7), cos(pi k/5)', () => {
  const ring = transitionEigenvalues(randomWalkMatrix(7, 'periodic')).re;
  const ringExpected = sortDesc(Array.from({ length: 7 }, (_, k) => Math.cos((2 * Math.PI * k) / 7)));
  assert.ok(maxAbsDiff(sortDesc(ring), ringExpected) <= 1e-12, `ring ${Array.from(ring)}`);
  const path = transitionEigenvalues(randomWalkMatrix(5, 'reflecting')).re;
  const pathExpected = sortDesc(Array.from({ length: 5 }, (_, k) => Math.cos((Math.PI * k) / 5)));
  assert.ok(maxAbsDiff(sortDesc(path), pathExpected) <= 1e-12, `path ${Array.from(path)}`);
});

test('N-MC-01 even ring (n=6) is periodic: W^t p(0) alternates between even and odd sites and never converges', () => {
  const W = randomWalkMatrix(6, 'periodic');
  const p0 = new Float64Array([1, 0, 0, 0, 0, 0]);
  for (const t of [1, 2, 3, 50, 51, 200, 201]) {
    const p = evolveSteps(new Float64Array(6), W, p0, t);
    const emptyParity = t % 2 === 0 ? 1 : 0; // sites of this parity are unreachable at time t
    for (let i = emptyParity; i < 6; i += 2) assert.is(p[i], 0, `t=${t} site ${i}`);
  }
  // Long run: mass 1/3 on each site of the occupied parity, i.e. 1/6 away from uniform.
  const p200 = evolveSteps(new Float64Array(6), W, p0, 200);
  assert.ok(maxAbsDiff(p200, [1 / 3, 0, 1 / 3, 0, 1 / 3, 0]) <= 1e-12);
  assert.ok(maxAbsDiff(p200, new Float64Array(6).fill(1 / 6)) >= 1 / 6 - 1e-12);
});

test('N-MC-01 odd ring (n=7) converges to uniform at rate |cos(6 pi/7)|^t', () => {
  const W = randomWalkMatrix(7, 'periodic');
  const p = evolveSteps(new Float64Array(7), W, new Float64Array([1, 0, 0, 0, 0, 0, 0]), 400);
  // W is symmetric, so ||p(t) - pi||_2 <= |lambda_2|^t ||p(0) - pi||_2 < 0.901^400 ~ 8e-19;
  // round-off of 400 steps adds at most ~400 * 7 * eps ~ 6e-13.
  assert.ok(maxAbsDiff(p, new Float64Array(7).fill(1 / 7)) <= 1e-12);
});

test('N-MC-01 reflecting walk (holding at the edges) converges for even n too', () => {
  const W = randomWalkMatrix(6, 'reflecting');
  const p = evolveSteps(new Float64Array(6), W, new Float64Array([1, 0, 0, 0, 0, 0]), 400);
  // second eigenvalue cos(pi/6) ~ 0.866, 0.866^400 ~ 1e-25
  assert.ok(maxAbsDiff(p, new Float64Array(6).fill(1 / 6)) <= 1e-12);
});

test('N-MC-01 randomWalkMatrix rejects a bad size or boundary', () => {
  throwsWith(() => randomWalkMatrix(0, 'periodic'), RangeError, 'randomWalkMatrix: n must be a positive integer, got 0');
  throwsWith(() => randomWalkMatrix(2.5, 'periodic'), RangeError, 'got 2.5');
  throwsWith(() => randomWalkMatrix(4, 'open' as never), RangeError, "boundary must be 'periodic' or 'reflecting', got \"open\"");
});

// ---- N-MC-02 one step ------------------------------------------------------------------

test('N-MC-02 one step of the notes chain from p(0) = (1,0,0) gives p(1) = (.5,.5,0) exactly', () => {
  const out = evolve(new Float64Array(3), notesChain(), new Float64Array([1, 0, 0]));
  assert.equal(Array.from(out), [0.5, 0.5, 0]);
});

test('N-MC-02 evolve equals a naive W p for a random 6-state chain', () => {
  const W = randomStochastic(6, 11);
  const p = new Float64Array([0.1, 0.2, 0.05, 0.3, 0.15, 0.2]);
  assert.ok(maxAbsDiff(evolve(new Float64Array(6), W, p), matVec(W, p)) <= 1e-16);
});

test('N-MC-02 evolve rejects bad shapes, aliasing and non-finite input', () => {
  const W = notesChain();
  throwsWith(() => evolve(new Float64Array(3), matrix64(2, 3), new Float64Array(3)), RangeError, 'evolve: W must be square, got 2x3');
  throwsWith(() => evolve(new Float64Array(3), W, new Float64Array(4)), RangeError, 'evolve: p has length 4 but the chain has 3 states');
  throwsWith(() => evolve(new Float64Array(2), W, new Float64Array(3)), RangeError, 'evolve: out has length 2');
  const p = new Float64Array([1, 0, 0]);
  throwsWith(() => evolve(p, W, p), RangeError, 'evolve: out must not be the same array as p');
  throwsWith(() => evolve(new Float64Array(3), W, new Float64Array([NaN, 0, 1])), RangeError, 'evolve: p[0] must be finite, got NaN');
  throwsWith(() => evolve(new Float64Array(3), W, [1, 0, 0] as never), TypeError, 'evolve: p must be a Float64Array');
});

// ---- N-MC-03 normalization -------------------------------------------------------------

test('N-MC-03 assertColumnStochastic names the offending column and its sum, and changes nothing', () => {
  const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.15, 0.5]); // column 1 sums to 0.9
  const before = Array.from(W.data);
  throwsWith(() => assertColumnStochastic(W), RangeError, 'assertColumnStochastic: column 1 of W sums to 0.9', 'not 1');
  assert.equal(Array.from(W.data), before, 'nothing renormalized');
  // E-07: the notes' row sums (sum_j W(j -> i)) are not the condition: this W has row sums
  // 0.75, 1.5, 0.75 but valid columns, and passes.
  assertColumnStochastic(notesChain());
  throwsWith(() => assertColumnStochastic(matrix64(2, 2, [1, -0.5, 0, 1.5])), RangeError, 'W(1 -> 0) = W[0][1] = -0.5 is not a probability');
  throwsWith(() => assertColumnStochastic(matrix64(2, 2, [1, 0, 0, 1]), -1), RangeError, 'tol must be a non-negative finite number');
  throwsWith(() => assertColumnStochastic(matrix64(2, 2, [1, 0, 0, Infinity])), RangeError, 'W[1][1] must be finite, got Infinity');
});

test('N-MC-03 functions that need a stochastic W reject one with a bad column', () => {
  const bad = matrix64(2, 2, [0.5, 0.5, 0.25, 0.5]); // column 0 sums to 0.75
  throwsWith(() => evolveSteps(new Float64Array(2), bad, new Float64Array([1, 0]), 3), RangeError, 'evolveSteps: column 0 of W sums to 0.75');
  throwsWith(() => stationaryDistribution(bad), RangeError, 'stationaryDistribution: column 0 of W sums to 0.75');
  throwsWith(() => transitionEigenvalues(bad), RangeError, 'transitionEigenvalues: column 0 of W sums to 0.75');
});

test('N-MC-03 assertDistribution checks entries and the sum', () => {
  assertDistribution(new Float64Array([0.25, 0.5, 0.25]));
  throwsWith(() => assertDistribution(new Float64Array([0.5, 0.6])), RangeError, 'assertDistribution: p sums to 1.1, not 1');
  throwsWith(() => assertDistribution(new Float64Array([1.5, -0.5])), RangeError, 'assertDistribution: p[0] = 1.5 is not a probability');
  throwsWith(() => assertDistribution(new Float64Array([NaN, 1])), RangeError, 'p[0] = NaN');
  throwsWith(() => assertDistribution([0.5, 0.5] as never), TypeError, 'assertDistribution: p must be a Float64Array');
});

// ---- N-MC-04 n steps ---------------------------------------------------------------------

test('N-MC-04 notes chain: p(2) = (.375,.5,.125), p(3) = (.3125,.5,.1875) exactly', () => {
  const W = notesChain();
  const p0 = new Float64Array([1, 0, 0]);
  assert.equal(Array.from(evolveSteps(new Float64Array(3), W, p0, 2)), [0.375, 0.5, 0.125]);
  assert.equal(Array.from(evolveSteps(new Float64Array(3), W, p0, 3)), [0.3125, 0.5, 0.1875]);
  assert.equal(Array.from(evolveSteps(new Float64Array(3), W, p0, 0)), [1, 0, 0]);
  const W3 = matrixPower(zeros64(3, 3), W, 3);
  assert.equal(Array.from(matVec(W3, p0)), [0.3125, 0.5, 0.1875]);
});

test('N-MC-04 evolveSteps equals matrixPower(W, n) p0 to 1e-12 (random 6-state chain, n = 0..40 and 1000)', () => {
  const W = randomStochastic(6, 5);
  const p0 = new Float64Array([0.3, 0, 0.2, 0.1, 0.4, 0]);
  for (const n of [...Array.from({ length: 41 }, (_, k) => k), 1000]) {
    const a = evolveSteps(new Float64Array(6), W, p0, n);
    const b = matVec(matrixPower(zeros64(6, 6), W, n), p0);
    assert.ok(maxAbsDiff(a, b) <= 1e-12, `n=${n}: ${maxAbsDiff(a, b)}`);
  }
});

test('N-MC-04 matrixPower by squaring equals naive repeated products; W^0 = I; out may be W', () => {
  const W = randomStochastic(5, 9);
  let naive = identity64(5);
  for (let n = 0; n <= 13; n++) {
    const fast = matrixPower(zeros64(5, 5), W, n);
    assert.ok(maxAbsDiff(fast.data, naive.data) <= 1e-14, `n=${n}`);
    naive = matMul(naive, W);
  }
  const W2 = matrixPower(zeros64(5, 5), W, 2);
  const inPlace = matrixPower(W, W, 2);
  assert.ok(inPlace === W && maxAbsDiff(W.data, W2.data) === 0);
});

test('N-MC-04 evolveSteps and matrixPower reject bad arguments', () => {
  const W = notesChain();
  throwsWith(() => evolveSteps(new Float64Array(3), W, new Float64Array([1, 0, 0]), -1), RangeError, 'evolveSteps: n (the number of steps) must be a non-negative integer, got -1');
  throwsWith(() => evolveSteps(new Float64Array(3), W, new Float64Array([1, 0]), 1), RangeError, 'evolveSteps: p0 has length 2');
  throwsWith(() => matrixPower(zeros64(3, 3), W, 1.5), RangeError, 'matrixPower: n must be a non-negative integer, got 1.5');
  throwsWith(() => matrixPower(zeros64(2, 2), W, 2), RangeError, 'matrixPower: out is 2x2 but W is 3x3');
  throwsWith(() => matrixPower(zeros64(3, 3), { rows: 3, cols: 3, data: [1] } as never, 2), TypeError, 'matrixPower: W must be a Matrix64');
});

// ---- N-MC-05 eigen-expansion and steady state -------------------------------------------

test('N-MC-05 notes chain: pi = (1/4, 1/2, 1/4) and eigenvalues {1, 1/2, 0}', () => {
  const W = notesChain();
  const pi = stationaryDistribution(W);
  assert.ok(maxAbsDiff(pi, [0.25, 0.5, 0.25]) <= 1e-15, `pi ${Array.from(pi)}`);
  const { re, im } = transitionEigenvalues(W);
  assert.ok(maxAbsDiff(re, [1, 0.5, 0]) <= 1e-14, `eigenvalues ${Array.from(re)}`);
  assert.ok(maxAbsDiff(im, [0, 0, 0]) === 0);
});

test('N-MC-05 p(n) - pi halves exactly at every step from n = 1: (.25,0,-.25), (.125,0,-.125), ...', () => {
  // p(0) - pi = (3/4, -1/2, -1/4) has components along v_1 (lambda 1/2) and v_2 (lambda 0), so
  // from n = 1 on only the lambda = 1/2 part is left: p(n) - pi = 2^-(n+1) (1, 0, -1).
  const W = notesChain();
  const p = new Float64Array([1, 0, 0]);
  const next = new Float64Array(3);
  for (let n = 1; n <= 30; n++) {
    evolve(next, W, p);
    p.set(next);
    const h = 2 ** -(n + 1);
    assert.equal(Array.from(p), [0.25 + h, 0.5, 0.25 - h], `n=${n}`);
  }
});

test('N-MC-05 power iteration agrees with the solve and handles the periodic even ring', () => {
  const W = randomStochastic(8, 21);
  const direct = stationaryDistribution(W);
  const power = stationaryDistribution(W, { method: 'power' });
  assert.ok(maxAbsDiff(direct, power) <= 1e-13);
  assert.ok(balanceResidual(W, direct) <= 1e-15);
  assert.ok(Math.abs(direct.reduce((a, b) => a + b, 0) - 1) <= 1e-15);
  // The even ring has eigenvalue -1; plain power iteration from e_0 would alternate forever.
  const ring = stationaryDistribution(randomWalkMatrix(6, 'periodic'), { method: 'power' });
  assert.ok(maxAbsDiff(ring, new Float64Array(6).fill(1 / 6)) <= 1e-14);
  assert.ok(maxAbsDiff(stationaryDistribution(randomWalkMatrix(6, 'periodic')), new Float64Array(6).fill(1 / 6)) <= 1e-15);
});

test('N-MC-05 a reducible chain (eigenvalue 1 twice) has no unique pi: clear error naming its closed classes', () => {
  throwsWith(() => stationaryDistribution(identity64(2)), RangeError, 'stationaryDistribution: the chain is reducible: it has 2 closed classes of states ({0}, {1})');
  throwsWith(() => stationaryDistribution(identity64(2), { method: 'solve' }), RangeError, 'the chain is reducible');
  // A slowly mixing chain (flip rates 1e-6, 2e-6) cannot settle in 5 power iterations.
  const slow = matrix64(2, 2, [1 - 1e-6, 2e-6, 1e-6, 1 - 2e-6]);
  throwsWith(() => stationaryDistribution(slow, { method: 'power', maxIterations: 5 }), RangeError, 'did not settle to tol = 1e-15 within maxIterations = 5');
  throwsWith(() => stationaryDistribution(slow, { method: 'power', tol: 0 }), RangeError, 'tol must be a positive finite number, got 0');
  throwsWith(() => stationaryDistribution(notesChain(), { method: 'qr' as never }), RangeError, "method must be 'gth', 'solve' or 'power'");
});

/** A birth-death chain on 0..n-1: up[i] = P(i -> i+1), down[i] = P(i -> i-1), the rest stays. */
function birthDeath(up: number[], down: number[]): Matrix64 {
  const n = up.length;
  const W = matrix64(n, n);
  for (let j = 0; j < n; j++) {
    if (j + 1 < n) W.data[(j + 1) * n + j] = up[j];
    if (j > 0) W.data[(j - 1) * n + j] = down[j];
    W.data[j * n + j] = 1 - (j + 1 < n ? up[j] : 0) - (j > 0 ? down[j] : 0);
  }
  return W;
}

test('N-MC-05 metastable chains: an irreducible chain with lambda_2 within 1e-12 of 1 has its unique pi, every entry to a few n eps by state reduction', () => {
  // Birth-death chains satisfy detailed balance, so pi_{i+1} / pi_i = up_i / down_{i+1} exactly:
  // the product formula (n - 1 roundings per entry) is the independent reference. A barrier of
  // rate b in the middle splits the chain into two wells (lambda_2 = 1 - O(b)), and a tilt makes
  // pi span many decades. The eigenvalue test this replaced called b = 1e-10 reducible.
  for (const b of [1e-3, 1e-10, 1e-14, 1e-200]) {
    for (const tilt of [1, 0.1]) {
      const n = 12;
      const up = Array.from({ length: n }, (_, i) => (i === n / 2 - 1 ? b : 0.3 * tilt));
      const down = Array.from({ length: n }, (_, i) => (i === n / 2 ? b : 0.3));
      const W = birthDeath(up, down);
      const ratio = [1];
      for (let i = 1; i < n; i++) ratio.push(ratio[i - 1] * (up[i - 1] / down[i]));
      const total = ratio.reduce((s, r) => s + r, 0);
      const exact = ratio.map((r) => r / total);
      const pi = stationaryDistribution(W);
      for (let i = 0; i < n; i++) {
        // GTH: a few n eps relative (O'Cinneide); the product formula: n eps; 8 n eps for both
        assert.ok(Math.abs(pi[i] - exact[i]) <= 8 * n * 2 ** -52 * exact[i], `b = ${b}, tilt = ${tilt}, pi_${i} = ${pi[i]} vs ${exact[i]}`);
      }
      // the LU method, to eps times its condition ~ 1/b (absolute); for b below ~n eps that bound
      // says nothing, and when the pivots show the system singular to working precision it says so
      if (b >= 1e-10) {
        assert.ok(maxAbsDiff(stationaryDistribution(W, { method: 'solve' }), exact) <= (n * 2 ** -52) / b, `solve, b = ${b}`);
      } else {
        try {
          stationaryDistribution(W, { method: 'solve' });
        } catch (e) {
          assert.match((e as Error).message, "method 'solve' cannot separate pi from the chain's slowest mode");
        }
      }
    }
  }
});

test('N-MC-05 closedClasses against brute-force reachability on 500 random sparse chains; with one class, W pi = pi and pi = 0 off it', () => {
  const rng = new Rng(11);
  for (let trial = 0; trial < 500; trial++) {
    const n = 1 + rng.int(12);
    const W = matrix64(n, n);
    const density = 0.6 * rng.float();
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) if (rng.float() < density) { const v = rng.float() + 0.01; W.data[i * n + j] = v; s += v; }
      if (s === 0) { W.data[j * n + j] = 1; s = 1; }
      for (let i = 0; i < n; i++) W.data[i * n + j] /= s;
    }
    // reach[j]: the states reachable from j (edges j -> i where W(j -> i) = W[i][j] > 0), by search
    const reach = Array.from({ length: n }, (_, j) => {
      const seen = new Set([j]);
      const stack = [j];
      while (stack.length > 0) { const u = stack.pop() as number; for (let i = 0; i < n; i++) if (W.data[i * n + u] > 0 && !seen.has(i)) { seen.add(i); stack.push(i); } }
      return seen;
    });
    // a closed class is reach(j) for a j whose every reachable state reaches back exactly the same set
    const classes = new Map<string, number[]>();
    for (let j = 0; j < n; j++) {
      const r = [...reach[j]].sort((a, b) => a - b);
      if (r.every((i) => reach[i].size === r.length && r.every((k) => reach[i].has(k)))) classes.set(r.join(','), r);
    }
    const expected = [...classes.values()].sort((a, b) => a[0] - b[0]);
    assert.equal(closedClasses(W), expected, `trial ${trial}`);
    if (expected.length === 1) {
      const pi = stationaryDistribution(W);
      const Wpi = matVec(W, pi);
      assert.ok(maxAbsDiff(Wpi, pi) <= 8 * n * 2 ** -52, `trial ${trial}: W pi = pi`);
      for (let i = 0; i < n; i++) if (!expected[0].includes(i)) assert.is(pi[i], 0, `trial ${trial}: transient state ${i}`);
    }
  }
});

test('N-MC-05 closedClasses: transient states, several closed classes, and pi = 0 exactly off the closed class', () => {
  assert.equal(closedClasses(notesChain()), [[0, 1, 2]]);
  assert.equal(closedClasses(identity64(3)), [[0], [1], [2]]);
  // 0 -> 0 (absorbing), 1 -> {0, 1, 2}, 2 -> {2, 3}, 3 -> {2, 3}: closed {0} and {2, 3}, 1 transient
  const two = matrix64(4, 4, [1, 0.25, 0, 0, 0, 0.5, 0, 0, 0, 0.25, 0.5, 0.5, 0, 0, 0.5, 0.5]);
  assert.equal(closedClasses(two), [[0], [2, 3]]);
  throwsWith(() => stationaryDistribution(two), RangeError, '2 closed classes of states ({0}, {2, 3})');
  // one closed class {2, 3} with transient 0 and 1 (0 -> 1 -> 2): pi = (0, 0, 1/2, 1/2)
  const one = matrix64(4, 4, [0.5, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0.5, 0.5, 0.5, 0, 0, 0.5, 0.5]);
  assert.equal(closedClasses(one), [[2, 3]]);
  assert.equal(Array.from(stationaryDistribution(one)), [0, 0, 0.5, 0.5]);
  assert.ok(maxAbsDiff(stationaryDistribution(one, { method: 'solve' }), [0, 0, 0.5, 0.5]) <= 1e-15);
  // a periodic ring is one closed class (periodicity does not matter for pi)
  assert.equal(closedClasses(randomWalkMatrix(6, 'periodic')), [[0, 1, 2, 3, 4, 5]]);
});

// ---- N-MC-06 residuals --------------------------------------------------------------------

test('N-MC-06 notes chain: balance and detailed-balance residuals are 0 at pi', () => {
  const pi = new Float64Array([0.25, 0.5, 0.25]);
  assert.is(balanceResidual(notesChain(), pi), 0);
  assert.is(detailedBalanceResidual(notesChain(), pi), 0);
  // away from pi the balance residual is max |W p - p|: for p = (1,0,0), |0.5 - 1| = 0.5
  assert.is(balanceResidual(notesChain(), new Float64Array([1, 0, 0])), 0.5);
});

test('N-MC-06 3-cycle: r_bal = 0 but r_db = 1/6 (balance is weaker than detailed balance)', () => {
  const pi = new Float64Array([1 / 3, 1 / 3, 1 / 3]);
  assert.ok(balanceResidual(threeCycle(), pi) <= 1e-16);
  // flow 0 -> 1 is W(0 -> 1) pi_0 = 1/6, flow back is W(1 -> 0) pi_1 = 0
  assert.ok(Math.abs(detailedBalanceResidual(threeCycle(), pi) - 1 / 6) <= 1e-16);
  assert.ok(maxAbsDiff(stationaryDistribution(threeCycle()), pi) <= 1e-15);
});

test('N-MC-06 residual functions reject mismatched shapes', () => {
  throwsWith(() => balanceResidual(notesChain(), new Float64Array(2)), RangeError, 'balanceResidual: pi has length 2 but the chain has 3 states');
  throwsWith(() => detailedBalanceResidual(matrix64(2, 3), new Float64Array(2)), RangeError, 'detailedBalanceResidual: W must be square, got 2x3');
});

test.run();
