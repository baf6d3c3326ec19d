/**
 * Argument checks shared by every module (internal: the bottom layer of lib/, imported by the
 * others and by nothing public; lib/index.ts does not re-export it).
 */

/**
 * True if two typed arrays share memory: same buffer and overlapping byte ranges (an empty
 * array overlaps nothing).
 *
 * @example
 * ```ts
 * const buf = new Float32Array(8);
 * overlaps(buf.subarray(0, 4), buf.subarray(3, 8)); // true
 * overlaps(buf.subarray(0, 4), buf.subarray(4, 8)); // false
 * ```
 */
export function overlaps(x: ArrayBufferView, y: ArrayBufferView): boolean {
  if (x.buffer !== y.buffer || x.byteLength === 0 || y.byteLength === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * A short description of a value for error messages: `null`, `Float32Array(3)`, `a 2x3 matrix of
 * Float64Array(6)`, `"text"`, `Array(4)`, a class name, `function f`, or the number. The one
 * helper every module's messages use to show a bad value.
 *
 * @example
 * ```ts
 * describe(new Float32Array(3)); // 'Float32Array(3)'
 * describe({ rows: 2, cols: 3, data: new Float64Array(6) }); // 'a 2x3 matrix of Float64Array(6)'
 * ```
 */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return `Array(${x.length})`;
  if (x instanceof DataView) return `DataView(${x.byteLength} bytes)`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as ArrayLike<number>).length})`;
  if (typeof x === 'object') {
    const m = x as { rows?: unknown; cols?: unknown; data?: unknown };
    if (typeof m.rows === 'number' && typeof m.cols === 'number') return `a ${m.rows}x${m.cols} matrix of ${describe(m.data)}`;
    return (x as object).constructor?.name ?? 'object';
  }
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'function') return `function ${x.name || '(anonymous)'}`;
  return String(x);
}

/**
 * Refuses an options object with a key outside `allowed` (a misspelt option would otherwise be
 * ignored silently, or blamed on the option it was meant to be): throws a TypeError naming the
 * function, the key and the allowed keys. `undefined` passes; anything but an object is a
 * TypeError too. Every public function that takes an options object calls it first.
 *
 * @example
 * ```ts
 * checkOptionKeys('lasso', { tol: 1e-9, maxIter: 10 }, ['tol', 'maxIter']); // passes
 * try { checkOptionKeys('lasso', { tol: 1e-9, maxiter: 10 }, ['tol', 'maxIter']); } catch (e) { console.log((e as Error).message); }
 * // TypeError: lasso: unknown option 'maxiter' (allowed: tol, maxIter)
 * ```
 */
export function checkOptionKeys(fn: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  // for-in rather than Object.keys: no array per call (gemm and the samplers are called in loops)
  for (const key in options) {
    if (Object.hasOwn(options, key) && !allowed.includes(key)) throw new TypeError(`${fn}: unknown option '${key}' (allowed: ${allowed.join(', ')})`);
  }
}

/**
 * Refuses anything but an Rng (an object with the Rng's `float`, `int` and `normal` methods):
 * throws a TypeError naming the function, the argument and the value.
 *
 * @example
 * ```ts
 * try { checkRng('trainMLP', 7); } catch (e) { console.log((e as Error).message); }
 * // TypeError: trainMLP: rng must be an Rng, got 7
 * ```
 */
export function checkRng(fn: string, rng: unknown, what = 'rng'): void {
  const r = rng as { float?: unknown; int?: unknown; normal?: unknown } | null;
  if (r === null || typeof r !== 'object' || typeof r.float !== 'function' || typeof r.int !== 'function' || typeof r.normal !== 'function') {
    throw new TypeError(`${fn}: ${what} must be an Rng, got ${describe(rng)}`);
  }
}

/**
 * Throws unless `v` is a finite number (and >= 0 when `nonNegative`): a RangeError naming the
 * function, the argument and the value.
 *
 * @example
 * ```ts
 * try { checkFinite('trapPotential', 'omega', NaN); } catch (e) { console.log((e as Error).message); }
 * // RangeError: trapPotential: omega must be a finite number, got NaN
 * ```
 */
export function checkFinite(fn: string, what: string, v: unknown, nonNegative = false): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (nonNegative && v < 0)) {
    throw new RangeError(`${fn}: ${what} must be a finite number${nonNegative ? ' >= 0' : ''}, got ${describe(v)}`);
  }
}
