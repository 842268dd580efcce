/**
 * A cache ordered by one queue: insert at the tail, evict from the head. LRU and FIFO are this
 * structure and differ only in whether a hit moves the object to the tail.
 */
import { KeyLists } from './key-lists.js';
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export abstract class QueueCache extends KeyedCache {
  protected readonly order: KeyLists;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    this.order = new KeyLists(options.keySpace);
  }

  abstract touch(key: number): void;

  insert(key: number, size: number): void {
    this.add(key, size);
    this.order.push(0, key);
  }

  victim(): number {
    return this.order.first(0);
  }

  override evict(): number {
    const key = this.order.first(0);
    this.remove(key);
    return key;
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.order.unlink(0, key);
    this.drop(key);
    return true;
  }
}
