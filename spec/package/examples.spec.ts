/**
 * Smoke test: every example in docs/examples/ answers --help (usage, its options and defaults,
 * where its pictures go; exit 0) and runs to the end with --quick (exit 0), so the examples
 * cannot silently rot. Their numbers are checked by the tour's rows and by the module specs;
 * this only proves they run and document themselves.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'docs', 'examples');

function run(name: string, arg: string): string {
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', join(dir, name), arg], { cwd: root, stdio: 'pipe', timeout: 150_000 }).toString();
  } catch (e) {
    const err = e as { status?: number; stderr?: Buffer };
    assert.unreachable(`${name} ${arg} exited with ${err.status}: ${String(err.stderr ?? '').slice(-800)}`);
    return '';
  }
}

const names = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

test('every example answers --help with its usage, --quick and where its output goes (exit 0)', async () => {
  const run = promisify(execFile);
  const problems: string[] = [];
  // Four at a time: each is a short process start.
  for (let i = 0; i < names.length; i += 4) {
    await Promise.all(names.slice(i, i + 4).map(async (name) => {
      try {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, name), '--help'], { cwd: root, timeout: 60_000 });
        if (!stdout.includes(name.replace(/\.ts$/, ''))) problems.push(`${name}: --help does not name the example`);
        if (!stdout.includes('--quick')) problems.push(`${name}: --help does not mention --quick`);
        if (!stdout.includes('tour-output/')) problems.push(`${name}: --help does not say where the output goes`);
      } catch (e) {
        problems.push(`${name} --help failed: ${String((e as { stderr?: string }).stderr ?? e).slice(-300)}`);
      }
    }));
  }
  assert.equal(problems, []);
});

for (const name of names) {
  test(`docs/examples/${name} runs (--quick)`, () => {
    run(name, '--quick');
  });
}

test.run();
