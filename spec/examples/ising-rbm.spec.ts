/**
 * The Ising-RBM example's steps (docs/examples/support/ising-rbm.ts) and its command line.
 * The example's own figures (RBM vs Monte Carlo within 3 %) come from long training and live in
 * docs/rbm.md; here the plumbing is checked against independent computations:
 *
 * - the Wolff samples' recorded E and M are the Hamiltonian of the recorded spins, recomputed
 *   here from the bonds (each site's right and down neighbour, periodic);
 * - the RBM chains are scored with that Hamiltonian: an RBM with W = 0 and visible bias α has
 *   independent visible spins with p(s = +1) = σ(2α) (N-SPIN-02), so ⟨s_i s_j⟩ = tanh²α and
 *   ⟨E⟩/N = −2 tanh²α exactly (2N bonds), and ⟨|M|⟩ = Σ_b C(N, b) pᵇ(1 − p)^{N−b} |2b − N|;
 *   with W = 0 every Gibbs step draws a fresh independent state, so 4 standard errors (blocking)
 *   is a sound tolerance;
 * - the learning-rate schedule, and `--json`, `--help` and a bad argument on the command line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isingObservables, Rng, SpinRBM } from '../../lib/index.js';
import { holdThenDecay, rbmChains, wolffSamples, type IsingRBMSettings } from '../../docs/examples/support/ising-rbm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = join(root, 'docs', 'examples', 'ising-rbm.ts');

/** E = −Σ_<ij> s_i s_j over the right and down bond of every site (periodic), M = Σ s_i. */
function hamiltonian(s: ArrayLike<number>, L: number): { E: number; M: number } {
  let E = 0, M = 0;
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      const x = s[r * L + c];
      E -= x * (s[r * L + ((c + 1) % L)] + s[((r + 1) % L) * L + c]);
      M += x;
    }
  }
  return { E, M };
}

test('wolffSamples: recorded E and M are the Hamiltonian of the recorded ±1 spins', () => {
  const L = 8, n = 256;
  const { spins, run } = wolffSamples(L, 2.27, n, new Rng(5));
  assert.is(spins.rows, n);
  assert.is(spins.cols, L * L);
  assert.ok(run.clustersPerSample! >= 1);
  for (let t = 0; t < n; t++) {
    const row = spins.data.subarray(t * L * L, (t + 1) * L * L);
    assert.ok(row.every((v) => v === 1 || v === -1), `row ${t} is not ±1`);
    const h = hamiltonian(row, L);
    assert.is(run.energy[t], h.E, `E of row ${t}`);
    assert.is(run.magnetization[t], h.M, `M of row ${t}`);
  }
});

test('rbmChains: W = 0, a = α gives ⟨E⟩/N = −2 tanh²α and the binomial ⟨|M|⟩ (4 SE)', () => {
  const L = 8, N = L * L, alpha = 0.3;
  const rbm = SpinRBM.create(N, 4, { W: new Float64Array(N * 4), a: new Float64Array(N).fill(alpha), b: [0.5, -0.5, 0, 1] });
  const s: IsingRBMSettings = {
    L, data: 0, hidden: 4, method: 'cd', k: 1, epochs: 1, batch: 1, lr0: 1, hold: 0, lrEnd: 1,
    chains: 16, burnIn: 1, perChain: 256, thin: 1,
  };
  const { run } = rbmChains(rbm, L, 2.5, s, new Rng(6));
  assert.is(run.energy.length, 16 * 256);
  const o = isingObservables(run);
  const e = o.energyPerSpin, m = o.absMagnetizationPerSpin;
  const eExact = -2 * Math.tanh(alpha) ** 2;
  const p = 1 / (1 + Math.exp(-2 * alpha));
  let mExact = 0, binom = 1; // binom = C(N, b)
  for (let b = 0; b <= N; b++) {
    mExact += binom * p ** b * (1 - p) ** (N - b) * Math.abs(2 * b - N);
    binom = (binom * (N - b)) / (b + 1);
  }
  mExact /= N;
  assert.ok(Math.abs(e.value - eExact) < 4 * e.error, `⟨E⟩/N ${e.value} ± ${e.error} vs ${eExact}`);
  assert.ok(Math.abs(m.value - mExact) < 4 * m.error, `⟨|m|⟩ ${m.value} ± ${m.error} vs ${mExact}`);
});

test('holdThenDecay: lr0 for ⌊hold·epochs⌋ epochs, then linear to lrEnd at the last epoch', () => {
  const lr = holdThenDecay(0.003, 0.6, 3e-5, 60);
  assert.is(lr(0), 0.003);
  assert.is(lr(35), 0.003);
  assert.is(lr(36), 0.003); // first epoch of the decay starts at lr0
  assert.ok(Math.abs(lr(59) - 3e-5) < 1e-15);
  assert.ok(lr(48) < 0.003 && lr(48) > 3e-5);
  const noHold = holdThenDecay(0.01, 0, 1e-4, 25);
  assert.is(noHold(0), 0.01);
  assert.ok(Math.abs(noHold(24) - 1e-4) < 1e-15);
});

test('ising-rbm.ts --quick --json: one JSON line with the per-temperature figures', () => {
  const out = mkdtempSync(join(tmpdir(), 'ising-rbm-'));
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', example, '--quick', '--json', '--temperatures', '2.27', '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).toString();
    const lines = stdout.trim().split('\n');
    assert.is(lines.length, 1);
    const j = JSON.parse(lines[0]);
    assert.is(j.example, 'ising-rbm');
    assert.is(j.quick, true);
    assert.is(j.temperatures.length, 1);
    const t = j.temperatures[0];
    assert.is(t.T, 2.27);
    for (const side of ['mc', 'rbm']) {
      for (const q of ['energyPerSpin', 'absMagnetizationPerSpin', 'heatCapacityPerSpin', 'susceptibilityAbsPerSpin']) {
        assert.ok(Number.isFinite(t[side][q].value) && t[side][q].error > 0, `${side}.${q}`);
      }
    }
    assert.ok(Math.abs(t.relative.energy - (t.rbm.energyPerSpin.value - t.mc.energyPerSpin.value) / Math.abs(t.mc.energyPerSpin.value)) < 1e-12);
    assert.ok(Number.isFinite(t.exact.energyPerSpin) && t.seconds.train.wall > 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('ising-rbm.ts --help exits 0; a bad argument exits 2 naming it', () => {
  const help = execFileSync(process.execPath, ['--import', 'tsx', example, '--help'], { cwd: root, stdio: 'pipe' }).toString();
  assert.ok(help.includes('--quick') && help.includes('--json') && help.includes('--seed'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', example, '--data', '1000'], { cwd: root, stdio: 'pipe' });
    assert.unreachable('no error');
  } catch (e) {
    const err = e as { status?: number; stderr?: Buffer };
    assert.is(err.status, 2);
    assert.ok(String(err.stderr).includes('--data must be a power of two'), String(err.stderr));
  }
});

test.run();
