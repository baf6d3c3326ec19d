/**
 * A worker pool for browsers (module Workers + SharedArrayBuffer), exported from
 * `boltzmann/browser`, with the same contract as the Node pool of `boltzmann/node`:
 *
 *  1. `pool.gemm(out, a, b, opts)` — the same product as `gemm`, split by rows of the output
 *     between the calling thread and idle workers; synchronous, same bits as `gemm` on the same
 *     backend. Below `minParallelFlop` (default 2^24 flop) it simply calls `gemm`.
 *  2. `pool.run(moduleUrl, exportName, args)` — an independent job in a worker: the worker
 *     imports the module, calls the named export with `args` (structured-cloned) and the promise
 *     resolves with its return value.
 *
 * Shared memory in a browser needs a cross-origin-isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`;
 * `npm run playground` serves the repository that way). `browserPoolAvailable()` says whether
 * the page is; `createBrowserWorkerPool` throws a clear error when it is not, so a page can fall
 * back to one thread.
 *
 * How a synchronous split works in a browser. A message posted from a page's main thread reaches
 * a worker only after the posting task ends, so `gemm` cannot post its parts and wait. Instead each
 * worker, once started, waits on a shared control block (`Atomics.waitAsync`, so it still takes
 * `run` messages): `gemm` writes a part's shape and offsets into the block, bumps the part's
 * sequence number and notifies; the operands live in one growable SharedArrayBuffer given to the
 * workers at start. The caller computes its own share, then waits for the parts' done flags —
 * `Atomics.wait` in a worker, a spin on `Atomics.load` on a page's main thread (which may not block;
 * with an even split the spin is short).
 */
import { getBackend, validateGemm, type GemmOptions } from '../linalg/gemm.js';
import { gemmUnchecked } from '../linalg/kernels.js';
import { gemmRowBounds, gemmSharedRows, packGemmOperands, sharedGemmSize } from '../linalg/gemm-rows.js';
import { CONTROL_FIELDS, ControlField, createOperandBuffer, ensureOperandBytes, type PoolInit } from './pool-control.js';
import type { Matrix } from '../linalg/matrix.js';
import { checkOptionKeys } from '../checks/index.js';

/** Options of {@link createBrowserWorkerPool}. */
export interface BrowserWorkerPoolOptions {
  /** Number of workers (default: navigator.hardwareConcurrency − 1, at least 1). */
  size?: number;
  /** Products smaller than this many flop (2mnk) run on the calling thread only (default 2^24). */
  minParallelFlop?: number;
  /** URL of the worker script (default: pool-worker.js next to this module). */
  workerUrl?: string | URL;
}

interface RunJob { kind: 'run'; id: number; url: string; exportName: string; args: unknown[] }
interface Slot { worker: Worker; busy: boolean; ready: boolean }
interface Reply { id?: number; ok?: boolean; value?: unknown; error?: string; ready?: boolean }

/**
 * Whether this page can run a {@link BrowserWorkerPool}: module workers exist, and the page is
 * cross-origin isolated so SharedArrayBuffer and Atomics are available.
 *
 * @example
 * const pool = browserPoolAvailable() ? createBrowserWorkerPool() : null; // else one thread
 */
export function browserPoolAvailable(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; SharedArrayBuffer?: unknown };
  return g.crossOriginIsolated === true && typeof g.Worker === 'function' && typeof g.SharedArrayBuffer === 'function';
}

/** Whether this thread may block in Atomics.wait (workers may; a page's main thread may not). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pool of module workers for large gemms and independent jobs, with the contract of the Node
 * pool. Call `close()` when done.
 *
 * @example
 * import { createBrowserWorkerPool, matrix, Rng } from 'boltzmann/browser';
 * const rng = new Rng(1), seed = 7;
 * const a = matrix(512, 512, rng.fillUniform(new Float32Array(512 * 512)));
 * const b = matrix(512, 512, rng.fillUniform(new Float32Array(512 * 512))), c = matrix(512, 512);
 * const pool = createBrowserWorkerPool();
 * await pool.ready();
 * pool.gemm(c, a, b);                                   // same bits as gemm(c, a, b)
 * // job.js: an ES module of your page that exports train(seed) and imports the library by URL
 * const kl = await pool.run(new URL('./job.js', import.meta.url).href, 'train', [seed]);
 * await pool.close();
 */
export class BrowserWorkerPool {
  /** Number of workers. */
  readonly size: number;
  /** Products below this many flop are not split. */
  readonly minParallelFlop: number;
  /** How many parts the last `gemm` call was split into (1 = the calling thread only). */
  lastParts = 0;
  private readonly slots: Slot[] = [];
  /** The operands of every split product (growable; the workers hold the same buffer). */
  private readonly operands = createOperandBuffer();
  /** Per worker: CONTROL_FIELDS int32 fields (sequence, done flag, shape, offsets) and alpha, beta. */
  private readonly control: Int32Array;
  private readonly scalars: Float64Array;
  private readonly blocking = canBlock();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private closed = false;
  private failure: Error | undefined;

  constructor(options: BrowserWorkerPoolOptions = {}) {
    checkOptionKeys('BrowserWorkerPool', options, ['size', 'minParallelFlop', 'workerUrl']);
    if (!browserPoolAvailable()) {
      throw new Error('BrowserWorkerPool: needs module Workers and a cross-origin-isolated page (COOP: same-origin, COEP: require-corp) for SharedArrayBuffer; use one thread here');
    }
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
    const size = options.size ?? Math.max(1, cores - 1);
    if (!Number.isInteger(size) || size < 1 || size > 64) throw new RangeError(`BrowserWorkerPool: size must be an integer in [1, 64], got ${size}`);
    const minFlop = options.minParallelFlop ?? 2 ** 24;
    if (!(minFlop >= 0)) throw new RangeError(`BrowserWorkerPool: minParallelFlop must be >= 0, got ${minFlop}`);
    this.size = size;
    this.minParallelFlop = minFlop;
    this.control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_FIELDS * size));
    this.scalars = new Float64Array(new SharedArrayBuffer(8 * 2 * size));
    const url = options.workerUrl ?? new URL('./pool-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { type: 'module' });
      const init: PoolInit = { kind: 'init', index: i, control: this.control.buffer as SharedArrayBuffer, scalars: this.scalars.buffer as SharedArrayBuffer, operands: this.operands };
      worker.postMessage(init);
      const slot: Slot = { worker, busy: false, ready: false };
      worker.onmessage = (ev: MessageEvent<Reply>) => {
        if (ev.data.ready) { slot.ready = true; this.onReady(); } else this.onReply(ev.data);
      };
      worker.onerror = (ev: ErrorEvent) => this.failAll(new Error(`BrowserWorkerPool: worker ${i} failed: ${ev.message}`));
      this.slots.push(slot);
    }
  }

  private onReady(): void {
    if (this.slots.every((s) => s.ready)) {
      for (const w of this.readyWaiters) w.resolve();
      this.readyWaiters = [];
    }
  }

  private onReply(msg: Reply): void {
    const p = this.pending.get(msg.id ?? -1);
    if (!p) return;
    this.pending.delete(msg.id!);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  }

  private failAll(err: Error): void {
    this.failure = err;
    for (const w of this.readyWaiters) w.reject(err);
    this.readyWaiters = [];
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /**
   * Resolves when every worker has started (until then `gemm` uses only those that have).
   *
   * @example
   * const pool = createBrowserWorkerPool({ size: 1 });
   * await pool.ready();
   */
  ready(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /**
   * out = alpha · op(a) · op(b) + beta · out, like `gemm`, split by rows between this thread and
   * the idle workers. Synchronous; small products and calls made while every worker is busy run
   * on this thread alone.
   *
   * @example
   * const pool = createBrowserWorkerPool({ size: 1 });
   * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]), b = matrix(2, 3, [1, 0, 0, 0, 1, 0]), c = zeros(2, 2);
   * pool.gemm(c, a, b, { transB: true }); // c = a·bᵀ = [[1, 2], [4, 5]]
   */
  gemm(out: Matrix, a: Matrix, b: Matrix, opts: GemmOptions = {}): Matrix {
    if (this.closed) throw new Error('BrowserWorkerPool.gemm: the pool is closed');
    const { m, n, k, o } = validateGemm('BrowserWorkerPool.gemm', out, a, b, opts);
    const idle = this.slots.filter((s) => s.ready && !s.busy);
    if (2 * m * n * k < this.minParallelFlop || idle.length === 0 || m < 8) {
      this.lastParts = 1;
      return gemmUnchecked(out, a, b, o.transA, o.transB, o.alpha, o.beta);
    }
    const size = sharedGemmSize(m, n, k, b.rows, b.cols);
    if (!ensureOperandBytes(this.operands, 4 * size)) { // beyond the buffer's reserve: one thread
      this.lastParts = 1;
      return gemmUnchecked(out, a, b, o.transA, o.transB, o.alpha, o.beta);
    }
    const sh = new Float32Array(this.operands, 0, size);
    const { aOffset, bOffset, cOffset } = packGemmOperands(sh, out, a, b, m, k, o.transA, o.beta);
    const parts = Math.min(idle.length + 1, Math.max(1, Math.floor(m / 4)));
    const bounds = gemmRowBounds(m, parts);
    const backend = getBackend();
    for (let t = 1; t < parts; t++) {
      const slot = idle[t - 1];
      slot.busy = true;
      const w = this.slots.indexOf(slot), c = this.control, base = w * CONTROL_FIELDS;
      c[base + ControlField.m] = m; c[base + ControlField.n] = n; c[base + ControlField.k] = k;
      c[base + ControlField.rowStart] = bounds[t]; c[base + ControlField.rowEnd] = bounds[t + 1];
      c[base + ControlField.transB] = o.transB ? 1 : 0; c[base + ControlField.wasm] = backend === 'wasm' ? 1 : 0;
      c[base + ControlField.aOffset] = aOffset; c[base + ControlField.bOffset] = bOffset; c[base + ControlField.cOffset] = cOffset;
      this.scalars[2 * w] = o.alpha;
      this.scalars[2 * w + 1] = o.beta;
      Atomics.store(c, base + ControlField.done, 0);
      Atomics.add(c, base + ControlField.sequence, 1); // publishes the fields above
      Atomics.notify(c, base + ControlField.sequence);
    }
    this.lastParts = parts;
    // This thread's share: rows [0, bounds[1]).
    gemmSharedRows({ shared: this.operands, m, n, k, transB: o.transB, alpha: o.alpha, beta: o.beta, aOffset, bOffset, cOffset, rowStart: 0, rowEnd: bounds[1] }, sh);
    const workers = idle.slice(0, parts - 1).map((slot) => this.slots.indexOf(slot));
    try {
      for (let t = 1; t < parts; t++) this.waitFor(workers[t - 1], bounds[t], bounds[t + 1]);
    } finally {
      for (let t = 1; t < parts; t++) idle[t - 1].busy = false;
    }
    out.data.set(sh.subarray(cOffset, cOffset + m * n));
    return out;
  }

  /** Waits until worker w's part is done: Atomics.wait where allowed, else a spin; 30 s at most. */
  private waitFor(w: number, rowStart: number, rowEnd: number): void {
    const t0 = performance.now();
    const i = w * CONTROL_FIELDS + ControlField.done;
    while (Atomics.load(this.control, i) === 0) {
      if (this.blocking) Atomics.wait(this.control, i, 0, 1000);
      if (this.failure) throw new Error(`BrowserWorkerPool.gemm: the worker for rows ${rowStart}..${rowEnd} is not running: ${this.failure.message}`);
      if (performance.now() - t0 > 30_000) throw new Error(`BrowserWorkerPool.gemm: no answer for rows ${rowStart}..${rowEnd} after 30 s`);
    }
    if (Atomics.load(this.control, i) !== 1) throw new Error(`BrowserWorkerPool.gemm: the worker failed on rows ${rowStart}..${rowEnd}`);
  }

  /**
   * Runs `exportName` of the ES module at `moduleUrl` in an idle worker with `args`
   * (structured-cloned both ways) and resolves with its return value (awaited if a Promise).
   * Jobs beyond the pool size wait for a free worker. Module workers do not see the page's
   * import map: the job module must import the library by a relative or absolute URL.
   *
   * @example
   * const pool = createBrowserWorkerPool();
   * // job.js: an ES module of your page exporting chain(seed, steps); it imports the library by URL
   * const url = new URL('./job.js', import.meta.url).href, seeds = [1, 2, 3, 4];
   * const results = await Promise.all(seeds.map((s) => pool.run(url, 'chain', [s, 10000])));
   */
  async run<T = unknown>(moduleUrl: string | URL, exportName: string, args: unknown[] = []): Promise<T> {
    if (this.closed) throw new Error('BrowserWorkerPool.run: the pool is closed');
    await this.ready();
    let slot = this.slots.find((s) => s.ready && !s.busy);
    while (!slot) {
      await new Promise((r) => setTimeout(r, 1));
      slot = this.slots.find((s) => s.ready && !s.busy);
    }
    slot.busy = true;
    const id = this.nextId++;
    const job: RunJob = { kind: 'run', id, url: String(moduleUrl), exportName, args };
    const s = slot;
    try {
      return await new Promise<T>((resolve, reject) => {
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        s.worker.postMessage(job);
      });
    } finally {
      s.busy = false;
    }
  }

  /** Terminates the workers. @example await pool.close(); */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) s.worker.terminate();
  }
}

/**
 * A {@link BrowserWorkerPool} (default size: hardware threads − 1, at least one). Throws when the
 * page is not cross-origin isolated — check {@link browserPoolAvailable} first to fall back.
 *
 * @example
 * const pool = browserPoolAvailable() ? createBrowserWorkerPool({ size: 1 }) : null;
 */
export function createBrowserWorkerPool(options: BrowserWorkerPoolOptions = {}): BrowserWorkerPool {
  return new BrowserWorkerPool(options);
}
