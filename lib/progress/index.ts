/**
 * lib/progress: the throttled progress reporter shared by long runs (runChains, runIsing,
 * trainRBM, the tour and the examples). See docs/io.md ("Progress").
 */
export {
  formatProgress, ProgressReporter, progressReporter, type ProgressInfo, type ProgressOptions, type ProgressReporterOptions,
} from './progress.js';
