/**
 * The named charts of a sweep report, over the tidy rows the runner writes (one row per point x
 * strategy; times in seconds, drawn in ms). Each is a thin choice of fields for a generic builder.
 */
import type { TopLevelSpec } from 'vega-lite';
import { lineChart, type ReferenceLine } from './line.js';
import { cdfChart } from './cdf.js';
import { stackedBarsChart } from './stacked-bars.js';
import { numberOf, type Row } from './spec.js';

const MS = 1000;

/** The latency breakdown columns in the order a frame goes through them, with their legend labels. */
export const BREAKDOWN_FIELDS: Readonly<Record<string, string>> = {
  t_device_queue: 'device queue',
  t_device_compute: 'device compute',
  t_upload: 'upload',
  t_server_queue: 'server queue',
  t_server_compute: 'server compute',
  t_download: 'download',
  t_partition_wait: 'partition wait',
};

export interface LatencyAccuracyOptions {
  /** @defaultValue 'tau' */
  x?: string;
  /** @defaultValue 'entropy threshold τ (nats)' */
  xTitle?: string;
  /** @defaultValue 'strategy' */
  series?: string;
  /** Series that do not vary with x, drawn as dashed reference lines. @defaultValue ['device-only', 'edge-only'] */
  baselines?: readonly string[];
  title?: string;
}

/** Mean latency (ms, 95% CI band) against x with accuracy (95% CI) below; baselines as reference lines. */
export function latencyAccuracyChart(rows: readonly Row[], options: LatencyAccuracyOptions = {}): TopLevelSpec {
  const { x = 'tau', series = 'strategy', baselines = ['device-only', 'edge-only'] } = options;
  const isBaseline = (r: Row): boolean => baselines.includes(String(r[series]));
  const curves = rows.filter((r) => !isBaseline(r)).map((r) => scaleFields(r, ['latency_mean', 'latency_mean_lo', 'latency_mean_hi'], MS));
  const base = rows.filter(isBaseline);
  return lineChart({
    data: curves,
    x,
    xTitle: options.xTitle ?? 'entropy threshold τ (nats)',
    color: series,
    y: 'latency_mean',
    yLow: 'latency_mean_lo',
    yHigh: 'latency_mean_hi',
    yTitle: 'mean latency (ms)',
    references: referenceLines(base, series, 'latency_mean', MS),
    below: { y: 'accuracy', yLow: 'accuracy_lo', yHigh: 'accuracy_hi', yTitle: 'accuracy', yFormat: '.1%', references: referenceLines(base, series, 'accuracy', 1) },
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

/** Latency CDF per strategy from per-frame rows (`latency` in seconds). */
export function latencyCdfChart(frames: readonly Row[], options: { series?: string; title?: string } = {}): TopLevelSpec {
  return cdfChart({
    data: frames,
    value: 'latency',
    valueTitle: 'end-to-end latency (ms)',
    scale: MS,
    color: options.series ?? 'strategy',
    cdfTitle: 'fraction of frames answered within',
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

/** Where the mean latency goes, one stacked bar per strategy; only the breakdown columns present are drawn. */
export function latencyBreakdownChart(rows: readonly Row[], options: { category?: string; title?: string } = {}): TopLevelSpec {
  const present = Object.keys(BREAKDOWN_FIELDS).filter((f) => rows.some((r) => f in r));
  return stackedBarsChart({
    data: rows,
    category: options.category ?? 'strategy',
    components: present,
    componentLabels: BREAKDOWN_FIELDS,
    componentTitle: 'time spent in',
    valueTitle: 'mean latency (ms)',
    scale: MS,
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

function scaleFields(row: Row, fields: readonly string[], factor: number): Row {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) {
    const n = numberOf(row[f]);
    if (n !== null && n !== undefined) out[f] = n * factor;
  }
  return out;
}

/** One line per baseline series: the mean of `field` over its rows (they do not depend on x). */
function referenceLines(rows: readonly Row[], series: string, field: string, factor: number): ReferenceLine[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const v = numberOf(r[field]);
    if (v === null || v === undefined) continue;
    const key = String(r[series]);
    const s = sums.get(key) ?? { sum: 0, n: 0 };
    sums.set(key, { sum: s.sum + v, n: s.n + 1 });
  }
  // Baselines at the same value (device-only and edge-only run the same model: same accuracy) share
  // one rule with both names, instead of two labels printed over each other.
  const byValue = new Map<number, string[]>();
  for (const [label, s] of sums) {
    const value = (s.sum / s.n) * factor;
    byValue.set(value, [...(byValue.get(value) ?? []), label]);
  }
  return [...byValue].map(([value, labels]) => ({ label: labels.join(', '), value }));
}
