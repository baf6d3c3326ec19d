/**
 * Parameter initialization shared by the three RBM kinds (BernoulliRBM, SpinRBM,
 * GaussianBernoulliRBM): Hinton's small random weights (the default), the tutorial's Glorot
 * normal (N-CDT-03), or explicit arrays; and the data-driven visible bias of
 * `initVisibleBiasFromData`.
 */
import { type Rng } from '../random/index.js';
import { matrix, shapeOf, type AnyMatrix, type Matrix } from '../linalg/matrix.js';
import { checkRBM, type RBM } from './model.js';
import { checkAnyMatrix, checkArrayLike, checkCount, checkFiniteArray, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

/** Named random initializations: 'hinton' (W ~ N(0, 0.01²)) or 'glorot-normal' (W ~ N(0, 2/(M+N))). Biases are zero. */
export type RBMInitScheme = 'hinton' | 'glorot-normal';

/**
 * Explicit starting parameters. `W` is nVisible x nHidden: a Matrix, a flat row-major array
 * (`W[i * nHidden + j]`) or an array of nVisible rows. `sigma` (Gaussian-binary only) holds the
 * visible widths σ_i > 0. Arrays are copied into float32.
 */
export interface RBMExplicitInit {
  W: Matrix | ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  sigma?: ArrayLike<number>;
}

/** The `init` argument of `create`: a scheme name or explicit arrays. Default 'hinton'. */
export type RBMInit = RBMInitScheme | RBMExplicitInit;

/** Parameters produced by {@link initParameters}. `sigma` is null unless explicit widths were given. */
export interface RBMParameters {
  W: Matrix;
  a: Float32Array;
  b: Float32Array;
  sigma: Float32Array | null;
}

/** Standard deviation of Hinton's default initialization ("A practical guide to training RBMs", 2010, §8). */
export const HINTON_INIT_STD = 0.01;

/**
 * Builds the parameters of an nVisible x nHidden RBM.
 *
 * - `'hinton'` (default): w_ij ~ N(0, 0.01²), a = b = 0.
 * - `'glorot-normal'` (N-CDT-03, the tutorial's Xavier normal): w_ij ~ N(0, 2/(M+N)), a = b = 0.
 * - explicit `{ W, a, b, sigma? }`: shapes checked, values must be finite, copied to float32.
 *
 * `rng` is required for the random schemes and ignored for explicit arrays. `fn` names the
 * calling function in error messages.
 *
 * @example
 * ```ts
 * import { Rng } from 'boltzmann';
 * import { initParameters } from './init.js'; // internal: the body of BernoulliRBM.create and its siblings
 * const p = initParameters('BernoulliRBM.create', 784, 256, 'glorot-normal', new Rng(1));
 * p.W.rows; // 784
 * ```
 */
export function initParameters(fn: string, nVisible: number, nHidden: number, init: RBMInit | undefined, rng: Rng | undefined): RBMParameters {
  checkCount(fn, 'nVisible', nVisible);
  checkCount(fn, 'nHidden', nHidden);
  const scheme = init ?? 'hinton';
  if (typeof scheme === 'string') {
    if (scheme !== 'hinton' && scheme !== 'glorot-normal') {
      throw new RangeError(`${fn}: init must be 'hinton', 'glorot-normal' or { W, a, b }, got ${describe(scheme)}`);
    }
    if (rng === undefined || rng === null || typeof (rng as Rng).fillNormal !== 'function') {
      throw new TypeError(`${fn}: init '${scheme}' needs an Rng as the rng argument, got ${describe(rng)}`);
    }
    // N-CDT-03 Glorot normal: Var w = 2 / (M + N); Hinton: sd 0.01.
    const sd = scheme === 'hinton' ? HINTON_INIT_STD : Math.sqrt(2 / (nVisible + nHidden));
    const W = matrix(nVisible, nHidden);
    rng.fillNormal(W.data, 0, sd);
    return { W, a: new Float32Array(nVisible), b: new Float32Array(nHidden), sigma: null };
  }
  if (typeof scheme !== 'object' || scheme === null) {
    throw new TypeError(`${fn}: init must be 'hinton', 'glorot-normal' or { W, a, b }, got ${describe(scheme)}`);
  }
  checkOptionKeys(`${fn}: init`, scheme, ['W', 'a', 'b', 'sigma']);
  const W = weightsFrom(fn, scheme.W, nVisible, nHidden);
  checkArrayLike(fn, 'init.a', scheme.a, nVisible);
  checkArrayLike(fn, 'init.b', scheme.b, nHidden);
  checkFiniteArray(fn, 'init.a', scheme.a);
  checkFiniteArray(fn, 'init.b', scheme.b);
  let sigma: Float32Array | null = null;
  if (scheme.sigma !== undefined) {
    checkArrayLike(fn, 'init.sigma', scheme.sigma, nVisible);
    sigma = Float32Array.from(scheme.sigma);
  }
  return { W, a: Float32Array.from(scheme.a), b: Float32Array.from(scheme.b), sigma };
}

function weightsFrom(fn: string, W: RBMExplicitInit['W'], nVisible: number, nHidden: number): Matrix {
  if (W === null || typeof W !== 'object') throw new TypeError(`${fn}: init.W must be a Matrix or an array, got ${describe(W)}`);
  const out = matrix(nVisible, nHidden);
  const m = W as AnyMatrix;
  if (typeof m.rows === 'number' && typeof m.cols === 'number' && m.data !== undefined) {
    checkAnyMatrix(fn, 'init.W', m);
    if (m.rows !== nVisible || m.cols !== nHidden) {
      throw new RangeError(`${fn}: init.W is ${shapeOf(m)} but the RBM is ${nVisible}x${nHidden} (nVisible x nHidden)`);
    }
    out.data.set(m.data);
  } else {
    const arr = W as ArrayLike<unknown>;
    if (typeof arr.length !== 'number') throw new TypeError(`${fn}: init.W must be a Matrix or an array, got ${describe(W)}`);
    if (arr.length > 0 && typeof arr[0] === 'object' && arr[0] !== null) {
      // array of rows
      if (arr.length !== nVisible) throw new RangeError(`${fn}: init.W has ${arr.length} rows but the RBM has nVisible = ${nVisible}`);
      for (let i = 0; i < nVisible; i++) {
        const row = arr[i] as ArrayLike<number>;
        if (row === null || typeof row !== 'object' || row.length !== nHidden) {
          throw new RangeError(`${fn}: init.W row ${i} must have length nHidden = ${nHidden}, got ${describe(row)}`);
        }
        for (let j = 0; j < nHidden; j++) out.data[i * nHidden + j] = row[j];
      }
    } else {
      if (arr.length !== nVisible * nHidden) {
        throw new RangeError(`${fn}: init.W has length ${arr.length} but the RBM needs nVisible * nHidden = ${nVisible * nHidden}`);
      }
      for (let k = 0; k < arr.length; k++) out.data[k] = arr[k] as number;
    }
  }
  checkFiniteArray(fn, 'init.W', out.data);
  return out;
}

/**
 * Sets the visible bias from the data's per-unit mean, the starting point recommended by Hinton's
 * practical guide (§8): the RBM with W = 0 then reproduces each unit's marginal.
 *
 * - Bernoulli: a_i = log(p_i / (1 − p_i)) with p_i = (Σ_k x_ki + 1) / (n + 2) (add-one smoothing,
 *   so a pixel that is always 0 gets a finite bias log(1/(n+1)) instead of −∞; grey levels in
 *   [0, 1] count fractionally).
 * - Spin: with p_i the smoothed fraction of +1 as above, a_i = ½ log(p_i / (1 − p_i)) because
 *   p(x_i = +1) = σ(2 a_i) for a lone spin unit (N-SPIN-02).
 * - Gaussian-binary: a_i = mean_k x_ki (the mean of x_i | h = 0, N-GRBM-07).
 *
 * Returns the model.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, initVisibleBiasFromData, matrix, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(2, 3, 'hinton', new Rng(1));
 * initVisibleBiasFromData(rbm, matrix(2, 2, [1, 0, 1, 0])); // a = [log 3, -log 3]
 * ```
 */
export function initVisibleBiasFromData<R extends RBM>(rbm: R, data: AnyMatrix): R {
  const fn = 'initVisibleBiasFromData';
  checkRBM(fn, rbm);
  checkAnyMatrix(fn, 'data', data);
  if (data.cols !== rbm.nVisible) {
    throw new RangeError(`${fn}: data is ${shapeOf(data)} but the RBM has nVisible = ${rbm.nVisible}`);
  }
  if (data.rows < 1) throw new RangeError(`${fn}: data has no rows`);
  const n = data.rows, M = data.cols, X = data.data;
  for (let i = 0; i < M; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) {
      const x = X[k * M + i];
      if (!Number.isFinite(x)) throw new RangeError(`${fn}: data[${k}, ${i}] must be finite, got ${x}`);
      if (rbm.kind === 'bernoulli' && (x < 0 || x > 1)) throw new RangeError(`${fn}: data[${k}, ${i}] must be in [0, 1] for a Bernoulli RBM, got ${x}`);
      if (rbm.kind === 'spin' && (x < -1 || x > 1)) throw new RangeError(`${fn}: data[${k}, ${i}] must be in [-1, 1] for a spin RBM, got ${x}`);
      s += rbm.kind === 'spin' ? (x + 1) / 2 : x;
    }
    if (rbm.kind === 'gaussian-bernoulli') {
      rbm.a[i] = s / n;
    } else {
      const p = (s + 1) / (n + 2);
      const logit = Math.log(p / (1 - p));
      rbm.a[i] = rbm.kind === 'spin' ? logit / 2 : logit;
    }
  }
  return rbm;
}
