// Public face of lib/linalg: re-exports only.
export * from './matrix.js';
export * from './gemm.js';
export * from './blas.js';
export * from './elementwise.js';
export * from './dense.js';
export { sparseGemm, lastSparseGemm, type SparseGemmOptions, type SparseGemmStats } from './sparse.js';
