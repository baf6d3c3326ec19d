/**
 * The layer rule of docs/architecture.md ("Layers"), read from that page and checked against the
 * imports of every file under lib/, so the page and the code cannot drift apart:
 *
 * - a module is a folder directly under lib/ (`rbm/`, with everything below it) or a file directly
 *   under lib/ (`index.ts`);
 * - a file imports (statically, `import type`, dynamically, or as a worker script named by
 *   `new URL('...', import.meta.url)`) only files of its own module or of a module in a LOWER
 *   layer: never one in a higher layer, never another module of its own layer;
 * - no import cycle, between modules or between files;
 * - every module of lib/ is in exactly one layer, and every module the page names exists.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsOf, lib, resolveImport, root, tsFiles } from './lib-files.js';

/** One import: `file` (lib-relative) imports `specifier`, which is the lib file `target`. */
interface Edge { file: string; specifier: string; target: string }

/** The module of a lib-relative path: its first folder with a slash (`rbm/`), or the file itself. */
export function moduleOf(libPath: string): string {
  const i = libPath.indexOf('/');
  return i < 0 ? libPath : libPath.slice(0, i + 1);
}

/** The ordered layers of the "## Layers" section: numbered lines, module names in backticks before the dash. */
export function layersOf(markdown: string): string[][] {
  const start = markdown.indexOf('\n## Layers\n');
  if (start < 0) return [];
  const rest = markdown.slice(start + 11);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const layers: string[][] = [];
  for (const line of section.split('\n')) {
    const m = /^\d+\.\s+(.*?)\s+—/.exec(line);
    if (m) layers.push([...m[1].matchAll(/`([^`]+)`/g)].map((x) => x[1]));
  }
  return layers;
}

/** Strongly connected components with more than one node (Tarjan), each as a cycle path a → b → … → a. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>(), out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) !== idx.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
    if (scc.length > 1 || graph.get(v)?.has(v)) out.push(cyclePath(graph, new Set(scc), v));
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** A closed path from `start` back to itself inside the component `scc` (breadth-first, so a shortest one). */
function cyclePath(graph: Map<string, Set<string>>, scc: Set<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!scc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return [start, start];
}

/**
 * Every breach of the rule in `edges` under `layers`: cycles between modules and between files,
 * imports up a layer or sideways inside one, and modules the layers do not place.
 */
export function breaches(edges: Edge[], layers: string[][]): string[] {
  const out: string[] = [];
  const layerOf = new Map<string, number>();
  layers.forEach((names, i) => names.forEach((n) => layerOf.set(n, i + 1)));
  const modules = new Map<string, Set<string>>(), files = new Map<string, Set<string>>();
  const add = (g: Map<string, Set<string>>, a: string, b: string) => {
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    g.get(a)!.add(b);
  };
  const unplaced = new Set<string>();
  for (const e of edges) {
    add(files, e.file, e.target);
    const from = moduleOf(e.file), to = moduleOf(e.target);
    for (const m of [from, to]) if (!layerOf.has(m)) unplaced.add(m);
    if (from === to) continue;
    add(modules, from, to);
    const lf = layerOf.get(from), lt = layerOf.get(to);
    if (lf === undefined || lt === undefined) continue;
    if (lt > lf) {
      out.push(`lib/${e.file} imports '${e.specifier}' (lib/${e.target}): an import up the layers, ${from} (layer ${lf}) -> ${to} (layer ${lt}); a module imports only from lower layers`);
    } else if (lt === lf) {
      out.push(`lib/${e.file} imports '${e.specifier}' (lib/${e.target}): a sideways import inside layer ${lf}, ${from} -> ${to}; modules of one layer do not import each other`);
    }
  }
  for (const m of [...unplaced].sort()) out.push(`module ${m} is in no layer of docs/architecture.md ("Layers"): every module of lib/ has one layer`);
  for (const c of cycles(modules)) out.push(`import cycle between modules: ${c.join(' -> ')}; imports form no cycle`);
  for (const c of cycles(files)) out.push(`import cycle between files: ${c.map((f) => `lib/${f}`).join(' -> ')}; imports form no cycle`);
  return out;
}

/** The relative imports of every file under lib/, as lib-relative paths. */
function libEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of tsFiles(lib)) {
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      edges.push({ file: relative(lib, file), specifier, target: relative(lib, resolveImport(file, specifier)) });
    }
  }
  return edges;
}

const layers = layersOf(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));

test('negative control: a cycle, an upward import, a sideways import and an unplaced module are all reported', () => {
  const synthetic: Edge[] = [
    { file: 'low/a.ts', specifier: '../high/b.js', target: 'high/b.ts' }, // up, and closes a cycle
    { file: 'high/b.ts', specifier: '../low/a.js', target: 'low/a.ts' },
    { file: 'high/c.ts', specifier: '../side/d.js', target: 'side/d.ts' }, // sideways in layer 2
    { file: 'high/c.ts', specifier: '../nowhere/e.js', target: 'nowhere/e.ts' },
  ];
  const found = breaches(synthetic, [['low/'], ['high/', 'side/']]);
  assert.equal(found, [
    "lib/low/a.ts imports '../high/b.js' (lib/high/b.ts): an import up the layers, low/ (layer 1) -> high/ (layer 2); a module imports only from lower layers",
    "lib/high/c.ts imports '../side/d.js' (lib/side/d.ts): a sideways import inside layer 2, high/ -> side/; modules of one layer do not import each other",
    'module nowhere/ is in no layer of docs/architecture.md ("Layers"): every module of lib/ has one layer',
    'import cycle between modules: high/ -> low/ -> high/; imports form no cycle',
    'import cycle between files: lib/high/b.ts -> lib/low/a.ts -> lib/high/b.ts; imports form no cycle',
  ]);
  // a clean graph under the same layers reports nothing
  assert.equal(breaches([{ file: 'high/b.ts', specifier: '../low/a.js', target: 'low/a.ts' }], [['low/'], ['high/']]), []);
});

test('docs/architecture.md lists the layers, and every module it names exists in lib/', () => {
  assert.ok(layers.length >= 5, `the "Layers" section has ${layers.length} numbered layers`);
  const named = layers.flat();
  assert.equal(named.length, new Set(named).size, `a module is named twice: ${named.join(', ')}`);
  const missing = named.filter((m) => !existsSync(join(lib, m)));
  assert.equal(missing, [], `named in "Layers" but not in lib/: ${missing.join(', ')}`);
  const all = new Set(tsFiles(lib).map((f) => moduleOf(relative(lib, f))));
  const unplaced = [...all].filter((m) => !named.includes(m));
  assert.equal(unplaced, [], `modules of lib/ in no layer: ${unplaced.join(', ')}`);
});

test('every import under lib/ follows the layers of docs/architecture.md, without cycles', () => {
  const edges = libEdges();
  assert.ok(edges.length > 200, `${edges.length} imports read`);
  const found = breaches(edges, layers);
  assert.equal(found, [], `\n${found.join('\n')}`);
});

test.run();
