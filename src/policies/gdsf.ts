/**
 * GDSF, GreedyDual-Size-Frequency (Cherkasova 1998), cost 1, with libCacheSim's rules
 * (libCacheSim/cache/eviction/cpp/GDSF.cpp at 6cecdd85: GDSF_get, GDSF_find, GDSF_insert, GDSF_evict;
 * ties from abstractRank.hpp's pq_node_type):
 * - miss: freq = 1, priority H = L + 1e6 / size, with L as it is *before* the evictions this miss
 *   causes (libCacheSim inserts first, then evicts while occupied > capacity);
 * - hit: freq += 1, H = L + freq * 1e6 / size (from the current L, not the old H);
 * - evict: the lowest H, ties to the least recently requested (FIFO on last request); L = the evicted
 *   H (0 at first); remove() of a named key leaves L alone;
 * - the new object is its own victim when the objects ordered before it do not free enough bytes:
 *   then it is not inserted (see GreedyDualCache.admit for the one deviation in that case).
 * The 1e6 scale is libCacheSim's: it does not change the order in exact arithmetic, but it changes
 * double rounding, so it is kept. Sizes are the request's bytes (1 with unit capacity), no per-object
 * metadata (libCacheSim's default, consider_obj_metadata off); a hit does not change the size. An
 * object larger than the cache is a miss and is not inserted. Eviction forgets the frequency.
 */
import { GreedyDualCache } from './greedy-dual.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Gdsf extends GreedyDualCache implements CachePolicy {
  constructor(options: PolicyOptions) {
    super('gdsf', options);
  }

  protected firstValue(size: number): number {
    return 1.0e6 / size;
  }

  protected value(key: number): number {
    return (this.freq[key] * 1.0e6) / this.sizeOf[key];
  }
}

export function gdsf(options: PolicyOptions): CachePolicy {
  return new Gdsf(options);
}
