/**
 * Variational Monte Carlo for the transverse-field Ising chain with an RBM amplitude: Markov
 * chains of single spin flips sample |ψ(s)|², the energy is ⟨E_L⟩ with a blocking error, and the
 * parameters move either along the plain energy gradient or by stochastic reconfiguration.
 *
 * With O_k = ∂ln ψ/∂θ_k, the forces F_k = ⟨E_L O_k⟩ − ⟨E_L⟩⟨O_k⟩ give the gradient ∂E/∂θ_k = 2F_k
 * (N-VMC-08 for a real amplitude). Stochastic reconfiguration (Sorella; Carleo & Troyer 2017)
 * instead solves (S + ε I) δ = F with the covariance S_kl = ⟨O_k O_l⟩ − ⟨O_k⟩⟨O_l⟩ and steps
 * θ ← θ − η δ: imaginary-time evolution projected onto the variational manifold. The diagonal
 * shift ε > 0 regularises S (it is singular whenever two O_k are linearly dependent over the
 * samples). S is formed from the centred O of every sample and factored by Cholesky.
 *
 * As for the quantum dot, batches of chains are plain data in and out ({@link runSpinBatch}),
 * so `boltzmann/node` can run them in worker threads with the same bits.
 */
import { Rng } from '../../random/index.js';
import { blockingError } from '../../mcmc/index.js';
import { cholesky, choleskySolve, matrix64 } from '../../linalg/index.js';
import type { Optimizer } from '../../optim/index.js';
import { progressReporter, type ProgressOptions } from '../../progress/index.js';
import { checkOptionKeys, checkRng, describe } from '../../checks/index.js';
import { checkTfimChain } from './tfim.js';
import { SpinRbmState } from './rbm-state.js';
import { flipTables, localEnergyAt, logDerivativesAt, metropolisSweep, walkerAt } from './kernels.js';
import type { TfimChain } from './tfim.js';

/** A spin chain's Markov state as plain data. */
export interface SpinChainData {
  s: Int8Array;
  rngState: number[];
}

/** Input of {@link runSpinBatch}. */
export interface SpinBatchInput {
  state: { n: number; m: number; params: Float64Array };
  chain: TfimChain;
  chains: SpinChainData[];
  /** Sweeps discarded first. */
  equilibration: number;
  /** Measured sweeps per chain (one sample after each sweep of N flip proposals). */
  sweeps: number;
}

/** Output of {@link runSpinBatch}. */
export interface SpinBatchOutput {
  chains: SpinChainData[];
  /** E_L per sample, one array per chain. */
  energies: Float64Array[];
  /** O_k of every sample, row-major (sample-major, chains in order), P = params.length columns. */
  O: Float64Array;
  accepted: number;
  proposed: number;
}

/**
 * Throws a TypeError or RangeError naming `fn` and `what` unless `input` is a spin-chain batch
 * { state, chain, chains, equilibration, sweeps } as {@link runSpinBatch} takes it; returns its
 * state (built from the plain data once).
 *
 * @example
 * const psi = SpinRbmState.create(4, 1, new Rng(1)), chain = tfimChain({ n: 4, J: 1, h: 1 });
 * checkSpinBatchInput('myRun', { state: psi, chain, chains: createSpinChains(4, 2, new Rng(2)), equilibration: 5, sweeps: 10 }, 'input').n; // 4
 */
export function checkSpinBatchInput(fn: string, input: unknown, what: string): SpinRbmState {
  const o = input as SpinBatchInput;
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: ${what} must be a spin batch { state, chain, chains, equilibration, sweeps }, got ${describe(input)}`);
  const st = o.state;
  if (st === null || typeof st !== 'object' || !Number.isInteger(st.n) || st.n < 2 || !Number.isInteger(st.m) || st.m < 1 || !(st.params instanceof Float64Array) || st.params.length !== st.n + st.m + st.n * st.m) {
    throw new TypeError(`${fn}: ${what}.state must be a SpinRbmState or its data { n >= 2, m >= 1, params: Float64Array(n + m + n·m) }, got ${describe(st)}`);
  }
  const chain = o.chain;
  if (chain === null || typeof chain !== 'object' || chain.n !== st.n || typeof chain.J !== 'number' || !Number.isFinite(chain.J) || typeof chain.h !== 'number' || !Number.isFinite(chain.h)) {
    throw new TypeError(`${fn}: ${what}.chain must be a TfimChain { n: ${st.n}, J, h } (tfimChain) with finite J and h, got ${describe(chain)}`);
  }
  if (!Array.isArray(o.chains)) throw new TypeError(`${fn}: ${what}.chains must be an array of chains { s, rngState } (createSpinChains), got ${describe(o.chains)}`);
  o.chains.forEach((c, k) => {
    if (c === null || typeof c !== 'object' || !(c.s instanceof Int8Array) || c.s.length !== st.n || !Array.isArray(c.rngState)) {
      throw new TypeError(`${fn}: ${what}.chains[${k}] must be { s: Int8Array(${st.n}), rngState } (createSpinChains), got ${describe(c)}`);
    }
    for (let i = 0; i < st.n; i++) if (c.s[i] !== 1 && c.s[i] !== -1) throw new RangeError(`${fn}: ${what}.chains[${k}].s[${i}] must be +1 or -1, got ${c.s[i]}`);
  });
  for (const [key, v, lo] of [['equilibration', o.equilibration, 0], ['sweeps', o.sweeps, 1]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo) throw new RangeError(`${fn}: ${what}.${key} must be an integer >= ${lo}, got ${describe(v)}`);
  }
  return SpinRbmState.fromData(st);
}

/**
 * Runs a batch of Markov chains on |ψ(s)|² and records E_L(s) and O(s) after every sweep.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const out = runSpinBatch({ state: psi, chain, chains: [{ s: new Int8Array(10).fill(1), rngState: new Rng(1).state() }], equilibration: 50, sweeps: 200 });
 */
export function runSpinBatch(input: SpinBatchInput): SpinBatchOutput {
  const psi = checkSpinBatchInput('runSpinBatch', input, 'input');
  const P = psi.params.length;
  const tables = flipTables(psi);
  const O = new Float64Array(input.chains.length * input.sweeps * P);
  const chainsOut: SpinChainData[] = [];
  const energies: Float64Array[] = [];
  let accepted = 0, row = 0;
  for (const cd of input.chains) {
    const w = walkerAt(psi, cd.s);
    const rng = Rng.fromState(cd.rngState);
    for (let t = 0; t < input.equilibration; t++) metropolisSweep(psi, tables, w, rng);
    const e = new Float64Array(input.sweeps);
    for (let t = 0; t < input.sweeps; t++) {
      accepted += metropolisSweep(psi, tables, w, rng);
      e[t] = localEnergyAt(psi, tables, input.chain, w);
      logDerivativesAt(O.subarray(row * P, (row + 1) * P), psi, w);
      row++;
    }
    chainsOut.push({ s: w.s, rngState: rng.state() });
    energies.push(e);
  }
  return { chains: chainsOut, energies, O, accepted, proposed: input.chains.length * (input.sweeps) * psi.n };
}

/** How the parameters move each iteration. */
export type SpinUpdate =
  | { kind: 'gradient'; optimizer: Optimizer }
  | { kind: 'sr'; learningRate: number; diagonalShift: number };

/** Options of {@link optimizeSpinState} (`progress: true`: the shared throttled line on stderr). */
export interface SpinOptimizeOptions extends ProgressOptions {
  update: SpinUpdate;
  iterations: number;
  /** Independent Markov chains (default 4), each with its own `rng.split()` stream. */
  chains?: number;
  /** Measured sweeps per chain per iteration (default 250). */
  sweeps?: number;
  /** Sweeps discarded at the start (default 100) and after each update (default 5). */
  equilibration?: number;
  reequilibration?: number;
  onIteration?: (it: SpinIteration) => void;
}

/** One iteration as reported to `onIteration`. */
export interface SpinIteration {
  iteration: number;
  iterations: number;
  energy: number;
  error: number;
  variance: number;
  acceptance: number;
  seconds: number;
}

/** Result of {@link optimizeSpinState}. */
export interface SpinOptimizeResult {
  history: SpinIteration[];
  seconds: number;
  /** Total measured sweeps (all chains, all iterations). */
  sweeps: number;
}

/**
 * Energy statistics of one iteration: mean, blocking error (chains combined as independent
 * means), variance, and the forces F_k = ⟨E_L O_k⟩ − ⟨E_L⟩⟨O_k⟩ (written into `forces`).
 * Returns also the centred O (in place of `O`) for the SR solve.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const outputs = [runSpinBatch({ state: psi, chain, chains: [{ s, rngState: new Rng(2).state() }], equilibration: 50, sweeps: 200 })];
 * const st = spinStatistics(outputs, new Float64Array(psi.params.length));
 */
export function spinStatistics(outputs: SpinBatchOutput[], forces: Float64Array): { energy: number; error: number; variance: number; acceptance: number; samples: number; Ocentred: Float64Array[] } {
  const fn = 'spinStatistics';
  if (!(forces instanceof Float64Array) || forces.length < 1) throw new TypeError(`${fn}: forces must be a non-empty Float64Array (one per parameter), got ${describe(forces)}`);
  if (!Array.isArray(outputs) || outputs.length === 0) throw new RangeError(`${fn}: outputs must be a non-empty array of runSpinBatch results, got ${describe(outputs)}`);
  outputs.forEach((o, k) => {
    if (o === null || typeof o !== 'object' || !Array.isArray(o.energies) || !(o.O instanceof Float64Array)) {
      throw new TypeError(`${fn}: outputs[${k}] must be a runSpinBatch result { energies, O, accepted, proposed, ... }, got ${describe(o)}`);
    }
    let rows = 0;
    for (const e of o.energies) {
      if (!(e instanceof Float64Array) || e.length < 1) throw new TypeError(`${fn}: outputs[${k}].energies must hold non-empty Float64Arrays, got ${describe(e)}`);
      rows += e.length;
    }
    if (rows === 0 || o.O.length !== rows * forces.length) {
      throw new RangeError(`${fn}: outputs[${k}].O has length ${o.O.length} but ${rows} samples of ${forces.length} parameters need ${rows * forces.length}`);
    }
    if (!Number.isInteger(o.accepted) || !Number.isInteger(o.proposed) || o.accepted < 0 || o.proposed < o.accepted) {
      throw new RangeError(`${fn}: outputs[${k}] must have integers 0 <= accepted <= proposed, got ${describe(o.accepted)} and ${describe(o.proposed)}`);
    }
  });
  const P = forces.length;
  let n = 0, sumE = 0, sumE2 = 0, acc = 0, prop = 0, var2 = 0, nChains = 0;
  for (const o of outputs) {
    for (const e of o.energies) {
      let s = 0;
      for (let t = 0; t < e.length; t++) { s += e[t]; sumE2 += e[t] * e[t]; }
      sumE += s;
      n += e.length;
      nChains++;
      const mean = s / e.length;
      let dev = 0;
      for (let t = 0; t < e.length; t++) dev += (e[t] - mean) ** 2;
      var2 += dev > 1e-24 * e.length * Math.max(1, mean * mean) ? blockingError(e).varianceOfMean : 0;
    }
    acc += o.accepted;
    prop += o.proposed;
  }
  const energy = sumE / n;
  const meanO = new Float64Array(P);
  for (const o of outputs) for (let r = 0; r < o.O.length / P; r++) for (let k = 0; k < P; k++) meanO[k] += o.O[r * P + k];
  for (let k = 0; k < P; k++) meanO[k] /= n;
  forces.fill(0);
  for (const o of outputs) {
    let r = 0;
    for (const e of o.energies) {
      for (let t = 0; t < e.length; t++, r++) {
        const de = e[t] - energy;
        const row = r * P;
        for (let k = 0; k < P; k++) {
          o.O[row + k] -= meanO[k]; // centre in place: Ō = O − ⟨O⟩
          forces[k] += de * o.O[row + k];
        }
      }
    }
  }
  for (let k = 0; k < P; k++) forces[k] /= n; // F_k = ⟨(E − ⟨E⟩)(O_k − ⟨O_k⟩)⟩
  return { energy, error: Math.sqrt(var2) / nChains, variance: Math.max(0, sumE2 / n - energy * energy), acceptance: prop > 0 ? acc / prop : 1, samples: n, Ocentred: outputs.map((o) => o.O) };
}

/**
 * Solves (S + ε I) δ = F for the SR step: forms S_kl = (1/n) Σ_s Ō_sk Ō_sl from the centred
 * log-derivatives (rows of P values in the arrays `Ocentred`, n rows in all), adds the diagonal
 * shift ε, and solves with the Cholesky factorisation of lib/linalg (S + εI is symmetric positive
 * definite for ε > 0). Cost n·P²/2 to form S plus P³/3 to factor it. S is formed from the
 * transposed samples (one contiguous column of n values per parameter), as dot products of
 * columns four at a time: on P = 860, n = 1000 that measured 1.8–2.9× faster than adding the n
 * outer products row by row (which streams all of S through memory once per sample), with the
 * same sums in the same order.
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const outputs = [runSpinBatch({ state: psi, chain, chains: [{ s, rngState: new Rng(2).state() }], equilibration: 50, sweeps: 200 })];
 * const forces = new Float64Array(psi.params.length), delta = new Float64Array(psi.params.length);
 * const st = spinStatistics(outputs, forces);
 * srSolve(delta, st.Ocentred, st.samples, forces, 1e-3); // S δ = f
 */
export function srSolve(out: Float64Array, Ocentred: Float64Array[], samples: number, forces: Float64Array, shift: number): Float64Array {
  const fn = 'srSolve';
  if (!(forces instanceof Float64Array) || forces.length < 1) throw new TypeError(`${fn}: forces must be a non-empty Float64Array (one force per parameter), got ${describe(forces)}`);
  if (!(out instanceof Float64Array) || out.length !== forces.length) throw new RangeError(`${fn}: out must be a Float64Array of length ${forces.length} (one per parameter), got ${describe(out)}`);
  if (!Array.isArray(Ocentred)) throw new TypeError(`${fn}: Ocentred must be an array of Float64Arrays of rows of ${forces.length} values, got ${describe(Ocentred)}`);
  Ocentred.forEach((O, k) => {
    if (!(O instanceof Float64Array) || O.length % forces.length !== 0) {
      throw new RangeError(`${fn}: Ocentred[${k}] must be a Float64Array of rows of ${forces.length} values, got ${describe(O)}`);
    }
  });
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`${fn}: samples must be a positive integer, got ${describe(samples)}`);
  if (typeof shift !== 'number' || !(shift > 0) || !Number.isFinite(shift)) throw new RangeError(`${fn}: shift (the diagonal shift) must be a finite number > 0, got ${describe(shift)}`);
  const P = forces.length, n = samples;
  // T[k·n + r] = Ō_rk: column k of the sample matrix, contiguous
  const T = new Float64Array(P * n);
  let r0 = 0;
  for (const O of Ocentred) {
    const rows = O.length / P;
    if (r0 + rows > n) throw new RangeError(`srSolve: the sample arrays hold more than samples = ${n} rows of ${P} values`);
    for (let r = 0; r < rows; r++) for (let k = 0; k < P; k++) T[k * n + r0 + r] = O[r * P + k];
    r0 += rows;
  }
  if (r0 !== n) throw new RangeError(`srSolve: the sample arrays hold ${r0} rows of ${P} values, but samples = ${n}`);
  const S = new Float64Array(P * P);
  for (let k = 0; k < P; k++) {
    const ck = k * n;
    let l = k;
    for (; l + 3 < P; l += 4) {
      const c0 = l * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < n; r++) {
        const a = T[ck + r];
        s0 += a * T[c0 + r]; s1 += a * T[c1 + r]; s2 += a * T[c2 + r]; s3 += a * T[c3 + r];
      }
      S[k * P + l] = s0; S[k * P + l + 1] = s1; S[k * P + l + 2] = s2; S[k * P + l + 3] = s3;
    }
    for (; l < P; l++) {
      const c = l * n;
      let sum = 0;
      for (let r = 0; r < n; r++) sum += T[ck + r] * T[c + r];
      S[k * P + l] = sum;
    }
  }
  for (let k = 0; k < P; k++) {
    S[k * P + k] = S[k * P + k] / n + shift;
    for (let l = k + 1; l < P; l++) { S[k * P + l] /= n; S[l * P + k] = S[k * P + l]; }
  }
  out.set(choleskySolve(cholesky(matrix64(P, P, S)), forces));
  return out;
}

/**
 * Starting chains: spins drawn uniformly from each chain's own `rng.split()` stream.
 *
 * @example
 * const chains = createSpinChains(10, 4, new Rng(1)); // 4 chains of 10 random spins
 */
export function createSpinChains(n: number, count: number, rng: Rng): SpinChainData[] {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`createSpinChains: n must be an integer >= 2 (the number of spins), got ${describe(n)}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`createSpinChains: count must be an integer >= 1, got ${describe(count)}`);
  checkRng('createSpinChains', rng);
  const out: SpinChainData[] = [];
  for (let c = 0; c < count; c++) {
    const r = rng.split();
    const s = new Int8Array(n);
    for (let i = 0; i < n; i++) s[i] = r.float() < 0.5 ? 1 : -1;
    out.push({ s, rngState: r.state() });
  }
  return out;
}

/**
 * The optimisation loop shared by {@link optimizeSpinState} and its pooled version in
 * `boltzmann/node`: `run` executes the batches (returning a Promise makes the loop async).
 *
 * @example
 * const psi = SpinRbmState.create(10, 2, new Rng(1)), chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const s = new Int8Array(10).fill(1);
 * const options: SpinOptimizeOptions = { update: { kind: 'sr', learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 3, sweeps: 50 };
 * const rng = new Rng(2);
 * spinOptimizeLoop('mine', psi, chain, options, rng, 1, (inputs) => inputs.map(runSpinBatch));
 */
export function spinOptimizeLoop<R>(fn: string, psi: SpinRbmState, chain: TfimChain, options: SpinOptimizeOptions, rng: Rng, parts: number, run: (inputs: SpinBatchInput[]) => R): R extends Promise<unknown> ? Promise<SpinOptimizeResult> : SpinOptimizeResult {
  if (!(psi instanceof SpinRbmState)) throw new TypeError(`${fn}: psi must be a SpinRbmState (SpinRbmState.create), got ${describe(psi)}`);
  checkTfimChain(fn, chain);
  if (options === null || options === undefined) throw new TypeError(`${fn}: options { update, iterations, … } are required`);
  checkOptionKeys(fn, options, ['update', 'iterations', 'chains', 'sweeps', 'equilibration', 'reequilibration', 'onIteration', 'progress', 'onProgress']);
  checkRng(fn, rng);
  if (chain.n !== psi.n) throw new RangeError(`${fn}: the chain has ${chain.n} spins but the state ${psi.n}`);
  const nChains = options.chains ?? 4, sweeps = options.sweeps ?? 250, eq0 = options.equilibration ?? 100, eq = options.reequilibration ?? 5;
  for (const [k, v, lo] of [['chains', nChains, 1], ['sweeps', sweeps, 4], ['equilibration', eq0, 0], ['reequilibration', eq, 0], ['iterations', options.iterations, 1]] as const) {
    if (!Number.isInteger(v) || v < lo) throw new RangeError(`${fn}: ${k} must be an integer >= ${lo}, got ${v}`);
  }
  const u = options.update;
  if (!u || (u.kind !== 'gradient' && u.kind !== 'sr')) throw new TypeError(`${fn}: update must be { kind: 'gradient', optimizer } or { kind: 'sr', learningRate, diagonalShift }, got ${describe(u)}`);
  if (u.kind === 'gradient' && (u.optimizer === null || typeof u.optimizer !== 'object' || typeof u.optimizer.step !== 'function')) {
    throw new TypeError(`${fn}: update.optimizer must be a lib/optim optimizer (SGD, Adam, ...), got ${describe(u.optimizer)}`);
  }
  if (u.kind === 'sr' && (!(u.learningRate > 0) || !(u.diagonalShift > 0))) throw new RangeError(`${fn}: SR needs learningRate > 0 and diagonalShift > 0, got ${u.learningRate}, ${u.diagonalShift}`);
  let chains = createSpinChains(psi.n, nChains, rng);
  const P = psi.params.length;
  const forces = new Float64Array(P), step = new Float64Array(P);
  const history: SpinIteration[] = [];
  const t0 = performance.now();
  let iteration = 0;
  const progress = progressReporter(fn, options.iterations, options, 'iterations');
  const inputs = (): SpinBatchInput[] => {
    const out: SpinBatchInput[] = [];
    const k = Math.min(parts, chains.length);
    for (let t = 0; t < k; t++) {
      const lo = Math.floor((chains.length * t) / k), hi = Math.floor((chains.length * (t + 1)) / k);
      out.push({ state: { n: psi.n, m: psi.m, params: psi.params }, chain, chains: chains.slice(lo, hi), equilibration: iteration === 0 ? eq0 : eq, sweeps });
    }
    return out;
  };
  const absorb = (outs: SpinBatchOutput[]): void => {
    chains = outs.flatMap((o) => o.chains);
    const st = spinStatistics(outs, forces);
    if (!Number.isFinite(st.energy)) throw new RangeError(`${fn}: iteration ${iteration}: the energy is ${st.energy}`);
    const it: SpinIteration = { iteration, iterations: options.iterations, energy: st.energy, error: st.error, variance: st.variance, acceptance: st.acceptance, seconds: (performance.now() - t0) / 1000 };
    history.push(it);
    options.onIteration?.(it);
    progress?.update(iteration + 1, `E ${it.energy.toFixed(5)} ± ${it.error.toFixed(5)}  var ${it.variance.toExponential(2)}  acc ${it.acceptance.toFixed(3)}`);
    if (iteration < options.iterations - 1) {
      if (u.kind === 'gradient') {
        for (let k = 0; k < P; k++) step[k] = 2 * forces[k]; // ∂E/∂θ_k = 2 F_k
        u.optimizer.step(psi.params, step);
      } else {
        srSolve(step, st.Ocentred, st.samples, forces, u.diagonalShift);
        for (let k = 0; k < P; k++) psi.params[k] -= u.learningRate * step[k];
      }
      for (let k = 0; k < P; k++) if (!Number.isFinite(psi.params[k])) throw new RangeError(`${fn}: iteration ${iteration}: parameter ${k} became ${psi.params[k]}`);
    }
    iteration++;
  };
  const finish = (): SpinOptimizeResult => {
    progress?.finish();
    return { history, seconds: (performance.now() - t0) / 1000, sweeps: options.iterations * nChains * sweeps };
  };
  const first = run(inputs());
  if (first instanceof Promise) {
    return (async () => {
      absorb((await first) as SpinBatchOutput[]);
      while (iteration < options.iterations) absorb((await run(inputs())) as SpinBatchOutput[]);
      return finish();
    })() as never;
  }
  absorb(first as SpinBatchOutput[]);
  while (iteration < options.iterations) absorb(run(inputs()) as SpinBatchOutput[]);
  return finish() as never;
}

/**
 * Minimises ⟨Ĥ⟩ of the chain over the RBM amplitude's parameters on this thread, by the plain
 * gradient (any lib/optim optimizer) or stochastic reconfiguration.
 *
 * @example
 * const chain = tfimChain({ n: 10, J: 1, h: 1 });
 * const psi = SpinRbmState.create(10, 2, new Rng(1));
 * const r = optimizeSpinState(psi, chain, { update: { kind: 'sr', learningRate: 0.05, diagonalShift: 1e-3 }, iterations: 10 }, new Rng(2));
 * r.history.at(-1)!.energy; // on its way down; with iterations: 300 it reaches ≈ −12.78 (exact −12.7849)
 */
export function optimizeSpinState(psi: SpinRbmState, chain: TfimChain, options: SpinOptimizeOptions, rng: Rng): SpinOptimizeResult {
  return spinOptimizeLoop('optimizeSpinState', psi, chain, options, rng, 1, (inputs) => inputs.map(runSpinBatch));
}
