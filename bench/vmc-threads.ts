/**
 * VMC walkers on one thread versus two (this thread + one worker of boltzmann/node's pool):
 * Monte Carlo cycles per second of each quantum-dot sampler (P = 2, D = 2, N = 2 and P = 6,
 * D = 2, N = 6, Coulomb on) and spin-chain sweeps per second (N = 10, α = 2). Each measurement
 * runs 8 walkers (chains) for a fixed number of cycles, split into one batch per thread exactly
 * as optimizeWavefunctionParallel does; one and two threads alternate (5 rounds each) and the
 * medians are reported, so their ratio is measured under one load.
 *
 *   npx tsx bench/vmc-threads.ts [--quick] [--json]
 */
import {
  Rng, RbmWavefunction, SpinRbmState, batchInputs, blockGibbsSampler, createSpinChains, createWalkers, harmonicOscillator, importanceSampler,
  metropolisSampler, runSpinBatch, runWalkerBatch, tfimChain, type SamplerSpec, type SpinBatchInput,
} from '../lib/index.js';
import { createWorkerPool, runBatchesOnPool, runSpinBatchesOnPool } from '../lib/node.js';
import { machineInfo } from './harness.js';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const rounds = quick ? 2 : 5;
const pool = createWorkerPool({ size: 1 });
await pool.ready();

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
}

async function timeIt(f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

interface Row { name: string; work: number; unit: string; one: number; two: number }
const rows: Row[] = [];

async function dot(label: string, sampler: SamplerSpec, P: number, N: number): Promise<void> {
  const wf = RbmWavefunction.create({ particles: P, dims: 2, hidden: N, initScale: 0.1 }, new Rng(1));
  const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
  const walkers = createWalkers(wf, 8, new Rng(2));
  const cycles = (quick ? 2000 : 8000) / (P === 2 ? 1 : 4);
  const one: number[] = [], two: number[] = [];
  await runBatchesOnPool(pool, batchInputs(wf, h, sampler, walkers, 2, 0, 64, true)); // warm up both threads
  for (let r = 0; r < rounds; r++) {
    one.push(await timeIt(() => batchInputs(wf, h, sampler, walkers, 1, 0, cycles, true).map(runWalkerBatch)));
    two.push(await timeIt(() => runBatchesOnPool(pool, batchInputs(wf, h, sampler, walkers, 2, 0, cycles, true))));
  }
  rows.push({ name: `${label} P=${P} D=2 N=${N}`, work: 8 * cycles, unit: 'cycles', one: median(one), two: median(two) });
}

async function spins(): Promise<void> {
  const psi = SpinRbmState.create(10, 2, new Rng(1), 0.1);
  const chain = tfimChain({ n: 10, J: 1, h: 1 });
  const chains = createSpinChains(10, 8, new Rng(2));
  const sweeps = quick ? 500 : 2000;
  const inputs = (parts: number): SpinBatchInput[] => [0, 1].slice(0, parts).map((t) => ({
    state: psi, chain, chains: chains.slice((8 * t) / parts, (8 * (t + 1)) / parts), equilibration: 0, sweeps,
  }));
  const one: number[] = [], two: number[] = [];
  for (let r = 0; r < rounds; r++) {
    one.push(await timeIt(() => inputs(1).map(runSpinBatch)));
    two.push(await timeIt(() => runSpinBatchesOnPool(pool, inputs(2))));
  }
  rows.push({ name: 'tfim N=10 alpha=2 (sweeps, with O for SR)', work: 8 * sweeps, unit: 'sweeps', one: median(one), two: median(two) });
}

await dot('metropolis', metropolisSampler({ stepSize: 2 }), 2, 2);
await dot('importance', importanceSampler({ timeStep: 0.2 }), 2, 2);
await dot('gibbs', blockGibbsSampler(), 2, 2);
await dot('metropolis', metropolisSampler({ stepSize: 1 }), 6, 6);
await dot('importance', importanceSampler({ timeStep: 0.1 }), 6, 6);
await dot('gibbs', blockGibbsSampler(), 6, 6);
await spins();
await pool.close();

if (json) {
  console.log(JSON.stringify({ machine: machineInfo(), rows }));
} else {
  console.log(`VMC walkers, 1 vs 2 threads (8 walkers, cycles include E_L and ∂ln ψ/∂θ); ${rounds} alternating rounds, medians`);
  const m = machineInfo();
  console.log(`cpu: ${m.cpu} (${m.cores} cores)  node ${m.node}  ${m.date}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(44)} 1 thread ${(r.work / r.one / 1e3).toFixed(1).padStart(8)} k ${r.unit}/s   2 threads ${(r.work / r.two / 1e3).toFixed(1).padStart(8)} k ${r.unit}/s   ×${(r.one / r.two).toFixed(2)}`);
  }
}
