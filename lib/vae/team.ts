/**
 * trainVAE's minibatch step in two phases, on the calling thread alone or split over a team of
 * threads (WorkerPool.team from 'boltzmann/node'), with the bits of the readable loop in
 * train.ts. Read model.ts and train.ts for the algorithm; this file runs the same functions on
 * parts of the batch and of the weights:
 *
 * - phase 1, rows of the batch: the forward pass (model.ts's vaeForwardUnchecked), the loss per
 *   row, and every input gradient of the backward pass (vaeBackwardUnchecked's steps with no
 *   weight gradients: each row's Δ^l depends on that row only). With several parts, each then
 *   copies the layer inputs (transposed) and the Δ^l of its rows into the shared memory.
 * - phase 2, rows of each weight matrix: dW^l rows i0 .. i1 = (A^{l−1})ᵀ rows i0 .. i1 · Δ^l (the
 *   product lib/nn/dense.ts's denseBackwardUnchecked forms with transA, row by row of the
 *   result: each entry the same sum in the same order), db^l entries j0 .. j1 (float64 sums over
 *   the rows in order, as sumRows), and Adam's step on exactly those entries (adam-kernel.ts,
 *   the bits of adamRangeUnchecked, with the step's constants). The encoder's products go
 *   through sparseGemm whatever options.sparse says (the same bits as gemm either way).
 *
 * The noise ε is drawn on the calling thread before phase 1, in the readable loop's order; the
 * per-row losses are added on the calling thread in row order. Parameters, gradients, Adam's
 * moments and the exchanged activations live in one WebAssembly memory (shared for a team; Adam's
 * step runs there in wasm, adam-kernel.ts); the parameters are copied in at the start of every
 * epoch and out at its end.
 */
import type { Matrix } from '../linalg/matrix.js';
import { gemmUnchecked, sumRowsUnchecked } from '../linalg/kernels.js';
import { sparseGemmUnchecked } from '../linalg/sparse.js';
import { getBackend, sigmoidKernelFor } from '../linalg/backend.js';
import { wasmSimdSupported } from '../linalg/wasm/backend.js';
import type { DenseLayer, MLP } from '../nn/model.js';
import { mlpBackwardUnchecked } from '../nn/mlp.js';
import { denseBackwardUnchecked } from '../nn/dense.js';
import { adamInvSqrtC2, adamRangeUnchecked, adamStepSize } from '../optim/kernels.js';
import { buildAdamKernelModule, type AdamKernel } from './adam-kernel.js';
import type { ThreadTeam } from '../rbm/index.js';
import { VAE, VAEWorkspace, vaeForwardUnchecked } from './model.js';
import { gaussianNegLogLikelihoodBackwardUnchecked } from './likelihood.js';
import { klDiagonalGaussianToStandardBackwardUnchecked, reparameterizeBackwardUnchecked } from './gaussian.js';

/** The shape of the model, enough to rebuild it over the shared buffer in a worker. */
interface Structure {
  inputSize: number; latentSize: number; hidden: number[]; likelihood: 'bernoulli' | 'gaussian'; sigma2: number;
  /** Per dense layer in parameter order (encoder layers, μ head, log σ head, decoder layers): its sizes, activation and slope. */
  layers: { nIn: number; nOut: number; activation: DenseLayer['activation']; slope: number }[];
  encoderLayers: number;
}

/** Float32 offsets (and float64 offsets for the f64 region) of everything in the shared buffer. */
interface TeamLayout {
  structure: Structure;
  /** Per parameter array (VAE.parameters() order): value, gradient, Adam m and v offsets, length. */
  params: { p: number; g: number; m: number; v: number; length: number }[];
  /** Per dense layer: (A^{l−1})ᵀ, nIn x maxRows (row stride = the batch's rows), and Δ^l, maxRows x nOut. */
  exchange: { at: number; delta: number }[];
  x: number; eps: number;
  /** float64 indices: per-row reconstruction and KL terms, and the step's constants. */
  rec: number; kl: number; constants: number;
  floats: number;
  /** The memory's size in 64 KiB pages. */
  pages: number;
}

const PHASE_ROWS = 1, PHASE_WEIGHTS = 2;
/** Int32 words at the start of the buffer: the phase, the batch's rows. */
const CONTROL_WORDS = 4;

function layoutFor(model: VAE, maxRows: number): TeamLayout {
  const layers = [...(model.encoder?.layers ?? []), model.muHead, model.logSigmaHead, ...model.decoder.layers];
  const structure: Structure = {
    inputSize: model.inputSize, latentSize: model.latentSize, hidden: model.hidden.slice(), likelihood: model.likelihood, sigma2: model.sigma2,
    layers: layers.map((l) => ({ nIn: l.W.rows, nOut: l.W.cols, activation: l.activation, slope: l.slope })),
    encoderLayers: model.encoder?.layers.length ?? 0,
  };
  let at = CONTROL_WORDS;
  const take = (n: number): number => {
    const here = at;
    at += 4 * Math.ceil(n / 4);
    return here;
  };
  const params = model.parameters().map((p) => ({ p: take(p.length), g: take(p.length), m: take(p.length), v: take(p.length), length: p.length }));
  // (the two heads read the same h: one (A^{l−1})ᵀ serves both)
  const E = structure.encoderLayers;
  const exchange: { at: number; delta: number }[] = [];
  structure.layers.forEach((l, k) => exchange.push({ at: k === E + 1 ? exchange[E].at : take(l.nIn * maxRows), delta: take(maxRows * l.nOut) }));
  const x = take(maxRows * model.inputSize), eps = take(maxRows * model.latentSize);
  const floats = at;
  const nParams = params.length;
  // float64 region after the floats: rec, kl (maxRows each), constants: 2 per array + β1, β2, ε, scale
  const base = Math.ceil(floats / 2);
  const doubles = base + 2 * maxRows + 2 * nParams + 4;
  return { structure, params, exchange, x, eps, rec: base, kl: base + maxRows, constants: base + 2 * maxRows, floats, pages: Math.ceil((8 * doubles) / 65536) };
}

function view(f: Float32Array, at: number, rows: number, cols: number): Matrix {
  return { rows, cols, data: f.subarray(at, at + rows * cols) };
}

/** The model rebuilt over the shared buffer: its parameter arrays are views of the values there. */
function modelOver(f: Float32Array, l: TeamLayout): VAE {
  const s = l.structure;
  const layers: DenseLayer<Matrix>[] = s.layers.map((d, k) => ({
    W: view(f, l.params[2 * k].p, d.nIn, d.nOut), b: f.subarray(l.params[2 * k + 1].p, l.params[2 * k + 1].p + d.nOut), activation: d.activation, slope: d.slope,
  }));
  const mlp = (ls: DenseLayer<Matrix>[]): MLP<Matrix> => ({ sizes: [ls[0].W.rows, ...ls.map((x) => x.W.cols)], precision: 'float32', layers: ls });
  const E = s.encoderLayers;
  const encoder = E === 0 ? null : mlp(layers.slice(0, E));
  return new VAE({ inputSize: s.inputSize, latentSize: s.latentSize, hidden: s.hidden, likelihood: s.likelihood, sigma2: s.sigma2 },
    encoder, layers[E], layers[E + 1], mlp(layers.slice(E + 2)));
}

/** One part's reused objects for a batch of n rows: its workspace and the views it reads and writes. */
interface PartViews {
  r0: number; r1: number;
  ws: VAEWorkspace | null;
  x: Matrix | null;
  eps: Float32Array;
  /** phase 2, per dense layer: rows i0 .. i1 of dW, of (A^{l−1})ᵀ, all of Δ^l; entries j0 .. j1 of b. */
  weights: { i0: number; i1: number; j0: number; j1: number; dW: Matrix; at: Matrix; delta: Matrix }[];
  /** Per dense layer, set by phase 1: its input A^{l−1} and its Δ^l for this part's rows (views of the workspace). */
  inputs: Matrix[];
  deltas: Matrix[];
}

/**
 * One thread's side: the model over the shared buffer and, per batch size, its part's views.
 * The pool's workers make theirs through {@link vaeTeamStep}, the calling thread through
 * {@link VAETeamTrainer}.
 */
class TeamThread {
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly model: VAE;
  private readonly parts = new Map<number, PartViews>();
  /** Adam's step in wasm (adam-kernel.ts) over this memory, for entries in groups of four. */
  private readonly adam4: AdamKernel;
  /** Per parameter array: views of its values, gradient, m and v (for the JS loop on the last entries). */
  private readonly arrays: { p: Float32Array; g: Float32Array; m: Float32Array; v: Float32Array }[];

  constructor(memory: WebAssembly.Memory, readonly l: TeamLayout) {
    const buffer = memory.buffer;
    this.f32 = new Float32Array(buffer, 0, l.floats);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer, 0, CONTROL_WORDS);
    this.model = modelOver(this.f32, l);
    const shared = typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
    this.adam4 = new WebAssembly.Instance(new WebAssembly.Module(buildAdamKernelModule(l.pages, shared)), { env: { memory } }).exports.adam4 as AdamKernel;
    const f = this.f32;
    this.arrays = l.params.map((d) => ({ p: f.subarray(d.p, d.p + d.length), g: f.subarray(d.g, d.g + d.length), m: f.subarray(d.m, d.m + d.length), v: f.subarray(d.v, d.v + d.length) }));
  }

  /**
   * Adam on entries [from, to) of parameter array i: four at a time in wasm, the rest (fewer than
   * four) with adamRangeUnchecked; the same bits either way (adam-kernel.ts).
   */
  private adamRange(i: number, from: number, to: number, stepSize: number, invSqrtC2: number, beta1: number, beta2: number, eps: number): void {
    const d = this.l.params[i], quads = Math.floor((to - from) / 4), a = this.arrays[i];
    if (quads > 0) this.adam4(4 * (d.p + from), 4 * (d.g + from), 4 * (d.m + from), 4 * (d.v + from), quads, stepSize, invSqrtC2, beta1, beta2, eps, 1 - beta1, 1 - beta2);
    adamRangeUnchecked(a.p, a.g, a.m, a.v, from + 4 * quads, to, stepSize, invSqrtC2, beta1, beta2, eps);
  }

  step(part: number, parts: number): void {
    const n = this.i32[1];
    if (this.i32[0] === PHASE_ROWS) this.rows(this.views(n, part, parts), n, parts);
    else if (this.i32[0] === PHASE_WEIGHTS) this.weights(this.views(n, part, parts), n, parts);
    else throw new Error(`vaeTeamStep: unknown phase ${this.i32[0]}`);
  }

  private views(n: number, part: number, parts: number): PartViews {
    const key = n; // (a thread always runs the same part of its team)
    let v = this.parts.get(key);
    if (v !== undefined) return v;
    const l = this.l, s = l.structure, f = this.f32;
    const r0 = Math.floor((n * part) / parts), r1 = Math.floor((n * (part + 1)) / parts), rows = r1 - r0;
    const split = (total: number): [number, number] => [Math.floor((total * part) / parts), Math.floor((total * (part + 1)) / parts)];
    v = {
      r0, r1,
      ws: rows === 0 ? null : new VAEWorkspace(this.model, rows),
      x: rows === 0 ? null : view(f, l.x + r0 * s.inputSize, rows, s.inputSize),
      eps: f.subarray(l.eps + r0 * s.latentSize, l.eps + r1 * s.latentSize),
      weights: s.layers.map((d, k) => {
        const [i0, i1] = split(d.nIn), [j0, j1] = split(d.nOut);
        return {
          i0, i1, j0, j1,
          dW: view(f, l.params[2 * k].g + i0 * d.nOut, i1 - i0, d.nOut),
          at: view(f, l.exchange[k].at + i0 * n, i1 - i0, n),
          delta: view(f, l.exchange[k].delta, n, d.nOut),
        };
      }),
      inputs: [], deltas: [],
    };
    this.parts.set(key, v);
    return v;
  }

  /**
   * Phase 1 for rows r0 .. r1: the forward pass and the loss per row (model.ts (1)-(8)), then the
   * backward pass without weight gradients ((6')-(1') of vaeBackwardUnchecked with grad null),
   * then the layer inputs (transposed) and Δ of these rows into the shared buffer.
   */
  private rows(p: PartViews, n: number, parts: number): void {
    if (p.ws === null || p.x === null) return;
    const model = this.model, ws = p.ws, x = p.x, rows = p.r1 - p.r0, l = this.l, s = l.structure, scale = this.f64[l.constants + 2 * l.params.length + 3];
    const v = ws.views(rows);
    v.eps.data.set(p.eps);
    vaeForwardUnchecked(model, ws, x); //                                   (1)-(8), per-row terms in v
    this.f64.set(v.reconstruction, l.rec + p.r0);
    this.f64.set(v.kl, l.kl + p.r0);
    const out = ws.out as Matrix, h = ws.h as Matrix;
    if (model.likelihood === 'bernoulli') {
      // (6') N-VAE-03 dOut = scale (σ(out) − x), with the sigmoid kernel the whole n x D matrix gets (as bernoulliNegLogLikelihoodBackwardUnchecked)
      const d = v.dOut.data, X = x.data;
      sigmoidKernelFor(n * s.inputSize)(d, out.data);
      for (let i = 0; i < d.length; i++) d[i] = scale * (d[i] - X[i]);
    } else {
      gaussianNegLogLikelihoodBackwardUnchecked(v.dOut, x, out, model.sigma2, scale); // (6')
    }
    mlpBackwardUnchecked(model.decoder, ws.decoder, null, v.dOut, v.dZ, false); //                       (5') Δ of the decoder, dZ
    reparameterizeBackwardUnchecked(v.dMu, v.dLogSigma, v.dZ, v.logSigma, v.eps); //                    (4')
    klDiagonalGaussianToStandardBackwardUnchecked(v.dMu, v.dLogSigma, v.mu, v.logSigma, scale); //     (7')
    const needDH = model.encoder !== null;
    denseBackwardUnchecked(null, null, needDH ? v.dHlogSigma : null, v.dLogSigma, h, model.logSigmaHead.W, false, ws.gemm32); // (3')
    denseBackwardUnchecked(null, null, needDH ? v.dH : null, v.dMu, h, model.muHead.W, false, ws.gemm32); //                    (2')
    if (needDH) {
      const a = v.dH.data, b = v.dHlogSigma.data;
      for (let i = 0; i < a.length; i++) a[i] += b[i]; //                                             (2') dH = dMu W_muᵀ + dLogSigma W_sᵀ
      mlpBackwardUnchecked(model.encoder!, ws.encoder!, null, v.dH, null, false); //                    (1') Δ of the encoder
    }
    // Each dense layer's input A^{l−1} and Δ^l for these rows; with other parts, also into the
    // shared buffer (A^{l−1} transposed: (A^{l−1})ᵀ(:, r)), where phase 2 reads every row.
    const E = s.encoderLayers, enc = ws.encoder === null ? null : ws.encoder.views(rows), dec = ws.decoder.views(rows);
    for (let k = 0; k < s.layers.length; k++) {
      let input: Matrix, delta: Matrix;
      if (k < E) { input = k === 0 ? x : enc!.A[k - 1] as Matrix; delta = enc!.D[k] as Matrix; } //      encoder layer k + 1
      else if (k === E) { input = h; delta = v.dMu; } //                                                   μ head
      else if (k === E + 1) { input = h; delta = v.dLogSigma; } //                                          log σ head
      else { const d = k - E - 2; input = d === 0 ? v.z : dec.A[d - 1] as Matrix; delta = dec.D[d] as Matrix; } // decoder layer d + 1
      p.inputs[k] = input;
      p.deltas[k] = delta;
      if (parts === 1) continue; // one part: phase 2 reads them where they are
      const nIn = s.layers[k].nIn, nOut = s.layers[k].nOut, at = l.exchange[k].at, f = this.f32, A = input.data;
      if (k !== E + 1) for (let i = 0; i < nIn; i++) for (let r = 0; r < rows; r++) f[at + i * n + p.r0 + r] = A[r * nIn + i]; // (the log σ head shares the μ head's hᵀ)
      f.set(delta.data, l.exchange[k].delta + p.r0 * nOut);
    }
  }

  /**
   * Phase 2 for this part's rows i0 .. i1 of every weight matrix and entries j0 .. j1 of every
   * bias: the gradient (dW = (A^{l−1})ᵀ Δ^l, db = Σ_rows Δ^l; lib/nn/dense.ts) and Adam's step.
   */
  private weights(p: PartViews, n: number, parts: number): void {
    const l = this.l, s = l.structure, c = l.constants, nParams = l.params.length;
    const beta1 = this.f64[c + 2 * nParams], beta2 = this.f64[c + 2 * nParams + 1], eps = this.f64[c + 2 * nParams + 2];
    for (let k = 0; k < s.layers.length; k++) {
      const w = p.weights[k], nOut = s.layers[k].nOut;
      // eq. (1) of lib/nn/dense.ts: dC/dW^l = (A^{l−1})ᵀ Δ^l. The encoder's layer inputs are the
      // data or ReLU outputs (many zeros): sparseGemm, which has gemm's bits. One part: the
      // product with transA on the workspace's matrices, as dense.ts forms it; several: rows
      // i0 .. i1 from the transposed inputs in the shared buffer.
      const a = parts === 1 ? p.inputs[k] : w.at, delta = parts === 1 ? p.deltas[k] : w.delta, transA = parts === 1;
      if (w.i1 > w.i0) {
        if (k < s.encoderLayers) sparseGemmUnchecked(w.dW, a, delta, transA, false, 1, 0, 0.4);
        else gemmUnchecked(w.dW, a, delta, transA, false, 1, 0);
      }
      // eq. (3): db_j = Σ_rows Δ_rj for this part's entries j0 .. j1 (float64, rows in order)
      sumRowsUnchecked(this.arrays[2 * k + 1].g, delta, w.j0, w.j1);
      // Adam (N-OPT-05) on the entries this part owns, with the array's step constants
      this.adamRange(2 * k, w.i0 * nOut, w.i1 * nOut, this.f64[c + 4 * k], this.f64[c + 4 * k + 1], beta1, beta2, eps);
      this.adamRange(2 * k + 1, w.j0, w.j1, this.f64[c + 4 * k + 2], this.f64[c + 4 * k + 3], beta1, beta2, eps);
    }
  }
}

/**
 * The shared buffer and its layout for training `model` in batches of up to maxRows rows: what
 * the trainer makes and every member of the team receives.
 *
 * @example
 * ```ts
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const { memory, layout } = vaeTeamInit(vae, 32);
 * memory.buffer.byteLength; // parameters, gradients, Adam's moments, the exchanged activations
 * ```
 */
export function vaeTeamInit(model: VAE, maxRows: number, shared = true): { memory: WebAssembly.Memory; layout: TeamLayout } {
  const layout = layoutFor(model, maxRows);
  return { memory: new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared }), layout };
}

/**
 * The step function of one member of the team: what WorkerPool.team's workers call (this
 * thread uses the same class through {@link VAETeamTrainer}).
 *
 * @example
 * ```ts
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * const step = vaeTeamStep(vaeTeamInit(vae, 32)); // what each worker of the team holds
 * // step(1, 2) then runs part 1 of 2 of the phase named in the control words
 * ```
 */
export function vaeTeamStep(init: { memory: WebAssembly.Memory; layout: TeamLayout }): (part: number, parts: number) => void {
  const t = new TeamThread(init.memory, init.layout);
  return (part, parts) => t.step(part, parts);
}

let teamAllowed = true;

/**
 * Whether trainVAE may run its step here: the wasm backend with SIMD (the Adam kernel), and not
 * inside {@link withReadableTraining}.
 *
 * @example
 * ```ts
 * vaeTeamAllowed(); // true on the wasm backend
 * ```
 */
export function vaeTeamAllowed(): boolean {
  return teamAllowed && getBackend() === 'wasm' && wasmSimdSupported();
}

/**
 * Runs `fn` with trainVAE's two-phase step switched off, so that every run takes the readable
 * loop of train.ts (internal: for the specs and benchmarks that compare the two), then restores it.
 *
 * @example
 * ```ts
 * const vae = VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new Rng(1));
 * withReadableTraining(() => trainVAE(vae, barsAndStripes(4), { epochs: 1 }, new Rng(2)));
 * ```
 */
export function withReadableTraining<T>(fn: () => T): T {
  const previous = teamAllowed;
  teamAllowed = false;
  try {
    return fn();
  } finally {
    teamAllowed = previous;
  }
}

/** Adam's settings as trainVAE's default optimizer has them. */
interface TeamAdam { lr: number; beta1: number; beta2: number; eps: number }

/**
 * The calling thread's side: owns the shared buffer and the team, copies the parameters in and
 * out, and runs a minibatch in the two phases.
 */
export class VAETeamTrainer {
  private readonly here: TeamThread;
  private readonly l: TeamLayout;
  private readonly local: (part: number, parts: number) => void;
  /** Adam's step count per parameter array, and the arrays they belong to (Adam keeps its state per array). */
  private readonly t: number[];
  private arrays: Float32Array[] = [];
  /** True between copyIn and copyOut: the buffer holds the newest parameters. */
  holdsNewer = false;

  private readonly team: ThreadTeam;

  /**
   * @param init the shared memory and layout from {@link vaeTeamInit}
   * @param makeTeam makes the team, given what each worker passes to {@link vaeTeamStep}
   * @param adam the default optimizer's settings (trainVAE's `new Adam({ lr })`)
   */
  constructor(init: { memory: WebAssembly.Memory; layout: TeamLayout }, makeTeam: (init: { memory: WebAssembly.Memory; layout: TeamLayout }) => ThreadTeam, private readonly adam: TeamAdam) {
    this.l = init.layout;
    this.here = new TeamThread(init.memory, this.l);
    this.local = (part, parts) => this.here.step(part, parts);
    this.t = this.l.params.map(() => 0);
    this.team = makeTeam(init);
  }

  /** Threads in the team. */
  get parts(): number {
    return this.team.parts;
  }

  /** True once a phase failed on some thread: the buffer may hold a half-done step. */
  broken = false;
  /** Adam's state of arrays an onEpoch swapped out, kept per array object as Adam keeps it. */
  private readonly saved = new WeakMap<Float32Array, { m: Float32Array; v: Float32Array; t: number }>();

  /**
   * Copies the parameters in. Adam keeps its state per array object: an array that is not the
   * one of the last copyIn takes over the state it had when it was last trained here, or none
   * (zero moments, step 0), and the state of the array it replaces is kept for its return.
   */
  copyIn(model: VAE): void {
    const params = model.parameters(), f = this.here.f32, names = model.parameterNames();
    params.forEach((p, i) => {
      const d = this.l.params[i];
      if (p.length !== d.length) throw new RangeError(`trainVAE: parameter ${names[i][0]} has length ${p.length} but the model it was made for has ${d.length} (an onEpoch replaced it with an array of another size)`);
    });
    this.holdsNewer = true;
    params.forEach((p, i) => {
      const d = this.l.params[i];
      f.set(p, d.p);
      const before = this.arrays[i];
      if (before === undefined || before === p) return;
      this.saved.set(before, { m: f.slice(d.m, d.m + d.length), v: f.slice(d.v, d.v + d.length), t: this.t[i] });
      const state = this.saved.get(p);
      if (state === undefined) {
        f.fill(0, d.m, d.m + d.length);
        f.fill(0, d.v, d.v + d.length);
        this.t[i] = 0;
      } else {
        f.set(state.m, d.m);
        f.set(state.v, d.v);
        this.t[i] = state.t;
      }
    });
    this.arrays = params;
  }

  /** Copies the parameters back into the model. */
  copyOut(model: VAE): void {
    this.holdsNewer = false;
    const f = this.here.f32;
    model.parameters().forEach((p, i) => p.set(f.subarray(this.l.params[i].p, this.l.params[i].p + p.length)));
  }

  /** The batch buffers per row count (made once each: a run has at most two sizes). */
  private readonly batches = new Map<number, { x: Matrix; eps: Float32Array }>();

  /** The minibatch x (n rows) to gather into, and the noise ε (n x k) to draw into. */
  batch(n: number): { x: Matrix; eps: Float32Array } {
    let b = this.batches.get(n);
    if (b === undefined) {
      const s = this.l.structure, f = this.here.f32;
      this.batches.set(n, b = { x: view(f, this.l.x, n, s.inputSize), eps: f.subarray(this.l.eps, this.l.eps + n * s.latentSize) });
    }
    return b;
  }

  /**
   * Phase 1 on the batch in place (n rows): returns the batch's summed reconstruction and KL
   * terms, added in row order. `scale` weighs the summed loss in the gradient (train.ts: 1).
   */
  forward(n: number, scale: number): { reconstruction: number; kl: number; loss: number } {
    const l = this.l, f64 = this.here.f64;
    f64[l.constants + 2 * l.params.length + 3] = scale;
    this.run(PHASE_ROWS, n);
    let R = 0, K = 0;
    for (let r = 0; r < n; r++) R += f64[l.rec + r];
    for (let r = 0; r < n; r++) K += f64[l.kl + r];
    return { reconstruction: R, kl: K, loss: R + K };
  }

  /** Phase 2: the gradients of every weight and bias, and one Adam step on each array. */
  update(n: number): void {
    const l = this.l, f64 = this.here.f64, c = l.constants, nParams = l.params.length, { lr, beta1, beta2, eps } = this.adam;
    for (let i = 0; i < nParams; i++) {
      // as adamStep: t ← t + 1; stepSize = η/(1 − β₁ᵗ), invSqrtC2 = 1/√(1 − β₂ᵗ)
      const t = ++this.t[i];
      f64[c + 2 * i] = adamStepSize(lr, beta1, t);
      f64[c + 2 * i + 1] = adamInvSqrtC2(beta2, t);
    }
    f64[c + 2 * nParams] = beta1;
    f64[c + 2 * nParams + 1] = beta2;
    f64[c + 2 * nParams + 2] = eps;
    this.run(PHASE_WEIGHTS, n);
  }

  private run(phase: number, n: number): void {
    this.here.i32[0] = phase;
    this.here.i32[1] = n;
    try {
      this.team.run(this.local);
    } catch (e) {
      this.broken = true;
      throw e;
    }
  }

  close(): void {
    this.team.close();
  }
}
