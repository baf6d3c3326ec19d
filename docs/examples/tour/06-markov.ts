/**
 * Tour chapter: Markov chains and the diagnostics of correlated samples. The notes' 3-state
 * chain (000 "Markov processes"), detailed balance of a 3-cycle (balance without detailed
 * balance), and the integrated autocorrelation time of an AR(1) chain against its exact value.
 * Writes markov-chain.svg (p(n) converging to pi) into the chapter's folder.
 */
import { join } from 'node:path';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import {
  detailedBalanceResidual,
  evolve,
  evolveSteps,
  stationaryDistribution,
  transitionEigenvalues,
} from '../../../lib/markov/index.js';
import { integratedAutocorrTimeDetails, blockingError } from '../../../lib/mcmc/diagnostics.js';
import { matrix64 } from '../../../lib/linalg/index.js';
import { Rng } from '../../../lib/random/index.js';
import { linePlot } from '../../../lib/io/index.js';
import { writeSvg } from '../../../lib/io-node.js';

export const chapter: TourChapter = {
  title: 'Markov chains, detailed balance and autocorrelation times',
  order: 6,
  run(outDir: string): TourRow[] {
    const rows: TourRow[] = [];
    const W = matrix64(3, 3, [0.5, 0.25, 0, 0.5, 0.5, 0.5, 0, 0.25, 0.5]); // W[i][j] = W(j -> i)
    const p3 = evolveSteps(new Float64Array(3), W, new Float64Array([1, 0, 0]), 3);
    const notes = 'notes 000 "Markov processes" (exact)';
    rows.push(compareRow('3-state chain p(3)_0', p3[0], 0.3125, 0, notes));
    rows.push(compareRow('3-state chain p(3)_1', p3[1], 0.5, 0, notes));
    rows.push(compareRow('3-state chain p(3)_2', p3[2], 0.1875, 0, notes));
    const pi = stationaryDistribution(W);
    rows.push(compareRow('stationary pi_0', pi[0], 0.25, 1e-15, 'W pi = pi by hand: (1/4, 1/2, 1/4)'));
    rows.push(compareRow('stationary pi_1', pi[1], 0.5, 1e-15, 'W pi = pi by hand'));
    rows.push(compareRow('stationary pi_2', pi[2], 0.25, 1e-15, 'W pi = pi by hand'));
    const eig = transitionEigenvalues(W).re;
    rows.push(compareRow('second eigenvalue of W', eig[1], 0.5, 1e-14, 'characteristic polynomial: {1, 1/2, 0}'));
    // 3-cycle 0 -> 1 -> 2 -> 0 w.p. 1/2, stay w.p. 1/2: uniform pi is stationary, not reversible.
    const cycle = matrix64(3, 3, [0.5, 0, 0.5, 0.5, 0.5, 0, 0, 0.5, 0.5]);
    const third = new Float64Array([1 / 3, 1 / 3, 1 / 3]);
    rows.push(compareRow('3-cycle detailed-balance residual r_db', detailedBalanceResidual(cycle, third), 1 / 6, 1e-15, 'flow 1/2 * 1/3 one way, 0 back'));
    // AR(1) with rho = 0.5: tau_int = (1 + rho) / (1 - rho) = 3. Sokal's SE, k = 4.
    const n = 2 ** 17;
    const rng = new Rng(6);
    const x = new Float64Array(n);
    x[0] = rng.normal();
    for (let t = 1; t < n; t++) x[t] = 0.5 * x[t - 1] + Math.sqrt(0.75) * rng.normal();
    const d = integratedAutocorrTimeDetails(x);
    rows.push(compareRow(`AR(1) rho=0.5 tau_int (N=2^17, window ${d.window}; tol 4 SE = ${(4 * d.standardError).toFixed(3)})`, d.tau, 3, 4 * d.standardError, '(1+rho)/(1-rho), Sokal SE'));
    const b = blockingError(x);
    // exact Var of the mean of m consecutive AR(1) values (sigma^2 = 1, rho = 1/2)
    const varMean = (m: number) => (1 / m) * (3 - (2 * 0.5 * (1 - 0.5 ** m)) / (m * 0.25));
    const exactVar = varMean(n);
    // what the estimator expects at the level it chose (block means still slightly correlated)
    const expected = (varMean(b.blockSize) - exactVar) / (b.blocks - 1);
    rows.push({
      what: `AR(1) rho=0.5 blocking sd of the mean (block ${b.blockSize})`,
      value: b.standardError.toExponential(4),
      reference: Math.sqrt(exactVar).toExponential(4),
      source: 'exact AR(1) Var(xbar); tol 4 blocking SE + its exact bias at that block size',
      ok: Math.abs(b.varianceOfMean - exactVar) <= 4 * b.relativeErrorOfVariance * expected + Math.abs(expected - exactVar),
    });
    // p(n) converging to pi, as a picture
    const history: number[][] = [[1], [0], [0]];
    const p = new Float64Array([1, 0, 0]);
    const next = new Float64Array(3);
    for (let t = 1; t <= 12; t++) {
      evolve(next, W, p);
      p.set(next);
      for (let i = 0; i < 3; i++) history[i].push(p[i]);
    }
    const svg = linePlot({
      series: history.map((y, i) => ({ y, label: `p_${i}(n) -> ${pi[i].toFixed(2)}` })),
      title: "p(n) = W^n p(0) for the notes' 3-state chain",
      xLabel: 'step n',
      yLabel: 'probability',
    });
    writeSvg(join(outDir, 'markov-chain.svg'), svg);
    
    return rows;
  },
};
