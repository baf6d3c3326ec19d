/**
 * Tour chapter: optimizers on the quadratic f(θ) = ½ θᵀAθ − cᵀθ with A = [[3, 1], [1, 3]]
 * (eigenvalues 4 and 2) and c = [1, 2], whose minimizer is A⁻¹c = [1/8, 5/8] and minimum
 * f* = −½ cᵀA⁻¹c = −0.6875. Writes the loss curves and paths as SVG and the landscape as PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { compareRow, type TourChapter, type TourRow } from './chapter.js';
import { adamStep, createAdamState, momentumStep, rmspropStep, sgdStep } from '../../../lib/optim/index.js';
import { greyImageFromFloats, linePlot, withAxes } from '../../../lib/io/index.js';
import { writePng, writeSvg } from '../../../lib/io-node.js';

const THETA_STAR = [0.125, 0.625];
const F_STAR = -0.6875;
const f = (t: ArrayLike<number>) => 0.5 * (3 * t[0] * t[0] + 2 * t[0] * t[1] + 3 * t[1] * t[1]) - (t[0] + 2 * t[1]);
function grad(out: Float64Array, t: Float64Array): Float64Array {
  out[0] = 3 * t[0] + t[1] - 1;
  out[1] = t[0] + 3 * t[1] - 2;
  return out;
}

/** Runs `steps` updates from θ = (-0.5, 1.5); returns the final θ, the gaps f − f* and the path. */
function run(steps: number, update: (theta: Float64Array, g: Float64Array) => void) {
  const theta = new Float64Array([-0.5, 1.5]);
  const g = new Float64Array(2);
  const gap: number[] = [f(theta) - F_STAR];
  const path1: number[] = [theta[0]], path2: number[] = [theta[1]];
  for (let k = 0; k < steps; k++) {
    update(theta, grad(g, theta));
    // f − f* is computed from f ~ 1, so below ~1e-16 it is rounding noise (and may be 0 or negative): floor it there.
    gap.push(Math.max(f(theta) - F_STAR, 1e-16));
    path1.push(theta[0]);
    path2.push(theta[1]);
  }
  return { theta, gap, path1, path2 };
}

export const chapter: TourChapter = {
  title: 'Optimizers (SGD, momentum, RMSprop, Adam) and pictures',
  order: 5,
  run(outDir: string): TourRow[] {
    const rows: TourRow[] = [];
    const exact = 'A⁻¹c, exact';
    const sgd = run(300, (t, g) => sgdStep(t, g, 0.2));
    const velocity = new Float64Array(2);
    const mom = run(300, (t, g) => momentumStep(t, g, velocity, 0.1, 0.5));
    const adamState = createAdamState(new Float64Array(2)); // float64 m, v like the parameters
    const adam = run(3000, (t, g) => adamStep(t, g, adamState, 0.01));
    rows.push(compareRow('SGD lr=0.2, 300 steps: θ₁', sgd.theta[0], THETA_STAR[0], 1e-9, exact));
    rows.push(compareRow('momentum lr=0.1 γ=0.5, 300 steps: θ₂', mom.theta[1], THETA_STAR[1], 1e-9, exact));
    rows.push(compareRow('Adam lr=0.01, 3000 steps: θ₁', adam.theta[0], THETA_STAR[0], 1e-4, exact));
    rows.push(compareRow('Adam lr=0.01, 3000 steps: θ₂', adam.theta[1], THETA_STAR[1], 1e-4, exact));
    // SGD diverges above lr = 2/λmax = 0.5: after 60 steps at 0.55 the error has grown ~1.2^60.
    const diverged = run(60, (t, g) => sgdStep(t, g, 0.55));
    // From θ₀ = (−0.5, 1.5) the error e = θ − θ* = (−0.625, 0.875) has component 0.25/√2 along
    // [1, 1]/√2 (eigenvalue 4), multiplied by 1.2 each step; the other (factor 0.1) dies out.
    const divergedDistance = Math.hypot(diverged.theta[0] - THETA_STAR[0], diverged.theta[1] - THETA_STAR[1]);
    const predicted = Math.pow(1.2, 60) * (0.25 / Math.SQRT2);
    rows.push(compareRow('SGD lr=0.55 > 2/λmax: |θ − θ*| after 60 steps', divergedDistance, predicted, 1e-9 * predicted, '1.2⁶⁰·0.25/√2 (|1 − 0.55·4| = 1.2)'));
    const stepsTo = (gap: number[]) => gap.findIndex((d) => d < 1e-12);
    rows.push({
      what: 'steps until f − f* < 1e-12: SGD / momentum / Adam',
      value: `${stepsTo(sgd.gap)} / ${stepsTo(mom.gap)} / ${stepsTo(adam.gap)}`,
      reference: '',
      source: 'measured (same start, settings above)',
      ok: stepsTo(sgd.gap) > 0 && stepsTo(mom.gap) > 0 && stepsTo(adam.gap) > 0,
    });
    // First steps: RMSprop moves lr/sqrt(1 − ρ), Adam moves lr, whatever |g|.
    const t1 = new Float64Array([0]);
    rmspropStep(t1, new Float64Array([0.37]), new Float64Array(1), 0.01, 0.9);
    rows.push(compareRow('RMSprop ρ=0.9 first step / lr', -t1[0] / 0.01, 1 / Math.sqrt(0.1), 1e-5, '1/√(1−ρ) (eps ≪ |g|)'));
    const t2 = new Float64Array([0]);
    adamStep(t2, new Float64Array([250]), createAdamState(t2), 0.01);
    rows.push(compareRow('Adam first step / lr (g = 250)', -t2[0] / 0.01, 1, 1e-6, 'bias-corrected m̂/√v̂ = sign g'));

    // Pictures: loss curves (SVG) and the landscape log10(f − f*) as a grey PNG.
    const svg = linePlot({
      series: [
        { y: sgd.gap.slice(0, 200), label: 'SGD lr=0.2' },
        { y: mom.gap.slice(0, 200), label: 'momentum lr=0.1, γ=0.5' },
        { y: adam.gap.slice(0, 200), label: 'Adam lr=0.01' },
      ],
      title: 'f(θ) − f* on a 2-D quadratic (below 1e-16 it is rounding noise)',
      xLabel: 'step',
      yLabel: 'f − f*',
      logY: true,
      yLim: [1e-16, 10],
    });
    const svgPath = join(outDir, 'optim-loss.svg');
    writeSvg(svgPath, svg);
    const back = readFileSync(svgPath, 'utf8');
    rows.push({
      what: 'loss curves written as SVG',
      value: `${back.length} chars, ${(back.match(/<polyline/g) ?? []).length} curves`,
      reference: '3 curves',
      source: 'optim-loss.svg read back from disk',
      ok: back === svg && (back.match(/<polyline/g) ?? []).length === 3 && back.trim().endsWith('</svg>'),
    });
    // The landscape log10(f − f* + 1e-3) on θ₁ ∈ [−1, 1], θ₂ ∈ [0, 2] (grey, dark = low), with the
    // first 30 steps of SGD (blue) and momentum (orange) drawn on it, framed with axes.
    const size = 192;
    const values = new Float64Array(size * size);
    for (let r = 0; r < size; r++) {
      for (let col = 0; col < size; col++) {
        const t = [-1 + (2 * (col + 0.5)) / size, 2 - (2 * (r + 0.5)) / size];
        values[r * size + col] = Math.log10(f(t) - F_STAR + 1e-3);
      }
    }
    const grey = greyImageFromFloats(values, size, size, { min: -3, max: 1 });
    const rgb = new Uint8Array(size * size * 3);
    for (let q = 0; q < size * size; q++) rgb[3 * q] = rgb[3 * q + 1] = rgb[3 * q + 2] = grey.data[q];
    const plotPath = (p1: number[], p2: number[], color: [number, number, number]) => {
      for (let k = 0; k + 1 < Math.min(30, p1.length); k++) {
        for (let u = 0; u <= 40; u++) { // the segment from step k to k + 1, 41 dots
          const x = p1[k] + ((p1[k + 1] - p1[k]) * u) / 40, y = p2[k] + ((p2[k + 1] - p2[k]) * u) / 40;
          const col = Math.floor(((x + 1) / 2) * size), row = Math.floor(((2 - y) / 2) * size);
          if (col >= 0 && col < size && row >= 0 && row < size) rgb.set(color, 3 * (row * size + col));
        }
      }
    };
    plotPath(sgd.path1, sgd.path2, [40, 110, 220]);
    plotPath(mom.path1, mom.path2, [255, 140, 0]);
    const image = withAxes({ width: size, height: size, channels: 3, data: rgb }, {
      x: [-1, 1], y: [0, 2], xLabel: 'theta1', yLabel: 'theta2', title: 'log10(f-f*+1e-3); paths: SGD blue, momentum orange',
    });
    const pngPath = join(outDir, 'optim-landscape.png');
    writePng(pngPath, image);
    const png = new Uint8Array(readFileSync(pngPath));
    const idatLength = new DataView(png.buffer, png.byteOffset).getUint32(33);
    const raw = new Uint8Array(zlib.inflateSync(png.subarray(41, 41 + idatLength)));
    const rowBytes = 3 * image.width;
    let same = raw.length === image.height * (rowBytes + 1);
    for (let r = 0; same && r < image.height; r++) {
      same = raw[r * (rowBytes + 1)] === 0 && Buffer.from(raw.subarray(r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1))).equals(Buffer.from(image.data.subarray(r * rowBytes, (r + 1) * rowBytes)));
    }
    rows.push({
      what: 'landscape PNG decoded by node:zlib',
      value: `${image.width}x${image.height} RGB, ${png.length} bytes`,
      reference: 'same pixels',
      source: 'optim-landscape.png inflated by node:zlib',
      ok: same,
    });
    return rows;
  },
};
