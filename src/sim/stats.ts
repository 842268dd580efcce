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
 * Quantiles in constant memory: counts in logarithmic buckets, each `relativeError` wide on either
 * side of its geometric centre, so any quantile within [min, max] is within a factor
 * sqrt((1 + e) / (1 - e)) of an observation's value at that rank, e = relativeError (a relative error
 * of e + e^2/2 at most, to second order; exact when every observation in the bucket is equal: the
 * answer is clamped to the observed min and max). Values at or below `min` share the first bucket,
 * above `max` the last.
 */
export class LogHistogram {
  readonly counts: Float64Array;
  private readonly logMin: number;
  private readonly logStep: number;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(
    readonly min = 1e-7,
    readonly max = 1e6,
    readonly relativeError = 5e-4,
  ) {
    this.logMin = Math.log(min);
    this.logStep = Math.log((1 + relativeError) / (1 - relativeError));
    this.counts = new Float64Array(Math.ceil((Math.log(max) - this.logMin) / this.logStep) + 2);
  }

  add(x: number): void {
    const k = x <= this.min ? 0 : Math.min(this.counts.length - 1, 1 + Math.floor((Math.log(x) - this.logMin) / this.logStep));
    this.counts[k]++;
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  get count(): number {
    return this.n;
  }

  /**
   * The distribution function: [just below the smallest value, 0] (F is 0 there, and a constant
   * sample draws as a step rather than a lone point), then at the upper edge of every non-empty
   * bucket [value, fraction <= value].
   */
  cdf(): Array<[number, number]> {
    if (this.n === 0) return [];
    const points: Array<[number, number]> = [[this.lo * (1 - this.relativeError), 0]];
    let seen = 0;
    this.counts.forEach((n, k) => {
      if (n === 0) return;
      seen += n;
      const edge = k === 0 ? this.min : Math.exp(this.logMin + k * this.logStep);
      points.push([Math.min(this.hi, Math.max(this.lo, edge)), seen / this.n]);
    });
    return points;
  }

  /** The value at rank ceil(p n) (nearest rank), within relativeError (the extremes exactly); NaN when empty. */
  quantile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.n));
    if (rank === 1) return this.lo;
    if (rank === this.n) return this.hi;
    let seen = 0, k = 0;
    while (seen + this.counts[k] < rank) seen += this.counts[k++];
    const centre = k === 0 ? this.min : Math.exp(this.logMin + (k - 0.5) * this.logStep);
    return Math.min(this.hi, Math.max(this.lo, centre));
  }
}
