/**
 * The sweeps of IsingModel (sweep, heatBathSweep, checkerboardSweep) keep the xoshiro128** words
 * in local variables for the whole sweep. They must consume exactly the 32-bit words that
 * `rng.nextUint32()` calls would, in the same order, so every result is bit-identical to the
 * earlier implementation: same seed -> same spins, same generator state afterwards.
 *
 * Reference: the site-visit code of lib/ising/model.ts as of commit d23d024 (before the change),
 * copied below as plain functions that draw every word through `rng.nextUint32()` and decide
 * ties with `rng.bernoulli(frac)`. The tie branch (probability 2^-32 per draw) is exercised by
 * crafting a generator state whose first word equals the threshold of the first site visited.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IsingModel, ISING_TC } from '../../lib/ising/index.js';
import { Rng } from '../../lib/random/index.js';
import { naiveEnergy, naiveMagnetization } from './model-helpers.js';

// ---------------------------------------------------------------------------------------------
// Reference: verbatim logic of lib/ising/model.ts at d23d024 (tables, decide, the three loops).

const TWO32 = 4294967296;

interface Tables {
  metThr: Float64Array;
  metFrac: Float64Array;
  hbThr: Float64Array;
  hbFrac: Float64Array;
}

function setThreshold(thr: Float64Array, frac: Float64Array, k: number, p: number): void {
  if (p >= 1) { thr[k] = TWO32; frac[k] = 0; return; }
  const t = p * TWO32;
  thr[k] = Math.floor(t);
  frac[k] = t - thr[k];
}

function buildTables(T: number, h: number): Tables {
  const tb: Tables = { metThr: new Float64Array(10), metFrac: new Float64Array(10), hbThr: new Float64Array(5), hbFrac: new Float64Array(5) };
  for (let up = 0; up < 2; up++) {
    const s = up === 1 ? 1 : -1;
    for (let nb = -4; nb <= 4; nb += 2) {
      const dE = 2 * s * (nb + h);
      const p = dE <= 0 ? 1 : Math.exp(-dE / T);
      setThreshold(tb.metThr, tb.metFrac, 5 * up + ((s * nb + 4) >> 1), p);
    }
  }
  for (let nb = -4; nb <= 4; nb += 2) {
    const p = 1 / (1 + Math.exp((-2 * (nb + h)) / T));
    setThreshold(tb.hbThr, tb.hbFrac, (nb + 4) >> 1, p);
  }
  return tb;
}

function decide(rng: Rng, thr: number, frac: number): boolean {
  if (thr >= TWO32) return true;
  const x = rng.nextUint32();
  return x < thr || (x === thr && rng.bernoulli(frac));
}

function refSweep(spins: Int8Array, L: number, tb: Tables, rng: Rng): number {
  const N = L * L;
  const thr = tb.metThr;
  const frac = tb.metFrac;
  let accepted = 0;
  for (let r = 0; r < L; r++) {
    const row = r * L;
    const up = r === 0 ? N - L : row - L;
    const down = r === L - 1 ? 0 : row + L;
    for (let c = 0; c < L; c++) {
      const i = row + c;
      const s = spins[i];
      const nb = spins[up + c] + spins[down + c] + spins[c === 0 ? i + L - 1 : i - 1] + spins[c === L - 1 ? row : i + 1];
      const k = 5 * ((s + 1) >> 1) + ((s * nb + 4) >> 1);
      const a = thr[k];
      let flip = a >= TWO32;
      if (!flip) {
        const x = rng.nextUint32();
        flip = x < a || (x === a && rng.bernoulli(frac[k]));
      }
      if (flip) {
        spins[i] = -s;
        accepted++;
      }
    }
  }
  return accepted;
}

function refHeatBathSweep(spins: Int8Array, L: number, tb: Tables, rng: Rng): number {
  const N = L * L;
  let changed = 0;
  for (let r = 0; r < L; r++) {
    const row = r * L;
    const up = r === 0 ? N - L : row - L;
    const down = r === L - 1 ? 0 : row + L;
    for (let c = 0; c < L; c++) {
      const i = row + c;
      const s = spins[i];
      const nb = spins[up + c] + spins[down + c] + spins[c === 0 ? i + L - 1 : i - 1] + spins[c === L - 1 ? row : i + 1];
      const k = (nb + 4) >> 1;
      const sNew = decide(rng, tb.hbThr[k], tb.hbFrac[k]) ? 1 : -1;
      if (sNew !== s) {
        spins[i] = sNew;
        changed++;
      }
    }
  }
  return changed;
}

function refColourSweep(spins: Int8Array, L: number, tb: Tables, rng: Rng, colour: number, heat: boolean): number {
  const N = L * L;
  const thr = heat ? tb.hbThr : tb.metThr;
  const frac = heat ? tb.hbFrac : tb.metFrac;
  let changed = 0;
  for (let r = 0; r < L; r++) {
    const row = r * L;
    const up = r === 0 ? N - L : row - L;
    const down = r === L - 1 ? 0 : row + L;
    for (let c = (r + colour) & 1; c < L; c += 2) {
      const i = row + c;
      const s = spins[i];
      const nb = spins[up + c] + spins[down + c] + spins[c === 0 ? i + L - 1 : i - 1] + spins[c === L - 1 ? row : i + 1];
      let flip: boolean;
      if (heat) {
        const k = (nb + 4) >> 1;
        flip = decide(rng, thr[k], frac[k]) !== (s === 1);
      } else {
        const k = 5 * ((s + 1) >> 1) + ((s * nb + 4) >> 1);
        flip = decide(rng, thr[k], frac[k]);
      }
      if (flip) {
        spins[i] = -s;
        changed++;
      }
    }
  }
  return changed;
}

type Kind = 'metropolis' | 'heatbath' | 'checker-metropolis' | 'checker-heatbath';

function refStep(kind: Kind, spins: Int8Array, L: number, tb: Tables, rng: Rng): number {
  if (kind === 'metropolis') return refSweep(spins, L, tb, rng);
  if (kind === 'heatbath') return refHeatBathSweep(spins, L, tb, rng);
  const heat = kind === 'checker-heatbath';
  return refColourSweep(spins, L, tb, rng, 0, heat) + refColourSweep(spins, L, tb, rng, 1, heat);
}

function modelStep(kind: Kind, model: IsingModel): number {
  if (kind === 'metropolis') return model.sweep();
  if (kind === 'heatbath') return model.heatBathSweep();
  return model.checkerboardSweep(kind === 'checker-heatbath' ? 'heatbath' : 'metropolis');
}

// ---------------------------------------------------------------------------------------------
// Helpers

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

function assertSameRun(model: IsingModel, refSpins: Int8Array, refRng: Rng, what: string): void {
  assert.equal(Array.from(model.spins), Array.from(refSpins), `${what}: spins differ`);
  assert.equal(model.rng.state(), refRng.state(), `${what}: generator states differ`);
  // The running totals the fast loops keep are still right (naive loops of model-helpers.ts):
  // the bond sum and M are integers, compared exactly; E = −bonds − h M with that rounding.
  const bonds = -naiveEnergy(refSpins, model.L, 0);
  const M = naiveMagnetization(refSpins);
  assert.is(model.magnetization(), M, `${what}: magnetization`);
  assert.is(model.energy(), -bonds - model.h * M, `${what}: energy`);
}

/**
 * Runs `sweeps` sweeps of `kind` on the model and on the reference (same start, cloned
 * generator), changing T along the schedule, and asserts identical return values every sweep
 * and identical spins, generator state and totals at every temperature change and at the end.
 */
function compare(kind: Kind, L: number, h: number, temps: number[], sweepsPerT: number, seed: number): void {
  const model = new IsingModel({ L, T: temps[0], h, rng: new Rng(seed) });
  const spins = Int8Array.from(model.spins); // after the random start (which drew N words)
  const rng = model.rng.clone();
  for (const T of temps) {
    model.setTemperature(T);
    const tb = buildTables(T, h);
    for (let t = 0; t < sweepsPerT; t++) {
      const got = modelStep(kind, model);
      const want = refStep(kind, spins, L, tb, rng);
      if (got !== want) assert.unreachable(`${kind} L=${L} h=${h} T=${T} sweep ${t}: returned ${got}, reference ${want}`);
    }
    assertSameRun(model, spins, rng, `${kind} L=${L} h=${h} T=${T}`);
  }
}

const TEMPS = [1.0, 1.5, ISING_TC, 3.5, 10];

// ---------------------------------------------------------------------------------------------

test('sweep() (Metropolis, words in locals) is bit-identical to the nextUint32 reference: L = 2, 3, 5, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
  let seed = 100;
  for (const L of [2, 3, 5, 16]) {
    for (const h of [0, 0.3, -1.1]) compare('metropolis', L, h, TEMPS, L === 16 ? 60 : 100, seed++);
  }
});

test('heatBathSweep() is bit-identical to the nextUint32 reference: L = 2, 3, 5, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
  let seed = 200;
  for (const L of [2, 3, 5, 16]) {
    for (const h of [0, 0.3, -1.1]) compare('heatbath', L, h, TEMPS, L === 16 ? 60 : 100, seed++);
  }
});

test('checkerboardSweep (both rules) is bit-identical to the nextUint32 reference: L = 2, 4, 16; 5 temperatures; h = 0, 0.3, −1.1', () => {
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
  const model = new IsingModel({ L, T, rng: new Rng(7) });
  const spins = Int8Array.from(model.spins);
  let rng = model.rng.clone();
  const tb = buildTables(T, 0);
  const kinds: Kind[] = ['metropolis', 'heatbath', 'checker-metropolis', 'checker-heatbath'];
  for (let t = 0; t < 200; t++) {
    const kind = kinds[t % 4];
    assert.is(modelStep(kind, model), refStep(kind, spins, L, tb, rng), `step ${t} (${kind})`);
    // words drawn outside the sweeps continue from where the sweep left the generator
    assert.is(model.rng.nextUint32(), rng.nextUint32(), `draw after step ${t}`);
    if (t % 10 === 9) {
      // A Wolff step (unchanged code, not re-implemented here) leaves the bond sum stale; the
      // next sweep must recompute it. The reference takes over the model's spins and generator.
      model.wolffStep();
      spins.set(model.spins);
      rng = Rng.fromState(model.rng.state());
    }
  }
  assertSameRun(model, spins, rng, 'mixed schedule');
});

test('tie branch (x equals the threshold, probability 2^-32): rng.bernoulli(frac) decides with the generator written back', () => {
  // Cold start draws no words, so the first word of a sweep decides site (0, 0): s = +1 and
  // nb = 4, table index 9 (Metropolis, p = e^{−2(4 + h)/T} < 1) or 4 (heat bath, p(+1) < 1).
  const L = 4;
  for (const h of [0, 0.3]) {
    for (const T of [1.5, ISING_TC, 3.5]) {
      const tb = buildTables(T, h);
      const cases: [Kind, number][] = [
        ['metropolis', tb.metThr[9]],
        ['heatbath', tb.hbThr[4]],
        ['checker-metropolis', tb.metThr[9]],
        ['checker-heatbath', tb.hbThr[4]],
      ];
      for (const [kind, thr] of cases) {
        assert.ok(thr < TWO32 && Number.isInteger(thr), `${kind}: threshold ${thr} is a 32-bit integer`);
        const rngModel = rngWithFirstWord(thr);
        assert.is(rngModel.clone().nextUint32(), thr, 'crafted generator starts with the threshold');
        const model = new IsingModel({ L, T, h, rng: rngModel, start: 'cold' });
        const spins = Int8Array.from(model.spins);
        const rng = rngWithFirstWord(thr);
        for (let t = 0; t < 20; t++) {
          assert.is(modelStep(kind, model), refStep(kind, spins, L, tb, rng), `${kind} h=${h} T=${T} sweep ${t}`);
        }
        assertSameRun(model, spins, rng, `tie ${kind} h=${h} T=${T}`);
      }
    }
  }
});

test.run();
