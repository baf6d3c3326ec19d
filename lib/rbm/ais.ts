/**
 * Annealed importance sampling (AIS; Neal 2001) for the partition function of a binary or spin
 * RBM, as Salakhutdinov & Murray (2008, "On the quantitative analysis of deep belief networks")
 * apply it: anneal from a base-rate model A (no hidden units, visible biases a_A) to the RBM B
 * through the distributions, for 0 = β_0 < β_1 < ... < β_K = 1,
 *
 *   p*_β(x) = exp((1 − β) a_Aᵀx + β aᵀx) · Π_j f(β θ_j(x)),   θ_j(x) = b_j + Σ_i x_i w_ij,
 *
 * with the hidden units summed out: f(z) = 1 + e^z for 0/1 units (log f = softplus),
 * f(z) = 2 cosh z for ±1 units. p*_0 is the base model, independent visible units beside N
 * hidden units with zero weights and biases (f(0) = 2 for both kinds), so
 * Z_A = 2^N Π_i (1 + e^{a_A,i}), or 2^N Π_i 2 cosh a_A,i for spins; p*_1 = Σ_h e^{−E(x, h)},
 * so Z_1 = Z.
 *
 * One run: x_1 ~ p_0 exactly; for k = 1..K, add log p*_{β_k}(x_k) − log p*_{β_{k−1}}(x_k) to the
 * log weight, then (k < K) draw x_{k+1} from a block-Gibbs step that leaves p_{β_k} invariant:
 * h ~ p_{β_k}(h | x), x ~ p_{β_k}(x | h), where the hidden inputs are β_k θ and the visible
 * inputs (1 − β_k) a_A + β_k (a + W h). Then E[w] = Z / Z_A, so
 *
 *   log Ẑ = log Z_A + log( (1/R) Σ_r w_r )
 *
 * and [lower, upper] = log Z_A + log(mean w ∓ 3 standard errors of the mean), formed in log space
 * (the weights are rescaled by their largest before exponentiating). Because log is concave, log Ẑ
 * is biased low on average (Jensen); the interval is the usual statement of the estimate's spread.
 *
 * Every run has its own random stream (split from the caller's `rng` in run order), and the
 * products are computed row by row in the same order whatever the batch of runs, so the log
 * weights do not depend on how the runs are grouped: the Node entry's parallel version
 * (logPartitionAISParallel) gives the same bits as this one.
 */
import { type Rng } from '../random/index.js';
import { gemmUnchecked } from '../linalg/kernels.js';
import { sparseGemmUnchecked } from '../linalg/sparse.js';
import { matrix, type Matrix, shapeOf } from '../linalg/matrix.js';
import { BernoulliRBM } from './binary.js';
import { checkRBM, type RBM } from './model.js';
import { SpinRBM } from './spin.js';
import { initVisibleBiasFromData } from './init.js';
import { checkCount, checkMatrix32, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link logPartitionAIS}. */
export interface AISOptions {
  /** Number of independent annealing runs R (integer >= 2, for a standard error). */
  runs: number;
  /**
   * The schedule: a count K (β_k = k/K, k = 0..K), an explicit non-decreasing array from 0 to 1,
   * or 'salakhutdinov-murray' (the paper's 14,500 steps, see {@link aisSchedule}).
   */
  betas: number | ArrayLike<number> | 'salakhutdinov-murray';
  /** The random stream; one stream per run is split from it. */
  rng: Rng;
  /**
   * The base-rate model's visible biases a_A: data (a Matrix, rows = samples) to fit them to
   * the smoothed marginals as {@link initVisibleBiasFromData} does, or the biases themselves
   * (length nVisible). Default: zero (the uniform distribution).
   */
  baseRate?: Matrix | ArrayLike<number>;
}

/** What {@link logPartitionAIS} returns. */
export interface AISResult {
  /** The estimate log Z_A + log mean(w). */
  logZ: number;
  /** log Z_A + log(mean(w) − 3 SE): −Infinity when the interval reaches 0. */
  lower: number;
  /** log Z_A + log(mean(w) + 3 SE). */
  upper: number;
  /** log w_r for every run (length R). */
  logWeights: Float64Array;
  /** log Z_A, the base model's exact log partition function. */
  logZBase: number;
}

/**
 * An AIS schedule of K + 1 inverse temperatures from 0 to 1. `K` (a count) gives the linear
 * schedule β_k = k/K; 'salakhutdinov-murray' gives the schedule of Salakhutdinov & Murray (2008):
 * steps of 1e-3 up to 0.5, 1e-4 up to 0.9 and 1e-5 up to 1 (500 + 4000 + 10000 = 14,500 steps,
 * 14,501 values), used there with 100 runs. Each β is computed from its index (no accumulated
 * rounding).
 *
 * @example
 * ```ts
 * import { aisSchedule } from 'boltzmann';
 * aisSchedule(4);                        // [0, 0.25, 0.5, 0.75, 1]
 * aisSchedule('salakhutdinov-murray').length; // 14501
 * ```
 */
export function aisSchedule(schedule: number | 'salakhutdinov-murray'): Float64Array {
  if (schedule === 'salakhutdinov-murray') {
    const betas = new Float64Array(14501);
    for (let i = 0; i <= 500; i++) betas[i] = (0.5 * i) / 500;
    for (let i = 1; i <= 4000; i++) betas[500 + i] = 0.5 + (0.4 * i) / 4000;
    for (let i = 1; i <= 10000; i++) betas[4500 + i] = 0.9 + (0.1 * i) / 10000;
    return betas;
  }
  checkCount('aisSchedule', 'the number of steps', schedule);
  const betas = new Float64Array(schedule + 1);
  for (let k = 0; k <= schedule; k++) betas[k] = k / schedule;
  return betas;
}

/** Checks and returns the schedule as a Float64Array (an explicit array is copied). */
function resolveAISBetas(fn: string, betas: unknown): Float64Array {
  if (typeof betas === 'number' || betas === 'salakhutdinov-murray') {
    if (typeof betas === 'number' && !(Number.isInteger(betas) && betas >= 1)) {
      throw new RangeError(`${fn}: options.betas must be a step count (integer >= 1), an array from 0 to 1 or 'salakhutdinov-murray', got ${describe(betas)}`);
    }
    return aisSchedule(betas);
  }
  if (betas === null || typeof betas !== 'object' || typeof (betas as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${fn}: options.betas must be a step count, an array from 0 to 1 or 'salakhutdinov-murray', got ${describe(betas)}`);
  }
  const b = Float64Array.from(betas as ArrayLike<number>);
  if (b.length < 2) throw new RangeError(`${fn}: options.betas must have at least 2 values (0 and 1), got ${b.length}`);
  if (b[0] !== 0 || b[b.length - 1] !== 1) {
    throw new RangeError(`${fn}: options.betas must start at 0 and end at 1, got ${b[0]} ... ${b[b.length - 1]}`);
  }
  for (let k = 1; k < b.length; k++) {
    if (!(b[k] >= b[k - 1])) throw new RangeError(`${fn}: options.betas must be non-decreasing, got betas[${k - 1}] = ${b[k - 1]}, betas[${k}] = ${b[k]}`);
  }
  return b;
}

/** The base model's visible biases a_A (see {@link AISOptions.baseRate}). */
function resolveAISBaseRate(fn: string, rbm: RBM, baseRate: unknown): Float64Array {
  const M = rbm.nVisible;
  if (baseRate === undefined) return new Float64Array(M);
  const m = baseRate as Matrix;
  if (m !== null && typeof m === 'object' && typeof m.rows === 'number' && typeof m.cols === 'number') {
    checkMatrix32(fn, 'options.baseRate', m);
    if (m.cols !== M) throw new RangeError(`${fn}: options.baseRate is ${shapeOf(m)} data but the RBM has nVisible = ${M}`);
    const zero = { W: matrix(M, 1), a: new Float32Array(M), b: new Float32Array(1) };
    const base = rbm.kind === 'spin' ? new SpinRBM(zero.W, zero.a, zero.b) : new BernoulliRBM(zero.W, zero.a, zero.b);
    initVisibleBiasFromData(base, m);
    return Float64Array.from(base.a);
  }
  if (baseRate === null || typeof baseRate !== 'object' || typeof (baseRate as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${fn}: options.baseRate must be data (a Matrix) or visible biases (length ${M}), got ${describe(baseRate)}`);
  }
  const a = Float64Array.from(baseRate as ArrayLike<number>);
  if (a.length !== M) throw new RangeError(`${fn}: options.baseRate has length ${a.length} but the RBM has nVisible = ${M}`);
  for (let i = 0; i < M; i++) if (!Number.isFinite(a[i])) throw new RangeError(`${fn}: options.baseRate[${i}] must be finite, got ${a[i]}`);
  return a;
}

/**
 * log Z_A of the base model with `nHidden` free hidden units: N log 2 + Σ_i log(1 + e^{a_A,i})
 * (0/1 units) or N log 2 + Σ_i log 2cosh a_A,i (±1 units).
 *
 * @example
 * ```ts
 * import { logPartitionBase } from 'boltzmann';
 * logPartitionBase('bernoulli', new Float64Array(3), 2); // 5 ln 2
 * ```
 */
export function logPartitionBase(kind: 'bernoulli' | 'spin', baseBias: Float64Array, nHidden: number): number {
  const fn = 'logPartitionBase';
  if (kind !== 'bernoulli' && kind !== 'spin') throw new RangeError(`${fn}: kind must be 'bernoulli' or 'spin', got ${describe(kind)}`);
  if (!(baseBias instanceof Float64Array)) throw new TypeError(`${fn}: baseBias must be a Float64Array, got ${describe(baseBias)}`);
  for (let i = 0; i < baseBias.length; i++) {
    if (!Number.isFinite(baseBias[i])) throw new RangeError(`${fn}: baseBias[${i}] must be finite, got ${baseBias[i]}`);
  }
  checkCount(fn, 'nHidden', nHidden);
  let s = nHidden * Math.LN2;
  for (let i = 0; i < baseBias.length; i++) s += kind === 'spin' ? logTwoCosh(baseBias[i]) : softplus64(baseBias[i]);
  return s;
}

function softplus64(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function logTwoCosh(z: number): number {
  const u = Math.abs(z);
  return u + Math.log1p(Math.exp(-2 * u));
}

/**
 * The AIS log weights of a group of runs (the loop of {@link logPartitionAIS} without argument
 * checks; exported for the parallel version, which calls it in workers on groups of runs).
 * `streams[r]` is run r's random stream; returns log w_r for each.
 *
 * @example
 * ```ts
 * import { aisSchedule, BernoulliRBM, Rng } from 'boltzmann';
 * import { aisLogWeights } from './ais.js'; // internal: lib/rbm/ais.ts
 * const rbm = BernoulliRBM.create(6, 4, 'hinton', new Rng(1));
 * const base = new Float64Array(6); // uniform base model
 * aisLogWeights(rbm, aisSchedule(100), base, [new Rng(2), new Rng(3)]); // Float64Array(2)
 * ```
 */
export function aisLogWeights(rbm: RBM, betas: Float64Array, baseBias: Float64Array, streams: Rng[]): Float64Array {
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError('aisLogWeights: AIS here is for binary and spin RBMs, got a gaussian-bernoulli RBM');
  const R = streams.length, M = rbm.nVisible, N = rbm.nHidden, K = betas.length - 1;
  const spin = rbm.kind === 'spin';
  const a = rbm.a, b = rbm.b;
  const X = matrix(R, M), H = matrix(R, N), theta = matrix(R, N), vin = matrix(R, M);
  const x = X.data, h = H.data, t = theta.data, vi = vin.data;
  const logW = new Float64Array(R);
  const lo = spin ? -1 : 0;
  // x_1 ~ p_0: independent units, p(x_i = on) = σ(a_A,i) (0/1) or σ(2 a_A,i) (±1, N-SPIN-02).
  for (let r = 0; r < R; r++) {
    const rng = streams[r];
    for (let i = 0; i < M; i++) x[r * M + i] = rng.float() < sigmoid64(spin ? 2 * baseBias[i] : baseBias[i]) ? 1 : lo;
  }
  for (let k = 1; k <= K; k++) {
    const beta = betas[k], previous = betas[k - 1], dBeta = beta - previous;
    // θ − b = x W; 0/1 states: sums of selected rows of W (sparseGemm, the same bits as gemm)
    if (spin) gemmUnchecked(theta, X, rbm.W, false, false, 1, 0);
    else sparseGemmUnchecked(theta, X, rbm.W, false, false, 1, 0, 0.4);
    for (let r = 0; r < R; r++) {
      // log p*_{β_k}(x) − log p*_{β_{k−1}}(x) = (β_k − β_{k−1}) (a − a_A)ᵀx + Σ_j [log f(β_k θ_j) − log f(β_{k−1} θ_j)]
      let visible = 0;
      for (let i = 0; i < M; i++) visible += (a[i] - baseBias[i]) * x[r * M + i];
      let hidden = 0;
      for (let j = 0; j < N; j++) {
        const q = r * N + j;
        const th = t[q] + b[j];
        t[q] = th;
        hidden += spin ? logTwoCosh(beta * th) - logTwoCosh(previous * th) : softplus64(beta * th) - softplus64(previous * th);
      }
      logW[r] += dBeta * visible + hidden;
    }
    if (k === K) break;
    // x_{k+1} from a block-Gibbs step leaving p_{β_k} invariant: h ~ p_{β_k}(h | x), then x ~ p_{β_k}(x | h).
    for (let r = 0; r < R; r++) {
      const rng = streams[r];
      for (let j = 0; j < N; j++) {
        const q = r * N + j;
        h[q] = rng.float() < sigmoid64(spin ? 2 * beta * t[q] : beta * t[q]) ? 1 : lo;
      }
    }
    // W h per run
    if (spin) gemmUnchecked(vin, H, rbm.W, false, true, 1, 0);
    else sparseGemmUnchecked(vin, H, rbm.W, false, true, 1, 0, 0.4);
    for (let r = 0; r < R; r++) {
      const rng = streams[r];
      for (let i = 0; i < M; i++) {
        const q = r * M + i;
        const input = (1 - beta) * baseBias[i] + beta * (a[i] + vi[q]);
        x[q] = rng.float() < sigmoid64(spin ? 2 * input : input) ? 1 : lo;
      }
    }
  }
  return logW;
}

function sigmoid64(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The AIS estimate and its ±3 standard-error interval from the log weights, in log space:
 * with m = max log w and u_r = e^{log w_r − m}, mean w = e^m ū and SE = e^m s_u / √R
 * (s_u the sample standard deviation of the u_r).
 *
 * @example
 * ```ts
 * import { aisEstimate } from 'boltzmann';
 * aisEstimate(new Float64Array([0, 0, 0]), 2); // { logZ: 2, lower: 2, upper: 2, ... }
 * ```
 */
export function aisEstimate(logWeights: Float64Array, logZBase: number): AISResult {
  const fn = 'aisEstimate';
  if (!(logWeights instanceof Float64Array)) throw new TypeError(`${fn}: logWeights must be a Float64Array (one log weight per run), got ${describe(logWeights)}`);
  if (typeof logZBase !== 'number' || !Number.isFinite(logZBase)) throw new RangeError(`${fn}: logZBase must be a finite number, got ${describe(logZBase)}`);
  const R = logWeights.length;
  if (R < 2) throw new RangeError(`${fn}: logWeights has length ${R}, but a standard error needs at least 2 runs`);
  let m = -Infinity;
  for (let r = 0; r < R; r++) {
    if (Number.isNaN(logWeights[r])) throw new RangeError(`aisEstimate: logWeights[${r}] is NaN`);
    if (logWeights[r] > m) m = logWeights[r];
  }
  let mean = 0;
  for (let r = 0; r < R; r++) mean += Math.exp(logWeights[r] - m);
  mean /= R;
  let ss = 0;
  for (let r = 0; r < R; r++) {
    const d = Math.exp(logWeights[r] - m) - mean;
    ss += d * d;
  }
  const se = Math.sqrt(ss / (R - 1) / R);
  const base = logZBase + m;
  return {
    logZ: base + Math.log(mean),
    lower: mean - 3 * se > 0 ? base + Math.log(mean - 3 * se) : -Infinity,
    upper: base + Math.log(mean + 3 * se),
    logWeights,
    logZBase,
  };
}

/**
 * log Z of a binary or spin RBM by annealed importance sampling (Salakhutdinov & Murray 2008;
 * method in the header of this file): `runs` independent runs through the `betas` schedule from
 * the base-rate model to the RBM. Returns the estimate, the ±3-standard-error interval and the
 * log weights. Cost: 2 products of runs x nVisible x nHidden per step. For the paper's setting
 * use `{ runs: 100, betas: 'salakhutdinov-murray', baseRate: trainingData }`; on several cores
 * use logPartitionAISParallel from 'boltzmann/node' (same bits).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, logPartitionAIS, logPartitionExact, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(10, 8, 'glorot-normal', new Rng(1));
 * const ais = logPartitionAIS(rbm, { runs: 100, betas: 1000, rng: new Rng(2) });
 * ais.logZ - logPartitionExact(rbm); // ≈ 0 (within a few hundredths)
 * ```
 */
export function logPartitionAIS(rbm: RBM, options: AISOptions): AISResult {
  const fn = 'logPartitionAIS';
  const { betas, baseBias, streams } = prepareAIS(fn, rbm, options);
  return aisEstimate(aisLogWeights(rbm, betas, baseBias, streams), logPartitionBase(rbm.kind as 'bernoulli' | 'spin', baseBias, rbm.nHidden));
}

/**
 * Checks the arguments of an AIS call and resolves the schedule, the base biases and one random
 * stream per run (split from options.rng in run order). Shared with the parallel version.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, Rng } from 'boltzmann';
 * import { prepareAIS } from './ais.js'; // internal: lib/rbm/ais.ts
 * const { betas, streams } = prepareAIS('myAIS', BernoulliRBM.create(4, 3, 'hinton', new Rng(1)), { runs: 10, betas: 100, rng: new Rng(2) });
 * ```
 */
export function prepareAIS(fn: string, rbm: RBM, options: AISOptions): { betas: Float64Array; baseBias: Float64Array; streams: Rng[] } {
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: AIS here is for binary and spin RBMs, got a gaussian-bernoulli RBM`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { runs, betas, rng }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['runs', 'betas', 'rng', 'baseRate']);
  const { runs, rng } = options;
  if (typeof runs !== 'number' || !Number.isInteger(runs) || runs < 2) throw new RangeError(`${fn}: options.runs must be an integer >= 2, got ${describe(runs)}`);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).split !== 'function') throw new TypeError(`${fn}: options.rng must be an Rng, got ${describe(rng)}`);
  const betas = resolveAISBetas(fn, options.betas);
  const baseBias = resolveAISBaseRate(fn, rbm, options.baseRate);
  const streams: Rng[] = [];
  for (let r = 0; r < runs; r++) streams.push(rng.split());
  return { betas, baseBias, streams };
}
