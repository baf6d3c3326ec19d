/**
 * The steps of "an RBM learns the Ising model" (Torlai & Melko, Phys. Rev. B 94, 165134, 2016),
 * shared by docs/examples/ising-rbm.ts (the temperature scan) and the tour chapter
 * docs/examples/tour/12-ising-rbm.ts (a short version):
 *
 * 1. {@link wolffSamples}: Monte Carlo spin configurations of the L×L Ising model (lib/ising);
 * 2. {@link trainIsingRBM}: a spin RBM trained on them with trainRBM;
 * 3. {@link rbmChains}: long block-Gibbs chains of the trained RBM, each visible state scored
 *    with the Ising Hamiltonian of lib/ising;
 * 4. {@link learnIsing}: the three in a row at one temperature, with the observables of both
 *    sides (isingObservables) and the exact finite-lattice values (isingKaufman).
 */
import {
  IsingModel,
  isingKaufman,
  isingObservables,
  linearDecay,
  matrix,
  runIsing,
  sampleHiddenGivenVisible,
  sampleVisibleGivenHidden,
  SpinRBM,
  trainRBM,
  type IsingEstimate,
  type IsingObservables,
  type IsingRun,
  type Matrix,
  Rng,
} from '../../../lib/index.js';

/** What one temperature's run uses. */
export interface IsingRBMSettings {
  /** Linear size of the periodic lattice (N = L² spins = visible units). */
  L: number;
  /** Wolff samples (a power of two: the blocking analysis uses the first 2^k samples). */
  data: number;
  /** Hidden units. */
  hidden: number;
  method: 'cd' | 'pcd';
  /** Gibbs steps per update. */
  k: number;
  epochs: number;
  batch: number;
  /** Adam's learning rate: lr0 for the first `hold` fraction of the epochs, then linearly down to lrEnd at the last epoch. */
  lr0: number;
  hold: number;
  lrEnd: number;
  /** RBM sampling: independent chains, burn-in steps, recorded states per chain, steps between records. */
  chains: number;
  burnIn: number;
  perChain: number;
  thin: number;
}

/** Wall-clock and CPU seconds of a step (CPU: this process's user time, the honest figure when other jobs share the cores). */
export interface Timing {
  wall: number;
  cpu: number;
}

function timer(): () => Timing {
  const w0 = performance.now(), c0 = process.cpuUsage().user;
  return () => ({ wall: (performance.now() - w0) / 1000, cpu: (process.cpuUsage().user - c0) / 1e6 });
}

/**
 * n Wolff samples of the L×L model at temperature T: the spins (n × L², ±1) and their lattice
 * energies and magnetizations as an IsingRun. runIsing thermalizes (1000 sweeps' worth of
 * flipped spins from a cold start) and fixes the clusters per sample (about one sweep's worth of
 * flipped spins); each later call records one more sample and leaves the lattice at it, so its
 * spins can be copied.
 */
export function wolffSamples(L: number, T: number, n: number, rng: Rng): { spins: Matrix; run: IsingRun; time: Timing } {
  const time = timer();
  const N = L * L;
  const model = new IsingModel({ L, T, rng, start: 'cold' });
  const first = runIsing(model, { update: 'wolff', thermalize: 1000, samples: 1 });
  const clustersPerSample = first.clustersPerSample!;
  const spins = matrix(n, N);
  const energy = new Float64Array(n), magnetization = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const one = t === 0 ? first : runIsing(model, { update: 'wolff', samples: 1, clustersPerSample });
    for (let i = 0; i < N; i++) spins.data[t * N + i] = model.spins[i];
    energy[t] = one.energy[0];
    magnetization[t] = one.magnetization[0];
  }
  const run: IsingRun = { update: 'wolff', L, N, T, h: 0, energy, magnetization, sweepsPerSample: 1, clustersPerSample };
  return { spins, run, time: time() };
}

/** lr0 for the first ⌊hold · epochs⌋ epochs, then linearDecay from lr0 to lrEnd over the rest. */
export function holdThenDecay(lr0: number, hold: number, lrEnd: number, epochs: number): (epoch: number) => number {
  const flat = Math.floor(hold * epochs);
  const decay = linearDecay(lr0, lrEnd, Math.max(1, epochs - flat));
  return (epoch) => (epoch < flat ? lr0 : decay(epoch - flat));
}

/**
 * A spin RBM (N-SPIN-01: ±1 visible units are the spins themselves, ±1 hidden units) with
 * Glorot-normal starting weights, trained on the spins by trainRBM with Adam, the rate held and
 * then decayed ({@link holdThenDecay}).
 */
export function trainIsingRBM(spins: Matrix, s: IsingRBMSettings, rng: Rng): { rbm: SpinRBM; time: Timing } {
  const time = timer();
  const rbm = SpinRBM.create(spins.cols, s.hidden, 'glorot-normal', rng);
  trainRBM(rbm, spins, {
    method: s.method, k: s.k, epochs: s.epochs, batchSize: s.batch, optimizer: 'adam',
    learningRate: holdThenDecay(s.lr0, s.hold, s.lrEnd, s.epochs), reconstructionError: false,
  }, rng);
  return { rbm, time: time() };
}

/**
 * Long block-Gibbs chains of the RBM (N-GIBBS-02: h ~ p(h | x), then x ~ p(x | h); every chain a
 * row), from random ±1 states; after the burn-in, `perChain` visible states per chain, `thin`
 * steps apart. Every state is handed to an IsingModel (setSpins), whose energy() and
 * magnetization() give E = −Σ_<ij> s_i s_j over the 2N periodic nearest-neighbour bonds and
 * M = Σ_i s_i: the Hamiltonian that made the data. Returns them as an IsingRun, chain after
 * chain, so isingObservables analyses them exactly like the Monte Carlo run. (isingObservables
 * reads N, T, energy and magnetization; `update: 'heatbath'` records that these are Gibbs —
 * heat-bath — updates, here of the RBM's joint (x, h), and `sweepsPerSample` the steps between
 * records.)
 */
export function rbmChains(rbm: SpinRBM, L: number, T: number, s: IsingRBMSettings, rng: Rng): { run: IsingRun; time: Timing } {
  const time = timer();
  const N = L * L, C = s.chains, n = C * s.perChain;
  const X = matrix(C, N), H = matrix(C, rbm.nHidden);
  for (let q = 0; q < X.data.length; q++) X.data[q] = rng.float() < 0.5 ? -1 : 1;
  const step = () => {
    sampleHiddenGivenVisible(H, rbm, X, rng);
    sampleVisibleGivenHidden(X, rbm, H, rng);
  };
  for (let t = 0; t < s.burnIn; t++) step();
  const lattice = new IsingModel({ L, T, rng: new Rng(0) }); // only setSpins, energy() and magnetization() are used
  const energy = new Float64Array(n), magnetization = new Float64Array(n);
  for (let t = 0; t < s.perChain; t++) {
    for (let q = 0; q < s.thin; q++) step();
    for (let c = 0; c < C; c++) {
      lattice.setSpins(X.data.subarray(c * N, (c + 1) * N));
      energy[c * s.perChain + t] = lattice.energy();
      magnetization[c * s.perChain + t] = lattice.magnetization();
    }
  }
  const run: IsingRun = { update: 'heatbath', L, N, T, h: 0, energy, magnetization, sweepsPerSample: s.thin };
  return { run, time: time() };
}

/** One temperature: Monte Carlo and RBM observables, the exact ones, and the times. */
export interface IsingRBMResult {
  T: number;
  mc: IsingObservables;
  rbm: IsingObservables;
  /** The exact ⟨E⟩/N and C/N of the finite periodic lattice (Kaufman 1949). */
  exact: { energyPerSpin: number; heatCapacityPerSpin: number };
  /** (RBM − MC)/|MC| of ⟨E⟩/N and ⟨|m|⟩. */
  relative: { energy: number; absMagnetization: number };
  clustersPerSample: number;
  time: { data: Timing; train: Timing; sample: Timing };
}

/** Wolff samples → trained RBM → RBM chains at temperature T, and both sides' observables. */
export function learnIsing(T: number, s: IsingRBMSettings, rng: Rng): IsingRBMResult {
  const data = wolffSamples(s.L, T, s.data, rng.split());
  const mc = isingObservables(data.run);
  const trained = trainIsingRBM(data.spins, s, rng.split());
  const chains = rbmChains(trained.rbm, s.L, T, s, rng.split());
  const rbm = isingObservables(chains.run);
  const k = isingKaufman(s.L, T);
  const rel = (a: IsingEstimate, b: IsingEstimate) => (a.value - b.value) / Math.abs(b.value);
  return {
    T, mc, rbm,
    exact: { energyPerSpin: k.energyPerSpin, heatCapacityPerSpin: k.heatCapacityPerSpin },
    relative: { energy: rel(rbm.energyPerSpin, mc.energyPerSpin), absMagnetization: rel(rbm.absMagnetizationPerSpin, mc.absMagnetizationPerSpin) },
    clustersPerSample: data.run.clustersPerSample!,
    time: { data: data.time, train: trained.time, sample: chains.time },
  };
}
