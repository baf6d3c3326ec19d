/**
 * Argument checks shared by lib/markov (internal: index.ts re-exports only the two public
 * assertions, assertColumnStochastic and assertDistribution, which live in balance.ts).
 * Every message names the function, the argument and the offending value or shape.
 */
import { type Matrix64 } from '../linalg/index.js';
import { describe } from '../checks/index.js';

export { describe }; // the one description of a bad value (lib/checks), for the files of lib/markov

/**
 * Throws unless `m` is a square Matrix64 with finite entries (entries skipped when checkEntries
 * is false); returns its size n. Internal.
 * @example
 * const W = identity64(3);
 * const n = checkSquareMatrix64('evolve', 'W', W); // 3 for a 3x3 W
 */
export function checkSquareMatrix64(fn: string, what: string, m: unknown, checkEntries = true): number {
  if (m === null || typeof m !== 'object' || !((m as Matrix64).data instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Matrix64 (rows, cols, data: Float64Array), got ${describe(m)}`);
  }
  const a = m as Matrix64;
  if (a.rows !== a.cols) throw new RangeError(`${fn}: ${what} must be square, got ${a.rows}x${a.cols}`);
  if (a.rows < 1) throw new RangeError(`${fn}: ${what} must have at least 1 state, got ${a.rows}x${a.cols}`);
  if (a.data.length !== a.rows * a.cols) {
    throw new RangeError(`${fn}: ${what} is ${a.rows}x${a.cols} but its data has length ${a.data.length}`);
  }
  const n = a.rows;
  if (!checkEntries) return n;
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(a.data[k])) {
      throw new RangeError(`${fn}: ${what}[${Math.floor(k / n)}][${k % n}] must be finite, got ${a.data[k]}`);
    }
  }
  return n;
}

/**
 * Throws unless `v` is a Float64Array of length n with finite entries. Internal.
 * @example
 * const p = new Float64Array([0.2, 0.3, 0.5]);
 * checkVector64('evolve', 'p', p, 3); // passes: a Float64Array of length 3
 */
export function checkVector64(fn: string, what: string, v: unknown, n: number): asserts v is Float64Array {
  if (!(v instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float64Array, got ${describe(v)}`);
  }
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but the chain has ${n} states`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${what}[${i}] must be finite, got ${v[i]}`);
  }
}

/**
 * Throws unless `tol` is a non-negative finite number. Internal.
 * @example
 * checkTolerance('assertDistribution', 1e-12);
 */
export function checkTolerance(fn: string, tol: unknown): asserts tol is number {
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) {
    throw new RangeError(`${fn}: tol must be a non-negative finite number, got ${String(tol)}`);
  }
}

