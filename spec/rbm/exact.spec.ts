import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64, zeros, type Matrix } from '../../lib/linalg/matrix.js';
import {
  BernoulliRBM, GaussianBernoulliRBM, SpinRBM, blockGibbs, configurationFromIndex, costGradientExact, createPhaseStatistics,
  enumerateJoint, freeEnergyHidden, hiddenDistributionExact, indexOfConfiguration, klFromEmpirical, logLikelihoodExact,
  logLikelihoodGradientExact, logPartitionExact, logUnnormalizedMarginalHidden, logUnnormalizedMarginalVisible,
  modelExpectationExact, negativeLogLikelihoodExact, negativePhaseExact, phaseStatistics, positivePhaseExact, visibleDistributionExact,
  createRBMGradient, hiddenMeans, type PhaseStatistics, type RBM,
} from '../../lib/rbm/index.js';
import { toyPeopleFruit } from '../../lib/data/index.js';
import { meanWithSE } from '../mcmc/helpers.js';
import { throwsMsg } from '../assert-error.js';
import { allStates, bruteLogZ, dyadicParams, logSumExp, maxAbsDiff, score } from './brute.js';

test('N-EBM-01 logPartitionExact equals the brute double sum over (x, h), M, N <= 4, both enumeration orders (1e-12)', () => {
  for (const [M, N, seed] of [[4, 2, 1], [2, 4, 2], [3, 3, 3], [4, 4, 4], [1, 3, 5]] as const) {
    for (const units of ['bernoulli', 'spin'] as const) {
      const P = dyadicParams(M, N, seed, 2);
      const r = units === 'spin' ? SpinRBM.create(M, N, P) : BernoulliRBM.create(M, N, P);
      const ref = bruteLogZ(P, units);
      const got = logPartitionExact(r);
      assert.ok(Math.abs(got - ref) < 1e-12 * Math.max(1, Math.abs(ref)), `${units} ${M}x${N}: ${got} vs ${ref}`);
    }
  }
});

test('N-EBM-01 Gray-code enumeration with periodic recomputation (2^12 terms) equals a direct sum of −F(x)', () => {
  const P = dyadicParams(12, 14, 8, 0.5);
  const r = BernoulliRBM.create(12, 14, P); // enumerates the 12 visible units: 4096 terms, 4 recomputations
  const terms: number[] = [];
  for (const x of allStates(12, 'bernoulli')) {
    let s = 0; // −F(x) = aᵀx + Σ_j log(1 + e^{θ_j}) written directly
    for (let i = 0; i < 12; i++) s += P.a[i] * x[i];
    for (let j = 0; j < 14; j++) {
      let t = P.b[j];
      for (let i = 0; i < 12; i++) t += x[i] * P.W[i][j];
      s += Math.log1p(Math.exp(t));
    }
    terms.push(s);
  }
  const ref = logSumExp(terms);
  assert.ok(Math.abs(logPartitionExact(r) - ref) < 1e-12 * Math.abs(ref));
  // the same with the layers swapped (enumerates 12 hidden units)
  const Pt = { W: P.b.map((_, j) => P.W.map((row) => row[j])), a: P.b, b: P.a };
  const rt = BernoulliRBM.create(14, 12, Pt);
  assert.ok(Math.abs(logPartitionExact(rt) - ref) < 1e-12 * Math.abs(ref));
});

test('N-EBM-02 N-RBM-03 N-EBM-06 joint table sums to 1 and its log-weights are −E; visible and hidden marginals match the closed forms (N-RBM-04, N-RBM-06)', () => {
  const P = dyadicParams(3, 4, 6, 2);
  const r = BernoulliRBM.create(3, 4, P);
  const rows = enumerateJoint(r);
  assert.is(rows.length, 128);
  assert.ok(Math.abs(rows.reduce((s, q) => s + q.p, 0) - 1) < 1e-13);
  const px = visibleDistributionExact(r), ph = hiddenDistributionExact(r);
  const sx = new Float64Array(8), sh = new Float64Array(16);
  for (const q of rows) {
    sx[indexOfConfiguration(q.x, 'bernoulli')] += q.p;
    sh[indexOfConfiguration(q.h, 'bernoulli')] += q.p;
    assert.is(q.logWeight, score(P, q.x, q.h)); // N-EBM-06 p = e^{−E}/Z, with −E summed independently
  }
  assert.ok(maxAbsDiff(px, sx) < 1e-14);
  assert.ok(maxAbsDiff(ph, sh) < 1e-14);
  const logZ = logPartitionExact(r);
  // N-EBM-06 p = e^{−E}/Z row by row. exp turns the absolute rounding of logWeight − log Z
  // (≈ ulp(5) ≈ 1e-15 here, log Z ≈ 5.06) into a relative error of that size: rel. 1e-14.
  for (const q of rows) assert.ok(Math.abs(q.p - Math.exp(q.logWeight - logZ)) <= 1e-14 * q.p, `p vs e^{−E}/Z: ${q.p}`);
  for (let s = 0; s < 16; s++) {
    const h = configurationFromIndex([0, 0, 0, 0], s, 'bernoulli');
    assert.ok(Math.abs(Math.exp(-freeEnergyHidden(r, h) - logZ) - sh[s]) < 1e-14);
  }
  for (let s = 0; s < 8; s++) {
    const x = configurationFromIndex([0, 0, 0], s, 'bernoulli');
    assert.ok(Math.abs(Math.exp(logUnnormalizedMarginalVisible(r, x) - logZ) - sx[s]) < 1e-14);
  }
});

test('N-EBM-03 N-COST-01 logLikelihoodExact is Σ_k log p(x_k) from the table; the cost is its negative mean', () => {
  const P = dyadicParams(3, 2, 7, 2);
  const r = BernoulliRBM.create(3, 2, P);
  const { data } = toyPeopleFruit();
  const rows = enumerateJoint(r);
  let ref = 0;
  for (let k = 0; k < data.rows; k++) {
    const x = Array.from(data.data.subarray(k * 3, k * 3 + 3));
    ref += Math.log(rows.filter((q) => q.x.every((v, i) => v === x[i])).reduce((s, q) => s + q.p, 0));
  }
  assert.ok(Math.abs(logLikelihoodExact(r, data) - ref) < 1e-12 * Math.abs(ref));
  assert.ok(Math.abs(negativeLogLikelihoodExact(r, data) + ref / 6) < 1e-12 * Math.abs(ref));
});

/**
 * Central differences of f w.r.t. every parameter entry, Richardson-extrapolated:
 * D(d) = (f(θ+d) − f(θ−d))/2d has error d² f‴/6 + O(d⁴), so (4D(d) − D(2d))/3 has error O(d⁴).
 * Parameters on the 2^-8 grid and d = 2^-12 keep every perturbed value exact in float32.
 */
function finiteDifferences(r: RBM, f: () => number): PhaseStatistics {
  const d = 2 ** -12;
  const g = createPhaseStatistics(r);
  const fd = (arr: Float32Array, out: Float64Array | Float32Array) => {
    for (let k = 0; k < arr.length; k++) {
      const old = arr[k];
      const D = (h: number) => {
        arr[k] = old + h; const fp = f();
        arr[k] = old - h; const fm = f();
        arr[k] = old;
        return (fp - fm) / (2 * h);
      };
      out[k] = (4 * D(d) - D(2 * d)) / 3;
    }
  };
  fd(r.W.data, g.W); fd(r.a, g.a); fd(r.b, g.b);
  if (r.kind === 'gaussian-bernoulli') fd(r.sigma, g.sigma!);
  return g;
}

// Truncation error O(d⁴) ≈ 3e-15 · |f⁽⁵⁾| (|f⁽⁵⁾| ≲ 1e4 even at σ = 0.5) plus rounding ≈ 1e-16 |f| / d ≈ 1e-11:
// the map's rel. 1e-6 (gradient) and 1e-7 (∂ log Z) are far above both.
function assertGradClose(what: string, got: PhaseStatistics, fd: PhaseStatistics, tol = 1e-6): void {
  for (const key of ['W', 'a', 'b', 'sigma'] as const) {
    const g = got[key], f = fd[key];
    if (g === undefined || f === undefined) continue;
    for (let k = 0; k < g.length; k++) {
      assert.ok(Math.abs(g[k] - f[k]) <= tol * Math.max(1, Math.abs(f[k])), `${what} ${key}[${k}]: ${g[k]} vs FD ${f[k]}`);
    }
  }
}

test('N-EBM-04 logLikelihoodGradientExact equals central finite differences of logLikelihoodExact (all kinds, both layer orders)', () => {
  const { data } = toyPeopleFruit();
  const cases: [string, RBM, Matrix][] = [
    ['bernoulli 3x2 (enumerates h)', BernoulliRBM.create(3, 2, dyadicParams(3, 2, 31)), data],
    ['bernoulli 3x4 (enumerates x)', BernoulliRBM.create(3, 4, dyadicParams(3, 4, 32)), data],
    ['spin 3x2', SpinRBM.create(3, 2, dyadicParams(3, 2, 33)), matrix(3, 3, [1, -1, 1, -1, 1, -1, 1, 1, 1])],
    ['spin 2x3', SpinRBM.create(2, 3, dyadicParams(2, 3, 34)), matrix(2, 2, [1, -1, -1, -1])],
  ];
  const gp = dyadicParams(2, 3, 35, 1);
  const gb = GaussianBernoulliRBM.create(2, 3, { ...gp, sigma: [0.75, 1.25] });
  cases.push(['gaussian 2x3', gb, matrix(3, 2, [0.5, -1.25, 2, 0.25, -0.75, 1])]);
  for (const [what, r, X] of cases) {
    const g = logLikelihoodGradientExact(createPhaseStatistics(r), r, X);
    const fd = finiteDifferences(r, () => logLikelihoodExact(r, X));
    assertGradClose(what, g, fd);
  }
});

test('N-EBM-05 negativePhaseExact = ∂ log Z/∂θ (finite differences; sign checked) = the enumerated model expectation', () => {
  for (const r of [BernoulliRBM.create(3, 2, dyadicParams(3, 2, 41)), SpinRBM.create(2, 3, dyadicParams(2, 3, 42)),
    GaussianBernoulliRBM.create(2, 2, { ...dyadicParams(2, 2, 43), sigma: [1.5, 0.5] })] as RBM[]) {
    const neg = negativePhaseExact(createPhaseStatistics(r), r);
    const fd = finiteDifferences(r, () => logPartitionExact(r));
    assertGradClose(`${r.kind} ∂logZ`, neg, fd, 1e-7);
  }
  const r = BernoulliRBM.create(3, 2, dyadicParams(3, 2, 41));
  const neg = negativePhaseExact(createPhaseStatistics(r), r);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) {
    const e = modelExpectationExact(r, (x, h) => x[i] * h[j]);
    assert.ok(Math.abs(neg.W[i * 2 + j] - e) < 1e-14, `⟨x_${i} h_${j}⟩`);
  }
});

test('N-RBM-09 N-COST-02 costGradientExact matches finite differences of the cost with the corrected sign (errata E-10)', () => {
  const r = BernoulliRBM.create(3, 2, dyadicParams(3, 2, 51));
  const { data } = toyPeopleFruit();
  const g = costGradientExact(createPhaseStatistics(r), r, data);
  const fd = finiteDifferences(r, () => negativeLogLikelihoodExact(r, data));
  assertGradClose('cost', g, fd);
  // the printed form ⟨x h⟩_data − ⟨x h⟩_model is −∂C/∂w: it disagrees with the finite differences
  const pos = positivePhaseExact(createPhaseStatistics(r), r, data), neg = negativePhaseExact(createPhaseStatistics(r), r);
  let agree = 0;
  for (let k = 0; k < 6; k++) {
    const printed = pos.W[k] - neg.W[k];
    if (Math.abs(printed - fd.W[k]) < 1e-3 * Math.max(1, Math.abs(fd.W[k]))) agree++;
    assert.ok(Math.abs(printed + fd.W[k]) < 1e-5, `printed form is −∂C/∂w_${k}`);
  }
  assert.is(agree, 0);
});

test('N-COST-04 KL(f‖p) − C = −H(f) for the toy data, two random Θ (1e-12)', () => {
  const { data } = toyPeopleFruit();
  const H = -(4 / 6) * Math.log(4 / 6) - (2 / 6) * Math.log(2 / 6);
  for (const seed of [61, 62]) {
    const r = BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(seed));
    const kl = klFromEmpirical(r, data);
    const c = negativeLogLikelihoodExact(r, data);
    assert.ok(Math.abs(kl - c + H) < 1e-12, `seed ${seed}: ${kl - c} vs ${-H}`);
    assert.ok(kl > 0);
  }
  // KL of a model equal to the data distribution is 0: check with a spin RBM's own p as data? Use p(x) weights directly:
  const r = BernoulliRBM.create(3, 2, dyadicParams(3, 2, 63));
  const p = visibleDistributionExact(r);
  let kl = 0;
  const f = [4 / 6, 2 / 6], idx = [5, 2]; // (1,0,1) and (0,1,0)
  for (let t = 0; t < 2; t++) kl += f[t] * Math.log(f[t] / p[idx[t]]);
  assert.ok(Math.abs(klFromEmpirical(r, data) - kl) < 1e-12);
});

test('N-RBM-11 sampled negative phase (block Gibbs chain, Rao-Blackwellised) within 4 SE (ESS) of the exact one, 4x3', () => {
  const r = BernoulliRBM.create(4, 3, dyadicParams(4, 3, 71, 1));
  const exact = negativePhaseExact(createPhaseStatistics(r), r);
  const T = 6000;
  const x = matrix(1, 4, [1, 1, 0, 0]);
  const rng = new Rng(72);
  blockGibbs(x, r, x, 50, rng);
  const stats = createRBMGradient(r), h = zeros(1, 3);
  const series = [new Float64Array(T), new Float64Array(T), new Float64Array(T)];
  for (let t = 0; t < T; t++) {
    blockGibbs(x, r, x, 1, rng);
    const st = phaseStatistics(stats, r, x, hiddenMeans(h, r, x)); // E[−∂E/∂θ | x] at the chain state
    series[0][t] = st.W.data[0]; series[1][t] = st.a[2]; series[2][t] = st.b[1];
  }
  const exactVals = [exact.W[0], exact.a[2], exact.b[1]];
  for (let s = 0; s < 3; s++) {
    const e = meanWithSE(series[s]);
    assert.ok(Math.abs(e.mean - exactVals[s]) < 4 * e.se, `stat ${s}: ${e.mean} vs ${exactVals[s]} (SE ${e.se})`);
  }
});

test('exact functions: bad inputs throw clear errors', () => {
  const g = GaussianBernoulliRBM.create(2, 2, 'hinton', new Rng(1));
  const b = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  throwsMsg(() => visibleDistributionExact(g), TypeError,
    'visibleDistributionExact: a gaussian-bernoulli RBM has a density over real x, not a table; use logUnnormalizedMarginalVisible and logPartitionExact');
  throwsMsg(() => enumerateJoint(g), TypeError, 'enumerateJoint: a gaussian-bernoulli RBM has continuous x; the joint cannot be tabulated');
  throwsMsg(() => klFromEmpirical(g, matrix(1, 2)), TypeError,
    'klFromEmpirical: the empirical distribution of real-valued data has no density; KL needs a binary or spin RBM');
  const big = BernoulliRBM.create(30, 28, 'hinton', new Rng(1));
  throwsMsg(() => logPartitionExact(big), RangeError,
    'logPartitionExact: enumerating the smaller layer needs 2^28 terms, above the limit 2^25 (options.maxUnits); the RBM is 30x28');
  throwsMsg(() => logPartitionExact(b, { maxUnits: 0 }), RangeError, 'logPartitionExact: options.maxUnits must be a positive integer, got 0');
  throwsMsg(() => logLikelihoodExact(b, matrix(1, 3, [1, 0.5, 0])), RangeError, 'logLikelihoodExact: data[0, 1] must be 0 or 1 (binary units), got 0.5');
  throwsMsg(() => logLikelihoodExact(b, matrix(1, 2)), RangeError, 'logLikelihoodExact: data is 1x2 but the RBM has nVisible = 3');
  throwsMsg(() => logLikelihoodGradientExact({ W: new Float64Array(6), a: new Float64Array(3), b: new Float64Array(3) }, b, matrix(1, 3)), RangeError,
    'logLikelihoodGradientExact: out.b has length 3 but the 3x2 RBM needs 2');
  throwsMsg(() => costGradientExact(createPhaseStatistics(b), b, matrix64(0, 3)), RangeError, 'costGradientExact: data has no rows');
  throwsMsg(() => negativeLogLikelihoodExact(SpinRBM.create(2, 1, 'hinton', new Rng(1)), matrix(1, 2, [1, 0])), RangeError,
    'negativeLogLikelihoodExact: data[0, 1] must be -1 or +1 (spin units), got 0');
  throwsMsg(() => enumerateJoint(BernoulliRBM.create(12, 10, 'hinton', new Rng(1))), RangeError,
    'enumerateJoint: the joint of a 12x10 RBM has 2^22 rows, above the limit 2^20 (options.maxUnits)');
  throwsMsg(() => enumerateJoint(b, { labels: ['A', 'B'] }), RangeError, 'enumerateJoint: options.labels has length 2 but must have length 5');
  throwsMsg(() => modelExpectationExact(b, 3 as unknown as () => number), TypeError, 'modelExpectationExact: f must be a function (x, h) => number, got 3');
  throwsMsg(() => negativePhaseExact({} as PhaseStatistics, b), TypeError, 'negativePhaseExact: out.W must be a Float64Array or Float32Array, got undefined');
  throwsMsg(() => logUnnormalizedMarginalHidden(b, [0, 2]), RangeError, 'logUnnormalizedMarginalHidden: h[1] must be 0 or 1 (binary units), got 2');
  throwsMsg(() => logUnnormalizedMarginalVisible(b, [0, 1]), RangeError, 'logUnnormalizedMarginalVisible: x has length 2 but must have length 3');
  throwsMsg(() => hiddenDistributionExact(b, { maxUnits: 1 }), RangeError,
    'hiddenDistributionExact: enumerating the smaller layer needs 2^2 terms, above the limit 2^1 (options.maxUnits); the RBM is 3x2');
  throwsMsg(() => configurationFromIndex([0, 0], 4, 'bernoulli'), RangeError, 'configurationFromIndex: index must be an integer in [0, 2^2), got 4');
  throwsMsg(() => indexOfConfiguration([1, -1], 'bernoulli'), RangeError, 'indexOfConfiguration: x[1] must be 0 or 1 (binary units), got -1');
  void zeros;
});

test.run();
