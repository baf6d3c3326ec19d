/**
 * Every exported function and class in lib/ carries a TSDoc comment with an `@example`
 * (the project's documentation promise; stdlib-js style). Files whose names say they are
 * internal helpers (checks, validate) are not part of the public API and are skipped.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('every exported function and class in lib/ has TSDoc with @example', () => {
  const missing: string[] = [];
  for (const file of tsFiles(join(root, 'lib'))) {
    if (/(checks|validate)\.ts$/.test(file)) continue;
    const src = readFileSync(file, 'utf8');
    const re = /^export (?:async )?(?:function|class) (\w+)/gm;
    let m: RegExpExecArray | null;
    const documented = new Set<string>(); // overloads share the first signature's comment
    while ((m = re.exec(src)) !== null) {
      const before = src.slice(0, m.index).trimEnd();
      const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '';
      if (doc.includes('@example')) documented.add(m[1]);
      else if (!documented.has(m[1])) missing.push(`${file.slice(root.length + 1)}: ${m[1]}`);
    }
  }
  assert.equal(missing, [], `missing @example:\n${missing.join('\n')}`);
});

test.run();
