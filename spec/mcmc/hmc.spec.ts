import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { gaussianTarget, hmcSampler, leapfrog, runChains } from '../../lib/mcmc/index.js';
import { assertThrowsWith } from './helpers.js';

const n01 = gaussianTarget([0], [[1]]);

test('X-HMC one leapfrog step on N(0, 1) is the linear map x1 = (1 − ε²/2) x + ε p, p1 = (1 − ε²/2) p − ε (1 − ε²/4) x', () => {
  const eps = 0.3;
  const x = new Float64Array([0.8]);
  const p = new Float64Array([-1.1]);
  const g = n01.gradLogDensity!(new Float64Array(1), x);
  leapfrog(x, p, g, n01, eps, 1);
  const x1 = (1 - eps * eps / 2) * 0.8 + eps * -1.1;
  const p1 = (1 - eps * eps / 2) * -1.1 - eps * (1 - eps * eps / 4) * 0.8;
  assert.ok(Math.abs(x[0] - x1) < 1e-15, `x ${x[0]} vs ${x1}`);
  assert.ok(Math.abs(p[0] - p1) < 1e-15, `p ${p[0]} vs ${p1}`);
  assert.ok(Math.abs(g[0] - -x1) < 1e-15, 'grad updated to the new x');
});

test('X-HMC leapfrog is reversible: flipping the momentum retraces the trajectory (2-D correlated Gaussian, 25 steps)', () => {
  const target = gaussianTarget([1, -1], [[1, 0.8], [0.8, 2]]);
  const x = new Float64Array([0.3, 0.4]);
  const p = new Float64Array([1.2, -0.7]);
  const g = target.gradLogDensity!(new Float64Array(2), x);
  leapfrog(x, p, g, target, 0.2, 25);
  p[0] = -p[0];
  p[1] = -p[1];
  leapfrog(x, p, g, target, 0.2, 25);
  assert.ok(Math.abs(x[0] - 0.3) < 1e-12 && Math.abs(x[1] - 0.4) < 1e-12, `back at ${x[0]}, ${x[1]}`);
  assert.ok(Math.abs(p[0] + 1.2) < 1e-12 && Math.abs(p[1] - 0.7) < 1e-12);
});

test('X-HMC leapfrog energy error is second order: halving ε (same total time) divides the max |ΔH| by ≈ 4', () => {
  const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
  const maxErr = (eps: number, steps: number) => {
    const x = new Float64Array([1, -0.5]);
    const p = new Float64Array([0.4, 0.9]);
    const g = target.gradLogDensity!(new Float64Array(2), x);
    const H = () => -target.logDensity(x) + 0.5 * (p[0] * p[0] + p[1] * p[1]);
    const h0 = H();
    let m = 0;
    for (let s = 0; s < steps; s++) {
      leapfrog(x, p, g, target, eps, 1);
      m = Math.max(m, Math.abs(H() - h0));
    }
    return m;
  };
  const ratio = maxErr(0.1, 50) / maxErr(0.05, 100);
  assert.ok(ratio > 3.6 && ratio < 4.4, `ratio ${ratio} (second order gives 4 + O(ε²))`);
});

test('X-HMC dual averaging brings the sampling acceptance near 0.8 on a 5-d Gaussian (specification: within 0.1)', () => {
  const target = gaussianTarget([0, 0, 0, 0, 0], [[1, 0, 0, 0, 0], [0, 2, 0, 0, 0], [0, 0, 3, 0, 0], [0, 0, 0, 4, 0], [0, 0, 0, 0, 5]]);
  const r = runChains(hmcSampler(), target, { chains: 4, warmup: 1000, samples: 1000, x0: new Float64Array(5) }, new Rng(51));
  for (const c of r.chains) assert.ok(Math.abs(c.acceptance - 0.8) < 0.1, `acceptance ${c.acceptance}`);
});

test('X-HMC a diverging trajectory (ε far beyond the stability limit 2) is rejected, not recorded', () => {
  const r = runChains(hmcSampler({ stepSize: 50, jitter: 0 }), n01, { chains: 1, warmup: 0, samples: 200, x0: new Float64Array([0.5]), adapt: false }, new Rng(3));
  assert.ok(r.chains[0].samples.every((v) => Number.isFinite(v)));
  assert.ok(r.chains[0].acceptance < 0.05, `acceptance ${r.chains[0].acceptance}`);
});

test('bad input: hmcSampler names the argument', () => {
  assertThrowsWith(() => hmcSampler({ stepSize: 0 }), RangeError, 'hmcSampler: stepSize', 'got 0');
  assertThrowsWith(() => hmcSampler({ leapfrogSteps: 0 }), RangeError, 'leapfrogSteps', '0');
  assertThrowsWith(() => hmcSampler({ jitter: 1 }), RangeError, 'jitter', '1');
  assertThrowsWith(() => hmcSampler({ targetAcceptance: 0 }), RangeError, 'targetAcceptance', '0');
  const noGrad = { dim: 1, logDensity: (v: Float64Array) => -0.5 * v[0] * v[0] };
  assertThrowsWith(() => runChains(hmcSampler(), noGrad, { chains: 1, warmup: 0, samples: 1, x0: new Float64Array(1) }, new Rng(1)), TypeError, 'hmcSampler: target.gradLogDensity is missing');
  const badGrad = { dim: 1, logDensity: (v: Float64Array) => -0.5 * v[0] * v[0], gradLogDensity: (o: Float64Array) => { o[0] = NaN; return o; } };
  assertThrowsWith(() => runChains(hmcSampler(), badGrad, { chains: 1, warmup: 0, samples: 1, x0: new Float64Array(1) }, new Rng(1)), RangeError, 'gradient of log p at the start', 'NaN');
});

test.run();
