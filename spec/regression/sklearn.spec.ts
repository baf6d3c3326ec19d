/**
 * Our regression against scikit-learn on the fixed data set of spec/fixtures/regression-sklearn.json
 * (made by spec/fixtures/regression-sklearn.py; the file records the versions). sklearn fits an
 * intercept it does not penalize; we fit the same data with a column of ones first, which our
 * ridge and lasso leave unpenalized. Mapping of the penalties (objectives in the fixture script):
 * Ridge λ = α/n, Lasso λ = 2α.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { symmetricEigen } from '../../lib/linalg/index.js';
import { designMatrix, lasso, lassoKktViolation, normalEquations, ols, predictLinear, ridge, ridgeSvd } from '../../lib/regression/index.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/regression-sklearn.json', import.meta.url), 'utf8')) as {
  n: number; X: number[][]; y: number[]; ols: number[];
  ridge: { alpha: number; lambda: number; theta: number[] }[];
  lasso: { alpha: number; lambda: number; theta: number[] }[];
};
const cols = fx.X[0].map((_, j) => fx.X.map((row) => row[j]));
const X = designMatrix(cols, { intercept: true });
const y = Float64Array.from(fx.y);

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('OLS equals sklearn LinearRegression (Cholesky and QR, 1e-10)', () => {
  assert.ok(maxDiff(ols(X, y), fx.ols) < 1e-10, String(maxDiff(ols(X, y), fx.ols)));
  assert.ok(maxDiff(ols(X, y, { method: 'qr' }), fx.ols) < 1e-10);
});

test('Ridge equals sklearn Ridge with λ = α/n (both forms, 1e-10)', () => {
  for (const r of fx.ridge) {
    assert.is(r.lambda, r.alpha / fx.n);
    assert.ok(maxDiff(ridge(X, y, r.lambda), r.theta) < 1e-10, `α = ${r.alpha}: ${maxDiff(ridge(X, y, r.lambda), r.theta)}`);
    assert.ok(maxDiff(ridgeSvd(X, y, r.lambda), r.theta) < 1e-10, `α = ${r.alpha} (svd)`);
  }
});

test('Lasso equals sklearn Lasso with λ = 2α within the bound its optimality residuals allow; the same coefficients are exactly 0', () => {
  // C(θ) = (1/n)‖y − Xθ‖² + λ‖θ‖₁ is μ-strongly convex with μ = λ_min((2/n)XᵀX) (> 0 here), so a
  // point whose subgradient residual is v (per coordinate) lies within √p · v / μ of the minimizer.
  // The bound for |θ_ours − θ_sklearn| is the sum of the two points' bounds.
  const { XtX } = normalEquations(X, y);
  const n = X.rows, p = X.cols;
  const mu = symmetricEigen({ rows: p, cols: p, data: XtX.data.map((v) => (2 * v) / n) }).values.reduce((a, b) => Math.min(a, b));
  const residual = (theta: ArrayLike<number>) => {
    const yHat = predictLinear(X, Float64Array.from(theta));
    return y.map((v, i) => v - yHat[i]);
  };
  for (const r of fx.lasso) {
    assert.is(r.lambda, 2 * r.alpha);
    const theta = lasso(X, y, r.lambda);
    const vOurs = lassoKktViolation(X, residual(theta), theta, r.lambda, 0);
    const vSk = lassoKktViolation(X, residual(r.theta), Float64Array.from(r.theta), r.lambda, 0);
    const bound = (Math.sqrt(p) * (vOurs + vSk)) / mu;
    let d2 = 0;
    for (let j = 0; j < p; j++) d2 += (theta[j] - r.theta[j]) ** 2;
    assert.ok(Math.sqrt(d2) <= bound, `α = ${r.alpha}: |Δθ| = ${Math.sqrt(d2)} > bound ${bound}`);
    assert.ok(bound < 1e-9, `α = ${r.alpha}: bound ${bound}`);
    for (let j = 0; j < theta.length; j++) assert.is(theta[j] === 0, r.theta[j] === 0, `α = ${r.alpha}, θ_${j}`);
  }
});

test.run();
