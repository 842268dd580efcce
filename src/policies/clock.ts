/**
 * Clock (1-bit, second chance): a FIFO queue where a hit sets the object's bit; the hand at the
 * oldest object clears a set bit and moves that object to the newest end, and evicts the first
 * object whose bit is clear.
 *
 * Tie-break: none needed (queue order). Cost: O(1) amortized per request (each reinsertion spends a
 * bit set by a hit); victim() scans without moving anything. Inserted objects start with a clear
 * bit; eviction forgets the object. Same semantics as libCacheSim's Clock.c (n-bit-counter=1).
 */
import { BitQueueCache } from './bit-queue-cache.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Clock extends BitQueueCache implements CachePolicy {
  /** The first object from the oldest end with a clear bit; if every bit is set, the oldest (after a full turn). */
  override victim(): number {
    const first = this.order.first(0);
    for (let k = first; k !== -1; k = this.order.after(k)) if (this.bit[k] === 0) return k;
    return first;
  }

  override evict(): number {
    let k = this.order.first(0);
    while (this.bit[k] === 1) {
      this.bit[k] = 0;
      this.order.moveToTail(0, k);
      k = this.order.first(0);
    }
    this.remove(k);
    return k;
  }
}

export function clock(options: PolicyOptions): CachePolicy {
  return new Clock('clock', options);
}
