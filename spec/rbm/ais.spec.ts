/**
 * Annealed importance sampling (lib/rbm/ais.ts) and the evaluation functions (lib/rbm/evaluate.ts).
 *
 * AIS is checked against exact log Z (enumeration) on random RBMs with weights ~ N(0, 1) — far
 * from the near-independent regime where annealing is easy — with the two requirements stated
 * for it: |log Ẑ − log Z| < 0.1 nats and log Z inside [lower, upper] (±3 standard errors of the
 * mean weight; for a fixed seed this holds or not deterministically, and the seeds are the first
 * ones tried). The bookkeeping (base partition function, weight increments, the interval
 * formula) is checked exactly on cases computed by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix, type Matrix } from '../../lib/linalg/matrix.js';
import {
  BernoulliRBM, GaussianBernoulliRBM, SpinRBM, aisEstimate, aisSchedule, averageLogLikelihood, freeEnergy,
  freeEnergyGap, logPartitionAIS, logPartitionBase, logPartitionExact, pseudoLogLikelihood, type RBM,
} from '../../lib/rbm/index.js';
import { aisLogWeights } from '../../lib/rbm/ais.js';
import { throwsMsg } from '../assert-error.js';
import { allStates, bruteLogZ, logSumExp, score, type Params } from './brute.js';

/** An RBM with W ~ N(0, scale²), a, b ~ N(0, 1) from `seed`. */
function randomRBM(kind: 'bernoulli' | 'spin', M: number, N: number, seed: number, scale: number): RBM {
  const g = new Rng(seed);
  const W = matrix(M, N);
  g.fillNormal(W.data, 0, scale);
  const a = g.fillNormal(new Float32Array(M), 0, 1);
  const b = g.fillNormal(new Float32Array(N), 0, 1);
  return kind === 'spin' ? new SpinRBM(W, a, b) : new BernoulliRBM(W, a, b);
}

test('aisSchedule: linear K + 1 values; the Salakhutdinov & Murray schedule (14,500 steps of 1e-3, 1e-4, 1e-5)', () => {
  assert.equal(Array.from(aisSchedule(4)), [0, 0.25, 0.5, 0.75, 1]);
  const b = aisSchedule('salakhutdinov-murray');
  assert.is(b.length, 14501);
  assert.is(b[0], 0);
  assert.is(b[500], 0.5);
  assert.is(b[4500], 0.9);
  assert.is(b[14500], 1);
  const near = (x: number, y: number) => Math.abs(x - y) < 1e-12;
  for (let k = 1; k <= 14500; k++) {
    const step = b[k] - b[k - 1];
    const expected = k <= 500 ? 1e-3 : k <= 4500 ? 1e-4 : 1e-5;
    assert.ok(near(step, expected), `step ${k}: ${step}`);
  }
});

test('AIS is exact when W = 0 and the base model is the RBM\'s own visible part: every log weight is Σ_j [softplus(b_j) − ln 2]', () => {
  const a = [0.5, -1, 2], bias = [0.25, -0.75];
  const rbm = BernoulliRBM.create(3, 2, { W: [[0, 0], [0, 0], [0, 0]], a, b: bias });
  const r = logPartitionAIS(rbm, { runs: 5, betas: 7, rng: new Rng(1), baseRate: a });
  const sp = (z: number) => Math.log1p(Math.exp(z));
  const expectedW = sp(0.25) - Math.LN2 + sp(-0.75) - Math.LN2;
  for (const w of r.logWeights) assert.ok(Math.abs(w - expectedW) < 1e-6, `${w} vs ${expectedW}`);
  // log Z = Σ_i softplus(a_i) + Σ_j softplus(b_j) for independent units
  const exact = sp(0.5) + sp(-1) + sp(2) + sp(0.25) + sp(-0.75);
  assert.ok(Math.abs(r.logZBase - (sp(0.5) + sp(-1) + sp(2) + 2 * Math.LN2)) < 1e-12);
  assert.ok(Math.abs(r.logZ - exact) < 1e-6);
  assert.ok(Math.abs(r.lower - exact) < 1e-6 && Math.abs(r.upper - exact) < 1e-6); // zero variance
});

test('logPartitionBase: N ln 2 + Σ softplus(a_A) (0/1) or Σ log 2cosh(a_A) (±1)', () => {
  assert.ok(Math.abs(logPartitionBase('bernoulli', new Float64Array([0, 1]), 3) - (3 * Math.LN2 + Math.LN2 + Math.log(1 + Math.E))) < 1e-12);
  assert.ok(Math.abs(logPartitionBase('spin', new Float64Array([0, 1]), 1) - (Math.LN2 + Math.LN2 + Math.log(2 * Math.cosh(1)))) < 1e-12);
});

test('aisEstimate: the mean weight and its ±3 SE interval, by hand', () => {
  // w = 1, 2, 3: mean 2, sample sd 1, SE 1/√3
  const r = aisEstimate(new Float64Array([0, Math.log(2), Math.log(3)]), 10);
  const se = 1 / Math.sqrt(3);
  assert.ok(Math.abs(r.logZ - (10 + Math.log(2))) < 1e-12);
  assert.ok(Math.abs(r.lower - (10 + Math.log(2 - 3 * se))) < 1e-12);
  assert.ok(Math.abs(r.upper - (10 + Math.log(2 + 3 * se))) < 1e-12);
  // w = 1, 3: mean 2, sd √2, SE 1: the lower end 2 − 3 < 0 is −∞
  const s = aisEstimate(new Float64Array([0, Math.log(3)]), 0);
  assert.is(s.lower, -Infinity);
  assert.ok(Math.abs(s.upper - Math.log(5)) < 1e-12);
  // huge log weights do not overflow: the same numbers shifted by 1e4
  const big = aisEstimate(new Float64Array([1e4, 1e4 + Math.log(2), 1e4 + Math.log(3)]), 10);
  assert.ok(Math.abs(big.logZ - (1e4 + 10 + Math.log(2))) < 1e-9);
  throwsMsg(() => aisEstimate(new Float64Array([0]), 0), RangeError, 'aisEstimate: logWeights has length 1, but a standard error needs at least 2 runs');
});

test('AIS within 0.1 nats of exact log Z, exact value in [lower, upper]: 20x20 binary RBMs, weights ~ N(0, 1), 100 runs, 1000 steps', () => {
  for (const seed of [1, 2, 3]) {
    const rbm = randomRBM('bernoulli', 20, 20, seed, 1);
    const exact = logPartitionExact(rbm);
    const r = logPartitionAIS(rbm, { runs: 100, betas: 1000, rng: new Rng(100 + seed) });
    assert.ok(Math.abs(r.logZ - exact) < 0.1, `seed ${seed}: AIS ${r.logZ} vs exact ${exact}`);
    assert.ok(r.lower <= exact && exact <= r.upper, `seed ${seed}: ${exact} outside [${r.lower}, ${r.upper}]`);
    assert.is(r.logWeights.length, 100);
  }
});

test('AIS for spin RBMs (12x12, weights ~ N(0, 1), 2000 steps) and with a base rate fitted to data', () => {
  for (const seed of [1, 2]) {
    const rbm = randomRBM('spin', 12, 12, seed, 1);
    const exact = logPartitionExact(rbm);
    const r = logPartitionAIS(rbm, { runs: 100, betas: 2000, rng: new Rng(200 + seed) });
    assert.ok(Math.abs(r.logZ - exact) < 0.1, `spin seed ${seed}: AIS ${r.logZ} vs exact ${exact}`);
    assert.ok(r.lower <= exact && exact <= r.upper, `spin seed ${seed}: ${exact} outside [${r.lower}, ${r.upper}]`);
  }
  // base rate from data: 200 rows drawn with pixel i on with probability (i + 1) / 21
  const rbm = randomRBM('bernoulli', 20, 20, 4, 1);
  const g = new Rng(9);
  const data = matrix(200, 20);
  for (let q = 0; q < data.data.length; q++) data.data[q] = g.float() < ((q % 20) + 1) / 21 ? 1 : 0;
  const exact = logPartitionExact(rbm);
  const r = logPartitionAIS(rbm, { runs: 100, betas: 1000, rng: new Rng(5), baseRate: data });
  assert.ok(Math.abs(r.logZ - exact) < 0.1, `base rate: AIS ${r.logZ} vs exact ${exact}`);
  assert.ok(r.lower <= exact && exact <= r.upper);
  // the fitted base: a_A,i = logit((count_i + 1) / (n + 2)), and log Z_A from it
  let expectedBase = 20 * Math.LN2;
  for (let i = 0; i < 20; i++) {
    let c = 0;
    for (let k = 0; k < 200; k++) c += data.data[k * 20 + i];
    expectedBase += Math.log1p((c + 1) / (200 - c + 1)); // softplus(logit p) = −log(1 − p)
  }
  assert.ok(Math.abs(r.logZBase - expectedBase) < 1e-4);
});

test('the log weights do not depend on how the runs are grouped (per-run streams): 7 runs at once = runs 0-2 + runs 3-6', () => {
  const rbm = randomRBM('bernoulli', 9, 5, 3, 1);
  const betas = aisSchedule(50);
  const base = new Float64Array(9);
  const streams = (): Rng[] => { const g = new Rng(4); return Array.from({ length: 7 }, () => g.split()); };
  const all = aisLogWeights(rbm, betas, base, streams());
  const s = streams();
  const parts = [...aisLogWeights(rbm, betas, base, s.slice(0, 3)), ...aisLogWeights(rbm, betas, base, s.slice(3))];
  for (let r = 0; r < 7; r++) assert.ok(Object.is(all[r], parts[r]), `run ${r}: ${all[r]} vs ${parts[r]}`);
});

test('logPartitionAIS: bad arguments', () => {
  const rbm = BernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  const rng = new Rng(1);
  throwsMsg(() => logPartitionAIS(rbm, { runs: 1, betas: 10, rng }), RangeError, 'logPartitionAIS: options.runs must be an integer >= 2, got 1');
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: 0, rng }), RangeError,
    `logPartitionAIS: options.betas must be a step count (integer >= 1), an array from 0 to 1 or 'salakhutdinov-murray', got 0`);
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: [0, 0.5, 0.9], rng }), RangeError, 'logPartitionAIS: options.betas must start at 0 and end at 1, got 0 ... 0.9');
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: [0, 0.6, 0.5, 1], rng }), RangeError,
    'logPartitionAIS: options.betas must be non-decreasing, got betas[1] = 0.6, betas[2] = 0.5');
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: 10, rng: {} as Rng }), TypeError, 'logPartitionAIS: options.rng must be an Rng, got Object');
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: 10, rng, baseRate: [1, 2] }), RangeError, 'logPartitionAIS: options.baseRate has length 2 but the RBM has nVisible = 3');
  throwsMsg(() => logPartitionAIS(rbm, { runs: 10, betas: 10, rng, baseRate: matrix(4, 2) }), RangeError, 'logPartitionAIS: options.baseRate is 4x2 data but the RBM has nVisible = 3');
  const g = GaussianBernoulliRBM.create(3, 2, 'hinton', new Rng(1));
  throwsMsg(() => logPartitionAIS(g, { runs: 10, betas: 10, rng }), TypeError, 'logPartitionAIS: AIS here is for binary and spin RBMs, got a gaussian-bernoulli RBM');
});

// ---------------------------------------------------------------------------------------------
// Evaluation

const P: Params = { W: [[1.5, -0.5], [-2, 0.75], [0.25, 1]], a: [0.5, -1, 0.25], b: [-0.5, 0.3] };

/** log p(x) by the brute double sum (brute.ts): log Σ_h e^{−E(x,h)} − log Z. */
function bruteLogP(p: Params, x: number[], units: 'bernoulli' | 'spin'): number {
  return logSumExp(allStates(p.b.length, units).map((h) => score(p, x, h))) - bruteLogZ(p, units);
}

test('averageLogLikelihood = mean brute log p(x) with exact log Z, both kinds', () => {
  for (const units of ['bernoulli', 'spin'] as const) {
    const rbm = units === 'spin' ? SpinRBM.create(3, 2, P) : BernoulliRBM.create(3, 2, P);
    const rows = allStates(3, units).slice(2, 7);
    const X = matrix(rows.length, 3, rows.flat());
    const expected = rows.reduce((s, x) => s + bruteLogP(P, x, units), 0) / rows.length;
    const got = averageLogLikelihood(rbm, X, logPartitionExact(rbm));
    assert.ok(Math.abs(got - expected) < 1e-5, `${units}: ${got} vs ${expected}`);
  }
});

test('averageLogLikelihood in chunks of 1000 rows = one freeEnergy call (2500 rows)', () => {
  const rbm = randomRBM('bernoulli', 6, 4, 8, 1);
  const g = new Rng(3);
  const X = matrix(2500, 6);
  for (let q = 0; q < X.data.length; q++) X.data[q] = g.float() < 0.5 ? 1 : 0;
  const F = freeEnergy(new Float64Array(2500), rbm, X);
  let s = 0;
  for (const f of F) s += f;
  assert.ok(Math.abs(averageLogLikelihood(rbm, X, 3) - (-s / 2500 - 3)) < 1e-9);
});

test('pseudoLogLikelihood: scikit-learn\'s M · log σ(F(x̃) − F(x)) computed by hand; with one unit it is log p(x)', () => {
  // M = 2, one hidden unit: F(x) = −aᵀx − softplus(b + xᵀw)
  const rbm = BernoulliRBM.create(2, 1, { W: [[1], [-1]], a: [0.5, -0.5], b: [0.2] });
  const sp = (z: number) => Math.log1p(Math.exp(z));
  const F = (x0: number, x1: number) => -(0.5 * x0 - 0.5 * x1) - sp(0.2 + x0 - x1);
  const rows = [[1, 0], [0, 1], [1, 1]];
  const X = matrix(3, 2, rows.flat());
  const order = new Rng(11); // the units pseudoLogLikelihood draws: one int(2) per row, in row order
  let expected = 0;
  for (const [x0, x1] of rows) {
    const i = order.int(2);
    const d = i === 0 ? F(1 - x0, x1) - F(x0, x1) : F(x0, 1 - x1) - F(x0, x1);
    expected += 2 * Math.log(1 / (1 + Math.exp(-d)));
  }
  assert.ok(Math.abs(pseudoLogLikelihood(rbm, X, new Rng(11)) - expected / 3) < 1e-6);
  // one visible unit: p(x_1 | nothing) = p(x), so the pseudo-likelihood is the exact log-likelihood
  for (const units of ['bernoulli', 'spin'] as const) {
    const p1: Params = { W: [[1.25, -0.5, 2]], a: [-0.3], b: [0.1, 0.4, -1] };
    const one = units === 'spin' ? SpinRBM.create(1, 3, p1) : BernoulliRBM.create(1, 3, p1);
    const on = units === 'spin' ? -1 : 0;
    const Y = matrix(2, 1, [1, on]);
    const expectedOne = (bruteLogP(p1, [1], units) + bruteLogP(p1, [on], units)) / 2;
    assert.ok(Math.abs(pseudoLogLikelihood(one, Y, new Rng(1)) - expectedOne) < 1e-6, units);
  }
  throwsMsg(() => pseudoLogLikelihood(rbm, matrix(1, 2, [0.5, 1]), new Rng(1)), RangeError, 'pseudoLogLikelihood: data[0, 0] must be 0 or 1, got 0.5');
});

test('freeEnergyGap: mean F(held-out) − mean F(train); zero for identical sets', () => {
  const rbm = BernoulliRBM.create(3, 2, P);
  const A = matrix(2, 3, [1, 0, 1, 0, 0, 1]), B = matrix(1, 3, [1, 1, 1]);
  const fa = freeEnergy(new Float64Array(2), rbm, A), fb = freeEnergy(new Float64Array(1), rbm, B);
  const g = freeEnergyGap(rbm, A, B);
  assert.ok(Math.abs(g.train - (fa[0] + fa[1]) / 2) < 1e-12);
  assert.ok(Math.abs(g.heldOut - fb[0]) < 1e-12);
  assert.ok(Math.abs(g.gap - (fb[0] - (fa[0] + fa[1]) / 2)) < 1e-12);
  assert.is(freeEnergyGap(rbm, A, A).gap, 0);
  throwsMsg(() => freeEnergyGap(rbm, A, matrix(1, 4)), RangeError, 'freeEnergyGap: heldOut is 1x4 but the RBM has nVisible = 3');
});

test.run();
