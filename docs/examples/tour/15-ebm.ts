/**
 * Tour chapter: an energy-based model trained with model samples (N-LANG-03). The Gaussian family
 * E_θ(x) = θ₂x²/2 − θ₁x trained by the contrastive update with MALA negatives settles where the
 * model's mean and variance equal the data's (θ₁/θ₂ and 1/θ₂); and an MLP energy handed to the MCMC
 * module through mlpEnergy has the input gradient finite differences give.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { Rng } from '../../../lib/random/index.js';
import { effectiveSampleSize, fromEnergy, malaStep, type MalaState } from '../../../lib/mcmc/index.js';
import { contrastiveLossBackward, mlpEnergy } from '../../../lib/ebm/index.js';
import { createMLP, gradcheck } from '../../../lib/nn/index.js';

export const chapter: TourChapter = {
  title: 'Energy-based models: contrastive training with Langevin/MALA negatives',
  order: 15,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const rng = new Rng(72);
    const n = 1000;
    const data = Float64Array.from({ length: n }, () => 1 + 0.7 * rng.normal());
    let m1 = 0, m2 = 0;
    for (const x of data) { m1 += x / n; m2 += (x * x) / n; }
    const theta = new Float64Array([0, 1]);
    const target = fromEnergy({
      dim: 1,
      energy: (x) => (theta[1] * x[0] * x[0]) / 2 - theta[0] * x[0],
      gradEnergy: (out, x) => { out[0] = theta[1] * x[0] - theta[0]; return out; },
    });
    const chains: MalaState[] = Array.from({ length: n }, () => ({
      x: new Float64Array([rng.normal()]), logp: 0, grad: new Float64Array(1), xNew: new Float64Array(1), gradNew: new Float64Array(1), acceptanceProbability: NaN,
    }));
    const ePos = new Float64Array(n), eNeg = new Float64Array(n), dPos = new Float64Array(n), dNeg = new Float64Array(n);
    const T = 300, window = 150;
    const avg = [0, 0];
    const err1 = new Float64Array(window), err2 = new Float64Array(window);
    for (let t = 0; t < T; t++) {
      let s1 = 0, s2 = 0;
      for (const c of chains) {
        c.logp = target.logDensity(c.x);
        target.gradLogDensity!(c.grad, c.x);
        malaStep(c, target, 1 / theta[1], rng);
        s1 += c.x[0] / n;
        s2 += c.x[0] ** 2 / n;
      }
      if (t >= T - window) { // the negative phase's Monte Carlo error at this step
        const mean = theta[0] / theta[1];
        err1[t - (T - window)] = s1 - mean;
        err2[t - (T - window)] = s2 - (1 / theta[1] + mean * mean);
      }
      for (let b = 0; b < n; b++) {
        ePos[b] = (theta[1] * data[b] ** 2) / 2 - theta[0] * data[b];
        eNeg[b] = (theta[1] * chains[b].x[0] ** 2) / 2 - theta[0] * chains[b].x[0];
      }
      contrastiveLossBackward(dPos, dNeg, ePos, eNeg, 0); // ∂L/∂E: +1/B for data, −1/B for samples
      let g1 = 0, g2 = 0;
      for (let b = 0; b < n; b++) {
        g1 -= dPos[b] * data[b] + dNeg[b] * chains[b].x[0]; //              ∂E/∂θ₁ = −x
        g2 += (dPos[b] * data[b] ** 2 + dNeg[b] * chains[b].x[0] ** 2) / 2; // ∂E/∂θ₂ = x²/2
      }
      theta[0] -= 0.5 * g1;
      theta[1] -= 0.5 * g2;
      if (t >= T - window) { avg[0] += theta[0] / window; avg[1] += theta[1] / window; }
    }
    // Tolerance: the averaged iterate misses the fixed point by the window-average of the negative
    // phase's Monte Carlo error; 4 × its standard error sd/√ESS (ESS from the series' own
    // autocorrelation); Var = E[x²] − E[x]², so its SE adds 2|m| times the mean's.
    const se = (e: Float64Array) => {
      let m = 0, v = 0;
      for (const x of e) m += x / e.length;
      for (const x of e) v += (x - m) ** 2 / (e.length - 1);
      return Math.sqrt(v / effectiveSampleSize(e));
    };
    const se1 = se(err1), seVar = se(err2) + 2 * Math.abs(m1) * se1;
    rows.push(compareRow('Gaussian family: model mean θ₁/θ₂ after training', avg[0] / avg[1], m1, 4 * se1, 'the data mean (fixed point of the update); 4 SE', 5));
    rows.push(compareRow('Gaussian family: model variance 1/θ₂ after training', 1 / avg[1], m2 - m1 * m1, 4 * seVar, 'the data variance (fixed point of the update); 4 SE', 5));
    // the network as an EnergyModel: ∇ₓE against finite differences
    const net = createMLP([3, 8, 1], { hidden: 'tanh', precision: 'float64' }, new Rng(4));
    const model = mlpEnergy(net);
    const x = new Float64Array([0.2, -0.5, 1.1]);
    const fd = gradcheck(() => model.energy(x), [x], [model.gradEnergy!(new Float64Array(3), x)]);
    rows.push(compareRow('mlpEnergy: ∇ₓE by back-propagation vs central differences', fd.maxError, 0, 1e-8, 'finite differences (h = 1e-6)', 3));
    return rows;
  },
};
