/**
 * What an RBM is, for every function in lib/rbm: the parameters all three kinds share
 * (`RBMBase`), the `RBM` type the functions take, and `checkRBM`, the check they start with.
 * This file is the bottom of lib/rbm: it imports nothing from the other RBM files, so no
 * import cycle runs through it.
 *
 * The three kinds (notes 000 and 001) differ in the values their units take and in one extra
 * parameter, and each has its own class that shows exactly that difference:
 *
 *   BernoulliRBM (binary.ts)          x ∈ {0,1}^M, h ∈ {0,1}^N                     N-RBM-02
 *   SpinRBM (spin.ts)                 x ∈ {−1,+1}^M, h ∈ {−1,+1}^N                  N-SPIN-01
 *   GaussianBernoulliRBM (gaussian.ts) x ∈ ℝ^M with widths σ_i, h ∈ {0,1}^N         N-GRBM-01
 *
 * Every function takes an `RBM` and branches on `rbm.kind`, so one name (`hiddenProbabilities`,
 * `gibbsStep`, ...) serves all kinds and the equations for each kind sit side by side.
 */
import { type Matrix } from '../linalg/matrix.js';
import { checkParameters, describe } from './validate.js';

/**
 * The parameters every RBM kind holds, named as in the notes: `W` (M x N,
 * w_ij = `W.data[i * nHidden + j]`), the visible bias `a` and the hidden bias `b`. The classes
 * {@link BernoulliRBM}, {@link SpinRBM} and {@link GaussianBernoulliRBM} extend it with their
 * `kind` (and, for the Gaussian one, the widths σ).
 *
 * @example
 * ```ts
 * import { BernoulliRBM, RBMBase, Rng } from 'boltzmann';
 * BernoulliRBM.create(3, 2, 'hinton', new Rng(1)) instanceof RBMBase; // true
 * ```
 */
export abstract class RBMBase {
  /** M, the number of visible units. */
  readonly nVisible: number;
  /** N, the number of hidden units. */
  readonly nHidden: number;
  /** Weights, nVisible x nHidden: w_ij = W.data[i * nHidden + j]. */
  W: Matrix;
  /** Visible bias a (length nVisible). */
  a: Float32Array;
  /** Hidden bias b (length nHidden). */
  b: Float32Array;

  /** Wraps existing parameters (not copied) after checking shapes and finiteness; `fn` names the caller in errors. */
  protected constructor(fn: string, W: Matrix, a: Float32Array, b: Float32Array) {
    checkParameters(fn, W, a, b);
    this.W = W;
    this.a = a;
    this.b = b;
    this.nVisible = W.rows;
    this.nHidden = W.cols;
  }
}

/**
 * Any of the three RBM kinds; functions taking an `RBM` branch on `rbm.kind`:
 * 'bernoulli' (binary units), 'spin' (±1 units) or 'gaussian-bernoulli' (real visible units
 * with widths `sigma`, and `trainSigma` saying whether training updates them).
 */
export type RBM =
  | (RBMBase & { readonly kind: 'bernoulli' })
  | (RBMBase & { readonly kind: 'spin' })
  | (RBMBase & { readonly kind: 'gaussian-bernoulli'; sigma: Float32Array; trainSigma: boolean });

/** The `kind` discriminant: 'bernoulli' | 'spin' | 'gaussian-bernoulli'. */
export type RBMKind = RBM['kind'];

/**
 * Throws unless `rbm` is one of the RBM kinds with consistent shapes (O(1); values are checked
 * when the model is built).
 *
 * @example
 * ```ts
 * import { checkRBM } from './model.js'; // internal (not exported by 'boltzmann')
 * try { checkRBM('myFunction', {}); } catch (e) { console.log((e as Error).message); }
 * // TypeError: myFunction: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got Object
 * ```
 */
export function checkRBM(fn: string, rbm: unknown): asserts rbm is RBM {
  const r = rbm as RBM;
  if (r === null || typeof r !== 'object' || (r.kind !== 'bernoulli' && r.kind !== 'spin' && r.kind !== 'gaussian-bernoulli')) {
    throw new TypeError(`${fn}: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got ${describe(rbm)}`);
  }
  const W = r.W;
  if (W === null || typeof W !== 'object' || !(W.data instanceof Float32Array) || W.rows !== r.nVisible || W.cols !== r.nHidden
    || W.data.length !== r.nVisible * r.nHidden || !(r.a instanceof Float32Array) || r.a.length !== r.nVisible
    || !(r.b instanceof Float32Array) || r.b.length !== r.nHidden
    || (r.kind === 'gaussian-bernoulli' && (!(r.sigma instanceof Float32Array) || r.sigma.length !== r.nVisible))) {
    throw new RangeError(`${fn}: the ${r.kind} RBM's parameters are inconsistent with nVisible = ${r.nVisible}, nHidden = ${r.nHidden}`);
  }
}
