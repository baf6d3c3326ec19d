/**
 * lib/regression: linear regression on a design matrix in float64 — OLS (Cholesky or QR), Ridge
 * (closed form and SVD shrinkage), Lasso (coordinate descent), MSE and R², a seeded train/test
 * split and k-fold cross-validation. See docs/regression.md.
 */
export * from './design.js';
export * from './ols.js';
export * from './ridge.js';
export * from './lasso.js';
export * from './validation.js';
