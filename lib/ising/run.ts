/**
 * Running an Ising chain and turning its samples into physics: energy, |magnetization|, heat
 * capacity, susceptibility and the Binder cumulant, each with a standard error that accounts
 * for the autocorrelation of the chain (blocking for means, a blocked jackknife for the
 * fluctuation quantities). See docs/ising.md.
 */
import { blockingError } from '../mcmc/diagnostics.js';
import { describe } from '../checks/index.js';
import { IsingModel } from './model.js';
import { progressReporter, type ProgressOptions } from '../progress/index.js';
import { checkOptionKeys } from '../checks/index.js';

/** The update used by {@link runIsing}. 'checkerboard' is the Metropolis rule in checkerboard order. */
export type IsingUpdate = 'metropolis' | 'heatbath' | 'checkerboard' | 'wolff';

/**
 * Options of {@link runIsing}. `progress: true` prints a throttled line on stderr counting
 * sweeps (sweep-equivalents of flipped spins for 'wolff'), with rate and ETA; `onProgress`
 * receives the same updates.
 */
export interface RunIsingOptions extends ProgressOptions {
  /** Number of samples to record (integer >= 1). */
  samples: number;
  /**
   * Updates discarded before the first sample (integer >= 0, default 0): sweeps, or for
   * 'wolff' sweep-equivalents (clusters are grown until they have flipped thermalize·N spins).
   */
  thermalize?: number;
  /** The update (default 'metropolis'). */
  update?: IsingUpdate;
  /** Sweeps between samples (integer >= 1, default 1); for 'wolff' see clustersPerSample. */
  sweepsPerSample?: number;
  /**
   * 'wolff' only: clusters between samples. Default: round(sweepsPerSample·N / ⟨C⟩) (at least
   * 1), ⟨C⟩ the mean cluster size of the thermalization, so that a sample is about
   * `sweepsPerSample` sweeps' worth of flips; with thermalize = 0 it must be given.
   */
  clustersPerSample?: number;
}

/** Result of {@link runIsing}: per-sample lattice totals and what the run needs for analysis. */
export interface IsingRun {
  update: IsingUpdate;
  L: number;
  N: number;
  T: number;
  h: number;
  /** Lattice total energy E of each sample. */
  energy: Float64Array;
  /** Lattice total magnetization M of each sample. */
  magnetization: Float64Array;
  /** Sweeps per sample (sweep updates). */
  sweepsPerSample: number;
  /**
   * Fraction of site visits that changed the spin during sampling: the Metropolis acceptance
   * rate for 'metropolis' and 'checkerboard', the change rate for 'heatbath'.
   */
  acceptance?: number;
  /** 'wolff': clusters per sample. */
  clustersPerSample?: number;
  /** 'wolff': mean cluster size over all sampling clusters. */
  meanClusterSize?: number;
  /** 'wolff': the mean cluster size of the clusters grown since the previous sample, per sample. */
  clusterSize?: Float64Array;
}

function checkCount(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return v;
}

/**
 * Runs `model` for `thermalize` updates, then records `samples` samples of the lattice totals
 * E and M, with `sweepsPerSample` sweeps (or `clustersPerSample` Wolff clusters) between them.
 * The model's spins continue from where they are and end at the last sample.
 *
 * @example
 * ```ts
 * import { IsingModel, Rng, runIsing, isingObservables } from 'boltzmann';
 * const model = new IsingModel({ L: 16, T: 2.269, rng: new Rng(1) });
 * const run = runIsing(model, { thermalize: 1000, samples: 4096, update: 'wolff' });
 * isingObservables(run).heatCapacityPerSpin; // { value ≈ 1.5, error ≈ 0.03 }
 * ```
 */
export function runIsing(model: IsingModel, options: RunIsingOptions): IsingRun {
  const fn = 'runIsing';
  if (!(model instanceof IsingModel)) throw new TypeError(`${fn}: model must be an IsingModel, got ${model === null ? 'null' : typeof model}`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be { samples, thermalize?, update?, sweepsPerSample?, clustersPerSample? }, got ${String(options)}`);
  checkOptionKeys(fn, options, ['samples', 'thermalize', 'update', 'sweepsPerSample', 'clustersPerSample', 'progress', 'onProgress']);
  const samples = checkCount(fn, 'samples', options.samples, 1);
  const thermalize = checkCount(fn, 'thermalize', options.thermalize ?? 0, 0);
  const sweepsPerSample = checkCount(fn, 'sweepsPerSample', options.sweepsPerSample ?? 1, 1);
  const update = options.update ?? 'metropolis';
  if (update !== 'metropolis' && update !== 'heatbath' && update !== 'checkerboard' && update !== 'wolff') {
    throw new RangeError(`${fn}: update must be 'metropolis', 'heatbath', 'checkerboard' or 'wolff', got ${typeof update === 'string' ? `'${update}'` : String(update)}`);
  }
  if (options.clustersPerSample !== undefined) {
    checkCount(fn, 'clustersPerSample', options.clustersPerSample, 1);
    if (update !== 'wolff') throw new RangeError(`${fn}: clustersPerSample is for update 'wolff' only, got update '${update}'`);
  }
  if (update === 'checkerboard' && model.L % 2 !== 0) throw new RangeError(`${fn}: update 'checkerboard' needs an even L, got L = ${model.L}`);
  if (update === 'wolff' && model.h !== 0) throw new RangeError(`${fn}: update 'wolff' needs h = 0, got h = ${model.h}`);
  const N = model.N;
  const energy = new Float64Array(samples);
  const magnetization = new Float64Array(samples);
  const run: IsingRun = { update, L: model.L, N, T: model.T, h: model.h, energy, magnetization, sweepsPerSample };
  const progress = progressReporter(`${fn} ${update} L=${model.L} T=${model.T}`, thermalize + samples * sweepsPerSample, options, 'sweeps');

  if (update === 'wolff') {
    let clustersPerSample = options.clustersPerSample;
    // Thermalization: grow clusters until thermalize·N spins have been flipped.
    let flipped = 0;
    let clusters = 0;
    while (flipped < thermalize * N) {
      flipped += model.wolffStep();
      clusters++;
      if (progress !== null) progress.update(Math.min(thermalize, Math.floor(flipped / N)));
    }
    if (clustersPerSample === undefined) {
      if (clusters === 0) throw new RangeError(`${fn}: update 'wolff' with thermalize = 0 needs clustersPerSample (its default comes from the thermalization's mean cluster size)`);
      clustersPerSample = Math.max(1, Math.round((sweepsPerSample * N * clusters) / flipped));
    }
    const clusterSize = new Float64Array(samples);
    let total = 0;
    for (let t = 0; t < samples; t++) {
      let size = 0;
      for (let k = 0; k < clustersPerSample; k++) size += model.wolffStep();
      total += size;
      clusterSize[t] = size / clustersPerSample;
      energy[t] = model.energy();
      magnetization[t] = model.magnetization();
      if (progress !== null) progress.update(thermalize + (t + 1) * sweepsPerSample);
    }
    progress?.finish();
    run.clustersPerSample = clustersPerSample;
    run.clusterSize = clusterSize;
    run.meanClusterSize = total / (samples * clustersPerSample);
    return run;
  }

  const step = update === 'metropolis' ? () => model.sweep() : update === 'heatbath' ? () => model.heatBathSweep() : () => model.checkerboardSweep('metropolis');
  for (let t = 0; t < thermalize; t++) {
    step();
    if (progress !== null) progress.update(t + 1);
  }
  let changed = 0;
  for (let t = 0; t < samples; t++) {
    for (let k = 0; k < sweepsPerSample; k++) changed += step();
    energy[t] = model.energy();
    magnetization[t] = model.magnetization();
    if (progress !== null) progress.update(thermalize + (t + 1) * sweepsPerSample);
  }
  progress?.finish();
  run.acceptance = changed / (samples * sweepsPerSample * N);
  return run;
}

/** A Monte Carlo estimate and its standard error. */
export interface IsingEstimate {
  value: number;
  error: number;
}

/**
 * Result of {@link isingObservables}. Lattice totals unless the name ends in PerSpin; a name means
 * the same quantity as in {@link isingExact} and isingKaufman.
 */
export interface IsingObservables {
  N: number;
  T: number;
  /** ⟨E⟩, lattice total (blocking error). */
  energy: IsingEstimate;
  /** ⟨E⟩/N. */
  energyPerSpin: IsingEstimate;
  /** ⟨M⟩, lattice total (blocking error). */
  magnetization: IsingEstimate;
  /** ⟨|M|⟩, lattice total (blocking error). */
  absMagnetization: IsingEstimate;
  /** ⟨|M|⟩/N. */
  absMagnetizationPerSpin: IsingEstimate;
  /** ⟨M²⟩, lattice total (blocking error). */
  magnetization2: IsingEstimate;
  /** Heat capacity per spin, c = (⟨E²⟩ − ⟨E⟩²)/(N T²) (blocked-jackknife error); isingExact's heatCapacityPerSpin. */
  heatCapacityPerSpin: IsingEstimate;
  /** Susceptibility per spin in the |M| form, χ' = (⟨M²⟩ − ⟨|M|⟩²)/(N T) (blocked-jackknife error); isingExact's susceptibilityAbsPerSpin. */
  susceptibilityAbsPerSpin: IsingEstimate;
  /** Binder cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²), m = M/N (blocked-jackknife error). */
  binder: IsingEstimate;
  /** 'wolff' runs: the mean cluster size (blocking error of the per-sample means); equals ⟨M²⟩/N at h = 0. */
  meanClusterSize?: IsingEstimate;
  /** Block length used by the jackknife (samples). */
  jackknifeBlockSize: number;
  /** Number of jackknife blocks. */
  jackknifeBlocks: number;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function hasSpread(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return true;
  return false;
}

/** Mean with its blocking standard error (0 when the series is constant: nothing fluctuates). */
function blockedMean(x: Float64Array): IsingEstimate & { blockSize: number } {
  const value = mean(x);
  if (!hasSpread(x)) return { value, error: 0, blockSize: 1 };
  const b = blockingError(x);
  return { value, error: b.standardError, blockSize: b.blockSize };
}

/**
 * Blocked jackknife (e.g. Newman & Barkema, "Monte Carlo Methods in Statistical Physics", 1999,
 * sec. 3.4.4; blocks make the leave-one-out estimates of a correlated chain nearly independent):
 * the samples are cut into B blocks of b; θ_i is f of the means with block i left out, and
 * SE² = (B − 1)/B Σ_i (θ_i − θ̄)². `series` are the per-sample quantities whose means f uses.
 */
function blockedJackknife(series: Float64Array[], f: (means: Float64Array) => number, b: number): number {
  const n = series[0].length;
  const B = Math.floor(n / b);
  if (B < 2) return NaN;
  const q = series.length;
  const blockSums = new Float64Array(B * q);
  const total = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    const x = series[k];
    for (let i = 0; i < B; i++) {
      let s = 0;
      for (let t = i * b; t < (i + 1) * b; t++) s += x[t];
      blockSums[i * q + k] = s;
      total[k] += s;
    }
  }
  const means = new Float64Array(q);
  const theta = new Float64Array(B);
  const used = B * b;
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < q; k++) means[k] = (total[k] - blockSums[i * q + k]) / (used - b);
    theta[i] = f(means);
  }
  const thetaBar = mean(theta);
  let ss = 0;
  for (let i = 0; i < B; i++) ss += (theta[i] - thetaBar) ** 2;
  return Math.sqrt(((B - 1) / B) * ss);
}

/**
 * Physics from a run: ⟨E⟩, ⟨M⟩, ⟨|M|⟩, ⟨M²⟩ (lattice totals and per spin) with blocking errors
 * (`blockingError`, Flyvbjerg–Petersen with Jonsson's automatic level), and the per-spin heat
 * capacity `heatCapacityPerSpin` c = (⟨E²⟩ − ⟨E⟩²)/(N T²), susceptibility
 * `susceptibilityAbsPerSpin` χ' = (⟨M²⟩ − ⟨|M|⟩²)/(N T) and Binder
 * cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²) with blocked-jackknife errors. The jackknife block length is
 * the largest blocking block length among the series E, E², |M|, M², M⁴ (so blocks are longer
 * than the correlation time of every input). The susceptibility uses ⟨|M|⟩² (the finite-lattice
 * convention at h = 0: ⟨M⟩ = 0 by symmetry on a finite lattice, and ⟨M²⟩ − ⟨|M|⟩² tends to the
 * susceptibility of the ordered phase); ⟨M²⟩/(N T) is the other common choice.
 * Blocking uses the first 2^⌊log2 n⌋ samples: use a power of two for `samples`.
 * `model`, if given, must have the run's N and T (a guard against mixing runs and models).
 *
 * @example
 * ```ts
 * const model = new IsingModel({ L: 8, T: 2.269, rng: new Rng(1) });
 * const run = runIsing(model, { thermalize: 500, samples: 2048, update: 'wolff' });
 * const obs = isingObservables(run, model);
 * obs.energyPerSpin;  // { value, error }
 * obs.binder.value;   // ≈ 0.61 near T_c
 * ```
 */
export function isingObservables(run: IsingRun, model?: IsingModel): IsingObservables {
  const fn = 'isingObservables';
  if (run === null || typeof run !== 'object' || !(run.energy instanceof Float64Array) || !(run.magnetization instanceof Float64Array)) {
    throw new TypeError(`${fn}: run must be the result of runIsing, got ${describe(run)}`);
  }
  const n = run.energy.length;
  if (n < 4 || run.magnetization.length !== n) throw new RangeError(`${fn}: run needs at least 4 samples of energy and magnetization of equal length, got ${n} and ${run.magnetization.length}`);
  if (model !== undefined) {
    if (!(model instanceof IsingModel)) throw new TypeError(`${fn}: model must be an IsingModel, got ${describe(model)}`);
    if (model.N !== run.N || model.T !== run.T) throw new RangeError(`${fn}: model (N = ${model.N}, T = ${model.T}) is not the run's (N = ${run.N}, T = ${run.T})`);
  }
  const { N, T } = run;
  // Series: E, (E − Ē)², |M|, M², M⁴/N⁴ = m⁴ (E centred so the variance has no cancellation).
  const E = run.energy;
  const eBar = mean(E);
  const dE = new Float64Array(n);
  const dE2 = new Float64Array(n);
  const absM = new Float64Array(n);
  const m2 = new Float64Array(n);
  const m4 = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const d = E[t] - eBar;
    dE[t] = d;
    dE2[t] = d * d;
    const M = run.magnetization[t];
    absM[t] = Math.abs(M);
    const mm = (M / N) ** 2;
    m2[t] = M * M;
    m4[t] = mm * mm;
  }
  const energy = blockedMean(E);
  const magnetization = blockedMean(run.magnetization);
  const absMagnetization = blockedMean(absM);
  const magnetization2 = blockedMean(m2);
  let b = Math.max(energy.blockSize, blockedMean(dE2).blockSize, absMagnetization.blockSize, magnetization2.blockSize, blockedMean(m4).blockSize);
  b = Math.min(b, Math.floor(n / 2));
  const cv = (mu: Float64Array) => (mu[1] - mu[0] * mu[0]) / (N * T * T); // ⟨δE²⟩ − ⟨δE⟩², δE = E − Ē
  const chi = (mu: Float64Array) => (mu[1] - mu[0] * mu[0]) / (N * T);
  const binder = (mu: Float64Array) => 1 - (mu[1] * N ** 4) / (3 * mu[0] * mu[0]); // mu = (⟨M²⟩, ⟨m⁴⟩)
  const all = (f: (mu: Float64Array) => number, a: Float64Array, c: Float64Array) => f(new Float64Array([mean(a), mean(c)]));
  const est = (v: IsingEstimate, scale: number): IsingEstimate => ({ value: v.value / scale, error: v.error / scale });
  const out: IsingObservables = {
    N,
    T,
    energy: { value: energy.value, error: energy.error },
    energyPerSpin: est(energy, N),
    magnetization: { value: magnetization.value, error: magnetization.error },
    absMagnetization: { value: absMagnetization.value, error: absMagnetization.error },
    absMagnetizationPerSpin: est(absMagnetization, N),
    magnetization2: { value: magnetization2.value, error: magnetization2.error },
    heatCapacityPerSpin: { value: all(cv, dE, dE2), error: blockedJackknife([dE, dE2], cv, b) },
    susceptibilityAbsPerSpin: { value: all(chi, absM, m2), error: blockedJackknife([absM, m2], chi, b) },
    binder: { value: all(binder, m2, m4), error: hasSpread(m2) ? blockedJackknife([m2, m4], binder, b) : 0 },
    jackknifeBlockSize: b,
    jackknifeBlocks: Math.floor(n / b),
  };
  if (run.clusterSize !== undefined) {
    const c = blockedMean(run.clusterSize);
    out.meanClusterSize = { value: c.value, error: c.error };
  }
  return out;
}
