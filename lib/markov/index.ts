/**
 * lib/markov — discrete Markov chains with column-stochastic transition matrices
 * (`W.data[i * n + j] = W(j -> i)`, columns sum to 1): building, evolving, checking,
 * stationary distributions, eigenvalues, (detailed) balance and the Metropolis chain of a
 * proposal. See docs/markov.md.
 */
export {
  randomWalkMatrix,
  evolve,
  evolveSteps,
  matrixPower,
  type RandomWalkBoundary,
} from './transition.js';
export {
  assertColumnStochastic,
  assertDistribution,
  balanceResidual,
  detailedBalanceResidual,
  metropolisAcceptance,
  metropolisMatrix,
  masterEquationStep,
  type MasterEquationForm,
} from './balance.js';
export { transitionEigenvalues, stationaryDistribution, closedClasses, type StationaryOptions } from './stationary.js';
