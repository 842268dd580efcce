/**
 * The structure behind the GreedyDual family (GDSF, GDS): cached keys in an indexed min-heap on
 * (priority, last request), so the object with the lowest priority is at the root and, among equal
 * priorities, the one requested longest ago (FIFO), as libCacheSim's abstractRank pq_node_type orders
 * them (priority, then last_request_vtime). Eviction sets the inflation value L to the evicted
 * object's priority; new priorities are L + value(key), where a subclass defines value.
 * Cost: O(log n) per request.
 */
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export abstract class GreedyDualCache extends KeyedCache {
  /** L: the priority of the last evicted object (0 before any eviction). */
  protected inflation = 0;
  protected readonly freq: Uint32Array;
  private readonly pri: Float64Array;
  /** The request counter at the key's last request: the tie-break, unique per cached key. */
  private readonly stamp: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private clock = 0;
  /** The key admit() last priced, and its priority (L before the evictions it causes). */
  private pendingKey = -1;
  private pendingPri = 0;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.freq = new Uint32Array(options.keySpace);
    this.pri = new Float64Array(options.keySpace);
    this.stamp = new Float64Array(options.keySpace);
    this.heap = new Int32Array(options.keySpace);
    this.pos = new Int32Array(options.keySpace);
  }

  /** The term added to L for key, given its size and frequency (both already set). */
  protected abstract value(key: number): number;
  /** The term added to L for a new object of this size (frequency 1). */
  protected abstract firstValue(size: number): number;

  /**
   * libCacheSim's GDSF_get inserts the missed object first (priority from the current L) and then
   * evicts the lowest until the cache fits, so the new object can be its own victim. Here the priority
   * is fixed now, before access() evicts, and the insertion is refused exactly when libCacheSim would
   * evict the new object: when the cached objects ordered before it (priority <= its own; it is the
   * newest, so it loses every tie) do not free enough bytes. Known deviation in that case only:
   * libCacheSim still evicts those objects and sets L to the new object's priority; here nothing is
   * evicted and L is unchanged (the contract lets admit() refuse, not evict).
   */
  admit(key: number, size: number): boolean {
    const p = this.inflation + this.firstValue(size);
    this.pendingKey = key;
    this.pendingPri = p;
    const need = this.used + size - this.capacity;
    return need <= 0 || this.bytesAtMost(p, need) >= need;
  }

  /** Bytes of cached objects with priority <= p, counted until they reach need (heap walk, pruned). */
  private bytesAtMost(p: number, need: number): number {
    let sum = 0;
    const stack: number[] = [0];
    while (stack.length > 0 && sum < need) {
      const i = stack.pop()!;
      if (i >= this.count) continue;
      const key = this.heap[i];
      if (this.pri[key] > p) continue;
      sum += this.sizeOf[key];
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return sum;
  }

  touch(key: number): void {
    this.freq[key]++;
    this.pri[key] = this.inflation + this.value(key);
    this.stamp[key] = ++this.clock;
    // GDS's new priority may be lower than its old one in floating point (same L, same value), so
    // sift both ways.
    const i = this.pos[key];
    this.siftUp(i);
    this.siftDown(this.pos[key]);
  }

  insert(key: number, size: number): void {
    const i = this.count;
    this.add(key, size);
    this.freq[key] = 1;
    this.pri[key] = this.pendingKey === key ? this.pendingPri : this.inflation + this.value(key);
    this.pendingKey = -1;
    this.stamp[key] = ++this.clock;
    this.heap[i] = key;
    this.pos[key] = i;
    this.siftUp(i);
  }

  victim(): number {
    return this.count === 0 ? -1 : this.heap[0];
  }

  override evict(): number {
    const key = this.heap[0];
    this.inflation = this.pri[key];
    this.remove(key);
    return key;
  }

  /** Removes key without touching L (libCacheSim's GDSF_remove does not update pri_last_evict). */
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

  /** a goes before b: lower priority, or equal priority and requested earlier. */
  private before(a: number, b: number): boolean {
    const pa = this.pri[a], pb = this.pri[b];
    return pa < pb || (pa === pb && this.stamp[a] < this.stamp[b]);
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
