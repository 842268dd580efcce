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
import { summaryColumns } from './table.js';

/** Writes the sweep's report files into `out`, together (see ReportOutput). */
export async function writeSweepReport(out: string, table: SweepTable, output: ReportOutput = {}): Promise<void> {
  await writeTogether(output.files, async (files) => {
    const { rows } = table;
    files.write(join(out, 'sweep.csv'), tidyCsv(rows));
    const json = { name: table.name, grid: table.grid, points: table.points.length, ...(table.plugins ? { plugins: table.plugins } : {}), rows };
    files.write(join(out, 'sweep.json'), jsonText(json));
    const { charts: specs, skipped } = sweepCharts(table);
    const charts = await writeCharts(out, specs, { render: output.render, files });
    const columns = ['point', ...Object.keys(table.grid), 'strategy', ...summaryColumns(table.metrics, true).map((c) => c.key)];
    const summary = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
    const notes = [
      `Grid: ${Object.entries(table.grid).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ')}.`,
      `${table.points.length} points, ${table.runs} distinct runs; each row: mean of ${table.replications ?? 'the'} replications with 95% confidence bounds in sweep.csv.`,
      ...skipped,
    ];
    files.write(join(out, 'report.html'), htmlReport({ title: `${table.name}: sweep of ${table.points.length} points`, summary, columns, charts, notes }));
  });
}
