/**
 * The command line every example shares: `--help` (what it does, its options and their
 * defaults), `--quick` (the shortest settings that still show the point; the test suite runs
 * every example this way), `--out DIR`, and named numeric options. Pictures go to one place:
 * tour-output/examples/<example>/ under the repository root (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two folders above docs/examples/support). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A numeric option `--name N`: its default and its --quick value. */
export interface NumberOption {
  help: string;
  default: number;
  quick?: number;
  /** Must be an integer (default true). */
  integer?: boolean;
  min?: number;
}

export interface ExampleSetup<K extends string> {
  /** --quick was given. */
  quick: boolean;
  /** The folder for this example's pictures (created). */
  out: string;
  /** Each numeric option's value (given, else the --quick value under --quick, else the default). */
  values: Record<K, number>;
  /** `out` joined with a file name, for the "wrote ..." line. */
  file: (name: string) => string;
}

/**
 * Parses process.argv for an example. `name` is the file name without .ts; `about` is printed
 * first by --help. Exits 0 after --help and 2 on a bad argument (with the usage).
 */
export function exampleCli<K extends string = never>(name: string, about: string, options: Record<K, NumberOption> = {} as Record<K, NumberOption>): ExampleSetup<K> {
  const keys = Object.keys(options) as K[];
  const usage = [
    `npx tsx docs/examples/${name}.ts [options]`,
    '',
    about.trim(),
    '',
    'options:',
    '  --help          this text',
    '  --quick         shortest settings (what the test suite runs)',
    `  --out DIR       where the pictures go (default tour-output/examples/${name}/)`,
    ...keys.map((k) => {
      const o = options[k];
      return `  --${k} N`.padEnd(18) + `${o.help} (default ${o.default}${o.quick !== undefined ? `; --quick ${o.quick}` : ''})`;
    }),
  ].join('\n');
  const fail = (msg: string): never => {
    console.error(`${name}: ${msg}\n\n${usage}`);
    process.exit(2);
  };
  const args = process.argv.slice(2);
  let quick = false;
  let out = join(repoRoot, 'tour-output', 'examples', name);
  const given: Partial<Record<K, number>> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') { console.log(usage); process.exit(0); }
    if (a === '--quick') { quick = true; continue; }
    if (a === '--out') {
      const v = args[++i];
      if (v === undefined) fail('--out needs a folder');
      out = resolve(v);
      continue;
    }
    const key = a.startsWith('--') ? (a.slice(2).split('=')[0] as K) : null;
    if (key === null || !keys.includes(key)) fail(`unknown argument '${a}'`);
    const raw = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    const v = Number(raw);
    const o = options[key as K];
    if (raw === undefined || !Number.isFinite(v) || ((o.integer ?? true) && !Number.isInteger(v)) || (o.min !== undefined && v < o.min)) {
      fail(`--${key} must be ${(o.integer ?? true) ? 'an integer' : 'a number'}${o.min !== undefined ? ` >= ${o.min}` : ''}, got '${raw}'`);
    }
    given[key as K] = v;
  }
  const values = {} as Record<K, number>;
  for (const k of keys) values[k] = given[k] ?? (quick && options[k].quick !== undefined ? options[k].quick! : options[k].default);
  mkdirSync(out, { recursive: true });
  return { quick, out, values, file: (f: string) => join(out, f) };
}

/**
 * For examples with a command line of their own: on `--help` (or `-h`), print the example's
 * header comment (its usage, flags and defaults) and where its pictures go, then exit 0.
 * Call it first, with `import.meta.url`.
 */
export function helpFromHeader(moduleUrl: string): void {
  const args = process.argv.slice(2);
  if (!args.includes('--help') && !args.includes('-h')) return;
  const file = fileURLToPath(moduleUrl);
  const name = file.split(/[\\/]/).pop()!.replace(/\.ts$/, '');
  const src = readFileSync(file, 'utf8');
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(src);
  const text = header ? header[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim() : '';
  console.log(`npx tsx docs/examples/${name}.ts [options]\n\n${text}\n\n--quick runs the shortest settings (what the test suite runs); pictures go to tour-output/examples/${name}/.`);
  process.exit(0);
}
