/**
 * Optimizer loops without checks (internal: lib/optim/index.ts does not re-export this file),
 * for callers that split one step over threads.
 */
import type { ParameterArray } from './validate.js';

/**
 * The loop of {@link adamStep} over the entries [from, to), with the step's constants
 * stepSize = η/(1 − β₁ᵗ) and invSqrtC2 = 1/√(1 − β₂ᵗ) given (internal: lets threads step parts
 * of one array with the bits of one adamStep call; no checks).
 *
 * @example
 * ```ts
 * const p = new Float32Array([1, 1]), g = new Float32Array([100, -0.5]), m = new Float32Array(2), v = new Float32Array(2);
 * const t = 1, stepSize = 0.001 / (1 - 0.9 ** t), invSqrtC2 = 1 / Math.sqrt(1 - 0.999 ** t);
 * adamRangeUnchecked(p, g, m, v, 0, 2, stepSize, invSqrtC2, 0.9, 0.999, 1e-8); // as adamStep's first step
 * ```
 */
/**
 * Adam's bias corrections at step t folded into the two constants of adamRangeUnchecked
 * (N-OPT-05), since η m̂/(√v̂ + ε) = (η/c1) m/(√v/√c2 + ε): the step size η/c1, c1 = 1 − β₁ᵗ.
 *
 * @example
 * ```ts
 * adamStepSize(0.001, 0.9, 1); // 0.01
 * ```
 */
export function adamStepSize(lr: number, beta1: number, t: number): number {
  return lr / (1 - Math.pow(beta1, t));
}

/**
 * The other constant of adamRangeUnchecked at step t (N-OPT-05): 1/√c2, c2 = 1 − β₂ᵗ.
 *
 * @example
 * ```ts
 * adamInvSqrtC2(0.999, 1); // 31.62...
 * ```
 */
export function adamInvSqrtC2(beta2: number, t: number): number {
  return 1 / Math.sqrt(1 - Math.pow(beta2, t));
}

export function adamRangeUnchecked(params: ParameterArray, grads: ParameterArray, m: ParameterArray, v: ParameterArray, from: number, to: number,
  stepSize: number, invSqrtC2: number, beta1: number, beta2: number, eps: number): void {
  for (let i = from; i < to; i++) {
    // N-OPT-05  m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g o g
    const g = grads[i];
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    // N-OPT-05  mHat = m/(1-b1^t), vHat = v/(1-b2^t);  theta <- theta - eta mHat / (sqrt(vHat) + eps)
    params[i] -= (stepSize * mi) / (Math.sqrt(vi) * invSqrtC2 + eps);
  }
}
