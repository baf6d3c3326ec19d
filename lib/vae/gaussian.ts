/**
 * The Gaussian pieces of the VAE: the closed-form KL divergence of the encoder's diagonal
 * Gaussian from the standard-normal prior (N-VAE-07) with its gradient, the general KL between
 * two dense Gaussians (for tests and the exact linear-Gaussian model), the reparameterization
 * z = mu + sigma ∘ eps (N-VAE-09) with its backward pass, and the log-density of a diagonal
 * Gaussian (the q and p terms of the importance weights).
 *
 * The encoder outputs log sigma, as in the notes' PyTorch encoder (N-VAE-06); pytorch/examples
 * outputs logvar = log sigma^2 = 2 log sigma instead. Batched arguments are n x k matrices, one
 * row per data point.
 */
import { cholesky, choleskySolve } from '../linalg/dense.js';
import type { Matrix, Matrix64 } from '../linalg/matrix.js';
import { checkCovariance, checkFiniteEntries, checkNumbers, checkMatrix32, checkSameShape, checkVector, checkVector64, describe } from './validate.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * KL divergence of each row's diagonal Gaussian N(mu, diag(sigma^2)) from the prior N(0, I),
 * sigma = e^logSigma, written into out[r] (float64 sums):
 *
 *   N-VAE-07  D[N(mu, Sigma) || N(0, I)] = 1/2 (tr Sigma + mu^T mu - k - log det Sigma)
 *                                        = 1/2 sum_m (sigma_m^2 + mu_m^2 - 1 - 2 log sigma_m)
 *
 * @param out one value per row (length mu.rows)
 * @param mu n x k means
 * @param logSigma n x k log standard deviations
 * @returns the sum over rows (the batch's total KL)
 * @example
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]);
 * klDiagonalGaussianToStandard(new Float64Array(1), mu, logSigma); // 1/2 (1 + 0 - 1 - 0) + 1/2 (4 + 1 - 1 - 2 ln 2) = 2 - ln 2
 */
export function klDiagonalGaussianToStandard(out: Float32Array | Float64Array, mu: Matrix, logSigma: Matrix): number {
  const fn = 'klDiagonalGaussianToStandard';
  checkMatrix32(fn, 'mu', mu);
  checkMatrix32(fn, 'logSigma', logSigma);
  checkSameShape(fn, 'mu', mu, 'logSigma', logSigma);
  checkVector(fn, 'out', out, mu.rows);
  return klDiagonalGaussianToStandardUnchecked(out, mu, logSigma);
}

/**
 * {@link klDiagonalGaussianToStandard} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { klDiagonalGaussianToStandardUnchecked } from './gaussian.js'; // internal
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]), out = new Float64Array(1);
 * klDiagonalGaussianToStandardUnchecked(out, mu, logSigma); // 2 - ln 2, as klDiagonalGaussianToStandard
 * ```
 */
export function klDiagonalGaussianToStandardUnchecked(out: Float32Array | Float64Array, mu: Matrix, logSigma: Matrix): number {
  const { rows, cols: k } = mu;
  const M = mu.data, L = logSigma.data;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let m = r * k; m < (r + 1) * k; m++) {
      // N-VAE-07  sigma_m^2 + mu_m^2 - 1 - 2 log sigma_m
      s += Math.exp(2 * L[m]) + M[m] * M[m] - 1 - 2 * L[m];
    }
    out[r] = 0.5 * s;
    total += 0.5 * s;
  }
  return total;
}

/**
 * Adds the gradient of `scale` · (sum over rows of the KL above) to dMu and dLogSigma:
 *
 *   N-VAE-07  dD/dmu_m = mu_m,   dD/dlog sigma_m = sigma_m^2 - 1
 *
 * It adds (+=) because the KL is the second of two paths into mu and log sigma: the
 * reparameterized sample z (N-VAE-09) is the first, and {@link reparameterizeBackward} writes it.
 *
 * @param dMu n x k, accumulated into
 * @param dLogSigma n x k, accumulated into
 * @param mu n x k means
 * @param logSigma n x k log standard deviations
 * @param scale the weight of the KL in the loss (1 for a summed loss, 1/n for a batch mean)
 * @example
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]);
 * const dMu = zeros(1, 2), dLogSigma = zeros(1, 2);
 * klDiagonalGaussianToStandardBackward(dMu, dLogSigma, mu, logSigma, 1); // dMu = mu, dLogSigma = sigma^2 - 1
 */
export function klDiagonalGaussianToStandardBackward(dMu: Matrix, dLogSigma: Matrix, mu: Matrix, logSigma: Matrix, scale: number): void {
  const fn = 'klDiagonalGaussianToStandardBackward';
  checkMatrix32(fn, 'dMu', dMu);
  checkMatrix32(fn, 'dLogSigma', dLogSigma);
  checkMatrix32(fn, 'mu', mu);
  checkMatrix32(fn, 'logSigma', logSigma);
  checkSameShape(fn, 'mu', mu, 'logSigma', logSigma);
  checkSameShape(fn, 'dMu', dMu, 'mu', mu);
  checkSameShape(fn, 'dLogSigma', dLogSigma, 'mu', mu);
  if (!Number.isFinite(scale)) throw new RangeError(`${fn}: scale must be a finite number, got ${describe(scale)}`);
  klDiagonalGaussianToStandardBackwardUnchecked(dMu, dLogSigma, mu, logSigma, scale);
}

/**
 * {@link klDiagonalGaussianToStandardBackward} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { klDiagonalGaussianToStandardBackwardUnchecked } from './gaussian.js'; // internal
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]);
 * const dMu = zeros(1, 2), dLogSigma = zeros(1, 2), scale = 1;
 * klDiagonalGaussianToStandardBackwardUnchecked(dMu, dLogSigma, mu, logSigma, scale); // adds: dMu = [0, 1], dLogSigma = [0, 3]
 * ```
 */
export function klDiagonalGaussianToStandardBackwardUnchecked(dMu: Matrix, dLogSigma: Matrix, mu: Matrix, logSigma: Matrix, scale: number): void {
  const M = mu.data, L = logSigma.data, dM = dMu.data, dL = dLogSigma.data;
  for (let m = 0; m < M.length; m++) {
    dM[m] += scale * M[m]; //                          N-VAE-07  dD/dmu = mu
    dL[m] += scale * (Math.exp(2 * L[m]) - 1); //      N-VAE-07  dD/dlog sigma = sigma^2 - 1
  }
}

/**
 * The reparameterized latent sample, z = mu + sigma ∘ eps with sigma = e^logSigma (N-VAE-09):
 * the draw eps ~ N(0, I) is the only random input, so z is a deterministic, differentiable
 * function of the encoder's outputs.
 *
 * @param outZ n x k, written
 * @param mu n x k
 * @param logSigma n x k
 * @param eps n x k standard-normal draws (fill with `rng.fillNormal(eps.data)`)
 * @returns outZ
 * @example
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]);
 * const eps = matrix(1, 2); new Rng(1).fillNormal(eps.data);
 * reparameterizeForward(zeros(1, 2), mu, logSigma, eps);
 */
export function reparameterizeForward(outZ: Matrix, mu: Matrix, logSigma: Matrix, eps: Matrix): Matrix {
  const fn = 'reparameterizeForward';
  checkMatrix32(fn, 'outZ', outZ);
  checkMatrix32(fn, 'mu', mu);
  checkMatrix32(fn, 'logSigma', logSigma);
  checkMatrix32(fn, 'eps', eps);
  checkSameShape(fn, 'mu', mu, 'logSigma', logSigma);
  checkSameShape(fn, 'eps', eps, 'mu', mu);
  checkSameShape(fn, 'outZ', outZ, 'mu', mu);
  return reparameterizeForwardUnchecked(outZ, mu, logSigma, eps);
}

/**
 * {@link reparameterizeForward} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { reparameterizeForwardUnchecked } from './gaussian.js'; // internal
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]), eps = matrix(1, 2, [0.5, -1]);
 * const outZ = zeros(1, 2);
 * reparameterizeForwardUnchecked(outZ, mu, logSigma, eps); // z = mu + sigma eps = [0.5, -1]
 * ```
 */
export function reparameterizeForwardUnchecked(outZ: Matrix, mu: Matrix, logSigma: Matrix, eps: Matrix): Matrix {
  const Z = outZ.data, M = mu.data, L = logSigma.data, E = eps.data;
  for (let m = 0; m < M.length; m++) Z[m] = M[m] + Math.exp(L[m]) * E[m]; // N-VAE-09  z = mu + sigma ∘ eps
  return outZ;
}

/**
 * The gradient through the sampling step (N-VAE-09), given dZ = dLoss/dz with eps held fixed:
 *
 *   dz_m/dmu_m = 1             =>  dMu       = dZ
 *   dz_m/dlog sigma_m = sigma_m eps_m  =>  dLogSigma = dZ ∘ sigma ∘ eps
 *
 * Writes (=) dMu and dLogSigma; the KL's gradient is then added by
 * {@link klDiagonalGaussianToStandardBackward}.
 *
 * @example
 * const mu = matrix(1, 2, [0, 1]), logSigma = matrix(1, 2, [0, Math.log(2)]);
 * const eps = matrix(1, 2, [0.5, -1]), z = reparameterizeForward(zeros(1, 2), mu, logSigma, eps); // z = mu + sigma eps
 * const dZ = matrix(1, 2, [1, 1]), dMu = zeros(1, 2), dLogSigma = zeros(1, 2);
 * reparameterizeBackward(dMu, dLogSigma, dZ, logSigma, eps); // dMu = dZ, dLogSigma = dZ sigma eps = [0.5, -2]
 */
export function reparameterizeBackward(dMu: Matrix, dLogSigma: Matrix, dZ: Matrix, logSigma: Matrix, eps: Matrix): void {
  const fn = 'reparameterizeBackward';
  checkMatrix32(fn, 'dMu', dMu);
  checkMatrix32(fn, 'dLogSigma', dLogSigma);
  checkMatrix32(fn, 'dZ', dZ);
  checkMatrix32(fn, 'logSigma', logSigma);
  checkMatrix32(fn, 'eps', eps);
  checkSameShape(fn, 'dZ', dZ, 'logSigma', logSigma);
  checkSameShape(fn, 'eps', eps, 'logSigma', logSigma);
  checkSameShape(fn, 'dMu', dMu, 'logSigma', logSigma);
  checkSameShape(fn, 'dLogSigma', dLogSigma, 'logSigma', logSigma);
  reparameterizeBackwardUnchecked(dMu, dLogSigma, dZ, logSigma, eps);
}

/**
 * {@link reparameterizeBackward} without checks (the VAE's passes call it once vaeForward / vaeBackward
 * checked the batch).
 *
 * @example
 * ```ts
 * import { reparameterizeBackwardUnchecked } from './gaussian.js'; // internal
 * const logSigma = matrix(1, 2, [0, Math.log(2)]), eps = matrix(1, 2, [0.5, -1]);
 * const dZ = matrix(1, 2, [1, 1]), dMu = zeros(1, 2), dLogSigma = zeros(1, 2);
 * reparameterizeBackwardUnchecked(dMu, dLogSigma, dZ, logSigma, eps); // dMu = dZ, dLogSigma = dZ sigma eps = [0.5, -2]
 * ```
 */
export function reparameterizeBackwardUnchecked(dMu: Matrix, dLogSigma: Matrix, dZ: Matrix, logSigma: Matrix, eps: Matrix): void {
  const dM = dMu.data, dL = dLogSigma.data, dz = dZ.data, L = logSigma.data, E = eps.data;
  for (let m = 0; m < dz.length; m++) {
    dM[m] = dz[m]; //                                  N-VAE-09  dz/dmu = 1
    dL[m] = dz[m] * Math.exp(L[m]) * E[m]; //          N-VAE-09  dz/dlog sigma = sigma eps
  }
}

/**
 * log N(z; mu, diag(sigma^2)) for one k-vector, sigma = e^logSigma, in float64:
 *   -k/2 log 2 pi - sum_m log sigma_m - 1/2 sum_m ((z_m - mu_m) / sigma_m)^2.
 * With mu = 0 and logSigma = 0 (pass `null` for both) it is the standard-normal prior log p(z).
 *
 * @param z the point (length k)
 * @param mu means (length k) or null for 0
 * @param logSigma log standard deviations (length k) or null for 0
 * @example
 * logNormalDiagonal(new Float64Array([0]), null, null); // -1/2 log 2 pi = -0.9189...
 */
export function logNormalDiagonal(z: ArrayLike<number>, mu: ArrayLike<number> | null, logSigma: ArrayLike<number> | null): number {
  const fn = 'logNormalDiagonal';
  checkNumbers(fn, 'z', z);
  checkFiniteEntries(fn, 'z', z);
  const k = z.length;
  if (mu !== null) checkNumbers(fn, 'mu', mu, k);
  if (logSigma !== null) checkNumbers(fn, 'logSigma', logSigma, k);
  let s = -0.5 * k * LOG_2PI;
  for (let m = 0; m < k; m++) {
    const ls = logSigma === null ? 0 : logSigma[m];
    const u = (z[m] - (mu === null ? 0 : mu[m])) * Math.exp(-ls);
    s -= ls + 0.5 * u * u;
  }
  return s;
}

/**
 * KL divergence between two k-dimensional Gaussians with dense covariances, in float64
 * (N-VAE-07, the general form; small k, for tests and the exact linear-Gaussian model):
 *
 *   D[N(mu0, S0) || N(mu1, S1)] = 1/2 (tr(S1^-1 S0) + (mu1 - mu0)^T S1^-1 (mu1 - mu0) - k + log(det S1 / det S0))
 *
 * Both covariances must be symmetric positive definite (checked by their Cholesky factors).
 *
 * @example
 * const I = identity64(2);
 * klGaussians(new Float64Array([1, 0]), I, new Float64Array([0, 0]), I); // 0.5
 */
export function klGaussians(mu0: Float64Array, sigma0: Matrix64, mu1: Float64Array, sigma1: Matrix64): number {
  const fn = 'klGaussians';
  if (!(mu0 instanceof Float64Array)) throw new TypeError(`${fn}: mu0 must be a Float64Array, got ${describe(mu0)}`);
  const k = mu0.length;
  checkVector64(fn, 'mu1', mu1, k);
  checkFiniteEntries(fn, 'mu0', mu0);
  checkFiniteEntries(fn, 'mu1', mu1);
  const L0 = checkCovariance(fn, 'sigma0', sigma0, k, ` (mu0 has length ${k})`);
  const L1 = checkCovariance(fn, 'sigma1', sigma1, k, ` (mu0 has length ${k})`);
  // tr(S1^-1 S0): solve S1 X = S0 column by column, sum the diagonal of X
  const X = choleskySolve(L1, sigma0);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += X.data[i * k + i];
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) d[i] = mu1[i] - mu0[i];
  const y = choleskySolve(L1, d);
  let quad = 0;
  for (let i = 0; i < k; i++) quad += d[i] * y[i];
  // log det S = 2 sum_i log L_ii
  let logDet0 = 0, logDet1 = 0;
  for (let i = 0; i < k; i++) {
    logDet0 += 2 * Math.log(L0.data[i * k + i]);
    logDet1 += 2 * Math.log(L1.data[i * k + i]);
  }
  return 0.5 * (trace + quad - k + logDet1 - logDet0);
}
