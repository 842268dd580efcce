/**
 * Size-aware Belady (oracle; libCacheSim's BeladySize, exact variant): on a miss, evicts the cached
 * object with the largest size x (its next request - now), the bytes-times-time it would occupy until
 * needed; an object never requested again goes first. As libCacheSim, an object never requested again
 * is not inserted (admit refuses it). With variable sizes no exact offline optimum is practical
 * (minimizing misses is NP-hard; Berger et al. 2018, "Practical bounds on optimal caching with variable
 * object sizes", bound it with flows): this is a heuristic **approximation** of the optimum, not a
 * bound. With unit sizes it is Belady with bypass of objects never requested again.
 *
 * "Now" is the index of the request being served, told by position() (replay and the device caches
 * call it before every request). libCacheSim's default samples 128 objects per eviction; this scans
 * every cached object: exact, O(cached) per eviction, for traces where that is affordable.
 * Tie-break: the smaller key goes first.
 */
import { DenseKeyedCache } from './dense-keyed.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class BeladySize extends DenseKeyedCache implements CachePolicy {
  private now = 0;
  private readonly next: Float64Array;

  constructor(options: PolicyOptions) {
    super('belady-size', options);
    this.next = new Float64Array(options.keySpace);
  }

  position(index: number): void {
    this.now = index;
  }

  touch(key: number, nextUse: number): void {
    this.next[key] = nextUse;
  }

  admit(_key: number, _size: number, nextUse: number): boolean {
    return nextUse !== Infinity;
  }

  insert(key: number, size: number, nextUse: number): void {
    this.addDense(key, size);
    this.next[key] = nextUse;
  }

  victim(): number {
    let best = -1, bestScore = -1;
    for (let i = 0; i < this.count; i++) {
      const key = this.keys[i];
      const score = this.sizeOf[key] * (this.next[key] - this.now);
      if (score > bestScore || (score === bestScore && key < best)) {
        best = key;
        bestScore = score;
      }
    }
    return best;
  }
}

export function beladySize(options: PolicyOptions): CachePolicy {
  return new BeladySize(options);
}
