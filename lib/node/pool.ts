/**
 * A worker pool for Node (worker_threads + SharedArrayBuffer), exported from `boltzmann/node`.
 *
 * Two uses:
 *  1. `pool.gemm(out, a, b, opts)` — the same product as `gemm`, split by rows of the output
 *     between the calling thread and idle workers. It is synchronous (the calling thread computes
 *     its share, then waits with `Atomics.wait` for the workers'), so it drops in where `gemm`
 *     was. Below `minParallelFlop` (default 2^24 flop: measured in bench/cases/pool.ts, a split
 *     loses to one thread below roughly that size) it simply calls `gemm`. `pool.sparseGemm` is
 *     the same split around `sparseGemm` (products with 0/1 or sparse left operands).
 *  2. `pool.run(moduleUrl, exportName, args)` — an independent job (an MCMC chain, an AIS run, a
 *     set of VMC walkers) run in a worker: the worker imports the module, calls the named export
 *     with `args` (structured-cloned) and resolves with its return value.
 *
 * Row splitting does not change the order in which any output element's sum is formed, so
 * `pool.gemm` gives the same bits as `gemm` on the same backend (spec/node/pool.spec.ts checks it).
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { getBackend, validateGemm, type GemmOptions } from '../linalg/gemm.js';
import { gemmUnchecked } from '../linalg/kernels.js';
import { SPARSE_GEMM_OPTION_KEYS, sparseGemmUnchecked } from '../linalg/sparse.js';
import type { Matrix } from '../linalg/matrix.js';
import { gemmRowBounds, gemmSharedRows, packGemmOperands, sharedGemmSize } from '../linalg/gemm-rows.js';
import { TEAM_CONTROL, TEAM_SPIN, type GemmJob, type JobReply, type RunJob, type TeamJob } from './pool-messages.js';
import type { ThreadTeam } from '../rbm/products.js';
import { checkOptionKeys, describe } from '../checks/index.js';

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of worker threads (default: available cores − 1, at least 1). */
  size?: number;
  /** Products smaller than this many flop (2mnk) run on the calling thread only. */
  minParallelFlop?: number;
}

/**
 * The checked options of a pool (`fn` names the caller in the messages): size defaults to
 * cores − 1 (at least 1), minParallelFlop to 2^24.
 */
function resolvePoolOptions(fn: string, options: WorkerPoolOptions): { size: number; minFlop: number } {
  checkOptionKeys(fn, options, ['size', 'minParallelFlop']);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const size = options.size ?? Math.max(1, cores - 1);
  if (!Number.isInteger(size) || size < 1 || size > 64) {
    throw new RangeError(`${fn}: size must be an integer in [1, 64], got ${describe(size)}`);
  }
  const minFlop = options.minParallelFlop ?? 2 ** 24;
  if (typeof minFlop !== 'number' || !(minFlop >= 0)) throw new RangeError(`${fn}: minParallelFlop must be a number >= 0, got ${describe(minFlop)}`);
  return { size, minFlop };
}

/** A job in flight in a worker: its id and a description for error messages. */
interface RunningJob { id: number; what: string }

interface WorkerSlot {
  worker: Worker;
  busy: boolean;
  ready: boolean;
  /** The `run` job this worker is executing, if any. */
  job: RunningJob | null;
  /** An uncaught error the worker reported before exiting. */
  lastError: Error | null;
}

/**
 * How to start a worker. From dist/ the worker is the compiled pool-worker.js. From the .ts
 * sources (under tsx: tests, examples, benchmarks) Node 20 does not pass tsx's loader on to a
 * worker's entry file, so the worker starts from a two-line script that registers tsx in that
 * thread and then imports pool-worker.ts (tsx is a devDependency; this path is development-only).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./pool-worker.js', import.meta.url));
  }
  const script = new URL('./pool-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true, execArgv: [] });
}

/**
 * A pool of worker threads for large gemms and independent jobs. Call `close()` when done (the
 * workers otherwise keep the process alive only while a job is pending: they are `unref`ed).
 *
 * Faults reach the caller of `run` as errors, and the pool stays usable: a job that throws
 * rejects with its error (class kept, message prefixed with the export and module); a module
 * that cannot be imported or lacks the export rejects naming both; a worker that exits or dies
 * of an uncaught error mid-job rejects that job (naming the exit code or the error) and is
 * replaced by a fresh worker. `close()` rejects every job still running ("the pool was closed")
 * and terminates the workers; afterwards `run` and `gemm` throw.
 *
 * @example
 * import { createWorkerPool } from 'boltzmann/node';
 * import { matrix, Rng } from 'boltzmann';
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * const pool = createWorkerPool();
 * const rng = new Rng(1);
 * const a = matrix(256, 256, rng.fillUniform(new Float32Array(256 * 256)));
 * const b = matrix(256, 256, rng.fillUniform(new Float32Array(256 * 256)));
 * const c = matrix(256, 256);
 * pool.gemm(c, a, b);               // same bits as gemm(c, a, b), on two cores
 * // a job module (any ES module the worker can import; usually a file of your project)
 * writeFileSync('jobs.mjs', 'export function sumOfSquares(n) { let s = 0; for (let i = 1; i <= n; i++) s += i * i; return s; }');
 * const r = await pool.run(pathToFileURL('jobs.mjs').href, 'sumOfSquares', [10]); // 385
 * await pool.close();
 */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  /** Products below this many flop are not split. */
  readonly minParallelFlop: number;
  private readonly slots: WorkerSlot[] = [];
  private shared = new SharedArrayBuffer(0);
  private sharedF32 = new Float32Array(this.shared);
  private readonly flags = new SharedArrayBuffer(4 * 64);
  private readonly flagsI32 = new Int32Array(this.flags);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;
  private failure: Error | undefined;
  /** How many parts the last `gemm` call was split into (1 = it ran on the calling thread only). */
  lastParts = 0;

  constructor(options: WorkerPoolOptions = {}) {
    const { size, minFlop } = resolvePoolOptions('WorkerPool', options);
    this.size = size;
    this.minParallelFlop = minFlop;
    for (let i = 0; i < size; i++) {
      const slot: WorkerSlot = { worker: startWorker(), busy: false, ready: false, job: null, lastError: null };
      this.slots.push(slot);
      this.listen(slot);
    }
  }

  /** Attaches the message, error and exit handlers of a slot's worker, then unrefs it. */
  private listen(slot: WorkerSlot): void {
    const worker = slot.worker;
    worker.on('message', (msg: JobReply & { ready?: boolean }) => {
      if (msg.ready) { slot.ready = true; this.onReady(); } else this.onMessage(msg);
    });
    worker.on('error', (err: unknown) => {
      slot.lastError = err instanceof Error ? err : new Error(String(err));
      // An error before the worker ever started (it could not load) fails the pool: restarting
      // it would fail the same way.
      if (!slot.ready) this.failAll(slot.lastError);
    });
    worker.on('exit', (code: number) => this.onExit(slot, worker, code));
    // unref after the listeners are attached (attaching a 'message' listener refs the port again)
    worker.unref();
  }

  /**
   * A worker exited. During close() nothing is to be done. Otherwise its job (if any) is
   * rejected with the exit code or the uncaught error, and a fresh worker takes the slot, so
   * the pool keeps its size.
   */
  private onExit(slot: WorkerSlot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return; // an older worker of this slot
    const started = slot.ready;
    slot.ready = false;
    if (this.closed) return;
    const job = slot.job;
    if (job !== null) {
      const p = this.pending.get(job.id);
      this.pending.delete(job.id);
      slot.job = null;
      const why = slot.lastError ? `died of an uncaught ${slot.lastError.name}: ${slot.lastError.message}` : `exited with code ${code}`;
      p?.reject(new Error(`WorkerPool.run: the worker running ${job.what} ${why} before the job finished (the pool replaced the worker)`));
    }
    if (!started) {
      // Never started: an 'error' before this has failed the pool; an exit without one does now.
      if (!this.failure) this.failAll(new Error(`WorkerPool: a worker exited with code ${code} before it started`));
      return;
    }
    slot.lastError = null;
    slot.busy = false;
    slot.worker = startWorker();
    this.listen(slot);
  }

  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  private onReady(): void {
    if (this.slots.every((s) => s.ready)) {
      for (const w of this.readyWaiters) w.resolve();
      this.readyWaiters = [];
    }
  }

  /**
   * Resolves when every worker has started. Until then `gemm` uses only the workers that have
   * (possibly none: it then runs on the calling thread), so awaiting this is optional.
   *
   * @example
   * const pool = createWorkerPool();
   * await pool.ready();
   */
  ready(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.slots.every((s) => s.ready)) return Promise.resolve();
    // The workers are unref'ed so that an idle pool never keeps the process alive; while someone
    // waits for them to start they are ref'ed, or Node would exit with this promise pending.
    for (const s of this.slots) s.worker.ref();
    const unrefAll = () => { for (const s of this.slots) s.worker.unref(); };
    return new Promise((resolve, reject) => this.readyWaiters.push({
      resolve: () => { unrefAll(); resolve(); },
      reject: (e: Error) => { unrefAll(); reject(e); },
    }));
  }

  private onMessage(msg: JobReply): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    for (const s of this.slots) if (s.job?.id === msg.id) s.job = null;
    if (msg.ok) { p.resolve(msg.value); return; }
    const Cls = msg.errorName === 'TypeError' ? TypeError : msg.errorName === 'RangeError' ? RangeError : Error;
    p.reject(new Cls(msg.error ?? 'WorkerPool.run: the job failed'));
  }

  private failAll(err: Error): void {
    this.failure = err;
    for (const w of this.readyWaiters) w.reject(err);
    this.readyWaiters = [];
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Grows the shared buffer (never shrinks) to hold `floats` float32 values. */
  private ensureShared(floats: number): Float32Array {
    if (this.sharedF32.length < floats) {
      this.shared = new SharedArrayBuffer(4 * floats);
      this.sharedF32 = new Float32Array(this.shared);
    }
    return this.sharedF32;
  }

  /**
   * out = alpha · op(a) · op(b) + beta · out, like {@link gemm}, split by rows of `out` between
   * this thread and the idle workers. Synchronous. Products below `minParallelFlop` and calls
   * made while every worker is busy run on this thread alone.
   *
   * @example
   * const pool = createWorkerPool({ size: 1 });
   * const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]), b = matrix(2, 3, [1, 0, 0, 0, 1, 0]), c = zeros(2, 2);
   * pool.gemm(c, a, b, { transB: true }); // c = a·bᵀ = [[1, 2], [4, 5]] (small: on this thread)
   * await pool.close();
   */
  gemm(out: Matrix, a: Matrix, b: Matrix, opts: GemmOptions = {}): Matrix {
    if (this.closed) throw new Error('WorkerPool.gemm: the pool is closed');
    const { m, n, k, o } = validateGemm('WorkerPool.gemm', out, a, b, opts);
    return this.split(out, a, b, m, n, k, o, false, 1);
  }

  /**
   * {@link sparseGemm} (a product skipping the zero entries of `a`, same bits as gemm) split
   * by rows of `out` like {@link WorkerPool.gemm}: each part lists and sums its own rows' nonzeros.
   * For transA the pool transposes `a` into its shared buffer first, so each part's rows of
   * op(a) are contiguous; the per-entry order of the terms is unchanged. `maxDensity` as in
   * sparseGemm (default 0.4), decided per part.
   *
   * @example
   * const pool = createWorkerPool({ size: 1 }), rng = new Rng(1);
   * const binaryData = matrix(64, 784), W = matrix(784, 32, rng.fillNormal(new Float32Array(784 * 32), 0, 0.01));
   * rng.fillBernoulli(binaryData.data, new Float32Array(64 * 784).fill(0.1)); // 0/1 pixels, 10 % ones
   * const hiddenInput = zeros(64, 32), hiddenMeans = zeros(64, 32), gradW = zeros(784, 32);
   * pool.sparseGemm(hiddenInput, binaryData, W);                   // X·W with X 0/1, on two cores
   * sigmoid(hiddenMeans.data, hiddenInput.data);
   * pool.sparseGemm(gradW, binaryData, hiddenMeans, { transA: true }); // Xᵀ·H
   * await pool.close();
   */
  sparseGemm(out: Matrix, a: Matrix, b: Matrix, opts: GemmOptions & { maxDensity?: number } = {}): Matrix {
    if (this.closed) throw new Error('WorkerPool.sparseGemm: the pool is closed');
    checkOptionKeys('WorkerPool.sparseGemm', opts, SPARSE_GEMM_OPTION_KEYS);
    const { maxDensity = 0.4, ...gemmOpts } = opts;
    if (typeof maxDensity !== 'number' || !(maxDensity >= 0 && maxDensity <= 1)) {
      throw new RangeError(`WorkerPool.sparseGemm: maxDensity must be a number in [0, 1], got ${String(maxDensity)}`);
    }
    const { m, n, k, o } = validateGemm('WorkerPool.sparseGemm', out, a, b, gemmOpts);
    return this.split(out, a, b, m, n, k, o, true, maxDensity);
  }

  /** The row split behind gemm and sparseGemm (arguments already validated). */
  private split(out: Matrix, a: Matrix, b: Matrix, m: number, n: number, k: number,
    o: { transA: boolean; transB: boolean; alpha: number; beta: number }, sparse: boolean, maxDensity: number): Matrix {
    const { transA, transB, alpha, beta } = o;
    const idle = this.slots.filter((s) => s.ready && !s.busy);
    if (2 * m * n * k < this.minParallelFlop || idle.length === 0 || m < 8) {
      this.lastParts = 1;
      return sparse ? sparseGemmUnchecked(out, a, b, transA, transB, alpha, beta, maxDensity) : gemmUnchecked(out, a, b, transA, transB, alpha, beta);
    }
    // Shared layout: A as m×k (transposed on the way in if transA), B as stored, C as m×n.
    const sh = this.ensureShared(sharedGemmSize(m, n, k, b.rows, b.cols));
    const { aOffset, bOffset, cOffset } = packGemmOperands(sh, out, a, b, m, k, transA, beta);
    // Rows split evenly between this thread and `idle.length` workers (rounded to 4-row tiles).
    const parts = Math.min(idle.length + 1, Math.max(1, Math.floor(m / 4)));
    const bounds = gemmRowBounds(m, parts);
    const shape = { shared: this.shared, m, n, k, transB, alpha, beta, sparse, maxDensity, aOffset, bOffset, cOffset };
    for (let t = 1; t < parts; t++) {
      const slot = idle[t - 1];
      slot.busy = true;
      Atomics.store(this.flagsI32, t, 0);
      const job: GemmJob = { ...shape, kind: 'gemm', id: 0, rowStart: bounds[t], rowEnd: bounds[t + 1], backend: getBackend(), doneIndex: t, flags: this.flags };
      slot.worker.postMessage(job);
    }
    // This thread's share: rows [0, bounds[1]).
    this.lastParts = parts;
    gemmSharedRows({ ...shape, rowStart: 0, rowEnd: bounds[1] }, sh);
    for (let t = 1; t < parts; t++) {
      // Wait for worker t; a worker that died (startup error) is reported, never waited on forever.
      while (Atomics.load(this.flagsI32, t) === 0) {
        if (Atomics.wait(this.flagsI32, t, 0, 5000) === 'timed-out') this.checkWorkersAlive(t);
      }
      if (Atomics.load(this.flagsI32, t) !== 1) throw new Error(`WorkerPool.gemm: worker ${t} failed on rows ${bounds[t]}..${bounds[t + 1]}`);
      idle[t - 1].busy = false;
    }
    out.data.set(sh.subarray(cOffset, cOffset + m * n));
    return out;
  }

  /**
   * A team for steps that share one memory: the idle workers each import the module at
   * `moduleUrl` and call its export `exportName(init)` once for a step function
   * `(part, parts) => void`; then every `team.run(local)` runs that function on each worker
   * (parts 1 .. parts − 1) and `local(0, parts)` on this thread, and returns when all are
   * done (synchronous, like `gemm`). `init` is structured-cloned, so a shared
   * WebAssembly.Memory or SharedArrayBuffer in it is the same memory in every thread. The
   * workers stay with the team (no other job reaches them) until `team.close()`. With no idle
   * worker the team is this thread alone. trainRBM uses it for its resident loop.
   *
   * @example
   * ```ts
   * import { writeFileSync } from 'node:fs';
   * import { pathToFileURL } from 'node:url';
   * // a step module: each part writes its own slot of a shared buffer
   * writeFileSync('steps.mjs', 'export function makeStep({ data }) { const x = new Float64Array(data); return (part) => { x[part] = part + 1; }; }');
   * const pool = createWorkerPool({ size: 1 });
   * await pool.ready();
   * const data = new SharedArrayBuffer(16);
   * const team = pool.team(pathToFileURL('steps.mjs'), 'makeStep', { data });
   * team.run((part) => { new Float64Array(data)[part] = part + 1; }); // this thread is part 0
   * new Float64Array(data); // [1, 2]: the worker did part 1
   * team.close();
   * await pool.close();
   * ```
   */
  team(moduleUrl: string | URL, exportName: string, init: unknown): ThreadTeam {
    if (this.closed) throw new Error('WorkerPool.team: the pool is closed');
    if (typeof exportName !== 'string') throw new TypeError(`WorkerPool.team: exportName must be a string, got ${describe(exportName)}`);
    const idle = this.slots.filter((s) => s.ready && !s.busy).slice(0, TEAM_CONTROL.WORDS - TEAM_CONTROL.DONE - 1);
    const parts = idle.length + 1;
    const control = new SharedArrayBuffer(4 * TEAM_CONTROL.WORDS + 2 * TEAM_CONTROL.MESSAGE_CHARS * parts);
    const url = String(moduleUrl), backend = getBackend();
    idle.forEach((slot, t) => {
      slot.busy = true;
      const job: TeamJob = { kind: 'team', url, exportName, init, control, part: t + 1, parts, backend };
      slot.worker.postMessage(job);
    });
    // What the team checks before each step and while it waits: the pool still open and its workers started.
    const check = (part: number): void => {
      if (this.closed) throw new Error('WorkerPool.team: the pool was closed while its team was in use');
      if (this.failure) throw new Error(`WorkerPool.team: the worker of part ${part} is not running: ${this.failure.message}`);
    };
    return new PoolTeam(check, idle, control, parts);
  }

  /** Throws if a worker reported an error (its 'error' event runs between our waits). */
  private checkWorkersAlive(t: number): void {
    if (this.failure) throw new Error(`WorkerPool.gemm: worker ${t} is not running: ${this.failure.message}`);
  }

  /**
   * Runs `exportName` of the ES module at `moduleUrl` in an idle worker with `args`
   * (structured-cloned both ways) and resolves with its return value (awaited if a Promise).
   * Jobs beyond the pool size wait for a free worker.
   *
   * @example
   * import { writeFileSync } from 'node:fs';
   * import { pathToFileURL } from 'node:url';
   * // a job module (any ES module the worker can import; usually a file of your project)
   * writeFileSync('jobs.mjs', 'export function sumOfSquares(n) { let s = 0; for (let i = 1; i <= n; i++) s += i   * i; return s; }');
   * const url = pathToFileURL('jobs.mjs').href;
   * const pool = createWorkerPool({ size: 1 });
   * const sums = await Promise.all([10, 100, 1000].map((n) => pool.run(url, 'sumOfSquares', [n]))); // [385, 338350, 333833500]
   * await pool.close();
   */
  async run<T = unknown>(moduleUrl: string | URL, exportName: string, args: unknown[] = []): Promise<T> {
    if (this.closed) throw new Error('WorkerPool.run: the pool is closed');
    if (typeof exportName !== 'string') throw new TypeError(`WorkerPool.run: exportName must be a string, got ${typeof exportName}`);
    if (!Array.isArray(args)) throw new TypeError(`WorkerPool.run: args must be an array, got ${args === null ? 'null' : typeof args}`);
    let slot = this.slots.find((s) => s.ready && !s.busy);
    while (!slot) {
      if (this.closed) throw new Error('WorkerPool.run: the pool was closed before a worker was free');
      if (this.failure) throw new Error(`WorkerPool.run: the pool's workers could not start: ${this.failure.message}`);
      // Waiting for a worker to start (or a replacement after a crash) or to finish a job.
      if (this.slots.some((s) => !s.ready)) await this.readyOrReplaced();
      else await new Promise((r) => setTimeout(r, 1));
      slot = this.slots.find((s) => s.ready && !s.busy);
    }
    slot.busy = true;
    const id = this.nextId++;
    const url = String(moduleUrl);
    const job: RunJob = { kind: 'run', id, url, exportName, args };
    slot.job = { id, what: `'${exportName}' of ${url}` };
    const worker = slot.worker;
    worker.ref();
    try {
      return await new Promise<T>((resolve, reject) => {
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage(job);
      });
    } finally {
      if (slot.worker === worker) { slot.busy = false; slot.job = null; }
      if (!this.closed) worker.unref(); // close() keeps it refed until it has exited
    }
  }

  /** Waits (refed, so Node does not exit meanwhile) until every slot's worker has started, or a short while. */
  private readyOrReplaced(): Promise<void> {
    for (const s of this.slots) s.worker.ref();
    return new Promise((resolve) => setTimeout(() => {
      for (const s of this.slots) if (!s.busy) s.worker.unref();
      resolve();
    }, 5));
  }

  /**
   * Rejects every job still running ("the pool was closed while ... was running") and terminates
   * the workers; afterwards `run` and `gemm` throw.
   * @example await pool.close();
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) {
      if (s.job === null) continue;
      const p = this.pending.get(s.job.id);
      this.pending.delete(s.job.id);
      p?.reject(new Error(`WorkerPool.run: the pool was closed while ${s.job.what} was running`));
      s.job = null;
    }
    // Refed while terminating: an unrefed worker's exit would not keep Node alive to see it, and
    // the returned promise would never settle.
    await Promise.all(this.slots.map((s) => { s.worker.ref(); return s.worker.terminate(); }));
  }
}

/**
 * A {@link WorkerPool} with `size` workers (default: cores − 1, at least one).
 *
 * @example
 * const pool = createWorkerPool({ size: 1 }); // on a 2-core machine: this thread + one worker
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  resolvePoolOptions('createWorkerPool', options); // refused here under this function's name
  return new WorkerPool(options);
}

/** The team {@link WorkerPool.team} returns. */
class PoolTeam implements ThreadTeam {
  private readonly words: Int32Array;
  private readonly messages: Uint16Array;
  private closed = false;

  constructor(private readonly check: (part: number) => void, private readonly slots: WorkerSlot[], control: SharedArrayBuffer, readonly parts: number) {
    this.words = new Int32Array(control, 0, TEAM_CONTROL.WORDS);
    this.messages = new Uint16Array(control, 4 * TEAM_CONTROL.WORDS);
  }

  run(local: (part: number, parts: number) => void): void {
    if (this.closed) throw new Error('WorkerPool.team: the team is closed');
    this.check(0);
    const w = this.words, { GENERATION, DONE } = TEAM_CONTROL;
    const generation = Atomics.add(w, GENERATION, 1) + 1;
    Atomics.notify(w, GENERATION);
    let failure: unknown = null;
    try {
      local(0, this.parts);
    } catch (e) {
      failure = e; // rethrown after the workers have finished their parts
    }
    // Wait for every part (also after a failure, so that no worker still writes when this
    // returns); a part that failed or whose worker exited has written −1.
    let spins = 0, failedPart = 0;
    for (let t = 1; t < this.parts; t++) {
      for (;;) {
        const done = Atomics.load(w, DONE + t);
        if (done === generation) break;
        if (done === -1) {
          if (failedPart === 0) failedPart = t;
          break;
        }
        if (spins++ < TEAM_SPIN) continue; // a short spin first: parts finish close together
        if (Atomics.wait(w, DONE + t, done, 5000) === 'timed-out') this.check(t);
      }
    }
    if (failedPart > 0) throw new Error(`WorkerPool.team: part ${failedPart} of ${this.parts} failed: ${this.message(failedPart)}`);
    if (failure !== null) throw failure;
  }

  /** The error message part t left in the control buffer. */
  private message(t: number): string {
    const n = TEAM_CONTROL.MESSAGE_CHARS, chars = this.messages.subarray(t * n, (t + 1) * n);
    let s = '';
    for (let i = 0; i < n && chars[i] !== 0; i++) s += String.fromCharCode(chars[i]);
    return s;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.words, TEAM_CONTROL.STOP, 1);
    Atomics.add(this.words, TEAM_CONTROL.GENERATION, 1);
    Atomics.notify(this.words, TEAM_CONTROL.GENERATION);
    for (const s of this.slots) s.busy = false; // a worker returns to its message loop right after it sees the stop word
  }
}
