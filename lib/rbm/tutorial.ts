/**
 * The student tutorial's MNIST run as data (notes 003; N-CDT-01..07), so the example that
 * reproduces it (docs/examples/rbm-mnist.ts --preset tutorial) and the docs read one source.
 */

/** The tutorial's settings (N-CDT-04 hyperparameters, N-CDT-06 generation, N-CDT-01/02/03 choices). */
export interface TutorialPreset {
  /** M: MNIST's 28 x 28 pixels. */
  readonly nVisible: 784;
  /** N (N-CDT-04). */
  readonly nHidden: 256;
  /** η (N-CDT-04; the "0.1" in the text is the toy's illustrative step size, N-CDT-07). */
  readonly learningRate: 0.005;
  /** CD-k steps (N-CDT-04). */
  readonly k: 10;
  /** Minibatch rows, shuffled each epoch (N-CDT-04). */
  readonly batchSize: 64;
  /** Epochs (N-CDT-04). */
  readonly epochs: 100;
  /** Glorot-normal weights, zero biases (N-CDT-03). */
  readonly init: 'glorot-normal';
  /** Grey levels fed as they are (N-CDT-02). */
  readonly binarize: 'none';
  /** The visible step returns p(x | h) + 0.1 ε instead of a sample (N-CDT-01). */
  readonly visibleNoiseStd: 0.1;
  /** Hidden probabilities in both phases (N-CDT-05). */
  readonly statistics: 'probabilities';
  /** Generation: chains started from training images (N-CDT-06). */
  readonly generationChains: 10;
  /** Generation: noisy steps per chain (N-CDT-06). */
  readonly generationSteps: 500;
}

/**
 * The tutorial's run (N-CDT-04, N-CDT-06): 784 x 256, η = 0.005, CD-10, batch 64, 100 epochs,
 * Glorot init, grey levels, visible noise 0.1 in every chain step, then 10 chains from training
 * images for 500 noisy steps. Pass the training fields to trainRBM as they are.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, matrix, Rng, tutorialPreset, trainRBM } from 'boltzmann';
 * const p = tutorialPreset;
 * const rbm = BernoulliRBM.create(p.nVisible, p.nHidden, p.init, new Rng(1));
 * // MNIST's grey images in the real run (loadMnist, boltzmann/node); here 64 random ones, one epoch
 * const images = matrix(64, p.nVisible, new Rng(3).fillUniform(new Float32Array(64 * p.nVisible)));
 * trainRBM(rbm, images, { k: p.k, epochs: 1, batchSize: p.batchSize, learningRate: p.learningRate, // epochs: p.epochs in the real run
 *   visibleNoiseStd: p.visibleNoiseStd, binarize: p.binarize, statistics: p.statistics }, new Rng(2));
 * ```
 */
export const tutorialPreset: TutorialPreset = Object.freeze({
  nVisible: 784, nHidden: 256, learningRate: 0.005, k: 10, batchSize: 64, epochs: 100, init: 'glorot-normal',
  binarize: 'none', visibleNoiseStd: 0.1, statistics: 'probabilities', generationChains: 10, generationSteps: 500,
} as const);
