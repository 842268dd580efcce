/**
 * Across replications: the mean of each metric and its 95% confidence interval (Student t with
 * n - 1 degrees of freedom). A single replication has no interval: its bounds are NaN (empty cells),
 * not the mean, which would read as certainty. A bound normal theory puts outside the metric's range
 * (a negative latency, an accuracy above 1) is cut at the range; intervalNotes says where.
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
  if (finite.length < 2) return { mean: m, lo: NaN, hi: NaN };
  const half = (t975(finite.length - 1) * sampleStandardDeviation(finite)) / Math.sqrt(finite.length);
  return { mean: m, lo: m - half, hi: m + half };
}

/** Fewer than 3 replications: intervals that say little or nothing, said where the numbers are read. */
export function replicationNote(replications: number): string[] {
  if (replications >= 3) return [];
  if (replications === 1) return ['replications: 1, so no interval: the _lo and _hi bounds are empty; give 3 or more for 95% intervals'];
  return [`replications: ${replications}, so each 95% interval is ${t975(replications - 1)} standard errors wide on each side (Student t, ${replications - 1} degree of freedom); give 3 or more`];
}

/** The range a column's values lie in (metricRange), undefined when it has none. */
export type ColumnRange = (column: string) => readonly [number, number] | undefined;

/**
 * One row: each metric `m` of the runs as `m` (mean), `m_lo`, `m_hi`, the bounds cut at `range`, and
 * `m_n`, the replications with a finite value (a run that answered no frame has no mean latency).
 */
export function summarize(runs: MetricRow[], range: ColumnRange = () => undefined): MetricRow {
  const row: MetricRow = { replications: runs.length };
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  for (const k of keys) {
    const values = runs.map((r) => r[k] ?? NaN);
    const ci = meanCi(values);
    const [low, high] = range(k) ?? [-Infinity, Infinity];
    row[k] = ci.mean;
    row[`${k}_lo`] = ci.lo < low && ci.mean >= low ? low : ci.lo;
    row[`${k}_hi`] = ci.hi > high && ci.mean <= high ? high : ci.hi;
    row[`${k}_n`] = values.filter(Number.isFinite).length;
  }
  return row;
}

/** The `m_n` columns of a row: the metric `m` it counts is in the row too. */
const countColumns = (row: Readonly<Record<string, string | number>>) => Object.keys(row).filter((k) => k.endsWith('_n') && k.slice(0, -2) in row);

/**
 * A note naming each metric and strategy whose mean is over fewer replications than ran (0 < n <
 * replications). A metric no replication gave (n = 0) is not a loss: the strategy does not report it.
 */
export function replicationLossNotes(rows: ReadonlyArray<{ strategy: string; metrics: MetricRow }>): string[] {
  const short = new Map<string, string[]>();
  for (const { strategy, metrics } of rows) {
    for (const k of countColumns(metrics)) {
      const n = metrics[k];
      if (n > 0 && n < metrics.replications) short.set(k.slice(0, -2), [...(short.get(k.slice(0, -2)) ?? []), `${strategy}: ${n} of ${metrics.replications}`]);
    }
  }
  if (short.size === 0) return [];
  const list = [...short].map(([m, who]) => `${m} (${who.join(', ')})`).join('; ');
  return [`means over fewer replications than ran, where a replication gave no value (column <metric>_n says how many): ${list}`];
}

/** The rows without the `m_n` columns in which every row counts all its replications (or none): they say nothing. */
export function withoutFullCounts<R extends Record<string, string | number>>(rows: readonly R[]): R[] {
  const telling = new Set(rows.flatMap((r) => countColumns(r).filter((k) => Number(r[k]) > 0 && Number(r[k]) < Number(r.replications))));
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => telling.has(k) || !countColumns(r).includes(k))) as R);
}

/** Everything a reader of summaries must know about their intervals: few replications, lost values, cut bounds. */
export function summaryNotes(rows: ReadonlyArray<{ strategy: string; metrics: MetricRow }>, range: ColumnRange): string[] {
  const replications = Math.max(0, ...rows.map((r) => r.metrics.replications));
  return [...replicationNote(replications), ...replicationLossNotes(rows), ...intervalNotes(rows, range)];
}

/** How many rows a cut-bounds note names for each bound before it only counts them. */
const NAMED_CUTS = 3;

/**
 * Where summaries' bounds were cut at their metric's range: a bound at the range's end with the mean
 * inside it comes only from the cut (an interval that truly ends there has no spread, mean = bound).
 */
export function intervalNotes(rows: ReadonlyArray<{ strategy: string; metrics: MetricRow }>, range: ColumnRange): string[] {
  const cut = new Map<string, string[]>();
  for (const { strategy, metrics } of rows) {
    for (const [k, mean] of Object.entries(metrics)) {
      const r = range(k);
      if (!r || !Number.isFinite(mean)) continue;
      const which = [metrics[`${k}_lo`] === r[0] && mean > r[0] ? `${k}_lo at ${r[0]}` : '', metrics[`${k}_hi`] === r[1] && mean < r[1] ? `${k}_hi at ${r[1]}` : ''].filter(Boolean);
      for (const w of which) cut.set(w, [...(cut.get(w) ?? []), strategy]);
    }
  }
  if (cut.size === 0) return [];
  // A sweep can cut one bound at hundreds of points: name a few, count the rest (sweep.csv has them all).
  const named = (where: string[]) => (where.length <= NAMED_CUTS ? where.join(', ') : `${where.slice(0, NAMED_CUTS).join(', ')} and ${where.length - NAMED_CUTS} more`);
  const list = [...cut].map(([w, where]) => `${w} (${named(where)})`).join('; ');
  return [`95% intervals cut at the metric's range, where normal theory went beyond it (too few replications for a skewed metric; more replications narrow them): ${list}`];
}
