/**
 * MRU: evicts the most recently requested cached object (good for looping scans larger than the
 * cache, where LRU always evicts the object needed next).
 *
 * Tie-break: none needed (request times are distinct). Cost: O(1) per request (the LRU list, evicting
 * from the newest end). Eviction forgets everything about the object. Same semantics as libCacheSim's
 * MRU.c.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueueCache } from './queue-cache.js';

class Mru extends QueueCache implements CachePolicy {
  touch(key: number): void {
    this.order.moveToTail(0, key);
  }

  override victim(): number {
    return this.order.last(0);
  }

  override evict(): number {
    const key = this.victim();
    this.remove(key);
    return key;
  }
}

export function mru(options: PolicyOptions): CachePolicy {
  return new Mru('mru', options);
}
