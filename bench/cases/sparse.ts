/**
 * sparseGemm against gemm on the products of a CD-1 minibatch (B = 100, M = 784, N = 500), on
 * the default backend. The 0/1 operands have the densities of the MNIST workload: data rows
 * 13 % ones (13.2 % of the threshold-binarized training pixels), hidden samples at 50 % (a fresh RBM) and
 * 20 %. Work is the dense flop count 2·m·n·k in both, so GFLOP/s are "dense-equivalent" and the
 * speed-up is the time ratio. Each sparse case names its dense twin as baseline.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';
import { gemm, matrix, sparseGemm, type Matrix } from '../../lib/linalg/index.js';

const B = 100, M = 784, N = 500;
const rng = new Rng(2026);

function binary(rows: number, cols: number, density: number): Matrix {
  const m = matrix(rows, cols);
  for (let q = 0; q < m.data.length; q++) m.data[q] = rng.float() < density ? 1 : 0;
  return m;
}

const W = matrix(M, N, rng.fillNormal(new Float32Array(M * N), 0, 0.01));
const X = binary(B, M, 0.13);
const H50 = binary(B, N, 0.5), H20 = binary(B, N, 0.2);
const Hp = matrix(B, N, rng.fillUniform(new Float32Array(B * N)));
const outH = matrix(B, N), outX = matrix(B, M), G = matrix(M, N);
const TN = { transA: true }, NT = { transB: true };

function pair(name: string, work: number, dense: () => void, sparse: () => void): BenchCase[] {
  return [
    { name: `sparse/${name} gemm`, group: 'sparse', work, unit: 'flop', run: dense },
    { name: `sparse/${name} sparseGemm`, group: 'sparse', work, unit: 'flop', run: sparse, baseline: `sparse/${name} gemm` },
  ];
}

const flop = 2 * B * M * N;
export const cases: BenchCase[] = [
  ...pair('X·W, X 100x784 13% ones', flop, () => gemm(outH, X, W), () => sparseGemm(outH, X, W)),
  ...pair('H·Wᵀ, H 100x500 50% ones', flop, () => gemm(outX, H50, W, NT), () => sparseGemm(outX, H50, W, NT)),
  ...pair('H·Wᵀ, H 100x500 20% ones', flop, () => gemm(outX, H20, W, NT), () => sparseGemm(outX, H20, W, NT)),
  ...pair('Xᵀ·H, X 13% ones, H dense', flop, () => gemm(G, X, Hp, TN), () => sparseGemm(G, X, Hp, TN)),
];
