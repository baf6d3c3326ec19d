/**
 * Tour chapter 4: elementwise special functions. The fast float32 exp against Math.exp, the
 * stable forms at |x| = 1e4 where the naive formulas overflow, log-sum-exp on huge inputs, and
 * the speed of sigmoid with the fast exp beside the plain Math.exp loop.
 */
import { exp, logSigmoid, logSumExp, sigmoid, softplus, tanh } from '../../../lib/linalg/elementwise.js';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';

/** Max of |F - e^x| / max(e^x, 2^-126) over every 997th float32 in [-103, 88] (about 2.2 million). */
function fastExpMaxError(): { err: number; count: number } {
  const values: number[] = [];
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  for (let b = 0; b < 0x42cf0000; b += 997) { // 0x42cf0000 = 103.5
    bits[0] = b;
    if (f[0] <= 88.7) values.push(f[0]);
    values.push(-f[0]);
  }
  const x = new Float32Array(values);
  const out = exp(new Float32Array(x.length), x);
  let err = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.exp(x[i]);
    if (Math.fround(e) === 0) continue;
    err = Math.max(err, Math.abs(out[i] - e) / Math.max(e, Math.pow(2, -126)));
  }
  return { err, count: x.length };
}

/** M numbers/s of `run` over n numbers: the fastest of `reps` timed calls after one warm-up. */
function rate(run: () => void, n: number, reps: number): number {
  run();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return n / best / 1e3;
}

export const chapter: TourChapter = {
  title: 'Elementwise functions (fast exp, stable forms)',
  order: 4,
  run(): TourRow[] {
    const rows: TourRow[] = [];
    const limit = Math.pow(2, -21);
    const { err, count } = fastExpMaxError();
    rows.push({
      what: `fast exp max rel. error (${(count / 1e6).toFixed(1)}M float32)`,
      value: err.toExponential(3),
      reference: `<= 2^-21 = ${limit.toExponential(3)}`,
      source: 'Math.exp (float64); all 2^32 inputs: spec/exhaustive',
      ok: err <= limit,
    });
    const big = new Float32Array([1e4, -1e4]);
    const sp = softplus(new Float32Array(2), big);
    rows.push(compareRow('softplus(1e4), float32', sp[0], 1e4, 0, 'exact: log(1+e^x) = x + log1p(e^-x)'));
    rows.push(compareRow('softplus(-1e4)', sp[1], 0, 0, 'exact: e^-1e4 underflows to 0'));
    const sg = sigmoid(new Float32Array(2), big);
    rows.push(compareRow('sigmoid(-1e4), float32', sg[1], 0, 0, 'exact: e^-1e4 underflows to 0 (no NaN)'));
    const ls = logSigmoid(new Float32Array(1), new Float32Array([-1e4]));
    rows.push(compareRow('logSigmoid(-1e4)', ls[0], -1e4, 0, 'exact: min(x,0) - log1p(e^-|x|)'));
    const th = tanh(new Float32Array(1), new Float32Array([1e-8]));
    rows.push(compareRow('tanh(1e-8), float32', th[0], Math.fround(1e-8), 0, 'tanh x = x - x^3/3 + ...', 8));
    rows.push(compareRow('logSumExp([1000, 1000])', logSumExp([1000, 1000]), 1000 + Math.LN2, 1e-12, 'exact: 1000 + ln 2', 16));
    rows.push(compareRow('logSumExp([1e4, 1e4])', logSumExp(new Float32Array([1e4, 1e4])), 1e4 + Math.LN2, 1e-11, 'exact: 1e4 + ln 2', 16));

    const n = 1e6;
    const x = new Float32Array(n);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = ((i * 7919) % n) / n * 20 - 10; // spread over [-10, 10]
    const fast = rate(() => sigmoid(out, x), n, 7);
    const naive = rate(() => { for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i])); }, n, 7);
    rows.push({
      what: 'sigmoid over 1e6 float32, M/s',
      value: fast.toFixed(0),
      reference: `${naive.toFixed(0)} (Math.exp loop)`,
      source: `measured now: ${(fast / naive).toFixed(1)}x; full bench: npm run bench -- --filter elementwise`,
      ok: true,
    });
    return rows;
  },
};
