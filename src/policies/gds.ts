/**
 * GDS, GreedyDual-Size (Cao and Irani 1997) with cost 1: priority H = L + 1e6 / size on insert and
 * on every hit (frequency plays no part), evict the lowest H (ties to the least recently requested),
 * L = the evicted H. The same structure and scale as gdsf (greedy-dual.ts); libCacheSim has no GDS,
 * so it is checked against theory only (tests), not against cachesim.
 *
 * Future work: a per-object miss cost (cold-load seconds or joules at eviction time, issue 22 item 5)
 * would replace the constant 1: the CachePolicy interface carries no cost today, so that needs a cost
 * channel in policy.ts (e.g. a cost argument to insert/touch) used by GDS only.
 */
import { GreedyDualCache } from './greedy-dual.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Gds extends GreedyDualCache implements CachePolicy {
  constructor(options: PolicyOptions) {
    super('gds', options);
  }

  protected value(key: number): number {
    return 1.0e6 / this.sizeOf[key];
  }
}

export function gds(options: PolicyOptions): CachePolicy {
  return new Gds(options);
}
