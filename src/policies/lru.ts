/**
 * LRU: evicts the least recently requested cached object.
 *
 * Tie-break: none needed (request times are distinct). Cost: O(1) per request (intrusive doubly
 * linked list over typed arrays, least recent at the head). Eviction forgets everything about the
 * object. Same semantics as libCacheSim's LRU.c.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueueCache } from './queue-cache.js';

class Lru extends QueueCache implements CachePolicy {
  touch(key: number): void {
    this.order.moveToTail(0, key);
  }
}

export function lru(options: PolicyOptions): CachePolicy {
  return new Lru('lru', options);
}
