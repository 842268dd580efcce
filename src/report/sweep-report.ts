/**
 * What `mcsim sweep` and `mcsim merge` write: sweep.csv and sweep.json (one row per point and
 * strategy: the swept values, then each metric's mean and 95% CI bounds), charts (Vega-Lite spec +
 * SVG) and report.html. Everything derives from the plan and the job results, so a sharded sweep
 * merged gives the same bytes as the unsharded run.
 */
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { lineChart } from './charts/line.js';
import { latencyAccuracyChart, tradeoffAxes, withBounds } from './charts/presets.js';
import type { Row } from './charts/spec.js';
import { jsonText, writeTogether } from './files.js';
import { htmlReport } from './html.js';
import { writeCharts, type ReportOutput } from './render.js';
import { tidyCsv } from './run-report.js';
import type { MetricChart, MetricSpec, SweepTable } from './results.js';
import { summaryColumns } from './table.js';

/**
 * Axis titles for scenario keys researchers sweep most (a strategy's options come with the table:
 * SweepTable.axisTitles); others are shown as their key path.
 */
const TITLES: Record<string, string> = {
  'device.cache.slots': 'device cache size (partitions)',
  'device.cache.bytes': 'device cache size (bytes)',
  'network.uplink.mbps': 'uplink bandwidth (Mbit/s)',
  'network.downlink.mbps': 'downlink bandwidth (Mbit/s)',
  'network.uplink.scale': 'uplink bandwidth scale',
  'workload.scene.meanRun': 'mean scene length (frames)',
  'workload.arrivals.fps': 'frame rate (frames/s)',
};

export interface NamedChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Swept keys whose values are numbers with at least two distinct values: candidate x axes. */
function numericKeys(table: SweepTable): string[] {
  return Object.entries(table.grid)
    .filter(([, spec]) => !Array.isArray(spec) || (spec.every((v) => typeof v === 'number') && new Set(spec).size > 1))
    .map(([k]) => k);
}

/** More series than this make a chart unreadable: the report says how to slice instead. */
const MAX_SERIES = 16;
/** A metric's own sweep chart (MetricSpec.chart), and the column it draws. */
interface Drawn {
  metric: string;
  y: string;
  chart: MetricChart;
}

/**
 * The columns the charts draw, in a fixed order: the trade-off's two metrics, then each chart's y
 * and paired difference with their bounds, then the metrics that pick a chart's rows. Rows carry only
 * these (and x, series), so specs stay small.
 */
function drawnColumns(metrics: readonly MetricSpec[], drawn: readonly Drawn[]): string[] {
  const { latency, accuracy } = tradeoffAxes(metrics);
  const columns = [latency.field, accuracy.field, ...drawn.flatMap((d) => [d.y, ...(d.chart.vsReference ? [`${d.metric}_vs_ref`] : [])])].flatMap(withBounds);
  return [...new Set([...columns, ...drawn.map((d) => d.metric)])];
}

/** Fills `{key}` and `{reference}` of a chart title. */
function fill(template: string, compare: NonNullable<SweepTable['compare']>): string {
  return template.replaceAll('{key}', compare.key).replaceAll('{reference}', String(compare.reference));
}

export interface SweepCharts {
  charts: NamedChart[];
  /** Why a chart was left out. */
  skipped: string[];
}

export function sweepCharts(table: SweepTable): SweepCharts {
  const { rows } = table;
  const { latency } = tradeoffAxes(table.metrics);
  const drawn: Drawn[] = table.metrics.filter((m) => m.chart).map((m) => ({ metric: m.name, y: m.chart!.y ?? m.name, chart: m.chart! }));
  const drawnFields = drawnColumns(table.metrics, drawn);
  const keys = Object.keys(table.grid);
  const seenOf = new Map(rows.map((r, i) => [r, table.seen[i]]));
  /** The swept keys a row's job saw: only these can change its numbers. */
  const seen = (r: Record<string, string | number>) => seenOf.get(r)!;
  /**
   * Rows for charts along x: a series is a strategy and the other swept values its jobs see; rows of
   * one job repeated across points are kept once. `varies`: strategies whose jobs see x.
   */
  const along = (x: string) => {
    const varies = new Set(rows.filter((r) => seen(r).has(x)).map((r) => String(r.strategy)));
    const data: Row[] = [];
    const kept = new Set<string>();
    for (const r of rows) {
      const keysSeen = seen(r);
      const series = [r.strategy, ...keys.filter((k) => k !== x && keysSeen.has(k)).map((k) => `${k.split('.').pop()}=${r[k]}`)].join(' ');
      const id = JSON.stringify([varies.has(String(r.strategy)) ? r[x] : null, series]);
      if (kept.has(id)) continue;
      kept.add(id);
      data.push({ [x]: r[x], strategy: r.strategy, series, ...Object.fromEntries(drawnFields.filter((m) => m in r).map((m) => [m, r[m]])) });
    }
    return { data, varies };
  };
  const numeric = numericKeys(table);
  const charts: NamedChart[] = [];
  const skipped: string[] = [];
  /** Leaves out charts of nothing (no answered frame) or of too many series, saying why. */
  const tooMany = (x: string, data: Row[]) => {
    if (!data.some((r) => typeof r[latency.field] === 'number' && Number.isFinite(r[latency.field]))) {
      skipped.push(`Charts against ${x} left out: no point has an answered frame.`);
      return true;
    }
    const n = new Set(data.map((r) => r.series)).size;
    if (n <= MAX_SERIES) return false;
    const other = keys.find((k) => k !== x) ?? 'strategy';
    skipped.push(`Charts against ${x} left out: ${n} series. Draw a slice, e.g. mcsim chart sweep.csv --x ${x} --y ${latency.field} --color strategy --where ${other}=<value>`);
    return true;
  };
  for (const x of numeric) {
    // A strategy none of whose jobs sees x does not vary with it: a reference line.
    const { data, varies } = along(x);
    if (tooMany(x, data)) continue;
    const baselines = [...new Set(rows.map((r) => String(r.strategy)).filter((s) => !varies.has(s)))];
    const xTitle = table.axisTitles[x] ?? TITLES[x] ?? x;
    const slug = x.replace(/[^A-Za-z0-9]+/g, '-');
    charts.push({
      name: `latency-accuracy-vs-${slug}`,
      title: `Mean latency and accuracy vs ${xTitle}`,
      spec: latencyAccuracyChart(data, table.metrics, { x, xTitle, series: 'series', baselines }),
    });
    // Each metric's own chart, over the rows of the strategies that report it and vary with x.
    for (const { metric, y, chart } of drawn) {
      const mine = data.filter((r) => varies.has(String(r.strategy)) && typeof r[metric] === 'number');
      if (mine.length === 0) continue;
      charts.push({
        name: `${chart.name}-vs-${slug}`,
        title: `${chart.title} vs ${xTitle}`,
        spec: lineChart({ data: mine, x, xTitle, y, yLow: `${y}_lo`, yHigh: `${y}_hi`, yTitle: chart.yTitle, ...(chart.yFormat === undefined ? {} : { yFormat: chart.yFormat }), color: 'series' }),
      });
    }
    const compare = table.compare;
    for (const { metric, chart } of drawn) {
      const vs = chart.vsReference, d = `${metric}_vs_ref`;
      const paired = data.filter((r) => typeof r[d] === 'number');
      if (!compare || !vs || paired.length === 0) continue;
      charts.push({
        name: `${vs.name}-${slug}`,
        title: `${fill(vs.title, compare)}, vs ${xTitle}`,
        spec: lineChart({ data: paired, x, xTitle, y: d, yLow: `${d}_lo`, yHigh: `${d}_hi`, yTitle: fill(vs.yTitle, compare), yZero: false, color: 'series' }),
      });
    }
  }
  // Without a numeric key, each categorical key (a policy, a trace file) gets grouped bars.
  for (const x of numeric.length > 0 ? [] : keys.filter((k) => new Set(table.points.map((p) => JSON.stringify(p.find(([key]) => key === k)?.[1]))).size > 1)) {
    const { data, varies } = along(x);
    if (tooMany(x, data)) continue;
    const { latency: lat, accuracy: acc } = tradeoffAxes(table.metrics);
    const bars = data.filter((r) => varies.has(String(r.strategy))).map((r) => ({ ...r, ...scaled(r, withBounds(lat.field), lat.scale) }));
    const slug = x.replace(/[^A-Za-z0-9]+/g, '-');
    charts.push({
      name: `latency-accuracy-by-${slug}`,
      title: `Mean latency and accuracy by ${x}`,
      spec: lineChart({
        data: bars,
        x,
        y: lat.field,
        yLow: `${lat.field}_lo`,
        yHigh: `${lat.field}_hi`,
        yTitle: lat.title,
        color: 'series',
        mark: 'bar',
        below: { y: acc.field, yLow: `${acc.field}_lo`, yHigh: `${acc.field}_hi`, yTitle: acc.title, ...(acc.format === undefined ? {} : { yFormat: acc.format }), yZero: false },
      }),
    });
  }
  return { charts, skipped };
}

function scaled(r: Row, fields: string[], factor: number): Row {
  return Object.fromEntries(fields.map((f) => [f, typeof r[f] === 'number' ? (r[f] as number) * factor : r[f]]));
}

/** Writes the sweep's report files into `out`, together (see ReportOutput). */
export async function writeSweepReport(out: string, table: SweepTable, output: ReportOutput = {}): Promise<void> {
  await writeTogether(output.files, async (files) => {
    const { rows } = table;
    files.write(join(out, 'sweep.csv'), tidyCsv(rows));
    files.write(join(out, 'runs.csv'), tidyCsv(table.runRows));
    const json = { name: table.name, grid: table.grid, points: table.points.length, ...(table.plugins ? { plugins: table.plugins } : {}), notes: table.notes, rows };
    files.write(join(out, 'sweep.json'), jsonText(json));
    const { charts: specs, skipped } = sweepCharts(table);
    const charts = await writeCharts(out, specs, { render: output.render, files });
    const columns = ['point', ...Object.keys(table.grid), 'strategy', ...summaryColumns(table.metrics, true).map((c) => c.key)];
    const summary = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
    const notes = [
      `Grid: ${Object.entries(table.grid).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ')}.`,
      `${table.points.length} points, ${table.runs} distinct runs; each row: mean of ${table.replications ?? 'the'} replications with 95% confidence bounds in sweep.csv.`,
      ...table.notes,
      ...skipped,
    ];
    files.write(join(out, 'report.html'), htmlReport({ title: `${table.name}: sweep of ${table.points.length} points`, summary, columns, charts, notes }));
  });
}
