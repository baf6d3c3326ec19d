/**
 * The notes map stays true: docs/notes-map.md and docs/README.md are what `npm run docs:map`
 * generates from the id comments in the code (so neither can go stale), every id cited anywhere
 * in the project has an entry (and every erratum a row), and user-facing text names neither the
 * internal map file nor issue numbers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, ID_RE, projectFiles } from '../../scripts/docs-map.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const generated = generate(root);

/** The first differing line, for the failure message. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n'), y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n  on disk:   ${x[i]?.slice(0, 160)}\n  generated: ${y[i]?.slice(0, 160)}`;
  }
  return '';
}

test('docs/notes-map.md and docs/README.md are what npm run docs:map generates', () => {
  for (const [file, want] of [['docs/notes-map.md', generated.notesMap], ['docs/README.md', generated.readme]] as const) {
    const have = readFileSync(join(root, file), 'utf8');
    assert.ok(have === want, `${file} is stale — run npm run docs:map\n${firstDifference(have, want)}`);
  }
});

test('every id cited anywhere in the project has an entry in docs/notes-map.md', () => {
  const unknown: string[] = [];
  for (const file of projectFiles(root)) {
    const rel = relative(root, file);
    if (rel === join('docs', 'README.md')) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(ID_RE)) {
        const id = m[1];
        const known = id.startsWith('E-') ? generated.map.errata.has(id) : generated.map.entries.has(id);
        if (!known) unknown.push(`${rel}:${i + 1} cites ${id}`);
      }
    });
  }
  assert.equal(unknown, [], `ids without an entry (add them to docs/notes-map.md):\n${unknown.join('\n')}`);
});

test('the map itself: errata cited by entries exist, notes keys are 000-004, every entry has an equation and a place in the notes', () => {
  const problems: string[] = [];
  for (const e of generated.map.entries.values()) {
    if (e.equation === '') problems.push(`${e.id}: no equation`);
    if (e.notes.length === 0) problems.push(`${e.id}: no Notes line`);
    for (const r of e.notes) if (!/^00[0-4]$/.test(r.key)) problems.push(`${e.id}: notes key ${r.key}`);
    for (const x of e.errata) if (!generated.map.errata.has(x)) problems.push(`${e.id}: erratum ${x} has no row`);
  }
  for (const [x, cols] of generated.map.errata) {
    const item = cols[cols.length - 1];
    if (!item.split(/,\s*/).every((id) => generated.map.entries.has(id))) problems.push(`${x}: item ${item} has no entry`);
  }
  assert.equal(problems, []);
  assert.ok(generated.map.entries.size >= 121, `${generated.map.entries.size} entries`);
  assert.ok(generated.map.errata.size >= 36);
});

test('user-facing text names neither the internal map file nor issue numbers', () => {
  const hits: string[] = [];
  for (const file of projectFiles(root)) {
    const rel = relative(root, file);
    const userFacing = !rel.startsWith('spec') && !rel.startsWith('bench');
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (userFacing && /NOTES-MAP/.test(line)) hits.push(`${rel}:${i + 1}: NOTES-MAP (cite docs/notes-map.md)`);
      if (/\bissues? #?\d+\b|\b(the|this|that|foundation|an?) issue\b|\bissue goal\b/i.test(line) && !rel.endsWith('notes-map.spec.ts')) hits.push(`${rel}:${i + 1}: ${line.trim().slice(0, 100)}`);
    });
  }
  assert.equal(hits, [], hits.join('\n'));
});

test.run();
