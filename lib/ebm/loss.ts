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
import { describe } from '../checks/index.js';
import { contrastiveLoss, contrastiveLossGradient, type ContrastiveLoss } from './loss-kernels.js';

export type { ContrastiveLoss } from './loss-kernels.js';

function checkEnergies(fn: string, ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): void {
  for (const [what, e] of [['ePos', ePos], ['eNeg', eNeg]] as const) {
    if (!Array.isArray(e) && !(e instanceof Float32Array) && !(e instanceof Float64Array)) {
      throw new TypeError(`${fn}: ${what} must be an array or Float32Array/Float64Array of energies, got ${describe(e)}`);
    }
    for (let b = 0; b < e.length; b++) if (!Number.isFinite(e[b])) throw new RangeError(`${fn}: ${what}[${b}] is ${e[b]}; energies must be finite`);
  }
  if (ePos.length === 0) throw new RangeError(`${fn}: ePos is empty (one energy per positive sample)`);
  if (eNeg.length !== ePos.length) throw new RangeError(`${fn}: eNeg has length ${eNeg.length} but ePos has length ${ePos.length} (one energy per positive and per negative sample)`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) throw new RangeError(`${fn}: alpha must be a finite number >= 0, got ${describe(alpha)}`);
}

/**
 * N-LANG-03  L = mean E(x⁺) − mean E(x⁻) + α mean(E(x⁺)² + E(x⁻)²).
 *
 * @example
 * contrastiveLossForward([1, 2], [3, 5], 0); // { loss: 1.5 - 4 = -2.5, meanPositive: 1.5, meanNegative: 4 }
 */
export function contrastiveLossForward(ePos: ArrayLike<number>, eNeg: ArrayLike<number>, alpha: number): ContrastiveLoss {
  checkEnergies('contrastiveLossForward', ePos, eNeg, alpha);
  return contrastiveLoss(ePos, eNeg, alpha);
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
  for (const [what, d] of [['dPos', dPos], ['dNeg', dNeg]] as const) {
    if (!(d instanceof Float32Array) && !(d instanceof Float64Array)) throw new TypeError(`contrastiveLossBackward: ${what} must be a Float32Array or Float64Array, got ${describe(d)}`);
    if (d.length !== B) throw new RangeError(`contrastiveLossBackward: ${what} has length ${d.length} but must have length ${B} (one per sample)`);
  }
  contrastiveLossGradient(dPos, dNeg, ePos, eNeg, alpha);
}
