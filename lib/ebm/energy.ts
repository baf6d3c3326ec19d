/**
 * An MLP as an energy function E_θ(x) (a network with one output and an identity output layer),
 * and its adapter to the MCMC module's EnergyModel (N-EBM-08), so any sampler there (`fromEnergy`
 * then MALA, HMC, ...) can draw from q_θ(x) ∝ e^{−E_θ(x)}.
 *
 * The gradient ∇_x E is the network's input gradient: a forward pass, then back-propagation of
 * dE/dE = 1 down to the input (`mlpBackward` with no parameter gradient).
 */
import type { EnergyModel } from '../mcmc/index.js';
import { matrix, matrix64 } from '../linalg/matrix.js';
import { checkMLP } from '../nn/mlp.js';
import { createWorkspace, type MLP, type NNMatrix } from '../nn/index.js';
import { mlpBackwardUnchecked, mlpForwardUnchecked } from '../nn/kernels.js';

/**
 * Throws unless `net` can be an energy: one output, identity output layer.
 *
 * @example
 * const net = createMLP([2, 16, 1], { hidden: 'tanh' }, new Rng(1)); // one output, identity output layer
 * checkEnergyNet('trainEBM', net); // passes
 */
export function checkEnergyNet(fn: string, net: unknown): asserts net is MLP {
  checkMLP(fn, net);
  const L = net.layers.length;
  if (net.sizes[L] !== 1) throw new RangeError(`${fn}: net must be an energy network with one output (E_θ(x)), but this one has n_L = ${net.sizes[L]}`);
  if (net.layers[L - 1].activation !== 'identity') {
    throw new RangeError(`${fn}: net must be an energy network with an identity output layer (E is any real number), got '${net.layers[L - 1].activation}'`);
  }
}

/**
 * N-EBM-08  The network as an EnergyModel over R^{n_0}: energy(x) = E_θ(x) and
 * gradEnergy(out, x) = ∇_x E_θ(x), one point at a time (float64 in and out; a float32 network
 * computes in float32). It keeps one-row buffers, so calls allocate nothing; it reads the network's
 * current weights on every call.
 *
 * @example
 * const net = createMLP([2, 16, 1], { hidden: 'tanh' }, new Rng(1)); // one output, identity output layer
 * const x0 = new Float64Array(2);
 * const target = fromEnergy(mlpEnergy(net));
 * const result = runChains(malaSampler(), target, { chains: 4, warmup: 500, samples: 2000, x0 }, new Rng(1));
 */
export function mlpEnergy(net: MLP): EnergyModel {
  checkEnergyNet('mlpEnergy', net);
  const d = net.sizes[0];
  const ws = createWorkspace(net, 1);
  const x1: NNMatrix = net.precision === 'float32' ? matrix(1, d) : matrix64(1, d);
  const g1: NNMatrix = net.precision === 'float32' ? matrix(1, d) : matrix64(1, d);
  const one: NNMatrix = net.precision === 'float32' ? matrix(1, 1, [1]) : matrix64(1, 1, [1]);
  const load = (x: Float64Array) => {
    if (!(x instanceof Float64Array) || x.length !== d) throw new RangeError(`mlpEnergy: x must be a Float64Array of length ${d}, got ${x instanceof Float64Array ? `length ${x.length}` : typeof x}`);
    x1.data.set(x);
  };
  return {
    dim: d,
    energy(x: Float64Array): number {
      load(x);
      return mlpForwardUnchecked(net, ws, x1).data[0];
    },
    gradEnergy(out: Float64Array, x: Float64Array): Float64Array {
      load(x);
      mlpForwardUnchecked(net, ws, x1);
      mlpBackwardUnchecked(net, ws, null, one, g1, false); // ∇_x E: back-propagate dE/dE = 1 to the input
      out.set(g1.data);
      return out;
    },
  };
}
