/**
 * Tour chapter: the 2D Ising model (lib/ising, X-ISING). Exact enumeration reproduces the
 * course's 2×2 numbers at T = 1; Kaufman's finite-lattice formula equals enumeration on 4×4;
 * Onsager's spontaneous magnetization at T = 2; Kaufman's 256×256 energy at T_c approaches
 * Onsager's −√2 (finite-size correction a/L with |a| < 1: tolerance 1/L); and a short Wolff run
 * on 8×8 at T = 2 whose ⟨E⟩ agrees with Kaufman within 4 standard errors (blocking).
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { Rng } from '../../../lib/random/index.js';
import {
  IsingModel,
  ISING_TC,
  isingExact,
  isingKaufman,
  isingObservables,
  onsagerMagnetization,
  runIsing,
} from '../../../lib/ising/index.js';

export const chapter: TourChapter = {
  title: 'Ising model: exact enumeration, Kaufman, Onsager, Wolff',
  order: 8,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const closed = 'closed form on the 2×2 torus (each bond counted twice)';
    const e2 = isingExact(2, 1);
    rows.push(compareRow('isingExact L=2 T=1: Z', Math.exp(e2.logZ), 5973.9166450087, 1e-8, `${closed}: 2e⁸ + 12 + 2e⁻⁸`, 14));
    rows.push(compareRow('isingExact L=2 T=1: ⟨E⟩', e2.energy, -7.9839283437, 1e-9, closed, 11));
    rows.push(compareRow('isingExact L=2 T=1: ⟨|M|⟩', e2.absMagnetization, 3.994642931, 1e-9, closed, 11));
    rows.push(compareRow('isingExact L=2 T=1: ⟨M²⟩', e2.magnetization2, 15.9732151042, 1e-9, closed, 12));

    const k4 = isingKaufman(4, ISING_TC);
    const x4 = isingExact(4, ISING_TC);
    rows.push(compareRow('isingKaufman L=4 T=T_c: ln Z', k4.logZ, x4.logZ, 1e-10 * Math.abs(x4.logZ), 'isingExact L=4 (2¹⁶ states), rel. 1e−10', 15));

    rows.push(compareRow('onsagerMagnetization(2.0)', onsagerMagnetization(2.0), 0.911319, 5e-7, 'Yang (1952): (1 − sinh⁻⁴(2/T))^(1/8), 6 decimals'));

    const k256 = isingKaufman(256, ISING_TC);
    rows.push(compareRow('isingKaufman L=256 E/N at T_c', k256.energy / k256.N, -Math.SQRT2, 1 / 256, 'Onsager −√2; finite size a/L, |a| < 1: tol 1/L', 8));

    const T = 2.0;
    const model = new IsingModel({ L: 8, T, rng: new Rng(8), start: 'cold' });
    const run = runIsing(model, { update: 'wolff', thermalize: 200, samples: 4096 });
    const obs = isingObservables(run, model);
    const exact = isingKaufman(8, T).energy;
    rows.push(compareRow(`Wolff L=8 T=2: ⟨E⟩ (SE ${obs.energy.error.toFixed(3)})`, obs.energy.value, exact, 4 * obs.energy.error, 'isingKaufman L=8, within 4 SE (blocking)', 6));
    return rows;
  },
};
