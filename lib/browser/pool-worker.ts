/**
 * The worker side of {@link BrowserWorkerPool} (lib/browser/pool.ts), a module Worker:
 *  - 'gemm': computes its rows of a shared product, sets its done flag and wakes the caller;
 *  - 'run': imports a module, calls the named export with the arguments, posts the result back.
 */
import { getBackend, setBackend } from '../linalg/gemm.js';
import { gemmSharedRows, type SharedGemmJob } from '../linalg/gemm-rows.js';

interface RunJob { kind: 'run'; id: number; url: string; exportName: string; args: unknown[] }

/** The worker global, typed without the DOM worker lib. */
const scope = globalThis as unknown as { postMessage: (msg: unknown) => void; onmessage: ((ev: { data: SharedGemmJob | RunJob }) => void) | null };

function runGemm(job: SharedGemmJob): void {
  const flags = new Int32Array(job.flags);
  try {
    if (getBackend() !== job.backend) setBackend(job.backend);
    gemmSharedRows(job);
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
    if (typeof fn !== 'function') throw new TypeError(`BrowserWorkerPool.run: '${job.exportName}' is not a function exported by ${job.url}`);
    const value = await (fn as (...args: unknown[]) => unknown)(...job.args);
    scope.postMessage({ id: job.id, ok: true, value });
  } catch (e) {
    scope.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (ev) => {
  const job = ev.data;
  if (job.kind === 'gemm') runGemm(job);
  else void runJob(job);
};
scope.postMessage({ ready: true });
