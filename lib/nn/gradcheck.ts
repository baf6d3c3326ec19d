/**
 * Gradient checking by central differences in float64 (the tests' independent check of every
 * backward function):
 *
 *   ∂C/∂θ_i ≈ (C(θ + h e_i) − C(θ − h e_i)) / (2h),
 *
 * whose truncation error is O(h²) (h³/6 · C''') and rounding error about ε_mach |C| / h; h = 1e-6
 * balances the two for float64 costs of order one (error ≈ 1e-10 relative).
 */
import { checkOptions, describe } from './checks.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Step h of the central difference (default 1e-6). */
  h?: number;
}

/** The outcome of {@link gradcheck}. */
export interface GradcheckResult {
  /** max_i |analytic_i − numeric_i| / max(1, |analytic_i|, |numeric_i|) over all entries. */
  maxError: number;
  /** Where the maximum was: index of the array in `params`, entry index, both values. */
  worst: { array: number; index: number; analytic: number; numeric: number };
  /** Number of entries checked. */
  count: number;
}

/**
 * Compares an analytic gradient with central differences. `cost()` evaluates C at the current
 * contents of `params`; gradcheck perturbs each entry of each array in place (θ_i ± h),
 * evaluates, and restores it exactly. `grads[k]` holds the analytic dC/d`params[k]` (same
 * lengths). The error of each entry is |analytic − numeric| / max(1, |analytic|, |numeric|):
 * relative for large gradients, absolute for small ones.
 *
 * For a meaningful check use float64 parameters (a Float32Array rounds θ ± h; pass float64 copies
 * through a float64 network instead).
 *
 * @example
 * const theta = new Float64Array([1, 2]);
 * const r = gradcheck(() => theta[0] ** 2 + 3 * theta[1], [theta], [new Float64Array([2, 3])]);
 * r.maxError < 1e-8; // true
 */
export function gradcheck(
  cost: () => number,
  params: readonly (Float64Array | Float32Array)[],
  grads: readonly ArrayLike<number>[],
  options?: GradcheckOptions,
): GradcheckResult {
  const fn = 'gradcheck';
  if (typeof cost !== 'function') throw new TypeError(`${fn}: cost must be a function () => number, got ${describe(cost)}`);
  if (!Array.isArray(params) || !Array.isArray(grads) || params.length !== grads.length) {
    throw new RangeError(`${fn}: params and grads must be arrays of the same length (one gradient per parameter array), got ${describe(params)} and ${describe(grads)}`);
  }
  checkOptions(fn, options, ['h']);
  const h = options?.h ?? 1e-6;
  if (!(typeof h === 'number' && h > 0 && Number.isFinite(h))) throw new RangeError(`${fn}: h must be a finite number > 0, got ${describe(h)}`);
  params.forEach((p, k) => {
    if (!(p instanceof Float64Array) && !(p instanceof Float32Array)) throw new TypeError(`${fn}: params[${k}] must be a Float64Array or Float32Array, got ${describe(p)}`);
    if (grads[k] === null || typeof grads[k] !== 'object' || grads[k].length !== p.length) {
      throw new RangeError(`${fn}: grads[${k}] must have the length of params[${k}] (${p.length}), got ${describe(grads[k])}`);
    }
  });
  let maxError = 0, count = 0;
  let worst = { array: -1, index: -1, analytic: NaN, numeric: NaN };
  for (let k = 0; k < params.length; k++) {
    const p = params[k];
    for (let i = 0; i < p.length; i++) {
      const saved = p[i];
      p[i] = saved + h;
      const plus = cost();
      p[i] = saved - h;
      const minus = cost();
      p[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      const analytic = grads[k][i];
      const err = Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic), Math.abs(numeric));
      if (!(err <= maxError)) { // also catches NaN
        maxError = Number.isNaN(err) ? Infinity : err;
        worst = { array: k, index: i, analytic, numeric };
      }
      count++;
    }
  }
  return { maxError, worst, count };
}
