import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix64 } from '../../lib/linalg/index.js';
import {
  autoregressiveProposal,
  discreteMetropolisHastings,
  gaussianTarget,
  logAcceptance,
  mhSampler,
  randomWalkMetropolis,
  rwmSampler,
} from '../../lib/mcmc/index.js';
import { assertThrowsWith, assertWithinSE, CHI2_999, correctedChiSquare, meanWithSE } from './helpers.js';

test('N-MH-06 hand values: p ratio 0.25 gives A = 0.25, ratio 4 gives A = 1', () => {
  assert.is(Math.exp(logAcceptance(Math.log(0.25), 0)), 0.25);
  assert.is(logAcceptance(Math.log(4), 0), 0);
  // same with the ratio split between p and the proposal: p ratio 0.5, T(x'→x)/T(x→x') = 0.5
  assert.ok(Math.abs(Math.exp(logAcceptance(Math.log(0.5), 0, Math.log(0.5), 0)) - 0.25) < 1e-15);
  assert.is(logAcceptance(Math.log(8), 0, Math.log(0.25), Math.log(0.5)), 0); // 8 · 0.25 / 0.5 = 4 -> 1
});

test('N-MH-06 log differences of ±1000 give A = 0 / 1 without overflow', () => {
  const down = logAcceptance(-1000, 0);
  assert.is(down, -1000);
  assert.is(Math.exp(down), 0); // e^-1000 underflows to 0 only after the min: the log is exact
  assert.is(logAcceptance(1000, 0), 0);
  assert.is(logAcceptance(0, 0, 1000, 0), 0);
  assert.is(logAcceptance(0, 0, 0, 1000), -1000);
  // NaN never passes log u < log A
  assert.ok(Number.isNaN(logAcceptance(NaN, 0)));
  assert.not.ok(Math.log(0.5) < logAcceptance(NaN, 0));
});

test('N-MH-01 a chain asked for n steps returns n samples; reported acceptance = accepted / n', () => {
  const target = gaussianTarget([0], [[1]]);
  const n = 5000;
  const { samples, acceptance } = randomWalkMetropolis(target, new Float64Array([0]), 2.4, n, new Rng(3));
  assert.is(samples.length, n);
  // proposals are continuous, so a step accepted <=> the sample differs from the previous one,
  // except for a step of exactly 0: Rng.normal returns 0 when its 24-bit ziggurat index is 0
  // (probability 2^-24 per draw), so over 5000 draws this check fails with probability 3e-4
  // (reseeding: 1 failure in 200 rounds, the round whose stream held such a zero)
  let changed = samples[0] !== 0 ? 1 : 0;
  for (let t = 1; t < n; t++) if (samples[t] !== samples[t - 1]) changed++;
  assert.is(acceptance, changed / n);
  assert.ok(acceptance > 0 && acceptance < 1);
});

test('N-MH-07 random-walk Metropolis on N(0, 1): mean and variance within 4 SE (SE from ESS)', () => {
  const target = gaussianTarget([0], [[1]]);
  const { samples } = randomWalkMetropolis(target, new Float64Array([0]), 2.4, 40000, new Rng(21));
  const sq = samples.map((v) => v * v);
  assertWithinSE('E x', meanWithSE(samples), 0, 4);
  assertWithinSE('E x²', meanWithSE(sq), 1, 4);
});

/** A 5-state ring proposal in the lib/markov layout T.data[j*n + i] = T(i → j). */
function ringProposal(right: number) {
  const n = 5;
  const T = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    T.data[((i + 1) % n) * n + i] += right;
    T.data[((i + n - 1) % n) * n + i] += 1 - right;
  }
  return T;
}
const P5 = [1, 2, 3, 4, 5].map((v) => v / 15);

for (const [label, right, seed] of [['symmetric (½, ½)', 0.5, 5], ['asymmetric (right ⅔, left ⅓)', 2 / 3, 6]] as const) {
  test(`N-MH-06 5-state chain with a ${label} ring proposal visits p ∝ (1,2,3,4,5): ESS-corrected chi-square (df 4) below the 0.999 quantile`, () => {
    const { states } = discreteMetropolisHastings(P5.map(Math.log), ringProposal(right), 0, 40000, new Rng(seed));
    const { stat, tauMax } = correctedChiSquare(states, P5);
    assert.ok(tauMax >= 1);
    assert.ok(stat < CHI2_999[4], `X²/τ = ${stat} (τ_max ${tauMax}) >= ${CHI2_999[4]}`);
  });
}

test('N-MH-06 control: with the asymmetric ring proposal, dropping the T ratio from eq. (6) visibly biases the chain', () => {
  // Proposal T(i→i+1) = ⅔, T(i→i−1) = ⅓, but acceptance min(1, p_j / p_i) as if T were
  // symmetric: the chain drifts to the right and its visits are far from p (the chi-square test
  // above must be able to see this).
  const rng = new Rng(8);
  const n = 5;
  const states = new Int32Array(40000);
  let i = 0;
  for (let t = 0; t < states.length; t++) {
    const j = rng.float() < 2 / 3 ? (i + 1) % n : (i + n - 1) % n;
    if (Math.log(rng.float()) < logAcceptance(Math.log(P5[j]), Math.log(P5[i]))) i = j;
    states[t] = i;
  }
  const { stat } = correctedChiSquare(states, P5);
  assert.ok(stat > CHI2_999[4], `the biased chain should fail the test, got X²/τ = ${stat}`);
});

test('autoregressiveProposal log density is the Gaussian N(m + ρ(x − m), (1 − ρ²) s²) up to a constant', () => {
  const q = autoregressiveProposal({ mean: [1], sd: [2], rho: 0.5 });
  const from = new Float64Array([3]);
  const a = new Float64Array([0.7]);
  const b = new Float64Array([4.1]);
  // centre 1 + 0.5 (3 − 1) = 2, variance 0.75 · 4 = 3
  const logN = (x: number) => -((x - 2) ** 2) / (2 * 3);
  assert.ok(Math.abs(q.logDensity(a, from) - q.logDensity(b, from) - (logN(0.7) - logN(4.1))) < 1e-14);
  // sample mean and variance of draws from the proposal within 4 SE (iid draws: ESS = N)
  const rng = new Rng(9);
  const out = new Float64Array(1);
  const N = 20000;
  let s = 0, s2 = 0;
  for (let t = 0; t < N; t++) { q.sample(out, from, rng); s += out[0]; s2 += (out[0] - 2) ** 2; }
  assert.ok(Math.abs(s / N - 2) < 4 * Math.sqrt(3 / N));
  assert.ok(Math.abs(s2 / N - 3) < 4 * Math.sqrt(2 * 9 / N)); // Var of (x − μ)² = 2σ⁴
});

test('bad input: discreteMetropolisHastings names the column that does not sum to 1, the shape and the start', () => {
  const T = ringProposal(0.5);
  T.data[1 * 5 + 0] = 0.3; // column 0 now sums to 0.8
  assertThrowsWith(() => discreteMetropolisHastings(P5.map(Math.log), T, 0, 10, new Rng(1)), RangeError, 'column 0', '0.8');
  assertThrowsWith(() => discreteMetropolisHastings([0, 0, 0], ringProposal(0.5), 0, 10, new Rng(1)), RangeError, 'T is 5x5', 'length 3');
  assertThrowsWith(() => discreteMetropolisHastings(P5.map(Math.log), ringProposal(0.5), 7, 10, new Rng(1)), RangeError, 'start', '7');
  assertThrowsWith(() => discreteMetropolisHastings([-Infinity, 0, 0, 0, 0], ringProposal(0.5), 0, 10, new Rng(1)), RangeError, 'log density at the start');
  assertThrowsWith(() => discreteMetropolisHastings(P5.map(Math.log), ringProposal(0.5), 0, 0, new Rng(1)), RangeError, 'nSteps');
});

test('bad input: randomWalkMetropolis, rwmSampler, mhSampler and autoregressiveProposal name the argument', () => {
  const target = gaussianTarget([0], [[1]]);
  assertThrowsWith(() => randomWalkMetropolis(target, new Float64Array([0]), 0, 10, new Rng(1)), RangeError, 'randomWalkMetropolis: stepSize', 'got 0');
  assertThrowsWith(() => randomWalkMetropolis(target, new Float64Array([0, 0]), 1, 10, new Rng(1)), RangeError, 'x0 has length 2', 'target.dim is 1');
  assertThrowsWith(() => randomWalkMetropolis(target, new Float64Array([0]), 1, 2.5, new Rng(1)), RangeError, 'nSteps', '2.5');
  assertThrowsWith(() => rwmSampler({ stepSize: -1 }), RangeError, 'rwmSampler: stepSize', '-1');
  assertThrowsWith(() => rwmSampler({ targetAcceptance: 1.5 }), RangeError, 'targetAcceptance', '1.5');
  assertThrowsWith(() => mhSampler({} as never), TypeError, 'mhSampler: proposal');
  assertThrowsWith(() => autoregressiveProposal({ mean: [0], sd: [1], rho: 1 }), RangeError, 'rho', '1');
  assertThrowsWith(() => autoregressiveProposal({ mean: [0, 0], sd: [1], rho: 0 }), RangeError, 'sd has length 1');
  assertThrowsWith(() => autoregressiveProposal({ mean: [0], sd: [0], rho: 0 }), RangeError, 'sd[0]', '0');
});

test('a NaN log density at a proposed state is an error, not a silent rejection', () => {
  const nanOutside = { dim: 1, logDensity: (x: Float64Array) => (x[0] > 0 ? NaN : -0.5 * x[0] * x[0]) };
  assertThrowsWith(() => randomWalkMetropolis(nanOutside, new Float64Array([-1]), 3, 1000, new Rng(2)), RangeError, 'NaN', 'proposed state');
});

test('random-walk Metropolis respects -Infinity outside the support (half-normal target)', () => {
  const halfNormal = { dim: 1, logDensity: (x: Float64Array) => (x[0] < 0 ? -Infinity : -0.5 * x[0] * x[0]) };
  const { samples } = randomWalkMetropolis(halfNormal, new Float64Array([1]), 1.5, 40000, new Rng(4));
  assert.ok(samples.every((v) => v >= 0));
  // half-normal mean sqrt(2/π), within 4 SE
  assertWithinSE('E x (half-normal)', meanWithSE(samples), Math.sqrt(2 / Math.PI), 4);
});

test.run();
