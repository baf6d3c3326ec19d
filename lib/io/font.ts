/**
 * A small built-in bitmap font (5 x 7 pixels per character, printable ASCII) for labelling PNG
 * figures without a font file or a canvas: temperatures on Ising panels, row labels on sample
 * grids, numbers on the axes of a density map. The glyphs were drawn for this project; each is
 * 7 rows of 5 pixels ('#' on, '.' off), one column of spacing between characters.
 */
import type { PixelImage } from './png.js';
import { checkOptionKeys, describe } from '../checks/index.js';
import { checkPixelImage, checkText } from './checks.js';
import { niceTicks } from './svg.js';

/** Glyph rows for ' ' (32) to '~' (126), in order. */
const GLYPHS: readonly string[] = [
  '.....|.....|.....|.....|.....|.....|.....', // ' '
  '..#..|..#..|..#..|..#..|..#..|.....|..#..', // '!'
  '.#.#.|.#.#.|.....|.....|.....|.....|.....', // '"'
  '.#.#.|#####|.#.#.|.#.#.|.#.#.|#####|.#.#.', // '#'
  '..#..|.####|#.#..|.###.|..#.#|####.|..#..', // '$'
  '##...|##..#|...#.|..#..|.#...|#..##|...##', // '%'
  '.##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#', // '&'
  '..#..|..#..|.....|.....|.....|.....|.....', // "'"
  '...#.|..#..|.#...|.#...|.#...|..#..|...#.', // '('
  '.#...|..#..|...#.|...#.|...#.|..#..|.#...', // ')'
  '.....|..#..|#.#.#|.###.|#.#.#|..#..|.....', // '*'
  '.....|..#..|..#..|#####|..#..|..#..|.....', // '+'
  '.....|.....|.....|.....|..##.|...#.|..#..', // ','
  '.....|.....|.....|#####|.....|.....|.....', // '-'
  '.....|.....|.....|.....|.....|.##..|.##..', // '.'
  '.....|....#|...#.|..#..|.#...|#....|.....', // '/'
  '.###.|#...#|#..##|#.#.#|##..#|#...#|.###.', // '0'
  '..#..|.##..|..#..|..#..|..#..|..#..|.###.', // '1'
  '.###.|#...#|....#|...#.|..#..|.#...|#####', // '2'
  '#####|...#.|..#..|...#.|....#|#...#|.###.', // '3'
  '...#.|..##.|.#.#.|#..#.|#####|...#.|...#.', // '4'
  '#####|#....|####.|....#|....#|#...#|.###.', // '5'
  '..##.|.#...|#....|####.|#...#|#...#|.###.', // '6'
  '#####|....#|...#.|..#..|.#...|.#...|.#...', // '7'
  '.###.|#...#|#...#|.###.|#...#|#...#|.###.', // '8'
  '.###.|#...#|#...#|.####|....#|...#.|.##..', // '9'
  '.....|.##..|.##..|.....|.##..|.##..|.....', // ':'
  '.....|.##..|.##..|.....|.##..|..#..|.#...', // ';'
  '...#.|..#..|.#...|#....|.#...|..#..|...#.', // '<'
  '.....|.....|#####|.....|#####|.....|.....', // '='
  '.#...|..#..|...#.|....#|...#.|..#..|.#...', // '>'
  '.###.|#...#|....#|...#.|..#..|.....|..#..', // '?'
  '.###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.', // '@'
  '.###.|#...#|#...#|#####|#...#|#...#|#...#', // 'A'
  '####.|#...#|#...#|####.|#...#|#...#|####.', // 'B'
  '.###.|#...#|#....|#....|#....|#...#|.###.', // 'C'
  '###..|#..#.|#...#|#...#|#...#|#..#.|###..', // 'D'
  '#####|#....|#....|####.|#....|#....|#####', // 'E'
  '#####|#....|#....|####.|#....|#....|#....', // 'F'
  '.###.|#...#|#....|#.###|#...#|#...#|.####', // 'G'
  '#...#|#...#|#...#|#####|#...#|#...#|#...#', // 'H'
  '.###.|..#..|..#..|..#..|..#..|..#..|.###.', // 'I'
  '..###|...#.|...#.|...#.|...#.|#..#.|.##..', // 'J'
  '#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#', // 'K'
  '#....|#....|#....|#....|#....|#....|#####', // 'L'
  '#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#', // 'M'
  '#...#|#...#|##..#|#.#.#|#..##|#...#|#...#', // 'N'
  '.###.|#...#|#...#|#...#|#...#|#...#|.###.', // 'O'
  '####.|#...#|#...#|####.|#....|#....|#....', // 'P'
  '.###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#', // 'Q'
  '####.|#...#|#...#|####.|#.#..|#..#.|#...#', // 'R'
  '.####|#....|#....|.###.|....#|....#|####.', // 'S'
  '#####|..#..|..#..|..#..|..#..|..#..|..#..', // 'T'
  '#...#|#...#|#...#|#...#|#...#|#...#|.###.', // 'U'
  '#...#|#...#|#...#|#...#|#...#|.#.#.|..#..', // 'V'
  '#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.', // 'W'
  '#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#', // 'X'
  '#...#|#...#|.#.#.|..#..|..#..|..#..|..#..', // 'Y'
  '#####|....#|...#.|..#..|.#...|#....|#####', // 'Z'
  '.###.|.#...|.#...|.#...|.#...|.#...|.###.', // '['
  '.....|#....|.#...|..#..|...#.|....#|.....', // '\\'
  '.###.|...#.|...#.|...#.|...#.|...#.|.###.', // ']'
  '..#..|.#.#.|#...#|.....|.....|.....|.....', // '^'
  '.....|.....|.....|.....|.....|.....|#####', // '_'
  '.#...|..#..|.....|.....|.....|.....|.....', // '`'
  '.....|.....|.###.|....#|.####|#...#|.####', // 'a'
  '#....|#....|#.##.|##..#|#...#|#...#|####.', // 'b'
  '.....|.....|.###.|#....|#....|#...#|.###.', // 'c'
  '....#|....#|.##.#|#..##|#...#|#...#|.####', // 'd'
  '.....|.....|.###.|#...#|#####|#....|.###.', // 'e'
  '..##.|.#..#|.#...|###..|.#...|.#...|.#...', // 'f'
  '.....|.####|#...#|#...#|.####|....#|.###.', // 'g'
  '#....|#....|#.##.|##..#|#...#|#...#|#...#', // 'h'
  '..#..|.....|.##..|..#..|..#..|..#..|.###.', // 'i'
  '...#.|.....|..##.|...#.|...#.|#..#.|.##..', // 'j'
  '#....|#....|#..#.|#.#..|##...|#.#..|#..#.', // 'k'
  '.##..|..#..|..#..|..#..|..#..|..#..|.###.', // 'l'
  '.....|.....|##.#.|#.#.#|#.#.#|#...#|#...#', // 'm'
  '.....|.....|#.##.|##..#|#...#|#...#|#...#', // 'n'
  '.....|.....|.###.|#...#|#...#|#...#|.###.', // 'o'
  '.....|.....|####.|#...#|####.|#....|#....', // 'p'
  '.....|.....|.##.#|#..##|.####|....#|....#', // 'q'
  '.....|.....|#.##.|##..#|#....|#....|#....', // 'r'
  '.....|.....|.###.|#....|.###.|....#|####.', // 's'
  '.#...|.#...|###..|.#...|.#...|.#..#|..##.', // 't'
  '.....|.....|#...#|#...#|#...#|#..##|.##.#', // 'u'
  '.....|.....|#...#|#...#|#...#|.#.#.|..#..', // 'v'
  '.....|.....|#...#|#...#|#.#.#|#.#.#|.#.#.', // 'w'
  '.....|.....|#...#|.#.#.|..#..|.#.#.|#...#', // 'x'
  '.....|.....|#...#|#...#|.####|....#|.###.', // 'y'
  '.....|.....|#####|...#.|..#..|.#...|#####', // 'z'
  '...#.|..#..|..#..|.#...|..#..|..#..|...#.', // '{'
  '..#..|..#..|..#..|..#..|..#..|..#..|..#..', // '|'
  '.#...|..#..|..#..|...#.|..#..|..#..|.#...', // '}'
  '.....|.....|.#...|#.#.#|...#.|.....|.....', // '~'
];

/** Height of a line of text at scale 1, in pixels. */
export const FONT_HEIGHT = 7;
/** Advance per character at scale 1 (5 pixels and 1 of spacing). */
export const FONT_ADVANCE = 6;

/** Characters outside printable ASCII that have an obvious stand-in. */
const STAND_INS: Record<string, string> = {
  '\u2212': '-', '\u2013': '-', '\u2014': '-', '\u00d7': 'x', '\u00b7': '.', '\u2026': '~', '\u2248': '~', '\u00b1': '+',
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u00b2': '2', '\u00b3': '3', '\u2080': '0', '\u2081': '1', '\u2082': '2',
};

let bitmaps: Uint8Array[] | null = null;
/** Glyph index -> 35 bytes (7 rows x 5 columns, 1 = on), parsed once. */
function glyphBitmaps(): Uint8Array[] {
  if (bitmaps === null) {
    bitmaps = GLYPHS.map((g) => {
      const b = new Uint8Array(35);
      const rows = g.split('|');
      for (let r = 0; r < 7; r++) for (let c = 0; c < 5; c++) b[r * 5 + c] = rows[r][c] === '#' ? 1 : 0;
      return b;
    });
  }
  return bitmaps;
}

/** The glyph for one character: printable ASCII as is, a few look-alikes, anything else '?'. */
function glyphOf(ch: string): Uint8Array {
  const s = STAND_INS[ch] ?? ch;
  const code = s.charCodeAt(0);
  return glyphBitmaps()[code >= 32 && code <= 126 && s.length === 1 ? code - 32 : '?'.charCodeAt(0) - 32];
}

function checkScale(fn: string, scale: number): void {
  if (!Number.isInteger(scale) || scale < 1 || scale > 16) throw new RangeError(`${fn}: scale must be an integer in [1, 16], got ${scale}`);
}

/**
 * Width in pixels of `text` drawn at `scale` (each character 6·scale, minus the last spacing).
 *
 * @example
 * textWidth('T = 2.27', 2); // 94
 */
export function textWidth(text: string, scale = 1): number {
  checkText('textWidth', 'text', text);
  checkScale('textWidth', scale);
  const n = [...text].length;
  return n === 0 ? 0 : (n * FONT_ADVANCE - 1) * scale;
}

/** A colour for drawText: a grey level 0..255, or [r, g, b] (an RGB colour on a grey image uses its mean). */
export type TextColor = number | readonly [number, number, number];

/**
 * Draws `text` into `image` in place with its top-left corner at (x, y), in the built-in 5 x 7
 * font magnified `scale` times. Pixels outside the image are skipped (text may run off an edge).
 * `background`, if given, fills the text's box (1 pixel margin) first. Returns the image.
 *
 * @example
 * import { drawText, imageGrid, matrix } from 'boltzmann';
 * const tiles = matrix(20, 28 * 28, Array.from({ length: 20 * 28 * 28 }, (_, k) => k % 7)); // 20 tiles of 28x28
 * const img = imageGrid(tiles, 28, 28, 10);
 * drawText(img, 'epoch 10', 2, 2, { color: 255, scale: 2 });
 */
export function drawText(image: PixelImage, text: string, x: number, y: number, options: { color?: TextColor; scale?: number; background?: TextColor } = {}): PixelImage {
  const fn = 'drawText';
  checkPixelImage(fn, image);
  checkText(fn, 'text', text);
  checkOptionKeys(fn, options, ['color', 'scale', 'background']);
  if (!Number.isInteger(x) || !Number.isInteger(y)) throw new RangeError(`${fn}: x and y must be integers, got ${x}, ${y}`);
  const scale = options.scale ?? 1;
  checkScale(fn, scale);
  const color = toChannels(fn, 'color', options.color ?? 255, image.channels);
  const { width, height, channels, data } = image;
  const put = (px: number, py: number, col: number[]) => {
    if (px < 0 || py < 0 || px >= width || py >= height) return;
    const o = (py * width + px) * channels;
    for (let k = 0; k < channels; k++) data[o + k] = col[k];
  };
  if (options.background !== undefined) {
    const bg = toChannels(fn, 'background', options.background, channels);
    const w = textWidth(text, scale);
    for (let py = y - 1; py < y + FONT_HEIGHT * scale + 1; py++) for (let px = x - 1; px < x + w + 1; px++) put(px, py, bg);
  }
  let cx = x;
  for (const ch of text) {
    const g = glyphOf(ch);
    for (let r = 0; r < 7; r++) {
      for (let c = 0; c < 5; c++) {
        if (g[r * 5 + c] === 0) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) put(cx + c * scale + sx, y + r * scale + sy, color);
      }
    }
    cx += FONT_ADVANCE * scale;
  }
  return image;
}

function toChannels(fn: string, name: string, c: TextColor, channels: 1 | 3): number[] {
  const ok = (v: number) => Number.isInteger(v) && v >= 0 && v <= 255;
  if (typeof c === 'number') {
    if (!ok(c)) throw new RangeError(`${fn}: ${name} must be a grey level 0..255 or [r, g, b], got ${c}`);
    return channels === 1 ? [c] : [c, c, c];
  }
  if (!Array.isArray(c) || c.length !== 3 || !c.every(ok)) throw new RangeError(`${fn}: ${name} must be a grey level 0..255 or [r, g, b], got ${JSON.stringify(c)}`);
  return channels === 3 ? [c[0], c[1], c[2]] : [Math.round((c[0] + c[1] + c[2]) / 3)];
}

/**
 * A copy of `image` with margins of `value` (grey level or [r, g, b]) added on each side.
 *
 * @example
 * import { greyImageFromFloats, padImage } from 'boltzmann';
 * const img = greyImageFromFloats(new Float32Array(16 * 16).fill(0.5), 16, 16, { min: 0, max: 1 });
 * const framed = padImage(img, { top: 20, left: 40, value: 255 }); // 56 wide, 36 high
 */
export function padImage(image: PixelImage, margins: { top?: number; right?: number; bottom?: number; left?: number; value?: TextColor }): PixelImage {
  const fn = 'padImage';
  checkPixelImage(fn, image);
  if (margins === null || typeof margins !== 'object') throw new TypeError(`${fn}: margins must be an object { top?, right?, bottom?, left?, value? }, got ${describe(margins)}`);
  checkOptionKeys(fn, margins, ['top', 'right', 'bottom', 'left', 'value']);
  const m = { top: margins.top ?? 0, right: margins.right ?? 0, bottom: margins.bottom ?? 0, left: margins.left ?? 0 };
  for (const [k, v] of Object.entries(m)) if (!Number.isInteger(v) || v < 0) throw new RangeError(`${fn}: ${k} must be a non-negative integer, got ${v}`);
  const ch = image.channels;
  const fill = toChannels(fn, 'value', margins.value ?? 255, ch);
  const width = image.width + m.left + m.right, height = image.height + m.top + m.bottom;
  const data = new Uint8Array(width * height * ch);
  for (let q = 0; q < width * height; q++) for (let k = 0; k < ch; k++) data[q * ch + k] = fill[k];
  for (let r = 0; r < image.height; r++) {
    data.set(image.data.subarray(r * image.width * ch, (r + 1) * image.width * ch), ((r + m.top) * width + m.left) * ch);
  }
  return { width, height, channels: ch, data };
}

/**
 * A density map (or any image whose pixels sample a rectangle of the plane) framed as a plot:
 * white margins, a black frame, ticks and numbers on both axes at nice values, axis labels and
 * a title in the built-in font. `x` is the range across the image (left to right), `y` the range
 * up the image (bottom to top), each given as the coordinates of the outer pixel edges.
 *
 * @example
 * import { greyImageFromFloats, withAxes } from 'boltzmann';
 * // a 240 x 240 density over [-4.5, 4.5]^2, y up (row 0 is the top, y = 4.5)
 * const n = 240, p = new Float32Array(n * n);
 * for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
 *   const x = -4.5 + (9 * c) / n, y = 4.5 - (9 * r) / n;
 *   p[r * n + c] = Math.exp(-(x * x + y * y) / 2);
 * }
 * const framed = withAxes(greyImageFromFloats(p, n, n, { min: 0, max: 1 }), { x: [-4.5, 4.5], y: [-4.5, 4.5], xLabel: 'x1', yLabel: 'x2', title: 'p(x)' });
 * // writePng('density.png', framed) from 'boltzmann/node' saves it
 */
export function withAxes(image: PixelImage, options: { x: [number, number]; y: [number, number]; xLabel?: string; yLabel?: string; title?: string; scale?: number }): PixelImage {
  const fn = 'withAxes';
  checkPixelImage(fn, image);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { x, y, xLabel?, yLabel?, title?, scale? }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['x', 'y', 'xLabel', 'yLabel', 'title', 'scale']);
  const { x, y } = options;
  for (const [name, r] of [['x', x], ['y', y]] as const) {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[0] < r[1])) {
      throw new RangeError(`${fn}: ${name} must be [lo, hi] with finite lo < hi, got ${Array.isArray(r) ? `[${r.join(', ')}]` : describe(r)}`);
    }
  }
  const scale = options.scale ?? 1;
  checkScale(fn, scale);
  const H = FONT_HEIGHT * scale;
  const xt = niceTicks(x[0], x[1], Math.max(5, Math.min(9, Math.round(image.width / 30)))).ticks.filter((t) => t >= x[0] && t <= x[1]);
  const yt = niceTicks(y[0], y[1], Math.max(5, Math.min(9, Math.round(image.height / 30)))).ticks.filter((t) => t >= y[0] && t <= y[1]);
  const fmt = (v: number) => String(Number(v.toPrecision(6)));
  const yLabelW = Math.max(...yt.map((t) => textWidth(fmt(t), scale)));
  const left = yLabelW + 8 + (options.yLabel ? textWidth(options.yLabel, scale) + 6 : 0);
  const top = options.title ? H + 10 : 6;
  const bottom = H + 10 + (options.xLabel ? H + 6 : 0);
  // Room on the right for the last x tick label, and for a title wider than the image.
  const titleW = options.title ? textWidth(options.title, scale) : 0;
  const right = Math.max(Math.ceil(textWidth(fmt(xt[xt.length - 1] ?? 0), scale) / 2) + 4, titleW + 4 - image.width - left - 3);
  const out = padImage(image, { top: top + 1, left: left + 1, bottom: bottom + 1, right: right + 1, value: 255 });
  const ink: TextColor = 0;
  const frameL = left, frameT = top, frameR = left + image.width + 1, frameB = top + image.height + 1;
  const dot = (px: number, py: number) => drawRect(out, px, py, 1, 1, ink);
  for (let px = frameL; px <= frameR; px++) { dot(px, frameT); dot(px, frameB); }
  for (let py = frameT; py <= frameB; py++) { dot(frameL, py); dot(frameR, py); }
  for (const t of xt) {
    const px = left + 1 + Math.round(((t - x[0]) / (x[1] - x[0])) * (image.width - 1));
    for (let k = 1; k <= 4; k++) dot(px, frameB + k);
    const label = fmt(t);
    drawText(out, label, px - Math.floor(textWidth(label, scale) / 2), frameB + 6, { color: ink, scale });
  }
  for (const t of yt) {
    const py = top + 1 + Math.round(((y[1] - t) / (y[1] - y[0])) * (image.height - 1));
    for (let k = 1; k <= 4; k++) dot(frameL - k, py);
    const label = fmt(t);
    drawText(out, label, frameL - 6 - textWidth(label, scale), py - Math.floor(H / 2), { color: ink, scale });
  }
  if (options.xLabel) drawText(out, options.xLabel, left + 1 + Math.floor((image.width - textWidth(options.xLabel, scale)) / 2), frameB + 6 + H + 6, { color: ink, scale });
  if (options.yLabel) drawText(out, options.yLabel, 2, top + 1 + Math.floor((image.height - H) / 2), { color: ink, scale });
  if (options.title) {
    // Centred over the picture, or over the whole figure when wider than the picture.
    const x0 = titleW <= image.width ? left + 1 + Math.floor((image.width - titleW) / 2) : Math.floor((out.width - titleW) / 2);
    drawText(out, options.title, Math.max(2, x0), 4, { color: ink, scale });
  }
  return out;
}

function drawRect(image: PixelImage, x: number, y: number, w: number, h: number, color: TextColor): void {
  const col = toChannels('drawRect', 'color', color, image.channels);
  for (let py = y; py < y + h; py++) {
    for (let px = x; px < x + w; px++) {
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      const o = (py * image.width + px) * image.channels;
      for (let k = 0; k < image.channels; k++) image.data[o + k] = col[k];
    }
  }
}
