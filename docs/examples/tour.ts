/**
 * `npm run tour`: one chapter per capability of boltzmann, each computing a few numbers with
 * short settings and checking them against a reference (exact math, a paper, an independent
 * computation). Prints one line per chapter as it goes (with a live counter, and the chapter's
 * own progress bar, for anything longer than 2 s), then the table of every value: quantity, our
 * value, the reference and its source, agreement, seconds. Exits with status 1 if any value
 * disagrees or a chapter fails.
 *
 * Writes tour-output/index.html (one self-contained page: tables, pictures, machine, seeds,
 * links to the docs), tour-output/report.txt (the printed table) and each chapter's pictures
 * under tour-output/tour/<chapter>/.
 *
 *   npm run tour                        every chapter
 *   npm run tour -- --quick             shortest settings
 *   npm run tour -- --chapter ising     one chapter (repeat or comma-separate for more)
 *   npm run tour -- --list              the chapters and their names
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import type { TourChapter, TourRow } from './tour/chapter.js';
import { agreement, renderTourHtml, type ChapterReport } from './support/tour-html.js';
import { formatProgress, type ProgressInfo } from '../../lib/progress/index.js';
import { getBackend } from '../../lib/linalg/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const USAGE = `npm run tour -- [options]      (or: npx tsx docs/examples/tour.ts [options])

Runs every chapter of the tour: a few numbers per capability, each checked against a reference.

  --quick            shortest settings (what the test suite runs)
  --chapter NAME     run only this chapter (name from --list, or a word of its title);
                     repeat or comma-separate for several
  --list             print the chapters and exit
  --out DIR          write the report there instead of tour-output/
  --inline           run chapters in this thread (no live counter; for debugging)
  --help             this text

Writes DIR/index.html (self-contained page), DIR/report.txt and DIR/tour/<chapter>/ pictures.
Exit status 1 if any value disagrees with its reference.`;

// ---- arguments ----------------------------------------------------------------------------
const args = process.argv.slice(2);
let quick = false, list = false, inline = false;
let outDir = join(root, 'tour-output');
const wanted: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
  else if (a === '--quick') quick = true;
  else if (a === '--list') list = true;
  else if (a === '--inline') inline = true;
  else if (a === '--chapter' || a === '--out') {
    const v = args[++i];
    if (v === undefined || v.startsWith('--')) { console.error(`tour: ${a} needs a value\n\n${USAGE}`); process.exit(2); }
    if (a === '--out') outDir = resolve(v);
    else wanted.push(...v.split(',').filter((s) => s !== ''));
  } else if (a.startsWith('--chapter=')) wanted.push(...a.slice(10).split(',').filter((s) => s !== ''));
  else { console.error(`tour: unknown argument '${a}'\n\n${USAGE}`); process.exit(2); }
}

// ---- chapters -------------------------------------------------------------------------------
interface Found { file: string; name: string; chapter: TourChapter }
/** Docs page per chapter name when the chapter does not say (only pages that exist are linked). */
const DOCS_GUESS: Record<string, string[]> = {
  random: ['docs/random.md'], linalg: ['docs/linalg.md'], dense: ['docs/linalg.md'], elementwise: ['docs/linalg.md'],
  optim: ['docs/optim.md'], markov: ['docs/markov.md'], mcmc: ['docs/mcmc.md', 'docs/diagnostics.md'], ising: ['docs/ising.md'],
  rbm: ['docs/rbm.md'], ais: ['docs/ais.md', 'docs/rbm.md'], 'mnist-rbm': ['docs/rbm.md'], 'ising-rbm': ['docs/ising-rbm.md', 'docs/rbm.md'],
  networks: ['docs/nn.md'], regression: ['docs/regression.md'], ebm: ['docs/ebm.md', 'docs/langevin.md'], vae: ['docs/vae.md'], vmc: ['docs/vmc.md'],
};
const tourDir = join(here, 'tour');
const found: Found[] = [];
for (const f of readdirSync(tourDir).filter((f) => f.endsWith('.ts') && f !== 'chapter.ts').sort()) {
  const file = join(tourDir, f);
  const mod = (await import(pathToFileURL(file).href)) as { chapter?: TourChapter };
  if (!mod.chapter) continue;
  found.push({ file, name: f.replace(/\.ts$/, '').replace(/^\d+-/, ''), chapter: mod.chapter });
}
found.sort((a, b) => a.chapter.order - b.chapter.order);

function docsOf(f: Found): string | null {
  const candidates = f.chapter.docs !== undefined ? [f.chapter.docs] : (DOCS_GUESS[f.name] ?? [`docs/${f.name}.md`]);
  return candidates.find((d) => existsSync(join(root, d))) ?? null;
}

if (list) {
  console.log('chapters (select with --chapter NAME):');
  for (const f of found) console.log(`  ${f.name.padEnd(14)} ${f.chapter.title}${docsOf(f) ? `   [${docsOf(f)}]` : ''}`);
  process.exit(0);
}

const selected = wanted.length === 0 ? found : found.filter((f) => wanted.some((w) => {
  const q = w.toLowerCase();
  return f.name === q || f.name.replace(/^\d+-/, '') === q || f.chapter.title.toLowerCase().split(/[^a-z0-9-]+/).includes(q);
}));
const unmatched = wanted.filter((w) => !found.some((f) => f.name === w.toLowerCase() || f.chapter.title.toLowerCase().split(/[^a-z0-9-]+/).includes(w.toLowerCase())));
if (unmatched.length > 0 || selected.length === 0) {
  console.error(`tour: no chapter called ${unmatched.map((w) => `'${w}'`).join(', ') || wanted.join(', ')}; the chapters are: ${found.map((f) => f.name).join(', ')}`);
  process.exit(2);
}

// ---- running ----------------------------------------------------------------------------------
const tty = process.stdout.isTTY === true;
const columns = process.stdout.columns ?? 100;

/** Every file under dir (recursively), sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Starts the chapter worker (tsx registered in the worker first: Node does not pass it on). */
function startWorker(job: { file: string; out: string; quick: boolean }): Worker {
  const script = pathToFileURL(join(here, 'support', 'tour-worker.ts')).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true, workerData: job, execArgv: [] });
}

interface Outcome { rows: TourRow[]; seconds: number; error: string | null }

async function runInline(f: Found, out: string): Promise<Outcome> {
  const { ProgressReporter } = await import('../../lib/progress/index.js');
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  try {
    const rows = await f.chapter.run(out, { quick, progress: (label, total, unit = 'steps') => new ProgressReporter(label, total, { unit, progress: true }) });
    return { rows, seconds: (performance.now() - t0) / 1000, error: null };
  } catch (e) {
    return { rows: [], seconds: (performance.now() - t0) / 1000, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

/** Runs a chapter in a worker; while it runs, redraws `status(elapsed, progress)` a few times a second. */
function runInWorker(f: Found, out: string, status: (elapsed: number, p: ProgressInfo | null) => void): Promise<Outcome> {
  return new Promise((resolveRun) => {
    const t0 = performance.now();
    let last: ProgressInfo | null = null;
    let settled = false;
    const timer = setInterval(() => status((performance.now() - t0) / 1000, last), 250);
    const worker = startWorker({ file: f.file, out, quick });
    const done = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      resolveRun(o);
    };
    worker.on('message', (msg: { kind: string; info?: ProgressInfo; rows?: TourRow[]; seconds?: number; message?: string }) => {
      if (msg.kind === 'progress') last = msg.info!;
      else if (msg.kind === 'done') done({ rows: msg.rows!, seconds: msg.seconds!, error: null });
      else done({ rows: [], seconds: (performance.now() - t0) / 1000, error: msg.message ?? 'unknown error' });
    });
    worker.on('error', (e: Error) => done({ rows: [], seconds: (performance.now() - t0) / 1000, error: `${e.message}\n${e.stack ?? ''}` }));
    worker.on('exit', (code) => done({ rows: [], seconds: (performance.now() - t0) / 1000, error: `the chapter's worker exited with code ${code} before finishing` }));
  });
}

/** The `new Rng(…)` / `Rng.fromState(…)` seeds written in a chapter's source. */
function seedsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...new Set([...src.matchAll(/new Rng\((\d+)\)|Rng\.fromState\((\[[^\]]*\])\)/g)].map((m) => m[0]))];
}

const tourOut = join(outDir, 'tour');
mkdirSync(outDir, { recursive: true });
const width = String(selected.length).length;
const titleWidth = Math.min(60, Math.max(...selected.map((f) => f.chapter.title.length)));
console.log(`boltzmann tour: ${selected.length} chapter${selected.length === 1 ? '' : 's'}${quick ? ' (--quick)' : ''}; node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
const reports: ChapterReport[] = [];
const t00 = performance.now();
for (let i = 0; i < selected.length; i++) {
  const f = selected[i];
  const head = `[${String(i + 1).padStart(width)}/${selected.length}] ${f.chapter.title.length > titleWidth ? f.chapter.title.slice(0, titleWidth - 1) + '…' : f.chapter.title.padEnd(titleWidth)}`;
  const out = join(tourOut, f.name);
  rmSync(out, { recursive: true, force: true });
  let lastLen = 0;
  const status = (elapsed: number, p: ProgressInfo | null) => {
    if (elapsed < 2) return; // only steps longer than 2 s get a counter
    if (tty) {
      const tail = p === null ? `running ${elapsed.toFixed(0)} s` : formatProgress(p, 16);
      const line = `${head}  ${tail}`.slice(0, columns - 1);
      process.stdout.write(`\r${line}${' '.repeat(Math.max(0, lastLen - line.length))}`);
      lastLen = line.length;
    } else if (Math.floor(elapsed * 4) % 40 === 0) {
      // Logs (not a terminal): a line every 10 s.
      console.log(`${head}  still running, ${elapsed.toFixed(0)} s${p === null ? '' : `: ${formatProgress(p, 0)}`}`);
    }
  };
  const o = inline ? await runInline(f, out) : await runInWorker(f, out, status);
  if (tty && lastLen > 0) process.stdout.write(`\r${' '.repeat(lastLen)}\r`);
  const bad = o.rows.filter((r) => !r.ok).length;
  const verdict = o.error !== null ? 'FAILED (see below)' : bad > 0 ? `${bad} of ${o.rows.length} DISAGREE` : `${o.rows.length} rows agree`;
  console.log(`${head}  ${(o.error !== null || bad > 0 ? '✗ ' : '✓ ') + verdict.padEnd(20)} ${o.seconds.toFixed(2).padStart(7)} s`);
  if (o.error !== null) console.log(`    ${o.error.split('\n').slice(0, 6).join('\n    ')}`);
  reports.push({ name: f.name, title: f.chapter.title, docs: docsOf(f), seeds: seedsOf(f.file), rows: o.rows, seconds: o.seconds, error: o.error, files: filesUnder(out) });
}
const totalSeconds = (performance.now() - t00) / 1000;

// ---- the final table ---------------------------------------------------------------------------
const table: string[][] = [['quantity', 'our value', 'reference', 'source', 'agreement', 'seconds']];
for (const c of reports) {
  table.push([`— ${c.title}`, '', '', '', c.error !== null ? 'FAILED' : '', c.seconds.toFixed(2)]);
  for (const r of c.rows) table.push([`  ${r.what}`, r.value, r.reference, r.source, agreement(r), r.seconds === undefined ? '' : r.seconds.toFixed(2)]);
}
/** The table as text; with `maxWidth`, the quantity and source columns are cut (with …) to fit. */
function formatTable(t: string[][], maxWidth: number): string[] {
  const w = t[0].map((_, k) => Math.max(...t.map((row) => row[k].length)));
  const total = () => w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
  while (total() > maxWidth && (w[3] > 24 || w[0] > 40)) {
    if (w[3] > 24) w[3]--;
    else w[0]--;
  }
  const cut = (cell: string, n: number) => (cell.length > n ? `${cell.slice(0, n - 1)}…` : cell);
  return t.map((row, q) => {
    const cells = row.map((cell, k) => (k === 5 ? cut(cell, w[k]).padStart(w[k]) : cut(cell, w[k]).padEnd(w[k])));
    const line = cells.join('  ').trimEnd();
    return q === 0 ? `${line}\n${w.map((n) => '-'.repeat(n)).join('  ')}` : line;
  });
}
const lines = formatTable(table, Infinity);
const shown = tty ? formatTable(table, columns - 1) : lines;
const rowsAll = reports.flatMap((c) => c.rows);
const failed = rowsAll.filter((r) => !r.ok).length + reports.filter((c) => c.error !== null).length;
const summary = failed === 0
  ? `${reports.length} chapters, ${rowsAll.length} values in ${totalSeconds.toFixed(1)} s: every value agrees with its reference`
  : `${reports.length} chapters in ${totalSeconds.toFixed(1)} s: ${failed} value(s) or chapter(s) DISAGREE or FAILED`;
console.log(`\n${shown.join('\n')}\n\n${summary}`);

const machine = { cpu: os.cpus()[0]?.model ?? 'unknown CPU', cores: os.availableParallelism?.() ?? os.cpus().length, os: `${os.platform()} ${os.release()} ${os.arch()}`, node: process.version, backend: getBackend() };
const command = `npm run tour${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
writeFileSync(join(outDir, 'report.txt'), `${command}\n${machine.cpu}, ${machine.cores} cores; ${machine.os}; node ${machine.node}\n\n${lines.join('\n')}\n\n${summary}\n`);
const html = renderTourHtml({ date: new Date().toISOString().replace('T', ' ').slice(0, 19) + ' UTC', command, machine, quick, totalSeconds, chapters: reports }, outDir, root);
const page = join(outDir, 'index.html');
writeFileSync(page, html);
console.log(`report: ${relative(process.cwd(), page) || page}  (self-contained page with every table and picture)`);
if (failed > 0) process.exitCode = 1;
