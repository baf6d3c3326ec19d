/**
 * Activation functions as paired forward / backward kernels (N-NN-01), on a batch stored as a
 * matrix (one row per sample). Every pair has the same argument names:
 *
 *   xForward(out, z)              out = A = f(Z)
 *   xBackward(dZ, z, a, dA)       dZ = dC/dZ = dC/dA ∘ f'(Z)   (row-wise for softmax)
 *
 * where `a` is the forward's output for this `z` (the backward reuses it: σ' = a(1 − a),
 * tanh' = 1 − a²). `out` may be `z` itself and `dZ` may be `dA` itself (in place); all four
 * have one shape and one precision. float32 values are computed in float64 and rounded once.
 * Nothing is allocated.
 */
import { relu, sigmoid, tanh } from '../linalg/elementwise.js';
import type { Activation, NNMatrix } from './model.js';
import { checkLike, checkNNMatrix, checkSlope, describe } from './checks.js';

function checkForward(fn: string, out: NNMatrix, z: NNMatrix): void {
  checkNNMatrix(fn, 'z', z);
  checkLike(fn, 'out', out, 'z', z);
}

function checkBackward(fn: string, dZ: NNMatrix, z: NNMatrix, a: NNMatrix, dA: NNMatrix): void {
  checkNNMatrix(fn, 'z', z);
  checkLike(fn, 'a', a, 'z', z);
  checkLike(fn, 'dA', dA, 'z', z);
  checkLike(fn, 'dZ', dZ, 'z', z);
}

/**
 * Identity activation, f(z) = z (the output layer of the notes' regression examples): out = z.
 *
 * @example
 * identityForward(zeros(2, 3), z); // a copy of z
 */
export function identityForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('identityForward', out, z);
  if (out.data !== z.data) out.data.set(z.data);
  return out;
}

/**
 * Identity backward: f' = 1, so dZ = dA.
 *
 * @example
 * identityBackward(dZ, z, a, dA); // dZ = dA
 */
export function identityBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('identityBackward', dZ, z, a, dA);
  if (dZ.data !== dA.data) dZ.data.set(dA.data);
  return dZ;
}

/**
 * N-NN-01  Logistic activation a = σ(z) = 1 / (1 + e^{-z}), overflow-free (σ(−1000) = 0,
 * σ(1000) = 1); float32 on the active backend's kernel, float64 exact.
 *
 * @example
 * sigmoidForward(a, fromArray2D([[0, 2]])); // a = [[0.5, 0.8807971]]
 */
export function sigmoidForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('sigmoidForward', out, z);
  if (out.data instanceof Float32Array) sigmoid(out.data, z.data as Float32Array);
  else sigmoid(out.data, z.data as Float64Array);
  return out;
}

/**
 * N-NN-01  Logistic backward: σ'(z) = σ(z)(1 − σ(z)) = a(1 − a), so dZ = dA ∘ a ∘ (1 − a).
 *
 * @example
 * sigmoidBackward(dZ, z, a, dA);
 */
export function sigmoidBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('sigmoidBackward', dZ, z, a, dA);
  const A = a.data, G = dA.data, D = dZ.data;
  for (let i = 0; i < D.length; i++) D[i] = G[i] * A[i] * (1 - A[i]); // δ = dC/da · a(1 − a)
  return dZ;
}

/**
 * Hyperbolic tangent activation a = tanh(z).
 *
 * @example
 * tanhForward(a, fromArray2D([[0, 1]])); // a = [[0, 0.7615942]]
 */
export function tanhForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('tanhForward', out, z);
  if (out.data instanceof Float32Array) tanh(out.data, z.data as Float32Array);
  else tanh(out.data, z.data as Float64Array);
  return out;
}

/**
 * tanh backward: tanh'(z) = 1 − tanh²(z) = 1 − a², so dZ = dA ∘ (1 − a²).
 *
 * @example
 * tanhBackward(dZ, z, a, dA);
 */
export function tanhBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('tanhBackward', dZ, z, a, dA);
  const A = a.data, G = dA.data, D = dZ.data;
  for (let i = 0; i < D.length; i++) D[i] = G[i] * (1 - A[i] * A[i]);
  return dZ;
}

/**
 * N-NN-01  Rectified linear unit a = relu(z) = max(0, z) (the VAE encoder's activation).
 *
 * @example
 * reluForward(a, fromArray2D([[-1, 2]])); // a = [[0, 2]]
 */
export function reluForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('reluForward', out, z);
  if (out.data instanceof Float32Array) relu(out.data, z.data as Float32Array);
  else relu(out.data, z.data as Float64Array);
  return out;
}

/**
 * ReLU backward: relu'(z) = 1 for z > 0 and 0 for z ≤ 0 (the value 0 at the kink z = 0 is the
 * usual convention, as in PyTorch), so dZ = dA ∘ [z > 0].
 *
 * @example
 * reluBackward(dZ, z, a, dA);
 */
export function reluBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('reluBackward', dZ, z, a, dA);
  const Z = z.data, G = dA.data, D = dZ.data;
  for (let i = 0; i < D.length; i++) D[i] = Z[i] > 0 ? G[i] : 0;
  return dZ;
}

/**
 * Leaky ReLU a = z for z > 0 and slope·z otherwise (slope usually 0.01).
 *
 * @example
 * leakyReluForward(a, fromArray2D([[-1, 2]]), 0.1); // a = [[-0.1, 2]]
 */
export function leakyReluForward<M extends NNMatrix>(out: M, z: M, slope: number): M {
  checkForward('leakyReluForward', out, z);
  checkSlope('leakyReluForward', slope);
  const Z = z.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = Z[i] > 0 ? Z[i] : slope * Z[i];
  return out;
}

/**
 * Leaky-ReLU backward: f'(z) = 1 for z > 0, slope for z ≤ 0, so dZ = dA ∘ f'(z).
 *
 * @example
 * leakyReluBackward(dZ, z, a, dA, 0.01);
 */
export function leakyReluBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M, slope: number): M {
  checkBackward('leakyReluBackward', dZ, z, a, dA);
  checkSlope('leakyReluBackward', slope);
  const Z = z.data, G = dA.data, D = dZ.data;
  for (let i = 0; i < D.length; i++) D[i] = Z[i] > 0 ? G[i] : slope * G[i];
  return dZ;
}

/**
 * Softmax over each row: a_j = e^{z_j} / Σ_k e^{z_k}, computed as e^{z_j − m} / Σ_k e^{z_k − m}
 * with m the row maximum, so nothing overflows (z = 1000 is fine) and each row sums to 1.
 *
 * @example
 * softmaxForward(a, fromArray2D([[0, Math.log(3)]])); // a = [[0.25, 0.75]]
 */
export function softmaxForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('softmaxForward', out, z);
  const { rows, cols } = z;
  const Z = z.data, O = out.data;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) if (Z[row + j] > m) m = Z[row + j];
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(Z[row + j] - m);
    for (let j = 0; j < cols; j++) O[row + j] = Math.exp(Z[row + j] - m) / s;
  }
  return out;
}

/**
 * Softmax backward, row by row: ∂a_k/∂z_j = a_k(δ_kj − a_j), so
 * dZ_j = Σ_k dA_k a_k(δ_kj − a_j) = a_j (dA_j − Σ_k dA_k a_k).
 * (With a cross-entropy loss use `softmaxCrossEntropyBackward` on the logits instead: it is the
 * same product, simplified to a − y.)
 *
 * @example
 * softmaxBackward(dZ, z, a, dA);
 */
export function softmaxBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('softmaxBackward', dZ, z, a, dA);
  const { rows, cols } = z;
  const A = a.data, G = dA.data, D = dZ.data;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    let s = 0; // Σ_k dA_k a_k
    for (let k = 0; k < cols; k++) s += G[row + k] * A[row + k];
    for (let j = 0; j < cols; j++) D[row + j] = A[row + j] * (G[row + j] - s);
  }
  return dZ;
}

/**
 * A = f(Z) for the named activation (dispatches to the pairs above). `slope` is used by
 * 'leakyRelu' only.
 *
 * @example
 * activationForward(a, z, 'relu');
 */
export function activationForward<M extends NNMatrix>(out: M, z: M, activation: Activation, slope = 0.01): M {
  checkForward('activationForward', out, z); // the kernels below check again under their own names (O(1))
  switch (activation) {
    case 'identity': return identityForward(out, z);
    case 'sigmoid': return sigmoidForward(out, z);
    case 'tanh': return tanhForward(out, z);
    case 'relu': return reluForward(out, z);
    case 'leakyRelu': checkSlope('activationForward', slope); return leakyReluForward(out, z, slope);
    case 'softmax': return softmaxForward(out, z);
    default: throw new RangeError(`activationForward: unknown activation ${describe(activation)}`);
  }
}

/**
 * dZ = dA ∘ f'(Z) for the named activation (row-wise Jacobian product for softmax).
 *
 * @example
 * activationBackward(dZ, z, a, dA, 'relu');
 */
export function activationBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M, activation: Activation, slope = 0.01): M {
  checkBackward('activationBackward', dZ, z, a, dA); // the kernels below check again under their own names (O(1))
  switch (activation) {
    case 'identity': return identityBackward(dZ, z, a, dA);
    case 'sigmoid': return sigmoidBackward(dZ, z, a, dA);
    case 'tanh': return tanhBackward(dZ, z, a, dA);
    case 'relu': return reluBackward(dZ, z, a, dA);
    case 'leakyRelu': checkSlope('activationBackward', slope); return leakyReluBackward(dZ, z, a, dA, slope);
    case 'softmax': return softmaxBackward(dZ, z, a, dA);
    default: throw new RangeError(`activationBackward: unknown activation ${describe(activation)}`);
  }
}
