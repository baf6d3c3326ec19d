/**
 * Tour chapter: variational Monte Carlo with RBM wavefunctions (lib/vmc, whiteboard 001). The
 * local energy of the exact non-interacting state is P·D·ω/2 everywhere (N-VMC-10); sampling
 * |ψ|² of a displaced Gaussian ψ reproduces its closed-form energy; a short
 * Padé–Jastrow optimisation lands near Taut's exact 3 for two electrons in 2-D; the spin chain's
 * Lanczos ground state equals the free-fermion closed form; and stochastic reconfiguration brings
 * an RBM amplitude for 6 spins close to it. Tolerances: 4 blocking standard errors, or stated.
 */
import { join } from 'node:path';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { writeSvg } from '../../../lib/io-node.js';
import {
  Adam, Rng, RbmWavefunction, linePlot, SpinRbmState, createSpinChains, estimateEnergy, harmonicOscillator, importanceSampler, localEnergy, metropolisSampler,
  optimizeSpinState, optimizeWavefunction, runSpinBatch, spinStatistics, tfimChain, tfimClosedFormEnergy, tfimExactGroundState, twoElectronDotEnergy,
} from '../../../lib/index.js';

export const chapter: TourChapter = {
  title: 'Variational Monte Carlo: quantum dot and spin chain',
  order: 17,
  docs: 'docs/vmc.md',
  run(out: string): TourRow[] {
    const rows: TourRow[] = [];
    const exactState = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 });
    rows.push(compareRow('E_L of a=b=W=0, σ²=1/(2ω), 2 electrons in 2-D, no Coulomb', localEnergy(exactState, harmonicOscillator({ omega: 1 }), new Float64Array([0.4, -1.2, 2, 0.3])), 2, 1e-12, 'exact P·D·ω/2 at every x (N-VMC-10)', 8));

    // Gaussian ψ (W = 0), σ² = 0.6, a ≠ 0, no interaction: E = Σ_k ½[1/(4σ²) + ω²(σ² + a_k²)]
    // (with Coulomb the variance of E_L diverges logarithmically, which makes a 4-SE row fragile)
    const s2 = 0.6, a = [0.3, -0.2, 0.5, 0.1];
    const gauss = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, sigma2: s2 });
    gauss.a.set(a);
    const eg = estimateEnergy(gauss, harmonicOscillator({ omega: 1 }), { sampler: metropolisSampler({ stepSize: 2 }), walkers: 4, cycles: 8192 }, new Rng(1));
    const exactG = a.reduce((t, ak) => t + 0.5 * (1 / (4 * s2) + s2 + ak * ak), 0);
    rows.push(compareRow(`Gaussian ψ, a ≠ 0, σ² ≠ 1/(2ω), Metropolis (SE ${eg.error.toFixed(4)})`, eg.energy, exactG, 4 * eg.error, 'closed form, within 4 SE (blocking)', 6));

    const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow: 'pade', initScale: 0.01 }, new Rng(2));
    const r = optimizeWavefunction(wf, harmonicOscillator({ omega: 1, interaction: 'coulomb' }), { sampler: importanceSampler({ timeStep: 0.2 }), walkers: 2, cycles: 1024, iterations: 30, optimizer: new Adam({ lr: 0.03 }) }, new Rng(3));
    rows.push(compareRow(`RBM × Padé–Jastrow, 30 short iterations (SE ${r.final.error.toFixed(4)})`, r.final.energy, 3, 0.01 + 4 * r.final.error, 'Taut (exact 3); short run, ±0.01', 6));
    writeSvg(join(out, 'vmc-quantum-dot-energy.svg'), linePlot({
      series: [
        { x: r.history.map((h) => h.iteration), y: r.history.map((h) => h.energy), yErr: r.history.map((h) => h.error), label: '⟨E_L⟩ ± blocking SE (2 walkers × 1024 cycles)' },
        { x: [0, r.history.length - 1], y: [3, 3], label: 'exact 3 (Taut)', color: '#000000' },
      ],
      title: 'Two electrons in 2-D, ω = 1: RBM × Padé–Jastrow, short run', xLabel: 'iteration', yLabel: 'energy (a.u.)',
    }));
    rows.push(compareRow('two electrons, ω = 0.5, relative radial equation', twoElectronDotEnergy(0.5), 1.65977, 2e-5, 'DMC 1.65977 (Pedersen Lohne et al. 2011)', 7));

    const gs = tfimExactGroundState(10, 1, 1);
    rows.push(compareRow('TFIM N = 10, h = J: Lanczos E₀', gs.energy, tfimClosedFormEnergy(10, 1, 1), 1e-10, 'free fermions, antiperiodic k = (2m+1)π/N', 12));

    const chain = tfimChain({ n: 6, J: 1, h: 1 });
    const psi = SpinRbmState.create(6, 1, new Rng(4));
    optimizeSpinState(psi, chain, { update: { kind: 'sr', learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 40, sweeps: 200 }, new Rng(5));
    const st = spinStatistics([runSpinBatch({ state: psi, chain, chains: createSpinChains(6, 4, new Rng(6)), equilibration: 100, sweeps: 2000 })], new Float64Array(psi.params.length));
    const e6 = tfimExactGroundState(6, 1, 1).energy;
    rows.push(compareRow(`TFIM N = 6 RBM (α = 1) after 40 SR steps (SE ${st.error.toFixed(4)})`, st.energy, e6, 0.01 * Math.abs(e6) + 4 * st.error, 'Lanczos E₀; short run, within 1%', 6));
    return rows;
  },
};
