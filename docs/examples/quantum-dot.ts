/**
 * Electrons in a harmonic quantum dot with an RBM trial wavefunction (whiteboard 001,
 * N-VMC-01 to N-VMC-11): optimise ψ = √p_GB (optionally times a Jastrow factor) by the energy gradient,
 * then measure the energy with a blocking error and the one-body density.
 *
 * References for two electrons in 2-D (ω = 1): exact 3 a.u. (M. Taut, Phys. Rev. A 48, 3561,
 * 1993); a Gaussian-binary RBM with 2 hidden units reaches about 3.07–3.08 and, with a Padé–Jastrow
 * factor, 2.999587(5) (Ø. Nordhagen, master's thesis, University of Oslo, 2019). Exact values at
 * other ω: 2 electrons, ω = 0.5 → 1.65977 and ω = 1/6 → 0.666… (Taut's closed-form frequencies);
 * at ω = 0.5 and 0.1 the literature values are in docs/vmc.md.
 *
 * Writes tour-output/examples/quantum-dot/quantum-dot-<config>-energy.svg (energy per iteration
 * with error bars) and, for D = 2, …-density.png (one-body density heat map). --help lists every option.
 *
 *   npx tsx docs/examples/quantum-dot.ts [--omega 1] [--particles 2] [--dims 2] [--hidden 2]
 *       [--jastrow none|simple|pade] [--interaction none|coulomb] [--sampler metropolis|importance|gibbs]
 *       [--iterations 300] [--walkers 8] [--cycles 4096] [--final-cycles 131072] [--lr 0.02]
 *       [--train-sigma2] [--seed 1] [--threads 1] [--json] [--quick] [--out dir]
 *
 * --threads T runs the walkers on this thread and T − 1 workers (boltzmann/node's WorkerPool);
 * the result has the same bits for any T. --json prints one JSON line on stdout.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  Adam, Rng, RbmWavefunction, batchInputs, blockGibbsSampler, combineMeasurements, createWalkers, harmonicOscillator,
  importanceSampler, linePlot, metropolisSampler, optimizeWavefunction, runWalkerBatch,
  type Interaction, type JastrowKind, type OptimizeResult, type SamplerSpec, type WalkerBatchInput, type WalkerBatchOutput,
} from '../../lib/index.js';
import { repoRoot } from './support/cli.js';
import { createWorkerPool, optimizeWavefunctionParallel, runBatchesOnPool, writePng, writeSvg, type WorkerPool } from '../../lib/node.js';

const USAGE = `npx tsx docs/examples/quantum-dot.ts [options]

Electrons in a 2-D (or 1-/3-D) harmonic trap with an RBM trial wavefunction: optimise by the energy
gradient, then measure E ± blocking error and the one-body density.

options (default; --quick value):
  --help                 this text
  --quick                short run (what the test suite runs): 30 iterations, 2 walkers × 512 cycles
  --omega W              trap frequency (1)
  --particles P          number of particles (2)
  --dims D               dimensions 1, 2 or 3 (2)
  --hidden N             hidden units (2)
  --jastrow none|simple|pade      pair factor (none)
  --interaction none|coulomb      pair interaction (coulomb)
  --sampler metropolis|importance|gibbs   (importance; gibbs only without Jastrow)
  --step S               Metropolis step (2/√ω)
  --time-step T          importance-sampling Δt (0.2/ω)
  --iterations K         gradient iterations (300; 30)
  --walkers W            independent walkers (8; 2)
  --cycles C             measured cycles per walker per iteration (4096; 512)
  --final-cycles C       cycles per walker of the final measurement (131072; 4096)
  --lr R                 Adam learning rate, decayed linearly to R/10 over the second half (0.02)
  --train-sigma2         also train the widths σ²
  --seed S               (1)
  --threads T            this thread + T − 1 workers; same bits for any T (1)
  --json                 print one JSON line (energy, error, exact, timings, parameters)
  --out DIR              pictures (default tour-output/examples/quantum-dot/): <config>-energy.svg, <config>-density.png`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const FLAGS = ['omega', 'particles', 'dims', 'hidden', 'jastrow', 'interaction', 'sampler', 'iterations', 'walkers', 'cycles', 'final-cycles', 'lr', 'seed', 'threads', 'out', 'step', 'time-step'];
const SWITCHES = ['quick', 'json', 'train-sigma2'];
const opts: Record<string, string> = {};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('--')) fail(`unexpected argument '${a}'`);
  const key = a.slice(2);
  if (SWITCHES.includes(key)) { opts[key] = 'true'; continue; }
  if (!FLAGS.includes(key)) fail(`unknown flag '${a}' (flags: ${FLAGS.map((f) => '--' + f).join(' ')} ${SWITCHES.map((f) => '--' + f).join(' ')})`);
  if (i + 1 >= argv.length) fail(`${a} needs a value`);
  opts[key] = argv[++i];
}
function fail(msg: string): never {
  console.error(`quantum-dot: ${msg}\n\n${USAGE}`);
  process.exit(2);
}
function num(key: string, dflt: number, integer = false): number {
  if (opts[key] === undefined) return dflt;
  const v = Number(opts[key]);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) fail(`--${key} must be ${integer ? 'an integer' : 'a number'}, got '${opts[key]}'`);
  return v;
}
function oneOf<T extends string>(key: string, dflt: T, allowed: readonly T[]): T {
  const v = (opts[key] ?? dflt) as T;
  if (!allowed.includes(v)) fail(`--${key} must be one of ${allowed.join(', ')}, got '${v}'`);
  return v;
}

const quick = opts.quick === 'true';
const omega = num('omega', 1);
const P = num('particles', 2, true), D = num('dims', 2, true), N = num('hidden', 2, true);
const jastrow = oneOf<JastrowKind>('jastrow', 'none', ['none', 'simple', 'pade']);
const interaction = oneOf<Interaction>('interaction', 'coulomb', ['none', 'coulomb']);
const samplerName = oneOf('sampler', 'importance', ['metropolis', 'importance', 'gibbs'] as const);
const iterations = num('iterations', quick ? 30 : 300, true);
const walkers = num('walkers', quick ? 2 : 8, true);
const cycles = num('cycles', quick ? 512 : 4096, true);
const finalCycles = num('final-cycles', quick ? 4096 : 131072, true);
const lr = num('lr', 0.02);
const seed = num('seed', 1, true);
const threads = num('threads', 1, true);
const outDir = opts.out ?? join(repoRoot, 'tour-output', 'examples', 'quantum-dot');
// Metropolis step and Langevin time step scale with the oscillator length 1/√ω.
const sampler: SamplerSpec = samplerName === 'metropolis' ? metropolisSampler({ stepSize: num('step', 2 / Math.sqrt(omega)) })
  : samplerName === 'importance' ? importanceSampler({ timeStep: num('time-step', 0.2 / omega) }) : blockGibbsSampler();
if (threads < 1) fail(`--threads must be >= 1, got ${threads}`);

const rng = new Rng(seed);
const wf = RbmWavefunction.create({ particles: P, dims: D, hidden: N, omega, jastrow, trainSigma2: opts['train-sigma2'] === 'true', initScale: 0.01 }, rng.split());
const h = harmonicOscillator({ omega, interaction });
const optimizer = new Adam({ lr });
const config = `P${P}-D${D}-N${N}-w${omega}-${interaction}-${jastrow}-${samplerName}`;
const pool: WorkerPool | undefined = threads > 1 ? createWorkerPool({ size: threads - 1 }) : undefined;
if (pool) await pool.ready();

// lr for the first half, then a linear decay to lr/10 (smaller steps near the minimum)
const onIteration = (it: { iteration: number; iterations: number }) => {
  const f = it.iteration / Math.max(1, it.iterations - 1);
  optimizer.lr = f < 0.5 ? lr : lr * (1 - 1.8 * (f - 0.5));
};
const t0 = performance.now();
const optOptions = { sampler, walkers, cycles, iterations, optimizer, equilibration: 1000, reequilibration: 100, onIteration, progress: !quick };
const run: OptimizeResult = pool
  ? await optimizeWavefunctionParallel(pool, wf, h, optOptions, rng.split())
  : optimizeWavefunction(wf, h, optOptions, rng.split());
const optSeconds = (performance.now() - t0) / 1000;

// Final measurement with the optimised parameters: fresh walkers, long chains, density histogram.
const extent = 4 / Math.sqrt(omega), bins = 160;
const finalWalkers = createWalkers(wf, walkers, rng.split());
const inputs: WalkerBatchInput[] = batchInputs(wf, h, sampler, finalWalkers, threads, 2000, finalCycles, false, D === 2 ? { bins, extent } : undefined);
const t1 = performance.now();
const outs: WalkerBatchOutput[] = pool ? await runBatchesOnPool(pool, inputs) : inputs.map(runWalkerBatch);
const finalSeconds = (performance.now() - t1) / 1000;
if (pool) await pool.close();
const est = combineMeasurements(outs.flatMap((o) => o.measurements));
const totalCycles = run.cycles + walkers * finalCycles;

mkdirSync(outDir, { recursive: true });
const its = run.history.map((r) => r.iteration);
const svg = linePlot({
  series: [
    { x: its, y: run.history.map((r) => r.energy), yErr: run.history.map((r) => r.error), label: `⟨E_L⟩ ± blocking error (${walkers}×${cycles} cycles)` },
    ...(P === 2 && D === 2 && omega === 1 && interaction === 'coulomb' ? [{ x: [0, iterations - 1], y: [3, 3], label: 'exact 3 (Taut 1993)', color: '#000000' }] : []),
    ...(interaction === 'none' ? [{ x: [0, iterations - 1], y: [(P * D * omega) / 2, (P * D * omega) / 2], label: `exact PDω/2 = ${(P * D * omega) / 2}`, color: '#000000' }] : []),
  ],
  title: `VMC, ${P} particles in ${D}-D, ω = ${omega}, ${interaction}, Jastrow ${jastrow}, ${samplerName}`,
  xLabel: 'iteration', yLabel: 'energy (a.u.)',
});
const svgPath = join(outDir, `quantum-dot-${config}-energy.svg`);
writeSvg(svgPath, svg);
let pngPath = '';
if (D === 2) {
  // one-body density ρ(x, y): histogram counts → heat map (black → red → yellow → white)
  const hist = new Float64Array(bins * bins);
  for (const o of outs) for (let i = 0; i < hist.length; i++) hist[i] += o.density![i];
  let max = 0;
  for (const v of hist) max = Math.max(max, v);
  const data = new Uint8Array(bins * bins * 3);
  for (let i = 0; i < hist.length; i++) {
    const t = max > 0 ? hist[i] / max : 0;
    data[3 * i] = Math.round(255 * Math.min(1, 3 * t));
    data[3 * i + 1] = Math.round(255 * Math.min(1, Math.max(0, 3 * t - 1)));
    data[3 * i + 2] = Math.round(255 * Math.min(1, Math.max(0, 3 * t - 2)));
  }
  pngPath = join(outDir, `quantum-dot-${config}-density.png`);
  writePng(pngPath, { width: bins, height: bins, channels: 3, data });
}

const exact = P === 2 && D === 2 && interaction === 'coulomb' && omega === 1 ? 3 : interaction === 'none' ? (P * D * omega) / 2 : null;
const summary = {
  config, omega, particles: P, dims: D, hidden: N, jastrow, interaction, sampler: samplerName, seed, threads,
  energy: est.energy, error: est.error, variance: est.variance, acceptance: est.acceptance, exact,
  iterations, walkers, cyclesPerIteration: cycles, finalCycles: walkers * finalCycles, totalCycles,
  optimiseSeconds: optSeconds, finalSeconds, cyclesPerSecond: (walkers * finalCycles) / finalSeconds,
  beta: wf.beta, params: Array.from(wf.params), svg: svgPath, png: pngPath,
};
if (opts.json === 'true') {
  console.log(JSON.stringify(summary));
} else {
  console.log(`${P} particles in ${D}-D, ω = ${omega}, interaction ${interaction}, Jastrow ${jastrow}, ${N} hidden units, sampler ${samplerName}`);
  console.log(`optimisation: ${iterations} iterations × ${walkers} walkers × ${cycles} cycles in ${optSeconds.toFixed(1)} s (threads ${threads})`);
  console.log(`final: E = ${est.energy.toFixed(6)} ± ${est.error.toFixed(6)} (blocking), variance ${est.variance.toExponential(3)}, acceptance ${est.acceptance.toFixed(3)}, ${walkers}×${finalCycles} cycles in ${finalSeconds.toFixed(1)} s (${(summary.cyclesPerSecond / 1e3).toFixed(0)}k cycles/s)`);
  if (exact !== null) console.log(`exact: ${exact}${exact === 3 ? ' (Taut 1993)' : ' (P·D·ω/2)'}`);
  if (wf.betaOffset >= 0) console.log(`Jastrow β = ${wf.beta.toFixed(5)}`);
  console.log(`wrote ${svgPath}${pngPath ? ` and ${pngPath}` : ''}`);
}
