/**
 * Our 784-400-10 MLP step (bench/cases/nn.ts) beside torch's (bench/peers/torch_mlp.py, one
 * thread), with their samples taken in turn: torch runs as a child process in --serve mode and
 * answers "sample" with the seconds per step of one sample; ours is timed between two of its
 * samples. So the ratio is measured under one machine load.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MLP_BATCH, MLP_FLOPS, cases } from '../cases/nn.js';
import { getBackend } from '../../lib/linalg/backend.js';

const python = process.env.PYTHON ?? '/usr/bin/python3';
const ours = cases.find((c) => c.name === 'nn/MLP 784-400-10 fwd+bwd, batch 128')!;
const SAMPLES = 9;

const child = spawn(python, [new URL('./torch_mlp.py', import.meta.url).pathname, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const next = async (): Promise<string> => {
  const r = await lines.next();
  if (r.done) throw new Error('torch_mlp.py stopped');
  return r.value;
};
let info: { torch: string; python: string; threads: number };
try {
  info = JSON.parse(await next());
} catch (e) {
  console.log(`[mlp peers] torch not available with ${python} (apt-get install -y python3-torch, or set PYTHON): ${(e as Error).message}`);
  child.kill();
  process.exit(0);
}
ours.setup!();
let calls = 0;
const w0 = performance.now();
while (performance.now() - w0 < 300) { ours.run(); calls++; }
const reps = Math.max(1, Math.ceil(200 / ((performance.now() - w0) / calls)));
const tOurs: number[] = [], tTorch: number[] = [];
for (let s = 0; s < SAMPLES; s++) {
  child.stdin.write('sample\n');
  tTorch.push(Number(await next()));
  const t0 = performance.now();
  for (let k = 0; k < reps; k++) ours.run();
  tOurs.push((performance.now() - t0) / 1000 / reps);
}
child.stdin.end();
const median = (t: number[]) => [...t].sort((a, b) => a - b)[(t.length - 1) >> 1];
const mo = median(tOurs), mt = median(tTorch);
const row = (name: string, m: number, t: number[]) =>
  `${name.padEnd(44)} median ${(m * 1e3).toFixed(3).padStart(8)} ms  min ${(Math.min(...t) * 1e3).toFixed(3).padStart(8)} ms  ` +
  `${(MLP_BATCH / m).toFixed(0).padStart(7)} samples/s  ${(MLP_FLOPS / m / 1e9).toFixed(2).padStart(6)} GFLOP/s`;
console.log(`\n[MLP 784-400-10 fwd+bwd, batch ${MLP_BATCH}: ours (backend '${getBackend()}') vs torch ${info.torch} (${info.threads} thread), ${SAMPLES} samples each, taken in turn]`);
console.log(row('boltzmann mlpForward + mlpBackward', mo, tOurs));
console.log(row('torch cross_entropy(model(x)).backward()', mt, tTorch));
console.log(`ours / torch throughput: ${(mt / mo).toFixed(2)}x`);
