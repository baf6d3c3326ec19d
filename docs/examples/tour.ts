/**
 * `npm run tour`: one chapter per capability of boltzmann, each computing a few numbers with
 * short settings and printing them next to a reference (exact math, a paper, an independent
 * computation) and its source, with the time each chapter took. The same report is written to
 * tour-output/report.txt, and chapters may write pictures into tour-output/.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TourChapter, TourRow } from './tour/chapter.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'tour-output');
mkdirSync(outDir, { recursive: true });

const chapterFiles = readdirSync(join(here, 'tour')).filter((f) => f.endsWith('.ts') && f !== 'chapter.ts');
const chapters: TourChapter[] = [];
for (const f of chapterFiles) {
  const mod = (await import(pathToFileURL(join(here, 'tour', f)).href)) as { chapter?: TourChapter };
  if (mod.chapter) chapters.push(mod.chapter);
}
chapters.sort((a, b) => a.order - b.order);

const lines: string[] = [];
const say = (s: string) => { lines.push(s); console.log(s); };
say(`boltzmann tour  (node ${process.version}; figures are from short runs)`);
let failed = 0;
const t00 = performance.now();
for (const ch of chapters) {
  const t0 = performance.now();
  const rows: TourRow[] = await ch.run(outDir);
  const seconds = (performance.now() - t0) / 1000;
  say(`\n== ${ch.title}  (${seconds.toFixed(2)} s)`);
  const wWhat = Math.max(4, ...rows.map((r) => r.what.length));
  const wVal = Math.max(5, ...rows.map((r) => r.value.length));
  const wRef = Math.max(9, ...rows.map((r) => r.reference.length));
  say(`   ${'what'.padEnd(wWhat)}  ${'value'.padEnd(wVal)}  ${'reference'.padEnd(wRef)}  source`);
  for (const r of rows) {
    if (!r.ok) failed++;
    say(` ${r.ok ? ' ' : '!'} ${r.what.padEnd(wWhat)}  ${r.value.padEnd(wVal)}  ${r.reference.padEnd(wRef)}  ${r.source}`);
  }
}
say(`\n${chapters.length} chapters in ${((performance.now() - t00) / 1000).toFixed(2)} s; ${failed === 0 ? 'every value agrees with its reference' : `${failed} value(s) marked ! disagree with their reference`}`);
say(`report written to tour-output/report.txt`);
writeFileSync(join(outDir, 'report.txt'), lines.join('\n') + '\n');
if (failed > 0) process.exitCode = 1;
