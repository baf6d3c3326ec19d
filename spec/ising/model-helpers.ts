/**
 * Test helpers for the Ising specs (not part of the library): naive reference computations
 * written independently of lib/ising/model.ts (explicit (r, c) neighbours with % L), and an
 * error-message assertion.
 */
import * as assert from 'uvu/assert';

/** E = −Σ_{r,c} s(r,c) [s(r,c+1) + s(r+1,c)] − h Σ s, indices mod L (every bond once). */
export function naiveEnergy(spins: ArrayLike<number>, L: number, h = 0): number {
  let e = 0;
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      const s = spins[r * L + c];
      e -= s * (spins[r * L + ((c + 1) % L)] + spins[((r + 1) % L) * L + c]);
      e -= h * s;
    }
  }
  return e;
}

/** M = Σ s. */
export function naiveMagnetization(spins: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < spins.length; i++) m += spins[i];
  return m;
}

/** The spins of state index b on N sites: bit k set ⇔ site k is +1. */
export function stateSpins(b: number, N: number): number[] {
  const s: number[] = [];
  for (let k = 0; k < N; k++) s.push((b >> k) & 1 ? 1 : -1);
  return s;
}

/** Asserts that fn throws an instance of type whose message contains every fragment. */
export function throwsWith(fn: () => unknown, type: Function, ...fragments: string[]): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    for (const f of fragments) assert.ok((e as Error).message.includes(f), `message '${(e as Error).message}' lacks '${f}'`);
    return;
  }
  assert.unreachable(`expected a ${type.name} containing ${fragments.join(', ')}`);
}
