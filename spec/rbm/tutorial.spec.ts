/**
 * N-CDT-04 / N-CDT-06: the tutorial preset holds exactly the tutorial's numbers (notes 003:
 * M = 784, N = 256, η = 0.005, k = 10, batch 64, 100 epochs; 10 chains, 500 steps, noise 0.1).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tutorialPreset } from '../../lib/rbm/index.js';

test('N-CDT-04 the preset object holds exactly the tutorial hyperparameters, frozen', () => {
  assert.equal({ ...tutorialPreset }, {
    nVisible: 784, nHidden: 256, learningRate: 0.005, k: 10, batchSize: 64, epochs: 100, init: 'glorot-normal',
    binarize: 'none', visibleNoiseStd: 0.1, statistics: 'probabilities', generationChains: 10, generationSteps: 500,
  });
  assert.ok(Object.isFrozen(tutorialPreset));
});

test.run();
