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
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const main = pathToFileURL(join(root, 'lib', 'index.ts')).href;
const node = pathToFileURL(join(root, 'lib', 'node.ts')).href;

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

const scratch = mkdtempSync(join(root, 'spec', '.blocks-'));
for (const b of blocks) {
  test(`${b.page}:${b.line} runs`, async () => {
    const code = b.code
      .replace(/from\s+'boltzmann\/node'/g, `from ${JSON.stringify(node)}`)
      .replace(/from\s+'boltzmann'/g, `from ${JSON.stringify(main)}`);
    const file = join(scratch, `${b.page.replace(/[^a-z0-9]/gi, '_')}_${b.line}.ts`);
    writeFileSync(file, `${code}\nexport {};\n`);
    const work = mkdtempSync(join(tmpdir(), 'boltzmann-block-'));
    const cwd = process.cwd();
    const log = console.log, error = console.error;
    const captured: string[] = [];
    try {
      process.chdir(work);
      console.log = (...a: unknown[]) => { captured.push(a.map(String).join(' ')); };
      console.error = console.log;
      await import(pathToFileURL(file).href);
    } catch (e) {
      console.log = log;
      console.error = error;
      assert.unreachable(`${b.page}:${b.line}: ${(e as Error).message}\n--- block ---\n${b.code}`);
    } finally {
      console.log = log;
      console.error = error;
      process.chdir(cwd);
      rmSync(work, { recursive: true, force: true });
    }
  });
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
