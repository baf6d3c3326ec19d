/**
 * The quantum-dot Hamiltonian (whiteboard 001, N-VMC-09) and the local energy (N-VMC-10), in
 * atomic units (ħ = m = e = 1):
 *
 *   Ĥ = Σ_i ( −½ ∇_i² + ½ ω² r_i² ) + Σ_{i<j} V(r_ij),   V = 1/r_ij (Coulomb) or 0.
 */
import { checkOptionKeys, describe } from '../checks/index.js';
import { checkWavefunction, coordinateDerivativesUnchecked, type RbmWavefunction } from './wavefunction.js';
import { checkCoordinates, checkCount } from './checks.js';
import { coulombEnergy } from './kernels.js';

/** Pair interaction between the particles: none, or Coulomb 1/r_ij. */
export type Interaction = 'none' | 'coulomb';

/** A harmonic trap of frequency ω with an optional pair interaction (plain data, structured-clone safe). */
export interface HarmonicOscillator {
  omega: number;
  interaction: Interaction;
}

/**
 * N-VMC-09  The trap Ĥ = Σ_i(−½∇_i² + ½ω²r_i²) + Σ_{i<j}V(r_ij), V = 1/r_ij for 'coulomb'.
 *
 * @example
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 */
export function harmonicOscillator(options: { omega: number; interaction?: Interaction }): HarmonicOscillator {
  const fn = 'harmonicOscillator';
  if (options === null || options === undefined) throw new TypeError(`${fn}: options { omega, interaction? } are required`);
  checkOptionKeys(fn, options, ['omega', 'interaction']);
  const { omega } = options;
  if (typeof omega !== 'number' || !(omega > 0) || !Number.isFinite(omega)) throw new RangeError(`${fn}: omega must be a finite number > 0, got ${String(omega)}`);
  const interaction = options.interaction ?? 'none';
  if (interaction !== 'none' && interaction !== 'coulomb') throw new RangeError(`${fn}: interaction must be 'none' or 'coulomb', got ${String(interaction)}`);
  return { omega, interaction };
}

/**
 * The trap potential ½ω² Σ_k x_k² of all M coordinates.
 *
 * @example
 * trapPotential({ omega: 2, interaction: 'none' }, new Float64Array([1, 1])); // ½·4·2 = 4
 */
export function trapPotential(h: HarmonicOscillator, x: Float64Array): number {
  checkHamiltonian('trapPotential', h);
  checkCoordinates('trapPotential', x);
  let r2 = 0;
  for (let k = 0; k < x.length; k++) r2 += x[k] * x[k];
  return 0.5 * h.omega * h.omega * r2;
}

/**
 * N-VMC-09  Σ_{i<j} V(r_ij) for P particles in D dimensions (0 for 'none').
 *
 * @example
 * // two electrons in 2-D at (0, 0) and (3, 4): r = 5, V = 1/5
 * interactionEnergy({ omega: 1, interaction: 'coulomb' }, new Float64Array([0, 0, 3, 4]), 2, 2); // 0.2
 */
export function interactionEnergy(h: HarmonicOscillator, x: Float64Array, particles: number, dims: number): number {
  const fn = 'interactionEnergy';
  checkHamiltonian(fn, h);
  checkCoordinates(fn, x);
  checkCount(fn, 'particles', particles);
  checkCount(fn, 'dims', dims);
  if (x.length !== particles * dims) throw new RangeError(`${fn}: x has length ${x.length}, expected particles·dims = ${particles}·${dims}`);
  if (h.interaction === 'none') return 0;
  return coulombEnergy(x, particles, dims);
}

/**
 * N-VMC-10  The local energy E_L = (Ĥψ)/ψ written with derivatives of ln ψ (N-VMC-06):
 *
 *   E_L = ½ Σ_k ( −(∂_k ln ψ)² − ∂_k² ln ψ + ω² x_k² ) + Σ_{i<j} V(r_ij)
 *
 * (−½ ∇²ψ/ψ = −½ Σ_k [(∂_k ln ψ)² + ∂_k² ln ψ]). Allocates nothing (uses the wavefunction's scratch).
 *
 * @example
 * // W = a = b = 0, σ² = 1/(2ω), no interaction: the exact ground state, E_L = M ω / 2 everywhere
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 });
 * localEnergy(wf, harmonicOscillator({ omega: 1 }), new Float64Array([0.3, -1, 2, 0.5])); // 2 (to rounding)
 */
export function localEnergy(wf: RbmWavefunction, h: HarmonicOscillator, x: Float64Array): number {
  checkWavefunction('localEnergy', wf);
  checkHamiltonian('localEnergy', h);
  if (!(x instanceof Float64Array) || x.length !== wf.nVisible) throw new RangeError(`localEnergy: x must be a Float64Array of length ${wf.nVisible}, got ${describe(x)}`);
  return localEnergyUnchecked(wf, h, x);
}

/**
 * {@link localEnergy} without the argument check (inner loops).
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const x = new Float64Array([0.5, 0, -0.5, 0]); // two electrons in 2-D: (x₁, y₁, x₂, y₂)
 * localEnergyUnchecked(wf, h, x); // inside a sampling loop, where x was checked once
 */
export function localEnergyUnchecked(wf: RbmWavefunction, h: HarmonicOscillator, x: Float64Array): number {
  const g = wf.gradScratch, l = wf.lapScratch, M = wf.nVisible, w2 = h.omega * h.omega;
  coordinateDerivativesUnchecked(g, l, wf, x);
  let e = 0;
  for (let k = 0; k < M; k++) e += -g[k] * g[k] - l[k] + w2 * x[k] * x[k];
  e *= 0.5;
  if (h.interaction === 'coulomb') e += coulombEnergy(x, wf.particles, wf.dims);
  return e;
}

/** Throws unless `h` is a HarmonicOscillator { omega > 0, interaction 'none' | 'coulomb' }. */
export function checkHamiltonian(fn: string, h: unknown): asserts h is HarmonicOscillator {
  const o = h as HarmonicOscillator;
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: h must be a HarmonicOscillator (harmonicOscillator({ omega })), got ${describe(h)}`);
  if (typeof o.omega !== 'number' || !(o.omega > 0) || !Number.isFinite(o.omega)) throw new RangeError(`${fn}: h.omega must be a finite number > 0, got ${describe(o.omega)}`);
  if (o.interaction !== 'none' && o.interaction !== 'coulomb') throw new RangeError(`${fn}: h.interaction must be 'none' or 'coulomb', got ${describe(o.interaction)}`);
}
