/**
 * MNIST digit classification with a 784-128-10 network (the goal: test accuracy ≥ 97 % in a few
 * epochs): ReLU hidden layer (He initialization), identity output with softmax cross-entropy from
 * the logits, Adam (lr 1e-3), minibatches of 128 drawn by a seeded shuffle, float32 on the active
 * gemm backend. Pixels are scaled to [0, 1] by loadMnist. Progress per epoch goes to stderr; the
 * final line to stdout.
 *
 *   npx tsx docs/examples/mnist-mlp.ts [--epochs N] [--quick] [--help]
 *   (--quick: 6000 training / 1000 test images, 1 epoch; the trained model is written to
 *   tour-output/examples/mnist-mlp/mnist-mlp.bznn)
 */
import {
  Adam, Rng, accuracy, createMLP, getBackend, matrix, mlpPredict, oneHot, saveMLP, softmaxCrossEntropyForward, sparseGemm, trainMLP,
} from '../../lib/index.js';
import { loadMnist } from '../../lib/node.js';
import { writeFileSync } from 'node:fs';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('mnist-mlp', `
MNIST with a 784-128-10 network (ReLU, softmax cross-entropy from the logits, Adam 1e-3, batch
128): test accuracy per epoch on stderr, the final accuracy on stdout, the trained model saved as
mnist-mlp.bznn. --quick: 6000 training and 1000 test images.`, {
  epochs: { help: 'passes over the training images', default: 5, quick: 1, min: 1 },
  sparse: { help: '1: products with the pixels go through sparseGemm (skips zero pixels, same bits); 0: gemm', default: 1, min: 0 },
});
const quick = cli.quick;
const epochs = cli.values.epochs;
const train = loadMnist({ split: 'train', ...(quick ? { limit: 6000 } : {}) });
const test = loadMnist({ split: 'test', ...(quick ? { limit: 1000 } : {}) });
const Ytrain = oneHot(matrix(train.labels.length, 10), train.labels);
const Ytest = oneHot(matrix(test.labels.length, 10), test.labels);

const net = createMLP([784, 128, 10], { hidden: 'relu', output: 'identity' }, new Rng(1));
console.error(`MNIST: ${train.images.rows} training / ${test.images.rows} test images; 784-128-10 (ReLU, softmax cross-entropy), Adam 1e-3, batch 128, backend '${getBackend()}'${cli.values.sparse === 1 ? ', sparseGemm' : ''}`);
let trainSeconds = 0;
trainMLP(net, train.images, Ytrain, {
  loss: 'softmaxCrossEntropy', optimizer: new Adam({ lr: 1e-3 }), epochs, batchSize: 128,
  ...(cli.values.sparse === 1 ? { gemm32: sparseGemm } : {}),
  onEpoch: (r) => {
    trainSeconds += r.seconds;
    const logits = mlpPredict(net, test.images);
    console.error(`epoch ${r.epoch}: training loss ${r.loss.toFixed(4)}, test loss ${softmaxCrossEntropyForward(logits, Ytest).toFixed(4)}, test accuracy ${(100 * accuracy(logits, Ytest)).toFixed(2)} %  (${r.seconds.toFixed(1)} s, ${(train.images.rows / r.seconds).toFixed(0)} samples/s)`);
  },
}, new Rng(2));
const acc = accuracy(mlpPredict(net, test.images), Ytest);
const file = cli.file('mnist-mlp.bznn');
writeFileSync(file, saveMLP(net));
console.log(`test accuracy ${(100 * acc).toFixed(2)} % after ${epochs} epoch${epochs === 1 ? '' : 's'} (${trainSeconds.toFixed(1)} s of training); model written to ${file}`);
