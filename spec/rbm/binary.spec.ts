import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, zeros, type Matrix } from '../../lib/linalg/matrix.js';
import {
  BernoulliRBM, GaussianBernoulliRBM, SpinRBM, blockGibbs, createPhaseStatistics, createRBMGradient, energy, freeEnergy,
  gibbsStep, hiddenInput, hiddenMeans, hiddenProbabilities, initVisibleBiasFromData, phaseStatistics, positivePhaseExact,
  sampleHiddenFromProbabilities, sampleHiddenGivenVisible, sampleVisibleFromProbabilities, sampleVisibleGivenHidden,
  visibleDistributionExact, visibleInput, visibleKernelExact, visibleMean, visibleProbabilities, indexOfConfiguration,
} from '../../lib/rbm/index.js';
import { correctedChiSquare } from '../mcmc/helpers.js';
import { throwsMsg, throwsWith } from '../assert-error.js';
import { allStates, CHI2_999, dyadicParams, maxAbsDiff, score, type Params } from './brute.js';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const rowOf = (M: Matrix, k: number) => Array.from(M.data.subarray(k * M.cols, (k + 1) * M.cols));
const P43 = dyadicParams(4, 3, 11);
const rbm43 = () => BernoulliRBM.create(4, 3, P43);
const allX4 = () => matrix(16, 4, allStates(4, 'bernoulli').flat());

// Float32 kernels (gemm + sigmoid in float32): θ has relative error ~ a few float32 ulps times Σ|x_i w_ij|
// (≤ 7 here), so probabilities agree with float64 references to ~1e-6; we allow 2e-6 (DESIGN: float32 paths).
const F32_TOL = 2e-6;

test('N-RBM-01 create: shapes, zero biases, explicit arrays copied; the hinton default has sd 0.01', () => {
  const r = BernoulliRBM.create(30, 20, undefined, new Rng(1));
  assert.is(r.kind, 'bernoulli');
  assert.is(r.W.rows, 30); assert.is(r.W.cols, 20);
  assert.equal(Array.from(r.a), new Array(30).fill(0));
  assert.equal(Array.from(r.b), new Array(20).fill(0));
  // sample sd of 600 N(0, 0.01²) draws: relative SE of s² is sqrt(2/599) = 5.8%; allow 4 SE (23%)
  let s2 = 0;
  for (const w of r.W.data) s2 += w * w;
  s2 /= r.W.data.length;
  assert.ok(Math.abs(s2 / 1e-4 - 1) < 4 * Math.sqrt(2 / 599), `variance ${s2}`);
  const e = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
  assert.equal(Array.from(e.W.data), [2, -1, -6, 4, 2, -3]);
  const flat = BernoulliRBM.create(3, 2, { W: [2, -1, -6, 4, 2, -3], a: [1, 2, 1], b: [2, 1] });
  assert.equal(Array.from(flat.W.data), [2, -1, -6, 4, 2, -3]);
});

test('N-CDT-03 glorot-normal: sample variance of w within 4 SE of 2/(M+N)', () => {
  const M = 200, N = 100;
  const r = BernoulliRBM.create(M, N, 'glorot-normal', new Rng(5));
  const v = 2 / (M + N);
  let s2 = 0;
  for (const w of r.W.data) s2 += w * w;
  s2 /= M * N;
  const se = v * Math.sqrt(2 / (M * N)); // SE of the mean of w² for w ~ N(0, v): sqrt(2) v / sqrt(n)
  assert.ok(Math.abs(s2 - v) < 4 * se, `variance ${s2} vs ${v} (SE ${se})`);
});

test('N-RBM-01 bad shapes and init throw naming the function and the shapes', () => {
  throwsMsg(() => BernoulliRBM.create(3, 2, { W: [[1, 2, 3], [4, 5, 6]] as number[][], a: [0, 0, 0], b: [0, 0] }), RangeError,
    'BernoulliRBM.create: init.W has 2 rows but the RBM has nVisible = 3');
  throwsMsg(() => BernoulliRBM.create(3, 2, { W: matrix(2, 3), a: [0, 0, 0], b: [0, 0] }), RangeError,
    'BernoulliRBM.create: init.W is 2x3 but the RBM is 3x2 (nVisible x nHidden)');
  throwsMsg(() => BernoulliRBM.create(3, 2, { W: new Float32Array(6), a: [0, 0], b: [0, 0] }), RangeError,
    'BernoulliRBM.create: init.a has length 2 but must have length 3');
  throwsMsg(() => BernoulliRBM.create(0, 2, 'hinton', new Rng(1)), RangeError, 'BernoulliRBM.create: nVisible must be a positive integer, got 0');
  throwsMsg(() => BernoulliRBM.create(2.5, 2, 'hinton', new Rng(1)), RangeError, 'BernoulliRBM.create: nVisible must be a positive integer, got 2.5');
  throwsMsg(() => BernoulliRBM.create(3, 2, 'xavier' as 'hinton', new Rng(1)), RangeError,
    `BernoulliRBM.create: init must be 'hinton', 'glorot-normal' or { W, a, b }, got "xavier"`);
  throwsMsg(() => BernoulliRBM.create(3, 2, 'hinton'), TypeError, `BernoulliRBM.create: init 'hinton' needs an Rng as the rng argument, got undefined`);
  throwsMsg(() => BernoulliRBM.create(1, 1, { W: [[NaN]], a: [0], b: [0] }), RangeError, 'BernoulliRBM.create: init.W[0] must be finite, got NaN');
  throwsMsg(() => new BernoulliRBM(matrix(3, 2), new Float32Array(2), new Float32Array(2)), RangeError,
    'new BernoulliRBM: W is 3x2 (nVisible x nHidden) but a has length 2');
});

test('N-RBM-02 energy of a hand-computed 2x2 configuration', () => {
  // a = (0.5, -1), b = (2, 0.25), W = [[1, -2], [3, 0.5]], x = (1, 1), h = (1, 0):
  // E = −(0.5 − 1) − (2) − (1·1·1 + 1·3·1) = 0.5 − 2 − 4 = −5.5
  const r = BernoulliRBM.create(2, 2, { W: [[1, -2], [3, 0.5]], a: [0.5, -1], b: [2, 0.25] });
  assert.is(energy(r, [1, 1], [1, 0]), -5.5);
  assert.is(energy(r, [0, 0], [0, 0]), 0);
  // E(0,1; 0,1) = −(−1) − 0.25 − 0.5 = 0.25
  assert.is(energy(r, [0, 1], [0, 1]), 0.25);
});

test('N-EBM-07 phaseStatistics of one sampled (x, h) is −∂E/∂θ: central finite differences of energy (dyadic parameters: exact)', () => {
  const P = dyadicParams(3, 2, 3);
  const r = BernoulliRBM.create(3, 2, P);
  const x = [1, 0, 1], h = [1, 1];
  const s = phaseStatistics(createRBMGradient(r), r, matrix(1, 3, x), matrix(1, 2, h));
  // ∂E/∂θ = −(the statistic); 0/1 values and one row: every entry is exact in float32
  const g = { W: Array.from(s.W.data, (v) => -v), a: Array.from(s.a, (v) => -v), b: Array.from(s.b, (v) => -v) };
  const d = 2 ** -10; // θ ± d is exact in float32 for |θ| < 2^13 on the 2^-10 grid; E is linear in θ, so FD is exact
  const fd = (arr: Float32Array, k: number) => {
    const old = arr[k];
    arr[k] = old + d; const ep = energy(r, x, h);
    arr[k] = old - d; const em = energy(r, x, h);
    arr[k] = old;
    return (ep - em) / (2 * d);
  };
  for (let k = 0; k < 6; k++) assert.is(g.W[k], fd(r.W.data, k), `W ${k}`);
  for (let i = 0; i < 3; i++) assert.is(g.a[i], fd(r.a, i), `a ${i}`);
  for (let j = 0; j < 2; j++) assert.is(g.b[j], fd(r.b, j), `b ${j}`);
  assert.equal(Array.from(g.W), [-1, -1, 0, 0, -1, -1]); // ∂E/∂w_ij = −x_i h_j
});

test('N-RBM-04 N-RBM-05 freeEnergy equals −log Σ_h e^{−E} by enumeration (M=4, N=3), and stays finite at ±1000', () => {
  const r = rbm43();
  const X = allX4();
  const F = freeEnergy(new Float64Array(16), r, X);
  const Hs = allStates(3, 'bernoulli');
  for (let k = 0; k < 16; k++) {
    const x = rowOf(X, k);
    let s = 0;
    for (const h of Hs) s += Math.exp(score(P43, x, h));
    const ref = -Math.log(s);
    // θ from a float32 gemm: |Δθ| ≲ 1e-6 · Σ|w| per unit, |ΔF| ≤ Σ_j |Δθ_j| ≲ 3e-6; allow 1e-5
    assert.ok(Math.abs(F[k] - ref) < 1e-5, `row ${k}: ${F[k]} vs ${ref}`);
  }
  const big = BernoulliRBM.create(1, 2, { W: [[1000, -1000]], a: [0], b: [0, 0] });
  const Fb = freeEnergy(new Float32Array(1), big, matrix(1, 1, [1]));
  // F = −softplus(1000) − softplus(−1000) = −1000 − e^{−1000} = −1000
  assert.is(Fb[0], -1000);
});

test('N-RBM-07 hiddenProbabilities equals the Bayes ratio of the enumerated joint; product equals p(h|x); on + off = 1', () => {
  const r = rbm43();
  const X = allX4();
  const Ph = hiddenProbabilities(zeros(16, 3), r, X);
  const Hs = allStates(3, 'bernoulli');
  for (let k = 0; k < 16; k++) {
    const x = rowOf(X, k);
    const wts = Hs.map((h) => Math.exp(score(P43, x, h)));
    const tot = wts.reduce((s, v) => s + v, 0);
    for (let j = 0; j < 3; j++) {
      let on = 0;
      Hs.forEach((h, t) => { if (h[j] === 1) on += wts[t]; });
      assert.ok(Math.abs(Ph.data[k * 3 + j] - on / tot) < F32_TOL, `x ${k} unit ${j}`);
    }
    Hs.forEach((h, t) => {
      let prod = 1;
      for (let j = 0; j < 3; j++) prod *= h[j] === 1 ? Ph.data[k * 3 + j] : 1 - Ph.data[k * 3 + j];
      assert.ok(Math.abs(prod - wts[t] / tot) < 3 * F32_TOL, `p(h|x) x ${k} h ${t}`);
    });
  }
  // hiddenMeans is the same for 0/1 units; hiddenInput is θ = b + xᵀW
  assert.ok(maxAbsDiff(hiddenMeans(zeros(16, 3), r, X).data, Ph.data) === 0);
  const th = hiddenInput(zeros(16, 3), r, X);
  for (let k = 0; k < 16; k++) for (let j = 0; j < 3; j++) {
    let t = P43.b[j];
    for (let i = 0; i < 4; i++) t += X.data[k * 4 + i] * P43.W[i][j];
    assert.ok(Math.abs(th.data[k * 3 + j] - t) < 1e-5);
  }
});

test('N-RBM-08 visibleProbabilities equals the Bayes ratio p(x_i = 1 | h) of the enumerated joint', () => {
  const r = rbm43();
  const Hs = allStates(3, 'bernoulli');
  const H = matrix(8, 3, Hs.flat());
  const Pv = visibleProbabilities(zeros(8, 4), r, H);
  const Xs = allStates(4, 'bernoulli');
  for (let t = 0; t < 8; t++) {
    const wts = Xs.map((x) => Math.exp(score(P43, x, Hs[t])));
    const tot = wts.reduce((s, v) => s + v, 0);
    for (let i = 0; i < 4; i++) {
      let on = 0;
      Xs.forEach((x, s) => { if (x[i] === 1) on += wts[s]; });
      assert.ok(Math.abs(Pv.data[t * 4 + i] - on / tot) < F32_TOL);
    }
  }
  assert.equal(Array.from(visibleMean(zeros(8, 4), r, H).data), Array.from(Pv.data));
  const vi = visibleInput(zeros(8, 4), r, H);
  assert.ok(Math.abs(sig(vi.data[5]) - Pv.data[5]) < F32_TOL);
});

test('N-RBM-10 phaseStatistics(X, E[h|X]) equals Σ_h p(h|x) x_i h_j averaged over the batch (enumeration)', () => {
  const r = rbm43();
  const X = matrix(3, 4, [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1]);
  const st = phaseStatistics(createRBMGradient(r), r, X, hiddenMeans(zeros(3, 3), r, X));
  const s = { W: st.W.data, a: st.a, b: st.b };
  const Hs = allStates(3, 'bernoulli');
  const W = new Float64Array(12), b = new Float64Array(3), a = new Float64Array(4);
  for (let k = 0; k < 3; k++) {
    const x = rowOf(X, k);
    const wts = Hs.map((h) => Math.exp(score(P43, x, h)));
    const tot = wts.reduce((u, v) => u + v, 0);
    Hs.forEach((h, t) => {
      const p = wts[t] / tot / 3;
      for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) W[i * 3 + j] += p * x[i] * h[j];
      for (let j = 0; j < 3; j++) b[j] += p * h[j];
    });
    for (let i = 0; i < 4; i++) a[i] += x[i] / 3;
  }
  assert.ok(maxAbsDiff(s.W, W) < F32_TOL, `W ${maxAbsDiff(s.W, W)}`);
  assert.ok(maxAbsDiff(s.b, b) < F32_TOL);
  assert.ok(maxAbsDiff(s.a, a) <= 2 ** -24); // float32 storage: one rounding of a mean in [0, 1]
  // the float64 reference (exact.ts) holds the same statistics to float64 rounding
  const ref = positivePhaseExact(createPhaseStatistics(r), r, X);
  assert.ok(maxAbsDiff(ref.W, W) < 1e-15, `W ${maxAbsDiff(ref.W, W)}`);
  assert.ok(maxAbsDiff(ref.b, b) < 1e-15);
  assert.ok(maxAbsDiff(ref.a, a) < 1e-15);
});

test('N-GIBBS-03 sampleHiddenGivenVisible / sampleVisibleGivenHidden frequencies within 4 SE of the probabilities', () => {
  const r = rbm43();
  const n = 4000;
  const X = matrix(n, 4);
  for (let k = 0; k < n; k++) X.data.set([1, 0, 1, 1], k * 4);
  const P = hiddenProbabilities(zeros(1, 3), r, matrix(1, 4, [1, 0, 1, 1])).data;
  const H = sampleHiddenGivenVisible(zeros(n, 3), r, X, new Rng(9));
  for (let j = 0; j < 3; j++) {
    let c = 0;
    for (let k = 0; k < n; k++) c += H.data[k * 3 + j];
    const se = Math.sqrt((P[j] * (1 - P[j])) / n); // independent draws
    assert.ok(Math.abs(c / n - P[j]) < 4 * se, `unit ${j}: ${c / n} vs ${P[j]}`);
  }
  const Hm = matrix(n, 3);
  for (let k = 0; k < n; k++) Hm.data.set([1, 0, 1], k * 3);
  const Pv = visibleProbabilities(zeros(1, 4), r, matrix(1, 3, [1, 0, 1])).data;
  const V = sampleVisibleGivenHidden(zeros(n, 4), r, Hm, new Rng(10));
  for (let i = 0; i < 4; i++) {
    let c = 0;
    for (let k = 0; k < n; k++) c += V.data[k * 4 + i];
    const se = Math.sqrt((Pv[i] * (1 - Pv[i])) / n);
    assert.ok(Math.abs(c / n - Pv[i]) < 4 * se, `visible ${i}`);
  }
  // probabilities 0 and 1 are deterministic
  const d = sampleHiddenFromProbabilities(zeros(2, 3), r, matrix(2, 3, [0, 1, 0, 1, 0, 1]), new Rng(1));
  assert.equal(Array.from(d.data), [0, 1, 0, 1, 0, 1]);
  const v = sampleVisibleFromProbabilities(zeros(1, 4), r, matrix(1, 4, [1, 1, 0, 0]), new Rng(1));
  assert.equal(Array.from(v.data), [1, 1, 0, 0]);
});

test('N-GIBBS-02 exact visible kernel K(x\'|x) (3x2): matches brute force, columns sum to 1, p(x) stationary to 1e-12', () => {
  const P = dyadicParams(3, 2, 21, 2);
  const r = BernoulliRBM.create(3, 2, P);
  const K = visibleKernelExact(r);
  const Xs = allStates(3, 'bernoulli'), Hs = allStates(2, 'bernoulli');
  // brute: p(h|x) and p(x'|h) as Bayes ratios of the joint
  const joint = (x: number[], h: number[]) => Math.exp(score(P, x, h));
  for (let from = 0; from < 8; from++) {
    for (let to = 0; to < 8; to++) {
      let k = 0;
      for (const h of Hs) {
        const phx = joint(Xs[from], h) / Hs.reduce((s, g) => s + joint(Xs[from], g), 0);
        const pxh = joint(Xs[to], h) / Xs.reduce((s, y) => s + joint(y, h), 0);
        k += pxh * phx;
      }
      assert.ok(Math.abs(K.data[to * 8 + from] - k) < 1e-14, `K[${to}][${from}]`);
    }
    let col = 0;
    for (let to = 0; to < 8; to++) col += K.data[to * 8 + from];
    assert.ok(Math.abs(col - 1) < 1e-14);
  }
  const p = visibleDistributionExact(r);
  for (let to = 0; to < 8; to++) {
    let kp = 0;
    for (let from = 0; from < 8; from++) kp += K.data[to * 8 + from] * p[from];
    assert.ok(Math.abs(kp - p[to]) < 1e-12, `(Kp)_${to} = ${kp} vs ${p[to]}`);
  }
});

test('N-GIBBS-02 a long block-Gibbs chain matches exact p(x) by ESS-corrected chi-square (df 7, 0.1% level)', () => {
  const P = dyadicParams(3, 2, 21, 2);
  const r = BernoulliRBM.create(3, 2, P);
  const p = Array.from(visibleDistributionExact(r));
  const rng = new Rng(2024);
  const T = 40000;
  const x = matrix(1, 3, [1, 0, 1]), h = zeros(1, 2);
  for (let t = 0; t < 100; t++) gibbsStep(x, h, r, x, rng); // burn-in
  const states = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    gibbsStep(x, h, r, x, rng);
    states[t] = indexOfConfiguration(x.data, 'bernoulli');
  }
  const { stat, tauMax } = correctedChiSquare(states, p);
  assert.ok(stat < CHI2_999[7], `chi-square ${stat.toFixed(2)} (tau ${tauMax.toFixed(2)}) >= ${CHI2_999[7]}`);
  // blockGibbs over many parallel chains (rows), 50 steps each from x = 000
  const n = 20000;
  const X = matrix(n, 3);
  blockGibbs(X, r, X, 50, new Rng(7));
  const ind = new Int32Array(n);
  for (let k = 0; k < n; k++) ind[k] = indexOfConfiguration(X.data.subarray(k * 3, k * 3 + 3), 'bernoulli');
  // independent chains: the rows are iid draws from K^50 e_0 (exact, from the kernel), so plain chi-square
  const K = visibleKernelExact(r);
  let q = new Float64Array(8); q[0] = 1;
  for (let t = 0; t < 50; t++) {
    const nq = new Float64Array(8);
    for (let to = 0; to < 8; to++) for (let from = 0; from < 8; from++) nq[to] += K.data[to * 8 + from] * q[from];
    q = nq;
  }
  let raw = 0;
  const counts = new Float64Array(8);
  for (const s of ind) counts[s]++;
  for (let s = 0; s < 8; s++) raw += (counts[s] - n * q[s]) ** 2 / (n * q[s]);
  assert.ok(raw < CHI2_999[7], `blockGibbs chi-square ${raw}`);
});

test('initVisibleBiasFromData: a_i = log(p/(1−p)) with p = (count+1)/(n+2) (bernoulli), ½ logit (spin), mean (gaussian)', () => {
  const r = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  initVisibleBiasFromData(r, matrix(4, 3, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]));
  // counts 3, 0, 3 of n = 4 → p = 4/6, 1/6, 4/6
  const lg = (p: number) => Math.fround(Math.log(p / (1 - p)));
  assert.equal(Array.from(r.a), [lg(4 / 6), lg(1 / 6), lg(4 / 6)]);
  // spin: +1 counts 2, 0 of n = 3 → p = 3/5, 1/5; a = ½ logit p because p(x_i = +1) = σ(2 a_i)
  const sp = SpinRBM.create(2, 1, 'hinton', new Rng(1));
  initVisibleBiasFromData(sp, matrix(3, 2, [1, -1, 1, -1, -1, -1]));
  assert.equal(Array.from(sp.a), [Math.fround(Math.log(1.5) / 2), Math.fround(Math.log(0.25) / 2)]);
  const g = GaussianBernoulliRBM.create(2, 1, 'hinton', new Rng(1));
  initVisibleBiasFromData(g, matrix(2, 2, [1, 5, 3, -1]));
  assert.equal(Array.from(g.a), [2, 2]);
  throwsMsg(() => initVisibleBiasFromData(r, matrix(1, 3, [2, 0, 0])), RangeError,
    'initVisibleBiasFromData: data[0, 0] must be in [0, 1] for a Bernoulli RBM, got 2');
  throwsMsg(() => initVisibleBiasFromData(r, matrix(1, 2)), RangeError, 'initVisibleBiasFromData: data is 1x2 but the RBM has nVisible = 3');
  throwsWith(() => initVisibleBiasFromData({} as never, matrix(1, 2)), TypeError,
    'initVisibleBiasFromData: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got');
});

test('bad inputs to the batched functions throw clear errors', () => {
  const r = rbm43();
  const rng = new Rng(1);
  throwsMsg(() => hiddenProbabilities(zeros(2, 3), r, zeros(2, 5)), RangeError, 'hiddenProbabilities: X is 2x5 but the RBM has nVisible = 4');
  throwsMsg(() => hiddenProbabilities(zeros(2, 2), r, zeros(2, 4)), RangeError, 'hiddenProbabilities: out is 2x2 but must be 2x3 (X.rows x nHidden)');
  throwsMsg(() => hiddenProbabilities(zeros(2, 3), {} as BernoulliRBM, zeros(2, 4)), TypeError,
    'hiddenProbabilities: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got Object');
  throwsWith(() => hiddenMeans(zeros(2, 3), r, { rows: 2, cols: 4, data: new Float64Array(8) } as unknown as Matrix), TypeError,
    'hiddenMeans: X must be a Matrix with Float32Array data');
  throwsMsg(() => hiddenInput(zeros(1, 3), r, zeros(1, 3)), RangeError, 'hiddenInput: X is 1x3 but the RBM has nVisible = 4');
  throwsMsg(() => visibleProbabilities(zeros(2, 4), r, zeros(2, 4)), RangeError, 'visibleProbabilities: H is 2x4 but the RBM has nHidden = 3');
  throwsMsg(() => visibleMean(zeros(2, 3), r, zeros(2, 3)), RangeError, 'visibleMean: out is 2x3 but must be 2x4 (H.rows x nVisible)');
  throwsMsg(() => visibleInput(zeros(2, 3), r, zeros(2, 3)), RangeError, 'visibleInput: out is 2x3 but must be 2x4 (H.rows x nVisible)');
  throwsMsg(() => freeEnergy(new Float64Array(3), r, zeros(2, 4)), RangeError, 'freeEnergy: out has length 3 but X has 2 rows (one free energy per row)');
  throwsMsg(() => energy(r, [1, 0, 2, 0], [0, 0, 0]), RangeError, 'energy: x[2] must be 0 or 1 (binary units), got 2');
  throwsMsg(() => energy(r, [1, 0, 1], [0, 0, 0]), RangeError, 'energy: x has length 3 but must have length 4');
  throwsMsg(() => sampleHiddenGivenVisible(zeros(1, 3), r, zeros(1, 4), undefined as unknown as Rng), TypeError,
    'sampleHiddenGivenVisible: rng must be an Rng, got undefined');
  throwsMsg(() => sampleVisibleGivenHidden(zeros(1, 4), r, zeros(1, 4), rng), RangeError, 'sampleVisibleGivenHidden: H is 1x4 but the RBM has nHidden = 3');
  throwsMsg(() => sampleHiddenGivenVisible(zeros(1, 3), r, matrix(1, 4, [0, NaN, 0, 0]), rng), RangeError,
    'sampleHiddenGivenVisible: X[0, 1] must be finite, got NaN');
  throwsMsg(() => blockGibbs(zeros(2, 4), r, matrix(2, 4, [0, 0, 0, 0, 1, 1, Infinity, 0]), 1, rng), RangeError,
    'blockGibbs: X0[1, 2] must be finite, got Infinity');
  throwsMsg(() => sampleHiddenFromProbabilities(zeros(1, 3), r, matrix(1, 3, [0.5, 2, 0]), rng), RangeError,
    'sampleHiddenFromProbabilities: P[0, 1] must be a probability in [0, 1], got 2');
  throwsMsg(() => sampleVisibleFromProbabilities(zeros(1, 3), r, zeros(1, 4), rng), RangeError,
    'sampleVisibleFromProbabilities: out is 1x3 but must be 1x4 (P.rows x nVisible)');
  throwsMsg(() => gibbsStep(zeros(2, 4), zeros(2, 2), r, zeros(2, 4), rng), RangeError, 'gibbsStep: outH is 2x2 but must be 2x3 (X.rows x nHidden)');
  const X = zeros(2, 4);
  throwsMsg(() => gibbsStep(X, { rows: 2, cols: 3, data: X.data.subarray(0, 6) }, r, X, rng), RangeError,
    'gibbsStep: outH must not share memory with outX or X');
  throwsMsg(() => blockGibbs(zeros(2, 4), r, zeros(2, 4), -1, rng), RangeError, 'blockGibbs: k must be a non-negative integer, got -1');
  throwsMsg(() => blockGibbs(zeros(3, 4), r, zeros(2, 4), 1, rng), RangeError, 'blockGibbs: outX is 3x4 but must be 2x4 (X0.rows x nVisible)');
  throwsMsg(() => phaseStatistics(createRBMGradient(r), r, zeros(0, 4), zeros(0, 3)), RangeError,
    'phaseStatistics: X is 0x4 but must be Bx4 with B >= 1 (nVisible = 4)');
  throwsMsg(() => phaseStatistics({ W: zeros(1, 3), a: new Float32Array(4), b: new Float32Array(3), logSigma: null }, r, zeros(1, 4), zeros(1, 3)), RangeError,
    'phaseStatistics: out.W is 1x3 but the RBM is 4x3');
  throwsMsg(() => phaseStatistics(createRBMGradient(r), r, zeros(2, 4), zeros(1, 3)), RangeError,
    'phaseStatistics: H is 1x3 but must be 2x3 (X rows x nHidden)');
});

test.run();
