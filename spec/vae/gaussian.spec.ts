import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64, zeros, identity64 } from '../../lib/linalg/matrix.js';
import {
  klDiagonalGaussianToStandard, klDiagonalGaussianToStandardBackward, klGaussians, logNormalDiagonal,
  reparameterizeBackward, reparameterizeForward,
  bernoulliNegLogLikelihood, bernoulliNegLogLikelihoodBackward, gaussianNegLogLikelihood, gaussianNegLogLikelihoodBackward,
  linearGaussianElbo, linearGaussianLogMarginal, linearGaussianPosterior,
} from '../../lib/vae/index.js';
import { throwsMsg } from '../assert-error.js';

/** n x k float32 matrix of N(0, sd^2) draws (exactly representable values used as float64 below). */
function randomMatrix(rows: number, cols: number, rng: Rng, sd = 1) {
  const m = matrix(rows, cols);
  rng.fillNormal(m.data, 0, sd);
  return m;
}

// Independent float64 reference of the diagonal KL (N-VAE-07), for finite differences.
const klRef = (mu: number[], ls: number[]) => mu.reduce((s, m, i) => s + 0.5 * (Math.exp(2 * ls[i]) + m * m - 1 - 2 * ls[i]), 0);

test('N-VAE-07 diagonal KL to N(0, I) equals the general dense formula (float64, 1e-12 relative)', () => {
  const rng = new Rng(7);
  const mu = randomMatrix(5, 3, rng), logSigma = randomMatrix(5, 3, rng, 0.7);
  const out = new Float64Array(5);
  const total = klDiagonalGaussianToStandard(out, mu, logSigma);
  let sum = 0;
  for (let r = 0; r < 5; r++) {
    const m0 = new Float64Array(mu.data.subarray(3 * r, 3 * r + 3));
    const S0 = matrix64(3, 3);
    for (let i = 0; i < 3; i++) S0.data[4 * i] = Math.exp(2 * logSigma.data[3 * r + i]);
    const general = klGaussians(m0, S0, new Float64Array(3), identity64(3));
    assert.ok(Math.abs(out[r] - general) <= 1e-12 * general, `row ${r}: ${out[r]} vs ${general}`);
    sum += out[r];
  }
  assert.ok(Math.abs(total - sum) <= 1e-12 * sum);
  // hand value: mu = (0, 1), sigma = (1, 2): 1/2 (1 + 0 - 1 - 0) + 1/2 (4 + 1 - 1 - 2 ln 2) = 2 - ln 2
  const hand = klDiagonalGaussianToStandard(new Float64Array(1), matrix(1, 2, [0, 1]), matrix(1, 2, [0, Math.fround(Math.log(2))]));
  assert.ok(Math.abs(hand - (2 - Math.log(2))) < 1e-7);
});

test('N-VAE-07 klGaussians: 1-D closed form log(t/s) + (s^2 + (a-b)^2)/(2 t^2) - 1/2, and KL(P||P) = 0', () => {
  const a = 0.3, s = 0.8, b = -1.1, t = 1.7;
  const ref = Math.log(t / s) + (s * s + (a - b) ** 2) / (2 * t * t) - 0.5;
  const got = klGaussians(new Float64Array([a]), matrix64(1, 1, [s * s]), new Float64Array([b]), matrix64(1, 1, [t * t]));
  assert.ok(Math.abs(got - ref) < 1e-14, `${got} vs ${ref}`);
  const S = matrix64(2, 2, [2, 0.5, 0.5, 1]);
  assert.ok(Math.abs(klGaussians(new Float64Array([1, 2]), S, new Float64Array([1, 2]), S)) < 1e-14);
});

test('N-VAE-07 closed-form KL agrees with the Monte Carlo mean of log Q(z) - log p(z), z ~ Q (within 4 SE)', () => {
  const rng = new Rng(11);
  const mu = [0.5, -1.2, 0.1, 2.0], ls = [-0.3, 0.4, -1.0, 0.0];
  const closed = klDiagonalGaussianToStandard(new Float64Array(1), matrix(1, 4, mu), matrix(1, 4, ls));
  const n = 200_000;
  let s = 0, s2 = 0;
  const z = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < 4; m++) z[m] = Math.fround(mu[m]) + Math.exp(Math.fround(ls[m])) * rng.normal();
    const w = logNormalDiagonal(z, mu.map(Math.fround), ls.map(Math.fround)) - logNormalDiagonal(z, null, null);
    s += w; s2 += w * w;
  }
  const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
  assert.ok(Math.abs(mean - closed) < 4 * se, `MC ${mean} ± ${se} vs closed form ${closed}`);
});

test('N-VAE-07 KL gradient: dMu = scale mu, dLogSigma = scale (sigma^2 - 1), accumulated; against finite differences', () => {
  const rng = new Rng(3);
  const mu = randomMatrix(2, 3, rng), logSigma = randomMatrix(2, 3, rng, 0.5);
  const dMu = matrix(2, 3, new Array(6).fill(1));
  const dLogSigma = matrix(2, 3, new Array(6).fill(-2));
  klDiagonalGaussianToStandardBackward(dMu, dLogSigma, mu, logSigma, 0.5);
  const M = Array.from(mu.data), L = Array.from(logSigma.data), h = 1e-6;
  for (let i = 0; i < 6; i++) {
    const Mp = M.slice(), Mm = M.slice(); Mp[i] += h; Mm[i] -= h;
    const Lp = L.slice(), Lm = L.slice(); Lp[i] += h; Lm[i] -= h;
    const gMu = (klRef(Mp, L) - klRef(Mm, L)) / (2 * h);
    const gLs = (klRef(M, Lp) - klRef(M, Lm)) / (2 * h);
    // float32 storage of the result: 1e-6 relative
    assert.ok(Math.abs(dMu.data[i] - (1 + 0.5 * gMu)) < 1e-6 * (1 + Math.abs(gMu)), `dMu[${i}]`);
    assert.ok(Math.abs(dLogSigma.data[i] - (-2 + 0.5 * gLs)) < 1e-6 * (2 + Math.abs(gLs)), `dLogSigma[${i}]`);
  }
});

test('N-VAE-09 reparameterization: z = mu + e^logSigma eps; its backward matches finite differences of sum(c ∘ z)', () => {
  const rng = new Rng(5);
  const mu = randomMatrix(3, 2, rng), logSigma = randomMatrix(3, 2, rng, 0.5), eps = randomMatrix(3, 2, rng);
  const z = reparameterizeForward(zeros(3, 2), mu, logSigma, eps);
  for (let i = 0; i < 6; i++) {
    assert.ok(Math.abs(z.data[i] - (mu.data[i] + Math.exp(logSigma.data[i]) * eps.data[i])) < 1e-6 * (1 + Math.abs(z.data[i])));
  }
  const c = randomMatrix(3, 2, rng); // loss = sum_m c_m z_m, so dZ = c
  const dMu = zeros(3, 2), dLs = zeros(3, 2);
  reparameterizeBackward(dMu, dLs, c, logSigma, eps);
  const loss = (m: number[], l: number[]) => m.reduce((s, mi, i) => s + c.data[i] * (mi + Math.exp(l[i]) * eps.data[i]), 0);
  const M = Array.from(mu.data), L = Array.from(logSigma.data), h = 1e-6;
  for (let i = 0; i < 6; i++) {
    const Mp = M.slice(), Mm = M.slice(); Mp[i] += h; Mm[i] -= h;
    const Lp = L.slice(), Lm = L.slice(); Lp[i] += h; Lm[i] -= h;
    const gMu = (loss(Mp, L) - loss(Mm, L)) / (2 * h), gLs = (loss(M, Lp) - loss(M, Lm)) / (2 * h);
    assert.ok(Math.abs(dMu.data[i] - gMu) < 1e-6 * (1 + Math.abs(gMu)), `dMu[${i}]`);
    assert.ok(Math.abs(dLs.data[i] - gLs) < 1e-6 * (1 + Math.abs(gLs)), `dLogSigma[${i}]`);
  }
});

test('N-VAE-03 Bernoulli loss from logits: hand values, finite at logits ±1000, gradient sigma(l) - x by finite differences', () => {
  const out = new Float64Array(2);
  const total = bernoulliNegLogLikelihood(out, matrix(2, 2, [1, 0, 0.25, 1]), matrix(2, 2, [0, 0, 1000, -1000]));
  assert.ok(Math.abs(out[0] - 2 * Math.LN2) < 1e-6);
  // row 2: softplus(1000) - 0.25*1000 = 750; softplus(-1000) - 1*(-1000) = 1000
  assert.ok(Math.abs(out[1] - 1750) < 1e-3, `${out[1]}`);
  assert.ok(Math.abs(total - out[0] - out[1]) < 1e-9);
  const rng = new Rng(9);
  const x = matrix(2, 3);
  rng.fillUniform(x.data);
  const l = randomMatrix(2, 3, rng, 2);
  const d = bernoulliNegLogLikelihoodBackward(zeros(2, 3), x, l, 0.5);
  const ref = (L: number[]) => L.reduce((s, li, i) => s + Math.max(li, 0) + Math.log1p(Math.exp(-Math.abs(li))) - x.data[i] * li, 0);
  const Lv = Array.from(l.data), h = 1e-6;
  for (let i = 0; i < 6; i++) {
    const p = Lv.slice(), m = Lv.slice(); p[i] += h; m[i] -= h;
    const g = 0.5 * (ref(p) - ref(m)) / (2 * h);
    assert.ok(Math.abs(d.data[i] - g) < 2e-6, `dLogits[${i}] ${d.data[i]} vs ${g}`);
  }
});

test('N-VAE-03 Gaussian loss: ||x - f||^2/(2 sigma^2) + D/2 log(2 pi sigma^2) and gradient (f - x)/sigma^2', () => {
  const out = new Float64Array(1);
  gaussianNegLogLikelihood(out, matrix(1, 2, [1, 2]), matrix(1, 2, [0, 0]), 0.5);
  assert.ok(Math.abs(out[0] - (5 / 1 + Math.log(2 * Math.PI * 0.5))) < 1e-12);
  const d = gaussianNegLogLikelihoodBackward(zeros(1, 2), matrix(1, 2, [1, 2]), matrix(1, 2, [0, 0]), 0.5, 2);
  assert.equal(Array.from(d.data), [-4, -8]);
});

// The linear-Gaussian model: W with orthogonal columns, so the posterior covariance is diagonal.
function linearModel(D: number, k: number, seed: number) {
  const rng = new Rng(seed);
  const W = matrix64(D, k);
  // Orthogonal columns: column a is nonzero only on rows a, a + k, a + 2k, ...
  for (let i = 0; i < D; i++) W.data[i * k + (i % k)] = rng.normal();
  const c = new Float64Array(D).map(() => rng.normal());
  const x = new Float64Array(D).map(() => 2 * rng.normal());
  return { W, c, x };
}

test('N-VAE-08 linear-Gaussian: log p(x) by 1-D quadrature (D = 1, k = 1) equals the closed form (1e-10)', () => {
  const W = matrix64(1, 1, [1.3]), c = new Float64Array([0.4]), x = new Float64Array([-0.7]), s2 = 0.6;
  // p(x) = ∫ N(x; w z + c, s2) N(z; 0, 1) dz, trapezoid on [-12, 12] (the integrand is smooth and decays like e^{-z^2/2})
  let sum = 0;
  const n = 20000, a = -12, h = 24 / n;
  for (let i = 0; i <= n; i++) {
    const z = a + i * h, wgt = i === 0 || i === n ? 0.5 : 1;
    const r = x[0] - 1.3 * z - 0.4;
    sum += wgt * Math.exp(-0.5 * r * r / s2 - 0.5 * z * z) / (2 * Math.PI * Math.sqrt(s2));
  }
  const quad = Math.log(sum * h);
  assert.ok(Math.abs(linearGaussianLogMarginal(x, W, c, s2) - quad) < 1e-10, `${linearGaussianLogMarginal(x, W, c, s2)} vs ${quad}`);
});

test('N-VAE-05/08 linear-Gaussian: the ELBO at the true posterior equals log p(x) (1e-10); the posterior is diagonal for orthogonal columns', () => {
  const { W, c, x } = linearModel(6, 3, 21);
  for (const s2 of [0.1, 1, 4]) {
    const post = linearGaussianPosterior(x, W, c, s2);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) if (a !== b) assert.ok(Math.abs(post.cov.data[a * 3 + b]) < 1e-15);
    const lp = linearGaussianLogMarginal(x, W, c, s2);
    const elbo = linearGaussianElbo(x, W, c, s2, post.mean, post.cov);
    assert.ok(Math.abs(elbo - lp) < 1e-10 * Math.max(1, Math.abs(lp)), `sigma2 ${s2}: ELBO ${elbo} vs log p(x) ${lp}`);
  }
});

test('N-VAE-04 linear-Gaussian: log p(x) - ELBO(Q) = D[Q || p(z|x)] for any Q (1e-10), so the ELBO is below log p(x)', () => {
  const { W, c, x } = linearModel(5, 2, 4);
  const s2 = 0.8, rng = new Rng(99);
  const post = linearGaussianPosterior(x, W, c, s2);
  const lp = linearGaussianLogMarginal(x, W, c, s2);
  for (let trial = 0; trial < 5; trial++) {
    const qMean = new Float64Array(2).map(() => rng.normal());
    const a = rng.normal(), b = rng.normal(), d = rng.normal();
    const qCov = matrix64(2, 2, [a * a + 0.1, a * b, a * b, b * b + d * d + 0.1]); // SPD
    const elbo = linearGaussianElbo(x, W, c, s2, qMean, qCov);
    const gap = klGaussians(qMean, qCov, post.mean, post.cov);
    assert.ok(Math.abs(lp - elbo - gap) < 1e-10 * Math.max(1, Math.abs(lp)), `trial ${trial}: ${lp - elbo} vs ${gap}`);
    assert.ok(elbo < lp);
  }
});

test('bad input: shapes and hyperparameters are named', () => {
  throwsMsg(() => klDiagonalGaussianToStandard(new Float64Array(2), matrix(2, 3), matrix(2, 2)), RangeError,
    'klDiagonalGaussianToStandard: mu is 2x3 but logSigma is 2x2 (they must have the same shape)');
  throwsMsg(() => klDiagonalGaussianToStandard(new Float64Array(3), matrix(2, 3), matrix(2, 3)), RangeError,
    'klDiagonalGaussianToStandard: out has length 3 but must have length 2');
  throwsMsg(() => reparameterizeForward(zeros(2, 2), matrix(2, 2), matrix(2, 2), matrix(3, 2)), RangeError,
    'reparameterizeForward: eps is 3x2 but mu is 2x2 (they must have the same shape)');
  throwsMsg(() => gaussianNegLogLikelihood(new Float64Array(1), matrix(1, 2), matrix(1, 2), 0), RangeError,
    'gaussianNegLogLikelihood: sigma2 must be a finite number > 0, got 0');
  throwsMsg(() => bernoulliNegLogLikelihood(new Float64Array(1), matrix(1, 2), matrix(1, 3)), RangeError,
    'bernoulliNegLogLikelihood: x is 1x2 but logits is 1x3 (they must have the same shape)');
  throwsMsg(() => klGaussians(new Float64Array(2), matrix64(3, 3), new Float64Array(2), identity64(2)), RangeError,
    'klGaussians: sigma0 must be a 2x2 Matrix64 (mu0 has length 2), got a 3x3 matrix of Float64Array(9)');
  throwsMsg(() => linearGaussianLogMarginal(new Float64Array(2), matrix64(3, 1), new Float64Array(3), 1), RangeError,
    'linearGaussianLogMarginal: W is 3x1 but x has length 2 (W is D x k with D = x.length)');
});

test.run();
