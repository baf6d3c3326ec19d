/**
 * Argument checks shared by every module (internal: the bottom layer of lib/, imported by the
 * others and by nothing public; lib/index.ts does not re-export it).
 */

/**
 * True if two typed arrays share memory: same buffer and overlapping byte ranges (an empty
 * array overlaps nothing).
 *
 * @example
 * ```ts
 * const buf = new Float32Array(8);
 * overlaps(buf.subarray(0, 4), buf.subarray(3, 8)); // true
 * overlaps(buf.subarray(0, 4), buf.subarray(4, 8)); // false
 * ```
 */
export function overlaps(x: ArrayBufferView, y: ArrayBufferView): boolean {
  if (x.buffer !== y.buffer || x.byteLength === 0 || y.byteLength === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}
