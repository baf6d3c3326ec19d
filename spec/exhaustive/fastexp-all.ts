/**
 * Exhaustive check of the fast float32 exp: every one of the 2^32 float32 bit patterns.
 *
 *   node --import tsx spec/exhaustive/fastexp-all.ts [processes=2] [chunks=4096]
 *
 * (`chunks` < 4096 checks only the first chunks * 2^20 patterns, for a smoke run; PASS needs all.)
 *
 * Not part of `npm test`: it takes minutes, far over the suite's budget.
 * spec/linalg/fastexp.spec.ts checks a dense deterministic subset (every 1031st pattern plus
 * every pattern around the thresholds and reduction boundaries) on every run, with the same
 * checker (spec/linalg/fastexp-check.ts). For each x the public kernel `exp(out, x)` (Float32Array
 * path) is compared with Math.exp(x) in float64:
 *
 *  - NaN x: the result must be NaN.
 *  - fround(Math.exp(x)) = +Infinity  <=>  result = +Infinity   (overflow, exactly where float32 does)
 *  - fround(Math.exp(x)) = 0          <=>  result = 0           (underflow below half the smallest subnormal)
 *  - otherwise err = |F - E| / max(E, 2^-126) <= 2^-21: the relative error for normal results, and
 *    for subnormal results the absolute error |F - E| <= 2^-21 * 2^-126 = 2^-147.
 *  - Math.fround(fastExp(x)) equals the kernel's result bit for bit.
 *
 * Last run (AMD EPYC, 2 cores shared with other jobs at load 2-9, node v20.20.2, 2026-11-24):
 *   fastexp-all: 4294967296 float32 bit patterns in 1085.4 s on 2 process(es)
 *     max relative error, normal results:        6.7626e-8 = 2^-23.818 at x = 0.021667730063199997
 *     max |error| / 2^-126, subnormal results:   6.7391e-8 = 2^-23.823 at x = -87.4013900756836
 *     limit 2^-21 = 4.7684e-7
 *     results +Infinity: 1020169705, results 0: 1018170956
 *     finite nonzero results one ulp from fround(Math.exp(x)): 5248613
 *     fround(fastExp(x)) different from the exp kernel: 0
 *   PASS   (real 18m06s; user 12m11s + sys 4m17s of CPU: an estimated ~8 min wall on an idle 2-core machine)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkExp, mergeExpStats, newExpStats, type ExpStats } from '../linalg/fastexp-check.js';

const CHUNK = 1 << 20; // bit patterns per batch
const ALL_CHUNKS = 4096; // 2^32 / 2^20
const LIMIT = Math.pow(2, -21);

/** Checks chunks worker, worker + workers, ... below `chunks`. */
function checkChunks(worker: number, workers: number, chunks: number): ExpStats {
  const bits = new Uint32Array(CHUNK);
  const xs = new Float32Array(bits.buffer);
  const out = new Float32Array(CHUNK);
  const s = newExpStats();
  for (let c = worker; c < chunks; c += workers) {
    const base = c * CHUNK;
    for (let j = 0; j < CHUNK; j++) bits[j] = base + j;
    checkExp(xs, out, LIMIT, s);
    if (worker === 0 && (c / workers) % 256 === 0) console.error(`  ... chunk ${c} of ${chunks}`);
  }
  return s;
}

if (process.argv[2] !== '--child') {
  const processes = Math.max(1, Number(process.argv[2] ?? 2) | 0);
  const chunks = Math.min(ALL_CHUNKS, Math.max(1, Number(process.argv[3] ?? ALL_CHUNKS) | 0));
  const t0 = performance.now();
  const parts = await Promise.all(
    Array.from({ length: processes }, (_, w) =>
      new Promise<ExpStats>((resolve, reject) => {
        // Child processes rather than worker_threads: tsx's loader reaches forked processes reliably.
        const child = fork(fileURLToPath(import.meta.url), ['--child', String(w), String(processes), String(chunks)], {
          execArgv: ['--import', 'tsx'],
        });
        child.once('message', (m) => resolve(m as ExpStats));
        child.once('error', reject);
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const total = parts.reduce((a, b) => mergeExpStats(a, b), newExpStats());
  const p2 = (v: number) => `${v.toExponential(4)} = 2^${Math.log2(v).toFixed(3)}`;
  console.log(`fastexp-all: ${total.checked} float32 bit patterns in ${seconds.toFixed(1)} s on ${processes} process(es)`);
  console.log(`  max relative error, normal results:        ${p2(total.maxErrNormal)} at x = ${total.maxErrNormalX}`);
  console.log(`  max |error| / 2^-126, subnormal results:   ${p2(total.maxErrSubnormal)} at x = ${total.maxErrSubnormalX}`);
  console.log(`  limit 2^-21 = ${LIMIT.toExponential(4)}`);
  console.log(`  results +Infinity: ${total.infinityCount}, results 0: ${total.zeroCount}`);
  console.log(`  finite nonzero results one ulp from fround(Math.exp(x)): ${total.notCorrectlyRounded}`);
  console.log(`  fround(fastExp(x)) different from the exp kernel: ${total.scalarMismatch}`);
  const ok = total.failures.length === 0 && total.scalarMismatch === 0 && total.checked === 2 ** 32;
  for (const f of total.failures) console.log(`  FAIL ${f}`);
  console.log(ok ? 'PASS' : total.checked !== 2 ** 32 ? 'partial run (not all patterns): no verdict' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} else {
  const [worker, workers, chunks] = process.argv.slice(3).map(Number);
  process.send!(checkChunks(worker, workers, chunks), () => process.exit(0));
}
