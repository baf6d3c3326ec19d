/**
 * `npm run bench:peers [-- numpy|gemm|mlp]`: libraries users would pick instead, measured beside
 * ours in one run on one machine. With no argument, both parts run.
 *  - numpy: uniform fill, normal fill and sigmoid over 1e7 float32 (Debian's python3-numpy).
 *  - gemm: tfjs-backend-wasm (one thread), tfjs-backend-cpu, ml-matrix (npm, installed into
 *    bench/peers/node_modules by the npm script; never a dependency of the library).
 *  - mlp: the 784-400-10 training step beside torch on one thread (Debian's python3-torch),
 *    samples taken in turn (bench/peers/mlp.ts).
 */
import { execFileSync } from 'node:child_process';
import { machineInfo, measure, type BenchCase } from '../harness.js';

const which = process.argv[2] ?? 'all';
const info = machineInfo();
console.log(`peers  cpu: ${info.cpu} (${info.cores} cores)  node ${info.node}  ${info.date}`);

if (which === 'all' || which === 'numpy') {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  let numpy: { numpy: string; python: string; results: Record<string, { median: number; rate: number }> } | undefined;
  try {
    const out = execFileSync(python, [new URL('./numpy_bench.py', import.meta.url).pathname], { encoding: 'utf8' });
    numpy = JSON.parse(out);
  } catch (e) {
    console.error(`bench:peers: could not run numpy with ${python} (apt-get install -y python3-numpy, or set PYTHON): ${(e as Error).message.split('\n')[0]}`);
  }
  console.log(`\n[numpy ${numpy ? `${numpy.numpy}, python ${numpy.python}` : 'not available'}]`);
  const pairs: [string, string][] = [
    ['random/fillUniform 1e7', 'numpy uniform fill 1e7 float32'],
    ['random/fillNormal 1e7', 'numpy normal fill 1e7 float32'],
    ['elementwise/sigmoid 1e7 (ts)', 'numpy sigmoid 1e7 float32'],
    ['elementwise/sigmoid 1e7 (wasm)', 'numpy sigmoid 1e7 float32'],
  ];
  const ours = new Map<string, BenchCase>();
  for (const f of ['random.ts', 'elementwise.ts']) {
    const mod = (await import(new URL(`../cases/${f}`, import.meta.url).href)) as { cases: BenchCase[] };
    for (const c of mod.cases) ours.set(c.name, c);
  }
  for (const [mine, theirs] of pairs) {
    const c = ours.get(mine);
    if (!c) { console.log(`${mine.padEnd(32)} (case missing)`); continue; }
    const r = measure(c);
    const p = numpy?.results[theirs];
    const ratio = p ? `  ${(r.rate / p.rate).toFixed(2)}x numpy` : '';
    console.log(`${mine.padEnd(32)} ours ${r.rate.toFixed(0).padStart(6)} M/s   numpy ${p ? p.rate.toFixed(0).padStart(6) : '     -'} M/s${ratio}`);
  }
}

if (which === 'all' || which === 'mlp') {
  await import('./mlp.js');
}

if (which === 'all' || which === 'gemm') {
  console.log('\n[gemm peers]');
  await import('./gemm.js');
}
