/**
 * The package as users install it: `npm pack` the built package, install the tarball offline
 * into a fresh project with no dev dependencies, and use it the way a user would — import both
 * entries (and the single-file bundle) from ESM in Node, type-check a consumer .ts file under
 * `strict`, and bundle `import { Rng }` with esbuild to see that tree-shaking drops gemm. Also:
 * the tarball holds dist/, README.md, LICENSE (and npm's package.json) and nothing else; the
 * .d.ts files carry the TSDoc; package-lock.json names the package.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, root } from './build-once.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
let work = '';
let tarball = '';
let files: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: 'pipe', timeout: 180_000, env: { ...process.env, npm_config_update_notifier: 'false' } }).toString();
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; status?: number };
    throw new Error(`${cmd} ${args.join(' ')} exited with ${err.status}:\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}`);
  }
}

test.before(() => {
  buildOnce();
  work = mkdtempSync(join(tmpdir(), 'boltzmann-pack-'));
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root)) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0].filename);
  files = packed[0].files.map((f) => f.path);
  const consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', tarball], consumer);
});

test.after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds dist/, README.md and LICENSE only (plus package.json)', () => {
  const stray = files.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f));
  assert.equal(stray, []);
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/browser.js', 'dist/boltzmann.js', 'dist/boltzmann.min.js', 'dist/node/pool-worker.js', 'dist/browser/pool-worker.js', 'README.md', 'LICENSE']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.not.ok(files.some((f) => f.includes('playground') || f.endsWith('.ts') && !f.endsWith('.d.ts')), 'no playground, no sources');
});

test('installed into a fresh project: both entries and the bundle import from ESM in Node and compute', () => {
  const consumer = join(work, 'consumer');
  writeFileSync(join(consumer, 'use.mjs'), `
import { Rng, matrix, gemm, getBackend, isingExact, BernoulliRBM, trainRBM, summarize } from 'boltzmann';
import { createWorkerPool, writeSvg } from 'boltzmann/node';
import * as bundle from 'boltzmann/bundle';
const c = gemm(matrix(2, 2), matrix(2, 3, [1, 2, 3, 4, 5, 6]), matrix(3, 2, [1, 0, 0, 1, 1, 1]));
const pool = createWorkerPool({ size: 1 });
await pool.ready();
// trainRBM on the pool's team: the worker imports the installed dist/rbm/resident.js
const X = matrix(60, 16);
const g = new Rng(3);
for (let q = 0; q < X.data.length; q++) X.data[q] = g.float() < 0.3 ? 1 : 0;
const one = BernoulliRBM.create(16, 8, 'hinton', new Rng(1)), two = BernoulliRBM.create(16, 8, 'hinton', new Rng(1));
trainRBM(one, X, { epochs: 2, batchSize: 20 }, new Rng(2));
trainRBM(two, X, { epochs: 2, batchSize: 20, pool }, new Rng(2));
const teamSame = one.W.data.every((w, q) => Object.is(w, two.W.data[q]));
// summarize on the pool's team: the worker imports the installed dist/mcmc/summary-team.js
const chains = [0, 1].map((c) => ({ samples: Float64Array.from({ length: 3 * 200 }, (_, i) => Math.sin(i * (c + 1.3))), nSamples: 200, dim: 3 }));
const rowsAlone = summarize(chains), rowsTeam = summarize(chains, undefined, { pool });
const summarySame = JSON.stringify(rowsAlone) === JSON.stringify(rowsTeam) && rowsAlone.length === 3;
await pool.close();
console.log(JSON.stringify({
  c: Array.from(c.data), backend: getBackend(), first: new Rng(42).nextUint32(), bundleFirst: new bundle.Rng(42).nextUint32(),
  z: Math.exp(isingExact(2, 1).logZ), writeSvg: typeof writeSvg, bundleGemm: typeof bundle.gemm, teamSame, summarySame,
}));
`);
  const out = JSON.parse(run(process.execPath, ['use.mjs'], consumer)) as Record<string, unknown>;
  assert.equal(out.c, [4, 5, 10, 11]);
  assert.ok(out.backend === 'wasm' || out.backend === 'ts');
  assert.is(out.first, out.bundleFirst);
  // Z of the 2x2 torus at T = 1 (each bond counted twice): 2e^8 + 12 + 2e^-8
  assert.ok(Math.abs((out.z as number) - (2 * Math.exp(8) + 12 + 2 * Math.exp(-8))) < 1e-8);
  assert.is(out.writeSvg, 'function');
  assert.is(out.bundleGemm, 'function');
  assert.is(out.teamSame, true, 'trainRBM with a pool gives the one-thread bits from the installed package');
  assert.is(out.summarySame, true, 'summarize with a pool gives the one-thread rows from the installed package');
});

test('a consumer .ts file type-checks under strict against the installed .d.ts', () => {
  const consumer = join(work, 'consumer');
  writeFileSync(join(consumer, 'consumer.ts'), `
import { Rng, matrix, gemm, runChains, rwmSampler, gaussianTarget, summarize, type Matrix, type RunChainsResult } from 'boltzmann';
import { writePng, imageGrid } from 'boltzmann/node';
import { browserPoolAvailable } from 'boltzmann/browser';
const rng: Rng = new Rng(1);
const a: Matrix = matrix(3, 3);
rng.fillUniform(a.data, 0, 1);
const c: Matrix = gemm(matrix(3, 3), a, a, { transB: true });
const r: RunChainsResult = runChains(rwmSampler(), gaussianTarget([0], [[1]]), { chains: 2, warmup: 10, samples: 20, x0: new Float64Array(1) }, rng);
const rows = summarize(r.chains.map((ch) => ch.samples), ['x']);
const available: boolean = browserPoolAvailable();
export const used = [c.rows, rows.length, available, typeof writePng, typeof imageGrid];
// @ts-expect-error gemm needs matrices, not numbers
gemm(1, 2, 3);
`);
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], noEmit: true, skipLibCheck: false, types: [] },
    files: ['consumer.ts'],
  }, null, 2));
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], consumer);
});

test('the .d.ts files carry the TSDoc (with examples)', () => {
  const dts = readFileSync(join(work, 'consumer', 'node_modules', pkg.name, 'dist', 'linalg', 'gemm.d.ts'), 'utf8');
  assert.ok(/\/\*\*[\s\S]*@example[\s\S]*\*\/\s*export declare function gemm\(/.test(dts), 'gemm.d.ts documents gemm with an example');
});

test('tree-shaking: a bundle that imports only Rng contains no gemm', async () => {
  const consumer = join(work, 'consumer');
  writeFileSync(join(consumer, 'only-rng.mjs'), "import { Rng } from 'boltzmann';\nconsole.log(new Rng(1).nextUint32());\n");
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [join(consumer, 'only-rng.mjs')], bundle: true, format: 'esm', platform: 'browser', write: false, absWorkingDir: consumer, logLevel: 'silent' });
  const code = result.outputFiles[0].text;
  assert.ok(code.includes('nextUint32'), 'the bundle holds the generator');
  for (const marker of ['function gemm', 'WebAssembly', 'sgemm', 'function linePlot']) {
    assert.not.ok(code.includes(marker), `'${marker}' was not shaken out (${(code.length / 1024).toFixed(0)} KiB)`);
  }
  assert.ok(code.length < 40_000, `only the generator is left: ${code.length} bytes`);
  // Negative control: the markers do appear when gemm is imported.
  writeFileSync(join(consumer, 'with-gemm.mjs'), "import { gemm, matrix } from 'boltzmann';\nconsole.log(gemm(matrix(1, 1), matrix(1, 1), matrix(1, 1)).data[0]);\n");
  const control = await build({ entryPoints: [join(consumer, 'with-gemm.mjs')], bundle: true, format: 'esm', platform: 'browser', write: false, absWorkingDir: consumer, logLevel: 'silent' });
  const withGemm = control.outputFiles[0].text;
  assert.ok(withGemm.includes('function gemm') && withGemm.includes('WebAssembly'), 'the markers detect gemm when it is imported');
});

test('package-lock.json names the package and its version', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, { name?: string; version?: string }> };
  assert.is(lock.name, pkg.name);
  assert.is(lock.version, pkg.version);
  assert.is(lock.packages[''].name, pkg.name);
  assert.is(lock.packages[''].version, pkg.version);
});

test.run();
