/**
 * Functions of probability distributions (as opposed to draws from them, which live on `Rng`).
 */

/**
 * Kullback–Leibler divergence (relative entropy) of two discrete distributions, in nats:
 *
 *   N-COST-03  KL(p || q) = Σ_i p_i log(p_i / q_i)
 *
 * (The notes, 000 "Kullback-Leibler relative entropy", also call it "Shannon entropy"; it is the
 * relative entropy — Shannon entropy is −Σ p log p. Errata E-11.) Conventions: a term with
 * p_i = 0 contributes 0 (0·log 0 = 0); a term with q_i = 0 < p_i makes the divergence +Infinity
 * (q cannot explain an outcome p gives weight to). KL ≥ 0, = 0 only for p = q, and is not
 * symmetric. The sum is in float64. p and q must have equal lengths, finite non-negative
 * entries, and each sum to 1 within 1e-9 (nothing is renormalized silently).
 *
 * @example
 * klDivergenceDiscrete([0.5, 0.5], [0.25, 0.75]); // 0.14384103622589042 = ½ ln(4/3)
 * klDivergenceDiscrete([1, 0], [0.5, 0.5]);       // ln 2
 * klDivergenceDiscrete([0.5, 0.5], [1, 0]);       // Infinity
 */
export function klDivergenceDiscrete(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const fn = 'klDivergenceDiscrete';
  for (const [name, v] of [['p', p], ['q', q]] as const) {
    if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
      throw new TypeError(`${fn}: ${name} must be an array of probabilities, got ${v === null || v === undefined ? String(v) : `${typeof v} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`}`);
    }
  }
  if (p.length !== q.length) throw new RangeError(`${fn}: p has length ${p.length} but q has length ${q.length}`);
  if (p.length === 0) throw new RangeError(`${fn}: p and q are empty; a distribution needs at least one outcome`);
  checkDistribution(fn, 'p', p);
  checkDistribution(fn, 'q', q);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;              // 0 · log(0 / q_i) = 0
    if (q[i] === 0) return Infinity;       // p_i > 0 = q_i
    kl += p[i] * Math.log(p[i] / q[i]);
  }
  return kl;
}

function checkDistribution(fn: string, name: string, p: ArrayLike<number>): void {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${fn}: ${name}[${i}] must be a finite probability >= 0, got ${v}`);
    s += v;
  }
  if (Math.abs(s - 1) > 1e-9) throw new RangeError(`${fn}: ${name} sums to ${s}, not 1 (within 1e-9); normalize it first`);
}
