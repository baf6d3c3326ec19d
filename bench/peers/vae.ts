/**
 * `npx tsx bench/peers/vae.ts [--rounds R] [--epochs E] [--limit L]`: seconds per training epoch of the
 * pytorch/examples MNIST VAE (784-400-20, batch 128, Adam) — torch on one thread
 * (bench/peers/torch_vae.py, Debian's python3-torch) beside ours on one thread and on two
 * (docs/examples/vae-mnist.ts --threads 2, a WorkerPool) — run interleaved: each round runs the
 * three once, one after the other, so that the load of a shared machine falls on all three alike.
 * Each run trains E epochs (default 2) on the first L training images (default all 60,000;
 * `--limit L` for a busy machine, then the seconds are scaled to 60,000 images) and reports its
 * fastest epoch (the first one carries start-up and JIT warm-up on both sides). Prints one line per run,
 * then the medians over rounds and the ratios ours / torch, and one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from '../harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const rounds = opt('--rounds', 3), epochs = opt('--epochs', 2), limit = opt('--limit', 60000);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const info = machineInfo();
console.log(`VAE epoch timing  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  ${info.date}  ${rounds} rounds x ${epochs} epochs of ${limit} images (seconds scaled to 60,000)`);

/** Fastest epoch of a run: wall seconds and CPU seconds (process CPU time; with one thread, robust to load), scaled to 60,000 images. */
interface Epoch { wall: number; cpu: number }

function torchEpoch(): Epoch {
  const out = execFileSync(python, [join(root, 'bench', 'peers', 'torch_vae.py'), '--epochs', String(epochs), '--seeds', '1', '--limit', String(limit)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { secondsPerEpoch: number[]; cpuSecondsPerEpoch: number[] };
  return { wall: (Math.min(...r.secondsPerEpoch) * 60000) / limit, cpu: (Math.min(...r.cpuSecondsPerEpoch) * 60000) / limit };
}

function oursEpoch(threads: number): Epoch {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'docs', 'examples', 'vae-mnist.ts'), '--epochs', String(epochs), '--threads', String(threads), '--json', '--no-pictures', '--no-test', '--train-limit', String(limit)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { secondsPerEpochEach: number[]; cpuSecondsPerEpochEach: number[] };
  return { wall: (Math.min(...r.secondsPerEpochEach) * 60000) / limit, cpu: (Math.min(...r.cpuSecondsPerEpochEach) * 60000) / limit };
}

const runs: Record<string, Epoch[]> = { torch1: [], ours1: [], ours2: [] };
const f = (e: Epoch) => `${e.wall.toFixed(2)} s (CPU ${e.cpu.toFixed(2)} s)`;
for (let round = 1; round <= rounds; round++) {
  const t = torchEpoch(); runs.torch1.push(t);
  const o1 = oursEpoch(1); runs.ours1.push(o1);
  const o2 = oursEpoch(2); runs.ours2.push(o2);
  console.log(`round ${round}: torch 1 thread ${f(t)}   ours 1 thread ${f(o1)}   ours 2 threads ${f(o2)}`);
}
const median = (v: number[]) => { const s = v.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = (k: string, w: 'wall' | 'cpu') => median(runs[k].map((e) => e[w]));
const t = med('torch1', 'wall'), o1 = med('ours1', 'wall'), o2 = med('ours2', 'wall');
const tc = med('torch1', 'cpu'), o1c = med('ours1', 'cpu');
console.log(`median wall: torch ${t.toFixed(2)} s/epoch, ours 1 thread ${o1.toFixed(2)} (${(o1 / t).toFixed(2)}x torch), ours 2 threads ${o2.toFixed(2)} (${(o2 / t).toFixed(2)}x torch)`);
console.log(`median CPU (one thread each): torch ${tc.toFixed(2)} s/epoch, ours ${o1c.toFixed(2)} (${(o1c / tc).toFixed(2)}x torch)`);
console.log(JSON.stringify({ cpu: info.cpu, cores: info.cores, node: info.node, date: info.date, rounds, epochs, limit, runs,
  median: { torch1: t, ours1: o1, ours2: o2, torch1Cpu: tc, ours1Cpu: o1c }, ratio: { ours1: o1 / t, ours2: o2 / t, ours1Cpu: o1c / tc } }));
