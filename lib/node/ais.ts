/**
 * AIS on several cores (exported from `boltzmann/node`): logPartitionAISParallel spreads the
 * annealing runs of logPartitionAIS (lib/rbm/ais.ts) over a WorkerPool and the calling thread.
 * Every run has its own random stream and the per-run arithmetic does not depend on which runs
 * share a batch, so the result has the same bits as logPartitionAIS with the same options.
 */
import { getBackend, setBackend, type BackendName } from '../linalg/gemm.js';
import { matrix } from '../linalg/matrix.js';
import { Rng } from '../random/index.js';
import { BernoulliRBM } from '../rbm/binary.js';
import { type RBM } from '../rbm/model.js';
import { SpinRBM } from '../rbm/spin.js';
import { aisEstimate, aisLogWeights, logPartitionBase, prepareAIS, type AISOptions, type AISResult } from '../rbm/ais.js';
import type { WorkerPool } from './pool.js';
import { checkPool } from './check-pool.js';

/**
 * The worker side: rebuilds the RBM and the run streams from plain data and returns the log
 * weights of those runs (called through WorkerPool.run; not meant to be called directly).
 *
 * @example
 * ```ts
 * import { aisSchedule, BernoulliRBM, getBackend, Rng } from 'boltzmann';
 * // logPartitionAISParallel sends each worker this call, as plain data:
 * // pool.run(<this module's URL>, 'aisRunsJob', [kind, M, N, W, a, b, betas, base, states, backend])
 * const rbm = BernoulliRBM.create(6, 4, 'hinton', new Rng(1));
 * const states = [new Rng(2).state(), new Rng(3).state()]; // the run streams
 * aisRunsJob('bernoulli', 6, 4, rbm.W.data, rbm.a, rbm.b, aisSchedule(100), new Float64Array(6), states, getBackend()); // Float64Array(2): a log weight per run
 * ```
 */
export function aisRunsJob(kind: 'bernoulli' | 'spin', M: number, N: number, W: Float32Array, a: Float32Array, b: Float32Array,
  betas: Float64Array, baseBias: Float64Array, states: number[][], backend: BackendName): Float64Array {
  if (getBackend() !== backend) setBackend(backend);
  const rbm = kind === 'spin' ? new SpinRBM(matrix(M, N, W), a, b) : new BernoulliRBM(matrix(M, N, W), a, b);
  return aisLogWeights(rbm, betas, baseBias, states.map((s) => Rng.fromState(s)));
}

/**
 * {@link logPartitionAIS} with the runs split between the pool's workers and the calling thread
 * (about runs / (pool.size + 1) each); same options, same result bits. Resolves when every part
 * is done.
 *
 * @example
 * ```ts
 * import { barsAndStripes, BernoulliRBM, createWorkerPool, logPartitionAISParallel, Rng } from 'boltzmann/node';
 * const train = barsAndStripes(3), rbm = BernoulliRBM.create(9, 6, 'hinton', new Rng(1));
 * const pool = createWorkerPool({ size: 1 });
 * // betas: 'salakhutdinov-murray' (14,500 temperatures) for MNIST-sized models
 * const ais = await logPartitionAISParallel(pool, rbm, { runs: 100, betas: 1000, rng: new Rng(1), baseRate: train });
 * await pool.close();
 * ```
 */
export async function logPartitionAISParallel(pool: WorkerPool, rbm: RBM, options: AISOptions): Promise<AISResult> {
  const fn = 'logPartitionAISParallel';
  checkPool(fn, pool);
  const { betas, baseBias, streams } = prepareAIS(fn, rbm, options);
  const kind = rbm.kind as 'bernoulli' | 'spin';
  const R = streams.length, parts = Math.min(pool.size + 1, R);
  const per = Math.ceil(R / parts);
  const backend = getBackend();
  await pool.ready();
  const url = import.meta.url;
  const jobs: Promise<Float64Array>[] = [];
  // Parts 1.. go to the workers; part 0 (runs 0 .. per − 1) runs here.
  for (let p = 1; p < parts; p++) {
    const states = streams.slice(p * per, Math.min(R, (p + 1) * per)).map((s) => s.state());
    jobs.push(pool.run<Float64Array>(url, 'aisRunsJob', [kind, rbm.nVisible, rbm.nHidden, rbm.W.data, rbm.a, rbm.b, betas, baseBias, states, backend]));
  }
  await new Promise((resolve) => setImmediate(resolve)); // let the job messages go out before computing here
  const mine = aisLogWeights(rbm, betas, baseBias, streams.slice(0, per));
  const logWeights = new Float64Array(R);
  logWeights.set(mine, 0);
  const theirs = await Promise.all(jobs);
  theirs.forEach((w, p) => logWeights.set(w, (p + 1) * per));
  return aisEstimate(logWeights, logPartitionBase(kind, baseBias, rbm.nHidden));
}
