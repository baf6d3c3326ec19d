/**
 * Argument checks shared by the RBM files (internal: not re-exported from lib/rbm/index.ts).
 * Every message names the function, the argument and the offending value or shapes. This file
 * sits below every other RBM file (it knows no RBM type; functions that need the model's sizes
 * take them as `{ nVisible, nHidden }`).
 */
import { type Rng } from '../random/index.js';
import { shapeOf, type AnyMatrix, type Matrix } from '../linalg/matrix.js';
import { describe } from '../checks/index.js';
import { checkMatrix32 } from '../linalg/gemm-checks.js';

/** The sizes of an RBM, all the batch checks below need. */
interface LayerSizes {
  readonly nVisible: number;
  readonly nHidden: number;
}

/** The float32 matrix check and the description of a bad value, shared by every module (lib/checks). */
export { checkMatrix32, describe };

/** Throws unless `n` is an integer >= 1. */
export function checkCount(fn: string, what: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new RangeError(`${fn}: ${what} must be a positive integer, got ${describe(n)}`);
  }
}

/** Throws unless `n` is an integer >= 0. */
export function checkNonNegativeInteger(fn: string, what: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`${fn}: ${what} must be a non-negative integer, got ${describe(n)}`);
  }
}


/** Throws a TypeError unless `m` is a Matrix or Matrix64 of consistent size. */
export function checkAnyMatrix(fn: string, what: string, m: unknown): asserts m is AnyMatrix {
  const x = m as AnyMatrix;
  if (x === null || typeof x !== 'object' || !(x.data instanceof Float32Array || x.data instanceof Float64Array)
    || typeof x.rows !== 'number' || typeof x.cols !== 'number') {
    throw new TypeError(`${fn}: ${what} must be a Matrix or Matrix64, got ${describe(m)}`);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new RangeError(`${fn}: ${what} is ${shapeOf(x)} but its data has length ${x.data.length}`);
  }
}

/** Throws unless `v` is an array-like of numbers of length n. */
export function checkArrayLike(fn: string, what: string, v: unknown, n: number): asserts v is ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${fn}: ${what} must be an array of numbers, got ${describe(v)}`);
  }
  if ((v as ArrayLike<number>).length !== n) {
    throw new RangeError(`${fn}: ${what} has length ${(v as ArrayLike<number>).length} but must have length ${n}`);
  }
}

/** Throws unless every entry is finite. */
export function checkFiniteArray(fn: string, what: string, v: ArrayLike<number>): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${what}[${i}] must be finite, got ${v[i]}`);
  }
}

/**
 * Throws unless every entry is a unit state of the given kind: 0/1 (bernoulli), ±1 (spin).
 * `what` names the argument; `row` (optional) is added for data matrices.
 */
export function checkUnitValues(fn: string, what: string, v: ArrayLike<number>, kind: 'bernoulli' | 'spin', offset = 0, n = v.length, cols = 0): void {
  for (let k = 0; k < n; k++) {
    const x = v[offset + k];
    const ok = kind === 'spin' ? (x === 1 || x === -1) : (x === 0 || x === 1);
    if (!ok) {
      const where = cols > 0 ? `[${Math.floor(k / cols)}, ${k % cols}]` : `[${k}]`;
      throw new RangeError(`${fn}: ${what}${where} must be ${kind === 'spin' ? '-1 or +1 (spin units)' : '0 or 1 (binary units)'}, got ${x}`);
    }
  }
}

/** Throws unless sigma is a Float32Array of length n with finite entries > 0. */
export function checkSigma(fn: string, sigma: unknown, n: number): void {
  if (!(sigma instanceof Float32Array)) throw new TypeError(`${fn}: sigma must be a Float32Array, got ${describe(sigma)}`);
  if (sigma.length !== n) throw new RangeError(`${fn}: sigma has length ${sigma.length} but must have length nVisible = ${n}`);
  for (let i = 0; i < n; i++) {
    if (!(sigma[i] > 0) || !Number.isFinite(sigma[i])) throw new RangeError(`${fn}: sigma[${i}] must be finite and > 0, got ${sigma[i]}`);
  }
}

/** Throws unless W is an M x N float32 Matrix with finite entries and a, b are Float32Arrays of lengths M and N. */
export function checkParameters(fn: string, W: unknown, a: unknown, b: unknown): void {
  checkMatrix32(fn, 'W', W);
  if (W.rows < 1 || W.cols < 1) throw new RangeError(`${fn}: W is ${shapeOf(W)} but needs at least one visible and one hidden unit`);
  if (!(a instanceof Float32Array)) throw new TypeError(`${fn}: a must be a Float32Array, got ${describe(a)}`);
  if (!(b instanceof Float32Array)) throw new TypeError(`${fn}: b must be a Float32Array, got ${describe(b)}`);
  if (a.length !== W.rows) throw new RangeError(`${fn}: W is ${shapeOf(W)} (nVisible x nHidden) but a has length ${a.length}`);
  if (b.length !== W.cols) throw new RangeError(`${fn}: W is ${shapeOf(W)} (nVisible x nHidden) but b has length ${b.length}`);
  checkFiniteArray(fn, 'W', W.data);
  checkFiniteArray(fn, 'a', a);
  checkFiniteArray(fn, 'b', b);
}

/** Throws unless X is a float32 matrix with one column per visible unit. */
export function checkVisibleBatch(fn: string, what: string, rbm: LayerSizes, X: unknown): asserts X is Matrix {
  checkMatrix32(fn, what, X);
  if (X.cols !== rbm.nVisible) throw new RangeError(`${fn}: ${what} is ${shapeOf(X)} but the RBM has nVisible = ${rbm.nVisible}`);
}

/** Throws unless H is a float32 matrix with one column per hidden unit. */
export function checkHiddenBatch(fn: string, what: string, rbm: LayerSizes, H: unknown): asserts H is Matrix {
  checkMatrix32(fn, what, H);
  if (H.cols !== rbm.nHidden) throw new RangeError(`${fn}: ${what} is ${shapeOf(H)} but the RBM has nHidden = ${rbm.nHidden}`);
}

/** Throws unless `out` is a float32 rows x cols matrix; `what` says where the shape comes from, `name` names the argument. */
export function checkOut(fn: string, out: unknown, rows: number, cols: number, what: string, name = 'out'): asserts out is Matrix {
  checkMatrix32(fn, name, out);
  if (out.rows !== rows || out.cols !== cols) {
    throw new RangeError(`${fn}: ${name} is ${shapeOf(out)} but must be ${rows}x${cols} (${what})`);
  }
}

/** Throws unless every entry of P is a probability in [0, 1]. */
export function checkProbabilityMatrix(fn: string, P: Matrix): void {
  const p = P.data;
  for (let k = 0; k < p.length; k++) {
    if (!(p[k] >= 0 && p[k] <= 1)) {
      throw new RangeError(`${fn}: P[${Math.floor(k / P.cols)}, ${k % P.cols}] must be a probability in [0, 1], got ${p[k]}`);
    }
  }
}

/** Throws unless `rng` looks like an Rng (has the fills the samplers use). */
export function checkRng(fn: string, rng: unknown): asserts rng is Rng {
  const r = rng as Rng;
  if (r === null || typeof r !== 'object' || typeof r.fillBernoulli !== 'function' || typeof r.fillNormal !== 'function') {
    throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  }
}

/** Throws unless every entry of the matrix is finite (a sampler cannot draw from NaN probabilities). */
export function checkFiniteMatrix(fn: string, what: string, m: Matrix): void {
  const v = m.data;
  for (let k = 0; k < v.length; k++) {
    if (!Number.isFinite(v[k])) throw new RangeError(`${fn}: ${what}[${Math.floor(k / m.cols)}, ${k % m.cols}] must be finite, got ${v[k]}`);
  }
}
