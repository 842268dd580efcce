/**
 * Intrusive doubly linked lists over dense keys: one prev/next pair per key shared by any number of
 * lists (a key is in at most one list at a time), heads and tails per list id. LRU and FIFO use one
 * list; LFU one per frequency; ARC, S3-FIFO and 2Q one per queue, ghosts included. All operations are O(1); -1 is the null link.
 */
export class KeyLists {
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head: Int32Array;
  private tail: Int32Array;

  constructor(keySpace: number, lists = 1) {
    this.prev = new Int32Array(keySpace);
    this.next = new Int32Array(keySpace);
    this.head = new Int32Array(lists).fill(-1);
    this.tail = new Int32Array(lists).fill(-1);
  }

  /** First (oldest) key of list, or -1 when it is empty. */
  first(list: number): number {
    return list < this.head.length ? this.head[list] : -1;
  }

  /** Last (newest) key of list, or -1 when it is empty. */
  last(list: number): number {
    return list < this.tail.length ? this.tail[list] : -1;
  }

  /** The key after key (one step newer) in its list, or -1 at the newest end. */
  after(key: number): number {
    return this.next[key];
  }

  isEmpty(list: number): boolean {
    return this.first(list) === -1;
  }

  /** Appends key at the tail (newest end). Precondition: key is in no list. */
  push(list: number, key: number): void {
    if (list >= this.head.length) this.grow(list);
    const t = this.tail[list];
    this.prev[key] = t;
    this.next[key] = -1;
    if (t === -1) this.head[list] = key;
    else this.next[t] = key;
    this.tail[list] = key;
  }

  /** Removes key from list. Precondition: key is in list. */
  unlink(list: number, key: number): void {
    const p = this.prev[key], n = this.next[key];
    if (p === -1) this.head[list] = n;
    else this.next[p] = n;
    if (n === -1) this.tail[list] = p;
    else this.prev[n] = p;
  }

  /** Moves key to the tail of its list. Precondition: key is in list. */
  moveToTail(list: number, key: number): void {
    if (this.tail[list] === key) return;
    this.unlink(list, key);
    this.push(list, key);
  }

  private grow(list: number): void {
    let n = this.head.length * 2;
    while (n <= list) n *= 2;
    const head = new Int32Array(n).fill(-1), tail = new Int32Array(n).fill(-1);
    head.set(this.head);
    tail.set(this.tail);
    this.head = head;
    this.tail = tail;
  }
}
