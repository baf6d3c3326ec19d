/**
 * Standard targets with known moments, for tests, benchmarks and examples: a multivariate normal,
 * a 1-D Gaussian mixture and a banana (a Rosenbrock-like curved density). Each is a LogDensity
 * with a gradient; none allocates per call. See docs/mcmc.md.
 */
import { fromArray2D, inverse, type Matrix64 } from '../linalg/index.js';
import { describe, type LogDensity } from './target.js';
import { checkOptionKeys } from '../checks/index.js';

function toVector(fn: string, what: string, v: ArrayLike<number>): Float64Array {
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number' || v.length < 1) {
    throw new TypeError(`${fn}: ${what} must be a non-empty array of numbers, got ${describe(v)}`);
  }
  const out = Float64Array.from(v);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) throw new RangeError(`${fn}: ${what}[${i}] must be finite, got ${describe(v[i])}`);
  return out;
}

/**
 * Throws unless the symmetric matrix `cov` is positive definite, naming the first leading minor
 * that is not positive. Cholesky: d_k = c_kk − Σ_{j<k} l_kj² must be > 0 for every k; the leading
 * (k+1)×(k+1) minor equals d_0 d_1 ⋯ d_k, so the first d_k <= 0 marks the first minor <= 0
 * (Sylvester's criterion).
 */
function checkPositiveDefinite(fn: string, cov: Matrix64): void {
  const d = cov.rows;
  const c = cov.data;
  const L = new Float64Array(d * d);
  let minor = 1;
  for (let k = 0; k < d; k++) {
    for (let i = k; i < d; i++) {
      let s = c[i * d + k];
      for (let j = 0; j < k; j++) s -= L[i * d + j] * L[k * d + j];
      if (i === k) {
        minor *= s;
        if (!(s > 0)) {
          throw new RangeError(`${fn}: covariance is not positive definite: its leading ${k + 1}x${k + 1} minor (rows and columns 0..${k}) is ${minor} (Cholesky pivot ${k} is ${s}, must be > 0)`);
        }
        L[k * d + k] = Math.sqrt(s);
      } else {
        L[i * d + k] = s / L[k * d + k];
      }
    }
  }
}

/**
 * The multivariate normal N(μ, Σ) as a LogDensity: with Q = Σ⁻¹,
 *   log p(x) = −½ (x − μ)ᵀ Q (x − μ) (+ const),   ∇ log p(x) = −Q (x − μ).
 * `covariance` is a Matrix64 or a 2-D array; it must be symmetric positive definite (checked by a
 * Cholesky factorization: the error names the first leading minor that is not positive).
 *
 * @example
 * const target = gaussianTarget([0, 0], [[1, 0.9], [0.9, 1]]); // correlated 2-D normal
 */
export function gaussianTarget(mean: ArrayLike<number>, covariance: Matrix64 | ArrayLike<ArrayLike<number>>): LogDensity {
  const fn = 'gaussianTarget';
  const mu = toVector(fn, 'mean', mean);
  const d = mu.length;
  const cov: Matrix64 = (covariance as Matrix64)?.data instanceof Float64Array
    ? (covariance as Matrix64)
    : fromArray2D(covariance as ArrayLike<ArrayLike<number>>, 'float64');
  if (cov.rows !== d || cov.cols !== d) throw new RangeError(`${fn}: covariance is ${cov.rows}x${cov.cols} but mean has length ${d}`);
  for (let i = 0; i < d; i++) {
    if (!(cov.data[i * d + i] > 0)) throw new RangeError(`${fn}: covariance[${i}][${i}] must be > 0, got ${cov.data[i * d + i]}`);
    for (let j = 0; j < i; j++) {
      if (cov.data[i * d + j] !== cov.data[j * d + i]) throw new RangeError(`${fn}: covariance must be symmetric, but [${i}][${j}] = ${cov.data[i * d + j]} and [${j}][${i}] = ${cov.data[j * d + i]}`);
    }
  }
  checkPositiveDefinite(fn, cov);
  const Q = inverse(cov).data;
  return {
    dim: d,
    logDensity(x: Float64Array): number {
      // -1/2 (x - mu)^T Q (x - mu)
      let quad = 0;
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += Q[i * d + j] * (x[j] - mu[j]);
        quad += (x[i] - mu[i]) * s;
      }
      return -0.5 * quad;
    },
    gradLogDensity(out: Float64Array, x: Float64Array): Float64Array {
      // -Q (x - mu)
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += Q[i * d + j] * (x[j] - mu[j]);
        out[i] = -s;
      }
      return out;
    },
  };
}

/**
 * A 1-D Gaussian mixture p(x) = Σ_k w_k N(x; m_k, s_k²) as a LogDensity (weights are normalized):
 *   log p(x) = log Σ_k exp(log w_k − log s_k − (x − m_k)²/(2 s_k²)) (+ const)   (log-sum-exp),
 *   d/dx log p(x) = −Σ_k r_k(x) (x − m_k)/s_k²,   r_k = responsibility of component k.
 *
 * @example
 * const target = mixtureTarget1d({ means: [-3, 3], sds: [1, 1], weights: [0.5, 0.5] }); // two modes at ±3
 */
export function mixtureTarget1d(options: { means: ArrayLike<number>; sds: ArrayLike<number>; weights: ArrayLike<number> }): LogDensity {
  const fn = 'mixtureTarget1d';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be { means, sds, weights }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['means', 'sds', 'weights']);
  const m = toVector(fn, 'means', options.means);
  const s = toVector(fn, 'sds', options.sds);
  const w = toVector(fn, 'weights', options.weights);
  const K = m.length;
  if (s.length !== K || w.length !== K) throw new RangeError(`${fn}: means, sds and weights must have the same length, got ${K}, ${s.length}, ${w.length}`);
  let total = 0;
  for (let k = 0; k < K; k++) {
    if (!(s[k] > 0)) throw new RangeError(`${fn}: sds[${k}] must be > 0, got ${s[k]}`);
    if (!(w[k] > 0)) throw new RangeError(`${fn}: weights[${k}] must be > 0, got ${w[k]}`);
    total += w[k];
  }
  const logC = new Float64Array(K); // log w_k - log s_k
  const inv2var = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    logC[k] = Math.log(w[k] / total) - Math.log(s[k]);
    inv2var[k] = 1 / (2 * s[k] * s[k]);
  }
  const term = (x: number, k: number) => logC[k] - (x - m[k]) * (x - m[k]) * inv2var[k];
  return {
    dim: 1,
    logDensity(x: Float64Array): number {
      const v = x[0];
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, term(v, k));
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(term(v, k) - max);
      return max + Math.log(sum);
    },
    gradLogDensity(out: Float64Array, x: Float64Array): Float64Array {
      const v = x[0];
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, term(v, k));
      let sum = 0;
      let g = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(term(v, k) - max);
        sum += e;
        g -= e * (v - m[k]) * 2 * inv2var[k];
      }
      out[0] = g / sum;
      return out;
    },
  };
}

/**
 * A banana (Rosenbrock-like) density in 2-D: x₁ ~ N(0, 1), x₂ | x₁ ~ N(b (x₁² − 1), 1), i.e.
 *   log p(x) = −x₁²/2 − (x₂ − b (x₁² − 1))²/2 (+ const).
 * Its moments are known in closed form: E x₁ = E x₂ = 0, Var x₁ = 1, Var x₂ = 1 + 2b²,
 * Cov(x₁, x₂) = 0 and E[x₁² x₂] = 2b (from E x₁⁴ = 3).
 *
 * @example
 * const target = bananaTarget(1); // Var x₂ = 3
 */
export function bananaTarget(b: number): LogDensity {
  if (typeof b !== 'number' || !Number.isFinite(b)) throw new RangeError(`bananaTarget: b must be a finite number, got ${describe(b)}`);
  return {
    dim: 2,
    logDensity(x: Float64Array): number {
      const r = x[1] - b * (x[0] * x[0] - 1);
      return -0.5 * x[0] * x[0] - 0.5 * r * r;
    },
    gradLogDensity(out: Float64Array, x: Float64Array): Float64Array {
      const r = x[1] - b * (x[0] * x[0] - 1);
      out[0] = -x[0] + 2 * b * x[0] * r;
      out[1] = -r;
      return out;
    },
  };
}
