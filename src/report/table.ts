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
