/**
 * The sweeps of IsingModel (sweep, heatBathSweep, checkerboardSweep) run one optimized loop,
 * siteSweep: acceptance tables built once per temperature, the xoshiro128** words in local
 * variables for the whole pass. They must give exactly what the readable reference
 * `IsingModel.referenceSweep` gives — the notes' rule written plainly (ΔE = 2 s (nb + h), flip if
 * ΔE <= 0 or u < e^{−ΔE/T}; heat bath s = +1 iff u < 1/(1 + e^{−2(nb + h)/T})), one exp per site,
 * every word drawn through `rng.nextUint32()`: same seed -> same spins, same return values, same
 * generator state afterwards. The tie branch (x equals the threshold, probability 2^-32 per draw)
 * is exercised by crafting a generator state whose first word equals the threshold of the first
 * site visited.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IsingModel, ISING_TC } from '../../lib/ising/index.js';
import { Rng } from '../../lib/random/index.js';
import { naiveEnergy, naiveMagnetization } from './model-helpers.js';

const TWO32 = 4294967296;

type Kind = 'metropolis' | 'heatbath' | 'checker-metropolis' | 'checker-heatbath';

function fastStep(kind: Kind, model: IsingModel): number {
  if (kind === 'metropolis') return model.sweep();
  if (kind === 'heatbath') return model.heatBathSweep();
  return model.checkerboardSweep(kind === 'checker-heatbath' ? 'heatbath' : 'metropolis');
}

function referenceStep(kind: Kind, model: IsingModel): number {
  if (kind === 'metropolis' || kind === 'heatbath') return model.referenceSweep(kind);
  const rule = kind === 'checker-heatbath' ? 'heatbath' : 'metropolis';
  return model.referenceSweep(rule, 'black') + model.referenceSweep(rule, 'white');
}

/** ⌊p·2^32⌋ for the probability of a site visit: the 32-bit word that ties with it. */
function threshold(p: number): number {
  return Math.floor(p * TWO32);
}

/**
 * A generator whose FIRST nextUint32() is exactly `x`. The xoshiro128** output depends on s1
 * only, x = rotl(s1 * 5, 7) * 9 (mod 2^32), so s1 = rotr(x * 9^-1, 7) * 5^-1 (inverses mod 2^32,
 * computed here with BigInt); the other words are arbitrary.
 */
function rngWithFirstWord(x: number): Rng {
  const M = 1n << 32n;
  const inverse = (a: bigint): bigint => {
    // extended Euclid for a^-1 mod 2^32 (a odd)
    let [r0, r1, t0, t1] = [M, a, 0n, 1n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1] = [r1, r0 - q * r1];
      [t0, t1] = [t1, t0 - q * t1];
    }
    return ((t0 % M) + M) % M;
  };
  const y = (BigInt(x) * inverse(9n)) % M; // = rotl(s1 * 5, 7)
  const z = ((y >> 7n) | (y << 25n)) % M; // rotr 7 = s1 * 5
  const s1 = Number((z * inverse(5n)) % M);
  return Rng.fromState([0x12345678, s1, 0x9abcdef0, 0x0badf00d]);
}

function assertSameRun(fast: IsingModel, ref: IsingModel, what: string): void {
  assert.equal(Array.from(fast.spins), Array.from(ref.spins), `${what}: spins differ`);
  assert.equal(fast.rng.state(), ref.rng.state(), `${what}: generator states differ`);
  // The running totals the fast loop keeps are still right (naive loops of model-helpers.ts):
  // the bond sum and M are integers, compared exactly; E = −bonds − h M with that rounding.
  const bonds = -naiveEnergy(ref.spins, fast.L, 0);
  const M = naiveMagnetization(ref.spins);
  assert.is(fast.magnetization(), M, `${what}: magnetization`);
  assert.is(fast.energy(), -bonds - fast.h * M, `${what}: energy`);
}

/**
 * Runs `sweepsPerT` sweeps of `kind` on two models with the same seed, one with the fast sweep and
 * one with the reference, changing T along the schedule, and asserts identical return values every
 * sweep and identical spins, generator state and totals at every temperature change and at the end.
 */
function compare(kind: Kind, L: number, h: number, temps: number[], sweepsPerT: number, seed: number): void {
  const fast = new IsingModel({ L, T: temps[0], h, rng: new Rng(seed) });
  const ref = new IsingModel({ L, T: temps[0], h, rng: new Rng(seed) });
  for (const T of temps) {
    fast.setTemperature(T);
    ref.setTemperature(T);
    for (let t = 0; t < sweepsPerT; t++) {
      const got = fastStep(kind, fast);
      const want = referenceStep(kind, ref);
      if (got !== want) assert.unreachable(`${kind} L=${L} h=${h} T=${T} sweep ${t}: returned ${got}, reference ${want}`);
    }
    assertSameRun(fast, ref, `${kind} L=${L} h=${h} T=${T}`);
  }
}

const TEMPS = [1.0, 1.5, ISING_TC, 3.5, 10];

// ---------------------------------------------------------------------------------------------

test('sweep() (Metropolis, tables and words in locals) is bit-identical to referenceSweep: L = 2, 3, 5, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
  let seed = 100;
  for (const L of [2, 3, 5, 16]) {
    for (const h of [0, 0.3, -1.1]) compare('metropolis', L, h, TEMPS, L === 16 ? 60 : 100, seed++);
  }
});

test('heatBathSweep() is bit-identical to referenceSweep(\'heatbath\'): L = 2, 3, 5, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
  let seed = 200;
  for (const L of [2, 3, 5, 16]) {
    for (const h of [0, 0.3, -1.1]) compare('heatbath', L, h, TEMPS, L === 16 ? 60 : 100, seed++);
  }
});

test('checkerboardSweep (both rules) is bit-identical to referenceSweep on black then white sites: L = 2, 4, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
  let seed = 300;
  for (const kind of ['checker-metropolis', 'checker-heatbath'] as const) {
    for (const L of [2, 4, 16]) {
      for (const h of [0, 0.3, -1.1]) compare(kind, L, h, TEMPS, L === 16 ? 60 : 100, seed++);
    }
  }
});

test('mixed schedule: sweeps of every kind, plain rng draws in between, and Wolff steps stay bit-identical', () => {
  const L = 8;
  const T = ISING_TC;
  const fast = new IsingModel({ L, T, rng: new Rng(7) });
  const ref = new IsingModel({ L, T, rng: new Rng(7) });
  const kinds: Kind[] = ['metropolis', 'heatbath', 'checker-metropolis', 'checker-heatbath'];
  for (let t = 0; t < 200; t++) {
    const kind = kinds[t % 4];
    assert.is(fastStep(kind, fast), referenceStep(kind, ref), `step ${t} (${kind})`);
    // words drawn outside the sweeps continue from where the sweep left the generator
    assert.is(fast.rng.nextUint32(), ref.rng.nextUint32(), `draw after step ${t}`);
    if (t % 10 === 9) {
      // A Wolff step leaves the fast model's bond sum stale; its next sweep must recompute it.
      assert.is(fast.wolffStep(), ref.wolffStep(), `Wolff step after ${t}`);
    }
  }
  assertSameRun(fast, ref, 'mixed schedule');
});

test('tie branch (x equals the threshold, probability 2^-32): rng.bernoulli(frac) decides with the generator written back', () => {
  // Cold start draws no words, so the first word of a sweep decides site (0, 0): s = +1 and
  // nb = 4, so the Metropolis probability is e^{−2(4 + h)/T} and the heat-bath p(+1) is
  // 1/(1 + e^{−2(4 + h)/T}), both < 1. A generator whose first word is ⌊p·2^32⌋ ties there.
  const L = 4;
  for (const h of [0, 0.3]) {
    for (const T of [1.5, ISING_TC, 3.5]) {
      const pMetropolis = Math.exp(-2 * (4 + h) / T);
      const pHeatBath = 1 / (1 + Math.exp((-2 * (4 + h)) / T));
      const cases: [Kind, number][] = [
        ['metropolis', threshold(pMetropolis)],
        ['heatbath', threshold(pHeatBath)],
        ['checker-metropolis', threshold(pMetropolis)],
        ['checker-heatbath', threshold(pHeatBath)],
      ];
      for (const [kind, thr] of cases) {
        assert.ok(thr < TWO32 && Number.isInteger(thr), `${kind}: threshold ${thr} is a 32-bit integer`);
        const fast = new IsingModel({ L, T, h, rng: rngWithFirstWord(thr), start: 'cold' });
        const ref = new IsingModel({ L, T, h, rng: rngWithFirstWord(thr), start: 'cold' });
        assert.is(fast.rng.clone().nextUint32(), thr, 'crafted generator starts with the threshold');
        for (let t = 0; t < 20; t++) {
          assert.is(fastStep(kind, fast), referenceStep(kind, ref), `${kind} h=${h} T=${T} sweep ${t}`);
        }
        assertSameRun(fast, ref, `tie ${kind} h=${h} T=${T}`);
      }
    }
  }
});

test.run();
