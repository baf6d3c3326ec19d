/**
 * trainRBM with options.pool: the minibatch products split across a worker and the calling
 * thread give the same parameters, bit for bit, as training on one thread (CD-1 and PCD-2,
 * binary data and grey levels, both backends).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableBackends, BernoulliRBM, getBackend, matrix, Rng, setBackend, trainRBM, type TrainOptions } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';

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

test('options.pool must have gemm and sparseGemm', () => {
  assert.throws(() => trainRBM(BernoulliRBM.create(4, 2, 'hinton', new Rng(1)), matrix(4, 4), { pool: {} as never }, new Rng(1)),
    /trainRBM: options.pool must be a WorkerPool \(with gemm and sparseGemm\), got Object/);
});

test('close', async () => {
  await pool.close();
});

test.run();
