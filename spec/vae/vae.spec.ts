import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64, type Matrix } from '../../lib/linalg/matrix.js';
import {
  VAE, VAEGradient, VAEWorkspace, vaeBackward, vaeForward, vaeLoss, trainVAE, evaluateLoss,
  logMarginalImportance, logMarginalMonteCarlo, linearGaussianElbo, linearGaussianLogMarginal, linearGaussianPosterior,
} from '../../lib/vae/index.js';
import { throwsMsg, throwsWith } from '../assert-error.js';
import { refLoss, refParams } from './reference.js';

function rows(m: Matrix): Float64Array[] {
  return Array.from({ length: m.rows }, (_, r) => Float64Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

/**
 * Gradcheck of the whole one-sample negative ELBO at fixed eps: vaeBackward (float32) against
 * central differences of an independent float64 reference of the loss (spec/vae/reference.ts).
 * Tolerance: the float32 backward has relative error ~1e-6 per operation over a few dozen terms;
 * the float64 central difference with h = 1e-6 has truncation ~h^2 and round-off ~1e-16/h = 1e-10.
 * We allow |g - fd| <= 1e-4 (|fd| + 1e-2 * gmax), far above both and far below a wrong formula.
 */
function gradcheck(model: VAE, x: Matrix, eps: Matrix): void {
  const ws = new VAEWorkspace(model, x.rows), grad = new VAEGradient(model);
  const t = vaeForward(model, ws, x, eps);
  vaeBackward(model, ws, grad, 1);
  const p = refParams(model), X = rows(x), E = rows(eps);
  const track = { minAbs: Infinity, signs: [] as number[] };
  const ref = refLoss(model, p, X, E, track);
  // the float32 forward agrees with the float64 reference (relative 1e-5)
  assert.ok(Math.abs(t.loss - ref) <= 1e-5 * Math.abs(ref), `forward ${t.loss} vs reference ${ref}`);
  // The central difference is valid only if neither ±h step moves a ReLU pre-activation across
  // its kink. That is checked exactly below: every perturbed evaluation must leave every ReLU on
  // the side it is on at the base point. (A fixed margin such as |z| > 1e-3 is much stronger than
  // needed — a step of 1e-6 moves z by 1e-6 times its sensitivity — and failed on 7–14% of seeds;
  // an actual crossing needs |z| within ~1e-6·|∂z/∂θ| of 0, about 1e-5 per pre-activation, ~1e-3
  // per check with 50–100 pre-activations.)
  const sameSides = (label: string, i: number, q: number) => (signs: number[]) =>
    assert.equal(signs, track.signs, `parameter array ${q} entry ${i}: the ${label} step crosses a ReLU kink (nearest pre-activation ${track.minAbs} from it), so the finite difference is not a derivative`);
  const g = grad.arrays();
  const gmax = Math.max(...g.map((a) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  const h = 1e-6;
  let checked = 0;
  for (let q = 0; q < p.arrays.length; q++) {
    const a = p.arrays[q];
    for (let i = 0; i < a.length; i++) {
      const keep = a[i];
      const upTrack = { minAbs: Infinity, signs: [] as number[] }, downTrack = { minAbs: Infinity, signs: [] as number[] };
      a[i] = keep + h; const up = refLoss(model, p, X, E, upTrack);
      a[i] = keep - h; const down = refLoss(model, p, X, E, downTrack);
      a[i] = keep;
      sameSides('+h', i, q)(upTrack.signs);
      sameSides('−h', i, q)(downTrack.signs);
      const fd = (up - down) / (2 * h);
      const err = Math.abs(g[q][i] - fd);
      assert.ok(err <= 1e-4 * (Math.abs(fd) + 1e-2 * gmax), `parameter array ${q} entry ${i}: backward ${g[q][i]} vs finite difference ${fd}`);
      checked++;
    }
  }
  assert.is(checked, model.parameterCount());
}

test('N-VAE-09 gradcheck: the whole negative ELBO (Bernoulli, hidden [5, 4]) at fixed eps, every parameter', () => {
  const rng = new Rng(12);
  const model = VAE.create({ inputSize: 6, latentSize: 3, hidden: [5, 4] }, rng);
  const x = matrix(4, 6); rng.fillUniform(x.data);
  const eps = matrix(4, 3); rng.fillNormal(eps.data);
  gradcheck(model, x, eps);
});

test('N-VAE-03/09 gradcheck: Gaussian likelihood (sigma^2 = 0.3, hidden [7]) and the linear model (hidden [])', () => {
  const rng = new Rng(5);
  const g = VAE.create({ inputSize: 5, latentSize: 2, hidden: [7], likelihood: 'gaussian', sigma2: 0.3 }, rng);
  const x = matrix(3, 5); rng.fillNormal(x.data);
  const eps = matrix(3, 2); rng.fillNormal(eps.data);
  gradcheck(g, x, eps);
  const lin = VAE.create({ inputSize: 4, latentSize: 2, hidden: [], likelihood: 'gaussian', sigma2: 2 }, rng);
  gradcheck(lin, matrix(3, 4, x.data.subarray(0, 12)), eps);
});

test('N-VAE-09 same seed, same loss and same trained parameters (bit for bit)', () => {
  const run = () => {
    const model = VAE.create({ inputSize: 9, latentSize: 2, hidden: [8] }, new Rng(1));
    const data = matrix(20, 9); new Rng(2).fillUniform(data.data);
    const m = trainVAE(model, data, { epochs: 3, batchSize: 8 }, new Rng(3));
    return { losses: m.map((e) => e.trainLoss), params: model.parameters().map((p) => Array.from(p)) };
  };
  const a = run(), b = run();
  assert.equal(a.losses, b.losses);
  assert.equal(a.params, b.params);
});

/**
 * The linear-Gaussian model as a VAE: decoder f(z) = W z + c (layer weights W^T, bias c),
 * encoder set to the exact posterior N(m, S) (S diagonal because W has orthogonal columns):
 * mu = S W^T (x - c) / sigma^2 (linear in x), log sigma = 1/2 log diag S (constant).
 */
function linearGaussianVAE(sigma2: number, perturb = 0) {
  const D = 6, k = 3;
  const rng = new Rng(77);
  const model = VAE.create({ inputSize: D, latentSize: k, hidden: [], likelihood: 'gaussian', sigma2 }, rng);
  const dec = model.decoder.layers[0]; // k x D
  const W = matrix64(D, k), c = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    const a = i % k; // orthogonal columns
    for (let m = 0; m < k; m++) dec.W.data[m * D + i] = m === a ? rng.normal() : 0;
    dec.b[i] = rng.normal();
  }
  for (let i = 0; i < D; i++) { for (let m = 0; m < k; m++) W.data[i * k + m] = dec.W.data[m * D + i]; c[i] = dec.b[i]; }
  const x = new Float64Array(D).map(() => Math.fround(1.5 * rng.normal()));
  const post = linearGaussianPosterior(x, W, c, sigma2);
  const S = post.cov;
  // mu head: W_mu[i][m] = (W S)_{im} / sigma^2, b_mu = -c^T W S / sigma^2
  for (let m = 0; m < k; m++) {
    let bm = 0;
    for (let i = 0; i < D; i++) {
      const wim = (W.data[i * k + m] * S.data[m * k + m]) / sigma2;
      model.muHead.W.data[i * k + m] = wim;
      bm -= c[i] * wim;
    }
    model.muHead.b[m] = bm + perturb * (m + 1) * 0.5;
    for (let i = 0; i < D; i++) model.logSigmaHead.W.data[i * k + m] = 0;
    model.logSigmaHead.b[m] = 0.5 * Math.log(S.data[m * k + m]) + perturb * 0.4 * (m - 1);
  }
  // Q as the model represents it (float32 parameters), for the closed forms
  const q = new VAEWorkspace(model, 1);
  const xm = matrix(1, D, x);
  const eps0 = matrix(1, k);
  vaeForward(model, q, xm, eps0);
  const v = q.views(1);
  const qMean = Float64Array.from(v.mu.data);
  const qCov = matrix64(k, k);
  for (let m = 0; m < k; m++) qCov.data[m * k + m] = Math.exp(2 * v.logSigma.data[m]);
  return { model, W, c, x, xm, post, qMean, qCov, D, k };
}

function meanSe(v: Float64Array): { mean: number; se: number } {
  let s = 0, s2 = 0;
  for (const a of v) { s += a; s2 += a * a; }
  const mean = s / v.length;
  return { mean, se: Math.sqrt(Math.max(0, s2 / v.length - mean * mean) / v.length) };
}

function replicate(x: Float64Array, n: number): Matrix {
  const m = matrix(n, x.length);
  for (let r = 0; r < n; r++) m.data.set(x, r * x.length);
  return m;
}

test('N-VAE-08 linear-Gaussian VAE: the one-sample -loss averages to the closed-form ELBO (4 SE); at the true posterior that is log p(x)', () => {
  for (const perturb of [0, 1]) {
    const { model, W, c, x, post, qMean, qCov } = linearGaussianVAE(0.5, perturb);
    const lp = linearGaussianLogMarginal(x, W, c, 0.5);
    const elbo = linearGaussianElbo(x, W, c, 0.5, qMean, qCov);
    if (perturb === 0) {
      // the float32 encoder reproduces the posterior to float32 rounding
      assert.ok(Math.abs(elbo - lp) < 1e-5 * Math.abs(lp), `ELBO at the posterior ${elbo} vs log p(x) ${lp}`);
      for (let m = 0; m < 3; m++) assert.ok(Math.abs(qMean[m] - post.mean[m]) < 1e-5 * (1 + Math.abs(post.mean[m])));
    } else {
      assert.ok(lp - elbo > 0.1, `a perturbed Q must have a visible gap: ${lp - elbo}`);
    }
    const n = 4000;
    const xs = replicate(x, n);
    const ws = new VAEWorkspace(model, n);
    const v = ws.views(n);
    new Rng(9).fillNormal(v.eps.data);
    vaeForward(model, ws, xs, v.eps);
    const negLoss = new Float64Array(n).map((_, r) => -(v.reconstruction[r] + v.kl[r]));
    const { mean, se } = meanSe(negLoss);
    assert.ok(Math.abs(mean - elbo) < 4 * se, `perturb ${perturb}: mean -loss ${mean} ± ${se} vs closed-form ELBO ${elbo}`);
  }
});

test('IWAE: at the true posterior every weight is p(x), so L_k = log p(x) for every k (float32 rounding)', () => {
  const { model, W, c, x, xm } = linearGaussianVAE(0.5, 0);
  const lp = linearGaussianLogMarginal(x, W, c, 0.5);
  for (const k of [1, 7, 50]) {
    const est = logMarginalImportance(model, xm, k, new Rng(k))[0];
    assert.ok(Math.abs(est - lp) < 2e-4 * Math.abs(lp), `k = ${k}: ${est} vs ${lp}`);
  }
});

test('IWAE: with an imperfect Q, E[L_1] = ELBO (4 SE), E[L_k] increases with k and stays below log p(x)', () => {
  const { model, W, c, x, qMean, qCov } = linearGaussianVAE(0.5, 1);
  const lp = linearGaussianLogMarginal(x, W, c, 0.5);
  const elbo = linearGaussianElbo(x, W, c, 0.5, qMean, qCov);
  const xs = replicate(x, 3000);
  const est = [1, 5, 50].map((k) => meanSe(logMarginalImportance(model, xs, k, new Rng(100 + k))));
  assert.ok(Math.abs(est[0].mean - elbo) < 4 * est[0].se, `L_1 ${est[0].mean} ± ${est[0].se} vs ELBO ${elbo}`);
  for (let i = 1; i < est.length; i++) {
    const diff = est[i].mean - est[i - 1].mean, se = Math.hypot(est[i].se, est[i - 1].se);
    assert.ok(diff > 4 * se, `L_k must increase: ${est[i - 1].mean} -> ${est[i].mean} (SE ${se})`);
  }
  const last = est[est.length - 1];
  assert.ok(last.mean < lp + 4 * last.se, `L_50 ${last.mean} ± ${last.se} must not exceed log p(x) ${lp}`);
  assert.ok(lp - last.mean < (lp - elbo) / 2, `L_50 closes most of the gap: ${lp - last.mean} vs ${lp - elbo}`);
});

test('N-VAE-02 prior Monte Carlo: the mean of the weights p(x|z_s), z_s ~ p(z), is unbiased for p(x) (4 SE)', () => {
  // a broad likelihood (sigma^2 = 4) keeps p(x|z) from being peaked, so the estimate has a usable variance
  const { model, W, c, x } = linearGaussianVAE(4, 0);
  const lp = linearGaussianLogMarginal(x, W, c, 4);
  const R = 400, S = 200;
  const est = logMarginalMonteCarlo(model, replicate(x, R), S, new Rng(31));
  // exp(est[r]) = (1/S) sum_s p(x|z_s): R independent unbiased estimates of p(x)
  const ratios = est.map((e) => Math.exp(e - lp)); // estimates of p(x) / p(x) = 1
  const { mean, se } = meanSe(ratios);
  assert.ok(Math.abs(mean - 1) < 4 * se, `mean of p-hat / p(x) = ${mean} ± ${se}`);
});

test('a tiny VAE on bars-and-stripes-like 0/1 patterns: the test loss falls well below its starting value', () => {
  const rng = new Rng(40);
  const protos = [[1, 1, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0, 1, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0, 1]];
  const data = matrix(64, 9);
  for (let r = 0; r < 64; r++) data.data.set(protos[r % 4], r * 9);
  const model = VAE.create({ inputSize: 9, latentSize: 2, hidden: [16] }, rng);
  const ws = new VAEWorkspace(model, 64);
  // 20 eps draws per row: the evaluation's own noise is ~0.1 nats, far below the change asserted
  const evalLoss = () => { let s = 0; for (let i = 0; i < 20; i++) s += evaluateLoss(model, ws, data, new Rng(500 + i)).loss; return s / 20; };
  const before = evalLoss();
  const m = trainVAE(model, data, { epochs: 300, batchSize: 16, learningRate: 0.01 }, new Rng(41));
  const after = evalLoss();
  // start: about 9 ln 2 = 6.2 nats; four equally likely patterns need at least ln 4 = 1.39
  assert.ok(before > 5.5, `initial loss ${before}`);
  assert.ok(after < 0.6 * before, `loss ${before} -> ${after}`);
  assert.ok(m[m.length - 1].trainLoss < m[0].trainLoss);
});

test('bad input: options, shapes and NaN stops name what was wrong', () => {
  const rng = new Rng(1);
  throwsMsg(() => VAE.create({ inputSize: 0, latentSize: 2 }, rng), RangeError, 'VAE.create: inputSize must be a positive integer, got 0');
  throwsMsg(() => VAE.create({ inputSize: 4, latentSize: 2, hidden: [3, 0] }, rng), RangeError, 'VAE.create: hidden[1] must be a positive integer, got 0');
  throwsMsg(() => VAE.create({ inputSize: 4, latentSize: 2, likelihood: 'poisson' as 'gaussian' }, rng), RangeError,
    "VAE.create: likelihood must be 'bernoulli' or 'gaussian', got \"poisson\"");
  throwsMsg(() => VAE.create({ inputSize: 4, latentSize: 2, sigma2: 0.5 }, rng), RangeError,
    "VAE.create: sigma2 is the Gaussian likelihood's variance; it is not used with likelihood 'bernoulli'");
  throwsMsg(() => VAE.create({ inputSize: 4, latentSize: 2, likelihood: 'gaussian', sigma2: -1 }, rng), RangeError,
    'VAE.create: sigma2 must be a finite number > 0, got -1');
  throwsMsg(() => VAE.create({ inputSize: 4, latentSize: 2, hiden: [3] } as never, rng), TypeError,
    "VAE.create: unknown option 'hiden' (allowed: inputSize, latentSize, hidden, likelihood, sigma2, init)");
  const model = VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng);
  const ws = new VAEWorkspace(model, 8);
  throwsMsg(() => vaeForward(model, ws, matrix(2, 5), matrix(2, 2)), RangeError, 'vaeForward: x is 2x5 but the VAE takes 4 inputs per row');
  throwsMsg(() => vaeForward(model, ws, matrix(2, 4), matrix(2, 3)), RangeError,
    'vaeForward: eps is 2x3 but must be 2x2 (one row of k standard-normal draws per row of x)');
  throwsMsg(() => vaeForward(model, ws, matrix(9, 4), matrix(9, 2)), RangeError, 'vaeForward: x has 9 rows but the workspace holds 1..8');
  throwsMsg(() => vaeBackward(model, new VAEWorkspace(model, 2), new VAEGradient(model), 1), RangeError,
    'vaeBackward: ws has had no forward pass yet (call vaeForward first)');
  throwsMsg(() => vaeLoss(model, ws, matrix(2, 3), rng), RangeError, 'vaeLoss: x is 2x3 but the VAE takes 4 inputs per row');
  throwsMsg(() => logMarginalImportance(model, matrix(2, 4), 0, rng), RangeError, 'logMarginalImportance: k must be a positive integer, got 0');
  const data = matrix(10, 4);
  throwsMsg(() => trainVAE(model, data, { epochs: 0 }, rng), RangeError, 'trainVAE: options.epochs must be a positive integer, got 0');
  throwsMsg(() => trainVAE(model, data, { epochs: 1, learningRate: -1 }, rng), RangeError, 'trainVAE: options.learningRate must be a finite number > 0, got -1');
  throwsMsg(() => trainVAE(model, matrix(10, 3), { epochs: 1 }, rng), RangeError, 'trainVAE: data is 10x3 but the VAE takes 4 inputs per row');
  const bad = matrix(10, 4); bad.data[2 * 4 + 3] = NaN;
  throwsMsg(() => trainVAE(model, bad, { epochs: 1 }, rng), RangeError, 'trainVAE: data[2, 3] is NaN; the data must be finite');
  // a parameter that is already NaN: named with its index
  const m2 = VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng);
  m2.decoder.layers[1].W.data[1 * 4 + 2] = NaN;
  throwsWith(() => trainVAE(m2, data, { epochs: 1, batchSize: 5 }, rng), Error, 'trainVAE: step 1 (epoch 1, batch 1/2)', 'parameter decoder W^2[1, 2] = NaN is not finite');
  // a forward quantity that overflows: sigma = e^1000 makes z infinite
  const m3 = VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng);
  m3.logSigmaHead.b[1] = 1000;
  throwsWith(() => trainVAE(m3, data, { epochs: 1, batchSize: 5 }, rng), Error, 'trainVAE: step 1 (epoch 1, batch 1/2): the forward pass produced a non-finite z[0, 1]');
});

test.run();
