/**
 * lib/vmc/spins: the periodic transverse-field Ising chain with an RBM amplitude (Carleo &
 * Troyer 2017): exact references (Lanczos, free fermions), local energy, Metropolis spin flips,
 * plain-gradient and stochastic-reconfiguration optimisation.
 */
export * from './tfim.js';
export * from './rbm-state.js';
export * from './vmc.js';
