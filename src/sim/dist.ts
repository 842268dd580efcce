/**
 * Distributions of durations and sizes, as plain data (they appear in scenarios and hardware tables)
 * with one sampler each. Values are in the caller's unit (seconds for service times).
 */
import type { Rng } from './rng.js';

export type Dist =
  | { kind: 'fixed'; value: number }
  | { kind: 'exponential'; mean: number }
  /** Normal truncated at zero by resampling: durations are never negative. */
  | { kind: 'normal'; mean: number; sd: number }
  /** mu, sigma of the underlying normal. */
  | { kind: 'lognormal'; mu: number; sigma: number }
  /** Uniform choice among measured samples. */
  | { kind: 'empirical'; samples: number[] };

export type Sampler = (rng: Rng) => number;

export function sampler(dist: Dist): Sampler {
  switch (dist.kind) {
    case 'fixed': {
      const v = dist.value;
      return () => v;
    }
    case 'exponential': {
      const m = dist.mean;
      return (rng) => rng.exponential(m);
    }
    case 'normal': {
      const { mean, sd } = dist;
      if (mean <= 0 && sd === 0) return () => 0;
      return (rng) => {
        for (;;) {
          const x = rng.normal(mean, sd);
          if (x >= 0) return x;
        }
      };
    }
    case 'lognormal': {
      const { mu, sigma } = dist;
      return (rng) => rng.lognormal(mu, sigma);
    }
    case 'empirical': {
      const s = Float64Array.from(dist.samples);
      if (s.length === 0) throw new RangeError('empirical distribution needs at least one sample');
      return (rng) => rng.pick(s);
    }
  }
}

/** The distribution's mean (for the normal, of the untruncated law). */
export function meanOf(dist: Dist): number {
  switch (dist.kind) {
    case 'fixed':
      return dist.value;
    case 'exponential':
    case 'normal':
      return dist.mean;
    case 'lognormal':
      return Math.exp(dist.mu + (dist.sigma * dist.sigma) / 2);
    case 'empirical':
      return dist.samples.reduce((a, b) => a + b, 0) / dist.samples.length;
  }
}

/** The lognormal with the given mean and standard deviation. */
export function lognormalFromMoments(mean: number, sd: number): Dist {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { kind: 'lognormal', mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Multiplies every value of the distribution by `k` (e.g. ms to s). */
export function scaleDist(dist: Dist, k: number): Dist {
  switch (dist.kind) {
    case 'fixed':
      return { kind: 'fixed', value: dist.value * k };
    case 'exponential':
      return { kind: 'exponential', mean: dist.mean * k };
    case 'normal':
      return { kind: 'normal', mean: dist.mean * k, sd: dist.sd * k };
    case 'lognormal':
      return { kind: 'lognormal', mu: dist.mu + Math.log(k), sigma: dist.sigma };
    case 'empirical':
      return { kind: 'empirical', samples: dist.samples.map((x) => x * k) };
  }
}
