/**
 * Belady with bypass (oracle, not demand paging): as `belady`, but a missed object whose own next
 * request is no nearer than every cached object's is not inserted, when inserting it would evict.
 * With unit sizes this is the optimal policy when caching is optional, so its misses are <= belady's;
 * it is a different policy from libCacheSim's Belady and reported under its own name.
 *
 * Tie-break: as belady (smaller key first among never-again objects); a never-again object is
 * bypassed whenever the cache is full. Cost: O(log n) per request. Eviction forgets the object.
 */
import { OracleCache } from './oracle-cache.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class BeladyBypass extends OracleCache implements CachePolicy {
  admit(_key: number, size: number, nextUse: number): boolean {
    return this.used + size <= this.capacity || nextUse < this.nextOf[this.victim()];
  }
}

export function beladyBypass(options: PolicyOptions): CachePolicy {
  return new BeladyBypass('belady-bypass', options);
}
