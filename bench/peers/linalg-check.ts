/**
 * `npx tsx bench/peers/linalg-check.ts [cases] [seed] [largest]`: the dense float64 decompositions on
 * random matrices against numpy/LAPACK (bench/peers/linalg_numpy.py; Debian's /usr/bin/python3
 * or $PYTHON), a differential check on inputs no spec fixed. Matrices of 1-40 rows and columns
 * (a tenth up to `largest`, default 120) from generators that stress what these algorithms find hard: Gaussian,
 * low rank (products B C), duplicated columns, rows exactly proportional, zero rows and columns,
 * small integers (exact ties, often singular), graded (D1 G D2 over 16 decades), triangular,
 * companion matrices, permutations, block diagonal with 1e-12 coupling, identity plus 1e-9
 * noise (clustered spectra), column-stochastic, and symmetric versions of these; each case is
 * scaled by 10^e, e in -5..5 (a twentieth by 10^+-200).
 *
 * Checked, with bounds in units of u = max(m, n) eps ||A||_F (a backward-stable algorithm's
 * error level; LAPACK's results carry the same):
 * - no decomposition throws where numpy returns an answer (solve and the LU family only on
 *   matrices numpy calls well conditioned, cond < 1e10);
 * - svd: |s_k - s_k(numpy)| <= 100 u (Weyl), U S V^T = A to 100 u, U and V orthonormal to
 *   100 max(m, n) eps;
 * - symmetricEigen: |lambda_k - lambda_k(numpy eigh)| <= 100 u, A V = V Lambda to 100 u;
 * - eigenvalues: each lambda is an exact eigenvalue of a matrix within 100 u of A (numpy's
 *   smallest singular value of A - lambda I), n of them;
 * - cholesky of A^T A + d I (d = its largest entry): L L^T to 100 n eps ||.||_F;
 * - eigenvectorFor on a real eigenvalue separated from the others by 1e-3 ||A||_F: the unit
 *   vector's residual ||A x - lambda x|| <= 100 u + 10 |lambda - numpy's nearest eigenvalue|
 *   (the eigenvalue's own error, large for ill-conditioned eigenvalues of non-normal matrices);
 * - qr: Q R = A to 100 u, Q^T Q = I; solve: ||A x - b|| <= 100 n eps (||A|| ||x|| + ||b||);
 *   determinant within 100 n eps cond(A) of numpy's (and 4 subnormal ulps); rank = numpy's matrix_rank unless a
 *   singular value lies within a factor 10 of the threshold.
 * Prints, per check, the cases run and the largest error in units of its bound, and every
 * violation with its case.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cholesky, determinant, eigenvalues, eigenvectorFor, inverse, matrix64, qr, rank, solve, svd, symmetricEigen, type Matrix64 } from '../../lib/index.js';
import { Rng } from '../../lib/random/index.js';

const count = Number(process.argv[2] ?? 300);
const seed = Number(process.argv[3] ?? 1);
const largest = Number(process.argv[4] ?? 120); // rows and columns of the largest tenth of the cases
const python = process.env.PYTHON ?? '/usr/bin/python3';
const rng = new Rng(seed);
const EPS = 2 ** -52;

// ---- matrices ---------------------------------------------------------------------------

function product(a: Matrix64, b: Matrix64): Matrix64 {
  const c = matrix64(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) for (let k = 0; k < a.cols; k++) for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += a.data[i * a.cols + k] * b.data[k * b.cols + j];
  return c;
}
const gaussian = (rows: number, cols: number): Matrix64 => matrix64(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.normal()));
function symmetrize(a: Matrix64): Matrix64 {
  const n = a.rows, s = matrix64(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s.data[i * n + j] = i <= j ? a.data[i * n + j] : a.data[j * n + i];
  return s;
}

type Generator = (rows: number, cols: number) => Matrix64;
const generators: Record<string, Generator> = {
  gaussian,
  'low rank': (r, c) => { const k = 1 + rng.int(Math.max(1, Math.min(r, c) - 1)); return product(gaussian(r, k), gaussian(k, c)); },
  'duplicated columns': (r, c) => { const a = gaussian(r, c); for (let j = 1; j < c; j += 2) for (let i = 0; i < r; i++) a.data[i * c + j] = a.data[i * c + j - 1]; return a; },
  'proportional rows': (r, c) => { const a = gaussian(r, c); for (let i = 1; i < r; i += 2) for (let j = 0; j < c; j++) a.data[i * c + j] = a.data[(i - 1) * c + j] / 2; return a; },
  'zero rows and columns': (r, c) => { const a = gaussian(r, c); for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) if (i % 3 === 1 || j % 4 === 2) a.data[i * c + j] = 0; return a; },
  'small integers': (r, c) => matrix64(r, c, Float64Array.from({ length: r * c }, () => rng.int(7) - 3)),
  graded: (r, c) => { const a = gaussian(r, c); for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) a.data[i * c + j] *= 10 ** (8 * (i / Math.max(1, r - 1)) - 8 * (j / Math.max(1, c - 1))); return a; },
  triangular: (r, c) => { const a = gaussian(r, c); for (let i = 0; i < r; i++) for (let j = 0; j < Math.min(i, c); j++) a.data[i * c + j] = 0; return a; },
  companion: (r) => { const a = matrix64(r, r); for (let i = 1; i < r; i++) a.data[i * r + i - 1] = 1; for (let i = 0; i < r; i++) a.data[i * r + r - 1] = rng.normal(); return a; },
  permutation: (r) => { const p = Array.from({ length: r }, (_, i) => i); for (let i = r - 1; i > 0; i--) { const j = rng.int(i + 1); [p[i], p[j]] = [p[j], p[i]]; } const a = matrix64(r, r); p.forEach((j, i) => { a.data[i * r + j] = 1; }); return a; },
  'weakly coupled blocks': (r) => { const a = matrix64(r, r, Float64Array.from({ length: r * r }, () => 1e-12 * rng.normal())); const h = r >> 1; for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) if ((i < h) === (j < h)) a.data[i * r + j] = rng.normal(); return a; },
  'identity plus 1e-9': (r) => { const a = matrix64(r, r, Float64Array.from({ length: r * r }, () => 1e-9 * rng.normal())); for (let i = 0; i < r; i++) a.data[i * r + i] += 1; return a; },
  'column-stochastic': (r) => { const a = matrix64(r, r, Float64Array.from({ length: r * r }, () => (rng.float() < 0.5 ? 0 : rng.float()))); for (let j = 0; j < r; j++) { let s = 0; for (let i = 0; i < r; i++) s += a.data[i * r + j]; if (s === 0) { a.data[j * r + j] = 1; s = 1; } for (let i = 0; i < r; i++) a.data[i * r + j] /= s; } return a; },
};
const SQUARE_ONLY = new Set(['companion', 'permutation', 'weakly coupled blocks', 'identity plus 1e-9', 'column-stochastic']);
const names = Object.keys(generators);

// ---- our side ---------------------------------------------------------------------------

const frobenius = (a: Matrix64): number => Math.hypot(...a.data); // hypot: no overflow at 1e200
function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number { let d = 0; for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i])); return d; }
function transposeOf(a: Matrix64): Matrix64 { const t = matrix64(a.cols, a.rows); for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j]; return t; }
function identityDefect(q: Matrix64): number { const g = product(transposeOf(q), q); for (let i = 0; i < g.rows; i++) g.data[i * g.cols + i] -= 1; return Math.max(0, ...Array.from(g.data, Math.abs)); }

interface Case { name: string; a: Matrix64; symmetric: boolean; path: string; ours: Record<string, unknown>; errors: string[] }

const dir = mkdtempSync(join(tmpdir(), 'boltzmann-linalg-check-'));
const cases: Case[] = [];
for (let i = 0; i < count; i++) {
  let name = names[rng.int(names.length)];
  const square = SQUARE_ONLY.has(name) || rng.float() < 0.5;
  const rows = 1 + rng.int(rng.float() < 0.1 ? largest : 40);
  const cols = square ? rows : 1 + rng.int(rng.float() < 0.1 ? largest : 40);
  let a = generators[name](rows, cols);
  const symmetric = square && rng.float() < 0.3;
  if (symmetric) { a = symmetrize(a); name = `symmetric ${name}`; }
  const e = rng.float() < 0.05 ? (rng.float() < 0.5 ? -200 : 200) : rng.int(11) - 5;
  a = matrix64(a.rows, a.cols, a.data.map((v) => v * 10 ** e));
  name = `${name} ${a.rows}x${a.cols} x 1e${e}`;
  const path = join(dir, `m${i}.f64`);
  writeFileSync(path, new Uint8Array(a.data.slice().buffer));
  const c: Case = { name, a, symmetric, path, ours: {}, errors: [] };
  const attempt = (what: string, f: () => unknown) => { try { c.ours[what] = f(); } catch (err) { c.errors.push(`${what}: ${(err as Error).message.slice(0, 160)}`); } };
  attempt('svd', () => svd(a));
  attempt('rank', () => rank(a));
  if (a.rows >= a.cols) attempt('qr', () => qr(a));
  if (square) {
    attempt('eigenvalues', () => eigenvalues(a));
    attempt('determinant', () => determinant(a));
    attempt('solve', () => { const b = Float64Array.from({ length: a.rows }, (_, k) => 1 + k / 7); return { b, x: solve(a, b) }; });
    if (symmetric) attempt('symmetricEigen', () => symmetricEigen(a));
    // A^T A + I scaled like A: symmetric positive definite, for cholesky
    // (skipped where A^T A itself overflows or underflows in this checker's product)
    if (Math.abs(e) < 100) attempt('cholesky', () => { const g = product(transposeOf(a), a); const d = Math.max(...Array.from(g.data, Math.abs), Number.MIN_VALUE); for (let k = 0; k < a.rows; k++) g.data[k * a.rows + k] += d; return { g, l: cholesky(g) }; });
    // the eigenvector of a real eigenvalue that is well separated from the others (gap > 1e-3 ||A||_F)
    attempt('eigenvectorFor', () => {
      const ev = c.ours.eigenvalues as { re: Float64Array; im: Float64Array } | undefined;
      if (!ev) return null;
      const F = Math.hypot(...a.data);
      for (let k = 0; k < ev.re.length; k++) {
        if (ev.im[k] !== 0) continue;
        let gap = Infinity;
        for (let l = 0; l < ev.re.length; l++) if (l !== k) gap = Math.min(gap, Math.hypot(ev.re[l] - ev.re[k], ev.im[l]));
        if (gap > 1e-3 * F) return { lambda: ev.re[k], x: eigenvectorFor(a, ev.re[k]) };
      }
      return null;
    });
  }
  cases.push(c);
}
const manifest = join(dir, 'cases.json');
writeFileSync(manifest, JSON.stringify(cases.map((c) => {
  const ev = c.ours.eigenvalues as { re: Float64Array; im: Float64Array } | undefined;
  return { path: c.path, rows: c.a.rows, cols: c.a.cols, symmetric: c.symmetric, lambdas: ev ? Array.from(ev.re, (r, k) => [r, ev.im[k]]) : [] };
})));
let text: string;
try {
  text = execFileSync(python, [new URL('./linalg_numpy.py', import.meta.url).pathname, manifest], { encoding: 'utf8', maxBuffer: 1 << 28 });
} finally {
  rmSync(dir, { recursive: true });
}
const peers = JSON.parse(text.trim().split('\n').pop() as string) as { s: number[]; rank: number; eig?: number[][]; cond?: number | null; det?: number | null; backward?: number[]; eigh?: number[] }[];

// ---- comparison -------------------------------------------------------------------------

const worst: Record<string, { ratio: number; cases: number; at: string }> = {};
const violations: string[] = [];
function check(what: string, c: Case, error: number, bound: number): void {
  const ratio = bound > 0 ? error / bound : error === 0 ? 0 : Infinity;
  const w = (worst[what] ??= { ratio: 0, cases: 0, at: '' });
  w.cases++;
  if (!(ratio <= w.ratio)) { w.ratio = ratio; w.at = c.name; }
  if (!(ratio <= 1)) violations.push(`${what}: ${c.name}: error ${error.toExponential(2)} > bound ${bound.toExponential(2)}`);
}
cases.forEach((c, i) => {
  const p = peers[i];
  const { a } = c;
  const size = Math.max(a.rows, a.cols);
  const F = frobenius(a);
  const u = size * EPS * F;
  for (const e of c.errors) {
    const expected = e.startsWith('solve') && !(p.cond !== null && p.cond !== undefined && p.cond < 1e10);
    if (!expected) violations.push(`throws: ${c.name}: ${e}`);
  }
  const s = c.ours.svd as { u: Matrix64; s: Float64Array; v: Matrix64 } | undefined;
  if (s) {
    check('svd: singular values vs numpy', c, maxAbsDiff(s.s, p.s), 100 * u);
    const us = matrix64(s.u.rows, s.u.cols, s.u.data.map((v, q) => v * s.s[q % s.u.cols]));
    check('svd: U S V^T = A', c, maxAbsDiff(product(us, transposeOf(s.v)).data, a.data), 100 * u);
    check('svd: U, V orthonormal', c, Math.max(identityDefect(s.u), identityDefect(s.v)), 100 * size * EPS);
  }
  if (typeof c.ours.rank === 'number' && p.s.length > 0) {
    const tol = size * EPS * p.s[0];
    if (!p.s.some((v) => v > tol / 10 && v < tol * 10)) check('rank = numpy matrix_rank', c, Math.abs(c.ours.rank - p.rank), 0);
  }
  const f = c.ours.qr as { q: Matrix64; r: Matrix64 } | undefined;
  if (f) {
    check('qr: Q R = A', c, maxAbsDiff(product(f.q, f.r).data, a.data), 100 * u);
    check('qr: Q orthonormal', c, identityDefect(f.q), 100 * size * EPS);
  }
  const ev = c.ours.eigenvalues as { re: Float64Array; im: Float64Array } | undefined;
  if (ev && p.backward) {
    check('eigenvalues: count', c, Math.abs(ev.re.length - a.rows), 0);
    check('eigenvalues: backward error (numpy sigma_min(A - lambda I))', c, Math.max(0, ...p.backward), 100 * u);
  }
  if (typeof c.ours.determinant === 'number' && p.det !== undefined && p.det !== null && p.cond !== null && p.cond !== undefined && p.cond < 1e12) {
    // (+ 4 subnormal ulps: a determinant that underflows into the subnormals is only known to its ulp)
    // (+ numpy's own error: it forms det as sign exp(sum log|u_kk|), which costs |log|det|| eps relative)
    check('determinant vs numpy', c, Math.abs(c.ours.determinant - p.det), 100 * size * EPS * p.cond * Math.abs(p.det) + 4 * size * EPS * Math.abs(Math.log(Math.abs(p.det)) * p.det) + 4 * Number.MIN_VALUE);
  }
  const sv = c.ours.solve as { b: Float64Array; x: Float64Array } | undefined;
  if (sv) {
    const n = a.rows;
    let r = 0, aInf = 0;
    for (let k = 0; k < n; k++) {
      let t = -sv.b[k], row = 0;
      for (let j = 0; j < n; j++) { t += a.data[k * n + j] * sv.x[j]; row += Math.abs(a.data[k * n + j]); }
      r = Math.max(r, Math.abs(t)); aInf = Math.max(aInf, row);
    }
    check('solve: residual', c, r, 100 * n * EPS * (aInf * Math.max(...Array.from(sv.x, Math.abs)) + Math.max(...Array.from(sv.b, Math.abs))));
  }
  const ch = c.ours.cholesky as { g: Matrix64; l: Matrix64 } | undefined;
  if (ch) check('cholesky: L L^T = A^T A + d I', c, maxAbsDiff(product(ch.l, transposeOf(ch.l)).data, ch.g.data), 100 * a.rows * EPS * frobenius(ch.g));
  const vec = c.ours.eigenvectorFor as { lambda: number; x: Float64Array } | null | undefined;
  if (vec) {
    const n = a.rows;
    const residual = new Float64Array(n); // A x - lambda x, its norm taken by hypot (no overflow)
    for (let k = 0; k < n; k++) { let t = -vec.lambda * vec.x[k]; for (let j = 0; j < n; j++) t += a.data[k * n + j] * vec.x[j]; residual[k] = t; }
    // (+ 10 |lambda - numpy's nearest eigenvalue|: for an ill-conditioned eigenvalue of a
    // non-normal matrix the computed lambda is off by about kappa eps ||A||, and the eigenvector
    // that inverse iteration finds has that residual)
    const nearest = Math.min(...(p.eig ?? []).map(([re, im]) => Math.hypot(re - vec.lambda, im)));
    check('eigenvectorFor: ||A x - lambda x|| (unit x)', c, Math.hypot(...residual), 100 * u + 10 * nearest);
  }
  const se = c.ours.symmetricEigen as { values: Float64Array; vectors: Matrix64 } | undefined;
  if (se && p.eigh) {
    check('symmetricEigen: values vs numpy eigh', c, maxAbsDiff(se.values, p.eigh), 100 * u);
    const av = product(a, se.vectors);
    const vl = matrix64(a.rows, a.rows, se.vectors.data.map((v, q) => v * se.values[q % a.rows]));
    check('symmetricEigen: A V = V Lambda', c, maxAbsDiff(av.data, vl.data), 100 * u);
    check('symmetricEigen: V orthonormal', c, identityDefect(se.vectors), 100 * size * EPS);
  }
});
console.log(`${count} random matrices (seed ${seed}); per check: cases, largest error / bound, where`);
for (const [what, w] of Object.entries(worst)) console.log(`  ${what.padEnd(62)} ${String(w.cases).padStart(5)}  ${w.ratio.toExponential(2)}  ${w.at}`);
console.log(`${violations.length} violations`);
for (const v of violations.slice(0, 40)) console.log(`  ${v}`);
