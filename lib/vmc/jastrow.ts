/**
 * Jastrow factors: a pair function f(r_ij) multiplied onto the RBM trial state,
 * ψ = ψ_RBM · exp(Σ_{i<j} f(r_ij)), so ln ψ gains Σ_{i<j} f(r_ij). The two forms used for quantum dots:
 *
 *   simple:  f(r) = β r                 f'(r) = β                 f''(r) = 0
 *   Padé:    f(r) = a r / (1 + β r)     f'(r) = a / (1 + β r)²    f''(r) = −2 a β / (1 + β r)³
 *
 * β is a variational parameter. In the Padé form `a` is fixed by Kato's cusp condition: for two
 * electrons of opposite spin in D dimensions a = 1/(D − 1), i.e. a = 1 in 2-D (and ½ in 3-D);
 * then E_L stays finite as r_ij → 0 because the kinetic term cancels the 1/r_ij of the Coulomb
 * repulsion. The notes do not cover Jastrow factors; see docs/vmc.md for the references.
 */

import { describe } from '../checks/index.js';
import { checkFinite } from '../checks/index.js';
import { pairFactor, pairFactorBetaDerivative, type Jastrow } from './kernels.js';

/** Which pair factor multiplies the RBM state. */
export type { Jastrow, JastrowKind } from './kernels.js';

/**
 * f(r), f'(r) and f''(r) of a pair factor at distance r with parameter β, written into out[0..2].
 *
 * @example
 * const out = new Float64Array(3);
 * jastrowPair(out, { kind: 'pade', cusp: 1 }, 0.5, 2); // f = 1·2/(1+1) = 1, f' = 1/4, f'' = −2·0.5/8 = −1/8
 */
export function jastrowPair(out: Float64Array, jastrow: Jastrow, beta: number, r: number): Float64Array {
  const fn = 'jastrowPair';
  if (!(out instanceof Float64Array) || out.length < 3) throw new TypeError(`${fn}: out must be a Float64Array of length >= 3 (f, f', f''), got ${describe(out)}`);
  checkJastrow(fn, jastrow);
  checkFinite(fn, 'beta', beta);
  checkFinite(fn, 'r', r, true);
  return pairFactor(out, jastrow, beta, r);
}

/**
 * ∂f/∂β at distance r: r for the simple factor, −a r² / (1 + β r)² for Padé.
 *
 * @example
 * jastrowPairBetaDerivative({ kind: 'pade', cusp: 1 }, 0.5, 2); // −4/4 = −1
 */
export function jastrowPairBetaDerivative(jastrow: Jastrow, beta: number, r: number): number {
  const fn = 'jastrowPairBetaDerivative';
  checkJastrow(fn, jastrow);
  checkFinite(fn, 'beta', beta);
  checkFinite(fn, 'r', r, true);
  return pairFactorBetaDerivative(jastrow, beta, r);
}

/** Throws unless `jastrow` is { kind: 'none' | 'simple' | 'pade', cusp: finite }. */
function checkJastrow(fn: string, jastrow: unknown): asserts jastrow is Jastrow {
  const j = jastrow as Jastrow;
  if (j === null || typeof j !== 'object') throw new TypeError(`${fn}: jastrow must be { kind, cusp }, got ${describe(jastrow)}`);
  if (j.kind !== 'none' && j.kind !== 'simple' && j.kind !== 'pade') throw new RangeError(`${fn}: jastrow.kind must be 'none', 'simple' or 'pade', got ${describe(j.kind)}`);
  if (typeof j.cusp !== 'number' || !Number.isFinite(j.cusp)) throw new RangeError(`${fn}: jastrow.cusp must be a finite number, got ${describe(j.cusp)}`);
}
