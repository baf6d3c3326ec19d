/**
 * The periodic transverse-field Ising chain Ĥ = −J Σ σᶻσᶻ − h Σ σˣ with an RBM amplitude
 * (G. Carleo and M. Troyer, Science 355, 602 (2017); the whiteboard 001 points to it): optimise
 * the amplitude by stochastic reconfiguration (--sr) or the plain energy gradient (Adam), then
 * measure the energy with a blocking error and compare it with the exact ground state:
 * Lanczos on the 2^N space for N ≤ 16 (also checked against the closed form), the free-fermion
 * closed form otherwise.
 *
 * Writes tour-output/examples/tfim/tfim-<config>-energy.svg (energy per iteration with error bars
 * and the exact value) and tfim-<config>-relative-error.svg (|E − E₀|/|E₀| and SE/|E₀| on a log
 * scale). --help lists every option.
 *
 *   npx tsx docs/examples/tfim.ts [--n 10] [--h 1] [--J 1] [--alpha 2] [--sr] [--iterations 300]
 *       [--chains 4] [--sweeps 250] [--final-sweeps 5000] [--lr 0.05 (SR) | 0.01 (Adam)] [--shift 0.001]
 *       [--seed 1] [--threads 1] [--json] [--quick] [--out dir]
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  Adam, Rng, SpinRbmState, createSpinChains, linePlot, optimizeSpinState, runSpinBatch, spinStatistics, tfimChain, tfimClosedFormEnergy,
  tfimExactGroundState, type SpinBatchInput, type SpinBatchOutput, type SpinOptimizeOptions, type SpinOptimizeResult,
} from '../../lib/index.js';
import { repoRoot } from './support/cli.js';
import { createWorkerPool, optimizeSpinStateParallel, runSpinBatchesOnPool, writeSvg } from '../../lib/node.js';

const USAGE = `npx tsx docs/examples/tfim.ts [options]

The periodic transverse-field Ising chain with an RBM amplitude: optimise by SR (--sr) or Adam,
then measure E ± blocking error against the exact ground state (Lanczos for N <= 16, else the
free-fermion closed form).

options (default; --quick value):
  --help            this text
  --quick           short run (what the test suite runs): N = 8, α = 1, 60 iterations × 4 chains × 100 sweeps
  --n N             spins (10; 8)
  --h H             transverse field (1)
  --J J             Ising coupling (1)
  --alpha A         hidden units per spin (2; 1)
  --sr              stochastic reconfiguration (default: plain gradient with Adam)
  --iterations K    (300; 60)
  --chains C        Markov chains (4)
  --sweeps S        measured sweeps per chain per iteration (250; 100)
  --final-sweeps S  sweeps per chain of the final measurement (5000; 1000)
  --lr R            SR step η (0.05) or Adam learning rate (0.01)
  --shift E         SR diagonal shift ε (0.001)
  --seed S          (1)
  --threads T       this thread + T − 1 workers; same bits for any T (1)
  --json            print one JSON line (energy, error, exact, relativeError, timings)
  --out DIR         pictures (default tour-output/examples/tfim/): tfim-<config>-energy.svg, tfim-<config>-relative-error.svg`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const FLAGS = ['n', 'h', 'J', 'alpha', 'iterations', 'chains', 'sweeps', 'final-sweeps', 'lr', 'shift', 'seed', 'threads', 'out'];
const SWITCHES = ['sr', 'quick', 'json'];
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
  console.error(`tfim: ${msg}\n\n${USAGE}`);
  process.exit(2);
}
function num(key: string, dflt: number, integer = false): number {
  if (opts[key] === undefined) return dflt;
  const v = Number(opts[key]);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) fail(`--${key} must be ${integer ? 'an integer' : 'a number'}, got '${opts[key]}'`);
  return v;
}

const quick = opts.quick === 'true';
const sr = opts.sr === 'true';
const n = num('n', quick ? 8 : 10, true), h = num('h', 1), J = num('J', 1), alpha = num('alpha', quick ? 1 : 2);
const iterations = num('iterations', quick ? 60 : 300, true);
const chains = num('chains', 4, true), sweeps = num('sweeps', quick ? 100 : 250, true), finalSweeps = num('final-sweeps', quick ? 1000 : 5000, true);
const lr = num('lr', sr ? 0.05 : 0.01), shift = num('shift', 1e-3);
const seed = num('seed', 1, true), threads = num('threads', 1, true);
if (threads < 1) fail(`--threads must be >= 1, got ${threads}`);
const outDir = opts.out ?? join(repoRoot, 'tour-output', 'examples', 'tfim');
const config = `n${n}-h${h}-J${J}-alpha${alpha}-${sr ? 'sr' : 'adam'}`;

const chain = tfimChain({ n, J, h });
const t00 = performance.now();
const lanczos = n <= 16 ? tfimExactGroundState(n, J, h) : null;
const exactSeconds = (performance.now() - t00) / 1000;
const closed = J > 0 && h >= 0 ? tfimClosedFormEnergy(n, J, h) : null;
const exact = lanczos ? lanczos.energy : closed!;
if (lanczos && closed !== null && Math.abs(lanczos.energy - closed) > 1e-9 * Math.abs(closed)) fail(`Lanczos ${lanczos.energy} and the closed form ${closed} disagree`);

const rng = new Rng(seed);
const psi = SpinRbmState.create(n, alpha, rng.split());
const pool = threads > 1 ? createWorkerPool({ size: threads - 1 }) : undefined;
if (pool) await pool.ready();
const options: SpinOptimizeOptions = {
  update: sr ? { kind: 'sr', learningRate: lr, diagonalShift: shift } : { kind: 'gradient', optimizer: new Adam({ lr }) },
  iterations, chains, sweeps, progress: !quick,
};
const t0 = performance.now();
const run: SpinOptimizeResult = pool ? await optimizeSpinStateParallel(pool, psi, chain, options, rng.split()) : optimizeSpinState(psi, chain, options, rng.split());
const optSeconds = (performance.now() - t0) / 1000;

// final measurement: fresh chains, long runs, no update
const inputs: SpinBatchInput[] = [];
const fresh = createSpinChains(n, chains, rng.split());
for (let t = 0; t < Math.min(threads, chains); t++) {
  const lo = Math.floor((chains * t) / Math.min(threads, chains)), hi = Math.floor((chains * (t + 1)) / Math.min(threads, chains));
  inputs.push({ state: { n: psi.n, m: psi.m, params: psi.params }, chain, chains: fresh.slice(lo, hi), equilibration: 200, sweeps: finalSweeps });
}
const t1 = performance.now();
const outs: SpinBatchOutput[] = pool ? await runSpinBatchesOnPool(pool, inputs) : inputs.map(runSpinBatch);
const finalSeconds = (performance.now() - t1) / 1000;
if (pool) await pool.close();
const st = spinStatistics(outs, new Float64Array(psi.params.length));
const relError = (st.energy - exact) / Math.abs(exact);

mkdirSync(outDir, { recursive: true });
const its = run.history.map((r) => r.iteration);
const svgPath = join(outDir, `tfim-${config}-energy.svg`);
writeSvg(svgPath, linePlot({
  series: [
    { x: its, y: run.history.map((r) => r.energy), yErr: run.history.map((r) => r.error), label: `⟨E_L⟩ ± blocking error, ${sr ? 'SR' : 'Adam'}, α = ${alpha}` },
    { x: [0, iterations - 1], y: [exact, exact], label: `exact ${exact.toFixed(6)} (${lanczos ? 'Lanczos' : 'free fermions'})`, color: '#000000' },
  ],
  title: `TFIM chain N = ${n}, h/J = ${h / J}: RBM amplitude`, xLabel: 'iteration', yLabel: 'energy',
}));
// the same run on a log scale: |E − E0|/|E0| beside the statistical error SE/|E0| (below it, the
// difference is noise); floored at 1e-8 so that a noisy estimate just below E0 stays on the plot
const relPath = join(outDir, `tfim-${config}-relative-error.svg`);
writeSvg(relPath, linePlot({
  series: [
    { x: its, y: run.history.map((r) => Math.max(1e-8, Math.abs(r.energy - exact) / Math.abs(exact))), label: '|E − E₀| / |E₀|' },
    { x: its, y: run.history.map((r) => Math.max(1e-8, r.error / Math.abs(exact))), label: 'blocking SE / |E₀|', color: '#7f7f7f' },
  ],
  title: `TFIM chain N = ${n}, h/J = ${h / J}: relative error, ${sr ? 'SR' : 'Adam'}, α = ${alpha}`, xLabel: 'iteration', yLabel: 'relative error', logY: true,
}));

const summary = {
  config, n, h, J, alpha, sr, seed, threads, energy: st.energy, error: st.error, variance: st.variance, acceptance: st.acceptance,
  exact, exactMethod: lanczos ? 'lanczos' : 'closed-form', closedForm: closed, lanczosResidual: lanczos?.residual ?? null, lanczosSeconds: lanczos ? exactSeconds : null,
  relativeError: relError, iterations, chains, sweepsPerIteration: sweeps, finalSweeps: chains * finalSweeps,
  totalSweeps: run.sweeps + chains * finalSweeps, optimiseSeconds: optSeconds, finalSeconds, svg: svgPath, relativeErrorSvg: relPath,
};
if (opts.json === 'true') {
  console.log(JSON.stringify(summary));
} else {
  console.log(`TFIM chain N = ${n}, J = ${J}, h = ${h} (periodic); RBM amplitude α = ${alpha} (${psi.m} hidden), ${sr ? `SR (η = ${lr}, shift ${shift})` : `Adam (lr ${lr})`}`);
  console.log(`exact E0 = ${exact.toFixed(10)} (${lanczos ? `Lanczos, residual ${lanczos.residual.toExponential(1)}, ${lanczos.iterations} steps; closed form ${closed?.toFixed(10)}` : 'free-fermion closed form'})`);
  console.log(`optimisation: ${iterations} iterations × ${chains} chains × ${sweeps} sweeps in ${optSeconds.toFixed(1)} s (threads ${threads})`);
  console.log(`final: E = ${st.energy.toFixed(6)} ± ${st.error.toFixed(6)}  relative error ${relError.toExponential(2)}  (${chains}×${finalSweeps} sweeps, ${finalSeconds.toFixed(1)} s, acceptance ${st.acceptance.toFixed(3)})`);
  console.log(`wrote ${svgPath} and ${relPath}`);
}
