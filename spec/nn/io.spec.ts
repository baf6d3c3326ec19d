import { test } from 'uvu';
import * as assert from 'uvu/assert';
import zlib from 'node:zlib';
import { Rng } from '../../lib/random/index.js';
import { createMLP, loadMLP, mlpPredict, saveMLP, type MLP } from '../../lib/nn/index.js';
import { MLP_FILE_HEADER_BYTES } from '../../lib/nn/io.js';
import { fromArray2D } from '../../lib/linalg/index.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

/** Independent CRC-32 (Node's zlib) of bytes 0..15 + body, as the format documents. */
function setChecksum(bytes: Uint8Array): Uint8Array {
  const covered = Buffer.concat([Buffer.from(bytes.subarray(0, 16)), Buffer.from(bytes.subarray(20))]);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, zlib.crc32(covered) >>> 0, true);
  return bytes;
}

function sameNet(a: MLP, b: MLP): void {
  assert.equal(b.sizes, a.sizes);
  assert.is(b.precision, a.precision);
  a.layers.forEach((l, i) => {
    assert.is(b.layers[i].activation, l.activation);
    assert.is(b.layers[i].slope, l.slope);
    assert.equal(Array.from(b.layers[i].W.data), Array.from(l.W.data));
    assert.equal(Array.from(b.layers[i].b), Array.from(l.b));
    assert.is(b.layers[i].W.rows, l.W.rows);
  });
}

test('save -> load is bit-identical (float32 and float64, every activation), and the checksum is the documented CRC-32', () => {
  const rng = new Rng(51);
  const net = createMLP([5, 4, 3, 3, 2, 2, 2], { activations: ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'softmax'], slope: 0.2 }, rng);
  for (const l of net.layers) rng.fillNormal(l.b, 0, 1);
  net.layers[0].W.data[0] = -0; net.layers[0].W.data[1] = 1.4e-45; // −0 and a subnormal survive
  const bytes = saveMLP(net);
  const copy = loadMLP(bytes);
  sameNet(net, copy);
  assert.is(Object.is(copy.layers[0].W.data[0], -0), true);
  const check = setChecksum(bytes.slice());
  assert.equal(Array.from(check.subarray(16, 20)), Array.from(bytes.subarray(16, 20)));
  const net64 = createMLP([3, 2, 1], { precision: 'float64' }, rng);
  net64.layers[0].W.data[0] = Math.PI; // not representable in float32
  const copy64 = loadMLP(saveMLP(net64));
  sameNet(net64, copy64);
  assert.is(copy64.layers[0].W.data[0], Math.PI);
  // header 20 + three sizes 4·3 + two layers 12·2 + 8·(3·2 + 2 + 2·1 + 1)
  assert.is(saveMLP(net64).length, 20 + 12 + 24 + 8 * 11);
  const X = fromArray2D([[0.1, 0.2, 0.3, 0.4, 0.5]]);
  assert.equal(Array.from(mlpPredict(copy, X as never).data), Array.from(mlpPredict(net, X).data));
});

test('corrupt files: every check names its byte offset', () => {
  const net = createMLP([2, 3, 1], {}, new Rng(52));
  const good = saveMLP(net);
  const edit = (f: (v: DataView, b: Uint8Array) => void, fix = true) => {
    const b = good.slice();
    f(new DataView(b.buffer), b);
    return fix ? setChecksum(b) : b;
  };
  throwsMsg(() => loadMLP(good.subarray(0, 10)), RangeError, 'loadMLP: truncated header: the file has 10 bytes, the header needs 20 (the file ends at byte offset 10)');
  throwsWith(() => loadMLP(edit((_, b) => { b[0] = 0x41; })), RangeError, 'bad magic at byte offset 0', 'not an MLP file');
  throwsMsg(() => loadMLP(edit((v) => v.setUint16(4, 2, true))), RangeError, 'loadMLP: unsupported format version 2 at byte offset 4 (this build reads version 1)');
  throwsMsg(() => loadMLP(edit((v) => v.setUint8(6, 3))), RangeError, 'loadMLP: unknown precision code 3 at byte offset 6 (1 = float32, 2 = float64)');
  throwsMsg(() => loadMLP(edit((v) => v.setUint8(7, 1))), RangeError, 'loadMLP: bad flags 0x01 at byte offset 7 (must be 0)');
  throwsMsg(() => loadMLP(edit((v) => v.setUint32(8, 0, true))), RangeError, 'loadMLP: the number of layers at byte offset 8 must be >= 1, got 0');
  throwsMsg(() => loadMLP(edit((v) => v.setUint32(8, 1000, true))), RangeError, 'loadMLP: truncated file: the sizes and activations of 1000 layers need bytes 20..16023 but the file ends at byte offset 108');
  throwsMsg(() => loadMLP(edit((v) => v.setUint32(24, 0, true))), RangeError, 'loadMLP: size n_1 at byte offset 24 must be >= 1, got 0');
  throwsMsg(() => loadMLP(edit((v) => v.setUint32(12, 7, true))), RangeError, 'loadMLP: body length 7 at byte offset 12 does not match the sizes: a float32 [2, 3, 1] network needs 88 bytes');
  throwsMsg(() => loadMLP(good.subarray(0, 90)), RangeError, 'loadMLP: truncated file: the body needs bytes 20..107 but the file ends at byte offset 90');
  const longer = new Uint8Array(good.length + 2); longer.set(good);
  throwsMsg(() => loadMLP(longer), RangeError, 'loadMLP: 2 unexpected trailing bytes from byte offset 108 (the body ends there)');
  throwsWith(() => loadMLP(edit((_, b) => { b[60] ^= 1; }, false)), RangeError, 'loadMLP: checksum mismatch: the CRC-32 at byte offset 16', 'the file is corrupted');
  throwsMsg(() => loadMLP(edit((v) => v.setUint32(32, 9, true))), RangeError, 'loadMLP: unknown activation code 9 for layer 1 at byte offset 32 (0..5: identity, sigmoid, tanh, relu, leakyRelu, softmax)');
  throwsMsg(() => loadMLP(edit((v) => v.setFloat64(36, Infinity, true))), RangeError, 'loadMLP: slope of layer 1 at byte offset 36 is Infinity; it must be finite');
  throwsMsg(() => loadMLP(edit((v) => v.setFloat32(56 + 4 * 4, NaN, true))), RangeError, 'loadMLP: layer 1 W[1, 1] at byte offset 72 is NaN; parameters must be finite');
  const bad = createMLP([1, 1], {}, new Rng(1));
  bad.layers[0].b[0] = Infinity;
  throwsMsg(() => saveMLP(bad), RangeError, 'saveMLP: layer 1 b[0] is Infinity; only finite parameters can be saved');
});

test.run();
