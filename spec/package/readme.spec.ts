/**
 * The README's promises: its example (at most 15 lines of code) runs as printed, with 'boltzmann'
 * pointing at lib/index.ts, and prints what it says (R-hat near 1, and an RBM whose exact KL to
 * the data is below that of the uniform model, ln(512/14)); every relative link points at a
 * file of the repository; it says the package is ESM-only and starts with the two commands.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('README usage example: at most 15 lines, runs, and prints R-hat near 1 and a learned RBM', async () => {
  const m = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README has a ```ts block');
  const lines = m![1].split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  assert.ok(lines.length <= 15, `the example is short (${lines.length} lines of code)`);
  const lib = pathToFileURL(join(root, 'lib', 'index.ts')).href;
  const dir = mkdtempSync(join(root, 'spec', '.readme-'));
  const file = join(dir, 'example.ts');
  const logged: unknown[][] = [];
  const log = console.log;
  try {
    writeFileSync(file, m![1].replace("from 'boltzmann'", `from ${JSON.stringify(lib)}`));
    console.log = (...args: unknown[]) => { logged.push(args); };
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
  assert.is(logged.length, 2);
  const rows = logged[0][0] as { name: string; rhat: number }[];
  assert.equal(rows.map((r) => r.name), ['x', 'y']);
  for (const r of rows) assert.ok(r.rhat < 1.1, `R-hat of ${r.name} is ${r.rhat}`);
  const kl = Number(logged[1][1]);
  assert.ok(kl < Math.log(512 / 14), `KL ${kl} is below the uniform model's ln(512/14) = 3.599`);
});

test('README: the two commands first, ESM-only said, every relative link exists', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1];
  assert.ok(firstBlock.includes('npm install && npm run tour') && firstBlock.includes('npm install && npm test'));
  assert.ok(readme.indexOf('npm run tour') < readme.indexOf('## '), 'the commands come before the first section');
  assert.ok(/ESM-only/.test(readme));
  const missing: string[] = [];
  for (const m of readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/.test(target)) continue; // absolute URLs
    if (!existsSync(join(root, target))) missing.push(target);
  }
  assert.equal(missing, [], `links to files that do not exist: ${missing.join(', ')}`);
});

test.run();
