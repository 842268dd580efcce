/**
 * `mcsim chart`: a chart from any tidy CSV (a sweep's results, a run's per-frame rows, a spreadsheet
 * export). Writes the Vega-Lite spec and the chart beside it, as SVG, PNG or PDF. This file is its command
 * line (and the --chart-format option of the commands that draw); what it does is in handlers/chart.ts,
 * loaded when it runs.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import type { XyMark } from '../report/charts/line.js';
import { CHART_FORMATS, chartFormatsOption } from '../report/chart-formats.js';
import { commandInfo } from './commands.js';
import type { ChartArgs } from './handlers/chart.js';

const MARKS: readonly XyMark[] = ['line', 'point', 'bar'];

/** `--chart-format` of the commands that write charts with their report (run, sweep, merge, mrc). */
export function chartFormatArg(what: string) {
  return { type: 'string', array: true, default: ['svg'], coerce: chartFormatsOption('chart-format'), describe: `${what}: ${CHART_FORMATS.join(', ')} (repeatable or comma-separated)` } as const;
}

/** Sizes in pixels and points must be positive whole numbers. */
function positiveInteger(option: string): (value: number | undefined) => number | undefined {
  return (value) => {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new UsageError(`--${option}: expected a positive whole number, got ${value}`);
    return value;
  };
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
  handler: async (argv) => (await import('./handlers/chart.js')).handleChart(argv),
};
