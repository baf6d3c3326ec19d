/**
 * Every ```ts block in docs/*.md and in the README runs as printed: each block becomes a module
 * (with 'boltzmann' and 'boltzmann/node' pointing at lib/), imported in a scratch folder (files
 * it writes land there), with console output captured. A block that throws fails the test with
 * the page and line. Two kinds of block are not run: ```typescript marks fragments taken from
 * inside the library's functions (the generated excerpts in docs/README.md, lines of the wasm
 * emitter in docs/wasm.md), which cannot run on their own and are tested as that source; ```text
 * marks signature listings, which are not code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointAtLib, root, runModule, scratchDir } from '../snippets.js';

interface Block { page: string; line: number; code: string }

/** The ```ts blocks of a markdown file, with the line their code starts on. */
export function tsBlocks(page: string, text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '```') j++;
    out.push({ page, line: i + 2, code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

const pages = [
  ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`),
  'README.md',
];
const blocks = pages.flatMap((p) => tsBlocks(p, readFileSync(join(root, p), 'utf8')));

test('the docs have ts blocks to run', () => {
  assert.ok(blocks.length >= 10, `${blocks.length} blocks`);
});

const scratch = scratchDir('.blocks-');
for (const b of blocks) {
  test(`${b.page}:${b.line} runs`, async () => {
    const file = join(scratch, `${b.page.replace(/[^a-z0-9]/gi, '_')}_${b.line}.ts`);
    writeFileSync(file, `${pointAtLib(b.code, scratch)}\nexport {};\n`);
    try {
      await runModule(file);
    } catch (e) {
      assert.unreachable(`${b.page}:${b.line}: ${(e as Error).message}\n--- block ---\n${b.code}`);
    }
  });
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
