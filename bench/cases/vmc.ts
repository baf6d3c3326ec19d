/**
 * Variational Monte Carlo throughput on one thread: Monte Carlo cycles per second of each
 * sampler of |ψ|² for the quantum dot (Coulomb on), one cycle = P single-particle moves
 * (Metropolis, importance sampling) or one block Gibbs step, followed by the local energy
 * E_L (what every measured VMC cycle does). Sizes: P = 2, D = 2, N = 2 (the two-electron dot)
 * and P = 6, D = 2, N = 6; the Padé–Jastrow variants for the samplers that allow it; and the
 * spin chain (one sweep = N single-flip proposals plus the local energy, N = 10, α = 2), with the
 * direct log-cosh flip ratio as the baseline of the product form.
 * One call = 1000 cycles of one walker; the walker and its buffers are made in setup, so `run`
 * allocates nothing. For one versus two threads see bench/vmc-threads.ts.
 */
import type { BenchCase } from '../harness.js';
import {
  Rng, RbmWavefunction, SpinRbmState, blockGibbsSampler, harmonicOscillator, importanceSampler, localEnergy, logPsi, metropolisSampler, cholesky, choleskySolve, matrix64, srSolve, spinFlipLogRatio, spinFlipTables, spinLocalEnergy, spinMetropolisSweep, spinTheta, spinWalker, tfimChain, type JastrowKind, type SamplerSpec, type Walker,
} from '../../lib/index.js';
import { cycleWorkspace, monteCarloCycle } from '../../lib/vmc/samplers.js';

const CYCLES = 1000;

function dotCase(sampler: SamplerSpec, label: string, P: number, N: number, jastrow: JastrowKind): BenchCase {
  const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
  let wf = RbmWavefunction.create({ particles: P, dims: 2, hidden: N, jastrow, initScale: 0.1 }, new Rng(1));
  let walker: Walker = { x: new Float64Array(0), rng: new Rng(2), logPsi: 0 };
  let ws = cycleWorkspace(wf);
  let sink = 0;
  const name = `vmc/${label} P=${P} D=2 N=${N}${jastrow === 'none' ? '' : ` ${jastrow}`}`;
  return {
    name, group: 'vmc', work: CYCLES, unit: 'steps',
    setup: () => {
      wf = RbmWavefunction.create({ particles: P, dims: 2, hidden: N, jastrow, initScale: 0.1 }, new Rng(1));
      const x = new Float64Array(2 * P);
      for (let k = 0; k < x.length; k++) x[k] = new Rng(3 + k).normal();
      walker = { x, rng: new Rng(2), logPsi: logPsi(wf, x) };
      ws = cycleWorkspace(wf);
      for (let c = 0; c < 200; c++) monteCarloCycle(wf, sampler, walker, ws);
    },
    run: () => {
      for (let c = 0; c < CYCLES; c++) {
        monteCarloCycle(wf, sampler, walker, ws);
        sink += localEnergy(wf, h, walker.x);
      }
      if (!Number.isFinite(sink)) throw new Error('vmc bench: non-finite local energy');
    },
    baseline: label === 'metropolis' ? undefined : `vmc/metropolis P=${P} D=2 N=${N}`,
  };
}

/**
 * The spin chain, one sweep + E_L per step. Baseline: the direct flip ratio (2M log-cosh terms per
 * ratio, spinFlipLogRatio) as the sampler first did it, kept here to measure the product form of
 * spinFlipRatio (M multiply-adds, tanh θ refreshed only on accepted flips) against it in one run.
 */
function spinCases(): BenchCase[] {
  const chain = tfimChain({ n: 10, J: 1, h: 1 });
  const psi = SpinRbmState.create(10, 2, new Rng(1), 0.1);
  const m = psi.m;
  let sink = 0;
  // baseline: θ cached, every ratio from log-cosh differences
  const s = new Int8Array(10).fill(1), theta = new Float64Array(m), rngA = new Rng(4);
  const directSweep = (): void => {
    for (let k = 0; k < 10; k++) {
      const i = rngA.int(10);
      const logRatio = spinFlipLogRatio(psi, s, theta, i);
      if (Math.log(rngA.float()) < 2 * logRatio) {
        const si = s[i];
        for (let j = 0; j < m; j++) theta[j] -= 2 * psi.W[i * m + j] * si;
        s[i] = -si;
      }
    }
    let zz = 0, flips = 0;
    for (let i = 0; i < 10; i++) { zz += s[i] * s[(i + 1) % 10]; flips += Math.exp(spinFlipLogRatio(psi, s, theta, i)); }
    sink += -zz - flips;
  };
  const tables = spinFlipTables(psi);
  const w = spinWalker(psi, new Int8Array(10).fill(1)), rngB = new Rng(4);
  const base = 'vmc/tfim sweep N=10 alpha=2, log-cosh ratios';
  return [
    { name: base, group: 'vmc', work: CYCLES, unit: 'steps', setup: () => { spinTheta(theta, psi, s); },
      run: () => { for (let c = 0; c < CYCLES; c++) directSweep(); if (!Number.isFinite(sink)) throw new Error('non-finite'); } },
    { name: 'vmc/tfim sweep N=10 alpha=2, product ratios', group: 'vmc', work: CYCLES, unit: 'steps', baseline: base,
      run: () => {
        for (let c = 0; c < CYCLES; c++) {
          spinMetropolisSweep(psi, tables, w, rngB);
          sink += spinLocalEnergy(psi, tables, chain, w);
        }
        if (!Number.isFinite(sink)) throw new Error('vmc bench: non-finite spin local energy');
      } },
  ];
}

/**
 * The SR solve for the N = 10, α = 2 chain (P = 230 parameters, n = 1000 samples): srSolve (S from
 * column dot products, Cholesky) against the first version, which added the n outer products to S
 * row by row, kept here as the baseline. One call = one solve.
 */
function srCases(): BenchCase[] {
  const P = 230, n = 1000;
  const O = new Float64Array(n * P), F = new Float64Array(P), out = new Float64Array(P);
  const rng = new Rng(9);
  for (let i = 0; i < O.length; i++) O[i] = rng.normal();
  for (let k = 0; k < P; k++) F[k] = rng.normal();
  const rank1Solve = (): void => {
    const S = new Float64Array(P * P);
    for (let r = 0; r < n; r++) {
      const row = r * P;
      for (let k = 0; k < P; k++) { const ok = O[row + k]; const sk = k * P; for (let l = k; l < P; l++) S[sk + l] += ok * O[row + l]; }
    }
    for (let k = 0; k < P; k++) { S[k * P + k] = S[k * P + k] / n + 1e-3; for (let l = k + 1; l < P; l++) { S[k * P + l] /= n; S[l * P + k] = S[k * P + l]; } }
    out.set(choleskySolve(cholesky(matrix64(P, P, S)), F));
  };
  const base = 'vmc/sr solve P=230 n=1000, outer products';
  return [
    { name: base, group: 'vmc', work: 1, unit: 'steps', run: rank1Solve },
    { name: 'vmc/sr solve P=230 n=1000, column dots', group: 'vmc', work: 1, unit: 'steps', baseline: base, run: () => { srSolve(out, [O], n, F, 1e-3); } },
  ];
}

export const cases: BenchCase[] = [
  dotCase(metropolisSampler({ stepSize: 2 }), 'metropolis', 2, 2, 'none'),
  dotCase(importanceSampler({ timeStep: 0.2 }), 'importance', 2, 2, 'none'),
  dotCase(blockGibbsSampler(), 'gibbs', 2, 2, 'none'),
  dotCase(metropolisSampler({ stepSize: 2 }), 'metropolis', 2, 2, 'pade'),
  dotCase(importanceSampler({ timeStep: 0.2 }), 'importance', 2, 2, 'pade'),
  dotCase(metropolisSampler({ stepSize: 1 }), 'metropolis', 6, 6, 'none'),
  dotCase(importanceSampler({ timeStep: 0.1 }), 'importance', 6, 6, 'none'),
  dotCase(blockGibbsSampler(), 'gibbs', 6, 6, 'none'),
  ...spinCases(),
  ...srCases(),
];
