/**
 * Argument checks shared by gemm.ts and blas.ts. Internal: lib/linalg/index.ts does not
 * re-export this file, so none of it is public API.
 */

/**
 * Constructor name of a value for error messages ('Float64Array', 'number', 'null', ...).
 *
 * @example
 * ```ts
 * typeName(new Float64Array(2)); // 'Float64Array'
 * ```
 */
export function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return (x as object).constructor?.name ?? 'object';
}

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
    throw new TypeError(`${fn}: ${what} must be a matrix { rows, cols, data }, got ${typeName(m)}`);
  }
  const mm = m as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!(mm.data instanceof ctor)) {
    throw new TypeError(`${fn}: ${what}.data must be a ${ctor.name}, got ${typeName(mm.data)}${hint}`);
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
 * True if two typed arrays share memory: same buffer and overlapping byte ranges.
 *
 * @example
 * ```ts
 * const buf = new Float32Array(8);
 * overlaps(buf.subarray(0, 4), buf.subarray(3, 8)); // true
 * overlaps(buf.subarray(0, 4), buf.subarray(4, 8)); // false
 * ```
 */
export function overlaps(x: ArrayBufferView, y: ArrayBufferView): boolean {
  if (x.buffer !== y.buffer || x.byteLength === 0 || y.byteLength === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

