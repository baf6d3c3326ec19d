/**
 * The student tutorial's toy (notes 003, "Restricted Boltzmann Machine", sections 1–3): three
 * people A, B, C (visible) and two fruits D, E (hidden), all 2^5 = 32 scenarios with their score
 * (−energy), e^score and probability. `npx tsx docs/examples/toy-32.ts`.
 *
 * The weights are OUR reconstruction (the tutorial's figure is not in the text; see
 * `toyPeopleFruitWeights` and docs/rbm.md): a = (1, 2, 1), b = (2, 1), W = [[2, −1], [−6, 4], [2, −3]].
 * They reproduce the tutorial's numbers once two typos are corrected: BD scores −2 (not −1) and
 * e^8 = 2980.96 (not 29808.96).
 */
import {
  BernoulliRBM,
  enumerateJoint,
  logPartitionExact,
  toyPeopleFruit,
  toyPeopleFruitWeights,
  visibleDistributionExact,
} from '../../lib/index.js';
import { exampleCli } from './support/cli.js';

exampleCli('toy-32', `
The student tutorial's toy: 3 visible units (people A, B, C) and 2 hidden (fruits D, E), all 32
scenarios with their score, e^score and probability, the corrected numbers of the tutorial, and
the visible marginal. Prints a table; writes no picture; --quick changes nothing.`);

const { labels } = toyPeopleFruit();
const rbm = BernoulliRBM.create(3, 2, toyPeopleFruitWeights());
const rows = enumerateJoint(rbm, { labels });
const Z = Math.exp(logPartitionExact(rbm));

console.log('The 32 scenarios, highest score first (score = -E = a.x + b.h + x.W.h)\n');
console.log('scenario  x (A B C)  h (D E)  score   exp(score)   probability');
for (const r of [...rows].sort((p, q) => q.logWeight - p.logWeight)) {
  console.log(
    `${r.label!.padEnd(8)}  ${r.x.join(' ').padEnd(9)}  ${r.h.join(' ').padEnd(7)}  ${String(r.logWeight).padStart(5)}` +
      `  ${Math.exp(r.logWeight).toFixed(2).padStart(11)}  ${r.p.toFixed(4).padStart(12)}`,
  );
}
console.log(`\nZ = sum of exp(score) = ${Z.toFixed(3)}   (sum of p = ${rows.reduce((s, r) => s + r.p, 0).toFixed(12)})`);

const pick = (l: string) => rows.find((r) => r.label === l)!;
console.log('\nThe tutorial\'s table, corrected:');
for (const l of ['BD', 'BE', 'ACD', 'ACE']) {
  const r = pick(l);
  console.log(`  ${l.padEnd(4)} score ${String(r.logWeight).padStart(3)}  exp ${Math.exp(r.logWeight).toFixed(2).padStart(8)}  p ${r.p.toFixed(2)}`);
}
console.log(`  p(ACD)/p(BE) = ${(pick('ACD').p / pick('BE').p).toFixed(6)} = e^(8-7) = ${Math.E.toFixed(6)}`);

console.log('\nVisible marginal p(A, B, C) (hidden fruits summed out):');
const px = visibleDistributionExact(rbm);
for (let s = 0; s < 8; s++) {
  const x = [(s >> 2) & 1, (s >> 1) & 1, s & 1];
  const name = x.map((v, i) => (v ? 'ABC'[i] : '')).join('') || 'None';
  console.log(`  ${x.join(' ')}  ${name.padEnd(5)} ${px[s].toFixed(4)}`);
}
