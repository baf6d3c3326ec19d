/**
 * Node-only file helpers (lib/io-node.ts): files land on disk with the same bytes the
 * browser-safe encoders return, and folders are created.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { writePng, writeSvg } from '../../lib/io-node.js';
import { encodePng, linePlot } from '../../lib/io/index.js';

test('writePng and writeSvg write the encoded bytes / text, creating folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'boltzmann-io-'));
  try {
    const image = { width: 3, height: 2, channels: 1 as const, data: new Uint8Array([0, 50, 100, 150, 200, 250]) };
    const path = join(dir, 'nested', 'a.png');
    const bytes = writePng(path, image);
    const onDisk = new Uint8Array(readFileSync(path));
    assert.ok(Buffer.from(onDisk).equals(Buffer.from(encodePng(image))));
    assert.ok(Buffer.from(onDisk).equals(Buffer.from(bytes)));
    // IDAT starts after signature (8) + IHDR (25): length, 'IDAT', zlib data
    const len = new DataView(onDisk.buffer, onDisk.byteOffset).getUint32(33);
    const raw = zlib.inflateSync(onDisk.subarray(41, 41 + len));
    assert.equal(Array.from(raw), [0, 0, 50, 100, 0, 150, 200, 250]);
    const svg = linePlot({ series: [{ y: [3, 1, 2], label: 'loss' }] });
    const svgPath = join(dir, 'b', 'c.svg');
    writeSvg(svgPath, svg);
    assert.is(readFileSync(svgPath, 'utf8'), svg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: writePng and writeSvg', () => {
  assert.throws(() => writePng('', { width: 1, height: 1, channels: 1, data: new Uint8Array(1) }), /writePng: path must be a non-empty string/);
  assert.throws(() => writePng(join(tmpdir(), 'never.png'), { width: 2, height: 1, channels: 1, data: new Uint8Array(1) }), /writePng: data has length 1 but a 2x1 image with 1 channel needs 2/);
  assert.throws(() => writeSvg(join(tmpdir(), 'never.svg'), 'hello'), /writeSvg: svg must be an SVG document string starting with <svg, got "hello"/);
});

test.run();
