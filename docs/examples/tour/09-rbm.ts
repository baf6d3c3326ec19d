/**
 * Tour chapter: restricted Boltzmann machines. The tutorial toy's exact partition function
 * against a brute-force sum over its 32 scenarios; bars-and-stripes 3x3 trained with CD-1 and
 * with PCD for the same number of updates, compared by the exact KL to the data (Tieleman 2008:
 * PCD lower); a save/load round trip. Writes the two KL curves to tour-kl.svg in the chapter's folder.
 */
import { join } from 'node:path';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { BernoulliRBM, GaussianBernoulliRBM, SpinRBM, klFromEmpirical, loadRBM, logPartitionExact, saveRBM, trainRBM, linearDecay, type RBM } from '../../../lib/rbm/index.js';
import { barsAndStripes, toyPeopleFruitWeights } from '../../../lib/data/index.js';
import { Rng } from '../../../lib/random/index.js';
import { linePlot } from '../../../lib/io/index.js';
import { writeSvg } from '../../../lib/io-node.js';

export const chapter: TourChapter = {
  title: 'Restricted Boltzmann machines: exact Z, CD-1 vs PCD, save/load',
  order: 9,
  run(outDir: string): TourRow[] {
    const rows: TourRow[] = [];

    // 1. The toy's log Z: closed-form route (sum over the 4 hidden states) vs all 32 (x, h) terms.
    const toy = BernoulliRBM.create(3, 2, toyPeopleFruitWeights());
    const { W, a, b } = toyPeopleFruitWeights();
    let Z = 0;
    for (let s = 0; s < 32; s++) {
      const x = [(s >> 4) & 1, (s >> 3) & 1, (s >> 2) & 1], h = [(s >> 1) & 1, s & 1];
      let score = 0; // −E = aᵀx + bᵀh + xᵀWh (N-RBM-02)
      for (let i = 0; i < 3; i++) score += a[i] * x[i];
      for (let j = 0; j < 2; j++) score += b[j] * h[j];
      for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) score += x[i] * W[i][j] * h[j];
      Z += Math.exp(score);
    }
    rows.push(compareRow('tutorial toy: log Z (logPartitionExact)', logPartitionExact(toy), Math.log(Z), 1e-12, 'brute-force sum over the 32 scenarios', 10));

    // 2. Bars and stripes 3x3, 9 x 16 RBM, 3000 full-batch updates each.
    const data = barsAndStripes(3);
    const epochs = 3000;
    const kl: Record<string, number[]> = {};
    for (const [name, method] of [['CD-1', 'cd'], ['PCD', 'pcd']] as const) {
      const rbm = BernoulliRBM.create(9, 16, 'glorot-normal', new Rng(1));
      kl[name] = [];
      trainRBM(rbm, data, {
        method, k: 1, epochs, batchSize: 14, learningRate: linearDecay(0.1, 0.01, epochs), reconstructionError: false,
        onEpoch: (m) => { if (m.epoch % 25 === 0) kl[name].push(klFromEmpirical(rbm, data)); },
        ...(method === 'pcd' ? { persistentChains: 100 } : {}),
      }, new Rng(1001));
    }
    const last = (s: string) => kl[s][kl[s].length - 1];
    rows.push({
      what: 'bars & stripes 3x3: exact KL after 3000 updates, CD-1 / PCD',
      value: `${last('CD-1').toFixed(3)} / ${last('PCD').toFixed(3)}`,
      reference: 'PCD < CD-1',
      source: 'Tieleman (2008), ICML: PCD beats CD-1 at equal updates',
      ok: last('PCD') < last('CD-1'),
    });
    writeSvg(join(outDir, 'tour-kl.svg'), linePlot({
      series: [
        { x: kl['CD-1'].map((_, q) => 25 * (q + 1)), y: kl['CD-1'], label: 'CD-1' },
        { x: kl.PCD.map((_, q) => 25 * (q + 1)), y: kl.PCD, label: 'PCD' },
      ],
      title: 'Bars and stripes 3x3: exact KL(data ‖ model)', xLabel: 'update', yLabel: 'KL (nats)', logY: true,
    }));

    // 3. Save / load: every kind, bit for bit.
    const rng = new Rng(3);
    const models: RBM[] = [
      BernoulliRBM.create(9, 16, 'glorot-normal', rng),
      SpinRBM.create(5, 4, 'glorot-normal', rng),
      GaussianBernoulliRBM.create(2, 4, 'glorot-normal', rng, { sigma: [0.5, 2], trainSigma: true }),
    ];
    let bytes = 0, identical = true;
    for (const m of models) {
      const file = saveRBM(m);
      bytes += file.length;
      const back = loadRBM(file);
      const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((v, q) => Object.is(v, y[q]));
      identical &&= back.kind === m.kind && same(back.W.data, m.W.data) && same(back.a, m.a) && same(back.b, m.b)
        && (m.kind !== 'gaussian-bernoulli' || (back.kind === 'gaussian-bernoulli' && same(back.sigma, m.sigma) && back.trainSigma === m.trainSigma));
    }
    rows.push({
      what: `saveRBM → loadRBM, 3 kinds (${bytes} bytes)`,
      value: identical ? 'bit-identical' : 'DIFFERENT',
      reference: 'bit-identical',
      source: 'float32 copied byte for byte (docs/rbm.md, file format)',
      ok: identical,
    });
    return rows;
  },
};
