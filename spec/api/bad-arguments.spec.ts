/**
 * Every bad argument refused, by construction. The spec enumerates the exported functions of
 * both entries (`boltzmann`: lib/index.ts, `boltzmann/node`: lib/node.ts) and requires each to
 * appear in exactly one table:
 * - ROWS: its arguments, each with a kind and a valid value. For every argument the spec calls
 *   the function with the valid values except that one, replaced in turn by each bad value of its
 *   kind (NaN, ±Infinity, negative, non-integer, null, undefined, the wrong typed array, a wrong
 *   shape, a detached buffer, ...), and requires a TypeError or RangeError whose message starts
 *   with "<function>: " (or another stated prefix) and names the argument and the value. The
 *   valid call itself must succeed, so each refusal is that argument's.
 *   A function that returns a promise is awaited: a rejection counts as a throw.
 * - EXEMPT: functions with nothing to refuse (no arguments, or any value is fine), with a reason.
 * - PENDING: exported functions that do not have a row yet, listed by name. A new export that is
 *   in none of the three fails the first test, which names it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as main from '../../lib/index.js';
import * as node from '../../lib/node.js';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { Rng, matrix, matrix64 } = main;

// ---- argument kinds and their bad values ------------------------------------------------------

type Kind =
  | 'count' | 'countOrZero' | 'real' | 'positive' | 'probability' | 'f32' | 'f64' | 'vector' | 'matrix'
  | 'matrix64' | 'rng' | 'function' | 'options' | 'bytes' | 'any';

interface Arg {
  name: string;
  kind: Kind;
  valid: () => unknown;
  /**
   * Bad values beyond the kind's, e.g. a wrong shape for this function: label, value, how the
   * message may spell the value, and what it must name instead of the argument (an option key,
   * "chain" for an entry of one chain).
   */
  extra?: [label: string, value: () => unknown, names?: string[], named?: string][];
  /** Bad values of the kind that this argument legitimately accepts (e.g. undefined for an optional one). */
  accepts?: string[];
  /** Message prefix of this argument's refusals when it is not the row's. */
  prefix?: string;
}

/** A Float32Array whose buffer has been transferred away (length 0, detached). */
function detached32(): Float32Array {
  const a = new Float32Array(4);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

/** The bad values of a kind: label, value, and the spellings a message may use to name the value. */
function badValues(kind: Kind, valid: unknown): [string, unknown, string[]][] {
  const num = (v: number): [string, unknown, string[]] => [String(v), v, [String(v)]];
  const nil: [string, unknown, string[]][] = [['null', null, ['null']], ['undefined', undefined, ['undefined']]];
  const len = (valid as { length?: number })?.length ?? 4;
  switch (kind) {
    case 'count': return [num(NaN), num(Infinity), num(-1), num(0), num(1.5), ['"2"', '2', ['"2"', "'2'", 'string', ' 2']], ...nil];
    case 'countOrZero': return [num(NaN), num(Infinity), num(-1), num(1.5), ['"2"', '2', ['"2"', "'2'", 'string', ' 2']], ...nil];
    case 'real': return [num(NaN), num(Infinity), num(-Infinity), ['"1"', '1', ['"1"', "'1'", 'string', ' 1']], ...nil];
    case 'positive': return [num(NaN), num(Infinity), num(0), num(-1), ...nil];
    case 'probability': return [num(NaN), num(-0.5), num(1.5), ...nil];
    case 'f32': return [['Float64Array', new Float64Array(len), ['Float64Array']], ['number[]', new Array(len).fill(0), ['Array', 'array']], ['detached', detached32(), ['detached', 'length 0', 'Float32Array(0)', 'has length 0', ' 0']], ...nil];
    case 'f64': return [['Float32Array', new Float32Array(len), ['Float32Array']], ...nil];
    case 'vector': return [['string', 'abc', ['"abc"', "'abc'", 'string']], ['number', 3, ['3', 'number']], ...nil];
    case 'matrix': return [['Matrix64', matrix64(2, 2), ['Float64Array', 'Matrix64', 'float64']], ['plain object', { rows: 2 }, ['object', 'Object', 'undefined', 'data']], ...nil];
    case 'matrix64': return [['float32 Matrix', matrix(2, 2), ['Float32Array', 'Matrix']], ['plain object', { rows: 2 }, ['object', 'Object', 'undefined', 'data']], ...nil];
    case 'rng': return [['plain object', {}, ['object', 'Object', 'Rng']], ['number', 7, ['7', 'number', 'Rng']], ...nil];
    case 'function': return [['number', 3, ['3', 'number']], ['string', 'f', ['"f"', "'f'", 'string']], ...nil];
    case 'options': return [['string', 'x', ['"x"', "'x'", 'string', ' x']], ['number', 42, ['42', 'number']]];
    case 'bytes': return [['DataView', new DataView(new ArrayBuffer(8)), ['DataView']], ['number[]', [1, 2, 3], ['Array', 'array']], ['string', 'abc', ['"abc"', "'abc'", 'string']], ...nil];
    case 'any': return [];
  }
}

interface Row {
  args: Arg[];
  /** Message prefix when it is not "<name>: " (e.g. a method name). */
  prefix?: string;
  /** Releases what a call returned (the workers of a pool); run after every call that returned. */
  release?: (result: unknown) => unknown;
}

const a = (name: string, kind: Kind, valid: () => unknown, more: Partial<Arg> = {}): Arg => ({ name, kind, valid, ...more });
const rng = () => new Rng(1);
const f32 = (n: number) => () => new Float32Array(n).fill(0.5);
const f64 = (n: number) => () => new Float64Array(n).fill(0.5);
const m32 = (r: number, c: number) => () => matrix(r, c, new Float32Array(r * c).fill(0.25));
const m64 = (r: number, c: number, data?: number[]) => () => matrix64(r, c, data ?? Array.from({ length: r * c }, (_, k) => (k % (c + 1) === 0 ? 2 : 0.1)));
const spd = () => matrix64(2, 2, [4, 1, 1, 3]);
const stochastic = () => matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]);
const elementwise = (): Row => ({ args: [a('out', 'f32', f32(4)), a('x', 'f32', f32(4), { extra: [['length 3', f32(3), ['3']]] })] });
const decomposition = (extra: Partial<Arg> = {}): Row => ({ args: [a('a', 'matrix64', m64(3, 3), { extra: [['2x3', m64(2, 3), ['2x3']], ['NaN entry', () => matrix64(2, 2, [1, NaN, 0, 1]), ['NaN']]], ...extra })] });
const gauss2 = () => main.gaussianTarget([0, 0], [[1, 0.5], [0.5, 1]]);
const chains4 = () => [f64(8)().map((_, i) => Math.sin(i)), f64(8)().map((_, i) => Math.cos(i))];
const series = () => Float64Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.7) + (i % 3));

const net231 = () => main.createMLP([2, 3, 1], undefined, new Rng(1));
const wsFor = (rows: number) => () => main.createWorkspace(net231(), rows);
const forwarded = () => { const n = net231(); const ws = main.createWorkspace(n, 2); main.mlpForward(n, ws, m32(2, 2)()); return [n, ws] as const; };
const actForward = (extra: Arg[] = []): Row => ({ args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('z', 'matrix', m32(2, 3)), ...extra] });
const actBackward = (extra: Arg[] = []): Row => ({ args: [a('dZ', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('z', 'matrix', m32(2, 3)), a('a', 'matrix', m32(2, 3), { extra: [['3x3', m32(3, 3), ['3x3']]] }), a('dA', 'matrix', m32(2, 3), { extra: [['3x3', m32(3, 3), ['3x3']]] }), ...extra] });
const lossPair = (first: string): Row => ({ args: [a(first, 'matrix', m32(2, 3)), a('Y', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] })] });
const lossBack = (d: string, first: string): Row => ({ args: [a(d, 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a(first, 'matrix', m32(2, 3)), a('Y', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] })] });
const slope = a('slope', 'real', () => 0.1);
const activationArg = a('activation', 'any', () => 'relu', { extra: [['"gelu"', () => 'gelu', ['gelu']], ['null', () => null, ['null']]] });
const lossArg = a('loss', 'any', () => 'mse', { extra: [['"hinge"', () => 'hinge', ['hinge']], ['null', () => null, ['null']]] });

const vae21 = () => main.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1));
const vaeWs = (rows: number) => () => new main.VAEWorkspace(vae21(), rows);
const vaeForwarded = () => { const m = vae21(); const ws = new main.VAEWorkspace(m, 2); main.vaeForward(m, ws, m32(2, 2)(), m32(2, 1)()); return ws; };
const otherVae = () => main.VAE.create({ inputSize: 3, latentSize: 1, hidden: [] }, new Rng(1));
const vaeArg = a('model', 'any', vae21, { extra: [['null', () => null, ['null']], ['plain object', () => ({ inputSize: 2 }), ['Object']]] });
const ae = () => main.createAutoencoder({ inputSize: 2, codeSize: 1, hidden: [] }, new Rng(1));
const pair32 = (names: string[], r: number, c: number): Arg[] => names.map((n, i) => a(n, 'matrix', m32(r, c), i === 0 ? {} : { extra: [[`${r + 1}x${c}`, m32(r + 1, c), [`${r + 1}x${c}`]]] }));

const rbm32 = () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1));
const rbmArg = a('rbm', 'any', rbm32, { extra: [['null', () => null, ['null']], ['plain object', () => ({ nVisible: 3 }), ['Object', 'object']]] });
const binX = () => matrix(2, 3, [1, 0, 1, 0, 1, 0]);
const binH = () => matrix(2, 2, [1, 0, 0, 1]);
const visibleBatch = (name: string, rows = 2) => a(name, 'matrix', rows === 2 ? binX : m32(rows, 3), { extra: [[`${rows}x4`, m32(rows, 4), [`${rows}x4`]]] });
const hiddenBatch = (name: string) => a(name, 'matrix', binH, { extra: [['2x3', m32(2, 3), ['2x3']]] });
const exactOptions = a('options', 'options', () => ({ maxUnits: 20 }), { accepts: ['undefined'], extra: [['maxUnits 0', () => ({ maxUnits: 0 }), ['0'], 'maxUnits'], ['unknown key', () => ({ maxunits: 20 }), ['maxunits'], 'maxunits']] });
const phaseOut = a('out', 'any', () => main.createPhaseStatistics(rbm32()), { extra: [['null', () => null, ['null']], ['of a 4x2 RBM', () => main.createPhaseStatistics(main.BernoulliRBM.create(4, 2, 'glorot-normal', new Rng(1))), ['4', '8']]] });
const kindArg = a('kind', 'any', () => 'bernoulli', { extra: [['"ising"', () => 'ising', ['ising']], ['null', () => null, ['null']]] });
const rateArg = (name: string, valid: number) => a(name, 'positive', () => valid);

const paramArg = (name: string, more: Partial<Arg> = {}) => a(name, 'f32', f32(4), { accepts: ['Float64Array'], ...more });
const sameLength = (name: string) => paramArg(name, { extra: [['length 3', f32(3), ['3']]] });

const design = () => matrix64(4, 2, [1, 0, 1, 1, 1, 2, 1, 3]);
const designArg = a('X', 'matrix64', design, { extra: [['NaN entry', () => matrix64(2, 2, [1, NaN, 1, 1]), ['NaN']]] });
const targets = (name = 'y') => a(name, 'f64', () => Float64Array.from([1, 2, 2, 4]), { extra: [['length 3', f64(3), ['3']], ['NaN entry', () => Float64Array.from([1, NaN, 2, 4]), ['NaN']]] });
const coefficients = a('theta', 'f64', () => Float64Array.from([1, 0.5]), { extra: [['length 3', f64(3), ['3']]] });
const lambdaArg = a('lambda', 'positive', () => 0.1, { accepts: ['0'] });

const chainState = (...fields: string[]) => () => {
  const x = Float64Array.from([0.5, -0.5]);
  const st: Record<string, unknown> = { x, logp: gauss2().logDensity(x), acceptanceProbability: NaN };
  for (const f of fields) st[f] = f === 'grad' ? gauss2().gradLogDensity!(new Float64Array(2), x) : new Float64Array(2);
  return st;
};
const stateArg = (...fields: string[]) => a('state', 'any', chainState(...fields), { extra: [['null', () => null, ['null']], ['x of length 3', () => ({ ...chainState(...fields)(), x: f64(3)() }), ['3']], ['logp NaN', () => ({ ...chainState(...fields)(), logp: NaN }), ['NaN']]] });
const targetArg = a('target', 'any', gauss2, { extra: [['null', () => null, ['null']], ['dim 0', () => ({ dim: 0, logDensity: () => 0 }), ['0'], 'dim']] });
const gradTargetArg = a('target', 'any', gauss2, { extra: [['null', () => null, ['null']], ['no gradient', () => ({ dim: 2, logDensity: () => 0 }), ['gradLogDensity']]] });
const quadratic2 = () => ({ dim: 2, energy: (x: Float64Array) => 0.5 * (x[0] ** 2 + x[1] ** 2), gradEnergy: (o: Float64Array, x: Float64Array) => { o[0] = x[0]; o[1] = x[1]; return o; } });

const isingRun = () => main.runIsing(new main.IsingModel({ L: 4, T: 2, rng: new Rng(1) }), { update: 'metropolis', samples: 8 });

const wf22 = () => main.RbmWavefunction.create({ particles: 2, dims: 2, hidden: 2, initScale: 0.01 }, new Rng(1));
const wfArg = a('wf', 'any', wf22, { extra: [['null', () => null, ['null']], ['plain object', () => ({ nVisible: 4 }), ['Object']]] });
const hArg = a('h', 'any', () => main.harmonicOscillator({ omega: 1, interaction: 'coulomb' }), { extra: [['null', () => null, ['null']], ['omega 0', () => ({ omega: 0, interaction: 'none' }), ['0'], 'omega'], ['interaction "yukawa"', () => ({ omega: 1, interaction: 'yukawa' }), ['yukawa'], 'interaction']] });
const coords4 = (name = 'x') => a(name, 'f64', () => Float64Array.from([0.1, 0.2, -0.3, 0.4]), { extra: [['length 3', f64(3), ['3']]] });
const jastrowArg = a('jastrow', 'any', () => ({ kind: 'pade', cusp: 0.5 }), { extra: [['null', () => null, ['null']], ['kind "exp"', () => ({ kind: 'exp', cusp: 0.5 }), ['exp'], 'kind'], ['cusp NaN', () => ({ kind: 'pade', cusp: NaN }), ['NaN'], 'cusp']] });
const vmcOptions = (more: Record<string, unknown> = {}, extra: [string, () => unknown, string[], string?][] = []) => a('options', 'options', () => ({ sampler: main.importanceSampler(), walkers: 1, cycles: 8, equilibration: 2, ...more }), { extra: [['sampler null', () => ({ sampler: null, ...more }), ['null'], 'sampler'], ['walkers 0', () => ({ sampler: main.importanceSampler(), walkers: 0, ...more }), ['0'], 'walkers'], ['cycles 2', () => ({ sampler: main.importanceSampler(), cycles: 2, ...more }), ['2'], 'cycles'], ['unknown key', () => ({ sampler: main.importanceSampler(), walker: 1, ...more }), ['walker'], 'walker'], ...extra] });

const grey = () => ({ width: 2, height: 2, channels: 1, data: new Uint8Array([0, 255, 255, 0]) });
const imageArg = a('image', 'any', grey, { extra: [['null', () => null, ['null']], ['channels 2', () => ({ ...grey(), channels: 2 }), ['2'], 'channels'], ['data too short', () => ({ ...grey(), data: new Uint8Array(3) }), ['3']]] });
const plot = () => ({ series: [{ x: [1, 2, 3], y: [1, 4, 9], label: 'y' }], title: 't' });
const plotArg = a('options', 'options', plot, { extra: [['series null', () => ({ series: null }), ['null'], 'series'], ['NaN y', () => ({ series: [{ y: [1, NaN] }] }), ['NaN'], 'series'], ['unknown key', () => ({ ...plot(), titel: 'x' }), ['titel'], 'titel'], ['width 0', () => ({ ...plot(), width: 0 }), ['0'], 'width']] });
const tmpFile = (name: string) => () => join(tmpdir(), 'boltzmann-bad-arguments', name);

const energyNet = () => main.createMLP([2, 3, 1], undefined, new Rng(1));
const langevin = () => ({ steps: 2, stepSize: 0.1, noiseSd: 0.01 });

const actName = (name: string, valid: string) => a(name, 'any', () => valid, { accepts: ['undefined'], extra: [['"gelu"', () => 'gelu', ['gelu']], ['null', () => null, ['null']]] });
const p1 = () => ({ w1: 0.5, b1: 0.1 });
const p2 = () => ({ w1: 0.5, b1: 0.1, w2: -0.3, b2: 0.2 });
const p221 = (): main.Net221Params => ({ w1: [[0.1, 0.2], [0.3, 0.4]], b1: [0.1, -0.1], w2: [0.5, -0.5], b2: 0.2 });
const recordArg = (name: string, valid: () => unknown, key: string) => a(name, 'any', valid, { extra: [['null', () => null, ['null']], [`${key} NaN`, () => ({ ...(valid() as object), [key]: NaN }), ['NaN'], key]] });

const tfim4 = () => main.tfimChain({ n: 4, J: 1, h: 0.5 });
const chainArg = a('chain', 'any', tfim4, { extra: [['null', () => null, ['null']], ['n 1', () => ({ n: 1, J: 1, h: 1 }), ['1'], 'n'], ['h NaN', () => ({ n: 4, J: 1, h: NaN }), ['NaN'], 'h']] });
const psi4 = () => main.SpinRbmState.create(4, 1, new Rng(1));

const spins4 = () => Int8Array.from([1, -1, 1, 1]);
const psiArg = a('psi', 'any', psi4, { extra: [['null', () => null, ['null']], ['plain object', () => ({ n: 4, m: 4 }), ['Object']]] });
const tablesArg = a('tables', 'any', () => main.spinFlipTables(psi4()), { extra: [['null', () => null, ['null']], ['of another state', () => main.spinFlipTables(main.SpinRbmState.create(2, 1, new Rng(1))), ['4']]] });
const walkerArg = a('w', 'any', () => main.spinWalker(psi4(), spins4()), { extra: [['null', () => null, ['null']], ['spin 0', () => ({ ...main.spinWalker(psi4(), spins4()), s: Int8Array.from([1, 0, 1, 1]) }), ['0']]] });
const spinsArg = (float: boolean) => a('s', 'any', spins4, { extra: [['length 3', () => Int8Array.from([1, -1, 1]), ['3']], ['entry 0', () => Int8Array.from([1, 0, 1, 1]), ['0']], ['null', () => null, ['null']], ...(float ? [] : [['Float64Array', () => Float64Array.from([1, -1, 1, 1]), ['Float64Array']]] as [string, () => unknown, string[]][])] });
const siteArg = a('i', 'countOrZero', () => 2, { extra: [['4', () => 4, ['4']]] });

// one worker pool for every row that needs a valid pool (closed after the last test, so the process exits)
const pool = node.createWorkerPool({ size: 1 });
// the setBackend row selects 'ts' with its valid argument: the specs after this file get the backend they started with
const backendAtStart = main.getBackend();
test.after(async () => {
  main.setBackend(backendAtStart);
  await pool.close();
});
const poolArg = a('pool', 'any', () => pool, { extra: [['null', () => null, ['null']], ['undefined', () => undefined, ['undefined']], ['plain object', () => ({ size: 1 }), ['Object']]] });
// two walkers, so one batch runs here and one in the pool's worker
const parallelVmc = () => ({ sampler: main.importanceSampler(), walkers: 2, cycles: 4, equilibration: 1, iterations: 1, optimizer: new main.SGD({ lr: 0.01 }) });
const ho = () => main.harmonicOscillator({ omega: 1, interaction: 'coulomb' });
const walkerBatch = () => main.batchInputs(wf22(), ho(), main.importanceSampler(), main.createWalkers(wf22(), 1, new Rng(1)), 1, 1, 4, false)[0];
const walkerBatchArg = (name: string) => a(name, 'any', walkerBatch, { extra: [
  ['null', () => null, ['null']],
  ['wavefunction null', () => ({ ...walkerBatch(), wavefunction: null }), ['null'], 'wavefunction'],
  ['wavefunction params of length 3', () => ({ ...walkerBatch(), wavefunction: { ...wf22().toData(), params: f64(3)() } }), ['3'], 'wavefunction'],
  ['hamiltonian omega 0', () => ({ ...walkerBatch(), hamiltonian: { omega: 0, interaction: 'none' } }), ['Object'], 'hamiltonian'],
  ['sampler null', () => ({ ...walkerBatch(), sampler: null }), ['null'], 'sampler'],
  ['walkers null', () => ({ ...walkerBatch(), walkers: null }), ['null'], 'walkers'],
  ['walker x of length 3', () => ({ ...walkerBatch(), walkers: [{ x: f64(3)(), rngState: new Rng(1).state() }] }), ['Object'], 'walkers'],
  ['equilibration -1', () => ({ ...walkerBatch(), equilibration: -1 }), ['-1'], 'equilibration'],
  ['cycles 0', () => ({ ...walkerBatch(), cycles: 0 }), ['0'], 'cycles'],
  ['cycles 1.5', () => ({ ...walkerBatch(), cycles: 1.5 }), ['1.5'], 'cycles'],
  ['cycles NaN', () => ({ ...walkerBatch(), cycles: NaN }), ['NaN'], 'cycles'],
  ['gradient 1', () => ({ ...walkerBatch(), gradient: 1 }), ['1'], 'gradient'],
  ['density bins 0', () => ({ ...walkerBatch(), density: { bins: 0, extent: 2 } }), ['Object'], 'density'],
] });
const spinBatch = () => ({ state: psi4(), chain: tfim4(), chains: main.createSpinChains(4, 1, new Rng(2)), equilibration: 1, sweeps: 2 });
const spinBatchArg = (name: string) => a(name, 'any', spinBatch, { extra: [
  ['null', () => null, ['null']],
  ['state null', () => ({ ...spinBatch(), state: null }), ['null'], 'state'],
  ['state params of length 3', () => ({ ...spinBatch(), state: { n: 4, m: 1, params: f64(3)() } }), ['Object'], 'state'],
  ['chain of 5 sites', () => ({ ...spinBatch(), chain: main.tfimChain({ n: 5, J: 1, h: 1 }) }), ['Object'], 'chain'],
  ['chains null', () => ({ ...spinBatch(), chains: null }), ['null'], 'chains'],
  ['a chain of 3 spins', () => ({ ...spinBatch(), chains: main.createSpinChains(3, 1, new Rng(2)) }), ['Object'], 'chains'],
  ['a spin 0', () => ({ ...spinBatch(), chains: [{ s: Int8Array.from([1, 0, 1, 1]), rngState: new Rng(2).state() }] }), ['0'], 'chains'],
  ['equilibration -1', () => ({ ...spinBatch(), equilibration: -1 }), ['-1'], 'equilibration'],
  ['sweeps 0', () => ({ ...spinBatch(), sweeps: 0 }), ['0'], 'sweeps'],
  ['sweeps 1.5', () => ({ ...spinBatch(), sweeps: 1.5 }), ['1.5'], 'sweeps'],
] });

const ROWS: Record<string, Row> = {
  // ---- lib/linalg: storage ----
  matrix: { args: [a('rows', 'countOrZero', () => 2), a('cols', 'countOrZero', () => 2)] },
  zeros: { args: [a('rows', 'countOrZero', () => 2), a('cols', 'countOrZero', () => 2)] },
  matrix64: { args: [a('rows', 'countOrZero', () => 2), a('cols', 'countOrZero', () => 2)] },
  zeros64: { args: [a('rows', 'countOrZero', () => 2), a('cols', 'countOrZero', () => 2)] },
  identity64: { args: [a('n', 'countOrZero', () => 3)] },
  transpose: { args: [a('m', 'matrix', m32(2, 3), { extra: [], accepts: ['Matrix64'] })] },
  // ---- lib/linalg: kernels ----
  gemm: { args: [a('out', 'matrix', m32(2, 2), { extra: [['3x3', m32(3, 3), ['3x3']]] }), a('a', 'matrix', m32(2, 3)), a('b', 'matrix', m32(3, 2), { extra: [['4x2', m32(4, 2), ['4x2']]] })] },
  gemm64: { args: [a('out', 'matrix64', m64(2, 2)), a('a', 'matrix64', m64(2, 3)), a('b', 'matrix64', m64(3, 2), { extra: [['4x2', m64(4, 2), ['4x2']]] })] },
  gemv: { args: [a('out', 'f32', f32(2)), a('a', 'matrix', m32(2, 3)), a('x', 'f32', f32(3), { extra: [['length 2', f32(2), ['2']]] })] },
  ger: { args: [a('out', 'matrix', m32(2, 3)), a('x', 'f32', f32(2)), a('y', 'f32', f32(3), { extra: [['length 2', f32(2), ['2']]] }), a('alpha', 'real', () => 1, { accepts: ['undefined'] })] },
  axpy: { args: [a('out', 'vector', f32(3)), a('alpha', 'real', () => 2), a('x', 'vector', f32(3), { extra: [['length 2', f32(2), ['2']]] })] },
  dot: { args: [a('x', 'vector', f32(3)), a('y', 'vector', f32(3), { extra: [['length 2', f32(2), ['2']]] })] },
  scale: { args: [a('out', 'vector', f32(3)), a('x', 'vector', f32(3)), a('alpha', 'real', () => 2)] },
  sumRows: { args: [a('out', 'f32', f32(3)), a('a', 'matrix', m32(2, 3))] },
  sumCols: { args: [a('out', 'f32', f32(2)), a('a', 'matrix', m32(2, 3))] },
  addRowVector: { args: [a('out', 'matrix', m32(2, 3)), a('a', 'matrix', m32(2, 3)), a('v', 'f32', f32(3), { extra: [['length 2', f32(2), ['2']]] })] },
  sigmoid: elementwise(),
  exp: elementwise(),
  tanh: elementwise(),
  relu: elementwise(),
  softplus: elementwise(),
  logSigmoid: elementwise(),
  // ---- lib/linalg: dense float64 ----
  lu: decomposition(),
  determinant: decomposition(),
  inverse: decomposition(),
  cholesky: { args: [a('a', 'matrix64', spd, { extra: [['not positive definite', () => matrix64(2, 2, [1, 2, 2, 1]), ['positive definite']]] })] },
  qr: decomposition({ extra: [['NaN entry', () => matrix64(2, 2, [1, NaN, 0, 1]), ['NaN']]] }),
  symmetricEigen: { args: [a('a', 'matrix64', spd, { extra: [['asymmetric', () => matrix64(2, 2, [1, 2, 3, 1]), ['symmetric']]] })] },
  hessenberg: decomposition(),
  eigenvalues: decomposition(),
  eigenvectorFor: { args: [a('a', 'matrix64', stochastic), a('lambda', 'real', () => 1)] },
  svd: decomposition({ extra: [['NaN entry', () => matrix64(2, 2, [1, NaN, 0, 1]), ['NaN']]] }),
  solve: { args: [a('a', 'matrix64', m64(2, 2)), a('b', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] })] },
  choleskySolve: { args: [a('L', 'matrix64', () => main.cholesky(spd())), a('b', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] })] },
  leastSquares: { args: [a('a', 'matrix64', m64(3, 2)), a('b', 'f64', f64(3), { extra: [['length 2', f64(2), ['2']]] })] },
  // ---- lib/markov ----
  stationaryDistribution: { args: [a('W', 'matrix64', stochastic, { extra: [['columns not summing to 1', () => matrix64(2, 2, [0.5, 0.5, 0.6, 0.5]), ['column', 'sum']]] })] },
  transitionEigenvalues: { args: [a('W', 'matrix64', stochastic)] },
  closedClasses: { args: [a('W', 'matrix64', stochastic)] },
  randomWalkMatrix: { args: [a('n', 'count', () => 5), a('boundary', 'any', () => 'periodic', { extra: [['"open"', () => 'open', ['"open"', "'open'", 'open']]] })] },
  // ---- lib/mcmc ----
  gaussianTarget: { args: [a('mean', 'vector', () => [0, 0]), a('covariance', 'any', () => [[1, 0.5], [0.5, 1]], { extra: [['not positive definite', () => [[1, 2], [2, 1]], ['positive definite', '-3']]] })] },
  bananaTarget: { args: [a('b', 'real', () => 1)] },
  rwmSampler: { args: [a('options', 'options', () => ({ stepSize: 1 }), { extra: [['stepSize -1', () => ({ stepSize: -1 }), ['-1'], 'stepSize'], ['stepSize NaN', () => ({ stepSize: NaN }), ['NaN'], 'stepSize']] })] },
  hmcSampler: { args: [a('options', 'options', () => ({ stepSize: 0.2 }), { extra: [['leapfrogSteps 0', () => ({ leapfrogSteps: 0 }), ['0'], 'leapfrogSteps'], ['jitter 1', () => ({ jitter: 1 }), ['1'], 'jitter']] })] },
  malaSampler: { args: [a('options', 'options', () => ({ stepSize: 0.2 }), { extra: [['stepSize 0', () => ({ stepSize: 0 }), ['0'], 'stepSize']] })] },
  ulaSampler: { args: [a('options', 'options', () => ({ stepSize: 0.2 }), { extra: [['stepSize Infinity', () => ({ stepSize: Infinity }), ['Infinity'], 'stepSize']] })] },
  mhSampler: { args: [a('proposal', 'any', () => main.autoregressiveProposal({ mean: [0, 0], sd: [1, 1], rho: 0 }), { extra: [['null', () => null, ['null']], ['no dim', () => ({ sample: () => 0, logDensity: () => 0 }), ['dim', 'undefined']]] })] },
  runChains: {
    args: [
      a('sampler', 'any', () => main.rwmSampler(), { extra: [['null', () => null, ['null']]] }),
      a('target', 'any', gauss2, { extra: [['null', () => null, ['null']], ['dim 0', () => ({ dim: 0, logDensity: () => 0 }), ['dim', '0']]] }),
      a('options', 'any', () => ({ chains: 1, warmup: 2, samples: 5, x0: new Float64Array(2) }), {
        extra: [['chains 0', () => ({ chains: 0, warmup: 2, samples: 5, x0: new Float64Array(2) }), ['0'], 'chains'], ['samples 1.5', () => ({ chains: 1, warmup: 2, samples: 1.5, x0: new Float64Array(2) }), ['1.5'], 'samples'], ['x0 length 3', () => ({ chains: 1, warmup: 2, samples: 5, x0: new Float64Array(3) }), ['3'], 'x0']],
      }),
      a('rng', 'rng', rng),
    ],
  },
  randomWalkMetropolis: { args: [a('target', 'any', gauss2, { extra: [['null', () => null, ['null']]] }), a('x0', 'f64', f64(2)), a('stepSize', 'positive', () => 1), a('nSteps', 'count', () => 10), a('rng', 'rng', rng)] },
  // ---- lib/mcmc: diagnostics and FFT ----
  autocorrelation: { args: [a('x', 'vector', series, { extra: [['NaN entry', () => [1, NaN, 2], ['NaN']]] })] },
  integratedAutocorrTime: { args: [a('x', 'vector', series, { extra: [['NaN entry', () => [1, 2, NaN, 4, 5], ['NaN']]] })] },
  effectiveSampleSize: { args: [a('x', 'vector', series, { extra: [['length 3', () => [1, 2, 3], ['3']]] })] },
  blockingError: { args: [a('x', 'vector', series, { extra: [['Infinity entry', () => [1, 2, Infinity, 4], ['Infinity']]] })] },
  inverseNormalCdf: { args: [a('p', 'probability', () => 0.3)] },
  splitRHat: { args: [a('chains', 'vector', chains4, { extra: [['unequal lengths', () => [f64(8)(), f64(7)()], ['7', '8']]] })] },
  bulkEffectiveSampleSize: { args: [a('chains', 'vector', chains4, { extra: [['empty', () => [], ['empty']]] })] },
  tailEffectiveSampleSize: { args: [a('chains', 'vector', chains4, { extra: [['too short', () => [f64(3)()], ['3']]] })] },
  meanEffectiveSampleSize: { args: [a('chains', 'vector', chains4, { extra: [['too short', () => [f64(3)()], ['3']]] })] },
  mcseMean: { args: [a('chains', 'vector', chains4, { extra: [['NaN entry', () => [[1, NaN, 2, 3]], ['NaN'], 'chain']] })] },
  mcseSd: { args: [a('chains', 'vector', chains4, { extra: [['NaN entry', () => [[1, NaN, 2, 3]], ['NaN'], 'chain']] })] },
  summarize: { args: [a('chains', 'vector', chains4, { extra: [['empty', () => [], ['empty']]] }), a('names', 'any', () => undefined), a('options', 'options', () => ({}), { extra: [['pool 3', () => ({ pool: 3 }), ['3'], 'pool']] })] },
  mapDraws: { args: [a('chains', 'vector', () => [{ samples: f64(4)(), nSamples: 2, dim: 2 }]), a('f', 'function', () => (x: Float64Array) => x[0])] },
  fft: { args: [a('re', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), a('im', 'f64', f64(4), { extra: [['length 2', f64(2), ['2', '4']]] })] },
  ifft: { args: [a('re', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), a('im', 'f64', f64(4))] },
  nextPowerOfTwo: { args: [a('n', 'count', () => 5)] },
  circularAutocorrelation: { args: [a('x', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] })] },
  // ---- file formats ----
  loadRBM: { args: [a('bytes', 'bytes', () => main.saveRBM(main.BernoulliRBM.create(2, 2, 'glorot-normal', new Rng(1))))] },
  loadMLP: { args: [a('bytes', 'bytes', () => main.saveMLP(main.createMLP([2, 1], undefined, new Rng(1))))] },
  loadVAE: { args: [a('bytes', 'bytes', () => main.saveVAE(main.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1))))] },
  readIdx: { args: [a('bytes', 'bytes', () => new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 5, 6]))] },
  // ---- batch 2: markov, mcmc helpers, small utilities ----
  evolve: { args: [a('out', 'f64', f64(3)), a('W', 'matrix64', stochastic), a('p', 'f64', () => Float64Array.from([0.2, 0.3, 0.5]), { extra: [['length 2', f64(2), ['2']]] })] },
  evolveSteps: { args: [a('out', 'f64', f64(3)), a('W', 'matrix64', stochastic), a('p0', 'f64', () => Float64Array.from([0.2, 0.3, 0.5])), a('steps', 'countOrZero', () => 3)] },
  matrixPower: { args: [a('out', 'matrix64', m64(3, 3)), a('W', 'matrix64', stochastic), a('n', 'countOrZero', () => 2)] },
  assertColumnStochastic: { args: [a('W', 'matrix64', stochastic, { extra: [['column sum 1.1', () => matrix64(2, 2, [0.6, 0.5, 0.5, 0.5]), ['column', '1.1']]] })] },
  assertDistribution: { args: [a('p', 'f64', () => Float64Array.from([0.25, 0.75]), { extra: [['sum 1.5', () => Float64Array.from([0.75, 0.75]), ['1.5']]] })] },
  balanceResidual: { args: [a('W', 'matrix64', stochastic), a('pi', 'f64', () => Float64Array.from([0.25, 0.5, 0.25]), { extra: [['length 2', f64(2), ['2']]] })] },
  detailedBalanceResidual: { args: [a('W', 'matrix64', stochastic), a('pi', 'f64', () => Float64Array.from([0.25, 0.5, 0.25]), { extra: [['length 2', f64(2), ['2']]] })] },
  metropolisMatrix: { args: [a('p', 'f64', () => Float64Array.from([1, 2, 3])), a('T', 'matrix64', stochastic, { extra: [['2x2 with T[0][0] = 2', m64(2, 2), ['2x2', '= 2']]] })] },
  metropolisAcceptance: { args: [a('p', 'f64', () => Float64Array.from([1, 2, 3])), a('T', 'matrix64', stochastic, { extra: [['2x2 with T[0][0] = 2', m64(2, 2), ['2x2', '= 2']]] })] },
  autoregressiveProposal: { args: [a('options', 'options', () => ({ mean: [0], sd: [1], rho: 0.5 }), { extra: [['rho 1', () => ({ mean: [0], sd: [1], rho: 1 }), ['1'], 'rho'], ['sd 0', () => ({ mean: [0], sd: [0], rho: 0 }), ['0'], 'sd']] })] },
  mixtureTarget1d: { args: [a('options', 'options', () => ({ means: [0, 1], sds: [1, 1], weights: [1, 1] }), { extra: [['sds 0', () => ({ means: [0, 1], sds: [1, 0], weights: [1, 1] }), ['0'], 'sds']] })] },
  chainColumn: { args: [a('chain', 'any', () => ({ samples: f64(4)(), nSamples: 2, dim: 2 })), a('k', 'countOrZero', () => 1, { extra: [['k = dim', () => 2, ['2']]] })] },
  integratedAutocorrTimeDetails: { args: [a('x', 'vector', series, { extra: [['too short', () => [1, 2, 3], ['3']]] })] },
  formatSummary: { args: [a('rows', 'any', () => [], { extra: [['string', () => 'rows', []], ['null', () => null, []]] })] },
  ulaStationaryVariance: { args: [a('lambda', 'positive', () => 0.5, { extra: [['4', () => 4, ['4']]] })] },
  rank: { args: [a('a', 'matrix64', m64(3, 3))] },
  logSumExp: { args: [a('x', 'vector', () => [1, 2, 3])] },
  setBackend: { args: [a('name', 'any', () => 'ts', { extra: [['"gpu"', () => 'gpu', ['gpu'], 'backend'], ['null', () => null, ['null'], 'backend']] })] },
  klDivergenceDiscrete: { args: [a('p', 'vector', () => [0.5, 0.5]), a('q', 'vector', () => [0.25, 0.75], { extra: [['length 3', () => [0.2, 0.3, 0.5], ['3']]] })] },
  gibbsSampler: { args: [a('updates', 'any', () => main.gaussianConditionals([0, 0], [[1, 0.5], [0.5, 1]]), { extra: [['empty', () => [], []], ['null', () => null, ['null']]] })] },
  gaussianConditionals: { args: [a('mean', 'vector', () => [0, 0]), a('covariance', 'any', () => [[1, 0.5], [0.5, 1]], { extra: [['3x3', () => [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ['3x3']]] })] },
  // ---- batch 3: across the library ----
  fromEnergy: { args: [a('model', 'any', () => ({ dim: 1, energy: (x: Float64Array) => x[0] * x[0] }), { extra: [['null', () => null, ['null']], ['dim 0', () => ({ dim: 0, energy: () => 0 }), ['0'], 'dim']] })] },
  logAcceptance: { args: [a('logpNew', 'any', () => -1), a('logpOld', 'any', () => -2)] },
  discreteMetropolisHastings: { args: [a('logp', 'vector', () => [0, 1, 2]), a('T', 'matrix64', stochastic, { extra: [['2x2', m64(2, 2), ['2x2']]] }), a('start', 'countOrZero', () => 0, { extra: [['3', () => 3, ['3']]] }), a('nSteps', 'count', () => 10), a('rng', 'rng', rng)] },
  gibbsChain: { args: [a('state', 'any', () => new Int32Array([0, 0]), { extra: [['Float64Array', () => new Float64Array(2), ['Float64Array']]] }), a('conditionals', 'any', () => [{ size: 2, weights: (o: Float64Array) => { o[0] = 1; o[1] = 1; return o; } }, { size: 2, weights: (o: Float64Array) => { o[0] = 1; o[1] = 2; return o; } }], { extra: [['null', () => null, ['null']]] }), a('nSweeps', 'count', () => 3), a('rng', 'rng', rng)] },
  saveRBM: { args: [a('rbm', 'any', () => main.BernoulliRBM.create(2, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']], ['plain object', () => ({ nVisible: 2 }), ['Object', 'object']]] })] },
  saveMLP: { args: [a('net', 'any', () => main.createMLP([2, 1], undefined, new Rng(1)), { extra: [['null', () => null, ['null']]] })] },
  saveVAE: { args: [a('model', 'any', () => main.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1)), { extra: [['null', () => null, ['null']]] })] },
  freeEnergy: { args: [a('out', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(2, 3), { extra: [['2x4', m32(2, 4), ['2x4']]] })] },
  logPartitionExact: { args: [a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] })] },
  isingExact: { args: [a('L', 'count', () => 2), a('T', 'positive', () => 2)] },
  isingKaufman: { args: [a('L', 'count', () => 4), a('T', 'positive', () => 2)] },
  onsagerEnergyPerSpin: { args: [a('T', 'positive', () => 2)] },
  onsagerMagnetization: { args: [a('T', 'positive', () => 2)] },
  onsagerHeatCapacityPerSpin: { args: [a('T', 'positive', () => 2)] },
  barsAndStripes: { args: [a('n', 'count', () => 3)] },
  splitmix32: { args: [a('x', 'any', () => 7, { extra: [['NaN', () => NaN, ['NaN']], ['2^32', () => 2 ** 32, ['4294967296']], ['1.5', () => 1.5, ['1.5']], ['"7"', () => '7', ['7']]] })] },
  aisSchedule: { args: [a('schedule', 'any', () => 10, { extra: [['NaN', () => NaN, ['NaN'], 'steps'], ['0', () => 0, ['0'], 'steps'], ['1.5', () => 1.5, ['1.5'], 'steps'], ['null', () => null, ['null'], 'steps'], ['"linear"', () => 'linear', ['linear'], 'steps']] })] },
  trainTestSplit: { args: [a('X', 'matrix64', m64(4, 2)), a('y', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), a('testFraction', 'probability', () => 0.25), a('rng', 'rng', rng)] },
  ols: { args: [a('X', 'matrix64', m64(4, 2)), a('y', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] })] },
  ridge: { args: [a('X', 'matrix64', m64(4, 2)), a('y', 'f64', f64(4)), a('lambda', 'real', () => 0.1, { extra: [['-1', () => -1, ['-1']]] }), a('options', 'options', () => ({ method: 'qr' }), { accepts: ['undefined'], extra: [['method lu', () => ({ method: 'lu' }), ['lu'], 'method'], ['penalizeIntercept 1', () => ({ penalizeIntercept: 1 }), ['1'], 'penalizeIntercept']] })] },
  designMatrix: { args: [a('columns', 'any', () => [[1, 2, 3], [4, 5, 6]], { extra: [['unequal', () => [[1, 2, 3], [4, 5]], ['2', '3'], 'column'], ['null', () => null, ['null']]] })] },
  // ---- batch 4: training and models ----
  hiddenProbabilities: { args: [a('out', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(2, 3), { extra: [['2x4', m32(2, 4), ['2x4']]] })] },
  visibleProbabilities: { args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('H', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] })] },
  sampleHiddenGivenVisible: { args: [a('out', 'matrix', m32(2, 2)), a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(2, 3)), a('rng', 'rng', rng)] },
  sampleVisibleGivenHidden: { args: [a('out', 'matrix', m32(2, 3)), a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('H', 'matrix', m32(2, 2)), a('rng', 'rng', rng)] },
  klFromEmpirical: { args: [a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('data', 'matrix', () => matrix(2, 3, [1, 0, 1, 0, 1, 0]), { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] })] },
  trainRBM: {
    args: [
      a('rbm', 'any', () => main.BernoulliRBM.create(3, 2, 'glorot-normal', new Rng(1)), { extra: [['null', () => null, ['null']]] }),
      a('data', 'matrix', () => matrix(2, 3, [1, 0, 1, 0, 1, 0]), { extra: [['2x4', m32(2, 4), ['2x4', '4']]] }),
      a('options', 'options', () => ({ method: 'cd', epochs: 1, batchSize: 2, learningRate: 0.1 }), { extra: [['epochs 0', () => ({ method: 'cd', epochs: 0 }), ['0'], 'epochs'], ['learningRate -1', () => ({ method: 'cd', epochs: 1, learningRate: -1 }), ['-1'], 'learningRate']] }),
      a('rng', 'rng', rng),
    ],
  },
  createMLP: { args: [a('sizes', 'any', () => [2, 3, 1], { extra: [['[2, 0]', () => [2, 0], ['0']], ['null', () => null, ['null']]] }), a('options', 'any', () => undefined), a('rng', 'rng', rng)] },
  mlpPredict: { args: [a('net', 'any', () => main.createMLP([2, 1], undefined, new Rng(1)), { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(3, 2), { extra: [['3x3', m32(3, 3), ['3x3', '3']]] })] },
  trainVAE: {
    args: [
      a('model', 'any', () => main.VAE.create({ inputSize: 2, latentSize: 1, hidden: [] }, new Rng(1)), { extra: [['null', () => null, ['null']]] }),
      a('data', 'matrix', () => matrix(4, 2, [1, 0, 0, 1, 1, 1, 0, 0]), { extra: [['4x3', m32(4, 3), ['4x3', '3']]] }),
      a('options', 'options', () => ({ epochs: 1, batchSize: 2 }), { extra: [['epochs 0', () => ({ epochs: 0 }), ['0'], 'epochs']] }),
      a('rng', 'rng', rng),
    ],
  },
  runIsing: { args: [a('model', 'any', () => new main.IsingModel({ L: 4, T: 2, rng: new Rng(1) }), { extra: [['null', () => null, ['null']]] }), a('options', 'options', () => ({ update: 'metropolis', samples: 2 }), { extra: [['samples 0', () => ({ update: 'metropolis', samples: 0 }), ['0'], 'samples'], ['sweepsPerSample 1.5', () => ({ samples: 2, sweepsPerSample: 1.5 }), ['1.5'], 'sweepsPerSample']] })] },
  // ---- batch 5: lib/nn ----
  identityForward: actForward(),
  sigmoidForward: actForward(),
  tanhForward: actForward(),
  reluForward: actForward(),
  softmaxForward: actForward(),
  leakyReluForward: actForward([slope]),
  identityBackward: actBackward(),
  sigmoidBackward: actBackward(),
  tanhBackward: actBackward(),
  reluBackward: actBackward(),
  softmaxBackward: actBackward(),
  leakyReluBackward: actBackward([slope]),
  activationForward: { args: [...actForward().args, activationArg] },
  activationBackward: { args: [...actBackward().args, activationArg] },
  mseForward: lossPair('A'),
  bceWithLogitsForward: lossPair('Z'),
  softmaxCrossEntropyForward: lossPair('Z'),
  mseBackward: lossBack('dA', 'A'),
  bceWithLogitsBackward: lossBack('dZ', 'Z'),
  softmaxCrossEntropyBackward: lossBack('dZ', 'Z'),
  lossForward: { args: [lossArg, ...lossPair('out').args] },
  lossBackward: { args: [lossArg, ...lossBack('dOut', 'out').args] },
  oneHot: { args: [a('out', 'matrix', m32(2, 3), { accepts: ['Matrix64'] }), a('labels', 'any', () => [2, 0], { extra: [['length 3', () => [0, 1, 2], ['3']], ['[3, 0]', () => [3, 0], ['3']], ['[0.5, 0]', () => [0.5, 0], ['0.5']], ['null', () => null, ['null']]] })] },
  accuracy: { args: [a('outputs', 'matrix', m32(2, 3), { accepts: ['Matrix64'] }), a('targets', 'matrix', m32(2, 3), { accepts: ['Matrix64'], extra: [['2x2', m32(2, 2), ['2x2']]] })] },
  denseForward: { args: [a('Z', 'matrix', m32(2, 3), { extra: [['3x3', m32(3, 3), ['3x3']]] }), a('Aprev', 'matrix', m32(2, 2), { extra: [['2x4', m32(2, 4), ['2x4']]] }), a('W', 'matrix', m32(2, 3)), a('b', 'f32', f32(3), { accepts: ['Float64Array'], extra: [['Float64Array', f64(3), ['float64']], ['length 2', f32(2), ['2']]] }), a('gemm32', 'function', () => undefined, { accepts: ['undefined'] })] },
  denseBackward: { args: [a('dW', 'matrix', m32(2, 3), { accepts: ['null'], extra: [['3x3', m32(3, 3), ['3x3']]] }), a('db', 'f32', f32(3), { accepts: ['Float64Array', 'null'], extra: [['Float64Array', f64(3), ['float64']], ['length 2', f32(2), ['2']]] }), a('dAprev', 'matrix', m32(4, 2), { accepts: ['null'], extra: [['3x3', m32(3, 3), ['3x3']]] }), a('dZ', 'matrix', m32(4, 3)), a('Aprev', 'matrix', m32(4, 2), { extra: [['4x3', m32(4, 3), ['4x3']]] }), a('W', 'matrix', m32(2, 3)), a('accumulate', 'any', () => false, { extra: [['1', () => 1, ['number', '1']]] }), a('gemm32', 'function', () => undefined, { accepts: ['undefined'] })] },
  initWeights: { args: [a('W', 'matrix', m32(2, 3), { accepts: ['Matrix64'] }), a('scheme', 'any', () => 'he', { extra: [['"glorot"', () => 'glorot', ['glorot']], ['null', () => null, ['null']]] }), a('rng', 'rng', rng)] },
  mlpParameterCount: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']], ['plain object', () => ({ sizes: [2] }), ['Object', 'object']]] })] },
  mlpParameters: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']], ['plain object', () => ({ sizes: [2] }), ['Object', 'object']]] })] },
  createGradient: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']], ['plain object', () => ({ sizes: [2] }), ['Object', 'object']]] })] },
  createWorkspace: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']]] }), a('maxRows', 'count', () => 4), a('options', 'options', () => ({}), { accepts: ['undefined'], extra: [['gemm32 3', () => ({ gemm32: 3 }), ['3'], 'gemm32'], ['unknown key', () => ({ gem32: 3 }), ['gem32'], 'gem32']] })] },
  mlpForward: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']], ['[2, 2, 1] network', () => main.createMLP([2, 2, 1], undefined, new Rng(1)), ['2, 2, 1']]] }), a('ws', 'any', wsFor(4), { extra: [['null', () => null, ['null']], ['plain object', () => ({}), ['Object']]] }), a('X', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']], ['5x2 (more rows than ws)', m32(5, 2), ['5']]] })] },
  mlpBackward: { args: [a('net', 'any', () => forwarded()[0], { extra: [['null', () => null, ['null']]] }), a('ws', 'any', () => forwarded()[1], { extra: [['null', () => null, ['null']], ['no forward pass yet', wsFor(2), ['forward']]] }), a('grad', 'any', () => main.createGradient(net231()), { extra: [['plain object', () => ({}), ['Object']]] }), a('dOut', 'matrix', m32(2, 1), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('dInput', 'matrix', () => null, { accepts: ['null', 'undefined'], extra: [['3x3', m32(3, 3), ['3x3']]] }), a('accumulate', 'any', () => false, { extra: [['1', () => 1, ['number', '1']]] })] },
  gradcheck: { args: [a('cost', 'function', () => () => 0), a('params', 'any', () => [f64(2)()], { extra: [['null', () => null, ['null']], ['[number[]]', () => [[1, 2]], ['Array']]] }), a('grads', 'any', () => [f64(2)()], { extra: [['length 3 entry', () => [f64(3)()], ['3']], ['null', () => null, ['null']]] }), a('options', 'options', () => ({ h: 1e-6 }), { accepts: ['undefined'], extra: [['h 0', () => ({ h: 0 }), ['0'], 'h'], ['h NaN', () => ({ h: NaN }), ['NaN'], 'h']] })] },
  trainStep: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']]] }), a('ws', 'any', wsFor(4), { extra: [['null', () => null, ['null']], ['for another network', () => main.createWorkspace(main.createMLP([2, 2, 1], undefined, new Rng(1)), 4), ['2, 2, 1']]] }), a('grad', 'any', () => main.createGradient(net231()), { extra: [['null', () => null, ['null']], ['plain object', () => ({}), ['Object']], ['of another network', () => main.createGradient(main.createMLP([2, 2, 1], undefined, new Rng(1))), ['2x2']]] }), a('X', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']], ['5x2', m32(5, 2), ['5']]] }), a('Y', 'matrix', m32(2, 1), { extra: [['3x1', m32(3, 1), ['3x1']]] }), a('options', 'options', () => ({ loss: 'mse', optimizer: new main.SGD({ lr: 0.1 }) }), { extra: [['loss "hinge"', () => ({ loss: 'hinge', optimizer: new main.SGD({ lr: 0.1 }) }), ['hinge'], 'loss'], ['l2 -1', () => ({ loss: 'mse', optimizer: new main.SGD({ lr: 0.1 }), l2: -1 }), ['-1'], 'l2'], ['optimizer null', () => ({ loss: 'mse', optimizer: null }), ['null'], 'optimizer']] })] },
  trainMLP: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(4, 2), { extra: [['4x3', m32(4, 3), ['4x3']], ['NaN entry', () => matrix(4, 2, [0, NaN, 0, 0, 0, 0, 0, 0]), ['NaN']]] }), a('Y', 'matrix', m32(4, 1), { extra: [['3x1', m32(3, 1), ['3x1']]] }), a('options', 'options', () => ({ loss: 'mse', optimizer: new main.SGD({ lr: 0.1 }), epochs: 1, batchSize: 2 }), { extra: [['epochs 0', () => ({ loss: 'mse', optimizer: new main.SGD({ lr: 0.1 }), epochs: 0, batchSize: 2 }), ['0'], 'epochs'], ['batchSize 1.5', () => ({ loss: 'mse', optimizer: new main.SGD({ lr: 0.1 }), epochs: 1, batchSize: 1.5 }), ['1.5'], 'batchSize'], ['optimizer null', () => ({ loss: 'mse', optimizer: null, epochs: 1, batchSize: 2 }), ['null'], 'optimizer']] }), a('rng', 'rng', rng)] },
  mlpEnergy: { args: [a('net', 'any', net231, { extra: [['null', () => null, ['null']], ['two outputs', () => main.createMLP([2, 2], undefined, new Rng(1)), ['2']]] })] },
  // ---- batch 6: lib/vae ----
  klDiagonalGaussianToStandard: { args: [a('out', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), ...pair32(['mu', 'logSigma'], 2, 1)] },
  klDiagonalGaussianToStandardBackward: { args: [...pair32(['dMu', 'dLogSigma', 'mu', 'logSigma'], 2, 1), a('scale', 'real', () => 1)] },
  reparameterizeForward: { args: pair32(['outZ', 'mu', 'logSigma', 'eps'], 2, 1) },
  reparameterizeBackward: { args: pair32(['dMu', 'dLogSigma', 'dZ', 'logSigma', 'eps'], 2, 1) },
  logNormalDiagonal: { args: [a('z', 'vector', f64(2), { extra: [['NaN entry', () => [NaN, 0], ['NaN']]] }), a('mu', 'vector', f64(2), { accepts: ['null'], extra: [['length 3', f64(3), ['3']]] }), a('logSigma', 'vector', f64(2), { accepts: ['null'], extra: [['length 3', f64(3), ['3']]] })] },
  klGaussians: { args: [a('mu0', 'f64', f64(2), { extra: [['NaN entry', () => Float64Array.from([NaN, 0]), ['NaN']]] }), a('sigma0', 'matrix64', spd, { extra: [['3x3', m64(3, 3), ['3x3']], ['not positive definite', () => matrix64(2, 2, [1, 2, 2, 1]), ['positive definite']]] }), a('mu1', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('sigma1', 'matrix64', spd, { extra: [['3x3', m64(3, 3), ['3x3']]] })] },
  bernoulliNegLogLikelihood: { args: [a('out', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), ...pair32(['x', 'logits'], 2, 2)] },
  bernoulliNegLogLikelihoodBackward: { args: [...pair32(['dLogits', 'x', 'logits'], 2, 2), a('scale', 'real', () => 1)] },
  gaussianNegLogLikelihood: { args: [a('out', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), ...pair32(['x', 'mean'], 2, 2), a('sigma2', 'positive', () => 0.5)] },
  gaussianNegLogLikelihoodBackward: { args: [...pair32(['dMean', 'x', 'mean'], 2, 2), a('sigma2', 'positive', () => 0.5), a('scale', 'real', () => 1)] },
  linearGaussianLogMarginal: { args: [a('x', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('W', 'matrix64', m64(2, 1), { extra: [['3x1', m64(3, 1), ['3x1']]] }), a('c', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('sigma2', 'positive', () => 0.5)] },
  linearGaussianPosterior: { args: [a('x', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('W', 'matrix64', m64(2, 1), { extra: [['3x1', m64(3, 1), ['3x1']]] }), a('c', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('sigma2', 'positive', () => 0.5)] },
  linearGaussianElbo: { args: [a('x', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('W', 'matrix64', m64(2, 1), { extra: [['3x1', m64(3, 1), ['3x1']]] }), a('c', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('sigma2', 'positive', () => 0.5), a('qMean', 'f64', f64(1), { extra: [['length 2', f64(2), ['2']]] }), a('qCov', 'matrix64', m64(1, 1), { extra: [['2x2', m64(2, 2), ['2x2']], ['not positive definite', () => matrix64(1, 1, [-1]), ['-1']]] })] },
  vaeEncode: { args: [vaeArg, a('ws', 'any', vaeWs(4), { extra: [['null', () => null, ['null']], ['for another shape', () => new main.VAEWorkspace(otherVae(), 4), ['3']]] }), a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']], ['5x2', m32(5, 2), ['5']]] })] },
  vaeDecode: { args: [vaeArg, a('ws', 'any', vaeWs(4), { extra: [['null', () => null, ['null']], ['for another shape', () => new main.VAEWorkspace(otherVae(), 4), ['3']]] }), a('z', 'matrix', m32(2, 1), { extra: [['2x2', m32(2, 2), ['2x2']], ['5x1', m32(5, 1), ['5']]] })] },
  vaeForward: { args: [vaeArg, a('ws', 'any', vaeWs(4), { extra: [['null', () => null, ['null']], ['for another shape', () => new main.VAEWorkspace(otherVae(), 4), ['3']]] }), a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('eps', 'matrix', m32(2, 1), { extra: [['3x1', m32(3, 1), ['3x1']]] })] },
  vaeBackward: { args: [vaeArg, a('ws', 'any', vaeForwarded, { extra: [['null', () => null, ['null']], ['no forward pass yet', vaeWs(2), ['forward']]] }), a('grad', 'any', () => new main.VAEGradient(vae21()), { extra: [['null', () => null, ['null']], ['of another shape', () => new main.VAEGradient(otherVae()), ['3']]] }), a('scale', 'real', () => 0.5)] },
  vaeLoss: { args: [vaeArg, a('ws', 'any', vaeWs(4), { extra: [['null', () => null, ['null']]] }), a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('rng', 'rng', rng)] },
  evaluateLoss: { args: [vaeArg, a('ws', 'any', vaeWs(4), { extra: [['null', () => null, ['null']]] }), a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('rng', 'rng', rng)] },
  logMarginalImportance: { args: [vaeArg, a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('k', 'count', () => 3), a('rng', 'rng', rng), a('ws', 'any', () => undefined, { extra: [['plain object', () => ({}), ['Object']], ['for another shape', () => new main.VAEWorkspace(otherVae(), 4), ['3']]] })] },
  logMarginalMonteCarlo: { args: [vaeArg, a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), a('nSamples', 'count', () => 3), a('rng', 'rng', rng), a('ws', 'any', () => undefined, { extra: [['plain object', () => ({}), ['Object']], ['for another shape', () => new main.VAEWorkspace(otherVae(), 4), ['3']]] })] },
  createAutoencoder: { args: [a('options', 'options', () => ({ inputSize: 2, codeSize: 1, hidden: [3] }), { extra: [['inputSize 0', () => ({ inputSize: 0, codeSize: 1 }), ['0'], 'inputSize'], ['codeSize 1.5', () => ({ inputSize: 2, codeSize: 1.5 }), ['1.5'], 'codeSize'], ['hidden [0]', () => ({ inputSize: 2, codeSize: 1, hidden: [0] }), ['0'], 'hidden'], ['unknown key', () => ({ inputSize: 2, codeSize: 1, hiden: [] }), ['hiden'], 'hiden']] }), a('rng', 'rng', rng)] },
  autoencoderCodeLayer: { args: [a('net', 'any', ae, { extra: [['null', () => null, ['null']], ['plain object', () => ({ sizes: [2] }), ['Object']], ['even number of layers', () => main.createMLP([2, 1], undefined, new Rng(1)), ['2, 1']]] })] },
  autoencoderForward: { args: [a('net', 'any', ae, { extra: [['null', () => null, ['null']]] }), a('x', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] })] },
  trainAutoencoder: { args: [a('net', 'any', ae, { extra: [['null', () => null, ['null']]] }), a('data', 'matrix', m32(4, 2), { extra: [['4x3', m32(4, 3), ['4x3']]] }), a('options', 'options', () => ({ epochs: 1, batchSize: 2 }), { extra: [['epochs 0', () => ({ epochs: 0 }), ['0'], 'epochs'], ['learningRate -1', () => ({ epochs: 1, learningRate: -1 }), ['-1'], 'learningRate'], ['loss "hinge"', () => ({ epochs: 1, loss: 'hinge' }), ['hinge'], 'loss'], ['unknown key', () => ({ epochs: 1, lr: 0.1 }), ['lr'], 'lr']] }), a('rng', 'rng', rng)] },
  // ---- batch 7: lib/rbm ----
  energy: { args: [rbmArg, a('x', 'vector', () => [1, 0, 1], { extra: [['length 2', () => [1, 0], ['2']], ['entry 2', () => [1, 2, 0], ['2']]] }), a('h', 'vector', () => [0, 1], { extra: [['length 3', () => [0, 1, 0], ['3']], ['entry NaN', () => [NaN, 1], ['NaN']]] })] },
  freeEnergyHidden: { args: [rbmArg, a('h', 'vector', () => [0, 1], { extra: [['length 3', () => [0, 1, 0], ['3']], ['entry 0.5', () => [0.5, 1], ['0.5']]] })] },
  logUnnormalizedMarginalVisible: { args: [rbmArg, a('x', 'vector', () => [1, 0, 1], { extra: [['length 2', () => [1, 0], ['2']], ['entry NaN', () => [1, NaN, 0], ['NaN']]] })] },
  logUnnormalizedMarginalHidden: { args: [rbmArg, a('h', 'vector', () => [0, 1], { extra: [['length 3', () => [0, 1, 0], ['3']], ['entry 0.5', () => [0.5, 1], ['0.5']]] })] },
  hiddenInput: { args: [a('out', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), rbmArg, visibleBatch('X')] },
  hiddenMeans: { args: [a('out', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), rbmArg, visibleBatch('X')] },
  visibleInput: { args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), rbmArg, hiddenBatch('H')] },
  visibleMean: { args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), rbmArg, hiddenBatch('H')] },
  sampleHiddenFromProbabilities: { args: [a('out', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), rbmArg, a('P', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']], ['entry 1.5', () => matrix(2, 2, [0, 1.5, 0, 0]), ['1.5']]] }), a('rng', 'rng', rng)] },
  sampleVisibleFromProbabilities: { args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), rbmArg, a('P', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']], ['entry NaN', () => matrix(2, 3, [0, NaN, 0, 0, 0, 0]), ['NaN']]] }), a('rng', 'rng', rng)] },
  gibbsStep: { args: [a('outX', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('outH', 'matrix', m32(2, 2), { extra: [['2x3', m32(2, 3), ['2x3']]] }), rbmArg, visibleBatch('X'), a('rng', 'rng', rng)] },
  blockGibbs: { args: [a('outX', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), rbmArg, visibleBatch('X0'), a('k', 'countOrZero', () => 2), a('rng', 'rng', rng)] },
  createRBMGradient: { args: [rbmArg] },
  cdUpdate: { args: [a('out', 'any', () => main.createRBMGradient(rbm32()), { extra: [['null', () => null, ['null']], ['of a 4x2 RBM', () => main.createRBMGradient(main.BernoulliRBM.create(4, 2, 'glorot-normal', new Rng(1))), ['4']]] }), rbmArg, visibleBatch('X0'), hiddenBatch('H0'), visibleBatch('Xk'), hiddenBatch('Hk')] },
  initVisibleBiasFromData: { args: [rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] })] },
  reconstructionError: { args: [a('V0', 'matrix', m32(2, 3)), a('Vk', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('norm', 'any', () => 'l1', { extra: [['"l3"', () => 'l3', ['l3']], ['null', () => null, ['null']]] })] },
  binarizeData: { args: [a('out', 'matrix', m32(2, 3), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('X', 'matrix', m32(2, 3), { extra: [['entry 1.5', () => matrix(2, 3, [0, 1.5, 0, 0, 0, 0]), ['1.5']]] }), a('mode', 'any', () => 'sample', { extra: [['"round"', () => 'round', ['round']], ['null', () => null, ['null']]] }), a('rng', 'rng', rng)] },
  contrastiveDivergence: { args: [rbmArg, visibleBatch('data'), a('options', 'options', () => ({ epochs: 1, batchSize: 2, learningRate: 0.1 }), { extra: [['epochs 0', () => ({ epochs: 0 }), ['0'], 'epochs'], ['learningRate NaN', () => ({ epochs: 1, learningRate: NaN }), ['NaN'], 'learningRate'], ['method pcd', () => ({ epochs: 1, method: 'pcd' }), ['method']], ['unknown key', () => ({ epochs: 1, epoch: 1 }), ['epoch'], 'epoch']] }), a('rng', 'rng', rng)] },
  persistentContrastiveDivergence: { args: [rbmArg, visibleBatch('data'), a('options', 'options', () => ({ epochs: 1, batchSize: 2, learningRate: 0.1 }), { extra: [['epochs 1.5', () => ({ epochs: 1.5 }), ['1.5'], 'epochs'], ['method cd', () => ({ epochs: 1, method: 'cd' }), ['method']]] }), a('rng', 'rng', rng)] },
  averageLogLikelihood: { args: [rbmArg, visibleBatch('data'), a('logZ', 'real', () => 3)] },
  freeEnergyGap: { args: [rbmArg, visibleBatch('trainSubset'), visibleBatch('heldOut')] },
  pseudoLogLikelihood: { args: [rbmArg, visibleBatch('data'), a('rng', 'rng', rng)] },
  logLikelihoodExact: { args: [rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] }), exactOptions] },
  negativeLogLikelihoodExact: { args: [rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] }), exactOptions] },
  visibleDistributionExact: { args: [rbmArg, exactOptions] },
  hiddenDistributionExact: { args: [rbmArg, exactOptions] },
  visibleKernelExact: { args: [rbmArg] },
  modelExpectationExact: { args: [rbmArg, a('f', 'function', () => (x: readonly number[]) => x[0])] },
  enumerateJoint: { args: [rbmArg, a('options', 'options', () => ({ maxUnits: 20 }), { accepts: ['undefined'], extra: [['maxUnits -1', () => ({ maxUnits: -1 }), ['-1'], 'maxUnits'], ['labels of 2', () => ({ labels: ['a', 'b'] }), ['2'], 'labels']] })] },
  positivePhaseExact: { args: [phaseOut, rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] })] },
  negativePhaseExact: { args: [phaseOut, rbmArg, exactOptions] },
  logLikelihoodGradientExact: { args: [phaseOut, rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] }), exactOptions] },
  costGradientExact: { args: [phaseOut, rbmArg, a('data', 'matrix', binX, { accepts: ['Matrix64'], extra: [['2x4', m32(2, 4), ['2x4', '4']]] }), exactOptions] },
  createPhaseStatistics: { args: [rbmArg] },
  configurationFromIndex: { args: [a('out', 'f64', f64(3), { accepts: ['Float32Array'], extra: [['string', () => 'abc', ['"abc"', 'string']]] }), a('index', 'countOrZero', () => 5, { extra: [['8', () => 8, ['8']]] }), kindArg] },
  indexOfConfiguration: { args: [a('x', 'vector', () => [1, 0, 1], { extra: [['entry 2', () => [1, 2, 0], ['2']]] }), kindArg] },
  logPartitionBase: { args: [kindArg, a('baseBias', 'f64', f64(3), { extra: [['entry NaN', () => Float64Array.from([0, NaN, 0]), ['NaN']]] }), a('nHidden', 'count', () => 2)] },
  aisEstimate: { args: [a('logWeights', 'f64', () => Float64Array.from([0.1, 0.2, 0.3]), { extra: [['empty', () => new Float64Array(0), ['0', 'empty']], ['entry NaN', () => Float64Array.from([0.1, NaN]), ['NaN']]] }), a('logZBase', 'real', () => 1)] },
  logPartitionAIS: { args: [rbmArg, a('options', 'options', () => ({ runs: 2, betas: 10, rng: new Rng(1) }), { extra: [['runs 0', () => ({ runs: 0, betas: 10, rng: new Rng(1) }), ['0'], 'runs'], ['betas 1.5', () => ({ runs: 2, betas: 1.5, rng: new Rng(1) }), ['1.5']], ['rng null', () => ({ runs: 2, betas: 10, rng: null }), ['null'], 'rng'], ['unknown key', () => ({ runs: 2, betas: 10, rng: new Rng(1), run: 1 }), ['run'], 'run']] })] },
  exponentialDecay: { args: [rateArg('lr0', 0.1), a('gamma', 'positive', () => 0.9, { extra: [['1.5', () => 1.5, ['1.5']]] })] },
  inverseTimeDecay: { args: [rateArg('lr0', 0.1), rateArg('tau', 10)] },
  linearDecay: { args: [rateArg('lr0', 0.1), a('lrEnd', 'positive', () => 0.01, { accepts: ['0'] }), a('epochs', 'count', () => 10)] },
  // ---- batch 8: lib/optim ----
  sgdStep: { args: [paramArg('params'), sameLength('grads'), a('lr', 'positive', () => 0.1)] },
  momentumStep: { args: [paramArg('params'), sameLength('grads'), sameLength('velocity'), a('lr', 'positive', () => 0.1), a('gamma', 'probability', () => 0.9, { extra: [['1', () => 1, ['1']]] })] },
  adagradStep: { args: [paramArg('params'), sameLength('grads'), sameLength('sumSquares'), a('lr', 'positive', () => 0.1), a('eps', 'positive', () => 1e-8, { accepts: ['undefined'] })] },
  rmspropStep: { args: [paramArg('params'), sameLength('grads'), sameLength('meanSquare'), a('lr', 'positive', () => 0.1), a('rho', 'probability', () => 0.9, { accepts: ['undefined'], extra: [['1', () => 1, ['1']]] }), a('eps', 'positive', () => 1e-8, { accepts: ['undefined'] })] },
  createAdamState: { args: [a('paramsOrLength', 'any', () => 4, { extra: [['-1', () => -1, ['-1']], ['1.5', () => 1.5, ['1.5']], ['NaN', () => NaN, ['NaN']], ['null', () => null, ['null']], ['number[]', () => [1, 2], ['Array']], ['"4"', () => '4', ['"4"', 'string']]] })] },
  adamStep: { args: [paramArg('params'), sameLength('grads'), a('state', 'any', () => main.createAdamState(4), { extra: [['null', () => null, ['null']], ['of length 3', () => main.createAdamState(3), ['3']], ['t -1', () => ({ ...main.createAdamState(4), t: -1 }), ['-1']]] }), a('lr', 'positive', () => 0.1), a('beta1', 'probability', () => 0.9, { accepts: ['undefined'], extra: [['1', () => 1, ['1']]] }), a('beta2', 'probability', () => 0.999, { accepts: ['undefined'], extra: [['1', () => 1, ['1']]] }), a('eps', 'positive', () => 1e-8, { accepts: ['undefined'] })] },
  addWeightDecay: { args: [paramArg('grads'), sameLength('params'), a('lambda', 'positive', () => 0.1, { accepts: ['0'] })] },
  shufflePermutation: { args: [a('out', 'any', () => new Uint32Array(4), { extra: [['Int32Array', () => new Int32Array(4), ['Int32Array']], ['null', () => null, ['null']], ['number[]', () => [0, 1], ['Array']]] }), a('rng', 'rng', rng)] },
  shuffledBatches: { args: [a('n', 'countOrZero', () => 5), a('batchSize', 'count', () => 2), a('rng', 'rng', rng), a('options', 'options', () => ({ dropLast: true }), { accepts: ['undefined'], extra: [['order of length 3', () => ({ order: new Uint32Array(3) }), ['3'], 'order'], ['dropLast 1', () => ({ dropLast: 1 }), ['1'], 'dropLast'], ['unknown key', () => ({ droplast: true }), ['droplast'], 'droplast']] })] },
  // ---- batch 9: lib/regression ----
  predictLinear: { args: [designArg, coefficients] },
  mse: { args: [designArg, targets(), coefficients] },
  r2: { args: [designArg, targets(), coefficients] },
  normalEquations: { args: [designArg, targets()] },
  interceptColumn: { args: [designArg] },
  polynomialFeatures2D: { args: [a('x0', 'vector', () => [1, 2, 3], { extra: [['NaN entry', () => [1, NaN, 3], ['NaN']]] }), a('x1', 'vector', () => [4, 5, 6], { extra: [['length 2', () => [4, 5], ['2']]] }), a('degree', 'countOrZero', () => 2)] },
  softThreshold: { args: [a('z', 'real', () => 3), a('t', 'positive', () => 1, { accepts: ['0'] })] },
  lasso: { args: [designArg, targets(), lambdaArg, a('options', 'options', () => ({ tol: 1e-10 }), { accepts: ['undefined'], extra: [['tol 0', () => ({ tol: 0 }), ['0'], 'tol'], ['maxIter 1.5', () => ({ maxIter: 1.5 }), ['1.5'], 'maxIter'], ['start length 3', () => ({ start: f64(3)() }), ['3'], 'start'], ['penalizeIntercept 1', () => ({ penalizeIntercept: 1 }), ['1'], 'penalizeIntercept'], ['unknown key', () => ({ maxiter: 10 }), ['maxiter'], 'maxiter']] })] },
  lassoKktViolation: { args: [designArg, a('r', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), coefficients, lambdaArg, a('free', 'any', () => 0, { extra: [['-2', () => -2, ['-2']], ['2', () => 2, ['2']], ['0.5', () => 0.5, ['0.5']], ['NaN', () => NaN, ['NaN']], ['null', () => null, ['null']]] })] },
  ridgeSvd: { args: [designArg, targets(), lambdaArg, a('options', 'options', () => ({ penalizeIntercept: true }), { accepts: ['undefined'], extra: [['penalizeIntercept 1', () => ({ penalizeIntercept: 1 }), ['1'], 'penalizeIntercept'], ['unknown key', () => ({ intercept: true }), ['intercept'], 'intercept']] })] },
  crossValidate: { args: [designArg, targets(), a('lambdas', 'vector', () => [0, 0.1], { extra: [['empty', () => [], ['empty', 'Array(0)']], ['NaN entry', () => [0, NaN], ['NaN']]] }), a('fit', 'function', () => (X: main.Matrix64, y: Float64Array, l: number) => main.ridge(X, y, l)), a('options', 'options', () => ({ k: 2 }), { accepts: ['undefined'], extra: [['k 1', () => ({ k: 1 }), ['1'], 'k'], ['k 5', () => ({ k: 5 }), ['5'], 'k']] }), a('rng', 'rng', rng)] },
  // ---- batch 10: lib/mcmc step kernels ----
  leapfrog: { args: [a('x', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('p', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('grad', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), gradTargetArg, a('stepSize', 'positive', () => 0.1), a('steps', 'count', () => 3)] },
  hmcStep: { args: [stateArg('grad', 'xNew', 'gradNew', 'momentum'), gradTargetArg, a('stepSize', 'positive', () => 0.1), a('steps', 'count', () => 3), a('rng', 'rng', rng)] },
  malaStep: { args: [stateArg('grad', 'xNew', 'gradNew'), gradTargetArg, a('lambda', 'positive', () => 0.2), a('rng', 'rng', rng)] },
  malaLogProposal: { args: [a('to', 'f64', f64(2)), a('from', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('gradFrom', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('lambda', 'positive', () => 0.2)] },
  ulaStep: { args: [a('out', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('x', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('model', 'any', quadratic2, { extra: [['null', () => null, ['null']], ['no gradEnergy', () => ({ dim: 2, energy: () => 0 }), ['gradEnergy']]] }), a('lambda', 'positive', () => 0.2), a('rng', 'rng', rng)] },
  randomWalkMetropolisStep: { args: [stateArg('xNew'), targetArg, a('stepSize', 'positive', () => 0.5), a('rng', 'rng', rng)] },
  metropolisHastingsStep: { args: [stateArg('xNew'), targetArg, a('proposal', 'any', () => main.autoregressiveProposal({ mean: [0, 0], sd: [1, 1], rho: 0 }), { extra: [['null', () => null, ['null']], ['1-dimensional', () => main.autoregressiveProposal({ mean: [0], sd: [1], rho: 0 }), ['1']]] }), a('rng', 'rng', rng)] },
  gibbsSweep: { args: [a('state', 'any', () => new Int32Array([0, 0]), { extra: [['Float64Array', () => new Float64Array(2), ['Float64Array']], ['value 2', () => new Int32Array([0, 2]), ['2']]] }), a('conditionals', 'any', () => [{ size: 2, weights: (o: Float64Array) => { o[0] = 1; o[1] = 1; return o; } }, { size: 2, weights: (o: Float64Array) => { o[0] = 1; o[1] = 2; return o; } }], { extra: [['null', () => null, ['null']], ['one', () => [{ size: 2, weights: (o: Float64Array) => o }], ['1']]] }), a('rng', 'rng', rng), a('scratch', 'f64', f64(2), { accepts: ['undefined'], extra: [['length 1', f64(1), ['1']]] })] },
  // ---- batch 11: lib/data, lib/ising ----
  barsAndStripesCount: { args: [a('n', 'count', () => 3, { extra: [['31', () => 31, ['31']]] })] },
  barsAndStripesDistribution: { args: [a('n', 'count', () => 2, { extra: [['6', () => 6, ['6']]] })] },
  isBarsAndStripes: { args: [a('x', 'vector', () => [1, 1, 0, 0], { extra: [['length 3', () => [1, 1, 0], ['3']], ['entry 2', () => [1, 2, 0, 0], ['2']]] }), a('n', 'count', () => 2)] },
  completeEllipticK: { args: [a('k', 'probability', () => 0.5, { extra: [['"0.5"', () => '0.5', ['"0.5"', 'string']]] })] },
  completeEllipticE: { args: [a('k', 'probability', () => 0.5, { extra: [['"0.5"', () => '0.5', ['"0.5"', 'string']]] })] },
  isingObservables: { args: [a('run', 'any', isingRun, { extra: [['null', () => null, ['null']], ['plain object', () => ({}), ['Object']], ['3 samples', () => ({ ...isingRun(), energy: f64(3)(), magnetization: f64(3)() }), ['3']]] }), a('model', 'any', () => new main.IsingModel({ L: 4, T: 2, rng: new Rng(1) }), { extra: [['plain object', () => ({ N: 16, T: 2 }), ['Object']], ['T 3', () => new main.IsingModel({ L: 4, T: 3, rng: new Rng(1) }), ['3']]] })] },
  // ---- batch 12: lib/vmc ----
  harmonicOscillator: { args: [a('options', 'options', () => ({ omega: 1, interaction: 'coulomb' }), { extra: [['omega 0', () => ({ omega: 0 }), ['0'], 'omega'], ['omega NaN', () => ({ omega: NaN }), ['NaN'], 'omega'], ['interaction "yukawa"', () => ({ omega: 1, interaction: 'yukawa' }), ['yukawa'], 'interaction'], ['unknown key', () => ({ omega: 1, mass: 1 }), ['mass'], 'mass']] })] },
  metropolisSampler: { args: [a('options', 'options', () => ({ stepSize: 0.5 }), { accepts: ['undefined'], extra: [['stepSize 0', () => ({ stepSize: 0 }), ['0'], 'stepSize'], ['unknown key', () => ({ step: 1 }), ['step'], 'step']] })] },
  importanceSampler: { args: [a('options', 'options', () => ({ timeStep: 0.01 }), { accepts: ['undefined'], extra: [['timeStep -1', () => ({ timeStep: -1 }), ['-1'], 'timeStep'], ['unknown key', () => ({ dt: 1 }), ['dt'], 'dt']] })] },
  trapPotential: { args: [hArg, a('x', 'f64', f64(4))] },
  interactionEnergy: { args: [hArg, coords4(), a('particles', 'count', () => 2, { extra: [['3', () => 3, ['3']]] }), a('dims', 'count', () => 2)] },
  localEnergy: { args: [wfArg, hArg, coords4()] },
  logPsi: { args: [wfArg, coords4()] },
  twoElectronDotEnergy: { args: [a('omega', 'positive', () => 1), a('options', 'options', () => ({ points: 200 }), { accepts: ['undefined'], extra: [['points 50', () => ({ points: 50 }), ['50'], 'points'], ['interaction "yukawa"', () => ({ points: 200, interaction: 'yukawa' }), ['yukawa'], 'interaction'], ['unknown key', () => ({ n: 200 }), ['n'], 'n']] })] },
  createWalkers: { args: [wfArg, a('count', 'count', () => 2), a('rng', 'rng', rng)] },
  estimateEnergy: { args: [wfArg, hArg, vmcOptions(), a('rng', 'rng', rng)] },
  optimizeWavefunction: { args: [wfArg, hArg, vmcOptions({ iterations: 1, optimizer: new main.SGD({ lr: 0.01 }) }, [['iterations 0', () => ({ sampler: main.importanceSampler(), iterations: 0, optimizer: new main.SGD({ lr: 0.01 }) }), ['0'], 'iterations'], ['optimizer null', () => ({ sampler: main.importanceSampler(), iterations: 1, optimizer: null }), ['null'], 'optimizer']]), a('rng', 'rng', rng)] },
  // ---- batch 13: lib/io ----
  textWidth: { args: [a('text', 'any', () => 'T = 2', { extra: [['null', () => null, ['null']], ['number', () => 3, ['3', 'number']]] }), a('scale', 'count', () => 2, { accepts: ['undefined'] })] },
  drawText: { args: [imageArg, a('text', 'any', () => 'a', { extra: [['null', () => null, ['null']], ['number', () => 3, ['3', 'number']]] }), a('x', 'real', () => 0, { extra: [['1.5', () => 1.5, ['1.5']]] }), a('y', 'real', () => 0, { extra: [['1.5', () => 1.5, ['1.5']]] }), a('options', 'options', () => ({ color: 255 }), { accepts: ['undefined'], extra: [['color 300', () => ({ color: 300 }), ['300'], 'color'], ['scale 0', () => ({ scale: 0 }), ['0'], 'scale'], ['unknown key', () => ({ colour: 1 }), ['colour'], 'colour']] })] },
  padImage: { args: [imageArg, a('margins', 'options', () => ({ top: 1, left: 2 }), { extra: [['top -1', () => ({ top: -1 }), ['-1'], 'top'], ['value 300', () => ({ value: 300 }), ['300'], 'value'], ['unknown key', () => ({ up: 1 }), ['up'], 'up']] })] },
  withAxes: { args: [imageArg, a('options', 'options', () => ({ x: [0, 1], y: [0, 1], xLabel: 'x' }), { extra: [['x reversed', () => ({ x: [1, 0], y: [0, 1] }), ['1,0', '1, 0'], 'x'], ['y NaN', () => ({ x: [0, 1], y: [0, NaN] }), ['NaN'], 'y'], ['unknown key', () => ({ x: [0, 1], y: [0, 1], label: 'l' }), ['label'], 'label']] })] },
  greyImageFromFloats: { args: [a('values', 'vector', () => [0, 0.5, 1, 0.25], { extra: [['length 3', () => [0, 0.5, 1], ['3']], ['NaN entry', () => [0, NaN, 1, 0], ['NaN']]] }), a('width', 'count', () => 2), a('height', 'count', () => 2), a('options', 'options', () => ({ min: 0, max: 1 }), { extra: [['min > max', () => ({ min: 1, max: 0 }), ['1', '0'], 'min'], ['outOfRange "wrap"', () => ({ min: 0, max: 1, outOfRange: 'wrap' }), ['wrap'], 'outOfRange'], ['unknown key', () => ({ min: 0, max: 1, low: 0 }), ['low'], 'low']] })] },
  imageGrid: { args: [a('tiles', 'matrix', m32(3, 4), { accepts: ['Matrix64'], extra: [['3x5', m32(3, 5), ['3x5']], ['empty', () => [], ['empty']]] }), a('tileWidth', 'count', () => 2), a('tileHeight', 'count', () => 2), a('columns', 'count', () => 2), a('options', 'options', () => ({ padding: 1 }), { accepts: ['undefined'], extra: [['padding -1', () => ({ padding: -1 }), ['-1'], 'padding'], ['padValue 300', () => ({ padValue: 300 }), ['300'], 'padValue'], ['normalize "max"', () => ({ normalize: 'max' }), ['max'], 'normalize'], ['unknown key', () => ({ pad: 1 }), ['pad'], 'pad']] })] },
  encodePng: { args: [imageArg, a('options', 'options', () => ({ deflate: 'stored' }), { accepts: ['undefined'], extra: [['deflate "gzip"', () => ({ deflate: 'gzip' }), ['gzip'], 'deflate'], ['unknown key', () => ({ compress: 1 }), ['compress'], 'compress']] })] },
  linePlot: { args: [plotArg] },
  scatterPlot: { args: [a('options', 'options', () => ({ ...plot(), radius: 2 }), { extra: [['radius 0', () => ({ ...plot(), radius: 0 }), ['0'], 'radius'], ['series null', () => ({ series: null }), ['null'], 'series'], ['unknown key', () => ({ ...plot(), size: 2 }), ['size'], 'size']] })] },
  writePng: { args: [a('path', 'any', tmpFile('a.png'), { extra: [['empty', () => '', ['""', 'empty']], ['null', () => null, ['null']], ['number', () => 3, ['3', 'number']]] }), imageArg, a('options', 'options', () => ({ deflate: 'fixed' }), { accepts: ['undefined'], extra: [['deflate "gzip"', () => ({ deflate: 'gzip' }), ['gzip'], 'deflate']] })] },
  writeSvg: { args: [a('path', 'any', tmpFile('a.svg'), { extra: [['empty', () => '', ['""', 'empty']], ['null', () => null, ['null']], ['number', () => 3, ['3', 'number']]] }), a('svg', 'any', () => main.linePlot(plot()), { extra: [['not svg', () => 'hello', ['hello']], ['null', () => null, ['null']], ['number', () => 3, ['3', 'number']]] })] },
  // ---- batch 14: lib/ebm ----
  ulaSettings: { args: [a('lambda', 'positive', () => 0.1), a('steps', 'countOrZero', () => 10)] },
  langevinChains: { args: [a('net', 'any', energyNet, { extra: [['null', () => null, ['null']], ['two outputs', () => main.createMLP([2, 2], undefined, new Rng(1)), ['2']]] }), a('ws', 'any', () => main.createWorkspace(energyNet(), 4), { extra: [['null', () => null, ['null']]] }), a('X', 'matrix', m32(3, 2), { extra: [['3x3', m32(3, 3), ['3x3']], ['5x2', m32(5, 2), ['5']]] }), a('G', 'matrix', m32(3, 2), { extra: [['2x2', m32(2, 2), ['2x2']]] }), a('ones', 'matrix', () => matrix(3, 1, [1, 1, 1]), { extra: [['3x2', m32(3, 2), ['3x2']]] }), a('settings', 'options', langevin, { extra: [['steps -1', () => ({ ...langevin(), steps: -1 }), ['-1'], 'steps'], ['stepSize 0', () => ({ ...langevin(), stepSize: 0 }), ['0'], 'stepSize'], ['noiseSd NaN', () => ({ ...langevin(), noiseSd: NaN }), ['NaN'], 'noiseSd'], ['clamp reversed', () => ({ ...langevin(), clamp: [1, -1] }), ['1', '-1'], 'clamp'], ['unknown key', () => ({ ...langevin(), step: 1 }), ['step'], 'step']] }), a('rng', 'rng', rng)] },
  contrastiveLossForward: { args: [a('ePos', 'vector', () => [0.5, -0.5], { extra: [['NaN entry', () => [NaN, 0], ['NaN']], ['empty', () => [], ['empty', 'Array(0)', ' 0']]] }), a('eNeg', 'vector', () => [1, 2], { extra: [['length 3', () => [1, 2, 3], ['3']]] }), a('alpha', 'positive', () => 0.1, { accepts: ['0'] })] },
  contrastiveLossBackward: { args: [a('dPos', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), a('dNeg', 'f64', f64(2), { accepts: ['Float32Array'], extra: [['length 3', f64(3), ['3']]] }), a('ePos', 'vector', () => [0.5, -0.5], { extra: [['NaN entry', () => [NaN, 0], ['NaN']]] }), a('eNeg', 'vector', () => [1, 2], { extra: [['length 3', () => [1, 2, 3], ['3']]] }), a('alpha', 'positive', () => 0.1, { accepts: ['0'] })] },
  trainEBM: { args: [a('net', 'any', energyNet, { extra: [['null', () => null, ['null']]] }), a('data', 'matrix', m32(4, 2), { extra: [['4x3', m32(4, 3), ['4x3']]] }), a('options', 'options', () => ({ ...main.fosterPreset(), epochs: 1, batchSize: 2, langevin: langevin(), bufferSize: 8 }), { extra: [['epochs 0', () => ({ ...main.fosterPreset(), epochs: 0, batchSize: 2 }), ['0'], 'epochs'], ['langevin null', () => ({ ...main.fosterPreset(), epochs: 1, batchSize: 2, langevin: null }), ['null'], 'langevin'], ['unknown key', () => ({ ...main.fosterPreset(), epochs: 1, batchSize: 2, epoch: 1 }), ['epoch'], 'epoch']] }), a('rng', 'rng', rng)] },
  // ---- batch 15: the scalar networks of lib/nn ----
  scalarActivation: { args: [a('f', 'any', () => 'tanh', { extra: [['"gelu"', () => 'gelu', ['gelu']], ['null', () => null, ['null']]] }), a('z', 'real', () => 0.5)] },
  scalarActivationDerivative: { args: [a('f', 'any', () => 'tanh', { extra: [['"gelu"', () => 'gelu', ['gelu']], ['null', () => null, ['null']]] }), a('z', 'real', () => 0.5), a('a', 'real', () => 0.4)] },
  perceptronForward: { args: [a('x', 'real', () => 1), recordArg('p', p1, 'w1'), actName('sigma1', 'sigmoid')] },
  perceptronBackward: { args: [a('x', 'real', () => 1), a('y', 'real', () => 0), recordArg('f', () => main.perceptronForward(1, p1()), 'z1'), actName('sigma1', 'identity')] },
  oneHiddenForward: { args: [a('x', 'real', () => 1), recordArg('p', p2, 'b2'), actName('sigma1', 'sigmoid'), actName('sigma2', 'identity')] },
  oneHiddenBackward: { args: [a('y', 'real', () => 0), recordArg('p', p2, 'w2'), recordArg('f', () => main.oneHiddenForward(1, p2()), 'a1'), actName('sigma1', 'sigmoid'), actName('sigma2', 'identity')] },
  net221Forward: { args: [a('x', 'any', () => [1, 2], { extra: [['null', () => null, ['null']], ['[1, NaN]', () => [1, NaN], ['NaN']], ['length 3', () => [1, 2, 3], ['Array(3)']]] }), recordArg('p', p221, 'b2'), actName('sigma1', 'sigmoid'), actName('sigma2', 'identity')] },
  net221Backward: { args: [a('y', 'real', () => 0), recordArg('p', p221, 'w2'), recordArg('f', () => main.net221Forward([1, 2], p221()), 'a2'), actName('sigma1', 'sigmoid'), actName('sigma2', 'identity')] },
  net221Update: { args: [recordArg('p', p221, 'b1'), recordArg('g', () => main.net221Backward(0, p221(), main.net221Forward([1, 2], p221())), 'db2'), a('eta', 'real', () => 0.1)] },
  // ---- batch 16: across the library ----
  fromArray2D: { args: [a('rowsArray', 'any', () => [[1, 2], [3, 4]], { extra: [['null', () => null, ['null']], ['ragged', () => [[1, 2], [3]], ['1', '2']]] }), a('precision', 'any', () => 'float64', { accepts: ['undefined'], extra: [['"float16"', () => 'float16', ['float16']], ['null', () => null, ['null']]] })] },
  toArray2D: { args: [a('m', 'matrix', m32(2, 3), { accepts: ['Matrix64'] })] },
  copy: { args: [a('m', 'matrix', m32(2, 3), { accepts: ['Matrix64'] })] },
  log: elementwise(),
  sparseGemm: { args: [a('out', 'matrix', m32(2, 2), { extra: [['3x3', m32(3, 3), ['3x3']]] }), a('a', 'matrix', m32(2, 3)), a('b', 'matrix', m32(3, 2), { extra: [['4x2', m32(4, 2), ['4x2']]] }), a('options', 'options', () => ({ maxDensity: 0.5 }), { accepts: ['undefined'], extra: [['maxDensity 2', () => ({ maxDensity: 2 }), ['2'], 'maxDensity'], ['unknown key', () => ({ density: 0.5 }), ['density'], 'density']] })] },
  masterEquationStep: { args: [a('out', 'f64', f64(3), { extra: [['length 2', f64(2), ['2']]] }), a('pPrev', 'f64', () => Float64Array.from([0.2, 0.3, 0.5]), { extra: [['length 2', f64(2), ['2']]] }), a('T', 'matrix64', stochastic), a('A', 'matrix64', () => matrix64(3, 3, [1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1]), { extra: [['2x2', m64(2, 2), ['2x2']]] }), a('form', 'any', () => 'eq2', { accepts: ['undefined'], extra: [['"eq4"', () => 'eq4', ['eq4']], ['null', () => null, ['null']]] })] },
  logJointUnnormalized: { args: [rbmArg, a('x', 'vector', () => [1, 0, 1], { extra: [['length 2', () => [1, 0], ['2']]] }), a('h', 'vector', () => [0, 1], { extra: [['length 3', () => [0, 1, 0], ['3']]] })] },
  phaseStatistics: { args: [a('out', 'any', () => main.createRBMGradient(rbm32()), { extra: [['null', () => null, ['null']]] }), rbmArg, visibleBatch('X'), hiddenBatch('H')] },
  quadraticSurface: { args: [a('x0', 'real', () => 1), a('x1', 'real', () => 2)] },
  quadraticSurfaceDataset: { args: [a('n', 'count', () => 5), a('rng', 'rng', rng), a('options', 'options', () => ({ noise: 0.1 }), { accepts: ['undefined'], extra: [['noise -1', () => ({ noise: -1 }), ['-1'], 'noise'], ['lo > hi', () => ({ lo: 2, hi: 1 }), ['2', '1'], 'lo'], ['unknown key', () => ({ sd: 1 }), ['sd'], 'sd']] })] },
  bernoulliToSpin: { args: [a('rbm', 'any', rbm32, { extra: [['null', () => null, ['null']], ['a SpinRBM', () => main.bernoulliToSpin(rbm32()), ['SpinRBM']]] })] },
  spinToBernoulli: { args: [a('rbm', 'any', () => main.bernoulliToSpin(rbm32()), { extra: [['null', () => null, ['null']], ['a BernoulliRBM', rbm32, ['BernoulliRBM']]] })] },
  valueSum: { args: [a('values', 'any', () => [new main.Value(1), new main.Value(2)], { extra: [['null', () => null, ['null']], ['a Value', () => new main.Value(1), ['Value']]] })] },
  chainColumns: { args: [a('result', 'any', () => main.runChains(main.rwmSampler(), gauss2(), { chains: 1, warmup: 2, samples: 4, x0: new Float64Array(2) }, new Rng(1)), { extra: [['null', () => null, ['null']], ['plain object', () => ({}), ['Object']]] }), a('k', 'countOrZero', () => 1, { extra: [['2', () => 2, ['2']]] })] },
  gradientArrays: { args: [a('grad', 'any', () => main.createGradient(net231()), { extra: [['null', () => null, ['null']], ['plain object', () => ({}), ['Object']]] })] },
  logPsiCoordinateDerivatives: { args: [a('outGrad', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), a('outLap', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), wfArg, coords4()] },
  logPsiParameterGradient: { args: [a('out', 'f64', () => new Float64Array(wf22().params.length), { extra: [['length 3', f64(3), ['3']]] }), wfArg, coords4()] },
  // ---- batch 17: lib/vmc/spins ----
  tfimChain: { args: [a('options', 'options', () => ({ n: 4, J: 1, h: 0.5 }), { extra: [['n 1', () => ({ n: 1, h: 1 }), ['1'], 'n'], ['h NaN', () => ({ n: 4, h: NaN }), ['NaN'], 'h'], ['J "1"', () => ({ n: 4, J: '1', h: 1 }), ['"1"'], 'J'], ['unknown key', () => ({ n: 4, h: 1, g: 1 }), ['g'], 'g']] })] },
  tfimClosedFormEnergy: { args: [a('n', 'count', () => 4, { extra: [['1', () => 1, ['1']]] }), a('J', 'positive', () => 1), a('h', 'positive', () => 0.5, { accepts: ['0'] })] },
  tfimExactGroundState: { args: [a('n', 'count', () => 4, { extra: [['1', () => 1, ['1']], ['17', () => 17, ['17']]] }), a('J', 'real', () => 1), a('h', 'real', () => 0.5)] },
  tfimApply: { args: [a('out', 'f64', f64(16), { extra: [['length 8', f64(8), ['8']]] }), chainArg, a('v', 'f64', f64(16), { extra: [['length 8', f64(8), ['8']]] })] },
  spinLogPsi: { args: [a('psi', 'any', psi4, { extra: [['null', () => null, ['null']], ['plain object', () => ({ n: 4 }), ['Object']]] }), a('s', 'any', () => Int8Array.from([1, -1, 1, 1]), { extra: [['length 3', () => Int8Array.from([1, -1, 1]), ['3']], ['entry 0', () => Int8Array.from([1, 0, 1, 1]), ['0']], ['number[]', () => [1, 1, 1, 1], ['Array']], ['null', () => null, ['null']]] })] },
  optimizeSpinState: { args: [a('psi', 'any', psi4, { extra: [['null', () => null, ['null']]] }), chainArg, a('options', 'options', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 1, chains: 1, sweeps: 4, equilibration: 1 }), { extra: [['iterations 0', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 0 }), ['0'], 'iterations'], ['update null', () => ({ update: null, iterations: 1 }), ['null'], 'update'], ['optimizer missing', () => ({ update: { kind: 'gradient' }, iterations: 1 }), ['undefined'], 'optimizer'], ['unknown key', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 1, chain: 1 }), ['chain'], 'chain']] }), a('rng', 'rng', rng)] },
  // ---- batch 18: boltzmann/node ----
  mnistDataDirectory: { args: [a('from', 'any', () => undefined, { extra: [['empty', () => '', ['""']], ['null', () => null, ['null']], ['number', () => 3, ['3']]] })] },
  loadMnist: { args: [a('options', 'options', () => ({ split: 'test', limit: 3 }), { extra: [['split "valid"', () => ({ split: 'valid' }), ['valid'], 'split'], ['limit 0', () => ({ split: 'test', limit: 0 }), ['0'], 'limit'], ['dir 3', () => ({ split: 'test', dir: 3 }), ['3'], 'dir'], ['unknown key', () => ({ split: 'test', lim: 3 }), ['lim'], 'lim']] })] },
  // ---- batch 19: the spin-chain RBM amplitude ----
  spinTheta: { args: [a('out', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), psiArg, spinsArg(true)] },
  spinFlipLogRatio: { args: [psiArg, spinsArg(false), a('theta', 'f64', f64(4), { extra: [['length 3', f64(3), ['3']]] }), siteArg] },
  spinFlipTables: { args: [psiArg] },
  spinWalker: { args: [psiArg, spinsArg(false)] },
  spinFlipRatio: { args: [psiArg, tablesArg, walkerArg, siteArg] },
  spinLocalEnergy: { args: [psiArg, tablesArg, chainArg, walkerArg] },
  spinLogDerivatives: { args: [a('out', 'f64', () => new Float64Array(psi4().params.length), { extra: [['length 3', f64(3), ['3']]] }), psiArg, walkerArg] },
  spinMetropolisSweep: { args: [psiArg, tablesArg, walkerArg, a('rng', 'rng', rng)] },
  spinEnergyOffset: { args: [a('rbm', 'any', () => main.bernoulliToSpin(rbm32()), { extra: [['null', () => null, ['null']], ['a BernoulliRBM', rbm32, ['BernoulliRBM']]] })] },
  createSpinChains: { args: [a('n', 'count', () => 4, { extra: [['1', () => 1, ['1']]] }), a('count', 'count', () => 2), a('rng', 'rng', rng)] },
  srSolve: { args: [a('out', 'f64', f64(2), { extra: [['length 3', f64(3), ['3']]] }), a('Ocentred', 'any', () => [Float64Array.from([1, 0, 0, 1, -1, -1])], { extra: [['null', () => null, ['null']], ['rows of 3', () => [f64(3)()], ['3']]] }), a('samples', 'count', () => 3, { extra: [['4', () => 4, ['4']]] }), a('forces', 'f64', () => Float64Array.from([0.5, -0.5]), { extra: [['empty', () => new Float64Array(0), ['Float64Array(0)']]] }), a('shift', 'positive', () => 0.01)] },
  formatProgress: { args: [a('p', 'any', () => ({ label: 'run', done: 50, total: 200, unit: 'sweeps', elapsedSeconds: 1, rate: 50, etaSeconds: 3, finished: false, note: '' }), { extra: [['null', () => null, ['null']], ['no label', () => ({ done: 1, total: 2, unit: 'steps' }), ['Object']]] }), a('barWidth', 'countOrZero', () => 10, { accepts: ['undefined'] })] },
  combineMeasurements: { args: [a('measurements', 'any', () => [{ energies: Float64Array.from([1, 1.1, 0.9, 1.05]), sumO: f64(2)(), sumEO: f64(2)(), accepted: 3, proposed: 4 }], { extra: [['null', () => null, ['null']], ['empty', () => [], ['Array(0)']], ['sumO of length 3', () => [{ energies: Float64Array.from([1, 1.1]), sumO: f64(2)(), sumEO: f64(2)(), accepted: 1, proposed: 2 }, { energies: Float64Array.from([1, 1.1]), sumO: f64(3)(), sumEO: f64(3)(), accepted: 1, proposed: 2 }], ['3']], ['accepted > proposed', () => [{ energies: Float64Array.from([1, 1.1]), sumO: f64(2)(), sumEO: f64(2)(), accepted: 5, proposed: 4 }], ['5']]] })] },
  spinStatistics: { args: [a('outputs', 'any', () => [{ chains: [], energies: [Float64Array.from([1, 1.1, 0.9, 1.05])], O: new Float64Array(8), accepted: 2, proposed: 4 }], { extra: [['null', () => null, ['null']], ['empty', () => [], ['Array(0)']], ['O of length 6', () => [{ chains: [], energies: [Float64Array.from([1, 1.1, 0.9, 1.05])], O: new Float64Array(6), accepted: 2, proposed: 4 }], ['6']], ['accepted NaN', () => [{ chains: [], energies: [Float64Array.from([1, 1.1, 0.9, 1.05])], O: new Float64Array(8), accepted: NaN, proposed: 4 }], ['NaN']]] }), a('forces', 'f64', f64(2), { extra: [['empty', () => new Float64Array(0), ['Float64Array(0)']]] })] },
  batchInputs: { args: [wfArg, hArg, a('sampler', 'any', () => main.importanceSampler(), { extra: [['null', () => null, ['null']], ['kind "hmc"', () => ({ kind: 'hmc' }), ['Object']]] }), a('walkers', 'any', () => main.createWalkers(wf22(), 2, new Rng(1)), { extra: [['null', () => null, ['null']], ['empty', () => [], ['Array(0)']], ['x of length 3', () => [{ x: f64(3)(), rngState: new Rng(1).state() }], ['Object']]] }), a('parts', 'count', () => 2), a('equilibration', 'countOrZero', () => 10), a('cycles', 'count', () => 16, { extra: [['3', () => 3, ['3']]] }), a('gradient', 'any', () => true, { extra: [['1', () => 1, ['1']], ['null', () => null, ['null']]] }), a('density', 'any', () => undefined, { extra: [['bins 0', () => ({ bins: 0, extent: 2 }), ['Object']], ['null', () => null, ['null']]] })] },
  // ---- batch 20: boltzmann/node, the worker pool and the batches it runs ----
  createWorkerPool: { args: [a('options', 'options', () => ({ size: 1 }), { accepts: ['undefined'], extra: [['size 0', () => ({ size: 0 }), ['0'], 'size'], ['size 1.5', () => ({ size: 1.5 }), ['1.5'], 'size'], ['size 65', () => ({ size: 65 }), ['65'], 'size'], ['size "1"', () => ({ size: '1' }), ['"1"'], 'size'], ['minParallelFlop -1', () => ({ size: 1, minParallelFlop: -1 }), ['-1'], 'minParallelFlop'], ['minParallelFlop NaN', () => ({ size: 1, minParallelFlop: NaN }), ['NaN'], 'minParallelFlop'], ['unknown key', () => ({ threads: 1 }), ['threads'], 'threads']] })], release: (p) => (p as node.WorkerPool).close() },
  logPartitionAISParallel: { args: [poolArg, rbmArg, a('options', 'options', () => ({ runs: 2, betas: 3, rng: new Rng(1) }), { extra: [['runs 0', () => ({ runs: 0, betas: 3, rng: new Rng(1) }), ['0'], 'runs'], ['betas 1.5', () => ({ runs: 2, betas: 1.5, rng: new Rng(1) }), ['1.5'], 'betas'], ['rng null', () => ({ runs: 2, betas: 3, rng: null }), ['null'], 'rng'], ['unknown key', () => ({ runs: 2, betas: 3, rng: new Rng(1), run: 1 }), ['run'], 'run']] })] },
  optimizeWavefunctionParallel: { args: [poolArg, wfArg, hArg, a('options', 'options', parallelVmc, { extra: [['sampler null', () => ({ ...parallelVmc(), sampler: null }), ['null'], 'sampler'], ['walkers 0', () => ({ ...parallelVmc(), walkers: 0 }), ['0'], 'walkers'], ['cycles 2', () => ({ ...parallelVmc(), cycles: 2 }), ['2'], 'cycles'], ['iterations 0', () => ({ ...parallelVmc(), iterations: 0 }), ['0'], 'iterations'], ['optimizer null', () => ({ ...parallelVmc(), optimizer: null }), ['null'], 'optimizer'], ['unknown key', () => ({ ...parallelVmc(), walker: 1 }), ['walker'], 'walker']] }), a('rng', 'rng', rng)] },
  optimizeSpinStateParallel: { args: [poolArg, a('psi', 'any', psi4, { extra: [['null', () => null, ['null']]] }), chainArg, a('options', 'options', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 1, chains: 2, sweeps: 4, equilibration: 1 }), { extra: [['iterations 0', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 0 }), ['0'], 'iterations'], ['update null', () => ({ update: null, iterations: 1 }), ['null'], 'update'], ['optimizer missing', () => ({ update: { kind: 'gradient' }, iterations: 1 }), ['undefined'], 'optimizer'], ['unknown key', () => ({ update: { kind: 'sr', learningRate: 0.05, diagonalShift: 0.01 }, iterations: 1, chain: 1 }), ['chain'], 'chain']] }), a('rng', 'rng', rng)] },
  runWalkerBatch: { args: [walkerBatchArg('input')] },
  runSpinBatch: { args: [spinBatchArg('input')] },
  runBatchesOnPool: { args: [poolArg, a('inputs', 'any', () => [walkerBatch(), walkerBatch()], { extra: [['null', () => null, ['null']], ['a batch', walkerBatch, ['Object']], ['[null]', () => [walkerBatch(), null], ['null'], 'inputs'], ['cycles 0 in the second', () => [walkerBatch(), { ...walkerBatch(), cycles: 0 }], ['0'], 'cycles']] })] },
  runSpinBatchesOnPool: { args: [poolArg, a('inputs', 'any', () => [spinBatch(), spinBatch()], { extra: [['null', () => null, ['null']], ['a batch', spinBatch, ['Object']], ['[null]', () => [spinBatch(), null], ['null'], 'inputs'], ['sweeps 0 in the second', () => [spinBatch(), { ...spinBatch(), sweeps: 0 }], ['0'], 'sweeps']] })] },
  // ---- batch 21: the progress line (its refusals start with the caller's label, here 'runIsing') ----
  progressReporter: { prefix: 'runIsing: ', args: [a('label', 'any', () => 'runIsing', { prefix: 'progressReporter: ', extra: [['empty', () => '', ['""']], ['null', () => null, ['null']], ['number', () => 3, ['3']]] }), a('total', 'countOrZero', () => 10, { accepts: ['1.5'], extra: [['-Infinity', () => -Infinity, ['-Infinity']]] }), a('options', 'options', () => ({ onProgress: () => undefined }), { extra: [['progress "yes"', () => ({ progress: 'yes' }), ['string'], 'progress'], ['onProgress 3', () => ({ onProgress: 3 }), ['number'], 'onProgress']] }), a('unit', 'any', () => 'sweeps', { accepts: ['undefined'], extra: [['empty', () => '', ['""']], ['null', () => null, ['null']], ['number', () => 3, ['3']]] })] },
};

const SCALAR_MATH = "scalar math functions with Math.exp's contract (NaN in gives NaN out, ±Infinity give the limits; they run inside hot loops, so no checks)";

/** Functions with nothing to refuse. */
const EXEMPT: Record<string, string> = {
  fastExp: SCALAR_MATH,
  fastExpm1: SCALAR_MATH,
  sigmoidScalar: SCALAR_MATH,
  softplusScalar: SCALAR_MATH,
  logSigmoidScalar: SCALAR_MATH,
  logAddExp: SCALAR_MATH,
  acceptMove: 'a one-line kernel of the Metropolis step (log u < log A); the samplers that call it check their inputs once',
  availableBackends: 'no arguments',
  getBackend: 'no arguments',
  blockGibbsSampler: 'no arguments',
  fosterPreset: 'no arguments',
  toyPeopleFruit: 'no arguments',
  toyPeopleFruitWeights: 'no arguments',
};

/** Exported functions without a row yet (the backlog): listed so that a new export cannot slip in unlisted. */
const PENDING = new Set<string>([]);

// ---- the tests ---------------------------------------------------------------------------------

const exported = new Map<string, Function>();
for (const mod of [main, node]) {
  for (const [name, v] of Object.entries(mod)) {
    if (typeof v === 'function' && !/^class\s/.test(Function.prototype.toString.call(v))) exported.set(name, v as Function);
  }
}

test('every exported function of boltzmann and boltzmann/node has a row, an exemption with a reason, or is on the pending list', () => {
  const missing = [...exported.keys()].filter((n) => !(n in ROWS) && !(n in EXEMPT) && !PENDING.has(n)).sort();
  assert.equal(missing, [], `exports without a row (add one to ROWS, or EXEMPT with a reason): ${missing.join(', ')}`);
  const stale = [...Object.keys(ROWS), ...Object.keys(EXEMPT), ...PENDING].filter((n) => !exported.has(n)).sort();
  assert.equal(stale, [], `rows for names that are not exported: ${stale.join(', ')}`);
  const twice = [...PENDING].filter((n) => n in ROWS || n in EXEMPT);
  assert.equal(twice, [], `on the pending list but already covered: ${twice.join(', ')}`);
});

test("the scalar math functions keep the Math.exp contract they are exempted under, and their TSDoc states it", () => {
  // Expected values from the limits of the functions: e^x -> 0 and e^x - 1 -> -1 as x -> -Infinity,
  // sigma(z) = 1/(1 + e^-z) -> 1 and 0, softplus(z) = log(1 + e^z) -> Infinity and 0,
  // log sigma(z) -> 0 and -Infinity, log(e^a + e^b) -> the larger argument; NaN propagates.
  const cases: [string, number[], number][] = [
    ['fastExp', [NaN], NaN], ['fastExp', [Infinity], Infinity], ['fastExp', [-Infinity], 0],
    ['fastExpm1', [NaN], NaN], ['fastExpm1', [Infinity], Infinity], ['fastExpm1', [-Infinity], -1],
    ['sigmoidScalar', [NaN], NaN], ['sigmoidScalar', [Infinity], 1], ['sigmoidScalar', [-Infinity], 0],
    ['softplusScalar', [NaN], NaN], ['softplusScalar', [Infinity], Infinity], ['softplusScalar', [-Infinity], 0],
    ['logSigmoidScalar', [NaN], NaN], ['logSigmoidScalar', [Infinity], 0], ['logSigmoidScalar', [-Infinity], -Infinity],
    ['logAddExp', [NaN, 0], NaN], ['logAddExp', [0, NaN], NaN], ['logAddExp', [NaN, -Infinity], NaN], ['logAddExp', [Infinity, NaN], NaN],
    ['logAddExp', [-Infinity, -Infinity], -Infinity], ['logAddExp', [Infinity, -Infinity], Infinity], ['logAddExp', [Infinity, Infinity], Infinity],
    ['logAddExp', [Infinity, 5], Infinity], ['logAddExp', [-Infinity, 2], 2], ['logAddExp', [2, -Infinity], 2],
  ];
  const wrong = cases.filter(([f, args, want]) => !Object.is((main as unknown as Record<string, (...x: number[]) => number>)[f](...args), want))
    .map(([f, args, want]) => `${f}(${args.join(', ')}) = ${(main as unknown as Record<string, (...x: number[]) => number>)[f](...args)}, expected ${want}`);
  assert.equal(wrong, [], wrong.join('\n'));
  const exempted = Object.keys(EXEMPT).filter((n) => EXEMPT[n] === SCALAR_MATH).sort();
  assert.equal(exempted, [...new Set(cases.map(([f]) => f))].sort(), 'every function exempted as scalar math has its contract checked here');
  const sources = ['linalg/fastexp.ts', 'linalg/elementwise.ts'].map((f) => readFileSync(new URL(`../../lib/${f}`, import.meta.url), 'utf8')).join('\n');
  for (const f of exempted) {
    const at = sources.indexOf(`export function ${f}(`);
    assert.ok(at > 0, `${f} is not defined in lib/linalg/fastexp.ts or elementwise.ts`);
    const doc = sources.slice(sources.lastIndexOf('/**', at), at).replace(/\s*\n\s*\*\s?/g, ' ');
    assert.match(doc, /Math\.expm?1?'s contract, with no argument checks \(it runs inside hot loops\)/, `${f}: the TSDoc does not state the Math.exp contract and the missing checks`);
    assert.match(doc, /NaN (in either argument )?gives NaN/, `${f}: the TSDoc does not say NaN gives NaN`);
    assert.match(doc, /-Infinity/, `${f}: the TSDoc does not give the limit at -Infinity`);
  }
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The call's outcome: what it threw or its promise rejected with, or undefined if it returned (then `release` runs on the result). */
async function attempt(fn: Function, args: unknown[], row: Row): Promise<unknown> {
  let result: unknown;
  try { result = await fn(...args); } catch (e) { return e ?? new Error('threw undefined'); }
  await row.release?.(result);
  return undefined;
}

for (const [name, row] of Object.entries(ROWS)) {
  test(`${name}: every bad argument is refused with a TypeError or RangeError naming ${name}, the argument and the value`, async () => {
    const fn = exported.get(name);
    assert.ok(fn, `${name} is not exported`);
    const valid = () => row.args.map((x) => x.valid());
    const refused = await attempt(fn!, valid(), row);
    if (refused !== undefined) assert.unreachable(`${name} refused its valid arguments: ${(refused as Error)?.message}`);
    const problems: string[] = [];
    for (const [i, arg] of row.args.entries()) {
      const prefix = arg.prefix ?? row.prefix ?? `${name}: `;
      const cases: [string, unknown, string[], string][] = [
        ...badValues(arg.kind, arg.valid()).filter(([label]) => !arg.accepts?.includes(label)).map(([l, v, n]) => [l, v, n, arg.name] as [string, unknown, string[], string]),
        ...(arg.extra ?? []).map(([l, v, n, named]) => [l, v(), n ?? [], named ?? arg.name] as [string, unknown, string[], string]),
      ];
      for (const [label, value, spellings, named] of cases) {
        const args = valid();
        args[i] = value;
        const caught = await attempt(fn!, args, row);
        const where = `${name}(${arg.name} = ${label})`;
        if (caught === undefined) { problems.push(`${where}: accepted`); continue; }
        if (!(caught instanceof TypeError || caught instanceof RangeError)) { problems.push(`${where}: threw ${(caught as Error)?.constructor?.name}: ${(caught as Error)?.message}`); continue; }
        const msg = caught.message;
        if (!msg.startsWith(prefix)) problems.push(`${where}: message does not start with "${prefix}": ${msg}`);
        else if (!new RegExp(`(^|[^A-Za-z0-9_])${escape(named)}([^A-Za-z0-9_]|$)`).test(msg.slice(prefix.length))) problems.push(`${where}: message does not name ${named}: ${msg}`);
        else if (spellings.length > 0 && !spellings.some((s) => msg.includes(s))) problems.push(`${where}: message does not name the value (${spellings.join(' or ')}): ${msg}`);
      }
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
