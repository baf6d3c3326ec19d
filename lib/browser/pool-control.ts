/**
 * The shared control block between {@link BrowserWorkerPool} and its workers: one row of int32
 * fields per worker (a sequence number the caller bumps to post a part, the worker's done flag,
 * the part's shape and operand offsets) and two float64 scalars (alpha, beta), plus the growable
 * buffer that holds the operands. Not part of the public API.
 */

/** Int32 fields per worker. */
export const CONTROL_FIELDS = 12;

/** Where each field sits in a worker's row. */
export const ControlField = {
  /** Bumped by the caller for every part it posts (the worker waits on it). */
  sequence: 0,
  /** 0 while the part runs, 1 done, 2 failed (the caller waits on it). */
  done: 1,
  m: 2, n: 3, k: 4, rowStart: 5, rowEnd: 6,
  /** 1 when b is used transposed. */
  transB: 7,
  /** 1 for the 'wasm' backend, 0 for 'ts' (the caller's, so every part rounds the same way). */
  wasm: 8,
  aOffset: 9, bOffset: 10, cOffset: 11,
} as const;

/** The message that starts a worker. */
export interface PoolInit {
  kind: 'init';
  index: number;
  control: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  operands: SharedArrayBuffer;
}

/** Bytes reserved for the operands (they grow up to this; larger products run on one thread). */
const OPERAND_RESERVE = 1 << 30;

/** A SharedArrayBuffer that may grow (ES2024); `grow` is absent where engines do not support it. */
interface GrowableBuffer extends SharedArrayBuffer { grow?: (bytes: number) => void; maxByteLength?: number }

/** A growable SharedArrayBuffer for the operands (a fixed 64 MiB one where growing is not supported). */
export function createOperandBuffer(): SharedArrayBuffer {
  const Growable = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => GrowableBuffer;
  const buffer = new Growable(0, { maxByteLength: OPERAND_RESERVE });
  return typeof buffer.grow === 'function' ? buffer : new SharedArrayBuffer(64 << 20);
}

/** Makes `buffer` hold at least `bytes` bytes (growing it if it can); false if it cannot. */
export function ensureOperandBytes(buffer: SharedArrayBuffer, bytes: number): boolean {
  if (bytes <= buffer.byteLength) return true;
  const g = buffer as GrowableBuffer;
  if (typeof g.grow !== 'function' || bytes > (g.maxByteLength ?? 0)) return false;
  g.grow(bytes);
  return true;
}
