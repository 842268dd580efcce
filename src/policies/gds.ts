/**
 * GDS, GreedyDual-Size (Cao and Irani 1997): priority H = L + 1e6 x cost / size on insert and on
 * every hit (frequency plays no part), evict the lowest H (ties to the least recently requested),
 * L = the evicted H. The cost is the owner's `missCost(key)` at the time of the request (the edge's
 * model cache passes the cold-load seconds or joules at the WAN's current bandwidth,
 * strategies/edge-models), else 1. The same structure and scale as gdsf (greedy-dual.ts);
 * libCacheSim has no GDS, so it is checked against theory only (tests), not against cachesim.
 */
import { GreedyDualCache } from './greedy-dual.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Gds extends GreedyDualCache implements CachePolicy {
  private readonly missCost: (key: number) => number;

  constructor(options: PolicyOptions) {
    super('gds', options);
    this.missCost = options.missCost ?? (() => 1);
  }

  protected value(key: number): number {
    return (1.0e6 * this.missCost(key)) / this.sizeOf[key];
  }
}

export function gds(options: PolicyOptions): CachePolicy {
  return new Gds(options);
}
