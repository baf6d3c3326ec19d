/**
 * Bars and stripes (MacKay 2003, *Information Theory, Inference and Learning Algorithms*, and
 * the standard small benchmark for exactly evaluated RBM training): an n x n binary image in
 * which either every row is constant (a "stripes" image: each row all on or all off) or every
 * column is constant (a "bars" image). There are 2^n stripes images and 2^n bars images; the
 * all-off and all-on images are both, so there are 2^(n+1) - 2 distinct patterns. The target
 * distribution is uniform over them.
 *
 * Pixels are row-major: pixel (r, c) of an image is entry r * n + c of its row.
 */
import { type Matrix, matrix } from '../linalg/matrix.js';

function checkSide(fn: string, n: unknown, max: number): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
    throw new RangeError(`${fn}: n must be an integer in [1, ${max}], got ${String(n)}`);
  }
}

/** Largest side accepted by {@link barsAndStripes} (2^13 - 2 = 8190 patterns of 144 pixels). */
export const BARS_AND_STRIPES_MAX_SIDE = 12;
/** Largest side accepted by {@link barsAndStripesDistribution} (a table of 2^(n^2) entries: 65536 at n = 4). */
export const BARS_AND_STRIPES_MAX_TABLE_SIDE = 4;

/**
 * Number of distinct bars-and-stripes patterns of side n: 2^(n+1) - 2.
 *
 * @example
 * barsAndStripesCount(3); // 14
 */
export function barsAndStripesCount(n: number): number {
  checkSide('barsAndStripesCount', n, 30);
  return 2 ** (n + 1) - 2;
}

/**
 * All distinct n x n bars-and-stripes images, one per row of the result (2^(n+1) - 2 rows,
 * n*n columns, values 0/1). Order: first the 2^n stripes images by row mask m = 0..2^n - 1
 * (row r on when bit r of m is set; m = 0 is all off, m = 2^n - 1 all on), then the bars
 * images by column mask m = 1..2^n - 2 (column c on when bit c is set), skipping the two
 * already listed.
 *
 * @param n side of the square image, integer in [1, 12]
 * @example
 * const X = barsAndStripes(3); // 14 x 9
 * X.data.subarray(9, 18);      // stripes mask 1: [1,1,1, 0,0,0, 0,0,0] (top row on)
 */
export function barsAndStripes(n: number): Matrix {
  checkSide('barsAndStripes', n, BARS_AND_STRIPES_MAX_SIDE);
  const count = 2 ** (n + 1) - 2;
  const d = n * n;
  const out = matrix(count, d);
  let row = 0;
  // Stripes: every row constant.
  for (let m = 0; m < 2 ** n; m++, row++) {
    for (let r = 0; r < n; r++) {
      if (((m >>> r) & 1) === 0) continue;
      for (let c = 0; c < n; c++) out.data[row * d + r * n + c] = 1;
    }
  }
  // Bars: every column constant (all-off and all-on are stripes already).
  for (let m = 1; m < 2 ** n - 1; m++, row++) {
    for (let c = 0; c < n; c++) {
      if (((m >>> c) & 1) === 0) continue;
      for (let r = 0; r < n; r++) out.data[row * d + r * n + c] = 1;
    }
  }
  return out;
}

/**
 * True when the n x n binary image `x` (row-major, length n*n, values exactly 0 or 1) is a
 * bars-and-stripes pattern: all rows constant, or all columns constant.
 *
 * @example
 * isBarsAndStripes([1, 1, 0, 0], 2); // true (top row on)
 * isBarsAndStripes([1, 0, 0, 0], 2); // false
 */
export function isBarsAndStripes(x: ArrayLike<number>, n: number): boolean {
  checkSide('isBarsAndStripes', n, BARS_AND_STRIPES_MAX_SIDE);
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new TypeError(`isBarsAndStripes: x must be an array of numbers, got ${x === null ? 'null' : typeof x}`);
  }
  if (x.length !== n * n) throw new RangeError(`isBarsAndStripes: x has length ${x.length} but n = ${n} needs ${n * n}`);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== 0 && x[i] !== 1) throw new RangeError(`isBarsAndStripes: x[${i}] must be 0 or 1, got ${x[i]}`);
  }
  let rowsConstant = true;
  for (let r = 0; r < n && rowsConstant; r++) {
    for (let c = 1; c < n; c++) if (x[r * n + c] !== x[r * n]) { rowsConstant = false; break; }
  }
  if (rowsConstant) return true;
  for (let c = 0; c < n; c++) {
    for (let r = 1; r < n; r++) if (x[r * n + c] !== x[c]) return false;
  }
  return true;
}

/**
 * The exact bars-and-stripes distribution as a table over all 2^(n*n) binary images, in the
 * state order of lib/rbm's enumeration (`configurationFromIndex`, `visibleDistributionExact`):
 * entry s is p(x) for the image whose pixel i is bit (d - 1 - i) of s, d = n*n (pixel 0 is
 * the most significant bit), i.e. 1 / (2^(n+1) - 2) for a pattern and 0 otherwise. Sums to 1.
 *
 * @param n side, integer in [1, 4]
 * @example
 * const p = barsAndStripesDistribution(2); // Float64Array(16), six entries 1/6
 * p[0b1100]; // 1/6: pixels 0 and 1 (the top row) on
 */
export function barsAndStripesDistribution(n: number): Float64Array {
  checkSide('barsAndStripesDistribution', n, BARS_AND_STRIPES_MAX_TABLE_SIDE);
  const d = n * n;
  const p = new Float64Array(2 ** d);
  const patterns = barsAndStripes(n);
  const mass = 1 / patterns.rows;
  for (let r = 0; r < patterns.rows; r++) {
    let s = 0;
    for (let i = 0; i < d; i++) if (patterns.data[r * d + i] === 1) s += 2 ** (d - 1 - i);
    p[s] = mass;
  }
  return p;
}
