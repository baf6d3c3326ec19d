/**
 * The notes' first network (002 "First network example, simple perceptron with one input";
 * N-NN-02, N-NN-03): one input x, one weight w₁ and bias b₁, identity output a₁ = z₁ = w₁x + b₁
 * (the notes' code), cost C = ½(a₁ − y)², trained by plain gradient descent on y = 2x + 1.
 *
 * Prints the first gradients by hand (at w = b = 0, x = 1, y = 3 they are (−3, −3)) and the
 * descent towards w = 2, b = 1.
 *
 *   npx tsx docs/examples/perceptron.ts [--iterations N] [--quick] [--help]
 */
import { perceptronBackward, perceptronForward } from '../../lib/index.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('perceptron', `
The notes' one-input perceptron (identity output, C = ½(a − y)²) trained by gradient descent on
y = 2x + 1: the first gradients by hand, then the descent to w = 2, b = 1. Prints only.`, {
  iterations: { help: 'gradient-descent iterations', default: 1000, quick: 200, min: 1 },
});
const xs = Array.from({ length: 11 }, (_, i) => -1 + 0.2 * i); // 11 inputs on [−1, 1]
const ys = xs.map((x) => 2 * x + 1); // noise-free targets
const eta = 0.1;
const iterations = cli.values.iterations;

const first = perceptronBackward(1, 3, perceptronForward(1, { w1: 0, b1: 0 }));
console.log(`at w1 = b1 = 0, x = 1, y = 3: z1 = a1 = 0, delta1 = a1 - y = ${first.delta1}, dC/dw1 = delta1 x = ${first.dw1}, dC/db1 = delta1 = ${first.db1}`);

const p = { w1: 0, b1: 0 };
for (let it = 1; it <= iterations; it++) {
  let dw = 0, db = 0, cost = 0;
  for (let i = 0; i < xs.length; i++) {
    const f = perceptronForward(xs[i], p); // z1 = w1 x + b1, a1 = z1
    const g = perceptronBackward(xs[i], ys[i], f); // delta1 = (a1 − y) · 1
    dw += g.dw1 / xs.length;
    db += g.db1 / xs.length;
    cost += 0.5 * (f.a1 - ys[i]) ** 2 / xs.length;
  }
  p.w1 -= eta * dw; // w1 ← w1 − η ∂C/∂w1 (mean over the 11 points)
  p.b1 -= eta * db;
  if (it === 1 || it % Math.max(1, Math.floor(iterations / 5)) === 0) console.log(`iteration ${String(it).padStart(4)}: cost ${cost.toExponential(3)}  w1 = ${p.w1.toFixed(8)}  b1 = ${p.b1.toFixed(8)}`);
}
const ok = Math.abs(p.w1 - 2) < 1e-6 && Math.abs(p.b1 - 1) < 1e-6;
console.log(`\nfinal w1 = ${p.w1}, b1 = ${p.b1} (exact 2 and 1): ${ok ? 'within 1e-6' : 'not converged yet (run without --quick)'}`);
