/**
 * SVG plots (lib/io/svg.ts): the output must be well-formed XML (checked by a small
 * independent parser below: balanced tags, quoted attributes, no duplicate attributes, only
 * the five predefined entities or character references, one root element) and must carry the
 * title, axis labels and legend labels. Tick positions follow Heckbert's nice-number rule,
 * worked out by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throwsMsg } from '../assert-error.js';
import { linePlot, scatterPlot } from '../../lib/io/index.js';
import { escapeXml, niceTicks } from '../../lib/io/svg.js';

interface XmlElement { name: string; attrs: Map<string, string>; children: XmlElement[]; text: string }

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}
function checkCharData(s: string, where: string): void {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') throw new Error(`raw '<' in ${where}`);
    if (s[i] === '&') {
      ENTITY.lastIndex = i;
      if (!ENTITY.test(s)) throw new Error(`bad entity in ${where}: ${s.slice(i, i + 10)}`);
    }
  }
}

/** A minimal XML well-formedness checker and tree builder (no DTDs, no CDATA). */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const nameRe = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
  const readName = (): string => {
    nameRe.lastIndex = i;
    const m = nameRe.exec(xml);
    if (!m) throw new Error(`expected a name at ${i}: ${xml.slice(i, i + 20)}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => { while (i < xml.length && /\s/.test(xml[i])) i++; };
  if (xml.startsWith('<?xml', i)) i = xml.indexOf('?>', i) + 2;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') throw new Error(`expected > after </${name}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else if (xml[i] === '<') {
      i++;
      if (root !== null && stack.length === 0) throw new Error('a second root element');
      const el: XmlElement = { name: readName(), attrs: new Map(), children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else root = el;
      for (;;) {
        const before = i;
        skipSpace();
        if (xml.startsWith('/>', i)) { i += 2; break; }
        if (xml[i] === '>') { i++; stack.push(el); break; }
        if (i === before) throw new Error(`expected space before attribute in <${el.name}> at ${i}`);
        const an = readName();
        skipSpace();
        if (xml[i] !== '=') throw new Error(`expected = after ${an}`);
        i++;
        skipSpace();
        const q = xml[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute ${an}`);
        const end = xml.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unterminated attribute ${an}`);
        const value = xml.slice(i + 1, end);
        checkCharData(value, `attribute ${an}`);
        if (el.attrs.has(an)) throw new Error(`duplicate attribute ${an} in <${el.name}>`);
        el.attrs.set(an, unescapeXml(value));
        i = end + 1;
      }
    } else {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root: ${text.slice(0, 20)}`);
      } else {
        checkCharData(text, `text of <${stack[stack.length - 1].name}>`);
        stack[stack.length - 1].text += unescapeXml(text);
      }
      i = end < 0 ? xml.length : end;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root === null) throw new Error('no root element');
  return root;
}

function allTexts(el: XmlElement): string[] {
  return [el.text, ...el.children.flatMap(allTexts)].filter((t) => t !== '');
}
function count(el: XmlElement, name: string): number {
  return (el.name === name ? 1 : 0) + el.children.reduce((s, c) => s + count(c, name), 0);
}

test('the XML checker itself rejects broken documents', () => {
  for (const bad of ['<a><b></a></b>', '<a x=1/>', '<a>1 < 2</a>', '<a>&nbsp;</a>', '<a/><b/>', '<a x="1" x="2"/>', '<a>', '<a>x & y</a>']) {
    assert.throws(() => parseXml(bad), bad);
  }
  assert.is(parseXml('<a x="&lt;1&gt;"><b>t &amp; u</b><c/></a>').children[0].text, 't & u');
});

test('niceTicks: Heckbert loose labels worked out by hand', () => {
  // [0, 97], 5 ticks: nice range 100, step nice(25) = 20 (rounded), ticks 0..100
  assert.equal(niceTicks(0, 97), { ticks: [0, 20, 40, 60, 80, 100], step: 20 });
  // [0.13, 0.92]: range nice(0.79) = 1, step nice(0.25) = 0.2, from floor(0.65)=0 to ceil(4.6)=5 steps
  assert.equal(niceTicks(0.13, 0.92, 5), { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 });
  // [-3.7, 12.2]: range nice(15.9) = 20, step nice(5) = 5: -5, 0, 5, 10, 15
  assert.equal(niceTicks(-3.7, 12.2, 5), { ticks: [-5, 0, 5, 10, 15], step: 5 });
  // [0, 0.3] with 4: range nice(0.3) = 0.5, step nice(0.1667) = 0.2 -> 0, 0.2, 0.4 (0.30000000000000004 never appears)
  assert.equal(niceTicks(0, 0.3, 4), { ticks: [0, 0.2, 0.4], step: 0.2 });
  // [0.1, 0.3] with 3: range nice(0.2) = 0.2, step nice(0.1) = 0.1, ticks 0.1, 0.2, 0.3
  assert.equal(niceTicks(0.1, 0.3, 3).ticks, [0.1, 0.2, 0.3]);
  // [0.1, 1.1] with 11: step 0.1; 1.1 / 0.1 = 11.000000000000002 in floating point must not add a 12th step
  assert.equal(niceTicks(0.1, 1.1, 11).ticks, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1]);
  // a single value is widened: 0 -> [-1, 1]
  assert.equal(niceTicks(0, 0, 3).ticks, [-1, 0, 1]);
  // the ticks always cover the data
  for (const [lo, hi] of [[1e-9, 3e-9], [-1e6, 7], [12345, 12346], [-0.002, -0.001]]) {
    const { ticks } = niceTicks(lo, hi);
    assert.ok(ticks[0] <= lo && ticks[ticks.length - 1] >= hi, `${lo}..${hi}: ${ticks}`);
  }
});

test('linePlot: well-formed SVG with title, axis labels, legend, one polyline per series', () => {
  const steps = Array.from({ length: 50 }, (_, k) => k);
  const svg = linePlot({
    series: [
      { x: steps, y: steps.map((k) => Math.exp(-0.1 * k)), label: 'Adam <fast> & "good"' },
      { x: steps, y: steps.map((k) => Math.exp(-0.05 * k)), label: "momentum's" },
      { y: steps.map((k) => 1 / (k + 1)) },
    ],
    title: 'Loss on f(θ) = ½θᵀAθ − cᵀθ',
    xLabel: 'step k',
    yLabel: 'f − f*',
    logY: true,
    width: 500,
    height: 300,
  });
  const root = parseXml(svg);
  assert.is(root.name, 'svg');
  assert.is(root.attrs.get('xmlns'), 'http://www.w3.org/2000/svg');
  assert.is(root.attrs.get('width'), '500');
  assert.is(count(root, 'polyline'), 3);
  const texts = allTexts(root);
  for (const t of ['Loss on f(θ) = ½θᵀAθ − cᵀθ', 'step k', 'f − f*', 'Adam <fast> & "good"', "momentum's"]) {
    assert.ok(texts.includes(t), `text "${t}" in ${JSON.stringify(texts)}`);
  }
  // log axis: data from exp(-4.9) = 0.0074 to 1: decades 0.001, 0.01, 0.1, 1 as tick labels
  for (const t of ['0.001', '0.01', '0.1', '1']) assert.ok(texts.includes(t), `tick ${t}`);
  // every polyline point lies inside the viewport
  const polys: XmlElement[] = [];
  const collect = (e: XmlElement) => { if (e.name === 'polyline') polys.push(e); e.children.forEach(collect); };
  collect(root);
  for (const p of polys) {
    const pts = p.attrs.get('points')!.split(' ').map((xy) => xy.split(',').map(Number));
    assert.is(pts.length, 50);
    for (const [x, y] of pts) assert.ok(x >= 0 && x <= 500 && y >= 0 && y <= 300, `point ${x},${y}`);
  }
});

test('scatterPlot: one circle per point plus legend markers; linear ticks are nice numbers', () => {
  const svg = scatterPlot({
    series: [
      { x: [0.13, 0.5, 0.92], y: [-3.7, 0, 12.2], label: 'a' },
      { x: [0.2, 0.3], y: [1, 2], label: 'b' },
    ],
    xLabel: 'x_1',
    yLabel: 'x_2',
    radius: 2,
  });
  const root = parseXml(svg);
  assert.is(count(root, 'circle'), 5 + 2);
  const texts = allTexts(root);
  for (const t of ['x_1', 'x_2', 'a', 'b']) assert.ok(texts.includes(t), `text ${t}`);
  // x over [0.13, 0.92] and y over [-3.7, 12.2] get 0.2- and 5-spaced labels (niceTicks above)
  for (const t of ['0', '0.2', '0.4', '0.6', '0.8', '1.0']) assert.ok(texts.includes(t), `x tick ${t}`);
  for (const t of ['-5', '0', '5', '10', '15']) assert.ok(texts.includes(t), `y tick ${t}`);
});

test('escapeXml escapes the five special characters and replaces control characters', () => {
  assert.is(escapeXml(`a<b>&"c"'d'`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  assert.is(escapeXml('tab\tok\u0001'), 'tab\tok\ufffd');
});

test('bad input: plots name the series, the index and the value', () => {
  throwsMsg(() => linePlot({ series: [{ y: [1, 2] }, { y: [1, NaN, 3], label: 'loss' }] }), RangeError, 'linePlot: series 1 ("loss") y[1] is NaN');
  throwsMsg(() => scatterPlot({ series: [{ x: [0, Infinity], y: [1, 2] }] }), RangeError, 'scatterPlot: series 0 x[1] is Infinity');
  throwsMsg(() => linePlot({ series: [{ y: [1, 0.1, 0], label: 'gap' }], logY: true }), RangeError, 'linePlot: series 0 ("gap") y[2] = 0 is not positive, which logY cannot show');
  throwsMsg(() => linePlot({ series: [{ x: [1, 2, 3], y: [1, 2] }] }), RangeError, 'linePlot: series 0 has 3 x values but 2 y values');
  throwsMsg(() => linePlot({ series: [] }), RangeError, 'linePlot: series must be a non-empty array, got Array(0)');
  throwsMsg(() => linePlot({ series: [{ y: [] }] }), RangeError, 'linePlot: series 0 has no points');
  throwsMsg(() => linePlot({ series: [{ y: [1] }], width: 0 }), RangeError, 'linePlot: width must be a number >= 100, got 0');
  throwsMsg(() => scatterPlot({ series: [{ y: [1] }], radius: -1 }), RangeError, 'scatterPlot: radius must be a positive number, got -1');
  throwsMsg(() => niceTicks(3, 1), RangeError, 'niceTicks: needs finite lo <= hi, got lo = 3, hi = 1');
});

/** Attributes of every element called `name`, in document order. */
function elements(el: XmlElement, name: string): Map<string, string>[] {
  return [...(el.name === name ? [el.attrs] : []), ...el.children.flatMap((ch) => elements(ch, name))];
}

/** The legend box: the <rect> with a grey stroke (the only one). */
function legendBox(root: XmlElement): { x: number; y: number; w: number; h: number } {
  const r = elements(root, 'rect').find((a) => a.get('stroke') === '#999999')!;
  return { x: Number(r.get('x')), y: Number(r.get('y')), w: Number(r.get('width')), h: Number(r.get('height')) };
}

/** Points along every polyline, 20 per segment: an independent check that the legend covers none. */
function polylineSamples(root: XmlElement): [number, number][] {
  const out: [number, number][] = [];
  for (const p of elements(root, 'polyline')) {
    const pts = p.get('points')!.split(' ').map((xy) => xy.split(',').map(Number));
    for (let i = 1; i < pts.length; i++) {
      for (let k = 0; k <= 20; k++) out.push([pts[i - 1][0] + ((pts[i][0] - pts[i - 1][0]) * k) / 20, pts[i - 1][1] + ((pts[i][1] - pts[i - 1][1]) * k) / 20]);
    }
  }
  return out;
}

test('error bars: y ± yErr at the pixels worked out by hand, with caps; markers and dashes as asked', () => {
  // No title, no axis labels: plot area x 70..620 (pw 550), y 20..365 (ph 345). Limits [0, 10] on both axes.
  const svg = linePlot({
    series: [{ x: [2, 5], y: [5, 8], yErr: [1, 0.5], marker: 'square', dash: true, label: 'MC ± SE' }],
    xLim: [0, 10], yLim: [0, 10],
  });
  const root = parseXml(svg);
  const path = elements(root, 'path').find((a) => a.get('d')!.startsWith('M'))!.get('d')!;
  // x = 2 -> 70 + 0.2·550 = 180; y = 6 -> 20 + 345 − 0.6·345 = 158; y = 4 -> 227; cap half-width = marker size 3.
  assert.ok(path.includes('M180 158V227M177 158H183M177 227H183'), path);
  // x = 5 -> 345; y = 8.5 -> 71.75; y = 7.5 -> 106.25
  assert.ok(path.includes('M345 71.75V106.25'), path);
  // two data squares + one in the legend; the dashed line, also in the legend
  assert.is(elements(root, 'rect').filter((a) => a.get('width') === '6').length, 3);
  assert.is(elements(root, 'polyline')[0].get('stroke-dasharray'), '6 4');
  assert.ok(elements(root, 'line').some((a) => a.get('stroke-dasharray') === '6 4'), 'dashed legend sample');
  // triangles and diamonds are polygons; line: false draws no polyline
  const marks = parseXml(linePlot({ series: [{ y: [1, 2, 3], marker: 'triangle', line: false }, { y: [3, 2, 1], marker: 'diamond', line: false }] }));
  assert.is(elements(marks, 'polygon').length, 6);
  assert.is(elements(marks, 'polyline').length, 0);
});

test('axis limits: ticks stay inside the limits, the axis spans exactly them, data outside is clipped', () => {
  const svg = linePlot({ series: [{ x: [0, 1, 2, 3, 4, 5], y: [0, 1, 4, 9, 16, 25] }], xLim: [0, 3], yLim: [0, 10] });
  const root = parseXml(svg);
  // x tick labels sit 18 px below the plot area (y = 365 + 18); 6 ticks wanted on [0, 3]:
  // nice range 5, step nice(1) = 1, so 0, 1, 2, 3 (nothing beyond the limit)
  const xTicks = [] as string[];
  const collectTicks = (e: XmlElement) => { if (e.name === 'text' && e.attrs.get('y') === '383') xTicks.push(e.text); e.children.forEach(collectTicks); };
  collectTicks(root);
  assert.equal(xTicks, ['0', '1', '2', '3']);
  // x = 3 is the right edge (620); y = 9 is 20 + 345 − 0.9·345 = 54.5
  const pts = elements(root, 'polyline')[0].get('points')!.split(' ');
  assert.is(pts[3], '620,54.5');
  const clip = elements(root, 'clipPath')[0].get('id')!;
  assert.ok(elements(root, 'g').some((a) => a.get('clip-path') === `url(#${clip})`), 'data group is clipped');
  // log axis limits: decades inside [1e-3, 1] only
  const logRoot = parseXml(linePlot({ series: [{ y: [1e-6, 1e-3, 1, 10] }], logY: true, yLim: [1e-3, 1] }));
  const lt = allTexts(logRoot);
  assert.ok(lt.includes('0.001') && lt.includes('1'));
  assert.not.ok(lt.includes('1e-6') || lt.includes('10'));
});

test('legend: placed in a corner that covers no data, outside the plot when every corner is taken', () => {
  const xs = Array.from({ length: 101 }, (_, k) => k / 10);
  // A rising curve fills the top right and bottom left: the legend goes top left (or bottom right).
  const rising = parseXml(linePlot({ series: [{ x: xs, y: xs.map((x) => x * x), label: 'x²' }, { x: xs, y: xs.map((x) => 10 * x), label: '10 x' }] }));
  const b = legendBox(rising);
  assert.ok(b.x < 320 && b.y < 100, `top left, got ${JSON.stringify(b)}`);
  for (const [x, y] of polylineSamples(rising)) assert.not.ok(x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h, `data point ${x},${y} under the legend`);
  // Curves through all four corners: no corner is free, so the legend moves to the right margin.
  const crossing = parseXml(linePlot({
    series: [{ x: xs, y: xs, label: 'up' }, { x: xs, y: xs.map((x) => 10 - x), label: 'down' }, { x: [0, 10], y: [0, 0], label: 'floor' }, { x: [0, 10], y: [10, 10], label: 'ceiling' }],
  }));
  const o = legendBox(crossing);
  const area = elements(crossing, 'clipPath').length === 1 ? elements(crossing, 'rect').find((a) => a.get('x') === '70' && a.get('y') === '20')! : null;
  const plotRight = Number(area!.get('x')) + Number(area!.get('width'));
  assert.ok(o.x > plotRight, `legend at x = ${o.x}, right of the plot area (${plotRight})`);
  for (const [x, y] of polylineSamples(crossing)) assert.not.ok(x >= o.x && x <= o.x + o.w && y >= o.y && y <= o.y + o.h);
  // legend: 'none' draws none
  assert.not.ok(linePlot({ series: [{ y: [1, 2], label: 'a' }], legend: 'none' }).includes('#999999'));
});

test('bad input: error bars, markers, dashes, limits and legend are checked', () => {
  throwsMsg(() => linePlot({ series: [{ y: [1, 2], yErr: [0.1, -1] }] }), RangeError, 'linePlot: series 0 yErr[1] is -1, not a finite number >= 0');
  throwsMsg(() => linePlot({ series: [{ y: [1, 2], yErr: [0.1] }] }), RangeError, 'linePlot: series 0 has 1 yErr values but 2 y values');
  throwsMsg(() => linePlot({ series: [{ y: [1], marker: 'star' as 'circle' }] }), RangeError, `linePlot: series 0 marker must be one of 'circle', 'square', 'triangle', 'diamond', 'none', got "star"`);
  throwsMsg(() => linePlot({ series: [{ y: [1], dash: 'long' }] }), RangeError, `linePlot: series 0 dash must be true, false or a dash array like '6 4', got "long"`);
  throwsMsg(() => linePlot({ series: [{ y: [1] }], xLim: [2, 1] }), RangeError, 'linePlot: xLim must be [lo, hi] with finite lo < hi, got [2,1]');
  throwsMsg(() => linePlot({ series: [{ y: [1] }], logY: true, yLim: [0, 1] }), RangeError, 'linePlot: yLim must be positive with logY, got [0, 1]');
  throwsMsg(() => linePlot({ series: [{ y: [1] }], legend: 'middle' as 'auto' }), RangeError, `linePlot: legend must be one of 'auto', 'top-right', 'top-left', 'bottom-right', 'bottom-left', 'outside', 'none', got "middle"`);
});

test.run();
