/**
 * The generic gemm cases under every backend this engine has ("the spec suite runs the
 * kernel specs under both backends, which agree within float32 error bounds").
 *
 * Error bound per backend (u32 = 2⁻²⁴, u64 = 2⁻⁵³; γ(n, u) = n·u/(1 − n·u), Higham §3.1):
 *  - 'ts' sums the k exact float64 products in float64, then rounds once to float32:
 *       |ĉ − r| ≤ u32·|r| + (2k + 7)·u64·S   (derivation in gemm.spec.ts)
 *  - 'wasm' rounds each product to float32 and sums in float32 lanes (mul, then add: no FMA),
 *    then scales by alpha and adds beta·c in float32: at most k + 2 float32 roundings on the
 *    path of each term, so |ĉ − t| ≤ γ(k + 2, u32)·S, plus the reference's own (k + 3)·u64·S:
 *       |ĉ − r| ≤ γ(k + 2, u32)·S + (k + 3)·u64·S
 * where S = |alpha| Σ_p |a_ip b_pj| + |beta c0_ij| and r is the float64 reference.
 * Both backends are also compared with each other: |ĉ_ts − ĉ_wasm| ≤ bound_ts + bound_wasm.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filled } from './gemm-helpers.js';
import { availableBackends, gemm, getBackend, setBackend, zeros, type BackendName, type Matrix } from '../../lib/linalg/index.js';

const U64 = 2 ** -53;
const U32 = 2 ** -24;
const gamma = (n: number, u: number): number => (n * u) / (1 - n * u);


const at = (m: Matrix, trans: boolean, i: number, p: number): number => (trans ? m.data[p * m.cols + i] : m.data[i * m.cols + p]);

function boundFor(backend: BackendName, k: number, r: number, S: number): number {
  return backend === 'ts'
    ? U32 * Math.abs(r) + (2 * k + 7) * U64 * S
    : gamma(k + 2, U32) * S + (k + 3) * U64 * S;
}

interface Case { m: number; n: number; k: number; transA: boolean; transB: boolean; alpha: number; beta: number }

/** Runs gemm on `backend` and checks every entry against the float64 reference. */
function check(backend: BackendName, c: Case, seed: number): Float32Array {
  setBackend(backend);
  const a = c.transA ? filled(c.k, c.m, seed) : filled(c.m, c.k, seed);
  const b = c.transB ? filled(c.n, c.k, seed + 1) : filled(c.k, c.n, seed + 1);
  const c0 = filled(c.m, c.n, seed + 2);
  const out = { rows: c.m, cols: c.n, data: c0.data.slice() };
  if (c.beta === 0) out.data.fill(Number.NaN); // beta = 0 must not read out
  gemm(out, a, b, { transA: c.transA, transB: c.transB, alpha: c.alpha, beta: c.beta });
  assert.is(getBackend(), backend);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0, sAbs = 0;
      for (let p = 0; p < c.k; p++) {
        const prod = at(a, c.transA, i, p) * at(b, c.transB, p, j);
        s += prod;
        sAbs += Math.abs(prod);
      }
      const old = c0.data[i * c.n + j];
      const r = c.beta === 0 ? c.alpha * s : c.alpha * s + c.beta * old;
      const S = Math.abs(c.alpha) * sAbs + (c.beta === 0 ? 0 : Math.abs(c.beta * old));
      const got = out.data[i * c.n + j];
      const bound = boundFor(backend, c.k, r, S);
      if (!(Math.abs(got - r) <= bound)) {
        assert.unreachable(`${backend} ${JSON.stringify(c)} (${i},${j}): ${got} vs ${r}, error ${Math.abs(got - r)} > ${bound}`);
      }
    }
  }
  return out.data;
}

const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1], [1, 9, 5], [9, 1, 5], [6, 7, 1], [37, 29, 53], [5, 11, 600], [130, 70, 260],
];
const TRANSPOSES: Array<[boolean, boolean]> = [[false, false], [true, false], [false, true], [true, true]];
const backends = availableBackends();

test('availableBackends lists ts, and wasm where SIMD validates (Node 20 has it)', () => {
  assert.ok(backends.includes('ts'));
  assert.ok(backends.includes('wasm'), 'Node >= 16.4 validates WebAssembly SIMD');
});

for (const backend of backends) {
  test(`${backend}: odd shapes, all four transposes, alpha/beta, within the ${backend} float32 bound`, () => {
    let seed = 1;
    for (const [m, n, k] of SHAPES) {
      for (const [transA, transB] of TRANSPOSES) {
        for (const [alpha, beta] of [[1, 0], [-0.75, 0.5]]) check(backend, { m, n, k, transA, transB, alpha, beta }, seed++);
      }
    }
  });

  test(`${backend}: empty dimensions and alpha = 0 follow BLAS (k = 0 gives beta·out)`, () => {
    setBackend(backend);
    const out = { rows: 2, cols: 2, data: new Float32Array([1, 2, 3, 4]) };
    gemm(out, zeros(2, 0), zeros(0, 2), { beta: 0.5 });
    assert.equal(Array.from(out.data), [0.5, 1, 1.5, 2]);
    const nanA = zeros(2, 2);
    nanA.data.fill(Number.NaN);
    gemm(out, nanA, zeros(2, 2), { alpha: 0, beta: 2 });
    assert.equal(Array.from(out.data), [1, 2, 3, 4]);
  });
}

test('ts and wasm agree entry by entry within the sum of their bounds on an RBM-shaped product', () => {
  if (!backends.includes('wasm')) return;
  const c: Case = { m: 100, n: 50, k: 784, transA: false, transB: false, alpha: 1, beta: 0 };
  const ts = check('ts', c, 42);
  const wasm = check('wasm', c, 42);
  // S for each entry, recomputed (same operands as inside check).
  const a = filled(c.m, c.k, 42), b = filled(c.k, c.n, 43);
  let differ = 0;
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let sAbs = 0, s = 0;
      for (let p = 0; p < c.k; p++) { const t = a.data[i * c.k + p] * b.data[p * c.n + j]; s += t; sAbs += Math.abs(t); }
      const e = i * c.n + j;
      const bound = boundFor('ts', c.k, s, sAbs) + boundFor('wasm', c.k, s, sAbs);
      assert.ok(Math.abs(ts[e] - wasm[e]) <= bound, `(${i},${j}): ts ${ts[e]} wasm ${wasm[e]}`);
      if (ts[e] !== wasm[e]) differ++;
    }
  }
  // They round differently (float64 vs float32 sums), so most entries are not bit-identical:
  // results are promised bit-identical per backend only.
  assert.ok(differ > 0);
});

test('setBackend returns to the default for the rest of the suite', () => {
  setBackend(backends.includes('wasm') ? 'wasm' : 'ts');
});

test.run();
