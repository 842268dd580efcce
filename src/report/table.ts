/** A plain-text table for the terminal: right-aligned numbers, one header line, one rule. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `mean ± half-width` of a metric with _lo/_hi columns, scaled and fixed to `digits`. */
export function withCi(row: Record<string, number>, key: string, scale = 1, digits = 1): string {
  const m = row[key];
  if (!Number.isFinite(m)) return '-';
  const half = (row[`${key}_hi`] - row[`${key}_lo`]) / 2;
  const s = (m * scale).toFixed(digits);
  return Number.isFinite(half) && half > 0 ? `${s} ± ${(half * scale).toFixed(digits)}` : s;
}

/** A summary column as people read it: a metric scaled into a unit, with its 95% interval. */
export interface SummaryColumn {
  key: string;
  title: string;
  scale: number;
  digits: number;
}

const col = (key: string, title: string, scale: number, digits: number): SummaryColumn => ({ key, title, scale, digits });

/** The run summary's columns, shared by the terminal table and report.html (energy and bytes are per frame). */
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  col('latency_mean', 'latency ms', 1e3, 2),
  col('latency_p50', 'p50 ms', 1e3, 2),
  col('latency_p95', 'p95 ms', 1e3, 2),
  col('latency_p99', 'p99 ms', 1e3, 2),
  col('accuracy', 'accuracy %', 100, 2),
  col('answered_device', 'on device %', 100, 1),
  col('drop_rate', 'dropped %', 100, 2),
  col('energy_device_total_j_per_frame', 'device mJ/frame', 1e3, 1),
  col('energy_system_total_j_per_frame', 'system mJ/frame', 1e3, 1),
  col('bytes_up_per_frame', 'up kB/frame', 1e-3, 2),
  col('bytes_down_per_frame', 'down kB/frame', 1e-3, 2),
];

/** The cells of one summary row (strategy first) for `columns`. */
export function summaryCells(row: { strategy: string } & Record<string, number>, columns: readonly SummaryColumn[] = SUMMARY_COLUMNS): string[] {
  return [row.strategy, ...columns.map((c) => withCi(row, c.key, c.scale, c.digits))];
}
