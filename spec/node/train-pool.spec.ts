/**
 * trainRBM with options.pool: the minibatch products split across a worker and the calling
 * thread give the same parameters, bit for bit, as training on one thread (CD-1 and PCD-2,
 * binary data and grey levels, both backends). On the wasm backend a Bernoulli RBM trained
 * with SGD takes the resident loop, whose steps the pool's team splits (lib/rbm/resident.ts):
 * it is compared here with the readable loop on one thread as well.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableBackends, BernoulliRBM, getBackend, matrix, Rng, setBackend, trainRBM, type TrainOptions } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';
import { withReadableLoop } from '../../lib/rbm/resident.js';

const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });

function data(grey: boolean): ReturnType<typeof matrix> {
  const g = new Rng(4), X = matrix(200, 64);
  for (let q = 0; q < X.data.length; q++) { const u = g.float(); X.data[q] = u < 0.7 ? 0 : grey ? u : 1; }
  return X;
}

function same(x: Float32Array, y: Float32Array): boolean {
  return x.length === y.length && x.every((v, q) => Object.is(v, y[q]));
}

test('trainRBM with a pool = trainRBM on one thread, bit for bit', async () => {
  await pool.ready();
  const before = getBackend();
  for (const backend of availableBackends()) {
    setBackend(backend);
    for (const [method, k, grey] of [['cd', 1, false], ['pcd', 2, false], ['cd', 1, true]] as const) {
      const X = data(grey);
      const options: TrainOptions = { method, k, epochs: 2, batchSize: 64, learningRate: 0.1, reconstructionError: true };
      const one = BernoulliRBM.create(64, 32, 'glorot-normal', new Rng(1));
      const two = BernoulliRBM.create(64, 32, 'glorot-normal', new Rng(1));
      const r1 = trainRBM(one, X, options, new Rng(2));
      const r2 = trainRBM(two, X, { ...options, pool }, new Rng(2));
      const tag = `${backend} ${method}-${k} grey=${grey}`;
      assert.ok(same(one.W.data, two.W.data) && same(one.a, two.a) && same(one.b, two.b), tag);
      assert.is(r1.metrics[1].reconstructionError, r2.metrics[1].reconstructionError, tag);
    }
  }
  setBackend(before);
});

test('the resident loop on a team of two = the readable loop on one thread, bit for bit', () => {
  if (getBackend() !== 'wasm') return;
  const momentum: Partial<TrainOptions> = { optimizer: 'momentum', momentum: 0.9, weightDecay: 1e-3 };
  for (const [method, k, grey, N, extra] of [['cd', 1, false, 30, {}], ['pcd', 2, false, 32, {}], ['cd', 2, true, 17, {}], ['cd', 1, false, 30, momentum], ['pcd', 1, true, 20, momentum]] as const) {
    const X = data(grey);
    let parts = 0;
    const options: TrainOptions = {
      method, k, epochs: 2, batchSize: 48, learningRate: 0.1, reconstructionError: true, binarize: grey ? 'none' : 'threshold', ...extra,
      // while the team holds the worker, a product on the pool runs on this thread alone
      onEpoch: () => { pool.gemm(matrix(64, 64), matrix(64, 512), matrix(512, 64)); parts = pool.lastParts; },
    };
    const readable = BernoulliRBM.create(64, N, 'glorot-normal', new Rng(1));
    const team = BernoulliRBM.create(64, N, 'glorot-normal', new Rng(1));
    const r1 = withReadableLoop(() => trainRBM(readable, X, { ...options, onEpoch: undefined }, new Rng(2)));
    const r2 = trainRBM(team, X, { ...options, pool }, new Rng(2));
    const tag = `${method}-${k} grey=${grey} N=${N} ${JSON.stringify(extra)}`;
    assert.is(parts, 1, `${tag}: the worker was with the team`);
    assert.ok(same(readable.W.data, team.W.data) && same(readable.a, team.a) && same(readable.b, team.b), tag);
    if (r1.chains !== null && r2.chains !== null) assert.ok(same(r1.chains.data, r2.chains.data), tag);
    assert.is(r1.metrics[1].reconstructionError, r2.metrics[1].reconstructionError, tag);
  }
});

test('the team of two with fewer than 16 probabilities per part (the wasm sigmoid\'s switch length) = the readable loop', () => {
  if (getBackend() !== 'wasm') return;
  const g = new Rng(9), X = matrix(20, 9);
  for (let q = 0; q < X.data.length; q++) X.data[q] = g.float() < 0.4 ? 1 : 0;
  for (const batchSize of [3, 4, 5]) {
    const options: TrainOptions = { method: 'cd', epochs: 2, batchSize, learningRate: 0.1 };
    const readable = BernoulliRBM.create(9, 6, 'glorot-normal', new Rng(1)), team = BernoulliRBM.create(9, 6, 'glorot-normal', new Rng(1));
    withReadableLoop(() => trainRBM(readable, X, options, new Rng(2)));
    trainRBM(team, X, { ...options, pool }, new Rng(2));
    assert.ok(same(readable.W.data, team.W.data) && same(readable.a, team.a) && same(readable.b, team.b), `batch ${batchSize}`);
  }
});

test('a pool closed during training (in onEpoch) stops trainRBM with a clear error, not a hang', async () => {
  const own = createWorkerPool({ size: 1 });
  await own.ready();
  const X = data(false);
  assert.throws(
    () => trainRBM(BernoulliRBM.create(64, 16, 'glorot-normal', new Rng(1)), X, { epochs: 3, batchSize: 50, pool: own, onEpoch: () => { void own.close(); } }, new Rng(2)),
    /the pool was closed|the pool is closed/,
  );
  await own.close();
});

test('options.pool must have gemm and sparseGemm', () => {
  assert.throws(() => trainRBM(BernoulliRBM.create(4, 2, 'hinton', new Rng(1)), matrix(4, 4), { pool: {} as never }, new Rng(1)),
    /trainRBM: options.pool must be a WorkerPool \(with gemm and sparseGemm\), got Object/);
});

test('close', async () => {
  await pool.close();
});

test.run();
