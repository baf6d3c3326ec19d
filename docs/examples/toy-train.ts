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
 * writes the KL curves to tour-output/examples/toy-train/kl.svg. A last part shows, with
 * numbers, why the tutorial's noisy visible step (N-CDT-01) is not a valid Gibbs chain.
 *
 *   npx tsx docs/examples/toy-train.ts [--epochs N] [--quick] [--help]
 */
import {
  BernoulliRBM, Rng, costGradientExact, createPhaseStatistics, hiddenDistributionExact, klFromEmpirical, linePlot, matrix,
  sampleHiddenGivenVisible, sampleVisibleGivenHidden, sgdStep, toyPeopleFruit, toyPeopleFruitWeights, trainRBM,
  visibleDistributionExact, visibleProbabilities,
} from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('toy-train', `
Training the tutorial's 3-visible / 2-hidden toy three ways from the same start (exact gradient,
CD-1, PCD), with the exact KL(data || model) along the way, then why the tutorial's noisy visible
step is not a valid Gibbs chain.`, {
  epochs: { help: 'full-batch updates per method (the table shows epochs up to 400)', default: 400, quick: 400, min: 400 },
});
const { data, visibleLabels } = toyPeopleFruit();
const epochs = cli.values.epochs;
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
  // The exact-gradient curve is drawn last, dashed, because PCD follows it so closely that it would hide it.
  series: [{ y: klCd, label: 'CD-1' }, { y: klPcd, label: 'PCD', color: '#2ca02c' }, { y: klExact, label: 'exact gradient', color: 'black', dash: '5 4' }],
  title: 'Tutorial toy: exact KL(data ‖ model) during training', xLabel: 'update (full batch of 6)', yLabel: 'KL (nats)', logY: true,
});
const file = cli.file('kl.svg');
writeSvg(file, svg);
console.log(`wrote ${file}`);

// N-CDT-01: why the tutorial's noisy visible step is not a Gibbs chain. With the toy's
// reconstructed weights, run 2000 chains for 200 steps two ways and compare the histogram of
// the hidden states (D, E) with the exact p(h) (enumeration, N-RBM-06):
//   Gibbs:  h ~ p(h | x),  x ~ p(x | h)                 (N-GIBBS-02: p(x, h) is stationary)
//   noisy:  h ~ p(h | x),  x = p(x | h) + 0.1 ε          (x is no longer 0/1, and p is not stationary)
{
  const toy = BernoulliRBM.create(3, 2, toyPeopleFruitWeights());
  const chains = 2000, steps = 200;
  const rng = new Rng(5);
  const hist = (noisy: boolean) => {
    const X = matrix(chains, 3), H = matrix(chains, 2), eps = new Float32Array(chains * 3);
    let outside = 0;
    for (let t = 0; t < steps; t++) {
      sampleHiddenGivenVisible(H, toy, X, rng);
      if (noisy) {
        visibleProbabilities(X, toy, H);
        rng.fillNormal(eps, 0, 0.1);
        for (let q = 0; q < X.data.length; q++) X.data[q] += eps[q];
      } else {
        sampleVisibleGivenHidden(X, toy, H, rng);
      }
    }
    for (const v of X.data) if (v < 0 || v > 1) outside++;
    sampleHiddenGivenVisible(H, toy, X, rng);
    const counts = [0, 0, 0, 0];
    for (let c = 0; c < chains; c++) counts[2 * H.data[2 * c] + H.data[2 * c + 1]] += 1 / chains;
    return { counts, outside: outside / X.data.length };
  };
  const exactH = hiddenDistributionExact(toy); // index: D is the most significant bit
  const gibbs = hist(false), noisy = hist(true);
  const se = (p: number) => Math.sqrt((p * (1 - p)) / chains);
  console.log('\nN-CDT-01: hidden-state histogram after 200 steps of 2000 chains (toy weights), vs exact p(h)');
  console.log('h (D E)   exact p(h)   Gibbs chain (± SE)    noisy chain, std 0.1');
  for (let s = 0; s < 4; s++) {
    console.log(`  ${(s >> 1) & 1} ${s & 1}     ${exactH[s].toFixed(4)}       ${gibbs.counts[s].toFixed(4)} ± ${se(exactH[s]).toFixed(4)}       ${noisy.counts[s].toFixed(4)}`);
  }
  console.log(`visible values outside [0, 1]: Gibbs ${(100 * gibbs.outside).toFixed(1)}%, noisy ${(100 * noisy.outside).toFixed(1)}%`);
}
