/**
 * Every TSDoc `@example` in lib/ type-checks and runs as printed. Each example becomes a module in
 * a scratch folder (spec/.tsdoc-*, git-ignored): one line of imports, then the example's lines
 * with 'boltzmann', 'boltzmann/node' and 'boltzmann/browser' pointed at lib/. The import line
 * gives the example the library names it uses without importing them itself: a public name from
 * the entry that exports it (lib/index.ts, lib/node.ts), any other name from the lib file that
 * defines it — so an example of an internal function keeps working when that name leaves the
 * entries. One tsc run checks all modules (a type error fails the example with its lib file and
 * line), then this process imports them one by one (a throw fails it; the gemm backend is put
 * back after each, since one example switches it). Two negative controls (a type error, a throw)
 * go through the same tsc run and the same import. Examples of the browser
 * pool (lib/browser/, or importing 'boltzmann/browser') are type-checked only: they need module
 * Workers in a cross-origin-isolated page (spec/browser/ runs that pool in Chromium).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lib, resolveImport, tsFiles } from './lib-files.js';
import * as mainEntry from '../../lib/index.js';
import * as nodeEntry from '../../lib/node.js';
import { entryFiles, pointAtLib, runModule, scratchDir, specifierFrom, typecheck } from '../snippets.js';

/** One example: the lib-relative file, the 1-based line its code starts on, the code. */
export interface Example { file: string; line: number; code: string }

/** The `@example` blocks of the TSDoc comments in `src` (code fences dropped, the comment's ` * ` margin removed). */
export function examplesOf(file: string, src: string): Example[] {
  const out: Example[] = [];
  const re = /\/\*\*[\s\S]*?\*\//g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const first = src.slice(0, m.index).split('\n').length;
    const lines = m[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('@example')) continue;
      let j = i + 1;
      while (j < lines.length && !lines[j].startsWith('@')) j++;
      const body = lines.slice(i + 1, j).map((l) => (/^```/.test(l.trim()) ? '' : l));
      while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
      out.push({ file, line: first + i + 1, code: body.join('\n') });
      i = j - 1;
    }
  }
  return out;
}

/** The identifiers `code` uses outside strings, comments and property names (`.name`). */
function usedNames(code: string): Set<string> {
  const bare = code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''")
    .replace(/`(?:[^`\\]|\\.)*`/g, (t) => (t.match(/\$\{[^}]*\}/g) ?? []).join(' '));
  const out = new Set<string>();
  for (const m of bare.matchAll(/(\.\.\.|\.)?\b([A-Za-z_$][\w$]*)/g)) if (m[1] !== '.') out.add(m[2]);
  return out;
}

/** The names `code` declares or imports itself (over-approximated: every name in a binding pattern). */
function declaredNames(code: string): Set<string> {
  const out = new Set<string>();
  const ids = (s: string) => { for (const n of s.matchAll(/[A-Za-z_$][\w$]*/g)) out.add(n[0]); };
  for (const m of code.matchAll(/\bimport\s+(type\s+)?([\s\S]*?)\s+from\s/g)) ids(m[2].replace(/\bas\b|\btype\b/g, ''));
  for (const m of code.matchAll(/\b(?:const|let|var)\s+([^;\n]*)/g)) {
    // every declarator of `const a = f(x, y), { key: b } = o, [c] = xs`: split at the commas outside brackets
    let depth = 0, start = 0;
    const parts: string[] = [];
    const text = m[1];
    for (let i = 0; i <= text.length; i++) {
      const ch = text[i] ?? ',';
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
      else if (ch === ',' && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
    }
    if (start < text.length) parts.push(text.slice(start)); // a pattern that goes on past the line
    for (const part of parts) {
      const target = part.split(/=(?!>)|\bof\b|\bin\b/)[0].trim();
      // `{ key: name }` declares name, not key; `x: Type` declares x
      if (/^[{[]/.test(target)) ids(target.replace(/[A-Za-z_$][\w$]*\s*:/g, ''));
      else ids(target.replace(/:[\s\S]*$/, ''));
    }
  }
  for (const m of code.matchAll(/\b(?:function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) out.add(m[1]);
  return out;
}

/** Where each name lib/ exports is defined: lib file → kind ('type' for interfaces and type aliases). */
function definitions(): Map<string, { file: string; type: boolean }[]> {
  const out = new Map<string, { file: string; type: boolean }[]>();
  for (const file of tsFiles(lib)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
      if (!out.has(m[2])) out.set(m[2], []);
      out.get(m[2])!.push({ file, type: m[1] === 'interface' || m[1] === 'type' });
    }
  }
  return out;
}

const entries = { main: new Set(Object.keys(mainEntry)), node: new Set(Object.keys(nodeEntry)) };
const defs = definitions();

/** The import line for the names `ex` uses but does not import: public names from their entry, others from their defining file. */
function prelude(ex: Example, dir: string): string {
  const own = declaredNames(ex.code);
  const from = new Map<string, string[]>(), types = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, file: string, name: string) => { if (!m.has(file)) m.set(file, []); m.get(file)!.push(name); };
  for (const name of [...usedNames(ex.code)].sort()) {
    if (own.has(name)) continue;
    if (entries.main.has(name)) push(from, entryFiles['boltzmann'], name);
    else if (entries.node.has(name)) push(from, entryFiles['boltzmann/node'], name);
    else {
      const d = defs.get(name);
      if (d === undefined) continue;
      const here = d.find((x) => x.file === join(lib, ex.file)) ?? d[0];
      push(here.type ? types : from, here.file, name);
    }
  }
  const line = [...from].map(([f, ns]) => `import { ${ns.join(', ')} } from '${specifierFrom(dir, f)}';`)
    .concat([...types].map(([f, ns]) => `import type { ${ns.join(', ')} } from '${specifierFrom(dir, f)}';`));
  return line.join(' ');
}

const examples = tsFiles(lib).flatMap((f) => examplesOf(relative(lib, f), readFileSync(f, 'utf8')));
const dir = scratchDir('.tsdoc-');
const modules = examples.map((ex) => {
  const path = join(dir, `${ex.file.replace(/[^a-z0-9]/gi, '_')}_${ex.line}.ts`);
  // line 1: the imports; line k + 1: the example's line k (lib line ex.line + k - 1)
  // a relative specifier (an internal example importing its neighbour) is relative to the example's lib file
  const code = pointAtLib(ex.code.replace(/from\s+(['"])(\.\.?\/[^'"]+)\1/g,
    (_, _q: string, spec: string) => `from '${specifierFrom(dir, resolveImport(join(lib, ex.file), spec))}'`), dir);
  writeFileSync(path, `${prelude(ex, dir)}\n${code}\nexport {};\n`);
  return path;
});
// negative controls, checked in the same tsc run: a type error and a throw must both be caught
const badType = join(dir, 'control_type_error.ts'), badRun = join(dir, 'control_throws.ts');
writeFileSync(badType, "const n: number = 'one';\nexport { n };\n");
writeFileSync(badRun, "throw new RangeError('control: thrown on purpose');\nexport {};\n");
const diagnostics = await typecheck(dir);

test('lib/ has TSDoc examples to run', () => {
  assert.ok(examples.length >= 400, `${examples.length} examples`);
});

test('negative controls: the tsc run reports a type error by file and line, a throwing module rejects', async () => {
  // tsc reports no type errors at all when some module does not parse: name those modules when the control's error is missing
  const syntax = diagnostics.filter((d) => /^TS1\d{3}:/.test(d.message)).map((d) => `${relative(dir, d.file)}:${d.line}: ${d.message}`);
  assert.equal(diagnostics.filter((d) => d.file === badType).map((d) => [d.line, d.message.slice(0, 7)]), [[1, 'TS2322:']],
    syntax.length > 0 ? `no type error reported; syntax errors (tsc skips its type check when a module does not parse):\n${syntax.join('\n')}` : undefined);
  assert.equal(diagnostics.filter((d) => d.file === badRun), []);
  let error: unknown;
  try { await runModule(badRun); } catch (e) { error = e; }
  assert.instance(error, RangeError);
  assert.is((error as Error).message, 'control: thrown on purpose');
});

examples.forEach((ex, i) => {
  const where = `lib/${ex.file}:${ex.line}`;
  test(`${where} @example type-checks and runs`, async () => {
    const errors = diagnostics.filter((d) => d.file === modules[i])
      .map((d) => `lib/${ex.file}:${ex.line + d.line - 2}: ${d.message}`);
    if (errors.length > 0) assert.unreachable(`${where}: the example does not type-check\n${errors.join('\n')}\n--- example ---\n${ex.code}`);
    if (ex.file.startsWith('browser/') || /from\s+['"]boltzmann\/browser['"]/.test(ex.code)) return;
    const backend = mainEntry.getBackend(); // an example may switch it (setBackend's does); the specs after it must not notice
    try {
      await runModule(modules[i]);
    } catch (e) {
      assert.unreachable(`${where}: the example throws: ${(e as Error).message}\n--- example ---\n${ex.code}`);
    } finally {
      mainEntry.setBackend(backend);
    }
  });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
