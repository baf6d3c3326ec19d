/**
 * `npm run build` once per test run, shared by the specs that need dist/ and the playground
 * build (the packaging and browser specs run in one process, so the first caller builds).
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let built = false;

/** Builds dist/ (tsc, the esbuild bundles) and docs/playground/build/; throws with the output on failure. */
export function buildOnce(): void {
  if (built) return;
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe', timeout: 180_000 });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build failed:\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}`);
  }
  built = true;
}
