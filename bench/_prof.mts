import { BernoulliRBM, Rng, binarizeData, initVisibleBiasFromData, trainRBM } from '../lib/index.js';
import { loadMnist } from '../lib/node.js';
const data = loadMnist({ split: 'train', limit: 20000 }).images;
binarizeData(data, data, 'threshold');
const rbm = initVisibleBiasFromData(BernoulliRBM.create(784, 500, 'hinton', new Rng(1)), data);
const t = performance.now();
trainRBM(rbm, data, { method: 'cd', k: 1, epochs: 1, batchSize: 100, learningRate: 0.05, reconstructionError: false }, new Rng(2));
console.log((performance.now() - t) / 1000);
