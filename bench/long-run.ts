/**
 * Memory over long runs: an RBM training loop and MCMC chains run for a fixed wall-clock time
 * each, and the resident set size (RSS), the JS heap and the ArrayBuffer memory are reported at
 * the start (after a short warm-up) and at the end, after a garbage collection. Training and
 * sampling should allocate per run, not per step, so the end should equal the start up to noise.
 *
 *   node --expose-gc --import tsx bench/long-run.ts [--seconds 30]      (npm run bench:long)
 *
 * Phases (each `--seconds`, default 30, so 60 s in all):
 * 1. trainRBM, PCD-1 on 512 random 0/1 rows of 100 pixels, 64 hidden units, batches of 32,
 *    called for one epoch at a time in a loop (the model and its optimizer state persist);
 * 2. one HMC chain on a 10-D Gaussian stepped directly (`chain.step`, the hot loop), plus
 *    `runChains` after every 20000 steps (4 RWM chains x 2000 draws, results dropped).
 * Bound: end − start <= 16 MiB for RSS and for heap + ArrayBuffers (a leak of even 1 KiB per
 * training epoch or per thousand steps would pass that within the run); the script exits 1 if a
 * phase exceeds it.
 */
import { Rng, matrix } from '../lib/index.js';
import { BernoulliRBM, trainRBM } from '../lib/rbm/index.js';
import { gaussianTarget, hmcSampler, runChains, rwmSampler } from '../lib/mcmc/index.js';
import { machineInfo } from './harness.js';

const args = process.argv.slice(2);
let seconds = 30;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else { console.error(`long-run: unknown argument '${args[i]}' (use --seconds S)`); process.exit(2); }
}
if (!(seconds > 0)) { console.error('long-run: --seconds must be > 0'); process.exit(2); }
const BOUND = 16 * 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('long-run: run with node --expose-gc for measurements after a collection (npm run bench:long does)');

interface Snapshot { rss: number; heap: number; buffers: number }
function snapshot(): Snapshot {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** Runs `step` until `seconds` have passed (after `warmup` seconds whose end is the start snapshot). */
function phase(name: string, step: () => number): boolean {
  const warmupEnd = performance.now() + Math.min(2000, 0.1 * seconds * 1000);
  while (performance.now() < warmupEnd) step();
  const start = snapshot();
  const t0 = performance.now();
  let work = 0;
  let peak = start.rss;
  let nextSample = t0 + 1000;
  while (performance.now() - t0 < seconds * 1000) {
    work += step();
    if (performance.now() > nextSample) { peak = Math.max(peak, process.memoryUsage().rss); nextSample += 1000; }
  }
  const end = snapshot();
  const dRss = end.rss - start.rss;
  const dJs = end.heap + end.buffers - start.heap - start.buffers;
  const ok = dRss <= BOUND && dJs <= BOUND;
  console.log(`${name}: ${work.toLocaleString('en-US')} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  RSS        start ${mib(start.rss)}  end ${mib(end.rss)}  (${dRss >= 0 ? '+' : ''}${mib(dRss)}; peak ${mib(peak)})`);
  console.log(`  heap       start ${mib(start.heap)}  end ${mib(end.heap)}`);
  console.log(`  buffers    start ${mib(start.buffers)}  end ${mib(end.buffers)}   heap + buffers ${dJs >= 0 ? '+' : ''}${mib(dJs)}`);
  console.log(`  bound ${mib(BOUND)}: ${ok ? 'within' : 'EXCEEDED'}`);
  return ok;
}

const info = machineInfo();
console.log(`long-run  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  ${info.platform}  ${info.date}  ${seconds} s per phase`);
const rng = new Rng(1);

// ---- 1. RBM training ----
const data = matrix(512, 100);
for (let i = 0; i < data.data.length; i++) data.data[i] = rng.float() < 0.3 ? 1 : 0;
const rbm = BernoulliRBM.create(100, 64, 'glorot-normal', rng);
const trainOk = phase('trainRBM (PCD-1, 512 x 100, 64 hidden, batch 32), one epoch per call', () => {
  trainRBM(rbm, data, { method: 'pcd', epochs: 1, batchSize: 32, learningRate: 0.01 }, rng);
  return 16; // parameter updates per epoch
});

// ---- 2. MCMC ----
const D = 10;
const target = gaussianTarget(new Array<number>(D).fill(0), Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => 0.5 ** Math.abs(i - j))));
const chain = hmcSampler({ stepSize: 0.3 }).init(target, new Float64Array(D));
let calls = 0;
const mcmcOk = phase('HMC chain.step (10-D Gaussian, 10 leapfrog steps) + runChains (4 x 2200 RWM) after every 20000 steps', () => {
  for (let t = 0; t < 1000; t++) chain.step(rng);
  if (++calls % 20 === 0) runChains(rwmSampler(), target, { chains: 4, warmup: 200, samples: 2000, x0: new Float64Array(D) }, rng);
  return 1000;
});

process.exit(trainOk && mcmcOk ? 0 : 1);
