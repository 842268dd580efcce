/**
 * Frames from a CSV file, so users can replay their own streams (docs/frames.md). Header required, any
 * column order, optionally gzipped. Columns read: `t` (s), `device`, `bytes` (the input's size) and the
 * frame's content, as `sample` (a row of the outcome table: that real test input) and/or `label` (a
 * class: each replication draws a fresh test sample of that class per frame, as the generator does).
 * With both, each row's label must be its sample's label in the outcome table. Any other column is
 * refused unless the scenario lists it as ignored, so nothing a user meant as an input is silently
 * dropped; `part` in particular is not an input (the partition is the encoder's decision). A
 * per-frame log (`--per-frame`, told by its `strategy` and `replication` columns) of one strategy
 * and replication is itself a valid frame file: its other columns are that run's outputs.
 * The file is read once into typed arrays split per device; each device's frames must be in
 * non-decreasing time order.
 */
import { InputError, lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv, type CsvTable } from '../models/read-table.js';
import type { Rng } from '../sim/rng.js';
import type { Frame, FrameSource } from './frame.js';

/** Width of a resolved row: t, device, sample (or -1 - label: drawn per replication), bytes. */
const WIDTH = 4;
/** Width of a row as read: t, device, sample, bytes, label (-1: column absent), line in the file. */
const READ_WIDTH = 6;

/** A frame of class `label` (no sample given) is stored as -1 - label in the sample column. */
const labelCode = (label: number) => -1 - label;

/** Replays resolved rows; a row that names a class draws its sample from `draw` (one stream per device and replication). */
export class ArraySource implements FrameSource {
  private i = 0;
  constructor(
    private readonly rows: Float64Array,
    private readonly limit = Infinity,
    private readonly draw?: { samplesOf: Int32Array[]; rng: Rng },
  ) {}

  next(f: Frame): boolean {
    const r = this.rows, k = WIDTH * this.i;
    if (k >= r.length || this.i >= this.limit) return false;
    this.i++;
    f.t = r[k];
    f.device = r[k + 1];
    const sample = r[k + 2];
    f.sample = sample >= 0 ? sample : this.draw!.rng.pick(this.draw!.samplesOf[labelCode(sample)]);
    f.bytes = r[k + 3];
    f.video = -1;
    return true;
  }
}

/** Each device's rows as read (READ_WIDTH numbers a frame), before they are checked against the outcome table. */
export type FrameFileRows = Float64Array[];

/** The columns a frame file's rows are read from. */
const READ_COLUMNS = ['t', 'device', 'bytes', 'sample', 'label'];

/** Rows of each device 0..devices-1 (a device with no frames gets none), for resolveFrameRows; `ignore`: columns not to read. */
export function readFrameCsv(path: string, devices: number, ignore: readonly string[] = []): FrameFileRows {
  const table = readCsv(path);
  const [t, device, bytes] = ['t', 'device', 'bytes'].map((name) => columnIndex(table, name));
  const sample = optionalColumn(table, 'sample'), label = optionalColumn(table, 'label');
  if (sample < 0 && label < 0) throw new InputError(`${path}: no column "sample" or "label": name each frame's test sample (an outcome-table row) or its class (columns: ${table.header.join(', ')})`);
  const log = logRun(table);
  for (const c of log ? [] : table.header.filter((c) => !READ_COLUMNS.includes(c) && !ignore.includes(c))) {
    const why = c === 'part' ? 'is not an input: the edge encoder picks the partition (models.encoder)' : 'is not one mcsim reads (t, device, bytes, sample, label)';
    throw new InputError(`${path}: column "${c}" ${why}; drop it, or list it in workload.ignoreColumns`);
  }
  const perDevice: number[][] = Array.from({ length: devices }, () => []);
  const lastT = new Float64Array(devices).fill(-Infinity);
  for (let r = 0; r < table.records.length; r++) {
    const line = table.lines[r];
    const time = numberField(table, r, t);
    const d = intField(table, r, device, 0);
    const size = numberField(table, r, bytes);
    if (d >= devices) throw lineError(path, line, `device ${d} but the scenario has ${devices} device(s)`);
    if (time < lastT[d]) throw lineError(path, line, `time ${time} goes back (device ${d} was at ${lastT[d]})`);
    if (time < 0 || size < 0) throw lineError(path, line, 't and bytes must be >= 0');
    lastT[d] = time;
    perDevice[d].push(time, d, sample < 0 ? -1 : intField(table, r, sample, 0), size, label < 0 ? -1 : intField(table, r, label, 0), line);
  }
  return perDevice.map((rows) => Float64Array.from(rows));
}

function optionalColumn(table: CsvTable, name: string): number {
  return table.header.indexOf(name);
}

/**
 * A per-frame log's one run, or null when the file is not a log. A log of several runs would replay
 * each frame once per strategy and replication: refused at its first row of another run.
 */
function logRun(table: CsvTable): string | null {
  const strategy = optionalColumn(table, 'strategy'), replication = optionalColumn(table, 'replication');
  if (strategy < 0 || replication < 0 || table.records.length === 0) return null;
  const run = (r: number) => `${table.records[r][strategy]},${table.records[r][replication]}`;
  const first = run(0);
  for (let r = 1; r < table.records.length; r++) {
    if (run(r) !== first) throw lineError(table.file, table.lines[r], `a per-frame log of several runs (${run(r)} after ${first}): keep the rows of one strategy and replication, e.g. grep '^${first},'`);
  }
  return first;
}

/**
 * The rows a run replays, checked against the outcome table (`truth`: each sample's label): a sample
 * must be a row of the table, a label one of its classes with samples, and a row with both must agree.
 */
export function resolveFrameRows(file: string, read: FrameFileRows, truth: Int32Array, samplesOf: Int32Array[]): Float64Array[] {
  return read.map((rows) => {
    const out = new Float64Array((rows.length / READ_WIDTH) * WIDTH);
    for (let k = 0, o = 0; k < rows.length; k += READ_WIDTH, o += WIDTH) {
      const sample = rows[k + 2], label = rows[k + 4], line = rows[k + 5];
      if (sample >= truth.length) throw lineError(file, line, `sample ${sample} but the outcome table has ${truth.length} samples (0..${truth.length - 1})`);
      if (label >= 0 && !(label < samplesOf.length && samplesOf[label].length > 0)) {
        throw lineError(file, line, `label ${label} is not a class with test samples in the outcome table (classes 0..${samplesOf.length - 1})`);
      }
      if (sample >= 0 && label >= 0 && truth[sample] !== label) {
        throw lineError(file, line, `label ${label} but sample ${sample} is a class-${truth[sample]} test input in the outcome table (the sample decides what the models answer: fix one column, or drop "sample" to draw samples of each label)`);
      }
      out.set([rows[k], rows[k + 1], sample >= 0 ? sample : labelCode(label), rows[k + 3]], o);
    }
    return out;
  });
}
