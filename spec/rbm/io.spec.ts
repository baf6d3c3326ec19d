import { test } from 'uvu';
import * as assert from 'uvu/assert';
import zlib from 'node:zlib';
import { Rng } from '../../lib/random/index.js';
import { type RBM } from '../../lib/rbm/model.js';
import { BernoulliRBM } from '../../lib/rbm/binary.js';
import { SpinRBM } from '../../lib/rbm/spin.js';
import { GaussianBernoulliRBM } from '../../lib/rbm/gaussian.js';
import { loadRBM, saveRBM, RBM_FILE_HEADER_BYTES} from '../../lib/rbm/io.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

/** Independent CRC-32 (Node's zlib) of header bytes 0..19 + payload, the checksum the format documents. */
function referenceChecksum(bytes: Uint8Array): number {
  const covered = Buffer.concat([Buffer.from(bytes.subarray(0, 20)), Buffer.from(bytes.subarray(24))]);
  return zlib.crc32(covered) >>> 0;
}
function setChecksum(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(20, referenceChecksum(bytes), true);
  return bytes;
}

/** Random parameters with awkward float32 values mixed in: −0, subnormals, huge and tiny magnitudes. */
function awkward(rbm: RBM, rng: Rng): RBM {
  const special = [-0, 1.4e-45, -3.4e38, 1e-38, 3.4028234663852886e38, 0.1];
  for (const v of [rbm.W.data, rbm.a, rbm.b]) {
    rng.fillNormal(v, 0, 3);
    for (let q = 0; q < Math.min(v.length, special.length); q++) v[q] = special[q];
  }
  if (rbm instanceof GaussianBernoulliRBM) rng.fillUniform(rbm.sigma, 0.1, 5);
  return rbm;
}

function bits(v: Float32Array): number[] {
  return Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));
}

function sameBits(x: RBM, y: RBM): void {
  assert.is(y.kind, x.kind);
  assert.is(y.nVisible, x.nVisible);
  assert.is(y.nHidden, x.nHidden);
  assert.is(y.W.rows, x.W.rows);
  assert.is(y.W.cols, x.W.cols);
  assert.equal(bits(y.W.data), bits(x.W.data));
  assert.equal(bits(y.a), bits(x.a));
  assert.equal(bits(y.b), bits(x.b));
  if (x instanceof GaussianBernoulliRBM) {
    assert.ok(y instanceof GaussianBernoulliRBM);
    assert.equal(bits((y as GaussianBernoulliRBM).sigma), bits(x.sigma));
    assert.is((y as GaussianBernoulliRBM).trainSigma, x.trainSigma);
  }
}

const rng = new Rng(20260424);
const models: RBM[] = [
  awkward(BernoulliRBM.create(7, 5, 'hinton', rng), rng),
  awkward(SpinRBM.create(4, 9, 'hinton', rng), rng),
  awkward(GaussianBernoulliRBM.create(6, 3, 'hinton', rng, { trainSigma: true }), rng),
  awkward(GaussianBernoulliRBM.create(1, 1, 'hinton', rng), rng),
];

test('saveRBM → loadRBM is bit-exact for every kind (including −0, subnormals, ±3.4e38) and keeps the class', () => {
  for (const m of models) {
    const bytes = saveRBM(m);
    const back = loadRBM(bytes);
    sameBits(m, back);
    assert.is(back.constructor, m.constructor);
    // Saving the loaded model gives the same bytes.
    assert.equal(Array.from(saveRBM(back)), Array.from(bytes));
    // ArrayBuffer input and a Uint8Array view at an offset inside a larger buffer also load.
    sameBits(m, loadRBM(bytes.slice().buffer));
    const padded = new Uint8Array(bytes.length + 13);
    padded.set(bytes, 13);
    sameBits(m, loadRBM(padded.subarray(13)));
  }
});

test('file layout matches docs/rbm.md byte for byte (header fields, float32 LE payload W, a, b, sigma; CRC-32 from zlib)', () => {
  const rbm = GaussianBernoulliRBM.create(2, 3, { W: [[1, 2, 3], [4, 5, 6]], a: [-1, 0.5], b: [7, 8, 9], sigma: [0.25, 2] }, undefined, { trainSigma: true });
  const bytes = saveRBM(rbm);
  const P = 4 * (2 * 3 + 2 + 3 + 2);
  assert.is(bytes.length, 24 + P);
  assert.equal(Array.from(bytes.subarray(0, 8)), [0x42, 0x5a, 0x52, 0x42, 1, 0, 3, 1]);
  const dv = new DataView(bytes.buffer);
  assert.is(dv.getUint32(8, true), 2);
  assert.is(dv.getUint32(12, true), 3);
  assert.is(dv.getUint32(16, true), P);
  assert.is(dv.getUint32(20, true), referenceChecksum(bytes));
  const floats: number[] = [];
  for (let o = 24; o < bytes.length; o += 4) floats.push(dv.getFloat32(o, true));
  assert.equal(floats, [1, 2, 3, 4, 5, 6, -1, 0.5, 7, 8, 9, 0.25, 2]);
  // kind codes and flags of the other kinds
  const bern = saveRBM(BernoulliRBM.create(1, 1, { W: [[0]], a: [0], b: [0] }));
  const spin = saveRBM(SpinRBM.create(1, 1, { W: [[0]], a: [0], b: [0] }));
  assert.equal([bern[6], bern[7], spin[6], spin[7]], [1, 0, 2, 0]);
  assert.is(bern.length, 24 + 12);
});

test('every truncation of a file fails with a RangeError naming the byte offset where it ends', () => {
  const bytes = saveRBM(models[2]);
  for (let L = 0; L < bytes.length; L++) {
    const cut = bytes.slice(0, L);
    if (L < RBM_FILE_HEADER_BYTES) {
      throwsMsg(() => loadRBM(cut), RangeError, `loadRBM: truncated header: the file has ${L} bytes, the header needs 24 (the file ends at byte offset ${L})`);
    } else {
      throwsMsg(() => loadRBM(cut), RangeError, `loadRBM: truncated file: the payload needs bytes 24..${bytes.length - 1} but the file ends at byte offset ${L}`);
    }
  }
});

test('every single-byte corruption of a file is detected (RangeError naming a byte offset), never a crash or a silent load', () => {
  for (const m of [models[0], models[2]]) {
    const bytes = saveRBM(m);
    for (let q = 0; q < bytes.length; q++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bad = bytes.slice();
        bad[q] ^= mask;
        throwsWith(() => loadRBM(bad), RangeError, 'loadRBM: ', 'byte offset');
      }
    }
  }
});

test('loadRBM header errors name the field and its byte offset', () => {
  const good = saveRBM(models[0]);
  const edit = (f: (b: Uint8Array, dv: DataView) => void, fixChecksum = false) => {
    const b = good.slice();
    f(b, new DataView(b.buffer));
    return fixChecksum ? setChecksum(b) : b;
  };
  throwsMsg(() => loadRBM(edit((b) => { b.set([0x89, 0x50, 0x4e, 0x47], 0); })), RangeError,
    'loadRBM: bad magic at byte offset 0: the file starts with 89 50 4e 47, expected 42 5a 52 42 ("BZRB"); not an RBM file');
  throwsMsg(() => loadRBM(edit((b) => { b[2] = 0; })), RangeError,
    'loadRBM: bad magic at byte offset 2: the file starts with 42 5a 00 42, expected 42 5a 52 42 ("BZRB"); not an RBM file');
  throwsMsg(() => loadRBM(edit((_, dv) => dv.setUint16(4, 2, true))), RangeError,
    'loadRBM: unsupported format version 2 at byte offset 4 (this build reads version 1)');
  throwsMsg(() => loadRBM(edit((b) => { b[6] = 4; })), RangeError,
    'loadRBM: unknown model kind 4 at byte offset 6 (1 = bernoulli, 2 = spin, 3 = gaussian)');
  throwsMsg(() => loadRBM(edit((b) => { b[7] = 1; })), RangeError,
    'loadRBM: bad flags 0x01 at byte offset 7 (a bernoulli model allows no flags)');
  throwsMsg(() => loadRBM(edit((_, dv) => dv.setUint32(8, 0, true))), RangeError,
    'loadRBM: nVisible at byte offset 8 must be >= 1, got 0');
  throwsMsg(() => loadRBM(edit((_, dv) => dv.setUint32(12, 0, true))), RangeError,
    'loadRBM: nHidden at byte offset 12 must be >= 1, got 0');
  throwsMsg(() => loadRBM(edit((_, dv) => dv.setUint32(8, 6, true))), RangeError,
    'loadRBM: payload length 188 at byte offset 16 does not match the shapes: a bernoulli 6x5 model needs 164 bytes');
  // A huge declared size must not make the loader allocate or read past the end.
  throwsMsg(() => loadRBM(edit((_, dv) => { dv.setUint32(8, 0xffffffff, true); dv.setUint32(12, 0xffffffff, true); })), RangeError,
    `loadRBM: payload length 188 at byte offset 16 does not match the shapes: a bernoulli 4294967295x4294967295 model needs ${4 * (0xffffffff * 0xffffffff + 2 * 0xffffffff)} bytes`);
  const longer = new Uint8Array(good.length + 3);
  longer.set(good);
  throwsMsg(() => loadRBM(longer), RangeError, 'loadRBM: 3 unexpected trailing bytes from byte offset 212 (the payload ends there)');
  const flipped = edit((b) => { b[100] ^= 4; });
  const stored = new DataView(flipped.buffer).getUint32(20, true);
  throwsMsg(() => loadRBM(flipped), RangeError,
    `loadRBM: checksum mismatch: the CRC-32 at byte offset 20 is 0x${stored.toString(16).padStart(8, '0')} but bytes 0..19 and 24..211 give 0x${referenceChecksum(flipped).toString(16).padStart(8, '0')}; the file is corrupted`);
});

test('loadRBM value errors (valid checksum): non-finite parameters and non-positive widths name the entry and byte offset', () => {
  const good = saveRBM(models[0]); // bernoulli 7x5
  const nan = good.slice();
  new DataView(nan.buffer).setFloat32(24 + 4 * 7, NaN, true); // W[1, 2]
  throwsMsg(() => loadRBM(setChecksum(nan)), RangeError, 'loadRBM: W[1, 2] at byte offset 52 is NaN; parameters must be finite');
  const inf = good.slice();
  new DataView(inf.buffer).setFloat32(24 + 4 * (35 + 7 + 1), -Infinity, true); // b[1]
  throwsMsg(() => loadRBM(setChecksum(inf)), RangeError, 'loadRBM: b[1] at byte offset 196 is -Infinity; parameters must be finite');
  const g = saveRBM(models[3]); // gaussian 1x1: W, a, b, sigma at 24, 28, 32, 36
  new DataView(g.buffer).setFloat32(36, -0.5, true);
  throwsMsg(() => loadRBM(setChecksum(g)), RangeError, 'loadRBM: sigma[0] at byte offset 36 is -0.5; widths must be finite and > 0');
});

test('saveRBM / loadRBM bad arguments', () => {
  throwsMsg(() => saveRBM({} as never), TypeError, 'saveRBM: rbm must be a BernoulliRBM, SpinRBM or GaussianBernoulliRBM, got Object');
  const broken = BernoulliRBM.create(2, 2, { W: [[0, 0], [0, 0]], a: [0, 0], b: [0, 0] });
  broken.W.data[3] = NaN;
  throwsMsg(() => saveRBM(broken), RangeError, 'saveRBM: W[1, 1] is NaN; only finite parameters can be saved');
  throwsMsg(() => loadRBM('BZRB' as never), TypeError, 'loadRBM: bytes must be a Uint8Array or ArrayBuffer, got "BZRB"');
  throwsMsg(() => loadRBM(null as never), TypeError, 'loadRBM: bytes must be a Uint8Array or ArrayBuffer, got null');
});

test.run();
