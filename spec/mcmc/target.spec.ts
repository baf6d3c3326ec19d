import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bananaTarget, fromEnergy, gaussianTarget, mixtureTarget1d, type LogDensity } from '../../lib/mcmc/index.js';
import { assertThrowsWith } from './helpers.js';

/** Composite Simpson rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

test('N-EBM-08 E = x²/2 through fromEnergy, normalized by quadrature, equals the N(0, 1) density (1e-10)', () => {
  const target = fromEnergy({ dim: 1, energy: (x) => 0.5 * x[0] * x[0], gradEnergy: (o, x) => { o[0] = x[0]; return o; } });
  const x = new Float64Array(1);
  const q = (v: number) => { x[0] = v; return Math.exp(target.logDensity(x)); };
  const Z = simpson(q, -12, 12, 4000);
  assert.ok(Math.abs(Z - Math.sqrt(2 * Math.PI)) < 1e-10, `Z = ${Z}`);
  for (const v of [-3, -1, 0, 0.5, 2.5]) {
    const phi = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
    assert.ok(Math.abs(q(v) / Z - phi) < 1e-10);
  }
  // ∇ log q = −∇E = −x
  assert.equal(Array.from(target.gradLogDensity!(new Float64Array(1), new Float64Array([1.5]))), [-1.5]);
});

test('N-EBM-08 fromEnergy without gradEnergy gives a target without gradLogDensity', () => {
  const t = fromEnergy({ dim: 2, energy: (x) => x[0] * x[0] + x[1] * x[1] });
  assert.is(t.gradLogDensity, undefined);
  assert.is(t.logDensity(new Float64Array([1, 2])), -5);
});

function checkGradient(name: string, t: LogDensity, x: number[]): void {
  const x0 = Float64Array.from(x);
  const g = t.gradLogDensity!(new Float64Array(t.dim), x0);
  for (let i = 0; i < t.dim; i++) {
    const h = 1e-5;
    const xp = x0.slice(); xp[i] += h;
    const xm = x0.slice(); xm[i] -= h;
    const fd = (t.logDensity(xp) - t.logDensity(xm)) / (2 * h);
    assert.ok(Math.abs(fd - g[i]) < 1e-7 * Math.max(1, Math.abs(g[i])), `${name}: d/dx_${i} analytic ${g[i]} vs central difference ${fd}`);
  }
}

test('standard targets: analytic gradients match central finite differences (float64, 1e-7)', () => {
  checkGradient('gaussian', gaussianTarget([1, -1, 0.5], [[2, 0.3, 0.1], [0.3, 1, -0.2], [0.1, -0.2, 0.5]]), [0.2, 0.7, -1.1]);
  checkGradient('mixture', mixtureTarget1d({ means: [-3, 3], sds: [1, 0.5], weights: [1, 3] }), [0.4]);
  checkGradient('mixture far tail', mixtureTarget1d({ means: [-3, 3], sds: [1, 1], weights: [0.5, 0.5] }), [-40]);
  checkGradient('banana', bananaTarget(1.3), [0.8, -0.4]);
});

test('gaussianTarget log density differences equal −½ (x−μ)ᵀ Σ⁻¹ (x−μ) (2×2 inverse by hand)', () => {
  const t = gaussianTarget([1, -1], [[1, 1.2], [1.2, 2]]);
  const det = 2 - 1.44;
  const q = (a: number, b: number) => -0.5 * ((2 * a * a - 2 * 1.2 * a * b + b * b) / det);
  const x = new Float64Array([0.3, 0.9]);
  assert.ok(Math.abs(t.logDensity(x) - q(0.3 - 1, 0.9 + 1)) < 1e-13);
});

test('mixtureTarget1d is a normalized density after adding the dropped constant −½ log 2π (quadrature, 1e-10)', () => {
  const t = mixtureTarget1d({ means: [-3, 3], sds: [1, 0.5], weights: [1, 3] });
  const x = new Float64Array(1);
  const Z = simpson((v) => { x[0] = v; return Math.exp(t.logDensity(x) - 0.5 * Math.log(2 * Math.PI)); }, -15, 15, 6000);
  assert.ok(Math.abs(Z - 1) < 1e-10, `∫ p = ${Z}`);
});

test('bananaTarget: closed-form moments E x2² = 1 + 2b², E x1 x2 = 0, E x1² x2 = 2b agree with 2-D quadrature (1e-8)', () => {
  const b = 0.5;
  const t = bananaTarget(b);
  const x = new Float64Array(2);
  // ∫∫ g(x) p(x) dx2 dx1 with the inner integral over x2 by Simpson
  const moment = (g: (a: number, c: number) => number) =>
    simpson((a) => simpson((c) => { x[0] = a; x[1] = c; return g(a, c) * Math.exp(t.logDensity(x)); }, -25, 40, 1300), -9, 9, 600);
  const Z = moment(() => 1);
  assert.ok(Math.abs(Z - 2 * Math.PI) < 1e-8 * 2 * Math.PI, `Z = ${Z}`);
  assert.ok(Math.abs(moment((_, c) => c * c) / Z - (1 + 2 * b * b)) < 1e-8);
  assert.ok(Math.abs(moment((a, c) => a * c) / Z) < 1e-8);
  assert.ok(Math.abs(moment((a, c) => a * a * c) / Z - 2 * b) < 1e-8);
  assert.ok(Math.abs(moment((_, c) => c) / Z) < 1e-8);
});

test('bad input: fromEnergy and the standard targets name the argument', () => {
  assertThrowsWith(() => fromEnergy(null as never), TypeError, 'fromEnergy: model');
  assertThrowsWith(() => fromEnergy({ dim: 0, energy: () => 0 }), RangeError, 'model.dim', '0');
  assertThrowsWith(() => fromEnergy({ dim: 1 } as never), TypeError, 'model.energy');
  assertThrowsWith(() => fromEnergy({ dim: 1, energy: () => 0, gradEnergy: 3 } as never), TypeError, 'model.gradEnergy');
  assertThrowsWith(() => gaussianTarget([0, 0], [[1, 0], [0.5, 1]]), RangeError, 'symmetric');
  assertThrowsWith(() => gaussianTarget([0, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]), RangeError, 'covariance is 3x3', 'length 2');
  assertThrowsWith(() => gaussianTarget([NaN], [[1]]), RangeError, 'mean[0]', 'NaN');
  assertThrowsWith(() => mixtureTarget1d({ means: [0, 1], sds: [1, 0], weights: [1, 1] }), RangeError, 'sds[1]', '0');
  assertThrowsWith(() => mixtureTarget1d({ means: [0, 1], sds: [1], weights: [1, 1] }), RangeError, 'same length');
  assertThrowsWith(() => bananaTarget(Infinity), RangeError, 'bananaTarget: b', 'Infinity');
});

test('gaussianTarget refuses a covariance that is not positive definite, naming the first leading minor that is not positive', () => {
  // [[1, 2], [2, 1]]: minors 1 and 1 - 4 = -3 (eigenvalues 3 and -1).
  assertThrowsWith(() => gaussianTarget([0, 0], [[1, 2], [2, 1]]), RangeError, 'gaussianTarget: covariance is not positive definite', 'leading 2x2 minor', 'is -3');
  // Singular: [[4, 2], [2, 1]] has determinant 0.
  assertThrowsWith(() => gaussianTarget([0, 0, 0], [[4, 2, 0], [2, 1, 0], [0, 0, 1]]), RangeError, 'leading 2x2 minor', 'is 0');
  // Every 2x2 minor positive, the 3x3 determinant 0.19 - (-0.155) + (-0.405) = -0.06.
  assertThrowsWith(() => gaussianTarget([0, 0, 0], [[1, 0.5, 0.9], [0.5, 1, 0.9], [0.9, 0.9, 1]]), RangeError, 'leading 3x3 minor (rows and columns 0..2) is -0.06');
});

test.run();
