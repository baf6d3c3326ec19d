/**
 * Critical slowing down of the 2D Ising model: the integrated autocorrelation time of |M| at
 * T_c for L = 16, 32, 64, Metropolis (sequential sweeps) against Wolff, and the dynamic exponent
 * z from a least-squares fit of ln τ against ln L (τ ∝ L^z).
 *
 *   npx tsx bench/ising-autocorr.ts [--scale 1]
 *
 * τ_int is `integratedAutocorrTimeDetails` (Sokal's window, c = 5) of the |M| series. Metropolis
 * records |M| after every sweep, so τ is in sweeps. Wolff records |M| after every cluster; its τ
 * in clusters is converted to sweeps as τ_sweeps = τ_clusters · ⟨|C|⟩ / N (the flips of one
 * cluster are ⟨|C|⟩/N of a sweep's N attempts). The fit weights each ln τ by its error
 * (δ ln τ = SE(τ)/τ, Sokal's SE) and reports the slope with its standard error.
 *
 * Expectations (literature): z ≈ 2.17 for local updates (Nightingale & Blöte, PRL 76, 4548 (1996));
 * for Wolff in sweep units z ≈ 0.25 (Coddington & Baillie, PRL 68, 962 (1992)), with strong
 * corrections at these sizes. Run lengths are fixed below (a few minutes on one core); `--scale`
 * multiplies them.
 */
import { IsingModel, ISING_TC } from '../lib/ising/index.js';
import { integratedAutocorrTimeDetails } from '../lib/mcmc/index.js';
import { Rng } from '../lib/random/index.js';
import { machineInfo } from './harness.js';

const args = process.argv.slice(2);
let scale = 1;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--scale') scale = Number(args[++i]);
  else { console.error(`ising-autocorr: unknown argument '${args[i]}' (use --scale X)`); process.exit(2); }
}
if (!(scale > 0)) { console.error('ising-autocorr: --scale must be > 0'); process.exit(2); }

const SIZES = [16, 32, 64];
// Recorded samples per size (after 10^4 sweeps or sweep-equivalents of thermalization).
const METROPOLIS_SWEEPS: Record<number, number> = { 16: 2 ** 19, 32: 2 ** 20, 64: 2 ** 21 };
const WOLFF_CLUSTERS: Record<number, number> = { 16: 2 ** 19, 32: 2 ** 19, 64: 2 ** 19 };

interface Row { L: number; tau: number; se: number; n: number; reliable: boolean; seconds: number; extra: string }

function fitExponent(rows: Row[]): { z: number; se: number } {
  // weighted least squares of y = ln τ on x = ln L, weights 1/σ², σ = SE(τ)/τ
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const r of rows) {
    const w = 1 / (r.se / r.tau) ** 2;
    const x = Math.log(r.L);
    const y = Math.log(r.tau);
    sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
  }
  const det = sw * sxx - sx * sx;
  return { z: (sw * sxy - sx * sy) / det, se: Math.sqrt(sw / det) };
}

function metropolis(L: number): Row {
  const model = new IsingModel({ L, T: ISING_TC, rng: new Rng(1000 + L) });
  const n = Math.round(METROPOLIS_SWEEPS[L] * scale);
  const t0 = performance.now();
  for (let t = 0; t < 10000; t++) model.sweep();
  const absM = new Float64Array(n);
  for (let t = 0; t < n; t++) { model.sweep(); absM[t] = Math.abs(model.magnetization()); }
  const seconds = (performance.now() - t0) / 1000;
  const d = integratedAutocorrTimeDetails(absM);
  return { L, tau: d.tau, se: d.standardError, n, reliable: d.reliable, seconds, extra: `window ${d.window}` };
}

function wolff(L: number): Row {
  const model = new IsingModel({ L, T: ISING_TC, rng: new Rng(2000 + L) });
  const N = L * L;
  const n = Math.round(WOLFF_CLUSTERS[L] * scale);
  const t0 = performance.now();
  let flipped = 0;
  while (flipped < 10000 * N) flipped += model.wolffStep();
  const absM = new Float64Array(n);
  let total = 0;
  for (let t = 0; t < n; t++) { total += model.wolffStep(); absM[t] = Math.abs(model.magnetization()); }
  const seconds = (performance.now() - t0) / 1000;
  const meanC = total / n;
  const d = integratedAutocorrTimeDetails(absM);
  const toSweeps = meanC / N;
  return {
    L, tau: d.tau * toSweeps, se: d.standardError * toSweeps, n, reliable: d.reliable, seconds,
    extra: `τ = ${d.tau.toFixed(2)} clusters, ⟨|C|⟩ = ${meanC.toFixed(1)} (⟨|C|⟩/N = ${toSweeps.toFixed(3)})`,
  };
}

const info = machineInfo();
console.log(`ising-autocorr  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  T_c = ${ISING_TC.toFixed(6)}  scale ${scale}`);
for (const [name, f] of [['Metropolis (sequential sweeps)', metropolis], ['Wolff (sweep-equivalents)', wolff]] as const) {
  console.log(`\n${name}: τ_int(|M|) in sweeps`);
  const rows: Row[] = [];
  for (const L of SIZES) {
    const r = f(L);
    rows.push(r);
    console.log(`  L = ${String(L).padStart(2)}  τ = ${r.tau.toPrecision(4).padStart(8)} ± ${r.se.toPrecision(2).padEnd(7)} samples ${r.n}  ${r.reliable ? '' : '(N < 50 τ: unreliable) '}${r.seconds.toFixed(1)} s  ${r.extra}`);
  }
  const fit = fitExponent(rows);
  console.log(`  fit τ ∝ L^z over L = ${SIZES.join(', ')}:  z = ${fit.z.toFixed(2)} ± ${fit.se.toFixed(2)}`);
}
