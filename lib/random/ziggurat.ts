/**
 * Ziggurat tables and the slow path for standard normal draws.
 *
 * Reference: G. Marsaglia and W. W. Tsang, "The Ziggurat Method for Generating Random
 * Variables", Journal of Statistical Software 5(8), 2000 (128 layers, r = 3.442619855899,
 * v = 9.91256303526217e-3, tables built as in their `zigset`, tail by their `nfix`).
 * One change from their RNOR, after J. A. Doornik, "An Improved Ziggurat Method to Generate
 * Normal Random Samples" (2005): the layer index, the sign and the magnitude come from
 * DISJOINT bits of the 32-bit word, so the layer index is independent of the value's bits:
 *
 *     word w (uint32):  bits 0..6  -> layer i (0..127)
 *                       bit  7     -> sign
 *                       bits 8..31 -> j, a 24-bit uniform integer in [0, 2^24)
 *
 * Unnormalized density f(x) = exp(-x^2 / 2). The area under f is covered by 128 pieces of
 * equal area v: layer 0 is the base strip [0, r] x [0, f(r)] plus the tail x > r (so its
 * pseudo-width is x_0 = v / f(r)); layer i >= 1 is the strip [0, x_i] x [f(x_i), f(x_{i-1})],
 * with x_127 = r and x_{i-1} = f^{-1}(v / x_i + f(x_i)) going up (f(x_0) is replaced by f(0) = 1
 * for the top layer). A draw picks layer i, sets z = j * x_i / 2^24 (uniform on [0, x_i)), and:
 *   - fast path: z < x_{i-1} lies under the curve for the whole strip height -> accept;
 *     in integers j < k_i with k_i = floor(2^24 x_{i-1} / x_i);
 *   - layer 0 and z >= r: sample the tail (Marsaglia 1964, as in nfix);
 *   - otherwise the wedge test: y ~ U(f(x_i), f(x_{i-1})), accept z if y < f(z), else draw
 *     a fresh word and start over.
 *
 * The tables are computed once at module load with Math.exp / Math.log (so results are
 * bit-identical on one JS engine; see docs/random.md for the determinism promise).
 */

/**
 * Number of ziggurat layers (Marsaglia & Tsang's 128-layer table): the layer index is the low
 * 7 bits of a word.
 *
 * @example
 * ```ts
 * import { ZIGGURAT_LAYERS } from './ziggurat.js'; // internal (not exported by 'boltzmann')
 * ZIGGURAT_LAYERS; // 128
 * ```
 */
export const ZIGGURAT_LAYERS = 128;

/**
 * Right edge of the outermost rectangle: the start of the tail, r = 3.442619855899
 * (Marsaglia & Tsang 2000, 128 layers).
 *
 * @example
 * ```ts
 * import { ZIGGURAT_R } from './ziggurat.js'; // internal
 * ZIGGURAT_R; // 3.442619855899: |z| beyond this is drawn by the tail algorithm
 * ```
 */
export const ZIGGURAT_R = 3.442619855899;

/**
 * Area of each layer under f(x) = exp(-x^2/2), v = 9.91256303526217e-3 (Marsaglia & Tsang 2000).
 *
 * @example
 * ```ts
 * import { ZIGGURAT_V, ZIGGURAT_LAYERS } from './ziggurat.js'; // internal
 * ZIGGURAT_V * ZIGGURAT_LAYERS; // 1.2688: the ziggurat's area; sqrt(pi/2) = 1.2533 of it lies under f,
 *                                // so 98.78% of candidates are accepted
 * ```
 */
export const ZIGGURAT_V = 9.91256303526217e-3;

/** 2^24: the magnitude j of a draw is a 24-bit integer. */
const TWO24 = 16777216;

/** The ziggurat tables, see the module comment for the meaning of each entry. */
export interface ZigguratTables {
  /** x_i, i = 0..127: layer right edges (x_0 = v / f(r) is the base strip's pseudo-width). */
  x: Float64Array;
  /** f_i = f(x_i) for i >= 1, and f_0 = f(0) = 1 (the top of layer 1). */
  f: Float64Array;
  /** k_i = floor(2^24 x_{i-1} / x_i) (k_1 = 0, k_0 = floor(2^24 r / x_0)): fast path iff j < k_i. */
  k: Int32Array;
  /**
   * Indexed by the low 8 bits b of the word (layer = b & 127, sign = b & 128):
   * w_b = +-x_{b & 127} / 2^24, so the fast-path value is z = j * w_b.
   */
  wSigned: Float64Array;
}

/**
 * Builds the 128-layer tables exactly as Marsaglia & Tsang's `zigset`, rescaled from their
 * 31-bit magnitudes to our 24-bit magnitude j.
 *
 * @example
 * ```ts
 * import { buildZigguratTables } from './ziggurat.js'; // internal
 * const t = buildZigguratTables();
 * t.x[127]; // 3.442619855899 (= r)
 * ```
 */
export function buildZigguratTables(): ZigguratTables {
  const n = ZIGGURAT_LAYERS;
  const r = ZIGGURAT_R;
  const v = ZIGGURAT_V;
  const x = new Float64Array(n);
  const f = new Float64Array(n);
  const k = new Int32Array(n);
  const fr = Math.exp(-0.5 * r * r);
  x[0] = v / fr; // base strip: rectangle [0, r] x [0, f(r)] plus the tail has area v
  x[n - 1] = r;
  f[0] = 1; // f(0): the top of layer 1
  f[n - 1] = fr;
  // Going up: layer i+1 has area v = x_{i+1} (f(x_i) - f(x_{i+1})), so
  // x_i = f^{-1}(v / x_{i+1} + f(x_{i+1})) = sqrt(-2 ln(v / x_{i+1} + f(x_{i+1}))).
  for (let i = n - 2; i >= 1; i--) {
    x[i] = Math.sqrt(-2 * Math.log(v / x[i + 1] + f[i + 1]));
    f[i] = Math.exp(-0.5 * x[i] * x[i]);
  }
  k[0] = Math.floor((r / x[0]) * TWO24);
  k[1] = 0; // top layer: its inner edge is x = 0, so every draw goes to the wedge test
  for (let i = 2; i < n; i++) k[i] = Math.floor((x[i - 1] / x[i]) * TWO24);
  const wSigned = new Float64Array(2 * n);
  for (let b = 0; b < 2 * n; b++) {
    const w = x[b & (n - 1)] / TWO24;
    wSigned[b] = (b & n) !== 0 ? -w : w;
  }
  return { x, f, k, wSigned };
}

/**
 * The tables shared by every Rng (built once at module load; read-only by convention).
 *
 * @example
 * ```ts
 * import { ZIGGURAT } from './ziggurat.js';
 * ZIGGURAT.k[0] / 2 ** 24; // ~0.93: share of the base strip that is rectangle (the rest is tail)
 * ```
 */
export const ZIGGURAT: ZigguratTables = buildZigguratTables();

/** What the slow path needs from a generator: fresh words and fresh 53-bit uniforms. */
export interface UniformSource {
  /** A uniform uint32. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number;
}

/**
 * The slow path of the ziggurat: called with the word `w` whose fast-path test failed
 * (j >= k_i). Returns a standard normal draw, consuming further words from `source`
 * (tail: two 53-bit uniforms per attempt; wedge: one 53-bit uniform, then a fresh word on
 * rejection).
 *
 * @example
 * ```ts
 * import { Rng } from './rng.js';
 * import { normalSlowPath } from './ziggurat.js';
 * const rng = new Rng(1);
 * const z = normalSlowPath(rng, 0xffffff00); // layer 0, j = 2^24 - 1 >= k_0: a tail draw, z > r
 * ```
 */
export function normalSlowPath(source: UniformSource, w: number): number {
  const { f, k, wSigned } = ZIGGURAT;
  const r = ZIGGURAT_R;
  for (;;) {
    const b = w & 255;
    const i = b & 127;
    const j = w >>> 8;
    const negative = (b & 128) !== 0;
    if (i === 0) {
      // Tail beyond r (Marsaglia 1964, as in Marsaglia & Tsang's nfix):
      // t = -ln(U1) / r, y = -ln(U2); accept when 2y > t^2; return r + t.
      // 1 - float() lies in (0, 1], so the logarithms are finite.
      let t: number;
      let y: number;
      do {
        t = -Math.log(1 - source.float()) / r;
        y = -Math.log(1 - source.float());
      } while (y + y < t * t);
      return negative ? -(r + t) : r + t;
    }
    // Wedge of layer i: z = j x_i / 2^24 in [x_{i-1}, x_i); accept if a uniform height in
    // [f(x_i), f(x_{i-1})] falls under the curve f(z) = exp(-z^2/2).
    const z = j * wSigned[b];
    if (f[i] + source.float() * (f[i - 1] - f[i]) < Math.exp(-0.5 * z * z)) return z;
    // Rejected: a fresh word; its fast path is tried here, otherwise loop.
    w = source.nextUint32();
    const b2 = w & 255;
    const j2 = w >>> 8;
    if (j2 < k[b2 & 127]) return j2 * wSigned[b2];
  }
}
