/**
 * Tour chapter: an RBM on MNIST. 12 hidden units trained briefly with PCD on 5,000
 * sample-binarized training images (Salakhutdinov & Murray's binarization, seeded); its test
 * log-likelihood with log Z from AIS against the exact value (2^12 hidden states enumerated),
 * and against the independent-pixel model it starts from. Writes its 12 filters to
 * rbm-mnist/tour-filters.png in the chapter's folder.
 */
import { join } from 'node:path';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  BernoulliRBM, averageLogLikelihood, binarizeData, initVisibleBiasFromData, linearDecay, logPartitionAIS, logPartitionExact, trainRBM,
} from '../../../lib/rbm/index.js';
import { transpose } from '../../../lib/linalg/index.js';
import { imageGrid } from '../../../lib/io/index.js';
import { Rng } from '../../../lib/random/index.js';
import { loadMnist, writePng } from '../../../lib/node.js';

export const chapter: TourChapter = {
  title: 'An RBM on MNIST: AIS test log-likelihood against exact',
  order: 11,
  run(outDir: string): TourRow[] {
    const train = loadMnist({ split: 'train', limit: 5000 }).images;
    const test = loadMnist({ split: 'test', limit: 1000 }).images;
    binarizeData(train, train, 'sample', new Rng(2008));
    binarizeData(test, test, 'sample', new Rng(2009));
    // the independent-pixel model: W = 0 (one hidden unit, unused), biases from the pixel means
    const pixels = initVisibleBiasFromData(BernoulliRBM.create(784, 1, { W: new Array(784).fill([0]), a: new Array(784).fill(0), b: [0] }), train);
    const baseLL = averageLogLikelihood(pixels, test, logPartitionExact(pixels));
    const rbm = BernoulliRBM.create(784, 12, 'hinton', new Rng(1));
    initVisibleBiasFromData(rbm, train);
    trainRBM(rbm, train, { method: 'pcd', k: 1, epochs: 3, batchSize: 100, learningRate: linearDecay(0.05, 0.01, 3), reconstructionError: false }, new Rng(3));
    const exact = logPartitionExact(rbm);
    const ais = logPartitionAIS(rbm, { runs: 100, betas: 1000, rng: new Rng(4), baseRate: train });
    const ll = averageLogLikelihood(rbm, test, ais.logZ), llExact = averageLogLikelihood(rbm, test, exact);
    writePng(join(outDir, 'rbm-mnist', 'tour-filters.png'), imageGrid(transpose(rbm.W), 28, 28, 6));
    return [
      compareRow('784x12 RBM, 3 PCD epochs: test log-likelihood, log Z by AIS', ll, llExact, 0.1, 'exact log Z (2^12 hidden states); tolerance 0.1 nats', 6),
      {
        what: 'test log-likelihood: RBM / the independent-pixel model it starts from',
        value: `${llExact.toFixed(2)} / ${baseLL.toFixed(2)}`,
        reference: 'RBM higher',
        source: 'both exact (logPartitionExact), 1000 test images',
        ok: llExact > baseLL,
      },
    ];
  },
};
