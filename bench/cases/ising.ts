/**
 * 2D Ising updates on a 128×128 periodic lattice (N = 16384 spins), one core. Unit 'steps':
 * single-spin flip attempts (work = N per sweep) for Metropolis / heat-bath / checkerboard, and
 * Wolff clusters (work = 1 per call) for the cluster update, and Wolff spin flips (work = N per
 * call on average). Each model is thermalized in
 * setup (200 sweeps, or 200 clusters for Wolff), so the timed calls see equilibrium states.
 * The mean Wolff cluster size at T_c on 128² is about 5·10³ spins (print it with
 * `npx tsx bench/ising-autocorr.ts`); clusters/s × size gives spins flipped per second.
 */
import type { BenchCase } from '../harness.js';
import { IsingModel, ISING_TC } from '../../lib/ising/index.js';
import { Rng } from '../../lib/random/index.js';

const L = 128;
const N = L * L;

function lazyModel(T: number, seed: number, warm: (m: IsingModel) => void): { get: () => IsingModel; setup: () => void } {
  let model: IsingModel | undefined;
  return {
    get: () => model!,
    setup: () => {
      if (model) return;
      model = new IsingModel({ L, T, rng: new Rng(seed), start: T < ISING_TC ? 'cold' : 'random' });
      for (let t = 0; t < 200; t++) warm(model);
    },
  };
}

const sweep = (m: IsingModel) => { m.sweep(); };
const met15 = lazyModel(1.5, 1, sweep);
const metTc = lazyModel(ISING_TC, 2, sweep);
const met35 = lazyModel(3.5, 3, sweep);
const refTc = lazyModel(ISING_TC, 8, sweep);
const heatTc = lazyModel(ISING_TC, 4, (m) => { m.heatBathSweep(); });
const checkTc = lazyModel(ISING_TC, 5, (m) => { m.checkerboardSweep('metropolis'); });
const wolffTc = lazyModel(ISING_TC, 6, (m) => { m.wolffStep(); });
const wolffFlips = lazyModel(ISING_TC, 7, (m) => { m.wolffStep(); });

// Wolff by flipped spins: each call grows clusters until the total flipped since the start
// reaches calls·N, so a call does N spin flips on average (the overshoot is carried over).
let flipDebt = 0;
function wolffSweepEquivalent(): void {
  const m = wolffFlips.get();
  flipDebt += N;
  while (flipDebt > 0) flipDebt -= m.wolffStep();
}

export const cases: BenchCase[] = [
  { name: 'ising/metropolis sweep 128^2 T=1.5', group: 'ising', work: N, unit: 'steps', setup: met15.setup, run: () => { met15.get().sweep(); } },
  { name: 'ising/metropolis sweep 128^2 T=Tc', group: 'ising', work: N, unit: 'steps', setup: metTc.setup, run: () => { metTc.get().sweep(); } },
  { name: 'ising/metropolis sweep 128^2 T=3.5', group: 'ising', work: N, unit: 'steps', setup: met35.setup, run: () => { met35.get().sweep(); } },
  // The readable reference (an exp per site, words through rng.nextUint32()): what the fast loop buys.
  { name: 'ising/reference metropolis sweep 128^2 T=Tc', group: 'ising', work: N, unit: 'steps', setup: refTc.setup, run: () => { refTc.get().referenceSweep('metropolis'); }, baseline: 'ising/metropolis sweep 128^2 T=Tc' },
  { name: 'ising/heat-bath sweep 128^2 T=Tc', group: 'ising', work: N, unit: 'steps', setup: heatTc.setup, run: () => { heatTc.get().heatBathSweep(); }, baseline: 'ising/metropolis sweep 128^2 T=Tc' },
  { name: 'ising/checkerboard sweep 128^2 T=Tc', group: 'ising', work: N, unit: 'steps', setup: checkTc.setup, run: () => { checkTc.get().checkerboardSweep('metropolis'); }, baseline: 'ising/metropolis sweep 128^2 T=Tc' },
  // 1 cluster per call: the rate prints as ~0.00 M/s; read clusters/s as 1 / median.
  { name: 'ising/wolff cluster 128^2 T=Tc', group: 'ising', work: 1, unit: 'steps', setup: wolffTc.setup, run: () => { wolffTc.get().wolffStep(); } },
  // N flipped spins per call on average (steps = spin flips), against Metropolis attempts.
  { name: 'ising/wolff N flips 128^2 T=Tc', group: 'ising', work: N, unit: 'steps', setup: wolffFlips.setup, run: wolffSweepEquivalent, baseline: 'ising/metropolis sweep 128^2 T=Tc' },
];
