/**
 * 2Q (Johnson and Shasha, VLDB 1994, "full" version): new objects enter A1in, a FIFO of 25% of the
 * capacity, where hits do not reorder; A1out, a FIFO of keys evicted from A1in (50% of the capacity,
 * in the capacity's unit), remembers them; a missed object whose key is in A1out enters Am, an LRU
 * list of the rest of the capacity. Eviction takes A1in's oldest object (its key to A1out) while A1in
 * is over its share, else Am's least recent object; an insertion into Am also evicts Am's least
 * recent objects while Am alone would exceed its share.
 *
 * Sizes and rules as libCacheSim's TwoQ.c (Ain-size-ratio=0.25, Aout-size-ratio=0.5, shares truncated
 * to integers; objects larger than A1in are not admitted, so below 4 slots nothing is cached). Where
 * libCacheSim would evict from an empty Am (it cannot with unit sizes) A1in's oldest goes instead. The
 * A1out check happens in admit(), the hook every miss passes through. Cost: O(1) per request.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueuesCache } from './queues-cache.js';

const IN = 0, MAIN = 1, OUT = 2;
const IN_RATIO = 0.25, OUT_RATIO = 0.5;

class TwoQ extends QueuesCache implements CachePolicy {
  private readonly inCapacity: number;
  private readonly mainCapacity: number;
  private readonly outCapacity: number;
  /** The request being served hit A1out. Cleared by insert(). */
  private ghostHit = false;

  constructor(options: PolicyOptions) {
    super('twoq', options, 3);
    this.inCapacity = Math.trunc(this.capacity * IN_RATIO);
    this.mainCapacity = this.capacity - this.inCapacity;
    this.outCapacity = Math.trunc(this.capacity * OUT_RATIO);
  }

  touch(key: number): void {
    if (this.lists.of(key) === MAIN) this.lists.move(key, MAIN);
  }

  admit(key: number, size: number): boolean {
    this.ghostHit = this.takeGhost(key, OUT);
    return size <= this.inCapacity;
  }

  insert(key: number, size: number): void {
    if (this.ghostHit) {
      while (this.lists.size[MAIN] + size > this.mainCapacity) this.remove(this.lists.first(MAIN));
    }
    this.add(key, size);
    this.lists.push(this.ghostHit ? MAIN : IN, key);
    this.ghostHit = false;
  }

  victim(): number {
    return this.count === 0 ? -1 : this.lists.first(this.fromIn() ? IN : MAIN);
  }

  override evict(): number {
    const fromIn = this.fromIn(), key = this.lists.first(fromIn ? IN : MAIN);
    this.remove(key);
    if (fromIn) this.lists.pushBounded(OUT, key, this.outCapacity);
    return key;
  }

  private fromIn(): boolean {
    return this.lists.size[IN] > this.inCapacity || this.lists.isEmpty(MAIN);
  }
}

export function twoq(options: PolicyOptions): CachePolicy {
  return new TwoQ(options);
}
