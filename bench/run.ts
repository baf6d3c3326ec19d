/**
 * `npm run bench [-- --filter NAME] [--json] [--quick]`
 *
 * Loads every bench/cases/*.ts (each exports `cases: BenchCase[]`), runs those whose name
 * contains the filter, and prints median / min / max and a rate per case. A case with a
 * `baseline` also prints its speed-up over that case measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getBackend } from '../lib/linalg/backend.js';
import { defaultOptions, formatResult, machineInfo, measureInterleaved, type BenchCase, type BenchResult } from './harness.js';

const args = process.argv.slice(2);
let filter = '';
let json = false;
const opts = { ...defaultOptions };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--filter') filter = args[++i] ?? '';
  else if (a.startsWith('--filter=')) filter = a.slice('--filter='.length);
  else if (a === '--json') json = true;
  else if (a === '--quick') { opts.minSamples = 3; opts.minSampleSeconds = 0.05; opts.warmupSeconds = 0.05; }
  else { console.error(`bench: unknown argument '${a}' (use --filter NAME, --json, --quick)`); process.exit(2); }
}

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.ts')).sort();
const all: BenchCase[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'cases', f)).href)) as { cases: BenchCase[] };
  all.push(...mod.cases);
}
// A baseline always runs with the cases that refer to it, even if the filter misses it.
const selected = all.filter((c) => c.name.includes(filter));
for (const c of [...selected]) {
  if (c.baseline && !selected.some((s) => s.name === c.baseline)) {
    const b = all.find((x) => x.name === c.baseline);
    if (b) selected.splice(selected.indexOf(c), 0, b);
  }
}
if (selected.length === 0) {
  console.error(`bench: no case matches '${filter}'. Cases: ${all.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

// Groups: a baseline with the cases compared against it (measured interleaved), or one case.
const groups: BenchCase[][] = [];
const placed = new Set<string>();
for (const c of selected) {
  if (placed.has(c.name)) continue;
  const members = selected.filter((x) => x.baseline === c.name && !placed.has(x.name));
  const group = c.baseline === undefined ? [c, ...members] : [c];
  for (const g of group) placed.add(g.name);
  groups.push(group);
}

const info = machineInfo();
if (!json) {
  console.log(`boltzmann bench  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  ${info.platform}  ${info.date}  default backend: ${getBackend()}`);
  console.log(`each case: warm-up ${opts.warmupSeconds} s, ${opts.minSamples} samples of >= ${opts.minSampleSeconds} s; times are per call;`);
  console.log('a case and its baseline take their samples in turn, so their ratio is measured under one load');
}
const results: BenchResult[] = [];
let heading = '';
for (const group of groups) {
  const rs = measureInterleaved(group, opts);
  for (const r of rs) {
    if (r.baseline) {
      const b = rs.find((x) => x.name === r.baseline) ?? results.find((x) => x.name === r.baseline);
      if (b) r.speedup = b.medianSeconds / r.medianSeconds;
    }
    results.push(r);
    if (!json) {
      if (r.group !== heading) { heading = r.group; console.log(`\n[${heading}]`); }
      console.log(formatResult(r));
    }
  }
}
if (json) console.log(JSON.stringify({ machine: { ...info, defaultBackend: getBackend() }, results }, null, 2));
