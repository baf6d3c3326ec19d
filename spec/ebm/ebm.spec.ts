import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, matrix64, zeros, zeros64 } from '../../lib/linalg/index.js';
import { Adam } from '../../lib/optim/index.js';
import { fromEnergy, malaStep, type MalaState } from '../../lib/mcmc/index.js';
import { createMLP, createWorkspace, gradcheck, mlpPredict } from '../../lib/nn/index.js';
import {
  contrastiveLossBackward, contrastiveLossForward, fosterPreset, langevinChains, mlpEnergy, trainEBM, ulaSettings,
} from '../../lib/ebm/index.js';
import { throwsMsg, throwsWith } from '../assert-error.js';
import { meanWithSE } from '../mcmc/helpers.js';

test('N-LANG-03 contrastive loss by hand, and its backward equals central differences (1e-9)', () => {
  const c = contrastiveLossForward([1, 2], [3, 5], 0.1);
  // (1 + 2)/2 − (3 + 5)/2 + 0.1 (1 + 4 + 9 + 25)/2
  assert.ok(Math.abs(c.loss - (1.5 - 4 + 0.1 * 39 / 2)) < 1e-15);
  assert.is(c.meanPositive, 1.5);
  assert.is(c.meanNegative, 4);
  const ePos = new Float64Array([0.3, -1.2, 2]), eNeg = new Float64Array([-0.4, 0.9, 1.1]);
  const dPos = new Float64Array(3), dNeg = new Float64Array(3);
  contrastiveLossBackward(dPos, dNeg, ePos, eNeg, 0.7);
  const r = gradcheck(() => contrastiveLossForward(ePos, eNeg, 0.7).loss, [ePos, eNeg], [dPos, dNeg]);
  assert.ok(r.maxError < 1e-9, String(r.maxError));
});

test('N-EBM-08 mlpEnergy: energy is the network output, gradEnergy its input gradient (central differences, 1e-8); fromEnergy gives log q = −E', () => {
  const net = createMLP([3, 5, 1], { hidden: 'tanh', precision: 'float64' }, new Rng(71));
  const model = mlpEnergy(net);
  const x = new Float64Array([0.3, -0.7, 1.1]);
  assert.is(model.energy(x), mlpPredict(net, matrix64(1, 3, x)).data[0]);
  const g = model.gradEnergy!(new Float64Array(3), x);
  assert.ok(gradcheck(() => model.energy(x), [x], [g]).maxError < 1e-8);
  assert.is(fromEnergy(model).logDensity(x), -model.energy(x));
});

test('langevinChains on a linear energy E = w x + b: after k steps x = x₀ − k s w + N(0, k σ²) (mean and variance within 4 SE); clip and clamp exact', () => {
  const net = createMLP([1, 1], { precision: 'float64' }, new Rng(1));
  net.layers[0].W.data[0] = 2;
  net.layers[0].b[0] = -5;
  const C = 4000, k = 10, s = 0.05, sd = 0.3;
  const X = zeros64(C, 1), G = zeros64(C, 1), ones = matrix64(C, 1, new Float64Array(C).fill(1));
  const ws = createWorkspace(net, C);
  langevinChains(net, ws, X, G, ones, { steps: k, stepSize: s, noiseSd: sd }, new Rng(2));
  let m = 0, v = 0;
  for (const x of X.data) m += x / C;
  for (const x of X.data) v += (x - m) ** 2 / (C - 1);
  const wantM = -k * s * 2, wantV = k * sd * sd;
  assert.ok(Math.abs(m - wantM) < 4 * Math.sqrt(wantV / C), `mean ${m} vs ${wantM}`);
  assert.ok(Math.abs(v - wantV) < 4 * wantV * Math.sqrt(2 / (C - 1)), `variance ${v} vs ${wantV}`);
  // no noise: the clipped gradient 0.5 moves 0.05 · 0.5 per step; the clamp stops at −0.1
  const Y = zeros64(2, 1);
  const ws2 = createWorkspace(net, 2);
  langevinChains(net, ws2, Y, zeros64(2, 1), matrix64(2, 1, [1, 1]), { steps: 3, stepSize: s, noiseSd: 0, gradClip: 0.5 }, new Rng(3));
  assert.ok(Math.abs(Y.data[0] + 3 * 0.025) < 1e-15);
  langevinChains(net, ws2, Y, zeros64(2, 1), matrix64(2, 1, [1, 1]), { steps: 3, stepSize: s, noiseSd: 0, clamp: [-0.1, 1] }, new Rng(3));
  assert.is(Y.data[0], -0.1);
  assert.equal(ulaSettings(0.04, 7), { steps: 7, stepSize: 0.02, noiseSd: 0.2 });
});

test('N-LANG-03 Gaussian family E_θ(x) = θ₂x²/2 − θ₁x, α = 0, MALA negatives: training ends at θ₁/θ₂ = data mean and 1/θ₂ = data variance (4 SE)', () => {
  // The update is θ ← θ − η dL/dθ with dL/dθ = Σ_b dL/dE_b ∂E_b/∂θ (∂E/∂θ₁ = −x, ∂E/∂θ₂ = x²/2), whose
  // fixed point makes the model's E[x] and E[x²] equal the data's: the model N(θ₁/θ₂, 1/θ₂) then has
  // the data's mean and variance. The averaged iterate misses the fixed point only by the average
  // Monte Carlo error of the negative phase, e_t = (chains' mean of x) − θ₁/θ₂ at step t (and the
  // same for x²); its SE comes from the recorded series with their ESS (meanWithSE).
  const rng = new Rng(72);
  const n = 2000;
  const data = Float64Array.from({ length: n }, () => 1 + 0.7 * rng.normal());
  let m1 = 0, m2 = 0;
  for (const x of data) { m1 += x / n; m2 += (x * x) / n; }
  const dataVar = m2 - m1 * m1;
  const theta = new Float64Array([0, 1]);
  const target = fromEnergy({
    dim: 1,
    energy: (x) => theta[1] * x[0] * x[0] / 2 - theta[0] * x[0],
    gradEnergy: (out, x) => { out[0] = theta[1] * x[0] - theta[0]; return out; },
  });
  const chains: MalaState[] = Array.from({ length: n }, () => ({
    x: new Float64Array([rng.normal()]), logp: 0, grad: new Float64Array(1), xNew: new Float64Array(1), gradNew: new Float64Array(1), acceptanceProbability: NaN,
  }));
  const ePos = new Float64Array(n), eNeg = new Float64Array(n), dPos = new Float64Array(n), dNeg = new Float64Array(n);
  const T = 400, window = 200, eta = 0.5;
  const avg = new Float64Array(2);
  const err1 = new Float64Array(window), err2 = new Float64Array(window);
  for (let t = 0; t < T; t++) {
    const lambda = 1 / theta[1]; // MALA is exact for any λ; the model variance mixes well
    let s1 = 0, s2 = 0;
    for (const c of chains) {
      c.logp = target.logDensity(c.x); // θ changed: refresh the cached log density and gradient
      target.gradLogDensity!(c.grad, c.x);
      malaStep(c, target, lambda, rng);
      s1 += c.x[0] / n;
      s2 += c.x[0] ** 2 / n;
    }
    for (let b = 0; b < n; b++) {
      ePos[b] = theta[1] * data[b] ** 2 / 2 - theta[0] * data[b];
      eNeg[b] = theta[1] * chains[b].x[0] ** 2 / 2 - theta[0] * chains[b].x[0];
    }
    contrastiveLossBackward(dPos, dNeg, ePos, eNeg, 0);
    let g1 = 0, g2 = 0;
    for (let b = 0; b < n; b++) {
      g1 += dPos[b] * -data[b] + dNeg[b] * -chains[b].x[0];
      g2 += dPos[b] * data[b] ** 2 / 2 + dNeg[b] * chains[b].x[0] ** 2 / 2;
    }
    if (t >= T - window) {
      const mean = theta[0] / theta[1], v = 1 / theta[1];
      err1[t - (T - window)] = s1 - mean;
      err2[t - (T - window)] = s2 - (v + mean * mean);
    }
    theta[0] -= eta * g1;
    theta[1] -= eta * g2;
    if (t >= T - window) { avg[0] += theta[0] / window; avg[1] += theta[1] / window; }
  }
  const e1 = meanWithSE(err1), e2 = meanWithSE(err2);
  const modelMean = avg[0] / avg[1], modelVar = 1 / avg[1];
  const seVar = e2.se + 2 * Math.abs(m1) * e1.se; // Var = E[x²] − E[x]²: δVar ≈ δE[x²] − 2m δE[x]
  assert.ok(Math.abs(modelMean - m1) <= 4 * e1.se, `mean ${modelMean} vs data ${m1} (SE ${e1.se})`);
  assert.ok(Math.abs(modelVar - dataVar) <= 4 * seVar, `variance ${modelVar} vs data ${dataVar} (SE ${seVar})`);
});

test('N-LANG-03 an MLP energy trained with ULA negatives on 1-D Gaussian data: mean and variance of e^{−E} (quadrature) match the data', () => {
  // Tolerance: 4 standard errors of the data's own sample moments (SE(mean) = s/√n,
  // SE(var) = s²√(2/n)): the scale on which n points pin the density down; plus, for the
  // variance, ULA's discretization bias (for a Gaussian of variance v the chain's variance is
  // v/(1 − λ/(4v)), N-LANG-01), which the training transfers to the model with the opposite sign.
  const rng = new Rng(5);
  const n = 1024, lambda = 0.02;
  const data = matrix(n, 1);
  for (let i = 0; i < n; i++) data.data[i] = 0.3 + 0.5 * rng.normal();
  let m = 0, v = 0;
  for (const x of data.data) m += x / n;
  for (const x of data.data) v += (x - m) ** 2 / n;
  const net = createMLP([1, 16, 1], { hidden: 'tanh' }, new Rng(1));
  const opt = new Adam({ lr: 1e-2 });
  const epochs = 200, steps = epochs * Math.floor(n / 64);
  trainEBM(net, data, {
    epochs, batchSize: 64, alpha: 0, bufferSize: 1024, reinitProbability: 0, initRange: [-3, 3],
    langevin: { ...ulaSettings(lambda, 5), clamp: [-3, 3] }, optimizer: opt,
    onStep: (r) => { opt.lr = 1e-2 * Math.max(0.02, 1 - r.step / steps); }, // linear decay: the last iterate settles
  }, new Rng(2));
  // moments of q(x) ∝ e^{−E(x)} on the sampler's box [−3, 3] by the trapezoid rule (3001 points)
  const K = 3001, grid = matrix(K, 1);
  for (let k = 0; k < K; k++) grid.data[k] = -3 + (6 * k) / (K - 1);
  const E = mlpPredict(net, grid).data;
  const eMin = E.reduce((a, b) => Math.min(a, b));
  let Z = 0, M1 = 0, M2 = 0;
  for (let k = 0; k < K; k++) {
    const w = Math.exp(-(E[k] - eMin)) * (k === 0 || k === K - 1 ? 0.5 : 1);
    Z += w; M1 += w * grid.data[k]; M2 += w * grid.data[k] ** 2;
  }
  const qMean = M1 / Z, qVar = M2 / Z - qMean * qMean;
  const seMean = Math.sqrt(v / n), seVar = v * Math.sqrt(2 / n);
  const ulaBias = v * (1 / (1 - lambda / (4 * v)) - 1);
  assert.ok(Math.abs(qMean - m) <= 4 * seMean, `mean ${qMean} vs ${m} (SE ${seMean})`);
  assert.ok(Math.abs(qVar - v) <= 4 * seVar + ulaBias, `variance ${qVar} vs ${v} (SE ${seVar}, ULA bias ${ulaBias})`);
});

test('fosterPreset holds the notebook settings', () => {
  const p = fosterPreset();
  assert.equal(p.langevin, { steps: 60, stepSize: 10, noiseSd: 0.005, gradClip: 0.03, clamp: [-1, 1] });
  assert.is(p.alpha, 0.1);
  assert.is(p.bufferSize, 8192);
  assert.is(p.reinitProbability, 0.05);
  assert.equal(p.initRange, [-1, 1]);
  assert.is((p.optimizer as Adam).lr, 1e-4);
});

test('bad input', () => {
  const two = createMLP([2, 3, 2], {}, new Rng(1));
  throwsMsg(() => mlpEnergy(two), RangeError, 'mlpEnergy: net must be an energy network with one output (E_θ(x)), but this one has n_L = 2');
  const sig = createMLP([2, 1], { output: 'sigmoid' }, new Rng(1));
  throwsMsg(() => mlpEnergy(sig), RangeError, "mlpEnergy: net must be an energy network with an identity output layer (E is any real number), got 'sigmoid'");
  const net = createMLP([1, 1], {}, new Rng(1));
  const base = { epochs: 1, batchSize: 2, alpha: 0, bufferSize: 4, reinitProbability: 0, initRange: [-1, 1] as [number, number], langevin: ulaSettings(0.1, 1), optimizer: new Adam() };
  throwsMsg(() => trainEBM(net, matrix(4, 1), { ...base, reinitProbability: 2 }, new Rng(1)), RangeError, 'trainEBM: reinitProbability must be in [0, 1], got 2');
  throwsWith(() => trainEBM(net, matrix(4, 1), { ...base, langevin: { ...base.langevin, stepsize: 1 } as never }, new Rng(1)), TypeError, "trainEBM: langevin: unknown option 'stepsize' (allowed: steps, stepSize, noiseSd, gradClip, clamp)");
  throwsWith(() => trainEBM(net, matrix(4, 2), base, new Rng(1)), RangeError, 'trainEBM: data must be a float32 matrix with n_0 = 1 columns, got a 4x2 matrix of Float32Array(8)');
  net.layers[0].W.data[0] = 1e30;
  throwsWith(() => trainEBM(net, matrix(4, 1), { ...base, alpha: 1e10, langevin: { steps: 0, stepSize: 1, noiseSd: 0 } }, new Rng(1)), RangeError, 'trainEBM: step 2 (epoch 1): the loss is NaN');
});

test.run();
