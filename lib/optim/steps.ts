/**
 * In-place gradient-descent steps: each function reads the gradient `grads` of a cost with
 * respect to `params`, updates the optimizer's state arrays (if any) and then `params`, all in
 * place, and returns `params`. Nothing is allocated per call.
 *
 * The notes only name the methods (002 "Other ingredients of a neural network"; the SGD update
 * itself is 000 "Optimization / Training"); the formulas follow Goodfellow, Bengio & Courville,
 * *Deep Learning*, ch. 8, and Kingma & Ba (2015), Alg. 1.
 *
 * Conventions shared by every step:
 * - These are *descent* steps on a cost C: `grads` is dC/dparams. To climb a log-likelihood,
 *   pass the gradient of its negative.
 * - `params`, `grads` and state arrays may each be a Float32Array or a Float64Array (mixing is
 *   allowed). Every update is computed in float64 (JS numbers) and rounded once when stored.
 * - State arrays start at zero and have the length of `params`: allocate them once per
 *   parameter array (W, a, b, ...) and keep them for the whole training run.
 * - epsilon sits outside the square root everywhere: g / (sqrt(r) + eps), as in PyTorch/Keras
 *   and Kingma & Ba; Goodfellow's Alg. 8.4/8.5 write g / (delta + sqrt(r)) (Adagrad, same
 *   thing) and g / sqrt(delta + r) (RMSprop, inside the root).
 */
import { adamInvSqrtC2, adamRangeUnchecked, adamStepSize } from './kernels.js';
import {
  type ParameterArray,
  checkDecay,
  checkEpsilon,
  checkFloatArray,
  checkLearningRate,
  checkSameLength,
} from './validate.js';

export type { ParameterArray } from './validate.js';

/**
 * Plain gradient descent with a constant learning rate, in place:
 * theta <- theta - lr * g.
 *
 * @param params parameters theta, updated in place
 * @param grads gradient g = dC/dtheta, same length
 * @param lr learning rate eta > 0
 * @returns `params`
 * @example
 * const theta = new Float32Array([1, 2]);
 * sgdStep(theta, new Float32Array([0.5, -1]), 0.1); // theta = [0.95, 2.1]
 */
export function sgdStep(params: ParameterArray, grads: ParameterArray, lr: number): ParameterArray {
  checkFloatArray('sgdStep', 'params', params);
  checkSameLength('sgdStep', 'grads', grads, params);
  checkLearningRate('sgdStep', lr);
  // N-COST-05, N-OPT-01  Theta_{k+1} = Theta_k - eta * grad C(Theta_k)
  for (let i = 0; i < params.length; i++) {
    params[i] -= lr * grads[i];
  }
  return params;
}

/**
 * Gradient descent with momentum (heavy ball), in place:
 * v <- gamma * v + lr * g;  theta <- theta - v.
 *
 * @param params parameters theta, updated in place
 * @param grads gradient g, same length
 * @param velocity the state v (zeros before the first step), same length, updated in place
 * @param lr learning rate eta > 0
 * @param gamma momentum in [0, 1) (gamma = 0 is plain gradient descent)
 * @returns `params`
 * @example
 * const theta = new Float32Array([1]);
 * const v = new Float32Array(1);
 * momentumStep(theta, new Float32Array([1]), v, 0.1, 0.9); // v = [0.1],  theta = [0.9]
 * momentumStep(theta, new Float32Array([1]), v, 0.1, 0.9); // v = [0.19], theta = [0.71]
 */
export function momentumStep(
  params: ParameterArray,
  grads: ParameterArray,
  velocity: ParameterArray,
  lr: number,
  gamma: number,
): ParameterArray {
  checkFloatArray('momentumStep', 'params', params);
  checkSameLength('momentumStep', 'grads', grads, params);
  checkSameLength('momentumStep', 'velocity', velocity, params);
  checkLearningRate('momentumStep', lr);
  checkDecay('momentumStep', 'gamma', gamma);
  for (let i = 0; i < params.length; i++) {
    // N-OPT-02  v <- gamma v + eta g;  theta <- theta - v
    const v = gamma * velocity[i] + lr * grads[i];
    velocity[i] = v;
    params[i] -= v;
  }
  return params;
}

/**
 * Adagrad, in place: r <- r + g*g;  theta <- theta - lr * g / (sqrt(r) + eps).
 * Each coordinate's step shrinks with the sum of its squared past gradients.
 *
 * @param params parameters theta, updated in place
 * @param grads gradient g, same length
 * @param sumSquares the state r (zeros before the first step), same length, updated in place
 * @param lr learning rate eta > 0
 * @param eps small constant outside the root, > 0 (default 1e-8)
 * @returns `params`
 * @example
 * const theta = new Float32Array([0, 0]);
 * const r = new Float32Array(2);
 * adagradStep(theta, new Float32Array([3, -0.01]), r, 0.1);
 * // first step is lr * g / (|g| + eps) ~ lr * sign(g): theta ~ [-0.1, 0.1]
 */
export function adagradStep(
  params: ParameterArray,
  grads: ParameterArray,
  sumSquares: ParameterArray,
  lr: number,
  eps = 1e-8,
): ParameterArray {
  checkFloatArray('adagradStep', 'params', params);
  checkSameLength('adagradStep', 'grads', grads, params);
  checkSameLength('adagradStep', 'sumSquares', sumSquares, params);
  checkLearningRate('adagradStep', lr);
  checkEpsilon('adagradStep', eps);
  for (let i = 0; i < params.length; i++) {
    // N-OPT-03  r <- r + g o g;  theta <- theta - eta g / (sqrt(r) + eps)
    const g = grads[i];
    const r = sumSquares[i] + g * g;
    sumSquares[i] = r;
    params[i] -= (lr * g) / (Math.sqrt(r) + eps);
  }
  return params;
}

/**
 * RMSprop, in place: r <- rho * r + (1 - rho) * g*g;  theta <- theta - lr * g / (sqrt(r) + eps).
 * epsilon sits outside the square root (the PyTorch/Keras form), not inside as in Goodfellow's
 * Alg. 8.5 (g / sqrt(delta + r)). With r = 0 the first step has size lr / sqrt(1 - rho) for
 * |g| >> eps (3.1623 lr for rho = 0.9).
 *
 * @param params parameters theta, updated in place
 * @param grads gradient g, same length
 * @param meanSquare the state r (zeros before the first step), same length, updated in place
 * @param lr learning rate eta > 0
 * @param rho decay of the running mean of g*g, in [0, 1) (default 0.9)
 * @param eps small constant outside the root, > 0 (default 1e-8)
 * @returns `params`
 * @example
 * const theta = new Float32Array([0]);
 * const r = new Float32Array(1);
 * rmspropStep(theta, new Float32Array([2]), r, 0.01, 0.9);
 * // r = [0.4], theta ~ [-0.01 * 2 / sqrt(0.4)] = [-0.031623]
 */
export function rmspropStep(
  params: ParameterArray,
  grads: ParameterArray,
  meanSquare: ParameterArray,
  lr: number,
  rho = 0.9,
  eps = 1e-8,
): ParameterArray {
  checkFloatArray('rmspropStep', 'params', params);
  checkSameLength('rmspropStep', 'grads', grads, params);
  checkSameLength('rmspropStep', 'meanSquare', meanSquare, params);
  checkLearningRate('rmspropStep', lr);
  checkDecay('rmspropStep', 'rho', rho);
  checkEpsilon('rmspropStep', eps);
  for (let i = 0; i < params.length; i++) {
    // N-OPT-04  r <- rho r + (1 - rho) g o g;  theta <- theta - eta g / (sqrt(r) + eps)
    const g = grads[i];
    const r = rho * meanSquare[i] + (1 - rho) * g * g;
    meanSquare[i] = r;
    params[i] -= (lr * g) / (Math.sqrt(r) + eps);
  }
  return params;
}

/**
 * The state Adam keeps for one parameter array: first moment `m`, second moment `v` (both
 * start at zero, same length and precision as the parameters) and the step counter `t`
 * (number of steps taken so far; `adamStep` increments it before using it).
 */
export interface AdamState {
  /** Running mean of g (biased towards 0 early on). */
  m: ParameterArray;
  /** Running mean of g*g (biased towards 0 early on). */
  v: ParameterArray;
  /** Steps taken so far with this state (0 before the first). */
  t: number;
}

/**
 * Allocates a zero Adam state for one parameter array. Pass the array itself (the state gets
 * its length and precision) or a length (float32 state).
 *
 * @example
 * const W = new Float32Array(784 * 100);
 * const state = createAdamState(W); // { m: Float32Array(78400), v: Float32Array(78400), t: 0 }
 */
export function createAdamState(paramsOrLength: ParameterArray | number): AdamState {
  if (typeof paramsOrLength === 'number') {
    const n = paramsOrLength;
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`createAdamState: paramsOrLength must be a non-negative integer length or a Float32Array/Float64Array, got ${n}`);
    }
    return { m: new Float32Array(n), v: new Float32Array(n), t: 0 };
  }
  checkFloatArray('createAdamState', 'paramsOrLength', paramsOrLength);
  const n = paramsOrLength.length;
  return paramsOrLength instanceof Float64Array
    ? { m: new Float64Array(n), v: new Float64Array(n), t: 0 }
    : { m: new Float32Array(n), v: new Float32Array(n), t: 0 };
}

/**
 * Adam with bias correction (Kingma & Ba 2015, Alg. 1), in place:
 *   t <- t + 1
 *   m <- beta1 m + (1 - beta1) g
 *   v <- beta2 v + (1 - beta2) g*g
 *   mHat = m / (1 - beta1^t),  vHat = v / (1 - beta2^t)
 *   theta <- theta - lr * mHat / (sqrt(vHat) + eps)
 * The first step therefore has size lr |g| / (|g| + eps), about lr, whatever the scale of g.
 *
 * @param params parameters theta, updated in place
 * @param grads gradient g, same length
 * @param state from {@link createAdamState}; `m`, `v` and `t` are updated in place
 * @param lr learning rate (alpha in the paper) > 0
 * @param beta1 decay of the first moment, in [0, 1) (default 0.9)
 * @param beta2 decay of the second moment, in [0, 1) (default 0.999)
 * @param eps small constant outside the root, > 0 (default 1e-8)
 * @returns `params`
 * @example
 * const theta = new Float32Array([1, 1]);
 * const state = createAdamState(theta);
 * adamStep(theta, new Float32Array([100, -0.5]), state, 0.001);
 * // theta ~ [0.999, 1.001], state.t = 1
 */
export function adamStep(
  params: ParameterArray,
  grads: ParameterArray,
  state: AdamState,
  lr: number,
  beta1 = 0.9,
  beta2 = 0.999,
  eps = 1e-8,
): ParameterArray {
  checkFloatArray('adamStep', 'params', params);
  checkSameLength('adamStep', 'grads', grads, params);
  if (state === null || typeof state !== 'object') {
    throw new TypeError(`adamStep: state must be an object from createAdamState, got ${state === null ? 'null' : typeof state}`);
  }
  checkSameLength('adamStep', 'state.m', state.m, params);
  checkSameLength('adamStep', 'state.v', state.v, params);
  if (!Number.isInteger(state.t) || state.t < 0) {
    throw new RangeError(`adamStep: state.t must be a non-negative integer, got ${state.t}`);
  }
  checkLearningRate('adamStep', lr);
  checkDecay('adamStep', 'beta1', beta1);
  checkDecay('adamStep', 'beta2', beta2);
  checkEpsilon('adamStep', eps);
  const t = ++state.t;
  // Bias corrections 1 - beta^t, once per call, folded into two constants so the loop has one
  // division and one square root: eta mHat / (sqrt(vHat) + eps) = (eta/c1) m / (sqrt(v)/sqrt(c2) + eps).
  adamRangeUnchecked(params, grads, state.m, state.v, 0, params.length, adamStepSize(lr, beta1, t), adamInvSqrtC2(beta2, t), beta1, beta2, eps);
  return params;
}


/**
 * Adds the gradient of an L2 penalty lambda * ||W||^2 to a gradient, in place:
 * grads <- grads + 2 * lambda * params (N-COST-06: the derivative of lambda ||W||_F^2 is
 * 2 lambda W). Note that PyTorch's `weight_decay` adds lambda * W instead (the derivative of
 * (lambda / 2) ||W||^2): pass half its value here to match it.
 *
 * @param grads gradient of the unpenalized cost, updated in place
 * @param params the penalized parameters W, same length
 * @param lambda penalty strength >= 0 (0 leaves `grads` unchanged)
 * @returns `grads`
 * @example
 * const W = new Float32Array([1, -2]);
 * const g = new Float32Array([0.1, 0.1]);
 * addWeightDecay(g, W, 0.01); // g = [0.12, 0.06]
 */
export function addWeightDecay(grads: ParameterArray, params: ParameterArray, lambda: number): ParameterArray {
  checkFloatArray('addWeightDecay', 'grads', grads);
  checkFloatArray('addWeightDecay', 'params', params);
  if (grads.length !== params.length) {
    throw new RangeError(`addWeightDecay: grads has length ${grads.length} but params has length ${params.length}`);
  }
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`addWeightDecay: lambda must be a non-negative finite number, got ${lambda}`);
  }
  // N-COST-06  grad_W (C + lambda ||W||^2) = grad_W C + 2 lambda W
  const twoLambda = 2 * lambda;
  for (let i = 0; i < grads.length; i++) {
    grads[i] += twoLambda * params[i];
  }
  return grads;
}
