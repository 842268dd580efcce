/**
 * S3-FIFO (Yang et al., SOSP 2023): a small FIFO (10% of the capacity) that new objects enter, a main
 * FIFO with reinsertion (the rest), and a ghost FIFO of keys recently evicted from the small queue
 * (90% of the capacity, in the capacity's unit). A hit adds 1 to the object's count. Evicting from
 * the small queue: its oldest object moves to main (count reset to 0) if it was hit at least twice
 * there, else it is evicted and its key enters the ghost. Evicting from main: the oldest object is
 * reinserted with count min(count, 3) - 1 while its count is >= 1, else evicted. Main is evicted from
 * when it is over its share or the small queue is empty. A missed object whose key is in the ghost
 * goes straight to main.
 *
 * Sizes and rules as libCacheSim's S3FIFO.c (fifo-size-ratio=0.1, ghost-size-ratio=0.9,
 * move-to-main-threshold=2; shares truncated to integers; objects larger than the small queue are
 * not admitted). Two differences, both at small capacities: the small queue has at least one slot
 * (libCacheSim's is 0 below 10 slots, so nothing is ever cached), and an object that exactly fills
 * the small queue is admitted (libCacheSim refuses it, so at 10-19 slots with unit sizes it caches
 * nothing). With unit sizes the two agree from 20 slots up. Cost: O(1) amortized per request;
 * victim() works out the outcome of the reinsertions without doing them.
 */
import type { CachePolicy, PolicyOptions } from './policy.js';
import { QueuesCache } from './queues-cache.js';

const SMALL = 0, MAIN = 1, GHOST = 2, NONE = -1;
const SMALL_RATIO = 0.1, GHOST_RATIO = 0.9, MOVE_TO_MAIN = 2;

class S3Fifo extends QueuesCache implements CachePolicy {
  private readonly freq: Uint32Array;
  private readonly smallCapacity: number;
  private readonly mainCapacity: number;
  private readonly ghostCapacity: number;
  /** The request being served hit the ghost. Cleared by insert(). */
  private ghostHit = false;

  constructor(options: PolicyOptions) {
    super('s3fifo', options, 3);
    this.freq = new Uint32Array(options.keySpace);
    this.smallCapacity = Math.max(1, Math.trunc(this.capacity * SMALL_RATIO));
    this.mainCapacity = this.capacity - this.smallCapacity;
    this.ghostCapacity = Math.trunc(this.capacity * GHOST_RATIO);
  }

  touch(key: number): void {
    this.freq[key]++;
  }

  admit(key: number, size: number): boolean {
    this.ghostHit = this.takeGhost(key, GHOST);
    return size <= this.smallCapacity;
  }

  insert(key: number, size: number): void {
    this.add(key, size);
    this.lists.push(this.ghostHit ? MAIN : SMALL, key);
    this.freq[key] = 0;
    this.ghostHit = false;
  }

  victim(): number {
    if (this.count === 0) return -1;
    if (this.fromMain()) return this.mainVictim(NONE);
    for (let k = this.lists.first(SMALL); k !== -1; k = this.lists.after(k)) if (this.freq[k] < MOVE_TO_MAIN) return k;
    // Every small object would move to main with count 0, behind the main objects.
    return this.mainVictim(this.lists.first(SMALL));
  }

  override evict(): number {
    if (!this.fromMain()) {
      for (let k = this.lists.first(SMALL); k !== -1; k = this.lists.first(SMALL)) {
        if (this.freq[k] >= MOVE_TO_MAIN) {
          this.lists.move(k, MAIN);
          this.freq[k] = 0;
          continue;
        }
        this.remove(k);
        this.lists.pushBounded(GHOST, k, this.ghostCapacity);
        return k;
      }
    }
    for (;;) {
      const k = this.lists.first(MAIN), f = this.freq[k];
      if (f === 0) {
        this.remove(k);
        return k;
      }
      this.lists.move(k, MAIN);
      this.freq[k] = Math.min(f, 3) - 1;
    }
  }

  private fromMain(): boolean {
    return this.lists.size[MAIN] > this.mainCapacity || this.lists.isEmpty(SMALL);
  }

  /**
   * Whom main's reinsertion loop evicts: an object with count f is reinserted min(f, 3) times first,
   * so the first object with the fewest reinsertions goes; `appended`, if not NONE, heads a run of
   * count-0 objects behind main's.
   */
  private mainVictim(appended: number): number {
    let best = NONE, bestTurns = 4;
    for (let k = this.lists.first(MAIN); k !== -1 && bestTurns > 0; k = this.lists.after(k)) {
      const turns = Math.min(this.freq[k], 3);
      if (turns < bestTurns) (best = k), (bestTurns = turns);
    }
    return bestTurns > 0 && appended !== NONE ? appended : best;
  }
}

export function s3fifo(options: PolicyOptions): CachePolicy {
  return new S3Fifo(options);
}
