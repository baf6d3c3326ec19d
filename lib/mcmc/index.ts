/**
 * lib/mcmc: continuous and discrete samplers over one target interface (LogDensity), several
 * chains with warm-up step adaptation, and (from diagnostics.ts / fft.ts) the autocorrelation,
 * ESS and R-hat used to judge them. See docs/mcmc.md, docs/langevin.md and docs/diagnostics.md.
 */
export type { LogDensity } from './target.js';
export { fromEnergy, type EnergyModel } from './energy.js';
export type { Sampler, SamplerChain, AdaptationKind } from './sampler.js';
export { RobbinsMonroStepSize, DualAveragingStepSize } from './adapt.js';
export {
  logAcceptance,
  acceptMove,
  autoregressiveProposal,
  metropolisHastingsStep,
  randomWalkMetropolisStep,
  rwmSampler,
  mhSampler,
  randomWalkMetropolis,
  discreteMetropolisHastings,
  type MetropolisState,
  type Proposal,
} from './metropolis.js';
export {
  gibbsSweep,
  gibbsChain,
  gaussianConditionals,
  gibbsSampler,
  type DiscreteConditional,
  type GibbsUpdate,
} from './gibbs.js';
export {
  ulaStep,
  ulaStationaryVariance,
  ulaSampler,
  malaLogProposal,
  malaStep,
  malaSampler,
  type MalaState,
} from './langevin.js';
export { leapfrog, hmcStep, hmcSampler, type HmcState } from './hmc.js';
export { runChains, chainColumn, chainColumns, type RunChainsOptions, type RunChainsResult, type ChainResult } from './chains.js';
export { gaussianTarget, mixtureTarget1d, bananaTarget } from './standard-targets.js';
export {
  autocorrelation, integratedAutocorrTimeDetails, integratedAutocorrTime, effectiveSampleSize, inverseNormalCdf, splitRHat, bulkEffectiveSampleSize, tailEffectiveSampleSize, meanEffectiveSampleSize, mcseMean, mcseSd, blockingError, type Draws, type AutocorrTimeOptions, type AutocorrTimeResult, type BlockingResult,
} from './diagnostics.js';
export { mapDraws, summarize, formatSummary, type ChainSamples, type SummaryRow, type SummaryPool, type SummarizeOptions } from './summary.js';
export { fft, ifft, circularAutocorrelation, nextPowerOfTwo } from './fft.js';
