/**
 * The docs point at things that exist: every relative markdown link in docs/*.md and the README
 * resolves, and every repository path they name (lib/…, spec/…, bench/…, scripts/…, docs/… with
 * a file extension or a trailing slash; `.js` may stand for the `.ts` source) is a file or folder.
 * Globs and placeholders in capitals (docs/examples/NAME.ts) are not paths.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { root } from '../snippets.js';

/** The broken links and paths of one markdown page (`page` relative to the root). */
export function brokenReferences(page: string, text: string, exists: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
    const path = normalize(join(dirname(page), target));
    if (!exists(path)) out.push(`${page}: link (${target}) points at ${path}, which does not exist`);
  }
  for (const m of text.matchAll(/(?<![\w./-])((?:lib|spec|bench|scripts|docs)\/[\w./-]*[\w/])/g)) {
    const path = m[1];
    if (!/\.\w+$/.test(path) && !path.endsWith('/')) continue; // a prose mention such as lib/rbm, not a path
    if (/\/[A-Z]+\.\w+$/.test(path)) continue; // a placeholder: docs/examples/NAME.ts
    if (!exists(path) && !exists(path.replace(/\.js$/, '.ts'))) out.push(`${page}: names ${path}, which does not exist`);
  }
  return out;
}

const exists = (p: string) => existsSync(join(root, p));

test('negative control: a dead link and a missing path are reported, live ones are not', () => {
  const text = 'See [wasm](wasm.md) and [gone](gone.md); lib/index.ts, lib/nope.ts, lib/rbm and lib/node.js.';
  assert.equal(brokenReferences('docs/x.md', text, exists), [
    'docs/x.md: link (gone.md) points at docs/gone.md, which does not exist',
    'docs/x.md: names lib/nope.ts, which does not exist',
  ]);
});

test('every link and repository path in docs/*.md and the README exists', () => {
  const pages = [...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'README.md'];
  const broken = pages.flatMap((p) => brokenReferences(p, readFileSync(join(root, p), 'utf8'), exists));
  assert.equal(broken, [], `\n${broken.join('\n')}`);
});

test.run();
