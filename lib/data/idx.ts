/**
 * The IDX file format (LeCun, Cortes & Burges, the MNIST database page): a 4-byte magic number,
 * then one big-endian unsigned 32-bit size per dimension, then the values in row-major order,
 * big-endian.
 *
 *   byte 0, 1   zero
 *   byte 2      element type: 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64
 *   byte 3      rank (number of dimensions)
 *   4 .. 4+4r   the sizes, u32 big-endian
 *   after that  product(sizes) elements of the element type, big-endian
 *
 * The reader works on bytes only (no file system), so it runs in browsers as well; the Node
 * entry's loadMnist reads the files and calls it.
 */
import { describe } from '../checks/index.js';

/** The element types an IDX file can declare. */
export type IdxDtype = 'u8' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';

/** The typed array matching each {@link IdxDtype}. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX file: element type, dimensions (outermost first) and the values in row-major order. */
export interface IdxArray {
  dtype: IdxDtype;
  dims: number[];
  data: IdxData;
}

/** Largest payload readIdx accepts, in bytes (2^31: beyond it typed arrays are not portable). */
export const IDX_MAX_BYTES = 2 ** 31;

const DTYPES: Record<number, { dtype: IdxDtype; bytes: number }> = {
  0x08: { dtype: 'u8', bytes: 1 },
  0x09: { dtype: 'i8', bytes: 1 },
  0x0b: { dtype: 'i16', bytes: 2 },
  0x0c: { dtype: 'i32', bytes: 4 },
  0x0d: { dtype: 'f32', bytes: 4 },
  0x0e: { dtype: 'f64', bytes: 8 },
};

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/**
 * Decodes an IDX file from its bytes. The values are copied into a new typed array of the
 * declared type, bit for bit (multi-byte types converted from big-endian; a float's NaN payload
 * kept as the file has it). Every malformed input throws a
 * RangeError naming the byte offset and what was expected there — a file shorter than its
 * header, a magic number not starting with two zero bytes, an unknown element-type code, a
 * payload larger than 2^31 bytes, or a length that disagrees with the product of the sizes —
 * and the checks run before anything is allocated.
 *
 * @param bytes the whole file (a Node Buffer is a Uint8Array)
 * @example
 * ```ts
 * import { readIdx } from 'boltzmann';
 * // a 2 x 3 u8 array: magic 00 00 08 02, sizes 2 and 3, six values
 * const bytes = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
 * readIdx(bytes); // { dtype: 'u8', dims: [2, 3], data: Uint8Array [1, 2, 3, 4, 5, 6] }
 * ```
 */
export function readIdx(bytes: Uint8Array): IdxArray {
  const fn = 'readIdx';
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`${fn}: bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
  if (bytes.length < 4) {
    throw new RangeError(`${fn}: truncated file: ${bytes.length} bytes, but the magic number needs bytes 0-3`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new RangeError(`${fn}: wrong magic number at byte 0: expected 0x00 0x00, got ${hex(bytes[0])} ${hex(bytes[1])} (not an IDX file)`);
  }
  const type = DTYPES[bytes[2]];
  if (type === undefined) {
    throw new RangeError(`${fn}: unknown element type code ${hex(bytes[2])} at byte 2: expected 0x08 (u8), 0x09 (i8), 0x0b (i16), 0x0c (i32), 0x0d (f32) or 0x0e (f64)`);
  }
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new RangeError(`${fn}: truncated file: rank ${rank} (byte 3) needs sizes in bytes 4-${headerBytes - 1}, but the file has ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    dims.push(size);
    count *= size; // exact: checked against 2^31 bytes below before it can lose precision
    if (count * type.bytes > IDX_MAX_BYTES) {
      throw new RangeError(`${fn}: declared size too large at byte ${4 + 4 * d}: sizes [${dims.join(', ')}${d < rank - 1 ? ', ...' : ''}] of ${type.dtype} exceed 2^31 bytes`);
    }
  }
  const payload = count * type.bytes;
  if (bytes.length !== headerBytes + payload) {
    const what = bytes.length < headerBytes + payload ? 'truncated file' : 'trailing bytes';
    throw new RangeError(`${fn}: ${what}: sizes [${dims.join(', ')}] of ${type.dtype} need ${payload} bytes of data from byte ${headerBytes} (file length ${headerBytes + payload}), but the file has ${bytes.length} bytes`);
  }
  return { dtype: type.dtype, dims, data: decode(type.dtype, bytes, headerBytes, count) };
}

/** True on little-endian hosts (every current JavaScript engine): the IDX bytes of each element are then reversed. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies `count` big-endian elements of `dtype` starting at byte `start` into a new typed array,
 * bit for bit: each element's bytes are reversed into the array's own bytes (on a little-endian
 * host), never read as a number and stored again — a float32 NaN with a signalling payload would
 * come out quieted (one bit changed) on that round trip through a JavaScript number.
 */
function decode(dtype: IdxDtype, bytes: Uint8Array, start: number, count: number): IdxData {
  if (dtype === 'u8') return bytes.slice(start, start + count);
  if (dtype === 'i8') return new Int8Array(bytes.slice(start, start + count).buffer);
  const out = dtype === 'i16' ? new Int16Array(count) : dtype === 'i32' ? new Int32Array(count) : dtype === 'f32' ? new Float32Array(count) : new Float64Array(count);
  const width = out.BYTES_PER_ELEMENT;
  const to = new Uint8Array(out.buffer);
  if (!LITTLE_ENDIAN) { to.set(bytes.subarray(start, start + to.length)); return out; }
  for (let k = 0; k < to.length; k += width) {
    for (let b = 0; b < width; b++) to[k + b] = bytes[start + k + width - 1 - b];
  }
  return out;
}
