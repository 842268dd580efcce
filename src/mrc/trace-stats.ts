/**
 * What a researcher checks first about a cache trace: its size, how many objects are requested only
 * once (misses at any cache size), how skewed popularity is (a Zipf exponent fitted by least squares
 * on log frequency vs log rank, over all objects), how soon objects come back (reuse time: requests
 * between consecutive requests of one object), and how large an LRU cache must be for a share of the
 * hits an infinite cache would get (from the exact stack-distance curve).
 */
import { linearRegression } from 'simple-statistics';
import type { CacheTrace } from '../traces/cache-trace.js';
import { lruMissCurve } from './stack-distance.js';

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

export function traceStats(trace: CacheTrace): TraceStats {
  const { keys, keySpace: objects } = trace;
  const n = keys.length;
  const freq = new Float64Array(objects);
  const last = new Float64Array(objects).fill(-1);
  const reuse = new Float64Array(n);
  let reuses = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    freq[k]++;
    if (last[k] >= 0) reuse[reuses++] = i - last[k];
    last[k] = i;
  }
  const byRank = Float64Array.from(freq).sort().reverse();
  const share = (fraction: number) => byRank.subarray(0, Math.max(1, Math.round(fraction * objects))).reduce((a, b) => a + b, 0) / n;
  const reuseSorted = reuse.subarray(0, reuses).sort();
  const at = (p: number) => (reuses > 0 ? reuseSorted[Math.min(reuses - 1, Math.ceil(p * reuses) - 1)] : NaN);
  const curve = lruMissCurve(keys, objects);
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
    reuseTimeP50: at(0.5),
    reuseTimeP90: at(0.9),
    lruSizeFor50PercentHits: sizeFor(0.5),
    lruSizeFor90PercentHits: sizeFor(0.9),
  };
  if (trace.sizes) {
    const seen = new Uint8Array(objects);
    let bytes = 0, ws = 0;
    trace.sizes.forEach((size, i) => {
      bytes += size;
      if (!seen[keys[i]]) (seen[keys[i]] = 1), (ws += size);
    });
    stats.bytes = bytes;
    stats.workingSetBytes = ws;
  }
  return stats;
}
