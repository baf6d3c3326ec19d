/**
 * lib/vmc: variational Monte Carlo with an RBM trial wavefunction (whiteboard 001): electrons in
 * a harmonic quantum dot (wavefunction, Jastrow factors, Hamiltonian, samplers, optimisation),
 * and the transverse-field Ising chain with an RBM amplitude (lib/vmc/spins). See docs/vmc.md.
 */
export {
  type JastrowKind, type Jastrow,
} from './jastrow.js';
export {
  RbmWavefunction, logPsi, logPsiCoordinateDerivatives, logPsiParameterGradient, type HiddenUnits, type RbmWavefunctionOptions, type RbmWavefunctionData,
} from './wavefunction.js';
export {
  harmonicOscillator, trapPotential, interactionEnergy, localEnergy, type Interaction, type HarmonicOscillator,
} from './hamiltonian.js';
export {
  metropolisSampler, importanceSampler, blockGibbsSampler, type SamplerSpec, type Walker, type CycleWorkspace,
} from './samplers.js';
export {
  runWalkerBatch, combineMeasurements, createWalkers, batchInputs, estimateEnergy, optimizeWavefunction, type WalkerData, type DensityHistogramSpec, type WalkerBatchInput, type WalkerMeasurement, type WalkerBatchOutput, type EnergyEstimate, type VmcOptions, type VmcIteration, type OptimizeOptions, type OptimizeResult,
} from './vmc.js';
export {
  twoElectronDotEnergy,
} from './reference.js';
export * from './spins/index.js';
