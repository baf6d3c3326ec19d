/**
 * The worker side of {@link BrowserWorkerPool} (lib/browser/pool.ts), a module Worker:
 *  - after 'init', it waits (Atomics.waitAsync, so messages still get through) on its row of the
 *    shared control block; each bump of the sequence number posts a part of a gemm, which it
 *    computes on the shared operands, then sets its done flag and wakes the caller;
 *  - 'run': imports a module, calls the named export with the arguments, posts the result back.
 */
import { getBackend, setBackend } from '../linalg/gemm.js';
import { gemmSharedRows } from '../linalg/gemm-rows.js';
import { CONTROL_FIELDS, ControlField, type PoolInit } from './pool-control.js';

interface RunJob { kind: 'run'; id: number; url: string; exportName: string; args: unknown[] }

/** The worker global, typed without the DOM worker lib. */
const scope = globalThis as unknown as { postMessage: (msg: unknown) => void; onmessage: ((ev: { data: PoolInit | RunJob }) => void) | null };

/** Atomics.waitAsync (ES2024), typed here. */
type WaitAsync = (a: Int32Array, i: number, v: number, t?: number) => { async: boolean; value: Promise<string> | string };

/** Computes every part posted on this worker's control row, for as long as the worker lives. */
async function serveParts(init: PoolInit): Promise<void> {
  const control = new Int32Array(init.control);
  const scalars = new Float64Array(init.scalars);
  const base = init.index * CONTROL_FIELDS;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  let seen = Atomics.load(control, base + ControlField.sequence);
  for (;;) {
    const w = waitAsync(control, base + ControlField.sequence, seen);
    if (w.async) await w.value;
    const sequence = Atomics.load(control, base + ControlField.sequence);
    if (sequence === seen) continue;
    seen = sequence;
    const c = (f: number) => control[base + f];
    try {
      const backend = c(ControlField.wasm) === 1 ? 'wasm' : 'ts';
      if (getBackend() !== backend) setBackend(backend);
      gemmSharedRows({
        shared: init.operands, m: c(ControlField.m), n: c(ControlField.n), k: c(ControlField.k),
        rowStart: c(ControlField.rowStart), rowEnd: c(ControlField.rowEnd), transB: c(ControlField.transB) === 1,
        alpha: scalars[2 * init.index], beta: scalars[2 * init.index + 1],
        aOffset: c(ControlField.aOffset), bOffset: c(ControlField.bOffset), cOffset: c(ControlField.cOffset),
      });
      Atomics.store(control, base + ControlField.done, 1);
    } catch {
      Atomics.store(control, base + ControlField.done, 2);
    }
    Atomics.notify(control, base + ControlField.done);
  }
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
  const msg = ev.data;
  if (msg.kind === 'init') {
    void serveParts(msg);
    scope.postMessage({ ready: true });
  } else {
    void runJob(msg);
  }
};
