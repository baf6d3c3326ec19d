/**
 * trainVAE's step in two phases (lib/vae/team.ts: rows of the batch, then rows of the weights,
 * Adam in wasm): on a WorkerPool's team, or on this thread alone without a pool; with a pool
 * that only has `gemm`, the readable loop with its products split. Every way: the bits of the
 * readable loop of lib/vae/train.ts (withReadableTraining), which these tests compare
 * parameter for parameter.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, type Matrix } from '../../lib/linalg/matrix.js';
import { VAE, trainVAE, type TrainVAEOptions } from '../../lib/vae/index.js';
import { withReadableTraining } from '../../lib/vae/team.js';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../lib/node/pool.js';

/** Runs fn with a started WorkerPool, and closes the pool afterwards (also when fn throws). */
async function withPool(options: WorkerPoolOptions, fn: (pool: WorkerPool) => void | Promise<void>): Promise<void> {
  const pool = createWorkerPool(options);
  await pool.ready();
  try {
    await fn(pool);
  } finally {
    await pool.close();
  }
}

/** n x D data, 70 % zeros and grey levels elsewhere (as MNIST pixels). */
function data(n: number, D: number, seed = 2): Matrix {
  const r = new Rng(seed), x = matrix(n, D);
  for (let i = 0; i < x.data.length; i++) { const u = r.float(); x.data[i] = u < 0.7 ? 0 : u; }
  return x;
}

interface Outcome { losses: number[] | null; params: number[][]; error: string | null }

/** Trains a fresh model; `readable`: train.ts's one-thread loop (the reference), else whatever trainVAE chooses. */
function train(config: { hidden: number[]; latentSize: number; likelihood?: 'bernoulli' | 'gaussian' }, x: Matrix, options: TrainVAEOptions, readable = false): Outcome {
  const model = VAE.create({ inputSize: x.cols, ...config }, new Rng(1));
  try {
    const m = readable ? withReadableTraining(() => trainVAE(model, x, options, new Rng(3))) : trainVAE(model, x, options, new Rng(3));
    return { losses: m.flatMap((e) => [e.trainLoss, e.trainReconstruction, e.trainKl]), params: model.parameters().map((p) => Array.from(p)), error: null };
  } catch (e) {
    return { losses: null, params: model.parameters().map((p) => Array.from(p)), error: (e as Error).message };
  }
}

test('trainVAE with a pool that only has gemm: the products split over two threads, the same bits as one thread', async () => {
  await withPool({ size: 1, minParallelFlop: 0 }, async (pool) => {
    const x = data(96, 30), config = { hidden: [24, 16], latentSize: 3 };
    const one = train(config, x, { epochs: 2, batchSize: 32 }, true);
    const two = train(config, x, { epochs: 2, batchSize: 32, pool: { gemm: (out, a, b, opts) => pool.gemm(out, a, b, opts) } });
    assert.ok(pool.lastParts > 1, 'the pool split the products');
    assert.equal(two, one);
  });
});

test('trainVAE with a WorkerPool: the step on a team of two = one thread, bit for bit (encoders of 0, 1, 2 layers, Gaussian, short last batches)', async () => {
  await withPool({ size: 1 }, async (pool) => {
    const cases: [string, { hidden: number[]; latentSize: number; likelihood?: 'bernoulli' | 'gaussian' }, Matrix, number][] = [
      ['784-like: one hidden layer, 150 rows in batches of 32', { hidden: [16], latentSize: 3 }, data(150, 36), 32],
      ['two hidden layers', { hidden: [12, 10], latentSize: 2 }, data(150, 36), 40],
      ['no hidden layer (heads on x)', { hidden: [], latentSize: 4 }, data(150, 36), 50],
      ['Gaussian likelihood, batches of 7', { hidden: [9], latentSize: 2, likelihood: 'gaussian' }, data(60, 36), 7],
      ['batches of 3 (parts of one and two rows)', { hidden: [8], latentSize: 2 }, data(20, 10), 3],
      ['a data set smaller than one batch', { hidden: [8], latentSize: 2 }, data(20, 10), 128],
    ];
    for (const [name, config, x, batchSize] of cases) {
      let parts = 0;
      const one = train(config, x, { epochs: 2, batchSize }, true);
      // without a pool: the two phases on this thread alone (a team of one)
      assert.equal(train(config, x, { epochs: 2, batchSize }), one, `${name}: this thread alone`);
      const two = train(config, x, {
        epochs: 2, batchSize, pool,
        // while the team holds the worker, a product on the pool runs on this thread alone
        onEpoch: () => { pool.gemm(matrix(64, 64), matrix(64, 512), matrix(512, 64)); parts = pool.lastParts; },
      });
      assert.is(parts, 1, `${name}: the worker was with the team`);
      assert.equal(two, one, name);
    }
  });
});

test('trainVAE on a team: an onEpoch that replaces a parameter array restarts Adam for it, as one thread does; a diverging run stops with the same error', async () => {
  await withPool({ size: 1 }, async (pool) => {
    const x = data(96, 30), config = { hidden: [12], latentSize: 2 };
    let parts = 0, first: Float32Array | null = null;
    // epoch 1 swaps in a copy of a bias (fresh Adam state), epoch 2 puts the first array back (its old state returns)
    const replace = (probe: boolean): TrainVAEOptions['onEpoch'] => (m, model) => {
      if (probe) { pool.gemm(matrix(64, 64), matrix(64, 512), matrix(512, 64)); parts = pool.lastParts; }
      const layer = model.decoder.layers[0];
      if (m.epoch === 1) { first = layer.b; layer.b = layer.b.slice(); }
      if (m.epoch === 2 && first !== null) { first.set(layer.b); layer.b = first; }
    };
    const one = train(config, x, { epochs: 4, batchSize: 32, onEpoch: replace(false) }, true);
    const two = train(config, x, { epochs: 4, batchSize: 32, pool, onEpoch: replace(true) });
    assert.is(parts, 1, 'the worker was with the team');
    assert.equal(two, one);
    // an array of another size: refused with a clear error (the one-thread loop's Adam refuses it too)
    const resize: TrainVAEOptions['onEpoch'] = (_m, model) => { model.decoder.layers[0].b = new Float32Array(13); };
    assert.match(String(train(config, x, { epochs: 2, batchSize: 32, pool, onEpoch: resize }).error), /decoder b\^1 has length 13 but the model it was made for has 12/);
    assert.match(String(train(config, x, { epochs: 2, batchSize: 32, onEpoch: resize }, true).error), /length 12 but params has length 13|length 13/);
    const divergedOne = train(config, x, { epochs: 2, batchSize: 32, learningRate: 1e30 }, true), divergedTwo = train(config, x, { epochs: 2, batchSize: 32, learningRate: 1e30, pool });
    assert.ok(divergedOne.error !== null && /non-finite|NaN|Infinity/.test(divergedOne.error), String(divergedOne.error));
    assert.equal(divergedTwo, divergedOne);
  });
});

test('trainVAE with a WorkerPool and an invalid option: the error, and the worker is not left with a team', async () => {
  await withPool({ size: 1, minParallelFlop: 0 }, async (pool) => {
    const x = data(64, 30);
    assert.match(String(train({ hidden: [12], latentSize: 2 }, x, { epochs: 1, pool, onProgress: 5 as never }).error), /onProgress/);
    pool.gemm(matrix(64, 64), matrix(64, 512), matrix(512, 64));
    assert.is(pool.lastParts, 2, 'the worker is free for the pool\'s products again');
  });
});

test('negative control: the comparison sees one changed pixel', async () => {
  await withPool({ size: 1 }, async (pool) => {
    const x = data(96, 30), changed = matrix(96, 30, x.data.slice());
    changed.data[100] = changed.data[100] === 0 ? 0.5 : 0;
    const config = { hidden: [12], latentSize: 2 };
    assert.not.equal(train(config, changed, { epochs: 1, batchSize: 32, pool }).params, train(config, x, { epochs: 1, batchSize: 32 }, true).params);
  });
});

test('trainVAE: the sparse path (input 80 % zeros) gives the same bits as dense products, with and without a pool', async () => {
  await withPool({ size: 1, minParallelFlop: 0 }, async (pool) => {
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
  });
});

test.run();
