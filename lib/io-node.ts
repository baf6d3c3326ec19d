/**
 * Node-only file helpers for lib/io: write a PNG image or an SVG string to disk, creating the
 * folder if needed. Re-exported by 'boltzmann/node' (lib/node.ts); the browser entry never
 * imports this file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodePng, type DeflateMode, type PixelImage } from './io/png.js';
import { checkOptionKeys, describe } from './checks/index.js';
import { checkDeflate, checkPixelImage } from './io/checks.js';

/**
 * Encodes `image` as PNG (see encodePng) and writes it to `path`; returns the bytes written.
 *
 * @example
 * import { imageGrid, matrix } from 'boltzmann';
 * import { writePng } from 'boltzmann/node';
 * const filters = matrix(20, 28 * 28, Array.from({ length: 20 * 28 * 28 }, (_, k) => Math.sin(k / 28))); // 20 tiles of 28x28
 * writePng('out/filters.png', imageGrid(filters, 28, 28, 10));
 */
export function writePng(path: string, image: PixelImage, options: { deflate?: DeflateMode } = {}): Uint8Array {
  if (typeof path !== 'string' || path === '') throw new TypeError(`writePng: path must be a non-empty string, got ${describe(path)}`);
  checkPixelImage('writePng', image);
  checkOptionKeys('writePng', options, ['deflate']);
  if (options.deflate !== undefined) checkDeflate('writePng', options.deflate);
  const bytes = encodePng(image, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes;
}

/**
 * Writes an SVG document string (from linePlot / scatterPlot) to `path` as UTF-8.
 *
 * @example
 * import { linePlot } from 'boltzmann';
 * import { writeSvg } from 'boltzmann/node';
 * const losses = [0.9, 0.5, 0.3, 0.25, 0.22];
 * writeSvg('out/loss.svg', linePlot({ series: [{ y: losses, label: 'loss' }] }));
 */
export function writeSvg(path: string, svg: string): void {
  if (typeof path !== 'string' || path === '') throw new TypeError(`writeSvg: path must be a non-empty string, got ${describe(path)}`);
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg')) {
    throw new TypeError(`writeSvg: svg must be an SVG document string starting with <svg, got ${typeof svg === 'string' ? JSON.stringify(svg.slice(0, 20)) : describe(svg)}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg, 'utf8');
}
