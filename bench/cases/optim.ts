/**
 * Optimizer steps over 1e6 float32 parameters (M numbers/s = parameters updated per second),
 * beside a bare inline SGD loop without argument checks (the baseline: the checks and the
 * function call should cost nothing measurable), and the PNG encoder on a 512x512 grey image.
 */
import type { BenchCase } from '../harness.js';
import { Adam, adamStep, createAdamState, momentumStep, rmspropStep, sgdStep } from '../../lib/optim/index.js';
import { encodePng } from '../../lib/io/index.js';

const N = 1_000_000;
const params = new Float32Array(N);
const grads = new Float32Array(N);
for (let i = 0; i < N; i++) grads[i] = Math.sin(i) * 1e-3;
const velocity = new Float32Array(N);
const meanSquare = new Float32Array(N);
const adamState = createAdamState(N);

// RBM-shaped parameters for the optimizer object: W (784x500), a (784), b (500).
const W = new Float32Array(784 * 500), gW = new Float32Array(784 * 500).fill(1e-3);
const a = new Float32Array(784), ga = new Float32Array(784).fill(1e-3);
const b = new Float32Array(500), gb = new Float32Array(500).fill(1e-3);
const adam = new Adam({ lr: 1e-4 });

function naiveSgd(p: Float32Array, g: Float32Array, lr: number): void {
  for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
}

const side = 512;
const picture = new Uint8Array(side * side);
for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) picture[y * side + x] = Math.round(127.5 + 127.5 * Math.sin(x / 17) * Math.cos(y / 23));
const image = { width: side, height: side, channels: 1 as const, data: picture };

export const cases: BenchCase[] = [
  { name: 'optim naive sgd loop 1e6', group: 'optim', work: N, unit: 'numbers', run: () => naiveSgd(params, grads, 1e-6) },
  { name: 'optim sgdStep 1e6', group: 'optim', work: N, unit: 'numbers', run: () => { sgdStep(params, grads, 1e-6); }, baseline: 'optim naive sgd loop 1e6' },
  { name: 'optim momentumStep 1e6', group: 'optim', work: N, unit: 'numbers', run: () => { momentumStep(params, grads, velocity, 1e-6, 0.9); }, baseline: 'optim naive sgd loop 1e6' },
  { name: 'optim rmspropStep 1e6', group: 'optim', work: N, unit: 'numbers', run: () => { rmspropStep(params, grads, meanSquare, 1e-6, 0.9); }, baseline: 'optim naive sgd loop 1e6' },
  { name: 'optim adamStep 1e6', group: 'optim', work: N, unit: 'numbers', run: () => { adamStep(params, grads, adamState, 1e-6); }, baseline: 'optim naive sgd loop 1e6' },
  {
    name: 'optim Adam.step W,a,b (784x500 RBM)',
    group: 'optim',
    work: W.length + a.length + b.length,
    unit: 'numbers',
    run: () => { adam.step(W, gW); adam.step(a, ga); adam.step(b, gb); },
  },
  { name: 'png encodePng 512x512 fixed', group: 'png', work: side * side, unit: 'numbers', run: () => { encodePng(image); } },
  { name: 'png encodePng 512x512 stored', group: 'png', work: side * side, unit: 'numbers', run: () => { encodePng(image, { deflate: 'stored' }); } },
];
