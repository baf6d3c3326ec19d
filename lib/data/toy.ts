/**
 * The student tutorial's people/fruit toy (notes 003, "Restricted Boltzmann Machine", sections
 * 1–4): three visible units A, B, C (people) and two hidden units D, E (fruits).
 *
 * Plain arrays and matrices only (no RBM import): build the model with
 * `BernoulliRBM.create(3, 2, toyPeopleFruitWeights())`.
 */
import { matrix, type Matrix } from '../linalg/matrix.js';

/** The toy data set of {@link toyPeopleFruit}. */
export interface ToyPeopleFruit {
  /** 6 x 3 binary matrix, columns A, B, C: four rows (1,0,1) and two rows (0,1,0), in the tutorial's order. */
  data: Matrix;
  /** Unit names, visible then hidden: ['A', 'B', 'C', 'D', 'E']. */
  labels: string[];
  /** ['A', 'B', 'C'] (people). */
  visibleLabels: string[];
  /** ['D', 'E'] (fruits: apple and mango). */
  hiddenLabels: string[];
}

/**
 * N-TOY-01 The tutorial's data: rows (A,B,C) = 101, 010, 101, 101, 010, 101 (003 "1) Weights").
 * With 5 binary units there are 2^5 = 32 joint scenarios.
 *
 * @example
 * ```ts
 * import { toyPeopleFruit } from 'boltzmann';
 * const { data, labels } = toyPeopleFruit();
 * data.rows; // 6
 * labels;    // ['A', 'B', 'C', 'D', 'E']
 * ```
 */
export function toyPeopleFruit(): ToyPeopleFruit {
  const rows = [[1, 0, 1], [0, 1, 0], [1, 0, 1], [1, 0, 1], [0, 1, 0], [1, 0, 1]];
  return {
    data: matrix(6, 3, rows.flat()),
    labels: ['A', 'B', 'C', 'D', 'E'],
    visibleLabels: ['A', 'B', 'C'],
    hiddenLabels: ['D', 'E'],
  };
}

/** Parameters of {@link toyPeopleFruitWeights}: plain arrays, accepted as `init` by `BernoulliRBM.create`. */
export interface ToyPeopleFruitWeights {
  /** Rows A, B, C; columns D, E. */
  W: number[][];
  /** Visible biases (A, B, C). */
  a: number[];
  /** Hidden biases (D, E). */
  b: number[];
}

/**
 * N-TOY-04 Weights for the toy. The tutorial's figure with the weights is not in the text; it
 * states w_AD = 2, w_BE = 4, C "same as A" (w_CD = 2) with a negative w_CE, and b_D = 2. THIS
 * RECONSTRUCTION IS OURS (from the notes map; not unique): a = (1, 2, 1), b = (2, 1),
 * W = [[2, −1], [−6, 4], [2, −3]]. It reproduces every number the tutorial prints once its typos
 * are corrected (errata E-30, E-31): scores ACD 8, BE 7, BD −2, ACE −1 (ABE also 7),
 * Z = 6631.587, p(ACD) = 0.4495, p(BE) = 0.1654.
 *
 * @example
 * ```ts
 * import { BernoulliRBM, toyPeopleFruitWeights } from 'boltzmann';
 * const rbm = BernoulliRBM.create(3, 2, toyPeopleFruitWeights());
 * ```
 */
export function toyPeopleFruitWeights(): ToyPeopleFruitWeights {
  return {
    W: [[2, -1], [-6, 4], [2, -3]],
    a: [1, 2, 1],
    b: [2, 1],
  };
}
