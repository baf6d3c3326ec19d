/**
 * lib/vmc/spins: the periodic transverse-field Ising chain with an RBM amplitude (Carleo &
 * Troyer 2017): exact references (Lanczos, free fermions), local energy, Metropolis spin flips,
 * plain-gradient and stochastic-reconfiguration optimisation.
 */
export { tfimChain, tfimClosedFormEnergy, tfimApply, tfimExactGroundState, type TfimChain, type TfimGroundState } from './tfim.js'; // not checkTfimChain (internal)
export * from './rbm-state.js';
export {
  runSpinBatch, spinStatistics, srSolve, createSpinChains, optimizeSpinState, type SpinChainData, type SpinBatchInput, type SpinBatchOutput, type SpinUpdate, type SpinOptimizeOptions, type SpinIteration, type SpinOptimizeResult,
} from './vmc.js';
