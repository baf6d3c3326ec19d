/**
 * Exact enumeration of the 2D Ising model on a small periodic L×L lattice (L ≤ 4, 2^16 states).
 *
 * X-ISING (docs/notes-map.md §17): the notes only name the Ising model as a data source; the exact 2×2
 * numbers they quote (Z, ⟨E⟩, ⟨|M|⟩, ⟨M²⟩ at T = 1) are reproduced here by brute force.
 *
 * Model: E(s) = −J Σ_⟨ij⟩ s_i s_j − h Σ_i s_i, s_i = ±1, J = 1, k_B = 1, β = 1/T. The bonds are
 * the right and the down neighbour of every site on the torus, 2N bonds for N = L² sites. For
 * L = 2 the right and the left neighbour of a site are the same site, so every neighbouring pair
 * is joined by TWO bonds and the ground-state energy is −2N = −8, not −4 (this is the usual
 * convention, the one of the course's reference values and of Kaufman's formula).
 */

/**
 * Largest L that {@link isingExact} enumerates (2^(L²) states: 65 536 for L = 4).
 * @example
 * const L = 4, T = 2.5;
 * const r = L <= ISING_EXACT_MAX_L ? isingExact(L, T) : isingKaufman(L, T);
 */
export const ISING_EXACT_MAX_L = 4;

/**
 * Exact thermal averages of the periodic L×L Ising model (J = k_B = 1): lattice totals, and the
 * per-spin values under names ending in PerSpin (the same names as {@link isingObservables} and
 * {@link isingKaufman}: a name means the same quantity everywhere).
 */
export interface IsingExactResult {
  /** Lattice side L. */
  L: number;
  /** Number of spins N = L². */
  N: number;
  /** Temperature T. */
  T: number;
  /** External field h. */
  h: number;
  /** ln Z, Z = Σ_s exp(−E(s)/T). */
  logZ: number;
  /** ⟨E⟩ (lattice total, field term included). */
  energy: number;
  /** ⟨E⟩/N. */
  energyPerSpin: number;
  /** ⟨E²⟩. */
  energy2: number;
  /** Heat capacity of the whole lattice C = (⟨E²⟩ − ⟨E⟩²)/T². */
  heatCapacity: number;
  /** Heat capacity per spin c = C/N = (⟨E²⟩ − ⟨E⟩²)/(N T²). */
  heatCapacityPerSpin: number;
  /** ⟨M⟩, M = Σ_i s_i (zero by symmetry when h = 0). */
  magnetization: number;
  /** ⟨|M|⟩. */
  absMagnetization: number;
  /** ⟨M²⟩. */
  magnetization2: number;
  /** ⟨M⁴⟩. */
  magnetization4: number;
  /** Susceptibility of the whole lattice χ = (⟨M²⟩ − ⟨M⟩²)/T = ∂⟨M⟩/∂h (= ⟨M²⟩/T when h = 0). */
  susceptibility: number;
  /** χ/N = (⟨M²⟩ − ⟨M⟩²)/(N T). */
  susceptibilityPerSpin: number;
  /** The |M| version used with finite-lattice simulations: χ' = (⟨M²⟩ − ⟨|M|⟩²)/T. */
  susceptibilityAbs: number;
  /** χ'/N = (⟨M²⟩ − ⟨|M|⟩²)/(N T), what {@link isingObservables} estimates from a run. */
  susceptibilityAbsPerSpin: number;
  /** Binder cumulant U = 1 − ⟨M⁴⟩ / (3 ⟨M²⟩²). */
  binder: number;
}

/**
 * Throws unless L is an integer ≥ 2 (and ≤ max when given). Shared wording for lib/ising.
 * Internal: not re-exported from the package.
 */
function checkL(fn: string, L: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof L !== 'number' || !Number.isInteger(L) || L < 2) {
    throw new RangeError(`${fn}: L must be an integer >= 2, got ${String(L)}`);
  }
  if (L > max) {
    throw new RangeError(`${fn}: L must be <= ${max} (enumeration visits 2^(L*L) states), got ${L}; use isingKaufman for larger lattices`);
  }
  return L;
}

function checkT(fn: string, T: unknown): number {
  if (typeof T !== 'number' || !(T > 0) || !Number.isFinite(T)) {
    throw new RangeError(`${fn}: T must be a positive finite number, got ${String(T)}`);
  }
  return T;
}

/** Cache of the joint density of states g(u, n) per L (u = broken bonds, n = up spins). */
const densityCache = new Map<number, Float64Array>();

/**
 * g[u·(N+1) + n] = number of states with u unsatisfied bonds (s_i ≠ s_j) and n up spins.
 * Then E_J = −2N + 2u (each of the 2N bonds gives −1 if satisfied, +1 if not) and M = 2n − N.
 */
function densityOfStates(L: number): Float64Array {
  const cached = densityCache.get(L);
  if (cached) return cached;
  const N = L * L;
  const g = new Float64Array((2 * N + 1) * (N + 1));
  // right[i], down[i]: neighbours on the torus. For L = 2, right[i] is also the left neighbour.
  const right = new Int32Array(N);
  const down = new Int32Array(N);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      right[y * L + x] = y * L + ((x + 1) % L);
      down[y * L + x] = ((y + 1) % L) * L + x;
    }
  }
  const states = 2 ** N;
  for (let s = 0; s < states; s++) {
    let broken = 0;
    let up = 0;
    for (let i = 0; i < N; i++) {
      const si = (s >>> i) & 1;
      up += si;
      broken += si ^ ((s >>> right[i]) & 1);
      broken += si ^ ((s >>> down[i]) & 1);
    }
    g[broken * (N + 1) + up] += 1;
  }
  densityCache.set(L, g);
  return g;
}

/**
 * Exact thermodynamics of the periodic L×L Ising model by enumerating all 2^(L²) states
 * (L = 2, 3, 4), J = 1, k_B = 1, optional field h. Everything is float64 and computed in log
 * space: weights exp(−β(E − E₀)) relative to the lowest energy E₀, so ln Z = −βE₀ + ln Σ …
 * never overflows, and the fluctuations C and χ are summed as centred second moments.
 *
 * The results are lattice totals (E, M, C = Var(E)/T², χ = Var(M)/T), and per spin (N = L²) under
 * the names ending in PerSpin. For L = 2 every neighbour pair is joined by two bonds (see the module note),
 * so Z(T = 1) = 2e⁸ + 12 + 2e⁻⁸ = 5973.9166450087.
 *
 * @param L lattice side, integer 2 ≤ L ≤ 4
 * @param T temperature > 0
 * @param h external field (default 0)
 * @example
 * const r = isingExact(2, 1);
 * Math.exp(r.logZ);      // 5973.9166450087
 * r.energy;              // −7.9839283437
 * r.absMagnetization;    // 3.9946429310
 */
export function isingExact(L: number, T: number, h = 0): IsingExactResult {
  const fn = 'isingExact';
  checkL(fn, L, ISING_EXACT_MAX_L);
  checkT(fn, T);
  if (typeof h !== 'number' || !Number.isFinite(h)) throw new RangeError(`${fn}: h must be a finite number, got ${String(h)}`);
  const N = L * L;
  const g = densityOfStates(L);
  const beta = 1 / T;
  const nu = 2 * N + 1;
  const nm = N + 1;
  // E(u, n) = −2N + 2u − h (2n − N). Lowest energy E₀ over the occupied (u, n) cells.
  let e0 = Infinity;
  for (let u = 0; u < nu; u++) {
    for (let n = 0; n < nm; n++) {
      if (g[u * nm + n] === 0) continue;
      const e = -2 * N + 2 * u - h * (2 * n - N);
      if (e < e0) e0 = e;
    }
  }
  // Z / exp(−βE₀) = Σ g exp(−β(E − E₀)), every term ≤ g, the ground-state term ≥ 1.
  const w = new Float64Array(nu * nm);
  let zRel = 0;
  for (let u = 0; u < nu; u++) {
    for (let n = 0; n < nm; n++) {
      const c = g[u * nm + n];
      if (c === 0) continue;
      const e = -2 * N + 2 * u - h * (2 * n - N);
      const v = c * Math.exp(-beta * (e - e0));
      w[u * nm + n] = v;
      zRel += v;
    }
  }
  const logZ = -beta * e0 + Math.log(zRel);
  // First moments, then centred second moments (no ⟨E²⟩ − ⟨E⟩² cancellation).
  let eMean = 0, mMean = 0, mAbs = 0, m2 = 0, m4 = 0;
  for (let u = 0; u < nu; u++) {
    for (let n = 0; n < nm; n++) {
      const p = w[u * nm + n] / zRel;
      if (p === 0) continue;
      const e = -2 * N + 2 * u - h * (2 * n - N);
      const m = 2 * n - N;
      eMean += p * e;
      mMean += p * m;
      mAbs += p * Math.abs(m);
      m2 += p * m * m;
      m4 += p * m * m * m * m;
    }
  }
  let eVar = 0, mVar = 0, mAbsVar = 0;
  for (let u = 0; u < nu; u++) {
    for (let n = 0; n < nm; n++) {
      const p = w[u * nm + n] / zRel;
      if (p === 0) continue;
      const e = -2 * N + 2 * u - h * (2 * n - N);
      const m = 2 * n - N;
      eVar += p * (e - eMean) ** 2;
      mVar += p * (m - mMean) ** 2;
      mAbsVar += p * (Math.abs(m) - mAbs) ** 2;
    }
  }
  return {
    L,
    N,
    T,
    h,
    logZ,
    energy: eMean,
    energyPerSpin: eMean / N,
    energy2: eVar + eMean * eMean,
    heatCapacity: eVar * beta * beta,
    heatCapacityPerSpin: (eVar * beta * beta) / N,
    magnetization: mMean,
    absMagnetization: mAbs,
    magnetization2: m2,
    magnetization4: m4,
    susceptibility: mVar * beta,
    susceptibilityPerSpin: (mVar * beta) / N,
    susceptibilityAbs: mAbsVar * beta,
    susceptibilityAbsPerSpin: (mAbsVar * beta) / N,
    binder: 1 - m4 / (3 * m2 * m2),
  };
}
