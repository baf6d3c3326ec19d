/**
 * Evaluation of binary and spin RBMs too large for enumeration, each a function of the model and
 * data that can be called from trainRBM's `onEpoch`:
 *
 * - averageLogLikelihood: (1/n) Σ_k log p(x_k) = −(1/n) Σ_k F(x_k) − log Z, with the free energies
 *   exact (N-RBM-05) and log Z from logPartitionExact or an AIS estimate (ais.ts);
 * - pseudoLogLikelihood: scikit-learn's BernoulliRBM.score_samples, a stochastic proxy that needs
 *   no Z: for each row one random unit i is flipped (x̃ = x with x_i → 1 − x_i, or −x_i for
 *   spins) and M · log σ(F(x̃) − F(x)) is M times log p(x_i | x_{−i});
 * - freeEnergyGap: Hinton's overfitting monitor ("A practical guide to training RBMs", 2010,
 *   section 6): mean F over held-out data minus mean F over a training subset of the same size.
 *   Z cancels in the difference of log-probabilities, so a growing gap means the model assigns
 *   the training data more probability than data it has not seen.
 *
 * Free energies are computed in chunks of rows so the scratch stays bounded for large data.
 */
import { type Rng } from '../random/index.js';
import { type Matrix, shapeOf } from '../linalg/matrix.js';
import { checkRBM, type RBM } from './model.js';
import { freeEnergy } from './energy.js';
import { checkMatrix32, describe } from './validate.js';

const CHUNK_ROWS = 1000;

/** Σ_k F(x_k) over the rows of X in float64, in chunks of CHUNK_ROWS rows (free-energy scratch bounded). */
function freeEnergySum(rbm: RBM, X: Matrix, perRow: Float64Array | null): number {
  const M = X.cols;
  const out = new Float64Array(Math.min(CHUNK_ROWS, X.rows));
  let s = 0;
  for (let start = 0; start < X.rows; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, X.rows - start);
    const chunk: Matrix = { rows, cols: M, data: X.data.subarray(start * M, (start + rows) * M) };
    const f = rows === out.length ? out : out.subarray(0, rows);
    freeEnergy(f, rbm, chunk);
    for (let k = 0; k < rows; k++) {
      s += f[k];
      if (perRow !== null) perRow[start + k] = f[k];
    }
  }
  return s;
}

function checkData(fn: string, what: string, rbm: RBM, X: unknown): asserts X is Matrix {
  checkMatrix32(fn, what, X);
  if (X.cols !== rbm.nVisible) throw new RangeError(`${fn}: ${what} is ${shapeOf(X)} but the RBM has nVisible = ${rbm.nVisible}`);
  if (X.rows < 1) throw new RangeError(`${fn}: ${what} has no rows`);
}

/**
 * Mean log-likelihood per row, (1/n) Σ_k log p(x_k) = −(1/n) Σ_k F(x_k) − log Z (N-RBM-05 free
 * energies, exact; log Z given — from logPartitionExact, or logPartitionAIS's `logZ`, whose
 * `lower`/`upper` give the interval of this value by the same formula). In nats.
 *
 * @example
 * ```ts
 * import { barsAndStripes, BernoulliRBM, averageLogLikelihood, logPartitionAIS, logPartitionExact, Rng, trainRBM } from 'boltzmann';
 * const train = barsAndStripes(3), test = train;
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * trainRBM(rbm, train, { epochs: 100, learningRate: 0.1 }, new Rng(2));
 * // betas: 'salakhutdinov-murray' (14,500 temperatures) for MNIST-sized models
 * const ais = logPartitionAIS(rbm, { runs: 100, betas: 1000, rng: new Rng(1), baseRate: train });
 * averageLogLikelihood(rbm, test, ais.logZ); // ≈ averageLogLikelihood(rbm, test, logPartitionExact(rbm)); -90 nats or so on MNIST
 * ```
 */
export function averageLogLikelihood(rbm: RBM, data: Matrix, logZ: number): number {
  const fn = 'averageLogLikelihood';
  checkRBM(fn, rbm);
  checkData(fn, 'data', rbm, data);
  if (typeof logZ !== 'number' || !Number.isFinite(logZ)) throw new RangeError(`${fn}: logZ must be a finite number, got ${describe(logZ)}`);
  return -freeEnergySum(rbm, data, null) / data.rows - logZ;
}

/**
 * scikit-learn's pseudo-log-likelihood (BernoulliRBM.score_samples, averaged over rows): for each
 * row x one unit i is drawn uniformly from `rng`, x̃ is x with unit i flipped (1 − x_i for 0/1
 * units, −x_i for ±1 units), and the row scores M · log σ(F(x̃) − F(x)) = M · log p(x_i | x_{−i}).
 * Rows must hold unit values (0/1 or ±1). Not a likelihood: a cheap monitor with no log Z.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, pseudoLogLikelihood, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 1, { W: [[0], [0]], a: [0, 0], b: [0] });
 * pseudoLogLikelihood(rbm, matrix(1, 2, [1, 0]), new Rng(1)); // 2 log σ(0) = −2 ln 2
 * ```
 */
export function pseudoLogLikelihood(rbm: RBM, data: Matrix, rng: Rng): number {
  const fn = 'pseudoLogLikelihood';
  checkRBM(fn, rbm);
  if (rbm.kind === 'gaussian-bernoulli') throw new TypeError(`${fn}: needs binary or spin units, got a gaussian-bernoulli RBM`);
  checkData(fn, 'data', rbm, data);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).int !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const n = data.rows, M = data.cols, x = data.data;
  const spin = rbm.kind === 'spin';
  for (let q = 0; q < x.length; q++) {
    const v = x[q];
    if (spin ? v !== 1 && v !== -1 : v !== 0 && v !== 1) {
      throw new RangeError(`${fn}: data[${Math.floor(q / M)}, ${q % M}] must be ${spin ? '−1 or +1' : '0 or 1'}, got ${v}`);
    }
  }
  const F = new Float64Array(n);
  freeEnergySum(rbm, data, F);
  // x̃: one flipped unit per row, the units drawn in row order (scikit-learn draws them the same way).
  const flipped: Matrix = { rows: n, cols: M, data: Float32Array.from(x) };
  for (let k = 0; k < n; k++) {
    const q = k * M + rng.int(M);
    flipped.data[q] = spin ? -flipped.data[q] : 1 - flipped.data[q];
  }
  const Ft = new Float64Array(n);
  freeEnergySum(rbm, flipped, Ft);
  let s = 0;
  for (let k = 0; k < n; k++) {
    // M log σ(d) = −M softplus(−d), d = F(x̃) − F(x)
    const d = Ft[k] - F[k];
    s -= M * (Math.max(-d, 0) + Math.log1p(Math.exp(-Math.abs(d))));
  }
  return s / n;
}

/** What {@link freeEnergyGap} returns (free energies in nats, averaged per row). */
export interface FreeEnergyGap {
  /** Mean F over the training subset. */
  train: number;
  /** Mean F over the held-out data. */
  heldOut: number;
  /** heldOut − train: near 0 while the model generalizes, growing as it overfits. */
  gap: number;
}

/**
 * Hinton's overfitting monitor: the mean free energy of held-out data minus that of a training
 * subset (use subsets of equal size, e.g. 1,000 training rows and 1,000 validation rows). Since
 * log p(x) = −F(x) − log Z, the gap is the mean log-probability advantage of the training rows.
 *
 * @example
 * ```ts
 * import { barsAndStripes, BernoulliRBM, freeEnergyGap, matrix, Rng, trainRBM } from 'boltzmann';
 * const all = barsAndStripes(3); // 14 patterns of 3x3: 10 to train on, 4 held out
 * const train = matrix(10, 9, all.data.subarray(0, 90)), validation = matrix(4, 9, all.data.subarray(90));
 * const trainSubset = matrix(4, 9, all.data.subarray(0, 36));
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * trainRBM(rbm, train, { epochs: 50, onEpoch: () => console.log(freeEnergyGap(rbm, trainSubset, validation).gap) }, new Rng(2));
 * ```
 */
export function freeEnergyGap(rbm: RBM, trainSubset: Matrix, heldOut: Matrix): FreeEnergyGap {
  const fn = 'freeEnergyGap';
  checkRBM(fn, rbm);
  checkData(fn, 'trainSubset', rbm, trainSubset);
  checkData(fn, 'heldOut', rbm, heldOut);
  const train = freeEnergySum(rbm, trainSubset, null) / trainSubset.rows;
  const held = freeEnergySum(rbm, heldOut, null) / heldOut.rows;
  return { train, heldOut: held, gap: held - train };
}
