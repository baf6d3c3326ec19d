/**
 * A tiny scalar reverse-mode automatic differentiation: the notes' challenge ("replace the
 * hard-coded analytical expressions with automatic differentiation"), 002 "Adding a hidden layer".
 *
 * Each `Value` holds a float64 number, the Values it was computed from, and the local
 * derivatives of that operation. `backward()` visits the graph from the output in reverse
 * topological order and applies the chain rule: for every edge parent → child with local
 * derivative ∂child/∂parent, parent.grad += child.grad · ∂child/∂parent. That is back-propagation
 * with the bookkeeping done by the program instead of by hand; the specs use it as a second,
 * independent check of the hand-written backward functions. One node per scalar operation:
 * for understanding and testing, far too slow for training.
 */
import { describe } from '../checks/index.js';

/**
 * A scalar in a computation graph, with its gradient dOutput/dThis after `backward()`.
 *
 * @example
 * const w = new Value(2), x = new Value(3), b = new Value(1);
 * const y = w.mul(x).add(b).sigmoid();
 * y.backward();
 * w.grad; // σ'(7) · 3
 */
export class Value {
  /** The number. */
  data: number;
  /** dOutput/dThis, filled by `backward()` on the output (0 before). */
  grad = 0;
  /** What made it ('' for a leaf), for printing graphs. */
  readonly op: string;
  /** The Values it was computed from, and ∂this/∂parent for each. */
  private readonly parents: readonly Value[];
  private readonly local: readonly number[];

  constructor(data: number, parents: readonly Value[] = [], local: readonly number[] = [], op = '') {
    if (typeof data !== 'number') throw new TypeError(`Value: data must be a number, got ${typeof data}`);
    this.data = data;
    this.parents = parents;
    this.local = local;
    this.op = op;
  }

  private static of(x: Value | number): Value {
    return x instanceof Value ? x : new Value(x);
  }

  /**
   * this + other;  ∂/∂this = 1, ∂/∂other = 1.
   * @example
   * new Value(1).add(2).data; // 3
   */
  add(other: Value | number): Value {
    const o = Value.of(other);
    return new Value(this.data + o.data, [this, o], [1, 1], '+');
  }

  /**
   * this − other;  ∂/∂this = 1, ∂/∂other = −1.
   * @example
   * new Value(1).sub(2).data; // -1
   */
  sub(other: Value | number): Value {
    const o = Value.of(other);
    return new Value(this.data - o.data, [this, o], [1, -1], '-');
  }

  /**
   * this · other;  ∂/∂this = other, ∂/∂other = this.
   * @example
   * new Value(2).mul(3).data; // 6
   */
  mul(other: Value | number): Value {
    const o = Value.of(other);
    return new Value(this.data * o.data, [this, o], [o.data, this.data], '*');
  }

  /**
   * this / other;  ∂/∂this = 1/other, ∂/∂other = −this/other².
   * @example
   * new Value(1).div(4).data; // 0.25
   */
  div(other: Value | number): Value {
    const o = Value.of(other);
    return new Value(this.data / o.data, [this, o], [1 / o.data, -this.data / (o.data * o.data)], '/');
  }

  /**
   * −this.
   * @example
   * new Value(2).neg().data; // -2
   */
  neg(): Value {
    return new Value(-this.data, [this], [-1], 'neg');
  }

  /**
   * this^p for a constant p;  ∂/∂this = p · this^{p−1}.
   * @example
   * new Value(3).pow(2).data; // 9
   */
  pow(p: number): Value {
    if (typeof p !== 'number' || !Number.isFinite(p)) throw new RangeError(`Value.pow: the exponent must be a finite number, got ${String(p)}`);
    return new Value(this.data ** p, [this], [p * this.data ** (p - 1)], `^${p}`);
  }

  /**
   * e^this;  ∂/∂this = e^this.
   * @example
   * new Value(0).exp().data; // 1
   */
  exp(): Value {
    const e = Math.exp(this.data);
    return new Value(e, [this], [e], 'exp');
  }

  /**
   * ln this;  ∂/∂this = 1/this.
   * @example
   * new Value(1).log().data; // 0
   */
  log(): Value {
    return new Value(Math.log(this.data), [this], [1 / this.data], 'log');
  }

  /**
   * σ(this) = 1/(1 + e^{−this});  ∂/∂this = σ(1 − σ) (N-NN-01).
   * @example
   * new Value(0).sigmoid().data; // 0.5
   */
  sigmoid(): Value {
    const z = this.data;
    const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    return new Value(s, [this], [s * (1 - s)], 'sigmoid');
  }

  /**
   * tanh this;  ∂/∂this = 1 − tanh².
   * @example
   * new Value(0).tanh().data; // 0
   */
  tanh(): Value {
    const t = Math.tanh(this.data);
    return new Value(t, [this], [1 - t * t], 'tanh');
  }

  /**
   * max(0, this);  ∂/∂this = 1 for this > 0, else 0.
   * @example
   * new Value(-1).relu().data; // 0
   */
  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, [this], [this.data > 0 ? 1 : 0], 'relu');
  }

  /**
   * Reverse-mode sweep from this output: sets this.grad = 1 and every Value it depends on to
   * d(this)/d(that Value). Gradients of an earlier `backward()` on the same graph are cleared first.
   *
   * @example
   * const x = new Value(3);
   * const y = x.mul(x).add(x); // x² + x
   * y.backward();
   * x.grad; // 2x + 1 = 7
   */
  backward(): void {
    // reverse topological order: children before parents (depth-first post-order, iterative)
    const order: Value[] = [];
    const seen = new Set<Value>();
    const stack: [Value, number][] = [[this, 0]];
    seen.add(this);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      if (i < v.parents.length) {
        top[1] = i + 1;
        const p = v.parents[i];
        if (!seen.has(p)) {
          seen.add(p);
          stack.push([p, 0]);
        }
      } else {
        order.push(v);
        stack.pop();
      }
    }
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (let k = order.length - 1; k >= 0; k--) {
      const v = order[k];
      // chain rule: d out/d parent += d out/d v · ∂v/∂parent
      for (let i = 0; i < v.parents.length; i++) v.parents[i].grad += v.grad * v.local[i];
    }
  }
}

/**
 * Σ of a list of Values (one node per addition).
 *
 * @example
 * valueSum([new Value(1), new Value(2)]).data; // 3
 */
export function valueSum(values: readonly Value[]): Value {
  if (!Array.isArray(values)) throw new TypeError(`valueSum: values must be an array of Values, got ${describe(values)}`);
  let s = new Value(0);
  for (const v of values) s = s.add(v);
  return s;
}
