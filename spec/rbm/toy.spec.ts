import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { sgdStep } from '../../lib/optim/index.js';
import {
  BernoulliRBM, costGradientExact, createPhaseStatistics, energy, enumerateJoint, klFromEmpirical, logPartitionExact,
  negativeLogLikelihoodExact, visibleDistributionExact,
} from '../../lib/rbm/index.js';
import { toyPeopleFruit, toyPeopleFruitWeights } from '../../lib/data/index.js';
import { allStates, logSumExp, score, type Params } from './brute.js';

const labels = toyPeopleFruit().labels;
const toyRBM = () => BernoulliRBM.create(3, 2, toyPeopleFruitWeights());

test('N-TOY-01 data: four rows (1,0,1) and two rows (0,1,0); 32 labelled scenarios, 8 of them compatible with the data', () => {
  const { data, visibleLabels, hiddenLabels } = toyPeopleFruit();
  assert.is(data.rows, 6); assert.is(data.cols, 3);
  let ac = 0, b = 0;
  for (let k = 0; k < 6; k++) {
    const row = Array.from(data.data.subarray(3 * k, 3 * k + 3)).join('');
    if (row === '101') ac++;
    else if (row === '010') b++;
  }
  assert.is(ac, 4); assert.is(b, 2);
  assert.equal(labels, ['A', 'B', 'C', 'D', 'E']);
  assert.equal(visibleLabels, ['A', 'B', 'C']); assert.equal(hiddenLabels, ['D', 'E']);
  const rows = enumerateJoint(toyRBM(), { labels });
  assert.is(rows.length, 32);
  assert.is(new Set(rows.map((r) => r.label)).size, 32);
  const compatible = rows.filter((r) => ['101', '010'].includes(r.x.join(''))).map((r) => r.label).sort();
  assert.equal(compatible, ['AC', 'ACD', 'ACDE', 'ACE', 'B', 'BD', 'BDE', 'BE']); // 003 "4) Training"
});

test('N-TOY-02 probabilities sum to 1 for random parameters; with the toy weights p(ACD)/p(BE) = e^{8−7} = e (1e-12)', () => {
  for (const seed of [1, 2, 3]) {
    const r = BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(seed));
    const s = enumerateJoint(r).reduce((t, q) => t + q.p, 0);
    assert.ok(Math.abs(s - 1) < 1e-14);
  }
  const rows = enumerateJoint(toyRBM(), { labels });
  const p = (l: string) => rows.find((r) => r.label === l)!.p;
  assert.ok(Math.abs(p('ACD') / p('BE') - Math.E) < 1e-12 * Math.E);
});

test('N-TOY-03 the tutorial\'s numbers, corrected: e^7 = 1096.63, e^8 = 2980.96 (not 29808.96, E-31), BD scores −2 (E-30)', () => {
  const two = (v: number) => Math.round(v * 100) / 100;
  assert.is(two(Math.exp(7)), 1096.63);
  assert.is(two(Math.exp(8)), 2980.96);
  assert.is(two(Math.exp(-2)), 0.14);
  assert.is(two(Math.exp(-1)), 0.37);
  const rows = enumerateJoint(toyRBM(), { labels });
  const row = (l: string) => rows.find((r) => r.label === l)!;
  assert.is(row('BD').logWeight, -2); // the table's value (0.14 = e^-2), not the list's −1
  assert.is(two(row('ACD').p), 0.45);
  assert.is(two(row('BE').p), 0.17);
  // highest scores 8 (ACD) and 7 (BE, and ABE), lowest −2 (BD) among the labelled ones
  const sorted = rows.map((r) => r.logWeight).sort((x, y) => y - x);
  assert.is(sorted[0], 8); assert.is(sorted[1], 7);
});

test('N-TOY-04 reconstructed weights (ours): scores ACD 8, BE 7, BD −2, ACE −1, ABE 7; Z = 6631.587 against an independent sum (1e-12)', () => {
  const r = toyRBM();
  // score = sum of biases of the on units + weights of edges with both ends on (003 "2) Scores"), by hand:
  assert.is(-energy(r, [1, 0, 1], [1, 0]), 1 + 1 + 2 + 2 + 2); // ACD: a_A + a_C + b_D + w_AD + w_CD = 8
  assert.is(-energy(r, [0, 1, 0], [0, 1]), 2 + 1 + 4); // BE = 7
  assert.is(-energy(r, [0, 1, 0], [1, 0]), 2 + 2 - 6); // BD = −2
  assert.is(-energy(r, [1, 0, 1], [0, 1]), 1 + 1 + 1 - 1 - 3); // ACE = −1
  assert.is(-energy(r, [1, 1, 0], [0, 1]), 1 + 2 + 1 - 1 + 4); // ABE = 7
  // independent Z: 32 scores from the tutorial's rule
  const { W, a, b } = toyPeopleFruitWeights();
  let Z = 0;
  for (let s = 0; s < 32; s++) {
    const v = [4, 3, 2, 1, 0].map((k) => (s >> k) & 1); // A B C D E
    let sc = 0;
    for (let i = 0; i < 3; i++) sc += a[i] * v[i];
    for (let j = 0; j < 2; j++) sc += b[j] * v[3 + j];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) sc += W[i][j] * v[i] * v[3 + j];
    Z += Math.exp(sc);
  }
  const logZ = logPartitionExact(r);
  assert.ok(Math.abs(Math.exp(logZ) - Z) < 1e-12 * Z, `${Math.exp(logZ)} vs ${Z}`);
  assert.is(Math.round(Z * 1000) / 1000, 6631.587);
  const rows = enumerateJoint(r, { labels });
  assert.is(Math.round(rows.find((q) => q.label === 'ACD')!.p * 1e4) / 1e4, 0.4495);
  assert.is(Math.round(rows.find((q) => q.label === 'BE')!.p * 1e4) / 1e4, 0.1654);
});

test('N-TOY-05 N-COST-05 exact-gradient descent lowers the cost and the KL at every step; (1,0,1) and (0,1,0) end up the two most probable states', () => {
  const { data } = toyPeopleFruit();
  const r = BernoulliRBM.create(3, 2, 'hinton', new Rng(11));
  const start = paramsOf(r);
  const g = createPhaseStatistics(r);
  // The cost's Hessian is the model covariance of the 11 statistics (x_i, h_j, x_i h_j ∈ [0, 1]), so
  // L = ‖H‖ ≤ trace ≤ 11/4 and any η < 2/L = 0.727 descends at every step; we use η = 0.5.
  const eta = 0.5;
  let kl = klFromEmpirical(r, data), c = negativeLogLikelihoodExact(r, data);
  for (let t = 0; t < 300; t++) {
    costGradientExact(g, r, data);
    sgdStep(r.W.data, g.W, eta); sgdStep(r.a, g.a, eta); sgdStep(r.b, g.b, eta);
    const kl2 = klFromEmpirical(r, data), c2 = negativeLogLikelihoodExact(r, data);
    assert.ok(kl2 < kl, `step ${t}: KL ${kl2} >= ${kl}`);
    assert.ok(c2 < c, `step ${t}: cost ${c2} >= ${c}`);
    kl = kl2; c = c2;
  }
  const p = visibleDistributionExact(r);
  const order = Array.from(p.keys()).sort((x, y) => p[y] - p[x]);
  assert.equal(order.slice(0, 2).sort(), [2, 5]); // (0,1,0) = 2, (1,0,1) = 5
  assert.ok(p[5] > p[2], 'the more frequent pattern AC is more probable');
  // Where the descent ends: the same 300 steps from the same start, computed independently in
  // float64 (brute enumeration of the 32 joint states, parameters kept in float64) — see
  // gradientDescent64 below. The library keeps θ in float32, so each step rounds each of the 11
  // parameters once, |r| <= ulp(|θ|)/2 <= 2^-24 · 8 = 4.8e-7 (|θ| < 8 on this path). Propagated to
  // first order, e_{t+1} = (I − ηH_t) e_t + r_t. Where H_t is positive semidefinite, η < 2/L makes
  // I − ηH_t non-expansive; the cost's Hessian need not be PSD everywhere (the data term subtracts
  // E_data Cov(s | x)), so this is an assumption about the path, and the test checks its
  // consequence ‖e_T‖_∞ <= 1.4e-4 (the parameters agree to ~1e-6: no growth). Then ‖e_T‖_∞ <= T · 4.8e-7
  // = 1.4e-4 after T = 300, and |ΔKL| <= ‖∇KL‖_1 ‖e‖_∞ <= 11 · 1.4e-4
  // = 1.6e-3 (each gradient entry is a difference of two expectations of [0, 1] statistics, so
  // |∂KL/∂θ| <= 1). We allow 1.6e-3; the KL itself is the float64 reference's, not a threshold.
  const ref = gradientDescent64(start, data, eta, 300);
  const end = paramsOf(r);
  const drift = Math.max(...[...end.W.flat(), ...end.a, ...end.b].map((v, q) => Math.abs(v - [...ref.params.W.flat(), ...ref.params.a, ...ref.params.b][q])));
  assert.ok(drift <= 1.4e-4, `parameters differ from the float64 descent by ${drift}`);
  assert.ok(Math.abs(kl - ref.kl) <= 1.6e-3, `KL after 300 steps ${kl}, float64 reference ${ref.kl}`);
});

/** Plain parameters of an RBM (W as rows). */
const paramsOf = (r: BernoulliRBM): Params => ({
  W: Array.from({ length: r.nVisible }, (_, i) => Array.from(r.W.data.subarray(i * r.nHidden, (i + 1) * r.nHidden))),
  a: Array.from(r.a), b: Array.from(r.b),
});

/**
 * Exact-gradient descent in float64, independent of lib/rbm: the cost C = −(1/n) Σ log p(x_k)
 * has −∂C/∂θ = ⟨s⟩_data − ⟨s⟩_model for the statistics s = (x_i, h_j, x_i h_j) (N-COST-05), the
 * data term with h ~ p(h | x_k), both by enumeration over brute.ts's score. Returns the parameters
 * and KL(f ‖ p) after `steps` steps θ <- θ + η (⟨s⟩_data − ⟨s⟩_model).
 */
function gradientDescent64(p0: Params, data: { rows: number; cols: number; data: Float32Array }, eta: number, steps: number): { params: Params; kl: number } {
  const p: Params = { W: p0.W.map((r) => r.slice()), a: p0.a.slice(), b: p0.b.slice() };
  const M = p.a.length, N = p.b.length, n = data.rows;
  const X = allStates(M, 'bernoulli'), H = allStates(N, 'bernoulli');
  const rows = Array.from({ length: n }, (_, k) => Array.from(data.data.subarray(k * M, (k + 1) * M)));
  const addStats = (gW: number[][], ga: number[], gb: number[], x: number[], h: number[], q: number) => {
    for (let i = 0; i < M; i++) { ga[i] += q * x[i]; for (let j = 0; j < N; j++) gW[i][j] += q * x[i] * h[j]; }
    for (let j = 0; j < N; j++) gb[j] += q * h[j];
  };
  const logZ = () => logSumExp(X.flatMap((x) => H.map((h) => score(p, x, h))));
  for (let t = 0; t < steps; t++) {
    const gW = p.W.map((r) => r.map(() => 0)), ga = p.a.map(() => 0), gb = p.b.map(() => 0);
    for (const x of rows) {
      const lw = H.map((h) => score(p, x, h));
      const lx = logSumExp(lw);
      H.forEach((h, k) => addStats(gW, ga, gb, x, h, Math.exp(lw[k] - lx) / n));
    }
    const lz = logZ();
    for (const x of X) for (const h of H) addStats(gW, ga, gb, x, h, -Math.exp(score(p, x, h) - lz));
    for (let i = 0; i < M; i++) { p.a[i] += eta * ga[i]; for (let j = 0; j < N; j++) p.W[i][j] += eta * gW[i][j]; }
    for (let j = 0; j < N; j++) p.b[j] += eta * gb[j];
  }
  const lz = logZ();
  const f = new Map<string, number>();
  for (const x of rows) f.set(x.join(','), (f.get(x.join(',')) ?? 0) + 1 / n);
  let kl = 0;
  for (const [key, fx] of f) {
    const x = key.split(',').map(Number);
    kl += fx * (Math.log(fx) - (logSumExp(H.map((h) => score(p, x, h))) - lz));
  }
  return { params: p, kl };
}

test.run();
