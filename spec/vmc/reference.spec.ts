/**
 * The independent references of lib/vmc/reference.ts: Sturm bisection for tridiagonal matrices,
 * and the two-electron quantum-dot energy from the relative radial equation, checked against
 * closed forms.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { twoElectronDotEnergy } from '../../lib/index.js';
import { lowestTridiagonalEigenvalue } from '../../lib/vmc/reference.js';
import { throwsWith } from '../assert-error.js';

test('lowestTridiagonalEigenvalue: [[2,−1],[−1,2]] → 1; the n×n second-difference matrix → 2 − 2cos(π/(n+1))', () => {
  assert.ok(Math.abs(lowestTridiagonalEigenvalue(new Float64Array([2, 2]), new Float64Array([-1])) - 1) < 1e-15);
  for (const n of [1, 3, 10, 500]) {
    const d = new Float64Array(n).fill(2), e = new Float64Array(n - 1).fill(-1);
    const exact = 2 - 2 * Math.cos(Math.PI / (n + 1));
    assert.ok(Math.abs(lowestTridiagonalEigenvalue(d, e) - exact) < 1e-14, `n ${n}`);
  }
  // a diagonal matrix: the smallest entry, even when it is not first
  assert.ok(Math.abs(lowestTridiagonalEigenvalue(new Float64Array([3, -7, 1]), new Float64Array([0, 0])) + 7) < 1e-14);
});

test('twoElectronDotEnergy: ω = 1 gives Taut\'s exact 3, ω = 1/6 gives 2/3, and without Coulomb P·D·ω/2', () => {
  // ω = 1: u(r) = (1 + r) e^{−r²/4} solves −(u″ + u′/r) + (r²/4 + 1/r) u = 2u exactly, so E = ω + 2 = 3
  // (M. Taut, J. Phys. A 27, 1045 (1994), the 2-D case of Phys. Rev. A 48, 3561 (1993)).
  assert.ok(Math.abs(twoElectronDotEnergy(1) - 3) < 1e-6);
  // ω = 1/6: u(r) = (1 + r + r²/6) e^{−r²/24} solves it with E_rel = ½ (substitute and collect powers of r), so E = 1/6 + 1/2 = 2/3.
  assert.ok(Math.abs(twoElectronDotEnergy(1 / 6) - 2 / 3) < 1e-6);
  for (const w of [0.1, 0.5, 1, 2]) assert.ok(Math.abs(twoElectronDotEnergy(w, { interaction: 'none' }) - 2 * w) < 1e-6 * w);
});

test('twoElectronDotEnergy at ω = 0.5 and 0.1 agrees with published diffusion Monte Carlo (Pedersen Lohne et al., PRB 84, 115302 (2011)) to 1e-5', () => {
  // The DMC values 1.65977 (ω = 0.5) and 0.44079 (ω = 0.1), each quoted with a statistical error of 1 in the last digit.
  assert.ok(Math.abs(twoElectronDotEnergy(0.5) - 1.65977) < 2e-5);
  assert.ok(Math.abs(twoElectronDotEnergy(0.1) - 0.44079) < 2e-5);
});

test('bad input', () => {
  throwsWith(() => lowestTridiagonalEigenvalue(new Float64Array([1, 2]), new Float64Array(2)), RangeError, 'off must be a Float64Array of length diag.length − 1 = 1, got Float64Array(2)');
  throwsWith(() => twoElectronDotEnergy(0), RangeError, 'omega must be a finite number > 0, got 0');
  throwsWith(() => twoElectronDotEnergy(1, { points: 10 }), RangeError, 'points must be an integer in [100, 1e7], got 10');
});

test.run();
