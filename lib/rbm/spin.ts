/**
 * Spin RBM: visible and hidden units take the values ±1 (N-SPIN-01), the natural variables of
 * spin models (notes 001, whiteboard). The energy has the same form as the binary one,
 * E(x, h) = −aᵀx − bᵀh − xᵀWh, in the sign convention of notes 000 (the whiteboard writes it
 * with plus signs; that only flips the parameters' signs, errata E-19).
 *
 * The batched conditionals, samplers and free energies (conditionals.ts, sampling.ts,
 * energy.ts) branch on `rbm.kind`; this file holds the class and the exact spin ↔ binary
 * parameter map (N-SPIN-03).
 */
import { type Rng } from '../random/index.js';
import { type Matrix } from '../linalg/matrix.js';
import { RBMBase } from './model.js';
import { BernoulliRBM } from './binary.js';
import { initParameters, type RBMInit } from './init.js';
import { describe } from './validate.js';

/**
 * A restricted Boltzmann machine with ±1 units (N-SPIN-01):
 * E(x, h) = −Σ_i a_i x_i − Σ_j b_j h_j − Σ_ij x_i w_ij h_j, x_i, h_j ∈ {−1, +1}.
 * Conditionals (N-SPIN-02): p(h_j = +1 | x) = σ(2θ_j), E[h_j | x] = tanh θ_j with θ_j = b_j + xᵀw_{*j}.
 *
 * @example
 * ```ts
 * import { SpinRBM, Rng } from 'boltzmann';
 * const rbm = SpinRBM.create(4, 3, 'hinton', new Rng(1));
 * rbm.kind; // 'spin'
 * ```
 */
export class SpinRBM extends RBMBase {
  /** Discriminant used by the shared functions: units take the values −1 and +1. */
  readonly kind = 'spin' as const;

  /**
   * Wraps existing parameters (not copied). Shapes are checked.
   *
   * @example
   * ```ts
   * import { SpinRBM, matrix } from 'boltzmann';
   * const rbm = new SpinRBM(matrix(2, 1, [0.5, -0.5]), new Float32Array(2), new Float32Array(1));
   * ```
   */
  constructor(W: Matrix, a: Float32Array, b: Float32Array) {
    super('new SpinRBM', W, a, b);
  }

  /**
   * A new spin RBM: `init` = 'hinton' (default, w ~ N(0, 0.01²), zero biases),
   * 'glorot-normal' (N-CDT-03) or explicit `{ W, a, b }`; `rng` is needed for the random schemes.
   *
   * @example
   * ```ts
   * import { SpinRBM, Rng } from 'boltzmann';
   * const rbm = SpinRBM.create(3, 2, { W: [[1, 0], [0, 1], [1, 1]], a: [0, 0, 0], b: [0, 0] });
   * ```
   */
  static create(nVisible: number, nHidden: number, init?: RBMInit, rng?: Rng): SpinRBM {
    const p = initParameters('SpinRBM.create', nVisible, nHidden, init, rng);
    if (p.sigma !== null) throw new RangeError('SpinRBM.create: init.sigma is only for GaussianBernoulliRBM');
    return new SpinRBM(p.W, p.a, p.b);
  }
}

/**
 * The Bernoulli RBM with the same visible and hidden distributions as a spin RBM, under
 * s = 2x − 1, t = 2h − 1 (N-SPIN-03, derived): substituting into −E_spin(s, t) gives
 * W' = 4W, a' = 2a − 2W·1, b' = 2b − 2Wᵀ·1, and −E_spin(s, t) = −E_bin(x, h) + c with
 * c = Σ_ij w_ij − Σ_i a_i − Σ_j b_j, so log Z_spin = log Z_bin + c (see {@link spinEnergyOffset}).
 * Computed in float64 and rounded once to float32.
 *
 * @example
 * ```ts
 * import { SpinRBM, spinToBernoulli, Rng } from 'boltzmann';
 * const bin = spinToBernoulli(SpinRBM.create(3, 2, 'hinton', new Rng(1)));
 * bin.kind; // 'bernoulli'
 * ```
 */
export function spinToBernoulli(rbm: SpinRBM): BernoulliRBM {
  if (!(rbm instanceof SpinRBM)) throw new TypeError(`spinToBernoulli: rbm must be a SpinRBM, got ${describe(rbm)}`);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  const out = BernoulliRBM.create(M, N, { W: new Float32Array(M * N), a: new Float32Array(M), b: new Float32Array(N) });
  for (let i = 0; i < M; i++) {
    let row = 0;
    for (let j = 0; j < N; j++) {
      row += w[i * N + j];
      out.W.data[i * N + j] = 4 * w[i * N + j]; // W' = 4W
    }
    out.a[i] = 2 * rbm.a[i] - 2 * row; // a' = 2a − 2 W 1
  }
  for (let j = 0; j < N; j++) {
    let col = 0;
    for (let i = 0; i < M; i++) col += w[i * N + j];
    out.b[j] = 2 * rbm.b[j] - 2 * col; // b' = 2b − 2 Wᵀ 1
  }
  return out;
}

/**
 * The inverse map of {@link spinToBernoulli}: W = W'/4, a = a'/2 + W·1, b = b'/2 + Wᵀ·1, the
 * spin RBM whose ±1 states s = 2x − 1, t = 2h − 1 have the binary model's probabilities.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, bernoulliToSpin, Rng } from 'boltzmann';
 * const spin = bernoulliToSpin(BernoulliRBM.create(3, 2, 'hinton', new Rng(1)));
 * ```
 */
export function bernoulliToSpin(rbm: BernoulliRBM): SpinRBM {
  if (!(rbm instanceof BernoulliRBM)) throw new TypeError(`bernoulliToSpin: rbm must be a BernoulliRBM, got ${describe(rbm)}`);
  const M = rbm.nVisible, N = rbm.nHidden, w = rbm.W.data;
  const W = new Float64Array(M * N);
  for (let k = 0; k < M * N; k++) W[k] = w[k] / 4;
  const a = new Float64Array(M), b = new Float64Array(N);
  for (let i = 0; i < M; i++) {
    let row = 0;
    for (let j = 0; j < N; j++) row += W[i * N + j];
    a[i] = rbm.a[i] / 2 + row;
  }
  for (let j = 0; j < N; j++) {
    let col = 0;
    for (let i = 0; i < M; i++) col += W[i * N + j];
    b[j] = rbm.b[j] / 2 + col;
  }
  return SpinRBM.create(M, N, { W, a, b });
}

/**
 * The constant c with −E_spin(2x−1, 2h−1) = −E_bin(x, h) + c for the pair of
 * {@link spinToBernoulli}: c = Σ_ij w_ij − Σ_i a_i − Σ_j b_j (spin parameters, float64), so
 * log Z_spin = log Z_bin + c.
 *
 * @example
 * ```ts
 * import { SpinRBM, spinEnergyOffset } from 'boltzmann';
 * spinEnergyOffset(SpinRBM.create(1, 1, { W: [[1]], a: [0.5], b: [0] })); // 0.5
 * ```
 */
export function spinEnergyOffset(rbm: SpinRBM): number {
  if (!(rbm instanceof SpinRBM)) throw new TypeError(`spinEnergyOffset: rbm must be a SpinRBM, got ${describe(rbm)}`);
  let c = 0;
  for (let k = 0; k < rbm.W.data.length; k++) c += rbm.W.data[k];
  for (let i = 0; i < rbm.nVisible; i++) c -= rbm.a[i];
  for (let j = 0; j < rbm.nHidden; j++) c -= rbm.b[j];
  return c;
}
