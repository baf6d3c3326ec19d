/**
 * The 8-bit image type shared by the PNG encoder, the argument checks and the image helpers of
 * lib/io (its own file, so that checks.ts and png.ts need not import each other).
 */
/** An 8-bit image: `channels` = 1 (grey) or 3 (RGB), row-major, `data[(y*width + x)*channels + c]`. */
export interface PixelImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array | Uint8ClampedArray;
}
