/**
 * The transverse-field Ising chain (lib/vmc/spins): the Lanczos ground state against the
 * free-fermion closed form and against dense diagonalisation; the RBM amplitude's local energy,
 * flip ratios and log-derivatives against the full 2^N vector; sampled energies against the
 * enumerated variational energy within 4 SE (SE from blocking); SR and plain-gradient runs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Adam, Rng, SpinRbmState, matrix64, optimizeSpinState, runSpinBatch, createSpinChains, spinFlipLogRatio, spinFlipRatio, spinFlipTables, spinLocalEnergy, spinLogDerivatives, spinWalker,
  spinLogPsi, spinStatistics, spinTheta, srSolve, symmetricEigen, tfimApply, tfimChain, tfimClosedFormEnergy, tfimExactGroundState,
} from '../../lib/index.js';
import { throwsWith } from '../assert-error.js';

function spinsOf(b: number, n: number): Int8Array {
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) s[i] = (b >> i) & 1 ? -1 : 1;
  return s;
}

test('tfimExactGroundState (Lanczos) equals the free-fermion closed form with antiperiodic momenta, N = 2..12, h/J = 0.3, 1, 2.5', () => {
  for (let n = 2; n <= 12; n++) {
    for (const h of [0.3, 1, 2.5]) {
      const gs = tfimExactGroundState(n, 1, h);
      const closed = tfimClosedFormEnergy(n, 1, h);
      assert.ok(Math.abs(gs.energy - closed) < 1e-11 * Math.abs(closed), `N ${n}, h ${h}: Lanczos ${gs.energy} vs closed ${closed}`);
      assert.ok(gs.residual < 1e-9, `residual ${gs.residual}`);
    }
  }
});

test('negative control: the closed form over the periodic momenta k = 2πm/N (the odd-parity sector) misses the ground state', () => {
  for (const n of [4, 10]) {
    let wrong = 0;
    for (let m = 0; m < n; m++) wrong -= Math.sqrt(2 - 2 * Math.cos((2 * Math.PI * m) / n));
    const exact = tfimExactGroundState(n, 1, 1).energy;
    assert.ok(wrong - exact > 0.1, `N ${n}: periodic-momentum sum ${wrong} vs ground state ${exact}`);
  }
});

test('Lanczos at N = 16 (65536 states) and the critical-chain value at N = 10', () => {
  const gs = tfimExactGroundState(16, 1, 1);
  assert.ok(Math.abs(gs.energy - tfimClosedFormEnergy(16, 1, 1)) < 1e-11 * 21);
  // h = J = 1: √(2 − 2cos k) = 2 sin(k/2), and Σ_{m=0}^{N−1} sin((2m+1)π/(2N)) = 1/sin(π/(2N)), so E0 = −2/sin(π/(2N)) (N = 10: −12.7849…).
  assert.ok(Math.abs(tfimClosedFormEnergy(10, 1, 1) - -2 / Math.sin(Math.PI / 20)) < 1e-12);
});

test('Lanczos against dense diagonalisation (lib/linalg symmetricEigen) at N = 6, including h < 0 and J < 0', () => {
  for (const [J, h] of [[1, 0.7], [1, -0.7], [-1, 1.3], [0.5, 0]]) {
    const n = 6, dim = 64;
    const H = new Float64Array(dim * dim);
    const e = new Float64Array(dim), out = new Float64Array(dim);
    for (let b = 0; b < dim; b++) {
      e.fill(0); e[b] = 1;
      tfimApply(out, { n, J, h }, e);
      for (let r = 0; r < dim; r++) H[r * dim + b] = out[r];
    }
    const dense = symmetricEigen(matrix64(dim, dim, H));
    const lowest = Math.min(...dense.values);
    const gs = tfimExactGroundState(n, J, h);
    assert.ok(Math.abs(gs.energy - lowest) < 1e-10, `J ${J} h ${h}: ${gs.energy} vs dense ${lowest}`);
    assert.ok(gs.residual < 1e-9);
  }
});

test('tfimApply is symmetric: ⟨u|Hv⟩ = ⟨Hu|v⟩ for random u, v (N = 7)', () => {
  const rng = new Rng(2), n = 7, dim = 128;
  const u = new Float64Array(dim), v = new Float64Array(dim);
  for (let i = 0; i < dim; i++) { u[i] = rng.normal(); v[i] = rng.normal(); }
  const Hu = tfimApply(new Float64Array(dim), { n, J: 0.8, h: 1.7 }, u), Hv = tfimApply(new Float64Array(dim), { n, J: 0.8, h: 1.7 }, v);
  let a = 0, b = 0;
  for (let i = 0; i < dim; i++) { a += u[i] * Hv[i]; b += Hu[i] * v[i]; }
  assert.ok(Math.abs(a - b) < 1e-11 * Math.abs(a));
});

test('RBM amplitude: E_L(s) = (Ĥψ)(s)/ψ(s) from the full vector, flip ratios (log-cosh and product forms), and log-derivatives by finite differences (N = 6, α = 2)', () => {
  const n = 6, chain = tfimChain({ n, J: 1, h: 0.9 });
  const psi = SpinRbmState.create(n, 2, new Rng(3), 0.4);
  const dim = 2 ** n;
  const vec = new Float64Array(dim);
  for (let b = 0; b < dim; b++) vec[b] = Math.exp(spinLogPsi(psi, spinsOf(b, n)));
  const Hvec = tfimApply(new Float64Array(dim), chain, vec);
  const theta = new Float64Array(psi.m);
  const tables = spinFlipTables(psi);
  for (let b = 0; b < dim; b += 5) {
    const s = spinsOf(b, n);
    spinTheta(theta, psi, s);
    const w = spinWalker(psi, s);
    const eL = spinLocalEnergy(psi, tables, chain, w);
    assert.ok(Math.abs(eL - Hvec[b] / vec[b]) < 1e-10 * Math.max(1, Math.abs(eL)), `state ${b}: ${eL} vs ${Hvec[b] / vec[b]}`);
    for (let i = 0; i < n; i++) {
      const flipped = s.slice(); flipped[i] = -flipped[i] as -1 | 1;
      const direct = spinLogPsi(psi, flipped) - spinLogPsi(psi, s);
      assert.ok(Math.abs(spinFlipLogRatio(psi, s, theta, i) - direct) < 1e-12);
      assert.ok(Math.abs(Math.log(spinFlipRatio(psi, tables, w, i)) - direct) < 1e-12, 'the product form of the flip ratio');
    }
  }
  const s = spinsOf(37, n);
  const O = spinLogDerivatives(new Float64Array(psi.params.length), psi, spinWalker(psi, s));
  for (let k = 0; k < psi.params.length; k++) {
    const keep = psi.params[k], h = 1e-6;
    psi.params[k] = keep + h; const up = spinLogPsi(psi, s);
    psi.params[k] = keep - h; const down = spinLogPsi(psi, s);
    psi.params[k] = keep;
    assert.ok(Math.abs(O[k] - (up - down) / (2 * h)) < 1e-8, `O[${k}]`);
  }
});

test('Metropolis spin flips: ⟨E_L⟩ equals the enumerated ⟨ψ|Ĥ|ψ⟩/⟨ψ|ψ⟩ within 4 SE (blocking over 4 chains)', () => {
  const n = 8, chain = tfimChain({ n, J: 1, h: 1 });
  const psi = SpinRbmState.create(n, 1, new Rng(5), 0.3);
  const dim = 2 ** n;
  const vec = new Float64Array(dim);
  for (let b = 0; b < dim; b++) vec[b] = Math.exp(spinLogPsi(psi, spinsOf(b, n)));
  const Hvec = tfimApply(new Float64Array(dim), chain, vec);
  let num = 0, den = 0;
  for (let b = 0; b < dim; b++) { num += vec[b] * Hvec[b]; den += vec[b] * vec[b]; }
  const exact = num / den;
  const out = runSpinBatch({ state: psi, chain, chains: createSpinChains(n, 4, new Rng(6)), equilibration: 200, sweeps: 8192 });
  const st = spinStatistics([out], new Float64Array(psi.params.length));
  assert.ok(Math.abs(st.energy - exact) < 4 * st.error, `${st.energy} ± ${st.error} vs ${exact}`);
});

test('SR step: (S + εI) δ = F holds for the returned δ (S rebuilt here from the samples)', () => {
  const n = 6, chain = tfimChain({ n, J: 1, h: 1 });
  const psi = SpinRbmState.create(n, 1, new Rng(8), 0.2);
  const out = runSpinBatch({ state: psi, chain, chains: createSpinChains(n, 2, new Rng(9)), equilibration: 50, sweeps: 300 });
  const P = psi.params.length;
  const F = new Float64Array(P);
  const st = spinStatistics([out], F);
  const delta = srSolve(new Float64Array(P), st.Ocentred, st.samples, F, 1e-3);
  const O = st.Ocentred[0], rows = O.length / P;
  for (let k = 0; k < P; k++) {
    let lhs = 1e-3 * delta[k];
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      for (let l = 0; l < P; l++) dot += O[r * P + l] * delta[l];
      lhs += (O[r * P + k] * dot) / rows;
    }
    assert.ok(Math.abs(lhs - F[k]) < 1e-9 * Math.max(1e-3, Math.abs(F[k])) + 1e-12, `row ${k}: ${lhs} vs ${F[k]}`);
  }
});

test('short runs at N = 8, h = J: SR reaches a relative error below 5e-3 and stays above E0 − 4 SE (variational bound); Adam also goes down', () => {
  const n = 8, chain = tfimChain({ n, J: 1, h: 1 });
  const exact = tfimExactGroundState(n, 1, 1).energy;
  const psi = SpinRbmState.create(n, 1, new Rng(1));
  const sr = optimizeSpinState(psi, chain, { update: { kind: 'sr', learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 60, sweeps: 200 }, new Rng(2));
  const out = runSpinBatch({ state: psi, chain, chains: createSpinChains(n, 4, new Rng(3)), equilibration: 200, sweeps: 4000 });
  const st = spinStatistics([out], new Float64Array(psi.params.length));
  assert.ok(st.energy > exact - 4 * st.error, `${st.energy} ± ${st.error} below E0 = ${exact}`);
  assert.ok((st.energy - exact) / Math.abs(exact) < 5e-3, `relative error ${(st.energy - exact) / Math.abs(exact)}`);
  assert.ok(sr.history[0].energy > st.energy + 0.5);
  const psi2 = SpinRbmState.create(n, 1, new Rng(1));
  const adam = optimizeSpinState(psi2, chain, { update: { kind: 'gradient', optimizer: new Adam({ lr: 0.02 }) }, iterations: 60, sweeps: 200 }, new Rng(2));
  assert.ok(adam.history[59].energy < adam.history[0].energy - 0.5);
});

test('bad input: sizes, couplings, closed-form domain, SR options', () => {
  throwsWith(() => tfimExactGroundState(17, 1, 1), RangeError, 'tfimExactGroundState: n (the number of spins N) must be an integer in [2, 16], got 17');
  throwsWith(() => tfimClosedFormEnergy(10, -1, 1), RangeError, 'assumes J > 0 and h >= 0');
  throwsWith(() => tfimChain({ n: 1, h: 1 }), RangeError, 'n must be an integer in [2, 4096], got 1');
  throwsWith(() => tfimChain({ n: 4, h: 1, g: 2 } as never), TypeError, "tfimChain: unknown option 'g' (allowed: n, J, h)");
  throwsWith(() => SpinRbmState.create(10, 0.15, new Rng(1)), RangeError, 'alpha·n an integer');
  const psi = SpinRbmState.create(4, 1, new Rng(1));
  throwsWith(() => optimizeSpinState(psi, tfimChain({ n: 4, h: 1 }), { update: { kind: 'sr', learningRate: 0.1, diagonalShift: 0 }, iterations: 2 }, new Rng(1)), RangeError, 'diagonalShift > 0');
  throwsWith(() => optimizeSpinState(psi, tfimChain({ n: 5, h: 1 }), { update: { kind: 'sr', learningRate: 0.1, diagonalShift: 1 }, iterations: 2 }, new Rng(1)), RangeError, 'the chain has 5 spins but the state 4');
});

test.run();
