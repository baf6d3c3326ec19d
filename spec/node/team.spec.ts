/**
 * WorkerPool.team (lib/node/pool.ts): every part runs every step, the caller as part 0; a
 * failing part, a missing export and a closed team give clear errors; closing returns the
 * workers to the pool.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWorkerPool } from '../../lib/node.js';
import { makeSlotStep } from '../fixtures/pool-job.js';

const job = new URL('../fixtures/pool-job.ts', import.meta.url).href;
const pool = createWorkerPool({ size: 1 });

test('a team runs each step on every part, this thread as part 0', async () => {
  await pool.ready();
  const buffer = new SharedArrayBuffer(8 * 2);
  const team = pool.team(job, 'makeSlotStep', { buffer });
  assert.is(team.parts, 2);
  const local = makeSlotStep({ buffer });
  for (let s = 0; s < 3; s++) team.run(local);
  // part p adds (p + 1)·(1 + 10 + 100) over three steps
  assert.equal(Array.from(new Float64Array(buffer)), [111, 222]);
  team.close();
  assert.throws(() => team.run(local), /WorkerPool.team: the team is closed/);
});

test('the workers are back in the pool after close', async () => {
  const r = await pool.run(job, 'normalMean', [1, 10]);
  assert.type(r, 'number');
});

test('a part that throws: run throws naming the part and the error, and the worker is free again', async () => {
  const team = pool.team(job, 'makeFailingStep', {});
  team.run(() => {});
  assert.throws(() => team.run(() => {}), /WorkerPool.team: part 1 of 2 failed: RangeError: pool-job: this step fails on purpose/);
  team.close();
  assert.type(await pool.run(job, 'normalMean', [1, 10]), 'number');
});

test('a worker that exits during a step: run throws (no hang), and the pool replaces the worker', async () => {
  const team = pool.team(job, 'makeExitingStep', {});
  team.run(() => {});
  assert.throws(() => team.run(() => {}), /WorkerPool.team: part 1 of 2 failed: Error: the worker exited during a step/);
  team.close();
  // the worker's 'exit' event reaches the pool once this thread returns to its event loop; then
  // the pool starts a replacement, and ready() waits for it
  await new Promise((resolve) => setTimeout(resolve, 200));
  await pool.ready();
  assert.type(await pool.run(job, 'normalMean', [1, 10]), 'number');
});

test('a missing export: the first run throws naming it', () => {
  const team = pool.team(job, 'noSuchStep', {});
  assert.throws(() => team.run(() => {}), /WorkerPool.team: part 1 of 2 failed: TypeError: 'noSuchStep' is not a function exported by/);
  team.close();
});

test('an error in this thread\'s part is rethrown after the workers finished theirs', () => {
  const buffer = new SharedArrayBuffer(16);
  const team = pool.team(job, 'makeSlotStep', { buffer });
  assert.throws(() => team.run(() => { throw new Error('local part failed'); }), /local part failed/);
  assert.is(new Float64Array(buffer)[1], 2, 'part 1 ran its step');
  team.close();
});

test('with every worker busy the team is this thread alone', async () => {
  const buffer = new SharedArrayBuffer(16);
  const first = pool.team(job, 'makeSlotStep', { buffer });
  const second = pool.team(job, 'makeSlotStep', { buffer });
  assert.is(second.parts, 1);
  second.run(makeSlotStep({ buffer }));
  second.close();
  first.close();
  assert.throws(() => pool.team(job, 42 as never, {}), /WorkerPool.team: exportName must be a string, got/);
});

test('close', async () => {
  await pool.close();
  assert.throws(() => pool.team(job, 'makeSlotStep', {}), /WorkerPool.team: the pool is closed/);
});

test.run();
