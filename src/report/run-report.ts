/**
 * The files `mcsim run` writes into its output folder, each atomically:
 * summary.csv and summary.json (one row per strategy: each metric's mean and 95% CI bounds),
 * runs.csv (one row per strategy and replication), scenario.resolved.json (the scenario with
 * every default filled in: what was actually simulated), charts/ (latency breakdown and latency
 * distribution, Vega-Lite + SVG) and report.html, a page that opens offline.
 */
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import { lineChart } from './charts/line.js';
import { pairedChart, pairedRows } from './charts/paired.js';
import { latencyBreakdownChart } from './charts/presets.js';
import { jsonText, writeTogether, type FileSet } from './files.js';
import { htmlReport } from './html.js';
import { writeCharts, type ReportOutput } from './render.js';
import type { MetricRow } from '../world/recorder.js';
import type { ScenarioInfo, ScenarioResult } from './results.js';
import { withoutFullCounts } from './summary.js';
import { summaryCells, summaryColumns } from './table.js';

/** Columns of rows: the leading key columns, then every metric in first-seen order. */
export function tidyCsv(rows: Array<Record<string, string | number>>): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) => (typeof v === 'number' ? (Number.isFinite(v) ? v : '') : (v ?? ''));
  return stringify(
    rows.map((r) => columns.map((c) => cell(r[c]))),
    { header: true, columns },
  );
}

export function summaryRows(result: ScenarioResult): Array<{ strategy: string } & MetricRow> {
  return result.summary.map((s) => ({ strategy: s.strategy, ...s.metrics }) as { strategy: string } & MetricRow);
}

/** Writes the run's report files into `dir`, together (see ReportOutput). */
export async function writeRunReport(dir: string, scenario: ScenarioInfo, result: ScenarioResult, output: ReportOutput = {}): Promise<void> {
  await writeTogether(output.files, async (files) => {
    const summary = withoutFullCounts(summaryRows(result));
    const runs = result.runs.map((r) => ({ strategy: r.strategy, replication: r.replication, ...r.metrics }));
    files.write(join(dir, 'summary.csv'), tidyCsv(summary));
    files.write(join(dir, 'runs.csv'), tidyCsv(runs));
    const json = { scenario: scenario.name, seed: scenario.seed, replications: scenario.replications, ...(scenario.plugins ? { plugins: scenario.plugins } : {}), notes: result.notes, summary, runs };
    files.write(join(dir, 'summary.json'), jsonText(json));
    files.write(join(dir, 'scenario.resolved.json'), JSON.stringify(scenario, null, 2) + '\n');
    await writeRunCharts(dir, scenario, result, { ...output, files });
  });
}

async function writeRunCharts(dir: string, scenario: ScenarioInfo, result: ScenarioResult, output: ReportOutput & { files: FileSet }): Promise<void> {
  const summary = summaryRows(result);
  const charts = [
    { name: 'latency-breakdown', title: 'Where the mean latency goes', spec: latencyBreakdownChart(summary, result.metrics) },
    {
      name: 'latency-cdf',
      title: 'Latency distribution (first replication)',
      spec: lineChart({
        data: result.latencyCdf.map((p) => ({ ...p, latency: p.latency * 1000 })),
        x: 'latency',
        xTitle: 'end-to-end latency (ms, log scale)',
        xScale: 'log',
        y: 'cdf',
        // Short: Vega sizes the layout by an estimate of a rotated title's length, and a long one pads the chart above and below.
        yTitle: 'fraction answered within',
        yFormat: '.0%',
        color: 'strategy',
        points: false,
      }),
    },
  ];
  const paired = pairedRows(summary, 'strategy', result.metrics);
  if (scenario.compare && paired.length > 0) {
    const reference = scenario.compare.reference;
    charts.push({ name: 'paired-differences', title: `Paired differences from ${reference}`, spec: pairedChart({ data: paired, category: 'strategy', reference }) });
  }
  const rendered = await writeCharts(dir, charts, output);
  const notes = [
    `Scenario ${scenario.name}: seed ${scenario.seed}, ${scenario.replications} replication(s) x ${scenario.frames} frames per device (first ${scenario.warmupFrames} left out).`,
    'Each figure is the mean over replications ± the half-width of its 95% confidence interval; energy and bytes are per frame; summary.csv has every metric with its bounds (_lo, _hi).',
    ...result.notes,
  ];
  const shown = summaryColumns(result.metrics);
  const columns = ['strategy', ...shown.map((c) => c.title)];
  const table = summary.map((r) => Object.fromEntries(summaryCells(r as { strategy: string } & Record<string, number>, shown).map((cell, i) => [columns[i], cell])));
  output.files.write(join(dir, 'report.html'), htmlReport({ title: `${scenario.name}: ${scenario.description ?? 'mcsim run'}`, summary: table, columns, charts: rendered, notes }));
}
