/**
 * GDSF, GreedyDual-Size-Frequency (Cherkasova 1998), cost 1: priority H = L + freq * 1e6 / size,
 * evict the lowest H, L = the evicted H (greedy-dual.ts has the rules, from libCacheSim aa0fc409's
 * cpp/GDSF.cpp; its miss counts are libCacheSim's, test/policies/golden.test.ts and arc.test.ts).
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

  protected value(key: number): number {
    return (this.freq[key] * 1.0e6) / this.sizeOf[key];
  }
}

export function gdsf(options: PolicyOptions): CachePolicy {
  return new Gdsf(options);
}
