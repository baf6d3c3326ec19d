/**
 * RBM training throughput on the default linalg backend.
 *
 * - `rbm/CD-1 epoch 784x500, n=1000, batch 100`: one call = one epoch of trainRBM (CD-1,
 *   probabilities, SGD, no monitor) over a fixed random binary 1000 x 784 data set. Work is the
 *   gemm flop count, 12 B M N per minibatch of B rows: four products of a B x M by an M x N
 *   matrix (X0·W for the positive hidden means; the chain's h | x and x | h, the latter H·Wᵀ;
 *   Xk·W for the negative hidden means) and two gradient products X0ᵀH0, XkᵀHk, each 2 B M N.
 *   Sampling, sigmoids and the optimizer step are not counted, so its GFLOP/s is below the
 *   bare gemm rate. trainRBM allocates its buffers (< 1 MB) once per call, i.e. once per epoch.
 * - `rbm/gemms only (12BMN flop per batch)`: the same six products on the same shapes with
 *   nothing else: the bound the epoch is compared with (baseline).
 * - `rbm/blockGibbs k=1, 1000 chains 784x500`: one block-Gibbs sweep h ~ p(h|x), x ~ p(x|h) of
 *   1000 chains; work = 1000 samples (visible vectors) per call.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';
import { gemm, matrix, type Matrix } from '../../lib/linalg/index.js';
import { BernoulliRBM, blockGibbs, trainRBM } from '../../lib/rbm/index.js';

const M = 784, N = 500, n = 1000, B = 100;
const rng = new Rng(2026);
const data = matrix(n, M);
for (let q = 0; q < data.data.length; q++) data.data[q] = rng.float() < 0.3 ? 1 : 0;
let rbm: BernoulliRBM;
const trainRng = new Rng(1);

// Buffers for the gemm-only baseline.
const X = matrix(B, M), H = matrix(B, N), G = matrix(M, N);
let W: Matrix;
const TN = { transA: true };
const NT = { transB: true };
const TN_ADD = { transA: true, beta: 1 };

const chains = matrix(1000, M);
const gibbsRng = new Rng(3);

export const cases: BenchCase[] = [
  {
    name: 'rbm/gemms only (12BMN flop per batch)',
    group: 'rbm',
    work: 12 * n * M * N,
    unit: 'flop',
    setup: () => {
      W = matrix(M, N, new Rng(4).fillNormal(new Float32Array(M * N), 0, 0.01));
      X.data.set(data.data.subarray(0, B * M));
    },
    run: () => {
      for (let batch = 0; batch < n / B; batch++) {
        gemm(H, X, W); // positive hidden means
        gemm(H, X, W); // chain: h | x
        gemm(X, H, W, NT); // chain: x | h
        gemm(H, X, W); // negative hidden means
        gemm(G, X, H, TN); // X0ᵀ H0
        gemm(G, X, H, TN_ADD); // − Xkᵀ Hk
      }
    },
  },
  {
    name: 'rbm/CD-1 epoch 784x500, n=1000, batch 100',
    group: 'rbm',
    work: 12 * n * M * N,
    unit: 'flop',
    baseline: 'rbm/gemms only (12BMN flop per batch)',
    setup: () => {
      rbm = BernoulliRBM.create(M, N, 'hinton', new Rng(5));
    },
    run: () => {
      trainRBM(rbm, data, { method: 'cd', k: 1, epochs: 1, batchSize: B, learningRate: 0.01, reconstructionError: false }, trainRng);
    },
  },
  {
    name: 'rbm/blockGibbs k=1, 1000 chains 784x500',
    group: 'rbm',
    work: 1000,
    unit: 'samples',
    setup: () => {
      rbm = BernoulliRBM.create(M, N, 'hinton', new Rng(5));
      for (let q = 0; q < chains.data.length; q++) chains.data[q] = gibbsRng.float() < 0.5 ? 1 : 0;
    },
    run: () => {
      blockGibbs(chains, rbm, chains, 1, gibbsRng);
    },
  },
];
