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
 * compute the same numbers (the after loop's products have the same bits). With --pool a third
 * loop runs the after loop with its products split over a one-worker pool.
 */
import { machineInfo } from './harness.js';
import { BernoulliRBM, Rng, SGD, binarizeData, initVisibleBiasFromData, matrix } from '../lib/index.js';
import { createWorkerPool, loadMnist } from '../lib/node.js';
import { hiddenMeansUnchecked } from '../lib/rbm/conditionals.js';
import { sampleHiddenGivenVisibleUnchecked, sampleVisibleGivenHiddenUnchecked } from '../lib/rbm/sampling.js';
import { cdUpdateUnchecked, createRBMGradient } from '../lib/rbm/gradient.js';
import { withProducts, type ProductSettings } from '../lib/rbm/products.js';
import { fillBernoulliUnchecked } from '../lib/random/kernels.js';

const args = process.argv.slice(2);
const batches = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
const usePool = args.includes('--pool');
const B = 100, M = 784, N = 500;
const data = loadMnist({ split: 'train', limit: B * batches }).images;
binarizeData(data, data, 'threshold');
const pool = usePool ? createWorkerPool({ size: 1 }) : null;
if (pool !== null) await pool.ready();

const STEPS = ['gather', 'positive', 'chain h', 'chain x', 'negative', 'gradient', 'update'] as const;
type Loop = { name: string; settings: ProductSettings; reuse: boolean; rbm: BernoulliRBM; rng: Rng; times: number[] };
/** A fresh 784 x 500 model, visible biases from the pixel means (Hinton's guide; so reconstructions are as sparse as the data from the start). */
function model(): BernoulliRBM {
  return initVisibleBiasFromData(BernoulliRBM.create(M, N, 'hinton', new Rng(1)), data);
}
const loops: Loop[] = [
  { name: 'before (dense, X0·W twice)', settings: { sparse: false, pool: null }, reuse: false, rbm: model(), rng: new Rng(2), times: STEPS.map(() => 0) },
  { name: 'after (0/1 products, X0·W once)', settings: { sparse: true, pool: null }, reuse: true, rbm: model(), rng: new Rng(2), times: STEPS.map(() => 0) },
];
if (pool !== null) {
  loops.push({ name: 'after, 2 threads (pool)', settings: { sparse: true, pool }, reuse: true, rbm: model(), rng: new Rng(2), times: STEPS.map(() => 0) });
}
const X0 = matrix(B, M), H0 = matrix(B, N), Xk = matrix(B, M), Hs = matrix(B, N), Hk = matrix(B, N);
const grad = createRBMGradient(loops[0].rbm), negative = createRBMGradient(loops[0].rbm);
const sgd = new SGD({ lr: 0.05 });

function minibatch(loop: Loop, b: number): void {
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

for (let b = 0; b < batches; b++) {
  for (const loop of b % 2 === 0 ? loops : [...loops].reverse()) withProducts(loop.settings, () => minibatch(loop, b));
}
const same = loops.every((l) => l.rbm.W.data.every((v, q) => Object.is(v, loops[0].rbm.W.data[q])));
const info = machineInfo();
console.log(`CD-1 minibatch profile, 784x500, batch 100, ${batches} batches of threshold-binarized MNIST; ${info.cpu} (${info.cores} cores), node ${info.node}, ${info.date}`);
console.log(`the loops end with ${same ? 'bit-identical' : 'DIFFERENT'} weights`);
const header = 'step'.padEnd(10) + loops.map((l) => l.name.padStart(40)).join('');
console.log(header);
for (let s = 0; s < STEPS.length; s++) {
  console.log(STEPS[s].padEnd(10) + loops.map((l) => `${(l.times[s] / batches).toFixed(3).padStart(9)} ms  ${(100 * l.times[s] / l.times.reduce((x, y) => x + y, 0)).toFixed(0).padStart(3)} %`.padStart(40)).join(''));
}
const total = loops.map((l) => l.times.reduce((x, y) => x + y, 0) / batches);
console.log('total'.padEnd(10) + total.map((x) => `${x.toFixed(3).padStart(9)} ms`.padStart(40)).join(''));
console.log(`per 60,000-image epoch: ${total.map((x, i) => `${loops[i].name} ${(600 * x / 1000).toFixed(1)} s (${(x / total[0]).toFixed(2)}x)`).join('; ')}`);
if (pool !== null) await pool.close();
