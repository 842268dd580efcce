/**
 * KeyedCache that also keeps its cached keys densely, keys[0..count) (insertion order, disturbed by
 * swap-removes), with each key's position: for policies that draw from (random) or scan (belady-size)
 * the cached set rather than keep an order.
 */
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export abstract class DenseKeyedCache extends KeyedCache {
  protected readonly keys: Int32Array;
  private readonly slot: Int32Array;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.keys = new Int32Array(options.keySpace);
    this.slot = new Int32Array(options.keySpace);
  }

  /** Marks key cached and appends it to keys. */
  protected addDense(key: number, size: number): void {
    this.slot[key] = this.count;
    this.keys[this.count] = key;
    this.add(key, size);
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    const last = this.keys[this.count - 1], s = this.slot[key];
    this.keys[s] = last;
    this.slot[last] = s;
    this.drop(key);
    return true;
  }
}
