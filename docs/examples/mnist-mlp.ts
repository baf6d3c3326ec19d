/**
 * MNIST digit classification with a 784-128-10 network (issue goal: test accuracy ≥ 97 % in a few
 * epochs): ReLU hidden layer (He initialization), identity output with softmax cross-entropy from
 * the logits, Adam (lr 1e-3), minibatches of 128 drawn by a seeded shuffle, float32 on the active
 * gemm backend. Pixels are scaled to [0, 1] by loadMnist. Progress per epoch goes to stderr; the
 * final line to stdout.
 *
 *   npx tsx docs/examples/mnist-mlp.ts [epochs]        (default 5)
 *   npx tsx docs/examples/mnist-mlp.ts --quick          (6000 training / 1000 test images, 1 epoch)
 */
import {
  Adam, Rng, accuracy, createMLP, getBackend, matrix, mlpPredict, oneHot, saveMLP, softmaxCrossEntropyForward, trainMLP,
} from '../../lib/index.js';
import { loadMnist } from '../../lib/node.js';

const quick = process.argv.includes('--quick');
const arg = process.argv.slice(2).find((a) => a !== '--quick');
const epochs = quick ? 1 : arg === undefined ? 5 : Number(arg);
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`mnist-mlp: the argument must be a positive number of epochs or --quick, got '${arg}'`);
  process.exit(2);
}
const train = loadMnist({ split: 'train', ...(quick ? { limit: 6000 } : {}) });
const test = loadMnist({ split: 'test', ...(quick ? { limit: 1000 } : {}) });
const Ytrain = oneHot(matrix(train.labels.length, 10), train.labels);
const Ytest = oneHot(matrix(test.labels.length, 10), test.labels);

const net = createMLP([784, 128, 10], { hidden: 'relu', output: 'identity' }, new Rng(1));
console.error(`MNIST: ${train.images.rows} training / ${test.images.rows} test images; 784-128-10 (ReLU, softmax cross-entropy), Adam 1e-3, batch 128, backend '${getBackend()}'`);
let trainSeconds = 0;
trainMLP(net, train.images, Ytrain, {
  loss: 'softmaxCrossEntropy', optimizer: new Adam({ lr: 1e-3 }), epochs, batchSize: 128,
  onEpoch: (r) => {
    trainSeconds += r.seconds;
    const logits = mlpPredict(net, test.images);
    console.error(`epoch ${r.epoch}: training loss ${r.loss.toFixed(4)}, test loss ${softmaxCrossEntropyForward(logits, Ytest).toFixed(4)}, test accuracy ${(100 * accuracy(logits, Ytest)).toFixed(2)} %  (${r.seconds.toFixed(1)} s, ${(train.images.rows / r.seconds).toFixed(0)} samples/s)`);
  },
}, new Rng(2));
const acc = accuracy(mlpPredict(net, test.images), Ytest);
console.log(`test accuracy ${(100 * acc).toFixed(2)} % after ${epochs} epoch${epochs === 1 ? '' : 's'} (${trainSeconds.toFixed(1)} s of training); model file ${saveMLP(net).length} bytes`);
