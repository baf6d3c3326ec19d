/**
 * Walkers and spin chains spread over the worker pool (boltzmann/node) give the same bits as
 * the single-thread loops with the same seeds: every walker has its own Rng stream and results
 * are combined in walker order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Adam, Rng, RbmWavefunction, SpinRbmState, harmonicOscillator, importanceSampler, optimizeSpinState, optimizeWavefunction, tfimChain } from '../../lib/index.js';
import { createWorkerPool, optimizeSpinStateParallel, optimizeWavefunctionParallel } from '../../lib/node.js';

const pool = createWorkerPool({ size: 1 });

test('optimizeWavefunctionParallel equals optimizeWavefunction bit for bit (4 walkers, Padé–Jastrow, Coulomb)', async () => {
  const make = () => RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, jastrow: 'pade', initScale: 0.05 }, new Rng(1));
  const h = harmonicOscillator({ omega: 1, interaction: 'coulomb' });
  const opts = () => ({ sampler: importanceSampler(), walkers: 4, cycles: 128, equilibration: 50, iterations: 4, optimizer: new Adam({ lr: 0.02 }) });
  const a = make(), b = make();
  const r1 = optimizeWavefunction(a, h, opts(), new Rng(2));
  const r2 = await optimizeWavefunctionParallel(pool, b, h, opts(), new Rng(2));
  assert.equal(Array.from(a.params), Array.from(b.params));
  assert.equal(r1.history.map((x) => x.energy), r2.history.map((x) => x.energy));
  assert.is(r1.final.error, r2.final.error);
});

test('optimizeSpinStateParallel equals optimizeSpinState bit for bit (SR, 4 chains)', async () => {
  const chain = tfimChain({ n: 6, J: 1, h: 1 });
  const opts = () => ({ update: { kind: 'sr' as const, learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 4, sweeps: 50 });
  const a = SpinRbmState.create(6, 1, new Rng(1)), b = SpinRbmState.create(6, 1, new Rng(1));
  const r1 = optimizeSpinState(a, chain, opts(), new Rng(3));
  const r2 = await optimizeSpinStateParallel(pool, b, chain, opts(), new Rng(3));
  assert.equal(Array.from(a.params), Array.from(b.params));
  assert.equal(r1.history.map((x) => x.energy), r2.history.map((x) => x.energy));
});

test('close the pool', () => pool.close());

test.run();
