/**
 * The tour's report as one self-contained HTML page: every chapter's table and pictures (SVG
 * inline, PNG as data: URLs, text files as <pre>), the machine, the seeds, and a link from each
 * chapter to its docs page. The page makes no request of its own (no scripts, fonts or styles
 * from elsewhere), so it can be mailed or opened from disk.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, relative } from 'node:path';
import type { TourRow } from '../tour/chapter.js';

export interface ChapterReport {
  /** Selector name (file name without its number), e.g. 'ising'. */
  name: string;
  title: string;
  /** Docs page relative to the repository root, or null. */
  docs: string | null;
  /** The Rng seeds written in the chapter's source, e.g. ['new Rng(7)']. */
  seeds: string[];
  rows: TourRow[];
  seconds: number;
  /** Set when the chapter threw. */
  error: string | null;
  /** Files the chapter wrote (absolute paths). */
  files: string[];
}

export interface TourReport {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; os: string; node: string; backend: string };
  quick: boolean;
  totalSeconds: number;
  chapters: ChapterReport[];
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A row's agreement as a word: agrees / DISAGREES, or 'measured' for rows without a reference. */
export function agreement(r: TourRow): string {
  if (!r.ok) return 'DISAGREES';
  return r.reference === '' ? 'measured' : 'agrees';
}

/** An SVG file as markup to put inline: no XML prolog, ids made unique per figure. */
function inlineSvg(path: string, k: number): string {
  let svg = readFileSync(path, 'utf8').replace(/<\?xml[^>]*\?>\s*/, '');
  svg = svg.replace(/\bid="([^"]+)"/g, `id="f${k}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#f${k}-$1)`);
  return svg;
}

function figure(path: string, outDir: string, k: number): string {
  const name = esc(relative(outDir, path));
  const ext = extname(path).toLowerCase();
  if (ext === '.svg') return `<figure>${inlineSvg(path, k)}<figcaption>${name}</figcaption></figure>`;
  if (ext === '.png') {
    const b64 = readFileSync(path).toString('base64');
    return `<figure><img alt="${esc(basename(path))}" src="data:image/png;base64,${b64}"><figcaption>${name}</figcaption></figure>`;
  }
  if (ext === '.txt' || ext === '.csv') return `<figure><pre>${esc(readFileSync(path, 'utf8'))}</pre><figcaption>${name}</figcaption></figure>`;
  return `<p class="file">also written: ${name}</p>`;
}

/** The whole page. `outDir` is where index.html goes (links to docs are relative to it). */
export function renderTourHtml(report: TourReport, outDir: string, repoRoot: string): string {
  const rows = report.chapters.flatMap((c) => c.rows);
  const bad = rows.filter((r) => !r.ok).length + report.chapters.filter((c) => c.error !== null).length;
  const m = report.machine;
  const toRoot = relative(outDir, repoRoot) || '.';
  const out: string[] = [];
  out.push(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>boltzmann tour</title>
<link rel="icon" href="data:,">
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 0.5em 0; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f4f4f4; } td.num { font-family: ui-monospace, monospace; white-space: nowrap; }
tr.bad td { background: #fde8e8; } .agrees { color: #176f2c; } .DISAGREES { color: #b00020; font-weight: bold; } .measured { color: #666; }
.meta { color: #555; font-size: 14px; } .meta td { border: 0; padding: 1px 8px 1px 0; }
figure { display: inline-block; margin: 0.5em 1em 0.5em 0; vertical-align: top; max-width: 100%; }
figure svg, figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figure img { image-rendering: pixelated; min-width: 120px; }
figcaption { font-size: 12px; color: #666; } pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; font-size: 12px; }
.summary { font-size: 16px; padding: 0.5em 0.8em; border-radius: 4px; background: ${bad === 0 ? '#e6f4ea' : '#fde8e8'}; }
nav ol { columns: 2; column-gap: 3em; font-size: 14px; padding-left: 2.5em; } nav li { break-inside: avoid; }
</style></head><body>
<h1>boltzmann tour</h1>
<p class="summary">${bad === 0 ? `All ${rows.length} values agree with their references` : `${bad} of ${rows.length} values disagree with their references (or a chapter failed)`} — ${report.chapters.length} chapters in ${report.totalSeconds.toFixed(1)} s${report.quick ? ' (--quick settings)' : ''}.</p>
<table class="meta">
<tr><td>date</td><td>${esc(report.date)}</td></tr>
<tr><td>command</td><td><code>${esc(report.command)}</code></td></tr>
<tr><td>machine</td><td>${esc(m.cpu)}, ${m.cores} logical cores; ${esc(m.os)}; Node ${esc(m.node)}; default gemm backend '${esc(m.backend)}'</td></tr>
<tr><td>seeds</td><td>fixed in each chapter's source (listed per chapter); the same command on the same backend and JS engine gives the same numbers, except the timing rows</td></tr>
</table>
<nav><ol>`);
  report.chapters.forEach((c, i) => {
    const chBad = c.error !== null || c.rows.some((r) => !r.ok);
    out.push(`<li><a href="#${esc(c.name)}">${esc(c.title)}</a>${chBad ? ' <span class="DISAGREES">✗</span>' : ''} <span class="meta">${c.seconds.toFixed(1)} s</span></li>`);
    void i;
  });
  out.push('</ol></nav>');
  let k = 0;
  for (const c of report.chapters) {
    out.push(`<section id="${esc(c.name)}"><h2>${esc(c.title)}</h2>`);
    const meta = [`${c.seconds.toFixed(2)} s`];
    if (c.docs !== null) meta.push(`docs: <a href="${esc(`${toRoot}/${c.docs}`)}">${esc(c.docs)}</a>`);
    meta.push(c.seeds.length > 0 ? `seeds: ${c.seeds.map((s) => `<code>${esc(s)}</code>`).join(', ')}` : 'no random numbers');
    meta.push(`run alone: <code>npm run tour -- --chapter ${esc(c.name)}</code>`);
    out.push(`<p class="meta">${meta.join(' · ')}</p>`);
    if (c.error !== null) out.push(`<pre class="DISAGREES">the chapter failed:\n${esc(c.error)}</pre>`);
    if (c.rows.length > 0) {
      const timed = c.rows.some((r) => r.seconds !== undefined);
      out.push(`<table><tr><th>quantity</th><th>our value</th><th>reference</th><th>source of the reference</th><th>agreement</th>${timed ? '<th>seconds</th>' : ''}</tr>`);
      for (const r of c.rows) {
        const a = agreement(r);
        const sec = timed ? `<td class="num">${r.seconds === undefined ? '' : r.seconds.toFixed(2)}</td>` : '';
        out.push(`<tr${r.ok ? '' : ' class="bad"'}><td>${esc(r.what)}</td><td class="num">${esc(r.value)}</td><td class="num">${esc(r.reference)}</td><td>${esc(r.source)}</td><td class="${a}">${a}</td>${sec}</tr>`);
      }
      out.push('</table>');
    }
    for (const f of c.files) out.push(figure(f, outDir, k++));
    out.push('</section>');
  }
  out.push('</body></html>\n');
  return out.join('\n');
}
