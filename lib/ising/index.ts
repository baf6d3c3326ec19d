/**
 * lib/ising: the 2D Ising model (X-ISING) — the lattice and its updates (Metropolis, heat-bath,
 * checkerboard, Wolff), runs and their observables with errors, and the exact references
 * (enumeration, Kaufman's finite lattice, Onsager's infinite lattice). See docs/ising.md.
 */
export { IsingModel, type IsingOptions, type IsingSiteRule } from './model.js';
export {
  runIsing,
  isingObservables,
  type IsingUpdate,
  type RunIsingOptions,
  type IsingRun,
  type IsingEstimate,
  type IsingObservables,
} from './run.js';
export * from './exact.js';
export * from './kaufman.js';
export * from './onsager.js';
