/**
 * Part of `npm run build`: the single-file ESM bundles of the main entry for script-tag and CDN
 * users (one request instead of one per module), made with the esbuild that the dev toolchain
 * already has (tsx depends on it):
 *
 *   dist/boltzmann.js       the main entry, one file, readable
 *   dist/boltzmann.min.js   the same, minified
 *   dist/boltzmann.d.ts     types for both (re-exports dist/index.d.ts)
 *
 * Runs after tsc has written dist/.
 */
import { build } from 'esbuild';
import { writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const common = {
  entryPoints: [join(dist, 'index.js')],
  bundle: true,
  format: 'esm' as const,
  platform: 'browser' as const,
  target: 'es2022',
  legalComments: 'none' as const,
  logLevel: 'warning' as const,
};
await build({ ...common, outfile: join(dist, 'boltzmann.js') });
await build({ ...common, outfile: join(dist, 'boltzmann.min.js'), minify: true });
writeFileSync(join(dist, 'boltzmann.d.ts'), "// Types of the single-file bundles boltzmann.js and boltzmann.min.js: the main entry's.\nexport * from './index.js';\n");
const kb = (f: string) => (statSync(join(dist, f)).size / 1024).toFixed(0);
console.log(`bundled dist/boltzmann.js (${kb('boltzmann.js')} KiB) and dist/boltzmann.min.js (${kb('boltzmann.min.js')} KiB)`);
