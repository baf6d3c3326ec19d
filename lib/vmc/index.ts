/**
 * lib/vmc: variational Monte Carlo with an RBM trial wavefunction (whiteboard 001): electrons in
 * a harmonic quantum dot (wavefunction, Jastrow factors, Hamiltonian, samplers, optimisation),
 * and the transverse-field Ising chain with an RBM amplitude (lib/vmc/spins). See docs/vmc.md.
 */
export * from './jastrow.js';
export * from './wavefunction.js';
export * from './hamiltonian.js';
export * from './samplers.js';
export * from './vmc.js';
export * from './reference.js';
export * from './spins/index.js';
