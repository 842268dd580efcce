/**
 * What `mcsim sweep` and `mcsim merge` write: sweep.csv and sweep.json (one row per point and
 * strategy: the swept values, then each metric's mean and 95% CI bounds), charts (Vega-Lite spec +
 * SVG) and report.html. Everything derives from the plan and the job results, so a sharded sweep
 * merged gives the same bytes as the unsharded run.
 */
import { join } from 'node:path';
import { jsonText, writeTogether } from './files.js';
import { htmlReport } from './html.js';
import { writeCharts, type ReportOutput } from './render.js';
import { tidyCsv } from './run-report.js';
import type { SweepTable } from './results.js';
import { sweepCharts } from './sweep-charts.js';
import { summaryCells, summaryColumns, withCi } from './table.js';
import { keyLabel } from './charts/spec.js';

/** Writes the sweep's report files into `out`, together (see ReportOutput). */
export async function writeSweepReport(out: string, table: SweepTable, output: ReportOutput = {}): Promise<void> {
  await writeTogether(output.files, async (files) => {
    const { rows } = table;
    files.write(join(out, 'sweep.csv'), tidyCsv(rows));
    files.write(join(out, 'runs.csv'), tidyCsv(table.runRows));
    const json = { name: table.name, grid: table.grid, points: table.points.length, ...(table.plugins ? { plugins: table.plugins } : {}), notes: table.notes, rows };
    files.write(join(out, 'sweep.json'), jsonText(json));
    const { charts: specs, skipped } = sweepCharts(table);
    const charts = await writeCharts(out, specs, { ...output, files });
    const { columns, summary } = comparedPoints(table);
    const notes = [
      `Grid: ${Object.entries(table.grid).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ')}.`,
      `${table.points.length} points, ${table.runs} distinct runs; each row: mean of ${table.replications ?? 'the'} replications ± the half-width of its 95% confidence interval; runs that gave the same numbers at several points are one row (listing their values of a key, "any" for all of them); sweep.csv has every point and metric with its bounds.`,
      ...table.notes,
      ...skipped,
    ];
    files.write(join(out, 'report.html'), htmlReport({ title: `${table.name}: sweep of ${table.points.length} points`, summary, columns, charts, notes, chartsFirst: true, tableTitle: 'Compared points' }));
  });
}

/**
 * The report's table: per distinct result, the swept values, the strategy and the terminal table's
 * metrics (mean ± 95% half-width, in their units), with paired differences under `compare`. Rows of a
 * strategy that give the same numbers at several points (a baseline repeated at every point of a key
 * that does not move it) are one row, listing the values they share ("any": all of the key's).
 */
function comparedPoints(table: SweepTable): { columns: string[]; summary: Array<Record<string, string | number>> } {
  const keys = Object.keys(table.grid);
  const shown = summaryColumns(table.metrics, true);
  const deltas = table.compare === undefined ? [] : table.metrics.filter((m) => m.table?.delta !== undefined);
  const reference = String(table.compare?.reference);
  // Key labels, unless two keys would share one.
  const labels = new Set(keys.map(keyLabel)).size === keys.length ? keys.map(keyLabel) : keys;
  const titles = [...labels, 'strategy', ...shown.map((c) => c.title), ...deltas.map((m) => m.table!.delta!.replace('{reference}', reference))];
  const groups = new Map<string, Array<Record<string, string | number>>>();
  for (const r of table.rows) {
    const numbers = [...summaryCells(r as { strategy: string } & Record<string, number>, shown), ...deltas.map((m) => withCi(r as Record<string, number>, `${m.name}_vs_ref`, m.table!.scale, m.table!.digits))];
    const id = JSON.stringify(numbers);
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  const summary = [...groups].map(([id, group]) => {
    const cells = keys.map((k) => {
      const values = [...new Set(group.map((r) => r[k]))];
      if (values.length === 1) return values[0];
      return values.length === new Set(table.rows.map((r) => r[k])).size ? 'any' : values.join(', ');
    });
    const [strategy, ...numbers] = JSON.parse(id) as string[];
    return Object.fromEntries([...cells, strategy, ...numbers].map((v, i) => [titles[i], v]));
  });
  return { columns: titles, summary };
}
