/**
 * Contrastive divergence: the update formula (N-CD-02) against float64 references written
 * here, the Gaussian-binary statistics against finite differences of the free energy, and
 * CD-k's expected update against the exact log-likelihood gradient (N-CD-01).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, type Matrix } from '../../lib/linalg/matrix.js';
import { type RBM } from '../../lib/rbm/model.js';
import { BernoulliRBM } from '../../lib/rbm/binary.js';
import { SpinRBM } from '../../lib/rbm/spin.js';
import { GaussianBernoulliRBM } from '../../lib/rbm/gaussian.js';
import { hiddenMeans } from '../../lib/rbm/conditionals.js';
import { createPhaseStatistics, logLikelihoodGradientExact, positivePhaseExact } from '../../lib/rbm/exact.js';
import { cdUpdate, createRBMGradient } from '../../lib/rbm/gradient.js';
import { trainRBM } from '../../lib/rbm/train.js';
import { throwsMsg } from '../assert-error.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

function randomBinary(rows: number, cols: number, rng: Rng, spin = false): Matrix {
  const m = matrix(rows, cols);
  for (let q = 0; q < m.data.length; q++) m.data[q] = rng.float() < 0.5 ? (spin ? -1 : 0) : 1;
  return m;
}

/** Float64 reference of N-CD-02 (and its Gaussian-binary form), written independently of lib/rbm/gradient.ts. */
function referenceUpdate(rbm: RBM, X0: Matrix, H0: Matrix, Xk: Matrix, Hk: Matrix) {
  const M = rbm.nVisible, N = rbm.nHidden;
  const s2 = (i: number) => (rbm.kind === 'gaussian-bernoulli' ? rbm.sigma[i] ** 2 : 1);
  const mean = (X: Matrix, f: (row: number) => number) => {
    let s = 0;
    for (let r = 0; r < X.rows; r++) s += f(r);
    return s / X.rows;
  };
  const W: number[] = [], a: number[] = [], b: number[] = [], logSigma: number[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      W.push((mean(X0, (r) => X0.data[r * M + i] * H0.data[r * N + j]) - mean(Xk, (r) => Xk.data[r * M + i] * Hk.data[r * N + j])) / s2(i));
    }
    a.push((mean(X0, (r) => X0.data[r * M + i]) - mean(Xk, (r) => Xk.data[r * M + i])) / s2(i));
    if (rbm.kind === 'gaussian-bernoulli') {
      // −∂E/∂log σ_i = ((x_i − a_i)² − 2 x_i Σ_j w_ij h_j) / σ_i², averaged per phase
      const stat = (X: Matrix, H: Matrix, r: number) => {
        let wh = 0;
        for (let j = 0; j < N; j++) wh += rbm.W.data[i * N + j] * H.data[r * N + j];
        const x = X.data[r * M + i];
        return ((x - rbm.a[i]) ** 2 - 2 * x * wh) / s2(i);
      };
      logSigma.push(mean(X0, (r) => stat(X0, H0, r)) - mean(Xk, (r) => stat(Xk, Hk, r)));
    }
  }
  for (let j = 0; j < N; j++) b.push(mean(X0, (r) => H0.data[r * N + j]) - mean(Xk, (r) => Hk.data[r * N + j]));
  return { W, a, b, logSigma };
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.is(actual.length, expected.length, `${what} length`);
  for (let q = 0; q < expected.length; q++) {
    const err = Math.abs(actual[q] - expected[q]);
    if (!(err <= tol * (1 + Math.abs(expected[q])))) assert.unreachable(`${what}[${q}] = ${actual[q]}, expected ${expected[q]} (|err| ${err} > ${tol})`);
  }
}

// Float32 storage and gemm sums (float32 on the wasm backend): relative 1e-5 is a few float32 ulps times the batch size.
const F32_TOL = 1e-5;

test('N-CD-02 cdUpdate equals an independent float64 computation for fixed V0, H0, Vk, Hk (all kinds, unequal batch sizes)', () => {
  const rng = new Rng(11);
  const models: RBM[] = [
    BernoulliRBM.create(5, 4, 'glorot-normal', rng),
    SpinRBM.create(5, 4, 'glorot-normal', rng),
    GaussianBernoulliRBM.create(5, 4, 'glorot-normal', rng, { sigma: [0.5, 1, 2, 0.7, 1.3], trainSigma: true }),
  ];
  for (const rbm of models) {
    rng.fillNormal(rbm.a, 0, 0.5);
    rng.fillNormal(rbm.b, 0, 0.5);
    const spin = rbm.kind === 'spin';
    const X0 = rbm.kind === 'gaussian-bernoulli' ? matrix(7, 5, rng.fillNormal(new Float32Array(35), 0.3, 1.5)) : randomBinary(7, 5, rng, spin);
    const Xk = rbm.kind === 'gaussian-bernoulli' ? matrix(3, 5, rng.fillNormal(new Float32Array(15), -0.2, 1)) : randomBinary(3, 5, rng, spin);
    const H0 = matrix(7, 4, rng.fillUniform(new Float32Array(28), spin ? -1 : 0, 1));
    const Hk = matrix(3, 4, rng.fillUniform(new Float32Array(12), spin ? -1 : 0, 1));
    const out = createRBMGradient(rbm);
    cdUpdate(out, rbm, X0, H0, Xk, Hk);
    const ref = referenceUpdate(rbm, X0, H0, Xk, Hk);
    close(out.W.data, ref.W, F32_TOL, `${rbm.kind} W`);
    close(out.a, ref.a, F32_TOL, `${rbm.kind} a`);
    close(out.b, ref.b, F32_TOL, `${rbm.kind} b`);
    if (rbm.kind === 'gaussian-bernoulli') close(out.logSigma!, ref.logSigma, F32_TOL, 'logSigma');
    else assert.is(out.logSigma, null);
  }
});

test('N-CDT-05 with probability statistics cdUpdate equals positivePhaseExact(X0) − positivePhaseExact(Xk) (the float64 reference in lib/rbm/exact.ts)', () => {
  const rng = new Rng(12);
  const models: RBM[] = [
    BernoulliRBM.create(6, 3, 'glorot-normal', rng),
    SpinRBM.create(6, 3, 'glorot-normal', rng),
    GaussianBernoulliRBM.create(6, 3, 'glorot-normal', rng, { sigma: 0.8, trainSigma: true }),
  ];
  for (const rbm of models) {
    const spin = rbm.kind === 'spin';
    const X0 = rbm.kind === 'gaussian-bernoulli' ? matrix(9, 6, rng.fillNormal(new Float32Array(54))) : randomBinary(9, 6, rng, spin);
    const Xk = rbm.kind === 'gaussian-bernoulli' ? matrix(4, 6, rng.fillNormal(new Float32Array(24))) : randomBinary(4, 6, rng, spin);
    const H0 = hiddenMeans(matrix(9, 3), rbm, X0);
    const Hk = hiddenMeans(matrix(4, 3), rbm, Xk);
    const out = cdUpdate(createRBMGradient(rbm), rbm, X0, H0, Xk, Hk);
    const pos = positivePhaseExact(createPhaseStatistics(rbm), rbm, X0);
    const neg = positivePhaseExact(createPhaseStatistics(rbm), rbm, Xk);
    const diff = (p: ArrayLike<number>, n: ArrayLike<number>) => Array.from(p, (v, q) => v - n[q]);
    close(out.W.data, diff(pos.W, neg.W), F32_TOL, `${rbm.kind} W`);
    close(out.a, diff(pos.a, neg.a), F32_TOL, `${rbm.kind} a`);
    close(out.b, diff(pos.b, neg.b), F32_TOL, `${rbm.kind} b`);
    if (rbm.kind === 'gaussian-bernoulli') {
      // positivePhaseExact gives −∂E/∂σ_i; ours is −∂E/∂log σ_i = σ_i · (−∂E/∂σ_i).
      close(out.logSigma!, diff(pos.sigma!, neg.sigma!).map((v, i) => v * rbm.sigma[i]), F32_TOL, 'logSigma');
    }
  }
});

test('N-GRBM-08 Gaussian-binary statistics: cdUpdate(x, E[h|x], y, E[h|y]) = −∇F(x) + ∇F(y) by central finite differences of a float64 free energy (incl. log σ)', () => {
  const rng = new Rng(13);
  const M = 3, N = 2;
  const rbm = GaussianBernoulliRBM.create(M, N, 'glorot-normal', rng, { sigma: [0.6, 1.1, 1.7], trainSigma: true });
  rng.fillNormal(rbm.a, 0, 0.5);
  rng.fillNormal(rbm.b, 0, 0.5);
  const x = Float64Array.from([0.4, -1.2, 2.0]), y = Float64Array.from([-0.3, 0.8, 0.1]);
  // θ = (W, a, b, log σ) as float64 copies of the float32 parameters.
  const theta = { W: Float64Array.from(rbm.W.data), a: Float64Array.from(rbm.a), b: Float64Array.from(rbm.b), logSigma: Float64Array.from(rbm.sigma, Math.log) };
  const F = (v: Float64Array) => {
    let f = 0;
    for (let i = 0; i < M; i++) f += (v[i] - theta.a[i]) ** 2 / (2 * Math.exp(2 * theta.logSigma[i]));
    for (let j = 0; j < N; j++) {
      let t = theta.b[j];
      for (let i = 0; i < M; i++) t += (v[i] * theta.W[i * N + j]) / Math.exp(2 * theta.logSigma[i]);
      f -= softplus(t);
    }
    return f;
  };
  const fd = (arr: Float64Array, q: number) => {
    const h = 1e-5, keep = arr[q];
    arr[q] = keep + h;
    const up = -F(x) + F(y);
    arr[q] = keep - h;
    const down = -F(x) + F(y);
    arr[q] = keep;
    return (up - down) / (2 * h);
  };
  const X0 = matrix(1, M, x), Xk = matrix(1, M, y);
  const out = cdUpdate(createRBMGradient(rbm), rbm, X0, hiddenMeans(matrix(1, N), rbm, X0), Xk, hiddenMeans(matrix(1, N), rbm, Xk));
  close(out.W.data, Array.from(theta.W, (_, q) => fd(theta.W, q)), F32_TOL, 'W');
  close(out.a, Array.from(theta.a, (_, q) => fd(theta.a, q)), F32_TOL, 'a');
  close(out.b, Array.from(theta.b, (_, q) => fd(theta.b, q)), F32_TOL, 'b');
  close(out.logSigma!, Array.from(theta.logSigma, (_, q) => fd(theta.logSigma, q)), F32_TOL, 'logSigma');
});

// ---------------------------------------------------------------------------------------------
// N-CD-01: CD-k's expected update → exact gradient. Everything below is float64 enumeration
// written in this file; the only library values are the trained parameters and
// logLikelihoodGradientExact (lib/rbm/exact.ts).

/** The toy data of notes 003 (N-TOY-01): four rows (1,0,1), two rows (0,1,0). */
const TOY_ROWS = [[1, 0, 1], [1, 0, 1], [1, 0, 1], [1, 0, 1], [0, 1, 0], [0, 1, 0]];

interface Enumeration {
  states: number[][]; // the 2^M visible states
  kernel: number[][]; // K[from][to] = Σ_h p(to | h) p(h | from)  (N-GIBBS-02)
  stats: number[][]; // negative-phase statistics per state: [x_i σ(θ_j) (M·N), x_i (M), σ(θ_j) (N)]
  pModel: number[]; // exact p(x)
}

function enumerate(W: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, M: number, N: number): Enumeration {
  const bits = (s: number, n: number) => Array.from({ length: n }, (_, i) => (s >> (n - 1 - i)) & 1);
  const states = Array.from({ length: 2 ** M }, (_, s) => bits(s, M));
  const hs = Array.from({ length: 2 ** N }, (_, s) => bits(s, N));
  const theta = (x: number[], j: number) => b[j] + x.reduce((t, xi, i) => t + xi * W[i * N + j], 0);
  const phi = (h: number[], i: number) => a[i] + h.reduce((t, hj, j) => t + hj * W[i * N + j], 0);
  const pBern = (v: number, p: number) => (v === 1 ? p : 1 - p);
  const kernel = states.map((from) => states.map((to) => {
    let s = 0;
    for (const h of hs) {
      let ph = 1, px = 1;
      for (let j = 0; j < N; j++) ph *= pBern(h[j], sigmoid(theta(from, j)));
      for (let i = 0; i < M; i++) px *= pBern(to[i], sigmoid(phi(h, i)));
      s += ph * px;
    }
    return s;
  }));
  const stats = states.map((x) => {
    const p = Array.from({ length: N }, (_, j) => sigmoid(theta(x, j)));
    const out: number[] = [];
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) out.push(x[i] * p[j]);
    for (let i = 0; i < M; i++) out.push(x[i]);
    for (let j = 0; j < N; j++) out.push(p[j]);
    return out;
  });
  const logf = states.map((x) => x.reduce((t, xi, i) => t + a[i] * xi, 0) + Array.from({ length: N }, (_, j) => softplus(theta(x, j))).reduce((s, v) => s + v, 0));
  const mx = Math.max(...logf);
  const z = logf.reduce((s, l) => s + Math.exp(l - mx), 0);
  return { states, kernel, stats, pModel: logf.map((l) => Math.exp(l - mx) / z) };
}

const indexOf = (x: number[]) => x.reduce((s, v) => 2 * s + v, 0);

/** Distribution of x^(k) started at x0: row x0 of K^k. */
function kStep(e: Enumeration, x0: number, k: number): number[] {
  let p: number[] = e.states.map((_, s) => (s === x0 ? 1 : 0));
  for (let t = 0; t < k; t++) p = e.states.map((_, to) => p.reduce((s, pf, from) => s + pf * e.kernel[from][to], 0));
  return p;
}

/** Mean (and per-row variance) of the negative statistics of CD-k over the data rows: exact. */
function cdNegative(e: Enumeration, rows: number[][], k: number) {
  const D = e.stats[0].length;
  const mean = new Array(D).fill(0), rowVar = new Array(D).fill(0);
  for (const row of rows) {
    const pk = kStep(e, indexOf(row), k);
    for (let d = 0; d < D; d++) {
      let m = 0, m2 = 0;
      pk.forEach((p, s) => { m += p * e.stats[s][d]; m2 += p * e.stats[s][d] ** 2; });
      mean[d] += m / rows.length;
      rowVar[d] += (m2 - m * m) / rows.length; // average over data rows of Var(stat | x0)
    }
  }
  return { mean, rowVar };
}

function positiveStats(e: Enumeration, rows: number[][]): number[] {
  const D = e.stats[0].length;
  const out = new Array(D).fill(0);
  for (const row of rows) e.stats[indexOf(row)].forEach((v, d) => { out[d] += v / rows.length; });
  return out;
}

test('N-CD-01 exact expected CD-k update (enumerated k-step kernel) tends to the exact gradient as k grows; k = 50 within 1e-6 for small weights', () => {
  const M = 3, N = 2;
  // Small weights (|w| <= 0.5): the visible kernel mixes fast.
  const a = [0.2, -0.1, 0.1], b = [-0.2, 0.3];
  const rbm = BernoulliRBM.create(M, N, { W: [[0.4, -0.3], [-0.5, 0.2], [0.3, -0.1]], a, b });
  const e = enumerate(rbm.W.data, rbm.a, rbm.b, M, N);
  const data = matrix(6, 3, TOY_ROWS.flat());
  const exact = logLikelihoodGradientExact(createPhaseStatistics(rbm), rbm, data);
  const exactMean = [...exact.W, ...exact.a, ...exact.b].map((v) => v / 6); // per-row mean gradient
  const pos = positiveStats(e, TOY_ROWS);
  const errors: number[] = [];
  for (const k of [1, 2, 5, 10, 20, 50]) {
    const { mean } = cdNegative(e, TOY_ROWS, k);
    errors.push(Math.max(...mean.map((m, d) => Math.abs(pos[d] - m - exactMean[d]))));
  }
  // Strictly shrinking until it reaches float64 rounding (~1e-15).
  for (let q = 1; q < errors.length; q++) assert.ok(errors[q] < errors[q - 1] || errors[q] < 1e-12, `error must shrink with k: ${errors}`);
  // Premise (enumerated, not a tolerance): CD-1's bias is large enough for the test to mean something.
  assert.ok(errors[0] > 1e-3, `CD-1 is visibly biased here: ${errors[0]}`);
  assert.ok(errors[errors.length - 1] < 1e-6, `k = 50: ${errors[errors.length - 1]}`);
});

test('N-CD-01 sampled CD-k updates of trainRBM average (within 4 SE) to the exact CD-k expectation; k = 1 is biased, k = 30 matches the exact gradient', () => {
  // One SGD step with learning rate 1 on a batch of R copies of the toy data: the parameter
  // change is minus the batch-mean gradient estimate, i.e. the mean of 6R independent CD-k
  // estimates (one chain per row). The positive phase is exact (probabilities), so the noise is
  // the negative phase's; its SE is computed exactly from the enumeration:
  // SE_d = sqrt(mean over rows of Var(stat_d | x0) / (6R)). Tolerance: 4 SE (k = 4 fixed here).
  const M = 3, N = 2, R = 2000, B = 6 * R;
  const W0 = [[1.5, -1.0], [-2.0, 1.5], [1.0, -1.5]], a0 = [0.3, -0.2, 0.1], b0 = [-0.3, 0.4];
  const data = matrix(B, M);
  for (let r = 0; r < B; r++) data.data.set(TOY_ROWS[r % 6], r * M);
  const ref = BernoulliRBM.create(M, N, { W: W0, a: a0, b: b0 });
  const e = enumerate(ref.W.data, ref.a, ref.b, M, N);
  const pos = positiveStats(e, TOY_ROWS);
  const exact = logLikelihoodGradientExact(createPhaseStatistics(ref), ref, matrix(6, 3, TOY_ROWS.flat()));
  const exactMean = [...exact.W, ...exact.a, ...exact.b].map((v) => v / 6);
  const results: Record<number, number> = {};
  for (const k of [1, 30]) {
    const rbm = BernoulliRBM.create(M, N, { W: W0, a: a0, b: b0 });
    trainRBM(rbm, data, { k, epochs: 1, batchSize: B, learningRate: 1, reconstructionError: false }, new Rng(100 + k));
    // ascent direction taken = params_new − params_old (SGD on the cost: θ ← θ − 1·∇C = θ + update)
    const taken = [
      ...Array.from(rbm.W.data, (v, q) => v - ref.W.data[q]),
      ...Array.from(rbm.a, (v, q) => v - ref.a[q]),
      ...Array.from(rbm.b, (v, q) => v - ref.b[q]),
    ];
    const { mean, rowVar } = cdNegative(e, TOY_ROWS, k);
    let worstZ = 0, exactZ = 0;
    for (let d = 0; d < taken.length; d++) {
      const expected = pos[d] - mean[d];
      const se = Math.sqrt(rowVar[d] / B);
      worstZ = Math.max(worstZ, Math.abs(taken[d] - expected) / se);
      exactZ = Math.max(exactZ, Math.abs(taken[d] - exactMean[d]) / se);
    }
    // Premise from the enumeration: the exact bias of the CD-k expectation, in SE units.
    const biasZ = Math.max(...mean.map((m, d) => Math.abs(pos[d] - m - exactMean[d]) / Math.sqrt(rowVar[d] / B)));
    assert.ok(k === 1 ? biasZ > 8 : biasZ < 0.01, `premise: CD-${k} bias = ${biasZ} SE`);
    assert.ok(worstZ < 4, `k = ${k}: sampled update within 4 SE of the exact CD-${k} expectation (max |z| = ${worstZ.toFixed(2)})`);
    results[k] = exactZ;
  }
  // Against the exact gradient: CD-1's sampled update is more than 4 SE off (its bias is ~8.6 SE
  // here by enumeration), CD-30's is within 4 SE (its bias is < 0.01 SE).
  assert.ok(results[1] > 4, `CD-1 vs exact gradient, max |z| = ${results[1]}`);
  assert.ok(results[30] < 4, `CD-30 vs exact gradient, max |z| = ${results[30]}`);
});

test('cdUpdate and createRBMGradient: bad input errors', () => {
  const rbm = BernoulliRBM.create(3, 2, { W: [[0, 0], [0, 0], [0, 0]], a: [0, 0, 0], b: [0, 0] });
  const out = createRBMGradient(rbm);
  const X = matrix(2, 3), H = matrix(2, 2);
  throwsMsg(() => cdUpdate(out, rbm, matrix(2, 4), H, X, H), RangeError, 'cdUpdate: X0 is 2x4 but must be Bx3 with B >= 1 (nVisible = 3)');
  throwsMsg(() => cdUpdate(out, rbm, X, matrix(3, 2), X, H), RangeError, 'cdUpdate: H0 is 3x2 but must be 2x2 (X0 rows x nHidden)');
  throwsMsg(() => cdUpdate(out, rbm, X, H, X, matrix(2, 3)), RangeError, 'cdUpdate: Hk is 2x3 but must be 2x2 (Xk rows x nHidden)');
  throwsMsg(() => cdUpdate(out, rbm, X, H, matrix(0, 3), matrix(0, 2)), RangeError, 'cdUpdate: Xk is 0x3 but must be Bx3 with B >= 1 (nVisible = 3)');
  throwsMsg(() => cdUpdate(createRBMGradient(BernoulliRBM.create(2, 2, 'hinton', new Rng(1))), rbm, X, H, X, H), RangeError, 'cdUpdate: out.W is 2x2 but the RBM is 3x2');
  throwsMsg(() => cdUpdate(out, {} as never, X, H, X, H), TypeError, 'cdUpdate: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got Object');
  throwsMsg(() => createRBMGradient(null as never), TypeError, 'createRBMGradient: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got null');
});

test.run();
