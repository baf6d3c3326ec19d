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
import { sigmoidScalar } from '../linalg/elementwise.js';
import { sigmoidUnchecked, tanhUnchecked } from '../linalg/kernels.js';
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
 * const z = fromArray2D([[1, 2, 3], [4, 5, 6]]);
 * identityForward(zeros(2, 3), z); // a copy of z
 */
export function identityForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('identityForward', out, z);
  return activationForwardUnchecked(out, z, 'identity', 0);
}

/**
 * Identity backward: f' = 1, so dZ = dA.
 *
 * @example
 * const z = fromArray2D([[-1, 2]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * identityForward(a, z);
 * identityBackward(dZ, z, a, dA); // dZ = dA
 */
export function identityBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('identityBackward', dZ, z, a, dA);
  return activationBackwardUnchecked(dZ, z, a, dA, 'identity', 0);
}

/**
 * N-NN-01  Logistic activation a = σ(z) = 1 / (1 + e^{-z}), overflow-free (σ(−1000) = 0,
 * σ(1000) = 1); float32 on the active backend's kernel, float64 exact.
 *
 * @example
 * const a = zeros(1, 2);
 * sigmoidForward(a, fromArray2D([[0, 2]])); // a = [[0.5, 0.8807971]]
 */
export function sigmoidForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('sigmoidForward', out, z);
  return activationForwardUnchecked(out, z, 'sigmoid', 0);
}

/**
 * N-NN-01  Logistic backward: σ'(z) = σ(z)(1 − σ(z)) = a(1 − a), so dZ = dA ∘ a ∘ (1 − a).
 *
 * @example
 * const z = fromArray2D([[0, 2]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * sigmoidForward(a, z);
 * sigmoidBackward(dZ, z, a, dA); // dZ = a (1 - a) dA = [[0.25, 0.105]]
 */
export function sigmoidBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('sigmoidBackward', dZ, z, a, dA);
  return activationBackwardUnchecked(dZ, z, a, dA, 'sigmoid', 0);
}

/**
 * Hyperbolic tangent activation a = tanh(z).
 *
 * @example
 * const a = zeros(1, 2);
 * tanhForward(a, fromArray2D([[0, 1]])); // a = [[0, 0.7615942]]
 */
export function tanhForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('tanhForward', out, z);
  return activationForwardUnchecked(out, z, 'tanh', 0);
}

/**
 * tanh backward: tanh'(z) = 1 − tanh²(z) = 1 − a², so dZ = dA ∘ (1 − a²).
 *
 * @example
 * const z = fromArray2D([[0, 1]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * tanhForward(a, z);
 * tanhBackward(dZ, z, a, dA); // dZ = (1 - a²) dA = [[1, 0.42]]
 */
export function tanhBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('tanhBackward', dZ, z, a, dA);
  return activationBackwardUnchecked(dZ, z, a, dA, 'tanh', 0);
}

/**
 * N-NN-01  Rectified linear unit a = relu(z) = max(0, z) (the VAE encoder's activation).
 *
 * @example
 * const a = zeros(1, 2);
 * reluForward(a, fromArray2D([[-1, 2]])); // a = [[0, 2]]
 */
export function reluForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('reluForward', out, z);
  return activationForwardUnchecked(out, z, 'relu', 0);
}

/**
 * ReLU backward: relu'(z) = 1 for z > 0 and 0 for z ≤ 0 (the value 0 at the kink z = 0 is the
 * usual convention, as in PyTorch), so dZ = dA ∘ [z > 0].
 *
 * @example
 * const z = fromArray2D([[-1, 2]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * reluForward(a, z);
 * reluBackward(dZ, z, a, dA); // dZ = [[0, 1]]
 */
export function reluBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('reluBackward', dZ, z, a, dA);
  return activationBackwardUnchecked(dZ, z, a, dA, 'relu', 0);
}

/**
 * Leaky ReLU a = z for z > 0 and slope·z otherwise (slope usually 0.01).
 *
 * @example
 * const a = zeros(1, 2);
 * leakyReluForward(a, fromArray2D([[-1, 2]]), 0.1); // a = [[-0.1, 2]]
 */
export function leakyReluForward<M extends NNMatrix>(out: M, z: M, slope: number): M {
  checkForward('leakyReluForward', out, z);
  checkSlope('leakyReluForward', slope);
  return activationForwardUnchecked(out, z, 'leakyRelu', slope);
}

/**
 * Leaky-ReLU backward: f'(z) = 1 for z > 0, slope for z ≤ 0, so dZ = dA ∘ f'(z).
 *
 * @example
 * const z = fromArray2D([[-1, 2]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * leakyReluForward(a, z, 0.01);
 * leakyReluBackward(dZ, z, a, dA, 0.01); // dZ = [[0.01, 1]]
 */
export function leakyReluBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M, slope: number): M {
  checkBackward('leakyReluBackward', dZ, z, a, dA);
  checkSlope('leakyReluBackward', slope);
  return activationBackwardUnchecked(dZ, z, a, dA, 'leakyRelu', slope);
}

/**
 * Softmax over each row: a_j = e^{z_j} / Σ_k e^{z_k}, computed as e^{z_j − m} / Σ_k e^{z_k − m}
 * with m the row maximum, so nothing overflows (z = 1000 is fine) and each row sums to 1.
 *
 * @example
 * const a = zeros(1, 2);
 * softmaxForward(a, fromArray2D([[0, Math.log(3)]])); // a = [[0.25, 0.75]]
 */
export function softmaxForward<M extends NNMatrix>(out: M, z: M): M {
  checkForward('softmaxForward', out, z);
  return activationForwardUnchecked(out, z, 'softmax', 0);
}

/**
 * Softmax backward, row by row: ∂a_k/∂z_j = a_k(δ_kj − a_j), so
 * dZ_j = Σ_k dA_k a_k(δ_kj − a_j) = a_j (dA_j − Σ_k dA_k a_k).
 * (With a cross-entropy loss use `softmaxCrossEntropyBackward` on the logits instead: it is the
 * same product, simplified to a − y.)
 *
 * @example
 * const z = fromArray2D([[0, Math.log(3)]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * softmaxForward(a, z);
 * softmaxBackward(dZ, z, a, dA); // dZ = [[0, 0]]: softmax is shift-invariant
 */
export function softmaxBackward<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M): M {
  checkBackward('softmaxBackward', dZ, z, a, dA);
  return activationBackwardUnchecked(dZ, z, a, dA, 'softmax', 0);
}

/**
 * A = f(Z) for the named activation (dispatches to the pairs above). `slope` is used by
 * 'leakyRelu' only.
 *
 * @example
 * const z = fromArray2D([[-1, 2]]), a = zeros(1, 2);
 * activationForward(a, z, 'relu'); // a = [[0, 2]]
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
 * const z = fromArray2D([[-1, 2]]), a = zeros(1, 2), dA = fromArray2D([[1, 1]]), dZ = zeros(1, 2);
 * activationForward(a, z, 'relu');
 * activationBackward(dZ, z, a, dA, 'relu'); // dZ = [[0, 1]]
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

// ---------------------------------------------------------------------------------------------
// The kernels, unchecked: the public functions above check their arguments and call these; the
// network's own loops (mlpForward, mlpBackward, the VAE) call them directly, once the shapes were
// checked where the call entered the library. Internal: lib/nn/index.ts does not list them.

/**
 * out = f(z) for the named activation, without checks (out and z of one shape and precision;
 * out may be z). `slope` is used by 'leakyRelu' only. Returns out.
 *
 * @example
 * ```ts
 * import { activationForwardUnchecked } from './activations.js'; // internal
 * const Z = fromArray2D([[-1, 2]]), A = zeros(1, 2);
 * activationForwardUnchecked(A, Z, 'relu', 0); // A = [[0, 2]]
 * ```
 */
export function activationForwardUnchecked<M extends NNMatrix>(out: M, z: M, activation: Activation, slope: number): M {
  const Z = z.data, O = out.data, n = O.length;
  switch (activation) {
    case 'identity': // a = z
      if (O !== Z) O.set(Z);
      return out;
    case 'sigmoid': // N-NN-01  a = σ(z) = 1 / (1 + e^{-z}): float32 on the backend's kernel, float64 exact
      if (O instanceof Float32Array) sigmoidUnchecked(O, Z as Float32Array);
      else for (let i = 0; i < n; i++) O[i] = sigmoidScalar(Z[i]);
      return out;
    case 'tanh': // a = tanh(z)
      if (O instanceof Float32Array) tanhUnchecked(O, Z as Float32Array);
      else for (let i = 0; i < n; i++) O[i] = Math.tanh(Z[i]);
      return out;
    case 'relu': // N-NN-01  a = max(0, z)
      for (let i = 0; i < n; i++) O[i] = Math.max(Z[i], 0);
      return out;
    case 'leakyRelu': // a = z for z > 0, slope·z otherwise
      for (let i = 0; i < n; i++) O[i] = Z[i] > 0 ? Z[i] : slope * Z[i];
      return out;
    case 'softmax': { // a_j = e^{z_j − m} / Σ_k e^{z_k − m}, m the row maximum
      const { rows, cols } = z;
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
    default: throw new RangeError(`activationForward: unknown activation ${describe(activation)}`);
  }
}

/**
 * dZ = dA ∘ f'(z) for the named activation (row-wise Jacobian product for softmax), without
 * checks (all four of one shape and precision; dZ may be dA). Returns dZ.
 *
 * @example
 * ```ts
 * import { activationBackwardUnchecked } from './activations.js'; // internal
 * const Z = fromArray2D([[-1, 2]]), A = fromArray2D([[0, 2]]), G = fromArray2D([[1, 1]]), D = zeros(1, 2);
 * activationBackwardUnchecked(D, Z, A, G, 'relu', 0); // D = [[0, 1]]
 * ```
 */
export function activationBackwardUnchecked<M extends NNMatrix>(dZ: M, z: M, a: M, dA: M, activation: Activation, slope: number): M {
  const Z = z.data, A = a.data, G = dA.data, D = dZ.data, n = D.length;
  switch (activation) {
    case 'identity': // f' = 1
      if (D !== G) D.set(G);
      return dZ;
    case 'sigmoid': // N-NN-01  σ' = a(1 − a)
      for (let i = 0; i < n; i++) D[i] = G[i] * A[i] * (1 - A[i]); // δ = dC/da · a(1 − a)
      return dZ;
    case 'tanh': // tanh' = 1 − a²
      for (let i = 0; i < n; i++) D[i] = G[i] * (1 - A[i] * A[i]);
      return dZ;
    case 'relu': // relu' = 1 for z > 0, 0 for z ≤ 0
      for (let i = 0; i < n; i++) D[i] = Z[i] > 0 ? G[i] : 0;
      return dZ;
    case 'leakyRelu': // f' = 1 for z > 0, slope for z ≤ 0
      for (let i = 0; i < n; i++) D[i] = Z[i] > 0 ? G[i] : slope * G[i];
      return dZ;
    case 'softmax': { // dZ_j = a_j (dA_j − Σ_k dA_k a_k), row by row
      const { rows, cols } = z;
      for (let r = 0; r < rows; r++) {
        const row = r * cols;
        let s = 0; // Σ_k dA_k a_k
        for (let k = 0; k < cols; k++) s += G[row + k] * A[row + k];
        for (let j = 0; j < cols; j++) D[row + j] = A[row + j] * (G[row + j] - s);
      }
      return dZ;
    }
    default: throw new RangeError(`activationBackward: unknown activation ${describe(activation)}`);
  }
}
