/**
 * The playground: the 2D Ising model and an RBM learning bars and stripes, live on canvases.
 *
 * The library comes in through the page's import map ('boltzmann' → dist/index.js, no bundler).
 * When the page is cross-origin isolated (served by `npm run playground`, which sends COOP/COEP),
 * RBM training runs in a BrowserWorkerPool worker while the main thread animates the Ising model;
 * otherwise both share the main thread.
 *
 * URL parameters: seed (default 1), T (2.27), speed (sweeps per frame, 2), demo=N (run N Ising
 * sweeps and about N/2 RBM updates without animating, then stop: a deterministic state for screenshots
 * and tests).
 */
import { BernoulliRBM, IsingModel, ISING_TC, Rng, barsAndStripes, blockGibbs, isBarsAndStripes, matrix } from 'boltzmann';
import { browserPoolAvailable, createBrowserWorkerPool, type BrowserWorkerPool } from 'boltzmann/browser';
import { trainChunk, type RbmState } from './rbm-job.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const num = (name: string, fallback: number) => (params.has(name) && Number.isFinite(Number(params.get(name))) ? Number(params.get(name)) : fallback);

interface PlaygroundStatus { ready: boolean; pool: number; sweeps: number; energyPerSpin: number; absM: number; rbmUpdates: number; kl: number; error: string | null }
const status: PlaygroundStatus = { ready: false, pool: 0, sweeps: 0, energyPerSpin: NaN, absM: NaN, rbmUpdates: 0, kl: NaN, error: null };
(window as unknown as { __playground: PlaygroundStatus }).__playground = status;

// ---- the pool, when the page allows it -------------------------------------------------------
let pool: BrowserWorkerPool | null = null;
if (browserPoolAvailable()) {
  pool = createBrowserWorkerPool({ size: 1 });
  status.pool = pool.size;
  $('threads').textContent = `cross-origin isolated: RBM training runs in a worker (pool of ${pool.size}), the Ising model on the main thread`;
} else {
  $('threads').textContent = 'not cross-origin isolated: everything runs on the main thread (serve with npm run playground for the worker pool)';
}

// ---- Ising ---------------------------------------------------------------------------------------
const L = 128, ZOOM = 3;
const isingCanvas = $<HTMLCanvasElement>('ising');
const isingCtx = isingCanvas.getContext('2d')!;
const isingImage = isingCtx.createImageData(L, L);
const plotCanvas = $<HTMLCanvasElement>('plot');
const plotCtx = plotCanvas.getContext('2d')!;
const tInput = $<HTMLInputElement>('temperature');
const seedInput = $<HTMLInputElement>('seed');
const speedInput = $<HTMLInputElement>('speed');
const updateInput = $<HTMLSelectElement>('update');
tInput.value = String(num('T', 2.27));
seedInput.value = String(num('seed', 1));
speedInput.value = String(num('speed', 2));

let model = new IsingModel({ L, T: Number(tInput.value), rng: new Rng(Number(seedInput.value)) });
let history: { e: number; m: number }[] = [];
let running = !params.has('demo');

function resetIsing(): void {
  model = new IsingModel({ L, T: Number(tInput.value), rng: new Rng(Number(seedInput.value)) });
  history = [];
  status.sweeps = 0;
}

function isingStep(sweeps: number): void {
  const wolff = updateInput.value === 'wolff';
  for (let s = 0; s < sweeps; s++) {
    if (wolff) {
      let flipped = 0;
      while (flipped < model.N) flipped += model.wolffStep(); // one sweep's worth of flipped spins
    } else {
      model.checkerboardSweep('metropolis');
    }
    status.sweeps++;
  }
  const e = model.energy() / model.N, m = Math.abs(model.magnetization()) / model.N;
  history.push({ e, m });
  if (history.length > 400) history.shift();
  status.energyPerSpin = e;
  status.absM = m;
}

function drawIsing(): void {
  const px = isingImage.data;
  for (let i = 0; i < model.N; i++) {
    const v = model.spins[i] > 0 ? 245 : 25;
    px[4 * i] = v; px[4 * i + 1] = v; px[4 * i + 2] = v; px[4 * i + 3] = 255;
  }
  isingCtx.putImageData(isingImage, 0, 0);
  isingCtx.imageSmoothingEnabled = false;
  isingCtx.drawImage(isingCanvas, 0, 0, L, L, 0, 0, L * ZOOM, L * ZOOM);
  $('ising-readout').textContent = `T = ${model.T.toFixed(3)} (T_c = ${ISING_TC.toFixed(3)})   sweeps ${status.sweeps}   E/N = ${status.energyPerSpin.toFixed(3)}   |m| = ${status.absM.toFixed(3)}`;
}

/** Energy per spin (−2..0) and |m| (0..1) over the last 400 samples. */
function drawPlot(): void {
  const w = plotCanvas.width, h = plotCanvas.height, pad = 30;
  plotCtx.fillStyle = '#fff';
  plotCtx.fillRect(0, 0, w, h);
  plotCtx.strokeStyle = '#ccc';
  plotCtx.strokeRect(pad, 8, w - pad - 8, h - pad - 8);
  plotCtx.fillStyle = '#333';
  plotCtx.font = '11px sans-serif';
  plotCtx.fillText('1', 16, 14);
  plotCtx.fillText('0', 16, h - pad + 4);
  plotCtx.fillText('samples (newest right)', w / 2 - 50, h - 8);
  const line = (f: (p: { e: number; m: number }) => number, color: string) => {
    plotCtx.strokeStyle = color;
    plotCtx.beginPath();
    history.forEach((p, i) => {
      const x = pad + (i / 399) * (w - pad - 8), y = 8 + (1 - f(p)) * (h - pad - 16);
      if (i === 0) plotCtx.moveTo(x, y); else plotCtx.lineTo(x, y);
    });
    plotCtx.stroke();
  };
  line((p) => -p.e / 2, '#1f77b4');
  line((p) => p.m, '#d62728');
  plotCtx.fillStyle = '#1f77b4';
  plotCtx.fillText('−E/(2N)', w - 120, 22);
  plotCtx.fillStyle = '#d62728';
  plotCtx.fillText('|m|', w - 50, 22);
}

tInput.oninput = () => { model.setTemperature(Number(tInput.value)); $('t-value').textContent = Number(tInput.value).toFixed(2); };
$('t-value').textContent = Number(tInput.value).toFixed(2);
$('reset').onclick = () => { resetIsing(); resetRbm(); };
$('pause').onclick = () => { running = !running; $('pause').textContent = running ? 'pause' : 'run'; if (running) requestAnimationFrame(frame); };

// ---- RBM on bars and stripes ---------------------------------------------------------------------
const SIDE = 4, HIDDEN = 16, CHAINS = 32, SHOW = 16, TILE = 4 * 6;
const data = barsAndStripes(SIDE);
const rbmCanvas = $<HTMLCanvasElement>('rbm');
const rbmCtx = rbmCanvas.getContext('2d')!;
const klCanvas = $<HTMLCanvasElement>('kl');
const klCtx = klCanvas.getContext('2d')!;
const lrInput = $<HTMLInputElement>('lr');
let rbm: RbmState;
let klHistory: number[] = [];
let training = false;

function resetRbm(): void {
  const seed = Number(seedInput.value);
  const init = BernoulliRBM.create(SIDE * SIDE, HIDDEN, 'glorot-normal', new Rng(seed));
  const r = new Rng(seed + 1000);
  const chains = new Float32Array(CHAINS * SIDE * SIDE).map(() => (r.float() < 0.5 ? 1 : 0));
  rbm = { side: SIDE, hidden: HIDDEN, W: init.W.data.slice(), a: init.a.slice(), b: init.b.slice(), chains, rng: Array.from(r.state()) };
  klHistory = [];
  status.rbmUpdates = 0;
}

async function trainSome(updates: number): Promise<void> {
  const lr = Number(lrInput.value);
  const out = pool !== null
    ? await pool.run<{ state: RbmState; kl: number }>(new URL('./rbm-job.js', import.meta.url).href, 'trainChunk', [rbm, updates, lr])
    : trainChunk(rbm, updates, lr);
  rbm = out.state;
  klHistory.push(out.kl);
  status.rbmUpdates += updates;
  status.kl = out.kl;
}

/** The first SHOW persistent chains, each a 4x4 tile; valid bars or stripes get a green frame. */
function drawRbm(): void {
  const d = SIDE * SIDE;
  rbmCtx.fillStyle = '#888';
  rbmCtx.fillRect(0, 0, rbmCanvas.width, rbmCanvas.height);
  let valid = 0;
  for (let c = 0; c < SHOW; c++) {
    const x0 = 4 + (c % 8) * (TILE + 6), y0 = 4 + Math.floor(c / 8) * (TILE + 6);
    const v = rbm.chains.subarray(c * d, (c + 1) * d);
    const ok = isBarsAndStripes(v, SIDE);
    if (ok) valid++;
    rbmCtx.fillStyle = ok ? '#2ca02c' : '#888';
    rbmCtx.fillRect(x0 - 2, y0 - 2, TILE + 4, TILE + 4);
    for (let i = 0; i < d; i++) {
      rbmCtx.fillStyle = v[i] > 0.5 ? '#fff' : '#000';
      rbmCtx.fillRect(x0 + (i % SIDE) * 6, y0 + Math.floor(i / SIDE) * 6, 6, 6);
    }
  }
  const kl = klHistory.length > 0 ? klHistory[klHistory.length - 1] : NaN;
  $('rbm-readout').textContent = `${status.rbmUpdates} PCD updates   exact KL(data || model) = ${kl.toFixed(3)} nats (uniform: ${Math.log(2 ** d / data.rows).toFixed(3)})   ${valid}/${SHOW} chains show a bar or stripe`;
  // KL curve
  const w = klCanvas.width, h = klCanvas.height, top = Math.log(2 ** d / data.rows);
  klCtx.fillStyle = '#fff';
  klCtx.fillRect(0, 0, w, h);
  klCtx.strokeStyle = '#ccc';
  klCtx.strokeRect(30, 8, w - 38, h - 30);
  klCtx.fillStyle = '#333';
  klCtx.font = '11px sans-serif';
  klCtx.fillText(top.toFixed(1), 4, 14);
  klCtx.fillText('0', 16, h - 20);
  klCtx.fillText('exact KL after every 25 updates (newest right)', w / 2 - 110, h - 6);
  klCtx.strokeStyle = '#9467bd';
  klCtx.beginPath();
  klHistory.forEach((k, i) => {
    const x = 30 + (i / Math.max(1, klHistory.length - 1)) * (w - 38), y = 8 + (1 - k / top) * (h - 30);
    if (i === 0) klCtx.moveTo(x, y); else klCtx.lineTo(x, y);
  });
  klCtx.stroke();
}

// ---- the loop --------------------------------------------------------------------------------------
function frame(): void {
  if (!running) return;
  try {
    isingStep(Number(speedInput.value));
    drawIsing();
    drawPlot();
    if (!training) {
      training = true;
      trainSome(25).then(() => { training = false; drawRbm(); }, (e) => { status.error = String(e); training = false; });
    }
  } catch (e) {
    status.error = String(e);
    throw e;
  }
  requestAnimationFrame(frame);
}

async function start(): Promise<void> {
  resetRbm();
  if (pool !== null) await pool.ready();
  if (params.has('demo')) {
    // A fixed amount of work, then a still picture: the same state for the same URL.
    const n = Math.max(1, Math.floor(num('demo', 100)));
    for (let s = 0; s < n; s++) isingStep(1);
    for (let u = 0; u < Math.ceil(n / 50); u++) await trainSome(25);
    // a few Gibbs steps of the displayed chains so the picture shows model samples
    const d = SIDE * SIDE, X = matrix(CHAINS, d, rbm.chains);
    blockGibbs(X, BernoulliRBM.create(d, HIDDEN, { W: Array.from({ length: d }, (_, i) => Array.from(rbm.W.subarray(i * HIDDEN, (i + 1) * HIDDEN))), a: Array.from(rbm.a), b: Array.from(rbm.b) }), X, 10, new Rng(num('seed', 1) + 7));
    drawIsing();
    drawPlot();
    drawRbm();
    $('pause').textContent = 'run';
  } else {
    requestAnimationFrame(frame);
  }
  status.ready = true;
}

start().catch((e) => { status.error = String(e); console.error(e); });
