/**
 * The step that computes rows of summarize (./summary.ts): every thread of a team (and the
 * calling thread alone, without a pool) runs it on the same shared arrays, taking the next
 * coordinate from a shared counter until none is left, with its own table of normal scores and
 * work arrays. A row is computed by one thread from the same inputs either way, so the numbers
 * do not depend on the number of threads.
 */
import { RankScores, RankWorkspace, SUMMARY_COLUMNS, summaryNumbers } from './diagnostics.js';

/** The shared arrays of one summary: the draws, the rows' numbers, the next coordinate. */
export interface SummaryTeamInit {
  /** Float64: coordinate k of draw t of chain c at k m n + c n + t. */
  data: ArrayBufferLike;
  /** Float64: the numbers of row k (SUMMARY_COLUMNS order) at 8 k. */
  results: ArrayBufferLike;
  /** Int32: the next coordinate to take. */
  next: ArrayBufferLike;
  /** Chains, draws per chain, coordinates. */
  m: number;
  n: number;
  dim: number;
}

/**
 * The team step for `init`: takes coordinates from init.next (Atomics.add) and writes their rows
 * to init.results until every coordinate is taken.
 *
 * @example
 * ```ts
 * const m = 1, n = 8, dim = 1;
 * const data = new Float64Array([0.1, 0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.0]);
 * const results = new Float64Array(8);
 * summaryStep({ data: data.buffer, results: results.buffer, next: new ArrayBuffer(4), m, n, dim })(0, 1);
 * results[0]; // the mean of the draws, 0.1375
 * ```
 */
export function summaryStep(init: SummaryTeamInit): (part: number, parts: number) => void {
  const { m, n, dim } = init;
  const S = m * n;
  const width = SUMMARY_COLUMNS.length;
  const data = new Float64Array(init.data);
  const results = new Float64Array(init.results);
  const next = new Int32Array(init.next);
  let scores: RankScores | null = null;
  let workspace: RankWorkspace | null = null;
  return () => {
    for (;;) {
      const k = Atomics.add(next, 0, 1);
      if (k >= dim) return;
      scores ??= new RankScores(2 * m * Math.floor(n / 2));
      workspace ??= new RankWorkspace(S);
      summaryNumbers(data.subarray(k * S, (k + 1) * S), m, n, scores, workspace, results, width * k);
    }
  };
}
