/**
 * `npm run bench:peers`: numpy's uniform fill, normal fill and sigmoid over 1e7 float32 next to
 * ours, from one run on one machine, with the ratio ours / numpy.
 */
import { execFileSync } from 'node:child_process';
import { machineInfo, measure, type BenchCase } from '../harness.js';

const python = process.env.PYTHON ?? '/usr/bin/python3';
let numpy: { numpy: string; python: string; results: Record<string, { median: number; rate: number }> } | undefined;
try {
  const out = execFileSync(python, [new URL('./numpy_bench.py', import.meta.url).pathname], { encoding: 'utf8' });
  numpy = JSON.parse(out);
} catch (e) {
  console.error(`bench:peers: could not run numpy with ${python} (apt-get install -y python3-numpy, or set PYTHON): ${(e as Error).message.split('\n')[0]}`);
}

const pairs: [string, string][] = [
  ['random/fillUniform 1e7', 'numpy uniform fill 1e7 float32'],
  ['random/fillNormal 1e7', 'numpy normal fill 1e7 float32'],
  ['elementwise/sigmoid 1e7', 'numpy sigmoid 1e7 float32'],
];
const ours = new Map<string, BenchCase>();
for (const f of ['random.ts', 'elementwise.ts']) {
  const mod = (await import(new URL(`../cases/${f}`, import.meta.url).href)) as { cases: BenchCase[] };
  for (const c of mod.cases) ours.set(c.name, c);
}
const info = machineInfo();
console.log(`peers  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  ${numpy ? `numpy ${numpy.numpy} (python ${numpy.python})` : 'numpy: not available'}  ${info.date}`);
for (const [mine, theirs] of pairs) {
  const c = ours.get(mine);
  if (!c) { console.log(`${mine.padEnd(28)} (case missing)`); continue; }
  const r = measure(c);
  const p = numpy?.results[theirs];
  const ratio = p ? `  ${(r.rate / p.rate).toFixed(2)}x numpy` : '';
  console.log(`${mine.padEnd(28)} ours ${r.rate.toFixed(0).padStart(6)} M/s   numpy ${p ? p.rate.toFixed(0).padStart(6) : '     -'} M/s${ratio}`);
}
