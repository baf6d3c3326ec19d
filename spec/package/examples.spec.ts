/**
 * Smoke test: every example in docs/examples/ answers --help (usage, its options and defaults,
 * where its pictures go; exit 0) and runs to the end with --quick (exit 0), so the examples
 * cannot silently rot. Their numbers are checked by the tour's rows and by the module specs;
 * this only proves they run and document themselves.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
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

for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  test(`docs/examples/${name} --help prints its usage, --quick and where its output goes`, () => {
    const help = run(name, '--help');
    assert.ok(help.includes(name.replace(/\.ts$/, '')), 'names the example');
    assert.ok(help.includes('--quick'), 'lists --quick');
    assert.ok(help.includes('tour-output/'), 'says where the pictures or report go');
  });
  test(`docs/examples/${name} runs (--quick)`, () => {
    run(name, '--quick');
  });
}

test.run();
