/**
 * The one target interface of every continuous sampler in lib/mcmc, and the argument checks the
 * samplers share. A target is a log density known up to an additive constant (the samplers only
 * ever use differences log p(x') - log p(x), so the normalizer Z never appears). See docs/mcmc.md.
 */
import { checkOptionKeys, describe } from '../checks/index.js';

export { describe }; // the one description of a bad value (lib/checks), for the files of lib/mcmc

/**
 * A target distribution over R^dim for the continuous samplers: `logDensity(x)` is log p(x) up to
 * a constant, `gradLogDensity(out, x)` (needed by MALA, ULA and HMC) writes ∇ log p(x) into `out`
 * and returns it. Both receive a Float64Array of length `dim` that they must not modify or keep.
 *
 * @example
 * // standard normal in 2-D: log p(x) = -|x|^2 / 2 (+ const)
 * const target: LogDensity = {
 *   dim: 2,
 *   logDensity: (x) => -0.5 * (x[0] * x[0] + x[1] * x[1]),
 *   gradLogDensity: (out, x) => { out[0] = -x[0]; out[1] = -x[1]; return out; },
 * };
 */
export interface LogDensity {
  /** Dimension of the state x. */
  readonly dim: number;
  /** log p(x) up to an additive constant; -Infinity outside the support. */
  logDensity(x: Float64Array): number;
  /** Writes ∇_x log p(x) into `out` (length dim) and returns `out`. */
  gradLogDensity?(out: Float64Array, x: Float64Array): Float64Array;
}

/**
 * Throws a TypeError unless `target` is a LogDensity (positive integer `dim`, a `logDensity`
 * function, and a `gradLogDensity` function when `needsGradient`). Internal helper of lib/mcmc.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * checkTarget('malaSampler', target, true); // passes; throws if target.gradLogDensity is missing
 */
export function checkTarget(fn: string, target: LogDensity, needsGradient: boolean): void {
  if (target === null || typeof target !== 'object') {
    throw new TypeError(`${fn}: target must be a LogDensity object { dim, logDensity(x), gradLogDensity?(out, x) }, got ${describe(target)}`);
  }
  const d = target.dim;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
    throw new RangeError(`${fn}: target.dim must be a positive integer, got ${describe(d)}`);
  }
  if (typeof target.logDensity !== 'function') {
    throw new TypeError(`${fn}: target.logDensity must be a function (x) => number, got ${describe(target.logDensity)}`);
  }
  if (needsGradient && typeof target.gradLogDensity !== 'function') {
    throw new TypeError(`${fn}: target.gradLogDensity is missing; this sampler uses the gradient of log p (write one, or build the target with fromEnergy from a model with gradEnergy)`);
  }
}

/**
 * Throws unless `x0` is a Float64Array of length `target.dim` with finite entries at which
 * log p is finite (and, when `needsGradient`, the gradient is finite). Returns log p(x0).
 * Internal helper of lib/mcmc.
 *
 * @example
 * const target = gaussianTarget([0], [[1]]);
 * const logp0 = checkStart('runChains', target, new Float64Array(target.dim), false); // 0: gaussianTarget's log density is −x²/2, unnormalized
 */
export function checkStart(fn: string, target: LogDensity, x0: Float64Array, needsGradient: boolean, gradBuffer?: Float64Array): number {
  if (!(x0 instanceof Float64Array)) {
    throw new TypeError(`${fn}: x0 must be a Float64Array of length ${target.dim}, got ${describe(x0)}`);
  }
  if (x0.length !== target.dim) {
    throw new RangeError(`${fn}: x0 has length ${x0.length} but target.dim is ${target.dim}`);
  }
  for (let i = 0; i < x0.length; i++) {
    if (!Number.isFinite(x0[i])) throw new RangeError(`${fn}: x0[${i}] must be finite, got ${x0[i]}`);
  }
  const logp = target.logDensity(x0);
  if (typeof logp !== 'number' || !Number.isFinite(logp)) {
    throw new RangeError(`${fn}: the log density at the start x0 must be finite, got logDensity(x0) = ${describe(logp)}; start inside the support`);
  }
  if (needsGradient) {
    const g = target.gradLogDensity!(gradBuffer ?? new Float64Array(target.dim), x0);
    if (!(g instanceof Float64Array) || g.length !== target.dim) {
      throw new TypeError(`${fn}: target.gradLogDensity(out, x) must return a Float64Array of length ${target.dim}, got ${describe(g)}`);
    }
    for (let i = 0; i < g.length; i++) {
      if (!Number.isFinite(g[i])) throw new RangeError(`${fn}: the gradient of log p at the start x0 must be finite, got component ${i} = ${g[i]}`);
    }
  }
  return logp;
}

/**
 * Throws a RangeError unless `step` is a positive finite number; `what` names it in the message
 * (e.g. 'stepSize' or 'lambda'). Internal helper of lib/mcmc.
 *
 * @example
 * checkStepSize('ulaStep', 'lambda', 0.1); // ok; 0 or -1 or NaN throw
 */
export function checkStepSize(fn: string, what: string, step: number): void {
  if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step)) {
    throw new RangeError(`${fn}: ${what} must be a positive finite number, got ${describe(step)}`);
  }
}

/**
 * Throws a RangeError unless `n` is an integer >= `min`. Internal helper of lib/mcmc.
 *
 * @example
 * checkCount('runChains', 'samples', 1000, 1);
 */
export function checkCount(fn: string, what: string, n: number, min: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new RangeError(`${fn}: ${what} must be an integer >= ${min}, got ${describe(n)}`);
  }
}

/**
 * The options every adaptive sampler takes (rwm, mala, hmc): `options` must be an object,
 * `stepSize` a step > 0 when given, `targetAcceptance` in (0, 1) (default `defaultAcceptance`).
 * Returns the target acceptance. Internal helper of lib/mcmc.
 *
 * @example
 * import { checkAdaptiveOptions } from './target.js'; // internal
 * checkAdaptiveOptions('rwmSampler', { stepSize: 0.5 }, 0.234); // 0.234 (the default)
 * checkAdaptiveOptions('rwmSampler', { targetAcceptance: 0.3 }, 0.234); // 0.3
 * try { checkAdaptiveOptions('rwmSampler', { targetAcceptance: 1.5 }, 0.234); } catch (e) { console.log((e as Error).message); }
 * // rwmSampler: targetAcceptance must be in (0, 1), got 1.5
 */
export function checkAdaptiveOptions(fn: string, options: { stepSize?: number; targetAcceptance?: number }, defaultAcceptance: number, keys: readonly string[] = ['stepSize', 'targetAcceptance']): number {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${options === null ? 'null' : `${typeof options} ${String(options)}`}`);
  checkOptionKeys(fn, options, keys);
  if (options.stepSize !== undefined) checkStepSize(fn, 'stepSize', options.stepSize);
  const targetAcceptance = options.targetAcceptance ?? defaultAcceptance;
  if (!(targetAcceptance > 0 && targetAcceptance < 1)) throw new RangeError(`${fn}: targetAcceptance must be in (0, 1), got ${targetAcceptance}`);
  return targetAcceptance;
}

/**
 * Throws unless `state` holds Float64Arrays of length `d` in `fields` and a log density `logp`
 * that is a number below +Infinity (the state of a Metropolis, MALA or HMC step). Internal helper
 * of lib/mcmc.
 *
 * @example
 * import { checkChainState } from './target.js'; // internal
 * const state = { logp: -1, x: new Float64Array(2), xNew: new Float64Array(2) };
 * checkChainState('randomWalkMetropolisStep', state, 2, ['x', 'xNew']); // passes
 * try { checkChainState('randomWalkMetropolisStep', { ...state, logp: NaN }, 2, ['x', 'xNew']); } catch (e) { console.log((e as Error).message); }
 * // RangeError: randomWalkMetropolisStep: state.logp must be log p(state.x), a number < Infinity, got NaN
 */
export function checkChainState(fn: string, state: unknown, d: number, fields: readonly string[]): void {
  if (state === null || typeof state !== 'object') {
    throw new TypeError(`${fn}: state must be an object { logp, ${fields.join(', ')} }, got ${describe(state)}`);
  }
  for (const f of fields) {
    const v = (state as Record<string, unknown>)[f];
    if (!(v instanceof Float64Array) || v.length !== d) {
      throw new RangeError(`${fn}: state.${f} must be a Float64Array of length target.dim = ${d}, got ${describe(v)}`);
    }
  }
  const logp = (state as { logp?: unknown }).logp;
  if (typeof logp !== 'number' || Number.isNaN(logp) || logp === Infinity) {
    throw new RangeError(`${fn}: state.logp must be log p(state.x), a number < Infinity, got ${describe(logp)}`);
  }
}

/**
 * Throws unless `v` is a Float64Array of length `d`. Internal helper of lib/mcmc.
 *
 * @example
 * import { checkVectorOf } from './target.js'; // internal
 * checkVectorOf('leapfrog', 'p', new Float64Array(3), 3); // passes
 * try { checkVectorOf('leapfrog', 'p', [0, 0, 0], 3); } catch (e) { console.log((e as Error).message); }
 * // TypeError: leapfrog: p must be a Float64Array of length 3, got Array(3)
 */
export function checkVectorOf(fn: string, what: string, v: unknown, d: number): asserts v is Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array of length ${d}, got ${describe(v)}`);
  if (v.length !== d) throw new RangeError(`${fn}: ${what} has length ${v.length} but must have length ${d}`);
}
