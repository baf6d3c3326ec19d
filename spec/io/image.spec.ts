/**
 * Floats to grey images (lib/io/image.ts): pixel values worked out by hand from
 * level = round(255 (v - min) / (max - min)), clipped to 0..255.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import { greyImageFromFloats, imageGrid } from '../../lib/io/index.js';
import { matrix, matrix64 } from '../../lib/linalg/matrix.js';


test('greyImageFromFloats maps [min, max] to 0..255 and clips outside by default', () => {
  // range [0, 1]: 0 -> 0, 0.5 -> 127.5 -> 128, 1 -> 255, 1.5 -> clipped 255, -1 -> clipped 0, 0.2 -> 51
  const img = greyImageFromFloats(new Float32Array([0, 0.5, 1, 1.5, -1, 0.2]), 3, 2, { min: 0, max: 1 });
  assert.is(img.width, 3);
  assert.is(img.height, 2);
  assert.is(img.channels, 1);
  assert.equal(Array.from(img.data), [0, 128, 255, 255, 0, 51]);
  // range [-2, 3] (width 5): -2 -> 0, 0 -> 102, 3 -> 255, 0.5 -> 127.5 -> 128
  const img2 = greyImageFromFloats([-2, 0, 3, 0.5], 2, 2, { min: -2, max: 3, outOfRange: 'throw' });
  assert.equal(Array.from(img2.data), [0, 102, 255, 128]);
});

test('imageGrid: layout, padding and the three normalizations, by hand', () => {
  // Three 2x2 tiles, 2 per line, padding 1 with grey 50: a 7x7 image, last cell empty.
  const t0 = [0, 1, 2, 3], t1 = [4, 4, 4, 4], t2 = [-1, 1, 0, 0];
  const P = 50;
  // per-tile: t0 over [0,3] -> [0, 85, 170, 255]; t1 constant -> 128; t2 over [-1,1] -> [0, 255, 128, 128]
  const perTile = imageGrid([t0, t1, t2], 2, 2, 2, { padding: 1, padValue: P });
  assert.is(perTile.width, 7);
  assert.is(perTile.height, 7);
  assert.equal(Array.from(perTile.data), [
    P, P, P, P, P, P, P,
    P, 0, 85, P, 128, 128, P,
    P, 170, 255, P, 128, 128, P,
    P, P, P, P, P, P, P,
    P, 0, 255, P, P, P, P,
    P, 128, 128, P, P, P, P,
    P, P, P, P, P, P, P,
  ]);
  // global over [-1, 4], 255/5 = 51 per unit: t0 -> [51, 102, 153, 204], t1 -> 255, t2 -> [0, 102, 51, 51]
  const global = imageGrid([t0, t1, t2], 2, 2, 2, { padding: 1, padValue: P, normalize: 'global' });
  assert.equal(Array.from(global.data.subarray(7, 21)), [P, 51, 102, P, 255, 255, P, P, 153, 204, P, 255, 255, P]);
  assert.equal(Array.from(global.data.subarray(28, 42)), [P, 0, 102, P, P, P, P, P, 51, 51, P, P, P, P]);
  // fixed [0, 2]: t0 -> [0, 128, 255, 255 (3 clipped)], t1 -> 255 (clipped), t2 -> [0 (clipped), 128, 0, 0]
  const fixed = imageGrid([t0, t1, t2], 2, 2, 2, { padding: 1, padValue: P, normalize: { min: 0, max: 2 } });
  assert.equal(Array.from(fixed.data.subarray(7, 21)), [P, 0, 128, P, 255, 255, P, P, 255, 255, P, 255, 255, P]);
  assert.equal(Array.from(fixed.data.subarray(28, 42)), [P, 0, 128, P, P, P, P, P, 0, 0, P, P, P, P]);
  // a Matrix (one tile per row) and a Matrix64 give the same picture as the array of arrays
  const m = matrix(3, 4, new Float32Array([...t0, ...t1, ...t2]));
  assert.equal(Array.from(imageGrid(m, 2, 2, 2, { padding: 1, padValue: P }).data), Array.from(perTile.data));
  assert.equal(Array.from(imageGrid(matrix64(3, 4, [...t0, ...t1, ...t2]), 2, 2, 2, { padding: 1, padValue: P }).data), Array.from(perTile.data));
  // defaults: padding 1, black padding, per-tile; fewer tiles than columns shrinks the grid
  const one = imageGrid([t0], 2, 2, 10);
  assert.is(one.width, 4);
  assert.equal(Array.from(one.data), [0, 0, 0, 0, 0, 0, 85, 0, 0, 170, 255, 0, 0, 0, 0, 0]);
  // padding 0: tiles touch; 3x1 tiles, 2 per line
  const tight = imageGrid([[0, 1, 2], [2, 1, 0]], 3, 1, 2, { padding: 0 });
  assert.equal([tight.width, tight.height], [6, 1]);
  assert.equal(Array.from(tight.data), [0, 128, 255, 255, 128, 0]);
});

test('bad input: greyImageFromFloats and imageGrid name the argument and the value', () => {
  throwsMsg(() => greyImageFromFloats([1, 2, 3], 2, 2, { min: 0, max: 1 }), RangeError, 'greyImageFromFloats: values has length 3 but a 2x2 image needs 4');
  throwsMsg(() => greyImageFromFloats([1], 0, 1, { min: 0, max: 1 }), RangeError, 'greyImageFromFloats: width must be a positive integer, got 0');
  throwsMsg(() => greyImageFromFloats([0, 2], 2, 1, { min: 0, max: 1, outOfRange: 'throw' }), RangeError, 'greyImageFromFloats: values: value 1 = 2 is outside the display range [0, 1]');
  throwsMsg(() => greyImageFromFloats([0, NaN], 2, 1, { min: 0, max: 1 }), RangeError, 'greyImageFromFloats: values: value 1 is NaN');
  throwsMsg(() => greyImageFromFloats([0, 1], 2, 1, { min: 1, max: 1 }), RangeError, 'greyImageFromFloats: the display range needs finite min < max, got min = 1, max = 1');
  throwsMsg(() => greyImageFromFloats([0, 1], 2, 1, { min: 0, max: 1, outOfRange: 'wrap' as 'clip' }), RangeError, "greyImageFromFloats: outOfRange must be 'clip' or 'throw', got wrap");
  throwsMsg(() => imageGrid([[0, 1, 2, 3], [1, 2, 3]], 2, 2, 2), RangeError, 'imageGrid: tile 1 has length 3 but a 2x2 tile needs 4');
  throwsMsg(() => imageGrid(matrix(2, 6), 2, 2, 2), RangeError, 'imageGrid: tiles is 2x6 but a 2x2 tile needs 4 columns (one tile per row)');
  throwsMsg(() => imageGrid([], 2, 2, 2), RangeError, 'imageGrid: tiles is empty: nothing to draw');
  throwsMsg(() => imageGrid([[0, 1, 2, 3]], 2, 2, 0), RangeError, 'imageGrid: columns must be a positive integer, got 0');
  throwsMsg(() => imageGrid([[0, 1, Infinity, 3]], 2, 2, 1), RangeError, 'imageGrid: tile 0 value 2 is Infinity');
  throwsMsg(() => imageGrid([[0, 1, 2, 3]], 2, 2, 1, { normalize: 'auto' as 'global' }), RangeError, "imageGrid: normalize must be 'per-tile', 'global' or { min, max }, got auto");
  throwsMsg(() => imageGrid([[0, 1, 2, 3]], 2, 2, 1, { padValue: 256 }), RangeError, 'imageGrid: padValue must be an integer in 0..255, got 256');
});

test.run();
