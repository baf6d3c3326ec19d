/**
 * Random-number benchmarks: the float32 fills with speed targets (uniform and normal
 * fills of 1e7 >= numpy's rate on the same machine: see bench/peers), the Bernoulli fill used by
 * Gibbs sampling, and the scalar calls for reference.
 */
import type { BenchCase } from '../harness.js';
import { Rng } from '../../lib/random/index.js';

const N = 10_000_000;
const SCALAR = 1_000_000;
const rng = new Rng(20240501);
let out = new Float32Array(0);
let probs = new Float32Array(0);
let sink = 0; // keeps scalar loops from being optimized away

function allocate(): void {
  if (out.length !== N) out = new Float32Array(N);
}

export const cases: BenchCase[] = [
  {
    name: 'random/fillUniform 1e7',
    group: 'random',
    work: N,
    unit: 'numbers',
    setup: allocate,
    run: () => { rng.fillUniform(out); },
  },
  {
    name: 'random/fillNormal 1e7',
    group: 'random',
    work: N,
    unit: 'numbers',
    setup: allocate,
    run: () => { rng.fillNormal(out); },
  },
  {
    name: 'random/fillBernoulli 1e7',
    group: 'random',
    work: N,
    unit: 'numbers',
    setup: () => {
      allocate();
      // Probabilities spread over [0, 1) (as hidden-unit probabilities are), so the 0/1 outcome
      // is unpredictable and the timing is not flattered by branch prediction.
      if (probs.length !== N) probs = new Rng(7).fillUniform(new Float32Array(N));
    },
    run: () => { rng.fillBernoulli(out, probs); },
  },
  {
    name: 'random/nextUint32 1e6',
    group: 'random',
    work: SCALAR,
    unit: 'numbers',
    run: () => {
      let acc = 0;
      for (let i = 0; i < SCALAR; i++) acc ^= rng.nextUint32();
      sink ^= acc;
    },
  },
  {
    name: 'random/normal() scalar 1e6',
    group: 'random',
    work: SCALAR,
    unit: 'numbers',
    run: () => {
      let acc = 0;
      for (let i = 0; i < SCALAR; i++) acc += rng.normal();
      sink += acc;
    },
  },
  {
    name: 'random/float() scalar 1e6',
    group: 'random',
    work: SCALAR,
    unit: 'numbers',
    run: () => {
      let acc = 0;
      for (let i = 0; i < SCALAR; i++) acc += rng.float();
      sink += acc;
    },
  },
];

/** Read by nobody; exported so the scalar loops' results stay observable. */
export function benchSink(): number {
  return sink;
}
