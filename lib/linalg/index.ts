// Public face of lib/linalg: re-exports only.
export {
  matrix, matrix64, zeros, zeros64, identity64, fromArray2D, toArray2D, copy, transpose, type Matrix, type Matrix64, type AnyMatrix,
} from './matrix.js';
export {
  gemm, gemm64, availableBackends, getBackend, setBackend, type GemmOptions, type BackendName, type LinalgBackend,
} from './gemm.js';
export * from './blas.js';
export * from './elementwise.js';
export * from './dense.js';
export { sparseGemm, type SparseGemmOptions, type SparseGemmStats } from './sparse.js';
