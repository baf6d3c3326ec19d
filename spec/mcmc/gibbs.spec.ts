import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { gaussianConditionals, gaussianTarget, gibbsChain, gibbsSampler, gibbsSweep, logAcceptance, runChains, type DiscreteConditional } from '../../lib/mcmc/index.js';
import { assertThrowsWith, CHI2_999, correctedChiSquare } from './helpers.js';

// A 2×3 discrete joint p(a, b), a ∈ {0, 1}, b ∈ {0, 1, 2}, flat index s = 3a + b.
const W = [[1, 2, 3], [4, 1, 2]];
const Z = 13;
const p = (a: number, b: number) => W[a][b] / Z;
const P6 = [0, 1, 2, 3, 4, 5].map((s) => p(Math.floor(s / 3), s % 3));
// exact conditionals
const pA = (a: number, b: number) => W[a][b] / (W[0][b] + W[1][b]); // p(a | b)
const pB = (b: number, a: number) => W[a][b] / (W[a][0] + W[a][1] + W[a][2]); // p(b | a)

const conditionals: DiscreteConditional[] = [
  { size: 2, weights: (out, s) => { out[0] = W[0][s[1]]; out[1] = W[1][s[1]]; return out; } },
  { size: 3, weights: (out, s) => { out[0] = W[s[0]][0]; out[1] = W[s[0]][1]; out[2] = W[s[0]][2]; return out; } },
];

test('N-GIBBS-01 the exact systematic-scan kernel of a 2×3 joint is column-stochastic and leaves the joint stationary (residual < 1e-14)', () => {
  // K0: redraw a from p(a | b); K1: redraw b from p(b | a). Column-stochastic, K[to][from].
  const K0 = Array.from({ length: 6 }, () => new Float64Array(6));
  const K1 = Array.from({ length: 6 }, () => new Float64Array(6));
  for (let s = 0; s < 6; s++) {
    const a = Math.floor(s / 3), b = s % 3;
    for (let a2 = 0; a2 < 2; a2++) K0[3 * a2 + b][s] = pA(a2, b);
    for (let b2 = 0; b2 < 3; b2++) K1[3 * a + b2][s] = pB(b2, a);
  }
  // one sweep = K1 K0
  const K = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: 6 }, (_, j) => {
    let v = 0;
    for (let m = 0; m < 6; m++) v += K1[i][m] * K0[m][j];
    return v;
  }));
  for (let j = 0; j < 6; j++) {
    let col = 0;
    for (let i = 0; i < 6; i++) col += K[i][j];
    assert.ok(Math.abs(col - 1) < 1e-14, `column ${j} sums to ${col}`);
  }
  for (let i = 0; i < 6; i++) {
    let v = 0;
    for (let j = 0; j < 6; j++) v += K[i][j] * P6[j];
    assert.ok(Math.abs(v - P6[i]) < 1e-14, `(K p)_${i} = ${v} vs p_${i} = ${P6[i]}`);
  }
});

test('N-GIBBS-01 seen as Metropolis–Hastings with the conditional as proposal, the ratio is 1 (log A = 0) for every move', () => {
  for (let s = 0; s < 6; s++) {
    const a = Math.floor(s / 3), b = s % 3;
    // moves of site a (b fixed) and of site b (a fixed)
    for (let a2 = 0; a2 < 2; a2++) {
      const logRatio = logAcceptance(Math.log(p(a2, b)), Math.log(p(a, b)), Math.log(pA(a, b)), Math.log(pA(a2, b)));
      assert.ok(Math.abs(logRatio) < 1e-15, `a: ${a} -> ${a2} at b = ${b}: log A = ${logRatio}`);
      // and the unclipped ratio itself is 1 (not just >= 1)
      const r = (p(a2, b) * pA(a, b)) / (p(a, b) * pA(a2, b));
      assert.ok(Math.abs(r - 1) < 1e-15);
    }
    for (let b2 = 0; b2 < 3; b2++) {
      const r = (p(a, b2) * pB(b, a)) / (p(a, b) * pB(b2, a));
      assert.ok(Math.abs(r - 1) < 1e-15, `b: ${b} -> ${b2} at a = ${a}: ratio ${r}`);
    }
  }
});

test('N-GIBBS-01 a long gibbsSweep chain matches the 2×3 joint: ESS-corrected chi-square (df 5) below the 0.999 quantile', () => {
  const records = gibbsChain(new Int32Array([0, 0]), conditionals, 30000, new Rng(12));
  const states = new Int32Array(30000);
  for (let t = 0; t < states.length; t++) states[t] = 3 * records[2 * t] + records[2 * t + 1];
  const { stat, tauMax } = correctedChiSquare(states, P6);
  assert.ok(stat < CHI2_999[5], `X²/τ = ${stat} (τ_max ${tauMax}) >= ${CHI2_999[5]}`);
});

test('gibbsSweep updates in place in site order and accepts a scratch buffer', () => {
  const s = new Int32Array([1, 2]);
  const scratch = new Float64Array(3);
  const r1 = new Rng(3), r2 = new Rng(3);
  const out = gibbsSweep(s, conditionals, r1, scratch);
  assert.is(out, s);
  const t = new Int32Array([1, 2]);
  gibbsSweep(t, conditionals, r2); // without scratch: same draws
  assert.equal(Array.from(s), Array.from(t));
});

test('gaussianConditionals give the textbook bivariate conditional x1 | x2 ~ N(μ1 + ρ (s1/s2)(x2 − μ2), s1²(1 − ρ²))', () => {
  const s1 = 1.5, s2 = 0.5, rho = 0.6, mu = [1, -2];
  const updates = gaussianConditionals(mu, [[s1 * s1, rho * s1 * s2], [rho * s1 * s2, s2 * s2]]);
  // draw x1 many times at fixed x2 and compare with the exact conditional (iid draws: ESS = N)
  const rng = new Rng(5);
  const x = new Float64Array([0, -1.2]);
  const m = mu[0] + rho * (s1 / s2) * (x[1] - mu[1]);
  const v = s1 * s1 * (1 - rho * rho);
  const N = 20000;
  let sum = 0, sq = 0;
  for (let t = 0; t < N; t++) { updates[0](x, rng); sum += x[0]; sq += (x[0] - m) ** 2; }
  assert.ok(Math.abs(x[1] + 1.2) < 1e-15, 'x2 untouched');
  assert.ok(Math.abs(sum / N - m) < 4 * Math.sqrt(v / N), `mean ${sum / N} vs ${m}`);
  assert.ok(Math.abs(sq / N - v) < 4 * Math.sqrt(2 * v * v / N), `variance ${sq / N} vs ${v}`);
});

test('bad input: gibbsSweep, gibbsChain, gaussianConditionals and gibbsSampler name the problem', () => {
  assertThrowsWith(() => gibbsSweep(new Int32Array([0]), conditionals, new Rng(1)), RangeError, '2 conditionals', '1 sites');
  assertThrowsWith(() => gibbsSweep(new Int32Array([0, 5]), conditionals, new Rng(1)), RangeError, 'state[1] = 5');
  assertThrowsWith(() => gibbsSweep([0, 0] as never, conditionals, new Rng(1)), TypeError, 'Int32Array');
  assertThrowsWith(() => gibbsSweep(new Int32Array([0, 0]), conditionals, new Rng(1), new Float64Array(2)), RangeError, 'scratch', 'length >= 3');
  const negative: DiscreteConditional[] = [{ size: 2, weights: (o) => { o[0] = -1; o[1] = 1; return o; } }];
  assertThrowsWith(() => gibbsSweep(new Int32Array([0]), negative, new Rng(1)), RangeError, 'site 0', '-1');
  assertThrowsWith(() => gibbsChain(new Int32Array([0, 0]), conditionals, 0, new Rng(1)), RangeError, 'nSweeps');
  assertThrowsWith(() => gaussianConditionals([0, 0], [[1]]), RangeError, 'covariance is 1x1', 'length 2');
  assertThrowsWith(() => gibbsSampler([]), TypeError, 'gibbsSampler: updates');
  const target = gaussianTarget([0, 0], [[1, 0], [0, 1]]);
  assertThrowsWith(
    () => runChains(gibbsSampler(gaussianConditionals([0, 0], [[1, 0], [0, 1]])), target, { chains: 1, warmup: 0, samples: 1, x0: new Float64Array(3) }, new Rng(1)),
    RangeError, 'x0 has length 3', 'target.dim is 2',
  );
});

test.run();
