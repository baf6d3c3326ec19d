/**
 * The spin-chain RBM amplitude's kernels without argument checks (internal: not re-exported from
 * lib/vmc/spins/index.ts). runSpinBatch's sweeps call these; the public spinTheta, spinWalker,
 * spinFlipTables, spinFlipRatio, spinLocalEnergy, spinLogDerivatives and spinMetropolisSweep of
 * rbm-state.ts check their arguments once and call them. Formulas: see rbm-state.ts.
 */
import type { Rng } from '../../random/index.js';
import type { TfimChain } from './tfim.js';

/** The parameters of an RBM spin state that the kernels read (a SpinRbmState has them). */
export interface SpinRbmParameters {
  readonly n: number;
  readonly m: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly W: Float64Array;
}

/** cosh 2W_ij and sinh 2W_ij for every weight: the flip ratios need nothing else from W. */
export interface SpinFlipTables {
  cosh2W: Float64Array;
  sinh2W: Float64Array;
}

/** A chain's configuration with θ_j(s) and tanh θ_j(s) kept up to date. */
export interface SpinWalker {
  s: Int8Array;
  theta: Float64Array;
  tanhTheta: Float64Array;
}

/** θ_j = b_j + Σ_i W_ij s_i into `out` (length M). */
export function thetaOf(out: Float64Array, psi: SpinRbmParameters, s: Int8Array | Float64Array): Float64Array {
  const { n, m, W } = psi;
  for (let j = 0; j < m; j++) out[j] = psi.b[j];
  for (let i = 0; i < n; i++) {
    const si = s[i];
    for (let j = 0; j < m; j++) out[j] += W[i * m + j] * si;
  }
  return out;
}

/** cosh 2W_ij and sinh 2W_ij for every weight. */
export function flipTables(psi: SpinRbmParameters): SpinFlipTables {
  const n = psi.W.length;
  const cosh2W = new Float64Array(n), sinh2W = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    cosh2W[k] = Math.cosh(2 * psi.W[k]);
    sinh2W[k] = Math.sinh(2 * psi.W[k]);
  }
  return { cosh2W, sinh2W };
}

/** A walker at configuration `s` (copied), with θ and tanh θ computed. */
export function walkerAt(psi: SpinRbmParameters, s: Int8Array): SpinWalker {
  const theta = thetaOf(new Float64Array(psi.m), psi, s);
  const tanhTheta = new Float64Array(psi.m);
  for (let j = 0; j < psi.m; j++) tanhTheta[j] = Math.tanh(theta[j]);
  return { s: Int8Array.from(s), theta, tanhTheta };
}

/** ψ(s′)/ψ(s) = e^{−2 a_i s_i} Π_j (cosh 2W_ij − s_i tanh θ_j sinh 2W_ij) for the flip of spin i. */
export function flipRatio(psi: SpinRbmParameters, tables: SpinFlipTables, w: SpinWalker, i: number): number {
  const m = psi.m, si = w.s[i], t = w.tanhTheta, C = tables.cosh2W, S = tables.sinh2W, row = i * m;
  let r = Math.exp(-2 * psi.a[i] * si);
  for (let j = 0; j < m; j++) r *= C[row + j] - si * t[j] * S[row + j];
  return r;
}

/** E_L(s) = −J Σ_i s_i s_{i+1} − h Σ_i ψ(s with spin i flipped)/ψ(s). */
export function localEnergyAt(psi: SpinRbmParameters, tables: SpinFlipTables, chain: TfimChain, w: SpinWalker): number {
  const n = psi.n, s = w.s;
  let zz = 0;
  for (let i = 0; i < n; i++) zz += s[i] * s[(i + 1) % n];
  let flips = 0;
  if (chain.h !== 0) for (let i = 0; i < n; i++) flips += flipRatio(psi, tables, w, i);
  return -chain.J * zz - chain.h * flips;
}

/** O_k(s) = ∂ln ψ/∂θ_k in the order of `params`: s_i, tanh θ_j, s_i tanh θ_j. */
export function logDerivativesAt(out: Float64Array, psi: SpinRbmParameters, w: SpinWalker): Float64Array {
  const { n, m } = psi, s = w.s, t = w.tanhTheta;
  for (let i = 0; i < n; i++) out[i] = s[i];
  for (let j = 0; j < m; j++) out[n + j] = t[j];
  for (let i = 0; i < n; i++) {
    const si = s[i], row = n + m + i * m;
    for (let j = 0; j < m; j++) out[row + j] = si * t[j];
  }
  return out;
}

/** One Metropolis sweep of N single spin flips at random sites; returns the number accepted. */
export function metropolisSweep(psi: SpinRbmParameters, tables: SpinFlipTables, w: SpinWalker, rng: Rng): number {
  const { n, m, W } = psi, s = w.s, theta = w.theta, t = w.tanhTheta;
  let accepted = 0;
  for (let k = 0; k < n; k++) {
    const i = rng.int(n);
    const ratio = flipRatio(psi, tables, w, i);
    if (rng.float() < ratio * ratio) {
      const si = s[i];
      for (let j = 0; j < m; j++) {
        theta[j] -= 2 * W[i * m + j] * si;
        t[j] = Math.tanh(theta[j]);
      }
      s[i] = -si;
      accepted++;
    }
  }
  return accepted;
}
