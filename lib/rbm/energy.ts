/**
 * Energies of an RBM: the energy of one configuration (x, h), the unnormalized log joint, and
 * the free energy F(x) of a batch, with the hidden layer summed out in closed form.
 */
import { type Matrix } from '../linalg/matrix.js';
import { gemmUnchecked } from '../linalg/kernels.js';
import { softplusScalar } from '../linalg/elementwise.js';
import { checkRBM, type RBM } from './model.js';
import { hiddenWeights } from './conditionals.js';
import { ScratchMatrix } from './scratch.js';
import { checkArrayLike, checkUnitValues, checkVisibleBatch, describe } from './validate.js';

const freeEnergyInputs = new ScratchMatrix();

/**
 * log(2 cosh t) = |t| + log(1 + e^{−2|t|}) (N-SPIN-03), stable for any t: the log of a spin
 * unit's sum over its two values, Σ_{s=±1} e^{s t}. Internal (also used by exact.ts).
 */
export function logTwoCosh(t: number): number {
  const u = Math.abs(t);
  return u + Math.log1p(Math.exp(-2 * u));
}

/**
 * The energy of one configuration (x, h), in float64 (parameters are read exactly from float32):
 *
 * - bernoulli (N-RBM-02) and spin (N-SPIN-01): E = −aᵀx − bᵀh − xᵀWh
 * - gaussian-bernoulli (N-GRBM-01, corrected form of errata E-12):
 *   E = Σ_i (x_i − a_i)²/(2σ_i²) − bᵀh − Σ_ij x_i w_ij h_j/σ_i²
 *
 * Unit values are checked: 0/1 for binary units, ±1 for spin units; Gaussian x must be finite.
 * `logWeight = −energy` is the score of the tutorial (N-TOY-02).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, energy } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
 * energy(rbm, [1, 0, 1], [1, 0]); // -8 (the toy's ACD scenario scores 8)
 * ```
 */
export function energy(rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>): number {
  return energyOf('energy', rbm, x, h);
}

/** {@link energy} with the checks under the name `fn`. */
function energyOf(fn: string, rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>): number {
  checkRBM(fn, rbm);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  checkArrayLike(fn, 'x', x, M);
  checkArrayLike(fn, 'h', h, N);
  if (rbm.kind === 'spin') {
    checkUnitValues(fn, 'x', x, 'spin');
    checkUnitValues(fn, 'h', h, 'spin');
  } else {
    if (rbm.kind === 'bernoulli') checkUnitValues(fn, 'x', x, 'bernoulli');
    else for (let i = 0; i < M; i++) if (!Number.isFinite(x[i])) throw new RangeError(`${fn}: x[${i}] must be finite, got ${x[i]}`);
    checkUnitValues(fn, 'h', h, 'bernoulli');
  }
  let e = 0;
  for (let j = 0; j < N; j++) e -= rbm.b[j] * h[j]; // −bᵀh
  if (rbm.kind === 'gaussian-bernoulli') {
    for (let i = 0; i < M; i++) {
      const s2 = rbm.sigma[i] * rbm.sigma[i];
      const d = x[i] - rbm.a[i];
      let wh = 0;
      for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
      e += (d * d) / (2 * s2) - (x[i] * wh) / s2; // (x_i − a_i)²/2σ_i² − x_i w_{i*}ᵀh/σ_i²
    }
    return e;
  }
  for (let i = 0; i < M; i++) {
    let wh = 0;
    for (let j = 0; j < N; j++) wh += w[i * N + j] * h[j];
    e -= x[i] * (rbm.a[i] + wh); // −a_i x_i − x_i w_{i*}ᵀh
  }
  return e;
}

/**
 * The unnormalized log joint, log f(x, h) = −E(x, h): the log of the product of factors of
 *   N-RBM-03   p(x, h) = e^{−E(x,h)} / Z            (binary and spin units), and
 *   N-GRBM-02  p_GB(x, h) = (1/Z) Π_i e^{−(x_i−a_i)²/2σ_i²} Π_j e^{b_j h_j} Π_ij e^{x_i w_ij h_j/σ_i²}
 * (the notes, 000 "Joint Probability Density Function", put the whole exponent under one Π_ij,
 * which repeats the single-index terms; the products are split as above — errata E-13).
 * Subtract `logPartitionExact(rbm)` for the normalized log density.
 *
 * @example
 * const rbm = GaussianBernoulliRBM.create(2, 1, { W: [[1], [0]], a: [0, 0], b: [0] });
 * logJointUnnormalized(rbm, [1, 0], [1]); // −E = 1 − ½ = 0.5
 */
export function logJointUnnormalized(rbm: RBM, x: ArrayLike<number>, h: ArrayLike<number>): number {
  return -energyOf('logJointUnnormalized', rbm, x, h);
}

/**
 * Free energies of a batch, F(x) = −log Σ_h e^{−E(x, h)}, one per row of X, with the stable
 * softplus (sums in float64; θ = b + xᵀW' comes from a float32 gemm, so expect float32
 * relative accuracy in θ):
 *
 * - N-RBM-05 (bernoulli): F(x) = −aᵀx − Σ_j softplus(θ_j), θ_j = b_j + xᵀw_{*j}
 * - N-SPIN-03 (spin): F(x) = −aᵀx − Σ_j log(2 cosh θ_j), log 2cosh t = |t| + log(1 + e^{−2|t|})
 * - N-GRBM-04 (gaussian-bernoulli): F(x) = Σ_i (x_i − a_i)²/(2σ_i²) − Σ_j softplus(b_j + Σ_i x_i w_ij/σ_i²)
 *
 * `out` has length X.rows. Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, freeEnergy, matrix } from 'boltzmann';
 * const rbm = BernoulliRBM.create(1, 1, { W: [[0]], a: [1], b: [0] });
 * freeEnergy(new Float64Array(1), rbm, matrix(1, 1, [1])); // [-1 - ln 2] = [-1.6931...]
 * ```
 */
export function freeEnergy<T extends Float64Array | Float32Array>(out: T, rbm: RBM, X: Matrix): T {
  const fn = 'freeEnergy';
  checkRBM(fn, rbm);
  checkVisibleBatch(fn, 'X', rbm, X);
  if (!(out instanceof Float64Array || out instanceof Float32Array)) throw new TypeError(`${fn}: out must be a Float64Array or Float32Array, got ${describe(out)}`);
  if (out.length !== X.rows) throw new RangeError(`${fn}: out has length ${out.length} but X has ${X.rows} rows (one free energy per row)`);
  const n = X.rows, M = rbm.nVisible, N = rbm.nHidden;
  if (n === 0) return out;
  const theta = freeEnergyInputs.get(n, N);
  gemmUnchecked(theta, X, hiddenWeights(rbm), false, false, 1, 0); // θ − b = X W'
  const t = theta.data, x = X.data, a = rbm.a, b = rbm.b;
  for (let k = 0; k < n; k++) {
    let f = 0;
    if (rbm.kind === 'gaussian-bernoulli') {
      const s = rbm.sigma;
      for (let i = 0; i < M; i++) {
        const d = x[k * M + i] - a[i];
        f += (d * d) / (2 * s[i] * s[i]);
      }
    } else {
      for (let i = 0; i < M; i++) f -= a[i] * x[k * M + i];
    }
    if (rbm.kind === 'spin') for (let j = 0; j < N; j++) f -= logTwoCosh(t[k * N + j] + b[j]);
    else for (let j = 0; j < N; j++) f -= softplusScalar(t[k * N + j] + b[j]);
    out[k] = f;
  }
  return out;
}
