/**
 * One way to report progress on a long run, used by runChains, runIsing, trainRBM, the tour and
 * the examples: a throttled line on stderr (a bar, the count, the rate and the ETA) and/or an
 * `onProgress` callback for programs. Updates are limited to a few per second however often the
 * loop reports, so a progress line never costs the loop more than a clock read every so often.
 *
 * Browser-safe: with no `process.stderr` (a browser) the line goes to `console.log` instead, at
 * most once a second.
 */
import { checkOptionKeys, describe } from '../checks/index.js';

/** What a progress update carries (to `onProgress` and into the printed line). */
export interface ProgressInfo {
  /** What is running, e.g. 'runChains rwm'. */
  label: string;
  /** Units done so far (0 ≤ done ≤ total). */
  done: number;
  /** Units in the whole run. */
  total: number;
  /** Name of a unit, e.g. 'steps', 'sweeps', 'epochs'. */
  unit: string;
  /** Seconds since the reporter was created. */
  elapsedSeconds: number;
  /** Units per second so far (0 before the first unit). */
  rate: number;
  /** Estimated seconds to the end at the rate so far (NaN before the first unit). */
  etaSeconds: number;
  /** True on the last update (from `finish()`). */
  finished: boolean;
  /** What the loop last said about itself, e.g. 'epoch 12/300  KL 0.53' ('' if nothing). */
  note: string;
}

/**
 * How a function that takes long reports progress: `progress: true` prints the throttled line on
 * stderr, `onProgress` receives the same updates (at the same throttled rate) as objects.
 *
 * @example
 * const bar = { value: 0, set(fraction: number) { this.value = fraction; } }; // e.g. a <progress> element
 * const options: ProgressOptions = { progress: true, onProgress: (p) => bar.set(p.done / p.total) };
 */
export interface ProgressOptions {
  /** Print a throttled progress line (bar, count, rate, ETA) on stderr [false]. */
  progress?: boolean;
  /** Called with each throttled update and once at the end. */
  onProgress?: (info: ProgressInfo) => void;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions extends ProgressOptions {
  /** Name of a unit ['steps']. */
  unit?: string;
  /** Minimum seconds between two updates [0.25: at most four a second]. */
  interval?: number;
  /** Clock in seconds (tests pass a fake one) [performance.now() / 1000]. */
  now?: () => number;
  /** Where the printed line goes [stderr in Node, console.log in a browser]. */
  write?: (text: string) => void;
  /** Whether `write` redraws one line with '\r' (a terminal) or prints whole lines [stderr.isTTY]. */
  redraw?: boolean;
}

interface Stderr { write(s: string): unknown; isTTY?: boolean; columns?: number }

/** process.stderr where it exists (Node, Deno, Bun), without importing anything Node-only. */
function stderr(): Stderr | null {
  const p = (globalThis as { process?: { stderr?: Stderr } }).process;
  return p !== undefined && p.stderr !== undefined && typeof p.stderr.write === 'function' ? p.stderr : null;
}

/**
 * Seconds as a short human string: '0.4 s', '12 s', '3 min 05 s', '1 h 02 min'.
 *
 * @example
 * formatDuration(185); // '3 min 05 s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A rate with a k/M suffix: 950, 12.3k, 4.56M. */
function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toPrecision(3)}M`;
  if (r >= 1e4) return `${(r / 1e3).toPrecision(3)}k`;
  if (r >= 100) return r.toFixed(0);
  return r.toPrecision(3);
}

/**
 * The printed form of an update: `label [#####.....]  45%  4,500/10,000 steps  12.3k steps/s  ETA 0.4 s`.
 *
 * @example
 * formatProgress({ label: 'runIsing', done: 50, total: 200, unit: 'sweeps', elapsedSeconds: 1, rate: 50, etaSeconds: 3, finished: false, note: '' });
 * // 'runIsing [#####...............]  25%  50/200 sweeps  50.0 sweeps/s  ETA 3.0 s'
 */
export function formatProgress(p: ProgressInfo, barWidth = 20): string {
  if (p === null || typeof p !== 'object' || typeof p.label !== 'string' || typeof p.unit !== 'string' || typeof p.done !== 'number' || typeof p.total !== 'number') {
    throw new TypeError(`formatProgress: p must be a ProgressInfo { label, done, total, unit, ... }, got ${describe(p)}`);
  }
  if (!Number.isInteger(barWidth) || barWidth < 0) throw new RangeError(`formatProgress: barWidth must be a non-negative integer, got ${describe(barWidth)}`);
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(frac * barWidth);
  const bar = barWidth > 0 ? ` [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]` : '';
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const count = `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} ${p.unit}`;
  const rate = p.rate > 0 ? `  ${formatRate(p.rate)} ${p.unit}/s` : '';
  const tail = p.finished ? `  in ${formatDuration(p.elapsedSeconds)}` : Number.isFinite(p.etaSeconds) ? `  ETA ${formatDuration(p.etaSeconds)}` : '';
  return `${p.label}${bar} ${pct}  ${count}${rate}${tail}${p.note ? `  ${p.note}` : ''}`;
}

/**
 * A throttled progress reporter. Call `update(done)` as often as convenient (each call only reads
 * the clock every `checkEvery` calls and reports at most every `interval` seconds), then
 * `finish()` once. With neither `progress` nor `onProgress` set, use {@link progressReporter},
 * which returns null, so a loop pays nothing.
 *
 * @example
 * const p = new ProgressReporter('my loop', 1e6, { progress: true, unit: 'steps' });
 * let sum = 0;
 * const work = () => { sum += Math.sqrt(sum + 1); };
 * for (let t = 0; t < 1e6; t++) { work(); p.update(t + 1); }
 * p.finish();
 */
export class ProgressReporter {
  readonly label: string;
  readonly total: number;
  readonly unit: string;
  private readonly interval: number;
  private readonly now: () => number;
  private readonly print: boolean;
  private readonly write: (text: string) => void;
  private readonly redraw: boolean;
  private readonly onProgress: ((info: ProgressInfo) => void) | null;
  private readonly t0: number;
  private lastReport: number;
  private calls = 0;
  /** Calls between two clock reads; grows while the loop calls faster than it needs. */
  private checkEvery = 1;
  private lastCheckCalls = 0;
  private lastCheckTime: number;
  private done = 0;
  private note = '';
  private finished = false;
  private lastLength = 0;

  constructor(label: string, total: number, options: ProgressReporterOptions = {}) {
    if (typeof label !== 'string') throw new TypeError(`ProgressReporter: label must be a string, got ${typeof label}`);
    if (!Number.isFinite(total) || total < 0) throw new RangeError(`ProgressReporter: total must be a finite number >= 0, got ${total}`);
    checkOptionKeys('ProgressReporter', options, ['unit', 'interval', 'now', 'write', 'redraw', 'progress', 'onProgress']);
    if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
      throw new TypeError(`ProgressReporter: onProgress must be a function, got ${typeof options.onProgress}`);
    }
    const interval = options.interval ?? 0.25;
    if (!(interval >= 0)) throw new RangeError(`ProgressReporter: interval must be >= 0 seconds, got ${interval}`);
    this.label = label;
    this.total = total;
    this.unit = options.unit ?? 'steps';
    this.now = options.now ?? (() => performance.now() / 1000);
    this.print = options.progress === true;
    this.onProgress = options.onProgress ?? null;
    const err = stderr();
    this.redraw = options.redraw ?? (options.write === undefined && err !== null && err.isTTY === true);
    // Whole lines (a log file, a browser console): fewer of them.
    this.interval = options.interval ?? (this.redraw ? 0.25 : err !== null ? 5 : 1);
    this.write = options.write ?? (err !== null ? (s: string) => { err.write(s); } : (s: string) => { console.log(s.replace(/[\r\n]+$/, '')); });
    this.t0 = this.now();
    this.lastReport = this.t0;
    this.lastCheckTime = this.t0;
  }

  /** The current state as a {@link ProgressInfo}. */
  info(): ProgressInfo {
    const elapsed = this.now() - this.t0;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    return {
      label: this.label, done: this.done, total: this.total, unit: this.unit, elapsedSeconds: elapsed, rate,
      etaSeconds: rate > 0 ? (this.total - this.done) / rate : NaN, finished: this.finished, note: this.note,
    };
  }

  /**
   * Records that `done` units are complete (and, optionally, a short note such as the current
   * epoch and loss, shown after the count); reports if the interval has passed.
   */
  update(done: number, note?: string): void {
    this.done = done;
    if (note !== undefined) this.note = note;
    if (++this.calls - this.lastCheckCalls < this.checkEvery) return;
    const t = this.now();
    // Aim for about 20 clock reads per interval: double the stride while reads come faster.
    if (t - this.lastCheckTime < this.interval / 20 && this.checkEvery < 1 << 20) this.checkEvery *= 2;
    this.lastCheckCalls = this.calls;
    this.lastCheckTime = t;
    if (t - this.lastReport >= this.interval) {
      this.lastReport = t;
      this.report();
    }
  }

  /** The final update: reports once more (done = total unless given) and ends the printed line. */
  finish(done = this.total, note?: string): void {
    if (this.finished) return;
    this.done = done;
    if (note !== undefined) this.note = note;
    this.finished = true;
    this.report();
  }

  private report(): void {
    const info = this.info();
    if (this.onProgress !== null) this.onProgress(info);
    if (!this.print) return;
    const line = formatProgress(info);
    if (this.redraw) {
      const pad = this.lastLength > line.length ? ' '.repeat(this.lastLength - line.length) : '';
      this.lastLength = line.length;
      this.write(`\r${line}${pad}${info.finished ? '\n' : ''}`);
    } else {
      this.write(`${line}\n`);
    }
  }
}

/**
 * A {@link ProgressReporter} when `options` ask for progress (`progress: true` or an
 * `onProgress` callback), else null — so a loop can write `p?.update(t)` and pay nothing when
 * nobody listens. Its refusals start with `label` (the caller's name, so the user reads the
 * function they called): a bad total, unit, options, `progress` or `onProgress`; a label that is
 * not a non-empty string is refused under the name progressReporter.
 *
 * @example
 * // inside a loop of the library: a reporter only if the caller asked for one
 * const model = new IsingModel({ L: 8, T: 2.5, rng: new Rng(1) });
 * const sweeps = 100, options: ProgressOptions = { onProgress: (info) => info.done };
 * const p = progressReporter('runIsing', sweeps, options, 'sweeps');
 * for (let t = 0; t < sweeps; t++) { model.sweep(); p?.update(t + 1); }
 * p?.finish();
 */
export function progressReporter(label: string, total: number, options: ProgressOptions | undefined, unit = 'steps'): ProgressReporter | null {
  if (typeof label !== 'string' || label === '') throw new TypeError(`progressReporter: label must be a non-empty string (the caller's name), got ${describe(label)}`);
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) throw new RangeError(`${label}: total must be a finite number >= 0, got ${describe(total)}`);
  if (typeof unit !== 'string' || unit === '') throw new TypeError(`${label}: unit must be a non-empty string, got ${describe(unit)}`);
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object') throw new TypeError(`${label}: options must be an object, got ${describe(options)}`);
  if (options.progress !== undefined && typeof options.progress !== 'boolean') {
    throw new TypeError(`${label}: progress must be true or false, got ${typeof options.progress}`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`${label}: onProgress must be a function, got ${typeof options.onProgress}`);
  }
  if (options.progress !== true && options.onProgress === undefined) return null;
  return new ProgressReporter(label, total, { progress: options.progress, onProgress: options.onProgress, unit });
}
