/**
 * The README's usage example runs as printed (with 'boltzmann' pointing at lib/index.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('README usage example runs and prints a summary', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const m = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README has a ```ts block');
  const lines = m![1].split('\n').filter((l) => l.trim() !== '');
  assert.ok(lines.length <= 12, `the example is short (${lines.length} lines)`);
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
  assert.is(logged.length, 1);
  const [backend, rows] = logged[0] as [string, { name: string; rhat: number }[]];
  assert.ok(backend === 'wasm' || backend === 'ts');
  assert.equal(rows.map((r) => r.name), ['x', 'y']);
  for (const r of rows) assert.ok(r.rhat < 1.1, `R-hat of ${r.name} is ${r.rhat}`);
});

test.run();
