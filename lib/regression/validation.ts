/**
 * Model selection: a seeded train/test split and k-fold cross-validation for choosing λ.
 */
import type { Rng } from '../random/index.js';
import { matrix64, type Matrix64 } from '../linalg/matrix.js';
import { mse } from './ols.js';
import { checkDesign, checkOptions, checkTargets, describe } from './checks.js';

/** The rows of X and y picked by `index`, as new arrays. */
function rowsOf(X: Matrix64, y: Float64Array, index: ArrayLike<number>): { X: Matrix64; y: Float64Array } {
  const p = X.cols;
  const Xs = matrix64(index.length, p);
  const ys = new Float64Array(index.length);
  for (let r = 0; r < index.length; r++) {
    Xs.data.set(X.data.subarray(index[r] * p, (index[r] + 1) * p), r * p);
    ys[r] = y[index[r]];
  }
  return { X: Xs, y: ys };
}

/** The four parts of {@link trainTestSplit} and the row indices they came from. */
export interface TrainTestSplit {
  Xtrain: Matrix64;
  ytrain: Float64Array;
  Xtest: Matrix64;
  ytest: Float64Array;
  trainIndex: Int32Array;
  testIndex: Int32Array;
}

/**
 * Splits the rows at random (seeded): round(n · testFraction) rows go to the test set, the rest
 * to the training set; each part keeps the permutation's order.
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * const { Xtrain, ytrain, Xtest, ytest } = trainTestSplit(X, y, 0.2, new Rng(1)); // 80 and 20 rows
 */
export function trainTestSplit(X: Matrix64, y: Float64Array, testFraction: number, rng: Rng): TrainTestSplit {
  const fn = 'trainTestSplit';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  if (!(typeof testFraction === 'number' && testFraction > 0 && testFraction < 1)) throw new RangeError(`${fn}: testFraction must be in (0, 1), got ${describe(testFraction)}`);
  const n = X.rows;
  const nTest = Math.round(n * testFraction);
  if (nTest < 1 || nTest > n - 1) throw new RangeError(`${fn}: ${n} rows with testFraction ${testFraction} give ${nTest} test rows; both parts need at least one`);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).permutation !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const order = rng.permutation(n);
  const testIndex = order.slice(0, nTest), trainIndex = order.slice(nTest);
  const train = rowsOf(X, y, trainIndex), test = rowsOf(X, y, testIndex);
  return { Xtrain: train.X, ytrain: train.y, Xtest: test.X, ytest: test.y, trainIndex, testIndex };
}

/** The result of {@link crossValidate}. */
export interface CrossValidationResult {
  lambdas: Float64Array;
  /** Mean over the k folds of the held-out MSE, per λ. */
  meanMse: Float64Array;
  /** Standard error of that mean over the folds (sd / √k), per λ. */
  seMse: Float64Array;
  /** The λ with the smallest mean held-out MSE (the first one on ties), and its index. */
  bestLambda: number;
  bestIndex: number;
}

/**
 * k-fold cross-validation: the rows are permuted once (seeded) and cut into k folds of sizes
 * differing by at most one; for each λ and each fold, `fit(Xtrain, ytrain, λ)` is trained on the
 * other k − 1 folds and scored by the MSE (N-REG-02) on the held-out fold. Every λ sees the same folds.
 *
 * @example
 * // the notes' exercise: y = x₀² + 3x₀x₁ + x₁² + 5 + noise, degree-2 features (1, x₀, x₁, x₀², x₀x₁, x₁²)
 * const data = quadraticSurfaceDataset(100, new Rng(1), { noise: 0.1 });
 * const x0 = data.X.data.filter((_, i) => i % 2 === 0), x1 = data.X.data.filter((_, i) => i % 2 === 1);
 * const X = polynomialFeatures2D(x0, x1, 2), y = data.y;
 * const cv = crossValidate(X, y, [1e-4, 1e-3, 1e-2, 1e-1], (Xt, yt, lam) => ridge(Xt, yt, lam), { k: 5 }, new Rng(3));
 * cv.bestLambda;
 */
export function crossValidate(
  X: Matrix64,
  y: Float64Array,
  lambdas: ArrayLike<number>,
  fit: (X: Matrix64, y: Float64Array, lambda: number) => Float64Array,
  options: { k?: number } | undefined,
  rng: Rng,
): CrossValidationResult {
  const fn = 'crossValidate';
  checkDesign(fn, X);
  checkTargets(fn, y, X);
  checkOptions(fn, options, ['k']);
  if (typeof fit !== 'function') throw new TypeError(`${fn}: fit must be a function (X, y, lambda) => theta, got ${describe(fit)}`);
  if (lambdas === null || typeof lambdas !== 'object' || lambdas.length < 1) throw new RangeError(`${fn}: lambdas must be a non-empty array, got ${describe(lambdas)}`);
  for (let a = 0; a < lambdas.length; a++) {
    if (typeof lambdas[a] !== 'number' || !Number.isFinite(lambdas[a])) throw new RangeError(`${fn}: lambdas[${a}] must be a finite number, got ${describe(lambdas[a])}`);
  }
  const k = options?.k ?? 5;
  const n = X.rows;
  if (!Number.isInteger(k) || k < 2 || k > n) throw new RangeError(`${fn}: k must be an integer in 2..n = ${n}, got ${describe(k)}`);
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).permutation !== 'function') throw new TypeError(`${fn}: rng must be an Rng, got ${describe(rng)}`);
  const order = rng.permutation(n);
  const folds: { train: Int32Array; test: Int32Array }[] = [];
  for (let f = 0; f < k; f++) {
    const start = Math.floor((f * n) / k), end = Math.floor(((f + 1) * n) / k);
    const test = order.slice(start, end);
    const train = new Int32Array(n - (end - start));
    train.set(order.subarray(0, start), 0);
    train.set(order.subarray(end), start);
    folds.push({ train, test });
  }
  const parts = folds.map((f) => ({ train: rowsOf(X, y, f.train), test: rowsOf(X, y, f.test) }));
  const L = lambdas.length;
  const meanMse = new Float64Array(L), seMse = new Float64Array(L);
  let bestIndex = 0;
  for (let a = 0; a < L; a++) {
    const scores = parts.map(({ train, test }) => mse(test.X, test.y, fit(train.X, train.y, lambdas[a])));
    const m = scores.reduce((s, v) => s + v, 0) / k;
    const v = scores.reduce((s, x) => s + (x - m) ** 2, 0) / (k - 1);
    meanMse[a] = m;
    seMse[a] = Math.sqrt(v / k);
    if (m < meanMse[bestIndex]) bestIndex = a;
  }
  return { lambdas: Float64Array.from(lambdas), meanMse, seMse, bestLambda: lambdas[bestIndex], bestIndex };
}
