/**
 * SVG line and scatter plots as strings: axes with "nice" ticks, axis labels, a title and a
 * legend, in about the way a notebook plot looks. No dependencies, no DOM: the result can be
 * written to a file (lib/io-node.ts), put into innerHTML, or served.
 */
import { checkOptionKeys, describe } from '../checks/index.js';

/** Marker drawn at each point of a series. */
export type PlotMarker = 'circle' | 'square' | 'triangle' | 'diamond' | 'none';

/** Where the legend goes: 'auto' picks a corner of the plot where it covers no data, else outside on the right. */
export type LegendPlacement = 'auto' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left' | 'outside' | 'none';

/**
 * One data series: y values, optional x values (default 0, 1, 2, ...), a legend label, a colour,
 * and how to draw it (line, dashes, markers, error bars).
 */
export interface PlotSeries {
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Shown in the legend (series without a label are left out of it). */
  label?: string;
  /** Any SVG colour; default from a 10-colour palette in series order. */
  color?: string;
  /** Symmetric error bars: y ± yErr[i] (each >= 0), drawn as vertical bars with caps. */
  yErr?: ArrayLike<number>;
  /** Marker at each point ['none' in linePlot, 'circle' in scatterPlot]. */
  marker?: PlotMarker;
  /** Marker radius in pixels [3; scatterPlot: its `radius`]. */
  markerSize?: number;
  /** linePlot: draw the joining line [true]; false leaves markers and error bars only. */
  line?: boolean;
  /** Dashed line: true for '6 4', or an SVG stroke-dasharray such as '2 3' [solid]. */
  dash?: boolean | string;
  /** Line width in pixels [1.5]. */
  lineWidth?: number;
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
  /** x axis range [lo, hi] (lo < hi); data outside is clipped. Default: nice ticks around the data. */
  xLim?: [number, number];
  /** y axis range [lo, hi] in data units (both > 0 with logY); data outside is clipped. */
  yLim?: [number, number];
  /** Legend placement ['auto']. */
  legend?: LegendPlacement;
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

/** m · 10^k as a tick label (m = 2 or 5). */
function formatMultiple(m: number, k: number): string {
  return k >= -3 && k <= 3 ? String(Number((m * Math.pow(10, k)).toPrecision(1))) : `${m}e${k}`;
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
  yErr: ArrayLike<number> | null;
  label: string | undefined;
  color: string;
  marker: PlotMarker;
  markerSize: number;
  line: boolean;
  dash: string | null;
  lineWidth: number;
}

const MARKERS: readonly PlotMarker[] = ['circle', 'square', 'triangle', 'diamond', 'none'];
const LEGENDS: readonly LegendPlacement[] = ['auto', 'top-right', 'top-left', 'bottom-right', 'bottom-left', 'outside', 'none'];

function checkLimits(fn: string, name: string, lim: unknown, positive: boolean): [number, number] | null {
  if (lim === undefined) return null;
  if (!Array.isArray(lim) || lim.length !== 2 || !Number.isFinite(lim[0]) || !Number.isFinite(lim[1]) || !(lim[0] < lim[1])) {
    throw new RangeError(`${fn}: ${name} must be [lo, hi] with finite lo < hi, got ${JSON.stringify(lim)}`);
  }
  if (positive && !(lim[0] > 0)) throw new RangeError(`${fn}: ${name} must be positive with logY, got [${lim[0]}, ${lim[1]}]`);
  return [lim[0], lim[1]];
}

const PLOT_OPTION_KEYS: readonly string[] = ['series', 'title', 'xLabel', 'yLabel', 'width', 'height', 'logY', 'xLim', 'yLim', 'legend'];
const SERIES_KEYS: readonly string[] = ['x', 'y', 'label', 'color', 'yErr', 'marker', 'markerSize', 'line', 'dash', 'lineWidth'];

function checkPlot(fn: string, kind: 'line' | 'scatter', o: PlotOptions, radius: number) {
  if (o === null || typeof o !== 'object') throw new TypeError(`${fn}: options must be an object with a series array, got ${describe(o)}`);
  checkOptionKeys(fn, o, kind === 'scatter' ? [...PLOT_OPTION_KEYS, 'radius'] : PLOT_OPTION_KEYS);
  if (!Array.isArray(o.series) || o.series.length === 0) throw new RangeError(`${fn}: series must be a non-empty array, got ${describe(o.series)}`);
  const width = o.width ?? 640;
  const height = o.height ?? 400;
  if (!Number.isFinite(width) || width < 100) throw new RangeError(`${fn}: width must be a number >= 100, got ${width}`);
  if (!Number.isFinite(height) || height < 80) throw new RangeError(`${fn}: height must be a number >= 80, got ${height}`);
  const logY = o.logY === true;
  const xLim = checkLimits(fn, 'xLim', o.xLim, false);
  const yLim = checkLimits(fn, 'yLim', o.yLim, logY);
  const legend = o.legend ?? 'auto';
  if (!LEGENDS.includes(legend)) throw new RangeError(`${fn}: legend must be one of ${LEGENDS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(legend)}`);
  const series: CheckedSeries[] = o.series.map((s, si) => {
    const name = s && s.label !== undefined ? `series ${si} ("${s.label}")` : `series ${si}`;
    if (s === null || typeof s !== 'object' || s.y === null || typeof s.y !== 'object' || typeof s.y.length !== 'number') {
      throw new TypeError(`${fn}: ${name} needs y, an array of numbers`);
    }
    checkOptionKeys(`${fn}: ${name}`, s, SERIES_KEYS);
    if (s.y.length === 0) throw new RangeError(`${fn}: ${name} has no points`);
    if (s.x !== undefined && (s.x === null || s.x.length !== s.y.length)) {
      throw new RangeError(`${fn}: ${name} has ${s.x?.length} x values but ${s.y.length} y values`);
    }
    if (s.yErr !== undefined && (s.yErr === null || s.yErr.length !== s.y.length)) {
      throw new RangeError(`${fn}: ${name} has ${s.yErr?.length} yErr values but ${s.y.length} y values`);
    }
    for (let i = 0; i < s.y.length; i++) {
      const xi = s.x === undefined ? i : s.x[i];
      const yi = s.y[i];
      if (!Number.isFinite(xi)) throw new RangeError(`${fn}: ${name} x[${i}] is ${xi}`);
      if (!Number.isFinite(yi)) throw new RangeError(`${fn}: ${name} y[${i}] is ${yi}`);
      if (logY && !(yi > 0)) throw new RangeError(`${fn}: ${name} y[${i}] = ${yi} is not positive, which logY cannot show`);
      if (s.yErr !== undefined && !(Number.isFinite(s.yErr[i]) && s.yErr[i] >= 0)) throw new RangeError(`${fn}: ${name} yErr[${i}] is ${s.yErr[i]}, not a finite number >= 0`);
    }
    const marker = s.marker ?? (kind === 'scatter' ? 'circle' : 'none');
    if (!MARKERS.includes(marker)) throw new RangeError(`${fn}: ${name} marker must be one of ${MARKERS.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(marker)}`);
    const markerSize = s.markerSize ?? (kind === 'scatter' ? radius : 3);
    if (!(markerSize > 0) || !Number.isFinite(markerSize)) throw new RangeError(`${fn}: ${name} markerSize must be a positive number, got ${markerSize}`);
    const lineWidth = s.lineWidth ?? 1.5;
    if (!(lineWidth > 0) || !Number.isFinite(lineWidth)) throw new RangeError(`${fn}: ${name} lineWidth must be a positive number, got ${lineWidth}`);
    if (s.dash !== undefined && typeof s.dash !== 'boolean' && !(typeof s.dash === 'string' && /^[0-9.]+([ ,]+[0-9.]+)*$/.test(s.dash))) {
      throw new RangeError(`${fn}: ${name} dash must be true, false or a dash array like '6 4', got ${JSON.stringify(s.dash)}`);
    }
    return {
      x: s.x ?? null, y: s.y, yErr: s.yErr ?? null, label: s.label, color: s.color ?? PALETTE[si % PALETTE.length],
      marker, markerSize, line: kind === 'line' && s.line !== false, dash: s.dash === true ? '6 4' : typeof s.dash === 'string' ? s.dash : null, lineWidth,
    };
  });
  return { series, width, height, logY, xLim, yLim, legend };
}

/** Does the segment (x0,y0)-(x1,y1) meet the rectangle [l, r] x [t, b]? (Liang–Barsky clipping.) */
function segmentHitsBox(x0: number, y0: number, x1: number, y1: number, l: number, t: number, r: number, b: number): boolean {
  let u0 = 0, u1 = 1;
  const dx = x1 - x0, dy = y1 - y0;
  const edges: [number, number][] = [[-dx, x0 - l], [dx, r - x0], [-dy, y0 - t], [dy, b - y0]];
  for (const [p, q] of edges) {
    if (p === 0) { if (q < 0) return false; continue; }
    const u = q / p;
    if (p < 0) { if (u > u1) return false; if (u > u0) u0 = u; } else { if (u < u0) return false; if (u < u1) u1 = u; }
  }
  return true;
}

/** SVG markup of one marker centred at (x, y). */
function markerSvg(m: PlotMarker, x: number, y: number, r: number): string {
  switch (m) {
    case 'circle': return `<circle cx="${c(x)}" cy="${c(y)}" r="${c(r)}"/>`;
    case 'square': return `<rect x="${c(x - r)}" y="${c(y - r)}" width="${c(2 * r)}" height="${c(2 * r)}"/>`;
    case 'triangle': return `<polygon points="${c(x)},${c(y - 1.2 * r)} ${c(x + 1.1 * r)},${c(y + 0.8 * r)} ${c(x - 1.1 * r)},${c(y + 0.8 * r)}"/>`;
    case 'diamond': return `<polygon points="${c(x)},${c(y - 1.3 * r)} ${c(x + 1.3 * r)},${c(y)} ${c(x)},${c(y + 1.3 * r)} ${c(x - 1.3 * r)},${c(y)}"/>`;
    default: return '';
  }
}

interface AxisLayout {
  left: number; top: number; pw: number; ph: number;
  xTicks: number[]; xTickLabels: string[]; yTicks: number[]; yTickLabels: string[];
  x0: number; x1: number; y0: number; y1: number;
}

/** Ticks and ranges of both axes for a plot area of pw x ph pixels. */
function axes(dataX: [number, number], dataY: [number, number], xLim: [number, number] | null, yLim: [number, number] | null, logY: boolean, pw: number, ph: number) {
  const inside = (t: number, lo: number, hi: number) => t >= lo - 1e-9 * (hi - lo) && t <= hi + 1e-9 * (hi - lo);
  // x: nice ticks around the data, or inside the given limits.
  const [xa, xb] = xLim ?? dataX;
  const xt = niceTicks(xa, xb, Math.max(2, Math.min(10, Math.round(pw / 90))));
  const xTicks = xLim === null ? xt.ticks : xt.ticks.filter((t) => inside(t, xLim[0], xLim[1]));
  const x0 = xLim === null ? xTicks[0] : xLim[0], x1 = xLim === null ? xTicks[xTicks.length - 1] : xLim[1];
  const xTickLabels = xTicks.map((v) => formatTick(v, xt.step));
  let yTicks: number[], yTickLabels: string[], y0: number, y1: number;
  if (logY) {
    const lo = yLim === null ? dataY[0] : Math.log10(yLim[0]), hi = yLim === null ? dataY[1] : Math.log10(yLim[1]);
    // Decades 10^k spanning the range; thinned to at most ~8 labels.
    let k0 = Math.floor(lo + 1e-12), k1 = Math.ceil(hi - 1e-12);
    if (k1 === k0) k1 = k0 + 1;
    const every = Math.max(1, Math.ceil((k1 - k0) / 8));
    k0 = Math.floor(k0 / every) * every;
    k1 = Math.ceil(k1 / every) * every;
    yTicks = [];
    yTickLabels = [];
    for (let k = k0; k <= k1; k += every) {
      if (yLim === null || inside(k, lo, hi)) { yTicks.push(k); yTickLabels.push(formatDecade(k)); }
      // Two decades or fewer: also label 2 and 5 times each power of ten, so the axis can be read.
      if (k1 - k0 <= 2 && k < k1) {
        for (const m of [2, 5]) {
          const t = k + Math.log10(m);
          if (yLim === null || inside(t, lo, hi)) { yTicks.push(t); yTickLabels.push(formatMultiple(m, k)); }
        }
      }
    }
    y0 = yLim === null ? k0 : lo;
    y1 = yLim === null ? k1 : hi;
  } else {
    const [ya, yb] = yLim ?? dataY;
    const yt = niceTicks(ya, yb, Math.max(2, Math.min(10, Math.round(ph / 60))));
    yTicks = yLim === null ? yt.ticks : yt.ticks.filter((t) => inside(t, yLim[0], yLim[1]));
    yTickLabels = yTicks.map((v) => formatTick(v, yt.step));
    y0 = yLim === null ? yTicks[0] : yLim[0];
    y1 = yLim === null ? yTicks[yTicks.length - 1] : yLim[1];
  }
  return { xTicks, xTickLabels, yTicks, yTickLabels, x0, x1, y0, y1 };
}

function renderPlot(fn: string, kind: 'line' | 'scatter', o: PlotOptions, radius: number): string {
  const { series, width, height, logY, xLim, yLim, legend } = checkPlot(fn, kind, o, radius);
  // Data ranges (y in log10 units with logY), error bars included.
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const x = s.x === null ? i : s.x[i];
      const e = s.yErr === null ? 0 : s.yErr[i];
      const hi = s.y[i] + e;
      const lo = logY && s.y[i] - e <= 0 ? s.y[i] : s.y[i] - e;
      const ylo = logY ? Math.log10(lo) : lo, yhi = logY ? Math.log10(hi) : hi;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (ylo < yMin) yMin = ylo;
      if (yhi > yMax) yMax = yhi;
    }
  }
  const labelled = legend === 'none' ? [] : series.filter((s) => s.label !== undefined && s.label !== '');
  const boxW = labelled.length === 0 ? 0 : 36 + 7 * Math.max(...labelled.map((s) => String(s.label).length));
  const boxH = 8 + 18 * labelled.length;
  const top = o.title ? 40 : 20, bottom = o.xLabel ? 55 : 35, left = 70;

  /** Layout for a given right margin: plot-area size, axes and the data -> pixel maps. */
  const layout = (right: number) => {
    const pw = width - left - right, ph = height - top - bottom;
    const ax = axes([xMin, xMax], [yMin, yMax], xLim, yLim, logY, pw, ph);
    const px = (x: number) => left + ((x - ax.x0) / (ax.x1 - ax.x0)) * pw;
    const pyLog = (v: number) => top + ph - ((v - ax.y0) / (ax.y1 - ax.y0)) * ph; // v in axis units
    const py = (y: number) => pyLog(logY ? Math.log10(y) : y);
    return { pw, ph, ax, px, py, pyLog };
  };

  /** Number of data marks (points, segments, error bars) that meet a box, in pixels. */
  const hits = (L: ReturnType<typeof layout>, l: number, t: number, r: number, b: number): number => {
    let n = 0;
    for (const s of series) {
      const pad = s.marker === 'none' ? 2 : s.markerSize + 1;
      let prevX = NaN, prevY = NaN;
      for (let i = 0; i < s.y.length; i++) {
        const X = L.px(s.x === null ? i : s.x[i]), Y = L.py(s.y[i]);
        if ((s.marker !== 'none' || !s.line) && X >= l - pad && X <= r + pad && Y >= t - pad && Y <= b + pad) n++;
        if (s.line && i > 0 && segmentHitsBox(prevX, prevY, X, Y, l - 2, t - 2, r + 2, b + 2)) n++;
        if (s.yErr !== null && s.yErr[i] > 0) {
          const e = s.yErr[i];
          const yTop = L.py(s.y[i] + e), yBot = logY && s.y[i] - e <= 0 ? L.ph + top : L.py(s.y[i] - e);
          if (segmentHitsBox(X, yTop, X, yBot, l - 3, t, r + 3, b)) n++;
        }
        prevX = X;
        prevY = Y;
      }
    }
    return n;
  };

  let L = layout(20);
  let box: { x: number; y: number } | null = null;
  if (labelled.length > 0) {
    const corner = (where: string, Lc: ReturnType<typeof layout>) => {
      const xl = left + 8, xr = left + Lc.pw - boxW - 8, yt = top + 8, yb = top + Lc.ph - boxH - 8;
      return where === 'top-left' ? { x: xl, y: yt } : where === 'bottom-right' ? { x: xr, y: yb } : where === 'bottom-left' ? { x: xl, y: yb } : { x: xr, y: yt };
    };
    if (legend === 'auto') {
      for (const where of ['top-right', 'top-left', 'bottom-right', 'bottom-left']) {
        const p = corner(where, L);
        if (p.x >= left && p.y >= top && hits(L, p.x, p.y, p.x + boxW, p.y + boxH) === 0) { box = p; break; }
      }
    } else if (legend !== 'outside') {
      box = corner(legend, L);
    }
    if (box === null) {
      // Outside: shrink the plot area and put the legend in the right margin.
      L = layout(20 + boxW + 12);
      box = { x: left + L.pw + 12, y: top };
    }
  }
  const { pw, ph, ax, px, py, pyLog } = L;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${c(width)}" height="${c(height)}" viewBox="0 0 ${c(width)} ${c(height)}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${c(width)}" height="${c(height)}" fill="white"/>`);
  // Plot areas with the same geometry share an id harmlessly (same rectangle), so several plots fit in one page.
  const clipId = `plot-area-${Math.round(left)}-${Math.round(top)}-${Math.round(pw)}-${Math.round(ph)}`;
  out.push(`<defs><clipPath id="${clipId}"><rect x="${c(left)}" y="${c(top)}" width="${c(pw)}" height="${c(ph)}"/></clipPath></defs>`);
  if (o.title) out.push(`<text x="${c(left + pw / 2)}" y="24" text-anchor="middle" font-size="15">${escapeXml(o.title)}</text>`);
  // Grid lines and ticks.
  out.push('<g stroke="#e6e6e6" stroke-width="1">');
  for (const t of ax.xTicks) out.push(`<line x1="${c(px(t))}" y1="${c(top)}" x2="${c(px(t))}" y2="${c(top + ph)}"/>`);
  for (const t of ax.yTicks) out.push(`<line x1="${c(left)}" y1="${c(pyLog(t))}" x2="${c(left + pw)}" y2="${c(pyLog(t))}"/>`);
  out.push('</g>');
  out.push('<g stroke="black" stroke-width="1">');
  out.push(`<line x1="${c(left)}" y1="${c(top + ph)}" x2="${c(left + pw)}" y2="${c(top + ph)}"/>`);
  out.push(`<line x1="${c(left)}" y1="${c(top)}" x2="${c(left)}" y2="${c(top + ph)}"/>`);
  for (const t of ax.xTicks) out.push(`<line x1="${c(px(t))}" y1="${c(top + ph)}" x2="${c(px(t))}" y2="${c(top + ph + 5)}"/>`);
  for (const t of ax.yTicks) out.push(`<line x1="${c(left - 5)}" y1="${c(pyLog(t))}" x2="${c(left)}" y2="${c(pyLog(t))}"/>`);
  out.push('</g>');
  out.push('<g fill="black">');
  ax.xTicks.forEach((t, i) => out.push(`<text x="${c(px(t))}" y="${c(top + ph + 18)}" text-anchor="middle">${escapeXml(ax.xTickLabels[i])}</text>`));
  ax.yTicks.forEach((t, i) => out.push(`<text x="${c(left - 8)}" y="${c(pyLog(t) + 4)}" text-anchor="end">${escapeXml(ax.yTickLabels[i])}</text>`));
  out.push('</g>');
  if (o.xLabel) out.push(`<text x="${c(left + pw / 2)}" y="${c(height - 12)}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  if (o.yLabel) out.push(`<text x="16" y="${c(top + ph / 2)}" text-anchor="middle" transform="rotate(-90 16 ${c(top + ph / 2)})">${escapeXml(o.yLabel)}</text>`);
  // Data, clipped to the plot area.
  out.push(`<g clip-path="url(#${clipId})">`);
  for (const s of series) {
    const color = escapeXml(s.color);
    if (s.yErr !== null) {
      const cap = Math.max(2, s.markerSize);
      const parts: string[] = [];
      for (let i = 0; i < s.y.length; i++) {
        const e = s.yErr[i];
        if (!(e > 0)) continue;
        const X = px(s.x === null ? i : s.x[i]);
        const yT = py(s.y[i] + e), yB = logY && s.y[i] - e <= 0 ? top + ph + 10 : py(s.y[i] - e);
        parts.push(`M${c(X)} ${c(yT)}V${c(yB)}M${c(X - cap)} ${c(yT)}H${c(X + cap)}M${c(X - cap)} ${c(yB)}H${c(X + cap)}`);
      }
      if (parts.length > 0) out.push(`<path fill="none" stroke="${color}" stroke-width="1" d="${parts.join('')}"/>`);
    }
    if (s.line) {
      const pts: string[] = [];
      for (let i = 0; i < s.y.length; i++) pts.push(`${c(px(s.x === null ? i : s.x[i]))},${c(py(s.y[i]))}`);
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="${c(s.lineWidth)}"${s.dash === null ? '' : ` stroke-dasharray="${escapeXml(s.dash)}"`} points="${pts.join(' ')}"/>`);
    }
    if (s.marker !== 'none') {
      out.push(`<g fill="${color}"${kind === 'scatter' ? ' fill-opacity="0.8"' : ''}>`);
      for (let i = 0; i < s.y.length; i++) out.push(markerSvg(s.marker, px(s.x === null ? i : s.x[i]), py(s.y[i]), s.markerSize));
      out.push('</g>');
    }
  }
  out.push('</g>');
  // Legend for labelled series.
  if (box !== null) {
    const { x: bx, y: by } = box;
    out.push(`<g><rect x="${c(bx)}" y="${c(by)}" width="${c(boxW)}" height="${c(boxH)}" fill="white" fill-opacity="0.85" stroke="#999999"/>`);
    labelled.forEach((s, i) => {
      const cy = by + 13 + 18 * i;
      const color = escapeXml(s.color);
      if (s.line) out.push(`<line x1="${c(bx + 6)}" y1="${c(cy)}" x2="${c(bx + 26)}" y2="${c(cy)}" stroke="${color}" stroke-width="2"${s.dash === null ? '' : ` stroke-dasharray="${escapeXml(s.dash)}"`}/>`);
      else if (s.yErr !== null && s.marker === 'none') out.push(`<path d="M${c(bx + 16)} ${c(cy - 5)}V${c(cy + 5)}M${c(bx + 13)} ${c(cy - 5)}H${c(bx + 19)}M${c(bx + 13)} ${c(cy + 5)}H${c(bx + 19)}" stroke="${color}" fill="none"/>`);
      if (s.marker !== 'none') out.push(`<g fill="${color}">${markerSvg(s.marker, bx + 16, cy, Math.min(4, Math.max(3, s.markerSize)))}</g>`);
      out.push(`<text x="${c(bx + 32)}" y="${c(cy + 4)}">${escapeXml(String(s.label))}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * A line plot as an SVG document string: one polyline per series, axes with nice ticks
 * (powers of ten with `logY`), labels, title and a legend for labelled series, placed in a
 * corner where it covers no data (or outside on the right when every corner is taken). Series
 * may carry error bars (`yErr`), markers, dashes, or markers only (`line: false`); `xLim` /
 * `yLim` fix the axis ranges and clip what lies outside. Every x and y must be finite (and
 * y > 0 with logY); the error names the series and the index.
 *
 * @example
 * import { linePlot } from 'boltzmann';
 * const temps = [1.5, 2, 2.5, 3];
 * const exact = [0.986, 0.911, 0.2, 0.1], mcMean = [0.985, 0.91, 0.35, 0.12], mcSE = [0.001, 0.004, 0.05, 0.02];
 * const svg = linePlot({
 *   series: [
 *     { x: temps, y: exact, label: 'exact', color: 'black' },
 *     { x: temps, y: mcMean, yErr: mcSE, marker: 'circle', line: false, label: 'Monte Carlo ± SE' },
 *     { x: [2.269, 2.269], y: [0, 1], dash: true, color: '#999', label: 'T_c' },
 *   ],
 *   title: 'Magnetization', xLabel: 'T', yLabel: '<|m|>', yLim: [0, 1],
 * });
 * // write it with writeSvg('m.svg', svg) from 'boltzmann/node'
 */
export function linePlot(options: PlotOptions): string {
  return renderPlot('linePlot', 'line', options, 0);
}

/**
 * A scatter plot as an SVG document string: one marker per point (circles unless a series says
 * otherwise), same axes, limits, error bars and legend as {@link linePlot}. `radius` is the
 * default marker radius in pixels (3).
 *
 * @example
 * import { Rng, scatterPlot } from 'boltzmann';
 * const rng = new Rng(1);
 * const xs = Array.from({ length: 200 }, () => rng.normal(0, 1));
 * const ys = xs.map((x) => 0.5 * x + rng.normal(0, 0.5));
 * const svg = scatterPlot({ series: [{ x: xs, y: ys, label: 'samples' }], xLabel: 'x_1', yLabel: 'x_2', xLim: [-4, 4], yLim: [-4, 4] });
 */
export function scatterPlot(options: PlotOptions & { radius?: number }): string {
  const r = options?.radius ?? 3;
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`scatterPlot: radius must be a positive number, got ${r}`);
  return renderPlot('scatterPlot', 'scatter', options, r);
}
