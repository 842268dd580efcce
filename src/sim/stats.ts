/**
 * Statistics collectors. They never allocate per observation: Tally keeps running moments,
 * TimeAverage an integral over time, Samples a growable typed buffer for exact percentiles.
 * (Plain counters are plain numbers.)
 */
import { grown } from './typed-arrays.js';

/** Count, mean, variance (Welford's update, numerically stable), min and max of observations. */
export class Tally {
  count = 0;
  mean = 0;
  min = Infinity;
  max = -Infinity;
  private m2 = 0;

  add(x: number): void {
    const n = ++this.count;
    const d = x - this.mean;
    this.mean += d / n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  reset(): void {
    this.count = this.mean = this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Sample variance (n - 1 denominator); 0 for fewer than two observations. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }
}

/**
 * Time-weighted average of a piecewise-constant quantity (queue length, busy workers):
 * call set(now, value) at every change, mean(now) for the average since `start`.
 */
export class TimeAverage {
  private area = 0;
  private lastTime: number;
  private start: number;

  constructor(
    start = 0,
    private value = 0,
  ) {
    this.lastTime = start;
    this.start = start;
  }

  set(now: number, value: number): void {
    this.area += this.value * (now - this.lastTime);
    this.lastTime = now;
    this.value = value;
  }

  get current(): number {
    return this.value;
  }

  /** Forgets the past (e.g. at the end of a warm-up), keeping the current value. */
  reset(now: number): void {
    this.area = 0;
    this.lastTime = now;
    this.start = now;
  }

  mean(now: number): number {
    const span = now - this.start;
    if (span <= 0) return this.value;
    return (this.area + this.value * (now - this.lastTime)) / span;
  }
}

/** Every observation kept in a growable Float64Array, for exact percentiles. */
export class Samples {
  private buf: Float64Array;
  private n = 0;
  private sorted = true;

  constructor(initialCapacity = 1024) {
    this.buf = new Float64Array(Math.max(1, initialCapacity));
  }

  add(x: number): void {
    if (this.n === this.buf.length) this.buf = grown(this.buf, 2 * this.n);
    if (this.n > 0 && x < this.buf[this.n - 1]) this.sorted = false;
    this.buf[this.n++] = x;
  }

  get count(): number {
    return this.n;
  }

  /** A view of the observations (sorted once any percentile has been asked for). */
  values(): Float64Array {
    return this.buf.subarray(0, this.n);
  }

  /**
   * The p-quantile (0 <= p <= 1) by linear interpolation between order statistics
   * (type 7, the default of R and NumPy); NaN when empty.
   */
  quantile(p: number): number {
    if (this.n === 0) return NaN;
    if (!this.sorted) {
      this.values().sort();
      this.sorted = true;
    }
    const h = (this.n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, this.n - 1);
    return this.buf[lo] + (h - lo) * (this.buf[hi] - this.buf[lo]);
  }

  mean(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.buf[i];
    return this.n > 0 ? s / this.n : NaN;
  }
}

/**
 * Quantiles in little memory, over every value a double can hold: counts in logarithmic buckets
 * [g^k, g^(k+1)), g = (1 + e) / (1 - e), e = relativeError, for every integer k a value reaches (the
 * bucket array grows to span the smallest and largest bucket seen, so nothing is ever capped or
 * clamped into an edge bucket). A quantile is its bucket's geometric centre, so it is within a factor
 * sqrt(g) = sqrt((1 + e) / (1 - e)) of the observation at that rank, a relative error of e + e^2/2 at
 * most to second order (5e-4: 0.05%); the extremes are exact (the answer is clamped to the observed
 * min and max). 0 and +Infinity are counted exactly in
 * buckets of their own. Memory: 8 bytes per bucket between the smallest and largest positive value,
 * about 2,300 buckets per factor of 10 at e = 5e-4 (latencies from 1 us to 1e15 s: 48,000 buckets,
 * 0.39 MB), at most twice that allocated; the whole double range (5e-324 to 1.8e308) is 1.46 million
 * buckets, 11.6 MB.
 * Observations must be >= 0 (it holds durations); a negative or NaN one is a RangeError.
 */
export class LogHistogram {
  /** Empty until the first positive finite value. */
  private counts = new Float64Array(0);
  /** The bucket index of counts[0]. */
  private base = 0;
  private readonly logStep: number;
  private zeros = 0;
  private infinities = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(readonly relativeError = 5e-4) {
    if (!(relativeError > 0 && relativeError < 1)) throw new RangeError(`LogHistogram: relativeError must be in (0, 1), got ${relativeError}`);
    this.logStep = Math.log((1 + relativeError) / (1 - relativeError));
  }

  add(x: number): void {
    if (x > 0 && x !== Infinity) {
      const k = Math.floor(Math.log(x) / this.logStep);
      const i = k - this.base;
      if (i >= 0 && i < this.counts.length) this.counts[i]++;
      else this.addOutside(k);
    } else if (x === 0) this.zeros++;
    else if (x === Infinity) this.infinities++;
    else throw new RangeError(`LogHistogram: observations must be >= 0, got ${x}`);
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Counts bucket k, growing the array (at least doubling it) to reach it. */
  private addOutside(k: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.base = k - 32;
    } else {
      const len = this.counts.length;
      const first = Math.min(this.base, k), last = Math.max(this.base + len - 1, k);
      const span = last - first + 1;
      const grownLen = Math.max(span, 2 * len);
      // Room on the side that grew, so that a drift in one direction costs O(log span) copies.
      const newBase = k < this.base ? last - grownLen + 1 : first;
      const next = new Float64Array(grownLen);
      next.set(this.counts, this.base - newBase);
      this.counts = next;
      this.base = newBase;
    }
    this.counts[k - this.base]++;
  }

  get count(): number {
    return this.n;
  }

  /** The value every observation in bucket i is reported as, before clamping to [min, max]. */
  private centre(i: number): number {
    return Math.exp((this.base + i + 0.5) * this.logStep);
  }

  /**
   * The distribution function: [just below the smallest value, 0] (F is 0 there, and a constant
   * sample draws as a step rather than a lone point), then at the upper edge of every non-empty
   * bucket [value, fraction <= value].
   */
  cdf(): Array<[number, number]> {
    if (this.n === 0) return [];
    const points: Array<[number, number]> = [[this.lo * (1 - this.relativeError), 0]];
    let seen = this.zeros;
    if (seen > 0) points.push([0, seen / this.n]);
    this.counts.forEach((c, i) => {
      if (c === 0) return;
      seen += c;
      const edge = Math.exp((this.base + i + 1) * this.logStep);
      points.push([Math.min(this.hi, Math.max(this.lo, edge)), seen / this.n]);
    });
    if (this.infinities > 0) points.push([Infinity, 1]);
    return points;
  }

  /** The value at rank ceil(p n) (nearest rank), within the bound above (the extremes exactly); NaN when empty. */
  quantile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.n));
    if (rank === 1) return this.lo;
    if (rank >= this.n) return this.hi;
    if (rank <= this.zeros) return 0;
    if (rank > this.n - this.infinities) return Infinity;
    let seen = this.zeros, i = 0;
    while (seen + this.counts[i] < rank) seen += this.counts[i++];
    return Math.min(this.hi, Math.max(this.lo, this.centre(i)));
  }
}
