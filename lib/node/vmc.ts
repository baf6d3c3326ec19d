/**
 * The Node-only part of variational Monte Carlo (exported from `boltzmann/node`): walker batches
 * and spin chains spread over a {@link WorkerPool}.
 *
 * Each iteration splits the walkers into one contiguous batch per thread; every batch is a plain
 * data message for `runWalkerBatch` (lib/vmc/vmc.ts), which a worker imports and runs. Walkers
 * carry their own Rng state and results are combined in walker order, so the run is
 * bit-identical to `optimizeWavefunction` on one thread with the same seed.
 */
import { optimizeLoop, runWalkerBatch, type OptimizeOptions, type OptimizeResult, type WalkerBatchInput, type WalkerBatchOutput } from '../vmc/vmc.js';
import type { RbmWavefunction } from '../vmc/wavefunction.js';
import type { HarmonicOscillator } from '../vmc/hamiltonian.js';
import type { Rng } from '../random/index.js';
import type { WorkerPool } from './pool.js';
import { runSpinBatch, spinOptimizeLoop, type SpinBatchInput, type SpinBatchOutput, type SpinOptimizeOptions, type SpinOptimizeResult } from '../vmc/spins/vmc.js';
import type { SpinRbmState } from '../vmc/spins/rbm-state.js';
import type { TfimChain } from '../vmc/spins/tfim.js';
import { checkWalkerBatchInput } from '../vmc/vmc.js';
import { checkSpinBatchInput } from '../vmc/spins/vmc.js';
import { describe } from '../checks/index.js';
import { checkPool } from './check-pool.js';

/** URL of a library module for a worker to import (.ts under tsx, .js from dist), e.g. '../vmc/vmc'. */
function moduleUrl(path: string): string {
  return new URL(path + (import.meta.url.endsWith('.ts') ? '.ts' : '.js'), import.meta.url).href;
}

/** Runs batches with `local` on this thread (the first) and `exportName` of `url` in workers (the rest), concurrently. */
async function spread<I, O>(pool: WorkerPool, url: string, exportName: string, local: (input: I) => O, inputs: I[]): Promise<O[]> {
  const remote = inputs.slice(1).map((inp) => pool.run<O>(url, exportName, [inp]));
  // let the messages leave before this thread gets busy with its own batch
  await new Promise((r) => setImmediate(r));
  const mine = inputs.length > 0 ? [local(inputs[0])] : [];
  return mine.concat(await Promise.all(remote));
}

/**
 * Refuses a pool that is not a WorkerPool and batch inputs that are not a non-empty array of
 * batches (each checked by `check` before any is sent to a worker, so a bad batch is refused here
 * with this function's name rather than rejected from a worker). An empty array is fine (no batches, no outputs).
 */
function checkInputs(fn: string, pool: unknown, inputs: unknown, check: (fn: string, input: unknown, what: string) => unknown): void {
  checkPool(fn, pool);
  if (!Array.isArray(inputs)) throw new TypeError(`${fn}: inputs must be an array of batches, got ${describe(inputs)}`);
  inputs.forEach((input, k) => check(fn, input, `inputs[${k}]`));
}

/**
 * Runs walker batches: the first on this thread, the others in the pool's workers, at the same
 * time; resolves with the outputs in input order.
 *
 * @example
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const pool = createWorkerPool({ size: 1 });
 * const inputs = batchInputs(wf, h, importanceSampler(), createWalkers(wf, 4, new Rng(2)), pool.size + 1, 100, 500, false);
 * const outs = await runBatchesOnPool(pool, inputs); // one output per batch, in order
 * await pool.close();
 */
export function runBatchesOnPool(pool: WorkerPool, inputs: WalkerBatchInput[]): Promise<WalkerBatchOutput[]> {
  checkInputs('runBatchesOnPool', pool, inputs, checkWalkerBatchInput);
  return spread(pool, moduleUrl('../vmc/vmc'), 'runWalkerBatch', runWalkerBatch, inputs);
}

/**
 * Runs spin-chain batches like {@link runBatchesOnPool}: the first here, the rest in workers.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const pool = createWorkerPool({ size: 1 });
 * const inputs = [1, 2].map((seed) => ({ state: psi, chain, chains: createSpinChains(10, 2, new Rng(seed)), equilibration: 20, sweeps: 100 }));
 * const outs = await runSpinBatchesOnPool(pool, inputs);
 * await pool.close();
 */
export function runSpinBatchesOnPool(pool: WorkerPool, inputs: SpinBatchInput[]): Promise<SpinBatchOutput[]> {
  checkInputs('runSpinBatchesOnPool', pool, inputs, checkSpinBatchInput);
  return spread(pool, moduleUrl('../vmc/spins/vmc'), 'runSpinBatch', runSpinBatch, inputs);
}

/**
 * `optimizeSpinState` with the Markov chains spread over this thread and the pool's workers
 * (same chains and streams, so the same bits as on one thread).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const pool = createWorkerPool({ size: 1 });
 * // iterations: 300 reach ≈ −12.78 (exact −12.7849)
 * const r = await optimizeSpinStateParallel(pool, psi, chain, { update: { kind: 'sr', learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 5, sweeps: 100 }, new Rng(2));
 * await pool.close();
 */
export function optimizeSpinStateParallel(pool: WorkerPool, psi: SpinRbmState, chain: TfimChain, options: SpinOptimizeOptions, rng: Rng): Promise<SpinOptimizeResult> {
  checkPool('optimizeSpinStateParallel', pool);
  return spinOptimizeLoop('optimizeSpinStateParallel', psi, chain, options, rng, pool.size + 1, (inputs) => spread(pool, moduleUrl('../vmc/spins/vmc'), 'runSpinBatch', runSpinBatch, inputs)); // inputs built by the loop: no re-check
}

/**
 * {@link optimizeWavefunction} with the walkers spread over this thread and the pool's workers
 * (`pool.size + 1` batches). Same walkers and Rng streams, so the same bits as on one thread.
 *
 * @example
 * import { createWorkerPool, optimizeWavefunctionParallel } from 'boltzmann/node';
 * const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }, new Rng(1));
 * const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
 * const pool = createWorkerPool({ size: 1 });
 * // iterations: 200 for E ≈ 3.07 (exact 3)
 * const r = await optimizeWavefunctionParallel(pool, wf, h, { sampler: importanceSampler(), walkers: 8, iterations: 5, cycles: 500,
 *   optimizer: new Adam({ lr: 0.02 }), progress: true }, new Rng(2));
 * await pool.close();
 */
export function optimizeWavefunctionParallel(pool: WorkerPool, wf: RbmWavefunction, h: HarmonicOscillator, options: OptimizeOptions, rng: Rng): Promise<OptimizeResult> {
  checkPool('optimizeWavefunctionParallel', pool);
  return optimizeLoop('optimizeWavefunctionParallel', wf, h, options, rng, pool.size + 1, (inputs) => spread(pool, moduleUrl('../vmc/vmc'), 'runWalkerBatch', runWalkerBatch, inputs)); // inputs built by the loop: no re-check
}
