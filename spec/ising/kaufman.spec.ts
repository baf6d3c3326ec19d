/**
 * Kaufman's exact finite-lattice partition function (lib/ising/kaufman.ts), X-ISING.
 *
 * Expected values: exact enumeration (isingExact, itself checked against the course's numbers and
 * a naive enumeration) for L = 2, 3, 4; finite differences of ln Z in β for larger L (checks the
 * analytic derivatives independently of enumeration); Onsager's infinite-lattice energy and heat
 * capacity for L = 256 away from T_c; and the finite-size scaling laws at T_c of Ferdinand &
 * Fisher, Phys. Rev. 185, 832 (1969): E/N = −√2 + a/L + O(1/L²) and
 * C/N = A₀ ln L + B + O(ln L / L), A₀ = (2/π)(ln(1 + √2))² = (8/π)K_c².
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isingExact } from '../../lib/ising/exact.js';
import { isingKaufman } from '../../lib/ising/kaufman.js';
import { ISING_TC, onsagerEnergyPerSpin, onsagerHeatCapacityPerSpin } from '../../lib/ising/onsager.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const TS = [1, 1.5, 2, ISING_TC, 2.5, 3, 5];

test('X-ISING Kaufman equals enumeration for L = 2, 3, 4 (ln Z, E, C to 1e-10), T_c included', () => {
  // Covers both signs of γ₀ (T < T_c: γ₀ > 0, Z₄ > 0; T > T_c: γ₀ < 0, Z₄ < 0) and γ₀ = 0 at T_c.
  // L = 2: Kaufman's formula, like the torus, joins each neighbour pair by two bonds.
  for (const L of [2, 3, 4]) {
    for (const T of TS) {
      const k = isingKaufman(L, T);
      const e = isingExact(L, T);
      assert.ok(rel(k.logZ, e.logZ) < 1e-10, `logZ L=${L} T=${T}: ${k.logZ} vs ${e.logZ}`);
      assert.ok(rel(k.energy, e.energy) < 1e-10, `E L=${L} T=${T}: ${k.energy} vs ${e.energy}`);
      assert.ok(rel(k.heatCapacity, e.heatCapacity) < 1e-10, `C L=${L} T=${T}: ${k.heatCapacity} vs ${e.heatCapacity}`);
      assert.ok(rel(k.energyPerSpin, e.energy / (L * L)) < 1e-10, `E/N L=${L} T=${T}`);
      assert.ok(rel(k.heatCapacityPerSpin, e.heatCapacity / (L * L)) < 1e-10, `C/N L=${L} T=${T}`);
      assert.is(k.N, L * L);
    }
  }
});

test('X-ISING Kaufman L = 2 reproduces Z = 2e^8 + 12 + 2e^-8 at T = 1 (double bonds)', () => {
  assert.ok(rel(isingKaufman(2, 1).logZ, Math.log(2 * Math.exp(8) + 12 + 2 * Math.exp(-8))) < 1e-14);
});

test('X-ISING Kaufman E and C are the beta-derivatives of its ln Z (L = 8, 32, 100)', () => {
  // 5-point central differences in β with step d = 0.02/L. Near T_c the k-th β-derivative of
  // ln Z grows like N·L^{k−2} (correlation length ~ L), so the truncation errors d⁴f⁽⁵⁾/30 and
  // d⁴f⁽⁶⁾/90 are ~1e−9 of E and C; rounding is eps·|ln Z|/d ~ 1e−14·N·L for E and
  // eps·|ln Z|/d² ~ 3e−13·N·L² for C, at most ~1e−9 relative for L = 100: tolerance 1e−7.
  for (const L of [8, 32, 100]) {
    const d = 0.02 / L;
    for (const T of [1.8, ISING_TC, 3]) {
      const b = 1 / T;
      const f = (db: number) => isingKaufman(L, 1 / (b + db)).logZ;
      const f1 = (f(-2 * d) - 8 * f(-d) + 8 * f(d) - f(2 * d)) / (12 * d);
      const f2 = (-f(-2 * d) + 16 * f(-d) - 30 * f(0) + 16 * f(d) - f(2 * d)) / (12 * d * d);
      const k = isingKaufman(L, T);
      assert.ok(rel(k.energy, -f1) < 1e-7, `E L=${L} T=${T}: ${k.energy} vs ${-f1}`);
      assert.ok(rel(k.heatCapacity, b * b * f2) < 1e-7, `C L=${L} T=${T}: ${k.heatCapacity} vs ${b * b * f2}`);
    }
  }
});

test('X-ISING Kaufman L = 256 equals Onsager at T = 2.0 and 3.0 (E/N and C/N to 1e-12)', () => {
  // Away from T_c the finite-size corrections of the torus fall like e^{−L/ξ} with
  // 1/ξ ≥ 2|K − K*|, K* the dual coupling (tanh K* = e^{−2K}): 2|K − K*| = 0.47 at T = 3 and
  // 0.23 at T = 2 (the exact inverse correlation lengths are ln coth K − 2K above T_c and twice
  // that distance below), so at L = 256 they are < e^{−58}: only rounding (~1e−13) is left.
  for (const T of [2, 3]) {
    const k = isingKaufman(256, T);
    assert.ok(Math.abs(k.energyPerSpin - onsagerEnergyPerSpin(T)) < 1e-12, `E/N T=${T}`);
    assert.ok(Math.abs(k.heatCapacityPerSpin - onsagerHeatCapacityPerSpin(T)) < 1e-12, `C/N T=${T}`);
  }
});

test('X-ISING at T_c, E/N -> -sqrt(2) like a/L with 1/L^2 corrections', () => {
  // Δ(L) = E/N + √2 = a/L + b/L² + … ⇒ L·Δ(L) − L'·Δ(L') = O(1/L) differences that shrink by ~2 per
  // doubling, and by ~4 once 1/L² dominates: require each doubling to shrink it by at least 2.
  const Ls = [32, 64, 128, 256, 512];
  const lDelta = Ls.map((L) => L * (isingKaufman(L, ISING_TC).energy / (L * L) + Math.SQRT2));
  for (let i = 2; i < Ls.length; i++) {
    const prev = Math.abs(lDelta[i - 1] - lDelta[i - 2]);
    const cur = Math.abs(lDelta[i] - lDelta[i - 1]);
    assert.ok(cur < prev / 2, `L·Δ differences ${prev} -> ${cur}`);
  }
  // |Δ(256)| < 1/L: the tour's tolerance; a = lim L·Δ is of order one.
  assert.ok(Math.abs(lDelta[3] / 256) < 1 / 256);
  assert.ok(lDelta[4] < 0 && Math.abs(lDelta[4]) < 1, `a ≈ ${lDelta[4]}`);
});

test('X-ISING at T_c, C/N grows like A0 ln L (Ferdinand-Fisher amplitude)', () => {
  const A0 = (2 / Math.PI) * Math.log(1 + Math.SQRT2) ** 2;
  const c = (L: number) => isingKaufman(L, ISING_TC).heatCapacity / (L * L);
  // C(2L) − C(L) → A₀ ln 2 with corrections O(ln L / L): ≤ 2% at L = 128 (ln 256/256 ≈ 0.02).
  const slope = (L: number) => c(2 * L) - c(L);
  assert.ok(rel(slope(128), A0 * Math.LN2) < 0.02, `slope ${slope(128)} vs ${A0 * Math.LN2}`);
  const devs = [16, 32, 64, 128, 256].map((L) => Math.abs(slope(L) - A0 * Math.LN2));
  for (let i = 1; i < devs.length; i++) assert.ok(devs[i] < devs[i - 1], `deviation ${devs[i - 1]} -> ${devs[i]}`);
  // And the finite-lattice peak grows with L while staying finite.
  assert.ok(c(64) > c(32) && c(32) > c(16));
});

/** Golden-section search for the maximum of C/N over T ∈ [2, 2.6] (unimodal there), to 1e−9 in T. */
function heatCapacityPeak(L: number): { T: number; c: number } {
  const f = (T: number) => isingKaufman(L, T).heatCapacity / (L * L);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = 2, b = 2.6;
  let x1 = b - g * (b - a), x2 = a + g * (b - a), f1 = f(x1), f2 = f(x2);
  while (b - a > 1e-9) {
    if (f1 > f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = f(x1); }
    else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = f(x2); }
  }
  const T = (a + b) / 2;
  return { T, c: f(T) };
}

test('X-ISING the finite-lattice C/N peak grows like A0 ln L and moves to T_c like 1/L', () => {
  // Ferdinand & Fisher (1969): C_max/N = A₀ ln L + B' + O(ln L / L), T_max − T_c ∝ 1/L (above T_c).
  const A0 = (2 / Math.PI) * Math.log(1 + Math.SQRT2) ** 2;
  const p = [32, 64, 128, 256].map(heatCapacityPeak);
  assert.ok(rel(p[2].c - p[1].c, A0 * Math.LN2) < 0.02, `peak growth ${p[2].c - p[1].c} vs ${A0 * Math.LN2}`);
  assert.ok(Math.abs(p[3].c - p[2].c - A0 * Math.LN2) < Math.abs(p[2].c - p[1].c - A0 * Math.LN2));
  const shift = p.map((q, i) => [32, 64, 128, 256][i] * (q.T / ISING_TC - 1));
  for (const s of shift) assert.ok(s > 0, 'peak above T_c');
  // L·(T_max/T_c − 1) tends to a constant: its changes shrink with L and are < 1% at L = 256.
  assert.ok(Math.abs(shift[3] - shift[2]) < Math.abs(shift[2] - shift[1]) && Math.abs(shift[3] - shift[2]) < 0.01 * shift[3], `shifts ${shift}`);
});

test('X-ISING Kaufman is finite and sane for large L and extreme T (log space)', () => {
  for (const L of [300, 1000]) {
    for (const T of [0.2, 0.5, ISING_TC, 20, 100]) {
      const k = isingKaufman(L, T);
      assert.ok(Number.isFinite(k.logZ) && Number.isFinite(k.energy) && Number.isFinite(k.heatCapacity), `L=${L} T=${T}`);
      // C ≥ 0 up to its absolute rounding (~1e−14 per spin: at T = 0.2 the true C/N is ~7e−15).
      assert.ok(k.heatCapacity / k.N >= -1e-13, `C ≥ 0 L=${L} T=${T}: ${k.heatCapacity / k.N}`);
      const e = k.energy / k.N;
      assert.ok(e >= -2 - 1e-14 && e <= 0, `E/N in [−2, 0] (to rounding) L=${L} T=${T}: ${e}`);
      // ln Z/N lies between the two bounds ln 2 (entropy) and 2/T (ground state).
      assert.ok(k.logZ / k.N >= Math.max(Math.LN2, 2 / T) - 1e-12 && k.logZ / k.N <= Math.LN2 + 2 / T, `lnZ/N L=${L} T=${T}`);
    }
  }
  // Deep in the ordered phase the lattice sits in its ground state: E/N → −2, ln Z → 2N/T + ln 2.
  const cold = isingKaufman(200, 0.2);
  assert.ok(rel(cold.energy / cold.N, -2) < 1e-12);
  assert.ok(rel(cold.logZ, (2 * cold.N) / 0.2 + Math.LN2) < 1e-12);
});

test('X-ISING isingKaufman rejects bad L and T', () => {
  assert.throws(() => isingKaufman(1, 2), (e: Error) => e instanceof RangeError && e.message === 'isingKaufman: L must be an integer >= 2, got 1');
  assert.throws(() => isingKaufman(3.5, 2), (e: Error) => e instanceof RangeError && e.message === 'isingKaufman: L must be an integer >= 2, got 3.5');
  assert.throws(() => isingKaufman(4, 0), (e: Error) => e instanceof RangeError && e.message === 'isingKaufman: T must be a positive finite number, got 0');
  assert.throws(() => isingKaufman(4, NaN), /isingKaufman: T must be a positive finite number, got NaN/);
});

test.run();
