import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, zeros } from '../../lib/linalg/matrix.js';
import {
  BernoulliRBM, SpinRBM, bernoulliToSpin, createRBMGradient, energy, freeEnergy, gibbsStep, hiddenMeans,
  hiddenProbabilities, indexOfConfiguration, logPartitionExact, phaseStatistics, sampleHiddenGivenVisible, spinEnergyOffset,
  spinToBernoulli, visibleDistributionExact, visibleKernelExact, visibleMean, visibleProbabilities,
} from '../../lib/rbm/index.js';
import { correctedChiSquare } from '../mcmc/helpers.js';
import { throwsMsg } from '../assert-error.js';
import { allStates, CHI2_999, dyadicParams, maxAbsDiff, score } from './brute.js';

const P = dyadicParams(3, 4, 201);
const rbm = () => SpinRBM.create(3, 4, P);
const F32_TOL = 2e-6; // float32 gemm + sigmoid/tanh, as in binary.spec.ts

test('N-SPIN-01 spin units: energy uses ±1 values and rejects 0 with a clear error', () => {
  const r = rbm();
  assert.is(energy(r, [1, -1, 1], [1, 1, -1, -1]), -score(P, [1, -1, 1], [1, 1, -1, -1]));
  throwsMsg(() => energy(r, [1, 0, 1], [1, 1, 1, 1]), RangeError, 'energy: x[1] must be -1 or +1 (spin units), got 0');
  throwsMsg(() => energy(r, [1, 1, 1], [1, 1, 0, 1]), RangeError, 'energy: h[2] must be -1 or +1 (spin units), got 0');
});

test('N-SPIN-02 p(h_j=+1|x) = σ(2θ_j) and E[h_j|x] = tanh θ_j equal Bayes ratios of the enumerated joint; same for x given h', () => {
  const r = rbm();
  const Xs = allStates(3, 'spin'), Hs = allStates(4, 'spin');
  const X = matrix(8, 3, Xs.flat());
  const Ph = hiddenProbabilities(zeros(8, 4), r, X), Eh = hiddenMeans(zeros(8, 4), r, X);
  Xs.forEach((x, k) => {
    const wts = Hs.map((h) => Math.exp(score(P, x, h)));
    const tot = wts.reduce((s, v) => s + v, 0);
    for (let j = 0; j < 4; j++) {
      let up = 0, m = 0;
      Hs.forEach((h, t) => { if (h[j] === 1) up += wts[t]; m += h[j] * wts[t]; });
      assert.ok(Math.abs(Ph.data[4 * k + j] - up / tot) < F32_TOL);
      assert.ok(Math.abs(Eh.data[4 * k + j] - m / tot) < F32_TOL);
    }
  });
  const H = matrix(16, 4, Hs.flat());
  const Pv = visibleProbabilities(zeros(16, 3), r, H), Ev = visibleMean(zeros(16, 3), r, H);
  Hs.forEach((h, t) => {
    const wts = Xs.map((x) => Math.exp(score(P, x, h)));
    const tot = wts.reduce((s, v) => s + v, 0);
    for (let i = 0; i < 3; i++) {
      let up = 0, m = 0;
      Xs.forEach((x, s) => { if (x[i] === 1) up += wts[s]; m += x[i] * wts[s]; });
      assert.ok(Math.abs(Pv.data[3 * t + i] - up / tot) < F32_TOL);
      assert.ok(Math.abs(Ev.data[3 * t + i] - m / tot) < F32_TOL);
    }
  });
  // samples are ±1
  const S = sampleHiddenGivenVisible(zeros(8, 4), r, X, new Rng(1));
  for (const v of S.data) assert.ok(v === 1 || v === -1);
  // positive phase uses tanh: ⟨x_i h_j⟩ = x_i tanh θ_j
  const x5 = matrix(1, 3, Xs[5]);
  const pos = phaseStatistics(createRBMGradient(r), r, x5, hiddenMeans(zeros(1, 4), r, x5));
  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs(pos.W.data[4 * i + j] - Xs[5][i] * Eh.data[4 * 5 + j]) < 1e-7);
});

test('N-SPIN-03 freeEnergy = −aᵀx − Σ_j log 2cosh θ_j equals −log Σ_h e^{−E} (enumeration), stable at θ = ±1000', () => {
  const r = rbm();
  const Xs = allStates(3, 'spin'), Hs = allStates(4, 'spin');
  const F = freeEnergy(new Float64Array(8), r, matrix(8, 3, Xs.flat()));
  Xs.forEach((x, k) => {
    const ref = -Math.log(Hs.reduce((s, h) => s + Math.exp(score(P, x, h)), 0));
    assert.ok(Math.abs(F[k] - ref) < 1e-5, `${F[k]} vs ${ref}`); // float32 θ, as for the binary free energy
  });
  const big = SpinRBM.create(1, 1, { W: [[1000]], a: [0], b: [0] });
  assert.is(freeEnergy(new Float64Array(1), big, matrix(1, 1, [-1]))[0], -1000); // log 2cosh(−1000) = 1000 + log1p(e^−2000)
});

test('N-SPIN-03 spin ↔ binary: W\' = 4W, a\' = 2a − 2W1, b\' = 2b − 2Wᵀ1 give identical visible distributions (1e-12)', () => {
  // dyadic parameters: the map is exact in float32, so the comparison is pure float64 enumeration
  const s = rbm();
  const b = spinToBernoulli(s);
  const ps = visibleDistributionExact(s), pb = visibleDistributionExact(b);
  assert.ok(maxAbsDiff(ps, pb) < 1e-12, `max diff ${maxAbsDiff(ps, pb)}`); // index of s = 2x−1 equals index of x
  // independent check of the formulas on one entry, and of log Z_spin = log Z_bin + c
  assert.is(b.W.data[0], 4 * P.W[0][0]);
  assert.is(b.a[1], 2 * P.a[1] - 2 * (P.W[1][0] + P.W[1][1] + P.W[1][2] + P.W[1][3]));
  assert.is(b.b[2], 2 * P.b[2] - 2 * (P.W[0][2] + P.W[1][2] + P.W[2][2]));
  assert.ok(Math.abs(logPartitionExact(s) - (logPartitionExact(b) + spinEnergyOffset(s))) < 1e-12);
  // round trip
  const back = bernoulliToSpin(b);
  assert.equal(Array.from(back.W.data), Array.from(s.W.data));
  assert.equal(Array.from(back.a), Array.from(s.a));
  assert.equal(Array.from(back.b), Array.from(s.b));
  // hidden conditionals agree too: p(t_j = +1 | s) = p(h_j = 1 | x)
  const xs = allStates(3, 'bernoulli');
  const ph = hiddenProbabilities(zeros(8, 4), b, matrix(8, 3, xs.flat()));
  const pt = hiddenProbabilities(zeros(8, 4), s, matrix(8, 3, xs.map((x) => x.map((v) => 2 * v - 1)).flat()));
  assert.ok(maxAbsDiff(ph.data, pt.data) < F32_TOL);
  throwsMsg(() => spinToBernoulli(b as unknown as SpinRBM), TypeError, 'spinToBernoulli: rbm must be a SpinRBM, got BernoulliRBM');
  throwsMsg(() => bernoulliToSpin(s as unknown as BernoulliRBM), TypeError, 'bernoulliToSpin: rbm must be a BernoulliRBM, got SpinRBM');
});

test('N-GIBBS-02 spin block Gibbs: exact kernel leaves p(x) stationary (1e-12); a chain passes chi-square (df 7, 0.1%)', () => {
  const r = SpinRBM.create(3, 2, dyadicParams(3, 2, 202, 0.5)); // moderate weights: every state has p > 0.01
  const K = visibleKernelExact(r), p = visibleDistributionExact(r);
  for (let to = 0; to < 8; to++) {
    let kp = 0, col = 0;
    for (let from = 0; from < 8; from++) { kp += K.data[8 * to + from] * p[from]; col += K.data[8 * from + to]; }
    assert.ok(Math.abs(kp - p[to]) < 1e-12);
    assert.ok(Math.abs(col - 1) < 1e-14);
  }
  const rng = new Rng(5);
  const x = matrix(1, 3, [1, 1, 1]), h = zeros(1, 2);
  for (let t = 0; t < 100; t++) gibbsStep(x, h, r, x, rng);
  const T = 30000, states = new Int32Array(T);
  for (let t = 0; t < T; t++) { gibbsStep(x, h, r, x, rng); states[t] = indexOfConfiguration(x.data, 'spin'); }
  assert.ok(Math.min(...p) > 0.01, `min p ${Math.min(...p)}`);
  const { stat, tauMax } = correctedChiSquare(states, Array.from(p));
  assert.ok(stat < CHI2_999[7], `chi-square ${stat} (tau ${tauMax})`);
});

test.run();
