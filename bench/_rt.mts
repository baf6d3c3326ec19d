import { BernoulliRBM, Rng, binarizeData, initVisibleBiasFromData, trainRBM } from '../lib/index.js';
import { createWorkerPool, loadMnist } from '../lib/node.js';
import { withReadableLoop } from '../lib/rbm/resident.js';
const n = Number(process.argv[2] ?? 2000);
const data = loadMnist({ split: 'train', limit: n }).images;
binarizeData(data, data, 'threshold');
const pool = createWorkerPool({ size: 1 });
await pool.ready();
function go(mode: string, threads: number, opts: object = {}) {
  const rbm = initVisibleBiasFromData(BernoulliRBM.create(784, 500, 'hinton', new Rng(1)), data);
  const o: any = { method: 'cd', k: 1, epochs: 1, batchSize: 100, learningRate: 0.05, reconstructionError: false, ...opts };
  if (threads === 2) o.pool = pool;
  const t = performance.now();
  const res = mode === 'readable' ? withReadableLoop(() => trainRBM(rbm, data, o, new Rng(2))) : trainRBM(rbm, data, o, new Rng(2));
  const dt = performance.now() - t;
  let h = 0; for (const v of rbm.W.data) h = (h * 31 + Math.fround(v) * 1e6) % 1e9;
  console.log(mode, threads, JSON.stringify(opts), (dt / 1000).toFixed(3), 's', h, rbm.a[100], rbm.b[3]);
}
const cfgs = process.argv[3] === "all" ? [{}, { method: "pcd", persistentChains: 50, k: 2 }, { binarize: "sample", batchSize: 64 }, {k: 3}] : [{}];
for (const c of cfgs) { go('readable', 1, c); go('resident', 1, c); go('resident', 2, c); }
await pool.close();
