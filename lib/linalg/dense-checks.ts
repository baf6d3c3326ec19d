/**
 * Input checks and small helpers shared by the dense float64 decompositions (dense-*.ts).
 * Internal: dense.ts does not re-export this file, so none of it is public API.
 */
import { type Matrix64, shapeOf } from './matrix.js';
import { describe } from '../checks/index.js';

/** Machine epsilon of float64, 2^-52 (the gap between 1 and the next float64). @internal */
export const EPS = 2.220446049250313e-16;

/**
 * Throws a TypeError unless `m` is a Matrix64 whose data length matches its shape.
 * @internal
 * @example
 * import { checkMatrix64 } from './dense-checks.js'; // internal
 * checkMatrix64('solve', 'a', matrix64(2, 2)); // passes
 * try { checkMatrix64('solve', 'a', matrix(2, 2)); } catch (e) { console.log((e as Error).message); }
 * // solve: a must be a Matrix64 with Float64Array data, got Float32Array ...
 */
export function checkMatrix64(fn: string, what: string, m: unknown): asserts m is Matrix64 {
  if (typeof m !== 'object' || m === null) {
    throw new TypeError(`${fn}: ${what} must be a Matrix64 { rows, cols, data: Float64Array }, got ${m === null ? 'null' : typeof m}`);
  }
  const mm = m as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!(mm.data instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Matrix64 with Float64Array data, got data ${describe(mm.data)} (convert a float32 Matrix with matrix64(m.rows, m.cols, m.data))`);
  }
  const rows = mm.rows as number;
  const cols = mm.cols as number;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`${fn}: ${what} has invalid shape rows=${String(mm.rows)}, cols=${String(mm.cols)}`);
  }
  if (mm.data.length !== rows * cols) {
    throw new RangeError(`${fn}: ${what} is ${rows}x${cols} but its data has length ${mm.data.length} (expected ${rows * cols})`);
  }
}

/**
 * Throws a RangeError naming the first entry (row, column) that is NaN or ±Infinity.
 * @internal
 * @example
 * try { checkFinite('lu', 'a', matrix64(2, 2, [1, 2, NaN, 4])); } catch (e) { console.log((e as Error).message); }
 * // RangeError 'lu: a[1][0] is NaN; entries must be finite'
 */
export function checkFinite(fn: string, what: string, m: Matrix64): void {
  const { cols, data } = m;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      const i = Math.floor(k / cols);
      const j = k - i * cols;
      throw new RangeError(`${fn}: ${what}[${i}][${j}] is ${data[k]}; entries must be finite`);
    }
  }
}

/**
 * Throws a RangeError unless `m` is square; the message names the shape.
 * @internal
 * @example
 * import { checkSquare } from './dense-checks.js'; // internal
 * try { checkSquare('lu', 'a', matrix64(2, 3)); } catch (e) { console.log((e as Error).message); }
 * // RangeError 'lu: a must be square, got 2x3'
 */
export function checkSquare(fn: string, what: string, m: Matrix64): void {
  if (m.rows !== m.cols) {
    throw new RangeError(`${fn}: ${what} must be square, got ${shapeOf(m)}`);
  }
}

/**
 * Matrix64 that is finite (and square when asked): the usual checks for an input matrix.
 * @internal
 * @example
 * checkInput('qr', 'a', matrix64(3, 2, [1, 2, 3, 4, 5, 6]), false); // type, data length, finiteness: passes
 */
export function checkInput(fn: string, what: string, m: unknown, square: boolean): asserts m is Matrix64 {
  checkMatrix64(fn, what, m);
  if (square) checkSquare(fn, what, m);
  checkFinite(fn, what, m);
}

/**
 * @internal
 * A right-hand side: a Float64Array of length `n` (one column) or an n x k Matrix64 (k columns).
 * Returns it as an n x k Matrix64 view (no copy) plus whether the caller passed a vector.
 * @example
 * const { m, isVector } = rightHandSide('solve', new Float64Array(3), 3, '3x3'); // m is 3x1, isVector true
 */
export function rightHandSide(fn: string, b: unknown, n: number, aShape: string): { m: Matrix64; isVector: boolean } {
  if (b instanceof Float64Array) {
    if (b.length !== n) {
      throw new RangeError(`${fn}: a is ${aShape} but b has length ${b.length} (expected ${n})`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(b[i])) throw new RangeError(`${fn}: b[${i}] is ${b[i]}; entries must be finite`);
    }
    return { m: { rows: n, cols: 1, data: b }, isVector: true };
  }
  if (typeof b === 'object' && b !== null && 'data' in b && !((b as { data: unknown }).data instanceof Float64Array)) {
    checkMatrix64(fn, 'b', b); // throws the TypeError with the type found
  }
  if (typeof b !== 'object' || b === null || !('rows' in b)) {
    throw new TypeError(`${fn}: b must be a Float64Array or a Matrix64, got ${describe(b)}`);
  }
  checkMatrix64(fn, 'b', b);
  if (b.rows !== n) {
    throw new RangeError(`${fn}: a is ${aShape} but b is ${shapeOf(b)} (b needs ${n} rows)`);
  }
  checkFinite(fn, 'b', b);
  return { m: b, isVector: false };
}

/**
 * Largest |a_ij| (0 for an empty matrix).
 * @internal
 * @example
 * maxAbs(matrix64(1, 2, [3, -4])); // 4
 */
export function maxAbs(m: Matrix64): number {
  return maxAbsOf(m.data);
}

/**
 * max |x_i| over an array (0 for an empty one).
 * @internal
 * @example
 * maxAbsOf(new Float64Array([3, -4])); // 4
 */
export function maxAbsOf(x: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) {
    const v = Math.abs(x[k]);
    if (v > s) s = v;
  }
  return s;
}

/**
 * Frobenius norm sqrt(sum a_ij^2), scaled to avoid overflow.
 * @internal
 * @example
 * frobenius(matrix64(1, 2, [3, -4])); // 5
 */
export function frobenius(m: Matrix64): number {
  const scale = maxAbs(m);
  if (scale === 0) return 0;
  let s = 0;
  const d = m.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * LAPACK's safe range for the entries of a matrix handed to an iterative decomposition (the
 * scaling of dgeev, dgesvd and dsyev): sqrt(smallest normal) / eps ≈ 6.7e-139 and its reciprocal
 * ≈ 1.5e138. Inside it, squares and products of entries, and their sums over a matrix, neither
 * overflow nor sink into the subnormals; outside it the decompositions first scale the matrix by
 * a power of two ({@link rangeExponent}).
 * @internal
 */
export const SAFE_SMALL = Math.sqrt(2.2250738585072014e-308) / EPS;
/** @internal See {@link SAFE_SMALL}. */
export const SAFE_LARGE = 1 / SAFE_SMALL;

/**
 * The k for which 2^k max|x_i| lies in [1, 2), when max|x_i| is outside [SAFE_SMALL, SAFE_LARGE];
 * 0 inside it and for all-zero x. A decomposition of 2^k A is that of A with its eigenvalues or
 * singular values times 2^k, and power-of-two scaling is exact (entries below eps max|x_i|
 * may round into the subnormals, where they were negligible anyway), so the values of A are
 * those of 2^k A times 2^-k: the same bits as the unscaled computation would give in a float
 * type with a wider exponent range.
 * @internal
 * @example
 * rangeExponent(new Float64Array([3e200, -1])); // -665: 2^-665 * 3e200 = 1.35...
 * rangeExponent(new Float64Array([3, -1])); // 0
 */
export function rangeExponent(x: Float64Array): number {
  return rangeExponentOf(maxAbsOf(x));
}

/**
 * {@link rangeExponent} for a known largest magnitude `big` (eigenvectorFor takes the larger of
 * max|a_ij| and |lambda|).
 * @internal
 * @example
 * rangeExponentOf(3e200); // -665
 */
export function rangeExponentOf(big: number): number {
  if (big === 0 || (big >= SAFE_SMALL && big <= SAFE_LARGE)) return 0;
  let k = -Math.floor(Math.log2(big));
  if (timesPowerOfTwo(big, k) >= 2) k--; // log2 rounded up at a power of two
  else if (timesPowerOfTwo(big, k) < 1) k++;
  return k;
}

/**
 * x 2^k, exact unless the result leaves the float64 range (then ±Infinity, or a subnormal or 0),
 * for integer |k| <= 2046: in two steps, since 2^k alone overflows for k >= 1024 (a subnormal
 * matrix needs k up to 1074).
 * @internal
 * @example
 * timesPowerOfTwo(5e-324, 1074); // 1
 */
export function timesPowerOfTwo(x: number, k: number): number {
  const [f1, f2] = powerOfTwoFactors(k);
  return x * f1 * f2;
}

/** 2^k as two finite factors 2^trunc(k/2) and 2^(k - trunc(k/2)). */
function powerOfTwoFactors(k: number): [number, number] {
  const half = Math.trunc(k / 2);
  return [2 ** half, 2 ** (k - half)];
}

/**
 * x_i <- x_i 2^k for every entry (see {@link timesPowerOfTwo}).
 * @internal
 * @example
 * const x = new Float64Array([1, 3]);
 * scaleByPowerOfTwo(x, -1); // x = [0.5, 1.5]
 */
export function scaleByPowerOfTwo(x: Float64Array, k: number): void {
  if (k === 0) return;
  const [f1, f2] = powerOfTwoFactors(k);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * f1 * f2;
}

/**
 * Throws a RangeError unless `x` is a positive integer (an iteration limit).
 * @internal
 * @example
 * checkPositiveInteger('svd', 'maxSweeps', 30); // passes
 * try { checkPositiveInteger('svd', 'maxSweeps', 0); } catch (e) { console.log((e as Error).message); }
 * // RangeError 'svd: maxSweeps must be a positive integer, got 0'
 */
export function checkPositiveInteger(fn: string, what: string, x: number): void {
  if (!Number.isInteger(x) || x < 1) {
    throw new RangeError(`${fn}: ${what} must be a positive integer, got ${x}`);
  }
}
