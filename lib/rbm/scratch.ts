/**
 * Scratch matrices for the RBM kernels (internal). Each kernel that needs a temporary matrix
 * owns one `ScratchMatrix` at module level; its buffer is grown on demand (doubling) and never
 * shrinks. It also keeps the views of its two most recent shapes, so a training loop that
 * alternates a full and a shorter last minibatch re-uses both views and allocates nothing per
 * minibatch; a view is made again only for a third shape or after the buffer grew. Every user
 * writes its scratch fully before reading it.
 */
import { type Matrix } from '../linalg/matrix.js';

/** A reusable rows x cols float32 work matrix (see the file comment). */
export class ScratchMatrix {
  private buffer: Float32Array | undefined;
  private view: Matrix | undefined; // most recent shape
  private previous: Matrix | undefined; // the shape before it

  /** A rows x cols matrix backed by this scratch buffer; contents are undefined. */
  get(rows: number, cols: number): Matrix {
    const view = this.view;
    if (view !== undefined && view.rows === rows && view.cols === cols) return view;
    const previous = this.previous;
    if (previous !== undefined && previous.rows === rows && previous.cols === cols) {
      this.previous = view;
      this.view = previous;
      return previous;
    }
    const need = rows * cols;
    let buf = this.buffer;
    if (buf === undefined || buf.length < need) {
      buf = new Float32Array(Math.max(need, buf === undefined ? 0 : 2 * buf.length));
      this.buffer = buf;
      this.previous = undefined; // views of the old buffer are dropped
    } else {
      this.previous = view;
    }
    const m: Matrix = { rows, cols, data: buf.subarray(0, need) };
    this.view = m;
    return m;
  }
}
