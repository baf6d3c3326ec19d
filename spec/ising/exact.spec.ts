/**
 * Exact enumeration of the periodic L×L Ising model (lib/ising/exact.ts), X-ISING.
 *
 * Expected values: the course's reference numbers for L = 2, T = 1, the closed form
 * Z = 2e^{8β} + 12 + 2e^{−8β} worked out by hand below, an independent naive enumeration written
 * in this file (explicit spin arrays, explicit neighbour sums), finite differences of ln Z and
 * ⟨M⟩ (C = dE/dT, χ = d⟨M⟩/dh), and the infinite-temperature moments of N independent ±1 spins.
 * Tolerances: float64 sums of ≤ 2^16 positive terms, so 1e−12 relative; 1e−10 for the course's
 * 11-significant-digit values; finite differences with step 1e−4 (central, error ~h²) 1e−6.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isingExact, ISING_EXACT_MAX_L } from '../../lib/ising/exact.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Naive enumeration: spins as ±1 arrays, E = −Σ_i s_i (s_right + s_down) − h Σ s_i. */
function naive(L: number, T: number, h: number) {
  const N = L * L;
  const es: number[] = [];
  const ms: number[] = [];
  for (let state = 0; state < 2 ** N; state++) {
    const s: number[] = [];
    for (let i = 0; i < N; i++) s.push((state >> i) & 1 ? 1 : -1);
    let e = 0, m = 0;
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const si = s[y * L + x];
        e -= si * (s[y * L + ((x + 1) % L)] + s[((y + 1) % L) * L + x]);
        m += si;
      }
    }
    es.push(e - h * m);
    ms.push(m);
  }
  const emin = Math.min(...es);
  const w = es.map((e) => Math.exp(-(e - emin) / T));
  // Neumaier-compensated sums: plain recursive summation of 2^16 terms could be off by ~n·eps ≈ 7e−12.
  const sum = (f: (k: number) => number) => {
    let s = 0, c = 0;
    for (let k = 0; k < es.length; k++) {
      const v = f(k), t = s + v;
      c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      s = t;
    }
    return s + c;
  };
  const z = sum((k) => w[k]);
  const E = sum((k) => w[k] * es[k]);
  return {
    logZ: -emin / T + Math.log(z),
    E: E / z,
    E2: sum((k) => w[k] * es[k] ** 2) / z,
    A: sum((k) => w[k] * Math.abs(ms[k])) / z,
    M: sum((k) => w[k] * ms[k]) / z,
    M2: sum((k) => w[k] * ms[k] ** 2) / z,
    M4: sum((k) => w[k] * ms[k] ** 4) / z,
  };
}

test('X-ISING L = 2, T = 1 reproduces the reference Z, <E>, <|M|>, <M^2> of the course reference values', () => {
  const r = isingExact(2, 1);
  // The course's reference values for L = 2, T = 1, 11 significant digits.
  assert.ok(rel(Math.exp(r.logZ), 5973.9166450087) < 1e-12, `Z ${Math.exp(r.logZ)}`);
  assert.ok(rel(r.energy, -7.9839283437) < 1e-10, `E ${r.energy}`);
  assert.ok(rel(r.absMagnetization, 3.994642931) < 1e-10, `|M| ${r.absMagnetization}`);
  assert.ok(rel(r.magnetization2, 15.9732151042) < 1e-10, `M2 ${r.magnetization2}`);
});

test('X-ISING L = 2 by hand: Z = 2e^{8b} + 12 + 2e^{-8b} (doubled bonds, ground state -8)', () => {
  // On the 2×2 torus every neighbour pair is joined twice: 8 bonds. States by class:
  //  all up / all down (2): E = −8, |M| = 4;  one spin flipped (4·2 = 8): its 4 bonds break,
  //  E = 0, |M| = 2;  two adjacent up (4 stripes): 4 bonds break, E = 0, M = 0;
  //  checkerboard (2): all 8 break, E = +8, M = 0.
  for (const T of [0.7, 1, 2.5, 10]) {
    const b = 1 / T;
    const Z = 2 * Math.exp(8 * b) + 12 + 2 * Math.exp(-8 * b);
    const E = (-16 * Math.exp(8 * b) + 16 * Math.exp(-8 * b)) / Z;
    const E2 = (128 * Math.exp(8 * b) + 128 * Math.exp(-8 * b)) / Z;
    const A = (8 * Math.exp(8 * b) + 16) / Z;
    const M2 = (32 * Math.exp(8 * b) + 32) / Z;
    const M4 = (512 * Math.exp(8 * b) + 128) / Z;
    const r = isingExact(2, T);
    assert.ok(rel(r.logZ, Math.log(Z)) < 1e-13, `logZ T=${T}`);
    assert.ok(rel(r.energy, E) < 1e-12, `E T=${T}`);
    assert.ok(rel(r.energy2, E2) < 1e-12, `E2 T=${T}`);
    assert.ok(rel(r.heatCapacity, (E2 - E * E) / (T * T)) < 1e-9, `C T=${T}`);
    assert.ok(rel(r.absMagnetization, A) < 1e-12, `|M| T=${T}`);
    assert.ok(rel(r.magnetization2, M2) < 1e-12, `M2 T=${T}`);
    assert.ok(rel(r.magnetization4, M4) < 1e-12, `M4 T=${T}`);
    assert.ok(rel(r.susceptibility, M2 / T) < 1e-12, `chi T=${T}`);
    assert.ok(rel(r.binder, 1 - M4 / (3 * M2 * M2)) < 1e-12, `U T=${T}`);
    // Per spin (N = 4), the names isingObservables uses: the same closed forms divided by N.
    assert.ok(rel(r.energyPerSpin, E / 4) < 1e-12, `E/N T=${T}`);
    assert.ok(rel(r.heatCapacityPerSpin, (E2 - E * E) / (4 * T * T)) < 1e-9, `C/N T=${T}`);
    assert.ok(rel(r.susceptibilityPerSpin, M2 / (4 * T)) < 1e-12, `chi/N T=${T}`);
    assert.ok(rel(r.susceptibilityAbsPerSpin, (M2 - A * A) / (4 * T)) < 1e-9, `chi'/N T=${T}`);
  }
});

test('X-ISING L = 3 and 4, with and without a field, equal a naive enumeration', () => {
  for (const [L, T, h] of [[3, 1.5, 0], [3, 2.5, 0.3], [4, 2.269, 0], [4, 1.2, -0.2]] as const) {
    const r = isingExact(L, T, h);
    const n = naive(L, T, h);
    assert.ok(rel(r.logZ, n.logZ) < 1e-12, `logZ ${L} ${T} ${h}`);
    assert.ok(rel(r.energy, n.E) < 1e-12, `E ${L} ${T} ${h}`);
    assert.ok(rel(r.energy2, n.E2) < 1e-12, `E2 ${L} ${T} ${h}`);
    assert.ok(rel(r.heatCapacity, (n.E2 - n.E * n.E) / (T * T)) < 1e-9, `C ${L} ${T} ${h}`);
    assert.ok(rel(r.absMagnetization, n.A) < 1e-12, `|M| ${L} ${T} ${h}`);
    assert.ok(Math.abs(r.magnetization - n.M) < 1e-12 * L * L, `M ${L} ${T} ${h}`);
    assert.ok(rel(r.magnetization2, n.M2) < 1e-12, `M2 ${L} ${T} ${h}`);
    assert.ok(rel(r.magnetization4, n.M4) < 1e-12, `M4 ${L} ${T} ${h}`);
    assert.ok(rel(r.susceptibilityAbs, (n.M2 - n.A * n.A) / T) < 1e-9, `chi' ${L} ${T} ${h}`);
    const N = L * L;
    assert.ok(rel(r.energyPerSpin, n.E / N) < 1e-12, `E/N ${L} ${T} ${h}`);
    assert.ok(rel(r.heatCapacityPerSpin, (n.E2 - n.E * n.E) / (N * T * T)) < 1e-9, `C/N ${L} ${T} ${h}`);
    assert.ok(rel(r.susceptibilityPerSpin, (n.M2 - n.M * n.M) / (N * T)) < 1e-9, `chi/N ${L} ${T} ${h}`);
    assert.ok(rel(r.susceptibilityAbsPerSpin, (n.M2 - n.A * n.A) / (N * T)) < 1e-9, `chi'/N ${L} ${T} ${h}`);
  }
});

test('X-ISING fluctuation formulas equal derivatives: C = d<E>/dT and chi = d<M>/dh', () => {
  const d = 1e-4;
  for (const [L, T, h] of [[3, 2, 0.1], [4, 2.5, 0.05], [4, 1.8, 0]] as const) {
    const r = isingExact(L, T, h);
    const dEdT = (isingExact(L, T + d, h).energy - isingExact(L, T - d, h).energy) / (2 * d);
    const dMdh = (isingExact(L, T, h + d).magnetization - isingExact(L, T, h - d).magnetization) / (2 * d);
    assert.ok(rel(r.heatCapacity, dEdT) < 1e-6, `C ${r.heatCapacity} vs ${dEdT}`);
    assert.ok(rel(r.susceptibility, dMdh) < 1e-6, `chi ${r.susceptibility} vs ${dMdh}`);
    // <E> = −d ln Z / dβ
    const b = 1 / T;
    const dlogZ = (isingExact(L, 1 / (b + d), h).logZ - isingExact(L, 1 / (b - d), h).logZ) / (2 * d);
    assert.ok(rel(r.energy, -dlogZ) < 1e-6, `E vs -dlnZ/db`);
  }
});

test('X-ISING limits: T -> infinity gives independent spins, T -> 0 the two ground states', () => {
  for (const L of [2, 3, 4]) {
    const N = L * L;
    const hot = isingExact(L, 1e7);
    // Independent ±1 spins: <M²> = N, <M⁴> = 3N² − 2N, ln Z = N ln 2; corrections O(1/T) ~ 1e−7·N.
    assert.ok(rel(hot.magnetization2, N) < 1e-5, `hot M2 L=${L}`);
    assert.ok(rel(hot.magnetization4, 3 * N * N - 2 * N) < 1e-5, `hot M4 L=${L}`);
    assert.ok(rel(hot.logZ, N * Math.LN2) < 1e-5, `hot logZ L=${L}`);
    const cold = isingExact(L, 0.05);
    // Z ≈ 2 e^{2N/T}: ln Z = 2N/T + ln 2 (excitations cost ≥ 8 (L ≥ 3) or 8 (L = 2): e^{−160}).
    assert.ok(rel(cold.logZ, (2 * N) / 0.05 + Math.LN2) < 1e-14, `cold logZ L=${L}`);
    assert.ok(rel(cold.energy, -2 * N) < 1e-14, `cold E L=${L}`);
    assert.ok(rel(cold.absMagnetization, N) < 1e-14, `cold |M| L=${L}`);
    assert.ok(Math.abs(cold.binder - 2 / 3) < 1e-14, `cold U L=${L}`);
  }
  assert.is(ISING_EXACT_MAX_L, 4);
});

test('X-ISING isingExact rejects bad L, T and h with messages naming them', () => {
  assert.throws(() => isingExact(1, 1), (e: Error) => e instanceof RangeError && e.message === 'isingExact: L must be an integer >= 2, got 1');
  assert.throws(() => isingExact(2.5, 1), (e: Error) => e instanceof RangeError && e.message === 'isingExact: L must be an integer >= 2, got 2.5');
  assert.throws(() => isingExact(5, 1), (e: Error) => e instanceof RangeError && /^isingExact: L must be <= 4 .*got 5; use isingKaufman/.test(e.message));
  assert.throws(() => isingExact(2, 0), (e: Error) => e instanceof RangeError && e.message === 'isingExact: T must be a positive finite number, got 0');
  assert.throws(() => isingExact(2, -1), /T must be a positive finite number, got -1/);
  assert.throws(() => isingExact(2, Infinity), /T must be a positive finite number, got Infinity/);
  assert.throws(() => isingExact(2, 1, NaN), (e: Error) => e instanceof RangeError && e.message === 'isingExact: h must be a finite number, got NaN');
});

test.run();
