/**
 * Bandwidth over time, piecewise constant (bit/s), optionally repeating with a period (a measured
 * trace replayed in a loop, as mahimahi does). Cumulative bits at segment starts make both
 * "bits sent between t0 and t1" and its inverse "time to send b bits from t0" O(log segments).
 *
 * A simulation asks about times that move forward a little between questions, so each search first
 * tries the segment the previous one found and the next (a real trace has ~10^4-10^5 segments, and
 * a binary search over them was a tenth of a default run), and the latest cumulative-bits figure is
 * kept, since a link asks for the bits up to its last change again at its next one. Both are caches
 * of pure functions: the answers are the ones the full searches give, bit for bit.
 */

export class Bandwidth {
  /** Bits sent over [0, starts[i]) within one period; cum[n] is one whole period (Infinity if none). */
  private readonly cum: Float64Array;
  private readonly n: number;
  /** The segment the last lookup found (by phase), and the one the last inverse lookup found (by bits). */
  private segmentHint = 0;
  private bitsHint = 0;
  /** The last bitsUpTo question and its answer. */
  private lastT = NaN;
  private lastBits = NaN;

  /**
   * @param starts segment start times in seconds: starts[0] = 0, strictly increasing
   * @param rates bit/s in [starts[i], starts[i+1]) (>= 0)
   * @param period when finite, the pattern repeats every `period` seconds (> last start);
   *   otherwise the last rate holds forever
   * @param offset simulation time 0 is trace time `offset` (a replication may start the trace anywhere)
   */
  constructor(
    readonly starts: Float64Array,
    readonly rates: Float64Array,
    readonly period = Infinity,
    readonly offset = 0,
  ) {
    const n = starts.length;
    if (n === 0 || rates.length !== n) throw new RangeError('Bandwidth: need as many rates as segment starts (>= 1)');
    if (starts[0] !== 0) throw new RangeError(`Bandwidth: the first segment must start at 0, got ${starts[0]}`);
    for (let i = 0; i < n; i++) {
      if (!(rates[i] >= 0) || !Number.isFinite(rates[i])) throw new RangeError(`Bandwidth: rate #${i} must be a finite number >= 0, got ${rates[i]}`);
      if (i > 0 && !(starts[i] > starts[i - 1])) throw new RangeError(`Bandwidth: segment starts must increase (#${i}: ${starts[i]})`);
    }
    if (!(period > starts[n - 1])) throw new RangeError(`Bandwidth: period ${period} must exceed the last start ${starts[n - 1]}`);
    this.n = n;
    this.cum = new Float64Array(n + 1);
    for (let i = 0; i + 1 < n; i++) this.cum[i + 1] = this.cum[i] + rates[i] * (starts[i + 1] - starts[i]);
    this.cum[n] = period === Infinity ? Infinity : this.cum[n - 1] + rates[n - 1] * (period - starts[n - 1]);
    if (period !== Infinity && this.cum[n] === 0) throw new RangeError('Bandwidth: a repeating trace must carry some bits');
    if (!(offset >= 0)) throw new RangeError(`Bandwidth: offset must be >= 0, got ${offset}`);
  }

  /** The same trace, with simulation time 0 at trace time `offset`. */
  startingAt(offset: number): Bandwidth {
    return new Bandwidth(this.starts, this.rates, this.period, offset);
  }

  static constant(bitsPerSecond: number): Bandwidth {
    return new Bandwidth(Float64Array.of(0), Float64Array.of(bitsPerSecond));
  }

  /** Rate (bit/s) at time t >= 0. */
  rateAt(t: number): number {
    return this.rates[this.segment(this.phase(t + this.offset))];
  }

  /** Bits that can be sent over [t0, t1]. */
  bitsBetween(t0: number, t1: number): number {
    // t0 first: it is usually the previous call's t1, the one bitsUpTo remembers.
    const before = this.bitsUpTo(t0 + this.offset);
    return this.bitsUpTo(t1 + this.offset) - before;
  }

  /** Seconds needed to send `bits` starting at t0 (Infinity if the link never carries them). */
  transmitTime(start: number, bits: number): number {
    if (bits <= 0) return 0;
    const t0 = start + this.offset;
    const p = this.phase(t0);
    const i = this.segment(p);
    const r = this.rates[i];
    const segEnd = i + 1 < this.n ? this.starts[i + 1] : this.period;
    // Within one segment: exactly bits / rate (no cumulative round-off).
    if (r > 0 && p + bits / r <= segEnd) return bits / r;
    return this.timeOfBits(this.bitsUpTo(t0) + bits) - t0;
  }

  private phase(t: number): number {
    return this.period === Infinity ? t : t - Math.floor(t / this.period) * this.period;
  }

  /** Index of the segment holding phase p: the last start <= p. */
  private segment(p: number): number {
    const s = this.starts, n = this.n, h = this.segmentHint;
    if (s[h] <= p) {
      if (h + 1 === n || p < s[h + 1]) return h;
      if (h + 2 === n || p < s[h + 2]) return (this.segmentHint = h + 1);
    }
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return (this.segmentHint = lo);
  }

  private bitsUpTo(t: number): number {
    if (t === this.lastT) return this.lastBits;
    const p = this.phase(t);
    const i = this.segment(p);
    const within = this.cum[i] + this.rates[i] * (p - this.starts[i]);
    this.lastT = t;
    return (this.lastBits = this.period === Infinity ? within : Math.floor(t / this.period) * this.cum[this.n] + within);
  }

  /** Earliest time at which bitsUpTo reaches `target`. */
  private timeOfBits(target: number): number {
    const total = this.cum[this.n];
    let laps = 0;
    let rest = target;
    if (this.period !== Infinity) {
      laps = Math.floor(target / total);
      rest = target - laps * total;
      if (rest === 0 && laps > 0) {
        laps--;
        rest = total;
      }
    }
    // Last segment whose cumulative start is < rest (segments of rate 0 are skipped over).
    const c = this.cum, n = this.n, h = this.bitsHint;
    let lo: number;
    if (c[h] < rest && (h + 1 === n || c[h + 1] >= rest)) lo = h;
    else if (h + 1 < n && c[h + 1] < rest && (h + 2 === n || c[h + 2] >= rest)) lo = h + 1;
    else {
      lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (c[mid] < rest) lo = mid;
        else hi = mid - 1;
      }
    }
    this.bitsHint = lo;
    const r = this.rates[lo];
    if (r === 0) return Infinity;
    const base = laps * (this.period === Infinity ? 0 : this.period);
    return base + this.starts[lo] + (rest - c[lo]) / r;
  }
}
