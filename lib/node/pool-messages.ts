/**
 * The messages between {@link WorkerPool} (lib/node/pool.ts) and its workers
 * (lib/node/pool-worker.ts), in a file of their own so that neither side imports the other.
 * Not part of the public API.
 */
import type { SharedGemmJob } from '../linalg/gemm-rows.js';

/** A job message sent to a worker: its rows of a shared product (lib/linalg/gemm-rows.ts), with an id. */
export interface GemmJob extends SharedGemmJob {
  id: number;
}

/** A job message sent to a worker: import `url`, call its export `exportName` with `args`. */
export interface RunJob { kind: 'run'; id: number; url: string; exportName: string; args: unknown[] }

/** A worker's answer to a RunJob: the value, or the error's class name and a full message. */
export interface JobReply { id: number; ok: boolean; value?: unknown; error?: string; errorName?: string }
