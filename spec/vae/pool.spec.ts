import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix } from '../../lib/linalg/matrix.js';
import { VAE, trainVAE } from '../../lib/vae/index.js';
import { createWorkerPool } from '../../lib/node/pool.js';

test('trainVAE with a WorkerPool: every product split over two threads, the same bits as one thread', async () => {
  const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });
  await pool.ready();
  try {
    const run = (withPool: boolean) => {
      const model = VAE.create({ inputSize: 30, latentSize: 3, hidden: [24, 16] }, new Rng(1));
      const data = matrix(96, 30); new Rng(2).fillUniform(data.data);
      const m = trainVAE(model, data, { epochs: 2, batchSize: 32, ...(withPool ? { pool } : {}) }, new Rng(3));
      return { losses: m.map((e) => e.trainLoss), params: model.parameters().map((p) => Array.from(p)) };
    };
    const one = run(false);
    const two = run(true);
    assert.ok(pool.lastParts > 1, 'the pool split the products');
    assert.equal(two.losses, one.losses);
    assert.equal(two.params, one.params);
  } finally {
    await pool.close();
  }
});

test('trainVAE: the sparse path (input 80 % zeros) gives the same bits as dense products, with and without a pool', async () => {
  const pool = createWorkerPool({ size: 1, minParallelFlop: 0 });
  await pool.ready();
  try {
    const run = (sparse: boolean, withPool: boolean) => {
      const model = VAE.create({ inputSize: 40, latentSize: 3, hidden: [24] }, new Rng(1));
      const data = matrix(64, 40);
      const r = new Rng(2);
      for (let i = 0; i < data.data.length; i++) data.data[i] = r.float() < 0.8 ? 0 : r.float();
      trainVAE(model, data, { epochs: 2, batchSize: 32, sparse, ...(withPool ? { pool } : {}) }, new Rng(3));
      return model.parameters().map((p) => Array.from(p));
    };
    const dense = run(false, false);
    assert.equal(run(true, false), dense);
    assert.equal(run(true, true), dense);
  } finally {
    await pool.close();
  }
});

test.run();
