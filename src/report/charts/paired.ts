/**
 * Paired differences against a reference: one panel per metric, a dot per strategy (or policy) at the
 * mean difference with its paired 95% interval as a bar, and a rule at 0. A bar that does not cross
 * the rule is a difference the replications resolve.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricSpec } from '../results.js';
import { PANEL_WIDTH, specHead, type Row } from './spec.js';

export interface PairedChartOptions {
  /** Long rows: {[category]: name, metric: label, diff, lo, hi}. */
  data: readonly Row[];
  category: string;
  reference: string;
  title?: string;
}

export function pairedChart(o: PairedChartOptions): TopLevelSpec {
  const y = { field: o.category, type: 'nominal' as const, title: null, sort: null };
  return {
    ...specHead(o.title, o.data),
    facet: { row: { field: 'metric', type: 'nominal', title: null, sort: null } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: PANEL_WIDTH,
      layer: [
        { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0 } } },
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: `difference from ${o.reference} (paired 95% interval)` }, x2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, size: 60 }, encoding: { y, x: { field: 'diff', type: 'quantitative' } } },
      ],
    },
  } as TopLevelSpec;
}

/** The long rows of pairedChart from summary rows carrying `<m>_vs_ref` columns, for the catalogue's paired metrics (labels and scales from there). */
export function pairedRows(rows: ReadonlyArray<Record<string, unknown>>, category: string, metrics: readonly MetricSpec[]): Row[] {
  const out: Row[] = [];
  for (const { name: m, paired } of metrics) {
    if (!paired) continue;
    const { label, scale } = paired;
    for (const r of rows) {
      const d = r[`${m}_vs_ref`];
      if (typeof d !== 'number' || !Number.isFinite(d)) continue;
      out.push({ [category]: r[category], metric: label, diff: d * scale, lo: (r[`${m}_vs_ref_lo`] as number) * scale, hi: (r[`${m}_vs_ref_hi`] as number) * scale });
    }
  }
  return out;
}
