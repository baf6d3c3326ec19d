/**
 * `npm run bench:peers -- gemm`: our gemm next to tfjs (wasm backend pinned to one thread with
 * SIMD, and the pure-JS cpu backend), ml-matrix and the naive i-j-p loop, from one process on one
 * machine. Shapes: 512³ and the three RBM products (x W, xᵀ h, h Wᵀ for a 784×500 RBM and a
 * batch of 100). Each peer's time includes getting the result back into a Float32Array, as ours
 * does. The peers are installed only here (bench/peers/package.json), never by the library.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { availableBackends, gemm, matrix, Rng, setBackend, type Matrix } from '../../lib/index.js';
import { measure, type BenchCase } from '../harness.js';

interface Shape { name: string; m: number; n: number; k: number; transA: boolean; transB: boolean }
const shapes: Shape[] = [
  { name: '512x512 . 512x512', m: 512, n: 512, k: 512, transA: false, transB: false },
  { name: 'rbm x W   100x784 . 784x500', m: 100, n: 500, k: 784, transA: false, transB: false },
  { name: 'rbm xT h  (784x100) . 100x500', m: 784, n: 500, k: 100, transA: true, transB: false },
  { name: 'rbm h WT  100x500 . (500x784)', m: 100, n: 784, k: 500, transA: false, transB: true },
];

const require = createRequire(import.meta.url);
// Imported by name at run time so that the library's type-check never needs these packages.
const load = async (name: string): Promise<any> => import(name);
const tf = await load('@tensorflow/tfjs-core');
const tfWasm = await load('@tensorflow/tfjs-backend-wasm');
await load('@tensorflow/tfjs-backend-cpu');
const mlMatrix = await load('ml-matrix');
tfWasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
tfWasm.setThreadsCount(1);

const rng = new Rng(1);
export interface PeerRow { shape: string; peer: string; gflops: number; medianSeconds: number }
const rows: PeerRow[] = [];

function record(shape: Shape, peer: string, c: BenchCase): void {
  const r = measure(c);
  rows.push({ shape: shape.name, peer, gflops: r.rate, medianSeconds: r.medianSeconds });
  console.log(`${shape.name.padEnd(32)} ${peer.padEnd(26)} ${r.rate.toFixed(2).padStart(8)} GFLOP/s  median ${(r.medianSeconds * 1e3).toFixed(3)} ms`);
}

for (const s of shapes) {
  const aRows = s.transA ? s.k : s.m, aCols = s.transA ? s.m : s.k;
  const bRows = s.transB ? s.n : s.k, bCols = s.transB ? s.k : s.n;
  const a: Matrix = matrix(aRows, aCols); rng.fillUniform(a.data, -1, 1);
  const b: Matrix = matrix(bRows, bCols); rng.fillUniform(b.data, -1, 1);
  const c: Matrix = matrix(s.m, s.n);
  const flop = 2 * s.m * s.n * s.k;
  const base = { group: 'peers', work: flop, unit: 'flop' as const };

  for (const backend of availableBackends()) {
    setBackend(backend);
    record(s, `boltzmann gemm (${backend})`, { ...base, name: `ours-${backend}`, run: () => { gemm(c, a, b, { transA: s.transA, transB: s.transB }); } });
  }
  setBackend(availableBackends().includes('wasm') ? 'wasm' : 'ts');

  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    const ta = tf.tensor2d(a.data, [aRows, aCols]);
    const tb = tf.tensor2d(b.data, [bRows, bCols]);
    record(s, `tfjs-backend-${backend}${backend === 'wasm' ? ' (1 thr)' : ''}`, {
      ...base, name: backend, run: () => {
        const t = tf.matMul(ta, tb, s.transA, s.transB);
        t.dataSync();
        t.dispose();
      },
    });
    if (backend === 'wasm' && (s.transA || s.transB)) {
      // The same product with the operands transposed once beforehand (outside the timing), so
      // tfjs runs its untransposed matMul: what a user who knows the slow path would do.
      const pa = s.transA ? tf.transpose(ta) : ta, pb = s.transB ? tf.transpose(tb) : tb;
      record(s, 'tfjs-backend-wasm pre-transposed', {
        ...base, name: 'wasm-pre', run: () => {
          const t = tf.matMul(pa, pb);
          t.dataSync();
          t.dispose();
        },
      });
      if (pa !== ta) pa.dispose();
      if (pb !== tb) pb.dispose();
    }
    ta.dispose(); tb.dispose();
  }

  const ma = new mlMatrix.Matrix(aRows, aCols), mb = new mlMatrix.Matrix(bRows, bCols);
  for (let i = 0; i < aRows; i++) for (let j = 0; j < aCols; j++) ma.set(i, j, a.data[i * aCols + j]);
  for (let i = 0; i < bRows; i++) for (let j = 0; j < bCols; j++) mb.set(i, j, b.data[i * bCols + j]);
  const mA = s.transA ? ma.transpose() : ma, mB = s.transB ? mb.transpose() : mb;
  record(s, 'ml-matrix mmul', { ...base, name: 'ml', run: () => { mA.mmul(mB); } });
}


