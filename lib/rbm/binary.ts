/**
 * Binary-binary (Bernoulli) RBM. Notes 000 "Binary-Binary RBM" / "Binary-binary (BB) RBMs":
 *
 *   N-RBM-02  E(x, h) = −Σ_i a_i x_i − Σ_j b_j h_j − Σ_ij x_i w_ij h_j,  x ∈ {0,1}^M, h ∈ {0,1}^N
 *
 * The class only holds parameters; the batched functions that use them (conditionals.ts,
 * sampling.ts, energy.ts, gradient.ts) take any `RBM` and branch on `rbm.kind`.
 */
import { type Rng } from '../random/index.js';
import { type Matrix } from '../linalg/matrix.js';
import { RBMBase } from './model.js';
import { initParameters, type RBMInit } from './init.js';

/**
 * A restricted Boltzmann machine with binary units x ∈ {0,1}^M, h ∈ {0,1}^N (N-RBM-01):
 * P(x, h) = e^{−E(x, h)} / Z with E from N-RBM-02. Parameters are named as in the notes:
 * `W` (M x N, w_ij = `W.data[i * nHidden + j]`), `a` (visible bias), `b` (hidden bias).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, hiddenProbabilities, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(6, 4, 'hinton', new Rng(7));
 * const X = matrix(2, 6, [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
 * hiddenProbabilities(zeros(2, 4), rbm, X); // p(h_j = 1 | x) per row, ≈ 0.5
 * ```
 */
export class BernoulliRBM extends RBMBase {
  /** Discriminant used by the shared functions: units take the values 0 and 1. */
  readonly kind = 'bernoulli' as const;

  /**
   * Wraps existing parameters (not copied). Shapes are checked and values must be finite.
   *
   * @example
   * ```ts
   * import { BernoulliRBM, matrix } from 'boltzmann';
   * const rbm = new BernoulliRBM(matrix(3, 2), new Float32Array(3), new Float32Array(2));
   * ```
   */
  constructor(W: Matrix, a: Float32Array, b: Float32Array) {
    super('new BernoulliRBM', W, a, b);
  }

  /**
   * A new binary RBM. `init`: 'hinton' (default; w_ij ~ N(0, 0.01²), zero biases),
   * 'glorot-normal' (N-CDT-03, w_ij ~ N(0, 2/(M+N)), the tutorial's choice) or explicit
   * `{ W, a, b }` (copied; shapes checked). `rng` is required for the random schemes.
   *
   * @example
   * ```ts
   * import { BernoulliRBM, Rng } from 'boltzmann';
   * const rbm = BernoulliRBM.create(784, 256, 'glorot-normal', new Rng(42));
   * const toy = BernoulliRBM.create(3, 2, { W: [[2, -1], [-6, 4], [2, -3]], a: [1, 2, 1], b: [2, 1] });
   * ```
   */
  static create(nVisible: number, nHidden: number, init?: RBMInit, rng?: Rng): BernoulliRBM {
    const p = initParameters('BernoulliRBM.create', nVisible, nHidden, init, rng);
    if (p.sigma !== null) throw new RangeError('BernoulliRBM.create: init.sigma is only for GaussianBernoulliRBM');
    return new BernoulliRBM(p.W, p.a, p.b);
  }
}
