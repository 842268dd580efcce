/**
 * Reads a tidy CSV (a header line, one record per line) into rows for the chart builders. A column is
 * numeric when every non-empty value in it parses as a number; empty cells become null.
 */
import { InputError, UsageError } from '../errors.js';
import { readCsv } from '../models/read-table.js';

export interface TidyTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
  /** The columns whose every non-empty value is a number. */
  numeric: Set<string>;
}

export function readTidyCsv(path: string): TidyTable {
  const table = readCsv(path);
  const columns = [...table.header];
  const cells = table.records.map((r) => r.map((v) => v.trim()));
  const numeric = new Set(columns.filter((_, c) => cells.every((r) => r[c] === '' || Number.isFinite(Number(r[c])))));
  const rows = cells.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] === '' ? null : numeric.has(c) ? Number(r[i]) : r[i]])));
  return { columns, rows, numeric };
}

/** Throws naming the file, the missing column and the columns it does have. */
export function requireColumn(path: string, table: TidyTable, column: string): void {
  if (!table.columns.includes(column)) {
    throw new InputError(`${path}: no column "${column}" (columns: ${table.columns.join(', ')})`);
  }
}

/**
 * Keeps the rows matching every `column=value` condition (numbers compare as numbers, so `tau=0.50`
 * matches 0.5). An empty result is an error: a chart of nothing is never what was meant.
 */
export function whereRows(path: string, table: TidyTable, conditions: readonly string[]): TidyTable['rows'] {
  let rows = table.rows;
  for (const condition of conditions) {
    const eq = condition.indexOf('=');
    if (eq <= 0) throw new UsageError(`--where ${condition}: expected column=value`);
    const column = condition.slice(0, eq), text = condition.slice(eq + 1);
    requireColumn(path, table, column);
    const wanted = table.numeric.has(column) && text.trim() !== '' ? Number(text) : text;
    rows = rows.filter((r) => (r[column] ?? '') === wanted);
  }
  if (rows.length === 0) throw new InputError(`${path}: no rows match --where ${conditions.join(' --where ')}`);
  return rows;
}
