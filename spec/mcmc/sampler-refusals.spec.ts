/**
 * Samplers refuse what they cannot do, and report what they did:
 * - mhSampler checks the proposal's dimension against the target before sampling (a 2-d proposal
 *   on a 3-d target used to run with acceptance 1 and leave x[2] at its start; a 4-d one made
 *   every log acceptance NaN and rejected every move);
 * - a NaN from the proposal's log density, like a NaN or +Infinity from the target's, stops the run
 *   with an error naming the chain and the transition (runChains) instead of a silent rejection;
 * - DualAveragingStepSize computes exactly Stan's step sequence and final step (a transcription of
 *   Stan's stepsize_adaptation::learn_stepsize below, from its published source), and HMC records
 *   the jittered step each transition used.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import {
  DualAveragingStepSize,
  autoregressiveProposal,
  gaussianTarget,
  hmcSampler,
  mhSampler,
  runChains,
  type LogDensity,
  type Proposal,
} from '../../lib/mcmc/index.js';
import { throwsWith } from '../assert-error.js';

const target3 = gaussianTarget([0, 0, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
const opts = { chains: 2, warmup: 10, samples: 50, x0: new Float64Array(3) };

test('mhSampler refuses a proposal of another dimension before sampling, and one without a dim', () => {
  const p2 = autoregressiveProposal({ mean: [0, 0], sd: [1, 1], rho: 0.5 });
  const p4 = autoregressiveProposal({ mean: [0, 0, 0, 0], sd: [1, 1, 1, 1], rho: 0.5 });
  assert.is(p2.dim, 2);
  throwsWith(() => runChains(mhSampler(p2), target3, opts, new Rng(1)), RangeError, 'mhSampler: the proposal is 2-dimensional but target.dim is 3');
  throwsWith(() => runChains(mhSampler(p4), target3, opts, new Rng(1)), RangeError, 'mhSampler: the proposal is 4-dimensional but target.dim is 3');
  const noDim = { sample: p2.sample, logDensity: p2.logDensity } as unknown as Proposal;
  throwsWith(() => mhSampler(noDim), RangeError, 'mhSampler: proposal.dim must be a positive integer', 'undefined');
  // The right dimension runs.
  const ok = runChains(mhSampler(autoregressiveProposal({ mean: [0, 0, 0], sd: [1, 1, 1], rho: 0.5 })), target3, opts, new Rng(1));
  assert.is(ok.chains[0].stepSize, null);
});

/** A 3-d autoregressive proposal whose log density turns NaN once the chain has moved x[0] above `limit`. */
function proposalNaNBeyond(limit: number): Proposal {
  const base = autoregressiveProposal({ mean: [0, 0, 0], sd: [1, 1, 1], rho: 0 });
  return { dim: 3, sample: base.sample, logDensity: (to, from) => (to[0] > limit ? NaN : base.logDensity(to, from)) };
}

test('a NaN from the proposal\'s log density stops runChains, naming the chain, the transition and the density', () => {
  let caught: unknown;
  try { runChains(mhSampler(proposalNaNBeyond(0.5)), target3, { ...opts, warmup: 0, samples: 1000 }, new Rng(2)); } catch (e) { caught = e; }
  assert.instance(caught, RangeError);
  const msg = (caught as Error).message;
  assert.ok(/^runChains: chain 0, sampling transition \d+ of 1000: metropolisHastingsStep: proposal\.logDensity\(/.test(msg), msg);
  assert.ok(msg.includes('is NaN'), msg);
});

test('a NaN or +Infinity from the target at a proposed state stops runChains, naming chain and transition', () => {
  const bad = (value: number): LogDensity => ({
    dim: 3,
    logDensity: (x) => (x[1] > 1 ? value : target3.logDensity(x)),
  });
  for (const value of [NaN, Infinity]) {
    let caught: unknown;
    try { runChains(mhSampler(autoregressiveProposal({ mean: [0, 0, 0], sd: [1, 1, 1], rho: 0 })), bad(value), { ...opts, samples: 2000 }, new Rng(3)); } catch (e) { caught = e; }
    assert.instance(caught, RangeError);
    const msg = (caught as Error).message;
    assert.ok(/^runChains: chain 0, (warm-up|sampling) transition \d+ of \d+: metropolisHastingsStep: target\.logDensity returned /.test(msg), msg);
    assert.ok(msg.includes(`returned ${value} at a proposed state`), msg);
  }
});

/**
 * Stan's dual averaging (stan/mcmc/stepsize_adaptation.hpp), transcribed: restart() sets
 * counter = s_bar = x_bar = 0; learn_stepsize clips the statistic at 1, then
 * eta = 1/(counter + t0), s_bar = (1 - eta) s_bar + eta (delta - stat),
 * x = mu - s_bar sqrt(counter) / gamma, x_eta = counter^-kappa,
 * x_bar = (1 - x_eta) x_bar + x_eta x, epsilon = exp(x); complete_adaptation sets
 * epsilon = exp(x_bar). mu = log(10 epsilon_0), gamma = 0.05, t0 = 10, kappa = 0.75.
 */
function stanDualAveraging(epsilon0: number, delta: number, stats: number[]): { steps: number[]; final: number } {
  const mu = Math.log(10 * epsilon0);
  const gamma = 0.05;
  const t0 = 10;
  const kappa = 0.75;
  let counter = 0;
  let sBar = 0;
  let xBar = 0;
  const steps: number[] = [];
  for (let stat of stats) {
    counter++;
    stat = stat > 1 ? 1 : stat;
    const eta = 1 / (counter + t0);
    sBar = (1 - eta) * sBar + eta * (delta - stat);
    const x = mu - (sBar * Math.sqrt(counter)) / gamma;
    const xEta = Math.pow(counter, -kappa);
    xBar = (1 - xEta) * xBar + xEta * x;
    steps.push(Math.exp(x));
  }
  return { steps, final: Math.exp(xBar) };
}

test('DualAveragingStepSize gives Stan\'s steps and Stan\'s final step exp(x_bar), to the last bit, on the statistics of a real HMC warm-up', () => {
  // Record the acceptance statistics of an HMC warm-up, then replay them through both.
  const target = gaussianTarget([0, 0], [[1, 0.8], [0.8, 1]]);
  const chain = hmcSampler({ jitter: 0 }).init(target, new Float64Array(2));
  const ours = new DualAveragingStepSize(chain.stepSize!, 0.8);
  const rng = new Rng(4);
  const stats: number[] = [];
  const steps: number[] = [];
  for (let m = 0; m < 500; m++) {
    chain.step(rng);
    stats.push(chain.acceptanceProbability);
    chain.stepSize = ours.update(chain.acceptanceProbability);
    steps.push(chain.stepSize);
  }
  const stan = stanDualAveraging(0.5 * Math.pow(2, -0.25), 0.8, stats);
  for (let m = 0; m < stats.length; m++) assert.is(steps[m], stan.steps[m], `step ${m}`);
  assert.is(ours.finalStepSize(), stan.final);
  // What it targets: the t0-weighted warm-up average of alpha equals delta up to
  // H_bar_M = gamma (mu - log eps_M) / sqrt(M) (see docs/mcmc.md).
  const hBar = (0.05 * (Math.log(10 * 0.5 * Math.pow(2, -0.25)) - Math.log(steps[499]))) / Math.sqrt(500);
  assert.ok(Math.abs(hBar) < 0.01, `H_bar = ${hBar}`);
});

test('HMC records the jittered step each transition used; the centre is the frozen step', () => {
  const target = gaussianTarget([0, 0], [[1, 0.8], [0.8, 1]]);
  const r = runChains(hmcSampler({ jitter: 0.2 }), target, { chains: 1, warmup: 100, samples: 200, x0: new Float64Array(2) }, new Rng(5));
  const c = r.chains[0];
  const sampling = c.stepSizes!.subarray(100);
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of sampling) { lo = Math.min(lo, e); hi = Math.max(hi, e); }
  assert.ok(lo >= 0.8 * c.stepSize! && hi <= 1.2 * c.stepSize!, `[${lo}, ${hi}] around ${c.stepSize}`);
  // 200 uniform draws on [0.8, 1.2] eps: the range covers most of it (P(range < 0.3 of 0.4) ~ 1e-23).
  assert.ok(hi - lo > 0.3 * c.stepSize!, `range ${hi - lo}`);
  // jitter 0: every sampling transition uses exactly the frozen step.
  const r0 = runChains(hmcSampler({ jitter: 0 }), target, { chains: 1, warmup: 100, samples: 50, x0: new Float64Array(2) }, new Rng(5));
  assert.ok(r0.chains[0].stepSizes!.subarray(100).every((e) => e === r0.chains[0].stepSize));
});

test.run();
