/**
 * Tour chapter: variational autoencoders. The closed-form KL of a diagonal Gaussian from N(0, I)
 * against a Monte Carlo mean; the linear-Gaussian model, where the ELBO at the true posterior is
 * log p(x) exactly and the importance-weighted bound climbs towards it with k; a small VAE
 * trained on four 3x3 patterns; a save/load round trip.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  VAE, VAEWorkspace, evaluateLoss, klDiagonalGaussianToStandard, linearGaussianElbo, linearGaussianLogMarginal, linearGaussianPosterior,
  loadVAE, logMarginalImportance, logNormalDiagonal, saveVAE, trainVAE, vaeForward,
} from '../../../lib/vae/index.js';
import { Rng } from '../../../lib/random/index.js';
import { matrix, matrix64 } from '../../../lib/linalg/matrix.js';

export const chapter: TourChapter = {
  title: 'Variational autoencoders: closed-form KL, exact linear-Gaussian ELBO, IWAE, training, save/load',
  order: 16,
  run(): TourRow[] {
    const rows: TourRow[] = [];

    // 1. N-VAE-07: KL(N(mu, sigma^2) || N(0, I)) in closed form vs the mean of log Q(z) - log p(z), z ~ Q.
    const mu = [0.5, -1.2, 0.1].map(Math.fround), ls = [-0.3, 0.4, -1.0].map(Math.fround);
    const closed = klDiagonalGaussianToStandard(new Float64Array(1), matrix(1, 3, mu), matrix(1, 3, ls));
    const rng = new Rng(11), n = 100_000, z = new Float64Array(3);
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < 3; m++) z[m] = mu[m] + Math.exp(ls[m]) * rng.normal();
      const w = logNormalDiagonal(z, mu, ls) - logNormalDiagonal(z, null, null);
      s += w; s2 += w * w;
    }
    const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
    rows.push(compareRow(`KL to N(0, I), closed form vs Monte Carlo (1e5 draws, 4 SE = ${(4 * se).toFixed(4)})`, closed, mean, 4 * se, 'E_Q[log Q − log p] (N-VAE-07)', 6));

    // 2. The linear-Gaussian model: a VAE with no hidden layer whose encoder is the exact posterior.
    const D = 6, k = 3, s2x = 0.5, r2 = new Rng(77);
    const vae = VAE.create({ inputSize: D, latentSize: k, hidden: [], likelihood: 'gaussian', sigma2: s2x }, r2);
    const W = matrix64(D, k), c = new Float64Array(D);
    const dec = vae.decoder.layers[0];
    for (let i = 0; i < D; i++) {
      for (let m = 0; m < k; m++) dec.W.data[m * D + i] = m === i % k ? r2.normal() : 0; // orthogonal columns
      dec.b[i] = r2.normal();
      for (let m = 0; m < k; m++) W.data[i * k + m] = dec.W.data[m * D + i];
      c[i] = dec.b[i];
    }
    const x = new Float64Array(D).map(() => Math.fround(1.5 * r2.normal()));
    const post = linearGaussianPosterior(x, W, c, s2x);
    const lp = linearGaussianLogMarginal(x, W, c, s2x);
    rows.push(compareRow('linear-Gaussian: ELBO at the true posterior (float64)', linearGaussianElbo(x, W, c, s2x, post.mean, post.cov), lp, 1e-10, 'exact log p(x) = log N(x; c, WWᵀ + σ²I) (N-VAE-05)', 10));
    // encoder = posterior shifted by 1/2 per coordinate: an imperfect Q
    for (let m = 0; m < k; m++) {
      let bm = 0;
      for (let i = 0; i < D; i++) {
        const wim = (W.data[i * k + m] * post.cov.data[m * k + m]) / s2x;
        vae.muHead.W.data[i * k + m] = wim;
        vae.logSigmaHead.W.data[i * k + m] = 0;
        bm -= c[i] * wim;
      }
      vae.muHead.b[m] = bm + 0.5;
      vae.logSigmaHead.b[m] = 0.5 * Math.log(post.cov.data[m * k + m]);
    }
    const reps = 2000, xs = matrix(reps, D);
    for (let r = 0; r < reps; r++) xs.data.set(x, r * D);
    const iw = [1, 10, 100].map((kk) => { const v = logMarginalImportance(vae, xs, kk, new Rng(kk)); return v.reduce((a, b) => a + b, 0) / reps; });
    rows.push({
      what: 'linear-Gaussian, imperfect Q: IWAE L_1 < L_10 < L_100 <= log p(x)',
      value: iw.map((v) => v.toFixed(4)).join(' < '),
      reference: `log p(x) = ${lp.toFixed(4)}`,
      source: 'Burda et al. 2016, Theorem 1 (mean of 2000 estimates each)',
      ok: iw[0] < iw[1] && iw[1] < iw[2] && iw[2] < lp + 0.01,
    });

    // 3. A small VAE on four 3x3 patterns: the loss falls from ~9 ln 2 towards ln 4 (four equally likely patterns).
    const protos = [[1, 1, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0, 1, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0, 1]];
    const data = matrix(64, 9);
    for (let r = 0; r < 64; r++) data.data.set(protos[r % 4], r * 9);
    const small = VAE.create({ inputSize: 9, latentSize: 2, hidden: [16] }, new Rng(40));
    const ws = new VAEWorkspace(small, 64);
    const before = evaluateLoss(small, ws, data, new Rng(1)).loss;
    trainVAE(small, data, { epochs: 300, batchSize: 16, learningRate: 0.01 }, new Rng(41));
    const after = evaluateLoss(small, ws, data, new Rng(1)).loss;
    rows.push({
      what: 'VAE 9-16-2 on four 3x3 patterns, 300 epochs: test loss',
      value: `${before.toFixed(3)} → ${after.toFixed(3)}`,
      reference: `≥ ln 4 = ${Math.log(4).toFixed(3)}, < 0.6 × start`,
      source: 'negative ELBO bounds −log(1/4) from above',
      ok: after < 0.6 * before && after > Math.log(4) - 0.05,
    });

    // 4. Save / load: identical outputs.
    const back = loadVAE(saveVAE(small));
    const eps = matrix(64, 2); new Rng(5).fillNormal(eps.data);
    const w2 = new VAEWorkspace(back, 64);
    const a = vaeForward(small, ws, data, eps).loss, b = vaeForward(back, w2, data, eps).loss;
    rows.push({ what: `saveVAE → loadVAE (${saveVAE(small).length} bytes): loss at fixed ε`, value: String(b), reference: String(a), source: 'float32 copied bit for bit', ok: Object.is(a, b) });
    return rows;
  },
};
