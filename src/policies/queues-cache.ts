/**
 * A cache ordered by several sized queues (sized-lists.ts), some of them ghosts: ARC, S3-FIFO and 2Q
 * extend it and add their rules. remove() takes a cached object out of whichever queue holds it;
 * ghost keys stay.
 */
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';
import { SizedLists } from './sized-lists.js';

export abstract class QueuesCache extends KeyedCache {
  protected readonly lists: SizedLists;

  constructor(policy: string, options: PolicyOptions, queues: number) {
    super(policy, options);
    this.lists = new SizedLists(options.keySpace, queues, this.sizeOf);
  }

  /** Whether `key` is a ghost in queue `ghost`, taking it out if so: a miss the cache remembers. */
  protected takeGhost(key: number, ghost: number): boolean {
    if (this.lists.of(key) !== ghost) return false;
    this.lists.leave(key);
    return true;
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.lists.leave(key);
    this.drop(key);
    return true;
  }
}
