/**
 * Turning float arrays into 8-bit images: one grey image from a float array with an explicit
 * display range, and a grid of tiles (RBM filters, samples, digits) with padding.
 */
import type { AnyMatrix } from '../linalg/matrix.js';
import type { PixelImage } from './png.js';
import { checkOptionKeys, describe } from '../checks/index.js';
import { drawText, FONT_HEIGHT, textWidth } from './font.js';

/** What to do with values outside the display range [min, max]. */
export type OutOfRange = 'clip' | 'throw';

function checkFiniteRange(fn: string, min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new RangeError(`${fn}: the display range needs finite min < max, got min = ${min}, max = ${max}`);
  }
}

function checkSize(fn: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: ${what} must be a positive integer, got ${n}`);
}

/**
 * A grey image from floats: value v becomes round(255 (v - min) / (max - min)), so min is
 * black and max is white. The range is explicit (no hidden auto-scaling). Values outside
 * [min, max] are clipped to black/white by default (`outOfRange: 'clip'`, the usual display
 * convention, like an image viewer's window); pass `outOfRange: 'throw'` to get a RangeError
 * instead. NaN or an infinity always throws, naming the index.
 *
 * @param values row-major, length width * height
 * @param options.min value shown black; options.max value shown white (min < max)
 * @param options.outOfRange 'clip' (default) or 'throw'
 * @example
 * const img = greyImageFromFloats(new Float32Array([0, 0.5, 1, 1.5]), 2, 2, { min: 0, max: 1 });
 * img.data; // Uint8Array [0, 128, 255, 255]  (1.5 clipped to white)
 */
export function greyImageFromFloats(
  values: ArrayLike<number>,
  width: number,
  height: number,
  options: { min: number; max: number; outOfRange?: OutOfRange },
): PixelImage {
  const fn = 'greyImageFromFloats';
  checkSize(fn, 'width', width);
  checkSize(fn, 'height', height);
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${fn}: values must be an array of numbers, got ${values === null ? 'null' : typeof values}`);
  }
  if (values.length !== width * height) {
    throw new RangeError(`${fn}: values has length ${values.length} but a ${width}x${height} image needs ${width * height}`);
  }
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options { min, max } are required, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['min', 'max', 'outOfRange']);
  const { min, max } = options;
  const outOfRange = options.outOfRange ?? 'clip';
  if (outOfRange !== 'clip' && outOfRange !== 'throw') {
    throw new RangeError(`${fn}: outOfRange must be 'clip' or 'throw', got ${String(outOfRange)}`);
  }
  checkFiniteRange(fn, min, max);
  const data = new Uint8Array(width * height);
  toGrey(fn, values, 0, values.length, min, max, outOfRange, data, 0, width, width, 'values: ');
  return { width, height, channels: 1, data };
}

/**
 * Writes values[start + k] (k < count) as grey levels into out at outStart + (k / rowLength)
 * * outStride + (k % rowLength): the shared loop of greyImageFromFloats and imageGrid.
 */
function toGrey(
  fn: string,
  values: ArrayLike<number>,
  start: number,
  count: number,
  min: number,
  max: number,
  outOfRange: OutOfRange,
  out: Uint8Array,
  outStart: number,
  outStride: number,
  rowLength: number,
  where: string,
): void {
  const scale = 255 / (max - min);
  for (let k = 0; k < count; k++) {
    const v = values[start + k];
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${where}value ${k} is ${v}`);
    let level = (v - min) * scale;
    if (level < 0 || level > 255) {
      if (outOfRange === 'throw') {
        throw new RangeError(`${fn}: ${where}value ${k} = ${v} is outside the display range [${min}, ${max}]`);
      }
      level = level < 0 ? 0 : 255;
    }
    const row = Math.floor(k / rowLength);
    out[outStart + row * outStride + (k - row * rowLength)] = Math.round(level);
  }
}

/** How imageGrid maps tile values to grey levels. */
export type GridNormalize = 'per-tile' | 'global' | { min: number; max: number };

/**
 * A grey image showing many tiles (e.g. RBM filters or model samples) side by side.
 * Each tile is one row of `tiles` (a Matrix/Matrix64 with tileWidth*tileHeight columns, or an
 * array of arrays), drawn row-major as tileHeight lines of tileWidth pixels. Tiles fill the
 * grid left to right, `columns` per line (fewer if there are fewer tiles); empty cells and the
 * `padding` pixels around and between tiles get the grey level `padValue`.
 *
 * For RBM filters W (M x N, one filter per column), pass `transpose(W)`.
 *
 * Normalization (`normalize`):
 * - 'per-tile' (default): each tile's own min is black and max is white (a constant tile is
 *   mid-grey 128) — shows each filter's pattern whatever its scale;
 * - 'global': the min/max over all tiles — keeps tiles comparable;
 * - `{ min, max }`: a fixed range (e.g. { min: 0, max: 1 } for probabilities); values outside
 *   it are clipped, as in greyImageFromFloats.
 *
 * Labels (in the built-in bitmap font, see drawText): `rowLabels[r]` is written left of grid row
 * r, `tileLabels[t]` above tile t (e.g. the temperature of each Ising panel). Text is white on
 * dark padding and black on light padding; `labelScale` magnifies it (default 2 for tiles at
 * least 96 pixels high, else 1). A tile label wider than its tile is cut to fit.
 *
 * @param options.padding pixels around and between tiles (default 1)
 * @param options.padValue grey level of padding and empty cells, 0..255 (default 0, black)
 * @example
 * import { encodePng, imageGrid, matrix } from 'boltzmann';
 * // 10 samples of 28x28 pixels in [0,1], 5 per line, one label per line
 * const samples = matrix(10, 28 * 28, Array.from({ length: 10 * 28 * 28 }, (_, k) => (k % 28) / 27));
 * const grid = imageGrid(samples, 28, 28, 5, { normalize: { min: 0, max: 1 }, rowLabels: ['CD-1', 'PCD'] });
 * const png = encodePng(grid);
 */
export function imageGrid(
  tiles: AnyMatrix | ArrayLike<ArrayLike<number>>,
  tileWidth: number,
  tileHeight: number,
  columns: number,
  options: { padding?: number; padValue?: number; normalize?: GridNormalize; rowLabels?: readonly string[]; tileLabels?: readonly string[]; labelScale?: number } = {},
): PixelImage {
  const fn = 'imageGrid';
  checkOptionKeys(fn, options, ['padding', 'padValue', 'normalize', 'rowLabels', 'tileLabels', 'labelScale']);
  checkSize(fn, 'tileWidth', tileWidth);
  checkSize(fn, 'tileHeight', tileHeight);
  checkSize(fn, 'columns', columns);
  checkOptionKeys(fn, options, ['padding', 'padValue', 'normalize', 'rowLabels', 'tileLabels', 'labelScale']);
  const padding = options.padding ?? 1;
  const padValue = options.padValue ?? 0;
  const normalize = options.normalize ?? 'per-tile';
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`${fn}: padding must be a non-negative integer, got ${padding}`);
  if (!Number.isInteger(padValue) || padValue < 0 || padValue > 255) throw new RangeError(`${fn}: padValue must be an integer in 0..255, got ${padValue}`);
  const tileSize = tileWidth * tileHeight;

  // Each tile as (array, offset) so a Matrix is read in place.
  let count: number;
  let arrayOf: (t: number) => ArrayLike<number>;
  let offsetOf: (t: number) => number;
  if (tiles !== null && typeof tiles === 'object' && 'rows' in tiles && 'cols' in tiles && 'data' in tiles) {
    const m = tiles as AnyMatrix;
    if (m.cols !== tileSize) {
      throw new RangeError(`${fn}: tiles is ${m.rows}x${m.cols} but a ${tileWidth}x${tileHeight} tile needs ${tileSize} columns (one tile per row)`);
    }
    count = m.rows;
    arrayOf = () => m.data;
    offsetOf = (t) => t * tileSize;
  } else if (tiles !== null && typeof tiles === 'object' && typeof (tiles as ArrayLike<unknown>).length === 'number') {
    const list = tiles as ArrayLike<ArrayLike<number>>;
    count = list.length;
    for (let t = 0; t < count; t++) {
      const tile = list[t];
      if (tile === null || typeof tile !== 'object' || tile.length !== tileSize) {
        throw new RangeError(`${fn}: tile ${t} has length ${tile?.length} but a ${tileWidth}x${tileHeight} tile needs ${tileSize}`);
      }
    }
    arrayOf = (t) => list[t];
    offsetOf = () => 0;
  } else {
    throw new TypeError(`${fn}: tiles must be a Matrix (one tile per row) or an array of arrays, got ${tiles === null ? 'null' : typeof tiles}`);
  }
  if (count === 0) throw new RangeError(`${fn}: tiles is empty: nothing to draw`);

  let fixedMin = 0;
  let fixedMax = 0;
  if (normalize === 'global') {
    fixedMin = Infinity;
    fixedMax = -Infinity;
    for (let t = 0; t < count; t++) {
      const a = arrayOf(t);
      const o = offsetOf(t);
      for (let k = 0; k < tileSize; k++) {
        const v = a[o + k];
        if (!Number.isFinite(v)) throw new RangeError(`${fn}: tile ${t} value ${k} is ${v}`);
        if (v < fixedMin) fixedMin = v;
        if (v > fixedMax) fixedMax = v;
      }
    }
  } else if (typeof normalize === 'object' && normalize !== null) {
    checkOptionKeys(`${fn}: normalize`, normalize, ['min', 'max']);
    checkFiniteRange(fn, normalize.min, normalize.max);
    fixedMin = normalize.min;
    fixedMax = normalize.max;
  } else if (normalize !== 'per-tile') {
    throw new RangeError(`${fn}: normalize must be 'per-tile', 'global' or { min, max }, got ${String(normalize)}`);
  }

  const cols = Math.min(columns, count);
  const gridRows = Math.ceil(count / cols);
  const { rowLabels, tileLabels } = options;
  const labelScale = options.labelScale ?? (tileHeight >= 96 ? 2 : 1);
  if (!Number.isInteger(labelScale) || labelScale < 1 || labelScale > 16) throw new RangeError(`${fn}: labelScale must be an integer in [1, 16], got ${labelScale}`);
  if (rowLabels !== undefined && (!Array.isArray(rowLabels) || rowLabels.length > gridRows || !rowLabels.every((l) => typeof l === 'string'))) {
    throw new RangeError(`${fn}: rowLabels must be an array of at most ${gridRows} strings (one per grid row), got ${Array.isArray(rowLabels) ? `${rowLabels.length} entries` : typeof rowLabels}`);
  }
  if (tileLabels !== undefined && (!Array.isArray(tileLabels) || tileLabels.length > count || !tileLabels.every((l) => typeof l === 'string'))) {
    throw new RangeError(`${fn}: tileLabels must be an array of at most ${count} strings (one per tile), got ${Array.isArray(tileLabels) ? `${tileLabels.length} entries` : typeof tileLabels}`);
  }
  const textH = FONT_HEIGHT * labelScale;
  const band = tileLabels !== undefined && tileLabels.length > 0 ? textH + 4 : 0; // label strip above every tile row
  const leftMargin = rowLabels !== undefined && rowLabels.length > 0 ? Math.max(...rowLabels.map((l) => textWidth(l, labelScale))) + 6 : 0;
  const width = leftMargin + cols * tileWidth + (cols + 1) * padding;
  const height = gridRows * (tileHeight + band) + (gridRows + 1) * padding;
  const data = new Uint8Array(width * height).fill(padValue);
  for (let t = 0; t < count; t++) {
    const a = arrayOf(t);
    const o = offsetOf(t);
    let lo = fixedMin;
    let hi = fixedMax;
    if (normalize === 'per-tile') {
      lo = Infinity;
      hi = -Infinity;
      for (let k = 0; k < tileSize; k++) {
        const v = a[o + k];
        if (!Number.isFinite(v)) throw new RangeError(`${fn}: tile ${t} value ${k} is ${v}`);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const x0 = leftMargin + padding + (t % cols) * (tileWidth + padding);
    const y0 = padding + band + Math.floor(t / cols) * (tileHeight + band + padding);
    const start = y0 * width + x0;
    if (!(lo < hi)) {
      // A constant tile (or a global range of one value) has no contrast: draw it mid-grey.
      for (let r = 0; r < tileHeight; r++) data.fill(128, start + r * width, start + r * width + tileWidth);
      continue;
    }
    toGrey(fn, a, o, tileSize, lo, hi, 'clip', data, start, width, tileWidth, `tile ${t} `);
  }
  const image: PixelImage = { width, height, channels: 1, data };
  const ink = padValue < 128 ? 255 : 0;
  rowLabels?.forEach((label, r) => {
    const y = padding + band + r * (tileHeight + band + padding) + Math.floor((tileHeight - textH) / 2);
    drawText(image, label, 3, y, { color: ink, scale: labelScale });
  });
  // A tile label longer than its tile is cut (it would run into the next tile).
  const fits = Math.max(1, Math.floor((tileWidth + labelScale) / (6 * labelScale)));
  tileLabels?.forEach((label, t) => {
    if ([...label].length > fits) label = [...label].slice(0, fits).join('');
    const x = leftMargin + padding + (t % cols) * (tileWidth + padding);
    const y = padding + Math.floor(t / cols) * (tileHeight + band + padding) + 2;
    drawText(image, label, x, y, { color: ink, scale: labelScale });
  });
  return image;
}
