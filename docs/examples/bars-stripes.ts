/**
 * Bars and stripes 3x3 (14 patterns; MacKay 2003) learned by a 9 x 16 binary RBM with CD-1,
 * CD-10 and PCD (Tieleman 2008) under the same budget of parameter updates. The models are
 * small enough for the exact KL(data ‖ model) after every epoch (enumeration of the 2^9
 * visible states), so the curves show the training objective itself, not a proxy.
 *
 * Writes to tour-output/examples/bars-stripes/:
 *   kl.svg        exact KL per update for the three methods
 *   data.png      the 14 patterns
 *   samples.png   one labelled row per method: states of 12 independent Gibbs chains after
 *                 1000 block-Gibbs steps from random starts (model samples)
 *
 *   npx tsx docs/examples/bars-stripes.ts [--updates N] [--quick] [--help]
 */
import {
  BernoulliRBM, Rng, barsAndStripes, blockGibbs, imageGrid, isBarsAndStripes, klFromEmpirical, linePlot, linearDecay, matrix,
  trainRBM, visibleDistributionExact, type Matrix,
} from '../../lib/index.js';
import { writePng, writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('bars-stripes', `
Bars and stripes 3x3 learned by a 9 x 16 binary RBM with CD-1, CD-10 and PCD under the same
number of full-batch updates; exact KL(data || model) after every update; model samples.`, {
  updates: { help: 'full-batch parameter updates per method', default: 3000, quick: 300, min: 1 },
});
const epochs = cli.values.updates;
const data = barsAndStripes(3);
const methods = [
  { label: 'CD-1', method: 'cd', k: 1 },
  { label: 'CD-10', method: 'cd', k: 10 },
  { label: 'PCD (100 chains)', method: 'pcd', k: 1 },
] as const;

console.log(`bars and stripes 3x3: ${data.rows} patterns; RBM 9 x 16, Glorot init (seed 1), full batch, lr 0.1 → 0.01 linearly, ${epochs} updates`);
console.log(`a uniform model has KL = ln(512/14) = ${Math.log(512 / 14).toFixed(3)}; the data entropy is ln 14 = ${Math.log(14).toFixed(3)}\n`);
const curves: { y: number[]; label: string }[] = [];
const models: BernoulliRBM[] = [];
for (const m of methods) {
  const rbm = BernoulliRBM.create(9, 16, 'glorot-normal', new Rng(1));
  const t0 = performance.now();
  const r = trainRBM(rbm, data, {
    method: m.method, k: m.k, epochs, batchSize: 14, learningRate: linearDecay(0.1, 0.01, epochs), evaluate: 'kl',
    reconstructionError: false, ...(m.method === 'pcd' ? { persistentChains: 100 } : {}),
    progress: true,
  }, new Rng(1001));
  const seconds = (performance.now() - t0) / 1000;
  const p = visibleDistributionExact(rbm);
  // probability mass the model puts on the 14 patterns (state index: pixel 0 = most significant bit)
  let mass = 0;
  for (let s = 0; s < 512; s++) if (isBarsAndStripes(Array.from({ length: 9 }, (_, i) => (s >> (8 - i)) & 1), 3)) mass += p[s];
  const kl = klFromEmpirical(rbm, data);
  console.log(`${m.label.padEnd(17)} exact KL ${kl.toFixed(4)}   mass on the 14 patterns ${mass.toFixed(3)}   (${seconds.toFixed(2)} s with per-epoch KL)`);
  curves.push({ y: r.metrics.map((e) => e.kl!), label: m.label });
  models.push(rbm);
}

writeSvg(cli.file('kl.svg'), linePlot({
  series: curves.map((c, q) => ({ ...c, dash: q === 1 ? true : undefined })),
  title: 'Bars and stripes 3x3: exact KL(data ‖ model), same number of updates',
  xLabel: 'update (full batch of 14)', yLabel: 'KL (nats)', logY: true,
}));

/** Nearest-neighbour upscaling of 3x3 tiles so the PNG is visible: each pixel becomes s x s. */
function upscale(tiles: Matrix, side: number, s: number): Matrix {
  const big = matrix(tiles.rows, side * side * s * s);
  const W = side * s;
  for (let t = 0; t < tiles.rows; t++) {
    for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) {
      big.data[t * W * W + y * W + x] = tiles.data[t * side * side + Math.floor(y / s) * side + Math.floor(x / s)];
    }
  }
  return big;
}

const S = 10;
writePng(cli.file('data.png'), imageGrid(upscale(data, 3, S), 3 * S, 3 * S, 14, { padding: 2, padValue: 128, normalize: { min: 0, max: 1 }, rowLabels: ['data'] }));
const chains = 12;
const samples = matrix(chains * models.length, 9);
const rng = new Rng(7);
models.forEach((rbm, q) => {
  const X = matrix(chains, 9);
  for (let k = 0; k < X.data.length; k++) X.data[k] = rng.float() < 0.5 ? 1 : 0;
  blockGibbs(X, rbm, X, 1000, rng);
  samples.data.set(X.data, q * chains * 9);
  const valid = Array.from({ length: chains }, (_, c) => isBarsAndStripes(Array.from(X.data.subarray(c * 9, c * 9 + 9)), 3)).filter(Boolean).length;
  console.log(`${methods[q].label.padEnd(17)} ${valid}/${chains} Gibbs samples are bars or stripes`);
});
writePng(cli.file('samples.png'), imageGrid(upscale(samples, 3, S), 3 * S, 3 * S, chains, {
  padding: 2, padValue: 128, normalize: { min: 0, max: 1 }, rowLabels: methods.map((m) => m.label.replace(' (100 chains)', '')),
}));
console.log(`\nwrote ${cli.out}/kl.svg, data.png, samples.png (rows: ${methods.map((m) => m.label).join(', ')})`);
