/**
 * The structure behind Belady's MIN: cached keys in a max-heap on their next request index
 * (Infinity = never requested again), so the object re-used farthest ahead is at the root.
 * Ties are possible only between objects never requested again; the smaller key goes first, so runs
 * are deterministic. The future comes in with each call (touch/insert's nextUse), never by
 * scanning the trace (see traces/next-use.ts).
 */
import { KeyHeap } from './key-heap.js';
import { KeyedCache } from './keyed.js';
import type { PolicyOptions } from './policy.js';

export class OracleCache extends KeyedCache {
  protected readonly nextOf: Float64Array;
  private readonly heap: KeyHeap;

  constructor(policy: string, options: PolicyOptions) {
    super(policy, options);
    const nextOf = (this.nextOf = new Float64Array(options.keySpace));
    // Re-used later goes first; equally never re-used: the smaller key.
    this.heap = new KeyHeap(options.keySpace, (a, b) => nextOf[a] > nextOf[b] || (nextOf[a] === nextOf[b] && a < b));
  }

  touch(key: number, nextUse: number): void {
    this.nextOf[key] = nextUse;
    this.heap.reorder(key);
  }

  insert(key: number, size: number, nextUse: number): void {
    this.add(key, size);
    this.nextOf[key] = nextUse;
    this.heap.push(key);
  }

  victim(): number {
    return this.heap.top();
  }

  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.drop(key);
    this.heap.delete(key);
    return true;
  }
}
