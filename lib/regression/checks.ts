/**
 * Argument checks shared by lib/regression (internal: not re-exported). Regression works in
 * float64 (`Matrix64`, Float64Array) throughout.
 */
import { shapeOf, type Matrix64 } from '../linalg/matrix.js';
import { checkOptionKeys, describe } from '../checks/index.js';

export { describe };

/** Refuses unknown option keys (the shared check of lib/checks). */
export const checkOptions = checkOptionKeys;

/** Throws unless X is a finite Matrix64 with at least one row and column. */
export function checkDesign(fn: string, X: unknown): asserts X is Matrix64 {
  const m = X as Matrix64;
  if (m === null || typeof m !== 'object' || !(m.data instanceof Float64Array) || typeof m.rows !== 'number' || typeof m.cols !== 'number') {
    throw new TypeError(`${fn}: X must be a Matrix64 (float64 design matrix; regression works in float64), got ${describe(X)}`);
  }
  if (m.data.length !== m.rows * m.cols) throw new RangeError(`${fn}: X is ${shapeOf(m)} but its data has length ${m.data.length}`);
  if (m.rows < 1 || m.cols < 1) throw new RangeError(`${fn}: X is ${shapeOf(m)}; it needs at least one row and one column`);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) throw new RangeError(`${fn}: X[${Math.floor(i / m.cols)}, ${i % m.cols}] is ${m.data[i]}; X must be finite`);
  }
}

/** Throws unless y is a finite Float64Array with one entry per row of X. */
export function checkTargets(fn: string, y: unknown, X: Matrix64): asserts y is Float64Array {
  if (!(y instanceof Float64Array)) throw new TypeError(`${fn}: y must be a Float64Array, got ${describe(y)}`);
  if (y.length !== X.rows) throw new RangeError(`${fn}: X is ${shapeOf(X)} but y has length ${y.length} (one target per row)`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`${fn}: y[${i}] is ${y[i]}; y must be finite`);
}

/** Throws unless theta is a Float64Array with one entry per column of X. */
export function checkCoefficients(fn: string, theta: unknown, X: Matrix64): asserts theta is Float64Array {
  if (!(theta instanceof Float64Array)) throw new TypeError(`${fn}: theta must be a Float64Array, got ${describe(theta)}`);
  if (theta.length !== X.cols) throw new RangeError(`${fn}: X is ${shapeOf(X)} but theta has length ${theta.length} (one coefficient per column)`);
}

/** Throws unless lambda is a finite number >= 0. */
export function checkLambda(fn: string, lambda: unknown): asserts lambda is number {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`${fn}: lambda must be a finite number >= 0, got ${describe(lambda)}`);
  }
}

/** Throws unless the penalizeIntercept option is absent or a boolean. */
export function checkPenalizeIntercept(fn: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`${fn}: options.penalizeIntercept must be a boolean, got ${describe(v)}`);
}
