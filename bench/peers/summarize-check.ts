/**
 * `npx tsx bench/peers/summarize-check.ts [cases] [seed] [longest]`: summarize against ArviZ's formulas in
 * numpy/scipy (bench/peers/summary_numpy.py --cases; Debian's /usr/bin/python3 or $PYTHON) on
 * random scalar chains, a differential check of every column on inputs no spec fixed: m = 1..5
 * chains of n = 4..600 draws (a fifth of the cases up to 20,000), drawn from generators that
 * stress what the code treats specially — iid and AR(1) draws, sticky chains (runs of repeats, as
 * Metropolis gives), heavy ties, two-valued and mostly-zero draws, heavy tails, -0 beside +0, and
 * chains offset by 1e6 from zero with sd 1. Prints per column the largest difference (relative to
 * the peer's value; the mean's relative to the sd) with the case it came from, and every case
 * beyond 1e-9. R-hat is compared with the peer's fold about the median of all draws, the
 * convention summarize follows (ArviZ folds about the split draws' median: the two differ for odd
 * n; the largest such difference is printed too).
 *
 * What to expect: the rank-based columns (bulk and tail ESS, R-hat) and mean and sd agree to
 * about 1e-12; the mean ESS and the MCSEs too, except on draws offset far from zero (1e6 sd),
 * where the last bit of each chain's mean (1e-10 of the sd) moves var+ and Geyer's sum over
 * hundreds of lags moves the ESS by up to a few 1e-9 — whichever way each side rounds its means
 * (on one such case, 1 chain of 75 draws, the ESS in exact rational arithmetic on the same
 * doubles is 45.3175520405: ours is 1.1e-9 above it, numpy 1.3e-9 below).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../../lib/mcmc/index.js';
import { SUMMARY_COLUMNS } from '../../lib/mcmc/diagnostics.js';
import { Rng } from '../../lib/random/index.js';

const count = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? 1);
const longest = Number(process.argv[4] ?? 20000); // draws per chain of the longest fifth of the cases
const python = process.env.PYTHON ?? '/usr/bin/python3';
const rng = new Rng(seed);

type Generator = (m: number, n: number) => Float64Array[];
const chainsOf = (m: number, n: number, draw: (t: number) => number): Float64Array[] => Array.from({ length: m }, () => Float64Array.from({ length: n }, (_, t) => draw(t)));
const generators: Record<string, Generator> = {
  iid: (m, n) => chainsOf(m, n, () => rng.normal()),
  'AR(1)': (m, n) => Array.from({ length: m }, () => {
    const rho = 0.99 * rng.float();
    let x = rng.normal();
    return Float64Array.from({ length: n }, () => (x = rho * x + Math.sqrt(1 - rho * rho) * rng.normal()));
  }),
  sticky: (m, n) => Array.from({ length: m }, () => {
    const accept = 0.05 + 0.5 * rng.float();
    let x = rng.normal();
    return Float64Array.from({ length: n }, () => (rng.float() < accept ? (x += rng.normal()) : x));
  }),
  ties: (m, n) => chainsOf(m, n, () => Math.floor(2 * rng.normal()) / 2),
  'two values': (m, n) => chainsOf(m, n, () => (rng.float() < 0.3 ? 1 : 0)),
  'mostly zero': (m, n) => chainsOf(m, n, () => (rng.float() < 0.02 ? rng.normal() : 0)),
  'heavy tails': (m, n) => chainsOf(m, n, () => rng.normal() / Math.max(1e-3, Math.abs(rng.normal()))),
  '-0 and +0': (m, n) => chainsOf(m, n, () => (rng.float() < 0.5 ? (rng.float() < 0.5 ? -0 : 0) : rng.normal())),
  'offset 1e6': (m, n) => Array.from({ length: m }, (_, c) => Float64Array.from({ length: n }, () => 1e6 + 0.5 * c + rng.normal())),
};
const names = Object.keys(generators);

const dir = mkdtempSync(join(tmpdir(), 'boltzmann-summary-check-'));
const cases = Array.from({ length: count }, (_, i) => {
  const generator = names[rng.int(names.length)];
  const m = 1 + rng.int(5);
  const n = 4 + rng.int(rng.float() < 0.2 ? longest : 600);
  const chains = generators[generator](m, n);
  const pooled = new Float64Array(m * n);
  chains.forEach((c, j) => pooled.set(c, j * n));
  const path = join(dir, `case-${i}.f64`);
  writeFileSync(path, new Uint8Array(pooled.buffer));
  return { generator, m, n, chains, path };
});
const manifest = join(dir, 'cases.json');
writeFileSync(manifest, JSON.stringify(cases.map(({ path, m, n }) => ({ path, m, n }))));
let text: string;
try {
  text = execFileSync(python, [new URL('./summary_numpy.py', import.meta.url).pathname, '--cases', manifest], { encoding: 'utf8', maxBuffer: 1 << 28 });
} finally {
  rmSync(dir, { recursive: true });
}
const value = (v: number | string | null): number => (v === null ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : (v as number));
const peer = (JSON.parse(text.trim().split('\n').pop() as string) as { row: (number | string | null)[]; rhatArviz: number | string | null }[])
  .map((p) => ({ row: p.row.map(value), rhatArviz: value(p.rhatArviz) }));

const worst = SUMMARY_COLUMNS.map(() => ({ d: 0, at: '' }));
let arvizFold = { d: 0, at: '' };
let beyond = 0;
let constantCases = 0;
cases.forEach((c, i) => {
  const [ours] = summarize(c.chains);
  const p = peer[i].row;
  const label = `case ${i} (${c.generator}, m = ${c.m}, n = ${c.n})`;
  // constant draws: summarize gives their value as the mean exactly, sd and mcse_mean 0 and
  // mcse_sd NaN (documented); numpy's mean rounds, leaving an sd of ~1e-16. Checked on their own.
  const first = c.chains[0][0];
  if (c.chains.every((chain) => chain.every((v) => v === first))) {
    constantCases++;
    if (!(ours.mean === first && ours.sd === 0 && ours.mcseMean === 0 && Number.isNaN(ours.mcseSd))) console.log(`constant draws, not the documented row: ${label}: ${JSON.stringify(ours)}`);
    return;
  }
  SUMMARY_COLUMNS.forEach((column, j) => {
    const a = ours[column], b = p[j];
    const scale = column === 'mean' ? Math.max(Math.abs(p[1]), Math.abs(b)) : Math.abs(b);
    const d = Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || a === b ? 0 : Math.abs(a - b) / scale;
    if (!(d <= worst[j].d)) worst[j] = { d, at: `${label}: ours ${a}, numpy ${b}` };
    if (!(d <= 1e-9)) { beyond++; console.log(`beyond 1e-9: ${column} of ${label}: ours ${a}, numpy ${b}`); }
  });
  const d = Math.abs(ours.rhat - peer[i].rhatArviz) / Math.abs(peer[i].rhatArviz);
  if (d > arvizFold.d) arvizFold = { d, at: label };
});
console.log(`${count} random cases (seed ${seed}); largest relative difference per column:`);
SUMMARY_COLUMNS.forEach((column, j) => console.log(`  ${column.padEnd(9)} ${worst[j].d.toExponential(2)}  ${worst[j].at}`));
console.log(`${constantCases} cases of constant draws (checked against the documented row, not numpy); ${beyond} differences beyond 1e-9; R-hat against ArviZ's fold (split draws' median): up to ${arvizFold.d.toExponential(2)} (${arvizFold.at || 'none'})`);
