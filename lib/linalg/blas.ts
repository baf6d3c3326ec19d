/**
 * BLAS level-1 and level-2 kernels on float32 storage, plus the two reductions and the bias
 * broadcast every layer needs. All are out-parameter functions (gl-matrix style): they write into
 * their first argument and return it, allocate nothing per call, and accumulate every sum in a
 * JS number (float64) before rounding to the output's precision once.
 *
 * Precision of the arguments:
 * - `dot`, `axpy`, `scale` take vectors that are Float32Array or Float64Array (mixing is
 *   allowed: the arithmetic is float64 and each stored result is rounded to `out`'s type).
 * - `gemv`, `ger`, `addRowVector`, `sumRows`, `sumCols` work on float32 `Matrix` and Float32Array
 *   only (the model kernels); for Matrix64 work use `gemm64` with an n x 1 matrix.
 *
 * Aliasing: `gemv` and `ger` reject an `out` that shares memory with an input. `axpy`, `scale`
 * and `addRowVector` may run in place (`out === x`, `out === a`), but a partial overlap (a view
 * shifted against another view of the same buffer) is rejected, since the result would depend
 * on the loop order.
 */
import { type Matrix, shapeOf } from './matrix.js';
import { checkMatrix } from './gemm-checks.js';
import { checkOptionKeys, describe, overlaps } from '../checks/index.js';
import { addRowVectorUnchecked, sumRowsUnchecked } from './kernels.js';

/** A vector argument of `dot`, `axpy` and `scale`. */
export type FloatVector = Float32Array | Float64Array;

/** Options of {@link gemv}. */
export interface GemvOptions {
  /** Use aᵀ in place of a. Default false. */
  trans?: boolean;
  /** Scale of the product. Default 1. */
  alpha?: number;
  /** Scale of the old `out`. Default 0, and then `out` is not read (NaN in it is overwritten). */
  beta?: number;
}

const F32_HINT = ' (this kernel is float32; use gemm64 for Matrix64)';

/** Float64 scratch for the column sums of gemv(trans); grows only when a longer one is needed. */
let columnSums = new Float64Array(0);

function columnScratch(n: number): Float64Array {
  if (columnSums.length < n) columnSums = new Float64Array(n);
  return columnSums;
}

function checkFloat32Vector(fn: string, what: string, v: unknown): asserts v is Float32Array {
  if (!(v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float32Array, got ${describe(v)}`);
  }
}

function checkVector(fn: string, what: string, v: unknown): asserts v is FloatVector {
  if (!(v instanceof Float32Array) && !(v instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float32Array or Float64Array, got ${describe(v)}`);
  }
}

function checkFinite(fn: string, what: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${fn}: ${what} must be a finite number, got ${String(x)}`);
  }
}

function checkSameLength(fn: string, whatX: string, x: ArrayLike<number>, whatY: string, y: ArrayLike<number>): void {
  if (x.length !== y.length) {
    throw new RangeError(`${fn}: ${whatX} has length ${x.length} but ${whatY} has length ${y.length}`);
  }
}

/** In-place is fine (identical views); any other overlap is not. */
function checkSameOrDisjoint(fn: string, whatOut: string, out: ArrayBufferView, whatX: string, x: ArrayBufferView): void {
  const identical = out.buffer === x.buffer && out.byteOffset === x.byteOffset && out.byteLength === x.byteLength;
  if (!identical && overlaps(out, x)) {
    throw new RangeError(`${fn}: ${whatOut} partially overlaps ${whatX} (same buffer, shifted); pass the same array for in-place use or a separate ${whatOut}`);
  }
}

function checkDisjoint(fn: string, whatOut: string, out: ArrayBufferView, whatX: string, x: ArrayBufferView): void {
  if (overlaps(out, x)) {
    throw new RangeError(`${fn}: ${whatOut} aliases ${whatX} (their data share memory); use a separate ${whatOut}`);
  }
}

/**
 * Matrix-vector product (BLAS sgemv): out = alpha · op(a) · x + beta · out, with op(a) = a, or
 * aᵀ when `trans` is true. For an m x n matrix a: without trans x has length n and out length m;
 * with trans x has length m and out length n. Each entry is one float64 sum rounded to float32
 * once. beta = 0 (default) means out is not read. `out` must not share memory with a or x.
 * Returns out.
 *
 * @example
 * ```ts
 * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
 * gemv(new Float32Array(2), a, new Float32Array([1, 1, 1]));                  // [6, 15]
 * gemv(new Float32Array(3), a, new Float32Array([1, -1]), { trans: true });   // aᵀx = [-3, -3, -3]
 * ```
 */
export function gemv(out: Float32Array, a: Matrix, x: Float32Array, opts?: GemvOptions): Float32Array {
  checkFloat32Vector('gemv', 'out', out);
  checkMatrix('gemv', 'a', a, Float32Array, F32_HINT);
  checkFloat32Vector('gemv', 'x', x);
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    throw new TypeError(`gemv: opts must be an object { trans?, alpha?, beta? }, got ${describe(opts)}`);
  }
  checkOptionKeys('gemv', opts, ['trans', 'alpha', 'beta']);
  const trans = opts?.trans ?? false;
  const alpha = opts?.alpha ?? 1;
  const beta = opts?.beta ?? 0;
  if (typeof trans !== 'boolean') throw new TypeError(`gemv: trans must be a boolean, got ${describe(trans)}`);
  checkFinite('gemv', 'alpha', alpha);
  checkFinite('gemv', 'beta', beta);
  const { rows, cols } = a;
  const xLen = trans ? rows : cols;
  const outLen = trans ? cols : rows;
  const opA = trans ? `aᵀ (a is ${shapeOf(a)}, transposed)` : `a (${shapeOf(a)})`;
  if (x.length !== xLen) {
    throw new RangeError(`gemv: a is ${shapeOf(a)}${trans ? ' (trans)' : ''} but x has length ${x.length}; ${opA} needs x of length ${xLen}`);
  }
  if (out.length !== outLen) {
    throw new RangeError(`gemv: out has length ${out.length} but ${opA} times x has length ${outLen}`);
  }
  checkDisjoint('gemv', 'out', out, 'a', a.data);
  checkDisjoint('gemv', 'out', out, 'x', x);
  const A = a.data;
  if (!trans) {
    // out_i = alpha Σ_j a_ij x_j + beta out_i: one dot product per row, rows are contiguous
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) s += A[row + j] * x[j];
      out[i] = beta === 0 ? alpha * s : alpha * s + beta * out[i];
    }
  } else {
    // out_j = alpha Σ_i a_ij x_i + beta out_j: walk a row by row (contiguous), summing in float64
    const sums = columnScratch(cols);
    sums.fill(0, 0, cols);
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      const xi = x[i];
      for (let j = 0; j < cols; j++) sums[j] += A[row + j] * xi;
    }
    for (let j = 0; j < cols; j++) out[j] = beta === 0 ? alpha * sums[j] : alpha * sums[j] + beta * out[j];
  }
  return out;
}

/**
 * Rank-1 update (BLAS sger): out = out + alpha · x yᵀ, i.e. out_ij += alpha x_i y_j, for an
 * m x n `out`, x of length m and y of length n. `out` must not share memory with x or y.
 * With alpha = 0 nothing is read or written (BLAS quick return). Returns out.
 *
 * @example
 * ```ts
 * const w = zeros(2, 3);
 * ger(w, new Float32Array([1, 2]), new Float32Array([1, 0, -1]));  // w = [[1, 0, -1], [2, 0, -2]]
 * ger(w, new Float32Array([1, 1]), new Float32Array([1, 1, 1]), 0.5); // adds 0.5 everywhere
 * ```
 */
export function ger(out: Matrix, x: Float32Array, y: Float32Array, alpha = 1): Matrix {
  checkMatrix('ger', 'out', out, Float32Array, F32_HINT);
  checkFloat32Vector('ger', 'x', x);
  checkFloat32Vector('ger', 'y', y);
  checkFinite('ger', 'alpha', alpha);
  const { rows, cols } = out;
  if (x.length !== rows || y.length !== cols) {
    throw new RangeError(`ger: out is ${shapeOf(out)} but x has length ${x.length} and y has length ${y.length} (x yᵀ is ${x.length}x${y.length})`);
  }
  checkDisjoint('ger', 'out', out.data, 'x', x);
  checkDisjoint('ger', 'out', out.data, 'y', y);
  if (alpha === 0) return out; // BLAS quick return: x and y are not read
  const C = out.data;
  for (let i = 0; i < rows; i++) {
    const ax = alpha * x[i];
    const row = i * cols;
    for (let j = 0; j < cols; j++) C[row + j] += ax * y[j]; // out_ij += alpha x_i y_j
  }
  return out;
}

/**
 * BLAS axpy, y ← alpha·x + y, with the updated vector first as in every out-parameter kernel
 * here: `axpy(out, alpha, x)` sets out_i = out_i + alpha·x_i. `out` and `x` have equal length and
 * may be Float32Array or Float64Array; `out === x` is allowed (then out = (1 + alpha)·out).
 * Returns out.
 *
 * @example
 * ```ts
 * const w = new Float32Array([1, 1, 1]);
 * axpy(w, -0.1, new Float32Array([10, 20, 30])); // w = [0, -1, -2]   (a gradient step w -= 0.1 g)
 * ```
 */
export function axpy<V extends FloatVector>(out: V, alpha: number, x: FloatVector): V {
  checkVector('axpy', 'out', out);
  checkFinite('axpy', 'alpha', alpha);
  checkVector('axpy', 'x', x);
  checkSameLength('axpy', 'out', out, 'x', x);
  checkSameOrDisjoint('axpy', 'out', out, 'x', x);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] += alpha * x[i]; // y_i ← alpha x_i + y_i
  return out;
}

/**
 * out = alpha · x, elementwise; `out === x` scales in place. Float32Array or Float64Array of equal
 * length (mixing allowed). Returns out.
 *
 * @example
 * ```ts
 * const v = new Float32Array([1, -2, 4]);
 * scale(v, v, 0.5); // v = [0.5, -1, 2]
 * ```
 */
export function scale<V extends FloatVector>(out: V, x: FloatVector, alpha: number): V {
  checkVector('scale', 'out', out);
  checkVector('scale', 'x', x);
  checkFinite('scale', 'alpha', alpha);
  checkSameLength('scale', 'out', out, 'x', x);
  checkSameOrDisjoint('scale', 'out', out, 'x', x);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = alpha * x[i];
  return out;
}

/**
 * Dot product Σ_i x_i y_i, accumulated in float64 (a JS number) and returned unrounded.
 * Float32Array or Float64Array of equal length (mixing allowed).
 *
 * @example
 * ```ts
 * dot(new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])); // 32
 * ```
 */
export function dot(x: FloatVector, y: FloatVector): number {
  checkVector('dot', 'x', x);
  checkVector('dot', 'y', y);
  checkSameLength('dot', 'x', x, 'y', y);
  let s = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/**
 * Adds a row vector to every row (the bias broadcast of a layer, Z = A W + b):
 * out_ij = a_ij + v_j, for m x n matrices out and a and v of length n. `out === a` works in
 * place. `out` must not share memory with v. Returns out.
 *
 * @example
 * ```ts
 * const z = matrix(2, 2, [1, 2, 3, 4]);
 * addRowVector(z, z, new Float32Array([10, 20])); // z = [[11, 22], [13, 24]]
 * ```
 */
export function addRowVector(out: Matrix, a: Matrix, v: Float32Array): Matrix {
  checkMatrix('addRowVector', 'out', out, Float32Array, F32_HINT);
  checkMatrix('addRowVector', 'a', a, Float32Array, F32_HINT);
  checkFloat32Vector('addRowVector', 'v', v);
  if (out.rows !== a.rows || out.cols !== a.cols) {
    throw new RangeError(`addRowVector: out is ${shapeOf(out)} but a is ${shapeOf(a)}`);
  }
  if (v.length !== a.cols) {
    throw new RangeError(`addRowVector: a is ${shapeOf(a)} but v has length ${v.length} (needs ${a.cols}, one entry per column)`);
  }
  checkSameOrDisjoint('addRowVector', 'out', out.data, 'a', a.data);
  checkDisjoint('addRowVector', 'out', out.data, 'v', v);
  // The active backend's kernel: one float32 addition per entry on either backend (same bits).
  return addRowVectorUnchecked(out, a, v);
}

/**
 * Sums over the rows, one value per column: out_j = Σ_i a_ij (the
 * batch sum of a bias gradient). `out` has length a.cols and must not share memory with a.
 * Sums are float64, rounded to float32 once. Returns out.
 *
 * @example
 * ```ts
 * sumRows(new Float32Array(3), matrix(2, 3, [1, 2, 3, 4, 5, 6])); // [5, 7, 9]
 * ```
 */
export function sumRows(out: Float32Array, a: Matrix): Float32Array {
  checkFloat32Vector('sumRows', 'out', out);
  checkMatrix('sumRows', 'a', a, Float32Array, F32_HINT);
  if (out.length !== a.cols) {
    throw new RangeError(`sumRows: a is ${shapeOf(a)} but out has length ${out.length} (needs ${a.cols}: out_j = Σ_i a_ij)`);
  }
  checkDisjoint('sumRows', 'out', out, 'a', a.data);
  return sumRowsUnchecked(out, a);
}

/**
 * Sums over the columns, one value per row: out_i = Σ_j a_ij. `out` has length a.rows and must
 * not share memory with a. Sums are float64, rounded to float32 once. Returns out.
 *
 * @example
 * ```ts
 * sumCols(new Float32Array(2), matrix(2, 3, [1, 2, 3, 4, 5, 6])); // [6, 15]
 * ```
 */
export function sumCols(out: Float32Array, a: Matrix): Float32Array {
  checkFloat32Vector('sumCols', 'out', out);
  checkMatrix('sumCols', 'a', a, Float32Array, F32_HINT);
  if (out.length !== a.rows) {
    throw new RangeError(`sumCols: a is ${shapeOf(a)} but out has length ${out.length} (needs ${a.rows}: out_i = Σ_j a_ij)`);
  }
  checkDisjoint('sumCols', 'out', out, 'a', a.data);
  const { rows, cols } = a;
  const A = a.data;
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += A[row + j];
    out[i] = s;
  }
  return out;
}
