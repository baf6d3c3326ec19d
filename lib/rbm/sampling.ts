/**
 * Sampling from an RBM's conditionals, for a batch of independent chains (one per row): draws of
 * h given x and x given h, one block-Gibbs step, and k steps (N-GIBBS-02, N-GIBBS-03). Every draw
 * goes through the `Rng` passed in, one uniform per binary or spin unit (`rng.fillBernoulli`) and
 * one normal per Gaussian unit (`rng.fillNormal`), in row-major order.
 *
 * The public functions check their arguments (shapes, the Rng, and that the states they
 * condition on are finite: a draw from a NaN probability has no meaning) and call the
 * `...Unchecked` forms, which the training loop calls directly.
 */
import { type Rng } from '../random/index.js';
import { fillBernoulliUnchecked, fillNormalUnchecked } from '../random/kernels.js';
import { shapeOf, type Matrix } from '../linalg/matrix.js';
import { overlaps } from '../checks/index.js';
import { checkRBM, type RBM } from './model.js';
import { hiddenProbabilitiesUnchecked, visibleInputUnchecked, visibleProbabilitiesUnchecked } from './conditionals.js';
import { ScratchMatrix } from './scratch.js';
import {
  checkFiniteMatrix, checkHiddenBatch, checkMatrix32, checkNonNegativeInteger, checkOut, checkProbabilityMatrix, checkRng,
  checkVisibleBatch,
} from './validate.js';

const gaussianNoise = new ScratchMatrix();
const gibbsHidden = new ScratchMatrix();

/**
 * out_k = 1[u_k < p_k] (N-GIBBS-03, the draws of rng.fillBernoulli), mapped to ±1 for spin units.
 * The probabilities were checked by the public caller or come from a sigmoid of finite inputs.
 */
function sampleUnits(out: Float32Array, probs: Float32Array, spin: boolean, rng: Rng): void {
  fillBernoulliUnchecked(rng, out, probs);
  if (spin) for (let k = 0; k < out.length; k++) out[k] = 2 * out[k] - 1;
}

/** out = mean + σ_i ε (N-GRBM-07), ε from one fillNormal into scratch. `out === mean` is allowed. */
function addGaussianNoise(out: Matrix, mean: Matrix, sigma: Float32Array, rng: Rng): void {
  const n = mean.rows, M = mean.cols;
  const noise = gaussianNoise.get(n, M).data;
  fillNormalUnchecked(rng, noise, 0, 1);
  const o = out.data, mu = mean.data;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < M; i++) o[k * M + i] = mu[k * M + i] + sigma[i] * noise[k * M + i];
  }
}

/**
 * Draws hidden states from given on-probabilities P (n x N, e.g. from {@link hiddenProbabilities}):
 * h = 1[u < p] (N-GIBBS-03), or ±1 for spin units (P holds p(h = +1)). `out === P` is allowed.
 * Lets a training loop keep the probabilities and the samples of one step. Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleHiddenFromProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 2, 'hinton', new Rng(1));
 * sampleHiddenFromProbabilities(zeros(1, 2), rbm, matrix(1, 2, [0, 1]), new Rng(2)).data; // [0, 1]
 * ```
 */
export function sampleHiddenFromProbabilities(out: Matrix, rbm: RBM, P: Matrix, rng: Rng): Matrix {
  const fn = 'sampleHiddenFromProbabilities';
  checkRBM(fn, rbm);
  checkHiddenBatch(fn, 'P', rbm, P);
  checkOut(fn, out, P.rows, rbm.nHidden, 'P.rows x nHidden');
  checkRng(fn, rng);
  checkProbabilityMatrix(fn, P);
  sampleUnits(out.data, P.data, rbm.kind === 'spin', rng);
  return out;
}

/**
 * Draws visible states from the output of {@link visibleProbabilities} (binary: x = 1[u < p];
 * spin: ±1 with p = p(x = +1)) or, for a Gaussian-binary RBM, from the output of
 * {@link visibleMean}: x_i = μ_i + σ_i ε, ε ~ N(0, 1) (N-GRBM-07). `out === P` is allowed. Returns out.
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, sampleVisibleFromProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(2, 1, 'hinton', new Rng(1));
 * sampleVisibleFromProbabilities(zeros(1, 2), rbm, matrix(1, 2, [5, -5]), new Rng(2)); // ≈ [5, -5] ± 1
 * ```
 */
export function sampleVisibleFromProbabilities(out: Matrix, rbm: RBM, P: Matrix, rng: Rng): Matrix {
  const fn = 'sampleVisibleFromProbabilities';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'P', rbm, P);
  checkOut(fn, out, P.rows, rbm.nVisible, 'P.rows x nVisible');
  checkRng(fn, rng);
  if (rbm.kind === 'gaussian-bernoulli') addGaussianNoise(out, P, rbm.sigma, rng);
  else {
    checkProbabilityMatrix(fn, P);
    sampleUnits(out.data, P.data, rbm.kind === 'spin', rng);
  }
  return out;
}

/**
 * h ~ p(h | x) for every row of X (N-RBM-07, N-GRBM-06, N-SPIN-02): on-probabilities, then
 * h_j = 1[u < p_j] (±1 for spin units). Returns out (n x N).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleHiddenGivenVisible, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * sampleHiddenGivenVisible(zeros(1, 2), rbm, matrix(1, 3, [1, 0, 1]), new Rng(2)); // 0/1 entries
 * ```
 */
export function sampleHiddenGivenVisible(out: Matrix, rbm: RBM, X: Matrix, rng: Rng): Matrix {
  const fn = 'sampleHiddenGivenVisible';
  checkRng(fn, rng);
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  checkOut(fn, out, X.rows, rbm.nHidden, 'X.rows x nHidden');
  checkFiniteMatrix(fn, 'X', X);
  return sampleHiddenGivenVisibleUnchecked(out, rbm, X, rng);
}

/** {@link sampleHiddenGivenVisible} without checks. */
export function sampleHiddenGivenVisibleUnchecked(out: Matrix, rbm: RBM, X: Matrix, rng: Rng): Matrix {
  hiddenProbabilitiesUnchecked(out, rbm, X);
  sampleUnits(out.data, out.data, rbm.kind === 'spin', rng);
  return out;
}

/**
 * x ~ p(x | h) for every row of H: Bernoulli(σ(a_i + w_{i*}ᵀh)) (N-RBM-08), ±1 spins
 * (N-SPIN-02), or N(a_i + w_{i*}ᵀh, σ_i²) for Gaussian visible units (N-GRBM-07). Returns out (n x M).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, sampleVisibleGivenHidden, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * sampleVisibleGivenHidden(zeros(1, 3), rbm, matrix(1, 2, [1, 0]), new Rng(2)); // 0/1 entries
 * ```
 */
export function sampleVisibleGivenHidden(out: Matrix, rbm: RBM, H: Matrix, rng: Rng): Matrix {
  const fn = 'sampleVisibleGivenHidden';
  checkRng(fn, rng);
  checkRBM(fn, rbm);
  checkHiddenBatch(fn, 'H', rbm, H);
  checkOut(fn, out, H.rows, rbm.nVisible, 'H.rows x nVisible');
  checkFiniteMatrix(fn, 'H', H);
  return sampleVisibleGivenHiddenUnchecked(out, rbm, H, rng);
}

/** {@link sampleVisibleGivenHidden} without checks. */
export function sampleVisibleGivenHiddenUnchecked(out: Matrix, rbm: RBM, H: Matrix, rng: Rng): Matrix {
  if (rbm.kind === 'gaussian-bernoulli') {
    visibleInputUnchecked(out, rbm, H); // the mean a_i + w_{i*}ᵀh
    addGaussianNoise(out, out, rbm.sigma, rng);
    return out;
  }
  visibleProbabilitiesUnchecked(out, rbm, H);
  sampleUnits(out.data, out.data, rbm.kind === 'spin', rng);
  return out;
}

/**
 * One block-Gibbs step for every row (an independent chain per row), N-GIBBS-02:
 * h ~ p(h | x) into outH, then x' ~ p(x | h) into outX. Both layers are drawn at once because
 * both conditionals factorize over units (N-RBM-07/08). `outX === X` is allowed. Returns outX.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, gibbsStep, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const x = matrix(1, 3, [1, 0, 1]);
 * gibbsStep(x, zeros(1, 2), rbm, x, new Rng(2)); // x now holds the next state
 * ```
 */
export function gibbsStep(outX: Matrix, outH: Matrix, rbm: RBM, X: Matrix, rng: Rng): Matrix {
  const fn = 'gibbsStep';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  checkMatrix32(fn, 'outX', outX);
  checkMatrix32(fn, 'outH', outH);
  if (outX.rows !== X.rows || outX.cols !== rbm.nVisible) {
    throw new RangeError(`${fn}: outX is ${shapeOf(outX)} but must be ${X.rows}x${rbm.nVisible} (X.rows x nVisible)`);
  }
  if (outH.rows !== X.rows || outH.cols !== rbm.nHidden) {
    throw new RangeError(`${fn}: outH is ${shapeOf(outH)} but must be ${X.rows}x${rbm.nHidden} (X.rows x nHidden)`);
  }
  if (overlaps(outH.data, outX.data) || overlaps(outH.data, X.data)) {
    throw new RangeError(`${fn}: outH must not share memory with outX or X`);
  }
  checkRng(fn, rng);
  checkFiniteMatrix(fn, 'X', X);
  sampleHiddenGivenVisibleUnchecked(outH, rbm, X, rng);
  return sampleVisibleGivenHiddenUnchecked(outX, rbm, outH, rng);
}

/**
 * k block-Gibbs steps (N-GIBBS-02) from X0, one chain per row: x^{(t+1)} ~ p(x | h^{(t)}),
 * h^{(t)} ~ p(h | x^{(t)}). Writes x^{(k)} into outX (`outX === X0` allowed; k = 0 copies).
 * Hidden states go to module scratch. This is the chain CD-k runs from the data (N-CD-01).
 * Returns outX.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, blockGibbs, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const x = matrix(4, 3);
 * blockGibbs(x, rbm, x, 100, new Rng(2)); // four chains, 100 steps each
 * ```
 */
export function blockGibbs(outX: Matrix, rbm: RBM, X0: Matrix, k: number, rng: Rng): Matrix {
  const fn = 'blockGibbs';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X0', rbm, X0);
  checkOut(fn, outX, X0.rows, rbm.nVisible, 'X0.rows x nVisible', 'outX');
  checkNonNegativeInteger(fn, 'k', k);
  checkRng(fn, rng);
  checkFiniteMatrix(fn, 'X0', X0);
  if (outX.data !== X0.data) outX.data.set(X0.data);
  if (X0.rows === 0) return outX;
  const H = gibbsHidden.get(X0.rows, rbm.nHidden);
  for (let t = 0; t < k; t++) {
    sampleHiddenGivenVisibleUnchecked(H, rbm, outX, rng); // h^(t) ~ p(h | x^(t))
    sampleVisibleGivenHiddenUnchecked(outX, rbm, H, rng); // x^(t+1) ~ p(x | h^(t))
  }
  return outX;
}
