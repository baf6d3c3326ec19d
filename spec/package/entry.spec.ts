/**
 * The package's promises about its entry points: the main entry ('.') is browser-safe (no file
 * under lib/ that it reaches imports a Node built-in), `Math.random` never appears in lib/, and
 * package.json has no runtime dependencies.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = join(root, 'lib');

function importsOf(file: string): string[] {
  // Comments (TSDoc examples show `import ... from 'boltzmann'`) are not imports.
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

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
      if (d.startsWith('.')) stack.push(resolve(dirname(f), d.replace(/\.js$/, '.ts')));
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
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && readFileSync(p, 'utf8').includes('Math.random')) hits.push(p);
    }
  };
  walk(lib);
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
