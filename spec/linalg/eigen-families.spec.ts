// eigenvalues, eigenvectorFor, symmetricEigen, svd and stationaryDistribution on families of
// matrices with known spectra (spec/linalg/spectra.ts): clusters of 2-4 eigenvalues of width 0,
// 1e-12, 1e-9, 1e-6 at c in {1e-3, 1, 1e3}, graded spectra 1 ... 1e-12, Jordan-like blocks,
// complex pairs, n from 2 to 200. Every check uses the error bound derived in spectra.ts's header
// from the backward-error model ||E||_2 <= 8 n eps ||A||_F and the eigenvalue condition numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matrix64, type Matrix64 } from '../../lib/linalg/matrix.js';
import { eigenvalues, eigenvectorFor, symmetricEigen, svd } from '../../lib/linalg/dense.js';
import { stationaryDistribution } from '../../lib/markov/index.js';
import { EPS, randomMatrix, throwsWith } from './dense-helpers.js';
import {
  BACKWARD_C, backwardError, clusteredSpectrum, frobenius, gradedSpectrum, normalWithPairs, schurWithNilpotent,
  similarWithSpectrum, spectrumMismatch, symmetricWithSpectrum, withSingularValues,
} from './spectra.js';

const WIDTHS = [0, 1e-12, 1e-9, 1e-6];
const CENTRES = [1e-3, 1, 1e3];
const zeros = (n: number) => new Array<number>(n).fill(0);

/** Asserts the computed spectrum of a matches (tRe, tIm) within discs of radii r (spectrumMismatch). */
function assertSpectrum(label: string, a: Matrix64, tRe: number[], tIm: number[], r: number[]): void {
  const e = eigenvalues(a);
  const m = spectrumMismatch(e.re, e.im, tRe, tIm, r);
  assert.ok(m === null, `${label}: ${m}`);
}

test('eigenvalues: the 3 x 3 tridiagonal cluster (1, 1e-12) has 1 and 1 ± sqrt(2) 1e-12 (it threw before the differences-first shift column)', () => {
  // Eigenvalues of the symmetric tridiagonal Toeplitz matrix (a, b): a + 2 b cos(k pi / 4).
  const a = matrix64(3, 3, [1, 1e-12, 0, 1e-12, 1, 1e-12, 0, 1e-12, 1]);
  const e = eigenvalues(a);
  const exact = [1 + Math.SQRT2 * 1e-12, 1, 1 - Math.SQRT2 * 1e-12];
  const tol = backwardError(a); // symmetric: Weyl
  for (let k = 0; k < 3; k++) {
    assert.is(e.im[k], 0);
    assert.ok(Math.abs(e.re[k] - exact[k]) <= tol, `${e.re[k]} vs ${exact[k]} (tol ${tol})`);
  }
});

test('eigenvalues: symmetric Q diag(lambda) Q^T with a cluster of 2-4 (every width and centre), n = 2 ... 200 (Weyl bound)', () => {
  const cases: [number, number[]][] = [[2, [2]], [3, [2, 3]], [4, [2, 3, 4]], [5, [2, 3, 4]], [8, [2, 3, 4]], [16, [2, 4]], [45, [4]], [60, [3]]];
  for (const [n, ks] of cases) {
    for (const k of ks) {
      for (const w of WIDTHS) {
        for (const c of CENTRES) {
          const lambda = clusteredSpectrum(n, k, c, w, 1);
          const { a } = symmetricWithSpectrum(lambda, 100 * n + k);
          const r = backwardError(a);
          assertSpectrum(`n=${n} k=${k} w=${w} c=${c}`, a, lambda, zeros(n), lambda.map(() => r));
        }
      }
    }
  }
  for (const w of WIDTHS) {
    const lambda = clusteredSpectrum(200, 4, 1, w, 1);
    const { a } = symmetricWithSpectrum(lambda, 200 + w);
    assertSpectrum(`n=200 w=${w}`, a, lambda, zeros(200), lambda.map(() => backwardError(a)));
  }
});

test('eigenvalues: nonsymmetric X diag(lambda) X^-1 with clusters, kappa(X) up to 1e6 (discs of radius n kappa_i ||E||)', () => {
  const cases: [number, number][] = [[2, 1e2], [3, 1e2], [4, 1e4], [8, 1e2], [8, 1e6], [16, 1e4], [45, 1e2]];
  for (const [n, kappa] of cases) {
    for (const k of [2, 3, 4]) {
      if (k > n) continue;
      for (const w of WIDTHS) {
        for (const c of CENTRES) {
          const lambda = clusteredSpectrum(n, k, c, w, 1);
          const s = similarWithSpectrum(lambda, kappa, 100 * n + k + 7);
          const E = backwardError(s.a);
          assertSpectrum(`n=${n} kappa=${kappa} k=${k} w=${w} c=${c}`, s.a, lambda, zeros(n), Array.from(s.cond, (q) => n * q * E));
        }
      }
    }
  }
});

test('eigenvalues: normal matrices with clusters of complex pairs a ± ib (Bauer-Fike, kappa = 1)', () => {
  for (const pairsCount of [1, 2, 4, 10]) {
    for (const w of WIDTHS) {
      for (const c of CENTRES) {
        const pairs: [number, number][] = [];
        for (let j = 0; j < pairsCount; j++) pairs.push([0.6 * c + w * j, 0.8 * c - w * j]);
        const { a, re, im } = normalWithPairs(pairs, [0.5 * c, -0.7 * c, 1.3], 9 + pairsCount);
        const r = backwardError(a);
        assertSpectrum(`pairs=${pairsCount} w=${w} c=${c}`, a, re, im, re.map(() => r));
      }
    }
  }
});

test('eigenvalues: graded SPD spectra 1 ... 1e-12 at n = 45, 60, 200, and 1 ... 1e-6 (Weyl bound)', () => {
  for (const [n, eMax] of [[45, 12], [60, 12], [200, 12], [60, 6], [10, 12]]) {
    const lambda = gradedSpectrum(n, eMax);
    const { a } = symmetricWithSpectrum(lambda, n + 3);
    const r = backwardError(a);
    assertSpectrum(`graded n=${n} 1e-${eMax}`, a, lambda, zeros(n), lambda.map(() => r));
  }
});

test('eigenvalues: Jordan-like blocks Q (D + N) Q^T: every eigenvalue within max(theta, theta^(1/p)) of the diagonal, and sum = trace', () => {
  const configs: [number[], number][] = [[[2], 1], [[3], 1], [[2, 2], 1], [[4], 2], [[3, 2, 1], 1e3], [[2], 1e-3], [[2, 3], 1]];
  for (const [blocks, c] of configs) {
    const diagonal: number[] = [];
    const sup: number[] = [];
    for (const b of blocks) for (let i = 0; i < b; i++) { diagonal.push(c); sup.push(i < b - 1 ? c : 0); }
    for (const x of [0.3, -0.5, 2.5]) { diagonal.push(x * c); sup.push(0); }
    sup.pop();
    const { a, normN, p } = schurWithNilpotent(diagonal, sup, 3 + blocks.length);
    const E = backwardError(a);
    let geometric = 0;
    for (let k = 0; k < p; k++) geometric += normN ** k;
    const theta = E * geometric;
    const bound = Math.max(theta, theta ** (1 / p));
    const e = eigenvalues(a);
    let sumRe = 0;
    let sumIm = 0;
    for (let k = 0; k < e.re.length; k++) {
      let nearest = Infinity;
      for (const d of diagonal) nearest = Math.min(nearest, Math.hypot(e.re[k] - d, e.im[k]));
      assert.ok(nearest <= bound, `blocks ${blocks} c=${c}: ${e.re[k]} + ${e.im[k]}i is ${nearest} from the diagonal (bound ${bound})`);
      sumRe += e.re[k];
      sumIm += e.im[k];
    }
    // sum mu = trace(A + E) = sum d_i + trace(E); |trace(E)| <= n ||E||_2.
    const n = diagonal.length;
    const trace = diagonal.reduce((s, d) => s + d, 0);
    assert.ok(Math.abs(sumRe - trace) <= n * E && Math.abs(sumIm) <= n * E, `blocks ${blocks}: sum ${sumRe} vs trace ${trace}`);
  }
});

test('eigenvalues: the iteration budget is 30 max(10, n) in total; maxIterations is a total, and the error names it', () => {
  const a = randomMatrix(20, 20, 5);
  // Every eigenvalue of a random 20 x 20 needs a few iterations; 15 in total are not enough,
  // though no single eigenvalue needs 15.
  throwsWith(() => eigenvalues(a, { maxIterations: 15 }), RangeError, 'eigenvalues: no convergence after 15 QR iterations in total');
  assert.is(eigenvalues(a).re.length, 20);
  assert.is(eigenvalues(a, { maxIterations: 80 }).re.length, 20);
});

test('eigenvectorFor: symmetric families; the vector lies in the cluster\'s eigenspace to (residual + ||E||) / gap (Davis-Kahan)', () => {
  for (const [n, k] of [[3, 2], [5, 3], [8, 4], [45, 3]]) {
    for (const w of WIDTHS) {
      for (const c of CENTRES) {
        const lambda = clusteredSpectrum(n, k, c, w, 1);
        const { a, q } = symmetricWithSpectrum(lambda, 31 * n + k);
        const E = backwardError(a);
        // One eigenvalue inside the cluster and one outside it.
        for (const target of [0, k]) {
          const x = eigenvectorFor(a, lambda[target]);
          const inside = lambda.map((l, j) => (target < k ? j < k : j === target));
          let gap = Infinity;
          lambda.forEach((l, j) => { if (!inside[j]) gap = Math.min(gap, Math.abs(l - lambda[target])); });
          const rho = residualNorm(a, lambda[target], x);
          assert.ok(rho <= 4 * E, `n=${n} w=${w} c=${c}: residual ${rho} > 4 ||E|| = ${4 * E}`);
          const outside = distanceToSpan(x, q, inside);
          assert.ok(outside <= (rho + E) / gap, `n=${n} k=${k} w=${w} c=${c} target ${target}: ${outside} > ${(rho + E) / gap}`);
        }
      }
    }
  }
});

test('eigenvectorFor: nonsymmetric X diag(lambda) X^-1; distance to span(X_S) <= kappa(X) (residual + ||E||) / gap', () => {
  for (const [n, kappa] of [[4, 1e2], [8, 1e4]]) {
    for (const w of WIDTHS) {
      for (const c of CENTRES) {
        const lambda = clusteredSpectrum(n, 3, c, w, 1);
        const s = similarWithSpectrum(lambda, kappa, 13 * n);
        const E = backwardError(s.a) * s.condX; // the formation error, seen through X
        for (const target of [1, 3]) {
          const x = eigenvectorFor(s.a, lambda[target]);
          const inside = lambda.map((l, j) => (target < 3 ? j < 3 : j === target));
          let gap = Infinity;
          lambda.forEach((l, j) => { if (!inside[j]) gap = Math.min(gap, Math.abs(l - lambda[target])); });
          const rho = residualNorm(s.a, lambda[target], x);
          const dist = distanceToColumnSpan(x, s.x, inside);
          assert.ok(dist <= (s.condX * (rho + E)) / gap, `n=${n} kappa=${kappa} w=${w} c=${c} target ${target}: ${dist}`);
        }
      }
    }
  }
});

test('symmetricEigen: clustered and graded families, n up to 200: Weyl for values, Davis-Kahan for each cluster\'s vectors', () => {
  const check = (label: string, lambda: number[], seed: number, clusterSize: number) => {
    const n = lambda.length;
    const { a, q } = symmetricWithSpectrum(lambda, seed);
    const E = backwardError(a);
    const { values, vectors } = symmetricEigen(a);
    const sorted = lambda.slice().sort((x, y) => x - y);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(values[i] - sorted[i]) <= E, `${label}: value ${i}: ${values[i]} vs ${sorted[i]} (tol ${E})`);
    // The computed vectors for the cluster's eigenvalues span the cluster's eigenspace.
    const inside = lambda.map((l, j) => j < clusterSize);
    let gap = Infinity;
    for (let j = clusterSize; j < n; j++) for (let i = 0; i < clusterSize; i++) gap = Math.min(gap, Math.abs(lambda[j] - lambda[i]));
    for (let col = 0; col < n; col++) {
      const l = values[col];
      if (Math.abs(l - lambda[0]) > Math.abs(lambda[clusterSize - 1] - lambda[0]) + E) continue;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = vectors.data[i * n + col];
      const rho = residualNorm(a, l, v);
      assert.ok(distanceToSpan(v, q, inside) <= (rho + 2 * E) / (gap - 2 * E), `${label}: vector ${col}`);
    }
  };
  for (const [n, k] of [[8, 4], [45, 3]]) {
    for (const w of WIDTHS) for (const c of CENTRES) check(`n=${n} k=${k} w=${w} c=${c}`, clusteredSpectrum(n, k, c, w, 1), 7 * n + k, k);
  }
  check('n=200 cluster 1e-9', clusteredSpectrum(200, 4, 1, 1e-9, 1), 201, 4);
  check('graded n=60', gradedSpectrum(60, 12), 61, 1);
});

test('svd: clustered and graded singular values, square and rectangular (Weyl: |s_i - sigma_i| <= ||E||_2)', () => {
  const shapes: [number, number][] = [[2, 2], [5, 3], [3, 5], [8, 8], [45, 30], [60, 60], [200, 20]];
  for (const [m, n] of shapes) {
    const k = Math.min(m, n);
    const families: [string, number[]][] = [['graded', gradedSpectrum(k, 12)]];
    for (const w of WIDTHS) for (const c of CENTRES) families.push([`cluster w=${w} c=${c}`, clusteredSpectrum(k, Math.min(k, 4), c, w, 1).map(Math.abs)]);
    for (const [label, sigma] of families) {
      const a = withSingularValues(m, n, sigma, 17 * m + n);
      const E = BACKWARD_C * Math.max(m, n) * EPS * frobenius(a); // the model of spectra.ts, n -> max(m, n)
      const { s } = svd(a);
      const sorted = sigma.slice().sort((x, y) => y - x);
      for (let i = 0; i < k; i++) assert.ok(Math.abs(s[i] - sorted[i]) <= E, `${m}x${n} ${label}: s[${i}] = ${s[i]} vs ${sorted[i]} (tol ${E})`);
    }
  }
});

// ---- stationaryDistribution on chains with clustered spectra -------------------------------

/**
 * A well-mixed chain made of `blocks` near-identical copies of a random positive size x size
 * column-stochastic B: W = (1 - mix) blockdiag(B_1 ... B_b) + mix (1/n) 1 1^T (with probability
 * mix, jump to a uniformly chosen state). B_i = B + delta D_i with D_i's columns summing to 0.
 * With delta = 0 the eigenvalues are 1, 1 - mix (b - 1 times) and (1 - mix) mu (b times for each
 * other eigenvalue mu of B): clusters of width 0, of width of order delta otherwise. Before the
 * differences-first shift column, eigenvalues (so stationaryDistribution's default method) threw
 * on most of these with delta = 1e-12.
 */
function blockChain(size: number, blocks: number, mix: number, delta: number, seed: number): Matrix64 {
  const n = size * blocks;
  const rb = randomMatrix(size, size, seed);
  const B = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    let t = 0;
    for (let i = 0; i < size; i++) t += (B[i * size + j] = 1.2 + rb.data[i * size + j]);
    for (let i = 0; i < size; i++) B[i * size + j] /= t;
  }
  const r = randomMatrix(n, size, seed + 9);
  const W = matrix64(n, n);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < size; j++) {
      let mean = 0;
      for (let i = 0; i < size; i++) mean += r.data[(size * b + i) * size + j] / size;
      for (let i = 0; i < size; i++) {
        const entry = B[i * size + j] + delta * (r.data[(size * b + i) * size + j] - mean);
        W.data[(size * b + i) * n + size * b + j] = (1 - mix) * entry;
      }
    }
  }
  for (let i = 0; i < n * n; i++) W.data[i] += mix / n;
  return W;
}

/**
 * Grassmann-Taksar-Heyman: the stationary distribution of a column-stochastic W by state
 * reduction, which uses no subtractions and is accurate entrywise to a small multiple of n eps
 * (Grassmann, Taksar & Heyman, Oper. Res. 33 (1985) 1107-1116). The independent reference.
 */
function gth(W: Matrix64): Float64Array {
  const n = W.rows;
  // P[i][j] = probability of i -> j (row-stochastic) = W[j][i].
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P[i * n + j] = W.data[j * n + i];
  for (let k = n - 1; k >= 1; k--) {
    let s = 0;
    for (let j = 0; j < k; j++) s += P[k * n + j];
    for (let i = 0; i < k; i++) P[i * n + k] /= s;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) P[i * n + j] += P[i * n + k] * P[k * n + j];
  }
  const pi = new Float64Array(n);
  pi[0] = 1;
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) pi[j] += pi[i] * P[i * n + j];
  const total = pi.reduce((s, x) => s + x, 0);
  return pi.map((x) => x / total);
}

test('stationaryDistribution: well-mixed chains of near-identical blocks (clusters of 3-4 equal or 1e-12 ... 1e-6 apart), both methods, against GTH', () => {
  for (const size of [2, 3]) {
    for (const blocks of [3, 4]) {
      for (const delta of WIDTHS) {
        for (const mix of [0.05, 0.5]) {
          const W = blockChain(size, blocks, mix, delta, 40 + blocks);
          const n = W.rows;
          const pi = gth(W);
          // Seneta's bound: ||pi~ - pi||_1 <= ||dW||_1 / (1 - tau_1(W)), with tau_1(W) = 1 - mix here
          // (two columns of different blocks overlap only in the jump part). 'solve' is backward
          // stable with ||dW||_1 <= 8 n^2 eps (the model of spectra.ts in the 1-norm), plus GTH's
          // own error of a few n eps.
          const solveTol = (8 * n * n * EPS) / mix + 4 * n * EPS;
          // 'power' stops when a step changes p by <= 1e-15 per entry; the lazy chain contracts by
          // 1 - mix/2 per step in the 1-norm, so ||p - pi||_1 <= n 1e-15 / (mix/2), plus rounding.
          const powerTol = (n * 1e-15) / (mix / 2) + solveTol;
          for (const [method, tol] of [['solve', solveTol], ['power', powerTol]] as const) {
            const got = stationaryDistribution(W, { method });
            let l1 = 0;
            for (let i = 0; i < n; i++) l1 += Math.abs(got[i] - pi[i]);
            assert.ok(l1 <= tol, `${method} size=${size} blocks=${blocks} delta=${delta} mix=${mix}: ||pi - ref||_1 = ${l1} > ${tol}`);
          }
        }
      }
    }
  }
});

// ---- helpers -------------------------------------------------------------------------------

function residualNorm(a: Matrix64, lambda: number, x: ArrayLike<number>): number {
  const n = a.rows;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = -lambda * x[i];
    for (let j = 0; j < n; j++) r += a.data[i * n + j] * x[j];
    s += r * r;
  }
  return Math.sqrt(s);
}

/** ||x - Q_S Q_S^T x|| for the orthonormal columns of q selected by `inside`. */
function distanceToSpan(x: ArrayLike<number>, q: Matrix64, inside: boolean[]): number {
  const n = q.rows;
  const rest = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    if (!inside[j]) continue;
    let p = 0;
    for (let i = 0; i < n; i++) p += q.data[i * n + j] * x[i];
    for (let i = 0; i < n; i++) rest[i] -= p * q.data[i * n + j];
  }
  return Math.hypot(...rest);
}

/** Distance from x to the span of the (not necessarily orthogonal) columns of X selected by `inside` (Gram-Schmidt twice). */
function distanceToColumnSpan(x: ArrayLike<number>, X: Matrix64, inside: boolean[]): number {
  const n = X.rows;
  const basis: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    if (!inside[j]) continue;
    const v = Float64Array.from({ length: n }, (_, i) => X.data[i * n + j]);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let p = 0;
        for (let i = 0; i < n; i++) p += b[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= p * b[i];
      }
    }
    const norm = Math.hypot(...v);
    basis.push(v.map((t) => t / norm));
  }
  const rest = Float64Array.from(x);
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      let p = 0;
      for (let i = 0; i < n; i++) p += b[i] * rest[i];
      for (let i = 0; i < n; i++) rest[i] -= p * b[i];
    }
  }
  return Math.hypot(...rest);
}

test.run();
