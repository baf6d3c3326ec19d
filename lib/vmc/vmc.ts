/**
 * Variational Monte Carlo for the quantum dot (whiteboard 001, N-VMC-07, N-VMC-08): walkers sample |ψ|²,
 * the energy is the mean local energy with a blocking error, and the parameters follow the
 * energy gradient 2[⟨E_L ∂ln ψ⟩ − ⟨E_L⟩⟨∂ln ψ⟩] through an optimizer of lib/optim.
 *
 * The work is organised in walker batches: {@link runWalkerBatch} takes plain data (the
 * wavefunction's `toData()`, the Hamiltonian, the sampler, the walkers' coordinates and Rng
 * states) and returns plain data, so the same function runs here or in a worker thread
 * (`optimizeWavefunctionParallel` in `boltzmann/node`). Every walker has its own Rng (from
 * `rng.split()`), and results are combined walker by walker in a fixed order, so a run gives the
 * same bits whether its walkers ran in one thread or several.
 */
import { Rng } from '../random/index.js';
import { blockingError } from '../mcmc/index.js';
import type { Optimizer } from '../optim/index.js';
import { progressReporter, type ProgressOptions } from '../progress/index.js';
import { checkOptionKeys, checkRng, describe } from '../checks/index.js';
import { checkHamiltonian } from './hamiltonian.js';
import { checkWavefunction } from './wavefunction.js';
import { RbmWavefunction, logPsiUnchecked, parameterGradientUnchecked, type RbmWavefunctionData } from './wavefunction.js';
import { localEnergyUnchecked, type HarmonicOscillator } from './hamiltonian.js';
import { checkSamplerFor, cycleWorkspace, monteCarloCycle, type SamplerSpec, type Walker } from './samplers.js';

/** A walker as plain data: coordinates and the four xoshiro128** state words of its Rng. */
export interface WalkerData {
  x: Float64Array;
  rngState: number[];
}

/** A square 2-D histogram of particle positions over [−extent, extent]² (for the one-body density). */
export interface DensityHistogramSpec {
  bins: number;
  extent: number;
}

/** Input of {@link runWalkerBatch} (plain data). */
export interface WalkerBatchInput {
  wavefunction: RbmWavefunctionData;
  hamiltonian: HarmonicOscillator;
  sampler: SamplerSpec;
  walkers: WalkerData[];
  /** Cycles run and discarded before measuring. */
  equilibration: number;
  /** Measured cycles per walker. */
  cycles: number;
  /** Also accumulate Σ ∂ln ψ and Σ E_L ∂ln ψ (for the energy gradient). */
  gradient: boolean;
  /** Accumulate a histogram of particle positions (D = 2 only). */
  density?: DensityHistogramSpec;
}

/** What one walker measured in a batch. */
export interface WalkerMeasurement {
  /** E_L after each measured cycle. */
  energies: Float64Array;
  /** Σ over cycles of ∂ln ψ/∂θ (empty if no gradient was asked for). */
  sumO: Float64Array;
  /** Σ over cycles of E_L ∂ln ψ/∂θ. */
  sumEO: Float64Array;
  accepted: number;
  proposed: number;
}

/** Output of {@link runWalkerBatch} (plain data). */
export interface WalkerBatchOutput {
  walkers: WalkerData[];
  measurements: WalkerMeasurement[];
  /** Counts per bin, row-major with y up (row 0 is the top), if a density was asked for. */
  density?: Float64Array;
}

/**
 * Throws a TypeError or RangeError naming `fn` and `what` unless `input` is a walker batch as
 * {@link batchInputs} builds it; returns its wavefunction (built from the plain data once, so the
 * caller need not build it again).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const [input] = batchInputs(wf, harmonicOscillator({ omega: 1, interaction: 'none' }), metropolisSampler(), createWalkers(wf, 2, new Rng(2)), 1, 10, 100, false);
 * checkWalkerBatchInput('myRun', input, 'input').nVisible; // 4
 */
export function checkWalkerBatchInput(fn: string, input: unknown, what: string): RbmWavefunction {
  const o = input as WalkerBatchInput;
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: ${what} must be a walker batch { wavefunction, hamiltonian, sampler, walkers, equilibration, cycles, gradient } (batchInputs), got ${describe(input)}`);
  const d = o.wavefunction as RbmWavefunctionData | null;
  if (d === null || typeof d !== 'object' || !(d.params instanceof Float64Array) || !(d.sigma2 instanceof Float64Array) || d.jastrow === null || typeof d.jastrow !== 'object') {
    throw new TypeError(`${fn}: ${what}.wavefunction must be the plain data of an RbmWavefunction (wf.toData()), got ${describe(d)}`);
  }
  for (const key of ['particles', 'dims', 'hidden'] as const) {
    if (typeof d[key] !== 'number' || !Number.isInteger(d[key]) || d[key] < 1) throw new RangeError(`${fn}: ${what}.wavefunction.${key} must be an integer >= 1, got ${describe(d[key])}`);
  }
  let wf: RbmWavefunction;
  try {
    wf = RbmWavefunction.fromData(d);
  } catch (e) {
    throw e instanceof RangeError ? new RangeError(`${fn}: ${what}.wavefunction: ${e.message}`) : e;
  }
  const h = o.hamiltonian as HarmonicOscillator | null;
  if (h === null || typeof h !== 'object' || typeof h.omega !== 'number' || !(h.omega > 0) || !Number.isFinite(h.omega) || (h.interaction !== 'none' && h.interaction !== 'coulomb')) {
    throw new TypeError(`${fn}: ${what}.hamiltonian must be a HarmonicOscillator { omega > 0, interaction: 'none' or 'coulomb' } (harmonicOscillator), got ${describe(h)}`);
  }
  const k = (o.sampler as SamplerSpec | null)?.kind;
  if (o.sampler === null || typeof o.sampler !== 'object' || (k !== 'metropolis' && k !== 'importance' && k !== 'gibbs')) {
    throw new TypeError(`${fn}: ${what}.sampler must be an object from metropolisSampler, importanceSampler or blockGibbsSampler, got ${describe(o.sampler)}`);
  }
  if (!Array.isArray(o.walkers)) throw new TypeError(`${fn}: ${what}.walkers must be an array of walkers { x, rngState } (createWalkers), got ${describe(o.walkers)}`);
  checkWalkerList(fn, `${what}.walkers`, o.walkers, wf.nVisible);
  for (const [key, v, lo] of [['equilibration', o.equilibration, 0], ['cycles', o.cycles, 1]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo) throw new RangeError(`${fn}: ${what}.${key} must be an integer >= ${lo}, got ${describe(v)}`);
  }
  if (typeof o.gradient !== 'boolean') throw new TypeError(`${fn}: ${what}.gradient must be a boolean, got ${describe(o.gradient)}`);
  checkDensitySpec(fn, `${what}.density`, o.density);
  return wf;
}

/** Throws unless every entry of `walkers` is { x: Float64Array(nVisible), rngState: number[] }; `what` names the array in the message. */
function checkWalkerList(fn: string, what: string, walkers: unknown[], nVisible: number): void {
  walkers.forEach((w, k) => {
    const o = w as WalkerData | null;
    if (o === null || typeof o !== 'object' || !(o.x instanceof Float64Array) || o.x.length !== nVisible || !Array.isArray(o.rngState)) {
      throw new TypeError(`${fn}: ${what}[${k}] must be { x: Float64Array(${nVisible}), rngState } (createWalkers), got ${describe(w)}`);
    }
  });
}

/** Throws unless `density` is undefined or { bins: a positive integer, extent: a finite number > 0 }. */
function checkDensitySpec(fn: string, what: string, density: unknown): void {
  const d = density as DensityHistogramSpec | null | undefined;
  if (d !== undefined && (d === null || typeof d !== 'object' || !Number.isInteger(d.bins) || d.bins < 1 || !(d.extent > 0) || !Number.isFinite(d.extent))) {
    throw new RangeError(`${fn}: ${what} must be { bins: a positive integer, extent: a finite number > 0 }, got ${describe(density)}`);
  }
}

/**
 * Runs a batch of walkers: `equilibration` unmeasured cycles, then `cycles` cycles each followed
 * by a measurement of E_L (N-VMC-10) and, if asked, ∂ln ψ/∂θ (N-VMC-05). Pure function of its
 * input (each walker's Rng state is in the input and the new state in the output).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const out = runWalkerBatch({ wavefunction: wf.toData(), hamiltonian: h, sampler: metropolisSampler(),
 *   walkers: [{ x: new Float64Array(4), rngState: new Rng(1).state() }], equilibration: 100, cycles: 1000, gradient: false });
 * out.measurements[0].energies; // 1000 local energies
 */
export function runWalkerBatch(input: WalkerBatchInput): WalkerBatchOutput {
  const wf = checkWalkerBatchInput('runWalkerBatch', input, 'input');
  const h = input.hamiltonian;
  checkSamplerFor(input.sampler, wf);
  const nParams = wf.params.length;
  const ws = cycleWorkspace(wf);
  const O = new Float64Array(nParams);
  const dens = input.density;
  let hist: Float64Array | undefined;
  if (dens) {
    if (wf.dims !== 2) throw new RangeError(`runWalkerBatch: the density histogram needs D = 2, got D = ${wf.dims}`);
    hist = new Float64Array(dens.bins * dens.bins);
  }
  const walkersOut: WalkerData[] = [];
  const measurements: WalkerMeasurement[] = [];
  for (const wd of input.walkers) {
    const walker: Walker = { x: Float64Array.from(wd.x), rng: Rng.fromState(wd.rngState), logPsi: 0 };
    if (walker.x.length !== wf.nVisible) throw new RangeError(`runWalkerBatch: a walker has ${walker.x.length} coordinates, the wavefunction ${wf.nVisible}`);
    walker.logPsi = logPsiUnchecked(wf, walker.x); // for the current parameters; the cycles keep it up to date
    for (let c = 0; c < input.equilibration; c++) monteCarloCycle(wf, input.sampler, walker, ws);
    const energies = new Float64Array(input.cycles);
    const sumO = new Float64Array(input.gradient ? nParams : 0);
    const sumEO = new Float64Array(input.gradient ? nParams : 0);
    let accepted = 0;
    for (let c = 0; c < input.cycles; c++) {
      accepted += monteCarloCycle(wf, input.sampler, walker, ws);
      const e = localEnergyUnchecked(wf, h, walker.x);
      energies[c] = e;
      if (input.gradient) {
        parameterGradientUnchecked(O, wf, walker.x);
        for (let i = 0; i < nParams; i++) {
          sumO[i] += O[i];
          sumEO[i] += e * O[i];
        }
      }
      if (hist && dens) addToHistogram(hist, dens, walker.x, wf.particles);
    }
    walkersOut.push({ x: walker.x, rngState: walker.rng.state() });
    measurements.push({ energies, sumO, sumEO, accepted, proposed: input.cycles * wf.particles });
  }
  return hist ? { walkers: walkersOut, measurements, density: hist } : { walkers: walkersOut, measurements };
}

function addToHistogram(hist: Float64Array, spec: DensityHistogramSpec, x: Float64Array, P: number): void {
  const { bins, extent } = spec;
  for (let p = 0; p < P; p++) {
    const cx = Math.floor(((x[2 * p] + extent) / (2 * extent)) * bins);
    const cy = Math.floor(((extent - x[2 * p + 1]) / (2 * extent)) * bins);
    if (cx >= 0 && cx < bins && cy >= 0 && cy < bins) hist[cy * bins + cx] += 1;
  }
}

/** Energy, its blocking error and the energy gradient combined over every walker of an iteration. */
export interface EnergyEstimate {
  /** ⟨E_L⟩ over all walkers and cycles (N-VMC-07). */
  energy: number;
  /** Standard error of `energy`: per-walker blocking errors (Flyvbjerg–Petersen / Jonsson) combined as √(Σ SE_w²)/W. */
  error: number;
  /** Sample variance of E_L (0 at an exact eigenstate). */
  variance: number;
  /** Accepted / proposed single-particle moves. */
  acceptance: number;
  /** N-VMC-08 energy gradient 2[⟨E_L O⟩ − ⟨E_L⟩⟨O⟩] (empty if not computed). */
  gradient: Float64Array;
  /** Measured samples (walkers × cycles). */
  samples: number;
}

/**
 * Combines walker measurements (in walker order) into an {@link EnergyEstimate}.
 *
 *   E = (1/S) Σ E_L,   ∂E/∂θ_i = 2[ (1/S) Σ E_L O_i − E (1/S) Σ O_i ],   O_i = ∂ln ψ/∂θ_i   (N-VMC-08)
 *
 * The error is the blocking error of each walker's series combined as independent means. A
 * series with zero variance (an exact eigenstate) contributes error 0.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const out = runWalkerBatch({ wavefunction: wf.toData(), hamiltonian: h, sampler: metropolisSampler(),
 *   walkers: [{ x, rngState: new Rng(1).state() }], equilibration: 100, cycles: 1000, gradient: false });
 * const est = combineMeasurements(out.measurements);
 * `${est.energy} ± ${est.error}`;
 */
export function combineMeasurements(measurements: WalkerMeasurement[]): EnergyEstimate {
  const fn = 'combineMeasurements';
  if (!Array.isArray(measurements) || measurements.length === 0) throw new RangeError(`${fn}: measurements must be a non-empty array of walker measurements, got ${describe(measurements)}`);
  const n0 = (measurements[0] as WalkerMeasurement | null)?.sumO?.length;
  measurements.forEach((m, w) => {
    if (m === null || typeof m !== 'object' || !(m.energies instanceof Float64Array) || m.energies.length < 1) {
      throw new TypeError(`${fn}: measurements[${w}] must be { energies (a non-empty Float64Array), sumO, sumEO, accepted, proposed }, got ${describe(m)}`);
    }
    if (!(m.sumO instanceof Float64Array) || !(m.sumEO instanceof Float64Array) || m.sumO.length !== n0 || m.sumEO.length !== n0) {
      throw new RangeError(`${fn}: measurements[${w}].sumO and .sumEO must be Float64Arrays of length ${n0} (one per parameter, as measurements[0]), got ${describe(m.sumO)} and ${describe(m.sumEO)}`);
    }
    if (!Number.isInteger(m.accepted) || !Number.isInteger(m.proposed) || m.accepted < 0 || m.proposed < m.accepted) {
      throw new RangeError(`${fn}: measurements[${w}] must have integers 0 <= accepted <= proposed, got ${describe(m.accepted)} and ${describe(m.proposed)}`);
    }
  });
  const nParams = measurements[0].sumO.length;
  const sumO = new Float64Array(nParams), sumEO = new Float64Array(nParams);
  let sumE = 0, sumE2 = 0, samples = 0, acc = 0, prop = 0, var2 = 0;
  for (const m of measurements) {
    const e = m.energies;
    let s = 0;
    for (let c = 0; c < e.length; c++) { s += e[c]; sumE2 += e[c] * e[c]; }
    sumE += s;
    samples += e.length;
    for (let i = 0; i < nParams; i++) { sumO[i] += m.sumO[i]; sumEO[i] += m.sumEO[i]; }
    acc += m.accepted;
    prop += m.proposed;
    var2 += seriesVarianceOfMean(e, s / e.length);
  }
  const energy = sumE / samples;
  const gradient = new Float64Array(nParams);
  for (let i = 0; i < nParams; i++) gradient[i] = 2 * (sumEO[i] / samples - (energy * sumO[i]) / samples);
  const variance = Math.max(0, sumE2 / samples - energy * energy);
  return { energy, error: Math.sqrt(var2) / measurements.length, variance, acceptance: prop > 0 ? acc / prop : 1, gradient, samples };
}

/** Var(mean) of one walker's series by blocking; 0 for a series with no spread beyond rounding. */
function seriesVarianceOfMean(e: Float64Array, mean: number): number {
  let s2 = 0;
  for (let c = 0; c < e.length; c++) s2 += (e[c] - mean) ** 2;
  if (!(s2 > 1e-24 * e.length * Math.max(1, mean * mean))) return 0;
  return blockingError(e).varianceOfMean;
}

/** Options shared by {@link estimateEnergy} and the optimisation loops. */
export interface VmcOptions {
  sampler: SamplerSpec;
  /** Independent walkers (default 4). */
  walkers?: number;
  /** Measured cycles per walker per iteration (default 4096). */
  cycles?: number;
  /** Cycles discarded at the start of the run (default 1000). */
  equilibration?: number;
  /** Cycles discarded at the start of each later iteration, after a parameter update (default 100). */
  reequilibration?: number;
}

/**
 * Independent walkers: walker w gets `rng.split()` as its own stream and starting coordinates
 * x_k ~ N(0, σ²) drawn from it (σ² the first width of `wf`).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const walkers = createWalkers(wf, 4, new Rng(1));
 */
export function createWalkers(wf: RbmWavefunction, count: number, rng: Rng): WalkerData[] {
  checkWavefunction('createWalkers', wf);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`createWalkers: count must be an integer >= 1, got ${describe(count)}`);
  checkRng('createWalkers', rng);
  const out: WalkerData[] = [];
  const sd = Math.sqrt(wf.sigma2[0]);
  for (let w = 0; w < count; w++) {
    const r = rng.split();
    const x = new Float64Array(wf.nVisible);
    for (let k = 0; k < x.length; k++) x[k] = sd * r.normal();
    out.push({ x, rngState: r.state() });
  }
  return out;
}

const VMC_KEYS = ['sampler', 'walkers', 'cycles', 'equilibration', 'reequilibration'];
const OPTIMIZE_KEYS = [...VMC_KEYS, 'iterations', 'optimizer', 'onIteration', 'progress', 'onProgress'];

/** Throws unless `sampler` is a SamplerSpec (metropolisSampler, importanceSampler or blockGibbsSampler). */
function checkSamplerSpec(fn: string, sampler: unknown): void {
  const k = (sampler as SamplerSpec | null | undefined)?.kind;
  if (sampler === null || typeof sampler !== 'object' || (k !== 'metropolis' && k !== 'importance' && k !== 'gibbs')) {
    throw new TypeError(`${fn}: sampler must be an object from metropolisSampler, importanceSampler or blockGibbsSampler, got ${describe(sampler)}`);
  }
}

function resolveOptions(fn: string, o: VmcOptions, allowed: readonly string[]): Required<VmcOptions> {
  if (o === null || o === undefined) throw new TypeError(`${fn}: options { sampler, … } are required`);
  checkOptionKeys(fn, o, allowed);
  checkSamplerSpec(fn, o.sampler);
  const r = { sampler: o.sampler, walkers: o.walkers ?? 4, cycles: o.cycles ?? 4096, equilibration: o.equilibration ?? 1000, reequilibration: o.reequilibration ?? 100 };
  if (!Number.isInteger(r.walkers) || r.walkers < 1) throw new RangeError(`${fn}: walkers must be an integer >= 1, got ${r.walkers}`);
  if (!Number.isInteger(r.cycles) || r.cycles < 4) throw new RangeError(`${fn}: cycles must be an integer >= 4 (blocking needs 4 draws), got ${r.cycles}`);
  for (const k of ['equilibration', 'reequilibration'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw new RangeError(`${fn}: ${k} must be an integer >= 0, got ${r[k]}`);
  }
  return r;
}

/**
 * Splits walkers into `parts` contiguous batches (walker order kept).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const walkers = createWalkers(wf, 4, new Rng(1));
 * const inputs = batchInputs(wf, h, importanceSampler(), walkers, 2, 100, 4096, true); // two batches
 */
export function batchInputs(wf: RbmWavefunction, h: HarmonicOscillator, sampler: SamplerSpec, walkers: WalkerData[], parts: number, equilibration: number, cycles: number, gradient: boolean, density?: DensityHistogramSpec): WalkerBatchInput[] {
  const fn = 'batchInputs';
  checkWavefunction(fn, wf);
  checkHamiltonian(fn, h);
  checkSamplerSpec(fn, sampler);
  if (!Array.isArray(walkers) || walkers.length === 0) throw new RangeError(`${fn}: walkers must be a non-empty array (createWalkers), got ${describe(walkers)}`);
  checkWalkerList(fn, 'walkers', walkers, wf.nVisible);
  for (const [what, v, lo] of [['parts', parts, 1], ['equilibration', equilibration, 0], ['cycles', cycles, 4]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo) throw new RangeError(`${fn}: ${what} must be an integer >= ${lo}, got ${describe(v)}`);
  }
  if (typeof gradient !== 'boolean') throw new TypeError(`${fn}: gradient must be a boolean, got ${describe(gradient)}`);
  checkDensitySpec(fn, 'density', density);
  const data = wf.toData();
  const out: WalkerBatchInput[] = [];
  const n = Math.min(parts, walkers.length);
  for (let t = 0; t < n; t++) {
    const lo = Math.floor((walkers.length * t) / n), hi = Math.floor((walkers.length * (t + 1)) / n);
    out.push({ wavefunction: data, hamiltonian: h, sampler, walkers: walkers.slice(lo, hi), equilibration, cycles, gradient, ...(density ? { density } : {}) });
  }
  return out;
}

/**
 * N-VMC-07  E[θ] = ∫ |ψ|² E_L ≈ (1/S) Σ_s E_L(x_s): runs `walkers` independent walkers from
 * `rng.split()` (equilibration, then `cycles` measured cycles each) and returns the mean local
 * energy with its blocking error.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, initScale: 0.1 }, new Rng(1));
 * const est = estimateEnergy(wf, harmonicOscillator({ omega: 1, interaction: 'coulomb' }), { sampler: metropolisSampler() }, new Rng(2));
 * est.energy; est.error;
 */
export function estimateEnergy(wf: RbmWavefunction, h: HarmonicOscillator, options: VmcOptions, rng: Rng): EnergyEstimate {
  checkWavefunction('estimateEnergy', wf);
  checkHamiltonian('estimateEnergy', h);
  const o = resolveOptions('estimateEnergy', options, VMC_KEYS);
  checkRng('estimateEnergy', rng);
  checkSamplerFor(o.sampler, wf);
  const walkers = createWalkers(wf, o.walkers, rng);
  const out = runWalkerBatch(batchInputs(wf, h, o.sampler, walkers, 1, o.equilibration, o.cycles, false)[0]);
  return combineMeasurements(out.measurements);
}

/** One optimisation iteration as reported to `onIteration`. */
export interface VmcIteration {
  iteration: number;
  iterations: number;
  energy: number;
  error: number;
  variance: number;
  acceptance: number;
  /** Euclidean norm of the energy gradient. */
  gradientNorm: number;
  /** Seconds since the start of the run. */
  seconds: number;
}

/**
 * Options of the optimisation loops. `progress: true` prints the shared throttled progress line
 * on stderr (iterations done, rate, ETA, and the last E ± error, variance, acceptance, |gradient|);
 * `onProgress` receives the same throttled updates; `onIteration` sees every iteration.
 */
export interface OptimizeOptions extends VmcOptions, ProgressOptions {
  /** Gradient steps (the last iteration only measures, it does not step). */
  iterations: number;
  /** Any lib/optim optimizer; it steps `wf.params` as one array. */
  optimizer: Optimizer;
  /** Called after every iteration with its figures. */
  onIteration?: (it: VmcIteration) => void;
}

/** The history of an optimisation run. */
export interface OptimizeResult {
  history: VmcIteration[];
  /** The estimate of the final iteration (parameters after the last step). */
  final: EnergyEstimate;
  /** Total measured Monte Carlo cycles (all walkers, all iterations). */
  cycles: number;
  seconds: number;
}

/**
 * The optimisation loop shared by the single-thread and pooled versions: `run` executes batches.
 * Returns a promise only if `run` does.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const options: OptimizeOptions = { sampler: importanceSampler(), iterations: 3, cycles: 200, optimizer: new Adam({ lr: 0.02 }) };
 * const rng = new Rng(2);
 * optimizeLoop('mine', wf, h, options, rng, 1, (inputs) => inputs.map(runWalkerBatch));
 */
export function optimizeLoop<R>(
  fn: string, wf: RbmWavefunction, h: HarmonicOscillator, options: OptimizeOptions, rng: Rng, parts: number,
  run: (inputs: WalkerBatchInput[]) => R,
): R extends Promise<unknown> ? Promise<OptimizeResult> : OptimizeResult {
  checkWavefunction(fn, wf);
  checkHamiltonian(fn, h);
  const o = resolveOptions(fn, options, OPTIMIZE_KEYS);
  checkRng(fn, rng);
  if (!Number.isInteger(options.iterations) || options.iterations < 1) throw new RangeError(`${fn}: iterations must be an integer >= 1, got ${options.iterations}`);
  if (!options.optimizer || typeof options.optimizer.step !== 'function') throw new TypeError(`${fn}: optimizer must be an Optimizer from lib/optim (SGD, Adam, ...), got ${describe(options.optimizer)}`);
  checkSamplerFor(o.sampler, wf);
  let walkers = createWalkers(wf, o.walkers, rng);
  const history: VmcIteration[] = [];
  const t0 = performance.now();
  let iteration = 0;
  let last: EnergyEstimate | undefined;
  const iterations = options.iterations;
  const progress = progressReporter(fn, iterations, options, 'iterations');
  const step = (outputs: WalkerBatchOutput[]): void => {
    walkers = outputs.flatMap((b) => b.walkers);
    const est = combineMeasurements(outputs.flatMap((b) => b.measurements));
    last = est;
    let g2 = 0;
    for (let i = 0; i < est.gradient.length; i++) g2 += est.gradient[i] ** 2;
    if (!Number.isFinite(est.energy) || !Number.isFinite(g2)) {
      throw new RangeError(`${fn}: iteration ${iteration}: ${!Number.isFinite(est.energy) ? `the energy is ${est.energy}` : 'the energy gradient is not finite'} (parameters: ${Array.from(wf.params.slice(0, 8), (p) => p.toPrecision(4)).join(', ')}${wf.params.length > 8 ? ', …' : ''})`);
    }
    const it: VmcIteration = { iteration, iterations, energy: est.energy, error: est.error, variance: est.variance, acceptance: est.acceptance, gradientNorm: Math.sqrt(g2), seconds: (performance.now() - t0) / 1000 };
    history.push(it);
    options.onIteration?.(it);
    progress?.update(iteration + 1, `E ${it.energy.toFixed(5)} ± ${it.error.toFixed(5)}  var ${it.variance.toExponential(2)}  acc ${it.acceptance.toFixed(3)}  |grad| ${it.gradientNorm.toExponential(2)}`);
    if (iteration < iterations - 1) {
      options.optimizer.step(wf.params, est.gradient);
      try {
        wf.syncFromParams();
      } catch (e) {
        throw new RangeError(`${fn}: iteration ${iteration}: after the optimizer step, ${(e as Error).message}`);
      }
    }
    iteration++;
  };
  const inputs = () => batchInputs(wf, h, o.sampler, walkers, parts, iteration === 0 ? o.equilibration : o.reequilibration, o.cycles, true);
  const finish = (): OptimizeResult => {
    progress?.finish();
    return { history, final: last!, cycles: iterations * o.walkers * o.cycles, seconds: (performance.now() - t0) / 1000 };
  };
  const first = run(inputs());
  if (first instanceof Promise) {
    const loop = async (): Promise<OptimizeResult> => {
      step((await first) as WalkerBatchOutput[]);
      while (iteration < iterations) step((await run(inputs())) as WalkerBatchOutput[]);
      return finish();
    };
    return loop() as never;
  }
  step(first as WalkerBatchOutput[]);
  while (iteration < iterations) step(run(inputs()) as WalkerBatchOutput[]);
  return finish() as never;
}

/**
 * Minimises the energy over `wf.params` (N-VMC-07, N-VMC-08) on this thread: each iteration runs every
 * walker for `cycles` cycles, estimates E ± error and the gradient 2[⟨E_L O⟩ − ⟨E_L⟩⟨O⟩], and
 * steps the parameters with `optimizer`. For several cores use `optimizeWavefunctionParallel`
 * from `boltzmann/node` (same walkers, same bits).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, initScale: 0.01 }, new Rng(1));
 * const r = optimizeWavefunction(wf, harmonicOscillator({ omega: 1, interaction: 'coulomb' }),
 *   { sampler: importanceSampler(), iterations: 20, optimizer: new Adam({ lr: 0.02 }), progress: true }, new Rng(2));
 * r.final.energy; // ≈ 3.07 after enough iterations (100 or more; exact 3, Taut 1993)
 */
export function optimizeWavefunction(wf: RbmWavefunction, h: HarmonicOscillator, options: OptimizeOptions, rng: Rng): OptimizeResult {
  return optimizeLoop('optimizeWavefunction', wf, h, options, rng, 1, (inputs) => inputs.map(runWalkerBatch));
}
