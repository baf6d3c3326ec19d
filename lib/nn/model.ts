/**
 * The types every file of lib/nn builds on (the bottom of the module), and the argument checks
 * they share.
 *
 * Notation (docs/notes-map.md section 10, course notes 002 "Setting up the basic equations for neural
 * networks"): layer l = 0 is the input, l = L the output. For a batch of B rows,
 *
 *   Z^l = A^{l-1} W^l + b^l        (B x n_l)       pre-activations z^l
 *   A^l = f_l(Z^l)                 (B x n_l)       activations a^l, A^0 = X
 *   Δ^l = dC/dZ^l                  (B x n_l)       the errors δ^l
 *
 * with W^l stored n_{l-1} x n_l (row-major, like the notes' numpy `x @ w_1` and the RBM's xᵀW) and
 * b^l of length n_l. The notes' w^l_{jk} (to node j of layer l from node k of layer l-1) is
 * therefore `W[l].data[k * n_l + j]`.
 *
 * Storage is float32 (`Matrix`, products on the active gemm backend, 'wasm' or 'ts') or float64
 * (`Matrix64`, products with the plain `gemm64` loop) — one precision per network. float32 is
 * for training; float64 is for exact work: gradient checks, and the notes' scalar networks
 * compared with the general code to 1e-12.
 */
import type { Matrix, Matrix64 } from '../linalg/matrix.js';

/** A matrix of either precision; one network (its weights, inputs and buffers) uses one. */
export type NNMatrix = Matrix | Matrix64;
/** A vector of either precision (biases, their gradients). */
export type NNVector = Float32Array | Float64Array;
/** The bias / vector type that goes with a matrix type: Float32Array for Matrix, Float64Array for Matrix64. */
export type VectorOf<M extends NNMatrix> = M extends Matrix ? Float32Array : Float64Array;
/** The storage precision of a network. */
export type Precision = 'float32' | 'float64';

/**
 * The activation functions f of a layer (N-NN-01 and the usual companions):
 * identity f(z) = z, sigmoid 1/(1+e^{-z}), tanh, relu max(0, z), leakyRelu max(z, slope·z),
 * softmax (row-wise e^{z_j} / Σ_k e^{z_k}).
 */
export type Activation = 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'softmax';

/** The activations, for checks and error messages. */
export const ACTIVATIONS: readonly Activation[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'softmax'];

/**
 * One dense layer l: weights W^l (n_{l-1} x n_l), bias b^l (n_l) and its activation f_l.
 * `slope` is the leaky-ReLU slope for z < 0 (used only by 'leakyRelu').
 */
export interface DenseLayer<M extends NNMatrix = NNMatrix> {
  W: M;
  b: VectorOf<M>;
  activation: Activation;
  slope: number;
}

/**
 * A feed-forward network (multilayer perceptron): `sizes` = [n_0, n_1, ..., n_L] and one
 * {@link DenseLayer} per l = 1..L (`layers[l - 1]` is layer l). The weights are plain arrays: read
 * them and set them in place (`net.layers[0].W.data[k * n_1 + j] = ...`).
 */
export interface MLP<M extends NNMatrix = NNMatrix> {
  readonly sizes: readonly number[];
  readonly precision: Precision;
  readonly layers: DenseLayer<M>[];
}

/** The gradient of a cost with respect to every parameter of an {@link MLP}: dW[l - 1] = dC/dW^l, db[l - 1] = dC/db^l. */
export interface MLPGradient<M extends NNMatrix = NNMatrix> {
  readonly dW: M[];
  readonly db: VectorOf<M>[];
}
