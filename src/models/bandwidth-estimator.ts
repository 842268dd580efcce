/**
 * Bandwidth estimates from observed transfers, for planners that re-plan as the link changes
 * (`split-planner.ts` takes a `{ bandwidthBps, rtt }`).
 */
import type { SplitLink } from './split-planner.js';

/**
 * Exponentially weighted moving average of per-transfer throughput samples, 8 · bytes / seconds
 * (bit/s): estimate ← alpha · sample + (1 − alpha) · estimate.
 *
 * The rtt is NOT subtracted here: `seconds` should be the time the payload took on the wire. A caller
 * that timed a whole request (send to answer) subtracts the link's rtt first; otherwise small
 * transfers, dominated by the rtt, drag the estimate down.
 */
export class EwmaBandwidth {
  private value: number;

  /**
   * @param alpha weight of the newest sample, in (0, 1]
   * @param initialBps the estimate before any observation, > 0, finite
   */
  constructor(
    readonly alpha: number,
    initialBps: number,
  ) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`EwmaBandwidth: alpha must be in (0, 1], got ${alpha}`);
    if (!(initialBps > 0) || !Number.isFinite(initialBps)) throw new RangeError(`EwmaBandwidth: initialBps must be a finite number > 0, got ${initialBps}`);
    this.value = initialBps;
  }

  /** One finished transfer of `bytes` (>= 0) in `seconds` (> 0). A 0-byte transfer says nothing and is ignored. */
  observe(bytes: number, seconds: number): void {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new RangeError(`EwmaBandwidth.observe: bytes must be a finite number >= 0, got ${bytes}`);
    if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`EwmaBandwidth.observe: seconds must be a finite number > 0, got ${seconds}`);
    if (bytes === 0) return;
    this.value += this.alpha * ((8 * bytes) / seconds - this.value);
  }

  /** Current estimate, bit/s. */
  get estimate(): number {
    return this.value;
  }
}

/**
 * Least-squares fit of seconds = rtt + 8 · bytes / bandwidthBps over measured transfers (e.g. the
 * `transmission` column of a Neurosurgeon table against the bytes sent at each cut). When the
 * unconstrained fit has a negative intercept (or no positive slope), it is redone through the origin
 * (rtt = 0): with a positive slope, that is the least-squares fit under rtt >= 0.
 */
export function fitLink(samples: ReadonlyArray<{ bytes: number; seconds: number }>): SplitLink {
  const n = samples.length;
  for (const [i, s] of samples.entries()) {
    if (!(s.bytes >= 0) || !Number.isFinite(s.bytes) || !(s.seconds >= 0) || !Number.isFinite(s.seconds)) {
      throw new RangeError(`fitLink: sample ${i} needs finite bytes >= 0 and seconds >= 0, got ${s.bytes} B in ${s.seconds} s`);
    }
  }
  let mx = 0, my = 0;
  for (const s of samples) {
    mx += 8 * s.bytes;
    my += s.seconds;
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, oxy = 0, oxx = 0;
  for (const s of samples) {
    const x = 8 * s.bytes;
    sxy += (x - mx) * (s.seconds - my);
    sxx += (x - mx) * (x - mx);
    oxy += x * s.seconds;
    oxx += x * x;
  }
  if (!(sxx > 0)) throw new RangeError(`fitLink: need at least two different transfer sizes, got ${n} samples`);
  const slope = sxy / sxx;
  const rtt = my - slope * mx;
  if (rtt >= 0 && slope > 0) return { bandwidthBps: 1 / slope, rtt };
  const originSlope = oxy / oxx;
  if (!(originSlope > 0)) throw new RangeError('fitLink: transfer time does not grow with size; no bandwidth fits');
  return { bandwidthBps: 1 / originSlope, rtt: 0 };
}
