import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix } from '../../lib/linalg/matrix.js';
import { crc32 } from '../../lib/io/png.js';
import { VAE, VAEWorkspace, loadVAE, saveVAE, vaeForward } from '../../lib/vae/index.js';
import { throwsMsg } from '../assert-error.js';

const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

test('save -> load: same shapes, bit-identical parameters and identical outputs (Bernoulli [5, 4], Gaussian [], Gaussian [6])', () => {
  const rng = new Rng(8);
  const models = [
    VAE.create({ inputSize: 7, latentSize: 3, hidden: [5, 4] }, rng),
    VAE.create({ inputSize: 4, latentSize: 2, hidden: [], likelihood: 'gaussian', sigma2: 0.25 }, rng),
    VAE.create({ inputSize: 5, latentSize: 2, hidden: [6], likelihood: 'gaussian', sigma2: 3 }, rng),
  ];
  for (const m of models) {
    const bytes = saveVAE(m);
    assert.is(bytes.length, 36 + 4 * m.hidden.length + 4 * m.parameterCount());
    const back = loadVAE(bytes);
    assert.is(back.inputSize, m.inputSize); assert.is(back.latentSize, m.latentSize);
    assert.equal(back.hidden, m.hidden); assert.is(back.likelihood, m.likelihood); assert.is(back.sigma2, m.sigma2);
    const p = m.parameters(), q = back.parameters();
    assert.is(q.length, p.length);
    p.forEach((a, i) => assert.ok(same(a, q[i]), `array ${i}`));
    const x = matrix(3, m.inputSize); rng.fillUniform(x.data);
    const eps = matrix(3, m.latentSize); rng.fillNormal(eps.data);
    const w1 = new VAEWorkspace(m, 3), w2 = new VAEWorkspace(back, 3);
    const t1 = vaeForward(m, w1, x, eps), t2 = vaeForward(back, w2, x, eps);
    assert.ok(Object.is(t1.loss, t2.loss));
    assert.ok(same(w1.out!.data, w2.out!.data));
    // saving the loaded model gives the same bytes
    assert.equal(Array.from(saveVAE(back)), Array.from(bytes));
  }
});

test('loadVAE: every malformed file is refused with the byte offset', () => {
  const m = VAE.create({ inputSize: 3, latentSize: 2, hidden: [4] }, new Rng(1));
  const good = saveVAE(m);
  const edit = (f: (b: Uint8Array, v: DataView) => void, fixCrc = true) => {
    const b = good.slice(); const v = new DataView(b.buffer);
    f(b, v);
    if (fixCrc) {
      const covered = new Uint8Array(b.length - 4); covered.set(b.subarray(0, 24), 0); covered.set(b.subarray(28), 24);
      v.setUint32(24, crc32(covered), true);
    }
    return b;
  };
  throwsMsg(() => loadVAE(new Uint8Array(10)), RangeError, 'loadVAE: truncated header: the file has 10 bytes, the header needs 36 (the file ends at byte offset 10)');
  throwsMsg(() => loadVAE(edit((b) => { b[0] = 0x50; })), RangeError, 'loadVAE: bad magic at byte offset 0: the file starts with 50 5a 56 41, expected 42 5a 56 41 ("BZVA"); not a VAE file');
  throwsMsg(() => loadVAE(edit((_, v) => v.setUint16(4, 2, true))), RangeError, 'loadVAE: unsupported format version 2 at byte offset 4 (this build reads version 1)');
  throwsMsg(() => loadVAE(edit((b) => { b[6] = 3; })), RangeError, 'loadVAE: unknown likelihood 3 at byte offset 6 (1 = bernoulli, 2 = gaussian)');
  throwsMsg(() => loadVAE(edit((b) => { b[7] = 1; })), RangeError, 'loadVAE: bad flags 0x01 at byte offset 7 (no flags are defined; must be 0)');
  throwsMsg(() => loadVAE(edit((_, v) => v.setUint32(8, 0, true))), RangeError, 'loadVAE: inputSize at byte offset 8 must be >= 1, got 0');
  throwsMsg(() => loadVAE(edit((_, v) => v.setUint32(16, 65, true))), RangeError, 'loadVAE: 65 hidden layers at byte offset 16; the format allows at most 64');
  throwsMsg(() => loadVAE(edit((_, v) => v.setFloat64(28, 2, true))), RangeError, 'loadVAE: sigma2 at byte offset 28 is 2 but a bernoulli model stores 1');
  throwsMsg(() => loadVAE(edit((_, v) => v.setUint32(36, 5, true))), RangeError,
    // 3-4-2 has 3*4+4 + 2*(4*2+2) + 2*4+4 + 4*3+3 = 63 numbers = 252 bytes; widths 5 need 20 + 24 + 15 + 18 = 77 = 308
    'loadVAE: payload length 252 at byte offset 20 does not match the shapes: a 3-5-2 VAE needs 308 bytes');
  throwsMsg(() => loadVAE(good.subarray(0, good.length - 3)), RangeError, `loadVAE: truncated file: the payload needs bytes 40..${good.length - 1} but the file ends at byte offset ${good.length - 3}`);
  const longer = new Uint8Array(good.length + 2); longer.set(good);
  throwsMsg(() => loadVAE(longer), RangeError, `loadVAE: 2 unexpected trailing bytes from byte offset ${good.length} (the payload ends there)`);
  const flipped = good.slice(); flipped[50] ^= 1;
  throwsMsg(() => loadVAE(flipped), RangeError, `loadVAE: checksum mismatch: the CRC-32 at byte offset 24 is 0x${new DataView(good.buffer).getUint32(24, true).toString(16).padStart(8, '0')} but the file's other bytes give 0x${(() => { const c = new Uint8Array(flipped.length - 4); c.set(flipped.subarray(0, 24)); c.set(flipped.subarray(28), 24); return crc32(c).toString(16).padStart(8, '0'); })()}; the file is corrupted`);
  // encoder W^1 is 3x4 starting at byte 40: entry [1, 2] is at 40 + 4 (1*4 + 2) = 64
  throwsMsg(() => loadVAE(edit((_, v) => v.setFloat32(64, NaN, true))), RangeError, 'loadVAE: encoder W^1[1, 2] at byte offset 64 is NaN; parameters must be finite');
  throwsMsg(() => loadVAE('x' as never), TypeError, 'loadVAE: bytes must be a Uint8Array or ArrayBuffer, got "x"');
});

test('saveVAE refuses a diverged model, naming the array and index', () => {
  const m = VAE.create({ inputSize: 3, latentSize: 2, hidden: [4] }, new Rng(1));
  m.logSigmaHead.b[1] = Infinity;
  throwsMsg(() => saveVAE(m), RangeError, 'saveVAE: logSigma head b[1] is Infinity; only finite parameters can be saved');
});

test.run();
