/**
 * Energy-based models as sampling targets (N-EBM-08): any scalar energy E(x) defines the density
 * q(x) = e^{-E(x)} / Z, so log q(x) = -E(x) - log Z and ∇ log q = -∇E. `fromEnergy` turns such a
 * model into the LogDensity every sampler takes. See docs/mcmc.md and docs/langevin.md.
 */
import { checkCount, describe, type LogDensity } from './target.js';

/**
 * An energy model over R^dim (N-EBM-08): `energy(x)` is E(x), `gradEnergy(out, x)` writes ∇E(x)
 * into `out` and returns it. The density it defines is q(x) = e^{-E(x)} / Z (temperature 1).
 *
 * @example
 * // E(x) = x^2 / 2  ->  q = N(0, 1)
 * const model: EnergyModel = {
 *   dim: 1,
 *   energy: (x) => 0.5 * x[0] * x[0],
 *   gradEnergy: (out, x) => { out[0] = x[0]; return out; },
 * };
 */
export interface EnergyModel {
  readonly dim: number;
  /** E(x). */
  energy(x: Float64Array): number;
  /** Writes ∇_x E(x) into `out` and returns it (needed by ULA, MALA and HMC). */
  gradEnergy?(out: Float64Array, x: Float64Array): Float64Array;
}

/**
 * Adapts an energy model to a LogDensity (N-EBM-08): q(x) = e^{-E(x)} / Z_θ, so
 * log q(x) = -E(x) (+ const) and ∇ log q(x) = -∇E(x). Z is never needed by the samplers.
 * Without `gradEnergy` the result has no `gradLogDensity` (Metropolis still works).
 *
 * @example
 * const target = fromEnergy({ dim: 1, energy: (x) => 0.5 * x[0] ** 2, gradEnergy: (o, x) => { o[0] = x[0]; return o; } });
 * target.logDensity(new Float64Array([2])); // -2
 */
export function fromEnergy(model: EnergyModel): LogDensity {
  if (model === null || typeof model !== 'object') {
    throw new TypeError(`fromEnergy: model must be an object { dim, energy(x), gradEnergy?(out, x) }, got ${describe(model)}`);
  }
  checkCount('fromEnergy', 'model.dim', model.dim, 1);
  if (typeof model.energy !== 'function') {
    throw new TypeError(`fromEnergy: model.energy must be a function (x) => number, got ${describe(model.energy)}`);
  }
  if (model.gradEnergy !== undefined && typeof model.gradEnergy !== 'function') {
    throw new TypeError(`fromEnergy: model.gradEnergy must be a function (out, x) => out, got ${describe(model.gradEnergy)}`);
  }
  const dim = model.dim;
  // N-EBM-08  log q(x) = -E(x) - log Z; the constant -log Z is dropped.
  const logDensity = (x: Float64Array): number => -model.energy(x);
  if (model.gradEnergy === undefined) return { dim, logDensity };
  const gradEnergy = model.gradEnergy.bind(model);
  return {
    dim,
    logDensity,
    // ∇ log q(x) = -∇E(x)
    gradLogDensity(out: Float64Array, x: Float64Array): Float64Array {
      gradEnergy(out, x);
      for (let i = 0; i < dim; i++) out[i] = -out[i];
      return out;
    },
  };
}
