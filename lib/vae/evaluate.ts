/**
 * Estimates of log p(x) for a trained VAE, for honest test numbers (the training loss is only a
 * bound):
 *
 * - `logMarginalMonteCarlo` (N-VAE-02): the law of total probability p(x) = E_{z ~ p(z)} p(x | z)
 *   estimated with samples from the prior, log (1/S) sum_s p(x | z_s). Unbiased for p(x) but
 *   hopeless in high dimensions (the notes' point: for most z, p(x | z) is nearly zero).
 * - `logMarginalImportance`: the importance-weighted bound of Burda, Grosse & Salakhutdinov
 *   (2016, "Importance Weighted Autoencoders", eq. 8), the same sum with samples from the
 *   encoder, z_s ~ Q(z | x), weighted by p(z_s) / Q(z_s | x):
 *
 *     L_k = log (1/k) sum_{s=1..k} p(x | z_s) p(z_s) / Q(z_s | x)
 *
 *   E[L_1] is the ELBO, E[L_k] increases with k and tends to log p(x) (their Theorem 1).
 *
 * Both return one value per row of x; sums are float64, the log of the mean is taken with the
 * maximum subtracted (log-sum-exp). For the Bernoulli likelihood with grey-level x (MNIST / 255)
 * "p(x | z)" is exp(-BCE), as in the training loss: the numbers compare with pytorch/examples'
 * losses, not with log-likelihoods of binarized MNIST.
 */
import type { Rng } from '../random/index.js';
import type { Matrix } from '../linalg/matrix.js';
import { fillNormalUnchecked } from '../random/kernels.js';
import { reparameterizeForwardUnchecked } from './gaussian.js';
import { bernoulliNegLogLikelihoodUnchecked, gaussianNegLogLikelihoodUnchecked } from './likelihood.js';
import { VAE, VAEWorkspace, checkVAEWorkspace, vaeDecodeUnchecked, vaeEncodeUnchecked } from './model.js';
import { checkCount, checkMatrix32, describe } from './validate.js';


/**
 * log w_s = log p(x | z_s) + log p(z_s) - log q(z_s) for s = 1..k and every row of x (chunks
 * of ws.maxRows rows), then out[r] = log (1/k) sum_s w_s. The proposal q is the encoder's
 * Q(z | x) or the prior (then w_s = p(x | z_s)).
 */
function logMeanWeights(fn: string, model: VAE, x: Matrix, k: number, rng: Rng, proposal: 'encoder' | 'prior', ws: VAEWorkspace | undefined): Float64Array {
  if (!(model instanceof VAE)) throw new TypeError(`${fn}: model must be a VAE, got ${describe(model)}`);
  checkMatrix32(fn, 'x', x);
  if (x.cols !== model.inputSize) throw new RangeError(`${fn}: x is ${x.rows}x${x.cols} but the VAE takes ${model.inputSize} inputs per row`);
  checkCount(fn, proposal === 'encoder' ? 'k' : 'nSamples', k);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).fillNormal !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const work = ws ?? new VAEWorkspace(model, Math.min(Math.max(1, x.rows), 500));
  checkVAEWorkspace(fn, model, work);
  const n = x.rows, K = model.latentSize, D = model.inputSize;
  const result = new Float64Array(n);
  const logW = new Float64Array(k * work.maxRows);
  for (let start = 0; start < n; start += work.maxRows) {
    const rows = Math.min(work.maxRows, n - start);
    const xb: Matrix = { rows, cols: D, data: x.data.subarray(start * D, (start + rows) * D) };
    const v = work.views(rows);
    const enc = proposal === 'encoder' ? vaeEncodeUnchecked(model, work, xb) : null;
    for (let s = 0; s < k; s++) {
      fillNormalUnchecked(rng, v.eps.data, 0, 1);
      if (enc) reparameterizeForwardUnchecked(v.z, enc.mu, enc.logSigma, v.eps); // z_s = mu + sigma ∘ eps ~ Q(z | x)
      else v.z.data.set(v.eps.data); //                                      z_s ~ p(z) = N(0, I)
      const out = vaeDecodeUnchecked(model, work, v.z);
      if (model.likelihood === 'bernoulli') bernoulliNegLogLikelihoodUnchecked(v.reconstruction, xb, out);
      else gaussianNegLogLikelihoodUnchecked(v.reconstruction, xb, out, model.sigma2);
      for (let r = 0; r < rows; r++) {
        let lw = -v.reconstruction[r]; // log p(x | z_s)
        if (enc) {
          const L = enc.logSigma.data, E = v.eps.data, Z = v.z.data;
          for (let m = r * K; m < (r + 1) * K; m++) {
            // log p(z) - log Q(z | x) = sum_m [-z^2/2] - sum_m [-log sigma_m - eps_m^2/2]  (the 2 pi terms cancel)
            lw += -0.5 * Z[m] * Z[m] + L[m] + 0.5 * E[m] * E[m];
          }
        }
        logW[s * rows + r] = lw;
      }
    }
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let s = 0; s < k; s++) max = Math.max(max, logW[s * rows + r]);
      let sum = 0;
      for (let s = 0; s < k; s++) sum += Math.exp(logW[s * rows + r] - max);
      result[start + r] = max + Math.log(sum / k); // log (1/k) sum_s w_s
    }
  }
  return result;
}

/**
 * The importance-weighted estimate of log p(x) with k samples from the encoder (the IWAE bound
 * L_k, Burda et al. 2016), one value per row of x. k = 1 is a one-sample ELBO; larger k is a
 * tighter bound (E[L_k] increases with k towards log p(x)).
 *
 * @param k samples per data point (e.g. 100 for test figures)
 * @param ws optional workspace (its maxRows sets the chunk size); one is made when omitted
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const testImages = barsAndStripes(4);
 * const lp = logMarginalImportance(vae, testImages, 100, new Rng(7));
 * const mean = lp.reduce((s, v) => s + v, 0) / lp.length; // e.g. -98.6 for a trained MNIST VAE
 */
export function logMarginalImportance(model: VAE, x: Matrix, k: number, rng: Rng, ws?: VAEWorkspace): Float64Array {
  return logMeanWeights('logMarginalImportance', model, x, k, rng, 'encoder', ws);
}

/**
 * N-VAE-02  log p(x) = log E_{z ~ p(z)} p(x | z), estimated with nSamples draws from the prior:
 * log (1/S) sum_s p(x | z_s), one value per row. Unbiased in p(x) (not in log p(x): Jensen
 * makes the log low on average); usable only when p(x | z) is broad.
 *
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const x = barsAndStripes(4); // 30 binary images of 4x4
 * logMarginalMonteCarlo(vae, x, 10000, new Rng(2)); // one log p(x) per row; its noise shrinks as 1/sqrt(nSamples)
 */
export function logMarginalMonteCarlo(model: VAE, x: Matrix, nSamples: number, rng: Rng, ws?: VAEWorkspace): Float64Array {
  return logMeanWeights('logMarginalMonteCarlo', model, x, nSamples, rng, 'prior', ws);
}
