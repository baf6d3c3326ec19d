/**
 * A dependency-free PNG writer (8-bit grey or RGB) and the pieces it needs, all written here:
 * CRC-32 (PNG chunks), Adler-32 (zlib trailer) and a DEFLATE compressor that emits either one
 * fixed-Huffman block with LZ77 matches (default) or stored (uncompressed) blocks.
 *
 * References: PNG (Third Edition), W3C 2025 / ISO 15948 (chunks, IHDR, filter type 0);
 * RFC 1950 (zlib stream), RFC 1951 (DEFLATE: fixed Huffman codes, length and distance tables).
 * Browser-safe: functions return bytes; writing them to a file is lib/io-node.ts's job.
 */
import { checkOptionKeys, describe } from '../checks/index.js';
import { checkDeflate, checkPixelImage } from './checks.js';

import type { PixelImage } from './pixel-image.js';
export type { PixelImage } from './pixel-image.js';

/** How the zlib stream inside IDAT is compressed. */
export type DeflateMode = 'fixed' | 'stored';

// ---- CRC-32 (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320) -----------------------

let crcTable: Uint32Array | null = null;
function getCrcTable(): Uint32Array {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  return crcTable;
}

/**
 * CRC-32 of `bytes` (the checksum PNG puts after every chunk, and gzip/zip use), as an
 * unsigned 32-bit integer. Table-driven, one byte at a time.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')); // 0xCBF43926
 */
export function crc32(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`crc32: bytes must be a Uint8Array, got ${describe(bytes)}`);
  const table = getCrcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Adler-32 of `bytes` (RFC 1950: the checksum at the end of a zlib stream), unsigned.
 * A = 1 + sum of bytes, B = sum of the A's, both mod 65521; result B * 65536 + A.
 *
 * @example
 * adler32(new TextEncoder().encode('Wikipedia')); // 0x11E60398
 */
export function adler32(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`adler32: bytes must be a Uint8Array, got ${describe(bytes)}`);
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < bytes.length) {
    // 5552 is the largest n with 255 n (n+1)/2 + (n+1)(65520) < 2^32: sums stay exact before the mod.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ---- bit writer (DEFLATE packs bits from the least significant end of each byte) ----------

class BitWriter {
  bytes: Uint8Array;
  length = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 64));
  }
  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  /** Writes the `n` (<= 24) low bits of `value`, least significant first. */
  writeBits(value: number, n: number): void {
    this.bitBuffer |= value << this.bitCount;
    this.bitCount += n;
    this.ensure(4);
    while (this.bitCount >= 8) {
      this.bytes[this.length++] = this.bitBuffer & 0xff;
      this.bitBuffer >>>= 8;
      this.bitCount -= 8;
    }
  }
  /** Pads to a byte boundary with zero bits. */
  alignToByte(): void {
    if (this.bitCount > 0) this.writeBits(0, 8 - this.bitCount);
  }
  writeBytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.bytes.set(src, this.length);
    this.length += src.length;
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

// ---- DEFLATE tables (RFC 1951, 3.2.5 and 3.2.6) -----------------------------------------

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

interface FixedTables {
  /** Bit-reversed fixed Huffman code of literal/length symbol s (Huffman codes go most significant bit first). */
  litCode: Uint16Array;
  litLen: Uint8Array;
  /** length (3..258) -> length code index 0..28 (symbol 257 + index). */
  lengthIndex: Uint8Array;
  /** distance (1..32768) -> distance code 0..29. */
  distIndex: Uint8Array;
  /** Bit-reversed 5-bit distance codes. */
  distCode: Uint8Array;
}

let fixedTables: FixedTables | null = null;

function reverseBits(code: number, len: number): number {
  let r = 0;
  for (let i = 0; i < len; i++) {
    r = (r << 1) | (code & 1);
    code >>>= 1;
  }
  return r;
}

function getFixedTables(): FixedTables {
  if (fixedTables !== null) return fixedTables;
  const litCode = new Uint16Array(288);
  const litLen = new Uint8Array(288);
  for (let s = 0; s < 288; s++) {
    // Fixed literal/length code lengths: 0-143: 8 bits from 0x30, 144-255: 9 bits from 0x190,
    // 256-279: 7 bits from 0, 280-287: 8 bits from 0xC0.
    let code: number;
    let len: number;
    if (s < 144) { code = 0x30 + s; len = 8; }
    else if (s < 256) { code = 0x190 + (s - 144); len = 9; }
    else if (s < 280) { code = s - 256; len = 7; }
    else { code = 0xc0 + (s - 280); len = 8; }
    litCode[s] = reverseBits(code, len);
    litLen[s] = len;
  }
  const lengthIndex = new Uint8Array(259);
  for (let k = 0; k < 29; k++) {
    const top = k === 28 ? 258 : LENGTH_BASE[k] + (1 << LENGTH_EXTRA[k]) - 1;
    for (let l = LENGTH_BASE[k]; l <= top && l <= 258; l++) lengthIndex[l] = k;
  }
  lengthIndex[258] = 28; // 258 has its own code (285), not 284 + 31
  const distIndex = new Uint8Array(32769);
  for (let k = 0; k < 30; k++) {
    const top = DIST_BASE[k] + (1 << DIST_EXTRA[k]) - 1;
    for (let d = DIST_BASE[k]; d <= top && d <= 32768; d++) distIndex[d] = k;
  }
  const distCode = new Uint8Array(30);
  for (let k = 0; k < 30; k++) distCode[k] = reverseBits(k, 5);
  fixedTables = { litCode, litLen, lengthIndex, distIndex, distCode };
  return fixedTables;
}

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const MAX_CHAIN = 64;
const HASH_BITS = 15;

/** One fixed-Huffman block (BFINAL = 1, BTYPE = 01) with greedy LZ77 over a hash chain. */
function deflateFixed(data: Uint8Array, w: BitWriter): void {
  const t = getFixedTables();
  const n = data.length;
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW);
  const hashAt = (i: number) => Math.imul((data[i] << 16) | (data[i + 1] << 8) | data[i + 2], 0x9e3779b1) >>> (32 - HASH_BITS);
  const insert = (i: number) => {
    if (i + MIN_MATCH > n) return;
    const h = hashAt(i);
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = i;
  };
  const literal = (byte: number) => w.writeBits(t.litCode[byte], t.litLen[byte]);

  w.writeBits(1, 1); // BFINAL
  w.writeBits(1, 2); // BTYPE = 01 (fixed Huffman)
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= n) {
      const maxLen = Math.min(MAX_MATCH, n - i);
      let cand = head[hashAt(i)];
      let chain = MAX_CHAIN;
      while (cand >= 0 && i - cand <= WINDOW && chain-- > 0) {
        if (data[cand + bestLen] === data[i + bestLen]) {
          let len = 0;
          while (len < maxLen && data[cand + len] === data[i + len]) len++;
          if (len > bestLen) {
            bestLen = len;
            bestDist = i - cand;
            if (len === maxLen) break;
          }
        }
        const next = prev[cand & (WINDOW - 1)];
        if (next >= cand) break; // slot reused by a newer position: chain ends
        cand = next;
      }
    }
    if (bestLen >= MIN_MATCH) {
      const k = t.lengthIndex[bestLen];
      const sym = 257 + k;
      w.writeBits(t.litCode[sym], t.litLen[sym]);
      if (LENGTH_EXTRA[k] > 0) w.writeBits(bestLen - LENGTH_BASE[k], LENGTH_EXTRA[k]);
      const d = t.distIndex[bestDist];
      w.writeBits(t.distCode[d], 5);
      if (DIST_EXTRA[d] > 0) w.writeBits(bestDist - DIST_BASE[d], DIST_EXTRA[d]);
      for (let j = 0; j < bestLen; j++) insert(i + j);
      i += bestLen;
    } else {
      literal(data[i]);
      insert(i);
      i++;
    }
  }
  w.writeBits(t.litCode[256], t.litLen[256]); // end of block
}

/** Stored blocks (BTYPE = 00) of at most 65535 bytes each: LEN, NLEN, raw bytes. */
function deflateStored(data: Uint8Array, w: BitWriter): void {
  let i = 0;
  do {
    const len = Math.min(65535, data.length - i);
    const last = i + len >= data.length ? 1 : 0;
    w.writeBits(last, 1);
    w.writeBits(0, 2);
    w.alignToByte();
    w.writeBits(len & 0xffff, 16);
    w.writeBits(~len & 0xffff, 16);
    w.writeBytes(data.subarray(i, i + len));
    i += len;
  } while (i < data.length);
}

/**
 * Compresses `data` into a zlib stream (RFC 1950): the two header bytes 0x78 0x01, DEFLATE
 * data (RFC 1951) and the Adler-32 of `data`, big-endian. `mode` 'fixed' (default) writes one
 * block with the fixed Huffman code and greedy LZ77 matches (hash chains, 32 KiB window);
 * 'stored' writes the bytes uncompressed in blocks of at most 65535 bytes. Any inflater
 * (Node's `zlib.inflateSync`, browsers' DecompressionStream('deflate')) reads either.
 *
 * @example
 * const z = zlibCompress(new TextEncoder().encode('abcabcabcabc'));
 * // Node: zlib.inflateSync(z).toString() === 'abcabcabcabc'
 */
export function zlibCompress(data: Uint8Array, mode: DeflateMode = 'fixed'): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError(`zlibCompress: data must be a Uint8Array, got ${describe(data)}`);
  if (mode !== 'fixed' && mode !== 'stored') {
    throw new RangeError(`zlibCompress: mode must be 'fixed' or 'stored', got ${String(mode)}`);
  }
  const w = new BitWriter(mode === 'stored' ? data.length + 5 * Math.ceil(data.length / 65535 + 1) + 6 : (data.length >> 1) + 64);
  // CMF = 0x78: deflate with a 32 KiB window; FLG = 0x01: no dictionary, (0x78 << 8 | FLG) % 31 == 0.
  w.writeBits(0x78, 8);
  w.writeBits(0x01, 8);
  if (mode === 'fixed') deflateFixed(data, w);
  else deflateStored(data, w);
  w.alignToByte();
  const a = adler32(data);
  w.writeBits((a >>> 24) & 0xff, 8);
  w.writeBits((a >>> 16) & 0xff, 8);
  w.writeBits((a >>> 8) & 0xff, 8);
  w.writeBits(a & 0xff, 8);
  return w.result();
}

// ---- PNG ---------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function writeUint32BE(out: Uint8Array, at: number, v: number): void {
  out[at] = (v >>> 24) & 0xff;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

/** A chunk: 4-byte length, 4-byte type, data, CRC-32 over type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeUint32BE(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeUint32BE(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Checks an image's fields; `fn` names the caller in messages. */

/**
 * Encodes an 8-bit grey (channels 1, colour type 0) or RGB (channels 3, colour type 2) image
 * as PNG bytes: signature, IHDR, one IDAT holding the zlib stream of the rows (each row
 * prefixed by filter byte 0 = None), IEND. No interlacing, no ancillary chunks.
 *
 * @param image `{ width, height, channels, data }`, data row-major with length width*height*channels
 * @param options.deflate 'fixed' (default: fixed-Huffman LZ77) or 'stored' (no compression)
 * @example
 * // a 2x2 grey checkerboard
 * const png = encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array([0, 255, 255, 0]) });
 * // png[0..7] is the PNG signature; write it with writePng from 'boltzmann/node' or a Blob in a browser
 */
export function encodePng(image: PixelImage, options: { deflate?: DeflateMode } = {}): Uint8Array {
  checkPixelImage('encodePng', image);
  checkOptionKeys('encodePng', options, ['deflate']);
  if (options.deflate !== undefined) checkDeflate('encodePng', options.deflate);
  const { width, height, channels, data } = image;
  const rowBytes = width * channels;
  // Scanlines with filter type 0 (None) in front of each row.
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    raw.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  writeUint32BE(ihdr, 0, width);
  writeUint32BE(ihdr, 4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 1 ? 0 : 2; // colour type: 0 greyscale, 2 truecolour
  ihdr[10] = 0; // compression method 0 (deflate)
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const parts = [
    new Uint8Array(PNG_SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibCompress(raw, options.deflate ?? 'fixed')),
    chunk('IEND', new Uint8Array(0)),
  ];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
