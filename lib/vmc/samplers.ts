/**
 * Samplers of |ψ|² for the quantum-dot wavefunction (N-VMC-11). Each advances one walker by one
 * Monte Carlo cycle:
 *
 *  - 'metropolis' (brute force): every particle in turn gets a uniform displacement of width
 *    `stepSize` in each coordinate, accepted with min(1, |ψ(x')|²/|ψ(x)|²) = min(1, e^{2(ln ψ(x') − ln ψ(x))})
 *    (N-MH-07, symmetric proposal);
 *  - 'importance': every particle in turn moves by the Langevin (Fokker–Planck) drift,
 *    x' = x + D F(x) Δt + √Δt ξ with diffusion constant D = ½ and quantum force F = 2∇ ln ψ, so the
 *    drift is Δt ∇ln ψ; the Green's function G(x'|x) ∝ exp(−(x' − x − Δt ∇ln ψ(x))² / (2Δt)) enters
 *    the Metropolis–Hastings ratio |ψ(x')|² G(x|x') / (|ψ(x)|² G(x'|x)) (N-MH-06);
 *  - 'gibbs': because |ψ|² = p_GB(x) exactly (ψ = √p_GB), block Gibbs on the RBM samples it with
 *    no rejection: h ~ p(h|x) (N-GRBM-06), then x ~ N(a + W h, σ²) (N-GRBM-07). With a Jastrow
 *    factor |ψ|² is no longer an RBM marginal, so this sampler refuses such a wavefunction.
 */
import type { Rng } from '../random/index.js';
import { logAcceptance, acceptMove } from '../mcmc/index.js';
import { sigmoidScalar } from '../linalg/index.js';
import { checkOptionKeys } from '../checks/index.js';
import { coordinateDerivativesUnchecked, logPsiUnchecked, type RbmWavefunction } from './wavefunction.js';

/** How a walker moves (plain data, structured-clone safe). */
export type SamplerSpec =
  | { kind: 'metropolis'; stepSize: number }
  | { kind: 'importance'; timeStep: number }
  | { kind: 'gibbs' };

function checkPositive(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`${fn}: ${what} must be a finite number > 0, got ${String(v)}`);
  return v;
}

/**
 * Brute-force Metropolis with a uniform step of width `stepSize` per coordinate (default 1).
 *
 * @example
 * const s = metropolisSampler({ stepSize: 1.5 });
 */
export function metropolisSampler(options: { stepSize?: number } = {}): SamplerSpec {
  checkOptionKeys('metropolisSampler', options, ['stepSize']);
  return { kind: 'metropolis', stepSize: checkPositive('metropolisSampler', 'stepSize', options.stepSize ?? 1) };
}

/**
 * Importance sampling with the Langevin drift and the Fokker–Planck Green's function, time step Δt (default 0.05).
 *
 * @example
 * const s = importanceSampler({ timeStep: 0.1 });
 */
export function importanceSampler(options: { timeStep?: number } = {}): SamplerSpec {
  checkOptionKeys('importanceSampler', options, ['timeStep']);
  return { kind: 'importance', timeStep: checkPositive('importanceSampler', 'timeStep', options.timeStep ?? 0.05) };
}

/**
 * Block Gibbs sampling through the hidden units (only for wavefunctions without a Jastrow factor).
 *
 * @example
 * const s = blockGibbsSampler();
 */
export function blockGibbsSampler(): SamplerSpec {
  return { kind: 'gibbs' };
}

/**
 * Checks that `sampler` can sample |ψ|² of `wf`; throws a clear error otherwise.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * checkSamplerFor(metropolisSampler(), wf); // passes
 * try { checkSamplerFor(blockGibbsSampler(), wf); } catch (e) { console.log((e as Error).message); } // block Gibbs cannot sample a Jastrow factor
 */
export function checkSamplerFor(sampler: SamplerSpec, wf: RbmWavefunction): void {
  if (sampler === null || typeof sampler !== 'object') throw new TypeError(`sampler must be an object from metropolisSampler, importanceSampler or blockGibbsSampler, got ${String(sampler)}`);
  if (sampler.kind === 'gibbs' && wf.jastrow.kind !== 'none') {
    throw new RangeError(`blockGibbsSampler: block Gibbs samples |ψ|² = p_GB only for a pure RBM wavefunction, but this one has a '${wf.jastrow.kind}' Jastrow factor; use metropolisSampler or importanceSampler`);
  }
  if (sampler.kind !== 'gibbs' && sampler.kind !== 'metropolis' && sampler.kind !== 'importance') {
    throw new RangeError(`sampler.kind must be 'metropolis', 'importance' or 'gibbs', got ${String((sampler as { kind: unknown }).kind)}`);
  }
}

/** One walker: its coordinates, its own Rng, and ln ψ at x (kept up to date by the cycles). */
export interface Walker {
  x: Float64Array;
  rng: Rng;
  logPsi: number;
}

/** Scratch buffers for one cycle (allocated once per run, reused for every walker and cycle). */
export interface CycleWorkspace {
  xNew: Float64Array;
  gradOld: Float64Array;
  gradNew: Float64Array;
  h: Float64Array;
}

/**
 * Buffers for {@link monteCarloCycle} sized for `wf`.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const ws = cycleWorkspace(wf);
 */
export function cycleWorkspace(wf: RbmWavefunction): CycleWorkspace {
  const M = wf.nVisible;
  return { xNew: new Float64Array(M), gradOld: new Float64Array(M), gradNew: new Float64Array(M), h: new Float64Array(wf.nHidden) };
}

/**
 * N-VMC-11  Advances `walker` by one Monte Carlo cycle (P single-particle moves, or one block
 * Gibbs step) and returns the number of accepted moves (Gibbs: P, every draw is kept). The
 * walker's `logPsi` must be ln ψ(x) for the current parameters on entry; it is on exit.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * const rng = new Rng(2);
 * const walker = { x, rng, logPsi: logPsi(wf, x) };
 * monteCarloCycle(wf, metropolisSampler(), walker, cycleWorkspace(wf));
 */
export function monteCarloCycle(wf: RbmWavefunction, sampler: SamplerSpec, walker: Walker, ws: CycleWorkspace): number {
  if (sampler.kind === 'metropolis') return metropolisCycle(wf, sampler.stepSize, walker, ws);
  if (sampler.kind === 'importance') return importanceCycle(wf, sampler.timeStep, walker, ws);
  return gibbsCycle(wf, walker, ws);
}

function metropolisCycle(wf: RbmWavefunction, step: number, walker: Walker, ws: CycleWorkspace): number {
  const P = wf.particles, D = wf.dims, x = walker.x, xNew = ws.xNew, rng = walker.rng;
  let accepted = 0;
  xNew.set(x);
  for (let p = 0; p < P; p++) {
    for (let d = 0; d < D; d++) xNew[p * D + d] = x[p * D + d] + step * (rng.float() - 0.5);
    const lp = logPsiUnchecked(wf, xNew);
    // |ψ(x')|²/|ψ(x)|² = e^{2(ln ψ' − ln ψ)}
    if (acceptMove(logAcceptance(2 * lp, 2 * walker.logPsi), rng)) {
      for (let d = 0; d < D; d++) x[p * D + d] = xNew[p * D + d];
      walker.logPsi = lp;
      accepted++;
    } else {
      for (let d = 0; d < D; d++) xNew[p * D + d] = x[p * D + d];
    }
  }
  return accepted;
}

function importanceCycle(wf: RbmWavefunction, dt: number, walker: Walker, ws: CycleWorkspace): number {
  const P = wf.particles, D = wf.dims, x = walker.x, xNew = ws.xNew, rng = walker.rng;
  const gOld = ws.gradOld, gNew = ws.gradNew, sq = Math.sqrt(dt);
  let accepted = 0;
  xNew.set(x);
  walker.logPsi = coordinateDerivativesUnchecked(gOld, null, wf, x);
  for (let p = 0; p < P; p++) {
    // x' = x + D F(x) Δt + √Δt ξ, with D = ½ and F = 2∇ln ψ: drift Δt ∇ln ψ
    for (let d = 0; d < D; d++) {
      const k = p * D + d;
      xNew[k] = x[k] + dt * gOld[k] + sq * rng.normal();
    }
    const lp = coordinateDerivativesUnchecked(gNew, null, wf, xNew);
    // log G(x|x') − log G(x'|x), G(y|x) ∝ exp(−(y − x − Δt ∇ln ψ(x))² / (2Δt)), over the moved coordinates
    let logGReverse = 0, logGForward = 0;
    for (let d = 0; d < D; d++) {
      const k = p * D + d;
      const back = x[k] - xNew[k] - dt * gNew[k];
      const fwd = xNew[k] - x[k] - dt * gOld[k];
      logGReverse -= (back * back) / (2 * dt);
      logGForward -= (fwd * fwd) / (2 * dt);
    }
    if (acceptMove(logAcceptance(2 * lp, 2 * walker.logPsi, logGReverse, logGForward), rng)) {
      for (let d = 0; d < D; d++) x[p * D + d] = xNew[p * D + d];
      gOld.set(gNew);
      walker.logPsi = lp;
      accepted++;
    } else {
      for (let d = 0; d < D; d++) xNew[p * D + d] = x[p * D + d];
    }
  }
  return accepted;
}

function gibbsCycle(wf: RbmWavefunction, walker: Walker, ws: CycleWorkspace): number {
  const M = wf.nVisible, N = wf.nHidden, W = wf.W, x = walker.x, h = ws.h, rng = walker.rng, v = wf.v;
  // N-GRBM-06  p(h_j = 1 | x) = σ(v_j), v_j = b_j + Σ_k x_k w_kj / σ_k²  (±1 units: p(h_j = +1 | x) = σ(2 v_j))
  for (let j = 0; j < N; j++) v[j] = wf.b[j];
  for (let k = 0; k < M; k++) {
    const xk = x[k] / wf.sigma2[k];
    for (let j = 0; j < N; j++) v[j] += xk * W[k * N + j];
  }
  if (wf.hiddenUnits === 'binary') for (let j = 0; j < N; j++) h[j] = rng.float() < sigmoidScalar(v[j]) ? 1 : 0;
  else for (let j = 0; j < N; j++) h[j] = rng.float() < sigmoidScalar(2 * v[j]) ? 1 : -1;
  // N-GRBM-07  x_k | h ~ N(a_k + Σ_j w_kj h_j, σ_k²)
  for (let k = 0; k < M; k++) {
    let mean = wf.a[k];
    for (let j = 0; j < N; j++) mean += W[k * N + j] * h[j];
    x[k] = mean + Math.sqrt(wf.sigma2[k]) * rng.normal();
  }
  walker.logPsi = logPsiUnchecked(wf, x);
  return wf.particles;
}
