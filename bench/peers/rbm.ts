/**
 * `npx tsx bench/peers/rbm.ts [rounds] [--limit n]`: seconds per CD-1 epoch over MNIST for us
 * (one thread; two threads through a worker pool) beside torch (one and two threads) and
 * scikit-learn's BernoulliRBM, all in one run, interleaved round by round so that a shared
 * machine's load falls on every entry alike. Workload (the same for all): the 60,000 training
 * images threshold-binarized (intensity >= 0.5), a 784 x 500 Bernoulli RBM, minibatches of 100,
 * learning rate 0.05, CD-1 with hidden probabilities in both phases (scikit-learn: its PCD-1,
 * the closest it offers); weights N(0, 0.01²), visible biases log(p/(1 − p)) of the pixel means
 * (torch and us; scikit-learn starts them at 0). The peers are bench/peers/rbm_peers.py run with Debian's python
 * (/usr/bin/python3 or $PYTHON; apt-get install python3-torch python3-sklearn): each call trains
 * a warm-up epoch and a timed one (scikit-learn: two fits of one epoch each) and reports its own
 * times, so interpreter start-up and imports are not counted. With `--limit n` every entry trains on
 * the first n images (the peers get n as their fourth argument) and all times are scaled alike. Prints a table of medians and the
 * ratios to torch's one-thread time, and one JSON line with every sample (--json).
 */
import { execFileSync } from 'node:child_process';
import { machineInfo } from '../harness.js';
import { BernoulliRBM, Rng, binarizeData, initVisibleBiasFromData, trainRBM, type TrainOptions } from '../../lib/index.js';
import { createWorkerPool, loadMnist } from '../../lib/node.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 60000;
const rounds = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--limit') ?? 3);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const info = machineInfo();

const data = loadMnist({ split: 'train', limit }).images;
binarizeData(data, data, 'threshold');
const pool = createWorkerPool({ size: 1 });
await pool.ready();

const samples: Record<string, number[]> = {};
const versions: Record<string, string> = {};
function record(name: string, seconds: number): void {
  (samples[name] ??= []).push(seconds);
  console.error(`${name}: ${seconds.toFixed(2)} s for ${data.rows} images`); // as it comes, so a cut-short run keeps its samples
}

/** One epoch of our CD-1 (fresh model each time, same seed), timed by trainRBM. */
function ours(threads: 1 | 2): number {
  const rbm = initVisibleBiasFromData(BernoulliRBM.create(784, 500, 'hinton', new Rng(1)), data);
  const options: TrainOptions = { method: 'cd', k: 1, epochs: 1, batchSize: 100, learningRate: 0.05, reconstructionError: false };
  if (threads === 2) (options as TrainOptions & { pool: unknown }).pool = pool;
  return trainRBM(rbm, data, options, new Rng(2)).metrics[0].seconds;
}

function peer(lib: 'torch' | 'sklearn', threads: number): number | null {
  try {
    const out = execFileSync(python, [new URL('./rbm_peers.py', import.meta.url).pathname, lib, String(threads), '2', String(data.rows)], {
      encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
    });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as { version: string; seconds: number[] };
    versions[lib] = r.version;
    return r.seconds[r.seconds.length - 1];
  } catch (e) {
    console.error(`bench/peers/rbm: ${lib} with ${python} failed (apt-get install python3-torch python3-sklearn, or set PYTHON): ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

ours(1); // warm-up: compiles the kernels
for (let r = 0; r < rounds; r++) {
  record('ours, 1 thread', ours(1));
  record('ours, 2 threads (pool)', ours(2));
  for (const [name, lib, threads] of [['torch, 1 thread', 'torch', 1], ['torch, 2 threads', 'torch', 2], ['scikit-learn', 'sklearn', 1]] as const) {
    const s = peer(lib, threads);
    if (s !== null) record(name, s);
  }
  console.error(`round ${r + 1}/${rounds} done`);
}
await pool.close();

const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
const torch1 = samples['torch, 1 thread'] ? median(samples['torch, 1 thread']) : NaN;
const scale = 60000 / data.rows; // seconds per 60,000-image epoch (extrapolated when --limit is below 60,000)
console.log(`CD-1 epoch, MNIST ${data.rows} x 784 threshold-binarized, RBM 784x500, batch 100, lr 0.05; ${rounds} interleaved rounds`
  + (scale !== 1 ? `; times scaled by ${scale.toFixed(2)} to a 60,000-image epoch` : ''));
console.log(`cpu: ${info.cpu} (${info.cores} cores), node ${info.node}, ${info.date}; torch ${versions.torch ?? '-'}, scikit-learn ${versions.sklearn ?? '-'}`);
for (const [name, v] of Object.entries(samples)) {
  const m = median(v);
  console.log(`${name.padEnd(24)} median ${(scale * m).toFixed(2).padStart(6)} s/epoch   (min ${(scale * Math.min(...v)).toFixed(2)}, max ${(scale * Math.max(...v)).toFixed(2)})   ${(m / torch1).toFixed(2)}x torch 1-thread`);
}
if (json) console.log(JSON.stringify({ cpu: info.cpu, date: info.date, rows: data.rows, rounds, versions, samples }));
