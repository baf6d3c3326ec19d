/**
 * Argument checks shared by the VMC files (internal: not re-exported from lib/vmc/index.ts).
 * Every message names the function, the argument and the value.
 */
import { describe } from '../checks/index.js';

export { checkFinite } from '../checks/index.js';

/** Throws unless `x` is a Float64Array (of length n when given). */
export function checkCoordinates(fn: string, x: unknown, n?: number): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${fn}: x must be a Float64Array of coordinates, got ${describe(x)}`);
  if (n !== undefined && x.length !== n) throw new RangeError(`${fn}: x has length ${x.length} but must have length ${n}`);
}

/** Throws unless `n` is an integer >= 1. */
export function checkCount(fn: string, what: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: ${what} must be a positive integer, got ${describe(n)}`);
}

