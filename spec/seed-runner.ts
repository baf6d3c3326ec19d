/**
 * `npm run spec:seeds -- N [pattern] [--from R] [--out file.json]`: reruns the statistical specs
 * with N fresh seeds (rounds R..R+N−1, R = 1 by default) and prints, per test, how often it failed
 * beside the rate its bound implies. `pattern` is a regular expression on the spec path (e.g.
 * `mcmc/`); a leading `!` runs the files it does not match. `--out` saves the counts as JSON;
 * `npm run spec:seeds -- --report a.json b.json ...` merges saved runs (other files, or other
 * rounds of the same files: overlapping rounds of one file are refused, they repeat seeds).
 *
 * How the seeds change without editing every spec: each spec file that seeds an `Rng` is copied
 * next to itself as `<name>.seeded.ts` with every `new Rng(expr)` rewritten to
 * `new Rng(__specSeed(expr))`, and imported with uvu's runner deferred, so its tests are queued
 * but not run. Round r (1..N) sets the seed round of spec/seeds.ts (`specSeed`, which is
 * `__specSeed`): a fixed seed s becomes a 32-bit mix of s and r, the same for every test in that
 * round. Each round runs every queued test once; a test's failures are read from uvu's report.
 * Tests declared with `statTest` carry their design in the declaration; the others take it from
 * spec/seed-designs.ts. A test that fails in every round is pinned to its seed (it compares with
 * a reference value computed from that seed) and is not statistical; one that never fails needs
 * no design. The table flags a test whose failure count is improbable under its design
 * (binomial tail below 0.001).
 *
 * The copies are deleted on exit. Run it in the background on a shared machine: each round is
 * about one pass over the chosen files (see docs/testing.md for timings).
 */
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outPath = outAt >= 0 ? args.splice(outAt, 2)[1] : null;
const fromAt = args.indexOf('--from');
const firstRound = fromAt >= 0 ? Number(args.splice(fromAt, 2)[1]) : 1;
const reportAt = args.indexOf('--report');
const reportPaths = reportAt >= 0 ? args.splice(reportAt).slice(1) : null;
const N = Number(args[0] ?? 20);
const pattern = args[1] ?? '';
const negate = pattern.startsWith('!');
const filterRe = new RegExp(negate ? pattern.slice(1) : pattern);
const selected = (rel: string) => (pattern === '' ? true : filterRe.test(rel) !== negate);
if (reportPaths === null && (!Number.isInteger(N) || N < 1)) { console.error(`spec:seeds: N must be a positive integer, got ${args[0]}`); process.exit(2); }
if (!Number.isInteger(firstRound) || firstRound < 1) { console.error(`spec:seeds: --from must be a positive integer (the first round), got ${firstRound}`); process.exit(2); }

/** What one run found: rounds (and the first, for merging), every test that ran, failures per test, seconds per round per file. */
interface Results { rounds: number; firstRound?: number; executed: string[]; failures: Record<string, number>; fileSeconds: Record<string, number> }

/**
 * Spec files that cannot be rerun in-process: they spawn processes or start worker pools (which
 * a test closes), pack the package, or only check files; and the fuzzer (seeded by itself).
 */
const EXCLUDED = [
  /^spec\/(package|docs|browser|node|exhaustive|fuzz|io)\//,
  /^spec\/(vmc\/parallel|vae\/pool|rbm\/mnist-example|linalg\/backend-nosimd)\.spec\.ts$/,
];

function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...specFiles(p));
    else if (name.endsWith('.spec.ts')) out.push(p);
  }
  return out.sort();
}

/** Rewrites every `new Rng(expr)` into `new Rng(__specSeed(expr))` (balanced parentheses). */
export function rewriteSeeds(source: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  for (;;) {
    const at = source.indexOf('new Rng(', i);
    if (at < 0) break;
    const open = at + 'new Rng('.length;
    let depth = 1;
    let j = open;
    while (j < source.length && depth > 0) {
      if (source[j] === '(') depth++;
      else if (source[j] === ')') depth--;
      j++;
    }
    out += source.slice(i, open) + '__specSeed(' + source.slice(open, j - 1) + '))';
    count++;
    i = j;
  }
  return { text: out + source.slice(i), count };
}

// uvu must see these before its first import (spec/seeds.ts imports it): tests are then queued,
// never run by uvu itself.
const queue: unknown[][] = [[null]];
(globalThis as Record<string, unknown>).UVU_DEFER = 1;
(globalThis as Record<string, unknown>).UVU_QUEUE = queue;
const seeds = await import('./seeds.js');
const designs = (await import('./seed-designs.js')).DESIGNS;

async function runRounds(): Promise<Results & { registry: { key: string; design: import('./seeds.js').Design }[] }> {
const uvu = await import('uvu');
/** Every test that ran, as "file::name" (uvu sets state.__test__ before each test's before.each hooks). */
const executed = new Set<string>();
(globalThis as Record<string, unknown>).__specSeed = seeds.specSeed;

interface FileRuns { file: string; runs: (() => Promise<[string | true, number, number, number]>)[]; tests: string[] }
const files: FileRuns[] = [];
const copies: string[] = [];
process.on('exit', () => { for (const c of copies) if (existsSync(c)) unlinkSync(c); });
process.on('SIGINT', () => process.exit(130));

for (const path of specFiles(join(root, 'spec'))) {
  const rel = relative(root, path);
  if (EXCLUDED.some((re) => re.test(rel)) || !selected(rel)) continue;
  const source = readFileSync(path, 'utf8');
  const { text, count } = rewriteSeeds(source);
  if (count === 0 && !source.includes('specSeed(')) continue; // nothing random to reseed
  const copy = path.replace(/\.spec\.ts$/, '.seeded.ts');
  copies.push(copy);
  writeFileSync(copy, `const __specSeed = (globalThis as unknown as { __specSeed: (s: number) => number }).__specSeed;\n${text}`);
  queue.push([rel]);
  (globalThis as Record<string, unknown>).UVU_INDEX = queue.length - 1;
  const before = seeds.registry.length;
  // A hook on uvu's default suite, registered before the file queues its tests, so it is part of them.
  uvu.test.before.each((state: { __test__: string }) => { executed.add(`${rel}::${state.__test__}`); });
  await import(pathToFileURL(copy).href);
  for (const t of seeds.registry.slice(before)) t.file = rel;
  const group = queue[queue.length - 1];
  files.push({ file: rel, runs: group.slice(1) as FileRuns['runs'], tests: [] });
}

const ANSI = /\x1b\[[0-9;]*m/g;
// A test that leaves a promise rejecting after it finished must not end the whole run.
let stray = 0;
process.on('unhandledRejection', (e) => { stray++; if (stray <= 5) console.error(`spec:seeds: a rejection outside any test: ${(e as Error)?.message ?? e}`); });
const fileSeconds = new Map<string, number>();
const failures = new Map<string, number>();
const realWrite = process.stdout.write.bind(process.stdout);
const t0 = performance.now();
for (let r = firstRound; r < firstRound + N; r++) {
  seeds.setSeedRound(r);
  for (const f of files) {
    const tf = performance.now();
    for (const run of f.runs) {
      process.stdout.write = (() => true) as typeof process.stdout.write;
      let result: [string | true, number, number, number];
      try { result = await run(); } finally { process.stdout.write = realWrite; }
      const errors = typeof result[0] === 'string' ? result[0].replace(ANSI, '') : '';
      for (const m of errors.matchAll(/FAIL\s+"(.*)"\n/g)) {
        const key = `${f.file}::${m[1]}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
    fileSeconds.set(f.file, (fileSeconds.get(f.file) ?? 0) + (performance.now() - tf) / 1000);
  }
  const done = r - firstRound + 1;
  if (done === 1 || done % 10 === 0 || done === N) console.error(`spec:seeds: round ${r} (${done}/${N}) done, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
seeds.setSeedRound(0);
return {
  rounds: N,
  firstRound,
  executed: [...executed],
  failures: Object.fromEntries(failures),
  fileSeconds: Object.fromEntries([...fileSeconds].map(([f, t]) => [f, t / N])),
  registry: seeds.registry.map((t) => ({ key: `${t.file}::${t.name}`, design: t.design })),
};
}

// Binomial upper tail P(X >= k), X ~ Bin(n, p), by summing the pmf in logs.
function binomialTail(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  const lg = (x: number) => { let s = 0; for (let i = 2; i <= x; i++) s += Math.log(i); return s; };
  let total = 0;
  for (let j = k; j <= n; j++) total += Math.exp(lg(n) - lg(j) - lg(n - j) + j * Math.log(p) + (n - j) * Math.log1p(-p));
  return Math.min(1, total);
}

/** The design of a test: from its statTest declaration, else the first DESIGNS entry whose file matches and whose pattern matches the name. */
function designOf(key: string, registered: Map<string, import('./seeds.js').Design>): import('./seeds.js').Design | undefined {
  const direct = registered.get(key);
  if (direct) return direct;
  const [file, name] = key.split('::');
  return designs.find((d) => d.file === file && d.test.test(name))?.design;
}

let results: Results;
let registered: Map<string, import('./seeds.js').Design>;
if (reportPaths !== null) {
  // Merge saved runs (different files, or more rounds of the same ones).
  results = { rounds: 0, executed: [], failures: {}, fileSeconds: {} };
  const perFileRounds = new Map<string, number>();
  const perFileRanges = new Map<string, [number, number][]>();
  registered = new Map();
  for (const p of reportPaths) {
    const r = JSON.parse(readFileSync(p, 'utf8')) as Results & { registry: { key: string; design: import('./seeds.js').Design }[] };
    // The same file in two saved runs must have used different rounds (different seeds), or its counts are not independent.
    const range: [number, number] = [r.firstRound ?? 1, (r.firstRound ?? 1) + r.rounds - 1];
    for (const f of Object.keys(r.fileSeconds)) {
      const seen = perFileRanges.get(f) ?? [];
      const clash = seen.find(([a, b]) => range[0] <= b && a <= range[1]);
      if (clash) { console.error(`spec:seeds: ${p} ran rounds ${range[0]}..${range[1]} of ${f}, which overlap rounds ${clash[0]}..${clash[1]} of another report (same seeds); rerun with --from`); process.exit(2); }
      perFileRanges.set(f, [...seen, range]);
    }
    for (const k of r.executed) if (!results.executed.includes(k)) results.executed.push(k);
    for (const [k, v] of Object.entries(r.failures)) results.failures[k] = (results.failures[k] ?? 0) + v;
    for (const f of Object.keys(r.fileSeconds)) {
      // seconds per round, averaged over the reports weighted by their rounds
      const before = perFileRounds.get(f) ?? 0;
      perFileRounds.set(f, before + r.rounds);
      results.fileSeconds[f] = ((results.fileSeconds[f] ?? 0) * before + r.fileSeconds[f] * r.rounds) / (before + r.rounds);
    }
    for (const t of r.registry) registered.set(t.key, t.design);
  }
  results.rounds = -1;
  (results as unknown as { perFileRounds: Map<string, number> }).perFileRounds = perFileRounds;
} else {
  const r = await runRounds();
  results = r;
  registered = new Map(r.registry.map((t) => [t.key, t.design]));
  if (outPath) writeFileSync(outPath, JSON.stringify(r));
}
const roundsOf = (file: string) => (results.rounds > 0 ? results.rounds : (results as unknown as { perFileRounds: Map<string, number> }).perFileRounds.get(file) ?? 0);

const rows: string[] = [];
let flagged = 0;
let quiet = 0;
for (const key of [...new Set([...results.executed, ...Object.keys(results.failures)])].sort()) {
  const [file, name] = key.split('::');
  const n = roundsOf(file);
  const fails = results.failures[key] ?? 0;
  const design = designOf(key, registered);
  if (!design && fails === 0) { quiet++; continue; }
  const rate = design ? seeds.designRate(design) : NaN;
  let verdict = 'ok';
  if (fails === n && n > 1) verdict = 'fails for every seed: pinned to its seed, not statistical';
  else if (!design) verdict = 'NO DESIGN STATED';
  else if (binomialTail(n, rate, fails) < 1e-3) { verdict = 'FAR ABOVE DESIGN'; flagged++; }
  const note = design?.note ? ` (${design.note})` : '';
  rows.push(`| ${file.replace(/^spec\//, '')} | ${name}${note} | ${fails}/${n} | ${design ? rate.toExponential(1) : '—'} | ${design ? (n * rate).toFixed(3) : '—'} | ${verdict} |`);
}
console.log(`spec:seeds: ${Object.keys(results.fileSeconds).length} files; seconds per round and file (wall clock): ${Object.entries(results.fileSeconds).map(([f, t]) => `${f.replace(/^spec\//, '')} ${t.toFixed(2)}`).join(', ')}`);
console.log('| spec | test (design) | failures / rounds | design rate | expected failures | verdict |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
console.log(`(${quiet} further tests with no stated design never failed: deterministic, or random with no bound to state.)`);
process.exitCode = flagged > 0 ? 1 : 0;
