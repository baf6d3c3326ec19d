/**
 * docs/examples/rbm-mnist.ts with --quick: the JSON line carries the figures the docs quote, the
 * AIS estimate of the 10-hidden model agrees with exact enumeration (within 0.1 nats, exact
 * inside [lower, upper]), and the PNGs have the sizes of their grids; the tutorial preset
 * (N-CDT-06, shortened) writes originals beside generated images.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = join(root, 'docs', 'examples', 'rbm-mnist.ts');
const out = join(root, 'tour-output', 'examples', 'rbm-mnist');

function run(...args: string[]): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', example, ...args, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('--quick: JSON figures; AIS log Z within 0.1 nats of exact, exact inside [lower, upper]; PNG sizes', () => {
  const r = run('--quick');
  for (const key of ['secondsPerEpoch', 'epochs', 'testLogLikelihood', 'logZ', 'exactLogZ']) assert.type(r[key], 'number', key);
  assert.is(r.epochs, 2);
  const ais = r.logZ as number, exact = r.exactLogZ as number;
  assert.ok(Math.abs(ais - exact) < 0.1, `AIS ${ais} vs exact ${exact}`);
  assert.ok((r.logZLower as number) <= exact && exact <= (r.logZUpper as number));
  assert.ok((r.testLogLikelihood as number) < 0);
  // 10 filters in one line of 10 tiles of 28 px with 1 px padding: 291 x 30; 100 samples: 291 x 291
  assert.equal(pngSize(join(out, 'filters.png')), [291, 30]);
  assert.equal(pngSize(join(out, 'samples.png')), [291, 291]);
});

test('N-CDT-06 --preset tutorial --quick: 10 originals above 10 generated images (291 x 59)', () => {
  const r = run('--preset', 'tutorial', '--quick');
  assert.is(r.preset, 'tutorial');
  assert.is(r.generationSteps, 20);
  assert.ok((r.outsideFraction as number) > 0, 'the noisy chain leaves [0, 1]');
  assert.equal(pngSize(join(out, 'tutorial-generated.png')), [291, 59]);
});

test.run();
