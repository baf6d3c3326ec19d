/**
 * Shared assertions for bad-input tests (not a spec file: uvu only runs *.spec.ts).
 */
import * as assert from 'uvu/assert';

/** Asserts that `fn` throws an instance of `Err` whose message is exactly `msg`. */
export function throwsMsg(fn: () => unknown, Err: Function, msg: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, Err);
    assert.is((e as Error).message, msg);
    return;
  }
  assert.unreachable(`no error; expected "${msg}"`);
}

/** Asserts that `fn` throws an error of class `cls` whose message contains every piece. */
export function throwsWith(fn: () => unknown, cls: ErrorConstructor, ...pieces: string[]): void {
  let caught: unknown;
  try { fn(); } catch (e) { caught = e; }
  if (!(caught instanceof cls)) {
    throw new Error(`expected ${cls.name}, got ${caught === undefined ? 'no error' : String(caught)}`);
  }
  for (const p of pieces) {
    if (!caught.message.includes(p)) throw new Error(`message "${caught.message}" lacks "${p}"`);
  }
}
