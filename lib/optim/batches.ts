/**
 * Mini-batches for stochastic gradient descent (N-OPT-06): each epoch, a seeded shuffle of the
 * sample indices 0..n-1 cut into consecutive batches, so every sample is used exactly once per
 * epoch and the same seed gives the same order.
 */
import { checkOptionKeys, describe } from '../checks/index.js';

/**
 * The one thing the shuffle needs from a random number generator: `int(n)`, a uniform integer
 * in [0, n). The library's `Rng` (lib/random) has it; any object with that method works.
 */
export interface IntSource {
  int(n: number): number;
}

/**
 * Fills `out` with a uniformly random permutation of 0..out.length-1 (Fisher–Yates: for
 * i = n-1 down to 1, swap out[i] with out[j], j uniform in [0, i]). Draws n - 1 integers.
 *
 * @example
 * const order = shufflePermutation(new Uint32Array(5), new Rng(1)); // e.g. [3, 0, 4, 1, 2]
 */
export function shufflePermutation(out: Uint32Array, rng: IntSource): Uint32Array {
  if (!(out instanceof Uint32Array)) {
    throw new TypeError(`shufflePermutation: out must be a Uint32Array, got ${describe(out)}`);
  }
  if (rng === null || typeof rng !== 'object' || typeof rng.int !== 'function') {
    throw new TypeError(`shufflePermutation: rng must have an int(n) method (e.g. an Rng), got ${describe(rng)}`);
  }
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    if (!Number.isInteger(j) || j < 0 || j > i) {
      throw new RangeError(`shufflePermutation: rng.int(${i + 1}) returned ${j}, not an integer in [0, ${i}]`);
    }
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/**
 * One epoch of mini-batches (N-OPT-06): the indices 0..n-1 in a seeded random order, cut into
 * batches of `batchSize`; the last batch is shorter when batchSize does not divide n (pass
 * `{ dropLast: true }` to leave it out). The batches are views (`subarray`) into one
 * Uint32Array, so one epoch costs one permutation and ceil(n / batchSize) small view objects.
 * Pass the same `order` array every epoch to reuse its memory.
 *
 * @param n number of samples (>= 0)
 * @param batchSize samples per batch (positive integer)
 * @param rng anything with `int(n)` (the library's `Rng`)
 * @param options.order a Uint32Array of length n to hold the permutation (reused across epochs)
 * @param options.dropLast leave out a final batch shorter than batchSize (default false)
 * @example
 * const rng = new Rng(42);
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const batch of shuffledBatches(60000, 100, rng)) {
 *     // batch: Uint32Array of 100 sample indices
 *   }
 * }
 */
export function shuffledBatches(
  n: number,
  batchSize: number,
  rng: IntSource,
  options: { order?: Uint32Array; dropLast?: boolean } = {},
): Uint32Array[] {
  checkOptionKeys('shuffledBatches', options, ['order', 'dropLast']);
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`shuffledBatches: n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`shuffledBatches: batchSize must be a positive integer, got ${batchSize}`);
  }
  if (rng === null || typeof rng !== 'object' || typeof rng.int !== 'function') {
    throw new TypeError(`shuffledBatches: rng must have an int(n) method (e.g. an Rng), got ${describe(rng)}`);
  }
  checkOptionKeys('shuffledBatches', options, ['order', 'dropLast']);
  if (options.dropLast !== undefined && typeof options.dropLast !== 'boolean') {
    throw new TypeError(`shuffledBatches: options.dropLast must be a boolean, got ${describe(options.dropLast)}`);
  }
  let order = options.order;
  if (order === undefined) {
    order = new Uint32Array(n);
  } else if (!(order instanceof Uint32Array) || order.length !== n) {
    const got = order instanceof Uint32Array ? `length ${order.length}` : typeof order;
    throw new RangeError(`shuffledBatches: options.order must be a Uint32Array of length n = ${n}, got ${got}`);
  }
  shufflePermutation(order, rng);
  const batches: Uint32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    if (end - start < batchSize && options.dropLast === true) break;
    batches.push(order.subarray(start, end));
  }
  return batches;
}
