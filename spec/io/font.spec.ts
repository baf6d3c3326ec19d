/**
 * The built-in bitmap font and the labelled pictures built on it (lib/io/font.ts, imageGrid
 * labels): widths by the 6-pixel advance, glyph shapes that must hold for any legible font
 * (a minus is one horizontal bar, every printable character distinct and non-empty except
 * the space), scaling, clipping at the image edge, margins, a density map's frame and ticks,
 * and labels that leave the tiles' pixels untouched.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FONT_HEIGHT, drawText, imageGrid, padImage, textWidth, withAxes, type PixelImage } from '../../lib/io/index.js';
import { FONT_ADVANCE } from '../../lib/io/font.js';
import { throwsMsg } from '../assert-error.js';

const blank = (w: number, h: number, channels: 1 | 3 = 1): PixelImage => ({ width: w, height: h, channels, data: new Uint8Array(w * h * channels) });
const lit = (img: PixelImage) => Array.from(img.data).filter((v) => v > 0).length;

test('textWidth: 6 pixels per character minus the last gap, times the scale', () => {
  assert.is(textWidth('', 1), 0);
  assert.is(textWidth('A'), 5);
  assert.is(textWidth('T = 2.27', 2), (8 * FONT_ADVANCE - 1) * 2);
  assert.is(FONT_HEIGHT, 7);
});

test('glyphs: a minus is one full-width bar in the middle row; all 95 printable characters differ', () => {
  const minus = drawText(blank(5, 7), '-', 0, 0);
  for (let r = 0; r < 7; r++) for (let c = 0; c < 5; c++) assert.is(minus.data[r * 5 + c] > 0, r === 3, `pixel ${r},${c}`);
  const seen = new Map<string, string>();
  for (let code = 32; code <= 126; code++) {
    const ch = String.fromCharCode(code);
    const img = drawText(blank(5, 7), ch, 0, 0);
    if (ch !== ' ') assert.ok(lit(img) > 0, `'${ch}' draws something`);
    const key = Array.from(img.data).join('');
    assert.not.ok(seen.has(key), `'${ch}' looks like '${seen.get(key)}'`);
    seen.set(key, ch);
  }
  // look-alikes map to ASCII; anything else draws '?'
  assert.equal(drawText(blank(5, 7), '\u2212', 0, 0).data, minus.data);
  assert.equal(drawText(blank(5, 7), '\u4e2d', 0, 0).data, drawText(blank(5, 7), '?', 0, 0).data);
});

test('drawText: scale s lights s² pixels per font pixel; colour per channel; clipped at the edges', () => {
  const one = lit(drawText(blank(40, 10), 'Ab3', 0, 0));
  assert.is(lit(drawText(blank(80, 20), 'Ab3', 0, 0, { scale: 2 })), 4 * one);
  const rgb = drawText(blank(6, 8, 3), 'I', 0, 0, { color: [200, 10, 30] });
  const px = Array.from({ length: 48 }, (_, q) => Array.from(rgb.data.subarray(3 * q, 3 * q + 3)).join(',')).filter((s) => s !== '0,0,0');
  assert.ok(px.length > 0 && px.every((s) => s === '200,10,30'));
  // half the text off the right edge: no error, nothing written outside, fewer pixels lit
  const edge = drawText(blank(8, 7), 'HH', 4, 0);
  assert.ok(lit(edge) > 0 && lit(edge) < lit(drawText(blank(20, 7), 'HH', 0, 0)));
  // background fills the text box with a one-pixel margin
  const bg = drawText(blank(20, 12), 'x', 5, 2, { color: 255, background: 100 });
  assert.is(bg.data[1 * 20 + 4], 100);
  assert.is(bg.data[0 * 20 + 4], 0);
});

test('padImage: margins of the given value around an untouched copy', () => {
  const img: PixelImage = { width: 2, height: 2, channels: 1, data: new Uint8Array([1, 2, 3, 4]) };
  const p = padImage(img, { top: 1, left: 2, right: 1, bottom: 0, value: 9 });
  assert.is(p.width, 5);
  assert.is(p.height, 3);
  assert.equal(Array.from(p.data), [9, 9, 9, 9, 9, 9, 9, 1, 2, 9, 9, 9, 3, 4, 9]);
});

test('withAxes: a black frame around the image, ticks at nice values, the pixels kept', () => {
  const img: PixelImage = { width: 90, height: 90, channels: 1, data: new Uint8Array(90 * 90).fill(200) };
  const out = withAxes(img, { x: [-4.5, 4.5], y: [0, 9], xLabel: 'x', yLabel: 'y', title: 'p' });
  // find the frame: the first row that is black across the image width
  let frameTop = -1, frameLeft = -1;
  for (let r = 0; r < out.height && frameTop < 0; r++) {
    for (let c = 0; c + 92 <= out.width; c++) {
      if (out.data.subarray(r * out.width + c, r * out.width + c + 92).every((v) => v === 0)) { frameTop = r; frameLeft = c; break; }
    }
  }
  assert.ok(frameTop >= 0, 'a black frame 92 pixels wide');
  for (let r = 0; r < 90; r++) {
    for (let c = 0; c < 90; c++) assert.is(out.data[(frameTop + 1 + r) * out.width + frameLeft + 1 + c], 200);
  }
  // x = 0 is the middle of the 90 columns: pixel column 44.5 rounds to 45 (of 0..89); a tick hangs below the frame there
  const tickCol = frameLeft + 1 + Math.round(0.5 * 89);
  assert.is(out.data[(frameTop + 92) * out.width + tickCol], 0);
  assert.is(out.data[(frameTop + 92) * out.width + tickCol + 3], 255);
});

test('imageGrid labels: a left margin for row labels, a strip above tiles for tile labels, tiles unchanged', () => {
  const tiles = Array.from({ length: 4 }, (_, t) => Float64Array.from({ length: 100 }, (_, i) => ((i + t) % 7) / 6));
  const plain = imageGrid(tiles, 10, 10, 2, { padding: 1, padValue: 128, normalize: { min: 0, max: 1 } });
  const labelled = imageGrid(tiles, 10, 10, 2, { padding: 1, padValue: 128, normalize: { min: 0, max: 1 }, rowLabels: ['a', 'bb'], tileLabels: ['1', '2', '3', '4'] });
  const margin = textWidth('bb') + 6, band = FONT_HEIGHT + 4;
  assert.is(labelled.width, plain.width + margin);
  assert.is(labelled.height, plain.height + 2 * band);
  for (let t = 0; t < 4; t++) {
    const px = 1 + (t % 2) * 11, py = 1 + Math.floor(t / 2) * 11;
    const lx = margin + px, ly = py + band + Math.floor(t / 2) * band;
    for (let r = 0; r < 10; r++) {
      for (let c = 0; c < 10; c++) assert.is(labelled.data[(ly + r) * labelled.width + lx + c], plain.data[(py + r) * plain.width + px + c], `tile ${t} pixel ${r},${c}`);
    }
  }
  // the margin holds only padding (128) and black text (0), and some text
  const marginPixels: number[] = [];
  for (let r = 0; r < labelled.height; r++) for (let c = 0; c < margin; c++) marginPixels.push(labelled.data[r * labelled.width + c]);
  assert.ok(marginPixels.every((v) => v === 0 || v === 128));
  assert.ok(marginPixels.filter((v) => v === 0).length >= lit(drawText(blank(20, 7), 'bb', 0, 0)));
});

test('bad input names the function and the argument', () => {
  throwsMsg(() => textWidth('a', 0), RangeError, 'textWidth: scale must be an integer in [1, 16], got 0');
  throwsMsg(() => drawText(blank(4, 4), 'a', 0.5, 0), RangeError, 'drawText: x and y must be integers, got 0.5, 0');
  throwsMsg(() => drawText(blank(4, 4), 'a', 0, 0, { color: 300 }), RangeError, 'drawText: color must be a grey level 0..255 or [r, g, b], got 300');
  throwsMsg(() => withAxes(blank(4, 4), { x: [1, 1], y: [0, 1] }), RangeError, 'withAxes: x must be [lo, hi] with finite lo < hi, got [1, 1]');
  throwsMsg(() => imageGrid([[0, 1, 0, 1]], 2, 2, 1, { rowLabels: ['a', 'b'] }), RangeError, 'imageGrid: rowLabels must be an array of at most 1 strings (one per grid row), got 2 entries');
});

test.run();
