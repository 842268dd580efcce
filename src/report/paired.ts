/**
 * Paired comparisons against a reference. Every strategy (and every policy of a sweep) in replication
 * r sees the same frames and draws (common random numbers), so the difference x_r - ref_r cancels
 * the noise both share: its 95% interval (Student t over the n per-replication differences) is
 * narrower than the unpaired one (Welch) whenever the two are positively correlated.
 */
import { mean, sampleVariance } from 'simple-statistics';
import type { MetricRow } from '../world/recorder.js';
import type { MetricSpec } from './results.js';
import { meanCi, t975, type Interval } from './summary.js';

/** Mean of x_r - ref_r over replications both have (finite), with its paired 95% interval. */
export function pairedDiff(x: number[], ref: number[]): Interval {
  const d: number[] = [];
  for (let r = 0; r < Math.min(x.length, ref.length); r++) if (Number.isFinite(x[r]) && Number.isFinite(ref[r])) d.push(x[r] - ref[r]);
  return meanCi(d);
}

/** The same difference with the interval that ignores the pairing (Welch-Satterthwaite degrees of freedom). */
export function unpairedDiff(x: number[], ref: number[]): Interval {
  const a = x.filter(Number.isFinite), b = ref.filter(Number.isFinite);
  if (a.length < 2 || b.length < 2) return { mean: NaN, lo: NaN, hi: NaN };
  const va = sampleVariance(a) / a.length, vb = sampleVariance(b) / b.length;
  const m = mean(a) - mean(b), se = Math.sqrt(va + vb);
  if (se === 0) return { mean: m, lo: m, hi: m };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = t975(Math.max(1, Math.floor(df))) * se;
  return { mean: m, lo: m - half, hi: m + half };
}

/**
 * `<m>_vs_ref`, `_lo`, `_hi` of every compared metric of the catalogue (`paired`) both have, from
 * runs in replication order.
 */
export function comparedColumns(runs: MetricRow[], reference: MetricRow[], metrics: readonly MetricSpec[]): MetricRow {
  const row: MetricRow = {};
  for (const m of metrics.filter((s) => s.paired).map((s) => s.name)) {
    if (!(m in (runs[0] ?? {})) || !(m in (reference[0] ?? {}))) continue;
    const ci = pairedDiff(runs.map((r) => r[m]), reference.map((r) => r[m]));
    row[`${m}_vs_ref`] = ci.mean;
    row[`${m}_vs_ref_lo`] = ci.lo;
    row[`${m}_vs_ref_hi`] = ci.hi;
  }
  return row;
}
