/**
 * A FIFO queue with one reference bit per object, set by a hit and clear on insertion: the structure
 * under Clock and SIEVE, which differ in where their hand starts and whether it moves objects.
 */
import type { PolicyOptions } from './policy.js';
import { QueueCache } from './queue-cache.js';

export abstract class BitQueueCache extends QueueCache {
  protected readonly bit: Uint8Array;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.bit = new Uint8Array(options.keySpace);
  }

  touch(key: number): void {
    this.bit[key] = 1;
  }

  override insert(key: number, size: number): void {
    super.insert(key, size);
    this.bit[key] = 0;
  }
}
