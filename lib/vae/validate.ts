/**
 * Argument checks shared by the VAE files (internal: not re-exported from lib/vae/index.ts).
 * Every message names the function, the argument and the offending value or shapes.
 */
import { shapeOf, type Matrix, type Matrix64 } from '../linalg/matrix.js';
import { cholesky } from '../linalg/dense.js';
import { describe } from '../checks/index.js';
import { checkMatrix32 } from '../linalg/gemm-checks.js';

export { checkRng } from '../checks/index.js';

/** The float32 matrix check and the description of a bad value, shared by every module (lib/checks). */
export { checkMatrix32, describe };


/** Throws unless matrices `a` (named `aName`) and `b` have the same shape. */
export function checkSameShape(fn: string, aName: string, a: Matrix, bName: string, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${fn}: ${aName} is ${shapeOf(a)} but ${bName} is ${shapeOf(b)} (they must have the same shape)`);
  }
}

/** Throws unless `n` is an integer >= 1. */
export function checkCount(fn: string, what: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new RangeError(`${fn}: ${what} must be a positive integer, got ${describe(n)}`);
  }
}

/** Throws unless `x` is a finite number > 0. */
export function checkPositive(fn: string, what: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !(x > 0)) {
    throw new RangeError(`${fn}: ${what} must be a finite number > 0, got ${describe(x)}`);
  }
}

/** Throws unless `v` is a Float32Array or Float64Array of length n. */
export function checkVector(fn: string, what: string, v: unknown, n: number): asserts v is Float32Array | Float64Array {
  if (!(v instanceof Float32Array) && !(v instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float32Array or Float64Array, got ${describe(v)}`);
  }
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but must have length ${n}`);
}

/** Throws unless `v` is a Float64Array of length n. */
export function checkVector64(fn: string, what: string, v: unknown, n: number): asserts v is Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array, got ${describe(v)}`);
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but must have length ${n}`);
}

/** Throws unless every entry of `v` is finite, naming the first that is not. */
export function checkFiniteEntries(fn: string, what: string, v: ArrayLike<number>): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${what}[${i}] is ${v[i]}; entries must be finite`);
  }
}

/** Throws unless `S` is a k x k symmetric positive definite Matrix64 (`why` says where k comes from); returns its Cholesky factor. */
export function checkCovariance(fn: string, what: string, S: unknown, k: number, why = ''): Matrix64 {
  const m = S as Matrix64;
  if (m === null || typeof m !== 'object' || !(m.data instanceof Float64Array) || m.rows !== k || m.cols !== k || m.data.length !== k * k) {
    throw new RangeError(`${fn}: ${what} must be a ${k}x${k} Matrix64${why}, got ${describe(S)}`);
  }
  try {
    return cholesky(m);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${fn}: ${what} must be symmetric positive definite (${e.message})`);
    throw e;
  }
}

/** Throws unless `v` is an array or typed array of numbers (of length n when n is given). */
export function checkNumbers(fn: string, what: string, v: unknown, n?: number): asserts v is ArrayLike<number> {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw new TypeError(`${fn}: ${what} must be an array or typed array of numbers, got ${describe(v)}`);
  }
  const a = v as ArrayLike<number>;
  if (n !== undefined && a.length !== n) throw new RangeError(`${fn}: ${what} has length ${a.length} but must have length ${n} (the length of z)`);
}
