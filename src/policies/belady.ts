/**
 * Belady's MIN (oracle, demand paging): evicts the cached object whose next request is farthest in
 * the future; an object never requested again is infinitely far. The missed object is always
 * inserted, as in libCacheSim's Belady.c, so with unit sizes no demand policy has fewer misses.
 *
 * Tie-break: only objects never requested again can tie; the smaller key goes first. Cost: O(log n)
 * per request (indexed max-heap). Needs the next-use index (traces/next-use.ts): registry entry has
 * needsFuture. Eviction forgets the object; its next use is supplied again if it comes back.
 */
import { OracleCache } from './oracle-cache.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

export function belady(options: PolicyOptions): CachePolicy {
  return new OracleCache('belady', options);
}
