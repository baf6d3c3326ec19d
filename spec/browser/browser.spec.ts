/**
 * The library in a real browser: Debian's Chromium driven by puppeteer-core (never a downloaded
 * browser). Path from CHROMIUM_PATH, else the usual install locations; without one, the specs
 * print why and skip.
 *
 *  - The same seed gives bit-identical numbers in Chromium and in Node: an Rng stream, a gemm on
 *    each backend, a short Gibbs chain, a few epochs of RBM and of VAE training, Ising sweeps (spec/browser/identical-cases.js, run on
 *    lib/ here and on dist/ — both the module tree and the single-file bundle — there).
 *  - The browser worker pool splits a gemm over a worker with the same bits as gemm (each
 *    backend), and runs a job module.
 *  - The playground (served cross-origin isolated, as `npm run playground` does) loads through its
 *    import map with no console error, uses the worker pool, and its RBM learns; without the
 *    isolation headers it falls back to one thread, also without errors.
 *  - A tour report page loads with no console error and makes no request beyond itself (inline
 *    SVG, PNG as data: URLs).
 *
 * Screenshots of both pages go to tour-output/screenshots/; docs/img/ (the README's pictures)
 * is written only when a picture is missing there or UPDATE_SCREENSHOTS=1, so a test run does
 * not change tracked files.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import * as lib from '../../lib/index.js';
import { identicalCases } from './identical-cases.js';
import { buildOnce, root } from '../package/build-once.js';
import { startServer, type StaticServer } from '../../scripts/serve.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
const chromiumPath = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
const skipReason = chromiumPath === undefined
  ? `no Chromium found (set CHROMIUM_PATH, or install Debian's: apt-get install -y chromium); looked in ${CANDIDATES.join(', ')}`
  : !existsSync(chromiumPath) ? `CHROMIUM_PATH=${chromiumPath} does not exist` : null;

const shots = join(root, 'tour-output', 'screenshots');
const update = process.env.UPDATE_SCREENSHOTS === '1';

let browser: Browser;
let server: StaticServer;
let plain: StaticServer;
let profile: string;

/** A page that records console errors, failed loads and every request it makes. */
async function open(url: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
  await page.setViewport({ width: 1050, height: 900 });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return { page, errors, requests };
}

/** Saves a screenshot under tour-output/screenshots/, and into docs/img/ when missing there or asked for. */
function keep(name: string, from: string): void {
  const img = join(root, 'docs', 'img', name);
  if (update || !existsSync(img)) {
    mkdirSync(join(root, 'docs', 'img'), { recursive: true });
    copyFileSync(from, img);
  }
}

if (skipReason !== null) {
  test('browser specs (skipped)', () => {
    console.log(`  browser specs skipped: ${skipReason}`);
  });
} else {
  test.before(async () => {
    buildOnce();
    mkdirSync(shots, { recursive: true });
    server = await startServer({ root, isolate: true });
    plain = await startServer({ root, isolate: false });
    profile = mkdtempSync(join(tmpdir(), 'boltzmann-chromium-'));
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`],
    });
  });

  test.after(async () => {
    await browser?.close();
    await server?.close();
    await plain?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the same seed gives bit-identical numbers in Chromium and in Node (Rng, gemm per backend, Gibbs chain, RBM and VAE training, Ising)', async () => {
    const expected = identicalCases(lib);
    const { page, errors } = await open(`${server.url}/spec/browser/identical.html`);
    await page.waitForFunction('window.__identical !== undefined', { timeout: 30_000 });
    const got = (await page.evaluate('window.__identical')) as { modular?: Record<string, string>; bundled?: Record<string, string>; error?: string };
    assert.is(got.error, undefined, got.error);
    assert.equal(errors, []);
    assert.ok(expected.backends.includes('wasm') && got.modular!.backends.includes('wasm'), `wasm backend in both (Node: ${expected.backends}; Chromium: ${got.modular!.backends})`);
    for (const [name, result] of [['dist/ modules', got.modular!], ['dist/boltzmann.js bundle', got.bundled!]] as const) {
      for (const key of Object.keys(expected)) assert.is(result[key], expected[key], `${name}: ${key} differs between Node and Chromium`);
    }
    await page.close();
  });

  test('the browser worker pool: gemm split over a worker gives the same bits as gemm on each backend; run() returns', async () => {
    const { page, errors } = await open(`${server.url}/spec/browser/pool.html`);
    await page.waitForFunction('window.__pool !== undefined', { timeout: 30_000 });
    const r = (await page.evaluate('window.__pool')) as { available: boolean; cases: { backend: string; parts: number; same: boolean }[]; run?: number; error?: string };
    assert.is(r.error, undefined, r.error);
    assert.equal(errors, []);
    assert.is(r.available, true);
    assert.ok(r.cases.length >= 4, `${r.cases.length} cases`);
    for (const c of r.cases) {
      assert.is(c.parts, 2, `${c.backend}: split into this thread and the worker`);
      assert.ok(c.same, `${c.backend}: split product differs from gemm`);
    }
    assert.is(r.run, 6.5);
    await page.close();
  });

  test('the playground loads through its import map, uses the worker pool when isolated, and its models run', async () => {
    const { page, errors } = await open(`${server.url}/docs/playground/?demo=400&seed=1`);
    await page.waitForFunction('window.__playground && window.__playground.ready', { timeout: 60_000 });
    const s = (await page.evaluate('window.__playground')) as { pool: number; sweeps: number; energyPerSpin: number; absM: number; rbmUpdates: number; kl: number; error: string | null };
    assert.is(s.error, null);
    assert.equal(errors, []);
    assert.is(await page.evaluate('crossOriginIsolated'), true);
    assert.is(s.pool, 1, 'RBM training ran in a pool worker');
    assert.is(s.sweeps, 400);
    // E/N of the 2D Ising model lies in [−2, 0] whatever the state; |m| in [0, 1].
    assert.ok(s.energyPerSpin >= -2 && s.energyPerSpin <= 0 && s.absM >= 0 && s.absM <= 1, JSON.stringify(s));
    // The RBM starts near the uniform model's KL, ln(2^16 / 30) = 7.69, and must have learned something.
    assert.ok(s.rbmUpdates === 200 && s.kl < Math.log(2 ** 16 / 30) - 0.5, `KL ${s.kl} after ${s.rbmUpdates} updates`);
    const file = join(shots, 'playground.png');
    await page.screenshot({ path: file, fullPage: true });
    await page.close();
    if (update || !existsSync(join(root, 'docs', 'img', 'playground.png'))) {
      // the README's picture: a longer deterministic run
      const big = await open(`${server.url}/docs/playground/?demo=3000&seed=1`);
      await big.page.waitForFunction('window.__playground && window.__playground.ready', { timeout: 120_000 });
      await big.page.screenshot({ path: file, fullPage: true });
      await big.page.close();
      keep('playground.png', file);
    }
  });

  test('without cross-origin isolation the playground runs on one thread, with no error', async () => {
    const { page, errors } = await open(`${plain.url}/docs/playground/?demo=100`);
    await page.waitForFunction('window.__playground && window.__playground.ready', { timeout: 60_000 });
    const s = (await page.evaluate('window.__playground')) as { pool: number; error: string | null; rbmUpdates: number };
    assert.is(await page.evaluate('crossOriginIsolated'), false);
    assert.is(s.pool, 0);
    assert.is(s.error, null);
    assert.ok(s.rbmUpdates > 0);
    assert.equal(errors, []);
    await page.close();
  });

  test('a tour report page loads with no console error and makes no request beyond itself', async () => {
    const out = join(root, 'tour-output', 'browser-spec');
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'docs', 'examples', 'tour.ts'), '--quick', '--inline', '--chapter', 'optim,markov', '--out', out], { cwd: root, stdio: 'pipe', timeout: 120_000 });
    const full = join(root, 'tour-output', 'index.html');
    const pageFile = update && existsSync(full) ? full : join(out, 'index.html');
    const url = `${server.url}/${pageFile.slice(root.length + 1)}`;
    const { page, errors, requests } = await open(url);
    assert.equal(errors, []);
    assert.equal(requests, [url], 'the page is self-contained');
    const counts = (await page.evaluate(`({ svg: document.querySelectorAll('figure svg').length, png: document.querySelectorAll('img[src^="data:image/png"]').length, rows: document.querySelectorAll('td.agrees').length })`)) as { svg: number; png: number; rows: number };
    assert.ok(counts.svg >= 2 && counts.png >= 1 && counts.rows >= 10, JSON.stringify(counts));
    const file = join(shots, 'tour.png');
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1050, height: 1200 } });
    keep('tour.png', file);
    await page.close();
  });
}

test.run();
