/**
 * The structure behind the GreedyDual family (GDSF, GDS), with libCacheSim's rules (commit aa0fc409:
 * cache_get_base in cache/cache.c, cpp/GDSF.cpp, the pq_node_type order of cpp/abstractRank.hpp):
 * - a miss evicts the lowest priority until the object fits, each eviction setting the inflation
 *   value L to the evicted priority, then inserts the object at L + value (the L after those
 *   evictions);
 * - a hit re-prices the object at the current L + value (not its old priority + value);
 * - among equal priorities the object requested longest ago goes first (FIFO on the last request);
 * - remove() of a named key leaves L alone (GDSF_remove does not update pri_last_evict).
 * A subclass defines value(key) from the object's size and frequency. Cost: O(log n) per request.
 */
import { KeyHeap } from './key-heap.js';
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export abstract class GreedyDualCache extends KeyedCache {
  /** L: the priority of the last evicted object (0 before any eviction). */
  protected inflation = 0;
  /** Requests since insertion, counting it (reset on eviction). */
  protected readonly freq: Uint32Array;
  private readonly pri: Float64Array;
  private readonly heap: KeyHeap;
  /** The request counter at the key's last request: the tie-break, unique per cached key. */
  private readonly stamp: Float64Array;
  private clock = 0;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.freq = new Uint32Array(options.keySpace);
    const pri = (this.pri = new Float64Array(options.keySpace));
    const stamp = (this.stamp = new Float64Array(options.keySpace));
    this.heap = new KeyHeap(options.keySpace, (a, b) => pri[a] < pri[b] || (pri[a] === pri[b] && stamp[a] < stamp[b]));
  }

  /** The term added to L for key, given its size and frequency (both already set). */
  protected abstract value(key: number): number;

  touch(key: number): void {
    this.freq[key]++;
    this.price(key);
    // GDS's new priority can be below the old one in floating point (same L, same value).
    this.heap.reorder(key);
  }

  insert(key: number, size: number): void {
    this.add(key, size);
    this.freq[key] = 1;
    this.price(key);
    this.heap.push(key);
  }

  victim(): number {
    return this.heap.top();
  }

  override evict(): number {
    const key = this.heap.top();
    this.inflation = this.pri[key];
    this.remove(key);
    return key;
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.drop(key);
    this.heap.delete(key);
    return true;
  }

  private price(key: number): void {
    this.pri[key] = this.inflation + this.value(key);
    this.stamp[key] = ++this.clock;
  }
}
