/**
 * Tour chapter 2: float32 kernels. gemm against a float64 reference within the float32 error
 * bound (all four transposes), exact small results for gemv, dot and the reductions, and one
 * speed row: gemm at 512^3 in GFLOP/s beside the naive i-j-p loop of bench/cases/gemm.ts.
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  availableBackends, dot, gemm, gemv, getBackend, matrix, setBackend, sumRows, zeros, type BackendName, type Matrix,
} from '../../../lib/index.js';
import { fillLcg, naiveGemm } from '../../../bench/inputs.js';

/** Deterministic float32 values in [-1, 1) (the benchmarks' LCG; no statistics needed here). */
function filled(rows: number, cols: number, seed: number): Matrix {
  return fillLcg(zeros(rows, cols), seed);
}

/**
 * Largest |c - r| / bound over the entries, with r the float64 product of the same float32
 * inputs and S = Σ_p |a_ip b_pj|. The bound depends on how the backend sums (docs/linalg.md):
 *  - 'ts' sums in float64 and rounds once: 2^-24 |r| + (2k + 7) 2^-53 S;
 *  - 'wasm' sums in float32 lanes: γ(k + 2) S + (k + 3) 2^-53 S, γ(n) = n 2^-24 / (1 - n 2^-24).
 * Within the bound means the ratio is at most 1.
 */
function worstErrorOverBound(backend: BackendName, c: Matrix, a: Matrix, b: Matrix, transA: boolean, transB: boolean): number {
  const m = c.rows, n = c.cols, k = transA ? a.rows : a.cols;
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let r = 0, rAbs = 0;
      for (let p = 0; p < k; p++) {
        const x = transA ? a.data[p * a.cols + i] : a.data[i * a.cols + p];
        const y = transB ? b.data[j * b.cols + p] : b.data[p * b.cols + j];
        r += x * y;
        rAbs += Math.abs(x * y);
      }
      const g = ((k + 2) * 2 ** -24) / (1 - (k + 2) * 2 ** -24);
      const bound = backend === 'ts'
        ? 2 ** -24 * Math.abs(r) + (2 * k + 7) * 2 ** -53 * rAbs
        : g * rAbs + (k + 3) * 2 ** -53 * rAbs;
      worst = Math.max(worst, Math.abs(c.data[i * n + j] - r) / bound);
    }
  }
  return worst;
}


/** Seconds per call: the fastest of `reps` calls after one warm-up call. */
function fastest(reps: number, f: () => void): number {
  f();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

export const chapter: TourChapter = {
  title: `Float32 kernels (gemm on the 'ts' and 'wasm' backends, BLAS-style helpers)`,
  order: 2,
  run(): TourRow[] {
    const rows: TourRow[] = [];

    const defaultBackend = getBackend();
    // 64x64 product, all four transposes, against the float64 reference, on each backend.
    const n = 64;
    for (const backend of availableBackends()) {
      setBackend(backend);
      let worst = 0;
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const a = filled(n, n, 1), b = filled(n, n, 2);
        const c = gemm(zeros(n, n), a, b, { transA, transB });
        worst = Math.max(worst, worstErrorOverBound(backend, c, a, b, transA, transB));
      }
      rows.push({
        what: `gemm 64x64 (${backend}), 4 transposes: max |err| / bound`,
        value: worst.toPrecision(3),
        reference: '<= 1',
        source: `float64 product of the same inputs; ${backend} bound (docs/linalg.md)`,
        ok: worst <= 1,
      });
    }

    // float64 accumulation on the 'ts' backend: 2^24 + 1 - 2^24 is 1 in float64 but 0 in float32.
    setBackend('ts');
    const big = matrix(1, 3, [2 ** 24, 1, -(2 ** 24)]);
    const ones = matrix(3, 1, [1, 1, 1]);
    rows.push(compareRow("gemm (ts) [2^24, 1, -2^24]·[1, 1, 1]", gemm(zeros(1, 1), big, ones).data[0], 1, 0,
      'exact 1 (ts sums in float64; float32 sums, as in wasm, give 0)'));
    setBackend(defaultBackend);

    const x = new Float32Array([1, 2, 3]), y = new Float32Array([4, 5, 6]);
    rows.push(compareRow('dot([1,2,3], [4,5,6])', dot(x, y), 32, 0, 'exact 4 + 10 + 18'));
    const a23 = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
    const av = gemv(new Float32Array(2), a23, new Float32Array([1, 1, 1]));
    rows.push(compareRow('gemv [[1,2,3],[4,5,6]]·[1,1,1], entry 2', av[1], 15, 0, 'exact 4 + 5 + 6'));
    rows.push(compareRow('sumRows [[1,2,3],[4,5,6]], entry 3', sumRows(new Float32Array(3), a23)[2], 9, 0, 'exact 3 + 6'));

    // Speed: one short measurement at 512^3 (the benchmark proper is `npm run bench -- --filter gemm`).
    const s = 512;
    const A = filled(s, s, 3), B = filled(s, s, 4), C = zeros(s, s), R = new Float32Array(s * s);
    const tOurs = fastest(3, () => gemm(C, A, B));
    setBackend('ts');
    const tTs = fastest(3, () => gemm(C, A, B));
    setBackend(defaultBackend);
    const tNaive = fastest(1, () => naiveGemm(R, A.data, B.data, s, s, s));
    const gflops = (2 * s * s * s) / tOurs / 1e9;
    rows.push({ what: `gemm 512^3 speed (${defaultBackend}, GFLOP/s)`, value: gflops.toFixed(2), reference: '', source: 'measurement, fastest of 3', ok: true });
    rows.push({ what: 'gemm 512^3 speed (ts, GFLOP/s)', value: ((2 * s * s * s) / tTs / 1e9).toFixed(2), reference: '', source: 'measurement, fastest of 3', ok: true });
    rows.push({
      what: `speed-up over the naive i-j-p loop at 512^3: ${defaultBackend} / ts`,
      value: `${(tNaive / tOurs).toFixed(2)}x / ${(tNaive / tTs).toFixed(2)}x`,
      reference: '',
      source: 'measurement, same run (bench/RESULTS.md has the full table)',
      ok: true,
    });
    return rows;
  },
};
