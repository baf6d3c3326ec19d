/**
 * What a tour chapter is: a title and a function that computes a few things with the library
 * and returns one row per thing, each with the library's value, the reference it is checked
 * against and where that reference comes from.
 *
 * A chapter is a file `docs/examples/tour/NN-name.ts` exporting `chapter`; `npm run tour` finds
 * it, orders chapters by `order`, and selects it with `--chapter name` (the file name without
 * its number). Only `title`, `order` and `run` are required.
 */
import type { ProgressReporter } from '../../../lib/progress/index.js';

export interface TourRow {
  /** What was computed, in a few words. */
  what: string;
  /** Our value, formatted. */
  value: string;
  /** The reference value, formatted ('' when the row is a measurement without a reference). */
  reference: string;
  /** Where the reference comes from (exact math, a paper, an independent computation). */
  source: string;
  /** Whether the value agrees with the reference within the stated tolerance. */
  ok: boolean;
  /** Seconds this row's computation took, if the chapter measured it (shown in the final table). */
  seconds?: number;
}

/** What the tour passes to a chapter besides the output folder (chapters may ignore it). */
export interface TourContext {
  /** `--quick`: use the shortest settings that still check something. */
  quick: boolean;
  /**
   * A progress bar for a step that takes longer than about 2 s: the tour shows it on the
   * chapter's line (done/total, rate, ETA). Call `update(done)` freely (it is throttled) and
   * `finish()` at the end.
   */
  progress: (label: string, total: number, unit?: string) => ProgressReporter;
}

export interface TourChapter {
  /** Short title, e.g. 'Random numbers'. */
  title: string;
  /** Order in the tour (foundation chapters first). */
  order: number;
  /**
   * Runs the chapter; `out` is this chapter's own folder for files (pictures: .svg and .png are
   * shown in tour-output/index.html, .txt as text). The tour always passes `context`; it is
   * optional so a spec can call `chapter.run(dir)` directly.
   */
  run: (out: string, context?: TourContext) => TourRow[] | Promise<TourRow[]>;
  /** The docs page the chapter belongs to, relative to the repository root, e.g. 'docs/ising.md'. */
  docs?: string;
}

/** A row for a number compared with a reference within an absolute tolerance. */
export function compareRow(what: string, value: number, reference: number, tol: number, source: string, digits = 6): TourRow {
  return {
    what,
    value: value.toPrecision(digits),
    reference: reference.toPrecision(digits),
    source,
    ok: Math.abs(value - reference) <= tol,
  };
}
