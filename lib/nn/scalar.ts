/**
 * The course notes' small networks written out one scalar at a time, for reading beside the
 * notes (002 "First network example, simple perceptron with one input", "Adding a hidden layer",
 * "Simple neural network and the back propagation equations"). Every quantity has the notes'
 * name; every gradient is one line. They compute in float64 and return plain objects (they
 * allocate: they are for reading and checking, not for training loops — the general
 * `mlpForward` / `mlpBackward` do the same arithmetic on batches, and the specs check that the
 * two agree to 1e-12).
 *
 * The cost of all three is the notes' squared error of one sample, C = ½(a_out − y)².
 */
import { describe } from '../checks/index.js';

/** Activations of the scalar networks (the notes use the logistic σ, and identity on the output). */
export type ScalarActivation = 'identity' | 'sigmoid' | 'tanh' | 'relu';

/**
 * f(z) for a scalar activation: identity z, σ(z) = 1/(1 + e^{-z}), tanh z, max(0, z).
 *
 * @example
 * scalarActivation('sigmoid', 0); // 0.5
 */
export function scalarActivation(f: ScalarActivation, z: number): number {
  checkActivationName('scalarActivation', 'f', f);
  checkFinite('scalarActivation', { z });
  return activate('scalarActivation', f, z);
}

/** {@link scalarActivation} without the check of z (the scalar networks check their inputs once). */
function activate(fn: string, f: ScalarActivation, z: number): number {
  switch (f) {
    case 'identity': return z;
    case 'sigmoid': return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    case 'tanh': return Math.tanh(z);
    case 'relu': return z > 0 ? z : 0;
    default: throw new RangeError(`${fn}: activation must be 'identity', 'sigmoid', 'tanh' or 'relu', got ${describe(f)}`);
  }
}

/**
 * f'(z) given z and a = f(z): identity 1, σ' = a(1 − a) (N-NN-01), tanh' = 1 − a², relu' = [z > 0].
 *
 * @example
 * scalarActivationDerivative('sigmoid', 0, 0.5); // 0.25
 */
export function scalarActivationDerivative(f: ScalarActivation, z: number, a: number): number {
  checkActivationName('scalarActivationDerivative', 'f', f);
  checkFinite('scalarActivationDerivative', { z, a });
  return derivative('scalarActivationDerivative', f, z, a);
}

/** {@link scalarActivationDerivative} without the checks of z and a. */
function derivative(fn: string, f: ScalarActivation, z: number, a: number): number {
  switch (f) {
    case 'identity': return 1;
    case 'sigmoid': return a * (1 - a); // N-NN-01  σ'(z) = σ(z)(1 − σ(z))
    case 'tanh': return 1 - a * a;
    case 'relu': return z > 0 ? 1 : 0;
    default: throw new RangeError(`${fn}: activation must be 'identity', 'sigmoid', 'tanh' or 'relu', got ${describe(f)}`);
  }
}

function checkFinite(fn: string, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${fn}: ${k} must be a finite number, got ${describe(v)}`);
  }
}

const SCALAR_ACTIVATIONS: readonly string[] = ['identity', 'sigmoid', 'tanh', 'relu'];

/** Throws unless `f` names a scalar activation. */
function checkActivationName(fn: string, what: string, f: unknown): void {
  if (!SCALAR_ACTIVATIONS.includes(f as string)) throw new RangeError(`${fn}: ${what} must be 'identity', 'sigmoid', 'tanh' or 'relu', got ${describe(f)}`);
}

/** Throws unless `o` is an object (the parameter, forward or gradient record of a scalar network). */
function checkRecord(fn: string, what: string, o: unknown): asserts o is Record<string, unknown> {
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: ${what} must be an object, got ${describe(o)}`);
}

/** Throws unless `v` is a pair [number, number] of finite numbers. */
function checkPair(fn: string, what: string, v: unknown): asserts v is [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${fn}: ${what} must be a pair [number, number], got ${describe(v)}`);
  checkFinite(fn, { [`${what}[0]`]: v[0], [`${what}[1]`]: v[1] });
}

/** Throws unless `p` holds the 2-2-1 network's w1 (2x2), b1, w2 (pairs) and b2. */
function checkNet221Params(fn: string, what: string, p: unknown, b2 = 'b2'): void {
  checkRecord(fn, what, p);
  if (!Array.isArray(p.w1) || p.w1.length !== 2) throw new TypeError(`${fn}: ${what}.w1 must be a 2x2 array, got ${describe(p.w1)}`);
  checkPair(fn, `${what}.w1[0]`, p.w1[0]);
  checkPair(fn, `${what}.w1[1]`, p.w1[1]);
  checkPair(fn, `${what}.b1`, p.b1);
  checkPair(fn, `${what}.w2`, p.w2);
  checkFinite(fn, { [`${what}.${b2}`]: p[b2] });
}

// ---------------------------------------------------------------------------------------------
// The perceptron with one input (N-NN-02, N-NN-03)
// ---------------------------------------------------------------------------------------------

/** Parameters of the one-input perceptron: weight w₁ and bias b₁. */
export interface PerceptronParams { w1: number; b1: number }
/** The perceptron's forward quantities. */
export interface PerceptronForward { z1: number; a1: number }
/** The perceptron's gradients: δ₁ = ∂C/∂z₁, ∂C/∂w₁, ∂C/∂b₁. */
export interface PerceptronGradients { delta1: number; dw1: number; db1: number }

/**
 * N-NN-02  z₁ = w₁x + b₁,  a₁ = σ₁(z₁). The notes' example (N-NN-03) uses σ₁ = identity.
 *
 * @example
 * perceptronForward(1, { w1: 2, b1: 1 }); // { z1: 3, a1: 3 }
 */
export function perceptronForward(x: number, p: PerceptronParams, sigma1: ScalarActivation = 'identity'): PerceptronForward {
  const fn = 'perceptronForward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkRecord(fn, 'p', p);
  checkFinite(fn, { x, 'p.w1': p.w1, 'p.b1': p.b1 });
  const z1 = p.w1 * x + p.b1; // z₁ = w₁x + b₁
  const a1 = activate(fn, sigma1, z1); // a₁ = σ₁(z₁)
  return { z1, a1 };
}

/**
 * N-NN-02  With C = ½(a₁ − y)²:  δ₁ = (a₁ − y) σ₁'(z₁),  ∂C/∂w₁ = δ₁ x,  ∂C/∂b₁ = δ₁.
 *
 * @example
 * const f = perceptronForward(1, { w1: 0, b1: 0 });
 * perceptronBackward(1, 3, f); // { delta1: -3, dw1: -3, db1: -3 }  (the notes' y = 2x + 1 at x = 1)
 */
export function perceptronBackward(x: number, y: number, f: PerceptronForward, sigma1: ScalarActivation = 'identity'): PerceptronGradients {
  const fn = 'perceptronBackward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkRecord(fn, 'f', f);
  checkFinite(fn, { x, y, 'f.z1': f.z1, 'f.a1': f.a1 });
  const delta1 = (f.a1 - y) * derivative(fn, sigma1, f.z1, f.a1); // δ₁ = ∂C/∂a₁ · ∂a₁/∂z₁
  return { delta1, dw1: delta1 * x, db1: delta1 }; // ∂C/∂w₁ = δ₁x, ∂C/∂b₁ = δ₁
}

// ---------------------------------------------------------------------------------------------
// One hidden layer, all scalars (N-NN-04, N-NN-05)
// ---------------------------------------------------------------------------------------------

/** Parameters of the scalar network with one hidden node: w₁, b₁ (hidden), w₂, b₂ (output). */
export interface OneHiddenParams { w1: number; b1: number; w2: number; b2: number }
/** Its forward quantities (a₀ = x). */
export interface OneHiddenForward { a0: number; z1: number; a1: number; z2: number; a2: number }
/** Its gradients. */
export interface OneHiddenGradients { delta2: number; delta1: number; dw2: number; db2: number; dw1: number; db1: number }

/**
 * N-NN-04  a₀ = x;  z₁ = w₁a₀ + b₁,  a₁ = σ₁(z₁);  z₂ = w₂a₁ + b₂,  a₂ = σ₂(z₂). The notes' code
 * uses σ₁ = sigmoid and σ₂ = identity (the defaults).
 *
 * @example
 * oneHiddenForward(1, { w1: 0, b1: 0, w2: 1, b2: 0 }); // a1 = 0.5, a2 = 0.5
 */
export function oneHiddenForward(x: number, p: OneHiddenParams, sigma1: ScalarActivation = 'sigmoid', sigma2: ScalarActivation = 'identity'): OneHiddenForward {
  const fn = 'oneHiddenForward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkActivationName(fn, 'sigma2', sigma2);
  checkRecord(fn, 'p', p);
  checkFinite(fn, { x, 'p.w1': p.w1, 'p.b1': p.b1, 'p.w2': p.w2, 'p.b2': p.b2 });
  const a0 = x;
  const z1 = p.w1 * a0 + p.b1; // z₁ = w₁a₀ + b₁
  const a1 = activate(fn, sigma1, z1); // a₁ = σ₁(z₁)
  const z2 = p.w2 * a1 + p.b2; // z₂ = w₂a₁ + b₂
  const a2 = activate(fn, sigma2, z2); // a₂ = σ₂(z₂)
  return { a0, z1, a1, z2, a2 };
}

/**
 * N-NN-04  With C = ½(a₂ − y)²:
 *   δ₂ = (a₂ − y) σ₂'(z₂),   ∂C/∂w₂ = δ₂ a₁,   ∂C/∂b₂ = δ₂,
 *   δ₁ = δ₂ w₂ σ₁'(z₁),      ∂C/∂w₁ = δ₁ a₀,   ∂C/∂b₁ = δ₁.
 * (The notes print ∂C/∂w₁ = (a₂ − y)σ₂' a₁ σ₁' a₀ and ∂C/∂b₁ = (a₂ − y)σ₂'σ₁'; the chain rule
 * gives ∂z₂/∂a₁ = w₂, so the factor is w₂, not a₁, and ∂C/∂b₁ needs it too.)
 *
 * @example
 * const p = { w1: 0, b1: 0, w2: 1, b2: 0 };
 * oneHiddenBackward(0, p, oneHiddenForward(1, p)); // delta2 = 0.5, dw2 = 0.25, delta1 = 0.125
 */
export function oneHiddenBackward(y: number, p: OneHiddenParams, f: OneHiddenForward, sigma1: ScalarActivation = 'sigmoid', sigma2: ScalarActivation = 'identity'): OneHiddenGradients {
  const fn = 'oneHiddenBackward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkActivationName(fn, 'sigma2', sigma2);
  checkRecord(fn, 'p', p);
  checkRecord(fn, 'f', f);
  checkFinite(fn, { y, 'p.w2': p.w2, 'f.a0': f.a0, 'f.z1': f.z1, 'f.a1': f.a1, 'f.z2': f.z2, 'f.a2': f.a2 });
  const delta2 = (f.a2 - y) * derivative(fn, sigma2, f.z2, f.a2); // δ₂ = (a₂ − y)σ₂'
  const delta1 = delta2 * p.w2 * derivative(fn, sigma1, f.z1, f.a1); // δ₁ = δ₂ w₂ σ₁' (corrected)
  return {
    delta2,
    delta1,
    dw2: delta2 * f.a1, // ∂C/∂w₂ = δ₂a₁
    db2: delta2, //        ∂C/∂b₂ = δ₂
    dw1: delta1 * f.a0, // ∂C/∂w₁ = δ₁a₀
    db1: delta1, //        ∂C/∂b₁ = δ₁
  };
}

// ---------------------------------------------------------------------------------------------
// The 2-2-1 network (N-NN-06, N-NN-07, N-NN-08)
// ---------------------------------------------------------------------------------------------

/**
 * The nine parameters of the 2-2-1 network in the notes' indexing: `w1[i][j]` = w^{(1)}_{ij} from
 * input j to hidden node i, `b1[i]` = b^{(1)}_i, `w2[i]` = w^{(2)}_i from hidden node i to the
 * output, `b2` = b^{(2)}. (In an `MLP` the same weight is `layers[0].W.data[j * 2 + i]`: our
 * matrices are stored input-index first.)
 */
export interface Net221Params { w1: [[number, number], [number, number]]; b1: [number, number]; w2: [number, number]; b2: number }
/** The 2-2-1 forward quantities. */
export interface Net221Forward { a0: [number, number]; z1: [number, number]; a1: [number, number]; z2: number; a2: number }
/** The 2-2-1 gradients (δ's and the nine partial derivatives, in the parameters' shapes). */
export interface Net221Gradients {
  delta2: number;
  delta1: [number, number];
  dw2: [number, number];
  db2: number;
  dw1: [[number, number], [number, number]];
  db1: [number, number];
}

/**
 * N-NN-06  z^{(1)}_i = Σ_j w^{(1)}_{ij} a^{(0)}_j + b^{(1)}_i,  a^{(1)}_i = σ^{(1)}(z^{(1)}_i),
 * z^{(2)} = w^{(2)}_0 a^{(1)}_0 + w^{(2)}_1 a^{(1)}_1 + b^{(2)},  a^{(2)} = σ^{(2)}(z^{(2)}),
 * with a^{(0)} = (x₀, x₁) (the notes' matrix form lists a^{(0)}_0 twice; the input has two entries).
 * Defaults: sigmoid hidden nodes, identity output.
 *
 * @example
 * const p = { w1: [[1, 0], [0, 1]], b1: [0, 0], w2: [1, 1], b2: 0 } as Net221Params;
 * net221Forward([0, 0], p).a2; // σ(0) + σ(0) = 1
 */
export function net221Forward(x: readonly [number, number], p: Net221Params, sigma1: ScalarActivation = 'sigmoid', sigma2: ScalarActivation = 'identity'): Net221Forward {
  const fn = 'net221Forward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkActivationName(fn, 'sigma2', sigma2);
  checkPair(fn, 'x', x);
  checkNet221Params(fn, 'p', p);
  const a0: [number, number] = [x[0], x[1]];
  const z1: [number, number] = [
    p.w1[0][0] * a0[0] + p.w1[0][1] * a0[1] + p.b1[0], // z^{(1)}_0
    p.w1[1][0] * a0[0] + p.w1[1][1] * a0[1] + p.b1[1], // z^{(1)}_1
  ];
  const a1: [number, number] = [activate(fn, sigma1, z1[0]), activate(fn, sigma1, z1[1])];
  const z2 = p.w2[0] * a1[0] + p.w2[1] * a1[1] + p.b2; // z^{(2)} = w_0 a_0 + w_1 a_1 + b
  const a2 = activate(fn, sigma2, z2);
  return { a0, z1, a1, z2, a2 };
}

/**
 * N-NN-07  With C = ½(a^{(2)} − y)²:
 *   δ^{(2)} = (a^{(2)} − y) σ^{(2)}'(z^{(2)}),  ∂C/∂w^{(2)}_i = δ^{(2)} a^{(1)}_i,  ∂C/∂b^{(2)} = δ^{(2)},
 *   δ^{(1)}_i = w^{(2)}_i σ^{(1)}'(z^{(1)}_i) δ^{(2)},  ∂C/∂w^{(1)}_{ij} = δ^{(1)}_i a^{(0)}_j,  ∂C/∂b^{(1)}_i = δ^{(1)}_i.
 * (The notes print the hidden-weight gradients with a^{(1)}_j; the factor is the layer's input
 * a^{(0)}_j = x_j, as their update slide has it.)
 *
 * @example
 * const p = { w1: [[1, 0], [0, 1]], b1: [0, 0], w2: [1, 1], b2: 0 } as Net221Params;
 * const f = net221Forward([1, 2], p);
 * const g = net221Backward(0.5, p, f); // g.dw1[1][0] = δ^{(1)}_1 · x₀
 */
export function net221Backward(y: number, p: Net221Params, f: Net221Forward, sigma1: ScalarActivation = 'sigmoid', sigma2: ScalarActivation = 'identity'): Net221Gradients {
  const fn = 'net221Backward';
  checkActivationName(fn, 'sigma1', sigma1);
  checkActivationName(fn, 'sigma2', sigma2);
  checkFinite(fn, { y });
  checkNet221Params(fn, 'p', p);
  checkRecord(fn, 'f', f);
  checkPair(fn, 'f.a0', f.a0);
  checkPair(fn, 'f.z1', f.z1);
  checkPair(fn, 'f.a1', f.a1);
  checkFinite(fn, { 'f.z2': f.z2, 'f.a2': f.a2 });
  const delta2 = (f.a2 - y) * derivative(fn, sigma2, f.z2, f.a2); // δ^{(2)} = ∂C/∂a^{(2)} · σ^{(2)}'
  const delta1: [number, number] = [
    p.w2[0] * derivative(fn, sigma1, f.z1[0], f.a1[0]) * delta2, // δ^{(1)}_0 = w^{(2)}_0 σ' δ^{(2)}
    p.w2[1] * derivative(fn, sigma1, f.z1[1], f.a1[1]) * delta2, // δ^{(1)}_1 = w^{(2)}_1 σ' δ^{(2)}
  ];
  return {
    delta2,
    delta1,
    dw2: [delta2 * f.a1[0], delta2 * f.a1[1]], // ∂C/∂w^{(2)}_i = δ^{(2)} a^{(1)}_i
    db2: delta2,
    dw1: [
      [delta1[0] * f.a0[0], delta1[0] * f.a0[1]], // ∂C/∂w^{(1)}_{0j} = δ^{(1)}_0 a^{(0)}_j (corrected: a^{(0)}, not a^{(1)})
      [delta1[1] * f.a0[0], delta1[1] * f.a0[1]], // ∂C/∂w^{(1)}_{1j} = δ^{(1)}_1 a^{(0)}_j
    ],
    db1: [delta1[0], delta1[1]], // ∂C/∂b^{(1)}_i = δ^{(1)}_i
  };
}

/**
 * N-NN-08  One plain gradient-descent update of the 2-2-1 network, returning new parameters:
 * w^{(2)}_i ← w^{(2)}_i − η δ^{(2)} a^{(1)}_i,  b^{(2)} ← b^{(2)} − η δ^{(2)},
 * w^{(1)}_{ij} ← w^{(1)}_{ij} − η δ^{(1)}_i a^{(0)}_j,  b^{(1)}_i ← b^{(1)}_i − η δ^{(1)}_i.
 *
 * @example
 * const p = { w1: [[1, 0], [0, 1]], b1: [0, 0], w2: [1, 1], b2: 0 } as Net221Params;
 * const x: [number, number] = [1, 2], y = 0.5;
 * const next = net221Update(p, net221Backward(y, p, net221Forward(x, p)), 0.1);
 */
export function net221Update(p: Net221Params, g: Net221Gradients, eta: number): Net221Params {
  const fn = 'net221Update';
  checkNet221Params(fn, 'p', p);
  checkRecord(fn, 'g', g);
  checkPair(fn, 'g.dw1[0]', (g.dw1 as unknown as unknown[] | undefined)?.[0]);
  checkPair(fn, 'g.dw1[1]', (g.dw1 as unknown as unknown[] | undefined)?.[1]);
  checkPair(fn, 'g.db1', g.db1);
  checkPair(fn, 'g.dw2', g.dw2);
  checkFinite(fn, { 'g.db2': g.db2, eta });
  return {
    w1: [
      [p.w1[0][0] - eta * g.dw1[0][0], p.w1[0][1] - eta * g.dw1[0][1]],
      [p.w1[1][0] - eta * g.dw1[1][0], p.w1[1][1] - eta * g.dw1[1][1]],
    ],
    b1: [p.b1[0] - eta * g.db1[0], p.b1[1] - eta * g.db1[1]],
    w2: [p.w2[0] - eta * g.dw2[0], p.w2[1] - eta * g.dw2[1]],
    b2: p.b2 - eta * g.db2,
  };
}
