/**
 * LRU's exact miss-ratio curve in one pass (Mattson's stack algorithm). A request hits an LRU cache
 * of capacity c iff its stack distance (its own size plus the sizes of the distinct objects requested
 * since its previous request) is <= c. A Fenwick tree over request positions holds each object's size
 * at its latest request, so a distance is one range sum: O(log n) per request, 8 bytes per request.
 *
 * Exact for unit sizes at every capacity. With byte sizes it is exact for capacities >= the largest
 * object (a smaller cache never holds the objects it cannot fit, which the single stack cannot know)
 * and when each object keeps one size (the policies keep the size an object was inserted with).
 */
import { InputError } from '../errors.js';

export interface CurvePoint {
  capacity: number;
  misses: number;
  missBytes: number;
}

export interface MissCurve {
  readonly requests: number;
  /** Bytes requested (= requests with unit sizes). */
  readonly bytes: number;
  /** Requests for objects never requested before: misses at any capacity. */
  readonly coldMisses: number;
  /** Smallest capacity at which the curve is exact: 1 with unit sizes, else the largest object. */
  readonly minCapacity: number;
  /** Misses and missed bytes of LRU at this capacity. */
  at(capacity: number): CurvePoint;
  /** Every capacity >= minCapacity where the curve steps down (plus minCapacity), ascending. */
  steps(): CurvePoint[];
}

export function lruMissCurve(keys: Int32Array, keySpace: number, sizes?: Uint32Array): MissCurve {
  const n = keys.length;
  const tree = new Float64Array(n + 1);
  const last = new Int32Array(keySpace).fill(-1);
  const dist = new Float64Array(n);
  let bytes = 0, maxSize = 1, cold = 0;
  // Fenwick tree, 1-based: prefix(i) sums positions 0..i-1.
  const add = (pos: number, v: number) => {
    for (let i = pos + 1; i <= n; i += i & -i) tree[i] += v;
  };
  const prefix = (end: number) => {
    let s = 0;
    for (let i = end; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  for (let i = 0; i < n; i++) {
    const k = keys[i], size = sizes ? sizes[i] : 1, p = last[k];
    bytes += size;
    if (size > maxSize) maxSize = size;
    if (p < 0) {
      dist[i] = Infinity;
      cold++;
    } else {
      dist[i] = size + prefix(i) - prefix(p + 1);
      add(p, -(sizes ? sizes[p] : 1));
    }
    add(i, size);
    last[k] = i;
  }
  // Requests in increasing distance, with cumulative hits and hit bytes.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[a] - dist[b]);
  const sorted = new Float64Array(n), hitBytes = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    sorted[j] = dist[order[j]];
    hitBytes[j + 1] = hitBytes[j] + (sizes ? sizes[order[j]] : 1);
  }
  const minCapacity = sizes ? maxSize : 1;
  const at = (capacity: number): CurvePoint => {
    if (!(capacity >= minCapacity)) {
      throw new InputError(`LRU stack distances: capacity ${capacity} is below ${minCapacity}, the smallest at which the curve is exact`);
    }
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= capacity) lo = mid + 1;
      else hi = mid;
    }
    return { capacity, misses: n - lo, missBytes: bytes - hitBytes[lo] };
  };
  return {
    requests: n,
    bytes,
    coldMisses: cold,
    minCapacity,
    at,
    steps() {
      const points = [at(minCapacity)];
      for (let j = 0; j < n && sorted[j] !== Infinity; j++) {
        const d = sorted[j];
        if (d > minCapacity && (j + 1 === n || sorted[j + 1] !== d)) points.push({ capacity: d, misses: n - j - 1, missBytes: bytes - hitBytes[j + 1] });
      }
      return points;
    },
  };
}
