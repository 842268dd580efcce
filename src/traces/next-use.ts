/**
 * The oracle's pre-pass: for every request, the index of the next request to the same key. One
 * backward pass, 4 bytes per request (plus 4 per key while it runs), for any trace: text and CSV
 * traces get Belady too, not only libCacheSim's pre-converted oracleGeneral files. A spooled trace
 * (traces/spool.ts) runs the same pass over its blocks from last to first, so memory stays by keys.
 */

/** "Never requested again" in a next-use array; nextUseAt() turns it into Infinity. */
export const NO_NEXT_USE = 0xffffffff;

/** The backward pass, fed blocks of consecutive requests from the last block to the first. */
export class NextUseScan {
  /** The earliest request of each key seen so far (that is, after the current one). */
  private readonly seen: Uint32Array;

  constructor(keySpace: number, requests: number) {
    if (requests >= NO_NEXT_USE) throw new RangeError(`nextUses: at most ${NO_NEXT_USE - 1} requests, got ${requests}`);
    this.seen = new Uint32Array(keySpace).fill(NO_NEXT_USE);
  }

  /** next[i] = next use of keys[i], the block's requests being start, start + 1, ... of the trace. */
  block(keys: Int32Array, start: number, next: Uint32Array): void {
    const seen = this.seen;
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      next[i] = seen[k];
      seen[k] = start + i;
    }
  }
}

/** next[i] = smallest j > i with keys[j] === keys[i], or NO_NEXT_USE. Keys in [0, keySpace). */
export function nextUses(keys: Int32Array, keySpace: number): Uint32Array {
  const next = new Uint32Array(keys.length);
  new NextUseScan(keySpace, keys.length).block(keys, 0, next);
  return next;
}

/** The next-use index of request i as a policy wants it: a request index, or Infinity. */
export function nextUseAt(next: Uint32Array, i: number): number {
  const n = next[i];
  return n === NO_NEXT_USE ? Infinity : n;
}
