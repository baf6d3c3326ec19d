/**
 * `npx tsx bench/rbm-profile.ts [batches] [--pool]`: where a CD-1 minibatch of the MNIST
 * benchmark spends its time (784 x 500, batch 100, threshold-binarized MNIST, lr 0.05), step by
 * step, for the training loop before and after the 0/1 products, measured in one run with the
 * two loops alternating batch by batch (so a shared machine's load falls on both alike):
 *
 *   before: every product a dense gemm, and the chain's first hidden draw recomputes X0·W
 *   after:  sparseGemm for the products with 0/1 left operands (X·W, H·Wᵀ, Xᵀ·H), and the
 *           first hidden draw taken from the positive phase's p(h | x) (one product fewer)
 *
 * Steps: gather (copy the batch rows), positive (H0 = σ(X0 W + b)), chain h (h ~ p(h | X0)),
 * chain x (x ~ p(x | h): H Wᵀ, sigmoid, draws), negative (Hk = σ(Xk W + b)), gradient (Xᵀ H
 * for both phases, bias means, difference), update (SGD step and the finite check). Both loops
 * compute the same numbers (the after loop's products have the same bits).
 *
 * Then the resident loop that trainRBM runs for this workload (lib/rbm/resident.ts: W, Wᵀ and
 * the batch in one wasm memory, the gradient and the SGD step in one kernel); with --pool also
 * on a team of two threads. Its gradient and update are one pass, shown under 'update'. It
 * ends with the same weights too.
 */
import { machineInfo } from './harness.js';
import { BernoulliRBM, Rng, SGD, binarizeData, initVisibleBiasFromData, matrix } from '../lib/index.js';
import { createWorkerPool, loadMnist } from '../lib/node.js';
import { hiddenMeansUnchecked } from '../lib/rbm/conditionals.js';
import { sampleHiddenGivenVisibleUnchecked, sampleVisibleGivenHiddenUnchecked } from '../lib/rbm/sampling.js';
import { cdUpdateUnchecked, createRBMGradient } from '../lib/rbm/gradient.js';
import { withProducts, type ProductSettings } from '../lib/rbm/products.js';
import { fillBernoulliUnchecked } from '../lib/random/kernels.js';
import { ResidentTrainer } from '../lib/rbm/resident.js';

const args = process.argv.slice(2);
const batches = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
const usePool = args.includes('--pool');
const B = 100, M = 784, N = 500;
const data = loadMnist({ split: 'train', limit: B * batches }).images;
binarizeData(data, data, 'threshold');
const pool = usePool ? createWorkerPool({ size: 1 }) : null;
if (pool !== null) await pool.ready();

const STEPS = ['gather', 'positive', 'chain h', 'chain x', 'negative', 'gradient', 'update'] as const;
type Loop = { name: string; settings: ProductSettings; reuse: boolean; rbm: BernoulliRBM; rng: Rng; times: number[]; resident?: ResidentTrainer };
/** A fresh 784 x 500 model, visible biases from the pixel means (Hinton's guide; so reconstructions are as sparse as the data from the start). */
function model(): BernoulliRBM {
  return initVisibleBiasFromData(BernoulliRBM.create(M, N, 'hinton', new Rng(1)), data);
}
const loops: Loop[] = [
  { name: 'before (dense, X0·W twice)', settings: { sparse: false, pool: null }, reuse: false, rbm: model(), rng: new Rng(2), times: STEPS.map(() => 0) },
  { name: 'after (0/1 products, X0·W once)', settings: { sparse: true, pool: null }, reuse: true, rbm: model(), rng: new Rng(2), times: STEPS.map(() => 0) },
];
{
  const rbm = model();
  loops.push({ name: 'resident (1 thread)', settings: { sparse: true, pool: null }, reuse: true, rbm, rng: new Rng(2), times: STEPS.map(() => 0), resident: new ResidentTrainer(rbm, B, null) });
}
if (pool !== null) {
  const url = new URL('../lib/rbm/resident.ts', import.meta.url);
  const rbm = model();
  const resident = new ResidentTrainer(rbm, B, (init) => pool.team(url, 'residentStep', init));
  loops.push({ name: 'resident, 2 threads (team)', settings: { sparse: true, pool: null }, reuse: true, rbm, rng: new Rng(2), times: STEPS.map(() => 0), resident });
}
const X0 = matrix(B, M), H0 = matrix(B, N), Xk = matrix(B, M), Hs = matrix(B, N), Hk = matrix(B, N);
const grad = createRBMGradient(loops[0].rbm), negative = createRBMGradient(loops[0].rbm);
const sgd = new SGD({ lr: 0.05 });

/** A minibatch on the resident loop: the gather, then its own per-step profile. */
function residentMinibatch(loop: Loop & { resident: ResidentTrainer }, b: number): void {
  const { resident, rng, times } = loop;
  const t = performance.now();
  resident.batch(B).set(data.data.subarray(b * B * M, (b + 1) * B * M));
  times[0] += performance.now() - t;
  const p = resident.profile as Float64Array;
  const before = Array.from(p);
  if (!resident.minibatch(B, B, false, 1, 0.05, 0, null, rng)) throw new Error('non-finite parameters');
  // positive, chain h, chain x, negative as measured; the fused gradient + update under 'update'
  for (const [step, slot] of [[1, 0], [2, 1], [3, 2], [4, 3], [6, 4]] as const) times[step] += p[slot] - before[slot];
}

function minibatch(loop: Loop, b: number): void {
  if (loop.resident !== undefined) return residentMinibatch(loop as Loop & { resident: ResidentTrainer }, b);
  const { rbm, rng, times } = loop;
  let t = performance.now();
  const lap = (step: number) => { const now = performance.now(); times[step] += now - t; t = now; };
  X0.data.set(data.data.subarray(b * B * M, (b + 1) * B * M));
  lap(0);
  hiddenMeansUnchecked(H0, rbm, X0);
  lap(1);
  Xk.data.set(X0.data);
  if (loop.reuse) fillBernoulliUnchecked(rng, Hs.data, H0.data);
  else sampleHiddenGivenVisibleUnchecked(Hs, rbm, Xk, rng);
  lap(2);
  sampleVisibleGivenHiddenUnchecked(Xk, rbm, Hs, rng);
  lap(3);
  hiddenMeansUnchecked(Hk, rbm, Xk);
  lap(4);
  cdUpdateUnchecked(grad, negative, rbm, X0, H0, Xk, Hk);
  lap(5);
  for (const [p, g] of [[rbm.W.data, grad.W.data], [rbm.a, grad.a], [rbm.b, grad.b]] as const) {
    for (let q = 0; q < g.length; q++) g[q] = -g[q]; // the gradient of C
    sgd.step(p, g);
    let s = 0;
    for (let q = 0; q < p.length; q++) s += p[q];
    if (!Number.isFinite(s)) throw new Error('non-finite parameters');
  }
  lap(6);
}

for (const loop of loops) {
  if (loop.resident === undefined) continue;
  loop.resident.copyIn(loop.rbm, null);
  loop.resident.profile = new Float64Array(5);
}
for (let b = 0; b < batches; b++) {
  for (const loop of b % 2 === 0 ? loops : [...loops].reverse()) withProducts(loop.settings, () => minibatch(loop, b));
}
for (const loop of loops) {
  loop.resident?.copyOut(loop.rbm, null);
  loop.resident?.close();
}
const same = loops.every((l) => l.rbm.W.data.every((v, q) => Object.is(v, loops[0].rbm.W.data[q])));
const info = machineInfo();
console.log(`CD-1 minibatch profile, 784x500, batch 100, ${batches} batches of threshold-binarized MNIST; ${info.cpu} (${info.cores} cores), node ${info.node}, ${info.date}`);
console.log(`the loops end with ${same ? 'bit-identical' : 'DIFFERENT'} weights`);
const header = 'step'.padEnd(10) + loops.map((l) => l.name.padStart(40)).join('');
console.log('(resident loops: the gradient and the update are one pass, shown under update)');
console.log(header);
for (let s = 0; s < STEPS.length; s++) {
  console.log(STEPS[s].padEnd(10) + loops.map((l) => `${(l.times[s] / batches).toFixed(3).padStart(9)} ms  ${(100 * l.times[s] / l.times.reduce((x, y) => x + y, 0)).toFixed(0).padStart(3)} %`.padStart(40)).join(''));
}
const total = loops.map((l) => l.times.reduce((x, y) => x + y, 0) / batches);
console.log('total'.padEnd(10) + total.map((x) => `${x.toFixed(3).padStart(9)} ms`.padStart(40)).join(''));
console.log(`per 60,000-image epoch: ${total.map((x, i) => `${loops[i].name} ${(600 * x / 1000).toFixed(1)} s (${(x / total[0]).toFixed(2)}x)`).join('; ')}`);
if (pool !== null) await pool.close();
