/**
 * The RBM wavefunction ψ = √p_GB (lib/vmc/wavefunction.ts) and the quantum-dot local energy
 * (lib/vmc/hamiltonian.ts). References: enumeration of the hidden states in float64 (the
 * Gaussian-binary energy N-GRBM-01 written out here), central finite differences in float64,
 * and exact values (the non-interacting ground state, a hand geometry for Coulomb).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Rng, RbmWavefunction, harmonicOscillator, interactionEnergy, localEnergy, logPsi, logPsiCoordinateDerivatives,
  logPsiParameterGradient, trapPotential, type HiddenUnits, type JastrowKind,
} from '../../lib/index.js';
import { throwsWith } from '../assert-error.js';

/** A wavefunction with every parameter drawn from N(0, 0.5²) (σ² trained or not), so no term is trivially zero. */
function generic(P: number, D: number, N: number, jastrow: JastrowKind, hiddenUnits: HiddenUnits, trainSigma2: boolean, seed: number): RbmWavefunction {
  const rng = new Rng(seed);
  const wf = RbmWavefunction.create({ particles: P, dims: D, hidden: N, jastrow, hiddenUnits, trainSigma2, initScale: 0.5, cusp: jastrow === 'pade' && D === 1 ? 0.7 : undefined, beta: jastrow === 'none' ? undefined : 0.4 }, rng);
  if (trainSigma2) for (let k = 0; k < wf.nVisible; k++) wf.params[wf.logSigma2Offset + k] = Math.log(0.3 + 0.4 * rng.float());
  wf.syncFromParams();
  return wf;
}

function randomX(M: number, rng: Rng, scale = 1): Float64Array {
  const x = new Float64Array(M);
  for (let k = 0; k < M; k++) x[k] = scale * rng.normal();
  return x;
}

/** ln Σ_h e^{−E_GB(x,h)} by enumerating the 2^N hidden states, E_GB from N-GRBM-01 (float64). */
function logMarginalByEnumeration(wf: RbmWavefunction, x: Float64Array): number {
  const M = wf.nVisible, N = wf.nHidden;
  const terms: number[] = [];
  for (let code = 0; code < 2 ** N; code++) {
    const h = Array.from({ length: N }, (_, j) => {
      const bit = (code >> j) & 1;
      return wf.hiddenUnits === 'binary' ? bit : 2 * bit - 1;
    });
    let E = 0;
    for (let k = 0; k < M; k++) E += (x[k] - wf.a[k]) ** 2 / (2 * wf.sigma2[k]);
    for (let j = 0; j < N; j++) E -= wf.b[j] * h[j];
    for (let k = 0; k < M; k++) for (let j = 0; j < N; j++) E -= (x[k] * wf.W[k * N + j] * h[j]) / wf.sigma2[k];
    terms.push(-E);
  }
  const mx = Math.max(...terms);
  return mx + Math.log(terms.reduce((s, t) => s + Math.exp(t - mx), 0));
}

test('N-VMC-02 M = P·D visible units: 4 for two particles in 2-D, coordinates laid out (x1, y1, x2, y2)', () => {
  const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 3 });
  assert.is(wf.nVisible, 4);
  assert.is(wf.params.length, 4 + 3 + 12);
  // particle 1 at (3, 4), particle 2 at the origin: r12 = 5 uses indices (0, 1) and (2, 3)
  assert.ok(Math.abs(interactionEnergy(harmonicOscillator({ omega: 1, interaction: 'coulomb' }), new Float64Array([3, 4, 0, 0]), 2, 2) - 0.2) < 1e-15);
  assert.is(RbmWavefunction.create({ particles: 6, dims: 3, hidden: 2 }).nVisible, 18);
});

test('N-VMC-01 N-VMC-03 N-VMC-04 ln ψ = ½ ln Σ_h e^{−E_GB(x,h)} (enumerated, float64) up to the constant −½ ln Z, for binary and ±1 hidden units', () => {
  for (const units of ['binary', 'spin'] as const) {
    const wf = generic(2, 2, 3, 'none', units, true, 11);
    const rng = new Rng(12);
    for (let t = 0; t < 5; t++) {
      const x = randomX(4, rng);
      const ref = 0.5 * logMarginalByEnumeration(wf, x);
      assert.ok(Math.abs(logPsi(wf, x) - ref) < 1e-12 * Math.max(1, Math.abs(ref)), `${units}: ${logPsi(wf, x)} vs ${ref}`);
    }
  }
});

test('N-VMC-03 ψ(x′)/ψ(x) = √(p(x′)/p(x)): Z cancels in every ratio', () => {
  const wf = generic(2, 2, 2, 'none', 'binary', false, 3);
  const rng = new Rng(4);
  const x = randomX(4, rng), y = randomX(4, rng);
  const ratio = Math.exp(logPsi(wf, y) - logPsi(wf, x));
  const ref = Math.sqrt(Math.exp(logMarginalByEnumeration(wf, y) - logMarginalByEnumeration(wf, x)));
  assert.ok(Math.abs(ratio / ref - 1) < 1e-12);
});

const CASES: [number, number, number, JastrowKind, HiddenUnits, boolean][] = [
  [1, 1, 1, 'none', 'binary', false],
  [2, 2, 2, 'none', 'binary', true],
  [2, 2, 3, 'simple', 'spin', false],
  [2, 2, 2, 'pade', 'binary', true],
  [3, 3, 2, 'pade', 'spin', false],
  [3, 1, 2, 'pade', 'binary', false],
];

test('N-VMC-06 ∂_k ln ψ and ∂_k² ln ψ against central finite differences (float64; with and without Jastrow)', () => {
  for (const [P, D, N, j, u, ts] of CASES) {
    const wf = generic(P, D, N, j, u, ts, 20 + P + D);
    const rng = new Rng(21);
    for (let t = 0; t < 3; t++) {
      const x = randomX(P * D, rng);
      const g = new Float64Array(P * D), l = new Float64Array(P * D);
      const value = logPsiCoordinateDerivatives(g, l, wf, x);
      assert.ok(Math.abs(value - logPsi(wf, x)) < 1e-12, 'returns ln ψ');
      for (let k = 0; k < P * D; k++) {
        const h1 = 1e-6, h2 = 1e-4;
        const xp = x.slice(), xm = x.slice();
        xp[k] += h1; xm[k] -= h1;
        const fd1 = (logPsi(wf, xp) - logPsi(wf, xm)) / (2 * h1);
        xp[k] = x[k] + h2; xm[k] = x[k] - h2;
        const fd2 = (logPsi(wf, xp) - 2 * logPsi(wf, x) + logPsi(wf, xm)) / (h2 * h2);
        // central differences: error O(h²·f''') + rounding 1e-16/h (first), O(h²) + 1e-16/h² (second)
        assert.ok(Math.abs(g[k] - fd1) < 1e-8 * Math.max(1, Math.abs(g[k])), `${P}x${D} ${j} ${u}: grad[${k}] ${g[k]} vs ${fd1}`);
        assert.ok(Math.abs(l[k] - fd2) < 1e-5 * Math.max(1, Math.abs(l[k])), `${P}x${D} ${j} ${u}: lap[${k}] ${l[k]} vs ${fd2}`);
      }
    }
  }
});

test('N-VMC-05 ∂ ln ψ/∂θ (a, b, W, ln σ², β) against central finite differences (float64)', () => {
  for (const [P, D, N, j, u, ts] of CASES) {
    const wf = generic(P, D, N, j, u, ts, 40 + N);
    const x = randomX(P * D, new Rng(41));
    const g = logPsiParameterGradient(new Float64Array(wf.params.length), wf, x);
    for (let i = 0; i < wf.params.length; i++) {
      const keep = wf.params[i], h = 1e-6;
      wf.params[i] = keep + h; wf.syncFromParams();
      const up = logPsi(wf, x);
      wf.params[i] = keep - h; wf.syncFromParams();
      const down = logPsi(wf, x);
      wf.params[i] = keep; wf.syncFromParams();
      const fd = (up - down) / (2 * h);
      assert.ok(Math.abs(g[i] - fd) < 1e-8 * Math.max(1, Math.abs(fd)), `${P}x${D} ${j} ${u} param ${i}: ${g[i]} vs ${fd}`);
    }
  }
});

test('N-VMC-10 exact non-interacting state (a = b = W = 0, σ² = 1/(2ω)): E_L = P·D·ω/2 at every x, for any ω', () => {
  const rng = new Rng(5);
  for (const omega of [0.1, 0.5, 1, 2.3]) {
    for (const [P, D] of [[1, 1], [2, 2], [3, 2], [2, 3]]) {
      const wf = RbmWavefunction.create({ particles: P, dims: D, hidden: 2, omega });
      const h = harmonicOscillator({ omega });
      for (let t = 0; t < 5; t++) {
        const x = randomX(P * D, rng, 2 / Math.sqrt(omega));
        const e = localEnergy(wf, h, x);
        assert.ok(Math.abs(e - (P * D * omega) / 2) < 1e-12 * (1 + Math.abs(e)), `ω ${omega}, P ${P}, D ${D}: ${e}`);
      }
    }
  }
  // the two numbers the whiteboard setting names: 0.5 (one particle in 1-D) and 2 (two in 2-D), ω = 1
  assert.ok(Math.abs(localEnergy(RbmWavefunction.create({ particles: 1, dims: 1, hidden: 1 }), harmonicOscillator({ omega: 1 }), new Float64Array([0.7])) - 0.5) < 1e-15);
  assert.ok(Math.abs(localEnergy(RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 }), harmonicOscillator({ omega: 1 }), new Float64Array([0.3, -1, 2, 0.5])) - 2) < 1e-14);
});

test('N-VMC-10 E_L = −½∇²ψ/ψ (finite differences of ψ itself) + trap + Coulomb, at generic parameters with and without Jastrow', () => {
  for (const [P, D, N, j, u, ts] of CASES) {
    const wf = generic(P, D, N, j, u, ts, 60 + D);
    const ham = harmonicOscillator({ omega: 0.8, interaction: P > 1 ? 'coulomb' : 'none' });
    const x = randomX(P * D, new Rng(61));
    const psi = (y: Float64Array) => Math.exp(logPsi(wf, y));
    const h = 1e-4;
    let lap = 0;
    for (let k = 0; k < P * D; k++) {
      const xp = x.slice(), xm = x.slice();
      xp[k] += h; xm[k] -= h;
      lap += (psi(xp) - 2 * psi(x) + psi(xm)) / (h * h);
    }
    const ref = (-0.5 * lap) / psi(x) + trapPotential(ham, x) + interactionEnergy(ham, x, P, D);
    const e = localEnergy(wf, ham, x);
    assert.ok(Math.abs(e - ref) < 1e-5 * Math.max(1, Math.abs(ref)), `${P}x${D} ${j}: ${e} vs ${ref}`);
  }
});

test('N-VMC-09 pair interaction on a hand geometry: three electrons at (0,0), (3,4), (0,4) in 2-D', () => {
  const ham = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
  // r12 = 5, r13 = 4, r23 = 3
  assert.ok(Math.abs(interactionEnergy(ham, new Float64Array([0, 0, 3, 4, 0, 4]), 3, 2) - (1 / 5 + 1 / 4 + 1 / 3)) < 1e-15);
  assert.is(interactionEnergy(harmonicOscillator({ omega: 1 }), new Float64Array([0, 0, 3, 4]), 2, 2), 0);
  // trap: ½ω²Σx² with ω = 2 at (1, 1): 4
  assert.is(trapPotential({ omega: 2, interaction: 'none' }, new Float64Array([1, 1])), 4);
});

test('Padé–Jastrow with the cusp a = 1 (2-D, opposite spins) keeps E_L finite as r12 → 0; without it E_L grows like 1/r12', () => {
  const ham = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
  const pade = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow: 'pade', beta: 0.4 });
  const plain = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 });
  const at = (r: number) => new Float64Array([0.3, 0.2, 0.3 + r, 0.2]);
  // Kato: 1/r from Coulomb cancels against −½∇²J: the a/r of the kinetic term. Change from r = 1e-3 to 1e-7: O(r) for Padé, ~1e7 without.
  assert.ok(Math.abs(localEnergy(pade, ham, at(1e-7)) - localEnergy(pade, ham, at(1e-3))) < 1e-2);
  assert.ok(localEnergy(plain, ham, at(1e-7)) > 0.9e7);
  // a wrong cusp (a = 0.5) does not cancel: the 1/(2r) survives
  const wrong = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow: 'pade', cusp: 0.5, beta: 0.4 });
  assert.ok(Math.abs(localEnergy(wrong, ham, at(1e-7)) * 1e-7 - 0.5) < 1e-3);
});

test('bad input: unknown option, Padé in 1-D without a cusp, wrong x length, bad omega, NaN parameter', () => {
  throwsWith(() => RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, sigma: 1 } as never), TypeError, "RbmWavefunction.create: unknown option 'sigma' (allowed: particles, dims");
  throwsWith(() => harmonicOscillator({ omega: 1, coulomb: true } as never), TypeError, "harmonicOscillator: unknown option 'coulomb' (allowed: omega, interaction)");
  throwsWith(() => RbmWavefunction.create({ particles: 2, dims: 1, hidden: 2, jastrow: 'pade' }), RangeError, 'needs an explicit cusp');
  throwsWith(() => RbmWavefunction.create({ particles: 2, dims: 4, hidden: 2 }), RangeError, 'dims must be an integer in [1, 3], got 4');
  throwsWith(() => RbmWavefunction.create({ particles: 1, dims: 1, hidden: 1, initScale: 0.1 }), TypeError, 'needs an rng');
  const wf = RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2 });
  throwsWith(() => logPsi(wf, new Float64Array(3)), RangeError, 'logPsi: x must be a Float64Array of length M = P·D = 4, got length 3');
  throwsWith(() => harmonicOscillator({ omega: -1 }), RangeError, 'omega must be a finite number > 0, got -1');
  throwsWith(() => harmonicOscillator({ omega: 1, interaction: 'yukawa' as never }), RangeError, "interaction must be 'none' or 'coulomb', got yukawa");
  wf.params[5] = NaN;
  throwsWith(() => wf.syncFromParams(), RangeError, 'parameter b[1] is NaN');
});

test.run();
