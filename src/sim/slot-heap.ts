/**
 * A binary min-heap of integer slots under a caller's order (`before(a, b)`: a comes out first), for
 * structures whose keys live in their own typed arrays (processor sharing's finish tags). push and
 * pop are O(log n); the order must not change while a slot is in the heap.
 */
import { grown } from './typed-arrays.js';

export class SlotHeap {
  private heap = new Int32Array(16);
  size = 0;

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  /** The first slot, or -1 when empty. */
  peek(): number {
    return this.size === 0 ? -1 : this.heap[0];
  }

  push(slot: number): void {
    if (this.size === this.heap.length) this.heap = grown(this.heap, 2 * this.size);
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(slot, this.heap[p])) break;
      this.heap[i] = this.heap[p];
      i = p;
    }
    this.heap[i] = slot;
  }

  /** Removes and returns the first slot. Precondition: not empty. */
  pop(): number {
    const top = this.heap[0], last = this.heap[--this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.before(this.heap[c + 1], this.heap[c])) c++;
      if (!this.before(this.heap[c], last)) break;
      this.heap[i] = this.heap[c];
      i = c;
    }
    this.heap[i] = last;
    return top;
  }
}
