/**
 * Learning-rate schedules for RBM training: functions of the epoch index (0 for the first
 * epoch) that `trainRBM` calls once at the start of every epoch (`learningRate: schedule`).
 * Each returns a positive finite rate for every epoch it is asked about; `trainRBM` checks the
 * value and names the epoch if it is not.
 *
 * Why decay at all: a stochastic gradient (CD or PCD) has noise that a constant step never
 * averages away; the Robbins–Monro conditions (Σ eta_t = ∞, Σ eta_t² < ∞) are met by
 * eta_t ∝ 1/t, and Tieleman (2008) decays PCD's rate linearly to zero over the run.
 */

/** A learning-rate schedule: epoch index (0, 1, 2, ...) → learning rate > 0. */
export type LearningRateSchedule = (epoch: number) => number;

function checkRate(fn: string, what: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !(x > 0)) {
    throw new RangeError(`${fn}: ${what} must be a finite number > 0, got ${String(x)}`);
  }
}

/**
 * eta_t = lr0 · gamma^t: exponential decay by the factor gamma per epoch.
 *
 * @param lr0 rate of epoch 0, > 0
 * @param gamma factor per epoch, in (0, 1]
 * @example
 * const lr = exponentialDecay(0.1, 0.5);
 * lr(0); // 0.1
 * lr(2); // 0.025
 */
export function exponentialDecay(lr0: number, gamma: number): LearningRateSchedule {
  const fn = 'exponentialDecay';
  checkRate(fn, 'lr0', lr0);
  if (typeof gamma !== 'number' || !(gamma > 0 && gamma <= 1)) throw new RangeError(`${fn}: gamma must be in (0, 1], got ${String(gamma)}`);
  return (epoch: number) => lr0 * Math.pow(gamma, epoch);
}

/**
 * eta_t = lr0 / (1 + t / tau): the 1/t decay of the Robbins–Monro conditions, flat for
 * t ≪ tau and halved at t = tau.
 *
 * @param lr0 rate of epoch 0, > 0
 * @param tau epochs until the rate has halved, > 0
 * @example
 * const lr = inverseTimeDecay(0.1, 10);
 * lr(10); // 0.05
 */
export function inverseTimeDecay(lr0: number, tau: number): LearningRateSchedule {
  const fn = 'inverseTimeDecay';
  checkRate(fn, 'lr0', lr0);
  checkRate(fn, 'tau', tau);
  return (epoch: number) => lr0 / (1 + epoch / tau);
}

/**
 * Linear decay from lr0 at epoch 0 to lrEnd at epoch `epochs - 1` (Tieleman 2008 decays PCD's
 * rate linearly towards zero; lrEnd must stay > 0 so every epoch takes a step).
 *
 * @param lr0 rate of the first epoch, > 0
 * @param lrEnd rate of the last epoch, > 0
 * @param epochs number of epochs of the run, integer >= 1 (later epochs keep lrEnd)
 * @example
 * const lr = linearDecay(0.1, 0.01, 10);
 * lr(0); // 0.1
 * lr(9); // 0.01
 */
export function linearDecay(lr0: number, lrEnd: number, epochs: number): LearningRateSchedule {
  const fn = 'linearDecay';
  checkRate(fn, 'lr0', lr0);
  checkRate(fn, 'lrEnd', lrEnd);
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(`${fn}: epochs must be a positive integer, got ${String(epochs)}`);
  }
  return (epoch: number) => {
    if (epochs === 1 || epoch >= epochs - 1) return epochs === 1 && epoch === 0 ? lr0 : lrEnd;
    return lr0 + ((lrEnd - lr0) * epoch) / (epochs - 1);
  };
}
