/**
 * Argument checks shared by gemm.ts and blas.ts. Internal: lib/linalg/index.ts does not
 * re-export this file, so none of it is public API. Values in messages are shown by
 * lib/checks' `describe`; aliasing is lib/checks' `overlaps`.
 */
import { describe } from '../checks/index.js';

/**
 * Throws unless `m` is a matrix `{ rows, cols, data }` with `ctor` data whose length matches its
 * shape: TypeError for a wrong type, RangeError for a bad shape or length. `hint` is appended to
 * the type error (e.g. pointing to gemm64).
 *
 * @example
 * ```ts
 * checkMatrix('gemm', 'a', a, Float32Array, ''); // throws "gemm: a.data must be a Float32Array, got Float64Array"
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

