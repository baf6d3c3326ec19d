/**
 * The phase statistics of an RBM and the contrastive-divergence update built from them.
 *
 * The gradient of the mean log-likelihood (notes 000 "Gradients" … "Difference of moments";
 * N-COST-02, N-RBM-09 with the sign of errata E-10) is, for every parameter θ,
 *
 *   ∂ log p / ∂θ = ⟨−∂E/∂θ⟩_data − ⟨−∂E/∂θ⟩_model          (positive phase − negative phase)
 *
 * positive phase (N-RBM-10): x clamped to the data, h from p(h | x);
 * negative phase (N-RBM-11): x, h from the model (Gibbs chains in CD-k / PCD).
 *
 * One function, {@link phaseStatistics}, computes the average of −∂E/∂θ over a batch of
 * (x, h) pairs; {@link cdUpdate} calls it for both phases and subtracts. The float64 reference
 * that the tests compare these with is in exact.ts (`positivePhaseExact`, `negativePhaseExact`).
 */
import { shapeOf, matrix, type Matrix } from '../linalg/matrix.js';
import { stateProduct } from './products.js';
import { checkRBM, type RBM } from './model.js';
import { checkMatrix32, describe } from './validate.js';

/**
 * Float32 arrays with the shapes of an RBM's parameters: one phase's statistics, or the
 * difference of two (a gradient or update direction). For a Gaussian-binary model with
 * trainable widths, `logSigma` holds the component for log σ_i (training works on log σ so σ
 * stays positive); otherwise it is null.
 */
export interface RBMGradient {
  W: Matrix;
  a: Float32Array;
  b: Float32Array;
  logSigma: Float32Array | null;
}

/**
 * Zero arrays shaped like `rbm`'s parameters, to hold phase statistics or a gradient
 * (`logSigma` only for a Gaussian-binary model).
 *
 * @example
 * const g = createRBMGradient(BernoulliRBM.create(6, 4, 'hinton', new Rng(1)));
 * g.W.rows; // 6
 */
export function createRBMGradient(rbm: RBM): RBMGradient {
  checkRBM('createRBMGradient', rbm);
  const M = rbm.nVisible, N = rbm.nHidden;
  return {
    W: matrix(M, N),
    a: new Float32Array(M),
    b: new Float32Array(N),
    logSigma: rbm.kind === 'gaussian-bernoulli' ? new Float32Array(M) : null,
  };
}

function checkGradient(fn: string, what: string, out: RBMGradient, rbm: RBM): void {
  if (out === null || typeof out !== 'object') throw new TypeError(`${fn}: ${what} must be an RBMGradient from createRBMGradient, got ${describe(out)}`);
  checkMatrix32(fn, `${what}.W`, out.W);
  if (out.W.rows !== rbm.nVisible || out.W.cols !== rbm.nHidden) {
    throw new RangeError(`${fn}: ${what}.W is ${shapeOf(out.W)} but the RBM is ${rbm.nVisible}x${rbm.nHidden}`);
  }
  if (!(out.a instanceof Float32Array) || out.a.length !== rbm.nVisible) throw new RangeError(`${fn}: ${what}.a must be a Float32Array of length ${rbm.nVisible}, got ${describe(out.a)}`);
  if (!(out.b instanceof Float32Array) || out.b.length !== rbm.nHidden) throw new RangeError(`${fn}: ${what}.b must be a Float32Array of length ${rbm.nHidden}, got ${describe(out.b)}`);
  if (out.logSigma !== null && (!(out.logSigma instanceof Float32Array) || out.logSigma.length !== rbm.nVisible)) {
    throw new RangeError(`${fn}: ${what}.logSigma must be null or a Float32Array of length ${rbm.nVisible}, got ${describe(out.logSigma)}`);
  }
}

/** Throws unless X (B x nVisible, B >= 1) and H (B x nHidden) are one phase's batch; `x`, `h` name them. */
function checkPhaseBatch(fn: string, rbm: RBM, x: string, X: Matrix, h: string, H: Matrix): void {
  const M = rbm.nVisible, N = rbm.nHidden;
  checkMatrix32(fn, x, X);
  checkMatrix32(fn, h, H);
  if (X.cols !== M || X.rows < 1) throw new RangeError(`${fn}: ${x} is ${shapeOf(X)} but must be Bx${M} with B >= 1 (nVisible = ${M})`);
  if (H.rows !== X.rows || H.cols !== N) throw new RangeError(`${fn}: ${h} is ${shapeOf(H)} but must be ${X.rows}x${N} (${x} rows x nHidden)`);
}

/**
 * The statistics of one phase: the batch average of −∂E/∂θ over the rows (x_k, h_k) of X and
 * H, written into `out` (same layout as the model). H holds hidden statistics: E[h | x] (the
 * Rao-Blackwellised form, N-RBM-10) or samples h ~ p(h | x) (N-CDT-05); with a sample, a
 * one-row batch gives −∂E/∂θ at that configuration (N-EBM-07).
 *
 * - bernoulli, spin (N-EBM-07): W: (1/n) Σ_k x_ki h_kj (= XᵀH/n, one gemm);  a: mean x_i;  b: mean h_j
 * - gaussian-bernoulli (N-GRBM-08, −∂E/∂θ of N-GRBM-01): W: (1/n) Σ_k x_ki h_kj / σ_i²;
 *   a: mean (x_i − a_i) / σ_i²;  b: mean h_j;  and, if out.logSigma is not null,
 *   −∂E/∂log σ_i = ((x_i − a_i)² − 2 x_i Σ_j w_ij h_j) / σ_i², averaged: [mean (x_i − a_i)² − 2 Σ_j w_ij G_ij] / σ_i²
 *   with G = XᵀH/n (Σ_k x_ki (W h_k)_i = Σ_j w_ij (XᵀH)_ij, so no extra product is needed).
 *
 * Float32 out (the W average from a float32 gemm, the others summed in float64 and rounded
 * once). Returns out.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, createRBMGradient, hiddenMeans, phaseStatistics, matrix, zeros, Rng } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
 * const X = matrix(2, 3, [1, 0, 1, 0, 1, 0]);
 * const pos = phaseStatistics(createRBMGradient(rbm), rbm, X, hiddenMeans(zeros(2, 2), rbm, X));
 * pos.a; // [0.5, 0.5, 0.5]
 * ```
 */
export function phaseStatistics(out: RBMGradient, rbm: RBM, X: Matrix, H: Matrix): RBMGradient {
  const fn = 'phaseStatistics';
  checkRBM(fn, rbm);
  checkGradient(fn, 'out', out, rbm);
  checkPhaseBatch(fn, rbm, 'X', X, 'H', H);
  return phaseStatisticsUnchecked(out, rbm, X, H);
}

/** {@link phaseStatistics} without checks. */
export function phaseStatisticsUnchecked(out: RBMGradient, rbm: RBM, X: Matrix, H: Matrix): RBMGradient {
  const n = X.rows, M = rbm.nVisible, N = rbm.nHidden;
  const x = X.data, h = H.data, G = out.W.data;
  stateProduct(out.W, X, H, true, false, 1 / n, 0); // G = (1/n) Xᵀ H: ⟨x_i h_j⟩
  for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += h[k * N + j];
    out.b[j] = s / n; // ⟨h_j⟩
  }
  if (rbm.kind !== 'gaussian-bernoulli') {
    for (let i = 0; i < M; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += x[k * M + i];
      out.a[i] = s / n; // ⟨x_i⟩
    }
    if (out.logSigma !== null) out.logSigma.fill(0);
    return out;
  }
  const sigma = rbm.sigma, a = rbm.a, w = rbm.W.data, logSigma = out.logSigma;
  for (let i = 0; i < M; i++) {
    const inv2 = 1 / (sigma[i] * sigma[i]);
    let d1 = 0, d2 = 0;
    for (let k = 0; k < n; k++) {
      const d = x[k * M + i] - a[i];
      d1 += d;
      d2 += d * d;
    }
    out.a[i] = (d1 / n) * inv2; // ⟨(x_i − a_i)/σ_i²⟩
    if (logSigma !== null) {
      let wg = 0;
      for (let j = 0; j < N; j++) wg += w[i * N + j] * G[i * N + j]; // Σ_j w_ij ⟨x_i h_j⟩
      logSigma[i] = (d2 / n - 2 * wg) * inv2; // ⟨((x_i − a_i)² − 2 x_i (W h)_i)/σ_i²⟩
    }
    for (let j = 0; j < N; j++) G[i * N + j] *= inv2; // ⟨x_i h_j⟩/σ_i²
  }
  return out;
}

/** out = out − x, elementwise (float32). */
function subtract(out: Float32Array, x: Float32Array): void {
  for (let k = 0; k < out.length; k++) out[k] -= x[k];
}

let negativeScratch: RBMGradient | null = null;

/** A module-level buffer for the negative phase of {@link cdUpdate}, made again when the model's shape changes. */
function negativeBufferFor(rbm: RBM, withLogSigma: boolean): RBMGradient {
  const s = negativeScratch;
  if (s === null || s.W.rows !== rbm.nVisible || s.W.cols !== rbm.nHidden || (s.logSigma !== null) !== withLogSigma) {
    const M = rbm.nVisible, N = rbm.nHidden;
    negativeScratch = { W: matrix(M, N), a: new Float32Array(M), b: new Float32Array(N), logSigma: withLogSigma ? new Float32Array(M) : null };
  }
  return negativeScratch as RBMGradient;
}

/**
 * The contrastive-divergence update direction of the notes (N-CD-02, N-RBM-09 with the sign
 * of errata E-10), divided by the learning rate: the positive phase from (X0, H0) minus the
 * negative phase from (Xk, Hk), each a {@link phaseStatistics} average over its rows:
 *
 *   ΔW/η = X0ᵀH0/B0 − XkᵀHk/Bk,   Δa/η = mean(X0) − mean(Xk),   Δb/η = mean(H0) − mean(Hk)
 *
 * H0, Hk are the hidden statistics (E[h | x] for 'probabilities', N-RBM-10; samples
 * otherwise). For a Gaussian-binary RBM row i of ΔW and Δa_i carry the 1/σ_i² of N-GRBM-08 and,
 * if `out.logSigma` is not null, it gets the log σ component. This is an estimate of the
 * gradient of the mean log-likelihood (an ascent direction). Each phase is rounded to float32
 * before the difference. Returns out.
 *
 * @param out gradient buffers from {@link createRBMGradient}
 * @param X0 data minibatch (B0 x nVisible); H0 its hidden statistics (B0 x nHidden)
 * @param Xk negative-phase visible states (Bk x nVisible); Hk their hidden statistics (Bk x nHidden)
 * @example
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1)), rng = new Rng(2);
 * const X0 = barsAndStripes(3); // a batch of 14 rows
 * const H0 = zeros(14, 6), Xk = zeros(14, 9), Hk = zeros(14, 6);
 * const out = createRBMGradient(rbm);
 * hiddenProbabilities(H0, rbm, X0);
 * blockGibbs(Xk, rbm, X0, 1, rng);
 * hiddenProbabilities(Hk, rbm, Xk);
 * cdUpdate(out, rbm, X0, H0, Xk, Hk); // the tutorial's (pos_grad − neg_grad) / batch_size etc.
 */
export function cdUpdate(out: RBMGradient, rbm: RBM, X0: Matrix, H0: Matrix, Xk: Matrix, Hk: Matrix): RBMGradient {
  const fn = 'cdUpdate';
  checkRBM(fn, rbm);
  checkGradient(fn, 'out', out, rbm);
  checkPhaseBatch(fn, rbm, 'X0', X0, 'H0', H0);
  checkPhaseBatch(fn, rbm, 'Xk', Xk, 'Hk', Hk);
  return cdUpdateUnchecked(out, negativeBufferFor(rbm, out.logSigma !== null), rbm, X0, H0, Xk, Hk);
}

/**
 * {@link cdUpdate} without checks; `negative` (shaped like `out`, same logSigma presence) receives
 * the negative phase.
 */
export function cdUpdateUnchecked(out: RBMGradient, negative: RBMGradient, rbm: RBM, X0: Matrix, H0: Matrix, Xk: Matrix, Hk: Matrix): RBMGradient {
  phaseStatisticsUnchecked(out, rbm, X0, H0); // positive phase ⟨−∂E/∂θ⟩_data (N-RBM-10)
  phaseStatisticsUnchecked(negative, rbm, Xk, Hk); // negative phase ⟨−∂E/∂θ⟩_model (N-RBM-11)
  // N-RBM-09 / N-CD-02: positive − negative
  subtract(out.W.data, negative.W.data);
  subtract(out.a, negative.a);
  subtract(out.b, negative.b);
  if (out.logSigma !== null && negative.logSigma !== null) subtract(out.logSigma, negative.logSigma);
  return out;
}
