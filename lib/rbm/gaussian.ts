/**
 * Gaussian-binary RBM (notes 000 "Gaussian-Binary Restricted Boltzmann Machines"): real visible
 * units with per-unit widths σ_i, binary hidden units. The energy, in the corrected form of the
 * map (errata E-12: the slides print ‖(x − a)/(2σ)‖², the right factor is ½‖(x − a)/σ‖²):
 *
 *   N-GRBM-01  E(x, h) = Σ_i (x_i − a_i)²/(2σ_i²) − Σ_j b_j h_j − Σ_ij x_i w_ij h_j / σ_i²
 *
 * The batched conditionals, samplers and free energies (conditionals.ts, sampling.ts,
 * energy.ts) branch on `rbm.kind`; exact Z (closed-form Gaussian integral, N-GRBM-03) is in
 * exact.ts.
 */
import { type Rng } from '../random/index.js';
import { type Matrix } from '../linalg/matrix.js';
import { RBMBase } from './model.js';
import { initParameters, type RBMInit } from './init.js';
import { checkSigma, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link GaussianBernoulliRBM.create}. */
export interface GaussianBernoulliOptions {
  /** Visible widths σ_i: one number for all units or one per unit. Default 1. Ignored if init.sigma is given. */
  sigma?: number | ArrayLike<number>;
  /** Whether training should update σ (default false: σ is a fixed hyperparameter, as in notes 000). */
  trainSigma?: boolean;
}

/**
 * A Gaussian-binary RBM (N-GRBM-01..08): x ∈ ℝ^M, h ∈ {0,1}^N, widths σ_i > 0.
 * p(h_j = 1 | x) = σ(b_j + Σ_i x_i w_ij / σ_i²) (N-GRBM-06) and
 * x_i | h ~ N(a_i + w_{i*}ᵀh, σ_i²) (N-GRBM-07, corrected mean, errata E-14/E-15).
 *
 * @example
 * ```ts
 * import { GaussianBernoulliRBM, Rng } from 'boltzmann';
 * const rbm = GaussianBernoulliRBM.create(2, 4, 'hinton', new Rng(1), { sigma: 0.5 });
 * rbm.sigma; // Float32Array [0.5, 0.5]
 * ```
 */
export class GaussianBernoulliRBM extends RBMBase {
  /** Discriminant used by the shared functions: real visible units, binary hidden units. */
  readonly kind = 'gaussian-bernoulli' as const;
  /** Visible widths σ_i > 0 (length nVisible). The visible bias `a` is the mean of x given h = 0. */
  sigma: Float32Array;
  /** Whether training updates sigma (default false). */
  trainSigma: boolean;

  /**
   * Wraps existing parameters (not copied). Shapes are checked; every σ_i must be finite and > 0.
   *
   * @example
   * ```ts
   * import { GaussianBernoulliRBM, matrix } from 'boltzmann';
   * const rbm = new GaussianBernoulliRBM(matrix(1, 1, [1]), new Float32Array(1), new Float32Array(1), new Float32Array([1]));
   * ```
   */
  constructor(W: Matrix, a: Float32Array, b: Float32Array, sigma: Float32Array, trainSigma = false) {
    super('new GaussianBernoulliRBM', W, a, b);
    checkSigma('new GaussianBernoulliRBM', sigma, W.rows);
    if (typeof trainSigma !== 'boolean') throw new TypeError(`new GaussianBernoulliRBM: trainSigma must be a boolean, got ${describe(trainSigma)}`);
    this.sigma = sigma;
    this.trainSigma = trainSigma;
  }

  /**
   * A new Gaussian-binary RBM: `init` = 'hinton' (default), 'glorot-normal' (N-CDT-03) or
   * explicit `{ W, a, b, sigma? }`; widths from `init.sigma`, else `options.sigma` (default 1).
   *
   * @example
   * ```ts
   * import { GaussianBernoulliRBM } from 'boltzmann';
   * const rbm = GaussianBernoulliRBM.create(1, 1, { W: [[1]], a: [0], b: [0], sigma: [2] });
   * ```
   */
  static create(nVisible: number, nHidden: number, init?: RBMInit, rng?: Rng, options: GaussianBernoulliOptions = {}): GaussianBernoulliRBM {
    const fn = 'GaussianBernoulliRBM.create';
    const p = initParameters(fn, nVisible, nHidden, init, rng);
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
    let sigma = p.sigma;
    checkOptionKeys(fn, options, ['sigma', 'trainSigma']);
    if (sigma === null) {
      const s = options.sigma ?? 1;
      if (typeof s === 'number') sigma = new Float32Array(nVisible).fill(s);
      else {
        if (s === null || typeof s !== 'object' || s.length !== nVisible) {
          throw new RangeError(`${fn}: options.sigma must be a number or have length nVisible = ${nVisible}, got ${describe(s)}`);
        }
        sigma = Float32Array.from(s);
      }
    }
    return new GaussianBernoulliRBM(p.W, p.a, p.b, sigma, options.trainSigma ?? false);
  }
}
