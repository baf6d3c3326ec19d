/**
 * The Node-only part of variational Monte Carlo (exported from `boltzmann/node`): walker batches
 * spread over a {@link WorkerPool}, and a throttled progress printer for stderr.
 *
 * Each iteration splits the walkers into one contiguous batch per thread; every batch is a plain
 * data message for `runWalkerBatch` (lib/vmc/vmc.ts), which a worker imports and runs. Walkers
 * carry their own Rng state and results are combined in walker order, so the run is
 * bit-identical to `optimizeWavefunction` on one thread with the same seed.
 */
import { optimizeLoop, runWalkerBatch, type OptimizeOptions, type OptimizeResult, type VmcIteration, type WalkerBatchInput, type WalkerBatchOutput } from '../vmc/vmc.js';
import type { RbmWavefunction } from '../vmc/wavefunction.js';
import type { HarmonicOscillator } from '../vmc/hamiltonian.js';
import type { Rng } from '../random/index.js';
import type { WorkerPool } from './pool.js';

/** URL of the module a worker imports to run a walker batch (.ts under tsx, .js from dist). */
export function vmcBatchModuleUrl(): string {
  return new URL(import.meta.url.endsWith('.ts') ? '../vmc/vmc.ts' : '../vmc/vmc.js', import.meta.url).href;
}

/**
 * Runs walker batches: the first on this thread, the others in the pool's workers, at the same
 * time; resolves with the outputs in input order.
 *
 * @example
 * const outs = await runBatchesOnPool(pool, inputs);
 */
export async function runBatchesOnPool(pool: WorkerPool, inputs: WalkerBatchInput[]): Promise<WalkerBatchOutput[]> {
  const url = vmcBatchModuleUrl();
  const remote = inputs.slice(1).map((inp) => pool.run<WalkerBatchOutput>(url, 'runWalkerBatch', [inp]));
  // give the messages a chance to leave before this thread gets busy with its own batch
  await new Promise((r) => setImmediate(r));
  const local = inputs.length > 0 ? [runWalkerBatch(inputs[0])] : [];
  return local.concat(await Promise.all(remote));
}

/**
 * {@link optimizeWavefunction} with the walkers spread over this thread and the pool's workers
 * (`pool.size + 1` batches). Same walkers and Rng streams, so the same bits as on one thread.
 *
 * @example
 * import { createWorkerPool, optimizeWavefunctionParallel, stderrProgress } from 'boltzmann/node';
 * const pool = createWorkerPool({ size: 1 });
 * const r = await optimizeWavefunctionParallel(pool, wf, h, { sampler: importanceSampler(), walkers: 8, iterations: 200,
 *   optimizer: new Adam({ lr: 0.02 }), onIteration: stderrProgress() }, new Rng(2));
 * await pool.close();
 */
export function optimizeWavefunctionParallel(pool: WorkerPool, wf: RbmWavefunction, h: HarmonicOscillator, options: OptimizeOptions, rng: Rng): Promise<OptimizeResult> {
  return optimizeLoop('optimizeWavefunctionParallel', wf, h, options, rng, pool.size + 1, (inputs) => runBatchesOnPool(pool, inputs));
}

/**
 * A progress callback that writes one line per iteration to stderr — energy ± error, variance,
 * acceptance, gradient norm — at most once every `minIntervalMs` milliseconds (default 1000),
 * and always for the first and the last iteration.
 *
 * @example
 * optimizeWavefunction(wf, h, { ...opts, onIteration: stderrProgress(500) }, rng);
 */
export function stderrProgress(minIntervalMs = 1000, label = 'vmc'): (it: VmcIteration) => void {
  let lastPrint = -Infinity;
  return (it) => {
    const now = performance.now();
    if (it.iteration !== 0 && it.iteration !== it.iterations - 1 && now - lastPrint < minIntervalMs) return;
    lastPrint = now;
    process.stderr.write(`${label} ${String(it.iteration + 1).padStart(String(it.iterations).length)}/${it.iterations}  E = ${it.energy.toFixed(5)} ± ${it.error.toFixed(5)}  var ${it.variance.toExponential(2)}  acc ${it.acceptance.toFixed(3)}  |grad| ${it.gradientNorm.toExponential(2)}  ${it.seconds.toFixed(1)} s\n`);
  };
}
