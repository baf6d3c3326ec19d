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
  const a = A.data, y = Y.data;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const r = a[i] - y[i];
    s += r * r;
  }
  return (0.5 * s) / A.rows;
}

/**
 * N-NN-09  dC/dA = (A − Y)/B for {@link mseForward}: the factor (a_j − y_j) of eq. (2).
 * `dA` may be `A` itself.
 *
 * @example
 * mseBackward(dA, fromArray2D([[3]]), fromArray2D([[1]])); // dA = [[2]]
 */
export function mseBackward<M extends NNMatrix>(dA: M, A: M, Y: M): M {
  checkPair('mseBackward', 'A', A, Y);
  checkLike('mseBackward', 'dA', dA, 'A', A);
  const a = A.data, y = Y.data, d = dA.data, inv = 1 / A.rows;
  for (let i = 0; i < d.length; i++) d[i] = (a[i] - y[i]) * inv;
  return dA;
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
  const z = Z.data, y = Y.data;
  let s = 0;
  for (let i = 0; i < z.length; i++) s += softplusScalar(z[i]) - y[i] * z[i]; // −log σ(z) if y=1, −log(1−σ(z)) if y=0
  return s / Z.rows;
}

/**
 * dC/dZ = (σ(Z) − Y)/B for {@link bceWithLogitsForward}. `dZ` may be `Z` itself.
 *
 * @example
 * bceWithLogitsBackward(dZ, fromArray2D([[0]]), fromArray2D([[1]])); // dZ = [[-0.5]]
 */
export function bceWithLogitsBackward<M extends NNMatrix>(dZ: M, Z: M, Y: M): M {
  checkPair('bceWithLogitsBackward', 'Z', Z, Y);
  checkLike('bceWithLogitsBackward', 'dZ', dZ, 'Z', Z);
  const z = Z.data, y = Y.data, d = dZ.data, inv = 1 / Z.rows;
  for (let i = 0; i < d.length; i++) d[i] = (sigmoidScalar(z[i]) - y[i]) * inv;
  return dZ;
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
  const { rows, cols } = Z;
  const z = Z.data, y = Y.data;
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

/**
 * dC/dZ = (softmax(Z)·Σ_j y_j − Y)/B for {@link softmaxCrossEntropyForward} (softmax(Z) − Y over B
 * for one-hot rows). `dZ` may be `Z` itself.
 *
 * @example
 * softmaxCrossEntropyBackward(dZ, fromArray2D([[0, 0]]), fromArray2D([[1, 0]])); // dZ = [[-0.5, 0.5]]
 */
export function softmaxCrossEntropyBackward<M extends NNMatrix>(dZ: M, Z: M, Y: M): M {
  checkPair('softmaxCrossEntropyBackward', 'Z', Z, Y);
  checkLike('softmaxCrossEntropyBackward', 'dZ', dZ, 'Z', Z);
  const { rows, cols } = Z;
  const z = Z.data, y = Y.data, d = dZ.data, inv = 1 / rows;
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
  return dZ;
}

/**
 * The named loss's forward (cost of the batch).
 *
 * @example
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
 * lossBackward('softmaxCrossEntropy', dOut, logits, Y);
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
