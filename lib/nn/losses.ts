/**
 * Loss functions as forward / backward pairs. Each takes the network's output for a batch of B
 * rows and the targets `Y` (same shape), returns the cost as a float64 number, and its backward
 * writes dC/d(output) for the same batch. Scaling, stated once for all three: **a per-sample cost
 * summed over the outputs, then averaged over the B rows of the batch** (so the gradients carry
 * a factor 1/B, and a batch of one row gives the notes' per-sample cost exactly).
 *
 * - `mse`: C = (1/B) Σ_b ½ Σ_j (a_bj − y_bj)², the notes' ½(a − y)² of section 10 (N-NN-02/04/09)
 *   per sample. PyTorch's `MSELoss()` (mean over all B·n entries, no ½) equals 2C/n. The 1/n of
 *   the regression chapter (N-REG-02, no ½) is `mse` in lib/regression.
 * - `bceWithLogits`: binary cross-entropy on logits z (the output layer is identity):
 *   C = (1/B) Σ_b Σ_j [softplus(z_bj) − y_bj z_bj] = −(1/B) Σ [y log σ(z) + (1 − y) log(1 − σ(z))],
 *   finite for any z. PyTorch's `BCEWithLogitsLoss()` (mean over all entries) equals C/n.
 * - `softmaxCrossEntropy`: cross-entropy of softmax(z) against target rows y (one-hot labels or
 *   probabilities): C = (1/B) Σ_b [(Σ_j y_bj) logΣ_j e^{z_bj} − Σ_j y_bj z_bj] = −(1/B) Σ_b Σ_j y_bj log softmax(z_b)_j,
 *   with the log-sum-exp taken after subtracting the row maximum. Equals PyTorch's
 *   `CrossEntropyLoss()` for one-hot targets.
 *
 * For the two "from logits" losses the backward gives dC/dz directly ((σ(z) − y)/B and
 * (softmax(z)·Σy − y)/B): use them with an identity output layer.
 */
import { softplusScalar, sigmoidScalar } from '../linalg/elementwise.js';
import type { NNMatrix } from './model.js';
import { checkLike, checkNNMatrix, describe } from './checks.js';

/** The three losses by name (for `trainStep` and `trainMLP`). */
export type LossName = 'mse' | 'bceWithLogits' | 'softmaxCrossEntropy';

function checkPair(fn: string, what: string, out: NNMatrix, Y: NNMatrix): void {
  checkNNMatrix(fn, what, out);
  checkLike(fn, 'Y', Y, what, out);
  if (out.rows === 0) throw new RangeError(`${fn}: the batch is empty (${what} has 0 rows)`);
}

/**
 * N-NN-02 / N-NN-09  Mean squared error with the notes' ½: C = (1/B) Σ_b ½ Σ_j (a_bj − y_bj)².
 *
 * @example
 * mseForward(fromArray2D([[3]]), fromArray2D([[1]])); // ½ (3 − 1)² = 2
 */
export function mseForward(A: NNMatrix, Y: NNMatrix): number {
  checkPair('mseForward', 'A', A, Y);
  return lossForwardUnchecked('mse', A, Y);
}

/**
 * N-NN-09  dC/dA = (A − Y)/B for {@link mseForward}: the factor (a_j − y_j) of eq. (2).
 * `dA` may be `A` itself.
 *
 * @example
 * const dA = zeros(1, 1);
 * mseBackward(dA, fromArray2D([[3]]), fromArray2D([[1]])); // dA = [[2]]
 */
export function mseBackward<M extends NNMatrix>(dA: M, A: M, Y: M): M {
  checkPair('mseBackward', 'A', A, Y);
  checkLike('mseBackward', 'dA', dA, 'A', A);
  return lossBackwardUnchecked('mse', dA, A, Y);
}

/**
 * Binary cross-entropy from logits: C = (1/B) Σ [softplus(z) − y z], stable for any z
 * (softplus(z) = max(z, 0) + log1p(e^{−|z|})).
 *
 * @example
 * bceWithLogitsForward(fromArray2D([[0]]), fromArray2D([[1]])); // ln 2 = 0.693…
 */
export function bceWithLogitsForward(Z: NNMatrix, Y: NNMatrix): number {
  checkPair('bceWithLogitsForward', 'Z', Z, Y);
  return lossForwardUnchecked('bceWithLogits', Z, Y);
}

/**
 * dC/dZ = (σ(Z) − Y)/B for {@link bceWithLogitsForward}. `dZ` may be `Z` itself.
 *
 * @example
 * const dZ = zeros(1, 1);
 * bceWithLogitsBackward(dZ, fromArray2D([[0]]), fromArray2D([[1]])); // dZ = [[-0.5]]
 */
export function bceWithLogitsBackward<M extends NNMatrix>(dZ: M, Z: M, Y: M): M {
  checkPair('bceWithLogitsBackward', 'Z', Z, Y);
  checkLike('bceWithLogitsBackward', 'dZ', dZ, 'Z', Z);
  return lossBackwardUnchecked('bceWithLogits', dZ, Z, Y);
}

/**
 * Softmax cross-entropy from logits, row by row with the maximum subtracted:
 * C = (1/B) Σ_b [(Σ_j y_bj)(m_b + log Σ_j e^{z_bj − m_b}) − Σ_j y_bj z_bj].
 *
 * @example
 * softmaxCrossEntropyForward(fromArray2D([[0, 0]]), fromArray2D([[1, 0]])); // ln 2
 */
export function softmaxCrossEntropyForward(Z: NNMatrix, Y: NNMatrix): number {
  checkPair('softmaxCrossEntropyForward', 'Z', Z, Y);
  return lossForwardUnchecked('softmaxCrossEntropy', Z, Y);
}

/**
 * dC/dZ = (softmax(Z)·Σ_j y_j − Y)/B for {@link softmaxCrossEntropyForward} (softmax(Z) − Y over B
 * for one-hot rows). `dZ` may be `Z` itself.
 *
 * @example
 * const dZ = zeros(1, 2);
 * softmaxCrossEntropyBackward(dZ, fromArray2D([[0, 0]]), fromArray2D([[1, 0]])); // dZ = [[-0.5, 0.5]]
 */
export function softmaxCrossEntropyBackward<M extends NNMatrix>(dZ: M, Z: M, Y: M): M {
  checkPair('softmaxCrossEntropyBackward', 'Z', Z, Y);
  checkLike('softmaxCrossEntropyBackward', 'dZ', dZ, 'Z', Z);
  return lossBackwardUnchecked('softmaxCrossEntropy', dZ, Z, Y);
}

/**
 * The named loss's forward (cost of the batch).
 *
 * @example
 * const A = fromArray2D([[3], [1]]), Y = fromArray2D([[1], [1]]);
 * lossForward('mse', A, Y);
 */
export function lossForward(loss: LossName, out: NNMatrix, Y: NNMatrix): number {
  checkPair('lossForward', 'out', out, Y); // the losses below check again under their own names (O(1))
  switch (loss) {
    case 'mse': return mseForward(out, Y);
    case 'bceWithLogits': return bceWithLogitsForward(out, Y);
    case 'softmaxCrossEntropy': return softmaxCrossEntropyForward(out, Y);
    default: throw new RangeError(`lossForward: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got ${describe(loss)}`);
  }
}

/**
 * The named loss's backward: dC/d(output) into `dOut`.
 *
 * @example
 * const logits = fromArray2D([[0, 0]]), Y = fromArray2D([[1, 0]]), dOut = zeros(1, 2);
 * lossBackward('softmaxCrossEntropy', dOut, logits, Y); // dOut = [[-0.5, 0.5]]
 */
export function lossBackward<M extends NNMatrix>(loss: LossName, dOut: M, out: M, Y: M): M {
  checkPair('lossBackward', 'out', out, Y); // the losses below check again under their own names (O(1))
  checkLike('lossBackward', 'dOut', dOut, 'out', out);
  switch (loss) {
    case 'mse': return mseBackward(dOut, out, Y);
    case 'bceWithLogits': return bceWithLogitsBackward(dOut, out, Y);
    case 'softmaxCrossEntropy': return softmaxCrossEntropyBackward(dOut, out, Y);
    default: throw new RangeError(`lossBackward: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got ${describe(loss)}`);
  }
}

/**
 * Writes one-hot rows for integer class labels: out[r][labels[r]] = 1, every other entry 0.
 * `out` is (number of labels) x (number of classes).
 *
 * @example
 * oneHot(zeros(2, 3), [2, 0]); // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot<M extends NNMatrix>(out: M, labels: ArrayLike<number>): M {
  checkNNMatrix('oneHot', 'out', out);
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new TypeError(`oneHot: labels must be an array of integers, got ${describe(labels)}`);
  }
  if (labels.length !== out.rows) throw new RangeError(`oneHot: out has ${out.rows} rows but there are ${labels.length} labels`);
  out.data.fill(0);
  for (let r = 0; r < labels.length; r++) {
    const c = labels[r];
    if (!Number.isInteger(c) || c < 0 || c >= out.cols) {
      throw new RangeError(`oneHot: labels[${r}] = ${c} is not a class index in 0..${out.cols - 1}`);
    }
    out.data[r * out.cols + c] = 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The kernels, unchecked: the public functions above check their arguments and call these;
// trainStep and the VAE call them directly once the batch was checked where the call entered
// the library. Internal: lib/nn/index.ts does not list them.

/**
 * The named loss's cost of the batch, without checks (`out` and `Y` of one shape and precision,
 * at least one row).
 *
 * @example
 * ```ts
 * import { lossForwardUnchecked } from './losses.js'; // internal
 * const A = fromArray2D([[3], [1]]), Y = fromArray2D([[1], [1]]);
 * lossForwardUnchecked('mse', A, Y); // (1/2) (½ (3 − 1)² + ½ (1 − 1)²) = 1
 * ```
 */
export function lossForwardUnchecked(loss: LossName, out: NNMatrix, Y: NNMatrix): number {
  const z = out.data, y = Y.data;
  switch (loss) {
    case 'mse': { // N-NN-02 / N-NN-09  C = (1/B) Σ_b ½ Σ_j (a_bj − y_bj)²
      let s = 0;
      for (let i = 0; i < z.length; i++) {
        const r = z[i] - y[i];
        s += r * r;
      }
      return (0.5 * s) / out.rows;
    }
    case 'bceWithLogits': { // C = (1/B) Σ [softplus(z) − y z]
      let s = 0;
      for (let i = 0; i < z.length; i++) s += softplusScalar(z[i]) - y[i] * z[i]; // −log σ(z) if y=1, −log(1−σ(z)) if y=0
      return s / out.rows;
    }
    case 'softmaxCrossEntropy': { // C = (1/B) Σ_b [(Σ_j y_bj)(m_b + log Σ_j e^{z_bj − m_b}) − Σ_j y_bj z_bj]
      const { rows, cols } = out;
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const row = r * cols;
        let m = -Infinity;
        for (let j = 0; j < cols; j++) if (z[row + j] > m) m = z[row + j];
        let s = 0, ySum = 0, yz = 0;
        for (let j = 0; j < cols; j++) {
          s += Math.exp(z[row + j] - m);
          ySum += y[row + j];
          yz += y[row + j] * z[row + j];
        }
        total += ySum * (m + Math.log(s)) - yz; // −Σ_j y_j log softmax(z)_j
      }
      return total / rows;
    }
    default: throw new RangeError(`lossForward: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got ${describe(loss)}`);
  }
}

/**
 * The named loss's backward, dC/d(output) into `dOut`, without checks (all three of one shape
 * and precision, at least one row; dOut may be out). Returns dOut.
 *
 * @example
 * ```ts
 * import { lossBackwardUnchecked } from './losses.js'; // internal
 * const logits = fromArray2D([[0, 0]]), Y = fromArray2D([[1, 0]]), dOut = zeros(1, 2);
 * lossBackwardUnchecked('softmaxCrossEntropy', dOut, logits, Y); // dOut = [[-0.5, 0.5]]
 * ```
 */
export function lossBackwardUnchecked<M extends NNMatrix>(loss: LossName, dOut: M, out: M, Y: M): M {
  const z = out.data, y = Y.data, d = dOut.data, inv = 1 / out.rows;
  switch (loss) {
    case 'mse': // N-NN-09  dC/dA = (A − Y)/B
      for (let i = 0; i < d.length; i++) d[i] = (z[i] - y[i]) * inv;
      return dOut;
    case 'bceWithLogits': // dC/dZ = (σ(Z) − Y)/B
      for (let i = 0; i < d.length; i++) d[i] = (sigmoidScalar(z[i]) - y[i]) * inv;
      return dOut;
    case 'softmaxCrossEntropy': { // dC/dZ = (softmax(Z)·Σ_j y_j − Y)/B
      const { rows, cols } = out;
      for (let r = 0; r < rows; r++) {
        const row = r * cols;
        let m = -Infinity;
        for (let j = 0; j < cols; j++) if (z[row + j] > m) m = z[row + j];
        let s = 0, ySum = 0;
        for (let j = 0; j < cols; j++) {
          s += Math.exp(z[row + j] - m);
          ySum += y[row + j];
        }
        for (let j = 0; j < cols; j++) {
          const p = Math.exp(z[row + j] - m) / s; // softmax(z)_j
          d[row + j] = (ySum * p - y[row + j]) * inv;
        }
      }
      return dOut;
    }
    default: throw new RangeError(`lossBackward: loss must be 'mse', 'bceWithLogits' or 'softmaxCrossEntropy', got ${describe(loss)}`);
  }
}
