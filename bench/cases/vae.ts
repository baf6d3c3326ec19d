/**
 * VAE training throughput on the default linalg backend, pytorch/examples' shapes
 * (784-400-20, batch 128), on MNIST-like input: a fixed random batch with 80 % exact zeros
 * (the fraction in MNIST) and grey levels elsewhere.
 *
 * - `vae/step 784-400-20, batch 128`: one training step: vaeForward, vaeBackward, Adam on every
 *   parameter array. Work is the gemm flop count of the five large products, 5 · 2 B D H
 *   (x·W1, the decoder output layer h·W4, its two gradients h^T Δ and Δ W4^T, and the encoder's
 *   weight gradient x^T Δ1; the encoder needs no gradient with respect to x), so its GFLOP/s is
 *   below the bare gemm rate by everything else the step does.
 * - `vae/step, dense products only (sparse: false)`: the same step with every product through
 *   gemm (by default products whose left operand is <= 40 % nonzeros go through sparseGemm).
 * - `vae/five large products only`: the same five products on the same shapes, nothing else
 *   (the baseline the step is compared with).
 * - `vae/Adam over 652824 parameters`: the optimizer alone, one step on every array.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';
import { gemm, matrix } from '../../lib/linalg/index.js';
import { Adam } from '../../lib/optim/index.js';
import { VAE, VAEGradient, VAEWorkspace, vaeBackward, vaeForward } from '../../lib/vae/index.js';

const D = 784, H = 400, k = 20, B = 128;
const rng = new Rng(2027);
const x = matrix(B, D);
for (let i = 0; i < x.data.length; i++) x.data[i] = rng.float() < 0.8 ? 0 : rng.float();
const eps = matrix(B, k);
rng.fillNormal(eps.data);
let vae: VAE, ws: VAEWorkspace, wsDense: VAEWorkspace, grad: VAEGradient, opt: Adam;
let params: Float32Array[] = [], grads: Float32Array[] = [];
const W1 = matrix(D, H), W4 = matrix(H, D), Z1 = matrix(B, H), Z4 = matrix(B, D), G1 = matrix(D, H), G4 = matrix(H, D), dH = matrix(B, H);
const TN = { transA: true }, NT = { transB: true };
const flop = 5 * 2 * B * D * H;

export const cases: BenchCase[] = [
  {
    name: 'vae/five large products only',
    group: 'vae',
    work: flop,
    unit: 'flop',
    setup: () => { new Rng(1).fillUniform(W1.data, -0.05, 0.05); new Rng(2).fillUniform(W4.data, -0.05, 0.05); },
    run: () => {
      gemm(Z1, x, W1); //        encoder layer 1
      gemm(Z4, Z1, W4); //       decoder output layer
      gemm(G4, Z1, Z4, TN); //   its weight gradient
      gemm(dH, Z4, W4, NT); //   its input gradient
      gemm(G1, x, Z1, TN); //    encoder weight gradient
    },
  },
  {
    name: 'vae/step 784-400-20, batch 128',
    group: 'vae',
    work: flop,
    unit: 'flop',
    baseline: 'vae/five large products only',
    setup: () => {
      vae = VAE.create({ inputSize: D, latentSize: k, hidden: [H] }, new Rng(1));
      ws = new VAEWorkspace(vae, B);
      wsDense = new VAEWorkspace(vae, B, { sparse: false });
      grad = new VAEGradient(vae);
      opt = new Adam({ lr: 1e-3 });
      params = vae.parameters(); grads = grad.arrays();
    },
    run: () => {
      vaeForward(vae, ws, x, eps);
      vaeBackward(vae, ws, grad, 1);
      for (let i = 0; i < params.length; i++) opt.step(params[i], grads[i]);
    },
  },
  {
    name: 'vae/step, dense products only (sparse: false)',
    group: 'vae',
    work: flop,
    unit: 'flop',
    baseline: 'vae/step 784-400-20, batch 128',
    run: () => {
      vaeForward(vae, wsDense, x, eps);
      vaeBackward(vae, wsDense, grad, 1);
      for (let i = 0; i < params.length; i++) opt.step(params[i], grads[i]);
    },
  },
  {
    name: 'vae/Adam over 652824 parameters',
    group: 'vae',
    work: 652824,
    unit: 'numbers',
    setup: () => {
      if (!vae) vae = VAE.create({ inputSize: D, latentSize: k, hidden: [H] }, new Rng(1));
      if (!grad) grad = new VAEGradient(vae);
      opt = new Adam({ lr: 1e-3 });
      params = vae.parameters(); grads = grad.arrays();
    },
    run: () => {
      for (let i = 0; i < params.length; i++) opt.step(params[i], grads[i]);
    },
  },
];
