/**
 * `mcsim chart`: a chart from any tidy CSV (a sweep's results, a run's per-frame rows, a spreadsheet
 * export). Writes the Vega-Lite spec and the chart beside it, as SVG, PNG or PDF.
 */
import type { Argv, CommandModule } from 'yargs';
import { InputError, UsageError } from '../errors.js';
import { lineChart, type XyMark } from '../report/charts/line.js';
import { renderSvg, writeChart } from '../report/render.js';
import { CHART_FORMATS, chartFormatsOption, type ChartFormat } from '../report/chart-formats.js';
import { scaleFields, type Row } from '../report/charts/spec.js';
import { checkOutputs } from '../report/output-check.js';
import { readTidyCsv, requireColumn, whereRows } from '../report/tidy-csv.js';
import { guardOutputs } from './interrupt.js';
import { commandInfo } from './commands.js';

interface ChartArgs {
  csv: string;
  x: string;
  y: string;
  color?: string;
  'y-low'?: string;
  'y-high'?: string;
  facet?: string;
  mark: XyMark;
  title?: string;
  'x-title'?: string;
  'y-title'?: string;
  'legend-title'?: string;
  unit?: 'ms' | 's';
  width?: number;
  height?: number;
  'font-size'?: number;
  'zero-line': boolean;
  'log-x': boolean;
  'log-y': boolean;
  where: string[];
  format: ChartFormat[];
  out?: string;
}

const MARKS: readonly XyMark[] = ['line', 'point', 'bar'];

/** `--chart-format` of the commands that write charts with their report (run, sweep, merge, mrc). */
export function chartFormatArg(what: string) {
  return { type: 'string', array: true, default: ['svg'], coerce: chartFormatsOption('chart-format'), describe: `${what}: ${CHART_FORMATS.join(', ')} (repeatable or comma-separated)` } as const;
}

/** The CSVs hold times in seconds; `--unit ms` draws them in milliseconds. */
const UNIT_SCALE = { s: 1, ms: 1000 } as const;

/** Sizes in pixels and points must be positive whole numbers. */
function positiveInteger(option: string): (value: number | undefined) => number | undefined {
  return (value) => {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new UsageError(`--${option}: expected a positive whole number, got ${value}`);
    return value;
  };
}

/** A log axis cannot place zero or negative values: Vega would pile them at the edge without a word. */
function requirePositive(path: string, rows: readonly Row[], column: string, option: string): void {
  const bad = rows.filter((r) => !(Number(r[column]) > 0));
  if (bad.length > 0) {
    throw new InputError(`${path}: ${option}: column ${column} has ${bad.length} value(s) that are not above 0 (e.g. ${JSON.stringify(bad[0][column])}), which a log scale cannot show; leave them out with --where or drop ${option}`);
  }
}

export const chartCommand: CommandModule<object, ChartArgs> = {
  ...commandInfo.chart,
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('csv', { type: 'string', demandOption: true, describe: 'tidy CSV with a header line' })
      .option('x', { type: 'string', demandOption: true, describe: 'column on the x axis' })
      .option('y', { type: 'string', demandOption: true, describe: 'column on the y axis (numeric)' })
      .option('color', { type: 'string', describe: 'one series per value of this column' })
      .option('y-low', { type: 'string', describe: 'lower bound of an interval around y (e.g. a 95% CI)' })
      .option('y-high', { type: 'string', describe: 'upper bound of the interval' })
      .option('facet', { type: 'string', describe: 'one small panel per value of this column' })
      .option('mark', { choices: MARKS, default: 'line' as XyMark, describe: 'line (with points), point or bar' })
      .option('title', { type: 'string', describe: 'chart title' })
      .option('x-title', { type: 'string', describe: 'x axis title, with its unit (default: the column name)' })
      .option('y-title', { type: 'string', describe: 'y axis title, with its unit (default: the column name)' })
      .option('legend-title', { type: 'string', describe: 'legend title (default: the color column, as a label)' })
      .option('unit', { choices: ['ms', 's'] as const, describe: 'time unit of y and its bounds, which the CSV holds in seconds: ms multiplies them by 1000; the y title says the unit' })
      .option('width', { type: 'number', coerce: positiveInteger('width'), describe: 'width of the plot (of each panel with --facet) in pixels' })
      .option('height', { type: 'number', coerce: positiveInteger('height'), describe: 'height of the plot (of each panel) in pixels' })
      .option('font-size', { type: 'number', coerce: positiveInteger('font-size'), describe: 'size of the labels in pixels (titles a little larger; default 11)' })
      .option('zero-line', { type: 'boolean', default: false, describe: 'draw a rule at y = 0' })
      .option('log-x', { type: 'boolean', default: false, describe: 'logarithmic x axis' })
      .option('log-y', { type: 'boolean', default: false, describe: 'logarithmic y axis' })
      .option('where', { type: 'string', array: true, default: [] as string[], describe: 'keep only rows with column=value (repeatable)' })
      .option('format', { type: 'string', array: true, default: ['svg'], coerce: chartFormatsOption('format'), describe: `output format(s): ${CHART_FORMATS.join(', ')} (repeatable or comma-separated)` })
      .option('out', { type: 'string', describe: 'output path without extension (default: <csv>.<y>-vs-<x>)' })
      .example('$0 chart reports/tau-sweep/sweep.csv --x cachenet.tau --y latency_mean --color cachenet.policy --where strategy=cachenet --y-low latency_mean_lo --y-high latency_mean_hi', 'latency vs threshold, one line per policy, with 95% CI bands')
      .example('$0 chart reports/cache-size-sweep/sweep.csv --x device.cache.slots --y answered_device --color cachenet.policy --where strategy=cachenet --out reports/hits', 'share answered on the device vs cache size, one line per policy')
      .example('$0 chart sweep.csv --x strategy --y energy_system_total_j_per_frame --mark bar --y-title "system energy per frame (J)"', 'bars per strategy')
      .example('$0 chart reports/cifar100-cache-sweep/sweep.csv --x device.cache.slots --y latency_mean_vs_ref --y-low latency_mean_vs_ref_lo --y-high latency_mean_vs_ref_hi --facet cachenet.policy --where strategy=cachenet --unit ms --zero-line --width 260 --height 160 --format svg,png,pdf', 'paired latency difference from LRU in ms, a panel per policy, for a paper') as Argv<ChartArgs>,
  handler: async (argv) => {
    const path = argv.csv;
    const table = readTidyCsv(path);
    const named = [argv.x, argv.y, argv.color, argv['y-low'], argv['y-high'], argv.facet];
    for (const column of named) if (column !== undefined) requireColumn(path, table, column);
    const base = argv.out ?? `${path.replace(/\.csv$/i, '')}.${argv.y}-vs-${argv.x}`;
    const unit = argv.unit;
    const bounds = [argv.y, argv['y-low'], argv['y-high']].filter((c): c is string => c !== undefined);
    const rows = whereRows(path, table, argv.where).map((r) => (unit === undefined ? r : scaleFields(r, bounds, UNIT_SCALE[unit])));
    if (argv['log-x']) requirePositive(path, rows, argv.x, '--log-x');
    if (argv['log-y']) requirePositive(path, rows, argv.y, '--log-y');
    const files = [`${base}.vl.json`, ...argv.format.map((f) => `${base}.${f}`)];
    checkOutputs(files.map((f) => ({ path: f, kind: 'file' })), [path]);
    let spec;
    try {
      spec = lineChart({
        data: rows,
        x: argv.x,
        y: argv.y,
        mark: argv.mark,
        ...(argv.color === undefined ? {} : { color: argv.color }),
        ...(argv['y-low'] === undefined ? {} : { yLow: argv['y-low'] }),
        ...(argv['y-high'] === undefined ? {} : { yHigh: argv['y-high'] }),
        ...(argv.facet === undefined ? {} : { facet: argv.facet }),
        ...(argv.title === undefined ? {} : { title: argv.title }),
        ...(argv['x-title'] === undefined ? {} : { xTitle: argv['x-title'] }),
        ...(argv['y-title'] !== undefined ? { yTitle: argv['y-title'] } : unit !== undefined ? { yTitle: `${argv.y} (${unit})` } : {}),
        ...(argv['legend-title'] === undefined ? {} : { colorTitle: argv['legend-title'] }),
        ...(argv.width === undefined ? {} : { width: argv.width }),
        ...(argv.height === undefined ? {} : { height: argv.height }),
        ...(argv['font-size'] === undefined ? {} : { fontSize: argv['font-size'] }),
        ...(argv['zero-line'] ? { zeroLine: true } : {}),
        ...(argv['log-x'] ? { xScale: 'log' as const } : {}),
        ...(argv['log-y'] ? { yScale: 'log' as const } : {}),
      });
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${path}: ${err.message}`);
      throw err;
    }
    // Drawn before the guard, which only covers the writing: rendering cannot let a signal in.
    const svg = await renderSvg(spec);
    const unguard = guardOutputs({ files });
    await writeChart(base, spec, { render: async () => svg }, argv.format);
    unguard();
    console.log(`wrote ${files.join(', ')}`);
  },
};
