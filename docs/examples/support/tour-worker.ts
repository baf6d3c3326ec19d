/**
 * Runs one tour chapter in a worker thread, so the tour's main thread stays free to show a
 * live counter (and the chapter's progress bar) while the chapter computes, and so a chapter's
 * global settings (the gemm backend) cannot leak into the next one.
 *
 * Receives { file, out, quick }; posts { kind: 'progress', info } while running, then
 * { kind: 'done', rows, seconds } or { kind: 'error', message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ProgressReporter, type ProgressInfo } from '../../../lib/progress/index.js';
import type { TourChapter, TourContext } from '../tour/chapter.js';

interface Job { file: string; out: string; quick: boolean }

if (!parentPort) throw new Error('tour-worker: must run inside a worker thread');
const port = parentPort;
const job = workerData as Job;

const context: TourContext = {
  quick: job.quick,
  progress: (label: string, total: number, unit = 'steps') => new ProgressReporter(label, total, {
    unit,
    interval: 0.25,
    onProgress: (info: ProgressInfo) => port.postMessage({ kind: 'progress', info }),
  }),
};

try {
  const mod = (await import(pathToFileURL(job.file).href)) as { chapter?: TourChapter };
  if (!mod.chapter) throw new Error(`${job.file} exports no chapter`);
  mkdirSync(job.out, { recursive: true });
  const t0 = performance.now();
  const rows = await mod.chapter.run(job.out, context);
  const seconds = (performance.now() - t0) / 1000;
  if (!Array.isArray(rows)) throw new TypeError(`the chapter returned ${typeof rows}, not an array of rows`);
  port.postMessage({ kind: 'done', rows, seconds });
} catch (e) {
  port.postMessage({ kind: 'error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
}
