/**
 * The summary table of MCMC output (summarize, formatSummary) and mapDraws for functions of the
 * draws: one row per coordinate with ArviZ's columns (mean, sd, MCSE of the mean and of the sd,
 * mean / bulk / tail ESS, rank-normalized split R-hat) and a reliability flag. The numbers of a
 * row come from ./diagnostics.ts (summaryNumbers); with a thread pool, several rows are computed
 * at once by the team step of ./summary-team.ts. See docs/diagnostics.md.
 */
import { checkOptionKeys, describe } from '../checks/index.js';
import { checkChains, isArrayLike, pool, SUMMARY_COLUMNS, type Draws } from './diagnostics.js';
import { summaryStep, type SummaryTeamInit } from './summary-team.js';

/**
 * What summarize needs from a thread pool: a team of threads (`WorkerPool` from 'boltzmann/node'
 * is one; a pool without `team`, like the browser's, leaves the work on the calling thread).
 *
 * @example
 * ```ts
 * import { createWorkerPool } from 'boltzmann/node';
 * const pool: SummaryPool = createWorkerPool();
 * ```
 */
export interface SummaryPool {
  /** This thread and the idle workers, each running `exportName(init)` of the module at moduleUrl on command. */
  team?(moduleUrl: string | URL, exportName: string, init: unknown): {
    readonly parts: number;
    run(local: (part: number, parts: number) => void): void;
    close(): void;
  };
}

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** Compute the rows of several coordinates at once on this pool's threads (default: this thread only). */
  pool?: SummaryPool | null;
}

/** One chain's draws of a vector quantity, row-major (draw t, coordinate k at t * dim + k), e.g. a sampler's ChainResult. */
export interface ChainSamples {
  samples: ArrayLike<number>;
  nSamples: number;
  dim: number;
}

/** One row of {@link summarize}: the columns of ArviZ's `summary`, and whether to trust them. */
export interface SummaryRow {
  name: string;
  /** Mean over all draws of all chains. */
  mean: number;
  /** Standard deviation over all draws (divisor S - 1). */
  sd: number;
  /** Monte Carlo standard error of the mean: sd / sqrt(essMean) ({@link mcseMean}). */
  mcseMean: number;
  /** Monte Carlo standard error of the sd, by the delta method ({@link mcseSd}). */
  mcseSd: number;
  /** ESS for the mean: Geyer's estimator on the split chains ({@link meanEffectiveSampleSize}). */
  essMean: number;
  /** Bulk ESS: rank-normalized split chains ({@link bulkEffectiveSampleSize}). */
  essBulk: number;
  /** Tail ESS: the 5% and 95% quantile indicators ({@link tailEffectiveSampleSize}). */
  essTail: number;
  /** Rank-normalized split R-hat, max of bulk and tail ({@link splitRHat}). */
  rhat: number;
  /**
   * True when r_hat < 1.01 and each of essMean, essBulk and essTail is at least 100 per chain
   * (Vehtari et al. 2021 recommend both before the MCSE is believed; below that the ESS
   * estimates are themselves too noisy). `warnings` names every failed condition.
   */
  reliable: boolean;
  /** Why the row is not reliable, e.g. 'ess_bulk 132 < 400 (100 per chain)' or 'r_hat 1.042 (must be < 1.01)'; empty when reliable. */
  warnings: string[];
}

function isChainSamples(c: unknown): c is ChainSamples {
  return c !== null && typeof c === 'object' && !isArrayLike(c) && 'samples' in (c as object) && 'dim' in (c as object);
}

/** Checks ChainSamples chains: equal dims, samples.length = nSamples * dim. */
function checkChainSamples(fn: string, cs: ChainSamples[]): number {
  const dim = cs[0].dim;
  for (let c = 0; c < cs.length; c++) {
    for (const key of ['nSamples', 'dim'] as const) {
      const v = cs[c][key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new RangeError(`${fn}: chain ${c} has ${key} ${describe(v)}; it must be a non-negative integer`);
    }
    if (cs[c].dim !== dim) throw new RangeError(`${fn}: chain ${c} has dim ${cs[c].dim} but chain 0 has dim ${dim}`);
    if (cs[c].samples.length !== cs[c].nSamples * cs[c].dim) throw new RangeError(`${fn}: chain ${c} has ${cs[c].samples.length} numbers, expected nSamples * dim = ${cs[c].nSamples * cs[c].dim}`);
  }
  return dim;
}

/**
 * One scalar series per chain: f applied to every draw of every chain (draw t of chain c is
 * the dim-vector samples[t * dim .. t * dim + dim - 1], passed as a reused Float64Array, with
 * its index t). Feed the result to {@link summarize}, {@link mcseMean} or any diagnostic to
 * get the Monte Carlo error of E f(x), the quantity one usually reports. Throws if f returns a
 * non-number, naming the chain and draw.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const r = mapDraws(result.chains, (x) => Math.hypot(x[0], x[1])); // distance from the origin
 * summarize(r, ['|x|']); // mean, sd, mcse_mean, ... of E|x|
 */
export function mapDraws(chains: ChainSamples[], f: (x: Float64Array, t: number) => number): Float64Array[] {
  const fn = 'mapDraws';
  if (!Array.isArray(chains) || chains.length === 0 || !chains.every((c) => isChainSamples(c))) {
    throw new TypeError(`${fn}: chains must be a non-empty array of { samples, nSamples, dim } (a sampler's ChainResult), got ${describe(chains)}`);
  }
  if (typeof f !== 'function') throw new TypeError(`${fn}: f must be a function of one draw, got ${describe(f)}`);
  const dim = checkChainSamples(fn, chains);
  const x = new Float64Array(dim);
  return chains.map((c, ci) => {
    const out = new Float64Array(c.nSamples);
    for (let t = 0; t < c.nSamples; t++) {
      for (let k = 0; k < dim; k++) x[k] = c.samples[t * dim + k];
      const v = f(x, t);
      if (typeof v !== 'number') throw new TypeError(`${fn}: f returned ${typeof v} for chain ${ci}, draw ${t}; it must return a number`);
      out[t] = v;
    }
    return out;
  });
}

/**
 * A summary table of several chains, one row per coordinate, like ArviZ's `summary`: mean, sd,
 * mcseMean, mcseSd, essMean, essBulk, essTail and rhat (rank-normalized split R-hat), with a
 * `reliable` flag and the `warnings` behind it (see {@link SummaryRow}). Each coordinate's runs
 * of repeated values are sorted once (ranks, median, quantiles and the fold all come from that
 * sort) and each series' lags are computed only as far as Geyer's sequence reads them (see
 * docs/diagnostics.md, "Cost").
 *
 * `chains` is either one array of scalar draws per chain (one row), or one `{ samples, nSamples,
 * dim }` per chain (a sampler's ChainResult; one row per coordinate). For a function of the
 * draws, summarize `mapDraws(chains, f)`. `names` default to 'x[0]', 'x[1]', ... (or 'x' for
 * scalar chains). Quantities that are undefined for the data (the R-hat of constant chains)
 * are NaN, and such a row is not reliable; bad input (unequal lengths, non-finite values, fewer
 * than 4 draws) throws as in {@link splitRHat}.
 *
 * `options.pool` (a WorkerPool from 'boltzmann/node') computes the rows of several coordinates
 * on its threads at once (each coordinate's row is computed by one thread, so the numbers are
 * the same bits as without a pool); without a pool, or in a pool without `team` (the browser's),
 * this thread computes them in turn.
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
 * const result = runChains(rwmSampler(), target, { chains: 4, warmup: 500, samples: 1000, x0: new Float64Array(2) }, new Rng(1));
 * const rows = summarize(result.chains, ['x', 'y']);
 * console.log(formatSummary(rows));
 */
export function summarize(chains: Draws[] | ChainSamples[], names?: string[], options: SummarizeOptions = {}): SummaryRow[] {
  const fn = 'summarize';
  if (!Array.isArray(chains)) throw new TypeError(`${fn}: chains must be a non-empty array of chains, got ${describe(chains)}`);
  if (chains.length === 0) throw new RangeError(`${fn}: chains must be a non-empty array of chains, got an empty array`);
  checkOptionKeys(fn, options, ['pool']);
  const teamPool = options.pool ?? null;
  if (teamPool !== null && (typeof teamPool !== 'object' || (teamPool.team !== undefined && typeof teamPool.team !== 'function'))) {
    throw new TypeError(`${fn}: options.pool must be a WorkerPool (from 'boltzmann/node') or null, got ${describe(teamPool)}`);
  }
  const scalar = !chains.every((c) => isChainSamples(c));
  let m: number;
  let n: number;
  let dim: number;
  if (scalar) {
    checkChains(fn, chains, 4);
    m = chains.length;
    n = (chains as Draws[])[0].length;
    dim = 1;
  } else {
    const cs = chains as ChainSamples[];
    dim = checkChainSamples(fn, cs);
    m = cs.length;
    n = cs[0].nSamples;
    for (let c = 0; c < m; c++) {
      if (cs[c].nSamples !== n) throw new RangeError(`${fn}: chains have unequal lengths: chain 0 has ${n} draws, chain ${c} has ${cs[c].nSamples}`);
    }
    if (dim > 0 && n < 4) throw new RangeError(`${fn}: chains are too short: ${n} draws each, need at least 4`);
  }
  if (names !== undefined && (!Array.isArray(names) || names.length !== dim)) {
    throw new RangeError(`${fn}: names must have one entry per coordinate (${dim}), got ${Array.isArray(names) ? names.length : typeof names}`);
  }
  const S = m * n;
  const team = dim > 1 && teamPool !== null && typeof teamPool.team === 'function';
  // data: coordinate k of every draw, chain after chain (draw t of chain c at k S + c n + t);
  // shared with the team's workers when there is one
  const data = new Float64Array(team ? new SharedArrayBuffer(8 * dim * S) : new ArrayBuffer(8 * dim * S));
  if (scalar) pool(chains as Draws[], data);
  else transpose(fn, chains as ChainSamples[], data, dim, n);
  const results = new Float64Array(team ? new SharedArrayBuffer(8 * SUMMARY_COLUMNS.length * dim) : new ArrayBuffer(8 * SUMMARY_COLUMNS.length * dim));
  const init: SummaryTeamInit = { data: data.buffer, results: results.buffer, next: team ? new SharedArrayBuffer(4) : new ArrayBuffer(4), m, n, dim };
  if (team) {
    const url = new URL(import.meta.url.endsWith('.ts') ? './summary-team.ts' : './summary-team.js', import.meta.url);
    const threads = (teamPool.team as NonNullable<SummaryPool['team']>)(url, 'summaryStep', init);
    try {
      threads.run(summaryStep(init));
    } finally {
      threads.close();
    }
  } else {
    summaryStep(init)(0, 1);
  }
  const rows: SummaryRow[] = [];
  for (let k = 0; k < dim; k++) {
    const name = names?.[k] ?? (scalar ? 'x' : `x[${k}]`);
    rows.push(rowOf(name, results.subarray(SUMMARY_COLUMNS.length * k, SUMMARY_COLUMNS.length * (k + 1)), m));
  }
  return rows;
}

/**
 * Coordinate k of draw t of chain c to data[k S + c n + t], in one sequential read of each
 * chain's draws; non-finite values refused (naming chain, draw and coordinate). For typed
 * arrays the test is v - v !== 0 (NaN exactly for the non-finite values), and the offender is
 * looked for only if some value failed it.
 */
function transpose(fn: string, cs: ChainSamples[], data: Float64Array, dim: number, n: number): void {
  const S = cs.length * n;
  for (let c = 0; c < cs.length; c++) {
    const samples = cs[c].samples;
    const typed = samples instanceof Float64Array || samples instanceof Float32Array;
    let finite = true;
    for (let t = 0; t < n; t++) {
      const row = t * dim;
      for (let k = 0; k < dim; k++) {
        const v = samples[row + k];
        if (!typed && (typeof v !== 'number' || !Number.isFinite(v))) throw new RangeError(`${fn}: chain ${c}, draw ${t}, coordinate ${k} is ${describe(v)}; every value must be a finite number`);
        if (v - v !== 0) finite = false; // NaN for +-Infinity and NaN: a predictable branch, no chain of additions
        data[k * S + c * n + t] = v;
      }
    }
    if (!finite) {
      for (let i = 0; i < n * dim; i++) {
        if (!Number.isFinite(samples[i])) throw new RangeError(`${fn}: chain ${c}, draw ${Math.floor(i / dim)}, coordinate ${i % dim} is ${String(samples[i])}; every value must be finite`);
      }
    }
  }
}

/** A SummaryRow from the numbers of summaryNumbers, with the reliability rule applied (m chains). */
function rowOf(name: string, v: Float64Array, m: number): SummaryRow {
  const [mean, sd, mcseMean, mcseSd, essMean, essBulk, essTail, rhat] = v;
  const row: SummaryRow = { name, mean, sd, mcseMean, mcseSd, essMean, essBulk, essTail, rhat, reliable: true, warnings: [] };
  const minimum = 100 * m;
  if (!(row.rhat < 1.01)) row.warnings.push(`r_hat ${Number.isFinite(row.rhat) ? row.rhat.toFixed(3) : row.rhat} (must be < 1.01)`);
  for (const [label, ess] of [['ess_mean', row.essMean], ['ess_bulk', row.essBulk], ['ess_tail', row.essTail]] as const) {
    if (!(ess >= minimum)) row.warnings.push(`${label} ${ess.toFixed(0)} < ${minimum} (100 per chain)`);
  }
  row.reliable = row.warnings.length === 0;
  return row;
}

/**
 * The rows of {@link summarize} as a fixed-width text table (columns name, mean, sd, mcse_mean,
 * mcse_sd, ess_bulk, ess_tail, r_hat, reliable), followed by one line per row that is not
 * reliable, naming the failed conditions. Ready for console.log.
 *
 * @example
 * // four chains of 1000 iid N(0, 1) draws
 * const [chainA, chainB, chainC, chainD] = [1, 2, 3, 4].map((seed) => {
 *   const rng = new Rng(seed);
 *   return Float64Array.from({ length: 1000 }, () => rng.normal());
 * });
 * console.log(formatSummary(summarize([chainA, chainB, chainC, chainD])));
 * // name     mean      sd  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat  reliable
 * // x     -0.0118  1.0046     0.0159   0.0112    3972.9    3811.7  1.000       yes   (4 x 1000 iid N(0, 1))
 */
export function formatSummary(rows: SummaryRow[]): string {
  if (!Array.isArray(rows)) throw new TypeError('formatSummary: rows must be an array of SummaryRow (from summarize)');
  const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
  const header = ['name', 'mean', 'sd', 'mcse_mean', 'mcse_sd', 'ess_bulk', 'ess_tail', 'r_hat', 'reliable'];
  const body = rows.map((r) => [r.name, fmt(r.mean, 4), fmt(r.sd, 4), fmt(r.mcseMean, 4), fmt(r.mcseSd, 4), fmt(r.essBulk, 1), fmt(r.essTail, 1), fmt(r.rhat, 3), r.reliable ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const notes = rows.filter((r) => !r.reliable).map((r) => `${r.name}: not reliable: ${r.warnings.join('; ')}`);
  return [line(header), ...body.map(line), ...notes].join('\n');
}
