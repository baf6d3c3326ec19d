/**
 * Onsager's exact results for the infinite square-lattice Ising model (J = 1, k_B = 1, h = 0),
 * and the complete elliptic integrals they need, computed with the arithmetic–geometric mean.
 *
 * References: L. Onsager, Phys. Rev. 65, 117 (1944) (free energy, energy, heat capacity);
 * C. N. Yang, Phys. Rev. 85, 808 (1952) (spontaneous magnetization). The closed forms use the
 * notation of K. Huang, "Statistical Mechanics" (the chapter on Onsager's solution): modulus
 * κ = 2 sinh 2K / cosh² 2K and κ'' = 2 tanh² 2K − 1. The heat capacity was re-derived as du/dT
 * and is checked numerically (see onsagerHeatCapacityPerSpin). X-ISING in docs/notes-map.md §17.
 */
import { describe } from '../checks/index.js';

/**
 * Onsager's critical temperature T_c = 2/ln(1 + √2) ≈ 2.269185314213022 (sinh 2K_c = 1, J = k_B = 1).
 * @example
 * Math.sinh(2 / ISING_TC); // 1
 */
export const ISING_TC = 2 / Math.log(1 + Math.SQRT2);

function checkT(fn: string, T: unknown): number {
  if (typeof T !== 'number' || !(T > 0) || !Number.isFinite(T)) {
    throw new RangeError(`${fn}: T must be a positive finite number, got ${String(T)}`);
  }
  return T;
}

function checkModulus(fn: string, k: unknown): number {
  if (typeof k !== 'number' || !(k >= 0 && k <= 1)) throw new RangeError(`${fn}: k must be a number in [0, 1], got ${describe(k)}`);
  return k;
}

/**
 * K(k) and E(k) from the complementary modulus k' = √(1 − k²) (passing k' keeps full accuracy
 * near k = 1, where 1 − k² would cancel). AGM: a₀ = 1, b₀ = k', c₀ = k;
 * a_{n+1} = (a_n + b_n)/2, b_{n+1} = √(a_n b_n), c_{n+1} = (a_n − b_n)/2;
 * K = π / (2 AGM(1, k')), E = K (1 − Σ_{n≥0} 2^{n−1} c_n²)  (Abramowitz & Stegun 17.6).
 */
function ellipticKE(k: number, kp: number): { K: number; E: number } {
  if (kp === 0) return { K: Infinity, E: 1 };
  let an = 1, bn = kp;
  let sum = 0.5 * k * k; // 2^{−1} c₀²
  let pow = 0.5;
  for (let n = 0; n < 64; n++) {
    const cn = (an - bn) / 2;
    const a1 = (an + bn) / 2;
    const b1 = Math.sqrt(an * bn);
    pow *= 2;
    sum += pow * cn * cn;
    an = a1;
    bn = b1;
    // Stop once c_n is below ~1e−9 a_n: the next c is ~c_n²/(4a) (quadratic convergence), so the
    // terms left out are below 1e−17 relative. Iterating further would only add rounding noise
    // (a_n − b_n of order ulp, times 2^n).
    if (Math.abs(cn) <= 1e-9 * an) break;
  }
  const K = Math.PI / (2 * an);
  return { K, E: K * (1 - sum) };
}

/**
 * Complete elliptic integral of the first kind K(k) = ∫₀^{π/2} dθ / √(1 − k² sin²θ), with the
 * MODULUS k (not the parameter m = k²), by the arithmetic–geometric mean: K = π/(2 AGM(1, √(1−k²))).
 * K(0) = π/2, K(1) = ∞.
 *
 * @param k modulus in [0, 1]
 * @example
 * completeEllipticK(Math.SQRT1_2); // 1.8540746773013719
 */
export function completeEllipticK(k: number): number {
  checkModulus('completeEllipticK', k);
  return ellipticKE(k, Math.sqrt((1 - k) * (1 + k))).K;
}

/**
 * Complete elliptic integral of the second kind E(k) = ∫₀^{π/2} √(1 − k² sin²θ) dθ (modulus k),
 * by the AGM with the c_n sum (Abramowitz & Stegun 17.6.3–4). E(0) = π/2, E(1) = 1.
 *
 * @param k modulus in [0, 1]
 * @example
 * completeEllipticE(Math.SQRT1_2); // 1.3506438810476755
 */
export function completeEllipticE(k: number): number {
  checkModulus('completeEllipticE', k);
  return ellipticKE(k, Math.sqrt((1 - k) * (1 + k))).E;
}

/** s = sinh 2K, the modulus κ = 2s/(1 + s²) and κ' = |1 − s²|/(1 + s²) (exact, no cancellation). */
function moduli(T: number): { K: number; s: number; kappa: number; kappaP: number } {
  const K = 1 / T;
  const s = Math.sinh(2 * K);
  const c2 = 1 + s * s; // cosh² 2K
  return { K, s, kappa: (2 * s) / c2, kappaP: Math.abs(1 - s * s) / c2 };
}

/**
 * Spontaneous magnetization per spin of the infinite lattice (Onsager 1949, proved by Yang 1952):
 * m(T) = [1 − sinh⁻⁴(2/T)]^{1/8} for T < T_c and 0 for T ≥ T_c. Near T_c, m ~ (T_c − T)^{1/8}.
 *
 * @param T temperature > 0
 * @example
 * onsagerMagnetization(2.0);  // 0.911319…
 * onsagerMagnetization(3.0);  // 0
 */
export function onsagerMagnetization(T: number): number {
  checkT('onsagerMagnetization', T);
  if (T >= ISING_TC) return 0;
  const s = Math.sinh(2 / T);
  const x = 1 - 1 / (s * s * s * s);
  return x > 0 ? Math.pow(x, 0.125) : 0;
}

/**
 * Internal energy per spin of the infinite lattice (Onsager 1944):
 * u = −coth 2K [1 + (2/π) κ'' K(κ)],  κ = 2 sinh 2K / cosh² 2K,  κ'' = 2 tanh² 2K − 1,
 * with K = 1/T. Since κ'' = sign(s − 1)·κ' (κ' = √(1 − κ²), s = sinh 2K) the product κ''K(κ)
 * → 0 at T_c and u(T_c) = −coth 2K_c = −√2 exactly; it is continuous there.
 *
 * @param T temperature > 0
 * @example
 * onsagerEnergyPerSpin(ISING_TC); // −1.4142135623730951 (= −√2)
 */
export function onsagerEnergyPerSpin(T: number): number {
  checkT('onsagerEnergyPerSpin', T);
  const { K, s, kappa, kappaP } = moduli(T);
  const coth = Math.cosh(2 * K) / s;
  if (kappaP === 0) return -coth;
  const { K: K1 } = ellipticKE(kappa, kappaP);
  const kpp = (s > 1 ? 1 : -1) * kappaP; // 2 tanh² 2K − 1
  return -coth * (1 + (2 / Math.PI) * kpp * K1);
}

/**
 * Heat capacity per spin of the infinite lattice (Onsager 1944), k_B = 1, K = 1/T:
 * c = (2/π)(K coth 2K)² {2K(κ) − 2E(κ) − (1 − κ'')[π/2 + κ'' K(κ)]},
 * κ'' = 2 tanh² 2K − 1, so 1 − κ'' = 2 sech² 2K. (Transcriptions of this formula that print
 * the factor as (1 − tanh² 2K) are off by 2 in that term; the tests check c against a finite
 * difference of {@link onsagerEnergyPerSpin} and against Kaufman's C/N for L = 256.)
 * It diverges logarithmically at T_c, c ≈ (8/π) K_c² ln|1 − T/T_c| + const; exactly at the
 * floating-point T_c the result is +Infinity or a large finite number.
 *
 * @param T temperature > 0
 * @example
 * onsagerHeatCapacityPerSpin(3.0); // 0.40137957… (dimensionless, per spin)
 */
export function onsagerHeatCapacityPerSpin(T: number): number {
  checkT('onsagerHeatCapacityPerSpin', T);
  const { K, s, kappa, kappaP } = moduli(T);
  if (kappaP === 0) return Infinity;
  const c2 = Math.cosh(2 * K);
  const coth = c2 / s;
  const { K: K1, E: E1 } = ellipticKE(kappa, kappaP);
  const kpp = (s > 1 ? 1 : -1) * kappaP;
  const pref = (2 / Math.PI) * (K * coth) ** 2;
  return pref * (2 * K1 - 2 * E1 - (1 - kpp) * (Math.PI / 2 + kpp * K1));
}
