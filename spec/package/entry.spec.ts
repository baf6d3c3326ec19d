/**
 * The package's promises about its entry points: the main entry ('.') is browser-safe (no file
 * under lib/ that it reaches imports a Node built-in), `Math.random` never appears in lib/, and
 * package.json has no runtime dependencies.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importsOf, lib, resolveImport, root, tsFiles } from './lib-files.js';

/** Every lib file reachable from `entry` through relative imports. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    const deps = importsOf(f);
    seen.set(f, deps);
    for (const d of deps) {
      if (d.startsWith('.')) stack.push(resolveImport(f, d));
    }
  }
  return seen;
}

test('the main entry (lib/index.ts) reaches no Node built-in', () => {
  const files = reachable(join(lib, 'index.ts'));
  assert.ok(files.size > 1, 'the import walk found the entry and its modules');
  const bad: string[] = [];
  for (const [f, deps] of files) {
    for (const d of deps) {
      if (!d.startsWith('.')) bad.push(`${f.slice(root.length + 1)} imports '${d}'`);
    }
  }
  assert.equal(bad, [], `browser entry must import only relative lib files:\n${bad.join('\n')}`);
});

test('Math.random never appears in lib/', () => {
  const hits = tsFiles(lib).filter((p) => readFileSync(p, 'utf8').includes('Math.random'));
  assert.equal(hits, []);
});

test('package.json: ESM, MIT, no runtime dependencies, two entry points', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.is(pkg.name, 'boltzmann');
  assert.is(pkg.type, 'module');
  assert.is(pkg.license, 'MIT');
  assert.equal(Object.keys(pkg.dependencies ?? {}), []);
  assert.ok(pkg.exports['.'] && pkg.exports['./node']);
});

test.run();
