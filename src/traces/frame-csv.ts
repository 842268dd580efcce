/**
 * Frames from a CSV file (columns t, device, sample, bytes; header required; any column order; other
 * columns are ignored, e.g. the label and part columns of older files: the truth is the sample's label
 * in the outcome table and the partition hint comes from the encoder; optionally gzipped), so users can
 * replay their own streams. The file is read once into typed arrays split per device (32 bytes a
 * frame); each device's frames must be in non-decreasing time order.
 */
import { lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv } from '../models/read-table.js';
import type { Frame, FrameSource } from './frame.js';

const COLUMNS = ['t', 'device', 'sample', 'bytes'] as const;
const WIDTH = COLUMNS.length;

/** Replays rows of (t, device, sample, bytes). */
export class ArraySource implements FrameSource {
  private i = 0;
  constructor(
    private readonly rows: Float64Array,
    private readonly limit = Infinity,
  ) {}

  next(f: Frame): boolean {
    const r = this.rows, k = WIDTH * this.i;
    if (k >= r.length || this.i >= this.limit) return false;
    this.i++;
    f.t = r[k];
    f.device = r[k + 1];
    f.sample = r[k + 2];
    f.bytes = r[k + 3];
    return true;
  }
}

/** Rows of each device 0..devices-1 (a device with no frames gets none), for ArraySource. */
export function readFrameCsv(path: string, devices: number): Float64Array[] {
  const table = readCsv(path);
  const [t, device, sample, bytes] = COLUMNS.map((name) => columnIndex(table, name));
  const perDevice: number[][] = Array.from({ length: devices }, () => []);
  const lastT = new Float64Array(devices).fill(-Infinity);
  for (let r = 0; r < table.records.length; r++) {
    const line = table.lines[r];
    const time = numberField(table, r, t);
    const d = intField(table, r, device, 0);
    const row = [time, d, intField(table, r, sample, 0), numberField(table, r, bytes)];
    if (d >= devices) throw lineError(path, line, `device ${d} but the scenario has ${devices} device(s)`);
    if (time < lastT[d]) throw lineError(path, line, `time ${time} goes back (device ${d} was at ${lastT[d]})`);
    if (time < 0 || row[3] < 0) throw lineError(path, line, 't and bytes must be >= 0');
    lastT[d] = time;
    perDevice[d].push(...row);
  }
  return perDevice.map((rows) => Float64Array.from(rows));
}
