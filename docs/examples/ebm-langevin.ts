/**
 * An energy-based model of a 2-D ring trained with Langevin negatives (N-LANG-03; Du & Mordatch
 * 2019, the method of Foster's ch. 7 the notes point to): E_θ is a 2-64-64-1 network (leaky ReLU);
 * each step lowers the energy of 128 data points, raises it at 128 chains taken from a persistent
 * replay buffer (5 % restarted from uniform noise) after 20 ULA steps (λ = 0.005), with the
 * energy-magnitude regularizer α = 0.1. Afterwards the trained network is handed to the MCMC
 * module as an energy model (mlpEnergy → fromEnergy) and sampled with MALA, an exact sampler of
 * q_θ ∝ e^{−E_θ} (the training chains are approximate: unadjusted and short).
 *
 * Writes to tour-output/examples/ebm-langevin/:
 *   density.png   e^{−E} on [−2, 2]² (white = high density), MALA samples in red
 *   loss.svg      the contrastive loss and the mean energies of data and samples per step
 *
 *   npx tsx docs/examples/ebm-langevin.ts [--epochs N] [--quick] [--help]
 */
import {
  Adam, Rng, createMLP, fromEnergy, linePlot, malaSampler, matrix, mlpEnergy, mlpPredict, runChains, trainEBM, ulaSettings,
} from '../../lib/index.js';
import { writePng, writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('ebm-langevin', `
An energy network (2-64-64-1) trained on a 2-D ring with Langevin negatives from a replay buffer
(contrastive loss with the energy-magnitude regularizer), then sampled exactly with MALA through
the MCMC module: the heat map of e^-E with the samples (density.png) and the loss curve
(loss.svg). --quick: 1024 points.`, {
  epochs: { help: 'passes over the data', default: 60, quick: 6, min: 1 },
});
const quick = cli.quick;
const n = quick ? 1024 : 4096;
const epochs = cli.values.epochs;
const rng = new Rng(7);
const data = matrix(n, 2);
for (let i = 0; i < n; i++) { // the ring: angle uniform, radius 1 + N(0, 0.08²)
  const t = 2 * Math.PI * rng.float(), r = 1 + 0.08 * rng.normal();
  data.data[2 * i] = r * Math.cos(t);
  data.data[2 * i + 1] = r * Math.sin(t);
}

const net = createMLP([2, 64, 64, 1], { hidden: 'leakyRelu', slope: 0.1 }, new Rng(1));
const t0 = performance.now();
const result = trainEBM(net, data, {
  epochs, batchSize: 128, alpha: 0.1, bufferSize: 4096, reinitProbability: 0.05, initRange: [-2, 2],
  langevin: { ...ulaSettings(0.005, 20), clamp: [-2, 2] }, optimizer: new Adam({ lr: 1e-3 }),
  onStep: (r) => { if (r.step % 200 === 0) console.error(`step ${r.step} (epoch ${r.epoch}): loss ${r.loss.toFixed(4)}, mean E(data) ${r.meanPositive.toFixed(3)}, mean E(samples) ${r.meanNegative.toFixed(3)}`); },
}, new Rng(2));
const steps = result.loss.length;
console.log(`trained ${steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// e^{−E} on a grid, and its radial profile: the mass should sit at radius ≈ 1
const G = quick ? 100 : 200;
const grid = matrix(G * G, 2);
for (let i = 0; i < G; i++) for (let j = 0; j < G; j++) {
  grid.data[2 * (i * G + j)] = -2 + (4 * (j + 0.5)) / G; // column j: x from −2 to 2
  grid.data[2 * (i * G + j) + 1] = 2 - (4 * (i + 0.5)) / G; // row i: y from 2 down to −2
}
const E = mlpPredict(net, grid).data;
const eMin = E.reduce((a, b) => Math.min(a, b));
const density = Float64Array.from(E, (e) => Math.exp(-(e - eMin)));
let z = 0, nearRing = 0;
for (let k = 0; k < density.length; k++) {
  const r = Math.hypot(grid.data[2 * k], grid.data[2 * k + 1]);
  z += density[k];
  if (Math.abs(r - 1) < 0.25) nearRing += density[k];
}
console.log(`mass of e^{−E} within 0.25 of the ring (radius 1): ${(100 * nearRing / z).toFixed(1)} % (that annulus is ${(100 * Math.PI * (1.25 ** 2 - 0.75 ** 2) / 16).toFixed(1)} % of the box)`);

// MALA on the trained energy through the MCMC module
const samples = runChains(malaSampler(), fromEnergy(mlpEnergy(net)), { chains: 8, warmup: 500, samples: quick ? 100 : 500, x0: new Float64Array([1, 0]) }, new Rng(3));
const pts: [number, number][] = [];
let rSum = 0;
for (const c of samples.chains) for (let t = 0; t < c.samples.length / 2; t += 5) {
  pts.push([c.samples[2 * t], c.samples[2 * t + 1]]);
  rSum += Math.hypot(c.samples[2 * t], c.samples[2 * t + 1]);
}
console.log(`MALA: acceptance ${samples.chains.map((c) => c.acceptance.toFixed(2)).join(' ')}; mean radius of ${pts.length} samples ${(rSum / pts.length).toFixed(3)} (data: 1)`);

// the heat map (grey: e^{−E} scaled to its maximum) with the samples in red
const img = new Uint8Array(G * G * 3);
for (let k = 0; k < G * G; k++) img.fill(Math.round(255 * density[k]), 3 * k, 3 * k + 3);
for (const [x, y] of pts) {
  const j = Math.floor(((x + 2) / 4) * G), i = Math.floor(((2 - y) / 4) * G);
  if (i < 0 || i >= G || j < 0 || j >= G) continue;
  img.set([220, 30, 30], 3 * (i * G + j));
}
writePng(cli.file('density.png'), { width: G, height: G, channels: 3, data: img });
const every = Math.max(1, Math.floor(steps / 400));
const pick = (v: Float64Array) => Array.from({ length: Math.floor(steps / every) }, (_, k) => v[k * every]);
const xs = Array.from({ length: Math.floor(steps / every) }, (_, k) => k * every + 1);
writeSvg(cli.file('loss.svg'), linePlot({
  series: [
    { x: xs, y: pick(result.loss), label: 'loss' },
    { x: xs, y: pick(result.meanPositive), label: 'mean E(data)' },
    { x: xs, y: pick(result.meanNegative), label: 'mean E(samples)' },
  ],
  title: 'EBM on a ring: contrastive loss and energies', xLabel: 'step', yLabel: 'value',
}));
console.log(`wrote ${cli.file('density.png')} and ${cli.file('loss.svg')}`);
