/**
 * A Gaussian-binary RBM (notes 000 "Gaussian-Binary Restricted Boltzmann Machines"; N-GRBM-01..08)
 * on 2-D data. Summing out the hidden layer, p(x) is a mixture of 2^N Gaussians with the shared
 * covariance diag(σ²) and means a + W h, one per hidden configuration h (N-GRBM-05/07) — so a
 * model with N = 2 hidden units can already place four bumps on the corners of a parallelogram.
 *
 * Data: 2000 points from four Gaussian clusters (std 0.5) at (±2, ±2). The model (N = 4) is
 * fitted with CD-1 in two stages: widths fixed at σ = 0.5, then trained (trainSigma) at a small
 * rate. (Training σ from the start at σ = 1 tends to get stuck: σ grows to cover the whole
 * spread before W separates the clusters.) The exact density exp(−F(x)) / Z uses the
 * closed-form partition function (N-GRBM-03) and is drawn as a grey PNG with the data on top.
 *
 * Writes to tour-output/examples/grbm/: density.png (the model density on the plane with axes,
 * every third data point in red) and samples.svg (data and Gibbs samples of the model).
 *
 *   npx tsx docs/examples/grbm.ts [--epochs N] [--quick] [--help]
 */
import {
  GaussianBernoulliRBM, Rng, blockGibbs, freeEnergy, initVisibleBiasFromData, inverseTimeDecay, logLikelihoodExact, logPartitionExact, matrix, scatterPlot,
  trainRBM, withAxes,
} from '../../lib/index.js';
import { writePng, writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('grbm', `
A Gaussian-binary RBM (2 visible, 4 hidden units) fitted with CD-1 to four Gaussian clusters;
its exact density exp(-F(x))/Z drawn on the plane, and Gibbs samples beside the data.`, {
  epochs: { help: 'epochs of stage 1 (widths fixed); stage 2 (widths trained) runs a third as many', default: 60, quick: 9, min: 3 },
});
const rng = new Rng(2024);
const n = 2000, centres = [[-2, -2], [2, -2], [-2, 2], [2, 2]], std = 0.5;
const data = matrix(n, 2);
for (let r = 0; r < n; r++) {
  const c = centres[r % 4];
  data.data[2 * r] = c[0] + std * rng.normal();
  data.data[2 * r + 1] = c[1] + std * rng.normal();
}
// log-likelihood of the data under the true mixture, the reference for the fitted model
let trueLogLik = 0;
for (let r = 0; r < n; r++) {
  let s = 0;
  for (const c of centres) s += 0.25 * Math.exp(-((data.data[2 * r] - c[0]) ** 2 + (data.data[2 * r + 1] - c[1]) ** 2) / (2 * std * std)) / (2 * Math.PI * std * std);
  trueLogLik += Math.log(s);
}

// Stage 1: widths fixed at 0.5 (a hyperparameter, as in notes 000), CD-1, 4 hidden units.
const rbm = GaussianBernoulliRBM.create(2, 4, 'glorot-normal', new Rng(5), { sigma: 0.5 });
initVisibleBiasFromData(rbm, data); // a = data mean
const r = trainRBM(rbm, data, {
  method: 'cd', k: 1, epochs: cli.values.epochs, batchSize: 50, learningRate: inverseTimeDecay(0.02, 20), momentum: 0.5, evaluate: 'logLikelihood',
}, new Rng(6));
// Stage 2: let the widths train too (trainSigma: log σ is a parameter), with a smaller rate.
rbm.trainSigma = true;
const r2 = trainRBM(rbm, data, { method: 'cd', k: 1, epochs: Math.round(cli.values.epochs / 3), batchSize: 50, learningRate: 0.005, evaluate: 'logLikelihood' }, new Rng(7));
const last = r2.metrics[r2.metrics.length - 1];
console.log(`Gaussian-binary RBM 2 x 4 on four clusters (std ${std}) at (±2, ±2); CD-1, ${r.updates} updates with σ = 0.5 fixed, then ${r2.updates} with σ trained`);
console.log(`exact mean log-likelihood per point: after epoch 1 ${r.metrics[0].logLikelihood!.toFixed(4)}, stage 1 end ${r.metrics[r.metrics.length - 1].logLikelihood!.toFixed(4)}, stage 2 end ${last.logLikelihood!.toFixed(4)}; true mixture ${(trueLogLik / n).toFixed(4)}`);
console.log(`learned sigma = [${Array.from(rbm.sigma, (s) => s.toFixed(3)).join(', ')}]  (cluster std ${std})`);
const W = rbm.W.data, N = rbm.nHidden;
// The 2^N mixture components: mean a + W h, weight ∝ e^{bᵀh + Σ_i (2 a_i u_i + u_i²)/(2σ_i²)}, u = W h (N-GRBM-05).
const comps = Array.from({ length: 2 ** N }, (_, hIndex) => {
  const h = Array.from({ length: N }, (_, j) => (hIndex >> (N - 1 - j)) & 1);
  const u = [0, 1].map((i) => h.reduce((t, hj, j) => t + hj * W[i * N + j], 0));
  const logw = h.reduce((t, hj, j) => t + hj * rbm.b[j], 0) + [0, 1].reduce((t, i) => t + (2 * rbm.a[i] * u[i] + u[i] * u[i]) / (2 * rbm.sigma[i] ** 2), 0);
  return { mean: [rbm.a[0] + u[0], rbm.a[1] + u[1]], logw };
});
const mx = Math.max(...comps.map((c) => c.logw));
const zw = comps.reduce((t, c) => t + Math.exp(c.logw - mx), 0);
console.log('mixture components with weight > 1%:');
for (const c of comps) {
  const w = Math.exp(c.logw - mx) / zw;
  if (w > 0.01) console.log(`  mean (${c.mean[0].toFixed(2)}, ${c.mean[1].toFixed(2)})  weight ${w.toFixed(3)}`);
}
console.log(`check: logLikelihoodExact / n = ${(logLikelihoodExact(rbm, data) / n).toFixed(4)}`);

// Density image: p(x) = exp(−F(x) − log Z) on a 240 x 240 grid over [−4.5, 4.5]².
const side = 240, lo = -4.5, hi = 4.5;
const grid = matrix(side * side, 2);
for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
  grid.data[2 * (y * side + x)] = lo + ((x + 0.5) * (hi - lo)) / side;
  grid.data[2 * (y * side + x) + 1] = hi - ((y + 0.5) * (hi - lo)) / side; // y axis up
}
const F = freeEnergy(new Float64Array(side * side), rbm, grid);
const logZ = logPartitionExact(rbm);
let pMax = 0, mass = 0;
const dens = new Float64Array(side * side);
for (let q = 0; q < dens.length; q++) { dens[q] = Math.exp(-F[q] - logZ); pMax = Math.max(pMax, dens[q]); mass += dens[q]; }
mass *= ((hi - lo) / side) ** 2;
console.log(`density integrates to ${mass.toFixed(4)} over the picture (Riemann sum; the tails outside hold the rest)`);
const rgb = new Uint8Array(side * side * 3);
for (let q = 0; q < dens.length; q++) {
  const g = Math.round(255 * (1 - dens[q] / pMax)); // dark = high density
  rgb[3 * q] = rgb[3 * q + 1] = rgb[3 * q + 2] = g;
}
for (let r2 = 0; r2 < n; r2 += 3) { // every 3rd data point in red (3 is prime to the 4 clusters of the cycle)
  const x = Math.floor(((data.data[2 * r2] - lo) / (hi - lo)) * side), y = Math.floor(((hi - data.data[2 * r2 + 1]) / (hi - lo)) * side);
  if (x >= 0 && x < side && y >= 0 && y < side) { const q = y * side + x; rgb[3 * q] = 230; rgb[3 * q + 1] = 30; rgb[3 * q + 2] = 30; }
}
writePng(cli.file('density.png'), withAxes({ width: side, height: side, channels: 3, data: rgb }, {
  x: [lo, hi], y: [lo, hi], xLabel: 'x1', yLabel: 'x2', title: 'model density (dark = high), data in red',
}));

// Model samples: 500 chains, 200 block-Gibbs steps from the origin.
const S = matrix(500, 2);
blockGibbs(S, rbm, S, 200, new Rng(8));
writeSvg(cli.file('samples.svg'), scatterPlot({
  series: [
    { x: Array.from({ length: 500 }, (_, i) => data.data[2 * i]), y: Array.from({ length: 500 }, (_, i) => data.data[2 * i + 1]), label: 'data' },
    { x: Array.from({ length: 500 }, (_, i) => S.data[2 * i]), y: Array.from({ length: 500 }, (_, i) => S.data[2 * i + 1]), label: 'RBM samples' },
  ],
  title: `Gaussian-binary RBM (${rbm.nHidden} hidden units) on four clusters`, xLabel: 'x₁', yLabel: 'x₂', xLim: [-4.5, 4.5], yLim: [-4.5, 4.5], width: 560, height: 520, radius: 2,
}));
console.log(`wrote ${cli.out}/density.png and samples.svg`);
