/**
 * Training the student tutorial's toy (notes 003, "4) Training"; N-TOY-05): six people-sets,
 * four of pattern AC = (1,0,1) and two of pattern B = (0,1,0), modelled by a 3-visible /
 * 2-hidden binary RBM. The tutorial's loop "raise what was seen, lower the rest" (N-CD-03) is
 * done three ways from the same starting weights:
 *
 * 1. the exact gradient (N-RBM-09, enumeration of all 2^3 visible states) with plain SGD;
 * 2. CD-1 (N-CD-01) with trainRBM;
 * 3. PCD (X-PCD) with trainRBM.
 *
 * Prints the exact KL(data ‖ model) along the way and the final visible distribution, and
 * writes the KL curves to tour-output/rbm/toy-train.svg.
 *
 *   npx tsx docs/examples/toy-train.ts
 */
import { join } from 'node:path';
import {
  BernoulliRBM, Rng, costGradientExact, createPhaseStatistics, klFromEmpirical, linePlot, sgdStep, toyPeopleFruit,
  trainRBM, visibleDistributionExact,
} from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';

const { data, visibleLabels } = toyPeopleFruit();
const epochs = 400;
const lr = 0.1;
const start = () => BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(3));

// 1. Exact gradient descent on C = −(1/n) log p(X): one full-batch step per epoch.
const exact = start();
const grad = createPhaseStatistics(exact);
const klExact: number[] = [];
for (let epoch = 0; epoch < epochs; epoch++) {
  costGradientExact(grad, exact, data); // N-COST-02: ⟨O⟩_data − ⟨O⟩_model, O = ∂E/∂θ
  sgdStep(exact.W.data, grad.W, lr); // N-COST-05  θ ← θ − η ∇C
  sgdStep(exact.a, grad.a, lr);
  sgdStep(exact.b, grad.b, lr);
  klExact.push(klFromEmpirical(exact, data));
}

// 2. and 3. The same budget (400 full-batch updates) with sampled negative phases.
const cd = start();
const klCd = trainRBM(cd, data, { method: 'cd', k: 1, epochs, batchSize: 6, learningRate: lr, evaluate: 'kl' }, new Rng(4)).metrics.map((m) => m.kl!);
const pcd = start();
const klPcd = trainRBM(pcd, data, { method: 'pcd', k: 1, epochs, batchSize: 6, learningRate: lr, persistentChains: 20, evaluate: 'kl' }, new Rng(4))
  .metrics.map((m) => m.kl!);

const name = (s: number) => visibleLabels.filter((_, i) => (s >> (2 - i)) & 1).join('') || '(none)';
const emp = [0, 0, 0, 0, 0, 0, 0, 0];
for (let r = 0; r < 6; r++) emp[4 * data.data[3 * r] + 2 * data.data[3 * r + 1] + data.data[3 * r + 2]] += 1 / 6;

console.log(`KL(data ‖ model) at the start: ${klFromEmpirical(start(), data).toFixed(4)}  (entropy of the data: ${(-(4 / 6) * Math.log(4 / 6) - (2 / 6) * Math.log(2 / 6)).toFixed(4)})`);
console.log('\nepoch   exact gradient   CD-1     PCD');
for (const e of [1, 10, 50, 100, 200, 400]) {
  console.log(`${String(e).padStart(5)}   ${klExact[e - 1].toFixed(4).padStart(14)}   ${klCd[e - 1].toFixed(4)}   ${klPcd[e - 1].toFixed(4)}`);
}
console.log('\nvisible state   data    exact-gradient model   CD-1 model   PCD model');
const pExact = visibleDistributionExact(exact), pCd = visibleDistributionExact(cd), pPcd = visibleDistributionExact(pcd);
for (let s = 0; s < 8; s++) {
  console.log(`${name(s).padEnd(14)}  ${emp[s].toFixed(3)}   ${pExact[s].toFixed(3).padStart(20)}   ${pCd[s].toFixed(3).padStart(10)}   ${pPcd[s].toFixed(3).padStart(9)}`);
}
const top2 = (p: Float64Array) => Array.from(p.keys()).sort((x, y) => p[y] - p[x]).slice(0, 2).map(name).join(', ');
console.log(`\nmost probable states: exact ${top2(pExact)}; CD-1 ${top2(pCd)}; PCD ${top2(pPcd)}`);

const svg = linePlot({
  series: [{ y: klExact, label: 'exact gradient' }, { y: klCd, label: 'CD-1' }, { y: klPcd, label: 'PCD' }],
  title: 'Tutorial toy: exact KL(data ‖ model) during training', xLabel: 'update (full batch of 6)', yLabel: 'KL (nats)', logY: true,
});
const file = join(process.cwd(), 'tour-output', 'rbm', 'toy-train.svg');
writeSvg(file, svg);
console.log(`wrote ${file}`);
