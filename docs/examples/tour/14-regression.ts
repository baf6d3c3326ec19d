/**
 * Tour chapter: linear regression. The exercise's noise-free data through the degree-2 polynomial
 * design give θ = (5, 0, 0, 1, 3, 1) exactly; the two forms of Ridge agree; Lasso's soft
 * threshold on an orthogonal design; and our OLS, Ridge and Lasso against scikit-learn's on the
 * fixed data set of spec/fixtures/regression-sklearn.json (Ridge λ = α/n, Lasso λ = 2α).
 */
import { readFileSync } from 'node:fs';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { Rng } from '../../../lib/random/index.js';
import { matrix64 } from '../../../lib/linalg/index.js';
import { quadraticSurfaceDataset } from '../../../lib/data/index.js';
import { designMatrix, lasso, ols, polynomialFeatures2D, ridge, ridgeSvd, softThreshold } from '../../../lib/regression/index.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

export const chapter: TourChapter = {
  title: 'Linear regression: OLS, Ridge, Lasso; the match with scikit-learn',
  order: 14,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const { X: raw, y } = quadraticSurfaceDataset(100, new Rng(12));
    const x0 = Array.from({ length: 100 }, (_, i) => raw.data[2 * i]);
    const x1 = Array.from({ length: 100 }, (_, i) => raw.data[2 * i + 1]);
    const P = polynomialFeatures2D(x0, x1, 2);
    rows.push(compareRow('exercise, OLS on (1, x₀, x₁, x₀², x₀x₁, x₁²): max |θ − θ*|', maxDiff(ols(P, y), [5, 0, 0, 1, 3, 1]), 0, 1e-10, 'θ* = (5, 0, 0, 1, 3, 1), the function itself', 3));
    rows.push(compareRow('Ridge λ = 0.1: max |closed form − SVD shrinkage|', maxDiff(ridge(P, y, 0.1), ridgeSvd(P, y, 0.1)), 0, 1e-12, '(XᵀX + nλI)⁻¹Xᵀy = V diag(s/(s² + nλ)) Uᵀy', 3));
    // Orthogonal design (4x4 Hadamard columns, XᵀX = 4I): θ_j = S(x_jᵀy/n, λ/2) exactly.
    const H = matrix64(4, 4, [1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1]);
    const yh = new Float64Array([3, -1, 0.5, 2]);
    const th = lasso(H, yh, 1.3, { penalizeIntercept: true });
    rows.push(compareRow('Lasso on an orthogonal design, λ = 1.3: θ₀', th[0], softThreshold((3 - 1 + 0.5 + 2) / 4, 0.65), 1e-15, 'S(x₀ᵀy/n, λ/2), soft thresholding', 8));
    const fx = JSON.parse(readFileSync(new URL('../../../spec/fixtures/regression-sklearn.json', import.meta.url), 'utf8')) as {
      sklearn: string; X: number[][]; y: number[]; ols: number[]; ridge: { alpha: number; lambda: number; theta: number[] }[]; lasso: { alpha: number; lambda: number; theta: number[] }[];
    };
    const X = designMatrix(fx.X[0].map((_, j) => fx.X.map((r) => r[j])), { intercept: true });
    const yy = Float64Array.from(fx.y);
    const src = `scikit-learn ${fx.sklearn} (spec/fixtures/regression-sklearn.py)`;
    rows.push(compareRow('OLS vs LinearRegression: max |Δθ|', maxDiff(ols(X, yy), fx.ols), 0, 1e-10, src, 3));
    const r = fx.ridge[1];
    rows.push(compareRow(`Ridge λ = α/n vs Ridge(alpha=${r.alpha}): max |Δθ|`, maxDiff(ridge(X, yy, r.lambda), r.theta), 0, 1e-10, src, 3));
    const l = fx.lasso[1];
    const tl = lasso(X, yy, l.lambda);
    rows.push(compareRow(`Lasso λ = 2α vs Lasso(alpha=${l.alpha}): max |Δθ|`, maxDiff(tl, l.theta), 0, 1e-9, src, 3));
    const zeros = (t: ArrayLike<number>) => Array.from(t).map((v, j) => (v === 0 ? j : -1)).filter((j) => j >= 0).join(',');
    rows.push({ what: `Lasso(alpha=${l.alpha}): coefficients exactly 0`, value: zeros(tl), reference: zeros(l.theta), source: src, ok: zeros(tl) === zeros(l.theta) });
    return rows;
  },
};
