/**
 * Saving and loading VAEs: a small versioned binary format in the style of the RBM and MLP
 * files (browser-safe: bytes in, bytes out). The byte layout (also in docs/vae.md, "File format"):
 *
 * ```
 * offset    size  field (all integers little-endian)
 *      0       4  magic "BZVA" (0x42 0x5A 0x56 0x41)
 *      4       2  format version, uint16 = 1
 *      6       1  likelihood, uint8: 1 = bernoulli, 2 = gaussian
 *      7       1  flags, uint8 = 0 (reserved)
 *      8       4  inputSize D, uint32 >= 1
 *     12       4  latentSize k, uint32 >= 1
 *     16       4  number of hidden layers H, uint32 <= 64
 *     20       4  payload length P in bytes, uint32 = 4 x (number of parameters)
 *     24       4  CRC-32 (the PNG/zlib polynomial) of every byte of the file except these four
 *     28       8  sigma2, float64 (the Gaussian likelihood's variance; 1 for bernoulli)
 *     36      4H  hidden widths, uint32 each >= 1, input side first
 *  36+4H       P  payload, float32: the arrays of VAE.parameters() in order (encoder W^1, b^1, ...,
 *                 mu head W, b, log-sigma head W, b, decoder W^1, b^1, ...), each W row-major n_in x n_out
 * ```
 *
 * The file is exactly 36 + 4H + P bytes. Loading checks, in order: the fixed header is complete,
 * magic, version, likelihood, flags, sizes, the widths block, sigma2, payload length, file length,
 * checksum, then every value (finite). Every error names the byte offset. Float32 values are
 * copied bit for bit, so save -> load gives a model with identical outputs.
 */
import { crc32 } from '../io/png.js';
import { Rng } from '../random/index.js';
import { VAE } from './model.js';
import { describe } from './validate.js';

/** The four bytes every VAE file starts with: "BZVA". */
export const VAE_FILE_MAGIC = new Uint8Array([0x42, 0x5a, 0x56, 0x41]);
/** The format version this build writes (and the only one it reads). */
export const VAE_FILE_VERSION = 1;
/** Size of the fixed header in bytes (the hidden widths follow it). */
export const VAE_FILE_HEADER_BYTES = 36;
const MAX_HIDDEN_LAYERS = 64;
const LIKELIHOOD_CODES = { bernoulli: 1, gaussian: 2 } as const;

/** CRC-32 of the whole file except bytes 24..27 (the checksum field). */
function fileChecksum(bytes: Uint8Array): number {
  const covered = new Uint8Array(bytes.length - 4);
  covered.set(bytes.subarray(0, 24), 0);
  covered.set(bytes.subarray(28), 24);
  return crc32(covered);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');
}


/**
 * Serializes a VAE to the versioned binary format above. Parameters must be finite: a model
 * that has diverged is refused with the name and index of the first bad value.
 *
 * @returns the file's bytes
 * @example
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const bytes = saveVAE(vae);        // write with fs.writeFileSync(path, bytes)
 * const copy = loadVAE(bytes);       // same shapes, bit-identical parameters
 */
export function saveVAE(model: VAE): Uint8Array {
  const fn = 'saveVAE';
  if (!(model instanceof VAE)) throw new TypeError(`${fn}: model must be a VAE, got ${describe(model)}`);
  const arrays = model.parameters();
  const names = model.parameterNames();
  let count = 0;
  arrays.forEach((a, q) => {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) {
        const cols = names[q][1];
        throw new RangeError(`${fn}: ${names[q][0]}${cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`} is ${a[i]}; only finite parameters can be saved`);
      }
    }
    count += a.length;
  });
  const H = model.hidden.length;
  const P = 4 * count;
  if (P > 0xffffffff) throw new RangeError(`${fn}: the model needs ${P} payload bytes, more than the format's 2^32 - 1`);
  const start = VAE_FILE_HEADER_BYTES + 4 * H;
  const bytes = new Uint8Array(start + P);
  const view = new DataView(bytes.buffer);
  bytes.set(VAE_FILE_MAGIC, 0);
  view.setUint16(4, VAE_FILE_VERSION, true);
  view.setUint8(6, LIKELIHOOD_CODES[model.likelihood]);
  view.setUint8(7, 0);
  view.setUint32(8, model.inputSize, true);
  view.setUint32(12, model.latentSize, true);
  view.setUint32(16, H, true);
  view.setUint32(20, P, true);
  view.setFloat64(28, model.sigma2, true);
  model.hidden.forEach((h, i) => view.setUint32(VAE_FILE_HEADER_BYTES + 4 * i, h, true));
  let offset = start;
  for (const a of arrays) for (let i = 0; i < a.length; i++, offset += 4) view.setFloat32(offset, a[i], true);
  view.setUint32(24, fileChecksum(bytes), true);
  return bytes;
}

/**
 * Reads a VAE written by {@link saveVAE}. Every check names the byte offset where the file is
 * wrong (truncation, bad magic, unknown version / likelihood / flags, impossible sizes, a payload
 * length that does not match the shapes, trailing bytes, a checksum mismatch, a non-finite value).
 *
 * @param bytes the file's content (a Uint8Array or ArrayBuffer)
 * @example
 * import { readFileSync, writeFileSync } from 'node:fs';
 * writeFileSync('vae.bin', saveVAE(VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1))));
 * const vae = loadVAE(readFileSync('vae.bin'));
 * // loadVAE(new Uint8Array(10)) throws
 * // 'loadVAE: truncated header: the file has 10 bytes, the header needs 36 (the file ends at byte offset 10)'
 */
export function loadVAE(bytes: Uint8Array | ArrayBuffer): VAE {
  const fn = 'loadVAE';
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${fn}: bytes must be a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  const L = bytes.length;
  if (L < VAE_FILE_HEADER_BYTES) {
    throw new RangeError(`${fn}: truncated header: the file has ${L} bytes, the header needs ${VAE_FILE_HEADER_BYTES} (the file ends at byte offset ${L})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, L);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== VAE_FILE_MAGIC[i]) {
      throw new RangeError(`${fn}: bad magic at byte offset ${i}: the file starts with ${hex(bytes.subarray(0, 4))}, expected 42 5a 56 41 ("BZVA"); not a VAE file`);
    }
  }
  const version = view.getUint16(4, true);
  if (version !== VAE_FILE_VERSION) throw new RangeError(`${fn}: unsupported format version ${version} at byte offset 4 (this build reads version ${VAE_FILE_VERSION})`);
  const code = view.getUint8(6);
  if (code !== 1 && code !== 2) throw new RangeError(`${fn}: unknown likelihood ${code} at byte offset 6 (1 = bernoulli, 2 = gaussian)`);
  const likelihood = code === 1 ? 'bernoulli' : 'gaussian';
  const flags = view.getUint8(7);
  if (flags !== 0) throw new RangeError(`${fn}: bad flags 0x${flags.toString(16).padStart(2, '0')} at byte offset 7 (no flags are defined; must be 0)`);
  const D = view.getUint32(8, true), k = view.getUint32(12, true), H = view.getUint32(16, true);
  if (D < 1) throw new RangeError(`${fn}: inputSize at byte offset 8 must be >= 1, got ${D}`);
  if (k < 1) throw new RangeError(`${fn}: latentSize at byte offset 12 must be >= 1, got ${k}`);
  if (H > MAX_HIDDEN_LAYERS) throw new RangeError(`${fn}: ${H} hidden layers at byte offset 16; the format allows at most ${MAX_HIDDEN_LAYERS}`);
  const start = VAE_FILE_HEADER_BYTES + 4 * H;
  if (L < start) throw new RangeError(`${fn}: truncated file: the ${H} hidden widths need bytes ${VAE_FILE_HEADER_BYTES}..${start - 1} but the file ends at byte offset ${L}`);
  const sigma2 = view.getFloat64(28, true);
  if (!Number.isFinite(sigma2) || !(sigma2 > 0)) throw new RangeError(`${fn}: sigma2 at byte offset 28 is ${sigma2}; it must be finite and > 0`);
  if (likelihood === 'bernoulli' && sigma2 !== 1) throw new RangeError(`${fn}: sigma2 at byte offset 28 is ${sigma2} but a bernoulli model stores 1`);
  const hidden: number[] = [];
  for (let i = 0; i < H; i++) {
    const h = view.getUint32(VAE_FILE_HEADER_BYTES + 4 * i, true);
    if (h < 1) throw new RangeError(`${fn}: hidden width ${i} at byte offset ${VAE_FILE_HEADER_BYTES + 4 * i} must be >= 1, got 0`);
    hidden.push(h);
  }
  // the number of parameters these shapes need, in float64 so that absurd sizes cannot wrap
  const widths = [D, ...hidden];
  let count = 0;
  for (let l = 1; l < widths.length; l++) count += widths[l - 1] * widths[l] + widths[l];
  const hOut = widths[widths.length - 1];
  count += 2 * (hOut * k + k);
  const dec = [k, ...hidden.slice().reverse(), D];
  for (let l = 1; l < dec.length; l++) count += dec[l - 1] * dec[l] + dec[l];
  const P = view.getUint32(20, true);
  if (P !== 4 * count) throw new RangeError(`${fn}: payload length ${P} at byte offset 20 does not match the shapes: a ${[D, ...hidden, k].join('-')} VAE needs ${4 * count} bytes`);
  const end = start + P;
  if (L < end) throw new RangeError(`${fn}: truncated file: the payload needs bytes ${start}..${end - 1} but the file ends at byte offset ${L}`);
  if (L > end) throw new RangeError(`${fn}: ${L - end} unexpected trailing bytes from byte offset ${end} (the payload ends there)`);
  const stored = view.getUint32(24, true), actual = fileChecksum(bytes);
  if (stored !== actual) {
    throw new RangeError(`${fn}: checksum mismatch: the CRC-32 at byte offset 24 is 0x${stored.toString(16).padStart(8, '0')} but the file's other bytes give 0x${actual.toString(16).padStart(8, '0')}; the file is corrupted`);
  }
  const model = VAE.create({ inputSize: D, latentSize: k, hidden, likelihood, ...(likelihood === 'gaussian' ? { sigma2 } : {}) }, new Rng(0));
  const names = model.parameterNames();
  let offset = start;
  model.parameters().forEach((a, q) => {
    for (let i = 0; i < a.length; i++, offset += 4) {
      const v = view.getFloat32(offset, true);
      if (!Number.isFinite(v)) {
        const cols = names[q][1];
        throw new RangeError(`${fn}: ${names[q][0]}${cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`} at byte offset ${offset} is ${v}; parameters must be finite`);
      }
      a[i] = v;
    }
  });
  return model;
}
