import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, zeros } from '../../lib/linalg/matrix.js';
import {
  GaussianBernoulliRBM, createPhaseStatistics, createRBMGradient, energy, freeEnergy, hiddenDistributionExact, hiddenMeans,
  hiddenProbabilities, logPartitionExact, logUnnormalizedMarginalHidden, logUnnormalizedMarginalVisible, phaseStatistics, positivePhaseExact,
  sampleVisibleGivenHidden, visibleMean, visibleProbabilities, configurationFromIndex,
} from '../../lib/rbm/index.js';
import { throwsMsg } from '../assert-error.js';
import { allStates, dyadicParams, logSumExp, type Params } from './brute.js';

/** E_GB from the component sum of N-GRBM-01, written independently of the library. */
function eGB(p: Params, x: number[], h: number[]): number {
  let e = 0;
  for (let i = 0; i < x.length; i++) e += (x[i] - p.a[i]) ** 2 / (2 * p.sigma![i] ** 2);
  for (let j = 0; j < h.length; j++) e -= p.b[j] * h[j];
  for (let i = 0; i < x.length; i++) for (let j = 0; j < h.length; j++) e -= (x[i] * p.W[i][j] * h[j]) / p.sigma![i] ** 2;
  return e;
}

/**
 * Trapezoid grid for integrating sums of Gaussians in x_i: step σ_i/8 over [min mean − 12σ_i, max mean + 12σ_i].
 * For a Gaussian the trapezoid rule's error is ≈ 2 exp(−2π²σ²/h²) = 2e^{−1263} (spectral accuracy) and the
 * cut tails are ≈ e^{−72}: the quadrature is exact to rounding (≈ 1e-14 relative), so tests allow 1e-10.
 */
function grid(p: Params, i: number): { xs: number[]; dx: number } {
  const N = p.b.length, s = p.sigma![i];
  let lo = Infinity, hi = -Infinity;
  for (const h of allStates(N, 'bernoulli')) {
    let u = 0;
    for (let j = 0; j < N; j++) u += p.W[i][j] * h[j];
    lo = Math.min(lo, p.a[i] + u); hi = Math.max(hi, p.a[i] + u);
  }
  const dx = s / 8, xs: number[] = [];
  for (let x = lo - 12 * s; x <= hi + 12 * s; x += dx) xs.push(x);
  return { xs, dx };
}

/** ∫ g(x) dx over R^M (M = 1 or 2) by the trapezoid grids above (integrand negligible at the ends). */
function integrate(p: Params, g: (x: number[]) => number): number {
  const M = p.a.length;
  const g0 = grid(p, 0);
  let s = 0;
  if (M === 1) for (const x of g0.xs) s += g([x]);
  else {
    const g1 = grid(p, 1);
    for (const x0 of g0.xs) for (const x1 of g1.xs) s += g([x0, x1]);
    s *= g1.dx;
  }
  return s * g0.dx;
}

const P1: Params = { ...dyadicParams(1, 2, 101, 1.5), sigma: [0.75] };
const P2: Params = { ...dyadicParams(2, 2, 102, 1.5), sigma: [1.25, 0.5] };
const mk = (p: Params) => GaussianBernoulliRBM.create(p.a.length, p.b.length, p);

test('N-GRBM-01 energy equals the corrected vector form ½‖(x−a)/σ‖² − bᵀh − (x/σ²)ᵀWh (errata E-12)', () => {
  const r = mk(P2);
  const x = [0.3, -1.7], h = [1, 0];
  const sq = ((x[0] - P2.a[0]) / P2.sigma![0]) ** 2 + ((x[1] - P2.a[1]) / P2.sigma![1]) ** 2;
  const xs = [x[0] / P2.sigma![0] ** 2, x[1] / P2.sigma![1] ** 2];
  const vec = 0.5 * sq - (P2.b[0] * h[0] + P2.b[1] * h[1]) - (xs[0] * P2.W[0][0] + xs[1] * P2.W[1][0]);
  const e = energy(r, x, h);
  assert.ok(Math.abs(e - vec) < 1e-14 * Math.max(1, Math.abs(vec)));
  assert.ok(Math.abs(e - eGB(P2, x, h)) < 1e-14 * Math.max(1, Math.abs(vec)));
  // the printed ‖(x−a)/(2σ)‖² is a different energy
  const printed = ((x[0] - P2.a[0]) / (2 * P2.sigma![0])) ** 2 + ((x[1] - P2.a[1]) / (2 * P2.sigma![1])) ** 2;
  assert.ok(Math.abs(0.5 * sq - printed) > 0.1);
});

test('N-GRBM-03 closed-form log Z equals quadrature of Σ_h e^{−E} over x (M = 1 and 2; 1e-10)', () => {
  for (const p of [P1, P2]) {
    const N = p.b.length;
    const Z = integrate(p, (x) => allStates(N, 'bernoulli').reduce((s, h) => s + Math.exp(-eGB(p, x, h)), 0));
    const got = logPartitionExact(mk(p));
    assert.ok(Math.abs(got - Math.log(Z)) < 1e-10, `M=${p.a.length}: ${got} vs ${Math.log(Z)}`);
  }
});

test('N-GRBM-04 ∫ p(x) dx = 1 by quadrature (M = 1, 2); batched freeEnergy agrees with the float64 marginal', () => {
  for (const p of [P1, P2]) {
    const r = mk(p);
    const logZ = logPartitionExact(r);
    const mass = integrate(p, (x) => Math.exp(logUnnormalizedMarginalVisible(r, x) - logZ));
    assert.ok(Math.abs(mass - 1) < 1e-10, `mass ${mass}`);
  }
  const r = mk(P2);
  const X = matrix(3, 2, [0.5, -1, 2.25, 0.125, -3, 4]);
  const F = freeEnergy(new Float64Array(3), r, X);
  for (let k = 0; k < 3; k++) {
    const ref = -logUnnormalizedMarginalVisible(r, [X.data[2 * k], X.data[2 * k + 1]]);
    // θ from a float32 gemm: |Δθ| ≲ 1e-6 · Σ_i |x_i w_ij|/σ_i² (≤ 40), so allow 1e-4 absolute
    assert.ok(Math.abs(F[k] - ref) < 1e-4, `row ${k}: ${F[k]} vs ${ref}`);
  }
});

test('N-GRBM-05 hidden marginal sums to 1 and equals quadrature of the joint over x (1e-10)', () => {
  for (const p of [P1, P2]) {
    const r = mk(p);
    const ph = hiddenDistributionExact(r);
    assert.ok(Math.abs(ph.reduce((s, v) => s + v, 0) - 1) < 1e-14);
    const Z = Math.exp(logPartitionExact(r));
    allStates(p.b.length, 'bernoulli').forEach((h, t) => {
      const q = integrate(p, (x) => Math.exp(-eGB(p, x, h))) / Z;
      assert.ok(Math.abs(ph[t] - q) < 1e-10, `h ${t}: ${ph[t]} vs ${q}`);
      assert.ok(Math.abs(Math.exp(logUnnormalizedMarginalHidden(r, h)) / Z - q) < 1e-10);
    });
  }
});

test('N-GRBM-06 hiddenProbabilities equals the Bayes ratio Σ_{h: h_j=1} e^{−E} / Σ_h e^{−E} at random x', () => {
  const p: Params = { ...dyadicParams(3, 4, 103), sigma: [0.5, 1, 2] };
  const r = mk(p);
  const rng = new Rng(3);
  const X = matrix(5, 3);
  rng.fillNormal(X.data, 0, 1.5);
  const Ph = hiddenProbabilities(zeros(5, 4), r, X);
  const Hs = allStates(4, 'bernoulli');
  for (let k = 0; k < 5; k++) {
    const x = Array.from(X.data.subarray(3 * k, 3 * k + 3));
    const lw = Hs.map((h) => -eGB(p, x, h));
    const lz = logSumExp(lw);
    for (let j = 0; j < 4; j++) {
      const on = Math.exp(logSumExp(lw.filter((_, t) => Hs[t][j] === 1)) - lz);
      // float32 θ (|θ| ≲ 30 with σ = 0.5): sigmoid' ≤ ¼ so |Δp| ≲ ¼ · 30 · 1e-7; allow 2e-6
      assert.ok(Math.abs(Ph.data[4 * k + j] - on) < 2e-6, `x ${k} unit ${j}: ${Ph.data[4 * k + j]} vs ${on}`);
    }
  }
});

test('N-GRBM-07 quadrature of x_i p(x_i | h) gives mean a_i + w_i*ᵀh and variance σ_i² (not the printed b_i + ..., errata E-15)', () => {
  const r = mk(P2);
  const Hs = allStates(2, 'bernoulli');
  const mean = visibleMean(zeros(4, 2), r, matrix(4, 2, Hs.flat()));
  Hs.forEach((h, t) => {
    for (let i = 0; i < 2; i++) {
      // one-dimensional quadrature in x_i; the other coordinate factorizes out of p(x | h)
      const pi: Params = { W: [P2.W[i]], a: [P2.a[i]], b: P2.b, sigma: [P2.sigma![i]] };
      const w = (x: number) => Math.exp(-eGB(pi, [x], h));
      const z = integrate(pi, (x) => w(x[0]));
      const m = integrate(pi, (x) => x[0] * w(x[0])) / z;
      const v = integrate(pi, (x) => (x[0] - m) ** 2 * w(x[0])) / z;
      const formula = P2.a[i] + P2.W[i][0] * h[0] + P2.W[i][1] * h[1];
      assert.ok(Math.abs(m - formula) < 1e-10, `mean ${m} vs ${formula}`);
      assert.ok(Math.abs(v - P2.sigma![i] ** 2) < 1e-10, `variance ${v}`);
      assert.ok(Math.abs(mean.data[2 * t + i] - formula) < 1e-6); // float32 storage
      const printed = P2.b[i] + P2.W[i][0] * h[0] + P2.W[i][1] * h[1];
      if (Math.abs(P2.b[i] - P2.a[i]) > 1e-3) assert.ok(Math.abs(m - printed) > 1e-3);
    }
  });
  // samples: mean and variance within 4 SE (n iid draws: SE(mean) = σ/√n, SE(var) = σ² √(2/(n−1)))
  const n = 20000;
  const H = matrix(n, 2);
  for (let k = 0; k < n; k++) H.data.set([1, 1], 2 * k);
  const X = sampleVisibleGivenHidden(zeros(n, 2), r, H, new Rng(17));
  for (let i = 0; i < 2; i++) {
    const mu = P2.a[i] + P2.W[i][0] + P2.W[i][1], s = P2.sigma![i];
    let m = 0, v = 0;
    for (let k = 0; k < n; k++) m += X.data[2 * k + i];
    m /= n;
    for (let k = 0; k < n; k++) v += (X.data[2 * k + i] - m) ** 2;
    v /= n - 1;
    assert.ok(Math.abs(m - mu) < 4 * s / Math.sqrt(n), `mean ${m} vs ${mu}`);
    assert.ok(Math.abs(v - s * s) < 4 * s * s * Math.sqrt(2 / (n - 1)), `var ${v} vs ${s * s}`);
  }
});

test('N-GRBM-08 phaseStatistics of one (x, h) is −∂E/∂θ (incl. log σ) by finite differences of energy; both data phases match an enumeration', () => {
  const p: Params = { ...dyadicParams(2, 3, 104), sigma: [0.75, 1.5] };
  const r = mk(p);
  const x = [0.625, -1.25], h = [1, 0, 1];
  const s = phaseStatistics(createRBMGradient(r), r, matrix(1, 2, x), matrix(1, 3, h));
  const d = 2 ** -12;
  const fd = (arr: Float32Array, k: number) => {
    const old = arr[k];
    const D = (e: number) => { arr[k] = old + e; const ep = energy(r, x, h); arr[k] = old - e; const em = energy(r, x, h); arr[k] = old; return (ep - em) / (2 * e); };
    return (4 * D(d) - D(2 * d)) / 3; // Richardson: error O(d⁴) ≈ 1e-14 · |E⁽⁵⁾|
  };
  // phaseStatistics stores float32: each entry is one rounding of a float64 value (relative 2⁻²⁴), so
  // |stored − exact| ≤ 2⁻²³ |exact| + 1e-9 (the 1e-9 covers the finite-difference error).
  const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 2 ** -23 * Math.abs(want) + 1e-9, `${what}: ${got} vs ${want}`);
  for (let k = 0; k < 6; k++) close(-s.W.data[k], fd(r.W.data, k), `W ${k}`);
  for (let i = 0; i < 2; i++) close(-s.a[i], fd(r.a, i), `a ${i}`);
  for (let j = 0; j < 3; j++) close(-s.b[j], fd(r.b, j), `b ${j}`);
  // −∂E/∂log σ_i = σ_i · (−∂E/∂σ_i)
  for (let i = 0; i < 2; i++) close(-s.logSigma![i], r.sigma[i] * fd(r.sigma, i), `log sigma ${i}`);
  // Data phase = batch mean of E[−∂E/∂θ | x]: reference by enumerating h with p(h | x) from the test's own energy and
  // −∂E/∂θ from Richardson differences of that energy (error ≈ 1e-14), independent of the library.
  const X = matrix(2, 2, [0.625, -1.25, 2, 0.5]);
  const ref = { W: new Float64Array(6), a: new Float64Array(2), b: new Float64Array(3), sigma: new Float64Array(2) };
  const Hs = allStates(3, 'bernoulli');
  // [where the reference goes, its index, the parameter array of p, the parameter's index there]
  const slots: [Float64Array, number, number[], number][] = [];
  for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) slots.push([ref.W, i * 3 + j, p.W[i], j]);
  for (let i = 0; i < 2; i++) slots.push([ref.a, i, p.a, i], [ref.sigma, i, p.sigma!, i]);
  for (let j = 0; j < 3; j++) slots.push([ref.b, j, p.b, j]);
  for (let k = 0; k < 2; k++) {
    const xk = [X.data[2 * k], X.data[2 * k + 1]];
    const lw = Hs.map((hh) => -eGB(p, xk, hh));
    const lz = logSumExp(lw);
    Hs.forEach((hh, t) => {
      const weight = Math.exp(lw[t] - lz) / 2; // p(h | x_k) / n
      for (const [out, at, arr, q] of slots) {
        const old = arr[q];
        const D = (e: number) => { arr[q] = old + e; const ep = eGB(p, xk, hh); arr[q] = old - e; const em = eGB(p, xk, hh); arr[q] = old; return (ep - em) / (2 * e); };
        out[at] -= weight * (4 * D(d) - D(2 * d)) / 3;
      }
    });
  }
  const exact = positivePhaseExact(createPhaseStatistics(r), r, X);
  const fast = phaseStatistics(createRBMGradient(r), r, X, hiddenMeans(zeros(2, 3), r, X));
  const fastSigma = Array.from(fast.logSigma!, (v, i) => v / r.sigma[i]); // −∂E/∂σ_i = (−∂E/∂log σ_i)/σ_i
  for (const key of ['W', 'a', 'b', 'sigma'] as const) {
    const want = ref[key];
    const gotExact = exact[key]!;
    const gotFast = key === 'sigma' ? fastSigma : key === 'W' ? fast.W.data : fast[key];
    for (let k = 0; k < want.length; k++) {
      assert.ok(Math.abs(gotExact[k] - want[k]) < 1e-9 * Math.max(1, Math.abs(want[k])), `exact ${key}[${k}]: ${gotExact[k]} vs ${want[k]}`);
      assert.ok(Math.abs(gotFast[k] - want[k]) < 1e-5 * Math.max(1, Math.abs(want[k])), `float32 ${key}[${k}]: ${gotFast[k]} vs ${want[k]}`);
    }
  }
});

test('GaussianBernoulliRBM: widths default to 1 and are fixed unless trainSigma; bad sigma and visibleProbabilities throw', () => {
  const r = GaussianBernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  assert.equal(Array.from(r.sigma), [1, 1, 1]);
  assert.is(r.trainSigma, false);
  assert.is(GaussianBernoulliRBM.create(2, 2, 'hinton', new Rng(1), { sigma: [0.5, 2], trainSigma: true }).trainSigma, true);
  throwsMsg(() => GaussianBernoulliRBM.create(2, 2, 'hinton', new Rng(1), { sigma: 0 }), RangeError, 'new GaussianBernoulliRBM: sigma[0] must be finite and > 0, got 0');
  throwsMsg(() => GaussianBernoulliRBM.create(2, 2, 'hinton', new Rng(1), { sigma: [1] }), RangeError,
    'GaussianBernoulliRBM.create: options.sigma must be a number or have length nVisible = 2, got Array(1)');
  throwsMsg(() => GaussianBernoulliRBM.create(2, 1, { W: [[0], [0]], a: [0, 0], b: [0], sigma: [1, -1] }), RangeError,
    'new GaussianBernoulliRBM: sigma[1] must be finite and > 0, got -1');
  throwsMsg(() => visibleProbabilities(zeros(1, 3), r, zeros(1, 2)), TypeError,
    'visibleProbabilities: a gaussian-bernoulli RBM has real visible units; use visibleMean (x_i | h ~ N(a_i + w_i*ᵀh, σ_i²))');
  throwsMsg(() => energy(r, [0, NaN, 0], [0, 0]), RangeError, 'energy: x[1] must be finite, got NaN');
  throwsMsg(() => energy(r, [0, 0, 0], [0, -1]), RangeError, 'energy: h[1] must be 0 or 1 (binary units), got -1');
  void configurationFromIndex;
});

test.run();
