/**
 * The conditionals of an RBM for a batch: hidden given visible and visible given hidden, for the
 * three kinds. Both factorize over units (N-RBM-07/08), so one gemm computes every unit's input
 * for every row at once and an elementwise function turns inputs into probabilities or means.
 *
 * Batches: rows of a `Matrix` are samples (X is n x M, H is n x N). Every function writes into
 * `out` (gl-matrix style) and returns it. The public functions check their arguments and call
 * the `...Unchecked` forms, which the samplers and the training loop call directly (their
 * shapes were checked once at their own public boundary).
 */
import { type Matrix } from '../linalg/matrix.js';
import { addRowVectorUnchecked, sigmoidUnchecked, tanhUnchecked } from '../linalg/kernels.js';
import { stateProduct } from './products.js';
import { checkRBM, type RBM, type RBMKind } from './model.js';
import { ScratchMatrix } from './scratch.js';
import { checkHiddenBatch, checkOut, checkVisibleBatch } from './validate.js';

const scaledWeights = new ScratchMatrix();

/** The weights seen by the hidden units: W for binary/spin, w_ij/σ_i² for Gaussian-binary (N-GRBM-06). */
export function hiddenWeights(rbm: RBM): Matrix {
  if (rbm.kind !== 'gaussian-bernoulli') return rbm.W;
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data, s = rbm.sigma;
  const out = scaledWeights.get(M, N), o = out.data;
  for (let i = 0; i < M; i++) {
    const inv = 1 / (s[i] * s[i]);
    for (let j = 0; j < N; j++) o[i * N + j] = w[i * N + j] * inv;
  }
  return out;
}

/**
 * Turns unit inputs θ into on-probabilities, in place: p(unit = 1 | θ) = σ(θ) for 0/1 units, and
 * for ±1 units p(unit = +1 | θ) = e^θ / (e^θ + e^{−θ}) = σ(2θ) (N-SPIN-02).
 */
function onProbabilities(theta: Float32Array, kind: RBMKind): void {
  if (kind === 'spin') for (let k = 0; k < theta.length; k++) theta[k] *= 2; // σ(2θ)
  sigmoidUnchecked(theta, theta);
}

function checkHiddenGivenVisible(fn: string, out: Matrix, rbm: RBM, X: Matrix): void {
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  checkOut(fn, out, X.rows, rbm.nHidden, 'X.rows x nHidden');
}

function checkVisibleGivenHidden(fn: string, out: Matrix, rbm: RBM, H: Matrix): void {
  checkRBM(fn, rbm);
  checkHiddenBatch(fn, 'H', rbm, H);
  checkOut(fn, out, H.rows, rbm.nVisible, 'H.rows x nVisible');
}

// ---------------------------------------------------------------------------------------------
// Hidden given visible

/**
 * Hidden inputs (pre-activations) θ = X W' + b of a batch, n x N: W' = W for binary and spin
 * units, w_ij/σ_i² for Gaussian-binary (N-GRBM-06). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenInput, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [2]], a: [0, 0], b: [0.5] });
 * hiddenInput(zeros(1, 1), rbm, matrix(1, 2, [1, 1])).data; // [3.5]
 * ```
 */
export function hiddenInput(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  checkHiddenGivenVisible('hiddenInput', out, rbm, X);
  return hiddenInputUnchecked(out, rbm, X);
}

/** {@link hiddenInput} without checks. */
function hiddenInputUnchecked(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  if (X.rows === 0) return out;
  stateProduct(out, X, hiddenWeights(rbm), false, false, 1, 0); // X W'
  return addRowVectorUnchecked(out, out, rbm.b); // + b
}

/**
 * p(h_j = 1 | x) for every row of X (n x N out), one gemm and a sigmoid:
 *
 * - N-RBM-07 (bernoulli): σ(b_j + xᵀw_{*j})
 * - N-GRBM-06 (gaussian-bernoulli): σ(b_j + Σ_i x_i w_ij/σ_i²)
 * - N-SPIN-02 (spin): p(h_j = +1 | x) = e^θ/(e^θ + e^{−θ}) = σ(2θ_j) (see {@link hiddenMeans} for tanh θ_j)
 *
 * Visible values need not be exact unit states (grey levels in [0, 1] are used as is). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenProbabilities, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [1]], a: [0, 0], b: [-1] });
 * hiddenProbabilities(zeros(1, 1), rbm, matrix(1, 2, [1, 0])).data; // [0.5]
 * ```
 */
export function hiddenProbabilities(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  checkHiddenGivenVisible('hiddenProbabilities', out, rbm, X);
  return hiddenProbabilitiesUnchecked(out, rbm, X);
}

/** {@link hiddenProbabilities} without checks. */
export function hiddenProbabilitiesUnchecked(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  hiddenInputUnchecked(out, rbm, X);
  onProbabilities(out.data, rbm.kind);
  return out;
}

/**
 * E[h_j | x] for every row of X: the on-probability σ(θ_j) for 0/1 hidden units (bernoulli,
 * gaussian-bernoulli), tanh θ_j for spin units (N-SPIN-02). These are the hidden statistics of
 * the positive phase (N-RBM-10). Returns out.
 *
 * @example
 * ```ts
 * import { SpinRBM, hiddenMeans, matrix, zeros } from 'boltzmann';
 * const rbm = SpinRBM.create(1, 1, { W: [[0.5]], a: [0], b: [0] });
 * hiddenMeans(zeros(1, 1), rbm, matrix(1, 1, [1])).data; // [tanh 0.5] = [0.4621...]
 * ```
 */
export function hiddenMeans(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  checkHiddenGivenVisible('hiddenMeans', out, rbm, X);
  return hiddenMeansUnchecked(out, rbm, X);
}

/** {@link hiddenMeans} without checks. */
export function hiddenMeansUnchecked(out: Matrix, rbm: RBM, X: Matrix): Matrix {
  hiddenInputUnchecked(out, rbm, X);
  if (rbm.kind === 'spin') tanhUnchecked(out.data, out.data); // E[h_j | x] = tanh θ_j
  else sigmoidUnchecked(out.data, out.data); // E[h_j | x] = σ(θ_j)
  return out;
}

// ---------------------------------------------------------------------------------------------
// Visible given hidden

/**
 * Visible inputs a + H Wᵀ of a batch (n x M): a_i + w_{i*}ᵀh for every row h of H. For the
 * Gaussian-binary RBM this is the conditional mean (N-GRBM-07). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleInput, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [2]], a: [0, 1], b: [0] });
 * visibleInput(zeros(1, 2), rbm, matrix(1, 1, [1])).data; // [1, 3]
 * ```
 */
export function visibleInput(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  checkVisibleGivenHidden('visibleInput', out, rbm, H);
  return visibleInputUnchecked(out, rbm, H);
}

/** {@link visibleInput} without checks. */
export function visibleInputUnchecked(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  if (H.rows === 0) return out;
  stateProduct(out, H, rbm.W, false, true, 1, 0); // H Wᵀ
  return addRowVectorUnchecked(out, out, rbm.a); // + a
}

/**
 * p(x_i = 1 | h) for every row of H (n x M out), for binary and spin visible units:
 *
 * - N-RBM-08 (bernoulli): σ(a_i + w_{i*}ᵀh)
 * - N-SPIN-02 (spin): p(x_i = +1 | h) = σ(2(a_i + w_{i*}ᵀh))
 *
 * A Gaussian-binary RBM has real visible units: use {@link visibleMean} (this throws). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, visibleProbabilities, matrix, zeros } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[1], [-1]], a: [0, 1], b: [0] });
 * visibleProbabilities(zeros(1, 2), rbm, matrix(1, 1, [1])).data; // [σ(1), σ(0)] = [0.731, 0.5]
 * ```
 */
export function visibleProbabilities(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  const fn = 'visibleProbabilities';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') {
    throw new TypeError(`${fn}: a gaussian-bernoulli RBM has real visible units; use visibleMean (x_i | h ~ N(a_i + w_i*ᵀh, σ_i²))`);
  }
  checkVisibleGivenHidden(fn, out, rbm, H);
  return visibleProbabilitiesUnchecked(out, rbm, H);
}

/** {@link visibleProbabilities} without checks (binary and spin visible units only). */
export function visibleProbabilitiesUnchecked(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  visibleInputUnchecked(out, rbm, H);
  onProbabilities(out.data, rbm.kind);
  return out;
}

/**
 * E[x_i | h] for every row of H (n x M out):
 *
 * - gaussian-bernoulli (N-GRBM-07, corrected: the notes print the mean b_i + w_{i*}ᵀh and a cross
 *   term over 2σ_i², errata E-14/E-15): x_i | h ~ N(a_i + w_{i*}ᵀh, σ_i²), mean a_i + w_{i*}ᵀh
 *   (σ enters the variance only, because the energy's cross term is x_i w_ij h_j/σ_i²)
 * - bernoulli: σ(a_i + w_{i*}ᵀh) (= {@link visibleProbabilities}); spin: tanh(a_i + w_{i*}ᵀh)
 *
 * Returns out.
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, visibleMean, matrix, zeros } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(1, 2, { W: [[1, 2]], a: [0.5], b: [0, 0], sigma: [3] });
 * visibleMean(zeros(1, 1), rbm, matrix(1, 2, [1, 1])).data; // [3.5]
 * ```
 */
export function visibleMean(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  checkVisibleGivenHidden('visibleMean', out, rbm, H);
  return visibleMeanUnchecked(out, rbm, H);
}

/** {@link visibleMean} without checks. */
export function visibleMeanUnchecked(out: Matrix, rbm: RBM, H: Matrix): Matrix {
  visibleInputUnchecked(out, rbm, H);
  if (rbm.kind === 'bernoulli') sigmoidUnchecked(out.data, out.data);
  else if (rbm.kind === 'spin') tanhUnchecked(out.data, out.data);
  return out;
}
