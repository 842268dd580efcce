/**
 * Seeded random streams. Every component draws from its own stream, derived from the run seed, the
 * replication index and a stable component name (`seed/rep/device-3/compute`). Two runs that differ
 * only in a policy therefore see the same arrivals and service draws (common random numbers).
 *
 * The generator is seedrandom's Alea (fast, 2^116 period, passes BigCrush); `Math.random` is never used.
 */
import seedrandom from 'seedrandom';

export class Rng {
  private readonly next: () => number;
  private spareNormal = NaN;

  constructor(readonly seed: string) {
    this.next = seedrandom.alea(seed);
  }

  /** The stream for component `name` in replication `replication` of a run seeded with `seed`. */
  static stream(seed: number | string, replication: number, name: string): Rng {
    return new Rng(`${seed}/${replication}/${name}`);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform integer on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal(mu, sigma), Marsaglia's polar method; the second variate is kept for the next call. */
  normal(mu = 0, sigma = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mu + sigma * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mu + sigma * u * f;
  }

  /** Lognormal: exp(Normal(mu, sigma)), mu and sigma of the underlying normal. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Geometric on {1, 2, ...} with the given mean (>= 1): the number of trials up to the first success. */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** One of `samples`, uniformly (an empirical distribution). */
  pick(samples: ArrayLike<number>): number {
    return samples[Math.floor(this.next() * samples.length)];
  }
}
