/**
 * Independent float64 references for the RBM specs (not a spec file): brute-force double sums
 * over all (x, h) written straight from the energy, with no code shared with lib/rbm.
 */
import { Rng } from '../../lib/random/index.js';
import { matrix64 } from '../../lib/linalg/matrix.js';
import { symmetricEigen } from '../../lib/linalg/dense-eigen-symmetric.js';

export type Units = 'bernoulli' | 'spin';

/** Plain parameters: W as rows (M x N), a, b. */
export interface Params { W: number[][]; a: number[]; b: number[]; sigma?: number[] }

/** All 2^n configurations of n units, unit 0 the most significant bit (0/1 or ±1). */
export function allStates(n: number, units: Units): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < 2 ** n; s++) {
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      const bit = Math.floor(s / 2 ** (n - 1 - i)) % 2;
      v.push(units === 'spin' ? 2 * bit - 1 : bit);
    }
    out.push(v);
  }
  return out;
}

/** −E(x, h) = aᵀx + bᵀh + xᵀWh, written as the triple sum of N-RBM-02. */
export function score(p: Params, x: number[], h: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += p.a[i] * x[i];
  for (let j = 0; j < h.length; j++) s += p.b[j] * h[j];
  for (let i = 0; i < x.length; i++) for (let j = 0; j < h.length; j++) s += x[i] * p.W[i][j] * h[j];
  return s;
}

/** log Σ exp(v) in float64 (max-shifted). */
export function logSumExp(v: number[]): number {
  const m = Math.max(...v);
  let s = 0;
  for (const x of v) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Brute log Z = log Σ_x Σ_h e^{−E(x,h)} (2^{M+N} terms). */
export function bruteLogZ(p: Params, units: Units): number {
  const M = p.a.length, N = p.b.length;
  const terms: number[] = [];
  for (const x of allStates(M, units)) for (const h of allStates(N, units)) terms.push(score(p, x, h));
  return logSumExp(terms);
}

/** Random parameters on a dyadic grid (multiples of 2^-8 in [-range, range]) so float32 storage and
 *  small dyadic perturbations are exact. */
export function dyadicParams(M: number, N: number, seed: number, range = 1.5): Params {
  const rng = new Rng(seed);
  const q = () => Math.round((2 * rng.float() - 1) * range * 256) / 256;
  return {
    W: Array.from({ length: M }, () => Array.from({ length: N }, q)),
    a: Array.from({ length: M }, q),
    b: Array.from({ length: N }, q),
  };
}

/** Largest |x_k − y_k|. */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < x.length; k++) d = Math.max(d, Math.abs(x[k] - y[k]));
  return d;
}

/** Upper 0.001 quantiles of chi-square, df 1..10 (NIST/SEMATECH e-Handbook, table 1.3.6.7.4). */
export const CHI2_999: Record<number, number> = {
  1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 6: 22.458, 7: 24.322, 8: 26.124, 9: 27.877, 10: 29.588,
};

/** The sufficient statistics s(x, h) = (x_i h_j row-major, x_i, h_j): −E(x, h) = θ · s for θ = (W, a, b). */
export function statisticsOf(x: number[], h: number[]): number[] {
  const s: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = 0; j < h.length; j++) s.push(x[i] * h[j]);
  return [...s, ...x, ...h];
}

/** θ = (W row-major, a, b) of plain parameters, the order of statisticsOf. */
export function flatParams(p: Params): number[] {
  return [...p.W.flat(), ...p.a, ...p.b];
}

/** What exactDescent64 returns. */
export interface DescentPath {
  /** Parameters after the last step. */
  params: Params;
  /** KL(f ‖ p) before the first and after the last step. */
  klStart: number;
  kl: number;
  /** Largest integrated autocorrelation time bound (1 + λ₂)/(1 − λ₂) of the block-Gibbs visible chain along the path. */
  tauMax: number;
  /** Per parameter (flatParams order): the linearized variance of a stochastic path around this one (see exactDescent64). */
  deviationVariance: number[];
}

/**
 * Exact-gradient descent on the cost C = −(1/n) Σ_k log p(x_k) in float64, by enumeration over
 * score (no code shared with lib/rbm), for Bernoulli or spin units: −∂C/∂θ = ⟨s⟩_data − ⟨s⟩_model
 * (N-COST-05), the data term with h ~ p(h | x_k); each step is θ <- θ + η (⟨s⟩_data − ⟨s⟩_model).
 *
 * Along the way it propagates the covariance of a stochastic path whose negative phase averages
 * `chains` persistent chains (PCD), to first order in the deviation e_t = θ̃_t − θ_t:
 *   e_{t+1} = (I − η H_t) e_t + η ξ_t,   H_t = ∇²C = Cov_model(s) − (1/n) Σ_k Cov_{h|x_k}(s)
 * (∇² log Z is the model covariance of s, ∇² log Σ_h e^{θ·s(x_k, h)} the conditional one), where
 * ξ_t is the error of the chains' average of the negative statistics. Its covariance is at most
 * Cov_model(s) / chains per step for chains drawn from the model (the library averages
 * E[h | x] over the chain states: Rao–Blackwell, no larger); successive ξ_t are correlated through
 * the persistent states, which the integrated autocorrelation time of the visible chain bounds:
 * τ <= (1 + λ₂)/(1 − λ₂), λ₂ the second eigenvalue of the one-step kernel K(x' | x) = Σ_h
 * p(x' | h) p(h | x) (reversible and positive semidefinite in L²(p), so its spectrum is in [0, 1]).
 * So P_{t+1} = A_t P_t A_tᵀ + η² τ_t Cov_model,t(s) / chains with A_t = I − η H_t, P_0 = 0.
 * This ignores the chains' lag behind the moving parameters (a bias of order η τ per step) and
 * the start of the chains; a test that uses it states its k and checks the design by reseeding.
 */
export function exactDescent64(p0: Params, rows: number[][], units: Units, eta: number, steps: number, chains = 1): DescentPath {
  const p: Params = { W: p0.W.map((r) => r.slice()), a: p0.a.slice(), b: p0.b.slice() };
  const M = p.a.length, N = p.b.length, n = rows.length, D = M * N + M + N;
  const X = allStates(M, units), H = allStates(N, units);
  const S = X.map((x) => H.map((h) => statisticsOf(x, h)));
  const dataIndex = rows.map((r) => X.findIndex((x) => x.every((v, i) => v === r[i])));
  let P = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  let tauMax = 1;
  const kl = () => {
    const lw = X.map((x) => H.map((h) => score(p, x, h)));
    const lz = logSumExp(lw.flat());
    const f = new Map<number, number>();
    for (const k of dataIndex) f.set(k, (f.get(k) ?? 0) + 1 / n);
    let s = 0;
    for (const [k, fx] of f) s += fx * (Math.log(fx) - (logSumExp(lw[k]) - lz));
    return s;
  };
  const klStart = kl();
  for (let t = 0; t <= steps; t++) {
    const lw = X.map((x) => H.map((h) => score(p, x, h)));
    const lz = logSumExp(lw.flat());
    // model moments
    const mean = new Array<number>(D).fill(0), second = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    X.forEach((_, a) => H.forEach((_, b) => {
      const q = Math.exp(lw[a][b] - lz), s = S[a][b];
      for (let u = 0; u < D; u++) { mean[u] += q * s[u]; for (let v = 0; v < D; v++) second[u][v] += q * s[u] * s[v]; }
    }));
    const covModel = second.map((r, u) => r.map((m2, v) => m2 - mean[u] * mean[v]));
    // data moments: E_data E[s | x] and E_data Cov(s | x)
    const dataMean = new Array<number>(D).fill(0), condCov = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    for (const a of dataIndex) {
      const lx = logSumExp(lw[a]);
      const m = new Array<number>(D).fill(0), m2 = Array.from({ length: D }, () => new Array<number>(D).fill(0));
      H.forEach((_, b) => {
        const q = Math.exp(lw[a][b] - lx), s = S[a][b];
        for (let u = 0; u < D; u++) { m[u] += q * s[u]; for (let v = 0; v < D; v++) m2[u][v] += q * s[u] * s[v]; }
      });
      for (let u = 0; u < D; u++) { dataMean[u] += m[u] / n; for (let v = 0; v < D; v++) condCov[u][v] += (m2[u][v] - m[u] * m[v]) / n; }
    }
    if (t === steps) break;
    // τ bound from the visible kernel K(x'|x) = Σ_h p(x'|h) p(h|x), symmetrized by √p(x)
    const logPx = lw.map((r) => logSumExp(r) - lz);
    const logPh = H.map((_, b) => logSumExp(X.map((_, a) => lw[a][b])) - lz);
    const K = matrix64(X.length, X.length);
    for (let a = 0; a < X.length; a++) for (let c = 0; c < X.length; c++) {
      let k = 0;
      H.forEach((_, b) => { k += Math.exp(lw[a][b] - lz - logPx[a]) * Math.exp(lw[c][b] - lz - logPh[b]); });
      K.data[a * X.length + c] = Math.exp(0.5 * (logPx[a] - logPx[c])) * k; // √p(x) K(x'|x) / √p(x')
    }
    for (let a = 0; a < X.length; a++) for (let c = 0; c < a; c++) {
      const m = 0.5 * (K.data[a * X.length + c] + K.data[c * X.length + a]);
      K.data[a * X.length + c] = K.data[c * X.length + a] = m;
    }
    const ev = symmetricEigen(K).values; // ascending; the largest is 1
    const lambda2 = Math.max(0, ev[ev.length - 2]);
    const tau = (1 + lambda2) / (1 - lambda2);
    tauMax = Math.max(tauMax, tau);
    // P <- A P Aᵀ + η² τ Cov_model / chains,  A = I − η (Cov_model − E_data Cov(s|x))
    const A = covModel.map((r, u) => r.map((c, v) => (u === v ? 1 : 0) - eta * (c - condCov[u][v])));
    const AP = A.map((r) => P[0].map((_, v) => r.reduce((acc, auw, w) => acc + auw * P[w][v], 0)));
    P = AP.map((r, u) => A.map((rv, v) => r.reduce((acc, x, w) => acc + x * rv[w], 0) + (eta * eta * tau * covModel[u][v]) / chains));
    // θ <- θ + η (⟨s⟩_data − ⟨s⟩_model)
    const g = dataMean.map((d, u) => d - mean[u]);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) p.W[i][j] += eta * g[i * N + j];
    for (let i = 0; i < M; i++) p.a[i] += eta * g[M * N + i];
    for (let j = 0; j < N; j++) p.b[j] += eta * g[M * N + M + j];
  }
  return { params: p, klStart, kl: kl(), tauMax, deviationVariance: P.map((r, u) => r[u]) };
}
