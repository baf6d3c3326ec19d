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

/**
 * A team message: import `url`, call `exportName(init)` once for a step function, then run it
 * as part `part` of `parts` each time the caller advances the generation word of `control`
 * (layout in {@link TEAM_CONTROL}), until the stop word is set.
 */
export interface TeamJob { kind: 'team'; url: string; exportName: string; init: unknown; control: SharedArrayBuffer; part: number; parts: number; backend: string }

/**
 * Int32 word indices of a team's control buffer: the generation the caller advances for each
 * step, the stop word, one done word per part (the generation it finished, −1 if it failed),
 * and from MESSAGE the failed parts' error messages (MESSAGE_CHARS UTF-16 units per part, in
 * a Uint16Array over the same buffer after the words).
 */
export const TEAM_CONTROL = { GENERATION: 0, STOP: 1, DONE: 2, WORDS: 2 + 64, MESSAGE_CHARS: 256 } as const;

/** Loads of a control word a team member makes before it sleeps in Atomics.wait (a millisecond or two). */
export const TEAM_SPIN = 1000000;
