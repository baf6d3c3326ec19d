/**
 * N-LANG-03  The contrastive loss of an energy-based model trained with model samples (Du &
 * Mordatch 2019, eq. for L_ML with the regularizer of their sec. 3.3; the notes point to it in
 * 000/002 "Energy-based models and Langevin sampling"):
 *
 *   L = (1/B) Σ_b E_θ(x⁺_b) − (1/B) Σ_b E_θ(x⁻_b) + α (1/B) Σ_b [E_θ(x⁺_b)² + E_θ(x⁻_b)²]
 *
 * with x⁺ a minibatch of data and x⁻ samples from the model q_θ ∝ e^{−E_θ}. The first two terms
 * are the positive and negative phase of the likelihood gradient (N-EBM-04): descending L lowers
 * the energy of data and raises it where the model puts mass that the data does not. The α term
 * keeps the energies near 0 (without it E can drift by a constant and grow without bound).
 * The pair below works on the energies only; back-propagating dL/dE through the network gives dL/dθ.
 */

/** The value and the two phases of {@link contrastiveLossForward}. */
export interface ContrastiveLoss {
  loss: number;
  /** (1/B) Σ E(x⁺). */
  meanPositive: number;
  /** (1/B) Σ E(x⁻). */
  meanNegative: number;
}

function checkEnergies(fn: string, ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): void {
  if (ePos === null || eNeg === null || typeof ePos !== 'object' || typeof eNeg !== 'object' || ePos.length !== eNeg.length || ePos.length === 0) {
    throw new RangeError(`${fn}: ePos and eNeg must be non-empty arrays of the same length (one energy per positive and per negative sample)`);
  }
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) throw new RangeError(`${fn}: alpha must be a finite number >= 0, got ${String(alpha)}`);
}

/**
 * N-LANG-03  L = mean E(x⁺) − mean E(x⁻) + α mean(E(x⁺)² + E(x⁻)²).
 *
 * @example
 * contrastiveLossForward([1, 2], [3, 5], 0); // { loss: 1.5 - 4 = -2.5, meanPositive: 1.5, meanNegative: 4 }
 */
export function contrastiveLossForward(ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): ContrastiveLoss {
  checkEnergies('contrastiveLossForward', ePos, eNeg, alpha);
  const B = ePos.length;
  let p = 0, m = 0, sq = 0;
  for (let b = 0; b < B; b++) {
    p += ePos[b];
    m += eNeg[b];
    sq += ePos[b] * ePos[b] + eNeg[b] * eNeg[b];
  }
  return { loss: (p - m + alpha * sq) / B, meanPositive: p / B, meanNegative: m / B };
}

/**
 * N-LANG-03  dL/dE for every sample: dL/dE(x⁺_b) = (1 + 2α E(x⁺_b))/B and
 * dL/dE(x⁻_b) = (−1 + 2α E(x⁻_b))/B, written into dPos and dNeg (the negatives are treated as
 * fixed samples: no gradient flows through the sampler).
 *
 * @example
 * const ePos = new Float64Array([-1, -0.5]), eNeg = new Float64Array([0.5, 1]); // energies of data and negatives
 * const dPos = new Float64Array(2), dNeg = new Float64Array(2);
 * contrastiveLossBackward(dPos, dNeg, ePos, eNeg, 0.1); // dPos = [0.4, 0.45], dNeg = [-0.45, -0.4]
 */
export function contrastiveLossBackward(
  dPos: Float32Array | Float64Array,
  dNeg: Float32Array | Float64Array,
  ePos: ArrayLike<number>,
  eNeg: ArrayLike<number>,
  alpha: number,
): void {
  checkEnergies('contrastiveLossBackward', ePos, eNeg, alpha);
  const B = ePos.length;
  if (dPos.length !== B || dNeg.length !== B) throw new RangeError(`contrastiveLossBackward: dPos and dNeg must have length ${B}, got ${dPos.length} and ${dNeg.length}`);
  for (let b = 0; b < B; b++) {
    dPos[b] = (1 + 2 * alpha * ePos[b]) / B; //  data lowers its energy
    dNeg[b] = (-1 + 2 * alpha * eNeg[b]) / B; // samples raise theirs
  }
}
