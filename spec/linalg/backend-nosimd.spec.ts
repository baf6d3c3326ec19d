/**
 * On an engine without WebAssembly SIMD the library falls back to the 'ts' backend silently, and
 * setBackend('wasm') throws saying why. Node always has SIMD, so the test runs the
 * library in a worker thread whose WebAssembly.validate rejects every module.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';

test('without SIMD: getBackend() is ts, availableBackends() is [ts], setBackend(wasm) throws why', async () => {
  const probe = new URL('../fixtures/no-simd-probe.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `WebAssembly.validate = () => false;
import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(probe)}); });`;
  const result = await new Promise<{ backend: string; available: string[]; setBackendError: string; product: number }>((resolve, reject) => {
    const w = new Worker(code, { eval: true, execArgv: [] });
    w.once('message', (m) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
  assert.is(result.backend, 'ts');
  assert.equal(result.available, ['ts']);
  assert.is(result.setBackendError,
    "RangeError: setBackend: 'wasm' needs WebAssembly SIMD, which this engine does not support (WebAssembly.validate rejected a v128 module); available: 'ts'");
  assert.is(result.product, 11); // 1*3 + 2*4 on the ts backend
});

test.run();
