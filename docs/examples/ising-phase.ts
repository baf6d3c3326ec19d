/**
 * The 2D Ising phase transition in pictures: `npx tsx docs/examples/ising-phase.ts` (about
 * 20 s on one core; `--quick`: about 4 s with fewer samples; `--help` for the options).
 *
 * 1. A temperature scan T = 1.5, 1.6, …, 3.5 (plus T_c) on L = 8, 16, 32 with the Wolff cluster
 *    update at every temperature (h = 0, so Wolff is valid everywhere; near T_c it is the only
 *    practical choice, and far from T_c it is merely as good as Metropolis per flipped spin —
 *    one sample is about one sweep's worth of flipped spins, `runIsing`'s default). Each point has
 *    2^13 samples after 1000 sweep-equivalents of thermalization, cold start.
 *    Drawn against the exact references (tour-output/examples/ising-phase/*.svg):
 *      - ⟨|m|⟩ with Onsager–Yang's m(T) and exact enumeration on L = 4;
 *      - E/N with Kaufman's finite-lattice energy for each L and Onsager's infinite-lattice one;
 *      - C/N with Kaufman's heat capacity for each L (peak growing like ln L) and Onsager's;
 *      - the Binder cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²) with the exact L = 2, 3, 4 curves;
 *        the curves for different L cross near T_c.
 *    Monte Carlo points are markers with ± 1 standard-error bars (blocking; jackknife for C and U),
 *    exact curves are lines; T_c is a dashed vertical line.
 * 2. Spin configurations of a 128×128 lattice below (T = 1.8), at (T_c) and above (T = 3.2) the
 *    transition, white = +1, black = −1, each panel labelled with its temperature (spins.png).
 * 3. Critical slowing down: the integrated autocorrelation time of |M| at T_c for Metropolis and
 *    Wolff on L = 8, 16, 32, in sweeps (Wolff: per sweep-equivalent of flipped spins).
 *    Metropolis grows like L^z with z ≈ 2.17, Wolff barely grows (z ≈ 0.25). The library's
 *    benchmark `bench/ising-autocorr.ts` does the same for L = 16, 32, 64 with a fit of z.
 *
 * Also prints a table of Monte Carlo ⟨E⟩/N and C/N against Kaufman with z-scores.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ProgressReporter,
  imageGrid,
  integratedAutocorrTime,
  IsingModel,
  ISING_TC,
  isingExact,
  isingKaufman,
  isingObservables,
  linePlot,
  onsagerEnergyPerSpin,
  onsagerHeatCapacityPerSpin,
  onsagerMagnetization,
  Rng,
  runIsing,
  type PlotSeries,
} from '../../lib/index.js';
import { writePng, writeSvg } from '../../lib/io-node.js';
import { exampleCli, repoRoot } from './support/cli.js';

const cli = exampleCli('ising-phase', `
The 2D Ising phase transition: a Wolff temperature scan on L = 8, 16, 32 drawn against Onsager,
Kaufman and exact enumeration; spin configurations below, at and above T_c; the autocorrelation
time of |M| at T_c for Metropolis and Wolff (critical slowing down).`, {
  samples: { help: 'samples per temperature in the scan', default: 8192, quick: 1024, min: 16 },
  thermalize: { help: 'sweep-equivalents of thermalization per temperature', default: 1000, quick: 200, min: 0 },
});
const quick = cli.quick;
const out = cli.out;
const rng = new Rng(2026);

// ---------------------------------------------------------------------------------------------
// 1. Temperature scan
const sizes = [8, 16, 32];
const temps: number[] = [];
for (let i = 0; i <= 20; i++) temps.push(1.5 + 0.1 * i);
temps.push(ISING_TC);
temps.sort((a, b) => a - b);
const samples = cli.values.samples;
const thermalize = cli.values.thermalize;

interface Point { T: number; absM: number; e: number; c: number; u: number; mErr: number; eErr: number; cErr: number; uErr: number }
const scan = new Map<number, Point[]>();
const t0 = performance.now();
const bar = new ProgressReporter('Wolff scan', sizes.length * temps.length, { progress: true, unit: 'temperatures' });
for (const L of sizes) {
  const pts: Point[] = [];
  const model = new IsingModel({ L, T: temps[0], rng: rng.split(), start: 'cold' });
  for (const T of temps) {
    model.setTemperature(T); // continue from the previous temperature's state (annealing upwards)
    const run = runIsing(model, { update: 'wolff', thermalize, samples });
    const o = isingObservables(run, model);
    pts.push({
      T, absM: o.absMagnetizationPerSpin.value, e: o.energyPerSpin.value, c: o.heatCapacityPerSpin.value, u: o.binder.value,
      mErr: o.absMagnetizationPerSpin.error, eErr: o.energyPerSpin.error, cErr: o.heatCapacityPerSpin.error, uErr: o.binder.error,
    });
    bar.update(scan.size * temps.length + pts.length);
  }
  scan.set(L, pts);
}
bar.finish();
console.log(`Wolff scan: ${sizes.length} sizes × ${temps.length} temperatures × ${samples} samples in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

console.log('\nMonte Carlo vs Kaufman (z = (MC − exact)/SE; |z| < 4 expected):');
console.log('   L     T      E/N MC        E/N exact     z     C/N MC     C/N exact    z');
for (const L of sizes) {
  for (const p of scan.get(L)!) {
    if (![2.0, ISING_TC, 3.0].some((T) => Math.abs(T - p.T) < 1e-9)) continue;
    const k = isingKaufman(L, p.T);
    const eEx = k.energyPerSpin, cEx = k.heatCapacityPerSpin;
    console.log(`  ${String(L).padStart(2)}  ${p.T.toFixed(3)}  ${p.e.toFixed(5).padStart(10)}  ${eEx.toFixed(5).padStart(12)}  ${((p.e - eEx) / p.eErr).toFixed(1).padStart(5)}  ${p.c.toFixed(4).padStart(9)}  ${cEx.toFixed(4).padStart(10)}  ${((p.c - cEx) / p.cErr).toFixed(1).padStart(5)}`);
  }
}

// Exact curves on a fine grid.
const fine: number[] = [];
for (let i = 0; i <= 200; i++) fine.push(1.5 + 0.01 * i);
const dark = ['#1f77b4', '#ff7f0e', '#2ca02c'];
const light = ['#9ecae1', '#fdbe85', '#a1d99b'];
const markers = ['circle', 'square', 'triangle'] as const;
/** Monte Carlo points: markers with ± 1 SE bars, no joining line (the lines are the exact curves). */
const mc = (f: (p: Point) => number, err: (p: Point) => number): PlotSeries[] =>
  sizes.map((L, i) => ({
    x: scan.get(L)!.map((p) => p.T), y: scan.get(L)!.map(f), yErr: scan.get(L)!.map(err),
    label: `Wolff L=${L} ± SE`, color: dark[i], marker: markers[i], line: false,
  }));
const tcLine = (lo: number, hi: number): PlotSeries => ({ x: [ISING_TC, ISING_TC], y: [lo, hi], label: 'T_c', color: '#999999', dash: true, lineWidth: 1 });

writeSvg(join(out, 'magnetization.svg'), linePlot({
  title: '⟨|m|⟩ per spin', xLabel: 'T', yLabel: '⟨|M|⟩ / N', yLim: [0, 1.05],
  series: [
    tcLine(0, 1.05),
    { x: fine, y: fine.map(onsagerMagnetization), label: 'Onsager L=∞', color: 'black' },
    { x: fine, y: fine.map((T) => isingExact(4, T).absMagnetization / 16), label: 'exact L=4', color: '#aaaaaa', dash: '2 3' },
    ...mc((p) => p.absM, (p) => p.mErr),
  ],
}));
writeSvg(join(out, 'energy.svg'), linePlot({
  title: 'Energy per spin', xLabel: 'T', yLabel: 'E / N',
  series: [
    tcLine(-2, -0.5),
    { x: fine, y: fine.map(onsagerEnergyPerSpin), label: 'Onsager L=∞', color: 'black' },
    ...sizes.map((L, i) => ({ x: fine, y: fine.map((T) => isingKaufman(L, T).energy / (L * L)), label: `Kaufman L=${L}`, color: light[i] })),
    ...mc((p) => p.e, (p) => p.eErr),
  ],
}));
// Onsager's c diverges at T_c: draw it where it is below 3.
const cFine = fine.filter((T) => Math.abs(T - ISING_TC) > 0.005);
writeSvg(join(out, 'heat-capacity.svg'), linePlot({
  title: 'Heat capacity per spin (Onsager L=∞ diverges at T_c; drawn up to 3)', xLabel: 'T', yLabel: 'C / N', yLim: [0, 3],
  series: [
    tcLine(0, 3),
    { x: cFine.filter((T) => T < ISING_TC), y: cFine.filter((T) => T < ISING_TC).map((T) => Math.min(3, onsagerHeatCapacityPerSpin(T))), label: 'Onsager L=∞', color: 'black' },
    { x: cFine.filter((T) => T > ISING_TC), y: cFine.filter((T) => T > ISING_TC).map((T) => Math.min(3, onsagerHeatCapacityPerSpin(T))), color: 'black' },
    ...sizes.map((L, i) => ({ x: fine, y: fine.map((T) => isingKaufman(L, T).heatCapacityPerSpin), label: `Kaufman L=${L}`, color: light[i] })),
    ...mc((p) => p.c, (p) => p.cErr),
  ],
}));
writeSvg(join(out, 'binder.svg'), linePlot({
  title: 'Binder cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²)', xLabel: 'T', yLabel: 'U',
  series: [
    tcLine(0, 2 / 3),
    ...[2, 3, 4].map((L, i) => ({ x: fine, y: fine.map((T) => isingExact(L, T).binder), label: `exact L=${L}`, color: ['#cccccc', '#aaaaaa', '#777777'][i], dash: '2 3' })),
    ...mc((p) => p.u, (p) => p.uErr),
  ],
}));

// ---------------------------------------------------------------------------------------------
// 2. Spin configurations, 128×128, shown at 2× (nearest neighbour)
const side = 128, zoom = 2;
const tiles: Float64Array[] = [];
const tileLabels: string[] = [];
for (const [T, how] of [[1.8, 'wolff'], [ISING_TC, 'wolff'], [3.2, 'metropolis']] as const) {
  const model = new IsingModel({ L: side, T, rng: rng.split(), start: 'random' });
  runIsing(model, { update: how, thermalize: quick ? 100 : 500, samples: 1 });
  const tile = new Float64Array(side * zoom * side * zoom);
  for (let y = 0; y < side * zoom; y++) {
    for (let x = 0; x < side * zoom; x++) tile[y * side * zoom + x] = model.spins[Math.floor(y / zoom) * side + Math.floor(x / zoom)];
  }
  tiles.push(tile);
  tileLabels.push(`T = ${T.toFixed(3)}${Math.abs(T - ISING_TC) < 1e-9 ? ' = T_c' : ''}`);
  console.log(`spins at T = ${T.toFixed(3)} (${how}): |m| = ${(Math.abs(model.magnetization()) / model.N).toFixed(3)}, E/N = ${(model.energy() / model.N).toFixed(3)}`);
}
writePng(join(out, 'spins.png'), imageGrid(tiles, side * zoom, side * zoom, 3, { padding: 6, padValue: 128, normalize: { min: -1, max: 1 }, tileLabels }));

// ---------------------------------------------------------------------------------------------
// 3. Autocorrelation time of |M| at T_c
const benchFile = join(repoRoot, 'bench', 'ising-autocorr.ts');
if (existsSync(benchFile)) console.log(`\nThe full autocorrelation benchmark (L = 16, 32, 64): npx tsx bench/ising-autocorr.ts`);
console.log(`\nτ_int of |M| at T_c, in sweeps (Sokal window c = 5)${quick ? '; --quick chains are short, so the large Metropolis τ are underestimated' : ''}:`);
console.log('   L   Metropolis   Wolff');
const tauRows: string[] = [];
for (const L of sizes) {
  const n = quick ? 4096 : 32768;
  const met = new IsingModel({ L, T: ISING_TC, rng: rng.split(), start: 'cold' });
  const rm = runIsing(met, { update: 'metropolis', thermalize: 2000, samples: n });
  const wol = new IsingModel({ L, T: ISING_TC, rng: rng.split(), start: 'cold' });
  const rw = runIsing(wol, { update: 'wolff', thermalize: 200, samples: n });
  const abs = (x: Float64Array) => x.map(Math.abs);
  const tm = integratedAutocorrTime(abs(rm.magnetization));
  // A Wolff sample is clustersPerSample clusters ≈ one sweep of flipped spins; express τ in sweeps.
  const sweepsPerWolffSample = (rw.clustersPerSample! * rw.meanClusterSize!) / wol.N;
  const tw = integratedAutocorrTime(abs(rw.magnetization)) * sweepsPerWolffSample;
  const row = `  ${String(L).padStart(2)}   ${tm.toFixed(1).padStart(9)}   ${tw.toFixed(2).padStart(6)}`;
  console.log(row);
  tauRows.push(row);
}
writeFileSync(join(out, 'autocorrelation.txt'), ['τ_int of |M| at T_c (sweeps)', '   L   Metropolis   Wolff', ...tauRows].join('\n') + '\n');
console.log(`\nWrote ${out}/{magnetization,energy,heat-capacity,binder}.svg, spins.png, autocorrelation.txt`);
