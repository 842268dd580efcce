/**
 * SIEVE (Zhang et al., NSDI 2024): a FIFO queue plus a hand. A hit sets the object's bit and moves
 * nothing; new objects enter at the newest end with a clear bit. To evict, the hand walks from where
 * it stopped (from the oldest object at first) toward newer objects, clearing set bits, wrapping
 * from the newest back to the oldest, and evicts the first object found with a clear bit; it then
 * rests on the next newer object.
 *
 * Tie-break: none needed (queue order). Cost: O(1) amortized per request; victim() scans without
 * clearing. Eviction forgets the object. Same semantics as libCacheSim's Sieve.c.
 */
import { BitQueueCache } from './bit-queue-cache.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Sieve extends BitQueueCache implements CachePolicy {
  /** Where the next eviction starts, or -1 for the oldest object. */
  private hand = -1;

  /** One step of the hand: the next newer object, wrapping to the oldest. */
  private step(k: number): number {
    const n = this.order.after(k);
    return n === -1 ? this.order.first(0) : n;
  }

  /** The first clear bit from the hand, once around; if every bit is set, where the hand starts. */
  override victim(): number {
    if (this.count === 0) return -1;
    const start = this.hand === -1 ? this.order.first(0) : this.hand;
    let k = start;
    do {
      if (this.bit[k] === 0) return k;
      k = this.step(k);
    } while (k !== start);
    return start;
  }

  override evict(): number {
    let k = this.hand === -1 ? this.order.first(0) : this.hand;
    while (this.bit[k] === 1) {
      this.bit[k] = 0;
      k = this.step(k);
    }
    const next = this.order.after(k);
    super.remove(k);
    this.hand = next;
    return k;
  }

  override remove(key: number): boolean {
    if (key === this.hand && this.has(key)) this.hand = this.order.after(key);
    return super.remove(key);
  }
}

export function sieve(options: PolicyOptions): CachePolicy {
  return new Sieve('sieve', options);
}
