/**
 * Reads a tidy CSV (a header line, one record per line) into rows for the chart builders. A column is
 * numeric when every non-empty value in it parses as a number; empty cells become null.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';

export interface TidyTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
  /** The columns whose every non-empty value is a number. */
  numeric: Set<string>;
}

export function readTidyCsv(path: string): TidyTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let records: Array<Record<string, string>>;
  let columns: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      columns: (header: string[]) => (columns = header),
    });
  } catch (err) {
    // csv-parse names the line in its message ("... at line 4").
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
  if (columns.length === 0) throw new InputError(`${path}: empty file (expected a header line)`);
  const numeric = new Set(columns.filter((c) => records.every((r) => r[c] === '' || r[c] === undefined || Number.isFinite(Number(r[c])))));
  const rows = records.map((r) => {
    const row: Record<string, string | number | null> = {};
    for (const c of columns) {
      const v = r[c] ?? '';
      row[c] = v === '' ? null : numeric.has(c) ? Number(v) : v;
    }
    return row;
  });
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
    if (eq <= 0) throw new InputError(`--where ${condition}: expected column=value`);
    const column = condition.slice(0, eq), text = condition.slice(eq + 1);
    requireColumn(path, table, column);
    const wanted = table.numeric.has(column) && text.trim() !== '' ? Number(text) : text;
    rows = rows.filter((r) => (r[column] ?? '') === wanted);
  }
  if (rows.length === 0) throw new InputError(`${path}: no rows match --where ${conditions.join(' --where ')}`);
  return rows;
}
