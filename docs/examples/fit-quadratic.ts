/**
 * The notes' exercise (002 "Gradient expressions"; N-NN-12, N-REG-06): fit
 * y = x₀² + 3x₀x₁ + x₁² + 5 from n = 100 points, two ways.
 *
 * 1. A network whose inputs are the two raw features (X ∈ R^{n×2}): 2-16-1, sigmoid hidden layer,
 *    identity output, MSE, Adam; trained on 80 points, scored on the other 20 (test MSE against
 *    var(y): below 1 % is the goal). The targets are standardized for training ((y − ȳ)/s, undone
 *    for the predictions): with y around 6 and weights starting near 0, the raw targets make the
 *    first thousand steps do nothing but move the output bias.
 * 2. Linear regression on the degree-2 polynomial design (1, x₀, x₁, x₀², x₀x₁, x₁²): OLS recovers
 *    θ = (5, 0, 0, 1, 3, 1) exactly from noise-free data; Ridge and Lasso shrink it.
 *
 *   npx tsx docs/examples/fit-quadratic.ts [--epochs N] [--quick] [--help]
 */
import {
  Adam, Rng, createMLP, lasso, matrix, mlpPredict, mse, ols, polynomialFeatures2D, quadraticSurfaceDataset, ridge,
  trainMLP, trainTestSplit,
} from '../../lib/index.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('fit-quadratic', `
The notes' exercise y = x0² + 3 x0 x1 + x1² + 5 from n = 100 points: a 2-16-1 sigmoid network
(test MSE against var(y) on 20 held-out points), and OLS / Ridge / Lasso on the degree-2
polynomial design (OLS recovers the coefficients exactly). Prints only.`, {
  epochs: { help: 'full-batch training epochs of the network', default: 3000, quick: 500, min: 1 },
});
const { X, y } = quadraticSurfaceDataset(100, new Rng(12));
const split = trainTestSplit(X, y, 0.2, new Rng(3));
const to32 = (m: { rows: number; cols: number; data: Float64Array }) => matrix(m.rows, m.cols, Float32Array.from(m.data));
let mean = 0;
for (const v of y) mean += v / y.length;
let varY = 0;
for (const v of y) varY += (v - mean) ** 2 / y.length;
const sd = Math.sqrt(varY);
const standardized = (v: Float64Array) => matrix(v.length, 1, Float32Array.from(v, (t) => (t - mean) / sd));

// 1. the network
const epochs = cli.values.epochs;
const net = createMLP([2, 16, 1], { hidden: 'sigmoid' }, new Rng(1));
const t0 = performance.now();
trainMLP(net, to32(split.Xtrain), standardized(split.ytrain), {
  loss: 'mse', optimizer: new Adam({ lr: 0.02 }), epochs, batchSize: 80,
  onEpoch: (r) => { if (r.epoch % Math.max(1, Math.floor(epochs / 5)) === 0) console.error(`epoch ${r.epoch}: training cost ½·MSE (standardized) ${r.loss.toExponential(3)}`); },
}, new Rng(2));
const seconds = (performance.now() - t0) / 1000;
const pred = mlpPredict(net, to32(split.Xtest));
let testMse = 0;
for (let i = 0; i < pred.rows; i++) testMse += (mean + sd * pred.data[i] - split.ytest[i]) ** 2 / pred.rows;
console.log(`network 2-16-1 (sigmoid), Adam lr 0.02, ${epochs} full-batch epochs on 80 points (${seconds.toFixed(2)} s)`);
console.log(`  test MSE on 20 points: ${testMse.toExponential(3)}  = ${(100 * testMse / varY).toFixed(3)} % of var(y) = ${varY.toFixed(4)}  (goal: below 1 %)`);

// 2. regression on the polynomial design
const x0 = Array.from({ length: y.length }, (_, i) => X.data[2 * i]);
const x1 = Array.from({ length: y.length }, (_, i) => X.data[2 * i + 1]);
const P = polynomialFeatures2D(x0, x1, 2);
const fmt = (t: Float64Array) => `(${Array.from(t, (v) => v.toFixed(6)).join(', ')})`;
const theta = ols(P, y);
console.log('\nOLS on (1, x0, x1, x0², x0x1, x1²):');
console.log(`  θ = ${fmt(theta)}   (exact (5, 0, 0, 1, 3, 1)); training MSE ${mse(P, y, theta).toExponential(2)}`);
for (const lambda of [0.001, 0.1]) console.log(`  Ridge λ = ${lambda}: θ = ${fmt(ridge(P, y, lambda))}`);
for (const lambda of [0.01, 0.5]) console.log(`  Lasso λ = ${lambda}: θ = ${fmt(lasso(P, y, lambda))}`);
