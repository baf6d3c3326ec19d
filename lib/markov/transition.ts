/**
 * Transition matrices and time evolution of a Markov chain (notes 000, "Markov processes").
 *
 * Layout (fixed for all of lib/markov): a transition matrix on n states is an n x n Matrix64,
 * row-major, with `W.data[i * n + j] = W(j -> i)`, the probability to move from state j to state
 * i in one step. Each COLUMN sums to 1, and a distribution p (a Float64Array of length n)
 * evolves as p(t + 1) = W p(t).
 */
import { identity64, zeros64, type Matrix64 } from '../linalg/index.js';
import { checkSquareMatrix64, checkVector64, describe } from './checks.js';
import { checkColumnStochastic, STOCHASTIC_TOLERANCE } from './balance.js';

/** Boundary rule of {@link randomWalkMatrix}. */
export type RandomWalkBoundary = 'periodic' | 'reflecting';

/**
 * The random walk on a 1-D grid of n sites: each step hops one site left or right with
 * probability 1/2 each.
 *
 * N-MC-01  W(j -> i) = 1/2 if |i - j| = 1, else 0   (notes 000 "Markov processes").
 * Erratum E-09: on a finite grid the two edge columns of that matrix sum to 1/2, so it is not
 * stochastic as printed. A boundary rule is required:
 * - `'periodic'`: the sites form a ring, site n - 1 is the left neighbour of site 0
 *   (eigenvalues cos(2 pi k / n), k = 0..n-1). For n = 2 both hops land on the other site;
 *   for n = 1 the walker stays.
 * - `'reflecting'`: a step off the edge stays put. At site 0 the walker that would step to -1
 *   stays on 0, so column 0 has 1/2 on site 0 and 1/2 on site 1 (likewise at site n - 1).
 *   Eigenvalues cos(pi k / n), k = 0..n-1; the stationary distribution is uniform.
 *
 * @example
 * const W = randomWalkMatrix(4, 'periodic');
 * W.data[1 * 4 + 0]; // 0.5 = W(0 -> 1)
 * W.data[3 * 4 + 0]; // 0.5 = W(0 -> 3), around the ring
 */
export function randomWalkMatrix(n: number, boundary: RandomWalkBoundary): Matrix64 {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`randomWalkMatrix: n must be a positive integer, got ${n}`);
  if (boundary !== 'periodic' && boundary !== 'reflecting') {
    throw new RangeError(`randomWalkMatrix: boundary must be 'periodic' or 'reflecting', got ${JSON.stringify(boundary)}`);
  }
  const W = zeros64(n, n);
  const w = W.data;
  for (let j = 0; j < n; j++) {
    let right = j + 1;
    let left = j - 1;
    if (boundary === 'periodic') {
      right = right % n;
      left = (left + n) % n;
    } else {
      if (right > n - 1) right = j; // a step off the edge stays put
      if (left < 0) left = j;
    }
    // Column j is the move distribution from site j; += so that coinciding targets add up.
    w[right * n + j] += 0.5;
    w[left * n + j] += 0.5;
  }
  return W;
}

/**
 * One time step of the chain: out = W p.
 *
 * N-MC-02  p_i(t + eps) = sum_j W(j -> i) p_j(t)   (notes 000 "Markov processes").
 *
 * Checks shapes and finiteness of p; does NOT scan the entries of W (finite, stochastic: that
 * costs as much as the step itself): call {@link assertColumnStochastic} once on a matrix you
 * built yourself.
 * `out` must not be the same array as `p`. Returns `out`.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * evolve(new Float64Array(3), W, new Float64Array([1, 0, 0])); // [0.5, 0.5, 0]
 */
export function evolve(out: Float64Array, W: Matrix64, p: Float64Array): Float64Array {
  const n = checkSquareMatrix64('evolve', 'W', W, false); // shape only: an entry scan would double the cost
  checkVector64('evolve', 'p', p, n);
  checkOut('evolve', out, n);
  if (out === p) throw new RangeError('evolve: out must not be the same array as p (use evolveSteps, or a second buffer)');
  return evolveUnchecked(out, W.data, p, n);
}

/** out_i = sum_j W_ij p_j without checks (the loop of N-MC-02). */
function evolveUnchecked(out: Float64Array, w: Float64Array, p: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += w[row + j] * p[j];
    out[i] = sum;
  }
  return out;
}

/**
 * n time steps from p0: out = W^n p0, by n repeated matrix-vector products.
 *
 * N-MC-04  p(n eps) = W^n(eps) p(0)   (eq. 1, notes 000 "Markov processes").
 *
 * Checks W with {@link assertColumnStochastic} (default tolerance) once, and the shapes.
 * `p0` need not be a distribution (a difference p - pi evolves the same way). `out` may be the
 * same array as `p0`. Allocates one scratch vector per call. Returns `out`.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * evolveSteps(new Float64Array(3), W, new Float64Array([1, 0, 0]), 3); // [0.3125, 0.5, 0.1875]
 */
export function evolveSteps(out: Float64Array, W: Matrix64, p0: Float64Array, steps: number): Float64Array {
  const n = checkSquareMatrix64('evolveSteps', 'W', W);
  checkVector64('evolveSteps', 'p0', p0, n);
  checkOut('evolveSteps', out, n);
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`evolveSteps: n (the number of steps) must be a non-negative integer, got ${steps}`);
  }
  checkColumnStochastic('evolveSteps', 'W', W, STOCHASTIC_TOLERANCE);
  let current = new Float64Array(p0);
  let next = new Float64Array(n);
  for (let t = 0; t < steps; t++) {
    evolveUnchecked(next, W.data, current, n);
    const tmp = current; current = next; next = tmp;
  }
  out.set(current);
  return out;
}

/**
 * The n-th matrix power out = W^n by repeated squaring (about 2 log2(n) matrix products):
 * W^n = prod over the binary digits b_k of n of W^(2^k).
 *
 * N-MC-04  (W^n)_ij = W(j l -> i l, n eps): the n-step transition probabilities (eq. 1).
 *
 * Works for any finite square matrix (W^0 = I). `out` must be n x n and may be W itself.
 * Allocates two n x n scratch matrices per call. Returns `out`.
 *
 * @example
 * const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
 * const W3 = matrixPower(zeros64(3, 3), W, 3);
 * W3.data[0 * 3 + 0]; // 0.3125 = (W^3)_00 = p_0(3) for p(0) = (1, 0, 0)
 */
export function matrixPower(out: Matrix64, W: Matrix64, n: number): Matrix64 {
  const size = checkSquareMatrix64('matrixPower', 'W', W);
  if (out === null || typeof out !== 'object' || !(out.data instanceof Float64Array)) {
    throw new TypeError(`matrixPower: out must be a Matrix64, got ${describe(out)}`);
  }
  if (out.rows !== size || out.cols !== size || out.data.length !== size * size) {
    throw new RangeError(`matrixPower: out is ${out.rows}x${out.cols} but W is ${size}x${size}`);
  }
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`matrixPower: n must be a non-negative integer, got ${n}`);
  let base: Float64Array = new Float64Array(W.data); // W^(2^k)
  let result: Float64Array = identity64(size).data; // product of the powers picked so far
  let scratch: Float64Array = new Float64Array(size * size);
  let e = n;
  while (e > 0) {
    if (e & 1) {
      multiplyInto(scratch, result, base, size);
      const tmp = result; result = scratch; scratch = tmp;
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      multiplyInto(scratch, base, base, size);
      const tmp = base; base = scratch; scratch = tmp;
    }
  }
  out.data.set(result);
  return out;
}

/** c = a b for n x n row-major arrays (c distinct from a and b); i-k-j loop order. */
function multiplyInto(c: Float64Array, a: Float64Array, b: Float64Array, n: number): void {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
}

function checkOut(fn: string, out: unknown, n: number): asserts out is Float64Array {
  if (!(out instanceof Float64Array)) throw new TypeError(`${fn}: out must be a Float64Array, got ${describe(out)}`);
  if (out.length !== n) throw new RangeError(`${fn}: out has length ${out.length} but the chain has ${n} states`);
}
