/**
 * readIdx (lib/data/idx.ts): files are built here byte by byte with DataView's big-endian writers
 * (an encoder independent of the reader), one per element type, and every kind of malformed file
 * is checked for its message (byte offset and what was expected).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readIdx, type IdxDtype } from '../../lib/data/idx.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

const CODES: Record<IdxDtype, number> = { u8: 0x08, i8: 0x09, i16: 0x0b, i32: 0x0c, f32: 0x0d, f64: 0x0e };
const SIZES: Record<IdxDtype, number> = { u8: 1, i8: 1, i16: 2, i32: 4, f32: 4, f64: 8 };

/** An IDX file: magic 00 00 code rank, sizes as big-endian u32, values big-endian. */
function encode(dtype: IdxDtype, dims: number[], values: number[]): Uint8Array {
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + values.length * SIZES[dtype]);
  const v = new DataView(bytes.buffer);
  bytes[2] = CODES[dtype];
  bytes[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  values.forEach((x, k) => {
    const at = header + k * SIZES[dtype];
    switch (dtype) {
      case 'u8': v.setUint8(at, x); break;
      case 'i8': v.setInt8(at, x); break;
      case 'i16': v.setInt16(at, x, false); break;
      case 'i32': v.setInt32(at, x, false); break;
      case 'f32': v.setFloat32(at, x, false); break;
      case 'f64': v.setFloat64(at, x, false); break;
    }
  });
  return bytes;
}

test('the example from the docs: a 2 x 3 u8 array written out by hand', () => {
  const bytes = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
  const r = readIdx(bytes);
  assert.is(r.dtype, 'u8');
  assert.equal(r.dims, [2, 3]);
  assert.instance(r.data, Uint8Array);
  assert.equal(Array.from(r.data), [1, 2, 3, 4, 5, 6]);
  bytes[12] = 99; // the result is a copy, not a view of the input
  assert.is(r.data[0], 1);
});

test('every element type decodes to its typed array with big-endian values (extremes included)', () => {
  const cases: [IdxDtype, Function, number[]][] = [
    ['u8', Uint8Array, [0, 1, 127, 128, 255, 7]],
    ['i8', Int8Array, [-128, -1, 0, 1, 127, 5]],
    ['i16', Int16Array, [-32768, -2, 0, 258, 32767, 1]],
    ['i32', Int32Array, [-2147483648, -1, 0, 16909060, 2147483647, 3]],
    ['f32', Float32Array, [-1.5, 0, 0.25, 3.4028234663852886e38, -1e-45, 1]],
    ['f64', Float64Array, [-1.5, 0, 0.1, Number.MAX_VALUE, 5e-324, -0.3]],
  ];
  for (const [dtype, Ctor, values] of cases) {
    const r = readIdx(encode(dtype, [3, 2], values));
    assert.is(r.dtype, dtype);
    assert.equal(r.dims, [3, 2]);
    assert.instance(r.data, Ctor, dtype);
    const expected = dtype === 'f32' ? Array.from(Float32Array.from(values)) : values;
    assert.equal(Array.from(r.data), expected, dtype);
  }
});

test('float payloads are copied bit for bit: signalling and negative NaNs, -0, subnormals (the array holds the file\'s bits)', () => {
  // big-endian element bytes written by hand (a DataView writer would go through a number)
  const f32 = [[0x7f, 0xa0, 0x00, 0x01], [0xff, 0xc0, 0x12, 0x34], [0x80, 0, 0, 0], [0x00, 0x00, 0x00, 0x01]];
  const f64 = [[0x7f, 0xf0, 0, 0, 0, 0, 0, 0x01], [0xff, 0xf8, 0xde, 0xad, 0xbe, 0xef, 0, 0x02]];
  for (const [code, elements] of [[0x0d, f32], [0x0e, f64]] as const) {
    const bytes = new Uint8Array([0, 0, code, 1, 0, 0, 0, elements.length, ...elements.flat()]);
    const r = readIdx(bytes);
    const held = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    // this host is little-endian (every engine the project supports): element bytes reversed
    assert.equal(Array.from(held), elements.flatMap((e) => [...e].reverse()), `code 0x${code.toString(16)}`);
  }
  // Negative control: a copy through a JavaScript number quiets the signalling NaN (sets its
  // top mantissa bit), so the test above can tell a bit-exact copy from a numeric one.
  const view = new DataView(new Uint8Array(f32[0]).buffer);
  const numeric = new Uint8Array(Float32Array.of(view.getFloat32(0, false)).buffer);
  assert.not.equal(Array.from(numeric), [...f32[0]].reverse());
});

test('rank 0 (one value), rank 1, rank 3, zero-length dimensions, and a Buffer view with an offset', () => {
  assert.equal(Array.from(readIdx(encode('i32', [], [-7])).data), [-7]);
  assert.equal(readIdx(encode('i32', [], [-7])).dims, []);
  assert.equal(Array.from(readIdx(encode('i16', [4], [1, -2, 3, -4])).data), [1, -2, 3, -4]);
  const r3 = readIdx(encode('u8', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
  assert.equal(r3.dims, [2, 2, 2]);
  assert.is(r3.data[7], 8);
  const empty = readIdx(encode('f64', [5, 0], []));
  assert.equal(empty.dims, [5, 0]);
  assert.is(empty.data.length, 0);
  // a view into a larger buffer (as Node's Buffer pool gives): offsets are relative to the view
  const file = encode('f64', [2], [0.5, -2.25]);
  const big = new Uint8Array(3 + file.length);
  big.set(file, 3);
  assert.equal(Array.from(readIdx(big.subarray(3)).data), [0.5, -2.25]);
});

test('malformed: not bytes', () => {
  throwsMsg(() => readIdx([0, 0, 8, 0] as unknown as Uint8Array), TypeError, 'readIdx: bytes must be a Uint8Array, got Array(4)');
  throwsMsg(() => readIdx(null as unknown as Uint8Array), TypeError, 'readIdx: bytes must be a Uint8Array, got null');
});

test('malformed: truncated before the end of the magic number or of the sizes', () => {
  throwsMsg(() => readIdx(new Uint8Array(0)), RangeError, 'readIdx: truncated file: 0 bytes, but the magic number needs bytes 0-3');
  throwsMsg(() => readIdx(new Uint8Array([0, 0, 8])), RangeError, 'readIdx: truncated file: 3 bytes, but the magic number needs bytes 0-3');
  const file = encode('u8', [60000, 28, 28], []).subarray(0, 10);
  throwsMsg(() => readIdx(file), RangeError, 'readIdx: truncated file: rank 3 (byte 3) needs sizes in bytes 4-15, but the file has 10 bytes');
});

test('malformed: wrong magic number (a gzip file, a PNG)', () => {
  throwsMsg(() => readIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0])), RangeError,
    'readIdx: wrong magic number at byte 0: expected 0x00 0x00, got 0x1f 0x8b (not an IDX file)');
  throwsMsg(() => readIdx(new Uint8Array([0, 0x50, 8, 1])), RangeError,
    'readIdx: wrong magic number at byte 0: expected 0x00 0x00, got 0x00 0x50 (not an IDX file)');
});

test('malformed: an element type code the format does not define', () => {
  for (const code of [0x00, 0x07, 0x0a, 0x0f, 0xff]) {
    throwsMsg(() => readIdx(new Uint8Array([0, 0, code, 0, 1])), RangeError,
      `readIdx: unknown element type code 0x${code.toString(16).padStart(2, '0')} at byte 2: expected 0x08 (u8), 0x09 (i8), 0x0b (i16), 0x0c (i32), 0x0d (f32) or 0x0e (f64)`);
  }
});

test('malformed: sizes whose product disagrees with the length (short and long)', () => {
  const good = encode('i16', [2, 3], [1, 2, 3, 4, 5, 6]); // 12 header + 12 data bytes
  throwsMsg(() => readIdx(good.subarray(0, 23)), RangeError,
    'readIdx: truncated file: sizes [2, 3] of i16 need 12 bytes of data from byte 12 (file length 24), but the file has 23 bytes');
  const long = new Uint8Array(25);
  long.set(good);
  throwsMsg(() => readIdx(long), RangeError,
    'readIdx: trailing bytes: sizes [2, 3] of i16 need 12 bytes of data from byte 12 (file length 24), but the file has 25 bytes');
  // a header alone claiming MNIST's training images
  throwsWith(() => readIdx(encode('u8', [60000, 28, 28], [])), RangeError, 'truncated file', 'need 47040000 bytes of data from byte 16', 'has 16 bytes');
});

test('malformed: a declared size past 2^31 bytes throws at the size that crosses it, before allocating', () => {
  // 2^16 x 2^16 u8 = 2^32 bytes: the second size (bytes 8-11) crosses the limit
  throwsMsg(() => readIdx(encode('u8', [65536, 65536], [])), RangeError,
    'readIdx: declared size too large at byte 8: sizes [65536, 65536] of u8 exceed 2^31 bytes');
  // one size alone: 2^29 f64 = 2^32 bytes, reported with the sizes still to come elided
  throwsMsg(() => readIdx(encode('f64', [2 ** 29, 1, 1], [])), RangeError,
    'readIdx: declared size too large at byte 4: sizes [536870912, ...] of f64 exceed 2^31 bytes');
  // the largest u32 in every one of 255 dimensions (a product far past 2^53) stops at the first
  throwsWith(() => readIdx(encode('u8', new Array(255).fill(0xffffffff), [])), RangeError, 'declared size too large at byte 4');
  // exactly 2^31 bytes is allowed by the size check, and then reported as truncated
  throwsWith(() => readIdx(encode('u8', [2 ** 15, 2 ** 16], [])), RangeError, 'truncated file', 'need 2147483648 bytes');
});

test.run();
