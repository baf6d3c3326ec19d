/**
 * The decoder's likelihoods -log p(x | z) and their gradients with respect to the decoder's
 * output (N-VAE-03): Bernoulli with the output as logits (binary cross-entropy from logits,
 * summed over pixels: the pytorch/examples loss, computed stably), or Gaussian with a fixed
 * variance sigma^2 (the notes' choice). Arguments are n x D matrices, one row per data point.
 */
import { sigmoidUnchecked } from '../linalg/kernels.js';
import { softplusFloat32 } from '../linalg/fastexp.js';
import type { Matrix } from '../linalg/matrix.js';
import { overlaps } from '../checks/index.js';
import { checkMatrix32, checkPositive, checkSameShape, checkVector, describe } from './validate.js';

let softplusScratch = new Float32Array(0);

/**
 * Bernoulli negative log-likelihood from logits l (the decoder output before its sigmoid),
 * per row, in a stable form (softplus(l) = log(1 + e^l) never overflows):
 *
 *   N-VAE-03  -log p(x | z) = -sum_i [x_i log sigma(l_i) + (1 - x_i) log(1 - sigma(l_i))]
 *                           =  sum_i [softplus(l_i) - x_i l_i]
 *
 * x may be any value in [0, 1] (MNIST pixels / 255, as pytorch/examples uses them): the
 * formula is then the binary cross-entropy, no longer a normalized log-likelihood.
 *
 * @param out one value per row (length x.rows), the row's summed loss
 * @param x n x D targets
 * @param logits n x D decoder outputs
 * @returns the sum over rows
 * @example
 * bernoulliNegLogLikelihood(new Float64Array(1), matrix(1, 2, [1, 0]), matrix(1, 2, [0, 0])); // 2 ln 2
 */
export function bernoulliNegLogLikelihood(out: Float32Array | Float64Array, x: Matrix, logits: Matrix): number {
  const fn = 'bernoulliNegLogLikelihood';
  checkMatrix32(fn, 'x', x);
  checkMatrix32(fn, 'logits', logits);
  checkSameShape(fn, 'x', x, 'logits', logits);
  checkVector(fn, 'out', out, x.rows);
  return bernoulliNegLogLikelihoodUnchecked(out, x, logits);
}

/**
 * {@link bernoulliNegLogLikelihood} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { bernoulliNegLogLikelihoodUnchecked } from './likelihood.js'; // internal
 * const out = new Float64Array(1), x = matrix(1, 2, [1, 0]), logits = matrix(1, 2, [0, 0]);
 * bernoulliNegLogLikelihoodUnchecked(out, x, logits); // 2 ln 2
 * ```
 */
export function bernoulliNegLogLikelihoodUnchecked(out: Float32Array | Float64Array, x: Matrix, logits: Matrix): number {
  const { rows, cols: D } = x;
  const n = rows * D;
  if (softplusScratch.length < n) softplusScratch = new Float32Array(n);
  const sp = softplusFloat32(softplusScratch.subarray(0, n), logits.data);
  const X = x.data, Lg = logits.data;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let i = r * D; i < (r + 1) * D; i++) s += sp[i] - X[i] * Lg[i]; // N-VAE-03  softplus(l) - x l
    out[r] = s;
    total += s;
  }
  return total;
}

/**
 * Gradient of `scale` · (the summed Bernoulli loss above) with respect to the logits, written
 * into dLogits:
 *
 *   N-VAE-03  d/dl_i [softplus(l_i) - x_i l_i] = sigma(l_i) - x_i
 *
 * @example
 * const x = matrix(2, 2, [1, 0, 0, 1]), logits = matrix(2, 2, [0, 0, 2, -2]), dLogits = zeros(2, 2), batchSize = 2;
 * bernoulliNegLogLikelihoodBackward(dLogits, x, logits, 1 / batchSize); // (sigmoid(logits) - x) / 2
 */
export function bernoulliNegLogLikelihoodBackward(dLogits: Matrix, x: Matrix, logits: Matrix, scale: number): Matrix {
  const fn = 'bernoulliNegLogLikelihoodBackward';
  checkMatrix32(fn, 'dLogits', dLogits);
  checkMatrix32(fn, 'x', x);
  checkMatrix32(fn, 'logits', logits);
  checkSameShape(fn, 'x', x, 'logits', logits);
  checkSameShape(fn, 'dLogits', dLogits, 'logits', logits);
  if (dLogits.data !== logits.data && overlaps(dLogits.data, logits.data)) {
    throw new RangeError(`${fn}: dLogits shares memory with logits; pass logits itself (in place) or a separate array`);
  }
  if (!Number.isFinite(scale)) throw new RangeError(`${fn}: scale must be a finite number, got ${describe(scale)}`);
  return bernoulliNegLogLikelihoodBackwardUnchecked(dLogits, x, logits, scale);
}

/**
 * {@link bernoulliNegLogLikelihoodBackward} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { bernoulliNegLogLikelihoodBackwardUnchecked } from './likelihood.js'; // internal
 * const x = matrix(2, 2, [1, 0, 0, 1]), logits = matrix(2, 2, [0, 0, 2, -2]), dLogits = zeros(2, 2), scale = 1 / 2;
 * bernoulliNegLogLikelihoodBackwardUnchecked(dLogits, x, logits, scale); // (sigmoid(logits) - x) / 2
 * ```
 */
export function bernoulliNegLogLikelihoodBackwardUnchecked(dLogits: Matrix, x: Matrix, logits: Matrix, scale: number): Matrix {
  const d = sigmoidUnchecked(dLogits.data, logits.data); // sigma(l), then in place:
  const X = x.data;
  for (let i = 0; i < d.length; i++) d[i] = scale * (d[i] - X[i]); // N-VAE-03  sigma(l) - x
  return dLogits;
}

/**
 * Gaussian negative log-likelihood with a fixed variance sigma^2 (a hyperparameter), per row:
 *
 *   N-VAE-03  -log N(x | f, sigma^2 I) = ||x - f||^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)
 *
 * @param out one value per row (length x.rows)
 * @param x n x D data
 * @param mean n x D decoder outputs f(z)
 * @param sigma2 the variance sigma^2 > 0
 * @returns the sum over rows
 * @example
 * gaussianNegLogLikelihood(new Float64Array(1), matrix(1, 1, [1]), matrix(1, 1, [0]), 1); // 1/2 + 1/2 log 2 pi
 */
export function gaussianNegLogLikelihood(out: Float32Array | Float64Array, x: Matrix, mean: Matrix, sigma2: number): number {
  const fn = 'gaussianNegLogLikelihood';
  checkMatrix32(fn, 'x', x);
  checkMatrix32(fn, 'mean', mean);
  checkSameShape(fn, 'x', x, 'mean', mean);
  checkVector(fn, 'out', out, x.rows);
  checkPositive(fn, 'sigma2', sigma2);
  return gaussianNegLogLikelihoodUnchecked(out, x, mean, sigma2);
}

/**
 * {@link gaussianNegLogLikelihood} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { gaussianNegLogLikelihoodUnchecked } from './likelihood.js'; // internal
 * const out = new Float64Array(1), x = matrix(1, 1, [1]), mean = matrix(1, 1, [0]), sigma2 = 1;
 * gaussianNegLogLikelihoodUnchecked(out, x, mean, sigma2); // 1/2 + 1/2 log 2 pi
 * ```
 */
export function gaussianNegLogLikelihoodUnchecked(out: Float32Array | Float64Array, x: Matrix, mean: Matrix, sigma2: number): number {
  const { rows, cols: D } = x;
  const X = x.data, F = mean.data;
  const constant = 0.5 * D * Math.log(2 * Math.PI * sigma2);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let i = r * D; i < (r + 1) * D; i++) s += (X[i] - F[i]) * (X[i] - F[i]);
    const v = s / (2 * sigma2) + constant; // N-VAE-03  ||x - f||^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)
    out[r] = v;
    total += v;
  }
  return total;
}

/**
 * Gradient of `scale` · (the summed Gaussian loss above) with respect to the mean f, written
 * into dMean:  N-VAE-03  d/df_i = (f_i - x_i) / sigma^2.
 *
 * @example
 * const x = matrix(2, 1, [1, 0]), mean = matrix(2, 1, [0.5, 0.5]), dMean = zeros(2, 1), batchSize = 2;
 * gaussianNegLogLikelihoodBackward(dMean, x, mean, 0.1, 1 / batchSize); // (mean - x) / (0.1 · 2) = [-2.5, 2.5]
 */
export function gaussianNegLogLikelihoodBackward(dMean: Matrix, x: Matrix, mean: Matrix, sigma2: number, scale: number): Matrix {
  const fn = 'gaussianNegLogLikelihoodBackward';
  checkMatrix32(fn, 'dMean', dMean);
  checkMatrix32(fn, 'x', x);
  checkMatrix32(fn, 'mean', mean);
  checkSameShape(fn, 'x', x, 'mean', mean);
  checkSameShape(fn, 'dMean', dMean, 'mean', mean);
  checkPositive(fn, 'sigma2', sigma2);
  if (!Number.isFinite(scale)) throw new RangeError(`${fn}: scale must be a finite number, got ${describe(scale)}`);
  return gaussianNegLogLikelihoodBackwardUnchecked(dMean, x, mean, sigma2, scale);
}

/**
 * {@link gaussianNegLogLikelihoodBackward} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { gaussianNegLogLikelihoodBackwardUnchecked } from './likelihood.js'; // internal
 * const x = matrix(2, 1, [1, 0]), mean = matrix(2, 1, [0.5, 0.5]), dMean = zeros(2, 1), sigma2 = 0.1, scale = 1 / 2;
 * gaussianNegLogLikelihoodBackwardUnchecked(dMean, x, mean, sigma2, scale); // (mean - x) / (0.1 · 2) = [-2.5, 2.5]
 * ```
 */
export function gaussianNegLogLikelihoodBackwardUnchecked(dMean: Matrix, x: Matrix, mean: Matrix, sigma2: number, scale: number): Matrix {
  const d = dMean.data, X = x.data, F = mean.data;
  const c = scale / sigma2;
  for (let i = 0; i < d.length; i++) d[i] = c * (F[i] - X[i]); // N-VAE-03  (f - x) / sigma^2
  return dMean;
}
