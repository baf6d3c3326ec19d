/**
 * The false-failure design of the statistical tests declared with uvu's plain `test` (those
 * declared with `statTest` carry it themselves): which spec file, a pattern on the test's name,
 * and what its bounds imply (spec/seeds.ts: k standard errors on `checks` statistics, or a rate).
 * Read by spec/seed-runner.ts (npm run spec:seeds). The check counts are read off each test.
 */
import type { Design } from './seeds.js';

const k4 = (checks: number, note?: string): Design => ({ k: 4, checks, note });
const rate = (r: number, note: string): Design => ({ rate: r, note });
/** A chi-square or KS test at the 0.999 quantile (or alpha 1e-3). */
const chi999 = (tests = 1): Design => ({ rate: 1e-3 * tests, note: tests > 1 ? `${tests} tests at level 1e-3` : 'level 1e-3' });

export const DESIGNS: { file: string; test: RegExp; design: Design }[] = [
  // ---- mcmc ----
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^N-MH-01 a chain asked for n steps/, design: rate(3e-4, 'Rng.normal returns exactly 0 when its 24-bit j is 0 (probability 2^-24): an accepted zero step leaves the sample unchanged; 5000 draws x 2^-24 = 3e-4') },
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^N-MH-07 random-walk Metropolis on N\(0, 1\)/, design: k4(2, 'E x, E x² at 4 SE') },
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^N-MH-06 5-state chain with a/, design: chi999() },
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^N-MH-06 control/, design: rate(1e-3, 'negative control: fails only if the biased chain passes a 0.999 chi-square test') },
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^autoregressiveProposal log density/, design: k4(2, 'mean and variance of iid draws') },
  { file: 'spec/mcmc/metropolis.spec.ts', test: /^random-walk Metropolis respects -Infinity/, design: k4(1) },
  { file: 'spec/mcmc/moments.spec.ts', test: /1-D Gaussian/, design: k4(2, 'mean, variance') },
  { file: 'spec/mcmc/moments.spec.ts', test: /correlated 2-D Gaussian/, design: k4(5, '2 means, 3 covariances') },
  { file: 'spec/mcmc/moments.spec.ts', test: /^MALA reproduces the closed-form moments of the banana/, design: k4(4, 'the four moments without the x1^4 tail') },
  { file: 'spec/mcmc/moments.spec.ts', test: /banana/, design: k4(6) },
  { file: 'spec/mcmc/moments.spec.ts', test: /^two-mode mixture/, design: k4(3) },
  { file: 'spec/mcmc/gibbs.spec.ts', test: /chi-square/, design: chi999() },
  { file: 'spec/mcmc/langevin.spec.ts', test: /^N-LANG-01 ULA chain on E = x²\/2/, design: k4(3, 'variance, mean, and the bias resolved beyond 4 SE') },
  { file: 'spec/mcmc/langevin.spec.ts', test: /^N-LANG-02 MALA with λ = 0.5/, design: k4(1) },
  { file: 'spec/mcmc/langevin.spec.ts', test: /^N-LANG-02 MALA adaptation/, design: k4(5, 'alpha of 4 adapted steps at 4 Robbins-Monro SD, pooled sampling acceptance at 4 SE') },
  { file: 'spec/mcmc/hmc.spec.ts', test: /^X-HMC dual averaging/, design: { rate: 2 * 3.2e-5 + 1e-6, note: 'sampling acceptance at 4 SE; alpha of the adapted step 7 sd inside its band (measured)' } },
  { file: 'spec/mcmc/chains.spec.ts', test: /^split R-hat of sampler chains/, design: rate(1e-6, 'high-probability statements about R-hat') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^X-ESS AR\(1\)/, design: k4(2, 'tau_int for rho = 0.5 and 0.9 at 4 Sokal SE') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^X-ESS anticorrelated/, design: k4(1) },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^X-ESS strongly anticorrelated/, design: rate(1e-6, 'rho(1) far inside the flagged range') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^blocking: AR\(1\)/, design: k4(1, '4 blocking SE plus the exact bias; the rule stopping two levels early: never in 200 runs') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^blocking: iid/, design: k4(1) },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^splitRHat < 1.01/, design: rate(1e-13, 'P(chi2_7 > 77), stated in the test') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^(splitRHat > 1.1|split R-hat catches)/, design: rate(1e-9, 'chains 5 sd apart / a drift of 4 sd') },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^bulkEffectiveSampleSize of 4 AR\(1\)/, design: k4(1) },
  { file: 'spec/mcmc/diagnostics.spec.ts', test: /^summarize: short or unmixed/, design: rate(1e-6, 'ESS about 21 against a threshold of 400') },
  // ---- random ----
  { file: 'spec/random/distributions.spec.ts', test: /^N-GIBBS-03 bernoulli rates/, design: k4(3) },
  { file: 'spec/random/distributions.spec.ts', test: /^N-GIBBS-03 fillBernoulli/, design: k4(3) },
  { file: 'spec/random/distributions.spec.ts', test: /^categorical: frequencies by chi-square/, design: chi999() },
  { file: 'spec/random/distributions.spec.ts', test: /^fillNormal\(out, mean, sd\)/, design: k4(2) },
  { file: 'spec/random/distributions.spec.ts', test: /^fillUniform: chi-square/, design: { rate: 1e-3 + 2 * 6.3e-5, note: 'chi-square at 1e-3 and 2 moments at 4 SE' } },
  { file: 'spec/random/distributions.spec.ts', test: /^float\(\): chi-square/, design: { rate: 1e-3 + 2 * 6.3e-5, note: 'chi-square at 1e-3 and 2 moments at 4 SE' } },
  { file: 'spec/random/distributions.spec.ts', test: /^int\(n\): chi-square/, design: chi999(4) },
  { file: 'spec/random/distributions.spec.ts', test: /^normal\(\): KS/, design: { rate: 1e-3 + 2 * 6.3e-5, note: 'KS at alpha 1e-3 and 2 moments at 4 SE' } },
  { file: 'spec/random/distributions.spec.ts', test: /^normal: moments/, design: { rate: 5 * 6.3e-5 + 1e-3, note: 'moments and 3 tail masses at 4 SE, chi-square at 1e-3' } },
  { file: 'spec/random/distributions.spec.ts', test: /^normal: the layer-index bits/, design: chi999(2) },
  { file: 'spec/random/distributions.spec.ts', test: /^permutation \/ shuffle/, design: chi999(2) },
  // ---- ising ----
  { file: 'spec/ising/samplers.spec.ts', test: /⟨E⟩ and C on L = 8 and 16/, design: k4(12, '2 observables x 2 sizes x 3 temperatures') },
  { file: 'spec/ising/samplers.spec.ts', test: /^X-ISING every update: ⟨\|M\|⟩/, design: k4(4 * 3 + 4 * 2, '4 updates x 3 temperatures, chi and U at T_c') },
  { file: 'spec/ising/samplers.spec.ts', test: /^X-ISING single-site updates in a field/, design: k4(12, '3 updates x 2 temperatures x 2 observables') },
  { file: 'spec/ising/samplers.spec.ts', test: /^X-ISING Wolff improved estimator/, design: k4(3) },
  { file: 'spec/ising/samplers.spec.ts', test: /^X-ISING Metropolis acceptance on L = 4/, design: k4(3) },
  { file: 'spec/ising/balance.spec.ts', test: /^X-ISING the code follows the exact kernels/, design: rate(27e-4, '27 chi-square tests at level 1e-4 (cells expecting < 5 pooled)') },
  { file: 'spec/ising/model.spec.ts', test: /^X-ISING random start: spins are ±1, about half up/, design: k4(1) },
  // ---- rbm ----
  { file: 'spec/rbm/binary.spec.ts', test: /^N-CDT-03 glorot-normal/, design: k4(1) },
  { file: 'spec/rbm/binary.spec.ts', test: /^N-GIBBS-02 a long block-Gibbs chain/, design: chi999() },
  { file: 'spec/rbm/binary.spec.ts', test: /^N-GIBBS-03 sampleHiddenGivenVisible/, design: k4(8, 'one frequency per unit') },
  { file: 'spec/rbm/cd.spec.ts', test: /^N-CD-01 sampled CD-k updates/, design: k4(20, 'one average per parameter') },
  { file: 'spec/rbm/exact.spec.ts', test: /^N-RBM-11 sampled negative phase/, design: k4(20, 'one average per parameter') },
  { file: 'spec/rbm/boltzmann.spec.ts', test: /^single-site Gibbs sweeps/, design: chi999() },
  // The exact log Z must lie in the library's interval log(mean w ∓ 3 SE): 2.7e-3 per model by
  // normal theory (more if the weights' skew makes the SE small), 3 models per test; the 0.1-nats
  // specification is looser than that interval for these models.
  { file: 'spec/rbm/ais.spec.ts', test: /^AIS within 0.1 nats/, design: rate(3 * 2.7e-3, 'exact log Z inside the ±3 SE interval for 3 models (normal theory), and the 0.1-nats specification') },
  { file: 'spec/rbm/ais.spec.ts', test: /^AIS for spin RBMs/, design: rate(3 * 2.7e-3, 'exact log Z inside the ±3 SE interval for 3 models (normal theory), and the 0.1-nats specification') },
  { file: 'spec/rbm/train.spec.ts', test: /^(N-TOY-05 with sampling|spin RBM trains)/, design: k4(11, '11 parameters within 4 SD of the exact-gradient path (SD an upper bound); KL and ranking margins far outside') },
  { file: 'spec/rbm/train.spec.ts', test: /^N-CDT-02 binarizeData/, design: k4(3, 'one frequency per p') },
  { file: 'spec/rbm/train.spec.ts', test: /^N-GRBM-08 trainSigma/, design: k4(2, 'Δa and Δlog σ') },
  { file: 'spec/rbm/train.spec.ts', test: /^NaN\/Inf detection/, design: rate(4e-4, 'both batches of epoch 1 exact no-ops (CD-1 reconstructs every row): about (1/50)^2') },
  { file: 'spec/rbm/train.spec.ts', test: /^Tieleman 2008/, design: rate(1e-6, 'sign of gaps 0.39 and 0.38 with sd 0.03 over 16 reseeded runs; 1e-6 stated conservatively') },
  // ---- other modules ----
  { file: 'spec/optim/batches.spec.ts', test: /^N-OPT-06 Fisher–Yates/, design: chi999() },
  { file: 'spec/nn/mlp.spec.ts', test: /^N-NN-06 parameter count/, design: k4(4, 'one variance per layer') },
  { file: 'spec/vae/autoencoder.spec.ts', test: /^N-VAE-01 gradcheck of the reconstruction/, design: rate(1e-4, 'a ReLU kink within the finite-difference step (biases nonzero)') },
  { file: 'spec/vae/vae.spec.ts', test: /^N-VAE-0[39].* gradcheck/, design: rate(1e-3, 'a ReLU kink crossed by the ±1e-6 step (checked exactly)') },
  { file: 'spec/vae/gaussian.spec.ts', test: /closed-form KL agrees with the Monte Carlo/, design: k4(1) },
  { file: 'spec/vae/vae.spec.ts', test: /^(IWAE: with an imperfect Q|N-VAE-08 linear-Gaussian VAE|N-VAE-02 prior Monte Carlo)/, design: k4(3) },
  { file: 'spec/vmc/vmc.spec.ts', test: /^N-VMC-08 energy gradient estimator/, design: rate(8 * 1.7e-4, '8 checks at 4 SE with the SE from 64 replicates: Student t, 63 df') },
  { file: 'spec/vmc/vmc.spec.ts', test: /4 combined SE|Coulomb on|E ≥ exact − 4 SE/, design: k4(3) },
  { file: 'spec/vmc/spins.spec.ts', test: /^Metropolis spin flips/, design: k4(1) },
];
