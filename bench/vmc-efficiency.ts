/**
 * Sampler efficiency for the two-electron dot (P = 2, D = 2, N = 2, ω = 1, Coulomb): the
 * acceptance, the integrated autocorrelation time τ of E_L (Sokal window, lib/mcmc) and the
 * blocking error per cycle of each sampler, at fixed parameters (a generic RBM state with W ≠ 0,
 * and the same state times a Padé factor for the samplers that allow it). Independent samples
 * per second = cycles/s ÷ τ compares samplers at equal statistical value.
 *
 *   npx tsx bench/vmc-efficiency.ts [--quick]
 */
import {
  Rng, RbmWavefunction, batchInputs, blockGibbsSampler, createWalkers, harmonicOscillator, importanceSampler, integratedAutocorrTime,
  metropolisSampler, runWalkerBatch, blockingError, type SamplerSpec,
} from '../lib/index.js';
import { machineInfo } from './harness.js';

const cycles = process.argv.includes('--quick') ? 1 << 13 : 1 << 16;
const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
const m = machineInfo();
console.log(`VMC sampler efficiency, one walker, ${cycles} cycles after 2000 discarded; cpu ${m.cpu} (${m.cores} cores), ${m.date}`);
for (const jastrow of ['none', 'pade'] as const) {
  const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow, initScale: 0.3 }, new Rng(5));
  const samplers: [string, SamplerSpec][] = [
    ['metropolis step 1', metropolisSampler({ stepSize: 1 })],
    ['metropolis step 2', metropolisSampler({ stepSize: 2 })],
    ['importance Δt 0.05', importanceSampler({ timeStep: 0.05 })],
    ['importance Δt 0.2', importanceSampler({ timeStep: 0.2 })],
    ...(jastrow === 'none' ? [['block gibbs', blockGibbsSampler()] as [string, SamplerSpec]] : []),
  ];
  for (const [name, sampler] of samplers) {
    const input = batchInputs(wf, h, sampler, createWalkers(wf, 1, new Rng(6)), 1, 2000, cycles, false)[0];
    const t0 = performance.now();
    const out = runWalkerBatch(input);
    const s = (performance.now() - t0) / 1000;
    const e = out.measurements[0].energies;
    const tau = integratedAutocorrTime(e);
    const b = blockingError(e);
    const acc = out.measurements[0].accepted / out.measurements[0].proposed;
    console.log(`${jastrow.padEnd(5)} ${name.padEnd(20)} acceptance ${acc.toFixed(3)}  τ_int(E_L) ${tau.toFixed(2).padStart(6)}  E ${b.mean.toFixed(4)} ± ${b.standardError.toFixed(4)}  ${(cycles / s / 1e3).toFixed(0).padStart(5)} k cycles/s  ${(cycles / s / tau / 1e3).toFixed(1).padStart(6)} k independent/s`);
  }
}
