/**
 * Tour chapter: the seeded generator. Golden outputs against Blackman & Vigna's reference C code
 * (spec/fixtures/xoshiro128starstar.c), then moments and a tail mass of 1e6 draws against exact
 * values, each within 5 standard errors (SE derived from the distribution, stated per row).
 */
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { Rng } from '../../../lib/random/index.js';

const N = 1_000_000;
const K = 5; // standard errors allowed
const SE_NOTE = `${K} SE, n = 1e6`;

/** A row for an integer that must equal its reference exactly. */
function exactRow(what: string, value: number, reference: number, source: string): TourRow {
  return { what, value: String(value), reference: String(reference), source, ok: value === reference };
}

export const chapter: TourChapter = {
  title: 'Random numbers (xoshiro128**, ziggurat normals)',
  order: 1,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const ref = 'reference C code (spec/fixtures)';
    const golden = Rng.fromState([1, 2, 3, 4]);
    rows.push(exactRow('first nextUint32 from state [1,2,3,4]', golden.nextUint32(), 11520, ref));
    const jumped = Rng.fromState([1, 2, 3, 4]);
    jumped.jump();
    rows.push(exactRow('first output after jump() (2^64 steps)', jumped.nextUint32(), 1194304935, ref));
    rows.push(exactRow('new Rng(42): first state word (splitmix32)', new Rng(42).state()[0], 939911724, ref));

    const rng = new Rng(2026);
    // Uniform on [0, 1): mean 1/2 (SE sqrt(1/12 / n)), variance 1/12 (SE sqrt((1/80 - 1/144) / n)).
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.float();
      s += u;
      s2 += u * u;
    }
    let mean = s / N;
    let variance = s2 / N - mean * mean;
    rows.push(compareRow('mean of 1e6 float()', mean, 0.5, K * Math.sqrt(1 / 12 / N), `exact 1/2, ${SE_NOTE}`));
    rows.push(compareRow('variance of 1e6 float()', variance, 1 / 12, K * Math.sqrt(1 / 180 / N), `exact 1/12, ${SE_NOTE}`));

    // Standard normal through the float32 fill: mean 0 (SE 1/sqrt n), variance 1 (SE sqrt(2/n)),
    // P(|Z| > 3) = erfc(3/sqrt 2) = 0.0026998 (SE sqrt(p(1-p)/n)).
    const z = rng.fillNormal(new Float32Array(N));
    s = 0;
    s2 = 0;
    let beyond3 = 0;
    for (let i = 0; i < N; i++) {
      s += z[i];
      s2 += z[i] * z[i];
      if (Math.abs(z[i]) > 3) beyond3++;
    }
    mean = s / N;
    variance = s2 / N - mean * mean;
    rows.push(compareRow('mean of 1e6 normals (fillNormal)', mean, 0, K / Math.sqrt(N), `exact 0, ${SE_NOTE}`));
    rows.push(compareRow('variance of 1e6 normals', variance, 1, K * Math.sqrt(2 / N), `exact 1, ${SE_NOTE}`));
    const p3 = 0.0026997960632601866;
    rows.push(compareRow('fraction with |z| > 3', beyond3 / N, p3, K * Math.sqrt((p3 * (1 - p3)) / N), `erfc(3/√2), ${SE_NOTE}`));

    // Bernoulli(0.3) through fillBernoulli: rate 0.3 (SE sqrt(0.21 / n)).
    const probs = new Float32Array(N).fill(0.3);
    const h = rng.fillBernoulli(new Float32Array(N), probs);
    let ones = 0;
    for (let i = 0; i < N; i++) ones += h[i];
    const p = Math.fround(0.3);
    rows.push(compareRow('rate of fillBernoulli(p = 0.3)', ones / N, p, K * Math.sqrt((p * (1 - p)) / N), `exact p, ${SE_NOTE}`));
    return rows;
  },
};
