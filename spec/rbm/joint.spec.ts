/**
 * N-GRBM-02 / N-RBM-03: the unnormalized log joint is −E, checked against the product of the
 * notes' factors written out independently here (corrected form, errata E-13).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BernoulliRBM, GaussianBernoulliRBM, logJointUnnormalized, Rng } from '../../lib/index.js';

test('N-GRBM-02 log p_GB(x,h)·Z = Σ_i −(x_i−a_i)²/2σ_i² + Σ_j b_j h_j + Σ_ij x_i w_ij h_j/σ_i²', () => {
  const rng = new Rng(5);
  const M = 3, N = 2;
  const rbm = GaussianBernoulliRBM.create(M, N, 'glorot-normal', rng, { sigma: new Float32Array([0.5, 1, 2]) });
  rng.fillNormal(rbm.a, 0, 1);
  rng.fillNormal(rbm.b, 0, 1);
  const x = [0.3, -1.2, 2.5], h = [1, 0];
  let expected = 0;
  for (let i = 0; i < M; i++) expected -= (x[i] - rbm.a[i]) ** 2 / (2 * rbm.sigma[i] ** 2);
  for (let j = 0; j < N; j++) expected += rbm.b[j] * h[j];
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) expected += (x[i] * rbm.W.data[i * N + j] * h[j]) / rbm.sigma[i] ** 2;
  assert.ok(Math.abs(logJointUnnormalized(rbm, x, h) - expected) < 1e-12 * (1 + Math.abs(expected)));
});

test('N-RBM-03 binary: log f(x,h) = aᵀx + bᵀh + xᵀWh', () => {
  const rng = new Rng(6);
  const rbm = BernoulliRBM.create(3, 2, 'glorot-normal', rng);
  rng.fillNormal(rbm.a, 0, 1);
  const x = [1, 0, 1], h = [0, 1];
  let expected = 0;
  for (let i = 0; i < 3; i++) expected += rbm.a[i] * x[i];
  for (let j = 0; j < 2; j++) expected += rbm.b[j] * h[j];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expected += x[i] * rbm.W.data[i * 2 + j] * h[j];
  assert.ok(Math.abs(logJointUnnormalized(rbm, x, h) - expected) < 1e-12);
});

test.run();
