/**
 * Argument checks shared by the files of lib/nn (internal: not re-exported from lib/nn/index.ts).
 * Every message names the function, the argument and the offending value or shapes.
 */
import { shapeOf } from '../linalg/matrix.js';
import { ACTIVATIONS, type Activation, type MLP, type MLPGradient, type NNMatrix, type NNVector } from './model.js';
import type { Optimizer } from '../optim/index.js';
import { checkOptionKeys, describe, overlaps } from '../checks/index.js';

export { describe };

/** Refuses unknown option keys (the shared check of lib/checks). */
export const checkOptions = checkOptionKeys;

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
  if (overlaps(out, x)) {
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

/** Throws unless `grad` is an MLPGradient shaped like `net`'s parameters (createGradient(net)). */
export function checkGradient(fn: string, net: MLP, grad: unknown): asserts grad is MLPGradient {
  const g = grad as MLPGradient, L = net.layers.length;
  if (g === null || typeof g !== 'object' || !Array.isArray(g.dW) || !Array.isArray(g.db) || g.dW.length !== L || g.db.length !== L) {
    throw new TypeError(`${fn}: grad must be an MLPGradient with ${L} layers (createGradient(net)), got ${describe(grad)}`);
  }
  checkGradientShapes(fn, net, g);
}

/** Throws unless grad.dW[l], grad.db[l] have the shapes and precision of layer l + 1's W and b. */
export function checkGradientShapes(fn: string, net: MLP, grad: MLPGradient): void {
  const W0 = net.layers[0].W;
  net.layers.forEach((layer, i) => {
    checkNNMatrix(fn, `grad.dW[${i}]`, grad.dW[i]);
    checkSamePrecision(fn, `grad.dW[${i}]`, grad.dW[i], 'the network', W0);
    checkShape(fn, `grad.dW[${i}]`, grad.dW[i], layer.W.rows, layer.W.cols, `the shape of layer ${i + 1} W`);
    checkNNVector(fn, `grad.db[${i}]`, grad.db[i], layer.b.length);
    checkSamePrecision(fn, `grad.db[${i}]`, grad.db[i], 'the network', W0);
  });
}

/** Throws unless `opt` is a lib/optim optimizer (an object with a `step` method). */
export function checkOptimizer(fn: string, opt: unknown): asserts opt is Optimizer {
  if (opt === null || typeof opt !== 'object' || typeof (opt as Optimizer).step !== 'function') {
    throw new TypeError(`${fn}: optimizer must be a lib/optim optimizer (new SGD({ lr }), new Adam(), ...), got ${describe(opt)}`);
  }
}

