import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../lib/random/index.js';
import { matrix64, svd } from '../../lib/linalg/index.js';
import { quadraticSurfaceDataset } from '../../lib/data/index.js';
import {
  crossValidate, designMatrix, interceptColumn, lasso, lassoKktViolation, mse, normalEquations, ols, polynomialFeatures2D,
  predictLinear, r2, ridge, ridgeSvd, softThreshold, trainTestSplit,
} from '../../lib/regression/index.js';
import { throwsMsg, throwsWith } from '../assert-error.js';

function randomDesign(n: number, p: number, rng: Rng) {
  const cols = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const X = designMatrix(cols, { intercept: true });
  const theta = Float64Array.from({ length: p + 1 }, () => rng.normal());
  const y = predictLinear(X, theta).map((v) => v + 0.5 * rng.normal());
  return { X, y };
}

function residual(X: ReturnType<typeof matrix64>, y: Float64Array, theta: Float64Array): Float64Array {
  const yHat = predictLinear(X, theta);
  return y.map((v, i) => v - yHat[i]);
}

test('N-REG-01 column order on a 2-point example', () => {
  const X = designMatrix([[1, 2], [3, 4]], { intercept: true });
  assert.equal(Array.from(X.data), [1, 1, 3, 1, 2, 4]);
  const P = polynomialFeatures2D([2, -1], [3, 5], 2); // (1, x0, x1, x0², x0x1, x1²)
  assert.equal(Array.from(P.data), [1, 2, 3, 4, 6, 9, 1, -1, 5, 1, -5, 25]);
  assert.is(interceptColumn(P), 0);
  assert.is(interceptColumn(designMatrix([[1, 2]])), -1);
});

test('N-REG-02 MSE by hand (no ½): residuals (1, −2) give 2.5', () => {
  const X = designMatrix([[0, 1]], { intercept: true });
  assert.is(mse(X, new Float64Array([2, 0]), new Float64Array([1, 1])), (1 + 4) / 2);
});

test('N-REG-03 OLS: the residual is orthogonal to every column (‖Xᵀr‖ < 1e-10); Cholesky and QR agree', () => {
  const { X, y } = randomDesign(50, 4, new Rng(61));
  for (const method of ['cholesky', 'qr'] as const) {
    const theta = ols(X, y, { method });
    const r = residual(X, y, theta);
    for (let j = 0; j < X.cols; j++) {
      let s = 0;
      for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + j] * r[i];
      assert.ok(Math.abs(s) < 1e-10, `${method} column ${j}: ${s}`);
    }
  }
  const a = ols(X, y, { method: 'cholesky' }), b = ols(X, y);
  for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) < 1e-12);
  assert.ok(r2(X, y, a) > 0 && r2(X, y, a) < 1);
});

test('N-REG-03 a full-rank X too ill-conditioned for the normal equations: the default (QR) solves it, Cholesky says why it cannot', () => {
  // columns 1, t, 2t + 1 + 1e-9 s (s a fixed sign pattern): rank 3, cond(X) ~ 1e10, so
  // cond(XᵀX) ~ 1e20 > 1/eps. y = X θ* exactly for θ* = (1, 2, 3)... up to the rounding of X θ*.
  const n = 40;
  const t = Array.from({ length: n }, (_, i) => i / n), s = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : -1));
  const X = designMatrix([t, t.map((v, i) => 2 * v + 1 + 1e-9 * s[i])], { intercept: true });
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 + 2 * X.data[i * 3 + 1] + 3 * X.data[i * 3 + 2];
  const theta = ols(X, y);
  // the residual of a backward-stable QR solve: ‖Xᵀr‖ at rounding level of ‖X‖‖y‖
  const r = residual(X, y, theta);
  for (let j = 0; j < 3; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += X.data[i * 3 + j] * r[i];
    assert.ok(Math.abs(g) < 1e-10, `column ${j}: ${g}`);
  }
  throwsWith(() => ols(X, y, { method: 'cholesky' }), RangeError, 'ols: XᵀX is not numerically positive definite although X has full rank', 'cond(X) = ', "method 'qr'");
});

test('N-REG-04 ridge with a tiny λ on a nearly collinear design: the default (QR) agrees with the SVD form; Cholesky on XᵀX + nλD does not', () => {
  // cond(X) ~ 6e9; the least squares matrix [X; √(nλ) D] has cond κ = sqrt((s₁² + nλ)/(s₃² + nλ)),
  // so QR's forward error is a small multiple of ε κ, Cholesky's of ε κ² (~1e-1 here)
  const n = 40;
  const t = Array.from({ length: n }, (_, i) => i / n), s = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : -1));
  const X = designMatrix([t, t.map((v, i) => 2 * v + 1 + 1e-9 * s[i])], { intercept: true });
  const y = Float64Array.from(t, (v) => 1 + v);
  const lambda = 1e-14;
  const sv = svd(X).s;
  const kappa = Math.sqrt((sv[0] ** 2 + n * lambda) / (sv[2] ** 2 + n * lambda));
  const reference = ridgeSvd(X, y, lambda);
  const tol = 10 * 2 ** -52 * kappa * Math.max(...reference.map(Math.abs));
  const gap = (theta: Float64Array) => Math.max(...theta.map((v, j) => Math.abs(v - reference[j])));
  assert.ok(gap(ridge(X, y, lambda)) <= tol, `qr: ${gap(ridge(X, y, lambda))} > ${tol}`);
  assert.ok(gap(ridge(X, y, lambda, { method: 'cholesky' })) > 100 * tol, 'cholesky should miss (negative control)');
});

test('N-REG-03 a rank-deficient X throws naming the rank', () => {
  const X = designMatrix([[1, 2, 3, 4], [2, 4, 6, 8]], { intercept: true }); // column 2 = 2 · column 1
  throwsMsg(() => ols(X, new Float64Array(4)), RangeError,
    'ols: X is 4x3 but has rank 2 < 3: its columns are linearly dependent, so XᵀX is singular and θ is not unique (drop columns, or use ridge)');
});

test('N-REG-04 ridge: the gradient of (1/n)‖y − Xθ‖² + λ‖θ‖² vanishes at the solution (1e-12); λ → 0 is OLS; the SVD form agrees', () => {
  const { X, y } = randomDesign(40, 5, new Rng(62));
  const n = X.rows, p = X.cols;
  for (const penalizeIntercept of [false, true]) {
    for (const lambda of [1e-3, 0.1, 2]) {
      const theta = ridge(X, y, lambda, { penalizeIntercept });
      const r = residual(X, y, theta);
      for (let j = 0; j < p; j++) {
        let g = 0;
        for (let i = 0; i < n; i++) g -= (2 / n) * X.data[i * p + j] * r[i];
        if (penalizeIntercept || j !== 0) g += 2 * lambda * theta[j];
        assert.ok(Math.abs(g) < 1e-12, `λ = ${lambda}, j = ${j}: ${g}`);
      }
      const viaSvd = ridgeSvd(X, y, lambda, { penalizeIntercept });
      for (let j = 0; j < p; j++) assert.ok(Math.abs(viaSvd[j] - theta[j]) < 1e-12);
    }
  }
  const o = ols(X, y), r0 = ridge(X, y, 0), rs = ridgeSvd(X, y, 0);
  for (let j = 0; j < p; j++) {
    assert.ok(Math.abs(r0[j] - o[j]) < 1e-12);
    assert.ok(Math.abs(rs[j] - o[j]) < 1e-12);
  }
});

test('N-REG-05 orthogonal design with XᵀX = nI gives exactly θ_j = S(x_jᵀy/n, λ/2)', () => {
  // columns of a 4 x 4 Hadamard matrix: orthogonal, each of squared norm 4 = n
  const H = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]];
  const X = matrix64(4, 4, H.flat());
  const y = new Float64Array([3, -1, 0.5, 2]);
  for (const lambda of [0, 0.5, 1.3, 4]) {
    const theta = lasso(X, y, lambda, { penalizeIntercept: true });
    for (let j = 0; j < 4; j++) {
      let xty = 0;
      for (let i = 0; i < 4; i++) xty += H[i][j] * y[i];
      assert.ok(Math.abs(theta[j] - softThreshold(xty / 4, lambda / 2)) < 1e-15, `λ = ${lambda}, j = ${j}`);
    }
  }
});

test('N-REG-05 lasso satisfies the KKT conditions and zeroes more coefficients as λ grows; all zero from λ_max on', () => {
  const { X, y } = randomDesign(60, 6, new Rng(63));
  const n = X.rows, p = X.cols;
  // λ_max = max_j |(2/n) x_jᵀ(y − ȳ)| over the penalized columns: beyond it θ = (ȳ, 0, ..., 0)
  let ybar = 0;
  for (const v of y) ybar += v / n;
  let lambdaMax = 0;
  for (let j = 1; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += X.data[i * p + j] * (y[i] - ybar);
    lambdaMax = Math.max(lambdaMax, Math.abs((2 / n) * g));
  }
  let previousZeros = -1;
  for (const f of [0.001, 0.05, 0.2, 0.5, 0.9, 1.0001]) {
    const lambda = f * lambdaMax;
    const theta = lasso(X, y, lambda);
    assert.ok(lassoKktViolation(X, residual(X, y, theta), theta, lambda, 0) < 1e-12, `λ = ${lambda}`);
    const zeros = Array.from(theta.subarray(1)).filter((v) => v === 0).length;
    assert.ok(zeros >= previousZeros, `zeros ${zeros} after ${previousZeros}`);
    previousZeros = zeros;
  }
  assert.is(previousZeros, p - 1);
  const atMax = lasso(X, y, 1.0001 * lambdaMax);
  assert.ok(Math.abs(atMax[0] - ybar) < 1e-12);
});

test('N-REG-05 non-convergence throws with the sweep count, and names nearly collinear or ill-conditioned active columns', () => {
  const { X, y } = randomDesign(30, 3, new Rng(64));
  throwsWith(() => lasso(X, y, 0.01, { maxIter: 1 }), RangeError, 'lasso: coordinate descent did not converge in 1 sweeps', 'raise maxIter or tol');
  // columns 1 and 2 equal up to a factor 2 and 1e-9 noise: cos = 1 - O(1e-18), so coordinate
  // descent moves weight between them by ~1e-18 per sweep and cannot finish
  const t = Array.from({ length: 30 }, (_, i) => i / 30);
  const C = designMatrix([t, t.map((v, i) => 2 * v + 1e-9 * ((i % 3) - 1)), t.map((v) => v * v)], { intercept: true });
  throwsWith(() => lasso(C, Float64Array.from(t, (v) => 1 + v), 1e-5, { maxIter: 200 }), RangeError, 'did not converge in 200 sweeps', 'columns 1 and 2 are nearly collinear');
  // monomials up to degree 8 in two variables: no single pair, but 44 active columns with condition
  // number ~6e2, so the error shrinks by ~1 - 2e-6 per sweep
  const data = quadraticSurfaceDataset(200, new Rng(1), { noise: 0.1 });
  const x0 = Array.from({ length: 200 }, (_, i) => data.X.data[2 * i]), x1 = Array.from({ length: 200 }, (_, i) => data.X.data[2 * i + 1]);
  throwsWith(() => lasso(polynomialFeatures2D(x0, x1, 8), data.y, 1e-6, { maxIter: 200 }), RangeError, 'columns with nonzero coefficients have condition number');
  // 200,000 rows: the message is built without spreading a column into a call (that overflowed
  // the stack, a RangeError 'Maximum call stack size exceeded' instead of the explanation)
  const big = 200_000, g = new Rng(2);
  const B = matrix64(big, 3), yb = new Float64Array(big);
  for (let i = 0; i < big; i++) { const u = g.normal(); B.data[3 * i] = 1; B.data[3 * i + 1] = u; B.data[3 * i + 2] = 2 * u + 1e-9 * g.normal(); yb[i] = u; }
  throwsWith(() => lasso(B, yb, 1e-6, { maxIter: 5 }), RangeError, 'did not converge in 5 sweeps', 'columns 1 and 2 are nearly collinear');
});

test('N-REG-06 the exercise through a degree-2 polynomial design: noise-free data give θ = (5, 0, 0, 1, 3, 1) to 1e-10', () => {
  const { X: raw, y } = quadraticSurfaceDataset(100, new Rng(65));
  const x0 = Array.from({ length: 100 }, (_, i) => raw.data[2 * i]);
  const x1 = Array.from({ length: 100 }, (_, i) => raw.data[2 * i + 1]);
  const X = polynomialFeatures2D(x0, x1, 2);
  for (const method of ['cholesky', 'qr'] as const) {
    const theta = ols(X, y, { method });
    [5, 0, 0, 1, 3, 1].forEach((want, j) => assert.ok(Math.abs(theta[j] - want) < 1e-10, `${method} θ_${j} = ${theta[j]}`));
  }
});

test('trainTestSplit is a seeded partition; crossValidate picks the λ with the smallest held-out MSE', () => {
  const { X, y } = randomDesign(50, 3, new Rng(66));
  const s = trainTestSplit(X, y, 0.2, new Rng(1));
  assert.is(s.testIndex.length, 10);
  assert.equal([...s.trainIndex, ...s.testIndex].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.equal(Array.from(trainTestSplit(X, y, 0.2, new Rng(1)).testIndex), Array.from(s.testIndex));
  assert.is(s.ytest[0], y[s.testIndex[0]]);
  const lambdas = [1e-4, 1e-2, 1, 100];
  const cv = crossValidate(X, y, lambdas, (Xt, yt, lam) => ridge(Xt, yt, lam), { k: 5 }, new Rng(2));
  const best = cv.meanMse.reduce((b, v, i) => (v < cv.meanMse[b] ? i : b), 0);
  assert.is(cv.bestIndex, best);
  assert.is(cv.bestLambda, lambdas[best]);
  // a huge penalty shrinks the slopes to 0: much worse than a small one on data with real slopes
  assert.ok(cv.meanMse[3] > cv.meanMse[0]);
});

test('bad input', () => {
  throwsWith(() => ols({ rows: 1, cols: 1, data: new Float32Array(1) } as never, new Float64Array(1)), TypeError, 'ols: X must be a Matrix64');
  throwsMsg(() => ols(matrix64(3, 1, [1, 2, 3]), new Float64Array(2)), RangeError, 'ols: X is 3x1 but y has length 2 (one target per row)');
  throwsMsg(() => ridge(matrix64(3, 1, [1, 2, 3]), new Float64Array(3), -1), RangeError, 'ridge: lambda must be a finite number >= 0, got -1');
  throwsMsg(() => lasso(matrix64(1, 1, [NaN]), new Float64Array(1), 1), RangeError, 'lasso: X[0, 0] is NaN; X must be finite');
  throwsMsg(() => trainTestSplit(matrix64(2, 1, [1, 2]), new Float64Array(2), 0.1, new Rng(1)), RangeError,
    'trainTestSplit: 2 rows with testFraction 0.1 give 0 test rows; both parts need at least one');
  throwsWith(() => ridge(matrix64(3, 1, [1, 2, 3]), new Float64Array(3), 1, { penalise: true } as never), TypeError, "ridge: unknown option 'penalise'");
  throwsMsg(() => normalEquations(matrix64(1, 1), new Float64Array(2)), RangeError, 'normalEquations: X is 1x1 but y has length 2 (one target per row)');
});

test.run();
