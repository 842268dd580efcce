/**
 * The bare way to replay LRU with unit sizes: one function, no interface, no access() loop; a
 * circular doubly linked list through a sentinel slot (index keySpace), most recent after it.
 * The baseline for mrc-lru-loop: the ratio is what the CachePolicy interface costs.
 */
export function bareLru(keys: Int32Array, keySpace: number, capacity: number): number {
  const prev = new Int32Array(keySpace + 1), next = new Int32Array(keySpace + 1), cached = new Uint8Array(keySpace);
  const s = keySpace;
  prev[s] = next[s] = s;
  let count = 0, misses = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (cached[k]) {
      next[prev[k]] = next[k];
      prev[next[k]] = prev[k];
    } else {
      misses++;
      if (count === capacity) {
        const lru = prev[s];
        next[prev[lru]] = s;
        prev[s] = prev[lru];
        cached[lru] = 0;
      } else count++;
      cached[k] = 1;
    }
    next[k] = next[s];
    prev[k] = s;
    prev[next[s]] = k;
    next[s] = k;
  }
  return misses;
}
