/**
 * lib/progress: the throttled progress reporter shared by long runs (runChains, runIsing,
 * trainRBM, the tour and the examples). See docs/io.md ("Progress").
 */
export * from './progress.js';
