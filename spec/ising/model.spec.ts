/**
 * IsingModel (lib/ising/model.ts) and runIsing / isingObservables (lib/ising/run.ts): state,
 * energies of hand-checked configurations, running totals against naive recomputation,
 * reproducibility and bad input. References: hand-counted bonds and the naive loops of
 * model-helpers.ts (explicit (r, c) neighbours, independent of the model's neighbour tables).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IsingModel, runIsing, isingObservables } from '../../lib/ising/index.js';
import { Rng } from '../../lib/random/index.js';
import { naiveEnergy, naiveMagnetization, throwsWith } from './model-helpers.js';

test('X-ISING cold start: all +1, E = −2N − hN, M = N; fields L, N, T, h', () => {
  for (const L of [2, 3, 5, 8]) {
    const m = new IsingModel({ L, T: 1.7, h: 0.25, rng: new Rng(1), start: 'cold' });
    assert.is(m.L, L);
    assert.is(m.N, L * L);
    assert.is(m.T, 1.7);
    assert.is(m.h, 0.25);
    assert.ok(m.spins instanceof Int8Array && m.spins.length === L * L);
    assert.ok(m.spins.every((s) => s === 1));
    assert.is(m.magnetization(), L * L);
    assert.is(m.energy(), -2 * L * L - 0.25 * L * L); // 2N satisfied bonds (also on L = 2: double bonds)
  }
});

test('X-ISING random start: spins are ±1, about half up (4 SE), totals match recomputation', () => {
  const m = new IsingModel({ L: 64, T: 2, rng: new Rng(2) });
  assert.ok(m.spins.every((s) => s === 1 || s === -1));
  // M = Σ s has mean 0 and SD √N = 64 for independent fair spins; k = 4.
  assert.ok(Math.abs(m.magnetization()) < 4 * 64, `M = ${m.magnetization()}`);
  assert.is(m.magnetization(), naiveMagnetization(m.spins));
  assert.is(m.energy(), naiveEnergy(m.spins, 64));
});

test('X-ISING energies of hand-counted configurations (setSpins)', () => {
  const m2 = new IsingModel({ L: 2, T: 1, rng: new Rng(0) });
  m2.setSpins([1, -1, -1, 1]); // checkerboard on 2x2: all 8 bonds unsatisfied
  assert.is(m2.energy(), 8);
  assert.is(m2.magnetization(), 0);
  m2.setSpins([1, 1, -1, -1]); // rows: horizontal 4 bonds satisfied, vertical 4 unsatisfied
  assert.is(m2.energy(), 0);
  m2.setSpins([-1, 1, 1, 1]); // one down spin: its 4 bond slots unsatisfied, 4 satisfied
  assert.is(m2.energy(), 0);
  const m4 = new IsingModel({ L: 4, T: 1, h: 0.5, rng: new Rng(0) });
  const one = new Array(16).fill(1);
  one[5] = -1; // a single flipped spin in a ferromagnet: 4 broken bonds, E = −32 + 8; field −h(14)
  m4.setSpins(one);
  assert.is(m4.energy(), -32 + 8 - 0.5 * 14);
  assert.is(m4.magnetization(), 14);
  const stripes = Array.from({ length: 16 }, (_, i) => (Math.floor(i / 4) % 2 === 0 ? 1 : -1));
  m4.setSpins(stripes); // 16 horizontal bonds satisfied, 16 vertical broken
  assert.is(m4.energy(), 0);
});

test('X-ISING running totals equal recomputation after many updates of every kind (h = 0.3 and 0)', () => {
  for (const h of [0, 0.3]) {
    for (const L of [2, 3, 6, 16]) {
      const m = new IsingModel({ L, T: 2.3, h, rng: new Rng(10 + L) });
      for (let t = 0; t < 200; t++) {
        m.sweep();
        m.heatBathSweep();
        if (L % 2 === 0) { m.checkerboardSweep('metropolis'); m.checkerboardSweep('heatbath'); }
        if (h === 0) m.wolffStep();
        if (t % 20 === 0) {
          assert.is(m.magnetization(), naiveMagnetization(m.spins), `L=${L} h=${h} t=${t}`);
          assert.ok(Math.abs(m.energy() - naiveEnergy(m.spins, L, h)) < 1e-9, `L=${L} h=${h} t=${t}`);
        }
      }
      assert.is(m.magnetization(), naiveMagnetization(m.spins));
      assert.ok(Math.abs(m.energy() - naiveEnergy(m.spins, L, h)) < 1e-9);
    }
  }
});

test('X-ISING Wolff steps: magnetization changes by 2·size, totals equal recomputation, then sweeps continue right', () => {
  const m = new IsingModel({ L: 12, T: 2.4, rng: new Rng(33) });
  for (let t = 0; t < 300; t++) {
    const before = m.magnetization();
    const spinsBefore = Int8Array.from(m.spins);
    const size = m.wolffStep();
    let changed = 0;
    for (let i = 0; i < m.N; i++) if (m.spins[i] !== spinsBefore[i]) changed++;
    assert.is(changed, size);
    assert.is(Math.abs(m.magnetization() - before), 2 * size);
    assert.is(m.magnetization(), naiveMagnetization(m.spins));
    assert.is(m.energy(), naiveEnergy(m.spins, 12));
    m.sweep(); // the sweep must start from a correct bond sum
    assert.is(m.energy(), naiveEnergy(m.spins, 12));
  }
});

test('X-ISING recompute() after writing spins directly', () => {
  const m = new IsingModel({ L: 5, T: 2, rng: new Rng(4) });
  m.spins[7] = -m.spins[7];
  m.spins[8] = -m.spins[8];
  m.recompute();
  assert.is(m.energy(), naiveEnergy(m.spins, 5));
  assert.is(m.magnetization(), naiveMagnetization(m.spins));
  m.spins[3] = 0;
  throwsWith(() => m.recompute(), RangeError, 'IsingModel.recompute', 'spins[3]', 'got 0');
});

test('X-ISING setTemperature rebuilds the tables: flip probability of a cold spin is e^{−8/T}', () => {
  const m = new IsingModel({ L: 4, T: 2, rng: new Rng(0), start: 'cold' });
  assert.ok(Math.abs(m.siteFlipProbability(0, 'metropolis') - Math.exp(-8 / 2)) < 1e-16);
  m.setTemperature(3.5);
  assert.is(m.T, 3.5);
  assert.ok(Math.abs(m.siteFlipProbability(0, 'metropolis') - Math.exp(-8 / 3.5)) < 1e-16);
  assert.ok(Math.abs(m.siteFlipProbability(0, 'heatbath') - 1 / (1 + Math.exp(8 / 3.5))) < 1e-16);
  assert.ok(Math.abs(m.wolffAddProbability() - (1 - Math.exp(-2 / 3.5))) < 1e-15);
  assert.ok(m.spins.every((s) => s === 1)); // spins kept
});

test('X-ISING a cold lattice at very low T stays ordered; at T = 1000 Metropolis accepts nearly all flips', () => {
  const cold = new IsingModel({ L: 8, T: 0.1, rng: new Rng(1), start: 'cold' });
  // flip probability e^{−8/0.1} = e^{−80}: nothing flips
  for (let t = 0; t < 50; t++) assert.is(cold.sweep(), 0);
  assert.is(cold.energy(), -128);
  const hot = new IsingModel({ L: 8, T: 1000, rng: new Rng(1) });
  let accepted = 0;
  for (let t = 0; t < 100; t++) accepted += hot.sweep();
  // every acceptance is >= e^{−8/1000} = 0.992; the rate over 6400 attempts is > 0.99 − 4 SE (SE <= 0.0011)
  assert.ok(accepted / 6400 > 0.985, `acceptance ${accepted / 6400}`);
});

test('X-ISING reproducibility: same seed → same spins and samples; another seed differs', () => {
  const make = (seed: number) => new IsingModel({ L: 10, T: 2.269, rng: new Rng(seed) });
  const a = make(5);
  const b = make(5);
  const c = make(6);
  for (let t = 0; t < 20; t++) {
    for (const m of [a, b, c]) { m.sweep(); m.heatBathSweep(); m.checkerboardSweep(); m.wolffStep(); }
  }
  assert.equal(Array.from(a.spins), Array.from(b.spins));
  assert.not.equal(Array.from(a.spins), Array.from(c.spins));
  const runA = runIsing(make(9), { thermalize: 10, samples: 64, update: 'wolff' });
  const runB = runIsing(make(9), { thermalize: 10, samples: 64, update: 'wolff' });
  assert.equal(Array.from(runA.energy), Array.from(runB.energy));
  assert.equal(Array.from(runA.magnetization), Array.from(runB.magnetization));
});

test('X-ISING runIsing records per-sample lattice totals and rates', () => {
  const model = new IsingModel({ L: 8, T: 2.5, rng: new Rng(12) });
  const run = runIsing(model, { thermalize: 20, samples: 50, update: 'metropolis', sweepsPerSample: 3 });
  assert.is(run.energy.length, 50);
  assert.is(run.magnetization.length, 50);
  assert.is(run.energy[49], model.energy());
  assert.is(run.magnetization[49], model.magnetization());
  assert.is(run.sweepsPerSample, 3);
  assert.ok(run.acceptance! > 0 && run.acceptance! < 1);
  for (let t = 0; t < 50; t++) assert.ok(Number.isInteger(run.energy[t]) && Math.abs(run.magnetization[t]) <= 64);
  const w = runIsing(model, { thermalize: 20, samples: 30, update: 'wolff' });
  assert.ok(w.clustersPerSample! >= 1 && w.clusterSize!.length === 30);
  // clustersPerSample ≈ N / ⟨C⟩: mean flips per sample within a factor 3 of N here
  assert.ok(w.meanClusterSize! * w.clustersPerSample! > 64 / 3 && w.meanClusterSize! * w.clustersPerSample! < 3 * 64);
  const fixed = runIsing(model, { samples: 10, update: 'wolff', clustersPerSample: 4 });
  assert.is(fixed.clustersPerSample, 4);
});

test('X-ISING isingObservables: exact formulas on a hand-made run', () => {
  // A fake run with known samples: E in {−10, −6}, M in {4, −2, 0, 2} (N = 4, T = 2).
  const E = new Float64Array([-10, -6, -10, -6, -10, -6, -10, -6]);
  const M = new Float64Array([4, -2, 0, 2, 4, -2, 0, 2]);
  const run = { update: 'metropolis' as const, L: 2, N: 4, T: 2, h: 0, energy: E, magnetization: M, sweepsPerSample: 1 };
  const o = isingObservables(run);
  assert.is(o.energy.value, -8);
  assert.is(o.energyPerSpin.value, -2);
  assert.ok(Math.abs(o.heatCapacityPerSpin.value - 4 / (4 * 4)) < 1e-15); // Var(E) = 4, / (N T²)
  assert.is(o.absMagnetization.value, 2);
  assert.is(o.magnetization2.value, 6); // (16 + 4 + 0 + 4)/4
  assert.ok(Math.abs(o.susceptibilityAbsPerSpin.value - (6 - 4) / (4 * 2)) < 1e-15); // (⟨M²⟩ − ⟨|M|⟩²)/(N T)
  // ⟨m²⟩ = 6/16, ⟨m⁴⟩ = (1 + 1/16 + 0 + 1/16)/4 = 9/32; U = 1 − (9/32)/(3·(6/16)²) = 1/3
  assert.ok(Math.abs(o.binder.value - 1 / 3) < 1e-15);
});

test('X-ISING bad input: constructor, setTemperature, setSpins, checkerboard, Wolff, siteFlipProbability', () => {
  const rng = new Rng(0);
  throwsWith(() => new IsingModel({ L: 1, T: 2, rng }), RangeError, 'new IsingModel', 'L must be an integer >= 2', 'got 1');
  throwsWith(() => new IsingModel({ L: 2.5, T: 2, rng }), RangeError, 'new IsingModel', 'got 2.5');
  throwsWith(() => new IsingModel({ L: 4, T: 0, rng }), RangeError, 'new IsingModel', 'T must be a finite number > 0', 'got 0');
  throwsWith(() => new IsingModel({ L: 4, T: -1, rng }), RangeError, 'got -1');
  throwsWith(() => new IsingModel({ L: 4, T: Infinity, rng }), RangeError, 'got Infinity');
  throwsWith(() => new IsingModel({ L: 4, T: NaN, rng }), RangeError, 'got NaN');
  throwsWith(() => new IsingModel({ L: 4, T: 2, h: NaN, rng }), RangeError, 'h must be a finite number', 'got NaN');
  throwsWith(() => new IsingModel({ L: 4, T: 2, rng: {} as Rng }), TypeError, 'rng must be an Rng');
  throwsWith(() => new IsingModel({ L: 4, T: 2, rng, start: 'hot' as 'cold' }), RangeError, "start must be 'random' or 'cold'", 'got "hot"');
  const m = new IsingModel({ L: 3, T: 2, rng });
  throwsWith(() => m.setTemperature(-2), RangeError, 'IsingModel.setTemperature', 'got -2');
  throwsWith(() => m.setSpins([1, 1, 1]), RangeError, 'IsingModel.setSpins', 'length N = 9', 'got 3');
  throwsWith(() => m.setSpins([1, 1, 1, 1, 0, 1, 1, 1, 1]), RangeError, 'spins[4] must be +1 or -1', 'got 0');
  throwsWith(() => m.setSpins([1, 1, 1, 1, 1, 1, 1, 1, 2]), RangeError, 'spins[8]', 'got 2');
  throwsWith(() => m.setSpins(null as unknown as number[]), TypeError, 'IsingModel.setSpins');
  throwsWith(() => m.checkerboardSweep(), RangeError, 'IsingModel.checkerboardSweep', 'even L', 'got L = 3');
  throwsWith(() => new IsingModel({ L: 4, T: 2, rng }).checkerboardSweep('gibbs' as 'heatbath'), RangeError, "kind must be 'metropolis' or 'heatbath'", 'got "gibbs"');
  throwsWith(() => new IsingModel({ L: 4, T: 2, h: 0.1, rng }).wolffStep(), RangeError, 'IsingModel.wolffStep', 'needs h = 0', 'got h = 0.1');
  throwsWith(() => m.siteFlipProbability(9, 'metropolis'), RangeError, 'site must be an integer in [0, 8]', 'got 9');
  throwsWith(() => m.siteFlipProbability(0, 'wolff' as 'heatbath'), RangeError, "rule must be 'metropolis' or 'heatbath'");
});

test('X-ISING bad input: runIsing and isingObservables', () => {
  const m = new IsingModel({ L: 4, T: 2, rng: new Rng(0) });
  throwsWith(() => runIsing({} as IsingModel, { samples: 4 }), TypeError, 'runIsing: model must be an IsingModel');
  throwsWith(() => runIsing(m, { samples: 0 }), RangeError, 'runIsing: samples must be an integer >= 1', 'got 0');
  throwsWith(() => runIsing(m, { samples: 4, thermalize: -1 }), RangeError, 'thermalize must be an integer >= 0', 'got -1');
  throwsWith(() => runIsing(m, { samples: 4, sweepsPerSample: 1.5 }), RangeError, 'sweepsPerSample', 'got 1.5');
  throwsWith(() => runIsing(m, { samples: 4, update: 'gibbs' as 'heatbath' }), RangeError, 'update must be', "got 'gibbs'");
  throwsWith(() => runIsing(m, { samples: 4, update: 'metropolis', clustersPerSample: 2 }), RangeError, "clustersPerSample is for update 'wolff' only");
  throwsWith(() => runIsing(m, { samples: 4, update: 'wolff' }), RangeError, 'thermalize = 0 needs clustersPerSample');
  throwsWith(() => runIsing(new IsingModel({ L: 3, T: 2, rng: new Rng(0) }), { samples: 4, update: 'checkerboard' }), RangeError, 'even L', 'got L = 3');
  throwsWith(() => runIsing(new IsingModel({ L: 4, T: 2, h: 1, rng: new Rng(0) }), { samples: 4, update: 'wolff', clustersPerSample: 1 }), RangeError, "'wolff' needs h = 0", 'got h = 1');
  const run = runIsing(m, { samples: 3 });
  throwsWith(() => isingObservables(run), RangeError, 'isingObservables', 'at least 4 samples', 'got 3');
  throwsWith(() => isingObservables({} as never), TypeError, 'isingObservables: run must be the result of runIsing');
  const run8 = runIsing(m, { samples: 8 });
  m.setTemperature(3);
  throwsWith(() => isingObservables(run8, m), RangeError, 'model (N = 16, T = 3) is not the run', 'T = 2');
});

test.run();
