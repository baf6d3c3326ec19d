/**
 * The 2D Ising model on an L×L periodic square lattice (X-ISING; notes 000 use it as the
 * physics example of an energy-based model), with J = 1 and k_B = 1:
 *
 *   E(s) = − Σ_<ij> s_i s_j − h Σ_i s_i,     p(s) = e^{−E(s)/T} / Z,     s_i ∈ {−1, +1}
 *
 * where <ij> runs over the 2N nearest-neighbour bonds (each site's right and down bond, with
 * wrap-around; on L = 2 the two bonds between a pair of sites are both counted, as the periodic
 * lattice demands). Spins are an Int8Array, row-major: site (r, c) is `spins[r * L + c]`.
 *
 * Updates (each one leaves p(s) invariant; see docs/ising.md and spec/ising/balance.spec.ts):
 * - `sweep()`: N Metropolis single-spin-flip attempts in sequential (typewriter) order,
 *   accepting a flip with probability min(1, e^{−ΔE/T}), ΔE = 2 s_i (Σ_nb s_j + h);
 * - `heatBathSweep()`: the same order, each spin redrawn from its conditional (Gibbs),
 *   p(s_i = +1 | rest) = 1 / (1 + e^{−2(Σ_nb s_j + h)/T});
 * - `checkerboardSweep(kind)`: all black sites ((r + c) even), then all white ones;
 * - `wolffStep()`: one Wolff cluster flip (h = 0), bonds added with p_add = 1 − e^{−2/T}.
 *
 * Random decisions "u < p" are made exactly (probability exactly the double p, not p rounded to
 * 2^−32): one 32-bit word x is compared with ⌊p·2^32⌋, and only on a tie (probability 2^−32)
 * does `rng.bernoulli` decide with the remaining fraction, as `Rng.bernoulli` itself does.
 * The sweeps step xoshiro128** themselves with the generator's four words in local variables
 * (`Rng.stateArray()`, written back at the end and around the rare tie), consuming exactly the
 * words `rng.nextUint32()` calls would: same seed, same spins (spec/ising/fast-sweep.spec.ts).
 */
import { Rng } from '../random/index.js';
import { checkOptionKeys, describe } from '../checks/index.js';

const TWO32 = 4294967296;

/** Construction options of {@link IsingModel}. */
export interface IsingOptions {
  /** Linear size: the lattice has N = L² sites. An integer >= 2. */
  L: number;
  /** Temperature T > 0 (k_B = 1, J = 1; T_c = 2/ln(1 + √2) ≈ 2.269). */
  T: number;
  /** External field h (default 0). */
  h?: number;
  /** The random stream used by every update. */
  rng: Rng;
  /** 'random' (each spin ±1 with probability ½, the T = ∞ state; default) or 'cold' (all +1). */
  start?: 'random' | 'cold';
}

/** Which single-spin rule a site visit uses. */
export type IsingSiteRule = 'metropolis' | 'heatbath';

function checkTemperature(fn: string, T: unknown): number {
  if (typeof T !== 'number' || !Number.isFinite(T) || !(T > 0)) throw new RangeError(`${fn}: T must be a finite number > 0, got ${describe(T)}`);
  return T;
}

/**
 * Writes the exact-comparison thresholds of a probability p into thr[k], frac[k]:
 * thr = ⌊p·2^32⌋ (or 2^32 when p >= 1: decide without drawing), frac = p·2^32 − thr ∈ [0, 1).
 * Both are exact in float64 (scaling by 2^32 only changes the exponent).
 */
function setThreshold(thr: Float64Array, frac: Float64Array, k: number, p: number): void {
  if (p >= 1) { thr[k] = TWO32; frac[k] = 0; return; }
  const t = p * TWO32;
  thr[k] = Math.floor(t);
  frac[k] = t - thr[k];
}

/**
 * True with probability exactly thr/2^32 + frac/2^32 (= p of setThreshold): one word x,
 * x < thr accepts, x > thr rejects, a tie is decided by rng.bernoulli(frac).
 */
function decide(rng: Rng, thr: number, frac: number): boolean {
  if (thr >= TWO32) return true;
  const x = rng.nextUint32();
  return x < thr || (x === thr && rng.bernoulli(frac));
}

/** u < p for u uniform on [0, 1), decided exactly as the sweeps decide it (see the file header). */
function uniformBelow(rng: Rng, p: number): boolean {
  if (p >= 1) return true; // certain: no word is drawn
  const t = p * TWO32;
  const thr = Math.floor(t);
  return decide(rng, thr, t - thr);
}

/**
 * The L×L periodic Ising model with J = 1, k_B = 1 and field h, its spins, and its Markov-chain
 * updates (Metropolis, heat-bath, checkerboard, Wolff). The sweeps keep running totals of the bond
 * sum and the magnetization, so `energy()` and `magnetization()` cost O(1); a Wolff step updates
 * M and marks the bond sum stale, and the next `energy()` (or sweep) recomputes it in O(N).
 *
 * @example
 * ```ts
 * import { IsingModel, Rng } from 'boltzmann';
 * const model = new IsingModel({ L: 16, T: 2.0, rng: new Rng(1) });
 * for (let t = 0; t < 1000; t++) model.sweep();
 * model.energy() / model.N;               // ≈ −1.75 (the exact value at T = 2 is about −1.746)
 * Math.abs(model.magnetization()) / model.N; // ≈ 0.91
 * ```
 */
export class IsingModel {
  /** Linear size. */
  readonly L: number;
  /** Number of sites N = L². */
  readonly N: number;
  /** External field. */
  readonly h: number;
  /** The spins, ±1, row-major (`spins[r * L + c]`). After writing them directly, call `recompute()`. */
  readonly spins: Int8Array;
  /** The random stream of all updates. */
  readonly rng: Rng;
  private temperature: number;
  // Metropolis table, index k = 5·[s = +1] + (s·nb + 4)/2: probability min(1, e^{−ΔE/T}).
  private readonly metThr = new Float64Array(10);
  private readonly metFrac = new Float64Array(10);
  private readonly metProb = new Float64Array(10);
  // Heat-bath table, index (nb + 4)/2: p(s = +1 | nb) = 1/(1 + e^{−2(nb + h)/T}).
  private readonly hbThr = new Float64Array(5);
  private readonly hbFrac = new Float64Array(5);
  private readonly hbProb = new Float64Array(5);
  // Wolff: p_add = 1 − e^{−2/T}.
  private wolffThr = 0;
  private wolffFrac = 0;
  private wolffProb = 0;
  /** Neighbours of site i: up, down, left, right at 4i .. 4i + 3 (periodic). */
  private readonly neighbours: Int32Array;
  /** Wolff: the stack of cluster sites whose bonds are still untested. */
  private readonly cluster: Int32Array;
  /** True after a Wolff step: bondSum must be recomputed before it is used. */
  private bondsStale = false;
  /** Running total Σ_<ij> s_i s_j over the 2N bonds. */
  private bondSum = 0;
  /** Running total M = Σ_i s_i. */
  private mTotal = 0;

  /**
   * A new lattice. Throws a RangeError for L not an integer >= 2, T <= 0 or not finite, a
   * non-finite h or an unknown start, and a TypeError when rng is not an Rng.
   *
   * @example
   * ```ts
   * const cold = new IsingModel({ L: 8, T: 1.5, rng: new Rng(2), start: 'cold' });
   * cold.magnetization(); // 64
   * cold.energy();        // −128 (all 2N = 128 bonds satisfied)
   * ```
   */
  constructor(options: IsingOptions) {
    const fn = 'new IsingModel';
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be { L, T, h?, rng, start? }, got ${describe(options)}`);
    checkOptionKeys(fn, options, ['L', 'T', 'h', 'rng', 'start']);
    const { L, T, h = 0, rng, start = 'random' } = options;
    if (typeof L !== 'number' || !Number.isInteger(L) || L < 2) throw new RangeError(`${fn}: L must be an integer >= 2, got ${describe(L)}`);
    if (L > 46340) throw new RangeError(`${fn}: L must be <= 46340 (N = L^2 < 2^31), got ${L}`);
    checkTemperature(fn, T);
    if (typeof h !== 'number' || !Number.isFinite(h)) throw new RangeError(`${fn}: h must be a finite number, got ${describe(h)}`);
    if (!(rng instanceof Rng)) throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
    if (start !== 'random' && start !== 'cold') throw new RangeError(`${fn}: start must be 'random' or 'cold', got ${describe(start)}`);
    this.L = L;
    this.N = L * L;
    this.h = h;
    this.rng = rng;
    this.temperature = T;
    this.spins = new Int8Array(this.N);
    this.neighbours = new Int32Array(4 * this.N);
    this.cluster = new Int32Array(this.N);
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const i = r * L + c;
        this.neighbours[4 * i] = ((r + L - 1) % L) * L + c;
        this.neighbours[4 * i + 1] = ((r + 1) % L) * L + c;
        this.neighbours[4 * i + 2] = r * L + ((c + L - 1) % L);
        this.neighbours[4 * i + 3] = r * L + ((c + 1) % L);
      }
    }
    if (start === 'cold') this.spins.fill(1);
    else for (let i = 0; i < this.N; i++) this.spins[i] = rng.nextUint32() >>> 31 ? 1 : -1;
    this.buildTables();
    this.recompute();
  }

  /** The temperature T. */
  get T(): number {
    return this.temperature;
  }

  /**
   * Sets the temperature and rebuilds the acceptance tables (the spins are kept).
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 8, T: 2.0, rng: new Rng(1) });
   * for (let t = 0; t < 100; t++) model.sweep();
   * model.setTemperature(3.0); // continue the chain at T = 3
   * ```
   */
  setTemperature(T: number): void {
    checkTemperature('IsingModel.setTemperature', T);
    this.temperature = T;
    this.buildTables();
  }

  private buildTables(): void {
    const T = this.temperature;
    const h = this.h;
    for (let up = 0; up < 2; up++) {
      const s = up === 1 ? 1 : -1;
      for (let nb = -4; nb <= 4; nb += 2) {
        // ΔE of flipping s with neighbour sum nb: E changes by 2 s (nb + h).
        const dE = 2 * s * (nb + h);
        const p = dE <= 0 ? 1 : Math.exp(-dE / T);
        const k = 5 * up + ((s * nb + 4) >> 1);
        this.metProb[k] = p;
        setThreshold(this.metThr, this.metFrac, k, p);
      }
    }
    for (let nb = -4; nb <= 4; nb += 2) {
      // Heat bath: p(+1 | nb) = e^{(nb+h)/T} / (e^{(nb+h)/T} + e^{−(nb+h)/T}) = 1/(1 + e^{−2(nb+h)/T}).
      const p = 1 / (1 + Math.exp((-2 * (nb + h)) / T));
      const k = (nb + 4) >> 1;
      this.hbProb[k] = p;
      setThreshold(this.hbThr, this.hbFrac, k, p);
    }
    // Wolff / Fortuin–Kasteleyn: an aligned bond is added with p = 1 − e^{−2J/T}.
    this.wolffProb = -Math.expm1(-2 / T);
    const t = new Float64Array(1);
    const f = new Float64Array(1);
    setThreshold(t, f, 0, this.wolffProb);
    this.wolffThr = t[0];
    this.wolffFrac = f[0];
  }

  /**
   * Replaces the spins by a copy of `values` (length N, every entry +1 or −1) and recomputes
   * the running totals.
   *
   * @example
   * ```ts
   * const m = new IsingModel({ L: 2, T: 1, rng: new Rng(0) });
   * m.setSpins([1, -1, -1, 1]); // a checkerboard (antiferromagnetic) state
   * m.energy(); // 8
   * ```
   */
  setSpins(values: ArrayLike<number>): void {
    const fn = 'IsingModel.setSpins';
    if (values === null || typeof values !== 'object' || typeof values.length !== 'number') throw new TypeError(`${fn}: spins must be an array of ±1, got ${describe(values)}`);
    if (values.length !== this.N) throw new RangeError(`${fn}: spins must have length N = ${this.N} (L = ${this.L}), got ${values.length}`);
    for (let i = 0; i < this.N; i++) {
      const v = values[i];
      if (v !== 1 && v !== -1) throw new RangeError(`${fn}: spins[${i}] must be +1 or -1, got ${describe(v)}`);
    }
    for (let i = 0; i < this.N; i++) this.spins[i] = values[i];
    this.recompute();
  }

  /**
   * Recomputes the running totals (bond sum and magnetization) from the spins in O(N); call it
   * after writing `spins` directly. Throws if a spin is not ±1.
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 8, T: 2.0, rng: new Rng(1) });
   * model.spins[0] = -model.spins[0]; // a change behind the model's back
   * model.recompute(); // energy() and magnetization() are right again
   * ```
   */
  recompute(): void {
    const { spins, neighbours, N } = this;
    let bonds = 0;
    let m = 0;
    for (let i = 0; i < N; i++) {
      const s = spins[i];
      if (s !== 1 && s !== -1) throw new RangeError(`IsingModel.recompute: spins[${i}] must be +1 or -1, got ${s}`);
      // the down and right bonds of site i: every bond once
      bonds += s * (spins[neighbours[4 * i + 1]] + spins[neighbours[4 * i + 3]]);
      m += s;
    }
    this.bondSum = bonds;
    this.mTotal = m;
    this.bondsStale = false;
  }

  /**
   * Lattice total energy E = −Σ_<ij> s_i s_j − h Σ_i s_i (J = 1), from the running totals.
   *
   * @example
   * ```ts
   * new IsingModel({ L: 4, T: 1, rng: new Rng(0), start: 'cold' }).energy(); // −32
   * ```
   */
  energy(): number {
    if (this.bondsStale) this.recompute();
    return -this.bondSum - this.h * this.mTotal;
  }

  /**
   * Lattice total magnetization M = Σ_i s_i, from the running total.
   *
   * @example
   * ```ts
   * new IsingModel({ L: 4, T: 1, rng: new Rng(0), start: 'cold' }).magnetization(); // 16
   * ```
   */
  magnetization(): number {
    return this.mTotal;
  }

  /** Sum of the four neighbour spins of site i. */
  private neighbourSum(i: number): number {
    const nb = this.neighbours;
    const s = this.spins;
    return s[nb[4 * i]] + s[nb[4 * i + 1]] + s[nb[4 * i + 2]] + s[nb[4 * i + 3]];
  }

  /**
   * Probability that one visit of `site` changes its spin, in the current configuration, read
   * from the same tables the sweeps use: Metropolis min(1, e^{−ΔE/T}) with
   * ΔE = 2 s (Σ_nb s_j + h), or heat-bath p(−s | neighbours). Used to build the exact
   * transition matrix of small lattices (spec/ising/balance.spec.ts).
   *
   * @example
   * ```ts
   * const m = new IsingModel({ L: 2, T: 2, rng: new Rng(0), start: 'cold' });
   * m.siteFlipProbability(0, 'metropolis'); // e^{−8/2}: ΔE = 2·1·(4 + 0)
   * ```
   */
  siteFlipProbability(site: number, rule: IsingSiteRule): number {
    const fn = 'IsingModel.siteFlipProbability';
    if (!Number.isInteger(site) || site < 0 || site >= this.N) throw new RangeError(`${fn}: site must be an integer in [0, ${this.N - 1}], got ${describe(site)}`);
    const s = this.spins[site];
    const nb = this.neighbourSum(site);
    if (rule === 'metropolis') return this.metProb[5 * ((s + 1) >> 1) + ((s * nb + 4) >> 1)];
    if (rule === 'heatbath') {
      const up = this.hbProb[(nb + 4) >> 1];
      return s === 1 ? 1 - up : up;
    }
    throw new RangeError(`${fn}: rule must be 'metropolis' or 'heatbath', got ${describe(rule)}`);
  }

  /**
   * The Wolff bond probability p_add = 1 − e^{−2/T} (J = 1).
   *
   * @example
   * ```ts
   * new IsingModel({ L: 4, T: 2, rng: new Rng(0) }).wolffAddProbability(); // 1 − e^{−1} ≈ 0.632
   * ```
   */
  wolffAddProbability(): number {
    return this.wolffProb;
  }

  /**
   * One Metropolis sweep: N single-spin-flip attempts in sequential (typewriter) order,
   * r = 0..L−1, c = 0..L−1. A flip of s_i costs ΔE = 2 s_i (Σ_nb s_j + h) and is accepted with
   * probability min(1, e^{−ΔE/T}) from the precomputed table (no random number is drawn when
   * ΔE <= 0). Each site visit leaves p(s) invariant and obeys detailed balance; the sweep, a
   * product of such visits, leaves p(s) invariant (balance) but is not itself reversible.
   * Returns the number of accepted flips. Allocation-free.
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 32, T: 2.269, rng: new Rng(4) });
   * const accepted = model.sweep(); // flips accepted out of N = 1024 attempts
   * ```
   */
  sweep(): number {
    return this.siteSweep(false, -1);
  }

  /**
   * One heat-bath (Gibbs) sweep in sequential order: each spin is redrawn from its conditional
   * p(s_i = +1 | neighbours) = 1 / (1 + e^{−2(Σ_nb s_j + h)/T}) (table-driven, one random word
   * per site). Returns the number of spins that changed. Allocation-free.
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 16, T: 3, rng: new Rng(5) });
   * model.heatBathSweep();
   * ```
   */
  heatBathSweep(): number {
    return this.siteSweep(true, -1);
  }

  /**
   * One checkerboard sweep: every black site ((r + c) even) is visited, then every white one,
   * each with the Metropolis or heat-bath rule. Sites of one colour have no common bond, so the
   * half-sweep updates them independently given the other colour (the order used by parallel
   * and vectorized codes). Needs an even L (otherwise the colouring does not close around the
   * torus). Returns the number of changed spins.
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 16, T: 2.5, rng: new Rng(6) });
   * model.checkerboardSweep('heatbath');
   * ```
   */
  checkerboardSweep(kind: IsingSiteRule = 'metropolis'): number {
    const fn = 'IsingModel.checkerboardSweep';
    if (kind !== 'metropolis' && kind !== 'heatbath') throw new RangeError(`${fn}: kind must be 'metropolis' or 'heatbath', got ${describe(kind)}`);
    if (this.L % 2 !== 0) throw new RangeError(`${fn}: the checkerboard colouring needs an even L on the periodic lattice, got L = ${this.L}`);
    const heat = kind === 'heatbath';
    return this.siteSweep(heat, 0) + this.siteSweep(heat, 1);
  }

  /**
   * The readable reference for the three sweeps (the fast `siteSweep` below must agree with it
   * bit for bit: spec/ising/fast-sweep.spec.ts). Visits the sites in typewriter order — all of
   * them, or only the black ((r + c) even) or white ones — and applies, as the notes write them,
   *
   *   Metropolis: ΔE = 2 s (Σ_nb s_j + h); flip if ΔE <= 0 or u < e^{−ΔE/T}
   *   heat bath:  s_i = +1 if u < p(+1 | rest) = 1 / (1 + e^{−2(Σ_nb s_j + h)/T}), else −1
   *
   * with u decided exactly on the generator's 32-bit words, so it consumes the same words as
   * `sweep()`, `heatBathSweep()` and `checkerboardSweep()`. Slower (an exp per site, no running
   * totals). Returns the number of changed spins.
   *
   * @example
   * ```ts
   * const a = new IsingModel({ L: 8, T: 2.5, rng: new Rng(3) });
   * const b = new IsingModel({ L: 8, T: 2.5, rng: new Rng(3) });
   * a.sweep() === b.referenceSweep('metropolis'); // true, and a.spins equals b.spins
   * ```
   */
  referenceSweep(rule: IsingSiteRule = 'metropolis', sites: 'all' | 'black' | 'white' = 'all'): number {
    const fn = 'IsingModel.referenceSweep';
    if (rule !== 'metropolis' && rule !== 'heatbath') throw new RangeError(`${fn}: rule must be 'metropolis' or 'heatbath', got ${describe(rule)}`);
    if (sites !== 'all' && sites !== 'black' && sites !== 'white') throw new RangeError(`${fn}: sites must be 'all', 'black' or 'white', got ${describe(sites)}`);
    if (this.bondsStale) this.recompute();
    const { L, h, spins, rng } = this;
    const T = this.temperature;
    let changed = 0;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        if ((sites === 'black' && (r + c) % 2 !== 0) || (sites === 'white' && (r + c) % 2 !== 1)) continue;
        const i = r * L + c;
        const s = spins[i];
        const nb = this.neighbourSum(i); // Σ_nb s_j over up, down, left, right
        let flip: boolean;
        if (rule === 'metropolis') {
          const dE = 2 * s * (nb + h);
          flip = dE <= 0 || uniformBelow(rng, Math.exp(-dE / T));
        } else {
          const pUp = 1 / (1 + Math.exp((-2 * (nb + h)) / T));
          flip = uniformBelow(rng, pUp) !== (s === 1); // the new spin is +1 iff u < p(+1 | rest)
        }
        if (flip) {
          spins[i] = -s;
          changed++;
        }
      }
    }
    this.recompute();
    return changed;
  }

  /**
   * The sweeps' one loop. Visits the sites in typewriter order — all of them (colour = −1:
   * `sweep`, `heatBathSweep`) or those with (r + c) % 2 === colour (`checkerboardSweep`) — and
   * applies the Metropolis rule or, with `heat`, the heat-bath rule. Returns the changed spins.
   *
   * The generator's four words live in local variables for the whole pass (read here, written
   * back at the end): the pass consumes exactly the words `rng.nextUint32()` would, in the same
   * order, without a method call and two memory round trips per site. The acceptance
   * probabilities come from tables built once per temperature. {@link IsingModel.referenceSweep}
   * is the same computation written plainly.
   */
  private siteSweep(heat: boolean, colour: -1 | 0 | 1): number {
    const { L, N, spins, rng } = this;
    const thr = heat ? this.hbThr : this.metThr;
    const frac = heat ? this.hbFrac : this.metFrac;
    const step = colour < 0 ? 1 : 2;
    if (this.bondsStale) this.recompute();
    let bonds = this.bondSum;
    let m = this.mTotal;
    let changed = 0;
    const state = rng.stateArray();
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let s3 = state[3];
    for (let r = 0; r < L; r++) {
      const row = r * L;
      const up = r === 0 ? N - L : row - L;
      const down = r === L - 1 ? 0 : row + L;
      for (let c = colour < 0 ? 0 : (r + colour) & 1; c < L; c += step) {
        const i = row + c;
        const s = spins[i];
        const nb = spins[up + c] + spins[down + c] + spins[c === 0 ? i + L - 1 : i - 1] + spins[c === L - 1 ? row : i + 1];
        // heat bath: k = (nb + 4)/2 indexes p(+1 | nb); Metropolis: k = 5·[s = +1] + (s·nb + 4)/2
        // indexes min(1, e^{−2 s (nb + h)/T})
        const k = heat ? (nb + 4) >> 1 : 5 * ((s + 1) >> 1) + ((s * nb + 4) >> 1);
        // u < p, decided exactly as decide() does (thr = 2^32 means p = 1: no draw)
        const a = thr[k];
        let yes = a >= TWO32;
        if (!yes) {
          // One xoshiro128** step on the local words, exactly Rng.nextUint32 (lib/random/rng.ts):
          //   x = rotl(s1·5, 7)·9;  t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
          const q = Math.imul(s1, 5);
          const x = Math.imul((q << 7) | (q >>> 25), 9) >>> 0;
          const t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          yes = x < a;
          if (x === a) {
            // Tie (probability 2^−32): hand the words back, let rng.bernoulli decide on the
            // remaining fraction, then take the words again.
            state[0] = s0; state[1] = s1; state[2] = s2; state[3] = s3;
            yes = rng.bernoulli(frac[k]);
            s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3];
          }
        }
        // heat bath: the new spin is +1 iff yes, so it flips iff yes !== (s = +1); Metropolis: flip iff yes
        const flip = heat ? yes !== (s === 1) : yes;
        if (flip) {
          spins[i] = -s;
          bonds -= 2 * s * nb;
          m -= 2 * s;
          changed++;
        }
      }
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
    this.bondSum = bonds;
    this.mTotal = m;
    return changed;
  }

  /**
   * One Wolff cluster update (U. Wolff, Phys. Rev. Lett. 62, 361 (1989)): pick a uniform seed
   * site, grow the cluster by adding each aligned neighbour bond with p_add = 1 − e^{−2/T}
   * (each bond tested at most once), and flip the whole cluster. The acceptance is 1: the ratio
   * of the (1 − p_add)^{#boundary bonds} factors equals the Boltzmann ratio. Needs h = 0.
   * Returns the cluster size. Uses preallocated arrays only; M is updated at once, the bond sum
   * (energy) is recomputed in O(N) at the next `energy()` or sweep.
   *
   * @example
   * ```ts
   * const model = new IsingModel({ L: 64, T: 2.269, rng: new Rng(7) });
   * const size = model.wolffStep(); // number of spins flipped
   * ```
   */
  wolffStep(): number {
    if (this.h !== 0) throw new RangeError(`IsingModel.wolffStep: the Wolff update needs h = 0 (a field breaks the up/down symmetry of the cluster flip), got h = ${this.h}`);
    const { spins, neighbours, cluster: stack, rng } = this;
    const thr = this.wolffThr;
    const frac = this.wolffFrac;
    const seed = rng.int(this.N);
    const old = spins[seed];
    const fresh = -old;
    // A site is flipped when it joins, so "spins[j] === old" means "aligned and not yet in the
    // cluster": each bond from the cluster to an aligned outside site is tested once (on L = 2
    // the two bonds to the same neighbour are two slots, tested one after the other).
    spins[seed] = fresh;
    stack[0] = seed;
    let top = 1;
    let size = 1;
    while (top > 0) {
      const i = stack[--top];
      for (let d = 4 * i; d < 4 * i + 4; d++) {
        const j = neighbours[d];
        if (spins[j] === old && decide(rng, thr, frac)) {
          spins[j] = fresh;
          stack[top++] = j;
          size++;
        }
      }
    }
    this.mTotal += 2 * fresh * size;
    this.bondsStale = true; // the bond sum is recomputed (O(N)) when energy() is next called
    return size;
  }

}
