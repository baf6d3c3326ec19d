/**
 * Tour chapter: MCMC samplers (lib/mcmc). Random-walk Metropolis reproduces N(0, 1); MALA's
 * warm-up adaptation reaches its target acceptance; ULA converges to its exact *biased*
 * stationary variance 1/(1 − λ/4) (N-LANG-01); a wide random walk splits its time equally
 * between the two modes of ½N(−3,1) + ½N(3,1). Tolerances are 4 standard errors with
 * SE = sd / sqrt(ESS), ESS = N / τ_int from the chain itself.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { Rng } from '../../../lib/random/index.js';
import {
  chainColumns,
  effectiveSampleSize,
  fromEnergy,
  gaussianTarget,
  malaSampler,
  mixtureTarget1d,
  runChains,
  rwmSampler,
  ulaSampler,
  ulaStationaryVariance,
  type RunChainsResult,
} from '../../../lib/mcmc/index.js';

/** Pooled mean of f over chains, SE = sqrt(Σ SE_c²)/C with SE_c = sd_c / sqrt(N/τ_c). */
function estimate(r: RunChainsResult, f: (v: number) => number): { mean: number; se: number } {
  const cols = chainColumns(r, 0);
  let sum = 0, var_ = 0;
  for (const x of cols) {
    const y = x.map(f);
    let m = 0;
    for (const v of y) m += v;
    m /= y.length;
    let s2 = 0;
    for (const v of y) s2 += (v - m) ** 2;
    s2 /= y.length - 1;
    sum += m;
    var_ += s2 / effectiveSampleSize(y);
  }
  return { mean: sum / cols.length, se: Math.sqrt(var_) / cols.length };
}

export const chapter: TourChapter = {
  title: 'MCMC: Metropolis, MALA, ULA and a two-mode mixture',
  order: 7,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const rng = new Rng(7);
    const opts = { chains: 4, warmup: 1000, samples: 5000 };

    const n01 = gaussianTarget([0], [[1]]);
    const rwm = runChains(rwmSampler(), n01, { ...opts, x0: new Float64Array([0]) }, rng.split());
    const m = estimate(rwm, (v) => v);
    const v = estimate(rwm, (v) => v * v);
    rows.push(compareRow(`RWM on N(0,1): mean (SE ${m.se.toFixed(3)})`, m.mean, 0, 4 * m.se, 'exact 0, within 4 SE', 4));
    rows.push(compareRow(`RWM on N(0,1): E x² (SE ${v.se.toFixed(3)})`, v.mean, 1, 4 * v.se, 'exact 1, within 4 SE', 4));

    const target5 = gaussianTarget([0, 0, 0, 0, 0], [[1, 0, 0, 0, 0], [0, 2, 0, 0, 0], [0, 0, 3, 0, 0], [0, 0, 0, 4, 0], [0, 0, 0, 0, 5]]);
    const mala = runChains(malaSampler(), target5, { ...opts, warmup: 2000, samples: 2000, x0: new Float64Array(5) }, rng.split());
    const acc = mala.chains.reduce((s, c) => s + c.acceptance, 0) / mala.chains.length;
    rows.push(compareRow('MALA on a 5-d Gaussian: acceptance after warm-up', acc, 0.574, 0.05, 'adaptation target (Roberts & Rosenthal 1998), spec ±0.05', 4));

    const lambda = 0.3;
    const quadratic = fromEnergy({ dim: 1, energy: (x) => 0.5 * x[0] * x[0], gradEnergy: (o, x) => { o[0] = x[0]; return o; } });
    const ula = runChains(ulaSampler({ stepSize: lambda }), quadratic, { chains: 4, warmup: 200, samples: 25000, x0: new Float64Array([0]) }, rng.split());
    const u = estimate(ula, (x) => x * x);
    rows.push(compareRow(`ULA λ=0.3 on E=x²/2: variance (SE ${u.se.toFixed(3)})`, u.mean, ulaStationaryVariance(lambda), 4 * u.se, 'exact biased 1/(1 − λ/4), N-LANG-01', 4));

    const mix = mixtureTarget1d({ means: [-3, 3], sds: [1, 1], weights: [0.5, 0.5] });
    const wide = runChains(rwmSampler({ stepSize: 6 }), mix, { ...opts, samples: 10000, x0: new Float64Array([-3]), adapt: false }, rng.split());
    const p = estimate(wide, (x) => (x > 0 ? 1 : 0));
    rows.push(compareRow(`mixture ±3: P(x > 0), RWM ε=6 (SE ${p.se.toFixed(3)})`, p.mean, 0.5, 4 * p.se, 'exact 1/2 by symmetry, within 4 SE', 4));
    return rows;
  },
};
