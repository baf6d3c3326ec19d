/**
 * Exhaustive check of the wasm SIMD exp and sigmoid (lib/linalg/wasm/elementwise.ts): every one
 * of the 2^32 float32 bit patterns.
 *
 *   node --import tsx spec/exhaustive/wasm-exp-all.ts [processes=2] [chunks=4096]
 *
 * (`chunks` < 4096 checks only the first chunks * 2^20 patterns, for a smoke run; PASS needs all.)
 *
 * Not part of `npm test` (minutes, far over the suite's budget): spec/linalg/wasm-elementwise.spec.ts
 * checks a dense deterministic subset (every 4096th pattern plus the boundary regions) with the
 * same checker, spec/linalg/wasm-elementwise-check.ts, whose header gives the rules:
 *   exp:     NaN -> NaN; +Infinity exactly where fround(Math.exp(x)) is; 0 exactly where it is;
 *            otherwise |F - E| / max(E, 2^-126) <= 2^-21  (relative error for normal results,
 *            |F - E| <= 2^-147 for subnormal ones).
 *   sigmoid: NaN -> NaN and no other NaN; |F - S| / max(S, 2^-126) <= 2^-21 against the float64 σ(x).
 *
 * Last runs (AMD EPYC, family 26, 2 vCPUs shared with other jobs, node v20.20.2, 2026-11-24):
 *
 *   268.6 s wall on 2 processes, PASS:
 *   wasm exp: 4294967296 float32 bit patterns
 *     max relative error, normal results:      8.1473e-8 = 2^-23.549 at x = 80.75220489501953
 *     max |error| / 2^-126, subnormal results: 8.9448e-8 = 2^-23.414 at x = -87.33735656738281
 *     results +Infinity: 1020169705, results 0: 1018170956, not fround(Math.exp(x)): 18175878 (0.8 % of the finite nonzero ones)
 *   wasm sigmoid: 4294967296 float32 bit patterns
 *     max relative error, normal results:      2.7520e-7 = 2^-21.793 at x = -15.54684829711914
 *     max |error| / 2^-126, subnormal results: 1.6089e-7 = 2^-22.567 at x = -87.49848175048828
 *
 *   (An earlier run with a degree-6 polynomial in sigmoid, exp's, gave 1.7736e-7 = 2^-22.427 at
 *   x = -10.391359329223633; the library keeps degree 5, 7 % faster, and no longer builds the other.)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWasmElementwise } from '../../lib/linalg/wasm/elementwise.js';
import { checkWasmExp, checkWasmSigmoid, mergeErrStats, newErrStats, type ErrStats } from '../linalg/wasm-elementwise-check.js';

const CHUNK = 1 << 20; // bit patterns per batch
const ALL_CHUNKS = 4096; // 2^32 / 2^20
const LIMIT = Math.pow(2, -21);

interface Part { exp: ErrStats; sigmoid: ErrStats }

/** Checks chunks worker, worker + workers, ... below `chunks`. */
function checkChunks(worker: number, workers: number, chunks: number): Part {
  const k = createWasmElementwise();
  const bits = new Uint32Array(CHUNK);
  const xs = new Float32Array(bits.buffer);
  const out = new Float32Array(CHUNK);
  const part: Part = { exp: newErrStats(), sigmoid: newErrStats() };
  for (let c = worker; c < chunks; c += workers) {
    const base = c * CHUNK;
    for (let j = 0; j < CHUNK; j++) bits[j] = base + j;
    checkWasmExp(k, xs, out, LIMIT, part.exp);
    checkWasmSigmoid(k, xs, out, LIMIT, part.sigmoid);
  }
  return part;
}

if (process.argv[2] !== '--child') {
  const processes = Math.max(1, Number(process.argv[2] ?? 2) | 0);
  const chunks = Math.min(ALL_CHUNKS, Math.max(1, Number(process.argv[3] ?? ALL_CHUNKS) | 0));
  const t0 = performance.now();
  const parts = await Promise.all(
    Array.from({ length: processes }, (_, w) =>
      new Promise<Part>((resolve, reject) => {
        // Child processes rather than worker_threads: tsx's loader reaches forked processes reliably.
        const child = fork(fileURLToPath(import.meta.url), ['--child', String(w), String(processes), String(chunks)], {
          execArgv: ['--import', 'tsx'],
        });
        child.once('message', (m) => resolve(m as Part));
        child.once('error', reject);
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const p2 = (v: number) => (v === 0 ? '0' : `${v.toExponential(4)} = 2^${Math.log2(v).toFixed(3)}`);
  let ok = true;
  for (const name of ['exp', 'sigmoid'] as const) {
    const t = parts.map((p) => p[name]).reduce((a, b) => mergeErrStats(a, b), newErrStats());
    console.log(`wasm ${name}: ${t.checked} float32 bit patterns`);
    console.log(`  max relative error, normal results:      ${p2(t.maxErrNormal)} at x = ${t.maxErrNormalX}`);
    console.log(`  max |error| / 2^-126, subnormal results: ${p2(t.maxErrSubnormal)} at x = ${t.maxErrSubnormalX}`);
    console.log(`  results +Infinity: ${t.infinityCount}, results 0: ${t.zeroCount}, not fround(reference): ${t.notCorrectlyRounded}`);
    for (const f of t.failures) console.log(`  FAIL ${f}`);
    ok = ok && t.failures.length === 0 && t.checked === 2 ** 32;
  }
  console.log(`limit 2^-21 = ${LIMIT.toExponential(4)}; ${seconds.toFixed(1)} s on ${processes} process(es)`);
  console.log(ok ? 'PASS' : chunks !== ALL_CHUNKS ? 'partial run (not all patterns): no verdict' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} else {
  const [worker, workers, chunks] = process.argv.slice(3).map(Number);
  process.send!(checkChunks(worker, workers, chunks), () => process.exit(0));
}
