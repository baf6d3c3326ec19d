/**
 * The seeded mutation fuzzer of spec/fuzz/readers.ts over every reader (loadRBM, loadMLP,
 * loadVAE, readIdx): 1000 cases each from fixed seeds in `npm test` (`npm run fuzz -- N [seed]`
 * runs more). Every input loads a model that re-saves to the same bytes, or is refused with an
 * Error whose message starts with the reader's name; no call takes more than 100 ms of CPU or
 * leaves more than 8 x its length + 1 MiB of new ArrayBuffer memory.
 * A negative control shows the harness catches each kind of violation.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { READERS, fuzzReader, type Reader } from './readers.js';

const CASES = 1000;

for (const [i, reader] of READERS.entries()) {
  test(`fuzz ${reader.name}: ${CASES} mutated and foreign inputs load and re-save identically or are refused by name, within 100 ms CPU and without outsized allocation`, () => {
    const r = fuzzReader(reader, CASES, 0x5eed + i);
    const lines = r.failures.slice(0, 10).map((f) => `case ${f.index} (${f.kind}): ${f.problem}`);
    assert.is(r.failures.length, 0, `${r.failures.length} violations (seed ${0x5eed + i}):\n${lines.join('\n')}`);
    // Both outcomes occur, so neither check is vacuous.
    assert.ok(r.loaded > CASES / 10 && r.refused > CASES / 2, `${r.loaded} loaded, ${r.refused} refused`);
  });
}

test('fuzz harness negative control: a reader that trusts the header, one that is slow, one with an anonymous message are each caught', () => {
  const rbm = READERS.find((r) => r.name === 'loadRBM')!;
  const variant = (name: string, read: (x: unknown) => unknown): Reader => ({ ...rbm, name, read });
  // Allocates what the nVisible field claims (up to 64 MiB) before any check.
  let keep: Uint8Array | null = null;
  const trusting = variant('loadRBM', (x) => {
    if (x instanceof Uint8Array && x.length >= 12) keep = new Uint8Array(Math.min(new DataView(x.buffer, x.byteOffset, x.length).getUint32(8, true), 2 ** 26));
    return rbm.read(x);
  });
  const r1 = fuzzReader(trusting, 300, 7);
  assert.ok(r1.failures.some((f) => f.problem.includes('more bytes of ArrayBuffer memory')), 'the over-allocation is reported');
  keep = null;
  void keep;
  // Burns 150 ms of CPU on inputs with a bad magic.
  const slow = variant('loadRBM', (x) => {
    if (x instanceof Uint8Array && x.length > 0 && x[0] !== 0x42) { const t = process.cpuUsage(); while (process.cpuUsage(t).user < 150_000) { /* spin */ } }
    return rbm.read(x);
  });
  const r2 = fuzzReader(slow, 60, 8);
  assert.ok(r2.failures.some((f) => f.problem.includes('ms of CPU')), 'the slow call is reported');
  // Throws without naming itself.
  const anonymous = variant('loadRBM', (x) => { try { return rbm.read(x); } catch { throw new Error('bad file'); } });
  const r3 = fuzzReader(anonymous, 60, 9);
  assert.ok(r3.failures.some((f) => f.problem.startsWith('message does not start with "loadRBM: "')), 'the anonymous message is reported');
});

test.run();
