/**
 * How the RBM kernels form their three products — the hidden inputs X W', the visible inputs
 * H Wᵀ and the phase statistic Xᵀ H — on which the minibatch loop spends most of its time.
 * Outside a training run each is gemmUnchecked on the calling thread. trainRBM switches, for
 * the duration of the run ({@link withProducts}):
 *
 * - sparse: for a Bernoulli RBM the left operand of every product is a batch of 0/1 states
 *   (binarized data, sampled visible and hidden units) or of grey levels with many zeros, so the
 *   products go through sparseGemm, which adds only the rows of W selected by the nonzeros and
 *   falls back to gemm when more than 40 % of the entries are nonzero;
 * - pool: a {@link ProductPool} (a WorkerPool from 'boltzmann/node') splits the products by
 *   rows of their result across threads. With sparse products on, a product whose left operand
 *   is sparse enough for sparseGemm stays on the calling thread: its work is then smaller than
 *   the pool's fixed cost (copying W into shared memory and into each worker's wasm memory),
 *   so only the dense ones (a fresh RBM's hidden samples are half ones) are split.
 *
 * Both give the same bits as gemm on one thread (lib/linalg/sparse.ts, lib/node/pool.ts), so
 * training results do not depend on either switch.
 */
import type { Matrix } from '../linalg/matrix.js';
import { gemmUnchecked } from '../linalg/kernels.js';
import { sparseGemmUnchecked } from '../linalg/sparse.js';
import type { GemmOptions } from '../linalg/gemm.js';

/**
 * A team of threads that run one step function together: `run(local)` makes every worker call
 * its step (part 1 .. parts − 1) and this thread call `local(0, parts)`, and returns when all
 * have finished. `WorkerPool.team` ('boltzmann/node') makes one.
 *
 * @example
 * ```ts
 * import { createWorkerPool } from 'boltzmann/node';
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * writeFileSync('count.mjs', 'export function makeCount({ data }) { const x = new Int32Array(data); return (part) => { x[part]++; }; }');
 * const pool = createWorkerPool({ size: 1 }), data = new SharedArrayBuffer(8);
 * await pool.ready();
 * const team: ThreadTeam = pool.team(pathToFileURL('count.mjs'), 'makeCount', { data });
 * for (let step = 0; step < 3; step++) team.run((part) => { new Int32Array(data)[part]++; });
 * new Int32Array(data); // [3, 3]: each step ran once on each of the two parts
 * team.close();
 * await pool.close();
 * ```
 */
export interface ThreadTeam {
  /** Threads in the team, this one included. */
  readonly parts: number;
  /** Runs one step on every thread (this one as part 0); throws if a worker's part failed. */
  run(local: (part: number, parts: number) => void): void;
  /** Releases the workers. */
  close(): void;
}

/**
 * What trainRBM needs from a thread pool: gemm and sparseGemm split across threads with the
 * bits of the one-thread functions, and optionally a team of threads for its resident loop
 * (lib/rbm/resident.ts). `WorkerPool` from 'boltzmann/node' is one.
 *
 * @example
 * ```ts
 * import { createWorkerPool } from 'boltzmann/node';
 * const pool: ProductPool = createWorkerPool();
 * ```
 */
export interface ProductPool {
  gemm(out: Matrix, a: Matrix, b: Matrix, opts?: GemmOptions): Matrix;
  sparseGemm(out: Matrix, a: Matrix, b: Matrix, opts?: GemmOptions & { maxDensity?: number }): Matrix;
  /** This thread and the idle workers, each running `exportName(init)` of the module at moduleUrl on command. */
  team?(moduleUrl: string | URL, exportName: string, init: unknown): ThreadTeam;
}

/** The product settings of a training run. */
export interface ProductSettings {
  /** Use sparseGemm for products whose left operand is a batch of unit states. */
  sparse: boolean;
  /** Split the products across this pool's threads (null: the calling thread only). */
  pool: ProductPool | null;
}

let current: ProductSettings = { sparse: false, pool: null };
/** sparseGemm's default: above this fraction of nonzeros the dense gemm is faster. */
const SPARSE_DENSITY = 0.4;
const OPTS: GemmOptions = { transA: false, transB: false, alpha: 1, beta: 0 }; // reused: no allocation per product

/**
 * Runs `fn` with the products set to `settings`, then restores the previous settings (also
 * when `fn` throws).
 *
 * @example
 * ```ts
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * const X = barsAndStripes(3), theta = zeros(14, 6);
 * // the training loop runs its minibatches this way; here one product
 * withProducts({ sparse: true, pool: null }, () => stateProduct(theta, X, rbm.W, false, false, 1, 0));
 * ```
 */
export function withProducts<T>(settings: ProductSettings, fn: () => T): T {
  const previous = current;
  current = settings;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/**
 * out = alpha · op(S) · op(B) + beta · out where S is a batch of unit states (or their
 * means), by the current settings. Arguments unchecked (the callers' own checks ran).
 *
 * @example
 * ```ts
 * const rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * const X = barsAndStripes(3), theta = zeros(14, 6);
 * stateProduct(theta, X, rbm.W, false, false, 1, 0); // θ − b = X W
 * ```
 */
export function stateProduct(out: Matrix, S: Matrix, B: Matrix, transA: boolean, transB: boolean, alpha: number, beta: number): Matrix {
  const { sparse, pool } = current;
  if (pool === null) {
    return sparse ? sparseGemmUnchecked(out, S, B, transA, transB, alpha, beta, SPARSE_DENSITY) : gemmUnchecked(out, S, B, transA, transB, alpha, beta);
  }
  if (sparse && density(S.data) <= SPARSE_DENSITY) return sparseGemmUnchecked(out, S, B, transA, transB, alpha, beta, SPARSE_DENSITY);
  OPTS.transA = transA;
  OPTS.transB = transB;
  OPTS.alpha = alpha;
  OPTS.beta = beta;
  return pool.gemm(out, S, B, OPTS);
}

/** Fraction of nonzero entries. */
function density(x: Float32Array): number {
  let nonzero = 0;
  for (let q = 0; q < x.length; q++) nonzero += x[q] !== 0 ? 1 : 0;
  return nonzero / x.length;
}
