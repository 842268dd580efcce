/**
 * Across replications: the mean of each metric and its 95% confidence interval (Student t with
 * n - 1 degrees of freedom; a single replication has no interval, lo = hi = mean).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { MetricRow } from '../world/recorder.js';

/** t(0.975, df) for df = 1..30, from tables. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with df degrees of freedom: the table up to 30, beyond it the
 * Cornish-Fisher expansion around the normal quantile (error below 1e-5 from df = 30 on).
 */
export function t975(df: number): number {
  if (df <= T975.length) return T975[df - 1];
  const z = Z975, z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

export function meanCi(xs: number[]): Interval {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, lo: NaN, hi: NaN };
  const m = mean(finite);
  if (finite.length < 2) return { mean: m, lo: m, hi: m };
  const half = (t975(finite.length - 1) * sampleStandardDeviation(finite)) / Math.sqrt(finite.length);
  return { mean: m, lo: m - half, hi: m + half };
}

/** One row: each metric `m` of the runs as `m` (mean), `m_lo`, `m_hi`. */
export function summarize(runs: MetricRow[]): MetricRow {
  const row: MetricRow = { replications: runs.length };
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  for (const k of keys) {
    const ci = meanCi(runs.map((r) => r[k] ?? NaN));
    row[k] = ci.mean;
    row[`${k}_lo`] = ci.lo;
    row[`${k}_hi`] = ci.hi;
  }
  return row;
}
