/**
 * Argument checks shared by the files of lib/io (internal: not re-exported from lib/io/index.ts).
 * Every message names the function, the argument and the value.
 */
import { describe } from '../checks/index.js';
import type { PixelImage } from './pixel-image.js';

/** Throws unless `image` is a PixelImage { width, height, channels: 1 | 3, data: Uint8Array of width·height·channels }. */
export function checkPixelImage(fn: string, image: unknown): asserts image is PixelImage {
  if (image === null || typeof image !== 'object') throw new TypeError(`${fn}: image must be an object { width, height, channels, data }, got ${describe(image)}`);
  const { width, height, channels, data } = image as PixelImage;
  if (!Number.isInteger(width) || width < 1 || width > 0x7fffffff) throw new RangeError(`${fn}: width must be a positive integer, got ${describe(width)}`);
  if (!Number.isInteger(height) || height < 1 || height > 0x7fffffff) throw new RangeError(`${fn}: height must be a positive integer, got ${describe(height)}`);
  if (channels !== 1 && channels !== 3) throw new RangeError(`${fn}: channels must be 1 (grey) or 3 (RGB), got ${describe(channels)}`);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new TypeError(`${fn}: data must be a Uint8Array (or Uint8ClampedArray), got ${describe(data)}`);
  }
  const need = width * height * channels;
  if (data.length !== need) {
    throw new RangeError(`${fn}: data has length ${data.length} but a ${width}x${height} image with ${channels} channel${channels === 1 ? '' : 's'} needs ${need}`);
  }
}

/** Throws unless `text` is a string. */
export function checkText(fn: string, what: string, text: unknown): asserts text is string {
  if (typeof text !== 'string') throw new TypeError(`${fn}: ${what} must be a string, got ${describe(text)}`);
}

/** Throws unless `mode` is a DEFLATE mode ('fixed' or 'stored'). */
export function checkDeflate(fn: string, mode: unknown): void {
  if (mode !== 'fixed' && mode !== 'stored') throw new RangeError(`${fn}: deflate must be 'fixed' or 'stored', got ${describe(mode)}`);
}
