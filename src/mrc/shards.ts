/**
 * Sampled LRU miss-ratio curves by SHARDS (Waldspurger, Park, Garthwaite and Ahmad, "Efficient MRC
 * Construction with SHARDS", FAST 2015): spatial sampling by a hash of the object, so an object is
 * either sampled at every request or at none, and the stack distances of the sampled requests, scaled
 * by 1/R, estimate the distances of the whole trace.
 *
 * - Fixed rate (`shards:R`): a request is kept iff hash(key) mod P < T, with
 *   P = 2^32 (the hash's whole range, so the modulo is the hash itself) and T = round(R x 2^32); the rate
 *   reported is T / P. The kept requests are replayed through the exact stack pass of stack-distance.ts
 *   (keys renumbered densely, so its window and tree are R x the objects), each distance d becomes the
 *   capacity ceil(d / R) and each request counts 1/R requests. At R = 1 this is the exact curve.
 * - Fixed size (`shards-size:S`): at most S sampled objects. The threshold starts at
 *   T = P (R = 1); when a new object would make S + 1, T is lowered to the largest hash among the set
 *   and the new object, and every object with hash >= T leaves the set (and the stack: its latest
 *   position becomes a hole). A request sampled at rate R_t counts 1/R_t requests and its distance
 *   d becomes ceil(d / R_t), as libCacheSim's mrcProfiler does (fixed_sample_size_run). The paper
 *   rescales the histogram's counts when the rate falls instead, so that they stay in units of the
 *   current rate; the two differ by the factor R_final throughout and give the same miss ratios.
 *
 * The correction, SHARDS_adj, from the paper's evaluation (the sources read for this code: that passage
 * as quoted in a summary of the paper, and libCacheSim's mrcProfiler.cpp; not the PDF itself): "the
 * actual number of sampled references, Ns, [should match] the expected number, E[Ns] = N x R. When this does not occur, ... the sample set
 * contains the wrong proportion of frequently accessed blocks. Our correction simply adds the
 * difference, E[Ns] - Ns, to the first histogram bucket before computing final miss ratios." In the
 * weighted counts used here (each sampled request counts 1/R_t) the sample's requests total
 * W = sum 1/R_t, which estimates N, and the difference added to the first bucket is N - W; the first
 * bucket is the smallest distance, a hit at every capacity of the curve. So at capacity c, with H(c) the
 * weighted sampled hits, the miss ratio is 1 - (H(c) + N - W) / N (corrected; clipped to [0, 1] as
 * libCacheSim's mrcProfiler does, the same adjustment in its `local_hit_cnt_vec[0] += n_req_ -
 * sampled_cnt`), else the sampled ratio 1 - H(c) / W. Byte miss ratios likewise, with bytes for requests.
 * The fixed size uses the same formula with W = sum 1/R_t over its sampled requests (as libCacheSim).
 *
 * The hash is murmur3's 32-bit finalizer (fmix32) of the dense key xor 0x9e3779b9: a bijection on 32
 * bits that mixes consecutive keys well, deterministic and seed-free. Keys are the trace's objects
 * numbered in first-seen order (traces/cache-trace.ts), so a trace gives the same sample in every format.
 */
import { InputError, UsageError } from '../errors.js';
import { grown } from '../sim/typed-arrays.js';
import type { CacheTrace } from '../traces/cache-trace.js';
import { asRequests, requestsOf, type Requests } from '../traces/requests.js';
import { byteDistances, histogramSteps, unitDistanceCounts, type CurvePoint, type MissCurve, type SampleInfo } from './stack-distance.js';

export type { SampleInfo } from './stack-distance.js';

export type SampleSpec = { kind: 'rate'; rate: number } | { kind: 'size'; maxObjects: number };

/** P: hashes are in [0, 2^32). */
const P = 2 ** 32;

/** murmur3's fmix32 of key ^ 0x9e3779b9, as an unsigned 32-bit integer. */
export function shardsHash(key: number): number {
  let h = key ^ 0x9e3779b9;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `--sample`: `shards:RATE` (0 < RATE <= 1) or `shards-size:N` (N >= 1 objects). */
export function parseSample(spec: string): SampleSpec {
  const s = spec.trim();
  const bad = (why: string) => new UsageError(`--sample: "${s}" ${why} (expected shards:RATE with 0 < RATE <= 1, e.g. shards:0.01, or shards-size:N, a sample of at most N objects)`);
  const rate = /^shards:(.*)$/i.exec(s), size = /^shards-size:(.*)$/i.exec(s);
  if (rate) {
    const r = /^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(rate[1]) ? Number(rate[1]) : NaN;
    if (!(r > 0 && r <= 1)) throw bad('has no rate in (0, 1]');
    if (Math.round(r * P) < 1) throw bad('has a rate below 2^-32, the smallest the 32-bit hash can sample');
    return { kind: 'rate', rate: r };
  }
  if (size) {
    const n = /^\d+$/.test(size[1]) ? Number(size[1]) : NaN;
    if (!(Number.isSafeInteger(n) && n >= 1)) throw bad('has no whole number of objects >= 1');
    if (n > 2 ** 28) throw bad('asks for more than 2^28 objects');
    return { kind: 'size', maxObjects: n };
  }
  throw bad('is not a sampling method');
}

/** How `spec` reads in messages, the CSV and the chart: `shards R=0.01`, `shards-size S=8192 R=0.0123`. */
export function sampleLabel(info: SampleInfo): string {
  const r = `R=${Number(info.rate.toPrecision(4))}`;
  return info.method === 'shards' ? `SHARDS ${r}` : `SHARDS fixed size S=${info.maxObjects} ${r}`;
}

export interface ShardsOptions {
  /** Apply SHARDS_adj (above). @defaultValue true */
  correct?: boolean;
}

/**
 * LRU's miss-ratio curve estimated by SHARDS on the trace's keys (and sizes, for byte capacities), as
 * a MissCurve whose `sample` says how. Misses are estimates (not integers); at(c) is exact where
 * stack-distance.ts's is when the rate is 1.
 */
export function shardsMissCurve(keys: Int32Array, keySpace: number, sizes: Uint32Array | undefined, spec: SampleSpec, options: ShardsOptions = {}): MissCurve {
  return shardsCurveOf(requestsOf({ file: 'keys', keys, sizes, keySpace }), sizes !== undefined, spec, options);
}

/**
 * The SHARDS estimate of a trace in memory or spooled (traces/requests.ts), read block by block: memory
 * by objects plus the sample (the fixed rate keeps its sampled requests, 4-8 bytes each; the fixed size
 * with byte sizes one entry per sampled reuse).
 */
export function shardsCurveOf(trace: CacheTrace | Requests, bySize: boolean, spec: SampleSpec, options: ShardsOptions = {}): MissCurve {
  const requests = asRequests(trace);
  const keySpace = requests.keySpace;
  if (bySize && !requests.hasSizes) throw new InputError(`${requests.file}: a byte curve needs object sizes, and this trace has none`);
  const correct = options.correct ?? true;
  const run = spec.kind === 'rate' ? fixedRate(requests, bySize, spec.rate) : fixedSize(requests, bySize, spec.maxObjects);
  if (run.weight === 0) throw new InputError(`--sample: no request was sampled at rate ${spec.kind === 'rate' ? spec.rate : run.rate} (the trace has ${keySpace} objects); raise the rate`);
  let bytes = 0, maxSize = 1, sizeChanges = false;
  if (bySize) ({ bytes, maxSize, sizeChanges } = sizeStats(requests));
  else bytes = requests.length;
  const n = requests.length;
  const minCapacity = sizeChanges ? Infinity : maxSize;
  const info: SampleInfo = {
    method: spec.kind === 'rate' ? 'shards' : 'shards-size',
    rate: run.rate,
    ...(spec.kind === 'size' ? { maxObjects: spec.maxObjects } : {}),
    sampledRequests: run.requests,
    sampledObjects: run.objects,
    peakObjects: run.peak,
    corrected: correct,
  };
  // SHARDS_adj: E[Ns] - Ns, in requests (N - W) and bytes, added to the first bucket: hits at every
  // capacity. Corrected misses are N - (H + N - W) (exactly N - H at R = 1, where W = N), clipped to [0, N];
  // uncorrected, N x the sample's miss ratio (W - H) / W.
  const adjust = n - run.weight, adjustBytes = bytes - run.byteWeight;
  const estimate = (hits: number, total: number, weight: number, adj: number) => (correct ? Math.min(total, Math.max(0, total - (hits + adj))) : (total * (weight - hits)) / weight);
  const { capacity, hits, hitBytes } = run.steps;
  const point = (c: number, j: number): CurvePoint => ({
    capacity: c,
    misses: estimate(j < 0 ? 0 : hits[j], n, run.weight, adjust),
    missBytes: estimate(j < 0 ? 0 : hitBytes[j], bytes, run.byteWeight, adjustBytes),
  });
  const at = (c: number): CurvePoint => {
    if (!(c >= minCapacity)) throw new InputError(`LRU stack distances: capacity ${c} is below ${minCapacity}, the smallest at which the curve is exact`);
    let lo = 0, hi = capacity.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (capacity[mid] <= c) lo = mid + 1;
      else hi = mid;
    }
    return point(c, lo - 1);
  };
  return {
    requests: n,
    bytes,
    coldMisses: run.coldWeight,
    minCapacity,
    sample: info,
    at,
    steps() {
      if (minCapacity === Infinity) return [];
      const points = [at(minCapacity)];
      capacity.forEach((c, j) => {
        if (c > minCapacity) points.push(point(c, j));
      });
      return points;
    },
  };
}

interface SampledSteps {
  /** Distinct scaled distances (capacities), ascending, with cumulative weighted hits and hit bytes. */
  capacity: Float64Array;
  hits: Float64Array;
  hitBytes: Float64Array;
}

interface Run {
  steps: SampledSteps;
  /** Sampled requests weighted by 1/R_t (W), their bytes likewise, and the weighted cold misses. */
  weight: number;
  byteWeight: number;
  coldWeight: number;
  rate: number;
  requests: number;
  objects: number;
  peak: number;
}

/** Fixed rate: the kept requests, keys renumbered, through the exact pass; distances and counts scaled. */
function fixedRate(requests: Requests, bySize: boolean, rate: number): Run {
  const keySpace = requests.keySpace;
  const threshold = Math.min(P, Math.round(rate * P));
  const scale = P / threshold; // 1/R, exactly 1 at R = 1
  // Each object's sampled key (-1: not sampled), numbered in first-seen order among the sampled.
  const dense = new Int32Array(keySpace);
  for (let k = 0; k < keySpace; k++) dense[k] = shardsHash(k) < threshold ? -2 : -1;
  let count = 0;
  for (const { keys } of requests.blocks()) for (let i = 0; i < keys.length; i++) if (dense[keys[i]] !== -1) count++;
  const kept = new Int32Array(count), keptSizes = bySize ? new Uint32Array(count) : undefined;
  let objects = 0, j = 0, keptBytes = 0;
  for (const { keys, sizes } of requests.blocks({ sizes: bySize })) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      let d = dense[k];
      if (d === -1) continue;
      if (d === -2) d = dense[k] = objects++;
      if (keptSizes) keptBytes += keptSizes[j] = sizes![i];
      kept[j++] = d;
    }
  }
  const ceilScaled = (d: number) => Math.ceil((d * P) / threshold);
  let steps: SampledSteps, cold: number;
  if (!keptSizes) {
    const pass = unitDistanceCounts(kept, objects);
    cold = pass.cold;
    const capacity: number[] = [], hits: number[] = [];
    let total = 0;
    pass.count.forEach((c, d) => {
      if (c === 0) return;
      total += c;
      capacity.push(ceilScaled(d));
      hits.push(total * scale);
    });
    steps = { capacity: Float64Array.from(capacity), hits: Float64Array.from(hits), hitBytes: Float64Array.from(hits) };
    keptBytes = count;
  } else {
    const pass = byteDistances(kept, objects, keptSizes);
    cold = pass.cold;
    const { distance, hits, hitBytes } = pass.steps;
    // Distances are integers and 1/R >= 1, so distinct distances stay distinct capacities.
    steps = { capacity: distance.map(ceilScaled), hits: hits.map((h) => h * scale), hitBytes: hitBytes.map((h) => h * scale) };
  }
  return { steps, weight: count * scale, byteWeight: keptBytes * scale, coldWeight: cold * scale, rate: threshold / P, requests: count, objects, peak: objects };
}

/**
 * Fixed size: at most maxObjects sampled objects, the threshold lowered as new ones come (see the top).
 * The stack is a Fenwick tree over a window of 2 x maxObjects + 2 positions holding each sampled
 * object's size at its latest request (0 elsewhere), renumbered when full as in stack-distance.ts; the
 * set's hashes are a max-heap. Hits go into a histogram over capacities with unit sizes, else into
 * (capacity, weight) pairs sorted at the end. Memory: O(maxObjects) plus a position per key of the trace.
 */
function fixedSize(trace: Requests, bySize: boolean, maxObjects: number): Run {
  const keySpace = trace.keySpace;
  const window = 2 * maxObjects + 2;
  const tree = new Float64Array(window + 1), at = new Int32Array(window), sizeAt = new Float64Array(window);
  const last = new Int32Array(keySpace).fill(-1);
  const heapHash = new Float64Array(maxObjects), heapKey = new Int32Array(maxObjects);
  let heapSize = 0, threshold = P, t = 0;
  let histogram = new Float64Array(1024);
  let capacity = new Float64Array(1024), weight = new Float64Array(1024), byteWeight = new Float64Array(1024), reuses = 0;
  let total = 0, totalBytes = 0, cold = 0, requests = 0, objects = 0, peak = 0;
  const add = (pos: number, v: number) => {
    for (let i = pos + 1; i <= window; i += i & -i) tree[i] += v;
  };
  const prefix = (end: number) => {
    let s = 0;
    for (let i = end; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  const pop = () => {
    const key = heapKey[0];
    heapSize--;
    const h = heapHash[heapSize], k = heapKey[heapSize];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heapSize) break;
      const c = l + 1 < heapSize && heapHash[l + 1] > heapHash[l] ? l + 1 : l;
      if (heapHash[c] <= h) break;
      heapHash[i] = heapHash[c];
      heapKey[i] = heapKey[c];
      i = c;
    }
    heapHash[i] = h;
    heapKey[i] = k;
    return key;
  };
  const push = (h: number, k: number) => {
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapHash[parent] >= h) break;
      heapHash[i] = heapHash[parent];
      heapKey[i] = heapKey[parent];
      i = parent;
    }
    heapHash[i] = h;
    heapKey[i] = k;
  };
  for (const block of trace.blocks({ sizes: bySize })) {
    const { keys, sizes } = block;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i], h = shardsHash(k);
      if (h >= threshold) continue;
      const p = last[k];
      if (p < 0) {
        if (heapSize === maxObjects) {
          // Full: T falls to the largest hash of the set and the newcomer; all at or above it leave.
          threshold = Math.max(h, heapHash[0]);
          while (heapSize > 0 && heapHash[0] >= threshold) {
            const gone = pop(), q = last[gone];
            add(q, -sizeAt[q]);
            sizeAt[q] = 0;
            last[gone] = -1;
          }
          if (h >= threshold) continue;
        }
        push(h, k);
        objects++;
        if (heapSize > peak) peak = heapSize;
      }
      const size = sizes ? sizes[i] : 1, w = P / threshold;
      requests++;
      total += w;
      totalBytes += size * w;
      if (t === window) {
        // Renumber the latest requests of the set's objects 0, 1, ... and rebuild the tree (O(window)).
        let live = 0;
        for (let pos = 0; pos < window; pos++) {
          const key = at[pos];
          if (last[key] === pos) {
            at[live] = key;
            sizeAt[live] = sizeAt[pos];
            last[key] = live++;
          }
        }
        tree.fill(0);
        sizeAt.fill(0, live);
        for (let pos = 0; pos < window; pos++) {
          tree[pos + 1] += sizeAt[pos];
          const up = pos + 1 + ((pos + 1) & -(pos + 1));
          if (up <= window) tree[up] += tree[pos + 1];
        }
        t = live;
      }
      const q = last[k];
      if (q < 0) cold += w;
      else if (!sizes) {
        // Unit sizes: straight into a histogram over capacities (at most about the objects' estimate).
        const c = Math.ceil(((prefix(t) - prefix(q + 1) + 1) * P) / threshold);
        if (c >= histogram.length) histogram = grown(histogram, Math.max(2 * histogram.length, c + 1));
        histogram[c] += w;
        add(q, -1);
        sizeAt[q] = 0;
      } else {
        if (reuses === capacity.length) {
          capacity = grown(capacity, 2 * reuses);
          weight = grown(weight, 2 * reuses);
          byteWeight = grown(byteWeight, 2 * reuses);
        }
        const d = size + prefix(t) - prefix(q + 1);
        capacity[reuses] = Math.ceil((d * P) / threshold);
        weight[reuses] = w;
        byteWeight[reuses++] = size * w;
        add(q, -sizeAt[q]);
        sizeAt[q] = 0;
      }
      at[t] = k;
      sizeAt[t] = size;
      add(t, size);
      last[k] = t++;
    }
  }
  const steps = bySize ? weightedSteps(capacity.subarray(0, reuses), weight, byteWeight) : histogramCapacitySteps(histogram);
  return { steps, weight: total, byteWeight: totalBytes, coldWeight: cold, rate: threshold / P, requests, objects, peak };
}

/** Steps from weighted hits per capacity (unit sizes: hit bytes = hits), the exact curve's histogram rule. */
function histogramCapacitySteps(histogram: Float64Array): SampledSteps {
  const { distance, hits, hitBytes } = histogramSteps(histogram);
  return { capacity: distance, hits, hitBytes };
}

/** Steps from (capacity, weight, byte weight) per reuse: sorted by capacity, cumulated per distinct capacity. */
function weightedSteps(capacity: Float64Array, weight: Float64Array, byteWeight: Float64Array): SampledSteps {
  const order = Uint32Array.from({ length: capacity.length }, (_, i) => i).sort((a, b) => capacity[a] - capacity[b]);
  const caps: number[] = [], hits: number[] = [], hitBytes: number[] = [];
  let h = 0, hb = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    h += weight[i];
    hb += byteWeight[i];
    if (j + 1 === order.length || capacity[order[j + 1]] !== capacity[i]) {
      caps.push(capacity[i]);
      hits.push(h);
      hitBytes.push(hb);
    }
  }
  return { capacity: Float64Array.from(caps), hits: Float64Array.from(hits), hitBytes: Float64Array.from(hitBytes) };
}

/** Bytes requested, the largest object, and whether any object's size changes between requests. */
function sizeStats(requests: Requests): { bytes: number; maxSize: number; sizeChanges: boolean } {
  const first = new Float64Array(requests.keySpace).fill(-1);
  let bytes = 0, maxSize = 1, sizeChanges = false;
  for (const block of requests.blocks({ sizes: true })) {
    const { keys } = block, sizes = block.sizes!;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i], s = sizes[i];
      bytes += s;
      if (s > maxSize) maxSize = s;
      if (first[k] < 0) first[k] = s;
      else if (first[k] !== s) sizeChanges = true;
    }
  }
  return { bytes, maxSize, sizeChanges };
}
