/**
 * Argument checks shared by gemm.ts and blas.ts. Internal: lib/linalg/index.ts does not
 * re-export this file, so none of it is public API. Values in messages are shown by
 * lib/checks' `describe`; aliasing is lib/checks' `overlaps`.
 */
import { describe } from '../checks/index.js';
import type { Matrix } from './matrix.js';

/**
 * Throws unless `m` is a matrix `{ rows, cols, data }` with `ctor` data whose length matches its
 * shape: TypeError for a wrong type, RangeError for a bad shape or length. `hint` is appended to
 * the type error (e.g. pointing to gemm64).
 *
 * @example
 * ```ts
 * try { checkMatrix('gemm', 'a', matrix64(2, 2), Float32Array, ''); } catch (e) { console.log((e as Error).message); }
 * // "gemm: a.data must be a Float32Array, got Float64Array"
 * ```
 */
export function checkMatrix(
  fn: string, what: string, m: unknown,
  ctor: Float32ArrayConstructor | Float64ArrayConstructor, hint: string,
): void {
  if (typeof m !== 'object' || m === null) {
    throw new TypeError(`${fn}: ${what} must be a matrix { rows, cols, data }, got ${describe(m)}`);
  }
  const mm = m as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!(mm.data instanceof ctor)) {
    throw new TypeError(`${fn}: ${what}.data must be a ${ctor.name}, got ${describe(mm.data)}${hint}`);
  }
  const { rows, cols } = mm;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || (rows as number) < 0 || (cols as number) < 0) {
    throw new RangeError(`${fn}: ${what} has invalid shape rows=${String(rows)}, cols=${String(cols)}`);
  }
  const need = (rows as number) * (cols as number);
  if (mm.data.length !== need) {
    throw new RangeError(`${fn}: ${what} is ${rows}x${cols} but ${what}.data has length ${mm.data.length} (expected ${need})`);
  }
}

/**
 * Throws unless `m` is a float32 Matrix { rows, cols, data: Float32Array } whose data length is
 * rows·cols: a TypeError naming the value, or a RangeError naming the shape and the length.
 *
 * @example
 * ```ts
 * checkMatrix32('trainRBM', 'data', matrix(2, 3)); // passes
 * try { checkMatrix32('trainRBM', 'data', matrix64(2, 3)); } catch (e) { console.log((e as Error).message); }
 * // trainRBM: data must be a Matrix with Float32Array data, got ...
 * ```
 */
export function checkMatrix32(fn: string, what: string, m: unknown): asserts m is Matrix {
  const x = m as Matrix;
  if (x === null || typeof x !== 'object' || !(x.data instanceof Float32Array) || typeof x.rows !== 'number' || typeof x.cols !== 'number') {
    throw new TypeError(`${fn}: ${what} must be a Matrix with Float32Array data, got ${describe(m)}`);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new RangeError(`${fn}: ${what} is ${x.rows}x${x.cols} but its data has length ${x.data.length}`);
  }
}
