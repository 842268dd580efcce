/**
 * ARC (Megiddo and Modha, FAST 2003): two LRU lists of cached objects, T1 (seen once recently) and
 * T2 (seen at least twice), each with a ghost list of recently evicted keys (B1, B2), and a target
 * size p for T1 that a hit in B1 raises and a hit in B2 lowers. A hit in T1 or T2 moves the object to
 * T2's most recent end; a miss that hits a ghost enters T2, any other miss enters T1.
 *
 * Rules as in libCacheSim's ARC.c, with sizes in the unit of the capacity: p moves by
 * max(|B2|/|B1|, 1) (capped at the capacity) on a B1 hit and by max(|B1|/|B2|, 1) (floored at 0) on
 * a B2 hit. REPLACE evicts T1's least recent object into B1 when T1 is non-empty and larger than p
 * (or equal to p on a B2 hit), or when T2 is empty; else T2's least recent into B2. On a miss in
 * every list: when |T1| + |B1| + the incoming size exceeds the capacity, B1's oldest key is dropped
 * and REPLACE runs, or with B1 empty T1's least recent object is evicted without a ghost; otherwise,
 * when all four lists reach twice the capacity B2's oldest key is dropped, then REPLACE.
 *
 * The ghost check happens in admit() (always true), the hook every miss passes through before
 * evicting. A victim()/evict() outside a request acts as a miss in every list of size 0. remove()
 * removes cached objects only; ghosts stay. Cost: O(1) per request.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueuesCache } from './queues-cache.js';
import { NO_LIST } from './sized-lists.js';

const T1 = 0, T2 = 1, B1 = 2, B2 = 3;

class Arc extends QueuesCache implements CachePolicy {
  private p = 0;
  /** The request being served hit a ghost (B1 or B2), or NO_LIST; its size. Cleared by insert(). */
  private ghostHit = NO_LIST;
  private incoming = 0;

  constructor(options: PolicyOptions) {
    super('arc', options, 4);
  }

  touch(key: number): void {
    this.lists.move(key, T2);
  }

  admit(key: number, size: number): boolean {
    const list = this.lists.of(key);
    this.incoming = size;
    this.ghostHit = list === B1 || list === B2 ? list : NO_LIST;
    if (list === B1) this.p = Math.min(this.p + Math.max(this.lists.size[B2] / this.lists.size[B1], 1), this.capacity);
    if (list === B2) this.p = Math.max(this.p - Math.max(this.lists.size[B1] / this.lists.size[B2], 1), 0);
    if (this.ghostHit !== NO_LIST) this.lists.leave(key);
    return true;
  }

  insert(key: number, size: number): void {
    this.add(key, size);
    this.lists.push(this.ghostHit === NO_LIST ? T1 : T2, key);
    this.ghostHit = NO_LIST;
    this.incoming = 0;
  }

  victim(): number {
    if (this.count === 0) return -1;
    if (this.ghostHit === NO_LIST && this.l1Full() && this.lists.size[B1] === 0) return this.lists.first(T1);
    return this.lists.first(this.replaceFrom());
  }

  override evict(): number {
    if (this.ghostHit === NO_LIST) {
      if (this.l1Full()) {
        if (this.lists.size[B1] === 0) {
          const key = this.lists.first(T1);
          this.remove(key);
          return key;
        }
        this.lists.leave(this.lists.first(B1));
      } else if (this.lists.size[T1] + this.lists.size[B1] + this.lists.size[T2] + this.lists.size[B2] >= 2 * this.capacity && this.lists.size[B2] > 0) {
        this.lists.leave(this.lists.first(B2));
      }
    }
    const from = this.replaceFrom();
    const key = this.lists.first(from);
    this.drop(key);
    this.lists.move(key, from === T1 ? B1 : B2);
    return key;
  }

  /** Case IV's test: T1 and B1 with the incoming object exceed the capacity. */
  private l1Full(): boolean {
    return this.lists.size[T1] + this.lists.size[B1] + this.incoming > this.capacity;
  }

  /** REPLACE's choice: T1 or T2. */
  private replaceFrom(): number {
    const t1 = this.lists.size[T1];
    const fromT1 = (t1 > 0 && (t1 > this.p || (t1 === this.p && this.ghostHit === B2))) || this.lists.size[T2] === 0;
    return fromT1 ? T1 : T2;
  }
}

export function arc(options: PolicyOptions): CachePolicy {
  return new Arc(options);
}
