/**
 * The transverse-field Ising chain with periodic boundaries (the spin-lattice example of Carleo &
 * Troyer, Science 355, 602 (2017), to which whiteboard 001 points):
 *
 *   Ĥ = −J Σ_{i=0}^{N−1} σᶻ_i σᶻ_{i+1} − h Σ_i σˣ_i,   σᶻ_N ≡ σᶻ_0,
 *
 * and two exact references for its ground-state energy: Lanczos on the 2^N-dimensional space
 * (float64, N ≤ 16) and the free-fermion closed form. Basis states are integers b in [0, 2^N):
 * bit i of b is 0 for s_i = +1 and 1 for s_i = −1.
 */
import { checkOptionKeys, describe } from '../../checks/index.js';
import { lowestTridiagonalEigenvalue } from '../reference.js';

/** The chain's couplings (plain data). */
export interface TfimChain {
  /** Number of spins N (≥ 2). */
  n: number;
  /** Ising coupling J. */
  J: number;
  /** Transverse field h. */
  h: number;
}

/**
 * A periodic transverse-field Ising chain Ĥ = −J Σ σᶻσᶻ − h Σ σˣ.
 *
 * @example
 * const chain = tfimChain({ n: 10, J: 1, h: 1 }); // the critical point h/J = 1
 */
export function tfimChain(options: { n: number; J?: number; h: number }): TfimChain {
  const fn = 'tfimChain';
  if (options === null || options === undefined) throw new TypeError(`${fn}: options { n, J?, h } are required`);
  checkOptionKeys(fn, options, ['n', 'J', 'h']);
  const { n } = options;
  const J = options.J ?? 1;
  if (!Number.isInteger(n) || n < 2 || n > 4096) throw new RangeError(`${fn}: n must be an integer in [2, 4096], got ${String(n)}`);
  if (typeof J !== 'number' || !Number.isFinite(J)) throw new RangeError(`${fn}: J must be finite, got ${describe(J)}`);
  if (typeof options.h !== 'number' || !Number.isFinite(options.h)) throw new RangeError(`${fn}: h must be finite, got ${describe(options.h)}`);
  return { n, J, h: options.h };
}

function checkSizeCouplings(fn: string, n: number, J: number, h: number, maxN: number): void {
  if (!Number.isInteger(n) || n < 2 || n > maxN) throw new RangeError(`${fn}: n (the number of spins N) must be an integer in [2, ${maxN}], got ${describe(n)}`);
  if (typeof J !== 'number' || !Number.isFinite(J)) throw new RangeError(`${fn}: J must be finite, got ${describe(J)}`);
  if (typeof h !== 'number' || !Number.isFinite(h)) throw new RangeError(`${fn}: h must be finite, got ${describe(h)}`);
}

/**
 * Ground-state energy of the periodic chain from the Jordan–Wigner / Bogoliubov solution, for
 * J > 0 and h ≥ 0:
 *
 *   E₀ = −Σ_{m=0}^{N−1} √(J² + h² − 2Jh cos k_m),   k_m = (2m + 1)π / N.
 *
 * The boundary condition matters. Jordan–Wigner turns the spin chain into fermions whose
 * boundary condition depends on the fermion parity P = Π σˣ: the even sector (P = +1) has
 * antiperiodic fermions, k = (2m+1)π/N, the odd sector periodic ones, k = 2πm/N. The ground state
 * lies in the even sector, where the Bogoliubov vacuum (every mode empty) is the lowest state
 * and has the right parity, so the sum runs over the antiperiodic momenta; taking k = 2πm/N
 * instead gives a different (wrong) number at finite N. The Lanczos solver checks this.
 *
 * @example
 * tfimClosedFormEnergy(10, 1, 1); // −12.784906442999326 (critical chain, N = 10)
 * tfimClosedFormEnergy(4, 1, 0);  // −4 (classical ferromagnet: −J per bond)
 */
export function tfimClosedFormEnergy(n: number, J: number, h: number): number {
  const fn = 'tfimClosedFormEnergy';
  checkSizeCouplings(fn, n, J, h, 1 << 30);
  if (!(J > 0) || !(h >= 0)) throw new RangeError(`${fn}: the closed form here assumes J > 0 and h >= 0, got J = ${J}, h = ${h} (use tfimExactGroundState for other signs)`);
  let e = 0;
  for (let m = 0; m < n; m++) {
    const k = ((2 * m + 1) * Math.PI) / n;
    e -= Math.sqrt(J * J + h * h - 2 * J * h * Math.cos(k));
  }
  return e;
}

/**
 * out = Ĥ v on the 2^N-dimensional space (float64): the diagonal part −J Σ_i s_i s_{i+1} and
 * the off-diagonal part −h Σ_i v[b with bit i flipped].
 *
 * @example
 * const v = new Float64Array(1 << 4); v[0] = 1;      // all spins up
 * tfimApply(new Float64Array(16), { n: 4, J: 1, h: 0.5 }, v); // out[0] = −4, out[1 << i] = −0.5
 */
export function tfimApply(out: Float64Array, chain: TfimChain, v: Float64Array): Float64Array {
  const fn = 'tfimApply';
  checkTfimChain(fn, chain, 30);
  const dim = 2 ** chain.n;
  for (const [what, a] of [['out', out], ['v', v]] as const) {
    if (!(a instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array of length 2^${chain.n} = ${dim}, got ${describe(a)}`);
    if (a.length !== dim) throw new RangeError(`${fn}: ${what} has length ${a.length} but must have length 2^${chain.n} = ${dim}`);
  }
  return applyTfim(out, chain, v);
}

/** {@link tfimApply} without the argument checks (the Lanczos loop's). */
function applyTfim(out: Float64Array, chain: TfimChain, v: Float64Array): Float64Array {
  const { n, J, h } = chain;
  const dim = 2 ** n;
  for (let b = 0; b < dim; b++) {
    // Σ_i s_i s_{i+1}: a bond contributes +1 if the two bits agree, −1 otherwise
    const rotated = ((b >>> 1) | ((b & 1) << (n - 1))) >>> 0; // bit i of rotated = bit i+1 of b (periodic)
    const differ = popcount((b ^ rotated) >>> 0);
    let acc = -J * (n - 2 * differ) * v[b];
    for (let i = 0; i < n; i++) acc -= h * v[b ^ (1 << i)];
    out[b] = acc;
  }
  return out;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Result of {@link tfimExactGroundState}. */
export interface TfimGroundState {
  /** Ground-state energy E₀. */
  energy: number;
  /** Normalised ground state, amplitude of basis state b at index b (chosen positive). */
  state: Float64Array;
  /** ‖Ĥψ − E₀ψ‖ of the returned state. */
  residual: number;
  /** Lanczos steps taken. */
  iterations: number;
}

/**
 * The ground state of the periodic chain by the Lanczos method on the full 2^N space (float64,
 * 2 ≤ N ≤ 16): the three-term recurrence β_{k+1} v_{k+1} = Ĥ v_k − α_k v_k − β_k v_{k−1} builds a
 * tridiagonal T_k whose lowest eigenvalue (Sturm bisection) converges to E₀; the steps stop
 * when the Ritz residual β_{k+1}|c_k| (c: T_k's eigenvector) is below 1e-12·|E₀|. A second pass of the same recurrence
 * assembles the eigenvector Σ_k c_k v_k from T's eigenvector c (inverse iteration). No
 * reorthogonalisation: lost orthogonality only adds spurious copies of converged eigenvalues,
 * never a value below E₀. The start vector is positive (v_b = 1 + 1/(1 + b)), which overlaps the
 * ground state: for h ≠ 0 all off-diagonal elements −|h| ≤ 0 after the gauge σᶻ → −σᶻ if h < 0,
 * so the ground state can be taken positive (Perron–Frobenius).
 *
 * @example
 * const gs = tfimExactGroundState(10, 1, 1);
 * gs.energy;   // −12.784906442999… (= tfimClosedFormEnergy(10, 1, 1))
 * gs.residual; // ~1e-12
 */
export function tfimExactGroundState(n: number, J: number, h: number): TfimGroundState {
  const fn = 'tfimExactGroundState';
  checkSizeCouplings(fn, n, J, h, 16);
  const chain: TfimChain = { n, J, h: Math.abs(h) }; // same spectrum; Π σᶻ maps h → −h
  const dim = 2 ** n;
  const start = new Float64Array(dim);
  let s2 = 0;
  for (let b = 0; b < dim; b++) { start[b] = 1 + 1 / (1 + b); s2 += start[b] ** 2; }
  const s = 1 / Math.sqrt(s2);
  for (let b = 0; b < dim; b++) start[b] *= s;

  const alpha: number[] = [], beta: number[] = [];
  let vPrev = new Float64Array(dim), v = start.slice(), w = new Float64Array(dim);
  let e = 0;
  const maxSteps = Math.min(dim, 400);
  let steps = 0;
  for (let k = 0; k < maxSteps; k++) {
    applyTfim(w, chain, v);
    let a = 0;
    for (let b = 0; b < dim; b++) a += w[b] * v[b];
    const bPrev = k > 0 ? beta[k - 1] : 0;
    let nrm = 0;
    for (let b = 0; b < dim; b++) { w[b] -= a * v[b] + bPrev * vPrev[b]; nrm += w[b] * w[b]; }
    alpha.push(a);
    steps = k + 1;
    e = lowestTridiagonal(alpha, beta);
    const bk = Math.sqrt(nrm);
    // Ritz residual ‖Ĥy − e y‖ = β_{k+1} |c_k| (c: eigenvector of T_k for e, last component)
    const c = tridiagonalEigenvector(alpha, beta, e);
    if (bk * Math.abs(c[k]) < 1e-12 * Math.max(1, Math.abs(e)) || bk < 1e-13) break;
    beta.push(bk);
    const t = vPrev; vPrev = v; v = t;
    for (let b = 0; b < dim; b++) v[b] = w[b] / bk;
  }
  // eigenvector of T (size `steps`) for e, then ψ = Σ_k c_k v_k by re-running the recurrence
  const c = tridiagonalEigenvector(alpha.slice(0, steps), beta.slice(0, steps - 1), e);
  const state = new Float64Array(dim);
  vPrev = new Float64Array(dim); v = start.slice();
  for (let k = 0; k < steps; k++) {
    for (let b = 0; b < dim; b++) state[b] += c[k] * v[b];
    if (k === steps - 1) break;
    applyTfim(w, chain, v);
    const bPrev = k > 0 ? beta[k - 1] : 0;
    for (let b = 0; b < dim; b++) w[b] = (w[b] - alpha[k] * v[b] - bPrev * vPrev[b]) / beta[k];
    const t = vPrev; vPrev = v; v = w; w = t;
  }
  let nrm = 0, sum = 0;
  for (let b = 0; b < dim; b++) { nrm += state[b] ** 2; sum += state[b]; }
  const scale = (sum < 0 ? -1 : 1) / Math.sqrt(nrm);
  for (let b = 0; b < dim; b++) state[b] *= scale;
  if (h < 0) for (let b = 0; b < dim; b++) if (popcount(b) % 2 === 1) state[b] = -state[b]; // undo the gauge
  const hpsi = applyTfim(new Float64Array(dim), { n, J, h }, state);
  let r2 = 0;
  for (let b = 0; b < dim; b++) r2 += (hpsi[b] - e * state[b]) ** 2;
  return { energy: e, state, residual: Math.sqrt(r2), iterations: steps };
}

function lowestTridiagonal(alpha: number[], beta: number[]): number {
  return lowestTridiagonalEigenvalue(Float64Array.from(alpha), Float64Array.from(beta.slice(0, alpha.length - 1)));
}

/** Eigenvector of the symmetric tridiagonal (alpha, beta) for eigenvalue ≈ lambda: inverse iteration with the Thomas algorithm. */
function tridiagonalEigenvector(alpha: number[], beta: number[], lambda: number): Float64Array {
  const n = alpha.length;
  let x = new Float64Array(n).fill(1);
  const shift = lambda - 1e-10 * Math.max(1, Math.abs(lambda)); // just below, so T − shift I is not singular
  for (let it = 0; it < 4; it++) {
    // solve (T − shift I) y = x
    const cp = new Float64Array(n), dp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = i > 0 ? beta[i - 1] : 0, b = alpha[i] - shift, cc = i < n - 1 ? beta[i] : 0;
      const denom = b - a * (i > 0 ? cp[i - 1] : 0);
      cp[i] = cc / denom;
      dp[i] = (x[i] - a * (i > 0 ? dp[i - 1] : 0)) / denom;
    }
    const y = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) y[i] = dp[i] - (i < n - 1 ? cp[i] * y[i + 1] : 0);
    let nrm = 0;
    for (let i = 0; i < n; i++) nrm += y[i] * y[i];
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < n; i++) y[i] /= nrm;
    x = y;
  }
  return x;
}

/** Throws unless `chain` is a TfimChain { n: integer >= 2, J, h finite } (tfimChain). */
export function checkTfimChain(fn: string, chain: unknown, maxN = 4096): asserts chain is TfimChain {
  const c = chain as TfimChain;
  if (c === null || typeof c !== 'object') throw new TypeError(`${fn}: chain must be a TfimChain { n, J, h } (tfimChain), got ${describe(chain)}`);
  if (!Number.isInteger(c.n) || c.n < 2 || c.n > maxN) throw new RangeError(`${fn}: chain.n must be an integer in [2, ${maxN}], got ${describe(c.n)}`);
  if (typeof c.J !== 'number' || !Number.isFinite(c.J)) throw new RangeError(`${fn}: chain.J must be a finite number, got ${describe(c.J)}`);
  if (typeof c.h !== 'number' || !Number.isFinite(c.h)) throw new RangeError(`${fn}: chain.h must be a finite number, got ${describe(c.h)}`);
}
