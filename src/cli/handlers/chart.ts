/** What `mcsim chart` does: read the tidy CSV, draw y against x, write the Vega-Lite spec and the chart files. */
import { InputError } from '../../errors.js';
import { lineChart, type XyMark } from '../../report/charts/line.js';
import { renderSvg, writeChart } from '../../report/render.js';
import type { ChartFormat } from '../../report/chart-formats.js';
import { scaleFields, type Row } from '../../report/charts/spec.js';
import { checkOutputs } from '../../report/output-check.js';
import { readTidyCsv, requireColumn, whereRows } from '../../report/tidy-csv.js';
import { guardOutputs } from '../interrupt.js';

export interface ChartArgs {
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

/** The CSVs hold times in seconds; `--unit ms` draws them in milliseconds. */
const UNIT_SCALE = { s: 1, ms: 1000 } as const;

/** A log axis cannot place zero or negative values: Vega would pile them at the edge without a word. */
function requirePositive(path: string, rows: readonly Row[], column: string, option: string): void {
  const bad = rows.filter((r) => !(Number(r[column]) > 0));
  if (bad.length > 0) {
    throw new InputError(`${path}: ${option}: column ${column} has ${bad.length} value(s) that are not above 0 (e.g. ${JSON.stringify(bad[0][column])}), which a log scale cannot show; leave them out with --where or drop ${option}`);
  }
}

export async function handleChart(argv: ChartArgs): Promise<void> {
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
}
