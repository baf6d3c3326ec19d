/**
 * The progress reporter (lib/progress): throttling against a fake clock, the printed line's
 * rate and ETA (exact for a fake clock), the redraw/whole-line modes, option checks, and the
 * hooks in runChains and runIsing (updates reach the total, results are unchanged by reporting).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProgressReporter, formatProgress, progressReporter, type ProgressInfo } from '../../lib/progress/index.js';
import { formatDuration } from '../../lib/progress/progress.js';
import { Rng } from '../../lib/random/index.js';
import { gaussianTarget, runChains, rwmSampler } from '../../lib/mcmc/index.js';
import { IsingModel, runIsing } from '../../lib/ising/index.js';
import { throwsMsg } from '../assert-error.js';
import { Adam, SGD, createMLP, matrix, trainMLP, trainEBM, ulaSettings, VAE, trainVAE } from '../../lib/index.js';

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; t: number } {
  const c = { t: 100, now: () => c.t };
  return c;
}

test('updates are throttled to one per interval however often update() is called', () => {
  const clock = fakeClock();
  const seen: ProgressInfo[] = [];
  const p = new ProgressReporter('loop', 10_000, { onProgress: (i) => seen.push(i), interval: 0.25, now: clock.now });
  // 10 000 calls spread evenly over 2 seconds: at most 2 / 0.25 = 8 reports, then finish.
  for (let k = 1; k <= 10_000; k++) {
    clock.t = 100 + (2 * k) / 10_000;
    p.update(k);
  }
  p.finish();
  assert.ok(seen.length >= 2 && seen.length <= 9, `${seen.length} updates for 2 s at 4 per second (+1 final)`);
  for (let q = 1; q < seen.length - 1; q++) {
    assert.ok(seen[q].elapsedSeconds - seen[q - 1].elapsedSeconds >= 0.25 - 1e-12, 'reports at least 0.25 s apart');
  }
  const last = seen[seen.length - 1];
  assert.is(last.finished, true);
  assert.is(last.done, 10_000);
});

test('rate and ETA follow from the clock: 50 of 200 done after 1 s is 50/s and 3 s to go', () => {
  const clock = fakeClock();
  const seen: ProgressInfo[] = [];
  const p = new ProgressReporter('runIsing', 200, { onProgress: (i) => seen.push(i), interval: 0.5, now: clock.now, unit: 'sweeps' });
  clock.t = 101;
  p.update(50);
  assert.is(seen.length, 1);
  assert.is(seen[0].rate, 50);
  assert.is(seen[0].etaSeconds, 3);
  assert.is(formatProgress(seen[0]), 'runIsing [#####...............]  25%  50/200 sweeps  50.0 sweeps/s  ETA 3.0 s');
});

test('the printed line: redraw mode rewrites one line and ends it; line mode prints whole lines', () => {
  const clock = fakeClock();
  let out = '';
  const p = new ProgressReporter('a', 4, { progress: true, interval: 1, now: clock.now, write: (s) => { out += s; }, redraw: true });
  clock.t = 101; p.update(1);
  clock.t = 102; p.update(2);
  p.finish();
  assert.is(out.split('\r').length - 1, 3, 'three redraws');
  assert.ok(out.endsWith('\n') && !out.slice(0, -1).includes('\n'), 'one newline, at the end');
  assert.ok(out.includes('4/4 steps') && out.includes('in 2.0 s'), out);
  let lines = '';
  const q = new ProgressReporter('b', 4, { progress: true, interval: 1, now: clock.now, write: (s) => { lines += s; }, redraw: false });
  clock.t = 104; q.update(3);
  q.finish();
  assert.is(lines.split('\n').length - 1, 2);
  assert.not.ok(lines.includes('\r'));
});

test('formatDuration: seconds, minutes, hours', () => {
  assert.is(formatDuration(0.42), '0.4 s');
  assert.is(formatDuration(12.4), '12 s');
  assert.is(formatDuration(185), '3 min 05 s');
  assert.is(formatDuration(3720), '1 h 02 min');
  assert.is(formatDuration(NaN), '?');
});

test('progressReporter: null when nobody listens; bad options named', () => {
  assert.is(progressReporter('x', 10, undefined), null);
  assert.is(progressReporter('x', 10, {}), null);
  assert.is(progressReporter('x', 10, { progress: false }), null);
  assert.ok(progressReporter('x', 10, { onProgress: () => {} }) instanceof ProgressReporter);
  throwsMsg(() => progressReporter('runIsing', 10, { progress: 'yes' as unknown as boolean }), TypeError, 'runIsing: progress must be true or false, got string');
  throwsMsg(() => progressReporter('runIsing', 10, { onProgress: 3 as unknown as () => void }), TypeError, 'runIsing: onProgress must be a function, got number');
  throwsMsg(() => new ProgressReporter('x', -1), RangeError, 'ProgressReporter: total must be a finite number >= 0, got -1');
});

test('runChains reports up to chains × (warmup + samples) and its samples do not change', () => {
  const target = gaussianTarget([0], [[1]]);
  const opts = { chains: 3, warmup: 100, samples: 400, x0: new Float64Array(1) };
  const plain = runChains(rwmSampler(), target, opts, new Rng(5));
  const seen: ProgressInfo[] = [];
  const watched = runChains(rwmSampler(), target, { ...opts, onProgress: (i) => seen.push(i) }, new Rng(5));
  const last = seen[seen.length - 1];
  assert.is(last.finished, true);
  assert.is(last.done, 1500);
  assert.is(last.total, 1500);
  assert.is(last.label, 'runChains rwm');
  for (let c = 0; c < 3; c++) assert.equal(Array.from(watched.chains[c].samples), Array.from(plain.chains[c].samples));
});

test('runIsing reports sweeps (thermalize + samples × sweepsPerSample) and its samples do not change', () => {
  for (const update of ['metropolis', 'wolff'] as const) {
    const opts = { update, thermalize: 20, samples: 30, sweepsPerSample: 2 };
    const a = runIsing(new IsingModel({ L: 8, T: 2.2, rng: new Rng(9) }), opts);
    const seen: ProgressInfo[] = [];
    const b = runIsing(new IsingModel({ L: 8, T: 2.2, rng: new Rng(9) }), { ...opts, onProgress: (i) => seen.push(i) });
    const last = seen[seen.length - 1];
    assert.is(last.finished, true, update);
    assert.is(last.done, 80, update);
    assert.is(last.unit, 'sweeps');
    assert.equal(Array.from(b.energy), Array.from(a.energy), update);
  }
});

test('the training loops report the same way: trainMLP, trainEBM and trainVAE reach their step totals with a note, results unchanged', () => {
  const rng = new Rng(3);
  const X = matrix(10, 2), Y = matrix(10, 1);
  rng.fillUniform(X.data, -1, 1);
  rng.fillUniform(Y.data, -1, 1);
  // trainMLP: 3 epochs of ceil(10 / 4) = 3 steps
  const mlp = () => createMLP([2, 4, 1], undefined, new Rng(1));
  const plainNet = mlp(), watchedNet = mlp();
  trainMLP(plainNet, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.1 }), epochs: 3, batchSize: 4 }, new Rng(2));
  const seen: ProgressInfo[] = [];
  trainMLP(watchedNet, X, Y, { loss: 'mse', optimizer: new SGD({ lr: 0.1 }), epochs: 3, batchSize: 4, onProgress: (i) => seen.push(i) }, new Rng(2));
  let last = seen[seen.length - 1];
  assert.is(last.finished, true);
  assert.is(last.done, 9);
  assert.is(last.total, 9);
  assert.match(last.note, /^epoch 3\/3 {2}loss \S+$/);
  assert.equal(Array.from(watchedNet.layers[0].W.data), Array.from(plainNet.layers[0].W.data));
  // trainEBM: 2 epochs of floor(10 / 5) = 2 steps
  const ebmSeen: ProgressInfo[] = [];
  trainEBM(createMLP([2, 4, 1], { hidden: 'tanh' }, new Rng(1)), X, {
    epochs: 2, batchSize: 5, alpha: 0.1, bufferSize: 8, reinitProbability: 0.05, initRange: [-1, 1],
    langevin: ulaSettings(0.01, 2), optimizer: new Adam({ lr: 1e-3 }), onProgress: (i) => ebmSeen.push(i),
  }, new Rng(4));
  last = ebmSeen[ebmSeen.length - 1];
  assert.is(last.done, 4);
  assert.is(last.total, 4);
  assert.match(last.note, /^epoch 2\/2 {2}loss \S+$/);
  // trainVAE: 2 epochs of ceil(10 / 4) = 3 steps
  const vaeSeen: ProgressInfo[] = [];
  const data = matrix(10, 6);
  rng.fillUniform(data.data, 0, 1);
  trainVAE(VAE.create({ inputSize: 6, latentSize: 2, hidden: [4] }, new Rng(1)), data, { epochs: 2, batchSize: 4, onProgress: (i) => vaeSeen.push(i) }, new Rng(5));
  last = vaeSeen[vaeSeen.length - 1];
  assert.is(last.done, 6);
  assert.is(last.total, 6);
  assert.match(last.note, /^epoch 2\/2 {2}loss \S+ {2}KL \S+$/);
});

test.run();
