/**
 * RBM model kernels at the tutorial's MNIST shape (M = 784, N = 256, batch 64): hidden
 * probabilities (one gemm + sigmoid), one block-Gibbs step (two gemms, two samplers), the batched
 * free energy, and the data phase (hiddenMeans, then phaseStatistics: two gemms). Work = the gemm flop count (2·n·M·N per
 * product), so GFLOP/s compares directly with bench/cases/gemm.ts. Exact log Z: 2^16 Gray-code
 * terms of a 100x16 model, in steps (terms) per second.
 */
import type { BenchCase } from '../harness.js';
import { zeros, type Matrix } from '../../lib/linalg/index.js';
import { Rng } from '../../lib/random/index.js';
import {
  BernoulliRBM, createRBMGradient, freeEnergy, gibbsStep, hiddenMeans, hiddenProbabilities, logPartitionExact, phaseStatistics,
  type RBMGradient,
} from '../../lib/rbm/index.js';

const n = 64, M = 784, N = 256;
let rbm: BernoulliRBM | undefined;
let small: BernoulliRBM | undefined;
let X: Matrix = zeros(0, 0), X2: Matrix = zeros(0, 0), P: Matrix = zeros(0, 0), H: Matrix = zeros(0, 0);
let F = new Float64Array(0);
let stats: RBMGradient | undefined;
const rng = new Rng(1);

function setup(): void {
  if (rbm !== undefined) return;
  const r = new Rng(7);
  rbm = BernoulliRBM.create(M, N, 'glorot-normal', r);
  small = BernoulliRBM.create(100, 16, 'glorot-normal', r);
  X = zeros(n, M);
  for (let k = 0; k < X.data.length; k++) X.data[k] = r.float() < 0.2 ? 1 : 0;
  X2 = zeros(n, M); X2.data.set(X.data);
  P = zeros(n, N); H = zeros(n, N);
  F = new Float64Array(n);
  stats = createRBMGradient(rbm);
}

const g = 2 * n * M * N;
export const cases: BenchCase[] = [
  { name: 'rbm/hiddenProbabilities 64x784x256', group: 'rbm', work: g, unit: 'flop', setup, run: () => { hiddenProbabilities(P, rbm!, X); } },
  { name: 'rbm/gibbsStep 64x784x256', group: 'rbm', work: 2 * g, unit: 'flop', setup, run: () => { gibbsStep(X2, H, rbm!, X2, rng); } },
  { name: 'rbm/freeEnergy 64x784x256', group: 'rbm', work: g, unit: 'flop', setup, run: () => { freeEnergy(F, rbm!, X); } },
  {
    name: 'rbm/data phase (hiddenMeans + phaseStatistics) 64x784x256', group: 'rbm', work: 2 * g, unit: 'flop', setup,
    run: () => { phaseStatistics(stats!, rbm!, X, hiddenMeans(P, rbm!, X)); },
  },
  { name: 'rbm/logPartitionExact 100x16', group: 'rbm', work: 2 ** 16, unit: 'steps', setup, run: () => { logPartitionExact(small!); } },
];
