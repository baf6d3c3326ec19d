/**
 * What a tour chapter is: a title and a function that computes a few things with the library
 * and returns one row per thing, each with the library's value, the reference it is checked
 * against and where that reference comes from.
 */
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
}

export interface TourChapter {
  /** Short title, e.g. 'Random numbers'. */
  title: string;
  /** Order in the tour (foundation chapters first). */
  order: number;
  /** Runs the chapter; `out` is a folder for files (pictures) the chapter may write. */
  run: (out: string) => TourRow[] | Promise<TourRow[]>;
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
