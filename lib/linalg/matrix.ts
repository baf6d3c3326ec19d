/**
 * Matrix storage types and constructors.
 *
 * A `Matrix` is a row-major float32 matrix used by every model kernel: element (i, j) is
 * `m.data[i * m.cols + j]`. A `Matrix64` is the same layout over a Float64Array, used for
 * small exact work (Markov matrices, regression, VMC, references in tests).
 *
 * These are plain objects, not classes, so a caller can wrap any existing typed array
 * (for instance a view into a larger buffer) without copying.
 */
import { describe } from '../checks/index.js';

/** Row-major float32 matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Row-major float64 matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix64 {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Either storage precision. Functions that accept both say so in their signature. */
export type AnyMatrix = Matrix | Matrix64;

/**
 * Throws a RangeError unless `n` is a non-negative integer; `fn` and `what` name the function
 * and the argument in the message.
 *
 * @example
 * checkDimension('matrix', 'rows', 3); // passes
 * try { checkDimension('matrix', 'rows', 2.5); } catch (e) { console.log((e as Error).message); }
 * // RangeError: matrix: rows must be a non-negative integer, got 2.5
 */
export function checkDimension(fn: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    const got = typeof n === 'string' ? JSON.stringify(n) : String(n);
    if (typeof n !== 'number') throw new TypeError(`${fn}: ${what} must be a non-negative integer, got ${typeof n} ${got}`);
    throw new RangeError(`${fn}: ${what} must be a non-negative integer, got ${got}`);
  }
}

/**
 * The shape of a matrix as error messages print it.
 *
 * @example
 * shapeOf(matrix(3, 4)); // '3x4'
 */
export function shapeOf(m: { rows: number; cols: number }): string {
  return `${m.rows}x${m.cols}`;
}

/**
 * A float32 matrix of shape rows × cols. Without `data` it is zero-filled; with `data` the
 * array is used as storage (not copied) and its length must be rows * cols. A plain
 * number array is copied into a new Float32Array.
 *
 * @example
 * const a = matrix(2, 3, new Float32Array([1, 2, 3, 4, 5, 6]));
 * a.data[1 * a.cols + 2]; // 6  (row 1, column 2)
 */
export function matrix(rows: number, cols: number, data?: Float32Array | ArrayLike<number>): Matrix {
  checkDimension('matrix', 'rows', rows);
  checkDimension('matrix', 'cols', cols);
  let storage: Float32Array;
  if (data === undefined) {
    storage = new Float32Array(rows * cols);
  } else {
    if (data.length !== rows * cols) {
      throw new RangeError(`matrix: data has length ${data.length} but a ${rows}x${cols} matrix needs ${rows * cols}`);
    }
    storage = data instanceof Float32Array ? data : Float32Array.from(data);
  }
  return { rows, cols, data: storage };
}

/**
 * A float64 matrix of shape rows × cols; same rules as {@link matrix}.
 *
 * @example
 * const w = matrix64(2, 2, [0.5, 0.25, 0.5, 0.75]);
 * w.data[0 * 2 + 1]; // 0.25
 */
export function matrix64(rows: number, cols: number, data?: Float64Array | ArrayLike<number>): Matrix64 {
  checkDimension('matrix64', 'rows', rows);
  checkDimension('matrix64', 'cols', cols);
  let storage: Float64Array;
  if (data === undefined) {
    storage = new Float64Array(rows * cols);
  } else {
    if (data.length !== rows * cols) {
      throw new RangeError(`matrix64: data has length ${data.length} but a ${rows}x${cols} matrix needs ${rows * cols}`);
    }
    storage = data instanceof Float64Array ? data : Float64Array.from(data);
  }
  return { rows, cols, data: storage };
}

/**
 * A zero-filled float32 matrix (shorthand for `matrix(rows, cols)`).
 *
 * @example
 * zeros(2, 2).data; // Float32Array [0, 0, 0, 0]
 */
export function zeros(rows: number, cols: number): Matrix {
  checkDimension('zeros', 'rows', rows);
  checkDimension('zeros', 'cols', cols);
  return matrix(rows, cols);
}

/**
 * A zero-filled float64 matrix.
 *
 * @example
 * zeros64(3, 3).rows; // 3
 */
export function zeros64(rows: number, cols: number): Matrix64 {
  checkDimension('zeros64', 'rows', rows);
  checkDimension('zeros64', 'cols', cols);
  return matrix64(rows, cols);
}

/**
 * The n × n float64 identity.
 *
 * @example
 * identity64(2).data; // Float64Array [1, 0, 0, 1]
 */
export function identity64(n: number): Matrix64 {
  checkDimension('identity64', 'n', n);
  const m = matrix64(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/**
 * A matrix from nested arrays (rows of equal length). `precision` chooses the storage:
 * 'float32' (default) returns a `Matrix`, 'float64' a `Matrix64`.
 *
 * @example
 * const a = fromArray2D([[1, 2], [3, 4]]);        // Matrix (float32)
 * const b = fromArray2D([[1, 2], [3, 4]], 'float64'); // Matrix64
 */
export function fromArray2D(rowsArray: ArrayLike<ArrayLike<number>>, precision?: 'float32'): Matrix;
export function fromArray2D(rowsArray: ArrayLike<ArrayLike<number>>, precision: 'float64'): Matrix64;
export function fromArray2D(rowsArray: ArrayLike<ArrayLike<number>>, precision: 'float32' | 'float64' = 'float32'): AnyMatrix {
  if (rowsArray === null || typeof rowsArray !== 'object' || typeof rowsArray.length !== 'number') {
    throw new TypeError(`fromArray2D: rowsArray must be an array of rows (arrays of numbers), got ${describe(rowsArray)}`);
  }
  if (precision !== 'float32' && precision !== 'float64') throw new RangeError(`fromArray2D: precision must be 'float32' or 'float64', got ${describe(precision)}`);
  const rows = rowsArray.length;
  for (let i = 0; i < rows; i++) {
    const r = rowsArray[i] as unknown;
    if (r === null || typeof r !== 'object' || typeof (r as ArrayLike<number>).length !== 'number') {
      throw new TypeError(`fromArray2D: row ${i} must be an array of numbers (nested rows), got ${r === null ? 'null' : typeof r}`);
    }
  }
  const cols = rows === 0 ? 0 : rowsArray[0].length;
  const m = precision === 'float64' ? matrix64(rows, cols) : matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const r = rowsArray[i];
    if (r.length !== cols) {
      throw new RangeError(`fromArray2D: rowsArray[${i}] has length ${r.length} but rowsArray[0] has length ${cols} (rows must have one length)`);
    }
    for (let j = 0; j < cols; j++) m.data[i * cols + j] = r[j];
  }
  return m;
}

/**
 * Nested plain arrays (a copy) of a matrix, handy for printing and tests.
 *
 * @example
 * toArray2D(matrix(1, 2, [1, 2])); // [[1, 2]]
 */
export function toArray2D(m: AnyMatrix): number[][] {
  checkStorage('toArray2D', m);
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const r: number[] = new Array(m.cols);
    for (let j = 0; j < m.cols; j++) r[j] = m.data[i * m.cols + j];
    out.push(r);
  }
  return out;
}

/**
 * A new matrix with the same shape, precision and values.
 *
 * @example
 * const a = matrix(1, 2, [1, 2]);
 * const b = copy(a); b.data[0] = 9; // a is unchanged
 */
export function copy<M extends AnyMatrix>(m: M): M {
  checkStorage('copy', m);
  return { rows: m.rows, cols: m.cols, data: m.data.slice() } as M;
}

/** Throws unless `m` is a Matrix or Matrix64 whose data length is rows·cols. */
function checkStorage(fn: string, m: unknown): void {
  const x = m as AnyMatrix | null;
  if (x === null || typeof x !== 'object' || !(x.data instanceof Float32Array || x.data instanceof Float64Array)) {
    throw new TypeError(`${fn}: m must be a Matrix or Matrix64 { rows, cols, data }, got ${describe(m)}`);
  }
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols < 0 || x.data.length !== x.rows * x.cols) {
    throw new RangeError(`${fn}: m is ${String(x.rows)}x${String(x.cols)} but its data has length ${x.data.length}`);
  }
}

/**
 * The transpose as a new matrix of the same precision (out[j][i] = m[i][j]).
 * Kernels that need a transposed operand take a flag instead (`gemm(..., { transA: true })`),
 * which avoids this copy.
 *
 * @example
 * toArray2D(transpose(fromArray2D([[1, 2, 3]]))); // [[1], [2], [3]]
 */
export function transpose<M extends AnyMatrix>(m: M): M {
  const data0 = (m as { data?: unknown } | null | undefined)?.data;
  if (!(data0 instanceof Float32Array || data0 instanceof Float64Array)) {
    const got = m !== null && typeof m === 'object' ? `an object with data ${describe(data0)}` : describe(m);
    throw new TypeError(`transpose: m must be a Matrix or Matrix64 { rows, cols, data }, got ${got}`);
  }
  const { rows, cols } = m;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data0.length !== rows * cols) {
    throw new RangeError(`transpose: m is ${String(rows)}x${String(cols)} but its data has length ${data0.length}`);
  }
  const data = m.data instanceof Float64Array ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  const src = m.data;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[j * rows + i] = src[i * cols + j];
  }
  return { rows: cols, cols: rows, data } as M;
}
