/**
 * Argument checks shared by the files of lib/nn (internal: not re-exported from lib/nn/index.ts).
 * Every message names the function, the argument and the offending value or shapes.
 */
import { shapeOf } from '../linalg/matrix.js';
import { ACTIVATIONS, type Activation, type NNMatrix, type NNVector } from './model.js';

/** A short description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return `Array(${x.length})`;
  if (x instanceof DataView) return `DataView(${x.byteLength} bytes)`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as ArrayLike<number>).length})`;
  if (typeof x === 'object') {
    const m = x as { rows?: unknown; cols?: unknown; data?: unknown };
    if (typeof m.rows === 'number' && typeof m.cols === 'number') return `a ${m.rows}x${m.cols} matrix of ${describe(m.data)}`;
    return (x as object).constructor?.name ?? 'object';
  }
  if (typeof x === 'string') return JSON.stringify(x);
  return String(x);
}

/** Throws unless `m` is a Matrix or Matrix64 whose data length is rows·cols. */
export function checkNNMatrix(fn: string, what: string, m: unknown): asserts m is NNMatrix {
  const x = m as NNMatrix;
  if (x === null || typeof x !== 'object' || !(x.data instanceof Float32Array || x.data instanceof Float64Array)
    || typeof x.rows !== 'number' || typeof x.cols !== 'number') {
    throw new TypeError(`${fn}: ${what} must be a Matrix (Float32Array data) or Matrix64 (Float64Array data), got ${describe(m)}`);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new RangeError(`${fn}: ${what} is ${shapeOf(x)} but its data has length ${x.data.length}`);
  }

}

/** Throws unless `m` has the same precision as `ref` (both float32 or both float64). */
export function checkSamePrecision(fn: string, what: string, m: NNMatrix | NNVector, refWhat: string, ref: NNMatrix | NNVector): void {
  const a = ArrayBuffer.isView(m) ? m : m.data;
  const b = ArrayBuffer.isView(ref) ? ref : ref.data;
  if ((a instanceof Float32Array) !== (b instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${what} is ${a instanceof Float32Array ? 'float32' : 'float64'} but ${refWhat} is ${b instanceof Float32Array ? 'float32' : 'float64'} (one network uses one precision)`);
  }
}

/** Throws unless `m` is rows x cols. */
export function checkShape(fn: string, what: string, m: NNMatrix, rows: number, cols: number, why: string): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`${fn}: ${what} is ${shapeOf(m)} but must be ${rows}x${cols} (${why})`);
  }
}

/** Throws unless `a` and `b` have the same shape. */
export function checkSameShape(fn: string, whatA: string, a: NNMatrix, whatB: string, b: NNMatrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${fn}: ${whatA} is ${shapeOf(a)} but ${whatB} is ${shapeOf(b)} (they must have the same shape)`);
  }
}

/** Throws unless `v` is a Float32Array or Float64Array of length n. */
export function checkNNVector(fn: string, what: string, v: unknown, n: number): asserts v is NNVector {
  if (!(v instanceof Float32Array) && !(v instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${what} must be a Float32Array or Float64Array, got ${describe(v)}`);
  }
  if (v.length !== n) throw new RangeError(`${fn}: ${what} has length ${v.length} but must have length ${n}`);
}

/** Throws unless `activation` is one of {@link ACTIVATIONS}. */
export function checkActivation(fn: string, what: string, activation: unknown): asserts activation is Activation {
  if (typeof activation !== 'string' || !(ACTIVATIONS as readonly string[]).includes(activation)) {
    throw new RangeError(`${fn}: ${what} must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got ${describe(activation)}`);
  }
}

/** Throws unless two arrays share no memory (an out-parameter must not alias an input it reads after writing). */
export function checkDisjoint(fn: string, whatOut: string, out: ArrayBufferView, whatIn: string, x: ArrayBufferView): void {
  if (out.buffer === x.buffer && out.byteLength > 0 && x.byteLength > 0
    && out.byteOffset < x.byteOffset + x.byteLength && x.byteOffset < out.byteOffset + out.byteLength) {
    throw new RangeError(`${fn}: ${whatOut} shares memory with ${whatIn}; pass a separate ${whatOut}`);
  }
}

/** Throws unless `m` is a matrix of the same precision and shape as `ref` (already checked). */
export function checkLike(fn: string, what: string, m: unknown, refWhat: string, ref: NNMatrix): asserts m is NNMatrix {
  checkNNMatrix(fn, what, m);
  checkSamePrecision(fn, what, m, refWhat, ref);
  checkSameShape(fn, what, m, refWhat, ref);
}

/** Throws unless `slope` is a finite number (the leaky-ReLU slope). */
export function checkSlope(fn: string, slope: unknown): asserts slope is number {
  if (typeof slope !== 'number' || !Number.isFinite(slope)) {
    throw new RangeError(`${fn}: slope must be a finite number (the leaky-ReLU slope for z < 0), got ${describe(slope)}`);
  }
}

/** Throws unless `options` is undefined or a plain object whose keys are all in `allowed`. */
export function checkOptions(fn: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${fn}: unknown option '${key}' (allowed: ${allowed.join(', ')})`);
    }
  }
}
