/**
 * The files `mcsim mrc` writes next to its `--out` prefix, each atomically: `<out>.csv` (one row per
 * policy and size), `<out>.lru-curve.csv` (LRU's exact curve from stack distances, every step, or its
 * SHARDS estimate with an `estimate` column naming the method and rate) when a curve is given and exact, and the chart (`<out>.vl.json` and `<out>.svg`, `.png`, `.pdf`: the formats
 * asked for) when it has a line: a curve, or two sizes or more.
 */
import { stringify } from 'csv-stringify/sync';
import type { MissRatioRow } from '../mrc/miss-ratios.js';
import type { CurvePoint, MissCurve } from '../mrc/stack-distance.js';
import { sampleLabel } from '../mrc/shards.js';
import { mrcChart } from './charts/mrc.js';
import { writeTogether } from './files.js';
import type { ChartFormat } from './chart-formats.js';
import { writeChart, type ReportOutput } from './render.js';
import { formatTable } from './table.js';

export interface MrcReport {
  /** The trace's file name, for the chart title. */
  trace: string;
  rows: readonly MissRatioRow[];
  requests: number;
  /** LRU's stack-distance curve, when asked for. */
  curve?: MissCurve;
  unit: 'objects' | 'bytes';
  /** Policies that see the future, named in the chart title. */
  oracles: readonly string[];
  /** The chart's file formats. @defaultValue ['svg'] */
  formats?: readonly ChartFormat[];
}

/** The rows as the terminal shows them. */
export function mrcTable(rows: readonly MissRatioRow[]): string {
  const head = ['policy', 'size', 'requests', 'misses', 'miss_ratio', 'byte_miss_ratio'];
  return formatTable(head, rows.map((r) => [r.policy, String(r.size), String(r.requests), String(r.misses), r.miss_ratio.toFixed(6), r.byte_miss_ratio.toFixed(6)]));
}

/** Whether the report has a chart: a curve to draw, or a line through two sizes or more. */
export const mrcHasChart = (curve: boolean, sizes: number) => curve || sizes >= 2;

/** Writes the report's files, together (see ReportOutput); returns the files written and notes for the user. */
export async function writeMrcReport(out: string, report: MrcReport, output: ReportOutput = {}): Promise<{ written: string[]; notes: string[] }> {
  return writeTogether(output.files, async (files) => {
    files.write(`${out}.csv`, stringify([...report.rows], { header: true }));
    const written = [`${out}.csv`], notes: string[] = [];
    const mrc = report.curve;
    let curve: CurvePoint[] | undefined;
    if (mrc && mrc.minCapacity === Infinity) {
      notes.push('LRU stack curve skipped: object sizes change between requests, so no single stack is exact (the policies keep the size an object was inserted with)');
    } else if (mrc) {
      curve = mrc.steps();
      // One row per step, up to one per object: numbers only, so a plain join (what csv-stringify writes
      // for numbers, at a quarter of its cost on the 50x cloudPhysicsIO curve's 23,560 rows).
      if (mrc.sample) {
        // A sampled curve says so on every row (estimate = the method and rate); misses are estimates, rounded.
        const label = sampleLabel(mrc.sample);
        const lines = curve.map((p) => `${p.capacity},${Math.round(p.misses)},${p.misses / mrc.requests},${p.missBytes / mrc.bytes},${label}`);
        files.write(`${out}.lru-curve.csv`, `size,misses,miss_ratio,byte_miss_ratio,estimate\n${lines.join('\n')}\n`);
      } else {
        const lines = curve.map((p) => `${p.capacity},${p.misses},${p.misses / mrc.requests},${p.missBytes / mrc.bytes}`);
        files.write(`${out}.lru-curve.csv`, `size,misses,miss_ratio,byte_miss_ratio\n${lines.join('\n')}\n`);
      }
      written.push(`${out}.lru-curve.csv`);
      if (report.unit === 'bytes') notes.push(`LRU stack curve: ${mrc.sample ? 'estimated' : 'exact'} from ${mrc.minCapacity} bytes (the largest object) up`);
    }
    // One size and no curve: no line to draw, so no chart (and vega is not even loaded).
    if (!mrcHasChart(curve !== undefined, new Set(report.rows.map((r) => r.size)).size)) return { written, notes };
    const title = `${report.trace.split('/').pop()}${report.oracles.length ? ` (${report.oracles.join(', ')}: oracle)` : ''}`;
    const formats = report.formats ?? ['svg'];
    const curveLabel = mrc?.sample ? `lru (estimate: ${sampleLabel(mrc.sample)})` : undefined;
    await writeChart(out, mrcChart({ rows: report.rows, curve, curveLabel, requests: report.requests, unit: report.unit, title }), { render: output.render, files }, formats);
    written.push(`${out}.vl.json`, ...formats.map((f) => `${out}.${f}`));
    return { written, notes };
  });
}
