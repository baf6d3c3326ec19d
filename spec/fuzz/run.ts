/**
 * `npm run fuzz -- N [seed]`: N fuzz cases per reader (default 10000) from `seed` (default: the
 * time), printing per reader how many inputs loaded and were refused, the slowest call's CPU time,
 * and every contract violation with the seed and case index that reproduce it.
 */
import { READERS, fuzzReader } from './readers.js';

const n = Number(process.argv[2] ?? 10000);
const seed = Number(process.argv[3] ?? (Date.now() >>> 0));
if (!Number.isInteger(n) || n < 1) { console.error(`fuzz: N must be a positive integer, got ${process.argv[2]}`); process.exit(2); }
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) { console.error(`fuzz: seed must be an integer in [0, 2^32), got ${process.argv[3]}`); process.exit(2); }
let bad = 0;
console.log(`fuzz: ${n} cases per reader, seed ${seed}`);
for (const reader of READERS) {
  const r = fuzzReader(reader, n, seed);
  console.log(`${reader.name.padEnd(8)} ${r.cases} cases: ${r.loaded} loaded and re-saved identically, ${r.refused} refused; slowest ${r.maxCpuMs.toFixed(1)} ms CPU; ${r.failures.length} violations`);
  for (const f of r.failures.slice(0, 20)) console.log(`  case ${f.index} (${f.kind}): ${f.problem}`);
  bad += r.failures.length;
}
process.exit(bad === 0 ? 0 : 1);
