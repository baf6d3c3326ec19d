/**
 * The contrastive loss pair of loss.ts without argument checks (internal: not re-exported from
 * lib/ebm/index.ts). trainEBM calls these once per step on energies it computed itself; a
 * non-finite energy then shows as a non-finite loss, which trainEBM reports with its step.
 */
/** The value and the two phases of {@link contrastiveLossForward}. */
export interface ContrastiveLoss {
  loss: number;
  /** (1/B) Σ E(x⁺). */
  meanPositive: number;
  /** (1/B) Σ E(x⁻). */
  meanNegative: number;
}

/** N-LANG-03  L = mean E(x⁺) − mean E(x⁻) + α mean(E(x⁺)² + E(x⁻)²), as contrastiveLossForward. */
export function contrastiveLoss(ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): ContrastiveLoss {
  const B = ePos.length;
  let p = 0, m = 0, sq = 0;
  for (let b = 0; b < B; b++) {
    p += ePos[b];
    m += eNeg[b];
    sq += ePos[b] * ePos[b] + eNeg[b] * eNeg[b];
  }
  return { loss: (p - m + alpha * sq) / B, meanPositive: p / B, meanNegative: m / B };
}

/** N-LANG-03  dL/dE(x⁺_b) = (1 + 2α E(x⁺_b))/B, dL/dE(x⁻_b) = (−1 + 2α E(x⁻_b))/B, as contrastiveLossBackward. */
export function contrastiveLossGradient(dPos: Float32Array | Float64Array, dNeg: Float32Array | Float64Array, ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): void {
  const B = ePos.length;
  for (let b = 0; b < B; b++) {
    dPos[b] = (1 + 2 * alpha * ePos[b]) / B; //  data lowers its energy
    dNeg[b] = (-1 + 2 * alpha * eNeg[b]) / B; // samples raise theirs
  }
}
