/**
 * The oracle's pre-pass: for every request, the index of the next request to the same key. One
 * backward pass, 4 bytes per request (plus 4 per key while it runs), for any trace: text and CSV
 * traces get Belady too, not only libCacheSim's pre-converted oracleGeneral files.
 */

/** "Never requested again" in a next-use array; nextUseAt() turns it into Infinity. */
export const NO_NEXT_USE = 0xffffffff;

/** next[i] = smallest j > i with keys[j] === keys[i], or NO_NEXT_USE. Keys in [0, keySpace). */
export function nextUses(keys: Int32Array, keySpace: number): Uint32Array {
  if (keys.length >= NO_NEXT_USE) throw new RangeError(`nextUses: at most ${NO_NEXT_USE - 1} requests, got ${keys.length}`);
  const next = new Uint32Array(keys.length);
  const seen = new Uint32Array(keySpace).fill(NO_NEXT_USE);
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i];
    next[i] = seen[k];
    seen[k] = i;
  }
  return next;
}

/** The next-use index of request i as a policy wants it: a request index, or Infinity. */
export function nextUseAt(next: Uint32Array, i: number): number {
  const n = next[i];
  return n === NO_NEXT_USE ? Infinity : n;
}
