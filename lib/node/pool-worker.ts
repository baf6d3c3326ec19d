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
import type { GemmJob, RunJob } from './pool.js';

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
  try {
    const mod = (await import(job.url)) as Record<string, unknown>;
    const fn = mod[job.exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`WorkerPool.run: '${job.exportName}' is not a function exported by ${job.url}`);
    }
    const value = await (fn as (...args: unknown[]) => unknown)(...job.args);
    port.postMessage({ id: job.id, ok: true, value });
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

port.on('message', (job: GemmJob | RunJob) => {
  if (job.kind === 'gemm') runGemm(job);
  else void runJob(job);
});
port.postMessage({ ready: true });
