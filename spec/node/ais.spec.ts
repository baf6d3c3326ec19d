/**
 * logPartitionAISParallel (lib/node/ais.ts): runs split between a worker and the calling thread
 * give the same bits as logPartitionAIS on one thread (per-run streams, row-independent products).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BernoulliRBM, SpinRBM, logPartitionAIS, matrix, Rng } from '../../lib/index.js';
import { createWorkerPool, logPartitionAISParallel } from '../../lib/node.js';

const pool = createWorkerPool({ size: 1 });

test('parallel AIS = single-thread AIS, bit for bit (binary and spin, uneven split of 9 runs)', async () => {
  for (const kind of ['bernoulli', 'spin'] as const) {
    const g = new Rng(3);
    const W = matrix(12, 7);
    g.fillNormal(W.data, 0, 1);
    const a = g.fillNormal(new Float32Array(12), 0, 1), b = g.fillNormal(new Float32Array(7), 0, 1);
    const rbm = kind === 'spin' ? new SpinRBM(W, a, b) : new BernoulliRBM(W, a, b);
    const one = logPartitionAIS(rbm, { runs: 9, betas: 200, rng: new Rng(5), baseRate: a });
    const two = await logPartitionAISParallel(pool, rbm, { runs: 9, betas: 200, rng: new Rng(5), baseRate: a });
    assert.is(two.logWeights.length, 9);
    for (let r = 0; r < 9; r++) assert.ok(Object.is(one.logWeights[r], two.logWeights[r]), `${kind} run ${r}`);
    assert.ok(Object.is(one.logZ, two.logZ) && Object.is(one.lower, two.lower) && Object.is(one.upper, two.upper));
  }
});

test('errors', async () => {
  const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  let msg = '';
  try { await logPartitionAISParallel(pool, rbm, { runs: 1, betas: 10, rng: new Rng(1) }); } catch (e) { msg = (e as Error).message; }
  assert.is(msg, 'logPartitionAISParallel: options.runs must be an integer >= 2, got 1');
});

test('close', async () => {
  await pool.close();
});

test.run();
