/**
 * The RBM trial wavefunction for P particles in D dimensions (whiteboard 001; N-VMC-01 to N-VMC-06).
 *
 * The visible units are the M = P·D particle coordinates, laid out particle by particle:
 * x = (x_1, y_1, x_2, y_2, …), coordinate d of particle p at index p·D + d (N-VMC-02). The
 * Gaussian-binary RBM (N-GRBM-01) gives p_GB(x) ∝ Σ_h e^{−E_GB(x,h)}, and the trial state is its
 * square root, ψ = √p_GB (N-VMC-01, N-VMC-03), so |ψ|² = p_GB and
 *
 *   ln ψ(x) = −Σ_k (x_k − a_k)² / (4σ_k²) + ½ Σ_j f(v_j) + Σ_{i<j} J(r_ij),   v_j = b_j + Σ_k x_k w_kj / σ_k²
 *
 * with f = softplus for {0,1} hidden units and f = ln 2cosh for ±1 hidden units (N-VMC-04), and
 * J the optional Jastrow pair factor (lib/vmc/jastrow.ts). The constant −½ ln Z is dropped: it
 * cancels in every VMC estimator. All arithmetic is float64.
 *
 * The parameters live in one Float64Array `params` = [a (M), b (N), W (M·N, row k = coordinate),
 * ln σ² (M, only when σ² is trained), β (1, only with a Jastrow factor)], with named views
 * `a`, `b`, `W`, so an optimizer can step the whole vector at once.
 */
import type { Rng } from '../random/index.js';
import { sigmoidScalar, softplusScalar } from '../linalg/index.js';
import { checkOptionKeys, describe } from '../checks/index.js';
import type { Jastrow, JastrowKind } from './jastrow.js';
import { checkCoordinates, checkCount } from './checks.js';
import { pairDistance, pairFactor, pairFactorBetaDerivative } from './kernels.js';

/** Values the hidden units take: {0, 1} ('binary', the notes' default) or {−1, +1} ('spin'). */
export type HiddenUnits = 'binary' | 'spin';

/** Options of {@link RbmWavefunction.create}. */
export interface RbmWavefunctionOptions {
  /** Number of particles P (≥ 1). */
  particles: number;
  /** Spatial dimensions D (1, 2 or 3). */
  dims: number;
  /** Number of hidden units N (≥ 1). */
  hidden: number;
  /** Trap frequency ω used for the default width σ² = 1/(2ω) (default 1). */
  omega?: number;
  /** Width σ² of every visible unit (default 1/(2ω): the exact non-interacting state when W = a = b = 0). */
  sigma2?: number;
  /** Train σ² as a variational parameter (through ln σ², so it stays positive; default false). */
  trainSigma2?: boolean;
  /** Hidden unit values (default 'binary'). */
  hiddenUnits?: HiddenUnits;
  /** Jastrow pair factor (default 'none'). */
  jastrow?: JastrowKind;
  /** Padé cusp coefficient a (default 1/(D − 1), the opposite-spin value; required for D = 1). */
  cusp?: number;
  /** Starting β of the Jastrow factor (default 0.5 for Padé, 0 for simple). */
  beta?: number;
  /** Standard deviation of the random start of a, b, W (default 0: all zero; then `rng` may be omitted). */
  initScale?: number;
}

/** The plain-data form of a wavefunction (what {@link RbmWavefunction.toData} returns; structured-clone safe). */
export interface RbmWavefunctionData {
  particles: number;
  dims: number;
  hidden: number;
  hiddenUnits: HiddenUnits;
  trainSigma2: boolean;
  sigma2: Float64Array;
  jastrow: Jastrow;
  params: Float64Array;
}

function checkInt(fn: string, what: string, v: unknown, lo: number, hi: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${fn}: ${what} must be an integer in [${lo}, ${hi}], got ${String(v)}`);
  }
}

function checkPositive(fn: string, what: string, v: unknown): void {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`${fn}: ${what} must be a finite number > 0, got ${String(v)}`);
}

const CREATE_KEYS = ['particles', 'dims', 'hidden', 'omega', 'sigma2', 'trainSigma2', 'hiddenUnits', 'jastrow', 'cusp', 'beta', 'initScale'];

/**
 * A Gaussian-binary RBM wavefunction ψ = √p_GB for P particles in D dimensions, optionally times
 * a Jastrow factor. Create it with {@link RbmWavefunction.create}.
 *
 * @example
 * import { RbmWavefunction, logPsi, Rng } from 'boltzmann';
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow: 'pade', initScale: 0.01 }, new Rng(1));
 * wf.nVisible;                                 // 4 = P·D: (x1, y1, x2, y2)
 * logPsi(wf, new Float64Array([0.5, 0, -0.5, 0]));
 */
export class RbmWavefunction {
  readonly particles: number;
  readonly dims: number;
  /** M = P·D visible units (coordinates). */
  readonly nVisible: number;
  /** N hidden units. */
  readonly nHidden: number;
  readonly hiddenUnits: HiddenUnits;
  readonly trainSigma2: boolean;
  readonly jastrow: Jastrow;
  /** Every variational parameter, in the order a, b, W, (ln σ²), (β). */
  readonly params: Float64Array;
  /** Visible biases a (view of `params`). */
  readonly a: Float64Array;
  /** Hidden biases b (view of `params`). */
  readonly b: Float64Array;
  /** Weights W, M×N row-major: w_kj at k·N + j (view of `params`). */
  readonly W: Float64Array;
  /** Widths σ_k². When trained, read from `params` by {@link RbmWavefunction.syncFromParams}. */
  readonly sigma2: Float64Array;
  /** Offset of ln σ² in `params` (−1 if σ² is fixed). */
  readonly logSigma2Offset: number;
  /** Offset of β in `params` (−1 without a Jastrow factor). */
  readonly betaOffset: number;
  /** Scratch for v_j (no allocation per evaluation). */
  readonly v: Float64Array;
  /** Scratch for f(v_j)', f(v_j)'' of the hidden units. */
  readonly fv1: Float64Array;
  readonly fv2: Float64Array;
  /** Scratch for a Jastrow pair's J, J', J''. */
  readonly pairScratch = new Float64Array(3);
  /** Scratch gradient and second derivatives (length M) used by localEnergy. */
  readonly gradScratch: Float64Array;
  readonly lapScratch: Float64Array;

  private constructor(data: RbmWavefunctionData) {
    const { particles: P, dims: D, hidden: N } = data;
    this.particles = P;
    this.dims = D;
    this.nVisible = P * D;
    this.nHidden = N;
    this.hiddenUnits = data.hiddenUnits;
    this.trainSigma2 = data.trainSigma2;
    this.jastrow = { kind: data.jastrow.kind, cusp: data.jastrow.cusp };
    const M = P * D;
    const expected = M + N + M * N + (data.trainSigma2 ? M : 0) + (data.jastrow.kind !== 'none' ? 1 : 0);
    if (!(data.params instanceof Float64Array) || data.params.length !== expected) {
      throw new RangeError(`RbmWavefunction: params must be a Float64Array of length ${expected} (M=${M}, N=${N}), got ${data.params instanceof Float64Array ? `length ${data.params.length}` : String(data.params)}`);
    }
    if (!(data.sigma2 instanceof Float64Array) || data.sigma2.length !== M) {
      throw new RangeError(`RbmWavefunction: sigma2 must be a Float64Array of length ${M}`);
    }
    this.params = data.params;
    this.a = this.params.subarray(0, M);
    this.b = this.params.subarray(M, M + N);
    this.W = this.params.subarray(M + N, M + N + M * N);
    let off = M + N + M * N;
    this.logSigma2Offset = data.trainSigma2 ? off : -1;
    if (data.trainSigma2) off += M;
    this.betaOffset = data.jastrow.kind !== 'none' ? off : -1;
    this.sigma2 = data.sigma2;
    this.v = new Float64Array(N);
    this.fv1 = new Float64Array(N);
    this.fv2 = new Float64Array(N);
    this.gradScratch = new Float64Array(M);
    this.lapScratch = new Float64Array(M);
    this.syncFromParams();
  }

  /**
   * A new wavefunction. With `initScale` > 0, a, b and W start as independent N(0, initScale²)
   * draws from `rng`; otherwise they start at 0 (then W = a = b = 0 and, at σ² = 1/(2ω), ψ is the
   * exact non-interacting ground state).
   *
   * @example
   * const wf = RbmWavefunction.create({ particles: 1, dims: 1, hidden: 1, omega: 2 }); // σ² = 1/4
   */
  static create(options: RbmWavefunctionOptions, rng?: Rng): RbmWavefunction {
    const fn = 'RbmWavefunction.create';
    if (options === null || options === undefined) throw new TypeError(`${fn}: options { particles, dims, hidden, … } are required`);
    checkOptionKeys(fn, options, CREATE_KEYS);
    checkInt(fn, 'particles', options.particles, 1, 1000);
    checkInt(fn, 'dims', options.dims, 1, 3);
    checkInt(fn, 'hidden', options.hidden, 1, 100000);
    const omega = options.omega ?? 1;
    checkPositive(fn, 'omega', omega);
    const s2 = options.sigma2 ?? 1 / (2 * omega);
    checkPositive(fn, 'sigma2', s2);
    const hiddenUnits = options.hiddenUnits ?? 'binary';
    if (hiddenUnits !== 'binary' && hiddenUnits !== 'spin') throw new RangeError(`${fn}: hiddenUnits must be 'binary' or 'spin', got ${String(hiddenUnits)}`);
    const kind = options.jastrow ?? 'none';
    if (kind !== 'none' && kind !== 'simple' && kind !== 'pade') throw new RangeError(`${fn}: jastrow must be 'none', 'simple' or 'pade', got ${String(kind)}`);
    const D = options.dims;
    let cusp = options.cusp ?? NaN;
    if (kind === 'pade') {
      if (options.cusp === undefined) {
        if (D === 1) throw new RangeError(`${fn}: a Padé Jastrow factor in 1-D needs an explicit cusp (the 2-D/3-D default 1/(D−1) does not exist for D = 1)`);
        cusp = 1 / (D - 1);
      }
      if (!Number.isFinite(cusp)) throw new RangeError(`${fn}: cusp must be finite, got ${cusp}`);
    }
    const M = options.particles * D, N = options.hidden;
    const trainSigma2 = options.trainSigma2 ?? false;
    const params = new Float64Array(M + N + M * N + (trainSigma2 ? M : 0) + (kind !== 'none' ? 1 : 0));
    const scale = options.initScale ?? 0;
    if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`${fn}: initScale must be a finite number >= 0, got ${scale}`);
    if (scale > 0) {
      if (!rng) throw new TypeError(`${fn}: initScale ${scale} > 0 needs an rng`);
      for (let i = 0; i < M + N + M * N; i++) params[i] = scale * rng.normal();
    }
    const sigma2 = new Float64Array(M).fill(s2);
    if (trainSigma2) params.fill(Math.log(s2), M + N + M * N, M + N + M * N + M);
    if (kind !== 'none') {
      const beta = options.beta ?? (kind === 'pade' ? 0.5 : 0);
      if (!Number.isFinite(beta)) throw new RangeError(`${fn}: beta must be finite, got ${beta}`);
      params[params.length - 1] = beta;
    }
    return new RbmWavefunction({ particles: options.particles, dims: D, hidden: N, hiddenUnits, trainSigma2, sigma2, jastrow: { kind, cusp }, params });
  }

  /**
   * Rebuilds a wavefunction from {@link RbmWavefunction.toData} (e.g. in a worker thread). The
   * arrays are copied.
   *
   * @example
   * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
   * const copy = RbmWavefunction.fromData(wf.toData());
   */
  static fromData(data: RbmWavefunctionData): RbmWavefunction {
    return new RbmWavefunction({ ...data, params: Float64Array.from(data.params), sigma2: Float64Array.from(data.sigma2) });
  }

  /**
   * A plain-data copy (structured-clone safe: typed arrays and numbers only).
   *
   * @example
   * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
   * const data = wf.toData(); // send to a worker with postMessage
   */
  toData(): RbmWavefunctionData {
    return {
      particles: this.particles, dims: this.dims, hidden: this.nHidden, hiddenUnits: this.hiddenUnits,
      trainSigma2: this.trainSigma2, sigma2: this.sigma2.slice(), jastrow: { ...this.jastrow }, params: this.params.slice(),
    };
  }

  /**
   * After `params` changed (an optimizer step): σ_k² = exp(ln σ_k²) when σ² is trained. Throws if
   * a parameter became NaN or infinite, naming the first bad entry.
   *
   * @example
   * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
   * const opt = new Adam({ lr: 0.01 }), grad = new Float64Array(wf.params.length).fill(0.1);
   * opt.step(wf.params, grad); wf.syncFromParams();
   */
  syncFromParams(): void {
    const p = this.params;
    for (let i = 0; i < p.length; i++) {
      if (!Number.isFinite(p[i])) throw new RangeError(`RbmWavefunction: parameter ${parameterName(this, i)} is ${p[i]}`);
    }
    if (this.logSigma2Offset >= 0) for (let k = 0; k < this.nVisible; k++) this.sigma2[k] = Math.exp(p[this.logSigma2Offset + k]);
  }

  /** The Jastrow parameter β (NaN without a Jastrow factor). @example wf.beta; */
  get beta(): number {
    return this.betaOffset >= 0 ? this.params[this.betaOffset] : NaN;
  }
}

/**
 * A readable name for entry i of `params` ('a[0]', 'W[1][0]', 'ln sigma2[2]', 'beta').
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * parameterName(wf, wf.nVisible); // 'b[0]'
 */
export function parameterName(wf: RbmWavefunction, i: number): string {
  checkWavefunction('parameterName', wf);
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= wf.params.length) {
    throw new RangeError(`parameterName: i must be a parameter index in 0..${wf.params.length - 1}, got ${describe(i)}`);
  }
  const M = wf.nVisible, N = wf.nHidden;
  if (i < M) return `a[${i}]`;
  if (i < M + N) return `b[${i - M}]`;
  if (i < M + N + M * N) { const t = i - M - N; return `W[${Math.floor(t / N)}][${t % N}]`; }
  if (i === wf.betaOffset) return 'beta';
  return `ln sigma2[${i - wf.logSigma2Offset}]`;
}

function checkX(fn: string, wf: RbmWavefunction, x: Float64Array): void {
  if (!(x instanceof Float64Array) || x.length !== wf.nVisible) {
    throw new RangeError(`${fn}: x must be a Float64Array of length M = P·D = ${wf.nVisible}, got ${x instanceof Float64Array ? `length ${x.length}` : describe(x)}`);
  }
}

/**
 * Fills wf.v with v_j = b_j + Σ_k x_k w_kj / σ_k², and wf.fv1 / wf.fv2 with f'(v_j), f''(v_j)
 * (binary: σ(v), σ(v)(1−σ(v)); spin: tanh v, 1 − tanh² v). Returns ½ Σ_j f(v_j).
 */
function hiddenTerms(wf: RbmWavefunction, x: Float64Array): number {
  const M = wf.nVisible, N = wf.nHidden, W = wf.W, s2 = wf.sigma2, v = wf.v;
  for (let j = 0; j < N; j++) v[j] = wf.b[j];
  for (let k = 0; k < M; k++) {
    const xk = x[k] / s2[k];
    const row = k * N;
    for (let j = 0; j < N; j++) v[j] += xk * W[row + j];
  }
  let sum = 0;
  if (wf.hiddenUnits === 'binary') {
    for (let j = 0; j < N; j++) {
      const s = sigmoidScalar(v[j]);
      wf.fv1[j] = s;
      wf.fv2[j] = s * (1 - s);
      sum += softplusScalar(v[j]);
    }
  } else {
    for (let j = 0; j < N; j++) {
      const t = Math.tanh(v[j]);
      wf.fv1[j] = t;
      wf.fv2[j] = 1 - t * t;
      const av = Math.abs(v[j]);
      sum += av + Math.log1p(Math.exp(-2 * av)); // ln 2cosh v, stable
    }
  }
  return 0.5 * sum;
}

/**
 * N-VMC-04  ln ψ(x) = −Σ_k (x_k − a_k)²/(4σ_k²) + ½ Σ_j f(v_j) + Σ_{i<j} J(r_ij), without −½ ln Z.
 * (The whiteboard prints −Σ(x_i − a_i)² with no width and v_j without 1/σ_i²; this is the form
 * derived from the Gaussian-binary energy N-GRBM-01 with ψ = √p_GB.)
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 1, dims: 1, hidden: 1 }); // σ² = ½, all parameters 0
 * logPsi(wf, new Float64Array([1])); // −1/(4·½) + ½ ln 2 = −0.5 + 0.3466 = −0.1534
 */
export function logPsi(wf: RbmWavefunction, x: Float64Array): number {
  checkWavefunction('logPsi', wf);
  checkX('logPsi', wf, x);
  return logPsiUnchecked(wf, x);
}

/**
 * {@link logPsi} without the argument check, for the samplers' inner loops.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const xNew = new Float64Array([0.6, 0.1, -0.5, 0]);
 * logPsiUnchecked(wf, xNew) - logPsiUnchecked(wf, x); // ln ψ(x') − ln ψ(x), in a Metropolis step
 */
export function logPsiUnchecked(wf: RbmWavefunction, x: Float64Array): number {
  const M = wf.nVisible;
  let gauss = 0;
  for (let k = 0; k < M; k++) {
    const d = x[k] - wf.a[k];
    gauss += (d * d) / (4 * wf.sigma2[k]);
  }
  return -gauss + hiddenTerms(wf, x) + jastrowLog(wf, x);
}

/** Σ_{i<j} J(r_ij) (0 without a Jastrow factor). */
function jastrowLog(wf: RbmWavefunction, x: Float64Array): number {
  if (wf.betaOffset < 0) return 0;
  const P = wf.particles, D = wf.dims, beta = wf.params[wf.betaOffset], pair = wf.pairScratch;
  let sum = 0;
  for (let p = 0; p < P; p++) {
    for (let q = p + 1; q < P; q++) {
      sum += pairFactor(pair, wf.jastrow, beta, pairDistance(x, p, q, D))[0];
    }
  }
  return sum;
}

/**
 * |r_p − r_q| for particles p and q of a coordinate vector in D dimensions.
 *
 * @example
 * particleDistance(new Float64Array([0, 0, 3, 4]), 0, 1, 2); // 5
 */
export function particleDistance(x: Float64Array, p: number, q: number, D: number): number {
  const fn = 'particleDistance';
  checkCoordinates(fn, x);
  checkCount(fn, 'D', D);
  const P = x.length / D;
  if (!Number.isInteger(P)) throw new RangeError(`${fn}: x has length ${x.length}, not a multiple of D = ${D}`);
  for (const [what, v] of [['p', p], ['q', q]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= P) throw new RangeError(`${fn}: ${what} must be a particle index in 0..${P - 1}, got ${describe(v)}`);
  }
  return pairDistance(x, p, q, D);
}

/**
 * N-VMC-06  Coordinate derivatives of ln ψ (the kinetic energy needs them):
 *
 *   ∂_k ln ψ  = −(x_k − a_k)/(2σ_k²) + (1/(2σ_k²)) Σ_j w_kj f'(v_j)            + Jastrow
 *   ∂_k² ln ψ = −1/(2σ_k²)          + (1/(2σ_k⁴)) Σ_j w_kj² f''(v_j)          + Jastrow
 *
 * f' = σ(v), f'' = σ(v)(1 − σ(v)) for binary hidden units (tanh v, 1 − tanh² v for ±1 units).
 * The Jastrow term of a pair (p, q) at distance r with Δ_d = x_{p,d} − x_{q,d} adds
 * ±J'(r) Δ_d / r to the gradient and J''(r) Δ_d²/r² + J'(r)(1/r − Δ_d²/r³) to the second
 * derivative of each of the two particles' coordinates. Writes into `outGrad` and `outLap`
 * (length M) and returns ln ψ, which the same pass computes.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const g = new Float64Array(4), l = new Float64Array(4);
 * logPsiCoordinateDerivatives(g, l, wf, x); // g[k] = ∂ ln ψ/∂x_k, l[k] = ∂² ln ψ/∂x_k²
 */
export function logPsiCoordinateDerivatives(outGrad: Float64Array, outLap: Float64Array, wf: RbmWavefunction, x: Float64Array): number {
  const fn = 'logPsiCoordinateDerivatives';
  checkWavefunction(fn, wf);
  checkX(fn, wf, x);
  if (!(outGrad instanceof Float64Array) || outGrad.length !== wf.nVisible) throw new RangeError(`${fn}: outGrad must be a Float64Array of length ${wf.nVisible}, got ${describe(outGrad)}`);
  if (!(outLap instanceof Float64Array) || outLap.length !== wf.nVisible) throw new RangeError(`${fn}: outLap must be a Float64Array of length ${wf.nVisible}, got ${describe(outLap)}`);
  return coordinateDerivativesUnchecked(outGrad, outLap, wf, x);
}

/**
 * {@link logPsiCoordinateDerivatives} without the argument checks (inner loops). `outLap` may be null.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const grad = new Float64Array(4);
 * const lnPsi = coordinateDerivativesUnchecked(grad, null, wf, x); // gradient only
 */
export function coordinateDerivativesUnchecked(outGrad: Float64Array, outLap: Float64Array | null, wf: RbmWavefunction, x: Float64Array): number {
  const M = wf.nVisible, N = wf.nHidden, W = wf.W, s2 = wf.sigma2;
  let value = hiddenTerms(wf, x);
  const f1 = wf.fv1, f2 = wf.fv2;
  for (let k = 0; k < M; k++) {
    const d = x[k] - wf.a[k];
    value -= (d * d) / (4 * s2[k]);
    let s1 = 0, s2sum = 0;
    const row = k * N;
    for (let j = 0; j < N; j++) {
      const w = W[row + j];
      s1 += w * f1[j];
      s2sum += w * w * f2[j];
    }
    outGrad[k] = (-d + s1) / (2 * s2[k]);
    if (outLap) outLap[k] = -1 / (2 * s2[k]) + s2sum / (2 * s2[k] * s2[k]);
  }
  if (wf.betaOffset >= 0) {
    const P = wf.particles, D = wf.dims, beta = wf.params[wf.betaOffset], pair = wf.pairScratch;
    for (let p = 0; p < P; p++) {
      for (let q = p + 1; q < P; q++) {
        const r = pairDistance(x, p, q, D);
        pairFactor(pair, wf.jastrow, beta, r);
        value += pair[0];
        const j1 = pair[1], j2 = pair[2];
        for (let dd = 0; dd < D; dd++) {
          const delta = x[p * D + dd] - x[q * D + dd];
          const g = (j1 * delta) / r;
          outGrad[p * D + dd] += g;
          outGrad[q * D + dd] -= g;
          if (outLap) {
            const u2 = (delta * delta) / (r * r);
            const l = j2 * u2 + (j1 / r) * (1 - u2);
            outLap[p * D + dd] += l;
            outLap[q * D + dd] += l;
          }
        }
      }
    }
  }
  return value;
}

/**
 * N-VMC-05  Parameter derivatives of ln ψ (the energy gradient N-VMC-08 needs them), in the
 * order of `params`:
 *
 *   ∂ ln ψ/∂a_k = (x_k − a_k)/(2σ_k²),   ∂ ln ψ/∂b_j = ½ f'(v_j),   ∂ ln ψ/∂w_kj = x_k f'(v_j)/(2σ_k²)
 *   ∂ ln ψ/∂ln σ_k² = (x_k − a_k)²/(4σ_k²) − x_k Σ_j w_kj f'(v_j)/(2σ_k²)   (only if σ² is trained)
 *   ∂ ln ψ/∂β = Σ_{i<j} ∂J(r_ij)/∂β                                         (only with a Jastrow factor)
 *
 * with f' = σ(v) (binary hidden units) or tanh v (±1). Returns `out`.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const g = new Float64Array(wf.params.length);
 * logPsiParameterGradient(g, wf, x);
 */
export function logPsiParameterGradient(out: Float64Array, wf: RbmWavefunction, x: Float64Array): Float64Array {
  const fn = 'logPsiParameterGradient';
  checkWavefunction(fn, wf);
  checkX(fn, wf, x);
  if (!(out instanceof Float64Array) || out.length !== wf.params.length) throw new RangeError(`${fn}: out must be a Float64Array of length ${wf.params.length} (the parameter count), got ${describe(out)}`);
  return parameterGradientUnchecked(out, wf, x);
}

/**
 * {@link logPsiParameterGradient} without the argument checks (inner loops).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const O = new Float64Array(wf.params.length);
 * parameterGradientUnchecked(O, wf, x); // O_k = ∂ ln ψ/∂θ_k at x
 */
export function parameterGradientUnchecked(out: Float64Array, wf: RbmWavefunction, x: Float64Array): Float64Array {
  const M = wf.nVisible, N = wf.nHidden, s2 = wf.sigma2;
  hiddenTerms(wf, x);
  const f1 = wf.fv1;
  for (let k = 0; k < M; k++) out[k] = (x[k] - wf.a[k]) / (2 * s2[k]);
  for (let j = 0; j < N; j++) out[M + j] = 0.5 * f1[j];
  for (let k = 0; k < M; k++) {
    const c = x[k] / (2 * s2[k]);
    const row = M + N + k * N;
    for (let j = 0; j < N; j++) out[row + j] = c * f1[j];
  }
  if (wf.logSigma2Offset >= 0) {
    for (let k = 0; k < M; k++) {
      const d = x[k] - wf.a[k];
      let s = 0;
      for (let j = 0; j < N; j++) s += wf.W[k * N + j] * f1[j];
      out[wf.logSigma2Offset + k] = (d * d) / (4 * s2[k]) - (x[k] * s) / (2 * s2[k]);
    }
  }
  if (wf.betaOffset >= 0) {
    const P = wf.particles, D = wf.dims, beta = wf.params[wf.betaOffset];
    let s = 0;
    for (let p = 0; p < P; p++) for (let q = p + 1; q < P; q++) s += pairFactorBetaDerivative(wf.jastrow, beta, pairDistance(x, p, q, D));
    out[wf.betaOffset] = s;
  }
  return out;
}

/** Throws unless `wf` is an RbmWavefunction (RbmWavefunction.create or fromData). */
export function checkWavefunction(fn: string, wf: unknown): asserts wf is RbmWavefunction {
  const w = wf as RbmWavefunction;
  if (w === null || typeof w !== 'object' || typeof w.toData !== 'function' || !(w.params instanceof Float64Array) || !Number.isInteger(w.nVisible)) {
    throw new TypeError(`${fn}: wf must be an RbmWavefunction (RbmWavefunction.create), got ${describe(wf)}`);
  }
}
