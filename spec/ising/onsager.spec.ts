/**
 * Onsager's infinite-lattice results and the AGM elliptic integrals (lib/ising/onsager.ts), X-ISING.
 *
 * Expected values: published constants (K(1/√2) = Γ(1/4)²/(4√π) = 1.8540746773013719 and
 * E(1/√2) = 1.3506438810476755, DLMF 19.6 / A&S table 17.1), the identities E(0) = K(0) = π/2,
 * E(1) = 1 and Legendre's relation EK' + E'K − KK' = π/2 (DLMF 19.7.1), a composite Simpson
 * quadrature of the defining integrals, T_c = 2/ln(1 + √2) with sinh(2/T_c) = 1,
 * m(2.0) = 0.911319 (the course's reference, 6 decimals), u(T_c) = −√2, c = du/dT by finite differences, and the
 * logarithmic divergence amplitude (8/π)K_c² of c at T_c.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  completeEllipticE,
  completeEllipticK,
  ISING_TC,
  onsagerEnergyPerSpin,
  onsagerHeatCapacityPerSpin,
  onsagerMagnetization,
} from '../../lib/ising/onsager.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Composite Simpson on [0, π/2] with n (even) intervals. The integrands are smooth and periodic-like. */
function simpson(f: (t: number) => number, n: number): number {
  const h = Math.PI / 2 / n;
  let s = f(0) + f(Math.PI / 2);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

test('X-ISING complete elliptic integrals: published values, limits, Legendre relation, quadrature', () => {
  assert.ok(rel(completeEllipticK(Math.SQRT1_2), 1.8540746773013719) < 4e-16);
  assert.ok(rel(completeEllipticE(Math.SQRT1_2), 1.3506438810476755) < 4e-16);
  assert.ok(rel(completeEllipticK(0), Math.PI / 2) < 1e-16);
  assert.ok(rel(completeEllipticE(0), Math.PI / 2) < 1e-16);
  assert.is(completeEllipticK(1), Infinity);
  assert.is(completeEllipticE(1), 1);
  for (const k of [0.1, 0.3, 0.6, 0.9, 0.99]) {
    const kp = Math.sqrt(1 - k * k);
    const legendre = completeEllipticE(k) * completeEllipticK(kp) + completeEllipticE(kp) * completeEllipticK(k) - completeEllipticK(k) * completeEllipticK(kp);
    assert.ok(Math.abs(legendre - Math.PI / 2) < 1e-14, `Legendre k=${k}: ${legendre}`);
    // Simpson with 2000 intervals: error ~h⁴ f⁗ ≲ 1e−12 for k ≤ 0.99 (f⁗ ≲ 1e3).
    const K = simpson((t) => 1 / Math.sqrt(1 - k * k * Math.sin(t) ** 2), 2000);
    const E = simpson((t) => Math.sqrt(1 - k * k * Math.sin(t) ** 2), 2000);
    assert.ok(rel(completeEllipticK(k), K) < 1e-10, `K(${k})`);
    assert.ok(rel(completeEllipticE(k), E) < 1e-10, `E(${k})`);
  }
});

test('X-ISING T_c = 2/ln(1+sqrt2): sinh(2/T_c) = 1', () => {
  assert.ok(Math.abs(ISING_TC - 2.269185314213022) < 1e-15);
  assert.ok(Math.abs(Math.sinh(2 / ISING_TC) - 1) < 1e-15);
});

test('X-ISING spontaneous magnetization: m(2.0) = 0.911319, zero above T_c, exponent 1/8', () => {
  // The reference has 6 decimals: |m − 0.911319| ≤ 5e−7 (rounding).
  assert.ok(Math.abs(onsagerMagnetization(2.0) - 0.911319) <= 5e-7, `${onsagerMagnetization(2.0)}`);
  assert.is(onsagerMagnetization(ISING_TC), 0);
  assert.is(onsagerMagnetization(3), 0);
  assert.ok(Math.abs(onsagerMagnetization(0.5) - Math.pow(1 - Math.sinh(4) ** -4, 0.125)) < 1e-16);
  // m ~ B (1 − T/T_c)^{1/8}: the ratio at t and t/2^8 is 2 (up to O(t) corrections).
  const t = 1e-4;
  const ratio = onsagerMagnetization(ISING_TC * (1 - t)) / onsagerMagnetization(ISING_TC * (1 - t / 256));
  assert.ok(Math.abs(ratio - 2) < 1e-3, `ratio ${ratio}`);
});

test('X-ISING energy per spin: -sqrt(2) at T_c, ground state -2, high-T -2 tanh K', () => {
  assert.ok(Math.abs(onsagerEnergyPerSpin(ISING_TC) + Math.SQRT2) < 1e-14);
  // continuous through T_c
  assert.ok(Math.abs(onsagerEnergyPerSpin(ISING_TC * (1 + 1e-9)) + Math.SQRT2) < 1e-6);
  assert.ok(Math.abs(onsagerEnergyPerSpin(ISING_TC * (1 - 1e-9)) + Math.SQRT2) < 1e-6);
  assert.ok(rel(onsagerEnergyPerSpin(0.2), -2) < 1e-15);
  // High-temperature series (t = tanh K): −βf = ln 2 + 2 ln cosh K + t⁴ + 2t⁶ + … (one closed
  // loop per elementary square, then 2 per 1×2 rectangle), so u = −2t − 4t³(1 − t²) − 12t⁵(1 − t²) − ….
  // At T = 100 the omitted terms are ~12t⁵ ≈ 1.2e−9, i.e. 6e−8 relative: tolerance 1e−6.
  const t = Math.tanh(1 / 100);
  assert.ok(rel(onsagerEnergyPerSpin(100), -2 * t - 4 * t ** 3 * (1 - t * t)) < 1e-6);
  assert.ok(rel(onsagerEnergyPerSpin(100), -2 * t) > 1e-4); // the t³ term is really there
});

test('X-ISING heat capacity per spin equals du/dT (5-point finite difference)', () => {
  const d = 1e-3;
  for (const T of [1, 1.5, 2, 2.2, 2.35, 3, 5]) {
    const u = (x: number) => onsagerEnergyPerSpin(x);
    const fd = (u(T - 2 * d) - 8 * u(T - d) + 8 * u(T + d) - u(T + 2 * d)) / (12 * d);
    // error ~ d⁴ u⁽⁵⁾/30; u⁽⁵⁾ grows like 1/|T − T_c|⁴, so 1e−9 relative away from T_c (|T − T_c| ≥ 0.07).
    assert.ok(rel(onsagerHeatCapacityPerSpin(T), fd) < 1e-7, `T=${T}: ${onsagerHeatCapacityPerSpin(T)} vs ${fd}`);
  }
});

test('X-ISING heat capacity diverges like -(8/pi) K_c^2 ln|1 - T/T_c|', () => {
  const A0 = (8 / Math.PI) * (Math.log(1 + Math.SQRT2) / 2) ** 2;
  for (const side of [-1, 1]) {
    const c1 = onsagerHeatCapacityPerSpin(ISING_TC * (1 + side * 1e-5));
    const c2 = onsagerHeatCapacityPerSpin(ISING_TC * (1 + side * 1e-6));
    // c = −A₀ ln|t| + B + O(t ln t): the difference over a decade is A₀ ln 10 up to ~1e−4.
    assert.ok(rel(c2 - c1, A0 * Math.LN10) < 1e-3, `side ${side}: ${c2 - c1} vs ${A0 * Math.LN10}`);
  }
});

test('X-ISING onsager functions reject bad T and bad moduli', () => {
  for (const [name, f] of [
    ['onsagerMagnetization', onsagerMagnetization],
    ['onsagerEnergyPerSpin', onsagerEnergyPerSpin],
    ['onsagerHeatCapacityPerSpin', onsagerHeatCapacityPerSpin],
  ] as const) {
    assert.throws(() => f(0), (e: Error) => e instanceof RangeError && e.message === `${name}: T must be a positive finite number, got 0`);
    assert.throws(() => f(-2), (e: Error) => e instanceof RangeError && e.message === `${name}: T must be a positive finite number, got -2`);
  }
  assert.throws(() => completeEllipticK(1.5), (e: Error) => e instanceof RangeError && e.message === 'completeEllipticK: k must be a number in [0, 1], got 1.5');
  assert.throws(() => completeEllipticE(-0.1), (e: Error) => e instanceof RangeError && e.message === 'completeEllipticE: k must be a number in [0, 1], got -0.1');
});

test.run();
