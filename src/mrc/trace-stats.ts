/**
 * What a researcher checks first about a cache trace: its size, how many objects are requested only
 * once (misses at any cache size), how skewed popularity is (a Zipf exponent fitted by least squares
 * on log frequency vs log rank, over all objects), how soon objects come back (reuse time: requests
 * between consecutive requests of one object), and how large an LRU cache must be for a share of the
 * hits an infinite cache would get (from the exact stack-distance curve).
 */
import { linearRegression } from 'simple-statistics';
import type { CacheTrace } from '../traces/cache-trace.js';
import { asRequests, type RequestBlock, type Requests } from '../traces/requests.js';
import { lruCurveOf } from './stack-distance.js';

export interface TraceStats {
  requests: number;
  objects: number;
  /** Objects requested exactly once. */
  oneHitWonders: number;
  /** objects / requests: the miss ratio of an infinite cache. */
  compulsoryMissRatio: number;
  /** Share of requests to the most requested 1% and 10% of objects. */
  top1PercentShare: number;
  top10PercentShare: number;
  /** Zipf exponent alpha of frequency ~ rank^-alpha (least squares, log-log); NaN with < 2 objects. */
  zipfAlpha: number;
  /** Reuse time (requests since the object's previous request) at the 50th and 90th percentile. */
  reuseTimeP50: number;
  reuseTimeP90: number;
  /** Smallest LRU cache (objects) getting 50% and 90% of the hits an infinite cache gets. */
  lruSizeFor50PercentHits: number;
  lruSizeFor90PercentHits: number;
  /** Sum of request sizes and of distinct objects' sizes (bytes), when the trace has sizes. */
  bytes?: number;
  workingSetBytes?: number;
}

/**
 * One pass over the trace (in memory or spooled, block by block) for the counts, a coarse histogram
 * of reuse times and the sizes, a second for the exact reuse-time percentiles (only the values in the
 * two histogram buckets that hold them are counted one by one), and the LRU stack pass: memory by
 * objects plus fixed buffers, whatever the trace's length.
 */
export function traceStats(trace: CacheTrace | Requests): TraceStats {
  const requests = asRequests(trace);
  const { keySpace: objects, length: n } = requests;
  const freq = new Float64Array(objects);
  const reuse = new ReuseTimes(n, objects);
  const seen = requests.hasSizes ? new Uint8Array(objects) : undefined;
  let bytes = 0, ws = 0;
  for (const { start, keys, sizes } of requests.blocks({ sizes: true })) {
    for (let i = 0; i < keys.length; i++) freq[keys[i]]++;
    reuse.count(keys, start);
    if (sizes && seen) {
      for (let i = 0; i < keys.length; i++) {
        bytes += sizes[i];
        if (!seen[keys[i]]) (seen[keys[i]] = 1), (ws += sizes[i]);
      }
    }
  }
  const byRank = Float64Array.from(freq).sort().reverse();
  const share = (fraction: number) => byRank.subarray(0, Math.max(1, Math.round(fraction * objects))).reduce((a, b) => a + b, 0) / n;
  const [reuseTimeP50, reuseTimeP90] = reuse.percentiles([0.5, 0.9], () => requests.blocks());
  const curve = lruCurveOf(requests);
  const reachable = n - curve.coldMisses;
  const sizeFor = (share: number) => {
    if (reachable === 0) return NaN;
    const steps = curve.steps();
    return steps.find((s) => n - s.misses >= share * reachable)?.capacity ?? objects;
  };
  const stats: TraceStats = {
    requests: n,
    objects,
    oneHitWonders: freq.reduce((a, f) => a + (f === 1 ? 1 : 0), 0),
    compulsoryMissRatio: objects / n,
    top1PercentShare: share(0.01),
    top10PercentShare: share(0.1),
    zipfAlpha: objects < 2 ? NaN : -linearRegression(Array.from(byRank, (f, r) => [Math.log(r + 1), Math.log(f)])).m,
    reuseTimeP50,
    reuseTimeP90,
    lruSizeFor50PercentHits: sizeFor(0.5),
    lruSizeFor90PercentHits: sizeFor(0.9),
  };
  if (seen) {
    stats.bytes = bytes;
    stats.workingSetBytes = ws;
  }
  return stats;
}

/** Coarse buckets of reuse times: 8 bytes each, whatever the trace's length. */
const BUCKETS = 1 << 16;

/**
 * Exact percentiles of reuse times (1 to n - 1) without keeping one per request: a histogram of
 * BUCKETS buckets of `width` consecutive values finds the bucket holding each wanted rank, then a
 * second pass counts the values inside those buckets one by one. The rank of percentile p among r
 * reuses is min(r - 1, ceil(p r) - 1), 0-based, as a sorted array of them would give.
 */
class ReuseTimes {
  private readonly width: number;
  private readonly histogram = new Float64Array(BUCKETS);
  private readonly last: Float64Array;
  private reuses = 0;

  constructor(requests: number, objects: number) {
    this.width = Math.max(1, Math.ceil(requests / BUCKETS));
    this.last = new Float64Array(objects).fill(-1);
  }

  /** First pass, block by block. */
  count(keys: Int32Array, start: number): void {
    this.each(keys, start, (r) => {
      this.histogram[Math.floor(r / this.width)]++;
      this.reuses++;
    });
  }

  /** The reuse time at each share p; NaN without reuses. `blocks` reads the trace again for the second pass. */
  percentiles(shares: readonly number[], blocks: () => Iterable<RequestBlock>): number[] {
    const r = this.reuses;
    if (r === 0) return shares.map(() => NaN);
    const ranks = shares.map((p) => Math.min(r - 1, Math.ceil(p * r) - 1));
    // The bucket of each rank and the reuses before it.
    const where = ranks.map((rank) => {
      let below = 0, b = 0;
      while (below + this.histogram[b] <= rank) below += this.histogram[b++];
      return { bucket: b, below, counts: new Float64Array(this.width) };
    });
    this.last.fill(-1);
    const byBucket = new Map(where.map((w) => [w.bucket, w.counts]));
    for (const { keys, start } of blocks()) {
      this.each(keys, start, (t) => {
        const counts = byBucket.get(Math.floor(t / this.width));
        if (counts) counts[t % this.width]++;
      });
    }
    return where.map(({ bucket, below, counts }, i) => {
      let seen = below, v = 0;
      while (seen + counts[v] <= ranks[i]) seen += counts[v++];
      return bucket * this.width + v;
    });
  }

  /** Calls reused(t) with each request's reuse time, in order. */
  private each(keys: Int32Array, start: number, reused: (t: number) => void): void {
    const last = this.last;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i], at = start + i;
      if (last[k] >= 0) reused(at - last[k]);
      last[k] = at;
    }
  }
}
