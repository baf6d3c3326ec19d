/**
 * Seeds for the statistical specs, and the registry `npm run spec:seeds` reruns (not a spec file).
 *
 * A statistical test passes every fixed seed it uses through `specSeed(seed)` and is declared
 * with `statTest(name, design, fn)` instead of uvu's `test`:
 * - under `npm test` (round 0) specSeed returns the fixed seed, so the suite is deterministic;
 * - `npm run spec:seeds -- N` (spec/seed-runner.ts) runs every registered test in rounds
 *   1..N, where specSeed returns a fresh seed mixed from the fixed one and the round, and counts
 *   the failures of each test against the rate its design implies;
 * - `SPEC_SEED=r npx tsx spec/x/y.spec.ts` replays round r of one file (to reproduce a failure).
 */
import { test } from 'uvu';

let round = Number(process.env.SPEC_SEED ?? 0);
if (!Number.isInteger(round) || round < 0) throw new Error(`SPEC_SEED must be a non-negative integer, got ${process.env.SPEC_SEED}`);

/** Sets the round (0 = the fixed seeds). Used by the seed runner. */
export function setSeedRound(r: number): void {
  round = r;
}

/**
 * The seed a statistical test uses: `fixed` in round 0, otherwise a 32-bit mix of `fixed` and
 * the round (the splitmix32 finalizer of fixed + round * golden ratio), different for every
 * (fixed, round) pair in practice.
 */
export function specSeed(fixed: number): number {
  if (round === 0) return fixed;
  let z = (fixed + Math.imul(round, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * What a statistical test's bounds imply about its false-failure rate: `checks` independent-ish
 * two-sided checks at k standard errors of an approximately normal statistic give at most
 * checks * 2 (1 - Phi(k)) (a union bound), or `rate` when the test states it directly (e.g. a
 * chi-square or binomial tail it computed).
 */
export type Design = { k: number; checks: number; note?: string } | { rate: number; note?: string };

export interface StatisticalTest {
  file: string;
  name: string;
  design: Design;
  fn: () => void | Promise<void>;
}

/** Every statTest of the spec files imported so far, in registration order. */
export const registry: StatisticalTest[] = [];

/** The false-failure rate a design implies. */
export function designRate(d: Design): number {
  if ('rate' in d) return d.rate;
  return d.checks * 2 * normalUpperTail(d.k);
}

/**
 * 1 - Phi(x) = erfc(x / sqrt 2) / 2 for x >= 0 (for x < 0 use Phi(-x) = 1 - Phi(x)), erfc by the Chebyshev fit of Numerical Recipes
 * (2nd ed., sec. 6.2, `erfcc`: fractional error below 1.2e-7 everywhere).
 */
export function normalUpperTail(x: number): number {
  const z = x / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return 0.5 * t * Math.exp(-z * z + poly);
}

/** uvu's `test`, plus registration for the seed runner. `file` is import.meta.url of the spec. */
export function statTest(file: string, name: string, design: Design, fn: () => void | Promise<void>): void {
  registry.push({ file, name, design, fn });
  test(name, fn);
}
