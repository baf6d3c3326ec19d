/**
 * The playground's RBM training step as a job for a worker (BrowserWorkerPool.run): takes the
 * model and chains as plain arrays, trains `updates` PCD updates on bars and stripes, returns
 * them with the exact KL(data || model). Workers do not see the page's import map, so this module
 * imports the library by its path.
 */
import { BernoulliRBM, Rng, barsAndStripes, klFromEmpirical, matrix, trainRBM } from '../../../dist/index.js';

export interface RbmState {
  side: number;
  hidden: number;
  W: Float32Array;
  a: Float32Array;
  b: Float32Array;
  chains: Float32Array;
  /** xoshiro128** state words of the training stream. */
  rng: number[];
}

/** Runs `updates` full-batch PCD updates from `state`; returns the new state and the exact KL. */
export function trainChunk(state: RbmState, updates: number, learningRate: number): { state: RbmState; kl: number } {
  const d = state.side * state.side;
  const data = barsAndStripes(state.side);
  const rbm = BernoulliRBM.create(d, state.hidden, { W: toRows(state.W, d, state.hidden), a: Array.from(state.a), b: Array.from(state.b) });
  const chains = matrix(state.chains.length / d, d, state.chains);
  const rng = Rng.fromState(state.rng);
  trainRBM(rbm, data, { method: 'pcd', k: 1, epochs: updates, batchSize: data.rows, learningRate, chains, persistentChains: chains.rows, reconstructionError: false }, rng);
  return {
    state: { ...state, W: rbm.W.data.slice(), a: rbm.a.slice(), b: rbm.b.slice(), chains: chains.data.slice(), rng: Array.from(rng.state()) },
    kl: klFromEmpirical(rbm, data),
  };
}

function toRows(w: Float32Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(w.subarray(i * cols, (i + 1) * cols)));
}
