/**
 * Unchecked forms of lib/random's functions for loops inside the library (internal:
 * lib/random/index.ts does not re-export this file). The public methods check their arguments
 * and call these.
 */
export { fillBernoulliUnchecked, fillNormalUnchecked } from './rng.js';
