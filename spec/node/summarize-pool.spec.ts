/**
 * summarize with options.pool: the rows of several coordinates computed on a team of threads
 * (this thread and a worker taking coordinates from a shared counter) are the rows computed on
 * one thread, bit for bit — every number of a row comes from one thread's summaryNumbers on the
 * same draws. Also: a pool closed before the call is refused by name, a pool without `team`
 * (the browser's) leaves the work on this thread, and one coordinate never starts the team.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gaussianTarget, rwmSampler, runChains, Rng, summarize, type SummaryRow } from '../../lib/index.js';
import { createWorkerPool } from '../../lib/node.js';

function same(a: SummaryRow[], b: SummaryRow[]): boolean {
  return a.length === b.length && a.every((r, k) => (Object.keys(r) as (keyof SummaryRow)[]).every((key) => JSON.stringify(r[key]) === JSON.stringify(b[k][key]) && (typeof r[key] !== 'number' || Object.is(r[key], b[k][key]))));
}

const D = 5;
const target = gaussianTarget(new Array<number>(D).fill(0), Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => 0.5 ** Math.abs(i - j))));
// odd length: the middle draw of each chain is in no split chain
const result = runChains(rwmSampler({ stepSize: 0.9 }), target, { chains: 3, warmup: 0, samples: 2001, x0: new Float64Array(D), adapt: false }, new Rng(5));

test('summarize on a team of two threads gives the one-thread rows, bit for bit', async () => {
  const pool = createWorkerPool({ size: 1 });
  try {
    await pool.ready();
    const alone = summarize(result.chains, undefined);
    const team = summarize(result.chains, undefined, { pool });
    assert.ok(same(alone, team), 'rows differ');
    assert.ok(alone.every((r) => Number.isFinite(r.essBulk) && r.essBulk > 0));
    // the pool is usable again afterwards (the team released its worker)
    assert.ok(same(summarize(result.chains, ['a', 'b', 'c', 'd', 'e'], { pool }).map((r, k) => ({ ...r, name: alone[k].name })), alone));
    // one coordinate: no team needed, same row
    const one = result.chains.map((c) => Float64Array.from({ length: c.nSamples }, (_, t) => c.samples[t * D + 2]));
    assert.ok(same(summarize(one, undefined, { pool }), summarize(one)));
  } finally {
    await pool.close();
  }
});

test('summarize refuses a closed pool by name and runs on this thread for a pool without team', async () => {
  const pool = createWorkerPool({ size: 1 });
  await pool.ready();
  await pool.close();
  assert.throws(() => summarize(result.chains, undefined, { pool }), (e: Error) => e.message.startsWith('WorkerPool.team: the pool is closed'));
  const browserLike = { gemm: () => { throw new Error('unused'); } };
  assert.ok(same(summarize(result.chains, undefined, { pool: browserLike as never }), summarize(result.chains)));
  assert.throws(() => summarize(result.chains, undefined, { pool: 3 as never }), (e: Error) => e instanceof TypeError && e.message.startsWith('summarize: options.pool must be a WorkerPool'));
  assert.throws(() => summarize(result.chains, undefined, { threads: 2 } as never), (e: Error) => e.message.startsWith('summarize:'));
});

test.run();
