/**
 * Adam's step (N-OPT-05) as a WebAssembly SIMD kernel over float32 arrays in a memory the team
 * of trainVAE shares (./team.ts), emitted with lib/linalg/wasm/emitter.ts. It computes what
 * lib/optim's adamRangeUnchecked computes, bit for bit: every operation in float64 lanes, in the
 * same order, each stored value rounded once to float32:
 *
 *   mᵢ = β₁·m + (1 − β₁)·g                    m ← fl32(mᵢ)
 *   vᵢ = β₂·v + ((1 − β₂)·g)·g                v ← fl32(vᵢ)
 *   θ ← fl32(θ − (s·mᵢ) / (√vᵢ · c + ε))      s = η/(1 − β₁ᵗ), c = 1/√(1 − β₂ᵗ)
 *
 * (mᵢ and vᵢ enter the step unrounded, as in JavaScript.) Four entries per iteration, as two
 * float64x2 halves; the caller does the count mod 4 left over with adamRangeUnchecked.
 */
import { buildModule, FunctionBody, Op, SimdOp, ValType } from '../linalg/wasm/emitter.js';
import { emitWiden, LOW_HALVES } from '../linalg/wasm/float64-lanes.js';


/**
 * Emits `adam4(p, g, m, v, quads, stepSize, invSqrtC2, beta1, beta2, eps, oneMinusBeta1,
 * oneMinusBeta2)`: byte addresses of the four float32 arrays, `quads` groups of four entries; the
 * rest float64 (1 − β as the caller computed it in JavaScript).
 */
function emitAdam(): FunctionBody {
  const i32 = ValType.i32, f64 = ValType.f64, v128 = ValType.v128;
  const f = new FunctionBody([i32, i32, i32, i32, i32, f64, f64, f64, f64, f64, f64, f64], []);
  const p = 0, g = 1, m = 2, v = 3, quads = 4, stepSize = 5, invSqrtC2 = 6, beta1 = 7, beta2 = 8, eps = 9, oneMinusBeta1 = 10, oneMinusBeta2 = 11;
  const q = f.addLocal(i32);
  const b1 = f.addLocal(v128), c1 = f.addLocal(v128), b2 = f.addLocal(v128), c2 = f.addLocal(v128), s = f.addLocal(v128), c = f.addLocal(v128), e = f.addLocal(v128);
  const G = f.addLocal(v128), M = f.addLocal(v128), V = f.addLocal(v128), P = f.addLocal(v128);
  const mi = f.addLocal(v128), vi = f.addLocal(v128), gh = f.addLocal(v128);
  const newM = [f.addLocal(v128), f.addLocal(v128)], newV = [f.addLocal(v128), f.addLocal(v128)], newP = [f.addLocal(v128), f.addLocal(v128)];
  const splat = (x: number, local: number): void => { f.localGet(x).simd(SimdOp.f64x2_splat).localSet(local); };
  splat(beta1, b1);
  splat(beta2, b2);
  splat(stepSize, s);
  splat(invSqrtC2, c);
  splat(eps, e);
  splat(oneMinusBeta1, c1); // 1 − β, formed by the caller as JavaScript forms it
  splat(oneMinusBeta2, c2);

  f.i32Const(0).localSet(q);
  f.block();
  f.loop();
  {
    f.localGet(q).localGet(quads).op(Op.i32_ge_u).brIf(1);
    f.localGet(g).simd(SimdOp.v128_load, 2, 0).localSet(G);
    f.localGet(m).simd(SimdOp.v128_load, 2, 0).localSet(M);
    f.localGet(v).simd(SimdOp.v128_load, 2, 0).localSet(V);
    f.localGet(p).simd(SimdOp.v128_load, 2, 0).localSet(P);
    for (const h of [0, 1] as const) {
      const widen = (x: number): void => emitWiden(f, x, h); // the half's lanes: h = 0 lanes 0, 1; h = 1 lanes 2, 3
      widen(G);
      f.localSet(gh);
      // mᵢ = β₁ m + (1 − β₁) g
      f.localGet(b1);
      widen(M);
      f.simd(SimdOp.f64x2_mul).localGet(c1).localGet(gh).simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add).localSet(mi);
      // vᵢ = β₂ v + ((1 − β₂) g) g
      f.localGet(b2);
      widen(V);
      f.simd(SimdOp.f64x2_mul).localGet(c2).localGet(gh).simd(SimdOp.f64x2_mul).localGet(gh).simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add).localSet(vi);
      f.localGet(mi).simd(SimdOp.f32x4_demote_f64x2_zero).localSet(newM[h]);
      f.localGet(vi).simd(SimdOp.f32x4_demote_f64x2_zero).localSet(newV[h]);
      // θ − (s mᵢ) / (√vᵢ c + ε)
      widen(P);
      f.localGet(s).localGet(mi).simd(SimdOp.f64x2_mul);
      f.localGet(vi).simd(SimdOp.f64x2_sqrt).localGet(c).simd(SimdOp.f64x2_mul).localGet(e).simd(SimdOp.f64x2_add);
      f.simd(SimdOp.f64x2_div).simd(SimdOp.f64x2_sub).simd(SimdOp.f32x4_demote_f64x2_zero).localSet(newP[h]);
    }
    f.localGet(m).localGet(newM[0]).localGet(newM[1]).shuffle(LOW_HALVES).simd(SimdOp.v128_store, 2, 0);
    f.localGet(v).localGet(newV[0]).localGet(newV[1]).shuffle(LOW_HALVES).simd(SimdOp.v128_store, 2, 0);
    f.localGet(p).localGet(newP[0]).localGet(newP[1]).shuffle(LOW_HALVES).simd(SimdOp.v128_store, 2, 0);
    f.addToLocal(p, 16);
    f.addToLocal(g, 16);
    f.addToLocal(m, 16);
    f.addToLocal(v, 16);
    f.addToLocal(q, 1);
    f.br(0);
  }
  f.end();
  f.end();
  return f;
}

/**
 * The module: `adam4` above, importing the team's memory as `env.memory` (`pages` its fixed
 * size; `shared` as that memory: shared for a team of threads, plain for one thread).
 *
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
 * const { adam4 } = new WebAssembly.Instance(new WebAssembly.Module(buildAdamKernelModule(1)), { env: { memory } }).exports;
 * ```
 */
export function buildAdamKernelModule(pages: number, shared = true): Uint8Array<ArrayBuffer> {
  return buildModule({
    importMemory: { module: 'env', name: 'memory', initial: pages, maximum: pages, shared },
    functions: [{ exportName: 'adam4', body: emitAdam() }],
  });
}

/** Signature of `adam4`. */
export type AdamKernel = (p: number, g: number, m: number, v: number, quads: number, stepSize: number, invSqrtC2: number, beta1: number, beta2: number, eps: number,
  oneMinusBeta1: number, oneMinusBeta2: number) => void;
