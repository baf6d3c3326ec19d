import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix64 } from '../../lib/linalg/matrix.js';
import { BernoulliRBM, BoltzmannMachine, logPartitionExact, visibleDistributionExact } from '../../lib/rbm/index.js';
import { correctedChiSquare } from '../mcmc/helpers.js';
import { throwsMsg } from '../assert-error.js';
import { allStates, CHI2_999, dyadicParams, maxAbsDiff } from './brute.js';

const params = {
  W: [[1, -0.5], [0.25, 0.75], [-1, 0.5]],
  L: [[0, 1.5, -0.5], [1.5, 0, 0.25], [-0.5, 0.25, 0]],
  J: [[0, -2], [-2, 0]],
  a: [0.1, -0.2, 0.3],
  b: [0.5, -0.25],
};

/** −E(x, h) written from the definition with the ½ of the symmetric double sums. */
function score(x: number[], h: number[]): number {
  let s = 0;
  for (let i = 0; i < 3; i++) s += params.a[i] * x[i];
  for (let j = 0; j < 2; j++) s += params.b[j] * h[j];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) s += x[i] * params.W[i][j] * h[j];
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) s += 0.5 * x[i] * params.L[i][k] * x[k];
  for (let j = 0; j < 2; j++) for (let l = 0; l < 2; l++) s += 0.5 * h[j] * params.J[j][l] * h[l];
  return s;
}

test('BoltzmannMachine with L = J = 0 (fromRBM) has the RBM\'s log Z and visible distribution (1e-12)', () => {
  const rbm = BernoulliRBM.create(3, 4, dyadicParams(3, 4, 301));
  const bm = BoltzmannMachine.fromRBM(rbm);
  assert.ok(Math.abs(bm.logPartitionExact() - logPartitionExact(rbm)) < 1e-12);
  assert.ok(maxAbsDiff(bm.visibleDistributionExact(), visibleDistributionExact(rbm)) < 1e-12);
});

test('BoltzmannMachine energy, Z and single-site conditionals agree with brute force', () => {
  const bm = BoltzmannMachine.create(3, 2, params);
  const Xs = allStates(3, 'bernoulli'), Hs = allStates(2, 'bernoulli');
  let Z = 0;
  for (const x of Xs) for (const h of Hs) {
    assert.ok(Math.abs(-bm.energy(x, h) - score(x, h)) < 1e-14);
    Z += Math.exp(score(x, h));
  }
  assert.ok(Math.abs(bm.logPartitionExact() - Math.log(Z)) < 1e-13);
  // conditional of x_1 given everything else = Bayes ratio of the joint
  for (const x of Xs) for (const h of Hs) {
    const on = [x[0], 1, x[2]], off = [x[0], 0, x[2]];
    const ratio = Math.exp(score(on, h)) / (Math.exp(score(on, h)) + Math.exp(score(off, h)));
    assert.ok(Math.abs(bm.conditionalOn('visible', 1, x, h) - ratio) < 1e-14);
    const hon = [h[0], 1], hoff = [h[0], 0];
    const r2 = Math.exp(score(x, hon)) / (Math.exp(score(x, hon)) + Math.exp(score(x, hoff)));
    assert.ok(Math.abs(bm.conditionalOn('hidden', 1, x, h) - r2) < 1e-14);
  }
});

test('why restricted: with J ≠ 0, p(h | x) is not the product of the single-unit conditionals', () => {
  const bm = BoltzmannMachine.create(3, 2, params);
  const joint = bm.jointDistributionExact();
  const x = [1, 0, 1], xi = 5;
  const ph = [0, 1, 2, 3].map((hi) => joint[xi * 4 + hi]);
  const tot = ph.reduce((s, v) => s + v, 0);
  const p11 = ph[3] / tot;
  // marginal conditionals p(h_j = 1 | x) from the same joint
  const p1x = (ph[2] + ph[3]) / tot, p2x = (ph[1] + ph[3]) / tot;
  assert.ok(Math.abs(p11 - p1x * p2x) > 0.01, `p(h=11|x) ${p11} vs product ${p1x * p2x}`);
  void x;
});

test('single-site Gibbs sweeps of the general machine match the exact visible distribution (ESS-corrected chi-square, df 7, 0.1%)', () => {
  const bm = BoltzmannMachine.create(3, 2, params);
  const p = Array.from(bm.visibleDistributionExact());
  const rng = new Rng(77);
  const x = new Float64Array(3), h = new Float64Array(2);
  for (let t = 0; t < 100; t++) bm.gibbsSweep(x, h, rng);
  const T = 30000, states = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    bm.gibbsSweep(x, h, rng);
    states[t] = 4 * x[0] + 2 * x[1] + x[2];
  }
  const { stat, tauMax } = correctedChiSquare(states, p);
  assert.ok(stat < CHI2_999[7], `chi-square ${stat} (tau ${tauMax})`);
});

test('BoltzmannMachine: bad couplings and sizes throw clear errors', () => {
  throwsMsg(() => BoltzmannMachine.create(2, 1, { L: [[0, 1], [2, 0]] }), RangeError,
    'new BoltzmannMachine: L must be symmetric, but L[0][1] = 1 and L[1][0] = 2');
  throwsMsg(() => BoltzmannMachine.create(2, 1, { L: [[1, 0], [0, 0]] }), RangeError,
    'new BoltzmannMachine: L[0][0] must be 0 (no self-coupling), got 1');
  throwsMsg(() => BoltzmannMachine.create(2, 1, { W: [[1, 2], [3, 4]] }), RangeError, 'BoltzmannMachine.create: W[0] has length 2 but must have length 1');
  throwsMsg(() => BoltzmannMachine.create(20, 5).logPartitionExact(), RangeError,
    'BoltzmannMachine.logPartitionExact: 20+5 units need 2^25 terms, above the limit 2^24');
  throwsMsg(() => new BoltzmannMachine(matrix64(2, 1), matrix64(1, 1), matrix64(1, 1), new Float64Array(2), new Float64Array(1)), RangeError,
    'new BoltzmannMachine: L is 1x1 but must be 2x2');
  const bm = BoltzmannMachine.create(2, 1);
  throwsMsg(() => bm.energy([1, 2], [0]), RangeError, 'BoltzmannMachine.energy: x[1] must be 0 or 1 (binary units), got 2');
  throwsMsg(() => bm.conditionalOn('hidden', 1, [0, 0], [0]), RangeError, 'BoltzmannMachine.conditionalOn: k must be an integer in [0, 1), got 1');
  throwsMsg(() => BoltzmannMachine.fromRBM({} as BernoulliRBM), TypeError, 'BoltzmannMachine.fromRBM: rbm must be a BernoulliRBM, got Object');
});

test.run();
