/**
 * The Markov chain of the notes (000, "Markov processes" ... "Understanding the basics"),
 * step by step: `npx tsx docs/examples/markov-chain.ts`.
 *
 * Prints p(1), p(2), p(3) from p(0) = (1, 0, 0), the stationary distribution, the eigenvalues,
 * and how p(n) - pi halves every step; then the random walk on a ring (even vs odd size) and the
 * Metropolis chain for a target on a 5-ring. Writes tour-output/examples/markov-chain/p-of-n.svg
 * (git-ignored), a plot of p_i(n) converging to pi_i.
 */
import {
  balanceResidual,
  detailedBalanceResidual,
  evolve,
  evolveSteps,
  linePlot,
  matrix64,
  metropolisMatrix,
  randomWalkMatrix,
  stationaryDistribution,
  transitionEigenvalues,
} from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('markov-chain', `
The notes' 3-state Markov chain step by step: p(n) = W^n p(0), the stationary distribution and
the eigenvalues, then the random walk on a ring and a Metropolis chain on a 5-ring. Runs in a
moment, so --quick changes nothing.`);

const fmt = (v: ArrayLike<number>, digits = 4) => `(${Array.from(v, (x) => (Math.abs(x) < 1e-15 ? 0 : x).toFixed(digits)).join(', ')})`;

// W[i][j] = W(j -> i): column j is where the walker goes from state j. Each column sums to 1.
const W = matrix64(3, 3, [
  0.5, 0.25, 0,
  0.5, 0.5, 0.5,
  0, 0.25, 0.5,
]);
console.log('The notes\' 3-state chain, W[i][j] = W(j -> i):');
for (let i = 0; i < 3; i++) console.log('   ', fmt(W.data.subarray(3 * i, 3 * i + 3), 2));

const p0 = new Float64Array([1, 0, 0]);
console.log('\np(n) = W^n p(0) from p(0) = (1, 0, 0)   (N-MC-02, N-MC-04)');
for (let n = 1; n <= 3; n++) console.log(`  p(${n}) = ${fmt(evolveSteps(new Float64Array(3), W, p0, n))}`);

const pi = stationaryDistribution(W);
const { re, im } = transitionEigenvalues(W);
console.log(`\nstationary distribution pi = ${fmt(pi)}   (N-MC-05: W pi = pi, sum 1)`);
console.log(`eigenvalues of W = ${fmt(re)} (imaginary parts ${fmt(im, 1)})`);
console.log(`balance residual ${balanceResidual(W, pi)}, detailed-balance residual ${detailedBalanceResidual(W, pi)}   (N-MC-06)`);

console.log('\np(n) - pi: only the eigenvalue-1/2 part is left after one step, so it halves each step');
const p = new Float64Array(p0);
const next = new Float64Array(3);
const history: Float64Array[] = [new Float64Array(p)];
for (let n = 1; n <= 20; n++) {
  evolve(next, W, p);
  p.set(next);
  history.push(new Float64Array(p));
  if (n <= 6) console.log(`  n = ${n}: p(n) - pi = ${fmt(p.map((x, i) => x - pi[i]), 6)}`);
}

console.log('\nRandom walk on a ring (N-MC-01): eigenvalues cos(2 pi k / n)');
for (const n of [6, 7]) {
  const ring = randomWalkMatrix(n, 'periodic');
  const eig = Array.from(transitionEigenvalues(ring).re).sort((a, b) => b - a);
  const start = new Float64Array(n); start[0] = 1;
  const p100 = evolveSteps(new Float64Array(n), ring, start, 100);
  const p101 = evolveSteps(new Float64Array(n), ring, start, 101);
  console.log(`  n = ${n}: eigenvalues ${fmt(eig, 3)}`);
  console.log(`         p(100) = ${fmt(p100, 3)}  p(101) = ${fmt(p101, 3)}  ${n % 2 === 0 ? '(eigenvalue -1: alternates forever)' : '(converged to uniform)'}`);
}

console.log('\nMetropolis on a 5-ring, target p ~ (1, 2, 3, 4, 5), propose a neighbour with 1/2 (N-MH-02..05):');
const target = new Float64Array([1, 2, 3, 4, 5]);
const M = metropolisMatrix(target, randomWalkMatrix(5, 'periodic'));
const piM = stationaryDistribution(M);
console.log(`  stationary distribution ${fmt(piM)} vs p/15 = ${fmt(target.map((x) => x / 15))}`);
console.log(`  balance residual ${balanceResidual(M, piM).toExponential(1)}, detailed-balance residual ${detailedBalanceResidual(M, piM).toExponential(1)}`);

const svg = linePlot({
  series: [
    ...[0, 1, 2].map((i) => ({ y: history.map((h) => h[i]), label: `p_${i}(n)`, marker: 'circle' as const, markerSize: 2.5 })),
    ...[0, 1, 2].map((i) => ({ x: [0, 20], y: [pi[i], pi[i]], label: `pi_${i} = ${pi[i]}`, dash: true, lineWidth: 1, color: ['#1f77b4', '#ff7f0e', '#2ca02c'][i] })),
  ],
  title: 'p(n) = W^n p(0) for the notes\' 3-state chain',
  xLabel: 'step n',
  yLabel: 'probability',
});
const out = cli.file('p-of-n.svg');
writeSvg(out, svg);
console.log(`\nplot written to ${out}`);
