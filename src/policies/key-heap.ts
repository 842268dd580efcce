/**
 * An indexed binary heap of cache keys under a caller's order (`before(a, b)`: a is nearer the root),
 * for the policies that rank their objects (Belady's MIN by next use, the GreedyDual family by
 * priority). Keys index their own typed arrays, so a key's position is kept and a key whose rank
 * changed is re-sifted in O(log n) instead of searched for.
 */
export class KeyHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  size = 0;

  constructor(
    keySpace: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.heap = new Int32Array(keySpace);
    this.pos = new Int32Array(keySpace);
  }

  /** The key at the root, or -1 when empty. */
  top(): number {
    return this.size === 0 ? -1 : this.heap[0];
  }

  /** Adds key. Precondition: not in the heap. */
  push(key: number): void {
    const i = this.size++;
    this.heap[i] = key;
    this.pos[key] = i;
    this.siftUp(i);
  }

  /** Removes key. Precondition: in the heap. */
  delete(key: number): void {
    const i = this.pos[key];
    const last = this.heap[--this.size];
    if (last === key) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.reorder(last);
  }

  /** Restores the order after key's rank changed, in either direction. Precondition: in the heap. */
  reorder(key: number): void {
    this.siftUp(this.pos[key]);
    this.siftDown(this.pos[key]);
  }

  private siftUp(i: number): void {
    const heap = this.heap, key = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1, parent = heap[p];
      if (!this.before(key, parent)) break;
      heap[i] = parent;
      this.pos[parent] = i;
      i = p;
    }
    heap[i] = key;
    this.pos[key] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap, n = this.size, key = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(heap[c + 1], heap[c])) c++;
      const child = heap[c];
      if (!this.before(child, key)) break;
      heap[i] = child;
      this.pos[child] = i;
      i = c;
    }
    heap[i] = key;
    this.pos[key] = i;
  }
}
