/**
 * Several queues over dense keys that know which queue each key is in and the total size of each:
 * the structure under ARC, S3-FIFO and 2Q (cached queues and ghost queues alike). A ghost queue holds
 * keys of evicted objects with the size they had. All operations are O(1) but `pushBounded`, which
 * drops the oldest keys to make room (amortized O(1)).
 */
import { KeyLists } from './key-lists.js';

export const NO_LIST = -1;

export class SizedLists {
  private readonly lists: KeyLists;
  private readonly listOf: Int8Array;
  /** Total size of each queue, in the capacity's unit. */
  readonly size: Float64Array;

  /** sizeOf: each key's size, read when it joins or leaves a queue (it must not change meanwhile). */
  constructor(keySpace: number, queues: number, private readonly sizeOf: Uint32Array) {
    this.lists = new KeyLists(keySpace, queues);
    this.listOf = new Int8Array(keySpace).fill(NO_LIST);
    this.size = new Float64Array(queues);
  }

  /** The queue key is in, or NO_LIST. */
  of(key: number): number {
    return this.listOf[key];
  }

  /** Oldest key of list, or -1. */
  first(list: number): number {
    return this.lists.first(list);
  }

  /** The next newer key in its queue, or -1. */
  after(key: number): number {
    return this.lists.after(key);
  }

  isEmpty(list: number): boolean {
    return this.lists.isEmpty(list);
  }

  /** Appends key at list's newest end. Precondition: key is in no queue. */
  push(list: number, key: number): void {
    this.lists.push(list, key);
    this.listOf[key] = list;
    this.size[list] += this.sizeOf[key];
  }

  /** Takes key out of its queue. Precondition: key is in one. */
  leave(key: number): void {
    const list = this.listOf[key];
    this.lists.unlink(list, key);
    this.size[list] -= this.sizeOf[key];
    this.listOf[key] = NO_LIST;
  }

  /** Moves key to list's newest end (its own queue or another). */
  move(key: number, list: number): void {
    this.leave(key);
    this.push(list, key);
  }

  /** Appends key to a FIFO of bounded total size, dropping its oldest keys to fit; too large: not kept. */
  pushBounded(list: number, key: number, bound: number): void {
    const size = this.sizeOf[key];
    if (size > bound) return;
    while (this.size[list] + size > bound) this.leave(this.lists.first(list));
    this.push(list, key);
  }
}
