// A job module for BrowserWorkerPool.run in spec/browser/pool.html.
export function sum(values) {
  return values.reduce((s, v) => s + v, 0);
}
