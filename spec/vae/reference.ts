/**
 * An independent float64 reference of the VAE's one-sample negative ELBO, written from the
 * formulas (not from lib/vae), for finite-difference gradient checks. Not a spec file.
 */
import type { VAE } from '../../lib/vae/index.js';

export interface RefParams {
  /** Every parameter array of the model as float64, in the order of VAE.parameters(). */
  arrays: Float64Array[];
}

export function refParams(model: VAE): RefParams {
  return { arrays: model.parameters().map((p) => Float64Array.from(p)) };
}

/** Z = A W + b for one row, W stored n_in x n_out. */
function dense(a: Float64Array, W: Float64Array, b: Float64Array, nOut: number): Float64Array {
  const nIn = a.length;
  const z = Float64Array.from(b);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) z[j] += a[i] * W[i * nOut + j];
  return z;
}

/**
 * Sum over rows of [ -log p(x|z) + KL(Q || N(0, I)) ] with z = mu + exp(logSigma) eps, for a
 * model with encoder widths `hidden` (ReLU), mirrored decoder, identity heads and output.
 * `track.minAbs` receives the smallest |pre-activation| of any ReLU, and `track.signs` (if given)
 * the side of its kink each ReLU pre-activation is on (1 for z > 0), in evaluation order.
 */
export function refLoss(model: VAE, p: RefParams, x: Float64Array[], eps: Float64Array[], track?: { minAbs: number; signs?: number[] }): number {
  const D = model.inputSize, k = model.latentSize, H = model.hidden;
  const A = p.arrays;
  let q = 0;
  const next = () => A[q++];
  const encLayers: [Float64Array, Float64Array][] = H.map(() => [next(), next()]);
  const muW = next(), muB = next(), lsW = next(), lsB = next();
  const decSizes = [...H.slice().reverse(), D];
  const decLayers: [Float64Array, Float64Array][] = decSizes.map(() => [next(), next()]);
  const relu = (z: Float64Array) => {
    if (track) for (const v of z) { track.minAbs = Math.min(track.minAbs, Math.abs(v)); track.signs?.push(v > 0 ? 1 : 0); }
    return z.map((v) => Math.max(v, 0));
  };
  let total = 0;
  for (let r = 0; r < x.length; r++) {
    let h = x[r];
    H.forEach((w, l) => { h = relu(dense(h, encLayers[l][0], encLayers[l][1], w)); });
    const mu = dense(h, muW, muB, k), ls = dense(h, lsW, lsB, k);
    let a: Float64Array = mu.map((m, i) => m + Math.exp(ls[i]) * eps[r][i]);
    decSizes.forEach((w, l) => {
      const zl = dense(a, decLayers[l][0], decLayers[l][1], w);
      a = l === decSizes.length - 1 ? zl : relu(zl);
    });
    let rec = 0;
    for (let i = 0; i < D; i++) {
      if (model.likelihood === 'bernoulli') rec += Math.max(a[i], 0) + Math.log1p(Math.exp(-Math.abs(a[i]))) - x[r][i] * a[i];
      else rec += (x[r][i] - a[i]) ** 2 / (2 * model.sigma2);
    }
    if (model.likelihood === 'gaussian') rec += 0.5 * D * Math.log(2 * Math.PI * model.sigma2);
    let kl = 0;
    for (let m = 0; m < k; m++) kl += 0.5 * (Math.exp(2 * ls[m]) + mu[m] * mu[m] - 1 - 2 * ls[m]);
    total += rec + kl;
  }
  return total;
}
