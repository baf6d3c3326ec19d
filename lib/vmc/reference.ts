/**
 * Independent float64 references for the VMC examples and tests:
 *
 *  - {@link lowestTridiagonalEigenvalue}: the smallest eigenvalue of a symmetric tridiagonal
 *    matrix by Sturm-sequence bisection (used by the Lanczos solver of lib/vmc/spins and below);
 *  - {@link twoElectronDotEnergy}: the ground-state energy of two electrons in a 2-D harmonic
 *    trap, from the separation into centre-of-mass and relative motion and a finite-difference
 *    solution of the relative radial equation. Checks VMC against something that is not VMC.
 */

import { checkOptionKeys, describe } from '../checks/index.js';

function checkTridiagonal(fn: string, diag: Float64Array, off: Float64Array): void {
  if (!(diag instanceof Float64Array) || diag.length < 1) throw new RangeError(`${fn}: diag must be a non-empty Float64Array, got ${describe(diag)}`);
  if (!(off instanceof Float64Array) || off.length !== diag.length - 1) {
    throw new RangeError(`${fn}: off must be a Float64Array of length diag.length − 1 = ${diag.length - 1}, got ${describe(off)}`);
  }
  for (let i = 0; i < diag.length; i++) if (!Number.isFinite(diag[i])) throw new RangeError(`${fn}: diag[${i}] is ${diag[i]}`);
  for (let i = 0; i < off.length; i++) if (!Number.isFinite(off[i])) throw new RangeError(`${fn}: off[${i}] is ${off[i]}`);
}

/**
 * Number of eigenvalues below x of the symmetric tridiagonal matrix (diag, off): the number of
 * negative pivots of T − x I (Sturm sequence q_i = d_i − x − e_{i−1}² / q_{i−1}).
 */
function countBelow(diag: Float64Array, off: Float64Array, x: number): number {
  let count = 0, q = 1;
  for (let i = 0; i < diag.length; i++) {
    const e2 = i > 0 ? off[i - 1] * off[i - 1] : 0;
    q = diag[i] - x - (i > 0 ? e2 / q : 0);
    if (q === 0) q = -1e-300; // a zero pivot: perturb (x is then an eigenvalue up to rounding)
    if (q < 0) count++;
  }
  return count;
}

/**
 * The smallest eigenvalue of the symmetric tridiagonal matrix with diagonal `diag` and
 * off-diagonal `off`, by bisection on the Sturm count inside the Gershgorin interval, to
 * about machine precision (2.2e-16 times the matrix's scale).
 *
 * @example
 * // [[2, −1], [−1, 2]] has eigenvalues 1 and 3
 * lowestTridiagonalEigenvalue(new Float64Array([2, 2]), new Float64Array([-1])); // 1
 */
export function lowestTridiagonalEigenvalue(diag: Float64Array, off: Float64Array): number {
  checkTridiagonal('lowestTridiagonalEigenvalue', diag, off);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < diag.length; i++) {
    const r = (i > 0 ? Math.abs(off[i - 1]) : 0) + (i < off.length ? Math.abs(off[i]) : 0);
    lo = Math.min(lo, diag[i] - r);
    hi = Math.max(hi, diag[i] + r);
  }
  const tol = 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  while (hi - lo > tol) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (countBelow(diag, off, mid) >= 1) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Ground-state energy of two electrons in a 2-D harmonic trap of frequency ω (atomic units),
 * with or without the Coulomb repulsion, by an independent route (no Monte Carlo):
 *
 *   Ĥ = −½∇₁² − ½∇₂² + ½ω²(r₁² + r₂²) + 1/r₁₂.  With R = (r₁ + r₂)/2 and r = r₁ − r₂:
 *   Ĥ = [−¼∇_R² + ω²R²] + [−∇_r² + ¼ω²r² + 1/r],
 *
 * so E = ω (the 2-D centre-of-mass oscillator of mass 2) + E_rel, where E_rel is the lowest
 * eigenvalue of the relative radial equation with angular momentum 0,
 * −(1/r)(r u')' + (ω²r²/4 + 1/r) u = E_rel u. That equation is discretised on the cell centres
 * r_i = (i + ½)h of [0, L] (L = 12/√ω, u(L) = 0), in the symmetric flux form whose weight r_i
 * is absorbed by v = √r u, giving a symmetric tridiagonal matrix; its lowest eigenvalue comes
 * from {@link lowestTridiagonalEigenvalue}. The error is O(h²); the result is Richardson-
 * extrapolated from `points` and 2·`points` cells (default 4000), which reproduces Taut's exact
 * E = 3 at ω = 1 to about 1e-7 (the spec checks it).
 *
 * @example
 * twoElectronDotEnergy(1);                         // 3.0000000 (Taut 1993: exactly 3)
 * twoElectronDotEnergy(1, { interaction: 'none' }); // 2 (= P·D·ω/2)
 */
export function twoElectronDotEnergy(omega: number, options: { interaction?: 'none' | 'coulomb'; points?: number } = {}): number {
  const fn = 'twoElectronDotEnergy';
  checkOptionKeys(fn, options, ['interaction', 'points']);
  if (typeof omega !== 'number' || !(omega > 0) || !Number.isFinite(omega)) throw new RangeError(`${fn}: omega must be a finite number > 0, got ${String(omega)}`);
  const points = options.points ?? 4000;
  if (!Number.isInteger(points) || points < 100 || points > 1e7) throw new RangeError(`${fn}: points must be an integer in [100, 1e7], got ${points}`);
  const interaction = options.interaction ?? 'coulomb';
  if (interaction !== 'none' && interaction !== 'coulomb') throw new RangeError(`${fn}: interaction must be 'none' or 'coulomb', got ${describe(interaction)}`);
  const coulomb = interaction === 'coulomb';
  const relative = (n: number): number => {
    const L = 12 / Math.sqrt(omega), h = L / n;
    const diag = new Float64Array(n), off = new Float64Array(n - 1);
    for (let i = 0; i < n; i++) {
      const r = (i + 0.5) * h, rPlus = (i + 1) * h, rMinus = i * h; // r_{i±½}; r_{−½} = 0 (no flux through the origin)
      diag[i] = (rPlus + rMinus) / (h * h * r) + (omega * omega * r * r) / 4 + (coulomb ? 1 / r : 0);
      if (i < n - 1) off[i] = -rPlus / (h * h * Math.sqrt(r * (r + h)));
    }
    return lowestTridiagonalEigenvalue(diag, off);
  };
  const e1 = relative(points), e2 = relative(2 * points);
  return omega + e2 + (e2 - e1) / 3; // Richardson: error ∝ h²
}
