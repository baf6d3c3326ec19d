/**
 * Independent reference statistics for the random-number specs (not part of the library).
 *
 * - erfc: Taylor series of erf for x < 1.5 (terms alternate; float64 keeps ~14 digits there)
 *   and the Laplace continued fraction (300 terms, evaluated backwards) for x >= 1.5 (Abramowitz & Stegun 7.1.14), both
 *   standard and written out here so the specs do not trust any code under test.
 * - chi-square critical values: Wilson–Hilferty cube-root approximation
 *   chi2_{df, 1-p} ~ df (1 - 2/(9 df) + z_{1-p} sqrt(2/(9 df)))^3, accurate to well under 1%
 *   for df >= 20 at p = 1e-4 and slightly LARGE (lenient) for small df: df = 5 gives 26.32 against
 *   the table value 25.74 (E. B. Wilson and M. M. Hilferty, PNAS 17, 1931).
 * - Kolmogorov–Smirnov critical value: asymptotic D_crit = sqrt(-ln(alpha/2) / 2) / sqrt(n).
 */

/** erfc(x) for real x. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) {
    // erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  let f = x;
  for (let k = 300; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Upper-tail standard normal quantile z with P(Z > z) = p, by bisection on normalCdf. */
export function normalUpperQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (1 - normalCdf(mid) > p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Critical value of chi-square with `df` degrees of freedom at upper-tail probability p. */
export function chiSquareCritical(df: number, p: number): number {
  const z = normalUpperQuantile(p);
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/** Pearson's statistic sum (O - E)^2 / E. */
export function chiSquareStatistic(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < observed.length; i++) {
    const d = observed[i] - expected[i];
    s += (d * d) / expected[i];
  }
  return s;
}

/** Asymptotic Kolmogorov–Smirnov critical value for n samples at level alpha. */
export function ksCritical(n: number, alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** KS statistic sup |F_n - F| of the samples against the CDF `cdf` (sorts a copy). */
export function ksStatistic(samples: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(samples).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  return d;
}

/** Sample moments: mean, variance (1/n), skewness, excess kurtosis, accumulated in float64. */
export function moments(x: ArrayLike<number>): { mean: number; variance: number; skewness: number; excessKurtosis: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / Math.pow(m2, 1.5), excessKurtosis: m4 / (m2 * m2) - 3 };
}
