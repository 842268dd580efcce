/**
 * The oracle's view of a request stream: for any key and position, the position of the key's next
 * request. Positions of each key are kept sorted (4 bytes a request), and a lookup is a binary search,
 * so callers may ask out of order (a partition push lands after later frames have arrived).
 */
export class FutureIndex {
  private readonly starts: Int32Array;
  private readonly positions: Int32Array;

  constructor(keys: Int32Array, keySpace: number) {
    const counts = new Int32Array(keySpace + 1);
    for (const k of keys) counts[k + 1]++;
    for (let k = 0; k < keySpace; k++) counts[k + 1] += counts[k];
    this.starts = counts.slice();
    this.positions = new Int32Array(keys.length);
    const fill = counts.slice();
    keys.forEach((k, i) => (this.positions[fill[k]++] = i));
  }

  /** Smallest position > `after` requesting `key`, or Infinity. */
  nextUse(key: number, after: number): number {
    let lo = this.starts[key], hi = this.starts[key + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid] > after) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.starts[key + 1] ? this.positions[lo] : Infinity;
  }
}
