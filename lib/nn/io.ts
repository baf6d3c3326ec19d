/**
 * Saving and loading MLPs: a small versioned binary format (browser-safe: bytes in, bytes out),
 * built like the RBM files (lib/rbm/io.ts) and documented in docs/nn.md ("File format"):
 *
 * ```
 * offset  size  field (integers little-endian)
 *      0     4  magic "BZNN" (0x42 0x5A 0x4E 0x4E)
 *      4     2  format version, uint16 = 1
 *      6     1  precision, uint8: 1 = float32, 2 = float64
 *      7     1  flags, uint8 = 0 (reserved)
 *      8     4  number of layers L, uint32 >= 1
 *     12     4  body length P in bytes, uint32
 *     16     4  CRC-32 (the PNG/zlib polynomial) of bytes 0..15 followed by the body
 *     20     P  body:
 *                 sizes n_0 .. n_L                   (L + 1) x uint32, each >= 1
 *                 per layer l = 1..L: activation code uint32 (0 identity, 1 sigmoid, 2 tanh,
 *                   3 relu, 4 leakyRelu, 5 softmax), then its slope as float64   (12 bytes)
 *                 per layer l = 1..L: W^l (n_{l-1} x n_l, row-major) then b^l (n_l), each value
 *                   float32 or float64 by the precision byte
 * ```
 *
 * The file is exactly 20 + P bytes. Loading checks, in order: the header is complete, magic,
 * version, precision, flags, L, that the sizes fit, every size, the body length against the
 * sizes, the file length, the checksum, the activation codes and slopes, then every value
 * (finite). Every error names the byte offset. Values are copied bit for bit.
 */
import { crc32 } from '../io/png.js';
import { ACTIVATIONS, type Activation, type DenseLayer, type MLP } from './model.js';
import { checkMLP } from './mlp.js';
import { matrix, matrix64 } from '../linalg/matrix.js';
import { describe } from './checks.js';

/** The four bytes every MLP file starts with: "BZNN". */
export const MLP_FILE_MAGIC = new Uint8Array([0x42, 0x5a, 0x4e, 0x4e]);
/** The format version this build writes (and the only one it reads). */
export const MLP_FILE_VERSION = 1;
/** Size of the fixed header in bytes; the body starts here. */
export const MLP_FILE_HEADER_BYTES = 20;

const MAX_U32 = 0xffffffff;

function bodyBytes(sizes: readonly number[], bytesPerValue: number): number {
  const L = sizes.length - 1;
  let values = 0;
  for (let l = 1; l <= L; l++) values += sizes[l - 1] * sizes[l] + sizes[l];
  return 4 * (L + 1) + 12 * L + bytesPerValue * values;
}

/** CRC-32 of bytes 0..15 followed by the body (the checksum field excluded). */
function fileChecksum(bytes: Uint8Array): number {
  const covered = new Uint8Array(16 + bytes.length - MLP_FILE_HEADER_BYTES);
  covered.set(bytes.subarray(0, 16), 0);
  covered.set(bytes.subarray(MLP_FILE_HEADER_BYTES), 16);
  return crc32(covered);
}

/**
 * Serializes a network (sizes, activations, slopes, weights and biases) to the format above.
 * A network with a non-finite parameter is refused, naming the first one.
 *
 * @example
 * const net = createMLP([4, 3, 2], { hidden: 'tanh' }, new Rng(1));
 * const bytes = saveMLP(net);      // Uint8Array
 * const copy = loadMLP(bytes);     // same sizes, activations and bit-identical parameters
 */
export function saveMLP(net: MLP): Uint8Array {
  const fn = 'saveMLP';
  checkMLP(fn, net);
  const L = net.layers.length;
  const bpv = net.precision === 'float32' ? 4 : 8;
  const P = bodyBytes(net.sizes, bpv);
  if (P > MAX_U32) throw new RangeError(`${fn}: the network needs ${P} body bytes, more than the format's 2^32 - 1`);
  net.layers.forEach((layer, i) => {
    for (const [name, v, cols] of [['W', layer.W.data, layer.W.cols], ['b', layer.b, 0]] as const) {
      for (let k = 0; k < v.length; k++) {
        if (!Number.isFinite(v[k])) {
          const at = cols > 0 ? `[${Math.floor(k / cols)}, ${k % cols}]` : `[${k}]`;
          throw new RangeError(`${fn}: layer ${i + 1} ${name}${at} is ${v[k]}; only finite parameters can be saved`);
        }
      }
    }
  });
  const bytes = new Uint8Array(MLP_FILE_HEADER_BYTES + P);
  const view = new DataView(bytes.buffer);
  bytes.set(MLP_FILE_MAGIC, 0);
  view.setUint16(4, MLP_FILE_VERSION, true);
  view.setUint8(6, net.precision === 'float32' ? 1 : 2);
  view.setUint8(7, 0);
  view.setUint32(8, L, true);
  view.setUint32(12, P, true);
  let o = MLP_FILE_HEADER_BYTES;
  for (const n of net.sizes) { view.setUint32(o, n, true); o += 4; }
  for (const layer of net.layers) {
    view.setUint32(o, ACTIVATIONS.indexOf(layer.activation), true);
    view.setFloat64(o + 4, layer.slope, true);
    o += 12;
  }
  for (const layer of net.layers) {
    for (const v of [layer.W.data, layer.b]) {
      for (let k = 0; k < v.length; k++, o += bpv) {
        if (bpv === 4) view.setFloat32(o, v[k], true);
        else view.setFloat64(o, v[k], true);
      }
    }
  }
  view.setUint32(16, fileChecksum(bytes), true);
  return bytes;
}

/**
 * Reads a network written by {@link saveMLP}. Every check names the byte offset where the file is
 * wrong (truncated header or body, bad magic, unknown version / precision / flags / activation,
 * zero sizes, a body length that does not match the sizes, trailing bytes, a checksum mismatch,
 * a non-finite value). Never reads outside `bytes`.
 *
 * @example
 * import { readFileSync, writeFileSync } from 'node:fs';
 * writeFileSync('net.bznn', saveMLP(createMLP([4, 3, 2], {}, new Rng(1))));
 * const net = loadMLP(readFileSync('net.bznn'));
 * // loadMLP(new Uint8Array(3)) throws 'loadMLP: truncated header: the file has 3 bytes, the header needs 20 (the file ends at byte offset 3)'
 */
export function loadMLP(bytes: Uint8Array | ArrayBuffer): MLP {
  const fn = 'loadMLP';
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${fn}: bytes must be a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  const N = bytes.length;
  if (N < MLP_FILE_HEADER_BYTES) {
    throw new RangeError(`${fn}: truncated header: the file has ${N} bytes, the header needs ${MLP_FILE_HEADER_BYTES} (the file ends at byte offset ${N})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, N);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MLP_FILE_MAGIC[i]) {
      const got = Array.from(bytes.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
      throw new RangeError(`${fn}: bad magic at byte offset ${i}: the file starts with ${got}, expected 42 5a 4e 4e ("BZNN"); not an MLP file`);
    }
  }
  const version = view.getUint16(4, true);
  if (version !== MLP_FILE_VERSION) throw new RangeError(`${fn}: unsupported format version ${version} at byte offset 4 (this build reads version ${MLP_FILE_VERSION})`);
  const pc = view.getUint8(6);
  if (pc !== 1 && pc !== 2) throw new RangeError(`${fn}: unknown precision code ${pc} at byte offset 6 (1 = float32, 2 = float64)`);
  const flags = view.getUint8(7);
  if (flags !== 0) throw new RangeError(`${fn}: bad flags 0x${flags.toString(16).padStart(2, '0')} at byte offset 7 (must be 0)`);
  const L = view.getUint32(8, true);
  if (L < 1) throw new RangeError(`${fn}: the number of layers at byte offset 8 must be >= 1, got 0`);
  const P = view.getUint32(12, true);
  const tableEnd = MLP_FILE_HEADER_BYTES + 4 * (L + 1) + 12 * L;
  if (N < tableEnd) {
    throw new RangeError(`${fn}: truncated file: the sizes and activations of ${L} layers need bytes ${MLP_FILE_HEADER_BYTES}..${tableEnd - 1} but the file ends at byte offset ${N}`);
  }
  const sizes: number[] = [];
  for (let l = 0; l <= L; l++) {
    const n = view.getUint32(MLP_FILE_HEADER_BYTES + 4 * l, true);
    if (n < 1) throw new RangeError(`${fn}: size n_${l} at byte offset ${MLP_FILE_HEADER_BYTES + 4 * l} must be >= 1, got 0`);
    sizes.push(n);
  }
  const bpv = pc === 1 ? 4 : 8;
  const needed = bodyBytes(sizes, bpv);
  if (P !== needed) {
    throw new RangeError(`${fn}: body length ${P} at byte offset 12 does not match the sizes: a ${pc === 1 ? 'float32' : 'float64'} [${sizes.join(', ')}] network needs ${needed} bytes`);
  }
  const end = MLP_FILE_HEADER_BYTES + P;
  if (N < end) throw new RangeError(`${fn}: truncated file: the body needs bytes ${MLP_FILE_HEADER_BYTES}..${end - 1} but the file ends at byte offset ${N}`);
  if (N > end) throw new RangeError(`${fn}: ${N - end} unexpected trailing bytes from byte offset ${end} (the body ends there)`);
  const stored = view.getUint32(16, true);
  const actual = fileChecksum(bytes);
  if (stored !== actual) {
    throw new RangeError(`${fn}: checksum mismatch: the CRC-32 at byte offset 16 is 0x${stored.toString(16).padStart(8, '0')} but bytes 0..15 and ${MLP_FILE_HEADER_BYTES}..${end - 1} give 0x${actual.toString(16).padStart(8, '0')}; the file is corrupted`);
  }
  let o = MLP_FILE_HEADER_BYTES + 4 * (L + 1);
  const activations: Activation[] = [];
  const slopes: number[] = [];
  for (let l = 1; l <= L; l++, o += 12) {
    const code = view.getUint32(o, true);
    if (code >= ACTIVATIONS.length) throw new RangeError(`${fn}: unknown activation code ${code} for layer ${l} at byte offset ${o} (0..${ACTIVATIONS.length - 1}: ${ACTIVATIONS.join(', ')})`);
    const slope = view.getFloat64(o + 4, true);
    if (!Number.isFinite(slope)) throw new RangeError(`${fn}: slope of layer ${l} at byte offset ${o + 4} is ${slope}; it must be finite`);
    activations.push(ACTIVATIONS[code]);
    slopes.push(slope);
  }
  const layers: DenseLayer[] = [];
  for (let l = 1; l <= L; l++) {
    const W = pc === 1 ? matrix(sizes[l - 1], sizes[l]) : matrix64(sizes[l - 1], sizes[l]);
    const b = pc === 1 ? new Float32Array(sizes[l]) : new Float64Array(sizes[l]);
    layers.push({ W, b, activation: activations[l - 1], slope: slopes[l - 1] } as DenseLayer);
  }
  layers.forEach((layer, i) => {
    for (const [name, v, cols] of [['W', layer.W.data, layer.W.cols], ['b', layer.b, 0]] as const) {
      for (let k = 0; k < v.length; k++, o += bpv) {
        const x = bpv === 4 ? view.getFloat32(o, true) : view.getFloat64(o, true);
        if (!Number.isFinite(x)) {
          const at = cols > 0 ? `[${Math.floor(k / cols)}, ${k % cols}]` : `[${k}]`;
          throw new RangeError(`${fn}: layer ${i + 1} ${name}${at} at byte offset ${o} is ${x}; parameters must be finite`);
        }
        v[k] = x;
      }
    }
  });
  return { sizes, precision: pc === 1 ? 'float32' : 'float64', layers };
}
