/**
 * Running code printed in the docs (not a spec file: uvu only runs *.spec.ts). Shared by
 * spec/docs/code-blocks.spec.ts (the ```ts blocks of docs/*.md and the README) and
 * spec/package/tsdoc-examples.spec.ts (the TSDoc `@example`s of lib/): the package's specifiers
 * pointed at lib/, one scratch folder of generated modules (git-ignored: spec/.blocks-* and
 * spec/.tsdoc-*), one tsc run over all of them, and each module imported in this process with
 * its console captured and a fresh working folder (files it writes land there).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The lib file each of the package's entry specifiers stands for. */
export const entryFiles: Record<string, string> = {
  'boltzmann': join(root, 'lib', 'index.ts'),
  'boltzmann/node': join(root, 'lib', 'node.ts'),
  'boltzmann/browser': join(root, 'lib', 'browser.ts'),
};

/** A relative `.js` specifier from a module in `dir` to the lib file `file` (as tsc and tsx both resolve it). */
export function specifierFrom(dir: string, file: string): string {
  const r = relative(dir, file).split('\\').join('/').replace(/\.ts$/, '.js');
  return r.startsWith('.') ? r : `./${r}`;
}

/** `code` with `from 'boltzmann'`, `'boltzmann/node'` and `'boltzmann/browser'` pointed at lib/ from a module in `dir`; line numbers unchanged. */
export function pointAtLib(code: string, dir: string): string {
  return code.replace(/from\s+(['"])(boltzmann(?:\/node|\/browser)?)\1/g,
    (_, _q: string, name: string) => `from ${JSON.stringify(specifierFrom(dir, entryFiles[name]))}`);
}

/** A new scratch folder `spec/<prefix>XXXXXX` for generated modules. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(root, 'spec', prefix));
}

/**
 * Imports the module `file` with console.log, console.error and process.stderr captured, in a fresh temporary working
 * folder; resolves with the captured lines, rejects with the module's error.
 */
export async function runModule(file: string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'boltzmann-snippet-'));
  const cwd = process.cwd();
  const log = console.log, error = console.error, stderrWrite = process.stderr.write;
  const captured: string[] = [];
  try {
    process.chdir(work);
    console.log = (...a: unknown[]) => { captured.push(a.map(String).join(' ')); };
    console.error = console.log;
    // progress lines go to stderr directly
    process.stderr.write = ((chunk: string | Uint8Array) => { captured.push(String(chunk)); return true; }) as typeof process.stderr.write;
    await import(pathToFileURL(file).href);
    return captured;
  } finally {
    console.log = log;
    console.error = error;
    process.stderr.write = stderrWrite;
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  }
}

/** One tsc diagnostic in a generated module: the file, its 1-based line, the message. */
export interface Diagnostic { file: string; line: number; message: string }

/**
 * Type-checks every .ts module in `dir` in one tsc run, with the project's compiler options
 * (tsconfig.json), and resolves with the diagnostics of those modules (errors tsc reports in
 * lib/ itself are the job of `npm run typecheck`, not of the snippets).
 */
export function typecheck(dir: string): Promise<Diagnostic[]> {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: relative(dir, join(root, 'tsconfig.json')).split('\\').join('/'), include: ['*.ts'] }));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return new Promise((done, fail) => {
    execFile(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', join(dir, 'tsconfig.json')], { cwd: root, maxBuffer: 64 << 20 }, (err, stdout) => {
      if (err && stdout.trim() === '') { fail(err); return; }
      const out: Diagnostic[] = [];
      let last: Diagnostic | null = null;
      for (const line of stdout.split('\n')) {
        const m = /^(.*?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
        if (m) {
          last = { file: resolve(root, m[1]), line: Number(m[2]), message: m[3] };
          if (last.file.startsWith(dir)) out.push(last);
          else last = null;
        } else if (last && line.startsWith(' ')) last.message += `\n${line}`;
      }
      done(out);
    });
  });
}
