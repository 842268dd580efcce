/**
 * LRU's exact miss-ratio curve in one pass (Mattson's stack algorithm). A request hits an LRU cache
 * of capacity c iff its stack distance (its own size plus the sizes of the distinct objects requested
 * since its previous request) is <= c. A Fenwick tree over request positions holds each object's size
 * at its latest request, so a distance is one range sum. With unit sizes the tree covers a window of
 * 2 x keySpace positions (compacted when full) and distances go into a histogram: O(n log keySpace),
 * memory O(keySpace). With byte sizes: O(n log n), 16 bytes per request while it runs (tree and
 * distances), plus a sort of the distances.
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

/** How a sampled curve (mrc/shards.ts) was sampled. */
export interface SampleInfo {
  /** 'shards': fixed rate; 'shards-size': fixed sample size. */
  readonly method: 'shards' | 'shards-size';
  /** The sampling rate T / P at the end of the pass (the rate asked for, with a fixed rate). */
  readonly rate: number;
  /** The fixed size's bound on sampled objects. */
  readonly maxObjects?: number;
  /** Requests and distinct objects sampled (with a fixed size: objects ever in the set). */
  readonly sampledRequests: number;
  readonly sampledObjects: number;
  /** Most objects in the sample set at once (the fixed size keeps it <= maxObjects). */
  readonly peakObjects: number;
  /** Whether the SHARDS_adj correction was applied. */
  readonly corrected: boolean;
}

export interface MissCurve {
  readonly requests: number;
  /** Set when the curve is a sampled estimate (mrc/shards.ts), not exact. */
  readonly sample?: SampleInfo;
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
  const { steps, bytes, maxSize, cold, sizeChanges } = sizes ? byteDistances(keys, keySpace, sizes) : unitDistances(keys, keySpace);
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

export interface Pass {
  /** The curve as its steps: distinct finite distances ascending, with cumulative hits and hit bytes. */
  steps: Steps;
  bytes: number;
  maxSize: number;
  cold: number;
  sizeChanges: boolean;
}

/**
 * Unit sizes: a distance is 1 + the number of distinct keys requested since the key's previous
 * request p, that is of positions in (p, t) still holding their key's latest request. Every position
 * in (p, t) either does or is a hole (a request superseded since), so the distance is
 * t - p - (holes in (p, t)), and a reuse costs one count of holes and one new hole at p.
 * Holes are a bitset over a window of positions, counted by a Fenwick tree over its 32-bit words
 * (1/32 of the positions: it stays in the L1 cache) plus a popcount inside the word. The window,
 * 2 x keySpace + 2 positions rounded up to a word, is compacted (latest requests renumbered in order,
 * holes cleared) when full: O(n log keySpace) in all. Distances go straight into a histogram (they
 * are integers <= keySpace).
 */
function unitDistances(keys: Int32Array, keySpace: number): Pass {
  const { count, cold } = unitDistanceCounts(keys, keySpace);
  return { steps: histogramSteps(count), bytes: keys.length, maxSize: 1, cold, sizeChanges: false };
}

/** The unit-size pass itself: count[d] = requests at stack distance d, and the cold misses. */
export function unitDistanceCounts(keys: Int32Array, keySpace: number): { count: Float64Array; cold: number } {
  const words = Math.ceil((2 * keySpace + 2) / 32), window = 32 * words;
  const holes = new Int32Array(words);
  const tree = new Int32Array(words + 1);
  const at = new Int32Array(window);
  const last = new Int32Array(keySpace).fill(-1);
  const count = new Float64Array(keySpace + 1);
  let t = 0, live = 0, totalHoles = 0;
  for (let i = 0; i < keys.length; i++) {
    if (t === window) {
      t = compact(at, last);
      holes.fill(0);
      tree.fill(0);
      totalHoles = 0;
    }
    const k = keys[i], p = last[k];
    if (p < 0) live++;
    else {
      // Holes at positions <= p: whole words before p's, then p's word up to p.
      const w = p >>> 5;
      let before = popcount(holes[w] & (-1 >>> (31 - (p & 31))));
      for (let j = w; j > 0; j -= j & -j) before += tree[j];
      count[t - p - (totalHoles - before)]++;
      holes[w] |= 1 << (p & 31);
      for (let j = w + 1; j <= words; j += j & -j) tree[j]++;
      totalHoles++;
    }
    at[t] = k;
    last[k] = t++;
  }
  return { count, cold: live };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Renumbers the latest requests 0, 1, ... in order; returns the next free position. */
function compact(at: Int32Array, last: Int32Array): number {
  let live = 0;
  for (let pos = 0; pos < at.length; pos++) {
    const k = at[pos];
    if (last[k] === pos) (at[live] = k), (last[k] = live++);
  }
  return live;
}

/** Byte sizes: distances by a Fenwick tree over every request position, then sorted. */
export function byteDistances(keys: Int32Array, keySpace: number, sizes: Uint32Array): Pass {
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
    const k = keys[i], size = sizes[i], p = last[k];
    bytes += size;
    if (size > maxSize) maxSize = size;
    if (p < 0) {
      dist[i] = Infinity;
      cold++;
    } else {
      if (sizes[p] !== size) sizeChanges = true;
      dist[i] = size + prefix(i) - prefix(p + 1);
      add(p, -sizes[p]);
    }
    add(i, size);
    last[k] = i;
  }
  return { steps: sortedSteps(dist, sizes), bytes, maxSize, cold, sizeChanges };
}

export interface Steps {
  /** Distinct finite stack distances, ascending. */
  distance: Float64Array;
  /** Requests with distance <= distance[j]. */
  hits: Float64Array;
  hitBytes: Float64Array;
}

/** Steps from a histogram of unit distances (count[d] requests at distance d; SHARDS: weighted hits at capacity d). */
export function histogramSteps(count: Float64Array): Steps {
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
