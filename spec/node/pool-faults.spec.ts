/**
 * Faults in the Node worker pool (lib/node/pool.ts) reach the caller as clear errors, the pool
 * stays usable afterwards (or is closed, when close() was the fault), and nothing hangs: every
 * await below races a 30 s timer, and a child process that goes through the faults must exit by
 * itself.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkerPool } from '../../lib/node.js';
import { matrix } from '../../lib/index.js';
import { normalMean } from '../fixtures/pool-job.js';

const job = new URL('../fixtures/pool-job.ts', import.meta.url).href;
const LIMIT_MS = 30_000;
/** One pool for the first four tests (each leaves it usable, which is the point). */
const pool = createWorkerPool({ size: 1 });

/** `p`, or a rejection saying what hung after LIMIT_MS. */
function withinLimit<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not settle within ${LIMIT_MS} ms`)), LIMIT_MS); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The error `p` rejects with (fails if it resolves). */
async function rejection(what: string, p: Promise<unknown>): Promise<Error> {
  try {
    await withinLimit(what, p);
  } catch (e) {
    assert.instance(e, Error);
    return e as Error;
  }
  assert.unreachable(`${what} resolved; expected an error`);
  throw new Error('unreachable');
}

/** The pool still runs jobs correctly. */
async function stillWorks(pool: ReturnType<typeof createWorkerPool>, what: string): Promise<void> {
  const got = await withinLimit(`${what}: the next job`, pool.run<number>(job, 'normalMean', [5, 100]));
  assert.is(got, normalMean(5, 100), `${what}: the pool is usable afterwards`);
}

test('a job that throws: the caller gets the error with its class, naming the export and module; the pool stays usable', async () => {
  const e = await rejection('fails', pool.run(job, 'fails'));
  assert.instance(e, RangeError);
  assert.is(e.message, `WorkerPool.run: 'fails' of ${job} threw RangeError: pool-job: this job fails on purpose`);
  await stillWorks(pool, 'after a throwing job');
});

test('a worker that exits mid-job: the job rejects with the exit code, a fresh worker replaces it', async () => {
  const e = await rejection('exits', pool.run(job, 'exits'));
  assert.match(e.message, `WorkerPool.run: the worker running 'exits' of ${job} exited with code 3 before the job finished (the pool replaced the worker)`);
  await stillWorks(pool, 'after an exit');
  assert.is(pool.size, 1);
});

test('a worker that dies of an uncaught error, during a job and after one: the job rejects naming the error; the pool stays usable', async () => {
  const e = await rejection('diesMidJob', pool.run(job, 'diesMidJob'));
  assert.match(e.message, "the worker running 'diesMidJob'");
  assert.match(e.message, 'died of an uncaught TypeError: pool-job: uncaught, mid-job');
  await stillWorks(pool, 'after an uncaught error mid-job');
  // The job returns, then its worker dies: the answer arrives, and once the replacement has
  // started (a job sent in between would fail naming the uncaught error) jobs run again.
  assert.is(await withinLimit('throwsLater', pool.run<number>(job, 'throwsLater')), 1);
  await withinLimit('the worker dies', new Promise((r) => setTimeout(r, 200)));
  await withinLimit('the replacement starts', pool.ready());
  await stillWorks(pool, 'after an uncaught error after a job');
});

test('a module that does not exist, an export that is not a function, a result that cannot be sent: each rejects by name', async () => {
  const missing = pathToFileURL(fileURLToPath(new URL('../fixtures/no-such-module.ts', import.meta.url))).href;
  const e1 = await rejection('import', pool.run(missing, 'f'));
  assert.ok(e1.message.startsWith(`WorkerPool.run: cannot import ${missing}: `), e1.message);
  const e2 = await rejection('export', pool.run(job, 'noSuchExport'));
  assert.instance(e2, TypeError);
  assert.is(e2.message, `WorkerPool.run: 'noSuchExport' is not a function exported by ${job} (got undefined)`);
  const e3 = await rejection('unsendable', pool.run(job, 'unsendable'));
  assert.instance(e3, TypeError);
  assert.match(e3.message, "WorkerPool.run: the job's result cannot be sent back to the caller");
  await stillWorks(pool, 'after the three');
});

test('close() during a job: the job rejects ("the pool was closed while ... was running"), close resolves, the pool then refuses work', async () => {
  await withinLimit('start', pool.ready());
  const running = pool.run(job, 'after', [60_000, 1]); // would take a minute
  await withinLimit('start', new Promise((r) => setTimeout(r, 200)));
  const closing = pool.close();
  const e = await rejection('after', running);
  assert.is(e.message, `WorkerPool.run: the pool was closed while 'after' of ${job} was running`);
  await withinLimit('close', closing);
  const e2 = await rejection('run after close', pool.run(job, 'normalMean', [1, 10]));
  assert.is(e2.message, 'WorkerPool.run: the pool is closed');
  assert.throws(() => pool.gemm(matrix(1, 1), matrix(1, 1), matrix(1, 1)), /WorkerPool.gemm: the pool is closed/);
});

test('no hang: a process that goes through every fault and closes its pool exits by itself', () => {
  const lib = pathToFileURL(fileURLToPath(new URL('../../lib/node.ts', import.meta.url))).href;
  const script = `
    import { createWorkerPool } from ${JSON.stringify(lib)};
    const job = ${JSON.stringify(job)};
    const pool = createWorkerPool({ size: 1 });
    for (const name of ['fails', 'exits', 'diesMidJob', 'noSuchExport']) await pool.run(job, name).catch(() => {});
    const pending = pool.run(job, 'after', [60000, 1]).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 100));
    await pool.close();
    console.log(await pending);
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: LIMIT_MS, encoding: 'utf8' });
  assert.is(r.error, undefined, `the child did not exit within ${LIMIT_MS} ms`);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), 'closed');
});

test.run();
