/**
 * Smoke test: every example in docs/examples/ runs to the end (with --quick where it takes one)
 * and exits 0, so the examples cannot silently rot. Their numbers are checked by the tour's rows
 * and by the module specs; this only proves they run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'docs', 'examples');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  test(`docs/examples/${name} runs (--quick)`, () => {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, name), '--quick'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
    } catch (e) {
      const err = e as { status?: number; stderr?: Buffer };
      assert.unreachable(`${name} exited with ${err.status}: ${String(err.stderr ?? '').slice(-800)}`);
    }
  });
}

test.run();
