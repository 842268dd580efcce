/**
 * LRU's exact miss-ratio curve in one pass (Mattson's stack algorithm). A request hits an LRU cache
 * of capacity c iff its stack distance (its own size plus the sizes of the distinct objects requested
 * since its previous request) is <= c. A Fenwick tree over request positions holds each object's size
 * at its latest request, so a distance is one range sum: O(n log n) in all, 16 bytes per request
 * while it runs (tree and distances), plus a sort of the distances with byte sizes.
 *
 * Exact for unit sizes at every capacity. With byte sizes it is exact for capacities >= the largest
 * object (a smaller cache never holds the objects it cannot fit, which the single stack cannot know)
 * and when each object keeps one size (the policies keep the size an object was inserted with); when
 * sizes change, minCapacity is Infinity and there is no exact curve.
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
  let bytes = 0, maxSize = 1, cold = 0, sizeChanges = false;
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
      if (sizes && sizes[p] !== size) sizeChanges = true;
      dist[i] = size + prefix(i) - prefix(p + 1);
      add(p, -(sizes ? sizes[p] : 1));
    }
    add(i, size);
    last[k] = i;
  }
  // The curve as its steps: distinct finite distances ascending, with cumulative hits and hit bytes.
  // Unit distances are small integers (<= keySpace) and go through a histogram; byte distances are
  // sorted.
  const steps = sizes ? sortedSteps(dist, sizes) : histogramSteps(dist, keySpace);
  // Policies keep the size an object was inserted with; the stack cannot: with changing sizes no
  // capacity is exact.
  const minCapacity = sizeChanges ? Infinity : sizes ? maxSize : 1;
  const at = (capacity: number): CurvePoint => {
    if (!(capacity >= minCapacity)) {
      throw new InputError(`LRU stack distances: capacity ${capacity} is below ${minCapacity}, the smallest at which the curve is exact`);
    }
    // Last step at or below capacity.
    let lo = 0, hi = steps.distance.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (steps.distance[mid] <= capacity) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? { capacity, misses: n, missBytes: bytes } : { capacity, misses: n - steps.hits[lo - 1], missBytes: bytes - steps.hitBytes[lo - 1] };
  };
  return {
    requests: n,
    bytes,
    coldMisses: cold,
    minCapacity,
    at,
    steps() {
      if (minCapacity === Infinity) return [];
      const points = [at(minCapacity)];
      steps.distance.forEach((d, j) => {
        if (d > minCapacity) points.push({ capacity: d, misses: n - steps.hits[j], missBytes: bytes - steps.hitBytes[j] });
      });
      return points;
    },
  };
}

interface Steps {
  /** Distinct finite stack distances, ascending. */
  distance: Float64Array;
  /** Requests with distance <= distance[j]. */
  hits: Float64Array;
  hitBytes: Float64Array;
}

function histogramSteps(dist: Float64Array, keySpace: number): Steps {
  const count = new Float64Array(keySpace + 1);
  for (const d of dist) if (d !== Infinity) count[d]++;
  const distance: number[] = [], hits: number[] = [];
  let total = 0;
  count.forEach((c, d) => {
    if (c === 0) return;
    total += c;
    distance.push(d);
    hits.push(total);
  });
  return { distance: Float64Array.from(distance), hits: Float64Array.from(hits), hitBytes: Float64Array.from(hits) };
}

function sortedSteps(dist: Float64Array, sizes: Uint32Array): Steps {
  const order = Uint32Array.from({ length: dist.length }, (_, i) => i).sort((a, b) => dist[a] - dist[b]);
  const distance: number[] = [], hits: number[] = [], hitBytes: number[] = [];
  let total = 0, totalBytes = 0;
  for (let j = 0; j < order.length && dist[order[j]] !== Infinity; j++) {
    const d = dist[order[j]];
    total++;
    totalBytes += sizes[order[j]];
    if (j + 1 === order.length || dist[order[j + 1]] !== d) {
      distance.push(d);
      hits.push(total);
      hitBytes.push(totalBytes);
    }
  }
  return { distance: Float64Array.from(distance), hits: Float64Array.from(hits), hitBytes: Float64Array.from(hitBytes) };
}
