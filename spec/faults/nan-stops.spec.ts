/**
 * NaN or ±Infinity entering a training or sampling loop — in the data, in the parameters, or
 * from a target's log density or gradient — stops the loop with an error that says at which
 * step and which quantity, never a silently NaN result or a silently rejected move. One row per
 * loop of the library; each row names the loop, provokes the fault, and lists the pieces the
 * message must contain (the loop's name, the step, the quantity).
 */
import { test } from 'uvu';
import { Rng, matrix } from '../../lib/index.js';
import {
  autoregressiveProposal, gaussianConditionals, gaussianTarget, gibbsSampler, hmcSampler, malaSampler, mhSampler,
  randomWalkMetropolis, runChains, rwmSampler, ulaSampler, type LogDensity, type Sampler,
} from '../../lib/mcmc/index.js';
import { BernoulliRBM, trainRBM } from '../../lib/rbm/index.js';
import { Adam, SGD } from '../../lib/optim/index.js';
import { createMLP, trainMLP } from '../../lib/nn/index.js';
import { VAE, createAutoencoder, trainAutoencoder, trainVAE } from '../../lib/vae/index.js';
import { trainEBM } from '../../lib/ebm/index.js';
import { throwsWith as throwsWithBase } from '../assert-error.js';

/** throwsWith, printing the message under NAN_VERBOSE (to read them all). */
function throwsWith(fn: () => unknown, cls: ErrorConstructor, ...pieces: string[]): void {
  if (process.env.NAN_VERBOSE) { try { fn(); } catch (e) { console.log((e as Error).message); } }
  throwsWithBase(fn, cls, ...pieces);
}

/** A 2-D standard normal whose log density (or gradient) is `bad` wherever x[0] > 1. */
function faultyTarget(bad: number, where: 'logDensity' | 'gradient'): LogDensity {
  const base = gaussianTarget([0, 0], [[1, 0], [0, 1]]);
  return {
    dim: 2,
    logDensity: (x) => (where === 'logDensity' && x[0] > 1 ? bad : base.logDensity(x)),
    gradLogDensity: (out, x) => {
      base.gradLogDensity!(out, x);
      if (where === 'gradient' && x[0] > 1) out[1] = bad;
      return out;
    },
  };
}

const run = (s: Sampler, target: LogDensity) => runChains(s, target, { chains: 2, warmup: 50, samples: 2000, x0: new Float64Array(2) }, new Rng(1));
const transition = /^runChains: chain \d, (warm-up|sampling) transition \d+ of \d+: /;

/** throwsWith plus a check that the message starts with `start`. */
function stops(fn: () => unknown, start: RegExp, ...pieces: string[]): void {
  let message = '';
  throwsWith(() => { try { fn(); } catch (e) { message = (e as Error).message; throw e; } }, RangeError, ...pieces);
  if (!start.test(message)) throw new Error(`message "${message}" does not start with ${start}`);
}

test('MCMC loops: a NaN or +Infinity log density, a NaN gradient, an update writing NaN stop runChains naming chain, transition and quantity', () => {
  for (const bad of [NaN, Infinity]) {
    stops(() => run(rwmSampler(), faultyTarget(bad, 'logDensity')), transition, 'randomWalkMetropolisStep: target.logDensity returned', String(bad));
    stops(() => run(mhSampler(autoregressiveProposal({ mean: [0, 0], sd: [2, 2], rho: 0 })), faultyTarget(bad, 'logDensity')), transition, 'metropolisHastingsStep: target.logDensity returned', String(bad));
    stops(() => run(malaSampler(), faultyTarget(bad, 'logDensity')), transition, 'malaStep: target.logDensity returned', String(bad));
    stops(() => run(hmcSampler(), faultyTarget(bad, 'logDensity')), transition, 'hmcStep: target.logDensity returned', String(bad));
  }
  stops(() => run(malaSampler(), faultyTarget(NaN, 'gradient')), transition, 'malaStep: target.gradLogDensity returned gradient[1] = NaN');
  // ULA: a NaN gradient, and a step so large that the state blows up.
  stops(() => run(ulaSampler({ stepSize: 0.1 }), faultyTarget(NaN, 'gradient')), transition, 'ulaSampler: target.gradLogDensity returned gradient[1] = NaN at a finite state');
  stops(() => run(ulaSampler({ stepSize: 1e3 }), gaussianTarget([0, 0], [[1, 0], [0, 1]])), transition, 'ulaSampler: the state became non-finite', 'is too large for this target');
  // Gibbs: an update that writes NaN.
  const [u0, u1] = gaussianConditionals([0, 0], [[1, 0.5], [0.5, 1]]);
  let calls = 0;
  const breaking = (x: Float64Array, rng: Rng) => { u1(x, rng); if (++calls > 300) x[1] = NaN; };
  stops(() => run(gibbsSampler([u0, breaking]), gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]])), transition, 'gibbsSampler: the sweep left x[1] = NaN');
  // The notes' one-call Metropolis loop names its step.
  stops(() => randomWalkMetropolis(faultyTarget(NaN, 'logDensity'), new Float64Array(2), 1, 5000, new Rng(2)), /^randomWalkMetropolis: step \d+ of 5000: /, 'target.logDensity returned NaN');
});

test('RBM training: NaN data is refused naming the entry; parameters that become non-finite stop it naming epoch, batch and parameter', () => {
  const rng = new Rng(3);
  const data = matrix(8, 4);
  for (let i = 0; i < data.data.length; i++) data.data[i] = rng.float() < 0.5 ? 1 : 0;
  const bad = matrix(8, 4, data.data.slice());
  bad.data[2 * 4 + 1] = NaN;
  throwsWith(() => trainRBM(BernoulliRBM.create(4, 3, 'glorot-normal', rng), bad, { method: 'cd', epochs: 2, batchSize: 4, learningRate: 0.1 }, rng), RangeError, 'trainRBM', '[2', '1]', 'NaN');
  throwsWith(() => trainRBM(BernoulliRBM.create(4, 3, 'glorot-normal', rng), data, { method: 'cd', epochs: 50, batchSize: 4, learningRate: 1e39 }, rng), RangeError, 'trainRBM', 'epoch', 'batch', 'non-finite');
});

test('MLP, autoencoder, VAE and EBM training: NaN data or a diverging step stops with the step and the quantity', () => {
  const rng = new Rng(4);
  const X = matrix(8, 2);
  const Y = matrix(8, 1);
  for (let i = 0; i < 16; i++) X.data[i] = rng.normal();
  for (let i = 0; i < 8; i++) Y.data[i] = X.data[2 * i] - X.data[2 * i + 1];
  const Xbad = matrix(8, 2, X.data.slice());
  Xbad.data[5] = NaN;
  throwsWith(() => trainMLP(createMLP([2, 3, 1], undefined, rng), Xbad, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.1 }), epochs: 2, batchSize: 4 }, rng), RangeError, 'trainMLP: X[2, 1] is NaN; the data must be finite');
  throwsWith(() => trainMLP(createMLP([2, 3, 1], undefined, rng), X, Y, { loss: 'mse', optimizer: new SGD({ lr: 1e30 }), epochs: 50, batchSize: 2 }, rng), RangeError, 'trainMLP', 'epoch', 'step');
  const P = matrix(16, 4);
  for (let i = 0; i < P.data.length; i++) P.data[i] = rng.float() < 0.5 ? 1 : 0;
  const Pbad = matrix(16, 4, P.data.slice());
  Pbad.data[9] = Infinity;
  throwsWith(() => trainAutoencoder(createAutoencoder({ inputSize: 4, codeSize: 2, hidden: [3] }, rng), Pbad, { epochs: 2, batchSize: 4, learningRate: 0.01, loss: 'bceWithLogits' }, rng), RangeError, '[2, 1] is Infinity; the data must be finite');
  throwsWith(() => trainVAE(VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng), Pbad, { epochs: 1, batchSize: 4 }, rng), RangeError, 'trainVAE: data[2, 1] is Infinity');
  throwsWith(() => trainVAE(VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng), P, { epochs: 30, batchSize: 4, learningRate: 1e30 }, rng), Error, 'trainVAE: step', 'epoch', 'non-finite');
  const E = matrix(32, 1);
  for (let i = 0; i < 32; i++) E.data[i] = rng.normal();
  E.data[7] = NaN;
  throwsWith(() => trainEBM(createMLP([1, 4, 1], { hidden: 'tanh' }, rng), E, {
    epochs: 2, batchSize: 8, alpha: 0, bufferSize: 64, reinitProbability: 0.05, initRange: [-3, 3],
    langevin: { steps: 5, stepSize: 0.01, noiseSd: 0.1 }, optimizer: new Adam({ lr: 1e-2 }),
  }, rng), RangeError, 'trainEBM: data[7, 0] is NaN; the data must be finite');
});

test.run();
