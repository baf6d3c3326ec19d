/**
 * PNG writer (lib/io/png.ts) checked with independent tools: Node's zlib inflates our zlib
 * streams and computes CRC-32 (zlib.crc32, Node >= 20.15 / 22.2; a bitwise CRC is the fallback),
 * and published check values: CRC-32("123456789") = 0xCBF43926 (the CRC catalogue's check
 * value for CRC-32/ISO-HDLC), Adler-32("Wikipedia") = 0x11E60398 (the worked example in
 * Wikipedia's Adler-32 article and RFC 1950's definition).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import zlib from 'node:zlib';
import { encodePng, type PixelImage } from '../../lib/io/index.js';
import { adler32, crc32, zlibCompress } from '../../lib/io/png.js';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Bitwise CRC-32 (no table), used when zlib.crc32 is missing. */
function crc32Bitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
const referenceCrc = (bytes: Uint8Array): number =>
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(bytes) >>> 0 : crc32Bitwise(bytes);

/** Adler-32 straight from RFC 1950 (mod after every byte). */
function adlerNaive(bytes: Uint8Array): number {
  let a = 1, b = 0;
  for (const x of bytes) { a = (a + x) % 65521; b = (b + a) % 65521; }
  return (b * 65536 + a) >>> 0;
}

/** Deterministic test bytes: an LCG (no Rng needed); `mod` limits the alphabet. */
function lcgBytes(n: number, seed: number, mod = 256): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = (s >>> 24) % mod; }
  return out;
}

test('crc32 and adler32 match published check values and independent implementations', () => {
  assert.is(crc32(ascii('123456789')), 0xcbf43926);
  assert.is(adler32(ascii('Wikipedia')), 0x11e60398);
  assert.is(crc32(new Uint8Array(0)), 0);
  assert.is(adler32(new Uint8Array(0)), 1);
  const bytes = lcgBytes(70000, 1);
  assert.is(crc32(bytes), referenceCrc(bytes));
  assert.is(crc32(bytes), crc32Bitwise(bytes));
  // all-0xFF input drives the sums highest: checks the 5552-byte blocking against mod-per-byte
  const ff = new Uint8Array(100000).fill(255);
  assert.is(adler32(ff), adlerNaive(ff));
  assert.is(adler32(bytes), adlerNaive(bytes));
});

test('zlibCompress: Node zlib inflates both modes back to the input (runs, random, > 64 KiB, > 32 KiB distances)', () => {
  const periodic = new Uint8Array(50000);
  for (let i = 0; i < periodic.length; i++) periodic[i] = i % 40000 < 20000 ? (i * 13) % 7 : 200;
  const far = new Uint8Array(90000);
  far.set(lcgBytes(20000, 9), 0);
  far.set(lcgBytes(20000, 9), 33000); // a repeat 33000 bytes back: beyond the 32 KiB window
  far.set(lcgBytes(20000, 9), 60000); // and 27000 back from the second copy: inside it
  const inputs: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', new Uint8Array([42])],
    ['two bytes', new Uint8Array([1, 2])],
    ['all zero 70000', new Uint8Array(70000)],
    ['periodic', periodic],
    ['random 70000', lcgBytes(70000, 3)],
    ['4-letter alphabet', lcgBytes(30000, 5, 4)],
    ['far repeats', far],
    ['text', ascii('the quick brown fox jumps over the lazy dog; '.repeat(50))],
  ];
  for (const [name, data] of inputs) {
    for (const mode of ['fixed', 'stored'] as const) {
      const z = zlibCompress(data, mode);
      assert.is(z[0], 0x78, `${name} ${mode} CMF`);
      assert.is(((z[0] << 8) | z[1]) % 31, 0, `${name} ${mode} FCHECK`);
      const back = new Uint8Array(zlib.inflateSync(z));
      assert.is(back.length, data.length, `${name} ${mode} length`);
      assert.ok(Buffer.from(back).equals(Buffer.from(data)), `${name} ${mode} bytes`);
      const n = z.length;
      assert.is(((z[n - 4] << 24) | (z[n - 3] << 16) | (z[n - 2] << 8) | z[n - 1]) >>> 0, adlerNaive(data), `${name} ${mode} adler`);
    }
  }
  // fixed Huffman + LZ77 really compresses 70000 zeros: one literal (8 bits), then 69999 =
  // 271 * 258 + 81 bytes of matches at distance 1: 271 x (code 285: 8 bits + distance code 0:
  // 5 bits) and one length 81 (code 276: 7 bits + 4 extra + 5 distance bits = 16), plus the
  // 3-bit block header and the 7-bit end code: 3 + 8 + 3523 + 16 + 7 = 3557 bits -> 445 bytes,
  // with 2 header and 4 Adler bytes: 451.
  assert.is(zlibCompress(new Uint8Array(70000)).length, 451);
  // stored size is exact: 2 header + per block (1 + 2 + 2) + data + 4 trailer; 70000 bytes = 2 blocks
  assert.is(zlibCompress(lcgBytes(70000, 3), 'stored').length, 2 + 2 * 5 + 70000 + 4);
});

/** Splits a PNG into its chunks, checking each CRC with the reference. */
function readChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  let at = 8;
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = view.getUint32(at + 8 + len);
    assert.is(crc, referenceCrc(png.subarray(at + 4, at + 8 + len)), `CRC of ${type} at byte ${at}`);
    chunks.push({ type, data });
    at += 12 + len;
  }
  assert.is(at, png.length, 'chunks end exactly at the end of the file');
  return chunks;
}

function checkPng(image: PixelImage, deflate: 'fixed' | 'stored'): void {
  const png = encodePng(image, { deflate });
  assert.equal(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'signature');
  const chunks = readChunks(png);
  assert.equal(chunks.map((c) => c.type).filter((t) => t !== 'IDAT').concat(), ['IHDR', 'IEND']);
  assert.is(chunks[0].type, 'IHDR');
  assert.is(chunks[chunks.length - 1].type, 'IEND');
  assert.is(chunks[chunks.length - 1].data.length, 0);
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  assert.is(chunks[0].data.length, 13);
  assert.is(ihdr.getUint32(0), image.width, 'IHDR width');
  assert.is(ihdr.getUint32(4), image.height, 'IHDR height');
  assert.equal(Array.from(chunks[0].data.subarray(8)), [8, image.channels === 1 ? 0 : 2, 0, 0, 0], 'depth, colour type, compression, filter, interlace');
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => Buffer.from(c.data)));
  const raw = new Uint8Array(zlib.inflateSync(idat));
  const rowBytes = image.width * image.channels;
  assert.is(raw.length, image.height * (rowBytes + 1));
  for (let y = 0; y < image.height; y++) {
    assert.is(raw[y * (rowBytes + 1)], 0, `filter byte of row ${y}`);
    const row = raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    assert.ok(Buffer.from(row).equals(Buffer.from(image.data.subarray(y * rowBytes, (y + 1) * rowBytes))), `row ${y} pixels`);
  }
}

test('encodePng: signature, IHDR, chunk CRCs, and IDAT inflating to the pixels (grey and RGB, both modes)', () => {
  const gradient = new Uint8Array(37 * 5);
  for (let i = 0; i < gradient.length; i++) gradient[i] = (i * 7) & 255;
  const images: PixelImage[] = [
    { width: 1, height: 1, channels: 1, data: new Uint8Array([200]) },
    { width: 37, height: 5, channels: 1, data: gradient },
    { width: 3, height: 2, channels: 3, data: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]) },
    { width: 64, height: 64, channels: 3, data: lcgBytes(64 * 64 * 3, 11, 8) },
    { width: 300, height: 250, channels: 1, data: lcgBytes(300 * 250, 12) },
    { width: 4, height: 4, channels: 1, data: new Uint8ClampedArray(16).fill(77) as unknown as Uint8Array },
  ];
  for (const image of images) {
    checkPng(image, 'fixed');
    checkPng(image, 'stored');
  }
});

test('bad input: encodePng, zlibCompress, crc32 name the argument and the value', () => {
  throwsMsg(() => encodePng({ width: 4, height: 3, channels: 1, data: new Uint8Array(10) }), RangeError, 'encodePng: data has length 10 but a 4x3 image with 1 channel needs 12');
  throwsMsg(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(4) }), RangeError, 'encodePng: data has length 4 but a 2x2 image with 3 channels needs 12');
  throwsMsg(() => encodePng({ width: 0, height: 3, channels: 1, data: new Uint8Array(0) }), RangeError, 'encodePng: width must be a positive integer, got 0');
  throwsMsg(() => encodePng({ width: 2, height: 1.5, channels: 1, data: new Uint8Array(3) }), RangeError, 'encodePng: height must be a positive integer, got 1.5');
  throwsMsg(() => encodePng({ width: 2, height: 2, channels: 2 as 1, data: new Uint8Array(8) }), RangeError, 'encodePng: channels must be 1 (grey) or 3 (RGB), got 2');
  throwsMsg(() => encodePng({ width: 1, height: 1, channels: 1, data: new Float32Array(1) as unknown as Uint8Array }), TypeError, 'encodePng: data must be a Uint8Array (or Uint8ClampedArray), got Float32Array(1)');
  throwsMsg(() => encodePng({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) }, { deflate: 'best' as 'fixed' }), RangeError, "encodePng: deflate must be 'fixed' or 'stored', got \"best\"");
  throwsMsg(() => crc32('abc' as unknown as Uint8Array), TypeError, 'crc32: bytes must be a Uint8Array, got "abc"');
  throwsMsg(() => adler32([1, 2] as unknown as Uint8Array), TypeError, 'adler32: bytes must be a Uint8Array, got Array(2)');
});

test.run();
