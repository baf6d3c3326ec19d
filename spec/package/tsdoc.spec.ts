/**
 * Every public function and class (a name the `boltzmann` or `boltzmann/node` entry exports)
 * carries a TSDoc comment with an `@example` where it is defined (the project's documentation
 * promise; stdlib-js style). Names exported by lib files but not by the entries are internal.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as main from '../../lib/index.js';
import * as nodeEntry from '../../lib/node.js';
import { root, tsFiles } from './lib-files.js';

test('every public function and class has TSDoc with @example', () => {
  const publicNames = new Set([...Object.keys(main), ...Object.keys(nodeEntry)]);
  const missing: string[] = [];
  for (const file of tsFiles(join(root, 'lib'))) {
    const src = readFileSync(file, 'utf8');
    const re = /^export (?:async )?(?:function|class) (\w+)/gm;
    let m: RegExpExecArray | null;
    const documented = new Set<string>(); // overloads share the first signature's comment
    while ((m = re.exec(src)) !== null) {
      if (!publicNames.has(m[1])) continue;
      const before = src.slice(0, m.index).trimEnd();
      const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '';
      if (doc.includes('@example')) documented.add(m[1]);
      else if (!documented.has(m[1])) missing.push(`${file.slice(root.length + 1)}: ${m[1]}`);
    }
  }
  assert.equal(missing, [], `missing @example:\n${missing.join('\n')}`);
});

test.run();
