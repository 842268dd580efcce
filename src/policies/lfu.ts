/**
 * LFU (in-cache): evicts the cached object requested least often since it was inserted.
 *
 * A new object has frequency 1, a hit adds 1. Tie-break: among equal frequencies, the least recently
 * requested goes first (each frequency keeps its objects in the order they reached it, which is the
 * order of their last requests). Cost: O(1) per request: one intrusive list per frequency plus a
 * chain of the non-empty frequencies in increasing order, whose head is the minimum. Eviction forgets
 * the frequency: a re-inserted object starts again at 1. Same semantics as libCacheSim's LFU.c.
 */
import { KeyLists } from './key-lists.js';
import { KeyedCache } from './keyed.js';
import type { CachePolicy, PolicyOptions } from './policy.js';

class Lfu extends KeyedCache implements CachePolicy {
  private readonly freq: Uint32Array;
  private readonly buckets: KeyLists;
  /** Chain of non-empty frequencies: up[f] is the next larger one, down[f] the next smaller, 0 = none. */
  private up = new Uint32Array(64);
  private down = new Uint32Array(64);
  private minFreq = 0;

  constructor(options: PolicyOptions) {
    super('lfu', options);
    this.freq = new Uint32Array(options.keySpace);
    this.buckets = new KeyLists(options.keySpace, 64);
  }

  touch(key: number): void {
    const f = this.freq[key];
    // Unlink first (the list links are per key); f's chain neighbour survives in down[f].
    const below = this.leave(key, f) ? this.down[f] : f;
    this.enter(key, f + 1, below);
  }

  insert(key: number, size: number): void {
    this.add(key, size);
    this.enter(key, 1, 0);
  }

  victim(): number {
    return this.minFreq === 0 ? -1 : this.buckets.first(this.minFreq);
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.leave(key, this.freq[key]);
    this.drop(key);
    return true;
  }

  /** Puts key in bucket f; `below` is the non-empty frequency just under f (0 = none). */
  private enter(key: number, f: number, below: number): void {
    if (this.buckets.isEmpty(f)) {
      if (f >= this.up.length) this.grow(f);
      const above = below === 0 ? this.minFreq : this.up[below];
      this.up[f] = above;
      this.down[f] = below;
      if (above !== 0) this.down[above] = f;
      if (below === 0) this.minFreq = f;
      else this.up[below] = f;
    }
    this.buckets.push(f, key);
    this.freq[key] = f;
  }

  /** Takes key out of bucket f, unchaining f if it empties; returns whether it did. */
  private leave(key: number, f: number): boolean {
    this.buckets.unlink(f, key);
    if (!this.buckets.isEmpty(f)) return false;
    const above = this.up[f], below = this.down[f];
    if (above !== 0) this.down[above] = below;
    if (below === 0) this.minFreq = above;
    else this.up[below] = above;
    return true;
  }

  private grow(f: number): void {
    let n = this.up.length * 2;
    while (n <= f) n *= 2;
    const up = new Uint32Array(n), down = new Uint32Array(n);
    up.set(this.up);
    down.set(this.down);
    this.up = up;
    this.down = down;
  }
}

export function lfu(options: PolicyOptions): CachePolicy {
  return new Lfu(options);
}
