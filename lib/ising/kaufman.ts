/**
 * The exact partition function of the periodic L×L Ising model for any L (B. Kaufman, "Crystal
 * statistics II. Partition function evaluated by spinor analysis", Phys. Rev. 76, 1232 (1949)),
 * in the form of A. E. Ferdinand and M. E. Fisher, "Bounded and inhomogeneous Ising models.
 * I. Specific-heat anomaly of a finite lattice", Phys. Rev. 185, 832 (1969),
 * with J = 1, k_B = 1, K = βJ = 1/T, zero field:
 *
 *   Z = ½ (2 sinh 2K)^{N/2} (Z₁ + Z₂ + Z₃ + Z₄),   N = L²,
 *   Z₁ = Π_{r=0}^{L−1} 2 cosh(L γ_{2r+1}/2),   Z₂ = Π_{r=0}^{L−1} 2 sinh(L γ_{2r+1}/2),
 *   Z₃ = Π_{r=0}^{L−1} 2 cosh(L γ_{2r}/2),     Z₄ = Π_{r=0}^{L−1} 2 sinh(L γ_{2r}/2),
 *   cosh γ_k = cosh 2K coth 2K − cos(πk/L)   (γ_k > 0 for k ≥ 1),
 *   γ₀ = 2K + ln tanh K.
 *
 * γ₀ is the one signed root: |γ₀| solves the k = 0 equation, and γ₀ > 0 below T_c (K > K_c),
 * γ₀ = 0 at T_c, γ₀ < 0 above T_c — there Z₄ < 0. Writing s = sinh 2K, cosh 2K coth 2K = s + 1/s,
 * so cosh γ_k − 1 = (s − 1)²/s + 2 sin²(πk/2L), which we evaluate in this form (no cancellation
 * near T_c), and γ₀ = sign(s − 1)·arccosh(1 + (s − 1)²/s), which equals 2K + ln tanh K.
 *
 * For L = 2 the formula counts every neighbour pair twice, exactly as the torus does (two bonds
 * between the same two sites), so it agrees with `isingExact(2, T)` (checked in the tests).
 */

/**
 * Exact finite-lattice results of {@link isingKaufman} (J = k_B = 1, h = 0): lattice totals, and
 * per-spin values under names ending in PerSpin (as in {@link isingExact} and isingObservables).
 */
export interface IsingKaufmanResult {
  /** Lattice side L. */
  L: number;
  /** Number of spins N = L². */
  N: number;
  /** Temperature T. */
  T: number;
  /** ln Z. */
  logZ: number;
  /** ⟨E⟩ = −∂ ln Z/∂β (lattice total). */
  energy: number;
  /** ⟨E⟩/N. */
  energyPerSpin: number;
  /** Heat capacity of the whole lattice C = β² ∂² ln Z/∂β² = Var(E)/T². */
  heatCapacity: number;
  /** Heat capacity per spin c = C/N. */
  heatCapacityPerSpin: number;
}

/**
 * One factor f(x) = 2cosh x or 2sinh x of a product, with x = x(K). Returns ln f (or ln |f|),
 * (ln f)' and (ln f)'' with respect to K, given x, x' and x''. Regular for every x when f = cosh
 * and for x > 0 when f = sinh.
 */
function logFactor(kind: 'cosh' | 'sinh', x: number, dx: number, d2x: number, out: Float64Array): void {
  const ax = Math.abs(x);
  const q = Math.exp(-2 * ax); // e^{−2|x|} ∈ (0, 1]
  if (kind === 'cosh') {
    // ln 2cosh x = |x| + ln(1 + e^{−2|x|});  (ln)' = tanh(x) x';  (ln)'' = x'²/cosh²x + tanh(x) x''
    const t = Math.tanh(x);
    const sech2 = (4 * q) / ((1 + q) * (1 + q));
    out[0] = ax + Math.log1p(q);
    out[1] = t * dx;
    out[2] = sech2 * dx * dx + t * d2x;
  } else {
    // ln 2sinh x = x + ln(1 − e^{−2x}) (x > 0);  (ln)' = coth(x) x';  (ln)'' = −x'²/sinh²x + coth(x) x''
    const coth = 1 / Math.tanh(x);
    const csch2 = (4 * q) / (Math.expm1(-2 * ax) * Math.expm1(-2 * ax));
    out[0] = ax + Math.log(-Math.expm1(-2 * ax));
    out[1] = coth * dx;
    out[2] = -csch2 * dx * dx + coth * d2x;
  }
}

/**
 * Exact ln Z, ⟨E⟩ and heat capacity of the periodic L×L Ising model (J = 1, k_B = 1, h = 0)
 * from Kaufman's formula (see the module note), for any L ≥ 2.
 *
 * Everything is computed in log space, so large lattices do not overflow: each Z_i is
 * e^{ℓ_i} times a bounded number, the four are added relative to the largest, and the sign of
 * Z₄ (negative above T_c) is kept. ⟨E⟩ = −∂ ln Z/∂β and C = β² ∂² ln Z/∂β² are ANALYTIC
 * derivatives: each factor is differentiated in closed form, with γ_k' = c'/sinh γ_k and
 * γ_k'' = (c'' − cosh γ_k γ_k'²)/sinh γ_k from cosh γ_k = c(K) − cos(πk/L), c = s + 1/s,
 * s = sinh 2K, and γ₀' = 2 + 2/s, γ₀'' = −4 cosh 2K/s² from γ₀ = 2K + ln tanh K. The factor
 * 2 sinh(Lγ₀/2), which vanishes at T_c, is carried without dividing by it, so T = T_c is regular.
 *
 * Accuracy: about 1e−13 relative for T of order T_c (checked against enumeration for L ≤ 4 to
 * 1e−10). At high T the energy is a difference N coth 2K − (…) of two terms ~N T/2, so its
 * relative precision degrades like T² (still ~1e−12 at T = 10).
 *
 * @param L lattice side, integer ≥ 2 (cost O(L))
 * @param T temperature > 0
 * @example
 * const r = isingKaufman(4, 2.269);
 * r.logZ;              // equals isingExact(4, 2.269).logZ to ~1e−14
 * r.energyPerSpin;     // ⟨E⟩/N
 * r.heatCapacityPerSpin; // C/N
 * isingKaufman(256, ISING_TC).energy / 65536; // ≈ −√2 + O(1/L)
 */
export function isingKaufman(L: number, T: number): IsingKaufmanResult {
  const fn = 'isingKaufman';
  if (typeof L !== 'number' || !Number.isInteger(L) || L < 2) throw new RangeError(`${fn}: L must be an integer >= 2, got ${String(L)}`);
  if (typeof T !== 'number' || !(T > 0) || !Number.isFinite(T)) throw new RangeError(`${fn}: T must be a positive finite number, got ${String(T)}`);
  const N = L * L;
  const K = 1 / T;
  const s = Math.sinh(2 * K);
  const ch = Math.cosh(2 * K);
  // c(K) = cosh 2K coth 2K = s + 1/s and its K-derivatives (s' = 2 cosh 2K, s'' = 4s).
  const dc = 2 * ch * (1 - 1 / (s * s));
  const d2c = 4 * s * (1 - 1 / (s * s)) + (8 * ch * ch) / (s * s * s);
  const base = ((s - 1) * (s - 1)) / s; // c − 2 ≥ 0, zero at T_c

  // Accumulators per product i = 1..4: ℓ_i = ln|G_i|, a_i = (ln G_i)', b_i = (ln G_i)'' where G_i
  // is the product of the regular factors; Z₄ = F·G₄ with the special F = 2 sinh(Lγ₀/2).
  const ell = new Float64Array(4);
  const a = new Float64Array(4);
  const b = new Float64Array(4);
  const f = new Float64Array(3);
  const half = L / 2;
  let x0 = 0, dx0 = 0, d2x0 = 0;
  for (let k = 0; k < 2 * L; k++) {
    let gamma: number, dgamma: number, d2gamma: number;
    if (k === 0) {
      // γ₀ = 2K + ln tanh K = sign(s − 1) arccosh(1 + (s − 1)²/s)
      const delta = base;
      const mag = Math.log1p(delta + Math.sqrt(delta * (delta + 2)));
      gamma = s > 1 ? mag : s < 1 ? -mag : 0;
      dgamma = 2 + 2 / s;
      d2gamma = (-4 * ch) / (s * s);
    } else {
      // cosh γ_k − 1 = (s − 1)²/s + 2 sin²(πk/2L) > 0
      const sn = Math.sin((Math.PI * k) / (2 * L));
      const delta = base + 2 * sn * sn;
      const sinhG = Math.sqrt(delta * (delta + 2));
      const coshG = 1 + delta;
      gamma = Math.log1p(delta + sinhG);
      dgamma = dc / sinhG;
      d2gamma = (d2c - coshG * dgamma * dgamma) / sinhG;
    }
    const x = half * gamma, dx = half * dgamma, d2x = half * d2gamma;
    if (k % 2 === 1) {
      logFactor('cosh', x, dx, d2x, f); ell[0] += f[0]; a[0] += f[1]; b[0] += f[2];
      logFactor('sinh', x, dx, d2x, f); ell[1] += f[0]; a[1] += f[1]; b[1] += f[2];
    } else {
      logFactor('cosh', x, dx, d2x, f); ell[2] += f[0]; a[2] += f[1]; b[2] += f[2];
      if (k === 0) {
        x0 = x; dx0 = dx; d2x0 = d2x;
      } else {
        logFactor('sinh', x, dx, d2x, f); ell[3] += f[0]; a[3] += f[1]; b[3] += f[2];
      }
    }
  }
  // F = 2 sinh(x₀) = e^{|x₀|} F̃: F̃ = sign(x₀)(1 − e^{−2|x₀|}), F̃' = (1 + e^{−2|x₀|}) x₀',
  // F̃'' = F̃ x₀'² + (1 + e^{−2|x₀|}) x₀''. Fold e^{|x₀|} into ℓ₄.
  const q0 = Math.exp(-2 * Math.abs(x0));
  const sign0 = x0 > 0 ? 1 : x0 < 0 ? -1 : 0;
  const F = [1, 1, 1, -sign0 * Math.expm1(-2 * Math.abs(x0))];
  const dF = [0, 0, 0, (1 + q0) * dx0];
  const d2F = [0, 0, 0, F[3] * dx0 * dx0 + (1 + q0) * d2x0];
  ell[3] += Math.abs(x0);

  // S = Σ Z_i = Σ e^{ℓ_i} F_i. Relative weights v_i = e^{ℓ_i − ln S}.
  const m = Math.max(ell[0], ell[1], ell[2], ell[3]);
  const v = new Float64Array(4);
  let sRel = 0;
  for (let i = 0; i < 4; i++) {
    v[i] = Math.exp(ell[i] - m);
    sRel += v[i] * F[i];
  }
  if (!(sRel > 0)) throw new RangeError(`${fn}: the sum of the four products is not positive (L = ${L}, T = ${T}); this is a bug`);
  const logS = m + Math.log(sRel);
  for (let i = 0; i < 4; i++) v[i] /= sRel;
  // (ln S)' = Σ v_i (F_i' + F_i a_i)
  let d1 = 0;
  for (let i = 0; i < 4; i++) d1 += v[i] * (dF[i] + F[i] * a[i]);
  // (ln S)'' = S''/S − ((ln S)')² rearranged with Σ v_i F_i = 1 so that no large terms cancel:
  // Σ v_i [F_i (b_i + (a_i − ā)²) + 2 F_i' (a_i − ā) + F_i''],  ā = (ln S)'.
  let d2 = 0;
  for (let i = 0; i < 4; i++) {
    const dev = a[i] - d1;
    d2 += v[i] * (F[i] * (b[i] + dev * dev) + 2 * dF[i] * dev + d2F[i]);
  }
  // ln Z = −ln 2 + (N/2) ln(2 sinh 2K) + ln S; (N/2) ln(2 sinh 2K) has ' = N coth 2K, '' = −2N/sinh² 2K.
  const logZ = -Math.LN2 + (N / 2) * Math.log(2 * s) + logS;
  const dlogZ = (N * ch) / s + d1;
  const d2logZ = (-2 * N) / (s * s) + d2;
  const heatCapacity = K * K * d2logZ;
  return { L, N, T, logZ, energy: -dlogZ, energyPerSpin: -dlogZ / N, heatCapacity, heatCapacityPerSpin: heatCapacity / N };
}
