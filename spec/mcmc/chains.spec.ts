import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import {
  autoregressiveProposal,
  chainColumn,
  chainColumns,
  DualAveragingStepSize,
  gaussianConditionals,
  gaussianTarget,
  gibbsSampler,
  hmcSampler,
  malaSampler,
  mhSampler,
  mixtureTarget1d,
  splitRHat,
  RobbinsMonroStepSize,
  runChains,
  rwmSampler,
  ulaSampler,
  type Sampler,
} from '../../lib/mcmc/index.js';
import { assertThrowsWith } from './helpers.js';

const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 2]]);
const all = (): Sampler[] => [
  rwmSampler(),
  mhSampler(autoregressiveProposal({ mean: [0, 0], sd: [2, 2], rho: 0.3 })),
  gibbsSampler(gaussianConditionals([0, 0], [[1, 0.5], [0.5, 2]])),
  ulaSampler({ stepSize: 0.1 }),
  malaSampler(),
  hmcSampler(),
];
const opts = { chains: 3, warmup: 300, samples: 200, x0: new Float64Array([0.5, -0.5]) };

test('the step adapts during warm-up only and is frozen for sampling (RWM, MALA, HMC); never adapted for ULA; MH and Gibbs have no step (null)', () => {
  for (const s of all()) {
    const r = runChains(s, target, opts, new Rng(1));
    for (const c of r.chains) {
      assert.ok(c.warmupAcceptance >= 0 && c.warmupAcceptance <= 1);
      assert.ok(c.acceptance >= 0 && c.acceptance <= 1);
      assert.is(c.samples.length, opts.samples * 2);
      if (s.name === 'mh' || s.name === 'gibbs') {
        assert.is(c.stepSize, null, `${s.name} has no step`);
        assert.is(c.stepSizes, null);
        continue;
      }
      const steps = c.stepSizes!;
      const frozen = steps.subarray(opts.warmup);
      if (s.name === 'hmc') {
        // Every transition draws eps in [e (1 - 0.2), e (1 + 0.2)] around the frozen e, and the
        // record holds the eps it used: all different, all inside that interval.
        const e = c.stepSize!;
        for (let t = 0; t < frozen.length; t++) assert.ok(frozen[t] >= 0.8 * e && frozen[t] <= 1.2 * e, `hmc: sampling step ${t} is ${frozen[t]}, centre ${e}`);
        assert.ok(new Set(Array.from(frozen)).size === frozen.length, 'hmc: a fresh jitter per transition');
      } else {
        for (let t = 0; t < frozen.length; t++) assert.ok(Object.is(frozen[t], c.stepSize), `${s.name}: sampling step ${t} is ${frozen[t]}, frozen ${c.stepSize}`);
      }
      const warm = steps.subarray(0, opts.warmup);
      const distinct = new Set(Array.from(warm)).size;
      if (s.adaptation === 'none') {
        assert.is(distinct, 1, `${s.name} must not adapt`);
        assert.ok(Object.is(warm[0], c.stepSize));
      } else {
        assert.ok(distinct > opts.warmup / 2, `${s.name}: the warm-up step should move (${distinct} distinct values)`);
      }
    }
    if (s.name === 'ula' || s.name === 'gibbs') assert.is(r.chains[0].acceptance, 1);
  }
});

test('adapt: false keeps the initial step for warm-up and sampling', () => {
  const r = runChains(rwmSampler({ stepSize: 0.7 }), target, { ...opts, adapt: false }, new Rng(2));
  assert.ok(r.chains[0].stepSizes!.every((v) => v === 0.7));
});

test('reproducibility: the same seed gives bit-identical chains for every sampler; chains differ from each other and from another seed', () => {
  for (const s of all()) {
    const a = runChains(s, target, opts, new Rng(77));
    const b = runChains(s, target, opts, new Rng(77));
    const c = runChains(s, target, opts, new Rng(78));
    for (let k = 0; k < opts.chains; k++) {
      assert.equal(a.chains[k].samples, b.chains[k].samples, `${s.name} chain ${k}`);
      assert.equal(a.chains[k].stepSizes, b.chains[k].stepSizes); // null for MH and Gibbs
    }
    assert.not.equal(a.chains[0].samples, a.chains[1].samples, `${s.name}: chains 0 and 1 share a stream`);
    assert.not.equal(a.chains[0].samples, c.chains[0].samples);
  }
});

test('chain c uses the c-th rng.split() stream: running chain 1 alone from the second stream reproduces it', () => {
  const two = runChains(rwmSampler({ stepSize: 1 }), target, { chains: 2, warmup: 50, samples: 100, x0: opts.x0 }, new Rng(9));
  const parent = new Rng(9);
  parent.split();
  const alone = runChains(rwmSampler({ stepSize: 1 }), target, { chains: 1, warmup: 50, samples: 100, x0: opts.x0 }, parent);
  assert.equal(alone.chains[0].samples, two.chains[1].samples);
});

test('per-chain starts: x0 as an array gives each chain its own start; chainColumn / chainColumns read one coordinate', () => {
  const starts = [new Float64Array([5, 5]), new Float64Array([-5, -5])];
  const r = runChains(rwmSampler({ stepSize: 0.01 }), target, { chains: 2, warmup: 0, samples: 3, x0: starts, adapt: false }, new Rng(4));
  assert.ok(Math.abs(r.chains[0].samples[0] - 5) < 0.1 && Math.abs(r.chains[1].samples[0] + 5) < 0.1);
  const col = chainColumn(r.chains[1], 1);
  assert.equal(Array.from(col), [r.chains[1].samples[1], r.chains[1].samples[3], r.chains[1].samples[5]]);
  const cols = chainColumns(r, 0);
  assert.is(cols.length, 2);
  assert.is(cols[0][2], r.chains[0].samples[4]);
  assert.equal(starts[0], new Float64Array([5, 5]), 'x0 is not modified');
});

test('split R-hat of sampler chains: > 1.1 for chains started in different modes that stay stuck, < 1.01 for chains started apart that mix', () => {
  // Stuck: modes at ±6 (the valley at 0 is e^-18 below the peaks) and a random walk with
  // ε = 0.5: no chain leaves its starting mode (checked). Then the lower half of the pooled
  // ranks belongs to the two left chains, the rank-normalized split halves have means ≈ ±0.80
  // (half-normal) and within variance 1 − 2/π ≈ 0.36, and bulk R-hat ≈ sqrt(1 + (8/7) 0.64/0.36)
  // ≈ 1.7 > 1.1.
  const apart = mixtureTarget1d({ means: [-6, 6], sds: [1, 1], weights: [0.5, 0.5] });
  const startsApart = [-6, -6, 6, 6].map((v) => new Float64Array([v]));
  const stuck = runChains(rwmSampler({ stepSize: 0.5 }), apart, { chains: 4, warmup: 0, samples: 2000, x0: startsApart, adapt: false }, new Rng(61));
  const cols = chainColumns(stuck, 0);
  cols.forEach((c, k) => assert.ok(c.every((v) => (k < 2 ? v < 0 : v > 0)), `chain ${k} left its mode`));
  const rStuck = splitRHat(cols);
  assert.ok(rStuck > 1.1, `stuck chains: R-hat ${rStuck}`);
  // Mixed: modes at ±3 and the wide random walk (ε = 6), chains again started in both modes
  // (−3, −3, 3, 3). 8 split chains of n = 5000 draws
  // with τ_int ≈ 8 (measured ESS ≈ 5000 of 40000 in the mixture example): B/W ≈ τ χ²₇/7, so
  // R-hat² ≈ 1 − 1/n + τ χ²₇/(7n), and R-hat < 1.01 needs χ²₇ < 7 n (0.0201 + 1/n)/τ ≈ 90,
  // P(χ²₇ > 90) ≈ 1e-15 (bulk and tail alike).
  const mix = mixtureTarget1d({ means: [-3, 3], sds: [1, 1], weights: [0.5, 0.5] });
  const starts = [-3, -3, 3, 3].map((v) => new Float64Array([v]));
  const mixed = runChains(rwmSampler({ stepSize: 6 }), mix, { chains: 4, warmup: 500, samples: 10000, x0: starts, adapt: false }, new Rng(62));
  const rMixed = splitRHat(chainColumns(mixed, 0));
  assert.ok(rMixed < 1.01, `mixed chains: R-hat ${rMixed}`);
});

test('Robbins–Monro hand values: log ε ← log ε + (t+1)^(−0.6) (α − δ)', () => {
  const a = new RobbinsMonroStepSize(1, 0.234);
  assert.ok(Math.abs(a.update(0.9) - Math.exp(0.666)) < 1e-15);
  const expected = Math.exp(0.666 + Math.pow(2, -0.6) * (0.1 - 0.234));
  assert.ok(Math.abs(a.update(0.1) - expected) < 1e-15);
  assert.is(a.finalStepSize(), a.stepSize);
});

test('dual averaging hand values (Hoffman & Gelman 2014, Algorithm 5: γ = 0.05, t0 = 10, κ = 0.75, μ = log 10ε0)', () => {
  const a = new DualAveragingStepSize(0.1, 0.8);
  const mu = Math.log(1);
  const h1 = (0.8 - 0.5) / 11;
  const logE1 = mu - (Math.sqrt(1) / 0.05) * h1;
  assert.ok(Math.abs(a.update(0.5) - Math.exp(logE1)) < 1e-14);
  const logBar1 = logE1; // m^-κ = 1 at m = 1
  const h2 = (1 - 1 / 12) * h1 + (0.8 - 0.9) / 12;
  const logE2 = mu - (Math.sqrt(2) / 0.05) * h2;
  assert.ok(Math.abs(a.update(0.9) - Math.exp(logE2)) < 1e-14);
  const eta = Math.pow(2, -0.75);
  assert.ok(Math.abs(a.finalStepSize() - Math.exp(eta * logE2 + (1 - eta) * logBar1)) < 1e-14);
});

test('both adapters converge to the root of α(ε) = δ for a deterministic acceptance curve α(ε) = e^(−ε)', () => {
  // root: ε* = −log δ; 0.8 -> 0.2231, 0.234 -> 1.4524
  const da = new DualAveragingStepSize(1, 0.8);
  for (let m = 0; m < 5000; m++) da.update(Math.exp(-da.stepSize));
  assert.ok(Math.abs(da.finalStepSize() / -Math.log(0.8) - 1) < 0.01, `dual averaging ε̄ = ${da.finalStepSize()}`);
  const rm = new RobbinsMonroStepSize(0.1, 0.234);
  for (let t = 0; t < 5000; t++) rm.update(Math.exp(-rm.stepSize));
  assert.ok(Math.abs(rm.finalStepSize() / -Math.log(0.234) - 1) < 0.01, `Robbins–Monro ε = ${rm.finalStepSize()}`);
});

test('bad input: runChains names the argument (dimension of x0, non-finite log density at the start, counts, starts)', () => {
  const r = new Rng(1);
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, x0: new Float64Array(3) }, r), RangeError, 'x0 has length 3', 'target.dim is 2');
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, x0: [1, 2] as never }, r), RangeError, 'x0 has 2 starts but chains is 3');
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, x0: new Float64Array([NaN, 0]) }, r), RangeError, 'x0[0] must be finite');
  const support = { dim: 1, logDensity: (x: Float64Array) => (x[0] > 0 ? -x[0] : -Infinity) };
  assertThrowsWith(() => runChains(rwmSampler(), support, { chains: 1, warmup: 0, samples: 1, x0: new Float64Array([-1]) }, r), RangeError, 'log density at the start x0 must be finite', '-Infinity');
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, chains: 0 }, r), RangeError, 'chains must be an integer >= 1', 'got 0');
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, warmup: -1 }, r), RangeError, 'warmup', '-1');
  assertThrowsWith(() => runChains(rwmSampler(), target, { ...opts, samples: 1.5 }, r), RangeError, 'samples', '1.5');
  assertThrowsWith(() => runChains({} as never, target, opts, r), TypeError, 'runChains: sampler');
  assertThrowsWith(() => runChains(rwmSampler(), { dim: 0, logDensity: () => 0 }, opts, r), RangeError, 'target.dim', '0');
  assertThrowsWith(() => runChains(rwmSampler(), { dim: 2 } as never, opts, r), TypeError, 'target.logDensity');
  assertThrowsWith(() => runChains(rwmSampler(), target, opts, 42 as never), TypeError, 'rng');
  assertThrowsWith(() => chainColumn(runChains(rwmSampler(), target, { ...opts, chains: 1 }, r).chains[0], 2), RangeError, 'chainColumn: k', '2');
  assertThrowsWith(() => new RobbinsMonroStepSize(0, 0.5), RangeError, 'initialStep', '0');
  assertThrowsWith(() => new DualAveragingStepSize(0.1, 1), RangeError, 'targetAcceptance', '1');
});

test.run();
