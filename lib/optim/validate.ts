/**
 * Argument checks shared by the optimizers. Every message names the function, the argument and
 * the value, e.g. `adamStep: beta1 must be in [0, 1), got 1`. Internal to lib/optim.
 */
import { describe } from '../checks/index.js';

/** A parameter, gradient or optimizer-state array: float32 (models) or float64 (exact work). */
export type ParameterArray = Float32Array | Float64Array;

/** Throws a TypeError unless `a` is a Float32Array or a Float64Array. */
export function checkFloatArray(fn: string, what: string, a: unknown): asserts a is ParameterArray {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float32Array or Float64Array, got ${describe(a)}`);
  }
}

/** Throws unless `a` is a float array with the same length as `params`. */
export function checkSameLength(fn: string, what: string, a: unknown, params: ParameterArray): asserts a is ParameterArray {
  checkFloatArray(fn, what, a);
  if (a.length !== params.length) {
    throw new RangeError(`${fn}: ${what} has length ${a.length} but params has length ${params.length}`);
  }
}

/** Learning rate: a positive finite number. */
export function checkLearningRate(fn: string, lr: number): void {
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`${fn}: lr must be a positive finite number, got ${lr}`);
  }
}

/** Decay rates (momentum gamma, RMSprop rho, Adam beta1/beta2): in [0, 1). */
export function checkDecay(fn: string, what: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new RangeError(`${fn}: ${what} must be in [0, 1), got ${value}`);
  }
}

/** The small constant added to the denominator: a positive finite number. */
export function checkEpsilon(fn: string, eps: number): void {
  if (!(eps > 0) || !Number.isFinite(eps)) {
    throw new RangeError(`${fn}: eps must be a positive finite number, got ${eps}`);
  }
}
