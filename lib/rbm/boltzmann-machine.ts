/**
 * A small general (unrestricted) Boltzmann machine with binary units: visible–visible (L) and
 * hidden–hidden (J) couplings are allowed besides the visible–hidden weights W
 * (notes 000 "Boltzmann Machines"; the restricted form sets L = J = 0).
 *
 *   E(x, h) = −aᵀx − bᵀh − xᵀWh − ½ xᵀLx − ½ hᵀJh,   L, J symmetric with zero diagonal
 *
 * It exists to show why the restricted form is used: with L or J non-zero the conditionals no
 * longer factorize over units, so there is no block Gibbs step (only single-site updates) and no
 * closed-form free energy (Z needs the full 2^{M+N} sum). Everything here is float64 and meant for
 * a handful of units. See docs/rbm.md, "Why restricted".
 */
import { type Rng } from '../random/index.js';
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { type BernoulliRBM } from './binary.js';
import { configurationFromIndex } from './exact.js';
import { checkAnyMatrix, checkArrayLike, checkCount, checkFiniteArray, checkUnitValues, describe } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

/** Largest total number of units (M + N) for the exact sums of {@link BoltzmannMachine}. */
export const BOLTZMANN_MACHINE_MAX_UNITS = 24;

/** Parameters of {@link BoltzmannMachine.create}; missing arrays are zero. Matrices as arrays of rows. */
export interface BoltzmannMachineParameters {
  W?: ArrayLike<ArrayLike<number>>;
  L?: ArrayLike<ArrayLike<number>>;
  J?: ArrayLike<ArrayLike<number>>;
  a?: ArrayLike<number>;
  b?: ArrayLike<number>;
}

/**
 * A general Boltzmann machine over binary units (M visible, N hidden): weights `W` (M x N),
 * visible couplings `L` (M x M) and hidden couplings `J` (N x N), both symmetric with zero diagonal,
 * biases `a`, `b`; float64 (small exact models only).
 *
 * @example
 * ```ts
 * import { BoltzmannMachine } from 'boltzmann';
 * const bm = BoltzmannMachine.create(2, 1, { W: [[1], [1]], L: [[0, -2], [-2, 0]] });
 * bm.energy([1, 1], [1]); // -(1 + 1) - (-2) = 0
 * ```
 */
export class BoltzmannMachine {
  readonly kind = 'boltzmann-machine' as const;
  readonly nVisible: number;
  readonly nHidden: number;
  /** Visible–hidden weights, M x N. */
  readonly W: Matrix64;
  /** Visible–visible couplings, M x M, symmetric, zero diagonal. */
  readonly L: Matrix64;
  /** Hidden–hidden couplings, N x N, symmetric, zero diagonal. */
  readonly J: Matrix64;
  /** Visible bias. */
  readonly a: Float64Array;
  /** Hidden bias. */
  readonly b: Float64Array;

  /**
   * Wraps float64 parameters (copied into this object by {@link BoltzmannMachine.create}); checks
   * shapes, symmetry and zero diagonals.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine, matrix64 } from 'boltzmann';
   * const bm = new BoltzmannMachine(matrix64(1, 1, [1]), matrix64(1, 1), matrix64(1, 1), new Float64Array(1), new Float64Array(1));
   * ```
   */
  constructor(W: Matrix64, L: Matrix64, J: Matrix64, a: Float64Array, b: Float64Array) {
    const fn = 'new BoltzmannMachine';
    checkAnyMatrix(fn, 'W', W);
    const M = W.rows, N = W.cols;
    checkCount(fn, 'nVisible (W.rows)', M);
    checkCount(fn, 'nHidden (W.cols)', N);
    checkCoupling(fn, 'L', L, M);
    checkCoupling(fn, 'J', J, N);
    checkArrayLike(fn, 'a', a, M);
    checkArrayLike(fn, 'b', b, N);
    checkFiniteArray(fn, 'W', W.data);
    checkFiniteArray(fn, 'a', a);
    checkFiniteArray(fn, 'b', b);
    this.nVisible = M;
    this.nHidden = N;
    this.W = W; this.L = L; this.J = J; this.a = a; this.b = b;
  }

  /**
   * A machine with M visible and N hidden units; parameters default to zero.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * const bm = BoltzmannMachine.create(2, 2, { J: [[0, 1], [1, 0]] });
   * ```
   */
  static create(nVisible: number, nHidden: number, params: BoltzmannMachineParameters = {}): BoltzmannMachine {
    const fn = 'BoltzmannMachine.create';
    checkCount(fn, 'nVisible', nVisible);
    checkCount(fn, 'nHidden', nHidden);
    if (params === null || typeof params !== 'object') throw new TypeError(`${fn}: params must be an object, got ${describe(params)}`);
    checkOptionKeys(fn, params, ['W', 'L', 'J', 'a', 'b']);
    const rows = (what: string, v: ArrayLike<ArrayLike<number>> | undefined, r: number, c: number): Matrix64 => {
      const m = matrix64(r, c);
      if (v === undefined) return m;
      checkArrayLike(fn, what, v as unknown as ArrayLike<number>, r);
      for (let i = 0; i < r; i++) {
        checkArrayLike(fn, `${what}[${i}]`, v[i], c);
        for (let j = 0; j < c; j++) m.data[i * c + j] = v[i][j];
      }
      return m;
    };
    const vec = (what: string, v: ArrayLike<number> | undefined, n: number): Float64Array => {
      if (v === undefined) return new Float64Array(n);
      checkArrayLike(fn, what, v, n);
      return Float64Array.from(v);
    };
    return new BoltzmannMachine(rows('W', params.W, nVisible, nHidden), rows('L', params.L, nVisible, nVisible),
      rows('J', params.J, nHidden, nHidden), vec('a', params.a, nVisible), vec('b', params.b, nHidden));
  }

  /**
   * The machine with the same distribution as a Bernoulli RBM (L = J = 0).
   *
   * @example
   * ```ts
   * import { BernoulliRBM, BoltzmannMachine, Rng } from 'boltzmann';
   * const bm = BoltzmannMachine.fromRBM(BernoulliRBM.create(3, 2, 'hinton', new Rng(1)));
   * ```
   */
  static fromRBM(rbm: BernoulliRBM): BoltzmannMachine {
    if (rbm === null || typeof rbm !== 'object' || (rbm as BernoulliRBM).kind !== 'bernoulli') {
      throw new TypeError(`BoltzmannMachine.fromRBM: rbm must be a BernoulliRBM, got ${describe(rbm)}`);
    }
    const M = rbm.nVisible, N = rbm.nHidden;
    return new BoltzmannMachine(matrix64(M, N, Float64Array.from(rbm.W.data)), matrix64(M, M), matrix64(N, N),
      Float64Array.from(rbm.a), Float64Array.from(rbm.b));
  }

  /**
   * E(x, h) = −aᵀx − bᵀh − xᵀWh − ½xᵀLx − ½hᵀJh for 0/1 vectors (checked).
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * BoltzmannMachine.create(1, 1, { a: [1], b: [2], W: [[3]] }).energy([1], [1]); // -6
   * ```
   */
  energy(x: ArrayLike<number>, h: ArrayLike<number>): number {
    const fn = 'BoltzmannMachine.energy';
    checkArrayLike(fn, 'x', x, this.nVisible);
    checkArrayLike(fn, 'h', h, this.nHidden);
    checkUnitValues(fn, 'x', x, 'bernoulli');
    checkUnitValues(fn, 'h', h, 'bernoulli');
    return this.energyUnchecked(x, h);
  }

  private energyUnchecked(x: ArrayLike<number>, h: ArrayLike<number>): number {
    const M = this.nVisible, N = this.nHidden, W = this.W.data, L = this.L.data, J = this.J.data;
    let e = 0;
    for (let i = 0; i < M; i++) {
      if (x[i] === 0) continue;
      e -= this.a[i];
      for (let j = 0; j < N; j++) e -= W[i * N + j] * h[j];
      for (let k = i + 1; k < M; k++) e -= L[i * M + k] * x[k]; // ½ xᵀLx = Σ_{i<k} L_ik x_i x_k
    }
    for (let j = 0; j < N; j++) {
      if (h[j] === 0) continue;
      e -= this.b[j];
      for (let l = j + 1; l < N; l++) e -= J[j * N + l] * h[l];
    }
    return e;
  }

  /**
   * log Z by summing e^{−E} over all 2^{M+N} configurations (no closed form once L or J ≠ 0),
   * with a log-sum-exp. M + N ≤ 24.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * BoltzmannMachine.create(2, 1).logPartitionExact(); // 3 ln 2
   * ```
   */
  logPartitionExact(): number {
    const lw = this.logWeights('BoltzmannMachine.logPartitionExact');
    let mx = -Infinity;
    for (let k = 0; k < lw.length; k++) if (lw[k] > mx) mx = lw[k];
    let s = 0;
    for (let k = 0; k < lw.length; k++) s += Math.exp(lw[k] - mx);
    return mx + Math.log(s);
  }

  /**
   * The exact joint p(x, h) as an array of length 2^{M+N}, index = xIndex · 2^N + hIndex (indices as
   * in `configurationFromIndex`, unit 0 the most significant bit).
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * BoltzmannMachine.create(1, 1).jointDistributionExact(); // [0.25, 0.25, 0.25, 0.25]
   * ```
   */
  jointDistributionExact(): Float64Array {
    const lw = this.logWeights('BoltzmannMachine.jointDistributionExact');
    let mx = -Infinity;
    for (let k = 0; k < lw.length; k++) if (lw[k] > mx) mx = lw[k];
    let s = 0;
    for (let k = 0; k < lw.length; k++) { lw[k] = Math.exp(lw[k] - mx); s += lw[k]; }
    for (let k = 0; k < lw.length; k++) lw[k] /= s;
    return lw;
  }

  /**
   * The exact visible marginal p(x) (length 2^M), summing the joint over h.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * BoltzmannMachine.create(2, 1).visibleDistributionExact(); // [0.25, 0.25, 0.25, 0.25]
   * ```
   */
  visibleDistributionExact(): Float64Array {
    const joint = this.jointDistributionExact();
    const H = 2 ** this.nHidden, out = new Float64Array(2 ** this.nVisible);
    for (let k = 0; k < joint.length; k++) out[Math.floor(k / H)] += joint[k];
    return out;
  }

  private logWeights(fn: string): Float64Array {
    const M = this.nVisible, N = this.nHidden;
    if (M + N > BOLTZMANN_MACHINE_MAX_UNITS) {
      throw new RangeError(`${fn}: ${M}+${N} units need 2^${M + N} terms, above the limit 2^${BOLTZMANN_MACHINE_MAX_UNITS}`);
    }
    const x = new Float64Array(M), h = new Float64Array(N), H = 2 ** N;
    const lw = new Float64Array(2 ** (M + N));
    for (let xi = 0; xi < 2 ** M; xi++) {
      configurationFromIndex(x, xi, 'bernoulli');
      for (let hi = 0; hi < H; hi++) {
        configurationFromIndex(h, hi, 'bernoulli');
        lw[xi * H + hi] = -this.energyUnchecked(x, h);
      }
    }
    return lw;
  }

  /**
   * p(unit = 1 | all other units) for visible unit k (layer 'visible') or hidden unit k: the
   * logistic of the unit's total input, e.g. for x_k: σ(a_k + Σ_j w_kj h_j + Σ_{i≠k} L_ki x_i).
   * Depends on same-layer units whenever L (or J) ≠ 0 — the reason block Gibbs needs the RBM.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine } from 'boltzmann';
   * const bm = BoltzmannMachine.create(2, 1, { L: [[0, 3], [3, 0]] });
   * bm.conditionalOn('visible', 0, [0, 1], [0]); // σ(3)
   * ```
   */
  conditionalOn(layer: 'visible' | 'hidden', k: number, x: ArrayLike<number>, h: ArrayLike<number>): number {
    const fn = 'BoltzmannMachine.conditionalOn';
    if (layer !== 'visible' && layer !== 'hidden') throw new RangeError(`${fn}: layer must be 'visible' or 'hidden', got ${describe(layer)}`);
    const n = layer === 'visible' ? this.nVisible : this.nHidden;
    if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`${fn}: k must be an integer in [0, ${n}), got ${k}`);
    checkArrayLike(fn, 'x', x, this.nVisible);
    checkArrayLike(fn, 'h', h, this.nHidden);
    return this.conditionalUnchecked(layer, k, x, h);
  }

  private conditionalUnchecked(layer: 'visible' | 'hidden', k: number, x: ArrayLike<number>, h: ArrayLike<number>): number {
    const M = this.nVisible, N = this.nHidden, W = this.W.data;
    let t: number;
    if (layer === 'visible') {
      t = this.a[k];
      for (let j = 0; j < N; j++) t += W[k * N + j] * h[j];
      for (let i = 0; i < M; i++) if (i !== k) t += this.L.data[k * M + i] * x[i];
    } else {
      t = this.b[k];
      for (let i = 0; i < M; i++) t += W[i * N + k] * x[i];
      for (let l = 0; l < N; l++) if (l !== k) t += this.J.data[k * N + l] * h[l];
    }
    return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
  }

  /**
   * One systematic-scan single-site Gibbs sweep (N-GIBBS-01 on the whole machine): visible units
   * 0..M−1 then hidden units 0..N−1, each redrawn from its conditional given all the others.
   * Updates x and h in place (0/1 arrays) and returns them.
   *
   * @example
   * ```ts
   * import { BoltzmannMachine, Rng } from 'boltzmann';
   * const bm = BoltzmannMachine.create(2, 1, { L: [[0, 1], [1, 0]] });
   * const x = new Float64Array(2), h = new Float64Array(1);
   * bm.gibbsSweep(x, h, new Rng(1));
   * ```
   */
  gibbsSweep<T extends Float64Array | Float32Array | number[]>(x: T, h: T, rng: Rng): { x: T; h: T } {
    const fn = 'BoltzmannMachine.gibbsSweep';
    checkArrayLike(fn, 'x', x, this.nVisible);
    checkArrayLike(fn, 'h', h, this.nHidden);
    if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).float !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
    for (let i = 0; i < this.nVisible; i++) x[i] = rng.float() < this.conditionalUnchecked('visible', i, x, h) ? 1 : 0;
    for (let j = 0; j < this.nHidden; j++) h[j] = rng.float() < this.conditionalUnchecked('hidden', j, x, h) ? 1 : 0;
    return { x, h };
  }
}

function checkCoupling(fn: string, what: string, m: unknown, n: number): asserts m is Matrix64 {
  checkAnyMatrix(fn, what, m);
  if (m.rows !== n || m.cols !== n) throw new RangeError(`${fn}: ${what} is ${m.rows}x${m.cols} but must be ${n}x${n}`);
  checkFiniteArray(fn, what, m.data);
  for (let i = 0; i < n; i++) {
    if (m.data[i * n + i] !== 0) throw new RangeError(`${fn}: ${what}[${i}][${i}] must be 0 (no self-coupling), got ${m.data[i * n + i]}`);
    for (let k = i + 1; k < n; k++) {
      if (m.data[i * n + k] !== m.data[k * n + i]) {
        throw new RangeError(`${fn}: ${what} must be symmetric, but ${what}[${i}][${k}] = ${m.data[i * n + k]} and ${what}[${k}][${i}] = ${m.data[k * n + i]}`);
      }
    }
  }
}
