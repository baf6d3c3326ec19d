/**
 * A seeded mutation fuzzer for every reader of a binary format in the library (not a spec file;
 * spec/fuzz/readers.spec.ts runs a few thousand cases in `npm test`, `npm run fuzz -- N` runs N
 * per reader through spec/fuzz/run.ts).
 *
 * Each reader comes with valid files (made by the library's own writer, or for IDX by an encoder
 * written here) and a writer to re-save what it loads. A case mutates a valid file (bit flips;
 * bit flips with the CRC-32 recomputed so the change reaches the checks behind it; truncations;
 * extensions; random bytes with and without the right magic; header fields overwritten with 0, 1,
 * 2^16 - 1, 2^31 - 1, 2^31, 2^32 - 1; payload values replaced by NaN, ±Infinity, -0, a subnormal
 * or the largest float, CRC recomputed; the file at an odd byte offset of a larger buffer; and
 * inputs that are not bytes at all) and requires:
 * 1. the call returns a model whose re-saved bytes equal the input bytes, or throws an Error
 *    whose message starts with "<reader name>: " (a TypeError for inputs of the wrong type);
 * 2. it takes at most 100 ms of this process's CPU time (process.cpuUsage, so a busy machine
 *    does not fail it);
 * 3. it leaves at most 8 x (input length) + 1 MiB more ArrayBuffer memory allocated than before
 *    the call (process.memoryUsage().arrayBuffers, read right after it returns or throws): a
 *    reader that allocates what a header claims before checking the file is that long fails this
 *    for the 2^31 and 2^32 - 1 fields. (A garbage collection between the two reads can only hide
 *    an allocation, never invent one.)
 */
import { crc32 } from '../../lib/io/png.js';
import { Rng } from '../../lib/random/index.js';
import { BernoulliRBM, GaussianBernoulliRBM, SpinRBM, loadRBM, saveRBM } from '../../lib/rbm/index.js';
import { createMLP, loadMLP, saveMLP } from '../../lib/nn/index.js';
import { VAE, loadVAE, saveVAE } from '../../lib/vae/index.js';
import { readIdx, type IdxArray } from '../../lib/data/idx.js';

/** A reader under test. */
export interface Reader {
  name: string;
  /** Loads bytes (any value, for the non-byte cases). */
  read: (input: unknown) => unknown;
  /** Writes a loaded object back to bytes. */
  save: (loaded: unknown) => Uint8Array;
  /** Valid files. */
  valid: () => Uint8Array[];
  /** The CRC-32 field (offset) and the byte ranges it covers, for mutations that keep the checksum right. */
  crc?: (bytes: Uint8Array) => { at: number; covered: [number, number][] } | null;
  /** Offsets of header fields (uint32 unless size 2) to overwrite with special values. */
  fields: { at: number; size: 2 | 4; littleEndian: boolean }[];
  /** Where float payload values start and their width (for the NaN / Inf / -0 cases). */
  payload?: (bytes: Uint8Array) => { start: number; width: 4 | 8; littleEndian: boolean } | null;
  /** The magic prefix (for random bytes that get past the first check). */
  magic: Uint8Array;
}

// ---- IDX: an encoder written here (the library only reads IDX) ------------------------------

const IDX_CODES = { u8: 0x08, i8: 0x09, i16: 0x0b, i32: 0x0c, f32: 0x0d, f64: 0x0e } as const;

/**
 * The IDX bytes of an array (big-endian sizes and values), as the format page describes. The
 * values' bytes are copied from the array's memory in reverse order (this host is little-endian:
 * checked below), not written through a number, so a float NaN keeps its payload bit for bit.
 */
export function encodeIdx(a: IdxArray): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('encodeIdx: written for a little-endian host');
  const width = a.data.BYTES_PER_ELEMENT;
  const header = 4 + 4 * a.dims.length;
  const out = new Uint8Array(header + width * a.data.length);
  const view = new DataView(out.buffer);
  out[2] = IDX_CODES[a.dtype];
  out[3] = a.dims.length;
  a.dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const from = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  for (let k = 0; k < from.length; k += width) {
    for (let b = 0; b < width; b++) out[header + k + b] = from[k + width - 1 - b];
  }
  return out;
}

function validIdx(): Uint8Array[] {
  const rng = new Rng(31);
  const files: Uint8Array[] = [];
  const shapes = [[6], [2, 3], [3, 2, 2], [1, 1, 1, 4], []];
  for (const dtype of ['u8', 'i8', 'i16', 'i32', 'f32', 'f64'] as const) {
    for (const dims of shapes) {
      const n = dims.reduce((p, d) => p * d, 1);
      const Ctor = { u8: Uint8Array, i8: Int8Array, i16: Int16Array, i32: Int32Array, f32: Float32Array, f64: Float64Array }[dtype];
      const data = new Ctor(n);
      for (let k = 0; k < n; k++) data[k] = dtype.startsWith('f') ? rng.normal() * 10 : rng.int(100) - (dtype === 'u8' ? 0 : 50);
      files.push(encodeIdx({ dtype, dims, data }));
    }
  }
  return files;
}

// ---- the readers ------------------------------------------------------------------------------

function validRBMs(): Uint8Array[] {
  const rng = new Rng(32);
  const files: Uint8Array[] = [];
  for (const [m, n] of [[1, 1], [3, 2], [6, 5]]) {
    files.push(saveRBM(BernoulliRBM.create(m, n, 'glorot-normal', rng)));
    files.push(saveRBM(SpinRBM.create(m, n, 'glorot-normal', rng)));
    const g = GaussianBernoulliRBM.create(m, n, 'glorot-normal', rng);
    files.push(saveRBM(g));
  }
  return files;
}

function validMLPs(): Uint8Array[] {
  const rng = new Rng(33);
  return [
    saveMLP(createMLP([2, 3, 1], undefined, rng)),
    saveMLP(createMLP([4, 2], { precision: 'float64' }, rng)),
    saveMLP(createMLP([3, 4, 4, 2], { hidden: 'relu', output: 'softmax' }, rng)),
  ];
}

function validVAEs(): Uint8Array[] {
  const rng = new Rng(34);
  return [
    saveVAE(VAE.create({ inputSize: 4, latentSize: 2, hidden: [3] }, rng)),
    saveVAE(VAE.create({ inputSize: 3, latentSize: 1, hidden: [], likelihood: 'gaussian', sigma2: 0.5 }, rng)),
  ];
}

const le = true;

export const READERS: Reader[] = [
  {
    name: 'loadRBM',
    read: (x) => loadRBM(x as Uint8Array),
    save: (m) => saveRBM(m as ReturnType<typeof loadRBM>),
    valid: validRBMs,
    // CRC-32 at 20 of bytes 0..19 and the payload from 24 (lib/rbm/io.ts)
    crc: (b) => (b.length >= 24 ? { at: 20, covered: [[0, 20], [24, b.length]] } : null),
    fields: [{ at: 4, size: 2, littleEndian: le }, { at: 8, size: 4, littleEndian: le }, { at: 12, size: 4, littleEndian: le }, { at: 16, size: 4, littleEndian: le }, { at: 20, size: 4, littleEndian: le }],
    payload: (b) => (b.length > 24 ? { start: 24, width: 4, littleEndian: le } : null),
    magic: new Uint8Array([0x42, 0x5a, 0x52, 0x42]),
  },
  {
    name: 'loadMLP',
    read: (x) => loadMLP(x as Uint8Array),
    save: (m) => saveMLP(m as ReturnType<typeof loadMLP>),
    valid: validMLPs,
    // CRC-32 at 16 of bytes 0..15 and the body from 20 (lib/nn/io.ts)
    crc: (b) => (b.length >= 20 ? { at: 16, covered: [[0, 16], [20, b.length]] } : null),
    fields: [{ at: 4, size: 2, littleEndian: le }, { at: 8, size: 4, littleEndian: le }, { at: 12, size: 4, littleEndian: le }, { at: 16, size: 4, littleEndian: le }, { at: 20, size: 4, littleEndian: le }, { at: 24, size: 4, littleEndian: le }],
    // values start after the sizes and activations: 20 + 4 (L + 1) + 12 L
    payload: (b) => {
      if (b.length < 12) return null;
      const L = new DataView(b.buffer, b.byteOffset, b.length).getUint32(8, true);
      const start = 20 + 4 * (L + 1) + 12 * L;
      return start < b.length ? { start, width: b[6] === 2 ? 8 : 4, littleEndian: le } : null;
    },
    magic: new Uint8Array([0x42, 0x5a, 0x4e, 0x4e]),
  },
  {
    name: 'loadVAE',
    read: (x) => loadVAE(x as Uint8Array),
    save: (m) => saveVAE(m as ReturnType<typeof loadVAE>),
    valid: validVAEs,
    // CRC-32 at 24 of every other byte (lib/vae/io.ts)
    crc: (b) => (b.length >= 28 ? { at: 24, covered: [[0, 24], [28, b.length]] } : null),
    fields: [{ at: 4, size: 2, littleEndian: le }, { at: 8, size: 4, littleEndian: le }, { at: 12, size: 4, littleEndian: le }, { at: 16, size: 4, littleEndian: le }, { at: 20, size: 4, littleEndian: le }, { at: 36, size: 4, littleEndian: le }],
    payload: (b) => {
      if (b.length < 20) return null;
      const H = new DataView(b.buffer, b.byteOffset, b.length).getUint32(16, true);
      const start = 36 + 4 * H;
      return H <= 64 && start < b.length ? { start, width: 4, littleEndian: le } : null;
    },
    magic: new Uint8Array([0x42, 0x5a, 0x56, 0x41]),
  },
  {
    name: 'readIdx',
    read: (x) => readIdx(x as Uint8Array),
    save: (a) => encodeIdx(a as IdxArray),
    valid: validIdx,
    fields: [{ at: 4, size: 4, littleEndian: false }, { at: 8, size: 4, littleEndian: false }, { at: 12, size: 4, littleEndian: false }],
    payload: (b) => {
      if (b.length < 4 || (b[2] !== 0x0d && b[2] !== 0x0e)) return null;
      const start = 4 + 4 * b[3];
      return start < b.length ? { start, width: b[2] === 0x0e ? 8 : 4, littleEndian: false } : null;
    },
    magic: new Uint8Array([0, 0, 0x08, 0x01]),
  },
];

// ---- mutations --------------------------------------------------------------------------------

function recomputeCrc(reader: Reader, b: Uint8Array): void {
  const c = reader.crc?.(b);
  if (!c || c.at + 4 > b.length) return;
  let n = 0;
  for (const [s, e] of c.covered) n += Math.max(0, e - s);
  const covered = new Uint8Array(n);
  let o = 0;
  for (const [s, e] of c.covered) { if (e > s) { covered.set(b.subarray(s, e), o); o += e - s; } }
  new DataView(b.buffer, b.byteOffset, b.length).setUint32(c.at, crc32(covered), true);
}

const SPECIAL_U32 = [0, 1, 0xffff, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
const SPECIAL_FLOATS = [NaN, Infinity, -Infinity, -0, 1e-45, 3.4e38, 5e-324, 1.7e308];

/** One fuzz case: a description and the input to pass to the reader. */
export interface FuzzCase {
  kind: string;
  input: unknown;
}

/** The case with index `i` for `reader`, drawn from `rng` (the same seed gives the same cases). */
export function makeCase(reader: Reader, valid: Uint8Array[], rng: Rng): FuzzCase {
  const base = valid[rng.int(valid.length)];
  const b = base.slice();
  const view = new DataView(b.buffer);
  switch (rng.int(10)) {
    case 0: {
      const flips = 1 + rng.int(8);
      for (let f = 0; f < flips; f++) { const bit = rng.int(8 * b.length); b[bit >> 3] ^= 1 << (bit & 7); }
      return { kind: `${flips} bit flips`, input: b };
    }
    case 1: {
      const flips = 1 + rng.int(4);
      for (let f = 0; f < flips; f++) { const bit = rng.int(8 * b.length); b[bit >> 3] ^= 1 << (bit & 7); }
      recomputeCrc(reader, b);
      return { kind: `${flips} bit flips, CRC recomputed`, input: b };
    }
    case 2:
      return { kind: 'truncation', input: b.subarray(0, rng.int(b.length)) };
    case 3: {
      const extra = 1 + rng.int(64);
      const out = new Uint8Array(b.length + extra);
      out.set(b);
      for (let k = b.length; k < out.length; k++) out[k] = rng.int(256);
      if (rng.bernoulli(0.5)) recomputeCrc(reader, out);
      return { kind: `extension by ${extra}`, input: out };
    }
    case 4: {
      const n = rng.int(200);
      const out = new Uint8Array(n);
      for (let k = 0; k < n; k++) out[k] = rng.int(256);
      if (rng.bernoulli(0.5)) out.set(reader.magic.subarray(0, Math.min(n, reader.magic.length)));
      return { kind: 'random bytes', input: out };
    }
    case 5:
    case 6: {
      const f = reader.fields[rng.int(reader.fields.length)];
      if (f.at + f.size > b.length) return { kind: 'truncation', input: b.subarray(0, f.at) };
      const v = SPECIAL_U32[rng.int(SPECIAL_U32.length)];
      if (f.size === 2) view.setUint16(f.at, v & 0xffff, f.littleEndian);
      else view.setUint32(f.at, v, f.littleEndian);
      if (rng.bernoulli(0.7)) recomputeCrc(reader, b);
      return { kind: `header field at ${f.at} = ${v}`, input: b };
    }
    case 7: {
      const p = reader.payload?.(b);
      if (!p) return { kind: 'unchanged', input: b };
      const count = Math.floor((b.length - p.start) / p.width);
      if (count < 1) return { kind: 'unchanged', input: b };
      const at = p.start + p.width * rng.int(count);
      const v = SPECIAL_FLOATS[rng.int(SPECIAL_FLOATS.length)];
      if (p.width === 4) view.setFloat32(at, v, p.littleEndian);
      else view.setFloat64(at, v, p.littleEndian);
      recomputeCrc(reader, b);
      return { kind: `value at ${at} = ${v}`, input: b };
    }
    case 8: {
      // The valid file at an odd offset of a larger buffer: a view, not a copy.
      const offset = 1 + 2 * rng.int(8);
      const big = new Uint8Array(b.length + offset + 5);
      big.set(b, offset);
      return { kind: `view at byte offset ${offset}`, input: big.subarray(offset, offset + b.length) };
    }
    default: {
      const inputs: [string, unknown][] = [
        ['DataView', new DataView(b.buffer)],
        ['Int8Array', new Int8Array(b.buffer)],
        ['Uint16Array', new Uint16Array(b.buffer, 0, b.length >> 1)],
        ['Float32Array', new Float32Array(b.buffer, 0, b.length >> 2)],
        ['number[]', Array.from(b)],
        ['string', 'BZRB'],
        ['null', null],
        ['undefined', undefined],
        ['number', 42],
        ['object', { length: b.length }],
      ];
      const [kind, input] = inputs[rng.int(inputs.length)];
      return { kind: `not bytes: ${kind}`, input };
    }
  }
}

/** The bytes a case's input holds, when it is bytes (for the re-save comparison). */
function bytesOf(input: unknown): Uint8Array | null {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return null;
}

export interface FuzzFailure { reader: string; index: number; kind: string; problem: string }

export interface FuzzReport {
  reader: string;
  cases: number;
  loaded: number;
  refused: number;
  maxCpuMs: number;
  failures: FuzzFailure[];
}

const CPU_LIMIT_MS = 100;

/** What a TypeError for each non-byte input must mention (any one of these). */
const NAMES_OF: Record<string, string[]> = {
  DataView: ['DataView'],
  Int8Array: ['Int8Array'],
  Uint16Array: ['Uint16Array'],
  Float32Array: ['Float32Array'],
  'number[]': ['Array'],
  string: ['string', '"BZRB"'],
  null: ['null'],
  undefined: ['undefined'],
  number: ['number', '42'],
  object: ['Object', 'object'],
};

/** Runs `count` cases of one reader from `seed`; collects every contract violation. */
export function fuzzReader(reader: Reader, count: number, seed: number): FuzzReport {
  const valid = reader.valid();
  const rng = new Rng(seed);
  const report: FuzzReport = { reader: reader.name, cases: count, loaded: 0, refused: 0, maxCpuMs: 0, failures: [] };
  for (let i = 0; i < count; i++) {
    const c = makeCase(reader, valid, rng);
    const inputLength = c.input instanceof Uint8Array ? c.input.length : 0;
    const before = process.memoryUsage().arrayBuffers;
    const cpu0 = process.cpuUsage();
    let loaded: unknown;
    let thrown: unknown;
    try { loaded = reader.read(c.input); } catch (e) { thrown = e; }
    const cpu = process.cpuUsage(cpu0);
    const grown = process.memoryUsage().arrayBuffers - before;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    report.maxCpuMs = Math.max(report.maxCpuMs, cpuMs);
    const fail = (problem: string) => report.failures.push({ reader: reader.name, index: i, kind: c.kind, problem });
    if (cpuMs > CPU_LIMIT_MS) fail(`took ${cpuMs.toFixed(1)} ms of CPU (limit ${CPU_LIMIT_MS})`);
    if (grown > 8 * inputLength + 2 ** 20) fail(`left ${grown} more bytes of ArrayBuffer memory for a ${inputLength}-byte input`);
    if (thrown !== undefined) {
      report.refused++;
      if (!(thrown instanceof Error)) { fail(`threw a non-Error: ${String(thrown)}`); continue; }
      if (!thrown.message.startsWith(`${reader.name}: `)) fail(`message does not start with "${reader.name}: ": ${thrown.message}`);
      if (c.kind.startsWith('not bytes') && !(thrown instanceof TypeError)) fail(`a non-byte input gave ${thrown.constructor.name}, expected TypeError: ${thrown.message}`);
      if (c.kind.startsWith('not bytes') && thrown instanceof TypeError) {
        // The message must name what it got (e.g. "got DataView", "got Int8Array(24)", "got null").
        const names = NAMES_OF[c.kind.slice('not bytes: '.length)];
        if (!names.some((n) => thrown.message.includes(n))) fail(`the TypeError does not name the input (${names.join(' or ')}): ${thrown.message}`);
        if (c.kind !== 'not bytes: undefined' && thrown.message.includes('undefined')) fail(`the TypeError says "undefined" about a defined input: ${thrown.message}`);
      }
      continue;
    }
    report.loaded++;
    const inBytes = bytesOf(c.input);
    if (inBytes === null) { fail(`accepted a ${c.kind} input`); continue; }
    let resaved: Uint8Array;
    try { resaved = reader.save(loaded); } catch (e) { fail(`loaded, but re-saving threw: ${(e as Error).message}`); continue; }
    if (resaved.length !== inBytes.length || resaved.some((v, k) => v !== inBytes[k])) fail('loaded, but re-saving gives different bytes');
  }
  return report;
}
