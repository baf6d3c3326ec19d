/**
 * The notes' 2-2-1 network (002 "Simple neural network and the back propagation equations";
 * N-NN-06, N-NN-07, N-NN-08): two inputs, two sigmoid hidden nodes, one identity output, nine
 * parameters. For weights chosen so every number is a simple fraction, prints the deltas and the
 * nine gradients as computed by hand (in the comments below), by `net221Backward`, by the general
 * `mlpBackward` (weights stored input-index first: w^{(1)}_{ij} is W[j][i]) and by `Value`
 * autodiff, then one gradient-descent update. Writes the diagram of the network to
 * tour-output/examples/net221/net221.svg (the copy in docs/img/ is this file).
 *
 *   npx tsx docs/examples/net221.ts [--quick] [--help]
 */
import {
  Rng, Value, createGradient, createMLP, createWorkspace, matrix64, mlpBackward, mlpForward, mseBackward, net221Backward,
  net221Forward, net221Update, zeros64, type Net221Params,
} from '../../lib/index.js';
import { writeSvg } from '../../lib/io-node.js';
import { exampleCli } from './support/cli.js';

const cli = exampleCli('net221', `
The notes' 2-2-1 network with weights chosen so every number is a simple fraction: deltas and
the nine gradients by hand, by net221Backward, by mlpBackward and by Value autodiff; one update;
the network's diagram (net221.svg). --quick changes nothing (it is instant).`);

// W^(1) = 0, b^(1) = 0, w^(2) = (1, 1), b^(2) = 0; x = (1, 2), y = 0. By hand:
//   z^(1) = (0, 0), a^(1) = (½, ½), z^(2) = a^(2) = 1
//   δ^(2) = (a^(2) − y)·1 = 1;  ∂C/∂w^(2)_i = δ^(2) a^(1)_i = ½;  ∂C/∂b^(2) = 1
//   δ^(1)_i = w^(2)_i σ'(0) δ^(2) = 1·¼·1 = ¼;  ∂C/∂w^(1)_ij = δ^(1)_i x_j = (¼, ½);  ∂C/∂b^(1)_i = ¼
const p: Net221Params = { w1: [[0, 0], [0, 0]], b1: [0, 0], w2: [1, 1], b2: 0 };
const x: [number, number] = [1, 2], y = 0;
const byHand = { delta2: 1, delta1: [0.25, 0.25], dw2: [0.5, 0.5], db2: 1, dw1: [[0.25, 0.5], [0.25, 0.5]], db1: [0.25, 0.25] };

const f = net221Forward(x, p);
const g = net221Backward(y, p, f);

// the general MLP with the same nine numbers
const net = createMLP([2, 2, 1], { hidden: 'sigmoid', output: 'identity', precision: 'float64' }, new Rng(1));
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) net.layers[0].W.data[j * 2 + i] = p.w1[i][j];
net.layers[0].b.set(p.b1); net.layers[1].W.data.set(p.w2); net.layers[1].b[0] = p.b2;
const ws = createWorkspace(net, 1), grad = createGradient(net), dOut = zeros64(1, 1);
mseBackward(dOut, mlpForward(net, ws, matrix64(1, 2, x)), matrix64(1, 1, [y]));
mlpBackward(net, ws, grad, dOut);

// and with Value nodes
const W1 = p.w1.map((r) => r.map((w) => new Value(w))), B1 = p.b1.map((b) => new Value(b));
const W2 = p.w2.map((w) => new Value(w)), B2 = new Value(p.b2);
const h = [0, 1].map((i) => W1[i][0].mul(x[0]).add(W1[i][1].mul(x[1])).add(B1[i]).sigmoid());
h[0].mul(W2[0]).add(h[1].mul(W2[1])).add(B2).sub(y).pow(2).mul(0.5).backward();

const rows: [string, number, number, number, number][] = [];
for (let i = 0; i < 2; i++) {
  for (let j = 0; j < 2; j++) rows.push([`dC/dw(1)_${i}${j}`, byHand.dw1[i][j], g.dw1[i][j], grad.dW[0].data[j * 2 + i], W1[i][j].grad]);
}
for (let i = 0; i < 2; i++) rows.push([`dC/db(1)_${i}`, byHand.db1[i], g.db1[i], grad.db[0][i], B1[i].grad]);
for (let i = 0; i < 2; i++) rows.push([`dC/dw(2)_${i}`, byHand.dw2[i], g.dw2[i], grad.dW[1].data[i], W2[i].grad]);
rows.push(['dC/db(2)', byHand.db2, g.db2, grad.db[1][0], B2.grad]);
console.log(`x = (${x}), y = ${y}: a(1) = (${f.a1}), a(2) = ${f.a2}, delta(2) = ${g.delta2}, delta(1) = (${g.delta1})`);
console.log('parameter     by hand   net221Backward  mlpBackward  Value');
let worst = 0;
for (const [name, hand, a, b, c] of rows) {
  console.log(`${name.padEnd(13)} ${String(hand).padEnd(9)} ${String(a).padEnd(15)} ${String(b).padEnd(12)} ${c}`);
  worst = Math.max(worst, Math.abs(a - hand), Math.abs(b - hand), Math.abs(c - hand));
}
console.log(`largest difference from the hand values: ${worst}`);
const next = net221Update(p, g, 0.5);
console.log(`after one update with eta = 0.5: w(1) = ${JSON.stringify(next.w1)}, b(1) = ${JSON.stringify(next.b1)}, w(2) = ${JSON.stringify(next.w2)}, b(2) = ${next.b2}`);

/** The diagram: inputs, hidden nodes and output with the notes' parameter names on the edges. */
function diagram(): string {
  const node = (cx: number, cy: number, label: string, sub: string) =>
    `<circle cx="${cx}" cy="${cy}" r="26" fill="#fff" stroke="#333" stroke-width="2"/>` +
    `<text x="${cx}" y="${cy + 5}" text-anchor="middle" font-size="16">${label}</text>` +
    `<text x="${cx}" y="${cy + 46}" text-anchor="middle" font-size="12" fill="#555">${sub}</text>`;
  const edge = (x1: number, y1: number, x2: number, y2: number, label: string, lx: number, ly: number) =>
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#777" stroke-width="1.5"/>` +
    `<text x="${lx}" y="${ly}" text-anchor="middle" font-size="13" fill="#1f5fa8">${label}</text>`;
  const parts = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="560" height="300" viewBox="0 0 560 300" font-family="sans-serif">',
    '<rect width="560" height="300" fill="#fff"/>',
    '<text x="280" y="24" text-anchor="middle" font-size="15">The 2-2-1 network: nine parameters</text>',
    edge(106, 100, 254, 100, 'w⁽¹⁾₀₀', 180, 92), edge(106, 100, 254, 210, 'w⁽¹⁾₁₀', 150, 140),
    edge(106, 210, 254, 100, 'w⁽¹⁾₀₁', 150, 182), edge(106, 210, 254, 210, 'w⁽¹⁾₁₁', 180, 228),
    edge(306, 100, 454, 155, 'w⁽²⁾₀', 390, 115), edge(306, 210, 454, 155, 'w⁽²⁾₁', 390, 205),
    node(80, 100, 'x₀', 'a⁽⁰⁾₀'), node(80, 210, 'x₁', 'a⁽⁰⁾₁'),
    node(280, 100, 'σ', 'a⁽¹⁾₀, b⁽¹⁾₀'), node(280, 210, 'σ', 'a⁽¹⁾₁, b⁽¹⁾₁'),
    node(480, 155, 'ỹ', 'a⁽²⁾, b⁽²⁾'),
    '<text x="280" y="286" text-anchor="middle" font-size="12" fill="#555">z⁽¹⁾ᵢ = Σⱼ w⁽¹⁾ᵢⱼ xⱼ + b⁽¹⁾ᵢ · a⁽¹⁾ = σ(z⁽¹⁾) · a⁽²⁾ = w⁽²⁾₀a⁽¹⁾₀ + w⁽²⁾₁a⁽¹⁾₁ + b⁽²⁾</text>',
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
const out = cli.file('net221.svg');
writeSvg(out, diagram());
console.log(`wrote ${out}`);
