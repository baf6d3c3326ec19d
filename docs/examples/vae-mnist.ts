/**
 * The variational autoencoder on MNIST, set up as pytorch/examples' VAE (vae/main.py):
 * 784-400-20 encoder with ReLU, 20-400-784 decoder with a sigmoid output (Bernoulli likelihood,
 * BCE summed over pixels, from logits), Adam lr 1e-3, batch 128, pixels / 255 (not binarized).
 * The test loss is the summed one-sample loss over the 10,000 test images / 10,000, as there;
 * `--iwae K` adds the importance-weighted estimate of log p(x) with K samples per image.
 *
 * With pictures (the default), it also trains the plain autoencoder of N-VAE-01 (same widths,
 * same reconstruction loss) and a VAE with a 2-D latent space, and writes to
 * tour-output/examples/vae-mnist/:
 *   vae-reconstructions.png   test images (top), VAE reconstructions sigmoid(decoder(mu)) (middle),
 *                             autoencoder reconstructions (bottom)
 *   vae-samples.png           decoder means at z ~ N(0, I) from the prior (top 4 rows: VAE);
 *                             the autoencoder's decoder at random codes with the codes' mean and
 *                             spread (bottom 4 rows): it was never asked to make those decodable
 *   vae-manifold.png          the 2-D VAE's decoder on a 20 x 20 grid of z at normal quantiles
 *   vae-latent-scatter.png    the 2-D VAE's mu(x) for the test images, one colour per digit
 *                             (tab10 palette: 0 blue, 1 orange, 2 green, 3 red, 4 purple, 5 brown,
 *                             6 pink, 7 grey, 8 olive, 9 cyan); also as vae-latent-scatter.svg with a legend
 *   vae-loss.svg, vae-kl.svg  train / test loss and KL per epoch (and the autoencoder's BCE)
 *
 *   npx tsx docs/examples/vae-mnist.ts [--quick] [--epochs N] [--latent K] [--hidden 400 | 512,512]
 *                                      [--threads 1|2] [--seed S] [--iwae K] [--json] [--no-pictures]
 *                                      [--train-limit N] [--no-test]
 *
 * --quick: 2,000 training and 500 test images, 2 epochs (a few seconds; the smoke spec runs it).
 * --json: one JSON line on stdout with testLoss, secondsPerEpoch, epochs (and iwae when asked).
 * --threads 2: each step runs on a WorkerPool's team of two threads (lib/vae/team.ts; same bits).
 * --train-limit N: train on the first N training images only (timing runs on a busy machine).
 * --no-test: evaluate the test set once at the end instead of after every epoch (timing runs).
 */
import { join } from 'node:path';
import { cpus } from 'node:os';
import {
  Rng, VAE, VAEWorkspace, autoencoderForward, createAutoencoder, evaluateLoss, getBackend, imageGrid, linePlot, logMarginalImportance,
  matrix, scatterPlot, sigmoid, trainAutoencoder, trainVAE, vaeDecode, vaeEncode, type Matrix, type VAEEpochMetrics,
} from '../../lib/index.js';
import { createWorkerPool, loadMnist, writePng, writeSvg, type WorkerPool } from '../../lib/node.js';
import { repoRoot } from './support/cli.js';

const USAGE = `usage: npx tsx docs/examples/vae-mnist.ts [options]

Trains pytorch/examples' MNIST VAE (784-400-20, ReLU, Bernoulli decoder, Adam 1e-3, batch 128) and
reports the test loss (summed loss over the test images / their number).

  --quick            2,000 training and 500 test images, 2 epochs (a few seconds)
  --epochs N         epochs (default 10)
  --latent K         latent variables (default 20)
  --hidden W[,W...]  encoder ReLU widths, mirrored by the decoder (default 400; the notes' encoder: 512,512)
  --threads 1|2      2: each step split over two cores by a WorkerPool's team (default 1)
  --seed S           seed of the weights (S) and of training (S + 1000) (default 1)
  --iwae K           also estimate log p(x) with the importance-weighted bound, K samples per image
  --json             one JSON line on stdout: testLoss, secondsPerEpoch, epochs, iwae, per-epoch lists
  --no-pictures      skip the autoencoder, the 2-D VAE and the pictures
  --train-limit N    train on the first N training images only (timing runs)
  --no-test          evaluate the test set once at the end instead of after every epoch (timing runs)
  --help             this text

Pictures (unless --no-pictures) go to tour-output/examples/vae-mnist/: vae-reconstructions.png, vae-samples.png,
vae-manifold.png, vae-latent-scatter.png (.svg), vae-loss.svg, vae-kl.svg.`;

function usage(message: string): never {
  console.error(`vae-mnist: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const args = process.argv.slice(2);
const flags = { quick: false, json: false, pictures: true, epochs: 10, latent: 20, hidden: [400], threads: 1, seed: 1, iwae: 0, trainLimit: 0, perEpochTest: true };
let epochsGiven = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = (): string => { if (i + 1 >= args.length) usage(`${a} needs a value`); return args[++i]; };
  const int = (name: string, min: number): number => {
    const s = value(), v = Number(s);
    if (!Number.isInteger(v) || v < min) usage(`${name} must be an integer >= ${min}, got '${s}'`);
    return v;
  };
  if (a === '--help') { console.log(USAGE); process.exit(0); }
  if (a === '--quick') flags.quick = true;
  else if (a === '--json') flags.json = true;
  else if (a === '--no-pictures') flags.pictures = false;
  else if (a === '--no-test') flags.perEpochTest = false;
  else if (a === '--epochs') { flags.epochs = int('--epochs', 1); epochsGiven = true; }
  else if (a === '--latent') flags.latent = int('--latent', 1);
  else if (a === '--seed') flags.seed = int('--seed', 0);
  else if (a === '--iwae') flags.iwae = int('--iwae', 1);
  else if (a === '--train-limit') flags.trainLimit = int('--train-limit', 1);
  else if (a === '--threads') { flags.threads = int('--threads', 1); if (flags.threads > 2) usage('--threads must be 1 or 2'); }
  else if (a === '--hidden') {
    const s = value();
    flags.hidden = s.split(',').map(Number);
    if (flags.hidden.some((h) => !Number.isInteger(h) || h < 1)) usage(`--hidden must be comma-separated positive widths like 400 or 512,512, got '${s}'`);
  } else usage(`unknown argument '${a}'`);
}
if (flags.quick && !epochsGiven) flags.epochs = 2;

const log = (s: string) => { if (flags.json) console.error(s); else console.log(s); };
const trainLimit = flags.trainLimit > 0 ? flags.trainLimit : flags.quick ? 2000 : 0;
const train = loadMnist({ split: 'train', ...(trainLimit > 0 ? { limit: trainLimit } : {}) });
const test = loadMnist({ split: 'test', ...(flags.quick ? { limit: 500 } : {}) });
const D = 784;
const pool: WorkerPool | null = flags.threads === 2 ? createWorkerPool({ size: 1 }) : null;
if (pool) await pool.ready();

log(`VAE ${D}-${flags.hidden.join('-')}-${flags.latent} (ReLU, Bernoulli decoder), Adam lr 1e-3, batch 128, ${flags.epochs} epochs, `
  + `${train.images.rows} training / ${test.images.rows} test images, seed ${flags.seed}, ${flags.threads} thread(s), backend ${getBackend()}`);

function trainOne(latent: number, seed: number, progress: boolean): { vae: VAE; metrics: VAEEpochMetrics[]; cpuSeconds: number[] } {
  const vae = VAE.create({ inputSize: D, latentSize: latent, hidden: flags.hidden }, new Rng(seed));
  const cpuSeconds: number[] = [];
  let cpu = process.cpuUsage();
  const rng = new Rng(seed + 1000);
  const metrics = trainVAE(vae, train.images, {
    epochs: flags.epochs, batchSize: 128, learningRate: 1e-3, progress,
    ...(flags.perEpochTest ? { test: test.images } : {}), ...(pool ? { pool } : {}),
    // CPU seconds of this process per epoch (all its threads; with --no-test, training only)
    onEpoch: () => { const d = process.cpuUsage(cpu); cpuSeconds.push((d.user + d.system) / 1e6); cpu = process.cpuUsage(); },
  }, rng);
  if (!flags.perEpochTest) {
    const e = evaluateLoss(vae, new VAEWorkspace(vae, 500), test.images, rng);
    Object.assign(metrics[metrics.length - 1], { testLoss: e.loss, testReconstruction: e.reconstruction, testKl: e.kl });
  }
  return { vae, metrics, cpuSeconds };
}

const main = trainOne(flags.latent, flags.seed, true);
const last = main.metrics[main.metrics.length - 1];
const secondsPerEpoch = main.metrics.reduce((s, m) => s + m.seconds, 0) / main.metrics.length;
log(`test loss after ${flags.epochs} epochs: ${last.testLoss!.toFixed(3)} (KL ${last.testKl!.toFixed(3)}), ${secondsPerEpoch.toFixed(2)} s/epoch`);
let iwae: number | undefined;
if (flags.iwae > 0) {
  const t0 = performance.now();
  const lp = logMarginalImportance(main.vae, test.images, flags.iwae, new Rng(flags.seed + 2000));
  iwae = lp.reduce((s, v) => s + v, 0) / lp.length;
  log(`IWAE estimate of log p(x), k = ${flags.iwae}: ${iwae.toFixed(3)} per test image (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (flags.pictures) {
  const outDir = join(repoRoot, 'tour-output', 'examples', 'vae-mnist');
  // The plain autoencoder (N-VAE-01): same widths, the VAE's reconstruction loss, same optimizer.
  const ae = createAutoencoder({ inputSize: D, codeSize: flags.latent, hidden: flags.hidden }, new Rng(flags.seed + 3000));
  const aeLoss: number[] = [];
  trainAutoencoder(ae, train.images, { epochs: flags.epochs, loss: 'bceWithLogits', onEpoch: (r) => aeLoss.push(r.loss) }, new Rng(flags.seed + 4000));
  const small = (m: Matrix, n: number): Matrix => ({ rows: n, cols: m.cols, data: m.data.subarray(0, n * m.cols) });
  const nShow = 16;
  const xs = small(test.images, nShow);
  const ws = new VAEWorkspace(main.vae, 400);
  const means = (logits: Matrix): Float32Array => sigmoid(new Float32Array(logits.data.length), logits.data);
  const { mu } = vaeEncode(main.vae, ws, xs);
  const vaeRec = means(vaeDecode(main.vae, ws, matrix(nShow, flags.latent, mu.data)));
  const aeOut = autoencoderForward(ae, xs);
  const aeRec = means(aeOut.output);
  const aeTest = autoencoderForward(ae, test.images);
  let aeBce = 0;
  for (let i = 0; i < aeTest.output.data.length; i++) {
    const l = aeTest.output.data[i];
    aeBce += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - test.images.data[i] * l;
  }
  aeBce /= test.images.rows;
  log(`plain autoencoder (code ${flags.latent}): test reconstruction BCE ${aeBce.toFixed(3)} per image; `
    + `the VAE's reconstruction term is ${last.testReconstruction!.toFixed(3)} plus KL ${last.testKl!.toFixed(3)}`);
  const recTiles = matrix(3 * nShow, D);
  recTiles.data.set(xs.data, 0);
  recTiles.data.set(vaeRec, nShow * D);
  recTiles.data.set(aeRec, 2 * nShow * D);
  writePng(join(outDir, 'vae-reconstructions.png'), imageGrid(recTiles, 28, 28, nShow, { normalize: { min: 0, max: 1 }, padValue: 64 }));

  // Prior samples (VAE) against random codes through the autoencoder's decoder.
  const rng = new Rng(flags.seed + 5000);
  const zPrior = matrix(32, flags.latent);
  rng.fillNormal(zPrior.data);
  const vaeSamples = means(vaeDecode(main.vae, ws, zPrior));
  const codes = autoencoderForward(ae, small(test.images, Math.min(1000, test.images.rows))).code;
  const cMean = new Float64Array(flags.latent), cVar = new Float64Array(flags.latent);
  for (let r = 0; r < codes.rows; r++) for (let j = 0; j < flags.latent; j++) cMean[j] += codes.data[r * flags.latent + j] / codes.rows;
  for (let r = 0; r < codes.rows; r++) for (let j = 0; j < flags.latent; j++) cVar[j] += (codes.data[r * flags.latent + j] - cMean[j]) ** 2 / codes.rows;
  const randomCodes = matrix(32, D);
  const cz = matrix(32, flags.latent);
  for (let i = 0; i < cz.data.length; i++) { const j = i % flags.latent; cz.data[i] = cMean[j] + Math.sqrt(cVar[j]) * rng.normal(); }
  // decode random codes with the autoencoder's decoder half: run its layers after the code layer
  const aeDecoded = decodeWithAutoencoder(ae, cz);
  randomCodes.data.set(means(aeDecoded));
  const sampleTiles = matrix(64, D);
  sampleTiles.data.set(vaeSamples, 0);
  sampleTiles.data.set(randomCodes.data, 32 * D);
  writePng(join(outDir, 'vae-samples.png'), imageGrid(sampleTiles, 28, 28, 8, { normalize: { min: 0, max: 1 }, padValue: 64 }));

  // The 2-D latent space: manifold and scatter.
  const two = flags.latent === 2 ? main : trainOne(2, flags.seed + 7, false);
  const grid = 20;
  const zGrid = matrix(grid * grid, 2);
  const probit = (p: number) => normalQuantile(p);
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      zGrid.data[(i * grid + j) * 2] = probit((j + 0.5) / grid); // z_1 left to right
      zGrid.data[(i * grid + j) * 2 + 1] = probit(1 - (i + 0.5) / grid); // z_2 top to bottom
    }
  }
  const ws2 = new VAEWorkspace(two.vae, 500);
  writePng(join(outDir, 'vae-manifold.png'), imageGrid({ rows: grid * grid, cols: D, data: means(vaeDecode(two.vae, ws2, zGrid)) }, 28, 28, grid, { normalize: { min: 0, max: 1 }, padding: 0 }));
  const nScatter = Math.min(5000, test.images.rows);
  const mu2 = new Float32Array(nScatter * 2);
  for (let s = 0; s < nScatter; s += 500) {
    const rows = Math.min(500, nScatter - s);
    const e = vaeEncode(two.vae, ws2, { rows, cols: D, data: test.images.data.subarray(s * D, (s + rows) * D) });
    mu2.set(e.mu.data, s * 2);
  }
  writePng(join(outDir, 'vae-latent-scatter.png'), scatterImage(mu2, test.labels.subarray(0, nScatter), 600));
  writeSvg(join(outDir, 'vae-latent-scatter.svg'), scatterPlot({
    series: Array.from({ length: 10 }, (_, d) => {
      const x: number[] = [], y: number[] = [];
      for (let r = 0; r < nScatter; r++) if (test.labels[r] === d) { x.push(mu2[2 * r]); y.push(mu2[2 * r + 1]); }
      return { x, y, label: String(d) };
    }),
    title: `2-D VAE: mu(x) of ${nScatter} test images by digit`, xLabel: 'mu_1', yLabel: 'mu_2', radius: 1.5,
  }));
  const ep = main.metrics.map((m) => m.epoch);
  writeSvg(join(outDir, 'vae-loss.svg'), linePlot({
    series: [
      { x: ep, y: main.metrics.map((m) => m.trainLoss), label: 'VAE train (negative ELBO)' },
      { x: ep, y: main.metrics.map((m) => m.testLoss!), label: 'VAE test (negative ELBO)' },
      { x: ep, y: main.metrics.map((m) => m.testReconstruction!), label: 'VAE test reconstruction term' },
      { x: ep, y: aeLoss, label: 'autoencoder train BCE' },
    ],
    title: `MNIST ${D}-${flags.hidden.join('-')}-${flags.latent}: loss per image`, xLabel: 'epoch', yLabel: 'nats per image',
  }));
  writeSvg(join(outDir, 'vae-kl.svg'), linePlot({
    series: [
      { x: ep, y: main.metrics.map((m) => m.trainKl), label: 'train KL' },
      { x: ep, y: main.metrics.map((m) => m.testKl!), label: 'test KL' },
    ],
    title: 'KL(Q(z|x) ‖ N(0, I)) per image', xLabel: 'epoch', yLabel: 'nats per image',
  }));
  log(`pictures written to ${outDir}`);
}

if (flags.json) {
  console.log(JSON.stringify({
    testLoss: last.testLoss, secondsPerEpoch, epochs: flags.epochs, ...(iwae !== undefined ? { iwae, iwaeK: flags.iwae } : {}),
    testLossPerEpoch: main.metrics.map((m) => m.testLoss), trainLossPerEpoch: main.metrics.map((m) => m.trainLoss),
    secondsPerEpochEach: main.metrics.map((m) => m.seconds), cpuSecondsPerEpochEach: main.cpuSeconds, seed: flags.seed, threads: flags.threads, latent: flags.latent,
    hidden: flags.hidden, trainImages: train.images.rows, backend: getBackend(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version,
  }));
}
if (pool) await pool.close();

/** The autoencoder's decoder half applied to codes (layers after the code layer). */
function decodeWithAutoencoder(net: ReturnType<typeof createAutoencoder>, codes: Matrix): Matrix {
  const start = (net.sizes.length - 1) / 2; // 0-based index of the first decoder layer
  let a = codes;
  for (let l = start; l < net.layers.length; l++) {
    const { W, b, activation } = net.layers[l];
    const z = matrix(a.rows, W.cols);
    for (let r = 0; r < a.rows; r++) {
      for (let j = 0; j < W.cols; j++) {
        let s = b[j];
        for (let i = 0; i < W.rows; i++) s += a.data[r * W.rows + i] * W.data[i * W.cols + j];
        z.data[r * W.cols + j] = activation === 'relu' ? Math.max(s, 0) : s;
      }
    }
    a = z;
  }
  return a;
}

/** Inverse of the standard-normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) { const q = Math.sqrt(-2 * Math.log(p)); return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1); }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** An RGB scatter of 2-D points coloured by label (tab10), with a 10-swatch legend strip in digit order at the bottom. */
function scatterImage(points: Float32Array, labels: Uint8Array, size: number): { width: number; height: number; channels: 3; data: Uint8Array } {
  const palette = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]];
  const legend = 24, height = size + legend;
  const data = new Uint8Array(size * height * 3).fill(255);
  // one scale for both axes (distances keep their meaning), each axis centred on its data
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let r = 0; r < labels.length; r++) {
    x0 = Math.min(x0, points[2 * r]); x1 = Math.max(x1, points[2 * r]);
    y0 = Math.min(y0, points[2 * r + 1]); y1 = Math.max(y1, points[2 * r + 1]);
  }
  const scale = (size - 8) / Math.max(x1 - x0, y1 - y0, 1e-9);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const put = (x: number, y: number, col: number[]) => {
    if (x < 0 || y < 0 || x >= size || y >= height) return;
    const o = (y * size + x) * 3;
    data[o] = col[0]; data[o + 1] = col[1]; data[o + 2] = col[2];
  };
  for (let r = 0; r < labels.length; r++) {
    const px = Math.round(size / 2 + (points[2 * r] - cx) * scale), py = Math.round(size / 2 - (points[2 * r + 1] - cy) * scale);
    if (py >= size) continue;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) put(px + dx, py + dy, palette[labels[r]]);
  }
  for (let d = 0; d < 10; d++) {
    for (let x = 0; x < size / 10 - 4; x++) for (let y = 4; y < legend - 4; y++) put(Math.round(d * size / 10) + 2 + x, size + y, palette[d]);
  }
  return { width: size, height, channels: 3, data };
}
