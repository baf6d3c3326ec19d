/**
 * gemm benchmarks: our `gemm` on each backend ('ts': pure TypeScript, 'wasm': WebAssembly SIMD)
 * beside the fixed naive baseline on the same shapes, in the same run (the harness interleaves
 * each case's samples with its baseline's, so load changes hit both alike).
 *
 * The baseline is the textbook i-j-p loop over Float32Array exactly as the textbook writes it:
 *   for i, for j { s = 0; for p: s += A[i*K+p] * B[p*N+j]; C[i*N+j] = s }
 * (a float64 dot product per entry; the walk down a column of B is what makes it slow).
 * Work is 2·m·n·k flop per call. Shapes: cubes 128..1024 and the three RBM products of a
 * 100-sample batch with 784 visible and 500 hidden units:
 *   X W      100x784 · 784x500
 *   Xᵀ H     (784x100 from a stored 100x784 X, transA) · 100x500
 *   H Wᵀ     100x500 · (500x784 from a stored 784x500 W, transB)
 * For transposed products the baseline runs on the same (m, n, k) with the operand already
 * laid out untransposed, so it measures the arithmetic, not a transpose.
 */
import type { BenchCase } from '../harness.js';
import { fillLcg as fill, naiveGemm } from '../inputs.js';
import { availableBackends, gemm, setBackend, zeros, type BackendName, type Matrix } from '../../lib/linalg/index.js';


interface Shape { label: string; m: number; n: number; k: number; transA: boolean; transB: boolean; naive: boolean }

const shapes: Shape[] = [
  { label: '128^3', m: 128, n: 128, k: 128, transA: false, transB: false, naive: true },
  { label: '256^3', m: 256, n: 256, k: 256, transA: false, transB: false, naive: true },
  { label: '512^3', m: 512, n: 512, k: 512, transA: false, transB: false, naive: true },
  { label: '1024^3', m: 1024, n: 1024, k: 1024, transA: false, transB: false, naive: true },
  { label: 'XW 100x784*784x500', m: 100, n: 500, k: 784, transA: false, transB: false, naive: true },
  { label: 'XtH 784x100*100x500 transA', m: 784, n: 500, k: 100, transA: true, transB: false, naive: true },
  { label: 'HWt 100x500*500x784 transB', m: 100, n: 784, k: 500, transA: false, transB: true, naive: true },
];

function casesFor(s: Shape): BenchCase[] {
  const { m, n, k } = s;
  const work = 2 * m * n * k;
  // Inputs for gemm are stored as the flags say (Xᵀ H reads a stored k x m X).
  let a: Matrix = zeros(0, 0), b: Matrix = zeros(0, 0), c: Matrix = zeros(0, 0);
  let na: Float32Array = new Float32Array(0), nb: Float32Array = new Float32Array(0), nc: Float32Array = new Float32Array(0);
  const naiveName = `gemm/naive ${s.label}`;
  const out: BenchCase[] = [];
  if (s.naive) {
    out.push({
      name: naiveName, group: 'gemm', work, unit: 'flop',
      setup: () => { na = fill(zeros(m, k), 1).data; nb = fill(zeros(k, n), 2).data; nc = new Float32Array(m * n); },
      run: () => naiveGemm(nc, na, nb, m, n, k),
    });
  }
  const opts = { transA: s.transA, transB: s.transB };
  for (const backend of availableBackends() as BackendName[]) {
    out.push({
      name: `gemm/${backend} ${s.label}`, group: 'gemm', work, unit: 'flop',
      setup: () => {
        a = fill(s.transA ? zeros(k, m) : zeros(m, k), 1);
        b = fill(s.transB ? zeros(n, k) : zeros(k, n), 2);
        c = zeros(m, n);
      },
      // setBackend is an assignment; it runs every call because the harness interleaves cases.
      run: () => { setBackend(backend); gemm(c, a, b, opts); },
      baseline: s.naive ? naiveName : undefined,
    });
  }
  return out;
}

export const cases: BenchCase[] = shapes.flatMap(casesFor);
