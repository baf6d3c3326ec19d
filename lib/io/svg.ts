/**
 * SVG line and scatter plots as strings: axes with "nice" ticks, axis labels, a title and a
 * legend, in about the way a notebook plot looks. No dependencies, no DOM: the result can be
 * written to a file (lib/io-node.ts), put into innerHTML, or served.
 */

/** One data series: y values, optional x values (default 0, 1, 2, ...), a legend label and a colour. */
export interface PlotSeries {
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Shown in the legend (series without a label are left out of it). */
  label?: string;
  /** Any SVG colour; default from a 10-colour palette in series order. */
  color?: string;
  /** Error bars: point i gets a vertical bar from y − yError[i] to y + yError[i] (finite, >= 0). */
  yError?: ArrayLike<number>;
}

/** Options shared by linePlot and scatterPlot. */
export interface PlotOptions {
  series: PlotSeries[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixels (default 640). */
  width?: number;
  /** Pixels (default 400). */
  height?: number;
  /** Logarithmic y axis (every y must be > 0); ticks at powers of 10. */
  logY?: boolean;
}

/** The 10-colour palette ('tab10' of matplotlib/d3 category10). */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/**
 * Escapes text for XML content and attribute values: & < > " ' become entities. Characters
 * XML 1.0 cannot carry at all (control characters other than tab, newline, carriage return)
 * become U+FFFD.
 *
 * @example
 * escapeXml('loss <train> & "test"'); // 'loss &lt;train&gt; &amp; &quot;test&quot;'
 */
export function escapeXml(text: string): string {
  return String(text).replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => {
    switch (ch) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case "'": return '&apos;';
      default: return '\ufffd';
    }
  });
}

/** "Nice" number near x (Heckbert, Graphics Gems 1990): 1, 2, 5 or 10 times a power of ten. */
function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / Math.pow(10, exp);
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * Math.pow(10, exp);
}

/**
 * Tick positions for a linear axis covering [lo, hi] (Heckbert's "loose labeling"): about
 * `target` ticks spaced by a nice step (1, 2 or 5 times a power of ten), the first at or below
 * lo and the last at or above hi. A zero-width range is widened (by 1 around 0, else by 10%).
 *
 * @example
 * niceTicks(0, 97);    // { ticks: [0, 20, 40, 60, 80, 100], step: 20 }
 * niceTicks(0.13, 0.92, 5); // { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 }
 */
export function niceTicks(lo: number, hi: number, target = 5): { ticks: number[]; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new RangeError(`niceTicks: needs finite lo <= hi, got lo = ${lo}, hi = ${hi}`);
  }
  if (!Number.isInteger(target) || target < 2) throw new RangeError(`niceTicks: target must be an integer >= 2, got ${target}`);
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const range = niceNumber(hi - lo, false);
  const step = niceNumber(range / (target - 1), true);
  // The 1e-9 slack keeps rounding noise (1.1 / 0.1 = 11.000000000000002) from adding a tick.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // k * step (not repeated addition), cleaned to 12 significant digits: 3 * 0.1 gives 0.3, not 0.30000000000000004.
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)) + 0);
  return { ticks, step };
}

/** Label for a linear tick: just enough decimals for the step; exponent form for extremes. */
function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || step < 1e-4) return v.toExponential(Math.max(0, Math.round(Math.log10(a) - Math.log10(step)))).replace('e+', 'e');
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(decimals);
}

function formatDecade(k: number): string {
  return k >= -3 && k <= 4 ? String(Number(Math.pow(10, k).toPrecision(1))) : `1e${k}`;
}

/** n decimals, no trailing noise: SVG coordinates. */
function c(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

interface CheckedSeries {
  x: ArrayLike<number> | null;
  y: ArrayLike<number>;
  label: string | undefined;
  color: string;
  yError: ArrayLike<number> | null;
}

function checkPlot(fn: string, o: PlotOptions): { series: CheckedSeries[]; width: number; height: number } {
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: options must be an object with a series array`);
  if (!Array.isArray(o.series) || o.series.length === 0) throw new RangeError(`${fn}: series must be a non-empty array`);
  const width = o.width ?? 640;
  const height = o.height ?? 400;
  if (!Number.isFinite(width) || width < 100) throw new RangeError(`${fn}: width must be a number >= 100, got ${width}`);
  if (!Number.isFinite(height) || height < 80) throw new RangeError(`${fn}: height must be a number >= 80, got ${height}`);
  const series: CheckedSeries[] = o.series.map((s, si) => {
    const name = s && s.label !== undefined ? `series ${si} ("${s.label}")` : `series ${si}`;
    if (s === null || typeof s !== 'object' || s.y === null || typeof s.y !== 'object' || typeof s.y.length !== 'number') {
      throw new TypeError(`${fn}: ${name} needs y, an array of numbers`);
    }
    if (s.y.length === 0) throw new RangeError(`${fn}: ${name} has no points`);
    if (s.x !== undefined && (s.x === null || s.x.length !== s.y.length)) {
      throw new RangeError(`${fn}: ${name} has ${s.x?.length} x values but ${s.y.length} y values`);
    }
    for (let i = 0; i < s.y.length; i++) {
      const xi = s.x === undefined ? i : s.x[i];
      const yi = s.y[i];
      if (!Number.isFinite(xi)) throw new RangeError(`${fn}: ${name} x[${i}] is ${xi}`);
      if (!Number.isFinite(yi)) throw new RangeError(`${fn}: ${name} y[${i}] is ${yi}`);
      if (o.logY === true && !(yi > 0)) throw new RangeError(`${fn}: ${name} y[${i}] = ${yi} is not positive, which logY cannot show`);
    }
    if (s.yError !== undefined) {
      if (s.yError === null || s.yError.length !== s.y.length) throw new RangeError(`${fn}: ${name} has ${s.yError?.length} yError values but ${s.y.length} y values`);
      if (o.logY === true) throw new RangeError(`${fn}: ${name}: error bars are not supported with logY`);
      for (let i = 0; i < s.yError.length; i++) {
        if (!Number.isFinite(s.yError[i]) || s.yError[i] < 0) throw new RangeError(`${fn}: ${name} yError[${i}] is ${s.yError[i]} (must be finite and >= 0)`);
      }
    }
    return { x: s.x ?? null, y: s.y, label: s.label, color: s.color ?? PALETTE[si % PALETTE.length], yError: s.yError ?? null };
  });
  return { series, width, height };
}

function renderPlot(fn: string, kind: 'line' | 'scatter', o: PlotOptions, radius: number): string {
  const { series, width, height } = checkPlot(fn, o);
  const logY = o.logY === true;
  // Data ranges.
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const x = s.x === null ? i : s.x[i];
      const y = logY ? Math.log10(s.y[i]) : s.y[i];
      const err = s.yError === null ? 0 : s.yError[i];
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y - err < yMin) yMin = y - err;
      if (y + err > yMax) yMax = y + err;
    }
  }
  // Plot area inside margins (room for title, tick labels, axis labels).
  const left = 70, right = 20, top = o.title ? 40 : 20, bottom = o.xLabel ? 55 : 35;
  const pw = width - left - right, ph = height - top - bottom;
  const xt = niceTicks(xMin, xMax, Math.max(2, Math.min(10, Math.round(pw / 90))));
  let yTicks: number[];
  let yTickLabels: string[];
  if (logY) {
    // Decades 10^k spanning the data; thinned to at most ~8 labels.
    let k0 = Math.floor(yMin + 1e-12), k1 = Math.ceil(yMax - 1e-12);
    if (k1 === k0) k1 = k0 + 1;
    const every = Math.max(1, Math.ceil((k1 - k0) / 8));
    k0 = Math.floor(k0 / every) * every;
    k1 = Math.ceil(k1 / every) * every;
    yTicks = [];
    yTickLabels = [];
    for (let k = k0; k <= k1; k += every) { yTicks.push(k); yTickLabels.push(formatDecade(k)); }
  } else {
    const yt = niceTicks(yMin, yMax, Math.max(2, Math.min(10, Math.round(ph / 60))));
    yTicks = yt.ticks;
    yTickLabels = yt.ticks.map((v) => formatTick(v, yt.step));
  }
  const x0 = xt.ticks[0], x1 = xt.ticks[xt.ticks.length - 1];
  const y0 = yTicks[0], y1 = yTicks[yTicks.length - 1];
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * pw;
  const py = (y: number) => top + ph - (((logY ? Math.log10(y) : y) - y0) / (y1 - y0)) * ph;
  const pyAxis = (t: number) => top + ph - ((t - y0) / (y1 - y0)) * ph;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${c(width)}" height="${c(height)}" viewBox="0 0 ${c(width)} ${c(height)}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${c(width)}" height="${c(height)}" fill="white"/>`);
  if (o.title) out.push(`<text x="${c(left + pw / 2)}" y="24" text-anchor="middle" font-size="15">${escapeXml(o.title)}</text>`);
  // Grid lines and ticks.
  out.push('<g stroke="#e6e6e6" stroke-width="1">');
  for (const t of xt.ticks) out.push(`<line x1="${c(px(t))}" y1="${c(top)}" x2="${c(px(t))}" y2="${c(top + ph)}"/>`);
  for (const t of yTicks) out.push(`<line x1="${c(left)}" y1="${c(pyAxis(t))}" x2="${c(left + pw)}" y2="${c(pyAxis(t))}"/>`);
  out.push('</g>');
  out.push('<g stroke="black" stroke-width="1">');
  out.push(`<line x1="${c(left)}" y1="${c(top + ph)}" x2="${c(left + pw)}" y2="${c(top + ph)}"/>`);
  out.push(`<line x1="${c(left)}" y1="${c(top)}" x2="${c(left)}" y2="${c(top + ph)}"/>`);
  for (const t of xt.ticks) out.push(`<line x1="${c(px(t))}" y1="${c(top + ph)}" x2="${c(px(t))}" y2="${c(top + ph + 5)}"/>`);
  for (const t of yTicks) out.push(`<line x1="${c(left - 5)}" y1="${c(pyAxis(t))}" x2="${c(left)}" y2="${c(pyAxis(t))}"/>`);
  out.push('</g>');
  out.push('<g fill="black">');
  for (const t of xt.ticks) out.push(`<text x="${c(px(t))}" y="${c(top + ph + 18)}" text-anchor="middle">${escapeXml(formatTick(t, xt.step))}</text>`);
  yTicks.forEach((t, i) => out.push(`<text x="${c(left - 8)}" y="${c(pyAxis(t) + 4)}" text-anchor="end">${escapeXml(yTickLabels[i])}</text>`));
  out.push('</g>');
  if (o.xLabel) out.push(`<text x="${c(left + pw / 2)}" y="${c(height - 12)}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  if (o.yLabel) out.push(`<text x="16" y="${c(top + ph / 2)}" text-anchor="middle" transform="rotate(-90 16 ${c(top + ph / 2)})">${escapeXml(o.yLabel)}</text>`);
  // Data.
  for (const s of series) {
    const color = escapeXml(s.color);
    if (s.yError !== null) {
      out.push(`<g stroke="${color}" stroke-width="1" stroke-opacity="0.6">`);
      for (let i = 0; i < s.y.length; i++) {
        const xi = c(px(s.x === null ? i : s.x[i]));
        out.push(`<line x1="${xi}" y1="${c(py(s.y[i] - s.yError[i]))}" x2="${xi}" y2="${c(py(s.y[i] + s.yError[i]))}"/>`);
      }
      out.push('</g>');
    }
    if (kind === 'line') {
      const pts: string[] = [];
      for (let i = 0; i < s.y.length; i++) pts.push(`${c(px(s.x === null ? i : s.x[i]))},${c(py(s.y[i]))}`);
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.join(' ')}"/>`);
    } else {
      out.push(`<g fill="${color}" fill-opacity="0.8">`);
      for (let i = 0; i < s.y.length; i++) out.push(`<circle cx="${c(px(s.x === null ? i : s.x[i]))}" cy="${c(py(s.y[i]))}" r="${c(radius)}"/>`);
      out.push('</g>');
    }
  }
  // Legend (top right, inside the plot area) for labelled series.
  const labelled = series.filter((s) => s.label !== undefined && s.label !== '');
  if (labelled.length > 0) {
    const boxW = 36 + 7 * Math.max(...labelled.map((s) => String(s.label).length));
    const boxH = 8 + 18 * labelled.length;
    const bx = left + pw - boxW - 8, by = top + 8;
    out.push(`<g><rect x="${c(bx)}" y="${c(by)}" width="${c(boxW)}" height="${c(boxH)}" fill="white" fill-opacity="0.85" stroke="#999999"/>`);
    labelled.forEach((s, i) => {
      const cy = by + 13 + 18 * i;
      const color = escapeXml(s.color);
      if (kind === 'line') out.push(`<line x1="${c(bx + 6)}" y1="${c(cy)}" x2="${c(bx + 26)}" y2="${c(cy)}" stroke="${color}" stroke-width="2"/>`);
      else out.push(`<circle cx="${c(bx + 16)}" cy="${c(cy)}" r="4" fill="${color}"/>`);
      out.push(`<text x="${c(bx + 32)}" y="${c(cy + 4)}">${escapeXml(String(s.label))}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * A line plot as an SVG document string: one polyline per series, axes with nice ticks
 * (powers of ten with `logY`), labels, title and a legend for labelled series. Every x and y
 * must be finite (and y > 0 with logY); the error names the series and the index.
 *
 * @example
 * const svg = linePlot({
 *   series: [{ y: lossAdam, label: 'Adam' }, { y: lossMomentum, label: 'momentum' }],
 *   title: 'Training loss', xLabel: 'step', yLabel: 'loss', logY: true,
 * });
 * // write it with writeSvg('loss.svg', svg) from 'boltzmann/node'
 */
export function linePlot(options: PlotOptions): string {
  return renderPlot('linePlot', 'line', options, 0);
}

/**
 * A scatter plot as an SVG document string: one dot per point, same axes, labels and legend
 * as {@link linePlot}. `radius` is the dot radius in pixels (default 3).
 *
 * @example
 * const svg = scatterPlot({ series: [{ x: xs, y: ys, label: 'samples' }], xLabel: 'x_1', yLabel: 'x_2' });
 */
export function scatterPlot(options: PlotOptions & { radius?: number }): string {
  const r = options?.radius ?? 3;
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`scatterPlot: radius must be a positive number, got ${r}`);
  return renderPlot('scatterPlot', 'scatter', options, r);
}
