/**
 * Optimizer objects: the step functions of `steps.ts` with their state kept for you.
 *
 * A model with several parameter arrays (an RBM's W, a, b; an MLP's W^l, b^l) calls
 * `opt.step(params, grads)` once per array per iteration. The optimizer keeps one state per
 * parameter array in a WeakMap keyed by the array object itself: the state is allocated the
 * first time an array is seen, and every later step only looks it up (no allocation). So:
 * pass the *same* array object every time (not a fresh `subarray` view), and call `reset()`
 * to forget all state (e.g. before training a new model with the same optimizer).
 *
 * Hyperparameters are public fields (change `lr` for a schedule); they are checked at
 * construction and again by the step function on every call.
 */
import {
  type AdamState,
  type ParameterArray,
  adagradStep,
  adamStep,
  createAdamState,
  momentumStep,
  rmspropStep,
  sgdStep,
} from './steps.js';
import { checkDecay, checkEpsilon, checkFloatArray, checkLearningRate } from './validate.js';
import { checkOptionKeys } from '../checks/index.js';

/** What every optimizer object offers; models accept any `Optimizer`. */
export interface Optimizer {
  /** The learning rate of the next step; a schedule may change it between steps. */
  lr: number;
  /** Updates `params` in place from its gradient `grads`; returns `params`. */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray;
  /** Forgets the state of every parameter array. */
  reset(): void;
}

function zerosLike(params: ParameterArray): ParameterArray {
  return params instanceof Float64Array ? new Float64Array(params.length) : new Float32Array(params.length);
}

/** The state array kept for `params`, created (zeros) the first time; no closure, no allocation after that. */
function arrayStateFor(fn: string, map: WeakMap<ParameterArray, ParameterArray>, params: ParameterArray): ParameterArray {
  checkFloatArray(fn, 'params', params);
  let s = map.get(params);
  if (s === undefined) {
    s = zerosLike(params);
    map.set(params, s);
  }
  return s;
}

/**
 * Plain gradient descent (N-COST-05, N-OPT-01): theta <- theta - lr g. Stateless.
 *
 * @example
  * const W = new Float32Array([0.5, -0.5]), a = new Float32Array([0.1]), b = new Float32Array([0]);
 * const gradW = new Float32Array([1, -1]), gradA = new Float32Array([0.2]), gradB = new Float32Array([-0.3]);
 * const opt = new SGD({ lr: 0.1 });
 * opt.step(W, gradW); opt.step(a, gradA); opt.step(b, gradB); // W = [0.4, -0.4]
 */
export class SGD implements Optimizer {
  lr: number;
  constructor(options: { lr: number }) {
    checkOptionKeys('SGD', options, ['lr']);
    checkLearningRate('SGD', options.lr);
    this.lr = options.lr;
  }
  /**
   * One step on one parameter array.
   * @example
   * new SGD({ lr: 0.5 }).step(new Float32Array([1]), new Float32Array([1])); // [0.5]
   */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray {
    return sgdStep(params, grads, this.lr);
  }
  /**
   * Nothing to forget (SGD has no state); present so every optimizer has the same shape.
   * @example
   * new SGD({ lr: 0.1 }).reset();
   */
  reset(): void {}
}

/**
 * Momentum (N-OPT-02): v <- gamma v + lr g; theta <- theta - v. One velocity per array.
 *
 * @example
 * // minimize f = |W - 1|² + (b + 2)²: gradients 2 (W - 1) and 2 (b + 2)
 * const W = new Float32Array(3), b = new Float32Array(1), gradW = new Float32Array(3), gradB = new Float32Array(1);
 * const computeGrads = () => { W.forEach((w, i) => { gradW[i] = 2 * (w - 1); }); gradB[0] = 2 * (b[0] + 2); };
 * const opt = new Momentum({ lr: 0.01, gamma: 0.9 });
 * for (let it = 0; it < 100; it++) { computeGrads(); opt.step(W, gradW); opt.step(b, gradB); }
 * // W ≈ [1, 1, 1], b ≈ -2
 */
export class Momentum implements Optimizer {
  lr: number;
  gamma: number;
  private state = new WeakMap<ParameterArray, ParameterArray>();
  constructor(options: { lr: number; gamma?: number }) {
    checkOptionKeys('Momentum', options, ['lr', 'gamma']);
    const gamma = options.gamma ?? 0.9;
    checkLearningRate('Momentum', options.lr);
    checkDecay('Momentum', 'gamma', gamma);
    this.lr = options.lr;
    this.gamma = gamma;
  }
  /**
   * One step on one parameter array (its velocity is created on first use).
   * @example
   * const opt = new Momentum({ lr: 0.1, gamma: 0.9 });
   * const theta = new Float32Array([1]);
   * opt.step(theta, new Float32Array([1])); // [0.9]
   */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray {
    const v = arrayStateFor('Momentum.step', this.state, params);
    return momentumStep(params, grads, v, this.lr, this.gamma);
  }
  /**
   * Forgets every velocity.
   * @example
   * const W = new Float32Array(2), opt = new Momentum({ lr: 0.01, gamma: 0.9 });
   * opt.step(W, new Float32Array([1, -1]));
   * opt.reset(); // the next step on W starts from fresh state
   */
  reset(): void {
    this.state = new WeakMap();
  }
}

/**
 * Adagrad (N-OPT-03): r <- r + g*g; theta <- theta - lr g / (sqrt(r) + eps).
 *
 * @example
 * const W = new Float32Array([0.5, -0.5]), gradW = new Float32Array([1, -2]);
 * const opt = new Adagrad({ lr: 0.1 });
 * opt.step(W, gradW); // each entry moves by lr on the first step: W ≈ [0.4, -0.4]
 */
export class Adagrad implements Optimizer {
  lr: number;
  eps: number;
  private state = new WeakMap<ParameterArray, ParameterArray>();
  constructor(options: { lr: number; eps?: number }) {
    checkOptionKeys('Adagrad', options, ['lr', 'eps']);
    const eps = options.eps ?? 1e-8;
    checkLearningRate('Adagrad', options.lr);
    checkEpsilon('Adagrad', eps);
    this.lr = options.lr;
    this.eps = eps;
  }
  /**
   * One step on one parameter array (its sum of squares is created on first use).
   * @example
   * new Adagrad({ lr: 0.1 }).step(new Float32Array([0]), new Float32Array([5])); // ~[-0.1]
   */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray {
    const r = arrayStateFor('Adagrad.step', this.state, params);
    return adagradStep(params, grads, r, this.lr, this.eps);
  }
  /**
   * Forgets every sum of squares.
   * @example
   * const W = new Float32Array(2), opt = new Adagrad({ lr: 0.1 });
   * opt.step(W, new Float32Array([1, -1]));
   * opt.reset(); // the next step on W starts from fresh state
   */
  reset(): void {
    this.state = new WeakMap();
  }
}

/**
 * RMSprop (N-OPT-04), eps outside the root: r <- rho r + (1-rho) g*g; theta <- theta - lr g / (sqrt(r) + eps).
 *
 * @example
 * const W = new Float32Array([0.5, -0.5]), gradW = new Float32Array([1, -2]);
 * const opt = new RMSprop({ lr: 0.001, rho: 0.9 });
 * opt.step(W, gradW);
 */
export class RMSprop implements Optimizer {
  lr: number;
  rho: number;
  eps: number;
  private state = new WeakMap<ParameterArray, ParameterArray>();
  constructor(options: { lr: number; rho?: number; eps?: number }) {
    checkOptionKeys('RMSprop', options, ['lr', 'rho', 'eps']);
    const rho = options.rho ?? 0.9;
    const eps = options.eps ?? 1e-8;
    checkLearningRate('RMSprop', options.lr);
    checkDecay('RMSprop', 'rho', rho);
    checkEpsilon('RMSprop', eps);
    this.lr = options.lr;
    this.rho = rho;
    this.eps = eps;
  }
  /**
   * One step on one parameter array (its running mean square is created on first use).
   * @example
   * new RMSprop({ lr: 0.01 }).step(new Float32Array([0]), new Float32Array([2])); // ~[-0.031623]
   */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray {
    const r = arrayStateFor('RMSprop.step', this.state, params);
    return rmspropStep(params, grads, r, this.lr, this.rho, this.eps);
  }
  /**
   * Forgets every running mean square.
   * @example
   * const W = new Float32Array(2), opt = new RMSprop({ lr: 0.001, rho: 0.9 });
   * opt.step(W, new Float32Array([1, -1]));
   * opt.reset(); // the next step on W starts from fresh state
   */
  reset(): void {
    this.state = new WeakMap();
  }
}

/**
 * Adam with bias correction (N-OPT-05). Each parameter array has its own `{ m, v, t }`; `t`
 * counts the steps taken on that array, so call `step` once per array per iteration.
 *
 * @example
 * // minimize f = |W - 1|² + (a - 3)² + (b + 2)²: gradients 2 (W - 1), 2 (a - 3), 2 (b + 2)
 * const W = new Float32Array(3), a = new Float32Array(1), b = new Float32Array(1);
 * const gradW = new Float32Array(3), gradA = new Float32Array(1), gradB = new Float32Array(1);
 * const computeGrads = () => {
 *   W.forEach((w, i) => { gradW[i] = 2 * (w - 1); });
 *   gradA[0] = 2 * (a[0] - 3); gradB[0] = 2 * (b[0] + 2);
 * };
 * const opt = new Adam({ lr: 0.01 });
 * for (let it = 0; it < 1000; it++) { computeGrads(); opt.step(W, gradW); opt.step(a, gradA); opt.step(b, gradB); }
 * // W ≈ [1, 1, 1], a ≈ 3, b ≈ -2
 */
export class Adam implements Optimizer {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  private state = new WeakMap<ParameterArray, AdamState>();
  constructor(options: { lr?: number; beta1?: number; beta2?: number; eps?: number } = {}) {
    checkOptionKeys('Adam', options, ['lr', 'beta1', 'beta2', 'eps']);
    const lr = options.lr ?? 0.001;
    const beta1 = options.beta1 ?? 0.9;
    const beta2 = options.beta2 ?? 0.999;
    const eps = options.eps ?? 1e-8;
    checkLearningRate('Adam', lr);
    checkDecay('Adam', 'beta1', beta1);
    checkDecay('Adam', 'beta2', beta2);
    checkEpsilon('Adam', eps);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }
  /**
   * One step on one parameter array (its state is created on first use).
   * @example
   * new Adam({ lr: 0.01 }).step(new Float32Array([1]), new Float32Array([42])); // ~[0.99]
   */
  step(params: ParameterArray, grads: ParameterArray): ParameterArray {
    checkFloatArray('Adam.step', 'params', params);
    let s = this.state.get(params);
    if (s === undefined) {
      s = createAdamState(params);
      this.state.set(params, s);
    }
    return adamStep(params, grads, s, this.lr, this.beta1, this.beta2, this.eps);
  }
  /**
   * The state kept for `params` (undefined before its first step): for inspection and tests.
   * @example
   * const W = new Float32Array(2), opt = new Adam({ lr: 0.01 });
   * opt.step(W, new Float32Array([1, 1]));
   * opt.stateOf(W)?.t; // steps taken on W: 1
   */
  stateOf(params: ParameterArray): AdamState | undefined {
    return this.state.get(params);
  }
  /**
   * Forgets every state (moments and step counters).
   * @example
   * const W = new Float32Array(2), opt = new Adam({ lr: 0.001 });
   * opt.step(W, new Float32Array([1, -1]));
   * opt.reset(); // the next step on W starts from fresh state
   */
  reset(): void {
    this.state = new WeakMap();
  }
}
