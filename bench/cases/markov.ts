/**
 * Markov-chain kernels on a dense random 100-state transition matrix: one step p <- W p
 * (2 n^2 flop) and the 1000-th matrix power by repeated squaring (9 squarings + 6 products
 * for 1000 = 0b1111101000, each 2 n^3 flop). GFLOP/s. And its stationary distribution by
 * state reduction (the default, about 2 n^3 / 3 flop with the reduction and its closed-class
 * check) beside the LU method ('solve'), in calls per second ("steps").
 */
import type { BenchCase } from '../harness.js';
import { evolve, matrixPower, stationaryDistribution } from '../../lib/markov/index.js';
import { zeros64, type Matrix64 } from '../../lib/linalg/index.js';
import { Rng } from '../../lib/random/index.js';

const n = 100;
let W: Matrix64 = zeros64(0, 0);
const p = new Float64Array(n).fill(1 / n);
const out = new Float64Array(n);
const power = zeros64(n, n);

function setup(): void {
  if (W.rows === n) return;
  const rng = new Rng(3);
  W = zeros64(n, n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) { const u = rng.float() + 1e-3; W.data[i * n + j] = u; s += u; }
    for (let i = 0; i < n; i++) W.data[i * n + j] /= s;
  }
}

export const cases: BenchCase[] = [
  { name: 'markov/evolve 100x100', group: 'markov', work: 2 * n * n, unit: 'flop', setup, run: () => { evolve(out, W, p); } },
  { name: 'markov/matrixPower 100x100 ^1000', group: 'markov', work: 15 * 2 * n ** 3, unit: 'flop', setup, run: () => { matrixPower(power, W, 1000); } },
  { name: 'markov/stationaryDistribution 100 states, LU (method solve)', group: 'markov', work: 1, unit: 'steps', setup, run: () => { stationaryDistribution(W, { method: 'solve' }); } },
  { name: 'markov/stationaryDistribution 100 states, state reduction (default)', group: 'markov', work: 1, unit: 'steps', setup, run: () => { stationaryDistribution(W); }, baseline: 'markov/stationaryDistribution 100 states, LU (method solve)' },
];
