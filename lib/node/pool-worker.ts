/**
 * The worker side of {@link WorkerPool} (lib/node/pool.ts). It waits for messages:
 *  - 'gemm': computes rows [rowStart, rowEnd) of C = alpha A op(B) + beta C on views of the
 *    shared buffer (with sparseGemm when the job says so), then sets its done flag and wakes
 *    the caller (Atomics.notify);
 *  - 'run': imports a module, calls the named export with the arguments, posts the result back.
 */
import { parentPort } from 'node:worker_threads';
import { getBackend, setBackend } from '../linalg/gemm.js';
import { gemmSharedRows } from '../linalg/gemm-rows.js';
import { TEAM_CONTROL, TEAM_SPIN, type GemmJob, type JobReply, type RunJob, type TeamJob } from './pool-messages.js';

if (!parentPort) throw new Error('pool-worker: must run inside a worker thread');
const port = parentPort;

function runGemm(job: GemmJob): void {
  const flags = new Int32Array(job.flags);
  try {
    if (getBackend() !== job.backend) setBackend(job.backend);
    gemmSharedRows(job); // checked by WorkerPool.gemm / sparseGemm
    Atomics.store(flags, job.doneIndex, 1);
  } catch {
    Atomics.store(flags, job.doneIndex, 2);
  }
  Atomics.notify(flags, job.doneIndex);
}

async function runJob(job: RunJob): Promise<void> {
  const what = `'${job.exportName}' of ${job.url}`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(job.url)) as Record<string, unknown>;
  } catch (e) {
    reply({ id: job.id, ok: false, errorName: 'Error', error: `WorkerPool.run: cannot import ${job.url}: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  const fn = mod[job.exportName];
  if (typeof fn !== 'function') {
    reply({ id: job.id, ok: false, errorName: 'TypeError', error: `WorkerPool.run: '${job.exportName}' is not a function exported by ${job.url} (got ${typeof fn})` });
    return;
  }
  try {
    const value = await (fn as (...args: unknown[]) => unknown)(...job.args);
    reply({ id: job.id, ok: true, value });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply({ id: job.id, ok: false, errorName: err.name, error: `WorkerPool.run: ${what} threw ${err.name}: ${err.message}` });
  }
}

/**
 * A team member: gets its step function from the module once, then runs it at every new
 * generation of the control buffer and reports the generation it finished, until the stop
 * word is set. Blocks this worker's message loop meanwhile (the pool sends it nothing else).
 * A failure (import, missing export, a throwing step) is written into the control buffer as
 * done = −1 and a message, and the worker leaves the team.
 */
async function runTeam(job: TeamJob): Promise<void> {
  const w = new Int32Array(job.control, 0, TEAM_CONTROL.WORDS);
  const done = TEAM_CONTROL.DONE + job.part;
  const fail = (e: unknown): void => {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const n = TEAM_CONTROL.MESSAGE_CHARS, chars = new Uint16Array(job.control, 4 * TEAM_CONTROL.WORDS + 2 * n * job.part, n);
    for (let i = 0; i < n - 1 && i < text.length; i++) chars[i] = text.charCodeAt(i);
    Atomics.store(w, done, -1);
    Atomics.notify(w, done);
  };
  // A worker that ends mid-team (process.exit in a step) says so, or the caller would wait for ever.
  const onExit = (): void => fail(new Error('the worker exited during a step'));
  process.on('exit', onExit);
  try {
    let step: (part: number, parts: number) => void;
    try {
      if (getBackend() !== job.backend) setBackend(job.backend as 'ts' | 'wasm');
      const make = ((await import(job.url)) as Record<string, unknown>)[job.exportName];
      if (typeof make !== 'function') throw new TypeError(`'${job.exportName}' is not a function exported by ${job.url}`);
      step = make(job.init) as (part: number, parts: number) => void;
    } catch (e) {
      fail(e);
      return;
    }
    let seen = 0;
    for (;;) {
      // Spin a little before sleeping: the next step usually comes within microseconds (the
      // caller only draws random numbers in between), and a wake-up from Atomics.wait costs more.
      for (let spin = 0; spin < TEAM_SPIN && Atomics.load(w, TEAM_CONTROL.GENERATION) === seen; spin++);
      Atomics.wait(w, TEAM_CONTROL.GENERATION, seen);
      const generation = Atomics.load(w, TEAM_CONTROL.GENERATION);
      if (generation === seen) continue;
      seen = generation;
      if (Atomics.load(w, TEAM_CONTROL.STOP) !== 0) return;
      try {
        step(job.part, job.parts);
      } catch (e) {
        fail(e);
        return;
      }
      Atomics.store(w, done, generation);
      Atomics.notify(w, done);
    }
  } finally {
    process.off('exit', onExit);
  }
}

/** Posts a reply; a value that cannot be cloned becomes an error reply instead of a lost job. */
function reply(msg: JobReply): void {
  try {
    port.postMessage(msg);
  } catch (e) {
    port.postMessage({ id: msg.id, ok: false, errorName: 'TypeError', error: `WorkerPool.run: the job's result cannot be sent back to the caller: ${e instanceof Error ? e.message : String(e)}` });
  }
}

port.on('message', (job: GemmJob | RunJob | TeamJob) => {
  if (job.kind === 'gemm') runGemm(job);
  else if (job.kind === 'team') void runTeam(job);
  else void runJob(job);
});
port.postMessage({ ready: true });
