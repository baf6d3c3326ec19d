/**
 * The pair kernels of the VMC wavefunction and Hamiltonian without argument checks (internal: not
 * re-exported from lib/vmc/index.ts). The loops over particle pairs call these; the public
 * `jastrowPair`, `jastrowPairBetaDerivative`, `particleDistance` and `interactionEnergy` check
 * their arguments once and call them.
 */
export type JastrowKind = 'none' | 'simple' | 'pade';

/** A Jastrow factor: its kind and, for Padé, the fixed cusp coefficient `a`. */
export interface Jastrow {
  kind: JastrowKind;
  /** Padé cusp coefficient (fixed, not trained); ignored by the other kinds. */
  cusp: number;
}

/** f(r), f'(r), f''(r) of the pair factor into out[0..2] (see jastrowPair for the forms). */
export function pairFactor(out: Float64Array, jastrow: Jastrow, beta: number, r: number): Float64Array {
  if (jastrow.kind === 'simple') {
    out[0] = beta * r;
    out[1] = beta;
    out[2] = 0;
  } else if (jastrow.kind === 'pade') {
    const a = jastrow.cusp;
    const d = 1 / (1 + beta * r);
    out[0] = a * r * d;
    out[1] = a * d * d;
    out[2] = -2 * a * beta * d * d * d;
  } else {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
  }
  return out;
}

/** ∂f(r)/∂β of the pair factor (see jastrowPairBetaDerivative). */
export function pairFactorBetaDerivative(jastrow: Jastrow, beta: number, r: number): number {
  if (jastrow.kind === 'simple') return r;
  if (jastrow.kind === 'pade') {
    const d = 1 / (1 + beta * r);
    return -jastrow.cusp * r * r * d * d;
  }
  return 0;
}

/** r_pq = |x_p − x_q| for particles p, q of D coordinates each in x. */
export function pairDistance(x: Float64Array, p: number, q: number, D: number): number {
  let r2 = 0;
  for (let d = 0; d < D; d++) {
    const t = x[p * D + d] - x[q * D + d];
    r2 += t * t;
  }
  return Math.sqrt(r2);
}

/** Σ_{p<q} 1/r_pq (the Coulomb energy of the particles in x). */
export function coulombEnergy(x: Float64Array, particles: number, dims: number): number {
  let v = 0;
  for (let p = 0; p < particles; p++) for (let q = p + 1; q < particles; q++) v += 1 / pairDistance(x, p, q, dims);
  return v;
}
