/**
 * Universal approximation (002 "Why Feed Forward Neural Networks (FFNN)?", "Universal
 * approximation theorem"; N-NN-13): one hidden layer of sigmoid units fits a smooth function on
 * [0, 1] better as the layer grows. The theorem is a statement of existence (some weights give
 * |F − f| < ε); here gradient descent (Adam, full batch) looks for them, so the errors are what
 * training found, not the best the width allows.
 *
 * F(x) = sin(2πx) + 0.5 cos(5πx) x on 200 training points; the max error is measured on 2001 points.
 * (With 8 or more units the remaining error is what 6000 Adam steps leave, not the width's limit.)
 * Writes tour-output/examples/universal-approximation/fits.svg (F and the fits).
 *
 *   npx tsx docs/examples/universal-approximation.ts [--epochs N] [--quick] [--help]
 */
import { Adam, Rng, createMLP, linePlot, matrix, mlpPredict, trainMLP } from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('universal-approximation', `
One sigmoid hidden layer of width 1 ... 32 fitting F(x) = sin(2 pi x) + 0.5 cos(5 pi x) x on
[0, 1] (Adam, full batch); max and RMS errors per width; F and the fits (fits.svg). Exits 1 if
16 hidden units do not beat 2. --quick: widths 2 and 16 only.`, {
  epochs: { help: 'full-batch Adam steps per width', default: 6000, quick: 1500, min: 1 },
});
const widths = cli.quick ? [2, 16] : [1, 2, 4, 8, 16, 32];
const epochs = cli.values.epochs;
const F = (x: number) => Math.sin(2 * Math.PI * x) + 0.5 * Math.cos(5 * Math.PI * x) * x;
const n = 200, m = 2001;
const LR = 0.03; // Adam, decayed linearly to 1 % over the run
const X = matrix(n, 1), Y = matrix(n, 1), grid = matrix(m, 1);
// the network sees u = 3(2x − 1) ∈ [−3, 3]: sigmoid units with Xavier-size weights then start with
// features spread over the interval instead of all in their linear middle
const SCALE = 3;
for (let i = 0; i < n; i++) { X.data[i] = SCALE * (2 * i / (n - 1) - 1); Y.data[i] = F(i / (n - 1)); }
for (let i = 0; i < m; i++) grid.data[i] = SCALE * (2 * i / (m - 1) - 1);

const xs = Array.from({ length: m }, (_, i) => i / (m - 1));
const series = [{ x: xs, y: xs.map(F), label: 'F(x)' }];
const maxErrors: number[] = [];
for (const w of widths) {
  const net = createMLP([1, w, 1], { hidden: 'sigmoid' }, new Rng(1));
  const t0 = performance.now();
  const opt = new Adam({ lr: LR });
  trainMLP(net, X, Y, { loss: 'mse', optimizer: opt, epochs, batchSize: n, onEpoch: (r) => { opt.lr = LR * (1 - 0.99 * r.epoch / epochs); } }, new Rng(2));
  const f = mlpPredict(net, grid).data;
  let maxErr = 0, sq = 0;
  for (let i = 0; i < m; i++) {
    const e = Math.abs(f[i] - F(i / (m - 1)));
    maxErr = Math.max(maxErr, e);
    sq += (e * e) / m;
  }
  maxErrors.push(maxErr);
  console.log(`width ${String(w).padStart(2)}: max |F − f| = ${maxErr.toFixed(4)}, RMS ${Math.sqrt(sq).toFixed(4)}  (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  series.push({ x: xs, y: Array.from(f), label: `${w} hidden` });
}
const i2 = widths.indexOf(2), i16 = widths.indexOf(16);
console.log(`max error with 16 hidden nodes (${maxErrors[i16].toFixed(4)}) ${maxErrors[i16] < maxErrors[i2] ? '<' : '>='} with 2 (${maxErrors[i2].toFixed(4)})`);
if (!(maxErrors[i16] < maxErrors[i2])) process.exitCode = 1;
const out = cli.file('fits.svg');
writeSvg(out, linePlot({ series, title: 'One sigmoid hidden layer of growing width fitting F', xLabel: 'x', yLabel: 'F(x), f(x)' }));
console.log(`wrote ${out}`);
