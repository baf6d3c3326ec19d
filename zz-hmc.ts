import { gaussianTarget, hmcSampler, runChains } from './lib/mcmc/index.js';
import { Rng } from './lib/random/index.js';
const target = gaussianTarget([0, 0], [[1, 0.8], [0.8, 1]]);
for (const warmup of [1000, 200]) {
  const r = runChains(hmcSampler(), target, { chains: 200, warmup, samples: 2000, x0: new Float64Array(2) }, new Rng(11));
  const acc = r.chains.map((c) => c.acceptance).sort((a, b) => a - b);
  const wacc = r.chains.map((c) => c.warmupAcceptance);
  const mean = acc.reduce((a, b) => a + b) / acc.length;
  console.log({ warmup, meanSampling: mean.toFixed(4), min: acc[0].toFixed(3), max: acc[acc.length - 1].toFixed(3), meanWarmupAcceptance: (wacc.reduce((a, b) => a + b) / wacc.length).toFixed(4) });
}
