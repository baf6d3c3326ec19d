/**
 * A learning-rate scan over the five optimizers the notes list (002 "Other ingredients of a
 * neural network": plain gradient descent, momentum, Adagrad, RMSprop, Adam; N-OPT-01..05) on the
 * exercise network of fit-quadratic.ts (2-16-1 sigmoid, standardized targets, full batch of 80
 * points, same initial weights for every run). For each optimizer and learning rate it trains a
 * fixed number of epochs and records the test MSE as a percentage of var(y); runs that diverge
 * (trainMLP stops them at the first non-finite cost) are left out of the curve and listed.
 *
 * Writes tour-output/examples/optimizers-lr-scan/lr-scan.svg.
 *
 *   npx tsx docs/examples/optimizers-lr-scan.ts [--epochs N] [--quick] [--help]
 */
import {
  Adagrad, Adam, Momentum, RMSprop, Rng, SGD, createMLP, linePlot, matrix, mlpPredict, quadraticSurfaceDataset, trainMLP,
  trainTestSplit, type Optimizer,
} from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('optimizers-lr-scan', `
SGD, momentum, Adagrad, RMSprop and Adam over learning rates 1e-4 ... 3 on the exercise network
(2-16-1 sigmoid, full batch): test MSE as a percentage of var(y) per run (lr-scan.svg).
--quick: three learning rates.`, {
  epochs: { help: 'full-batch epochs per run', default: 1000, quick: 100, min: 1 },
});
const epochs = cli.values.epochs;
const exponents = cli.quick ? [-3, -2, -1] : [-4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5];
const { X, y } = quadraticSurfaceDataset(100, new Rng(12));
const split = trainTestSplit(X, y, 0.2, new Rng(3));
let mean = 0;
for (const v of y) mean += v / y.length;
let varY = 0;
for (const v of y) varY += (v - mean) ** 2 / y.length;
const sd = Math.sqrt(varY);
const Xtr = matrix(80, 2, Float32Array.from(split.Xtrain.data));
const Ytr = matrix(80, 1, Float32Array.from(split.ytrain, (v) => (v - mean) / sd));
const Xte = matrix(20, 2, Float32Array.from(split.Xtest.data));

const optimizers: [string, (lr: number) => Optimizer][] = [
  ['SGD', (lr) => new SGD({ lr })],
  ['momentum γ=0.9', (lr) => new Momentum({ lr, gamma: 0.9 })],
  ['Adagrad', (lr) => new Adagrad({ lr })],
  ['RMSprop ρ=0.9', (lr) => new RMSprop({ lr, rho: 0.9 })],
  ['Adam', (lr) => new Adam({ lr })],
];

console.log(`exercise network 2-16-1, ${epochs} full-batch epochs per run; test MSE as % of var(y)`);
console.log(`${'lr'.padEnd(16)}${exponents.map((e) => (10 ** e).toPrecision(2).padStart(9)).join('')}`);
const series = [];
const t0 = performance.now();
for (const [name, make] of optimizers) {
  const xs: number[] = [], ys: number[] = [], cells: string[] = [];
  for (const e of exponents) {
    const net = createMLP([2, 16, 1], { hidden: 'sigmoid' }, new Rng(1));
    try {
      trainMLP(net, Xtr, Ytr, { loss: 'mse', optimizer: make(10 ** e), epochs, batchSize: 80 }, new Rng(2));
      const pred = mlpPredict(net, Xte);
      let t = 0;
      for (let i = 0; i < pred.rows; i++) t += (mean + sd * pred.data[i] - split.ytest[i]) ** 2 / pred.rows;
      const pct = (100 * t) / varY;
      if (!Number.isFinite(pct)) throw new RangeError('non-finite prediction');
      xs.push(e);
      ys.push(pct);
      cells.push(pct.toPrecision(3).padStart(9));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      cells.push('diverged'.padStart(9));
    }
  }
  console.log(`${name.padEnd(16)}${cells.join('')}`);
  if (xs.length > 0) series.push({ x: xs, y: ys, label: name });
}
console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const out = cli.file('lr-scan.svg');
writeSvg(out, linePlot({
  series, logY: true, title: `Exercise network, ${epochs} epochs: test MSE vs learning rate`,
  xLabel: 'log10(learning rate)', yLabel: 'test MSE, % of var(y)',
}));
console.log(`wrote ${out}`);
