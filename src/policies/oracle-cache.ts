/**
 * The structure behind Belady's MIN: cached keys in a max-heap on their next request index
 * (Infinity = never requested again), so the object re-used farthest ahead is at the root.
 * Ties are possible only between objects never requested again; the smaller key goes first, so runs
 * are deterministic. The future comes in with each call (touch/insert's nextUse), never by
 * scanning the trace (see traces/next-use.ts).
 */
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export class OracleCache extends KeyedCache {
  protected readonly nextOf: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.nextOf = new Float64Array(options.keySpace);
    this.heap = new Int32Array(options.keySpace);
    this.pos = new Int32Array(options.keySpace);
  }

  touch(key: number, nextUse: number): void {
    const old = this.nextOf[key];
    this.nextOf[key] = nextUse;
    if (nextUse > old) this.siftUp(this.pos[key]);
    else this.siftDown(this.pos[key]);
  }

  insert(key: number, size: number, nextUse: number): void {
    const i = this.count;
    this.add(key, size);
    this.nextOf[key] = nextUse;
    this.heap[i] = key;
    this.pos[key] = i;
    this.siftUp(i);
  }

  victim(): number {
    return this.count === 0 ? -1 : this.heap[0];
  }

  override evict(): number {
    const key = this.heap[0];
    this.remove(key);
    return key;
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    const i = this.pos[key];
    this.drop(key);
    const last = this.heap[this.count];
    if (last !== key) {
      this.heap[i] = last;
      this.pos[last] = i;
      this.siftUp(i);
      this.siftDown(this.pos[last]);
    }
    return true;
  }

  /** a goes before b: re-used later, or equally never and a smaller key. */
  private before(a: number, b: number): boolean {
    const na = this.nextOf[a], nb = this.nextOf[b];
    return na > nb || (na === nb && a < b);
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
    const heap = this.heap, n = this.count, key = heap[i];
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
