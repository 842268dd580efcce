/**
 * LRU's exact miss-ratio curve in one pass (Mattson's stack algorithm). A request hits an LRU cache
 * of capacity c iff its stack distance (its own size plus the sizes of the distinct objects requested
 * since its previous request) is <= c. A Fenwick tree over request positions holds each object's size
 * at its latest request, so a distance is one range sum. The tree covers a window of 2 x keySpace
 * positions, compacted (latest requests renumbered in order) when full, so the pass reads the trace
 * block by block (traces/requests.ts: in memory or spooled) in memory by objects, O(n log keySpace).
 * With unit sizes distances go into a histogram (they are integers <= keySpace); with byte sizes into
 * a table of distinct distances (hits and hit bytes each), sorted at the end: memory by objects plus
 * the curve's own steps, which `<out>.lru-curve.csv` lists anyway.
 *
 * Exact for unit sizes at every capacity. With byte sizes it is exact for capacities >= the largest
 * object (a smaller cache never holds the objects it cannot fit, which the single stack cannot know)
 * and when each object keeps one size (the policies keep the size an object was inserted with); when
 * sizes change, minCapacity is Infinity and there is no exact curve.
 */
import { InputError } from '../errors.js';
import { grown } from '../sim/typed-arrays.js';
import { asRequests, requestsOf, type RequestBlock, type Requests } from '../traces/requests.js';
import type { CacheTrace } from '../traces/cache-trace.js';

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
  return lruCurveOf(requestsOf({ file: 'keys', keys, sizes, keySpace }), sizes !== undefined);
}

/** LRU's exact curve of a trace, in memory or spooled: in objects, or in bytes (the trace must have sizes). */
export function lruCurveOf(trace: CacheTrace | Requests, bytes = false): MissCurve {
  const requests = asRequests(trace);
  if (bytes && !requests.hasSizes) throw new InputError(`${requests.file}: a byte curve needs object sizes, and this trace has none`);
  const pass = bytes ? byteDistancesOf(requests.blocks({ sizes: true }), requests.keySpace) : unitDistancesOf(requests.blocks(), requests.keySpace);
  return curveOf(pass, requests.length, bytes);
}

function curveOf(pass: Pass, n: number, bytes: boolean): MissCurve {
  const { steps, maxSize, cold, sizeChanges } = pass;
  // Policies keep the size an object was inserted with; the stack cannot: with changing sizes no
  // capacity is exact.
  const minCapacity = sizeChanges ? Infinity : bytes ? maxSize : 1;
  const total = pass.bytes;
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
    return lo === 0 ? { capacity, misses: n, missBytes: total } : { capacity, misses: n - steps.hits[lo - 1], missBytes: total - steps.hitBytes[lo - 1] };
  };
  return {
    requests: n,
    bytes: total,
    coldMisses: cold,
    minCapacity,
    at,
    steps() {
      if (minCapacity === Infinity) return [];
      const points = [at(minCapacity)];
      steps.distance.forEach((d, j) => {
        if (d > minCapacity) points.push({ capacity: d, misses: n - steps.hits[j], missBytes: total - steps.hitBytes[j] });
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
function unitDistancesOf(blocks: Iterable<RequestBlock>, keySpace: number): Pass {
  const { count, cold, requests } = unitCountsOf(blocks, keySpace);
  return { steps: histogramSteps(count), bytes: requests, maxSize: 1, cold, sizeChanges: false };
}

/** The unit-size pass over one array of keys (SHARDS' sampled requests): count[d] = requests at stack distance d, and the cold misses. */
export function unitDistanceCounts(keys: Int32Array, keySpace: number): { count: Float64Array; cold: number } {
  return unitCountsOf([{ start: 0, keys }], keySpace);
}

function unitCountsOf(blocks: Iterable<RequestBlock>, keySpace: number): { count: Float64Array; cold: number; requests: number } {
  const words = Math.ceil((2 * keySpace + 2) / 32), window = 32 * words;
  const holes = new Int32Array(words);
  const tree = new Int32Array(words + 1);
  const at = new Int32Array(window);
  const last = new Int32Array(keySpace).fill(-1);
  const count = new Float64Array(keySpace + 1);
  let t = 0, live = 0, totalHoles = 0, requests = 0;
  for (const { keys } of blocks) {
    requests += keys.length;
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
  }
  return { count, cold: live, requests };
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

/** Byte sizes over one array of keys (SHARDS' sampled requests). */
export function byteDistances(keys: Int32Array, keySpace: number, sizes: Uint32Array): Pass {
  return byteDistancesOf([{ start: 0, keys, sizes }], keySpace);
}

/**
 * Byte sizes: a Fenwick tree over a window of 2 x keySpace + 2 positions holds each object's size at
 * its latest request (0 elsewhere); the distance of a reuse is its size plus the sum over (p, t). When
 * the window is full the latest requests are renumbered in order and the tree rebuilt in linear time.
 * Sums are of integers below 2^53, so exact whatever the order. Distances are tallied per distinct value.
 */
function byteDistancesOf(blocks: Iterable<RequestBlock>, keySpace: number): Pass {
  const window = 2 * keySpace + 2;
  const tree = new Float64Array(window + 1);
  const at = new Int32Array(window);
  const last = new Int32Array(keySpace).fill(-1);
  const lastSize = new Float64Array(keySpace);
  const tally = new DistanceTally();
  let t = 0, bytes = 0, maxSize = 1, cold = 0, sizeChanges = false;
  // Fenwick tree, 1-based: prefix(i) sums positions 0..i-1.
  const add = (pos: number, v: number) => {
    for (let i = pos + 1; i <= window; i += i & -i) tree[i] += v;
  };
  const prefix = (end: number) => {
    let s = 0;
    for (let i = end; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  for (const block of blocks) {
    const { keys } = block, sizes = block.sizes!;
    for (let i = 0; i < keys.length; i++) {
      if (t === window) {
        t = compact(at, last);
        rebuild(tree, at, t, lastSize);
      }
      const k = keys[i], size = sizes[i], p = last[k];
      bytes += size;
      if (size > maxSize) maxSize = size;
      if (p < 0) cold++;
      else {
        if (lastSize[k] !== size) sizeChanges = true;
        tally.add(size + prefix(t) - prefix(p + 1), size);
        add(p, -lastSize[k]);
      }
      add(t, size);
      at[t] = k;
      last[k] = t++;
      lastSize[k] = size;
    }
  }
  return { steps: tally.steps(), bytes, maxSize, cold, sizeChanges };
}

/** The tree over positions [0, live) after compact(): each holds its key's latest size; built in linear time. */
function rebuild(tree: Float64Array, at: Int32Array, live: number, lastSize: Float64Array): void {
  tree.fill(0);
  for (let pos = 0; pos < live; pos++) tree[pos + 1] = lastSize[at[pos]];
  for (let i = 1; i < tree.length; i++) {
    const j = i + (i & -i);
    if (j < tree.length) tree[j] += tree[i];
  }
}

/** Requests and their bytes per distinct stack distance. */
class DistanceTally {
  private readonly index = new Map<number, number>();
  private hits = new Float64Array(1024);
  private hitBytes = new Float64Array(1024);
  private distance = new Float64Array(1024);

  add(d: number, size: number): void {
    let j = this.index.get(d);
    if (j === undefined) {
      j = this.index.size;
      if (j === this.distance.length) {
        this.distance = grown(this.distance, 2 * j);
        this.hits = grown(this.hits, 2 * j);
        this.hitBytes = grown(this.hitBytes, 2 * j);
      }
      this.index.set(d, j);
      this.distance[j] = d;
    }
    this.hits[j]++;
    this.hitBytes[j] += size;
  }

  /** Distinct distances ascending, with cumulative hits and hit bytes. */
  steps(): Steps {
    const m = this.index.size;
    const order = Uint32Array.from({ length: m }, (_, j) => j).sort((a, b) => this.distance[a] - this.distance[b]);
    const distance = new Float64Array(m), hits = new Float64Array(m), hitBytes = new Float64Array(m);
    let total = 0, totalBytes = 0;
    order.forEach((j, r) => {
      distance[r] = this.distance[j];
      hits[r] = total += this.hits[j];
      hitBytes[r] = totalBytes += this.hitBytes[j];
    });
    return { distance, hits, hitBytes };
  }
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
