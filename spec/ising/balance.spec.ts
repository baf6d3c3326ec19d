/**
 * Balance and detailed balance of every Ising update, on the 2×2 periodic lattice (16 states),
 * with exact transition matrices and lib/markov.
 *
 * - Single-site rules: the kernel of one visit of site k, W_k, is built from the model's own
 *   table (`siteFlipProbability`, checked first against min(1, e^{−ΔE/T}) and the heat-bath
 *   ratio with ΔE from the test's independent energy function). From them: the random-site
 *   kernel (1/N) Σ_k W_k (reversible: detailedBalanceResidual < 1e-12), the sequential sweep
 *   W_3 W_2 W_1 W_0 and the checkerboard sweep (W_1 W_2)(W_3 W_0) (balance only:
 *   balanceResidual < 1e-12; the sequential sweep is NOT reversible, which is checked too).
 *   Finding: at h = 0 the Metropolis sweeps (sequential and checkerboard) are not ergodic on
 *   2×2 (two closed deterministic 2-cycles of ΔE = 0 flips); the test asserts exactly that.
 * - Wolff: the kernel is enumerated independently of the code, from the Fortuin–Kasteleyn
 *   picture: every aligned bond is open with p = 1 − e^{−2/T}, the flipped cluster is the open
 *   component of a uniform seed. 2^8 bond sets × 4 seeds × 16 states.
 * - The code follows these kernels: from fixed start states, the empirical destination
 *   frequencies of the actual sweep()/heatBathSweep()/checkerboardSweep()/wolffStep() pass a
 *   chi-square test against the exact column at level 1e-4 (Wilson–Hilferty quantile), and
 *   destinations of exact probability 0 never occur.
 * Stationary vectors are compared with Boltzmann weights e^{−E/T}/Z (E from naiveEnergy) to 1e-12.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IsingModel } from '../../lib/ising/index.js';
import { balanceResidual, detailedBalanceResidual, stationaryDistribution, assertColumnStochastic } from '../../lib/markov/index.js';
import { zeros64, type Matrix64 } from '../../lib/linalg/index.js';
import { Rng } from '../../lib/random/index.js';
import { naiveEnergy, stateSpins } from './model-helpers.js';

const L = 2;
const N = 4;
const S = 16;

function boltzmann(T: number, h: number): Float64Array {
  const w = new Float64Array(S);
  let z = 0;
  for (let b = 0; b < S; b++) { w[b] = Math.exp(-naiveEnergy(stateSpins(b, N), L, h) / T); z += w[b]; }
  for (let b = 0; b < S; b++) w[b] /= z;
  return w;
}

/** W(b → b') is stored at data[b' * S + b] (lib/markov layout: columns sum to 1). */
function siteKernel(model: IsingModel, k: number, rule: 'metropolis' | 'heatbath'): Matrix64 {
  const W = zeros64(S, S);
  for (let b = 0; b < S; b++) {
    model.setSpins(stateSpins(b, N));
    const p = model.siteFlipProbability(k, rule);
    const flipped = b ^ (1 << k);
    W.data[flipped * S + b] += p;
    W.data[b * S + b] += 1 - p;
  }
  return W;
}

function multiply(a: Matrix64, b: Matrix64): Matrix64 {
  const c = zeros64(S, S);
  for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
    let s = 0;
    for (let k = 0; k < S; k++) s += a.data[i * S + k] * b.data[k * S + j];
    c.data[i * S + j] = s;
  }
  return c;
}

/** Product of kernels applied in the given order: first kernels[0], then kernels[1], ... */
function sequence(kernels: Matrix64[]): Matrix64 {
  let W = kernels[0];
  for (let q = 1; q < kernels.length; q++) W = multiply(kernels[q], W);
  return W;
}

function average(kernels: Matrix64[]): Matrix64 {
  const W = zeros64(S, S);
  for (const K of kernels) for (let q = 0; q < S * S; q++) W.data[q] += K.data[q] / kernels.length;
  return W;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The bonds of the 2×2 torus: each site's right and down neighbour (8 bonds, pairs doubled). */
const BONDS: [number, number][] = [];
for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) {
  BONDS.push([r * L + c, r * L + ((c + 1) % L)]);
  BONDS.push([r * L + c, ((r + 1) % L) * L + c]);
}

/** Wolff kernel by enumeration: seed uniform, aligned bonds open with p, flip the seed's open component. */
function wolffKernel(T: number): Matrix64 {
  const p = 1 - Math.exp(-2 / T);
  const W = zeros64(S, S);
  for (let b = 0; b < S; b++) {
    const s = stateSpins(b, N);
    for (let seed = 0; seed < N; seed++) {
      for (let open = 0; open < 1 << BONDS.length; open++) {
        let weight = 1 / N;
        for (let q = 0; q < BONDS.length; q++) {
          const [i, j] = BONDS[q];
          const isOpen = (open >> q) & 1;
          if (s[i] !== s[j]) { if (isOpen) { weight = 0; break; } } // anti-aligned bonds never open
          else weight *= isOpen ? p : 1 - p;
        }
        if (weight === 0) continue;
        // connected component of seed through open bonds
        let cluster = 1 << seed;
        for (let grew = true; grew;) {
          grew = false;
          for (let q = 0; q < BONDS.length; q++) {
            if (!((open >> q) & 1)) continue;
            const [i, j] = BONDS[q];
            const inI = (cluster >> i) & 1;
            const inJ = (cluster >> j) & 1;
            if (inI !== inJ) { cluster |= (1 << i) | (1 << j); grew = true; }
          }
        }
        W.data[(b ^ cluster) * S + b] += weight;
      }
    }
  }
  return W;
}

/** The states reachable from b under W (sorted), by breadth-first search on W's nonzero entries. */
function reachable(W: Matrix64, b: number): number[] {
  const seen = new Set([b]);
  const queue = [b];
  while (queue.length > 0) {
    const a = queue.shift()!;
    for (let d = 0; d < S; d++) if (W.data[d * S + a] > 0 && !seen.has(d)) { seen.add(d); queue.push(d); }
  }
  return [...seen].sort((x, y) => x - y);
}

function checkStationary(W: Matrix64, pi: Float64Array, label: string): void {
  assertColumnStochastic(W);
  assert.ok(balanceResidual(W, pi) < 1e-12, `${label}: balance residual ${balanceResidual(W, pi)}`);
  let stat: Float64Array;
  try { stat = stationaryDistribution(W); } catch (e) { throw new Error(`${label}: ${(e as Error).message}`); }
  assert.ok(maxDiff(stat, pi) < 1e-12, `${label}: stationary vector differs from Boltzmann by ${maxDiff(stat, pi)}`);
}

const CASES = [
  { T: 1.5, h: 0 },
  { T: 2.5, h: 0 },
  { T: 2.5, h: 0.3 },
  { T: 1.0, h: -0.7 },
];

test('X-ISING siteFlipProbability equals min(1, e^{−ΔE/T}) and the heat-bath ratio, ΔE from the naive energy', () => {
  for (const { T, h } of CASES) {
    const model = new IsingModel({ L, T, h, rng: new Rng(1) });
    for (let b = 0; b < S; b++) {
      model.setSpins(stateSpins(b, N));
      const e = naiveEnergy(stateSpins(b, N), L, h);
      for (let k = 0; k < N; k++) {
        const eFlip = naiveEnergy(stateSpins(b ^ (1 << k), N), L, h);
        const met = Math.min(1, Math.exp(-(eFlip - e) / T));
        const heat = Math.exp(-eFlip / T) / (Math.exp(-e / T) + Math.exp(-eFlip / T));
        assert.ok(Math.abs(model.siteFlipProbability(k, 'metropolis') - met) < 1e-14, `T=${T} h=${h} b=${b} k=${k}`);
        assert.ok(Math.abs(model.siteFlipProbability(k, 'heatbath') - heat) < 1e-14, `T=${T} h=${h} b=${b} k=${k}`);
      }
    }
  }
});

test('X-ISING single-site Metropolis and heat-bath on 2×2: random-site kernel is reversible, sweeps keep Boltzmann', () => {
  for (const { T, h } of CASES) {
    const pi = boltzmann(T, h);
    const model = new IsingModel({ L, T, h, rng: new Rng(1) });
    for (const rule of ['metropolis', 'heatbath'] as const) {
      const label = `${rule} T=${T} h=${h}`;
      const site = [0, 1, 2, 3].map((k) => siteKernel(model, k, rule));
      for (let k = 0; k < N; k++) assert.ok(detailedBalanceResidual(site[k], pi) < 1e-12, `${label} site ${k}`);
      const randomSite = average(site);
      assert.ok(detailedBalanceResidual(randomSite, pi) < 1e-12, `${label}: random-site detailed balance ${detailedBalanceResidual(randomSite, pi)}`);
      checkStationary(randomSite, pi, `${label} random-site`);
      const sweep = sequence(site); // sites 0, 1, 2, 3: typewriter order of sweep()
      const checker = sequence([site[0], site[3], site[1], site[2]]); // black (0,0),(1,1) then white
      // the composition of reversible steps is not reversible in general: it is not here
      // (1e-8 is 10^4 times the rounding level of the residuals above)
      assert.ok(detailedBalanceResidual(sweep, pi) > 1e-8, `${label}: sequential sweep unexpectedly reversible`);
      if (rule === 'metropolis' && h === 0) {
        // Sweeps of the Metropolis rule (ΔE = 0 flips with probability 1) are NOT ergodic on 2×2
        // at h = 0: there are closed 2-cycles in which every visited spin sees ΔE = 0 (bit k =
        // site k up): sequential 0010 ↔ 1101, 0100 ↔ 1011; checkerboard 0011 ↔ 1100 (stripes),
        // 0101 ↔ 1010. Boltzmann is still stationary (balance), just not the only stationary law.
        for (const W of [sweep, checker]) assert.ok(balanceResidual(W, pi) < 1e-12, `${label}: balance residual ${balanceResidual(W, pi)}`);
        assert.equal(reachable(sweep, 0b0010), [0b0010, 0b1101], `${label} sweep from 0010`);
        assert.equal(reachable(sweep, 0b0100), [0b0100, 0b1011], `${label} sweep from 0100`);
        assert.equal(reachable(checker, 0b0011), [0b0011, 0b1100], `${label} checkerboard from 0011`);
        assert.equal(reachable(checker, 0b0101), [0b0101, 0b1010], `${label} checkerboard from 0101`);
        continue;
      }
      checkStationary(sweep, pi, `${label} sequential sweep`);
      checkStationary(checker, pi, `${label} checkerboard`);
    }
  }
});

test('X-ISING Wolff kernel on 2×2 (Fortuin–Kasteleyn enumeration) obeys detailed balance with Boltzmann', () => {
  for (const T of [1.0, 2.269, 3.5]) {
    const pi = boltzmann(T, 0);
    const W = wolffKernel(T);
    assert.ok(detailedBalanceResidual(W, pi) < 1e-12, `T=${T}: ${detailedBalanceResidual(W, pi)}`);
    checkStationary(W, pi, `wolff T=${T}`);
  }
});

/** Wilson–Hilferty approximation of the chi-square quantile with df degrees of freedom at z. */
function chiSquareQuantile(df: number, z: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Runs `step` `n` times from state b (reset each time) and tests the destination counts against column b of W. */
function checkColumn(model: IsingModel, step: () => void, W: Matrix64, b: number, n: number, label: string): void {
  const counts = new Float64Array(S);
  const start = stateSpins(b, N);
  for (let t = 0; t < n; t++) {
    model.setSpins(start);
    step();
    let d = 0;
    for (let k = 0; k < N; k++) if (model.spins[k] === 1) d |= 1 << k;
    counts[d]++;
  }
  // Pearson's statistic is chi-square only when every expected count is large: a cell expecting
  // 0.05 that sees one visit adds (1 − 0.05)²/0.05 = 18 on its own, so the tail is far heavier
  // than chi-square's (at T = 1.5 many destinations expect < 1 visit in n = 20000). Cochran's rule:
  // pool the cells expecting fewer than 5 into one (growing it with the next smallest cell until it
  // expects >= 5), then df = cells − 1.
  const cells: { observed: number; expected: number }[] = [];
  for (let d = 0; d < S; d++) {
    const p = W.data[d * S + b];
    if (p === 0) { assert.is(counts[d], 0, `${label}: impossible destination ${d} reached from ${b}`); continue; }
    cells.push({ observed: counts[d], expected: n * p });
  }
  cells.sort((x, y) => x.expected - y.expected);
  const pooled = { observed: 0, expected: 0 };
  while (cells.length > 0 && (cells[0].expected < 5 || (pooled.expected > 0 && pooled.expected < 5))) {
    const c = cells.shift()!;
    pooled.observed += c.observed;
    pooled.expected += c.expected;
  }
  if (pooled.expected > 0) cells.push(pooled);
  let chi2 = 0;
  for (const c of cells) chi2 += (c.observed - c.expected) ** 2 / c.expected;
  const df = cells.length - 1;
  if (df < 1) return;
  // z = 3.719: upper 1e-4 tail of the standard normal
  const q = chiSquareQuantile(df, 3.719);
  assert.ok(chi2 < q, `${label} from state ${b}: chi2 = ${chi2.toFixed(2)} with df = ${df} exceeds ${q.toFixed(2)}`);
}

test('X-ISING the code follows the exact kernels: sweep, heatBathSweep, checkerboardSweep, wolffStep (chi-square, 1e-4)', () => {
  const n = 20000;
  for (const { T, h } of [{ T: 2.5, h: 0.3 }, { T: 1.5, h: 0 }]) {
    const model = new IsingModel({ L, T, h, rng: new Rng(77) });
    const met = [0, 1, 2, 3].map((k) => siteKernel(model, k, 'metropolis'));
    const heat = [0, 1, 2, 3].map((k) => siteKernel(model, k, 'heatbath'));
    const kernels: [string, () => void, Matrix64][] = [
      ['sweep', () => model.sweep(), sequence(met)],
      ['heatBathSweep', () => model.heatBathSweep(), sequence(heat)],
      ['checkerboard metropolis', () => model.checkerboardSweep('metropolis'), sequence([met[0], met[3], met[1], met[2]])],
      ['checkerboard heatbath', () => model.checkerboardSweep('heatbath'), sequence([heat[0], heat[3], heat[1], heat[2]])],
    ];
    if (h === 0) kernels.push(['wolffStep', () => model.wolffStep(), wolffKernel(T)]);
    for (const [name, step, W] of kernels) {
      for (const b of [0b0000, 0b0110, 0b0001]) checkColumn(model, step, W, b, n, `${name} T=${T} h=${h}`);
    }
  }
});

test.run();
