/**
 * Benchmark harness: warm-up, then at least `minSamples` timed samples of at least
 * `minSampleSeconds` each; reports median / min / max seconds per call and a work rate.
 *
 * A case says how much work one call does (`work`, in `unit`s: flop for GFLOP/s, numbers for
 * M numbers/s); the rate is work / median time. Figures are only comparable between cases of
 * one run on one machine: the CPU model is printed with every report.
 */
import os from 'node:os';

export interface BenchCase {
  /** Unique name, used by `--filter`. */
  name: string;
  /** Group shown as a heading, e.g. 'gemm'. */
  group: string;
  /** Work done by one call of `run`, in units of `unit`. */
  work: number;
  /** 'flop' reports GFLOP/s; anything else reports M<unit>/s. */
  unit: 'flop' | 'numbers' | 'samples' | 'steps';
  /** Called once before timing (allocate inputs here, never inside `run`). */
  setup?: () => void;
  /** The code under test: one call = `work` units. */
  run: () => void;
  /** Name of the case this one is compared with (its speed-up is printed). */
  baseline?: string;
}

export interface BenchResult {
  name: string;
  group: string;
  samples: number;
  callsPerSample: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  rate: number;
  rateUnit: string;
  baseline?: string;
  speedup?: number;
}

export interface HarnessOptions {
  minSamples: number;
  minSampleSeconds: number;
  warmupSeconds: number;
}

export const defaultOptions: HarnessOptions = { minSamples: 7, minSampleSeconds: 0.2, warmupSeconds: 0.3 };

function now(): number {
  return performance.now() / 1000;
}

/** Runs `c` until `seconds` have passed (at least once) and returns seconds per call. */
function warmUp(c: BenchCase, seconds: number): number {
  let calls = 0;
  const w0 = now();
  let elapsed = 0;
  do {
    c.run();
    calls++;
    elapsed = now() - w0;
  } while (elapsed < seconds);
  return elapsed / calls;
}

function summarize(c: BenchCase, times: number[], callsPerSample: number): BenchResult {
  times.sort((a, b) => a - b);
  const median = times.length % 2 === 1
    ? times[(times.length - 1) / 2]
    : 0.5 * (times[times.length / 2 - 1] + times[times.length / 2]);
  const rateUnit = c.unit === 'flop' ? 'GFLOP/s' : `M ${c.unit}/s`;
  const rate = c.unit === 'flop' ? c.work / median / 1e9 : c.work / median / 1e6;
  return {
    name: c.name, group: c.group, samples: times.length, callsPerSample,
    medianSeconds: median, minSeconds: times[0], maxSeconds: times[times.length - 1],
    rate, rateUnit, baseline: c.baseline,
  };
}

/** Times one case: returns seconds per call statistics over the samples. */
export function measure(c: BenchCase, opts: HarnessOptions = defaultOptions): BenchResult {
  return measureInterleaved([c], opts)[0];
}

/**
 * Times several cases with their samples interleaved: round r takes sample r of every case in
 * turn, so a change in machine load during the run affects all of them alike. Used for a
 * baseline and the cases compared with it (their ratio is then measured under one condition).
 * Each case is set up and warmed up first (the JIT compiles it; calls per sample are calibrated
 * so that one sample lasts at least `minSampleSeconds`).
 */
export function measureInterleaved(group: BenchCase[], opts: HarnessOptions = defaultOptions): BenchResult[] {
  const calls: number[] = [];
  for (const c of group) {
    c.setup?.();
    const perCall = warmUp(c, opts.warmupSeconds);
    calls.push(Math.max(1, Math.ceil(opts.minSampleSeconds / Math.max(perCall, 1e-9))));
  }
  const times: number[][] = group.map(() => []);
  for (let s = 0; s < opts.minSamples; s++) {
    for (let g = 0; g < group.length; g++) {
      const c = group[g], reps = calls[g];
      const t0 = now();
      for (let k = 0; k < reps; k++) c.run();
      times[g].push((now() - t0) / reps);
    }
  }
  return group.map((c, g) => summarize(c, times[g], calls[g]));
}

/** CPU model, core count, Node version and date: printed with every report. */
export function machineInfo(): { cpu: string; cores: number; node: string; date: string; platform: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus.length > 0 ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    node: process.version,
    date: new Date().toISOString(),
    platform: `${os.platform()} ${os.arch()}`,
  };
}

function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toFixed(3)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(3)} ms`;
  return `${(s * 1e6).toFixed(2)} us`;
}

/** One aligned text line for a result. */
export function formatResult(r: BenchResult): string {
  const sp = r.speedup !== undefined ? `  ${r.speedup.toFixed(2)}x vs ${r.baseline}` : '';
  return `${r.name.padEnd(44)} median ${formatSeconds(r.medianSeconds).padStart(11)}  ` +
    `min ${formatSeconds(r.minSeconds).padStart(11)}  max ${formatSeconds(r.maxSeconds).padStart(11)}  ` +
    `${(r.rate >= 100 ? r.rate.toFixed(0) : r.rate >= 0.01 ? r.rate.toFixed(2) : r.rate.toPrecision(3)).padStart(8)} ${r.rateUnit}${sp}`;
}
