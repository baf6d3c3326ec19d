// The numbers that must come out bit-identical in Node and in a browser for the same seed: an
// Rng stream, a gemm on each backend, a short block-Gibbs chain of an RBM, a few epochs of RBM
// training (CD-1, PCD-2) and of VAE training, Ising sweeps.
// Plain JavaScript taking the library as an argument, so the browser spec runs the very same
// code in Node (lib/ through tsx) and in Chromium (dist/ and the single-file bundle).

/** Float32 values as their bit patterns, hex: equality of these strings is bit-identity. */
function bits(f32) {
  const u = new Uint32Array(f32.buffer, f32.byteOffset, f32.length);
  return Array.from(u, (x) => x.toString(16).padStart(8, '0')).join('');
}

/** Float64 values as their bit patterns, hex. */
function bits64(f64) {
  const u = new Uint32Array(f64.buffer, f64.byteOffset, 2 * f64.length);
  return Array.from(u, (x) => x.toString(16).padStart(8, '0')).join('');
}

/** @param {typeof import('../../lib/index.js')} lib */
export function identicalCases(lib) {
  const out = {};
  // 1. The generator: 1000 raw words, 1000 uniforms, 1000 float32 normals.
  const rng = new lib.Rng(2024);
  out.uint32 = Array.from({ length: 1000 }, () => rng.nextUint32()).join(',');
  out.uniform = bits64(Float64Array.from({ length: 1000 }, () => rng.float()));
  out.normal = bits(rng.fillNormal(new Float32Array(1000)));
  // 2. gemm on each backend, plain and with transB, alpha and beta.
  const before = lib.getBackend();
  out.backends = lib.availableBackends().join(',');
  for (const backend of lib.availableBackends()) {
    lib.setBackend(backend);
    const r = new lib.Rng(5);
    const a = lib.matrix(37, 53), b = lib.matrix(53, 29), bt = lib.matrix(29, 53);
    r.fillUniform(a.data, -1, 1);
    r.fillUniform(b.data, -1, 1);
    r.fillUniform(bt.data, -1, 1);
    const c = lib.gemm(lib.matrix(37, 29), a, b);
    const d = lib.matrix(37, 29, c.data.slice());
    lib.gemm(d, a, bt, { transB: true, alpha: 0.5, beta: -1.25 });
    out[`gemm_${backend}`] = bits(c.data) + bits(d.data);
  }
  // The rest on the default backend of both places (wasm where SIMD runs), whatever a caller
  // left selected; the caller's choice comes back at the end.
  lib.setBackend(lib.availableBackends().includes('wasm') ? 'wasm' : 'ts');
  // 3. Ten block-Gibbs steps of a 9 x 16 RBM on 8 chains.
  const rbm = lib.BernoulliRBM.create(9, 16, 'glorot-normal', new lib.Rng(11));
  const r12 = new lib.Rng(12);
  const X = lib.matrix(8, 9);
  for (let q = 0; q < X.data.length; q++) X.data[q] = r12.float() < 0.5 ? 1 : 0;
  lib.blockGibbs(X, rbm, X, 10, new lib.Rng(13));
  out.gibbs = bits(rbm.W.data) + '|' + bits(X.data);
  // 3b. Training: CD-1 and PCD-2 on the same 0/1 data, a few epochs (a Bernoulli RBM with SGD
  // takes the resident loop on the wasm backend: W in wasm memory, the fused update kernel).
  const data = lib.matrix(40, 12);
  const r15 = new lib.Rng(15);
  for (let q = 0; q < data.data.length; q++) data.data[q] = r15.float() < 0.3 ? 1 : 0;
  const cd = lib.BernoulliRBM.create(12, 10, 'glorot-normal', new lib.Rng(16));
  lib.trainRBM(cd, data, { method: 'cd', epochs: 3, batchSize: 16, learningRate: 0.1 }, new lib.Rng(17));
  const pcd = lib.BernoulliRBM.create(12, 10, 'glorot-normal', new lib.Rng(16));
  const { chains } = lib.trainRBM(pcd, data, { method: 'pcd', k: 2, persistentChains: 8, epochs: 3, batchSize: 16, learningRate: 0.1 }, new lib.Rng(17));
  out.train = bits(cd.W.data) + bits(cd.a) + bits(cd.b) + '|' + bits(pcd.W.data) + bits(pcd.b) + bits(chains.data);
  // 3c. Two epochs of a small VAE (trainVAE's two-phase step on this thread, Adam in wasm).
  const images = lib.matrix(48, 16);
  const r18 = new lib.Rng(18);
  for (let q = 0; q < images.data.length; q++) { const u = r18.float(); images.data[q] = u < 0.6 ? 0 : u; }
  const vae = lib.VAE.create({ inputSize: 16, latentSize: 2, hidden: [8] }, new lib.Rng(19));
  const vaeMetrics = lib.trainVAE(vae, images, { epochs: 2, batchSize: 20 }, new lib.Rng(20));
  out.vae = vae.parameters().map((p) => bits(p)).join('') + '|' + bits64(Float64Array.from(vaeMetrics.map((m) => m.trainLoss)));
  // 4. Ising 16 x 16 at T = 2.3: checkerboard, plain and heat-bath sweeps, then Wolff clusters.
  const model = new lib.IsingModel({ L: 16, T: 2.3, rng: new lib.Rng(14) });
  for (let s = 0; s < 5; s++) model.checkerboardSweep('metropolis');
  for (let s = 0; s < 3; s++) model.sweep();
  for (let s = 0; s < 2; s++) model.heatBathSweep();
  let flipped = 0;
  for (let s = 0; s < 5; s++) flipped += model.wolffStep();
  out.ising = `${Array.from(model.spins).join('')}|E=${model.energy()}|M=${model.magnetization()}|flipped=${flipped}`;
  lib.setBackend(before);
  return out;
}
