/**
 * Tour chapter: annealed importance sampling (Salakhutdinov & Murray 2008). log Z of RBMs with
 * strong weights (N(0, 1), so far from independent units) estimated by AIS and compared with
 * exact enumeration: a 20 x 20 binary RBM and a 12 x 12 spin RBM, 100 runs each.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { BernoulliRBM, SpinRBM, logPartitionAIS, logPartitionExact, type RBM } from '../../../lib/rbm/index.js';
import { matrix } from '../../../lib/linalg/index.js';
import { Rng } from '../../../lib/random/index.js';

function randomRBM(kind: 'bernoulli' | 'spin', n: number, seed: number): RBM {
  const g = new Rng(seed);
  const W = matrix(n, n, g.fillNormal(new Float32Array(n * n), 0, 1));
  const a = g.fillNormal(new Float32Array(n), 0, 1), b = g.fillNormal(new Float32Array(n), 0, 1);
  return kind === 'spin' ? new SpinRBM(W, a, b) : new BernoulliRBM(W, a, b);
}

export const chapter: TourChapter = {
  title: 'Annealed importance sampling: log Z against exact enumeration',
  order: 10,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    for (const [kind, n, steps] of [['bernoulli', 20, 1000], ['spin', 12, 2000]] as const) {
      const rbm = randomRBM(kind, n, 1);
      const exact = logPartitionExact(rbm);
      const ais = logPartitionAIS(rbm, { runs: 100, betas: steps, rng: new Rng(101) });
      rows.push(compareRow(`${kind} ${n}x${n}, W ~ N(0,1): log Z by AIS (100 runs, ${steps} steps)`, ais.logZ, exact, 0.1,
        `exact enumeration of 2^${n} states (logPartitionExact); tolerance 0.1 nats`, 7));
      rows.push({
        what: `${kind} ${n}x${n}: ±3 SE interval of the AIS estimate`,
        value: `[${ais.lower.toFixed(3)}, ${ais.upper.toFixed(3)}]`,
        reference: `contains ${exact.toFixed(3)}`,
        source: 'exact log Z',
        ok: ais.lower <= exact && exact <= ais.upper,
      });
    }
    return rows;
  },
};
