/**
 * FIFO: evicts the cached object inserted longest ago; hits do not reorder.
 *
 * Tie-break: none needed (insertion times are distinct). Cost: O(1) per request (intrusive doubly
 * linked list, so remove() of any key is O(1) too). Eviction forgets everything about the object:
 * re-inserted, it queues at the tail again. Same semantics as libCacheSim's FIFO.c.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueueCache } from './queue-cache.js';

class Fifo extends QueueCache implements CachePolicy {
  touch(): void {}
}

export function fifo(options: PolicyOptions): CachePolicy {
  return new Fifo('fifo', options);
}
