/**
 * `mcsim chart`: a chart from any tidy CSV (a sweep's results, a run's per-frame rows, a spreadsheet
 * export). Writes the Vega-Lite spec and its SVG side by side.
 */
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../errors.js';
import { lineChart, type XyMark } from '../report/charts/line.js';
import { renderSvg, writeChart } from '../report/render.js';
import { checkOutputs } from '../report/output-check.js';
import { readTidyCsv, requireColumn, whereRows, type TidyTable } from '../report/tidy-csv.js';
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
  'log-x': boolean;
  'log-y': boolean;
  where: string[];
  out?: string;
}

const MARKS: readonly XyMark[] = ['line', 'point', 'bar'];

/** A log axis cannot place zero or negative values: Vega would pile them at the edge without a word. */
function requirePositive(path: string, rows: TidyTable['rows'], column: string, option: string): void {
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
      .option('log-x', { type: 'boolean', default: false, describe: 'logarithmic x axis' })
      .option('log-y', { type: 'boolean', default: false, describe: 'logarithmic y axis' })
      .option('where', { type: 'string', array: true, default: [] as string[], describe: 'keep only rows with column=value (repeatable)' })
      .option('out', { type: 'string', describe: 'output path without extension (default: <csv>.<y>-vs-<x>)' })
      .example('$0 chart reports/tau-sweep/sweep.csv --x cachenet.tau --y latency_mean --color cachenet.policy --where strategy=cachenet --y-low latency_mean_lo --y-high latency_mean_hi', 'latency vs threshold, one line per policy, with 95% CI bands')
      .example('$0 chart reports/cache-size-sweep/sweep.csv --x device.cache.slots --y answered_device --color cachenet.policy --where strategy=cachenet --out reports/hits', 'share answered on the device vs cache size, one line per policy')
      .example('$0 chart sweep.csv --x strategy --y energy_system_total_j_per_frame --mark bar --y-title "system energy per frame (J)"', 'bars per strategy') as Argv<ChartArgs>,
  handler: async (argv) => {
    const path = argv.csv;
    const table = readTidyCsv(path);
    const named = [argv.x, argv.y, argv.color, argv['y-low'], argv['y-high'], argv.facet];
    for (const column of named) if (column !== undefined) requireColumn(path, table, column);
    const base = argv.out ?? `${path.replace(/\.csv$/i, '')}.${argv.y}-vs-${argv.x}`;
    const rows = whereRows(path, table, argv.where);
    if (argv['log-x']) requirePositive(path, rows, argv.x, '--log-x');
    if (argv['log-y']) requirePositive(path, rows, argv.y, '--log-y');
    const files = [`${base}.vl.json`, `${base}.svg`];
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
        ...(argv['y-title'] === undefined ? {} : { yTitle: argv['y-title'] }),
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
    await writeChart(base, spec, { render: async () => svg });
    unguard();
    console.log(`wrote ${base}.vl.json and ${base}.svg`);
  },
};
