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
  // Each panel is named above it, left-aligned (a rotated row header beside panels this short overlaps
  // its neighbours); what the axes mean is said once, in the title, not under every panel.
  return {
    ...specHead(o.title, o.data),
    ...(o.title === undefined ? { title: { text: `difference from ${o.reference} in the same replication: dot = mean, bar = paired 95% interval`, fontSize: 13, fontWeight: 'normal' } } : {}),
    facet: { row: { field: 'metric', type: 'nominal', title: null, sort: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelAlign: 'left', labelPadding: 4 } } },
    resolve: { scale: { x: 'independent' } },
    spacing: 14,
    spec: {
      width: PANEL_WIDTH,
      layer: [
        // A datum of its own: one rule per panel, not one per row of the data.
        { data: { values: [{}] }, mark: { type: 'rule', color: '#444' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: null }, x2: { field: 'hi' } } },
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
