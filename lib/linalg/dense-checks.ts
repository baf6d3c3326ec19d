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
  let s = 0;
  const d = m.data;
  for (let k = 0; k < d.length; k++) {
    const v = Math.abs(d[k]);
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
