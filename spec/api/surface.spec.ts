/**
 * The public surface is deliberate: every name that an entry point exports is listed in
 * spec/api/surface.json, and a name that appears in an entry or disappears from it fails here
 * until the list is updated in the same commit. The rule for what is public (and the categories
 * kept internal) is in docs/architecture.md, "Public surface".
 *
 * Runtime names come from importing the entries. Type names (interfaces and type aliases, which
 * leave no trace at run time) come from reading the entries' re-export statements down to the
 * declarations; the same walk must find exactly the runtime names, which checks the walk.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as main from '../../lib/index.js';
import * as nodeEntry from '../../lib/node.js';
import * as browserEntry from '../../lib/browser.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface EntryList { values: string[]; types: string[] }
const listed = JSON.parse(readFileSync(join(root, 'spec', 'api', 'surface.json'), 'utf8')) as Record<string, EntryList>;

/** The names a module file exports, split into values and types, following `export *` and `export { } from`. */
function exportsOf(file: string, seen = new Set<string>()): { values: Set<string>; types: Set<string> } {
  const values = new Set<string>();
  const types = new Set<string>();
  if (seen.has(file)) return { values, types };
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  const target = (spec: string) => join(dirname(file), spec.replace(/\.js$/, '.ts'));
  for (const m of src.matchAll(/^export (?:declare )?(?:async )?(?:abstract )?(function\*?|class|const|let|var|enum|interface|type) (\w+)/gm)) {
    (m[1] === 'interface' || m[1] === 'type' ? types : values).add(m[2]);
  }
  for (const m of src.matchAll(/^export (type )?\{([^}]*)\}(?: from '([^']+)')?;/gm)) {
    for (const raw of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      const isType = m[1] !== undefined || raw.startsWith('type ');
      const name = raw.replace(/^type /, '').split(/\s+as\s+/).pop()!.trim();
      (isType ? types : values).add(name);
    }
  }
  for (const m of src.matchAll(/^export \* from '([^']+)';/gm)) {
    const sub = exportsOf(target(m[1]), seen);
    sub.values.forEach((n) => values.add(n));
    sub.types.forEach((n) => types.add(n));
  }
  return { values, types };
}

const entries: [name: string, file: string, module: Record<string, unknown>][] = [
  ['boltzmann', 'lib/index.ts', main],
  ['boltzmann/node', 'lib/node.ts', nodeEntry],
  ['boltzmann/browser', 'lib/browser.ts', browserEntry],
];

const sorted = (xs: Iterable<string>) => [...xs].sort();

const mainWalk = exportsOf(join(root, 'lib/index.ts'));
const typesOf = (w: { values: Set<string>; types: Set<string> }) => [...w.types].filter((t) => !w.values.has(t)); // a class is a value and a type

for (const [name, file, mod] of entries) {
  // boltzmann/node and boltzmann/browser are listed by what they add to boltzmann.
  const base = name === 'boltzmann' ? { values: [] as string[], types: [] as string[] } : { values: Object.keys(main), types: typesOf(mainWalk) };

  test(`${name}: the exported names are exactly the ones listed in spec/api/surface.json`, () => {
    const list = listed[name];
    assert.ok(list, `spec/api/surface.json has no list for ${name}`);
    const runtime = Object.keys(mod).filter((n) => !base.values.includes(n));
    const added = sorted(runtime.filter((n) => !list.values.includes(n)));
    const removed = sorted(list.values.filter((n) => !runtime.includes(n)));
    assert.equal(added, [], `${name} exports names that are not listed (public? see docs/architecture.md "Public surface"; then add them to spec/api/surface.json): ${added.join(', ')}`);
    assert.equal(removed, [], `${name} no longer exports listed names (remove them from spec/api/surface.json if that is deliberate): ${removed.join(', ')}`);
    assert.equal(list.values, sorted(list.values), `${name}: keep the values list sorted`);
  });

  test(`${name}: the exported types are exactly the ones listed in spec/api/surface.json`, () => {
    const list = listed[name];
    const walked = exportsOf(join(root, file));
    assert.equal(sorted(walked.values), sorted(Object.keys(mod)), `${name}: the re-export walk disagrees with the runtime exports`);
    const types = sorted(typesOf(walked).filter((t) => !base.types.includes(t)));
    const added = types.filter((n) => !list.types.includes(n));
    const removed = list.types.filter((n) => !types.includes(n));
    assert.equal(added, [], `${name} exports types that are not listed: ${added.join(', ')}`);
    assert.equal(removed, [], `${name} no longer exports listed types: ${removed.join(', ')}`);
    assert.equal(list.types, sorted(list.types), `${name}: keep the types list sorted`);
  });
}

test('boltzmann/node and boltzmann/browser export everything boltzmann does', () => {
  for (const [name, , mod] of entries.slice(1)) {
    const missing = Object.keys(main).filter((n) => !(n in mod));
    assert.equal(missing, [], `${name} lacks ${missing.join(', ')}`);
  }
});

test('no entry exports a name of an internal kind (argument checks, unchecked kernels, pool job bodies)', () => {
  // The naming conventions of internal code (docs/architecture.md, "Public surface"): check*
  // helpers validate arguments for a public function; ...Unchecked forms trust their input;
  // ...Job functions are what pool workers run.
  const internalKind = /^check[A-Z]|Unchecked$|Job$/;
  for (const [name, , mod] of entries) {
    const bad = Object.keys(mod).filter((n) => internalKind.test(n));
    assert.equal(bad, [], `${name} exports internal names: ${bad.join(', ')}`);
  }
});

test.run();
