/**
 * Random initial weights for a dense layer, drawn from an `Rng` (biases start at zero):
 *
 * - 'xavier' (Glorot & Bengio 2010, normal form): w ~ N(0, 2 / (n_in + n_out)), which keeps the
 *   variance of activations and of back-propagated errors about constant through sigmoid / tanh
 *   layers;
 * - 'xavier-uniform': w ~ U(−r, r) with r = √(6 / (n_in + n_out)) (same variance);
 * - 'he' (He et al. 2015): w ~ N(0, 2 / n_in), the ReLU counterpart (half of the units are off).
 */
import type { Rng } from '../random/index.js';
import type { Activation, NNMatrix } from './model.js';
import { checkNNMatrix, describe } from './checks.js';

/** The initialization schemes of {@link initWeights}. */
export type InitScheme = 'xavier' | 'xavier-uniform' | 'he';

/**
 * The scheme `createMLP` uses when none is given: 'he' for a layer whose activation is a
 * (leaky) ReLU, 'xavier' otherwise.
 *
 * @example
 * defaultInit('relu');    // 'he'
 * defaultInit('sigmoid'); // 'xavier'
 */
export function defaultInit(activation: Activation): InitScheme {
  return activation === 'relu' || activation === 'leakyRelu' ? 'he' : 'xavier';
}

/**
 * Fills W (n_in x n_out, float32 or float64) with random weights of the named scheme; returns W.
 *
 * @example
 * const W = initWeights(zeros(784, 128), 'he', new Rng(1)); // sd √(2/784) ≈ 0.0505
 */
export function initWeights<M extends NNMatrix>(W: M, scheme: InitScheme, rng: Rng): M {
  checkNNMatrix('initWeights', 'W', W);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).normal !== 'function') {
    throw new TypeError(`initWeights: rng must be an Rng, got ${describe(rng)}`);
  }
  const nIn = W.rows, nOut = W.cols;
  const d = W.data;
  if (scheme === 'xavier-uniform') {
    const r = Math.sqrt(6 / (nIn + nOut));
    for (let i = 0; i < d.length; i++) d[i] = (2 * rng.float() - 1) * r;
    return W;
  }
  let sd: number;
  if (scheme === 'xavier') sd = Math.sqrt(2 / (nIn + nOut));
  else if (scheme === 'he') sd = Math.sqrt(2 / nIn);
  else throw new RangeError(`initWeights: scheme must be 'xavier', 'xavier-uniform' or 'he', got ${describe(scheme)}`);
  if (d instanceof Float32Array) rng.fillNormal(d, 0, sd);
  else for (let i = 0; i < d.length; i++) d[i] = rng.normal(0, sd);
  return W;
}
