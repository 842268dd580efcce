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
import { latencyBreakdownChart } from './charts/presets.js';
import { jsonText, writeFileAtomic } from './files.js';
import { htmlReport } from './html.js';
import { writeCharts } from './render.js';
import type { MetricRow } from '../run/recorder.js';
import type { ScenarioInfo, ScenarioResult } from './results.js';

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

export async function writeRunReport(dir: string, scenario: ScenarioInfo, result: ScenarioResult): Promise<void> {
  const summary = summaryRows(result);
  const runs = result.runs.map((r) => ({ strategy: r.strategy, replication: r.replication, ...r.metrics }));
  writeFileAtomic(join(dir, 'summary.csv'), tidyCsv(summary));
  writeFileAtomic(join(dir, 'runs.csv'), tidyCsv(runs));
  const json = { scenario: scenario.name, seed: scenario.seed, replications: scenario.replications, summary, runs };
  writeFileAtomic(join(dir, 'summary.json'), jsonText(json));
  writeFileAtomic(join(dir, 'scenario.resolved.json'), JSON.stringify(scenario, null, 2) + '\n');
  await writeRunCharts(dir, scenario, result);
}

const TABLE = ['strategy', 'latency_mean', 'latency_p50', 'latency_p95', 'latency_p99', 'accuracy', 'answered_device', 'drop_rate', 'energy_per_frame_j', 'bytes_up_per_frame', 'bytes_down_per_frame'];

async function writeRunCharts(dir: string, scenario: ScenarioInfo, result: ScenarioResult): Promise<void> {
  const summary = summaryRows(result);
  const charts = [
    { name: 'latency-breakdown', title: 'Where the mean latency goes', spec: latencyBreakdownChart(summary) },
    {
      name: 'latency-cdf',
      title: 'Latency distribution (first replication)',
      spec: lineChart({
        data: result.latencyCdf.map((p) => ({ ...p, latency: p.latency * 1000 })),
        x: 'latency',
        xTitle: 'end-to-end latency (ms, log scale)',
        xScale: 'log',
        y: 'cdf',
        yTitle: 'fraction of frames answered within',
        yFormat: '.0%',
        color: 'strategy',
        points: false,
      }),
    },
  ];
  const rendered = await writeCharts(dir, charts);
  const notes = [
    `Scenario ${scenario.name}: seed ${scenario.seed}, ${scenario.replications} replication(s) x ${scenario.frames} frames per device (first ${scenario.warmupFrames} left out); times in seconds.`,
    'Each figure is the mean over replications; summary.csv also has 95% confidence bounds (_lo, _hi).',
  ];
  const table = summary.map((r) => Object.fromEntries(TABLE.map((c) => [c, r[c] ?? ''])));
  writeFileAtomic(join(dir, 'report.html'), htmlReport({ title: `${scenario.name}: ${scenario.description ?? 'mcsim run'}`, summary: table, columns: TABLE, charts: rendered, notes }));
}
