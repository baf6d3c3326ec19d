/**
 * Saving and loading RBMs: a small versioned binary format, the same for the three kinds
 * (BernoulliRBM, SpinRBM, GaussianBernoulliRBM), browser-safe (bytes in, bytes out; write them
 * to disk with any file API). The byte layout is documented in docs/rbm.md ("File format") and
 * here:
 *
 * ```
 * offset  size  field (all integers little-endian)
 *      0     4  magic "BZRB" (0x42 0x5A 0x52 0x42)
 *      4     2  format version, uint16 = 1
 *      6     1  kind, uint8: 1 = bernoulli, 2 = spin, 3 = gaussian (Gaussian-Bernoulli)
 *      7     1  flags, uint8: bit 0 = trainSigma (gaussian only); the other bits are 0
 *      8     4  nVisible M, uint32 >= 1
 *     12     4  nHidden N, uint32 >= 1
 *     16     4  payload length P in bytes, uint32 = 4 (M N + M + N) (+ 4 M for gaussian)
 *     20     4  CRC-32 (the PNG/zlib polynomial) of header bytes 0..19 followed by the payload
 *     24     P  payload, float32 little-endian:
 *                 W (M x N, row-major: W[i, j] at 24 + 4 (i N + j)), then a (M), then b (N),
 *                 then sigma (M, gaussian only)
 * ```
 *
 * The file is exactly 24 + P bytes. Loading checks, in this order: the header is complete,
 * magic, version, kind, flags, shapes, payload length, file length (truncated / trailing
 * bytes), the checksum, then every value (finite; sigma > 0). Every error names the byte
 * offset of the offending field. Float32 values are copied bit for bit, so save → load is exact.
 */
import { crc32 } from '../io/png.js';
import { matrix } from '../linalg/matrix.js';
import { type RBM } from './model.js';
import { BernoulliRBM } from './binary.js';
import { SpinRBM } from './spin.js';
import { GaussianBernoulliRBM } from './gaussian.js';
import { describe } from './validate.js';

/** The four bytes every RBM file starts with: "BZRB". */
export const RBM_FILE_MAGIC = new Uint8Array([0x42, 0x5a, 0x52, 0x42]);
/** The format version this build writes (and the only one it reads). */
export const RBM_FILE_VERSION = 1;
/** Size of the fixed header in bytes; the payload starts here. */
export const RBM_FILE_HEADER_BYTES = 24;

const KIND_CODES = { bernoulli: 1, spin: 2, gaussian: 3 } as const;
const KIND_NAMES = ['', 'bernoulli', 'spin', 'gaussian'] as const;
const MAX_PAYLOAD = 0xffffffff;

function kindOf(fn: string, rbm: unknown): 'bernoulli' | 'spin' | 'gaussian' {
  if (rbm instanceof BernoulliRBM) return 'bernoulli';
  if (rbm instanceof SpinRBM) return 'spin';
  if (rbm instanceof GaussianBernoulliRBM) return 'gaussian';
  throw new TypeError(`${fn}: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got ${describe(rbm)}`);
}

/** Payload bytes of a model: 4 (M N + M + N) (+ 4 M for gaussian). */
function payloadBytes(kind: 'bernoulli' | 'spin' | 'gaussian', nVisible: number, nHidden: number): number {
  return 4 * (nVisible * nHidden + nVisible + nHidden + (kind === 'gaussian' ? nVisible : 0));
}

/** CRC-32 of header bytes 0..19 followed by the payload (the checksum field itself excluded). */
function fileChecksum(bytes: Uint8Array, payloadEnd: number): number {
  // crc32 takes one buffer; join the two covered ranges in a scratch copy (files are saved and
  // loaded rarely, so the copy is not a hot-path allocation).
  const covered = new Uint8Array(20 + payloadEnd - RBM_FILE_HEADER_BYTES);
  covered.set(bytes.subarray(0, 20), 0);
  covered.set(bytes.subarray(RBM_FILE_HEADER_BYTES, payloadEnd), 20);
  return crc32(covered);
}

/**
 * Serializes an RBM of any kind to the versioned binary format described above (and in
 * docs/rbm.md). Parameters must be finite and (gaussian) sigma positive: a model that has
 * diverged is refused with the name and index of the first bad value.
 *
 * @returns the file's bytes (24-byte header + float32 payload)
 * @example
 * const rbm = BernoulliRBM.create(9, 16, undefined, new Rng(1));
 * const bytes = saveRBM(rbm);       // Uint8Array(24 + 4 * (9*16 + 9 + 16)) = 724 bytes
 * const copy = loadRBM(bytes);      // a BernoulliRBM with bit-identical W, a, b
 */
export function saveRBM(rbm: RBM): Uint8Array {
  const fn = 'saveRBM';
  const kind = kindOf(fn, rbm);
  const { nVisible: M, nHidden: N } = rbm;
  const P = payloadBytes(kind, M, N);
  if (P > MAX_PAYLOAD) throw new RangeError(`${fn}: a ${M}x${N} model needs ${P} payload bytes, more than the format's 2^32 - 1`);
  const arrays: [string, Float32Array][] = [['W', rbm.W.data], ['a', rbm.a], ['b', rbm.b]];
  if (rbm instanceof GaussianBernoulliRBM) arrays.push(['sigma', rbm.sigma]);
  for (const [name, v] of arrays) {
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        const at = name === 'W' ? `[${Math.floor(i / N)}, ${i % N}]` : `[${i}]`;
        throw new RangeError(`${fn}: ${name}${at} is ${v[i]}; only finite parameters can be saved`);
      }
      if (name === 'sigma' && !(v[i] > 0)) throw new RangeError(`${fn}: sigma[${i}] is ${v[i]}; widths must be > 0`);
    }
  }
  const bytes = new Uint8Array(RBM_FILE_HEADER_BYTES + P);
  const view = new DataView(bytes.buffer);
  bytes.set(RBM_FILE_MAGIC, 0);
  view.setUint16(4, RBM_FILE_VERSION, true);
  view.setUint8(6, KIND_CODES[kind]);
  view.setUint8(7, rbm instanceof GaussianBernoulliRBM && rbm.trainSigma ? 1 : 0);
  view.setUint32(8, M, true);
  view.setUint32(12, N, true);
  view.setUint32(16, P, true);
  let offset = RBM_FILE_HEADER_BYTES;
  for (const [, v] of arrays) {
    for (let i = 0; i < v.length; i++, offset += 4) view.setFloat32(offset, v[i], true);
  }
  view.setUint32(20, fileChecksum(bytes, bytes.length), true);
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Reads a model written by {@link saveRBM} and returns a new model of the stored kind.
 * Every check names the byte offset where the file is wrong: a truncated header or payload,
 * bad magic, an unknown version, kind or flag, zero sizes, a payload length that does not
 * match the shapes, trailing bytes, a checksum mismatch (corruption), a non-finite value or a
 * non-positive width. Never reads outside `bytes`.
 *
 * @param bytes the file's content (a Uint8Array, or an ArrayBuffer)
 * @example
 * const model = GaussianBernoulliRBM.create(4, 3, 'hinton', new Rng(1));
 * const rbm = loadRBM(saveRBM(model));
 * if (rbm instanceof GaussianBernoulliRBM) console.log(rbm.sigma);
 * // loadRBM(new Uint8Array(10)) throws
 * // 'loadRBM: truncated header: the file has 10 bytes, the header needs 24 (the file ends at byte offset 10)'
 */
export function loadRBM(bytes: Uint8Array | ArrayBuffer): RBM {
  const fn = 'loadRBM';
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${fn}: bytes must be a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  const L = bytes.length;
  if (L < RBM_FILE_HEADER_BYTES) {
    throw new RangeError(`${fn}: truncated header: the file has ${L} bytes, the header needs ${RBM_FILE_HEADER_BYTES} (the file ends at byte offset ${L})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, L);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== RBM_FILE_MAGIC[i]) {
      throw new RangeError(`${fn}: bad magic at byte offset ${i}: the file starts with ${hex(bytes.subarray(0, 4))}, expected 42 5a 52 42 ("BZRB"); not an RBM file`);
    }
  }
  const version = view.getUint16(4, true);
  if (version !== RBM_FILE_VERSION) {
    throw new RangeError(`${fn}: unsupported format version ${version} at byte offset 4 (this build reads version ${RBM_FILE_VERSION})`);
  }
  const code = view.getUint8(6);
  if (code < 1 || code > 3) throw new RangeError(`${fn}: unknown model kind ${code} at byte offset 6 (1 = bernoulli, 2 = spin, 3 = gaussian)`);
  const kind = KIND_NAMES[code] as 'bernoulli' | 'spin' | 'gaussian';
  const flags = view.getUint8(7);
  const allowedFlags = kind === 'gaussian' ? 1 : 0;
  if ((flags & ~allowedFlags) !== 0) {
    throw new RangeError(`${fn}: bad flags 0x${flags.toString(16).padStart(2, '0')} at byte offset 7 (a ${kind} model allows ${allowedFlags === 1 ? 'only bit 0 (trainSigma)' : 'no flags'})`);
  }
  const M = view.getUint32(8, true);
  const N = view.getUint32(12, true);
  if (M < 1) throw new RangeError(`${fn}: nVisible at byte offset 8 must be >= 1, got ${M}`);
  if (N < 1) throw new RangeError(`${fn}: nHidden at byte offset 12 must be >= 1, got ${N}`);
  const P = view.getUint32(16, true);
  const needed = payloadBytes(kind, M, N);
  if (P !== needed) {
    throw new RangeError(`${fn}: payload length ${P} at byte offset 16 does not match the shapes: a ${kind} ${M}x${N} model needs ${needed} bytes`);
  }
  const end = RBM_FILE_HEADER_BYTES + P;
  if (L < end) {
    throw new RangeError(`${fn}: truncated file: the payload needs bytes ${RBM_FILE_HEADER_BYTES}..${end - 1} but the file ends at byte offset ${L}`);
  }
  if (L > end) throw new RangeError(`${fn}: ${L - end} unexpected trailing bytes from byte offset ${end} (the payload ends there)`);
  const stored = view.getUint32(20, true);
  const actual = fileChecksum(bytes, end);
  if (stored !== actual) {
    throw new RangeError(
      `${fn}: checksum mismatch: the CRC-32 at byte offset 20 is 0x${stored.toString(16).padStart(8, '0')} but bytes 0..19 and ${RBM_FILE_HEADER_BYTES}..${end - 1} give 0x${actual.toString(16).padStart(8, '0')}; the file is corrupted`,
    );
  }
  let offset = RBM_FILE_HEADER_BYTES;
  const read = (name: string, n: number, cols: number, positive: boolean): Float32Array => {
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) {
      const x = view.getFloat32(offset, true);
      if (!Number.isFinite(x) || (positive && !(x > 0))) {
        const at = cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
        throw new RangeError(`${fn}: ${name}${at} at byte offset ${offset} is ${x}; ${positive ? 'widths must be finite and > 0' : 'parameters must be finite'}`);
      }
      v[i] = x;
    }
    return v;
  };
  const W = matrix(M, N, read('W', M * N, N, false));
  const a = read('a', M, 0, false);
  const b = read('b', N, 0, false);
  if (kind === 'gaussian') {
    const sigma = read('sigma', M, 0, true);
    return new GaussianBernoulliRBM(W, a, b, sigma, (flags & 1) === 1);
  }
  if (kind === 'spin') return new SpinRBM(W, a, b);
  return new BernoulliRBM(W, a, b);
}
