/**
 * lib/ebm: energy-based models with a neural energy E_θ(x) — the network as a sampling target
 * (`mlpEnergy` for the MCMC module), batched Langevin chains through it, the contrastive loss
 * with its regularizer, and training with Langevin negatives from a replay buffer (N-LANG-03).
 * See docs/ebm.md.
 */
export {
  mlpEnergy,
} from './energy.js';
export * from './loss.js';
export {
  ulaSettings, langevinChains, type LangevinSettings,
} from './langevin.js';
export * from './train.js';
