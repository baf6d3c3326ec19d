/**
 * The notes' network with one hidden node, all scalars (002 "Adding a hidden layer"; N-NN-04,
 * N-NN-05): a₀ = x, z₁ = w₁a₀ + b₁, a₁ = σ(z₁), z₂ = w₂a₁ + b₂, a₂ = z₂, C = ½(a₂ − y)²,
 * trained by gradient descent on y = 2x + 1 as in the notes' code.
 *
 * Shows the four gradients of the first step three ways: the hand-written backward (with the
 * corrected ∂C/∂w₁ = δ₂w₂σ'a₀), the notes' printed form (a₁ where w₂ belongs), and reverse-mode
 * autodiff with `Value` (the notes' challenge), then trains.
 *
 *   npx tsx docs/examples/one-hidden.ts [--iterations N] [--quick] [--help]
 */
import { oneHiddenBackward, oneHiddenForward, Value } from '../../lib/index.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('one-hidden', `
The notes' network with one sigmoid hidden node and an identity output, all scalars: the four
gradients by hand, by Value autodiff and as printed in the notes, then training on y = 2x + 1.
Prints only.`, {
  iterations: { help: 'gradient-descent iterations', default: 20000, quick: 500, min: 1 },
});
const p = { w1: 0.5, b1: -0.2, w2: 0.8, b2: 0.1 };
const x = 0.7, y = 2 * x + 1;

const f = oneHiddenForward(x, p);
const g = oneHiddenBackward(y, p, f);
const sp = f.a1 * (1 - f.a1);
const printedDw1 = (f.a2 - y) * 1 * f.a1 * sp * f.a0; // the notes print a₁ in place of w₂
// the same cost with Value nodes: reverse mode computes every gradient in one backward sweep
const [w1, b1, w2, b2] = [p.w1, p.b1, p.w2, p.b2].map((v) => new Value(v));
const a2 = w2.mul(w1.mul(x).add(b1).sigmoid()).add(b2);
a2.sub(y).pow(2).mul(0.5).backward();
console.log(`x = ${x}, y = ${y}: a1 = ${f.a1.toFixed(6)}, a2 = ${f.a2.toFixed(6)}, delta2 = ${g.delta2.toFixed(6)}, delta1 = ${g.delta1.toFixed(6)}`);
console.log('gradient   backward      Value (autodiff)   notes as printed');
console.log(`dC/dw2   ${g.dw2.toFixed(10)}  ${w2.grad.toFixed(10)}`);
console.log(`dC/db2   ${g.db2.toFixed(10)}  ${b2.grad.toFixed(10)}`);
console.log(`dC/dw1   ${g.dw1.toFixed(10)}  ${w1.grad.toFixed(10)}      ${printedDw1.toFixed(10)}  (a1 instead of w2)`);
console.log(`dC/db1   ${g.db1.toFixed(10)}  ${b1.grad.toFixed(10)}      ${((f.a2 - y) * sp).toFixed(10)}  (w2 missing)`);

// training: plain gradient descent on 11 points, the mean gradient per iteration (N-NN-05)
const xs = Array.from({ length: 11 }, (_, i) => -1 + 0.2 * i);
const eta = 0.1, iterations = cli.values.iterations;
for (let it = 1; it <= iterations; it++) {
  const sum = { dw1: 0, db1: 0, dw2: 0, db2: 0 };
  let cost = 0;
  for (const xi of xs) {
    const fi = oneHiddenForward(xi, p);
    const gi = oneHiddenBackward(2 * xi + 1, p, fi);
    sum.dw1 += gi.dw1 / xs.length; sum.db1 += gi.db1 / xs.length;
    sum.dw2 += gi.dw2 / xs.length; sum.db2 += gi.db2 / xs.length;
    cost += 0.5 * (fi.a2 - (2 * xi + 1)) ** 2 / xs.length;
  }
  p.w1 -= eta * sum.dw1; p.b1 -= eta * sum.db1; p.w2 -= eta * sum.dw2; p.b2 -= eta * sum.db2;
  if (it === 1 || it % Math.max(1, Math.floor(iterations / 5)) === 0) console.log(`iteration ${String(it).padStart(5)}: cost ${cost.toExponential(3)}`);
}
console.log('(one sigmoid node can only bend a line: the cost keeps falling slowly as σ runs in its near-linear range)');
