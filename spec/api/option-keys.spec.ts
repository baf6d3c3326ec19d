/**
 * Options objects are checked the same way everywhere: every public function, constructor or
 * factory that takes an options object refuses a key it does not know (a misspelt option would
 * otherwise be ignored silently, or blamed on the option it was meant to be) with a TypeError that
 * names the function, the unknown key, and the keys it knows (lib/checks: checkOptionKeys).
 *
 * Each row: a call that succeeds with `valid` options, and a plausible misspelling. The spec calls
 * it once with the valid options (it must succeed, so the refusal below is the key's), then with
 * the misspelt key added, and requires the TypeError.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as B from '../../lib/node.js';
import * as BR from '../../lib/browser.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const { Rng, matrix, matrix64 } = B;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Row {
  /** Message prefix when it is not "<name>: " (constructors and static methods). */
  prefix?: string;
  valid: Record<string, unknown>;
  typo: string;
  call: (options: Record<string, unknown>) => unknown;
  /** The valid call cannot run here (a browser-only pool): check the refusal only. */
  noValidCall?: string;
}

const rng = () => new Rng(1);
const SERIES_TYPO = 'lable';
const spd = () => matrix64(2, 2, [4, 1, 1, 3]);
const stochastic = () => matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
const m32 = (r: number, c: number) => matrix(r, c, new Float32Array(r * c).fill(0.25));
const rbm = () => B.BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
const data3 = () => matrix(2, 3, [1, 0, 1, 0, 1, 0]);
const series = () => Float64Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.7) + (i % 3));
const image = () => ({ width: 4, height: 4, channels: 1 as const, data: new Uint8Array(16) });
const net = () => B.createMLP([2, 3, 1], undefined, new Rng(1));
const wf = () => B.RbmWavefunction.create({ particles: 1, dims: 1, hidden: 1 }, new Rng(1));
const ho = () => B.harmonicOscillator({ omega: 1 });
const plotSeries = [{ x: [0, 1, 2], y: [1, 2, 3] }];
const X64 = () => matrix64(6, 2, [1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5]);
const y64 = () => Float64Array.from([1, 2, 3, 4, 5, 6.5]);

const ROWS: Record<string, Row> = {
  // ---- linalg ----
  gemm: { valid: { transA: false, alpha: 1 }, typo: 'transpose', call: (o) => B.gemm(m32(2, 2), m32(2, 3), m32(3, 2), o) },
  gemm64: { valid: { transB: false, beta: 0 }, typo: 'transb', call: (o) => B.gemm64(matrix64(2, 2), matrix64(2, 3), matrix64(3, 2), o) },
  gemv: { valid: { trans: false, alpha: 1 }, typo: 'transpose', call: (o) => B.gemv(new Float32Array(2), m32(2, 3), new Float32Array(3), o) },
  sparseGemm: { valid: { maxDensity: 0.5 }, typo: 'density', call: (o) => B.sparseGemm(m32(2, 2), m32(2, 3), m32(3, 2), o) },
  cholesky: { valid: { symmetryTolerance: 1e-12 }, typo: 'tol', call: (o) => B.cholesky(spd(), o) },
  qr: { valid: { mode: 'thin' }, typo: 'mod', call: (o) => B.qr(spd(), o) },
  svd: { valid: { maxSweeps: 30 }, typo: 'sweeps', call: (o) => B.svd(spd(), o) },
  symmetricEigen: { valid: { maxSweeps: 50 }, typo: 'maxIterations', call: (o) => B.symmetricEigen(spd(), o) },
  eigenvalues: { valid: { maxIterations: 100 }, typo: 'maxIter', call: (o) => B.eigenvalues(spd(), o) },
  eigenvectorFor: { valid: { maxIterations: 20 }, typo: 'iterations', call: (o) => B.eigenvectorFor(stochastic(), 1, o) },
  // ---- markov, mcmc ----
  stationaryDistribution: { valid: { method: 'power', tol: 1e-12 }, typo: 'tolerance', call: (o) => B.stationaryDistribution(stochastic(), o) },
  summarize: { valid: { pool: null }, typo: 'threads', call: (o) => B.summarize([Float64Array.from([0, 1, 3, 2, 5]), Float64Array.from([1, 0, 2, 4, 3])], undefined, o) },
  rwmSampler: { valid: { stepSize: 1 }, typo: 'stepsize', call: (o) => B.rwmSampler(o) },
  malaSampler: { valid: { stepSize: 0.2 }, typo: 'step', call: (o) => B.malaSampler(o) },
  ulaSampler: { valid: { stepSize: 0.2 }, typo: 'stepsize', call: (o) => B.ulaSampler(o as never) },
  hmcSampler: { valid: { stepSize: 0.2, leapfrogSteps: 5 }, typo: 'leapfrog', call: (o) => B.hmcSampler(o) },
  autoregressiveProposal: { valid: { mean: [0], sd: [1], rho: 0.5 }, typo: 'phi', call: (o) => B.autoregressiveProposal(o as never) },
  mixtureTarget1d: { valid: { means: [0, 1], sds: [1, 1], weights: [1, 1] }, typo: 'weight', call: (o) => B.mixtureTarget1d(o as never) },
  runChains: {
    valid: { chains: 1, warmup: 2, samples: 5, x0: new Float64Array(2) }, typo: 'warmUp',
    call: (o) => B.runChains(B.rwmSampler(), B.gaussianTarget([0, 0], [[1, 0], [0, 1]]), o as never, rng()),
  },
  integratedAutocorrTime: { valid: { c: 5 }, typo: 'window', call: (o) => B.integratedAutocorrTime(series(), o) },
  integratedAutocorrTimeDetails: { valid: { c: 5 }, typo: 'C', call: (o) => B.integratedAutocorrTimeDetails(series(), o) },
  effectiveSampleSize: { valid: { c: 5 }, typo: 'window', call: (o) => B.effectiveSampleSize(series(), o) },
  // ---- ising ----
  IsingModel: { prefix: 'new IsingModel: ', valid: { L: 4, T: 2, rng: new Rng(1) }, typo: 'temperature', call: (o) => new B.IsingModel(o as never) },
  runIsing: { valid: { samples: 2 }, typo: 'sample', call: (o) => B.runIsing(new B.IsingModel({ L: 4, T: 2, rng: new Rng(1) }), o as never) },
  // ---- rbm ----
  trainRBM: { valid: { method: 'cd', epochs: 1, batchSize: 2 }, typo: 'learningrate', call: (o) => B.trainRBM(rbm(), data3(), o as never, rng()) },
  contrastiveDivergence: { valid: { epochs: 1, batchSize: 2 }, typo: 'epoch', call: (o) => B.contrastiveDivergence(rbm(), data3(), o as never, rng()) },
  persistentContrastiveDivergence: { valid: { epochs: 1, batchSize: 2 }, typo: 'chain', call: (o) => B.persistentContrastiveDivergence(rbm(), data3(), o as never, rng()) },
  'GaussianBernoulliRBM.create': { valid: { trainSigma: false }, typo: 'learnSigma', call: (o) => B.GaussianBernoulliRBM.create(2, 2, 'hinton', new Rng(1), o) },
  logPartitionAIS: { valid: { runs: 2, betas: 10, rng: new Rng(2) }, typo: 'run', call: (o) => B.logPartitionAIS(rbm(), o as never) },
  logPartitionExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.logPartitionExact(rbm(), o) },
  visibleDistributionExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.visibleDistributionExact(rbm(), o) },
  hiddenDistributionExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.hiddenDistributionExact(rbm(), o) },
  enumerateJoint: { valid: { maxUnits: 20 }, typo: 'label', call: (o) => B.enumerateJoint(rbm(), o) },
  logLikelihoodExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.logLikelihoodExact(rbm(), data3(), o) },
  negativeLogLikelihoodExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.negativeLogLikelihoodExact(rbm(), data3(), o) },
  negativePhaseExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.negativePhaseExact(B.createPhaseStatistics(rbm()), rbm(), o) },
  logLikelihoodGradientExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.logLikelihoodGradientExact(B.createPhaseStatistics(rbm()), rbm(), data3(), o) },
  costGradientExact: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.costGradientExact(B.createPhaseStatistics(rbm()), rbm(), data3(), o) },
  klFromEmpirical: { valid: { maxUnits: 20 }, typo: 'maxunits', call: (o) => B.klFromEmpirical(rbm(), data3(), o) },
  'BernoulliRBM.create init': { prefix: 'BernoulliRBM.create: init: ', valid: { W: [[0.1], [0.2]], a: [0, 0], b: [0] }, typo: 'c', call: (o) => B.BernoulliRBM.create(2, 1, o as never) },
  'BoltzmannMachine.create': { valid: { a: [0, 0] }, typo: 'K', call: (o) => B.BoltzmannMachine.create(2, 1, o as never) },
  langevinChains: {
    prefix: 'langevinChains: langevin: ', valid: { steps: 1, stepSize: 0.01, noiseSd: 0.1 }, typo: 'stepsize',
    call: (o) => { const n = B.createMLP([1, 2, 1], undefined, new Rng(1)); return B.langevinChains(n, B.createWorkspace(n, 2), matrix(2, 1), matrix(2, 1), matrix(2, 1, [1, 1]), o as never, rng()); },
  },
  // ---- nn ----
  createMLP: { valid: { hidden: 'tanh' }, typo: 'hiden', call: (o) => B.createMLP([2, 3, 1], o as never, rng()) },
  createWorkspace: { valid: {}, typo: 'gemm', call: (o) => B.createWorkspace(net(), 4, o) },
  MLPWorkspace: { prefix: 'MLPWorkspace: ', valid: {}, typo: 'gemm', call: (o) => new B.MLPWorkspace(net(), 4, o) },
  trainStep: {
    valid: { loss: 'mse', optimizer: new B.SGD({ lr: 0.1 }) }, typo: 'lossFunction',
    call: (o) => { const n = net(); return B.trainStep(n, B.createWorkspace(n, 2), B.createGradient(n), m32(2, 2), m32(2, 1), o as never); },
  },
  trainMLP: { valid: { loss: 'mse', optimizer: new B.SGD({ lr: 0.1 }), epochs: 1, batchSize: 2 }, typo: 'batchsize', call: (o) => B.trainMLP(net(), m32(2, 2), m32(2, 1), o as never, rng()) },
  gradcheck: { valid: { h: 1e-6 }, typo: 'eps', call: (o) => { const t = new Float64Array([1]); return B.gradcheck(() => t[0] * t[0], [t], [new Float64Array([2])], o); } },
  // ---- optim ----
  SGD: { prefix: 'SGD: ', valid: { lr: 0.1 }, typo: 'learningRate', call: (o) => new B.SGD(o as never) },
  Momentum: { prefix: 'Momentum: ', valid: { lr: 0.1, gamma: 0.9 }, typo: 'momentum', call: (o) => new B.Momentum(o as never) },
  Adagrad: { prefix: 'Adagrad: ', valid: { lr: 0.1 }, typo: 'epsilon', call: (o) => new B.Adagrad(o as never) },
  RMSprop: { prefix: 'RMSprop: ', valid: { lr: 0.1, rho: 0.9 }, typo: 'decay', call: (o) => new B.RMSprop(o as never) },
  Adam: { prefix: 'Adam: ', valid: { lr: 0.01 }, typo: 'beta_1', call: (o) => new B.Adam(o) },
  shuffledBatches: { valid: { dropLast: true }, typo: 'drop_last', call: (o) => [...B.shuffledBatches(6, 2, rng(), o)] },
  // ---- regression ----
  ols: { valid: { method: 'qr' }, typo: 'solver', call: (o) => B.ols(X64(), y64(), o as never) },
  ridge: { valid: { penalizeIntercept: false, method: 'cholesky' }, typo: 'penalise', call: (o) => B.ridge(X64(), y64(), 0.1, o) },
  ridgeSvd: { valid: { penalizeIntercept: false }, typo: 'penalise', call: (o) => B.ridgeSvd(X64(), y64(), 0.1, o) },
  lasso: { valid: { tol: 1e-9, maxIter: 100 }, typo: 'maxiter', call: (o) => B.lasso(X64(), y64(), 0.1, o) },
  designMatrix: { valid: { intercept: true }, typo: 'bias', call: (o) => B.designMatrix([[1, 2, 3]], o) },
  crossValidate: { valid: { k: 3 }, typo: 'folds', call: (o) => B.crossValidate(X64(), y64(), [0.1, 1], (X, y, l) => B.ridge(X, y, l), o, rng()) },
  // ---- data, io, progress ----
  quadraticSurfaceDataset: { valid: { noise: 0.1 }, typo: 'sigma', call: (o) => B.quadraticSurfaceDataset(5, rng(), o) },
  encodePng: { valid: { deflate: 'stored' }, typo: 'compression', call: (o) => B.encodePng(image(), o as never) },
  greyImageFromFloats: { valid: { min: 0, max: 1 }, typo: 'clip', call: (o) => B.greyImageFromFloats([0, 0.5, 1, 0.25], 2, 2, o as never) },
  imageGrid: { valid: { padding: 1 }, typo: 'pad', call: (o) => B.imageGrid([[0, 1, 0, 1]], 2, 2, 1, o) },
  drawText: { valid: { scale: 1 }, typo: 'colour', call: (o) => B.drawText({ width: 20, height: 10, channels: 1, data: new Uint8Array(200) }, 'a', 1, 1, o) },
  padImage: { valid: { top: 1 }, typo: 'margin', call: (o) => B.padImage(image(), o) },
  withAxes: { valid: { x: [0, 1], y: [0, 1] }, typo: 'xlabel', call: (o) => B.withAxes({ width: 40, height: 40, channels: 1, data: new Uint8Array(1600) }, o as never) },
  linePlot: { valid: { series: plotSeries }, typo: 'xlabel', call: (o) => B.linePlot(o as never) },
  scatterPlot: { valid: { series: plotSeries, radius: 2 }, typo: 'size', call: (o) => B.scatterPlot(o as never) },
  ProgressReporter: { prefix: 'ProgressReporter: ', valid: { write: () => {} }, typo: 'intervall', call: (o) => new B.ProgressReporter('run', 10, o) },
  writePng: { valid: { deflate: 'stored' }, typo: 'compression', call: (o) => B.writePng(join(tmpdir(), 'boltzmann-option-keys.png'), image(), o as never) },
  'linePlot series': { prefix: 'linePlot: series 0: ', valid: {}, typo: 'lable', call: (o) => B.linePlot({ series: [{ ...plotSeries[0], ...(o[SERIES_TYPO] === undefined ? {} : { lable: 'a' }) }] }) },
  'imageGrid normalize': { prefix: 'imageGrid: normalize: ', valid: {}, typo: 'mx', call: (o) => B.imageGrid([[0, 1, 0, 1]], 2, 2, 1, { normalize: { min: 0, max: 1, ...(o.mx === undefined ? {} : { mx: 1 }) } as never }) },
  'WorkerPool.sparseGemm': {
    valid: { maxDensity: 0.5 }, typo: 'density',
    call: (o) => { const p = B.createWorkerPool({ size: 1 }); try { return p.sparseGemm(m32(2, 2), m32(2, 3), m32(3, 2), o); } finally { void p.close(); } },
  },
  'WorkerPool.gemm': {
    valid: { transA: false }, typo: 'transpose',
    call: (o) => { const p = B.createWorkerPool({ size: 1 }); try { return p.gemm(m32(2, 2), m32(2, 3), m32(3, 2), o); } finally { void p.close(); } },
  },
  // ---- ebm, vae ----
  VAEWorkspace: { prefix: 'VAEWorkspace: ', valid: { sparse: false }, typo: 'gemm', call: (o) => new B.VAEWorkspace(B.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1)), 4, o) },
  trainEBM: {
    valid: { epochs: 1, batchSize: 2, alpha: 0.1, bufferSize: 8, reinitProbability: 0.05, initRange: [-1, 1], langevin: B.ulaSettings(0.01, 2), optimizer: new B.Adam({ lr: 1e-3 }) }, typo: 'buffer',
    call: (o) => B.trainEBM(B.createMLP([1, 4, 1], undefined, new Rng(1)), matrix(4, 1, [0.1, 0.2, 0.3, 0.4]), o as never, rng()),
  },
  createAutoencoder: { valid: { inputSize: 4, codeSize: 2 }, typo: 'latentSize', call: (o) => B.createAutoencoder(o as never, rng()) },
  trainAutoencoder: {
    valid: { epochs: 1, batchSize: 2 }, typo: 'lr',
    call: (o) => B.trainAutoencoder(B.createAutoencoder({ inputSize: 2, codeSize: 1 }, new Rng(1)), matrix(2, 2, [1, 0, 0, 1]), o as never, rng()),
  },
  'VAE.create': { valid: { inputSize: 2, latentSize: 1, hidden: [] }, typo: 'hiden', call: (o) => B.VAE.create(o as never, rng()) },
  trainVAE: { valid: { epochs: 1, batchSize: 2 }, typo: 'learningrate', call: (o) => B.trainVAE(B.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1)), matrix(2, 2, [1, 0, 0, 1]), o as never, rng()) },
  // ---- vmc ----
  harmonicOscillator: { valid: { omega: 1 }, typo: 'coulomb', call: (o) => B.harmonicOscillator(o as never) },
  twoElectronDotEnergy: { valid: { interaction: 'none' }, typo: 'grid', call: (o) => B.twoElectronDotEnergy(1, o as never) },
  metropolisSampler: { valid: { stepSize: 1 }, typo: 'step', call: (o) => B.metropolisSampler(o) },
  importanceSampler: { valid: { timeStep: 0.1 }, typo: 'dt', call: (o) => B.importanceSampler(o) },
  'RbmWavefunction.create': { valid: { particles: 1, dims: 1, hidden: 1 }, typo: 'sigma', call: (o) => B.RbmWavefunction.create(o as never, rng()) },
  estimateEnergy: { valid: { sampler: B.metropolisSampler(), walkers: 1, cycles: 10, equilibration: 5 }, typo: 'samples', call: (o) => B.estimateEnergy(wf(), ho(), o as never, rng()) },
  optimizeWavefunction: {
    valid: { sampler: B.metropolisSampler(), walkers: 1, cycles: 10, equilibration: 5, iterations: 1, optimizer: new B.SGD({ lr: 0.01 }) }, typo: 'iteration',
    call: (o) => B.optimizeWavefunction(wf(), ho(), o as never, rng()),
  },
  tfimChain: { valid: { n: 4, h: 1 }, typo: 'g', call: (o) => B.tfimChain(o as never) },
  optimizeSpinState: {
    valid: { update: { kind: 'gradient', optimizer: new B.SGD({ lr: 0.01 }) }, iterations: 1, chains: 1, sweeps: 5, equilibration: 2 }, typo: 'sweep',
    call: (o) => B.optimizeSpinState(B.SpinRbmState.create(4, 1, new Rng(1)), B.tfimChain({ n: 4, h: 1 }), o as never, rng()),
  },
  // ---- boltzmann/node, boltzmann/browser ----
  loadMnist: { valid: { split: 'test', limit: 2 }, typo: 'count', call: (o) => B.loadMnist(o as never) },
  createWorkerPool: { valid: { size: 1 }, typo: 'threads', call: (o) => { const p = B.createWorkerPool(o); void p.close(); return p; } },
  WorkerPool: { prefix: 'WorkerPool: ', valid: { size: 1 }, typo: 'workers', call: (o) => { const p = new B.WorkerPool(o); void p.close(); return p; } },
  createBrowserWorkerPool: { prefix: 'BrowserWorkerPool: ', valid: {}, typo: 'threads', call: (o) => BR.createBrowserWorkerPool(o), noValidCall: 'needs module Workers in a cross-origin-isolated page' },
  BrowserWorkerPool: { prefix: 'BrowserWorkerPool: ', valid: {}, typo: 'threads', call: (o) => new BR.BrowserWorkerPool(o), noValidCall: 'needs module Workers in a cross-origin-isolated page' },
};

/** Public functions with an options parameter that are not in the table, and why. */
const EXEMPT: Record<string, string> = {
  progressReporter: 'reads `progress` and `onProgress` from the options object of the run that calls it (runChains, runIsing, trainRBM, ...), which has its own keys and has checked them',
  'BrowserWorkerPool.gemm': 'the browser pool cannot be built in Node; its gemm checks its options through validateGemm, as WorkerPool.gemm (a row) does',
  VAE: 'the constructor assembles a model from parts for VAE.create and loadVAE, which check their options; users build with VAE.create (a row)',
};

/** Rows whose function returns a promise (the refusal is a rejection). */
const ASYNC: Record<string, Row> = {
  logPartitionAISParallel: {
    valid: { runs: 2, betas: 10, rng: new Rng(2) }, typo: 'run',
    call: async (o) => { const pool = B.createWorkerPool({ size: 1 }); try { return await B.logPartitionAISParallel(pool, rbm(), o as never); } finally { await pool.close(); } },
  },
  optimizeWavefunctionParallel: {
    valid: { sampler: B.metropolisSampler(), walkers: 2, cycles: 10, equilibration: 5, iterations: 1, optimizer: new B.SGD({ lr: 0.01 }) }, typo: 'iteration',
    call: async (o) => { const pool = B.createWorkerPool({ size: 1 }); try { return await B.optimizeWavefunctionParallel(pool, wf(), ho(), o as never, rng()); } finally { await pool.close(); } },
  },
  optimizeSpinStateParallel: {
    valid: { update: { kind: 'gradient', optimizer: new B.SGD({ lr: 0.01 }) }, iterations: 1, chains: 2, sweeps: 5, equilibration: 2 }, typo: 'sweep',
    call: async (o) => { const pool = B.createWorkerPool({ size: 1 }); try { return await B.optimizeSpinStateParallel(pool, B.SpinRbmState.create(4, 1, new Rng(1)), B.tfimChain({ n: 4, h: 1 }), o as never, rng()); } finally { await pool.close(); } },
  },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function checkRefusal(name: string, row: Row, caught: unknown): void {
  const prefix = row.prefix ?? `${name}: `;
  assert.ok(caught !== undefined, `${name}: the misspelt option '${row.typo}' was accepted`);
  assert.instance(caught, TypeError, `${name}: '${row.typo}' refused with ${(caught as Error)?.constructor?.name}: ${(caught as Error)?.message}`);
  const msg = (caught as Error).message;
  assert.ok(msg.startsWith(prefix), `${name}: the message does not start with "${prefix}": ${msg}`);
  assert.ok(new RegExp(`unknown option '${escape(row.typo)}'`).test(msg), `${name}: the message does not name the key '${row.typo}': ${msg}`);
  const allowed = /\(allowed: ([^)]*)\)/.exec(msg);
  assert.ok(allowed, `${name}: the message does not list the allowed keys: ${msg}`);
  const keys = allowed![1].split(', ');
  for (const k of Object.keys(row.valid)) assert.ok(keys.includes(k), `${name}: the allowed keys do not include '${k}': ${msg}`);
  assert.not.ok(keys.includes(row.typo), `${name}: '${row.typo}' is itself an allowed key`);
}

for (const [name, row] of Object.entries(ROWS)) {
  test(`${name}: a misspelt option '${row.typo}' is refused by name, with the allowed keys`, () => {
    if (row.noValidCall === undefined) {
      try { row.call({ ...row.valid }); } catch (e) { assert.unreachable(`${name} refused its valid options: ${(e as Error).message}`); }
    }
    let caught: unknown;
    try { row.call({ ...row.valid, [row.typo]: 1 }); } catch (e) { caught = e; }
    checkRefusal(name, row, caught);
  });
}

for (const [name, row] of Object.entries(ASYNC)) {
  test(`${name}: a misspelt option '${row.typo}' is refused by name, with the allowed keys`, async () => {
    try { await row.call({ ...row.valid }); } catch (e) { assert.unreachable(`${name} refused its valid options: ${(e as Error).message}`); }
    let caught: unknown;
    try { await row.call({ ...row.valid, [row.typo]: 1 }); } catch (e) { caught = e; }
    checkRefusal(name, row, caught);
  });
}

/**
 * Every public function, method or constructor of the entries whose parameter is named `options`
 * or `opts` (a scan of lib/ for the declarations), keyed as the table keys them.
 */
function withOptionsParameter(): string[] {
  const listed = JSON.parse(readFileSync(join(root, 'spec', 'api', 'surface.json'), 'utf8')) as Record<string, { values: string[] }>;
  const pub = new Set(Object.values(listed).flatMap((e) => (Array.isArray(e.values) ? e.values : [])));
  const found = new Set<string>();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : []; });
  for (const file of walk(join(root, 'lib'))) {
    const src = readFileSync(file, 'utf8');
    const re = /^export (?:async )?function (\w+)(?:<[^(]*>)?\(|^export (?:abstract )?class (\w+)|^ {2}(?:static |async )*(constructor|\w+)(?:<[^(]*>)?\(/gm;
    let cls: string | null = null;
    let m: RegExpExecArray | null;
    while ((m = re.exec(src)) !== null) {
      if (m[2] !== undefined) { cls = m[2]; continue; }
      if (m[1] !== undefined) cls = null;
      const owner = m[1] ?? cls;
      if (owner === null || !pub.has(owner)) continue;
      let i = re.lastIndex, depth = 1;
      while (depth > 0 && i < src.length) { const c = src[i++]; if (c === '(') depth++; else if (c === ')') depth--; }
      if (!/(^|[,(\s])(options|opts)\??\s*:/.test(src.slice(re.lastIndex, i - 1))) continue;
      found.add(m[1] ?? (m[3] === 'constructor' ? cls! : `${cls}.${m[3]}`));
    }
  }
  return [...found].sort();
}

test('every public function with an options parameter has a row here or an exemption with a reason', () => {
  const covered = new Set([...Object.keys(ROWS), ...Object.keys(ASYNC), ...Object.keys(EXEMPT)]);
  const missing = withOptionsParameter().filter((n) => !covered.has(n));
  assert.equal(missing, [], `options parameters without a row: ${missing.join(', ')}`);
  for (const n of Object.keys(EXEMPT)) assert.ok(withOptionsParameter().includes(n), `exempt but not found by the scan: ${n}`);
});

test('checkOptionKeys: undefined passes, a non-object is a TypeError, an unknown key a TypeError naming it and the allowed keys', async () => {
  const { checkOptionKeys } = await import('../../lib/checks/index.js');
  checkOptionKeys('f', undefined, ['a']);
  checkOptionKeys('f', { a: 1 }, ['a']);
  assert.throws(() => checkOptionKeys('f', 3, ['a']), (e: Error) => e instanceof TypeError && e.message === 'f: options must be an object, got 3');
  assert.throws(() => checkOptionKeys('f', { a: 1, b: 2 }, ['a', 'c']), (e: Error) => e instanceof TypeError && e.message === "f: unknown option 'b' (allowed: a, c)");
});

test.run();
