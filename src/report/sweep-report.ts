/**
 * What `mcsim sweep` and `mcsim merge` write: sweep.csv and sweep.json (one row per point and
 * strategy: the swept values, then each metric's mean and 95% CI bounds), charts (Vega-Lite spec +
 * SVG) and report.html. Everything derives from the plan and the job results, so a sharded sweep
 * merged gives the same bytes as the unsharded run.
 */
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { lineChart } from './charts/line.js';
import { latencyAccuracyChart } from './charts/presets.js';
import type { Row } from './charts/spec.js';
import { jsonText, writeTogether } from './files.js';
import { htmlReport } from './html.js';
import { writeCharts, type ReportOutput } from './render.js';
import { tidyCsv } from './run-report.js';
import type { SweepTable } from './results.js';

/** Axis titles for keys researchers sweep most; others are shown as their key path. */
const TITLES: Record<string, string> = {
  'cachenet.tau': 'entropy threshold τ (nats)',
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
/** The metrics the charts draw; rows carry only these (and x, series), so specs stay small. */
const DRAWN = ['latency_mean', 'accuracy', 'answered_device', 'partition_downloads_per_frame', 'partition_downloads_per_frame_vs_ref']
  .flatMap((m) => [m, `${m}_lo`, `${m}_hi`])
  .concat('hint_cached_rate');

export interface SweepCharts {
  charts: NamedChart[];
  /** Why a chart was left out. */
  skipped: string[];
}

export function sweepCharts(table: SweepTable): SweepCharts {
  const { rows } = table;
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
      data.push({ [x]: r[x], strategy: r.strategy, series, ...Object.fromEntries(DRAWN.filter((m) => m in r).map((m) => [m, r[m]])) });
    }
    return { data, varies };
  };
  const numeric = numericKeys(table);
  const charts: NamedChart[] = [];
  const skipped: string[] = [];
  /** Leaves out charts of nothing (no answered frame) or of too many series, saying why. */
  const tooMany = (x: string, data: Row[]) => {
    if (!data.some((r) => typeof r.latency_mean === 'number' && Number.isFinite(r.latency_mean))) {
      skipped.push(`Charts against ${x} left out: no point has an answered frame.`);
      return true;
    }
    const n = new Set(data.map((r) => r.series)).size;
    if (n <= MAX_SERIES) return false;
    const other = keys.find((k) => k !== x) ?? 'strategy';
    skipped.push(`Charts against ${x} left out: ${n} series. Draw a slice, e.g. mcsim chart sweep.csv --x ${x} --y latency_mean --color strategy --where ${other}=<value>`);
    return true;
  };
  for (const x of numeric) {
    // A strategy none of whose jobs sees x does not vary with it: a reference line.
    const { data, varies } = along(x);
    if (tooMany(x, data)) continue;
    const baselines = [...new Set(rows.map((r) => String(r.strategy)).filter((s) => !varies.has(s)))];
    const xTitle = TITLES[x] ?? x;
    const slug = x.replace(/[^A-Za-z0-9]+/g, '-');
    charts.push({
      name: `latency-accuracy-vs-${slug}`,
      title: `Mean latency and accuracy vs ${xTitle}`,
      spec: latencyAccuracyChart(data, { x, xTitle, series: 'series', baselines }),
    });
    const cached = data.filter((r) => varies.has(String(r.strategy)) && typeof r.hint_cached_rate === 'number');
    if (cached.length > 0) {
      charts.push({
        name: `hit-rate-vs-${slug}`,
        title: `Hit rate (frames answered on the device) vs ${xTitle}`,
        spec: lineChart({ data: cached, x, xTitle, y: 'answered_device', yLow: 'answered_device_lo', yHigh: 'answered_device_hi', yTitle: 'hit rate', yFormat: '.0%', color: 'series' }),
      });
      charts.push({
        name: `downloads-vs-${slug}`,
        title: `Partition downloads per frame vs ${xTitle}`,
        spec: lineChart({ data: cached, x, xTitle, y: 'partition_downloads_per_frame', yLow: 'partition_downloads_per_frame_lo', yHigh: 'partition_downloads_per_frame_hi', yTitle: 'partition downloads per frame', color: 'series' }),
      });
    }
    const compare = table.compare;
    const paired = data.filter((r) => typeof r.partition_downloads_per_frame_vs_ref === 'number');
    if (compare && paired.length > 0) {
      charts.push({
        name: `downloads-vs-reference-by-${slug}`,
        title: `Partition downloads per frame minus ${compare.key}=${compare.reference}'s, paired 95% interval, vs ${xTitle}`,
        spec: lineChart({ data: paired, x, xTitle, y: 'partition_downloads_per_frame_vs_ref', yLow: 'partition_downloads_per_frame_vs_ref_lo', yHigh: 'partition_downloads_per_frame_vs_ref_hi', yTitle: `downloads per frame − ${compare.reference}'s`, yZero: false, color: 'series' }),
      });
    }
  }
  // Without a numeric key, each categorical key (a policy, a trace file) gets grouped bars.
  for (const x of numeric.length > 0 ? [] : keys.filter((k) => new Set(table.points.map((p) => JSON.stringify(p.find(([key]) => key === k)?.[1]))).size > 1)) {
    const { data, varies } = along(x);
    if (tooMany(x, data)) continue;
    const bars = data.filter((r) => varies.has(String(r.strategy))).map((r) => ({ ...r, ...inMs(r, ['latency_mean', 'latency_mean_lo', 'latency_mean_hi']) }));
    const slug = x.replace(/[^A-Za-z0-9]+/g, '-');
    charts.push({
      name: `latency-accuracy-by-${slug}`,
      title: `Mean latency and accuracy by ${x}`,
      spec: lineChart({
        data: bars,
        x,
        y: 'latency_mean',
        yLow: 'latency_mean_lo',
        yHigh: 'latency_mean_hi',
        yTitle: 'mean latency (ms)',
        color: 'series',
        mark: 'bar',
        below: { y: 'accuracy', yLow: 'accuracy_lo', yHigh: 'accuracy_hi', yTitle: 'accuracy', yFormat: '.1%', yZero: false },
      }),
    });
  }
  return { charts, skipped };
}

function inMs(r: Row, fields: string[]): Row {
  return Object.fromEntries(fields.map((f) => [f, typeof r[f] === 'number' ? (r[f] as number) * 1000 : r[f]]));
}

const TABLE = ['latency_mean', 'latency_p95', 'accuracy', 'answered_device', 'energy_device_total_j_per_frame', 'energy_system_total_j_per_frame', 'bytes_up_per_frame'];

/** Writes the sweep's report files into `out`, together (see ReportOutput). */
export async function writeSweepReport(out: string, table: SweepTable, output: ReportOutput = {}): Promise<void> {
  await writeTogether(output.files, async (files) => {
    const { rows } = table;
    files.write(join(out, 'sweep.csv'), tidyCsv(rows));
    const json = { name: table.name, grid: table.grid, points: table.points.length, ...(table.plugins ? { plugins: table.plugins } : {}), rows };
    files.write(join(out, 'sweep.json'), jsonText(json));
    const { charts: specs, skipped } = sweepCharts(table);
    const charts = await writeCharts(out, specs, { render: output.render, files });
    const columns = ['point', ...Object.keys(table.grid), 'strategy', ...TABLE];
    const summary = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
    const notes = [
      `Grid: ${Object.entries(table.grid).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ')}.`,
      `${table.points.length} points, ${table.runs} distinct runs; each row: mean of ${table.replications ?? 'the'} replications with 95% confidence bounds in sweep.csv.`,
      ...skipped,
    ];
    files.write(join(out, 'report.html'), htmlReport({ title: `${table.name}: sweep of ${table.points.length} points`, summary, columns, charts, notes }));
  });
}
