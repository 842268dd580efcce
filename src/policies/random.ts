/**
 * Random: evicts a cached object drawn uniformly, from the policy's own seeded stream.
 *
 * Tie-break: not applicable. Cost: O(1) per request (dense array of cached keys with swap-remove,
 * plus each key's slot). Each eviction uses one uniform draw u, taken when victim() or evict() first
 * needs it and spent by evict(): the victim is cached[floor(u * count)] at that moment, so victim()
 * names what evict() removes and asking victim() never changes which draws the run uses. The cached
 * array's order (insertion order, disturbed by swap-removes) is part of the seeded semantics.
 * Eviction forgets everything about the object. Seed defaults to 'mcsim'. Statistically, not
 * draw for draw, comparable with libCacheSim's Random (a different generator).
 */
import { Rng } from '../sim/rng.js';
import { DenseKeyedCache } from './dense-keyed.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class RandomCache extends DenseKeyedCache implements CachePolicy {
  private readonly rng: Rng;
  private u = -1;

  constructor(options: PolicyOptions) {
    super('random', options);
    this.rng = new Rng(options.seed ?? 'mcsim');
  }

  touch(): void {}

  insert(key: number, size: number): void {
    this.addDense(key, size);
  }

  victim(): number {
    if (this.count === 0) return -1;
    if (this.u < 0) this.u = this.rng.uniform();
    return this.keys[Math.floor(this.u * this.count)];
  }

  override evict(): number {
    const key = this.victim();
    this.remove(key);
    this.u = -1;
    return key;
  }
}

export function random(options: PolicyOptions): CachePolicy {
  return new RandomCache(options);
}
