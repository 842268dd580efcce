/**
 * The named charts of a sweep report, over the tidy rows the runner writes (one row per point x
 * strategy; times in seconds, drawn in ms). Each is a thin choice of fields for a generic builder.
 */
import type { TopLevelSpec } from 'vega-lite';
import { lineChart, type ReferenceLine } from './line.js';
import { cdfChart } from './cdf.js';
import { stackedBarsChart } from './stacked-bars.js';
import { TRADEOFF_ROLES, type MetricSpec } from '../results.js';
import { numberOf, scaleFields, type Row } from './spec.js';

const MS = 1000;

/** A panel of the latency-accuracy charts: the catalogue's metric for the role, with its axis. */
export interface TradeoffAxis {
  field: string;
  title: string;
  scale: number;
  format?: string;
}

/** The catalogue's latency and accuracy metrics (`tradeoff`), the two panels of the latency-accuracy charts. */
export function tradeoffAxes(metrics: readonly MetricSpec[]): { latency: TradeoffAxis; accuracy: TradeoffAxis } {
  const axis = (role: (typeof TRADEOFF_ROLES)[number]): TradeoffAxis => {
    const m = metrics.find((s) => s.tradeoff?.role === role);
    if (!m) throw new Error(`the metric catalogue has no ${role} metric (MetricSpec.tradeoff)`);
    const { title, scale = 1, format } = m.tradeoff!;
    return { field: m.name, title, scale, ...(format === undefined ? {} : { format }) };
  };
  const [latency, accuracy] = TRADEOFF_ROLES.map(axis);
  return { latency, accuracy };
}

export interface LatencyAccuracyOptions {
  /** @defaultValue 'tau' */
  x?: string;
  /** @defaultValue 'entropy threshold τ (nats)' */
  xTitle?: string;
  /** @defaultValue 'strategy' */
  series?: string;
  /** Series that do not vary with x, drawn as dashed reference lines. @defaultValue none */
  baselines?: readonly string[];
  /** @defaultValue the series field as a label */
  colorTitle?: string;
  /** One panel per value of this field (a baseline row with it is drawn in its panel only, else in every one). */
  facet?: string;
  facetTitle?: string | null;
  title?: string;
}

/**
 * The catalogue's latency metric (its 95% CI band, in its axis unit) against x, with its accuracy
 * metric (95% CI) below; baselines as reference lines.
 */
export function latencyAccuracyChart(rows: readonly Row[], metrics: readonly MetricSpec[], options: LatencyAccuracyOptions = {}): TopLevelSpec {
  const { x = 'tau', series = 'strategy', baselines = [], facet } = options;
  const { latency: lat, accuracy: acc } = tradeoffAxes(metrics);
  const isBaseline = (r: Row): boolean => baselines.includes(String(r[series]));
  const curves = rows.filter((r) => !isBaseline(r)).map((r) => scaleFields(r, withBounds(lat.field), lat.scale));
  const base = rows.filter(isBaseline);
  return lineChart({
    data: curves,
    x,
    xTitle: options.xTitle ?? 'entropy threshold τ (nats)',
    color: series,
    ...(options.colorTitle === undefined ? {} : { colorTitle: options.colorTitle }),
    ...(facet === undefined ? {} : { facet, ...(options.facetTitle === undefined ? {} : { facetTitle: options.facetTitle }) }),
    y: lat.field,
    yLow: `${lat.field}_lo`,
    yHigh: `${lat.field}_hi`,
    yTitle: lat.title,
    references: referenceLines(base, series, lat.field, lat.scale, facet),
    below: {
      y: acc.field, yLow: `${acc.field}_lo`, yHigh: `${acc.field}_hi`, yTitle: acc.title,
      ...(acc.format === undefined ? {} : { yFormat: acc.format }),
      references: referenceLines(base, series, acc.field, acc.scale, facet),
    },
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

/** A metric and its 95% bounds. */
export function withBounds(field: string): string[] {
  return [field, `${field}_lo`, `${field}_hi`];
}

/** Latency CDF per strategy from per-frame rows (`latency` in seconds). */
export function latencyCdfChart(frames: readonly Row[], options: { series?: string; title?: string } = {}): TopLevelSpec {
  return cdfChart({
    data: frames,
    value: 'latency',
    valueTitle: 'end-to-end latency (ms)',
    scale: MS,
    color: options.series ?? 'strategy',
    cdfTitle: 'fraction answered within',
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

/** Where the mean latency goes, one stacked bar per strategy: the catalogue's breakdown components present in the rows. */
export function latencyBreakdownChart(rows: readonly Row[], metrics: readonly MetricSpec[], options: { category?: string; title?: string } = {}): TopLevelSpec {
  const parts = metrics.filter((m) => m.breakdown !== undefined);
  const present = parts.map((m) => m.name).filter((f) => rows.some((r) => f in r));
  return stackedBarsChart({
    data: rows,
    category: options.category ?? 'strategy',
    components: present,
    componentLabels: Object.fromEntries(parts.map((m) => [m.name, m.breakdown!])),
    componentTitle: 'time spent in',
    valueTitle: 'mean latency (ms)',
    scale: MS,
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}

/** One line per baseline series (and panel): the mean of `field` over its rows (they do not depend on x). */
function referenceLines(rows: readonly Row[], series: string, field: string, factor: number, facet?: string): ReferenceLine[] {
  const sums = new Map<string, { label: string; panel: unknown; sum: number; n: number }>();
  for (const r of rows) {
    const v = numberOf(r[field]);
    if (v === null || v === undefined) continue;
    const panel = facet === undefined ? undefined : r[facet];
    const key = JSON.stringify([r[series], panel ?? null]);
    const s = sums.get(key) ?? { label: String(r[series]), panel, sum: 0, n: 0 };
    sums.set(key, { ...s, sum: s.sum + v, n: s.n + 1 });
  }
  // Baselines at the same value in the same panel (device-only and edge-only run the same model: same
  // accuracy) share one rule with both names, instead of two labels printed over each other.
  const byValue = new Map<string, ReferenceLine>();
  for (const s of sums.values()) {
    const value = (s.sum / s.n) * factor;
    const key = JSON.stringify([value, s.panel ?? null]);
    const line = byValue.get(key);
    byValue.set(key, line ? { ...line, label: `${line.label}, ${s.label}` } : { label: s.label, value, ...(s.panel === undefined ? {} : { panel: s.panel as string | number }) });
  }
  return [...byValue.values()];
}
