/**
 * Argument checks shared by the VMC files (internal: not re-exported from lib/vmc/index.ts).
 * Every message names the function, the argument and the value.
 */
import { describe } from '../checks/index.js';
import type { HarmonicOscillator } from './hamiltonian.js';
import type { Jastrow } from './jastrow.js';
import type { RbmWavefunction } from './wavefunction.js';
import type { TfimChain } from './spins/tfim.js';

/** Throws unless `wf` is an RbmWavefunction (RbmWavefunction.create or fromData). */
export function checkWavefunction(fn: string, wf: unknown): asserts wf is RbmWavefunction {
  const w = wf as RbmWavefunction;
  if (w === null || typeof w !== 'object' || typeof w.toData !== 'function' || !(w.params instanceof Float64Array) || !Number.isInteger(w.nVisible)) {
    throw new TypeError(`${fn}: wf must be an RbmWavefunction (RbmWavefunction.create), got ${describe(wf)}`);
  }
}

/** Throws unless `h` is a HarmonicOscillator { omega > 0, interaction 'none' | 'coulomb' }. */
export function checkHamiltonian(fn: string, h: unknown): asserts h is HarmonicOscillator {
  const o = h as HarmonicOscillator;
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: h must be a HarmonicOscillator (harmonicOscillator({ omega })), got ${describe(h)}`);
  if (typeof o.omega !== 'number' || !(o.omega > 0) || !Number.isFinite(o.omega)) throw new RangeError(`${fn}: h.omega must be a finite number > 0, got ${describe(o.omega)}`);
  if (o.interaction !== 'none' && o.interaction !== 'coulomb') throw new RangeError(`${fn}: h.interaction must be 'none' or 'coulomb', got ${describe(o.interaction)}`);
}

/** Throws unless `jastrow` is { kind: 'none' | 'simple' | 'pade', cusp: finite }. */
export function checkJastrow(fn: string, jastrow: unknown): asserts jastrow is Jastrow {
  const j = jastrow as Jastrow;
  if (j === null || typeof j !== 'object') throw new TypeError(`${fn}: jastrow must be { kind, cusp }, got ${describe(jastrow)}`);
  if (j.kind !== 'none' && j.kind !== 'simple' && j.kind !== 'pade') throw new RangeError(`${fn}: jastrow.kind must be 'none', 'simple' or 'pade', got ${describe(j.kind)}`);
  if (typeof j.cusp !== 'number' || !Number.isFinite(j.cusp)) throw new RangeError(`${fn}: jastrow.cusp must be a finite number, got ${describe(j.cusp)}`);
}

/** Throws unless `v` is a finite number (and >= 0 when `nonNegative`). */
export function checkFinite(fn: string, what: string, v: unknown, nonNegative = false): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (nonNegative && v < 0)) {
    throw new RangeError(`${fn}: ${what} must be a finite number${nonNegative ? ' >= 0' : ''}, got ${describe(v)}`);
  }
}

/** Throws unless `x` is a Float64Array (of length n when given). */
export function checkCoordinates(fn: string, x: unknown, n?: number): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${fn}: x must be a Float64Array of coordinates, got ${describe(x)}`);
  if (n !== undefined && x.length !== n) throw new RangeError(`${fn}: x has length ${x.length} but must have length ${n}`);
}

/** Throws unless `n` is an integer >= 1. */
export function checkCount(fn: string, what: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: ${what} must be a positive integer, got ${describe(n)}`);
}

/** Throws unless `chain` is a TfimChain { n: integer >= 2, J, h finite } (tfimChain). */
export function checkTfimChain(fn: string, chain: unknown, maxN = 4096): asserts chain is TfimChain {
  const c = chain as TfimChain;
  if (c === null || typeof c !== 'object') throw new TypeError(`${fn}: chain must be a TfimChain { n, J, h } (tfimChain), got ${describe(chain)}`);
  if (!Number.isInteger(c.n) || c.n < 2 || c.n > maxN) throw new RangeError(`${fn}: chain.n must be an integer in [2, ${maxN}], got ${describe(c.n)}`);
  if (typeof c.J !== 'number' || !Number.isFinite(c.J)) throw new RangeError(`${fn}: chain.J must be a finite number, got ${describe(c.J)}`);
  if (typeof c.h !== 'number' || !Number.isFinite(c.h)) throw new RangeError(`${fn}: chain.h must be a finite number, got ${describe(c.h)}`);
}
