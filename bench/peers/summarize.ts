/**
 * `npx tsx bench/peers/summarize.ts [rounds]`: summarize beside ArviZ's summary columns computed
 * by numpy/scipy (bench/peers/summary_numpy.py, Debian's /usr/bin/python3 or $PYTHON; apt-get
 * install python3-numpy python3-scipy), on the draws of bench/cases/diagnostics.ts (10-D
 * random-walk Metropolis, 4 chains x 1e5 draws), with the sampling of those draws beside them.
 * Rounds alternate: sampling, ours on one thread, ours with a pool of two threads, the numpy
 * peer (its own timer, so interpreter start-up and imports are not counted). Prints the medians,
 * the ratios, and the largest relative difference between our rows and the peer's, column by
 * column (an independent computation of the same definitions).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineInfo } from '../harness.js';
import { summarize } from '../../lib/mcmc/index.js';
import { SUMMARY_COLUMNS } from '../../lib/mcmc/diagnostics.js';
import { gaussianTarget, rwmSampler, runChains } from '../../lib/mcmc/index.js';
import { Rng } from '../../lib/random/index.js';
import { createWorkerPool } from '../../lib/node.js';

const rounds = Number(process.argv[2] ?? 5);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const D = 10, M = 4, N = 100_000;
const target = gaussianTarget(new Array<number>(D).fill(0), Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => 0.5 ** Math.abs(i - j))));
const sample = () => runChains(rwmSampler({ stepSize: 0.75 }), target, { chains: M, warmup: 0, samples: N, x0: new Float64Array(D), adapt: false }, new Rng(7));

const draws = sample();
const dir = mkdtempSync(join(tmpdir(), 'boltzmann-summary-'));
const file = join(dir, 'draws.f64');
const bytes = new Float64Array(M * N * D);
draws.chains.forEach((c, i) => bytes.set(c.samples, i * N * D));
writeFileSync(file, new Uint8Array(bytes.buffer));
const pool = createWorkerPool({ size: 1 });
await pool.ready();

const times: Record<string, number[]> = { sampling: [], 'summarize, 1 thread': [], 'summarize, pool of 2': [], 'numpy/scipy (ArviZ formulas)': [] };
let peerRows: number[][] | null = null;
let versions = '';
const time = (f: () => void): number => { const t0 = performance.now(); f(); return (performance.now() - t0) / 1000; };
for (let r = 0; r < rounds; r++) {
  times.sampling.push(time(sample));
  times['summarize, 1 thread'].push(time(() => summarize(draws.chains)));
  times['summarize, pool of 2'].push(time(() => summarize(draws.chains, undefined, { pool })));
  try {
    const out = execFileSync(python, [new URL('./summary_numpy.py', import.meta.url).pathname, file, String(M), String(N), String(D), '1'], {
      encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    const p = JSON.parse(out.trim().split('\n').pop() as string) as { numpy: string; scipy: string; seconds: number[]; rows: number[][] };
    times['numpy/scipy (ArviZ formulas)'].push(p.seconds[0]);
    peerRows = p.rows;
    versions = `numpy ${p.numpy}, scipy ${p.scipy}`;
  } catch (e) {
    console.error(`bench/peers/summarize: ${python} failed (apt-get install python3-numpy python3-scipy, or set PYTHON): ${(e as Error).message.split('\n')[0]}`);
  }
  console.error(`round ${r + 1}: ${Object.entries(times).map(([k, v]) => `${k} ${v[v.length - 1]?.toFixed(3)} s`).join(', ')}`);
}
await pool.close();
rmSync(dir, { recursive: true });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const info = machineInfo();
console.log(`${info.cpu}, ${info.cores} cores, Node ${process.version}${versions ? `, ${versions}` : ''}; ${rounds} rounds, medians`);
const base = median(times.sampling);
console.log('| | median s | × sampling |');
console.log('| --- | --- | --- |');
for (const [name, t] of Object.entries(times)) if (t.length > 0) console.log(`| ${name} | ${median(t).toFixed(3)} | ${(median(t) / base).toFixed(2)} |`);
if (peerRows !== null) {
  const ours = summarize(draws.chains);
  // relative to the peer's value; the mean (near 0 here) relative to the peer's sd
  const scale = (k: number, j: number) => Math.abs(peerRows![k][SUMMARY_COLUMNS[j] === 'mean' ? 1 : j]);
  const worst = SUMMARY_COLUMNS.map((col, j) => Math.max(...ours.map((row, k) => Math.abs(row[col] - peerRows![k][j]) / scale(k, j))));
  console.log(`largest relative difference from the peer's rows (the mean's relative to the sd): ${SUMMARY_COLUMNS.map((c, j) => `${c} ${worst[j].toExponential(1)}`).join(', ')}`);
}
