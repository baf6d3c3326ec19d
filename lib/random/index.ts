/**
 * lib/random: the seeded generator (xoshiro128** seeded by splitmix32) and its distributions.
 * See docs/random.md.
 */
export { Rng, splitmix32, type MutableArrayLike } from './rng.js';
export { klDivergenceDiscrete } from './distributions.js';
