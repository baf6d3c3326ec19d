/**
 * Tour chapter: feed-forward networks with manual back-propagation. The notes' perceptron and 2-2-1
 * numbers by hand; back-propagation against finite differences and against reverse-mode autodiff
 * (`Value`); the exercise fitted by a 2-16-1 network; a save/load round trip; the speed of the
 * 784-400-10 training step. Writes the 2-2-1 diagram and the exercise's loss curve into the chapter's folder.
 */
import { join } from 'node:path';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  Value, createGradient, createMLP, createWorkspace, gradcheck, gradientArrays, loadMLP, lossBackward, lossForward,
  mlpBackward, mlpForward, mlpParameters, mlpPredict, mseBackward, mseForward, net221Backward, net221Forward,
  perceptronBackward, perceptronForward, saveMLP, trainMLP, type Net221Params,
} from '../../../lib/nn/index.js';
import { Adam } from '../../../lib/optim/index.js';
import { Rng } from '../../../lib/random/index.js';
import { matrix, matrix64, zeros64 } from '../../../lib/linalg/index.js';
import { quadraticSurfaceDataset } from '../../../lib/data/index.js';
import { trainTestSplit } from '../../../lib/regression/index.js';
import { linePlot } from '../../../lib/io/index.js';
import { writeSvg } from '../../../lib/io-node.js';
import { MLP_BATCH, MLP_FLOPS, cases } from '../../../bench/cases/nn.js';

export const chapter: TourChapter = {
  title: 'Networks: back-propagation checked three ways, the exercise, save/load',
  order: 13,
  run(outDir: string): TourRow[] {
    const rows: TourRow[] = [];

    // 1. The notes' perceptron example (N-NN-03): at w = b = 0, x = 1, y = 2·1 + 1 = 3.
    const g = perceptronBackward(1, 3, perceptronForward(1, { w1: 0, b1: 0 }));
    rows.push(compareRow('perceptron y = 2x + 1: ∂C/∂w₁ at w = b = 0, x = 1', g.dw1, -3, 0, '(a₁ − y)·x = (0 − 3)·1', 6));

    // 2. The 2-2-1 net (N-NN-07): W^(1) = 0, w^(2) = (1, 1), x = (1, 2), y = 0 gives δ^(1) = ¼, ∂C/∂w^(1)_11 = ¼·2.
    const p: Net221Params = { w1: [[0, 0], [0, 0]], b1: [0, 0], w2: [1, 1], b2: 0 };
    const g221 = net221Backward(0, p, net221Forward([1, 2], p));
    rows.push(compareRow('2-2-1 net: ∂C/∂w⁽¹⁾₁₁ (x = (1, 2), y = 0)', g221.dw1[1][1], 0.5, 0, 'δ⁽¹⁾₁x₁ = w⁽²⁾₁σ\'(0)δ⁽²⁾·2 = ¼·2 by hand', 6));

    // 3. Back-propagation of a 3-layer float64 MLP against central differences and against Value.
    const rng = new Rng(5);
    const net = createMLP([4, 6, 5, 3], { hidden: 'tanh', output: 'identity', precision: 'float64' }, rng);
    const X = matrix64(8, 4), Y = matrix64(8, 3);
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
    for (let i = 0; i < Y.data.length; i++) Y.data[i] = rng.float();
    const ws = createWorkspace(net, 8), grad = createGradient(net), dOut = zeros64(8, 3);
    lossBackward('softmaxCrossEntropy', dOut, mlpForward(net, ws, X), Y);
    mlpBackward(net, ws, grad, dOut);
    const fd = gradcheck(() => lossForward('softmaxCrossEntropy', mlpForward(net, ws, X), Y), mlpParameters(net), gradientArrays(grad));
    rows.push(compareRow(`gradcheck, 4-6-5-3 MLP, ${fd.count} parameters: max rel. error`, fd.maxError, 0, 1e-6, 'central differences in float64 (h = 1e-6)', 3));
    const small = createMLP([2, 3, 1], { hidden: 'sigmoid', precision: 'float64' }, rng);
    const xs = [0.3, -1.2], ys = 0.7;
    const Wv = small.layers.map((l) => Array.from(l.W.data, (w) => new Value(w)));
    const bv = small.layers.map((l) => Array.from(l.b, (b) => new Value(b)));
    let a: Value[] = xs.map((x) => new Value(x));
    small.layers.forEach((l, li) => {
      const next: Value[] = [];
      for (let j = 0; j < l.W.cols; j++) {
        let z = bv[li][j];
        for (let k = 0; k < l.W.rows; k++) z = z.add(a[k].mul(Wv[li][k * l.W.cols + j]));
        next.push(l.activation === 'sigmoid' ? z.sigmoid() : z);
      }
      a = next;
    });
    a[0].sub(ys).pow(2).mul(0.5).backward();
    const ws2 = createWorkspace(small, 1), g2 = createGradient(small), d2 = zeros64(1, 1);
    mseBackward(d2, mlpForward(small, ws2, matrix64(1, 2, xs)), matrix64(1, 1, [ys]));
    mlpBackward(small, ws2, g2, d2);
    let worst = 0;
    small.layers.forEach((l, li) => {
      for (let q = 0; q < l.W.data.length; q++) worst = Math.max(worst, Math.abs(Wv[li][q].grad - g2.dW[li].data[q]));
      for (let j = 0; j < l.b.length; j++) worst = Math.max(worst, Math.abs(bv[li][j].grad - g2.db[li][j]));
    });
    rows.push(compareRow('2-3-1 MLP: max |mlpBackward − Value autodiff|', worst, 0, 1e-12, 'reverse-mode autodiff (lib/nn/value.ts)', 3));

    // 4. The exercise (N-NN-12): 2-16-1 sigmoid network, standardized targets, 80 training / 20 test points.
    const { X: raw, y } = quadraticSurfaceDataset(100, new Rng(12));
    const split = trainTestSplit(raw, y, 0.2, new Rng(3));
    let mean = 0, varY = 0;
    for (const v of y) mean += v / y.length;
    for (const v of y) varY += (v - mean) ** 2 / y.length;
    const sd = Math.sqrt(varY);
    const ex = createMLP([2, 16, 1], { hidden: 'sigmoid' }, new Rng(1));
    const reports = trainMLP(ex, matrix(80, 2, Float32Array.from(split.Xtrain.data)), matrix(80, 1, Float32Array.from(split.ytrain, (v) => (v - mean) / sd)),
      { loss: 'mse', optimizer: new Adam({ lr: 0.02 }), epochs: 3000, batchSize: 80 }, new Rng(2));
    const testMse = 2 * mseForward(mlpPredict(ex, matrix(20, 2, Float32Array.from(split.Xtest.data))), matrix(20, 1, Float32Array.from(split.ytest, (v) => (v - mean) / sd))) * varY;
    rows.push({
      what: 'exercise y = x₀² + 3x₀x₁ + x₁² + 5, 2-16-1 net: test MSE / var(y)',
      value: `${(100 * testMse / varY).toFixed(3)} %`, reference: '< 1 %', source: 'the goal set for the exercise', ok: testMse < 0.01 * varY,
    });
    writeSvg(join(outDir, 'nn', 'tour-exercise-loss.svg'), linePlot({
      series: [{ y: reports.map((r) => r.loss), label: 'training cost (standardized, ½·MSE)' }], logY: true,
      title: 'The exercise: 2-16-1 sigmoid network, Adam 0.02, full batch', xLabel: 'epoch', yLabel: 'cost',
    }));

    // 5. Save and load: bit-identical parameters, identical predictions.
    const back = loadMLP(saveMLP(ex));
    let same = true;
    mlpParameters(ex).forEach((v, i) => { const w = mlpParameters(back)[i]; for (let k = 0; k < v.length; k++) same &&= Object.is(v[k], w[k]); });
    rows.push({ what: 'saveMLP → loadMLP: parameters bit-identical', value: String(same), reference: 'true', source: 'BZNN v1 with CRC-32', ok: same });

    // 6. Speed of the 784-400-10 training step (forward + backward, batch 128).
    const step = cases.find((c) => c.name === 'nn/MLP 784-400-10 fwd+bwd, batch 128')!;
    step.setup!();
    for (let i = 0; i < 5; i++) step.run();
    const reps = 20, t0 = performance.now();
    for (let i = 0; i < reps; i++) step.run();
    const sec = (performance.now() - t0) / 1000 / reps;
    rows.push({
      what: 'MLP 784-400-10 forward + backward, batch 128', value: `${(MLP_BATCH / sec).toFixed(0)} samples/s, ${(MLP_FLOPS / sec / 1e9).toFixed(2)} GFLOP/s`,
      reference: '', source: 'measured (torch beside it: npm run bench:peers -- mlp)', ok: Number.isFinite(sec),
    });
    return rows;
  },
};
