/**
 * The linear-Gaussian latent-variable model, where everything a VAE approximates is exact
 * (float64; the reference for the tests of N-VAE-02, -04, -05 and -08):
 *
 *   p(z) = N(0, I_k),   p(x | z) = N(x; W z + c, sigma^2 I_D),   W is D x k
 *   log p(x)   = log N(x; c, W W^T + sigma^2 I)                       (the integral of N-VAE-02)
 *   p(z | x)   = N(m, S),  S = (I + W^T W / sigma^2)^-1,  m = S W^T (x - c) / sigma^2
 *   ELBO(Q)    = E_Q[log p(x | z)] - D[Q || p(z)]                     (N-VAE-05, N-VAE-08)
 *              = -(||x - W mu - c||^2 + tr(W S_Q W^T)) / (2 sigma^2) - D/2 log(2 pi sigma^2) - D[Q || N(0, I)]
 *   log p(x) - ELBO(Q) = D[Q || p(z | x)]                              (N-VAE-04, N-VAE-05)
 *
 * A VAE with no hidden layers, a Gaussian likelihood of variance sigma^2 and decoder weights
 * W^T (k x D, the library's input-by-output layout), bias c, is this model; its posterior is
 * linear in x, so a linear encoder can represent it exactly (when S is diagonal, i.e. W has
 * orthogonal columns, a diagonal-Gaussian encoder can).
 */
import { cholesky, choleskySolve, inverse } from '../linalg/dense.js';
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { klGaussians } from './gaussian.js';
import { checkCovariance, checkPositive, checkVector64, describe } from './validate.js';

const LOG_2PI = Math.log(2 * Math.PI);

function checkModel(fn: string, x: Float64Array, W: Matrix64, c: Float64Array, sigma2: number): void {
  if (!(x instanceof Float64Array)) throw new TypeError(`${fn}: x must be a Float64Array, got ${describe(x)}`);
  if (W === null || typeof W !== 'object' || !(W.data instanceof Float64Array) || W.data.length !== W.rows * W.cols) {
    throw new TypeError(`${fn}: W must be a D x k Matrix64, got ${describe(W)}`);
  }
  if (W.rows !== x.length) throw new RangeError(`${fn}: W is ${W.rows}x${W.cols} but x has length ${x.length} (W is D x k with D = x.length)`);
  checkVector64(fn, 'c', c, W.rows);
  checkPositive(fn, 'sigma2', sigma2);
}

/**
 * log p(x) = log N(x; c, W W^T + sigma^2 I) of the linear-Gaussian model, exact (Cholesky).
 *
 * @param x data point (length D)
 * @param W D x k decoder matrix
 * @param c decoder offset (length D)
 * @param sigma2 decoder variance
 * @example
 * linearGaussianLogMarginal(new Float64Array([0]), matrix64(1, 1, [1]), new Float64Array([0]), 1); // log N(0; 0, 2)
 */
export function linearGaussianLogMarginal(x: Float64Array, W: Matrix64, c: Float64Array, sigma2: number): number {
  const fn = 'linearGaussianLogMarginal';
  checkModel(fn, x, W, c, sigma2);
  const D = W.rows, k = W.cols;
  const C = matrix64(D, D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      let s = i === j ? sigma2 : 0;
      for (let m = 0; m < k; m++) s += W.data[i * k + m] * W.data[j * k + m];
      C.data[i * D + j] = s; // W W^T + sigma^2 I
    }
  }
  const L = cholesky(C);
  const d = new Float64Array(D);
  for (let i = 0; i < D; i++) d[i] = x[i] - c[i];
  const y = choleskySolve(L, d);
  let quad = 0, logDet = 0;
  for (let i = 0; i < D; i++) {
    quad += d[i] * y[i];
    logDet += 2 * Math.log(L.data[i * D + i]);
  }
  return -0.5 * (D * LOG_2PI + logDet + quad);
}

/**
 * The exact posterior p(z | x) = N(m, S) of the linear-Gaussian model:
 * S = (I + W^T W / sigma^2)^-1, m = S W^T (x - c) / sigma^2.
 *
 * @example
 * // x = W z + c + noise with z ~ N(0, I_2) in 3 dimensions
 * const W = matrix64(3, 2, [1, 0, 0, 1, 1, 1]), c = new Float64Array([0, 0, 1]), x = new Float64Array([1, -1, 0.5]);
 * const { mean, cov } = linearGaussianPosterior(x, W, c, 0.5);
 */
export function linearGaussianPosterior(x: Float64Array, W: Matrix64, c: Float64Array, sigma2: number): { mean: Float64Array; cov: Matrix64 } {
  const fn = 'linearGaussianPosterior';
  checkModel(fn, x, W, c, sigma2);
  const D = W.rows, k = W.cols;
  const P = matrix64(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = a === b ? 1 : 0;
      for (let i = 0; i < D; i++) s += (W.data[i * k + a] * W.data[i * k + b]) / sigma2;
      P.data[a * k + b] = s; // I + W^T W / sigma^2
    }
  }
  const cov = inverse(P);
  const u = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let i = 0; i < D; i++) s += (W.data[i * k + a] * (x[i] - c[i])) / sigma2;
    u[a] = s; // W^T (x - c) / sigma^2
  }
  const mean = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += cov.data[a * k + b] * u[b];
    mean[a] = s;
  }
  return { mean, cov };
}

/**
 * The ELBO of the linear-Gaussian model for an approximate posterior Q = N(qMean, qCov), in
 * closed form (the expectation of the Gaussian log-likelihood under Q is exact):
 *
 *   E_Q[log p(x | z)] = -(||x - W mu - c||^2 + tr(W S W^T)) / (2 sigma^2) - D/2 log(2 pi sigma^2)
 *   ELBO = E_Q[log p(x | z)] - D[Q || N(0, I)]            (N-VAE-05; the KL by N-VAE-07)
 *
 * @example
 * // x = W z + c + noise with z ~ N(0, I_2) in 3 dimensions
 * const W = matrix64(3, 2, [1, 0, 0, 1, 1, 1]), c = new Float64Array([0, 0, 1]), x = new Float64Array([1, -1, 0.5]);
 * const s2 = 0.5;
 * const post = linearGaussianPosterior(x, W, c, s2);
 * linearGaussianElbo(x, W, c, s2, post.mean, post.cov); // = linearGaussianLogMarginal(x, W, c, s2)
 */
export function linearGaussianElbo(x: Float64Array, W: Matrix64, c: Float64Array, sigma2: number, qMean: Float64Array, qCov: Matrix64): number {
  const fn = 'linearGaussianElbo';
  checkModel(fn, x, W, c, sigma2);
  const D = W.rows, k = W.cols;
  checkVector64(fn, 'qMean', qMean, k);
  checkCovariance(fn, 'qCov', qCov, k, ` (W is ${D}x${k})`);
  let residual = 0;
  for (let i = 0; i < D; i++) {
    let f = c[i];
    for (let a = 0; a < k; a++) f += W.data[i * k + a] * qMean[a];
    residual += (x[i] - f) * (x[i] - f); // ||x - W mu - c||^2
  }
  let trace = 0; // tr(W S W^T) = sum_i w_i^T S w_i
  for (let i = 0; i < D; i++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) trace += W.data[i * k + a] * qCov.data[a * k + b] * W.data[i * k + b];
    }
  }
  const expectedLogLikelihood = -(residual + trace) / (2 * sigma2) - 0.5 * D * Math.log(2 * Math.PI * sigma2);
  const I = matrix64(k, k);
  for (let a = 0; a < k; a++) I.data[a * k + a] = 1;
  return expectedLogLikelihood - klGaussians(qMean, qCov, new Float64Array(k), I);
}
