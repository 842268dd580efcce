import type { MetricSpec } from './results.js';

/** A plain-text table for the terminal: right-aligned numbers, one header line, one rule. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * `mean ± half-width` of a metric with _lo/_hi columns, scaled and fixed to `digits`; an interval cut
 * at the metric's range (summary.ts) is no longer symmetric and shows as `mean [lo, hi]`.
 */
export function withCi(row: Record<string, number>, key: string, scale = 1, digits = 1): string {
  const m = row[key];
  if (!Number.isFinite(m)) return '-';
  const lo = row[`${key}_lo`], hi = row[`${key}_hi`];
  const fixed = (x: number) => (x * scale).toFixed(digits);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) return fixed(m);
  const below = m - lo, above = hi - m;
  return Math.abs(above - below) <= 1e-9 * Math.max(above, below) ? `${fixed(m)} ± ${fixed((hi - lo) / 2)}` : `${fixed(m)} [${fixed(lo)}, ${fixed(hi)}]`;
}

/** A summary column as people read it: a metric scaled into a unit, with its 95% interval. */
export interface SummaryColumn {
  key: string;
  title: string;
  scale: number;
  digits: number;
}

/**
 * The summary's columns, in catalogue order: every metric with a `table` (report.html), or with
 * `terminal` only those marked for the terminal table and the sweep report.
 */
export function summaryColumns(metrics: readonly MetricSpec[], terminal = false): SummaryColumn[] {
  return metrics.filter((m) => m.table && (!terminal || m.table.terminal)).map((m) => ({ key: m.name, ...m.table! }));
}

/** The cells of one summary row (strategy first) for `columns`. */
export function summaryCells(row: { strategy: string } & Record<string, number>, columns: readonly SummaryColumn[]): string[] {
  return [row.strategy, ...columns.map((c) => withCi(row, c.key, c.scale, c.digits))];
}

/**
 * The terminal's table: the terminal columns and, with a reference, the paired difference of each
 * metric with a `delta` title (the reference's own row says `reference`).
 */
export function terminalTable(summary: ReadonlyArray<{ strategy: string } & Record<string, number>>, metrics: readonly MetricSpec[], reference?: string): string {
  const columns = summaryColumns(metrics, true);
  const deltas = reference === undefined ? [] : metrics.filter((m) => m.table?.delta !== undefined);
  const rows = summary.map((r) => [
    ...summaryCells(r, columns),
    ...deltas.map((m) => (r.strategy === reference ? 'reference' : withCi(r, `${m.name}_vs_ref`, m.table!.scale, m.table!.digits))),
  ]);
  const header = ['strategy', ...columns.map((c) => c.title), ...deltas.map((m) => m.table!.delta!.replace('{reference}', reference!))];
  return formatTable(header, rows);
}
