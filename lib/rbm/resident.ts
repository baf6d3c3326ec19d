/**
 * The minibatch loop of {@link trainRBM} for a Bernoulli RBM with W kept in WebAssembly memory
 * ("resident"), optionally split across threads that share that memory. It computes the same
 * numbers as the readable loop of train.ts, bit for bit (spec/rbm/resident.spec.ts compares the
 * two after whole training runs, on one thread and on two); train.ts chooses it when the run
 * allows ({@link residentEligible}, {@link residentFits}). Read train.ts for the
 * algorithm; this file is the same algorithm arranged for speed:
 *
 * - W (M x N), its transpose Wᵀ (N x M) and the biases live in one wasm memory for the whole
 *   run, so no product copies W (the readable loop's sparseGemm copies W into its own memory
 *   at every product). Wᵀ is rewritten by the update step, row by row as W changes.
 * - Every product has a 0/1 (or mostly zero) left operand and is a sum of selected rows,
 *   computed by the sparse kernel (lib/linalg/wasm/sparse-kernel.ts) in the order gemm uses:
 *
 *     hidden inputs    θ(r, :)   = b + Σ_{i : x_ri ≠ 0} x_ri W(i, :)              (N-RBM-07)
 *     visible inputs   φ(r, :)   = a + Σ_{j : h_rj = 1} Wᵀ(j, :)                  (N-RBM-08)
 *     phase statistic  G(i, :)   = (1/n) Σ_{r : x_ri ≠ 0} x_ri H(r, :)            (N-RBM-10/11)
 *
 * - The gradient and the SGD step are one pass over W (N-RBM-09, N-COST-06, N-OPT-01):
 *     w_ij ← w_ij − η · (−(⟨x_i h_j⟩_data − ⟨x_i h_j⟩_model) + 2λ w_ij)
 *   with each intermediate rounded to float32 exactly where the readable loop stores it.
 *
 * Threads: each step is split into parts — rows of the batch for the products and sigmoids,
 * rows of W (and entries of b) for the update — and every part writes only its own rows, so
 * no sum changes order. The random draws stay on the calling thread, in the readable loop's
 * order (`fillBernoulliUnchecked` over whole matrices), between the parallel steps. The
 * threads come from a {@link ThreadTeam} (WorkerPool.team in 'boltzmann/node').
 *
 * Memory layout (byte offsets in {@link ResidentLayout}): a control block (the step to run and
 * its arguments, the learning rate, one float64 per part for the finiteness check), then
 * W, Wᵀ, a, b, the batch buffers and the sparse lists. Rows of W, Wᵀ and of the products'
 * outputs are padded to a multiple of 4 floats, as the SIMD kernel needs.
 */
import { getBackend, sigmoidKernelFor } from '../linalg/backend.js';
import { wasmSimdSupported } from '../linalg/wasm/backend.js';
import { buildSparseKernelModuleImportingMemory, type RowsKernel } from '../linalg/wasm/sparse-kernel.js';
import { fillBernoulliUnchecked } from '../random/kernels.js';
import type { Rng } from '../random/index.js';
import type { Matrix } from '../linalg/matrix.js';
import type { RBM } from './model.js';
import type { ResolvedOptions } from './train-options.js';
import type { ThreadTeam } from './products.js';
import { buildUpdateKernelModule, UPDATE_KERNELS, type UpdateKernel } from './resident-kernel.js';

/** Where everything is in the memory (byte offsets), and the sizes. */
export interface ResidentLayout {
  M: number; N: number; Mp: number; Np: number;
  /** Rows of the largest batch (the minibatch, or the persistent chains). */
  rows: number;
  pages: number;
  W: number; WT: number; a: number; b: number; VW: number; Va: number; Vb: number;
  X0: number; H0: number; H0p: number; Xk: number; Hs: number; Hk: number; Hkp: number; P: number; Pp: number;
  /** The list sets (see LIST_SETS): set k's starts at lists + k·listSetBytes, its entries listStarts ints later, its values listEntries ints after those. */
  lists: number; listSetBytes: number; listStarts: number; listEntries: number;
}

/**
 * The sets of sparse lists, each {starts, entries, values} laid out alike (so that one value
 * offset, entries → values, serves every set): the row lists of X0, of the hidden samples and
 * of the chain states (made by the products), and the column lists of X0 and of the chain
 * states (made from the row lists by the update).
 */
const ROWS_X0 = 0, ROWS_H = 1, ROWS_XK = 2, COLUMNS_X0 = 3, COLUMNS_XK = 4, LIST_SETS = 5;

/** Step codes, in int32 word 0 of the control block. */
const HIDDEN = 1, VISIBLE = 2, UPDATE = 3;
/** The control block: int32 words 0..15 (step, arguments), float64 at byte 64 (learning rate), float64 per part from byte 128 (sums). */
const CTRL_BYTES = 1024, LR_BYTE = 64, SUMS_BYTE = 128, MAX_PARTS = 64;
const PAGE = 65536;

let residentAllowed = true;

/**
 * Runs `fn` with the resident loop switched off, so that trainRBM takes the readable loop for
 * every run (internal: for the spec and the benchmark that compare the two), then restores it.
 *
 * @example
 * ```ts
 * const data = barsAndStripes(3), options = { epochs: 5, batchSize: 7, learningRate: 0.1 };
 * const resident = BernoulliRBM.create(9, 6, 'hinton', new Rng(1)), readable = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * trainRBM(resident, data, options, new Rng(2));
 * withReadableLoop(() => trainRBM(readable, data, options, new Rng(2)));
 * resident.W.data.every((w, q) => Object.is(w, readable.W.data[q])); // true: the same bits
 * ```
 */
export function withReadableLoop<T>(fn: () => T): T {
  const previous = residentAllowed;
  residentAllowed = false;
  try {
    return fn();
  } finally {
    residentAllowed = previous;
  }
}

/**
 * Whether the resident loop computes what the readable loop would for this run: a Bernoulli
 * RBM, hidden probabilities as statistics, no visible noise, SGD or momentum (with or without
 * weight decay), and the 'wasm' backend (the readable loop's sums are float64 on 'ts').
 */
export function residentEligible(rbm: RBM, o: ResolvedOptions): boolean {
  return residentAllowed && rbm.kind === 'bernoulli' && o.statistics === 'probabilities' && o.visibleNoiseStd === 0
    && (o.optimizer === 'sgd' || o.optimizer === 'momentum') && getBackend() === 'wasm' && wasmSimdSupported();
}

/**
 * The memory layout for an M x N RBM and batches (or chains) of up to `rows` rows.
 *
 * @example
 * ```ts
 * residentLayout(784, 500, 100).pages; // the memory's size in 64 KiB pages
 * ```
 */
export function residentLayout(M: number, N: number, rows: number): ResidentLayout {
  const Mp = Math.ceil(M / 4) * 4, Np = Math.ceil(N / 4) * 4;
  let at = CTRL_BYTES;
  const take = (floats: number): number => {
    const here = at;
    at += 4 * Math.ceil(floats / 4) * 4; // 16-byte aligned
    return here;
  };
  const l: Omit<ResidentLayout, 'pages'> = {
    M, N, Mp, Np, rows,
    W: take(M * Np), WT: take(Np * Mp), // Wᵀ with a row per padded column (the update kernel writes them: zeros)
    a: take(M), b: take(N),
    X0: take(rows * M), H0: take(rows * N), H0p: take(rows * Np), Xk: take(rows * M), Hs: take(rows * N),
    Hk: take(rows * N), Hkp: take(rows * Np), P: take(rows * M), Pp: take(rows * Mp),
    // momentum's velocities: of W (laid out as W), of a and of b; zero at the start of a run
    VW: take(M * Np), Va: take(M), Vb: take(N),
    listStarts: 4 * Math.ceil((Math.max(rows, M) + MAX_PARTS + 1) / 4), listEntries: 4 * Math.ceil((rows * Math.max(M, N)) / 4), listSetBytes: 0, lists: 0,
  };
  l.listSetBytes = 4 * (l.listStarts + 2 * l.listEntries);
  l.lists = take(LIST_SETS * (l.listStarts + 2 * l.listEntries));
  return { ...l, pages: Math.ceil(at / PAGE) };
}

/**
 * Largest memory the resident loop allocates (1 GiB; the kernels address up to 2^31 bytes).
 * A larger model or batch (the lists grow with rows × units) takes the readable loop.
 */
export const RESIDENT_MAX_BYTES = 2 ** 30;

/**
 * Whether the resident loop's memory for an M x N RBM and batches of up to `rows` rows stays
 * within {@link RESIDENT_MAX_BYTES}.
 *
 * @example
 * ```ts
 * residentFits(784, 500, 100);   // true (about 10 MB)
 * residentFits(784, 500, 60000); // false: a full-batch MNIST run takes the readable loop
 * ```
 */
export function residentFits(M: number, N: number, rows: number): boolean {
  return residentLayout(M, N, rows).pages * PAGE <= RESIDENT_MAX_BYTES;
}

/**
 * One thread's view of the memory: the kernel instance on it and typed views, and the step
 * function that runs this thread's part of the step named in the control block. Exported for
 * the pool's workers, which call it once with the memory and layout the trainer made.
 *
 * @example
 * ```ts
 * const layout = residentLayout(9, 6, 14); // a 9 x 6 RBM, batches of up to 14 rows
 * const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
 * const step = residentStep({ memory, layout }); // what each worker of the team holds
 * // step(1, 2) then runs part 1 of 2 of the step the control block names
 * ```
 */
export function residentStep(init: { memory: WebAssembly.Memory; layout: ResidentLayout }): (part: number, parts: number) => void {
  const t = new ResidentThread(init.memory, init.layout);
  return (part, parts) => t.step(part, parts);
}

class ResidentThread {
  readonly f32: Float32Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  private readonly sumRows: RowsKernel;
  private readonly axpyRows: RowsKernel;
  /** The update kernel's variants, indexed by values·4 + decay·2 + momentum (UPDATE_KERNELS' order). */
  private readonly updateKernels: UpdateKernel[];
  /** Float64 scratch for the bias means (sums over rows, one per unit of a part). */
  private readonly sum0: Float64Array;
  private readonly sum1: Float64Array;
  /** Int32 scratch: per-column counts and cursors while the update transposes row lists. */
  private readonly counts: Int32Array;
  /** Views of row ranges (by byte offset, then length), made once and reused. */
  private readonly views = new Map<number, Map<number, Float32Array>>();

  constructor(memory: WebAssembly.Memory, readonly l: ResidentLayout) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssembly.Module(buildSparseKernelModuleImportingMemory(l.pages, shared));
    const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
    this.sumRows = ex.sumRows as RowsKernel;
    this.axpyRows = ex.axpyRows as RowsKernel;
    const up = new WebAssembly.Instance(new WebAssembly.Module(buildUpdateKernelModule(l.pages, shared)), { env: { memory } }).exports;
    this.updateKernels = UPDATE_KERNELS.map((k) => up[k.name] as UpdateKernel);
    this.sum0 = new Float64Array(Math.max(l.M, l.N));
    this.sum1 = new Float64Array(Math.max(l.M, l.N));
    this.counts = new Int32Array(l.M + 1);
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  /** f32[from/4 .. from/4 + length) as a reused view. */
  view(from: number, length: number): Float32Array {
    let byLength = this.views.get(from);
    if (byLength === undefined) this.views.set(from, byLength = new Map());
    let v = byLength.get(length);
    if (v === undefined) byLength.set(length, v = this.f32.subarray(from >> 2, (from >> 2) + length));
    return v;
  }

  step(part: number, parts: number): void {
    const c = this.i32;
    const op = c[0];
    if (op === HIDDEN) this.hidden(c[1], c[2], c[3], c[4], c[5], part, parts);
    else if (op === VISIBLE) this.visible(c[1], c[2], c[3], part, parts);
    else if (op === UPDATE) this.update(c[1], c[2], this.f64[LR_BYTE >> 3], this.f64[(LR_BYTE >> 3) + 1], c[3] === 1, this.f64[(LR_BYTE >> 3) + 2], part, parts);
    else throw new Error(`residentStep: unknown step code ${op}`);
  }

  /**
   * N-OPT-02 for one parameter at float index q with its velocity at index qv (as momentumStep):
   * v = γ vel + η g; vel ← fl32(v); returns fl32(θ − v) (v unrounded).
   */
  private momentumStep(q: number, qv: number, g: number, lr: number, gamma: number): number {
    const f = this.f32;
    const v = gamma * f[qv] + lr * g;
    f[qv] = v;
    return Math.fround(f[q] - v);
  }

  /** Byte addresses of list set `set`: its starts, entries and values. */
  private startsOf(set: number): number {
    return this.l.lists + set * this.l.listSetBytes;
  }

  private entriesOf(set: number): number {
    return this.startsOf(set) + 4 * this.l.listStarts;
  }

  private valuesOf(set: number): number {
    return this.entriesOf(set) + 4 * this.l.listEntries;
  }

  /**
   * Rows [r0, r1) of the n x K matrix at byte `x` as lists for the kernel, in list set `set`:
   * their starts from index s0 of the set's starts, their entries (column indices p,
   * increasing) and values from index l0, positions counted from l0. Returns whether every
   * listed value is exactly 1 (then sumRows, else axpyRows). The same listing as sparse.ts's
   * listNonzeros, kept here over the one memory: calling listNonzeros on views of it made the
   * listing steps 2–9 % slower in interleaved runs (about 2 % of a minibatch, 784 x 500).
   */
  private listRows(x: number, K: number, r0: number, r1: number, set: number, s0: number, l0: number): boolean {
    const f = this.f32, i32 = this.i32;
    const S = (this.startsOf(set) >> 2) + s0, L = (this.entriesOf(set) >> 2) + l0, V = (this.valuesOf(set) >> 2) + l0;
    let nnz = 0, others = 0;
    for (let r = r0; r < r1; r++) {
      i32[S + r - r0] = nnz;
      const base = (x >> 2) + r * K;
      for (let p = 0; p < K; p++) {
        const v = f[base + p];
        i32[L + nnz] = p; // branch-free: written always, kept only past a nonzero
        f[V + nnz] = v;
        nnz += v !== 0 ? 1 : 0;
        others += v !== 0 && v !== 1 ? 1 : 0;
      }
    }
    i32[S + r1 - r0] = nnz;
    return others === 0;
  }

  /**
   * Columns [i0, i1) of an n-row state matrix as lists (row indices r increasing) in set
   * `columnSet` from index s0 (starts) and l0 (entries), made from its row lists in `rowSet`
   * (written by `parts` parts of a product step, part p for its rows of the split): a counting
   * sort of the nonzeros by column that reads only the nonzeros. Returns whether every value is 1.
   */
  private columnsFromRows(n: number, parts: number, rowSet: number, i0: number, i1: number, columnSet: number, s0: number, l0: number): boolean {
    const f = this.f32, i32 = this.i32, count = this.counts, width = Math.max(this.l.M, this.l.N);
    const RS = this.startsOf(rowSet) >> 2, RL = this.entriesOf(rowSet) >> 2, RV = this.valuesOf(rowSet) >> 2;
    const CS = (this.startsOf(columnSet) >> 2) + s0, CL = (this.entriesOf(columnSet) >> 2) + l0, CV = (this.valuesOf(columnSet) >> 2) + l0;
    count.fill(0, 0, i1 - i0 + 1);
    for (let p = 0; p < parts; p++) {
      const r0 = Math.floor((n * p) / parts), r1 = Math.floor((n * (p + 1)) / parts), S = RS + r0 + p, L = RL + r0 * width;
      for (let t = i32[S]; t < i32[S + r1 - r0]; t++) {
        const i = i32[L + t];
        if (i >= i0 && i < i1) count[i - i0 + 1]++;
      }
    }
    for (let q = 0; q < i1 - i0; q++) count[q + 1] += count[q];
    for (let q = 0; q <= i1 - i0; q++) i32[CS + q] = count[q];
    let others = 0;
    for (let p = 0; p < parts; p++) {
      const r0 = Math.floor((n * p) / parts), r1 = Math.floor((n * (p + 1)) / parts), S = RS + r0 + p, L = RL + r0 * width, V = RV + r0 * width;
      for (let r = r0; r < r1; r++) {
        for (let t = i32[S + r - r0]; t < i32[S + r - r0 + 1]; t++) {
          const i = i32[L + t];
          if (i < i0 || i >= i1) continue;
          const at = count[i - i0]++;
          i32[CL + at] = r;
          f[CV + at] = f[V + t];
          others += f[V + t] !== 1 ? 1 : 0;
        }
      }
    }
    return others === 0;
  }

  /** out rows = Σ of listed rows of the matrix at byte `b` (rowBytes per row): the kernel call for a part. */
  private rowSums(ones: boolean, set: number, s0: number, rows: number, rowBytes: number, out: number, l0: number, b: number): void {
    if (rows === 0) return;
    const kernel = ones ? this.sumRows : this.axpyRows;
    kernel(this.startsOf(set) + 4 * s0, rows, rowBytes, out, 4 * this.l.listEntries, this.entriesOf(set) + 4 * l0, b);
  }

  /**
   * HIDDEN(x, n, out, outPadded): for this part's rows r of the n x M states at x,
   * out(r, :) = σ(b + x_r W) (N-RBM-07: p(h_j = 1 | x) = σ(b_j + Σ_i x_i w_ij)); outPadded gets
   * the same values in padded rows (the gradient's operand).
   */
  private hidden(x: number, n: number, out: number, outPadded: number, set: number, part: number, parts: number): void {
    const l = this.l, f = this.f32, M = l.M, N = l.N, Np = l.Np;
    const r0 = Math.floor((n * part) / parts), r1 = Math.floor((n * (part + 1)) / parts);
    if (r1 === r0) return;
    const starts0 = r0 + part, list0 = r0 * Math.max(M, N);
    const ones = this.listRows(x, M, r0, r1, set, starts0, list0);
    this.rowSums(ones, set, starts0, r1 - r0, 4 * Np, outPadded + 4 * r0 * Np, list0, l.W);
    const o = out >> 2, op = outPadded >> 2, b = l.b >> 2;
    for (let r = r0; r < r1; r++) {
      for (let j = 0; j < N; j++) f[o + r * N + j] = f[op + r * Np + j] + f[b + j]; // θ = x W + b (float32 add, as addRowVector)
    }
    const mine = this.view(out + 4 * r0 * N, (r1 - r0) * N);
    // σ(θ) by the kernel the readable loop's sigmoid picks for the whole n x N matrix (the wasm
    // backend switches kernels by length), elementwise: the same bits on any split
    sigmoidKernelFor(n * N)(mine, mine);
    for (let r = r0; r < r1; r++) {
      for (let j = 0; j < N; j++) f[op + r * Np + j] = f[o + r * N + j];
    }
  }

  /** VISIBLE(h, n, out): for this part's rows r of the n x N states at h, out(r, :) = σ(a + h_r Wᵀ) (N-RBM-08). */
  private visible(h: number, n: number, out: number, part: number, parts: number): void {
    const l = this.l, f = this.f32, M = l.M, N = l.N, Mp = l.Mp;
    const r0 = Math.floor((n * part) / parts), r1 = Math.floor((n * (part + 1)) / parts);
    if (r1 === r0) return;
    const starts0 = r0 + part, list0 = r0 * Math.max(M, N);
    const ones = this.listRows(h, N, r0, r1, ROWS_H, starts0, list0);
    this.rowSums(ones, ROWS_H, starts0, r1 - r0, 4 * Mp, l.Pp + 4 * r0 * Mp, list0, l.WT);
    const o = out >> 2, pp = l.Pp >> 2, a = l.a >> 2;
    for (let r = r0; r < r1; r++) {
      for (let i = 0; i < M; i++) f[o + r * M + i] = f[pp + r * Mp + i] + f[a + i]; // φ = h Wᵀ + a
    }
    const mine = this.view(out + 4 * r0 * M, (r1 - r0) * M);
    sigmoidKernelFor(n * M)(mine, mine); // as in hidden(): the whole matrix's kernel
  }

  /**
   * UPDATE(n0, nk, η, λ, momentum γ): the gradient of C and one SGD (or momentum) step for this
   * part's rows of W, entries of a (the same visible units) and entries of b, from the positive
   * phase (X0, H0: n0 rows) and the negative phase (Xk, Hk: nk rows). Stores the float64 sum of
   * the part's new parameters (finite iff every one is) in the control block.
   */
  private update(n0: number, nk: number, lr: number, weightDecay: number, momentum: boolean, gamma: number, part: number, parts: number): void {
    const M = this.l.M, N = this.l.N;
    // visible rows split at multiples of 16 (a part's columns of Wᵀ are then whole 64-byte runs)
    const i0 = Math.min(M, 16 * Math.round((M * part) / parts / 16)), i1 = part + 1 === parts ? M : Math.min(M, 16 * Math.round((M * (part + 1)) / parts / 16));
    const j0 = Math.floor((N * part) / parts), j1 = Math.floor((N * (part + 1)) / parts);
    let sum = this.updateWeights(n0, nk, lr, weightDecay, momentum, gamma, i0, i1, part, parts);
    const l = this.l;
    sum += this.updateBiases(l.X0, l.Xk, M, l.a, l.Va, i0, i1, n0, nk, lr, momentum, gamma); // a_i
    sum += this.updateBiases(l.H0, l.Hk, N, l.b, l.Vb, j0, j1, n0, nk, lr, momentum, gamma); // b_j
    this.f64[(SUMS_BYTE >> 3) + part] = sum;
  }

  /** Rows i0 .. i1 of W (and Wᵀ): both phase statistics and the step in one kernel pass. Returns 0, or NaN if a new weight is not finite. */
  private updateWeights(n0: number, nk: number, lr: number, weightDecay: number, momentum: boolean, gamma: number, i0: number, i1: number, part: number, parts: number): number {
    const l = this.l, Np = l.Np, Mp = l.Mp;
    const starts0 = i0 + part, list0 = i0 * l.rows;
    // the lists of Xᵀ: for each visible unit i, the data rows (and chain rows) r with x_ri ≠ 0
    const ones0 = this.columnsFromRows(n0, parts, ROWS_X0, i0, i1, COLUMNS_X0, starts0, list0);
    const ones1 = this.columnsFromRows(nk, parts, ROWS_XK, i0, i1, COLUMNS_XK, starts0, list0);
    if (i1 === i0) return 0;
    // (with weight decay λ > 0 the gradient of W gains 2λW first, as addWeightDecay adds it;
    // with momentum the step goes through the velocity, as momentumStep)
    const kernel = this.updateKernels[(ones0 && ones1 ? 0 : 4) + (weightDecay > 0 ? 2 : 0) + (momentum ? 1 : 0)];
    return kernel(i1 - i0, 4 * Np, this.startsOf(COLUMNS_X0) + 4 * starts0, this.entriesOf(COLUMNS_X0) + 4 * list0, l.H0p,
      this.startsOf(COLUMNS_XK) + 4 * starts0, this.entriesOf(COLUMNS_XK) + 4 * list0, l.Hkp,
      l.W + 4 * i0 * Np, l.WT + 4 * i0, 4 * Mp, 4 * l.listEntries, l.VW + 4 * i0 * Np,
      1 / n0, 1 / nk, lr, 2 * weightDecay, gamma); // alpha = 1/n, 2λ: float64, as phaseStatistics and addWeightDecay form them
  }

  /**
   * The biases of one layer for units lo ≤ u < hi, from the states of the positive phase (n0
   * rows at byte x0) and of the negative phase (nk rows at byte xk), `width` units per row:
   * ⟨s_u⟩_data − ⟨s_u⟩_model, each a float64 mean stored as float32 (as phaseStatistics), then
   * the step. The sums add the rows in order, row by row (the same sums as column by column,
   * read faster). Visible biases a: the states X0, Xk; hidden biases b: H0, Hk. Returns the sum
   * of the new biases.
   */
  private updateBiases(x0: number, xk: number, width: number, bias: number, velocity: number, lo: number, hi: number,
    n0: number, nk: number, lr: number, momentum: boolean, gamma: number): number {
    const f = this.f32, X0 = x0 >> 2, Xk = xk >> 2, c = bias >> 2, s0 = this.sum0, s1 = this.sum1;
    s0.fill(0, 0, hi - lo);
    s1.fill(0, 0, hi - lo);
    for (let r = 0; r < n0; r++) for (let u = lo; u < hi; u++) s0[u - lo] += f[X0 + r * width + u];
    for (let r = 0; r < nk; r++) for (let u = lo; u < hi; u++) s1[u - lo] += f[Xk + r * width + u];
    let sum = 0;
    for (let u = lo; u < hi; u++) {
      const g = -Math.fround(Math.fround(s0[u - lo] / n0) - Math.fround(s1[u - lo] / nk)); // ∂C/∂a_i or ∂C/∂b_j (N-RBM-09)
      const next = momentum ? this.momentumStep(c + u, (velocity >> 2) + u, g, lr, gamma) : Math.fround(f[c + u] - lr * g);
      f[c + u] = next;
      sum += next;
    }
    return sum;
  }
}

/**
 * The calling thread's side: owns the memory, copies the parameters in and out, and runs a
 * minibatch as the readable loop does, with the products on the team (or on this thread).
 */
export class ResidentTrainer {
  private readonly here: ResidentThread;
  private readonly l: ResidentLayout;
  private readonly parts: number;
  private readonly local: (part: number, parts: number) => void;

  /**
   * @param rbm the Bernoulli RBM being trained (its parameters are copied in by {@link copyIn})
   * @param rows rows of the largest batch: max(batch size, persistent chains)
   * @param team makes the team of threads that share the work, given what each worker passes
   *   to {@link residentStep}; null for this thread alone
   */
  constructor(rbm: RBM, rows: number, team: ((init: unknown) => ThreadTeam) | null) {
    this.l = residentLayout(rbm.nVisible, rbm.nHidden, rows);
    const shared = team !== null;
    const memory = new WebAssembly.Memory({ initial: this.l.pages, maximum: this.l.pages, shared });
    this.here = new ResidentThread(memory, this.l);
    this.local = (part, parts) => this.here.step(part, parts);
    this.threads = team === null ? null : team({ memory, layout: this.l });
    if (this.threads !== null && this.threads.parts > MAX_PARTS) {
      this.threads.close();
      throw new RangeError(`trainRBM: a team of ${this.threads.parts} threads is more than the ${MAX_PARTS} the resident loop splits a step into`);
    }
    this.parts = this.threads === null ? 1 : this.threads.parts;
  }

  private readonly threads: ThreadTeam | null;

  /** True between copyIn and copyOut: the memory holds the newest parameters, not the model. */
  holdsNewer = false;
  /** True once a step failed on some thread: the memory may hold a half-done update. */
  broken = false;
  /** The parameter arrays of the last copyIn (momentum's velocities belong to them). */
  private arrays: Float32Array[] = [];

  /**
   * Copies W, a, b (and the persistent chains) into the memory, and builds Wᵀ. A parameter
   * array that is not the one of the last copyIn (an onEpoch replaced it) starts with zero
   * velocity, as the readable loop's Momentum keeps a velocity per array.
   */
  copyIn(rbm: RBM, chains: Matrix | null): void {
    this.holdsNewer = true;
    const l = this.l, f = this.here.f32, M = l.M, N = l.N;
    const arrays = [rbm.W.data, rbm.a, rbm.b], velocities = [[l.VW, M * l.Np], [l.Va, M], [l.Vb, N]];
    for (let p = 0; p < 3; p++) {
      if (this.arrays.length > 0 && this.arrays[p] !== arrays[p]) f.fill(0, velocities[p][0] >> 2, (velocities[p][0] >> 2) + velocities[p][1]);
    }
    this.arrays = arrays;
    const w = rbm.W.data;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        f[(l.W >> 2) + i * l.Np + j] = w[i * N + j];
        f[(l.WT >> 2) + j * l.Mp + i] = w[i * N + j];
      }
    }
    f.set(rbm.a, l.a >> 2);
    f.set(rbm.b, l.b >> 2);
    if (chains !== null) f.set(chains.data, l.Xk >> 2);
  }

  /** Copies W, a, b (and the persistent chains) back into the model. */
  copyOut(rbm: RBM, chains: Matrix | null): void {
    this.holdsNewer = false;
    const l = this.l, f = this.here.f32, M = l.M, N = l.N;
    const w = rbm.W.data;
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) w[i * N + j] = f[(l.W >> 2) + i * l.Np + j];
    rbm.a.set(f.subarray(l.a >> 2, (l.a >> 2) + M));
    rbm.b.set(f.subarray(l.b >> 2, (l.b >> 2) + N));
    if (chains !== null) chains.data.set(f.subarray(l.Xk >> 2, (l.Xk >> 2) + chains.data.length));
  }

  /** The minibatch buffer X0 for n rows (the caller gathers and binarizes into it). */
  batch(n: number): Float32Array {
    return this.here.view(this.l.X0, n * this.l.M);
  }

  private run(op: number, a1: number, a2: number, a3: number, a4: number, a5: number): void {
    const c = this.here.i32;
    c[0] = op; c[1] = a1; c[2] = a2; c[3] = a3; c[4] = a4; c[5] = a5;
    try {
      if (this.threads === null) this.local(0, 1);
      else this.threads.run(this.local);
    } catch (e) {
      this.broken = true;
      throw e;
    }
  }

  /**
   * The rest of a minibatch after X0 (n0 rows) is in place: positive phase, k Gibbs steps
   * (CD from X0 reusing p(h | X0) for the first hidden draw; PCD on the chains, nk rows),
   * negative statistics, and the update with learning rate lr. The draws are the readable
   * loop's, in its order. Returns whether every parameter is finite afterwards.
   */
  minibatch(n0: number, nk: number, persistent: boolean, k: number, lr: number, weightDecay: number, momentum: number | null, rng: Rng): boolean {
    const l = this.l, v = this.here;
    const H0 = v.view(l.H0, n0 * l.N), Hs = v.view(l.Hs, nk * l.N), P = v.view(l.P, nk * l.M), Xk = v.view(l.Xk, nk * l.M);
    this.lap(-1);
    // positive phase: H0 = p(h | X0)   (N-RBM-10)
    this.run(HIDDEN, l.X0, n0, l.H0, l.H0p, ROWS_X0);
    this.lap(0);
    for (let t = 0; t < k; t++) {
      // h ~ p(h | x): CD's first draw from H0 itself (the readable loop's reuse), else σ(x W + b) then the draw
      if (t === 0 && !persistent) {
        fillBernoulliUnchecked(rng, Hs, H0);
      } else {
        this.run(HIDDEN, l.Xk, nk, l.Hs, l.Hkp, ROWS_XK);
        fillBernoulliUnchecked(rng, Hs, Hs);
      }
      this.lap(1);
      // x ~ p(x | h)   (N-GIBBS-02)
      this.run(VISIBLE, l.Hs, nk, l.P, 0, 0);
      fillBernoulliUnchecked(rng, Xk, P);
      this.lap(2);
    }
    // negative phase: Hk = p(h | Xk)   (N-RBM-11)
    this.run(HIDDEN, l.Xk, nk, l.Hk, l.Hkp, ROWS_XK);
    this.lap(3);
    this.here.f64[LR_BYTE >> 3] = lr;
    this.here.f64[(LR_BYTE >> 3) + 1] = weightDecay;
    this.here.f64[(LR_BYTE >> 3) + 2] = momentum ?? 0;
    this.run(UPDATE, n0, nk, momentum === null ? 0 : 1, 0, 0);
    let finite = true;
    for (let p = 0; p < this.parts; p++) finite = finite && Number.isFinite(this.here.f64[(SUMS_BYTE >> 3) + p]);
    this.lap(4);
    return finite;
  }

  /**
   * For benchmarks: when set (5 entries), each minibatch adds the milliseconds it spent in
   * [positive phase, hidden draws, visible step and draws, negative phase, gradient and update].
   */
  profile: Float64Array | null = null;
  private lapStart = 0;

  /** Adds the time since the last lap to profile[step] (step −1 only starts the clock). */
  private lap(step: number): void {
    if (this.profile === null) return;
    const now = performance.now();
    if (step >= 0) this.profile[step] += now - this.lapStart;
    this.lapStart = now;
  }

  /** Releases the team's workers. */
  close(): void {
    this.threads?.close();
  }
}
