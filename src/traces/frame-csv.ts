/**
 * Frames from a CSV file (columns t, device, label, part, sample, bytes; header required; any column
 * order), so users can replay their own streams. The file is read once into typed arrays split per
 * device (48 bytes a frame); each device's frames must be in non-decreasing time order.
 */
import { readFileSync } from 'node:fs';
import { InputError, lineError } from '../errors.js';
import type { Frame, FrameSource } from './frame.js';

const COLUMNS = ['t', 'device', 'label', 'part', 'sample', 'bytes'] as const;

/** Replays rows of (t, device, label, part, sample, bytes). */
export class ArraySource implements FrameSource {
  private i = 0;
  constructor(
    private readonly rows: Float64Array,
    private readonly limit = Infinity,
  ) {}

  next(f: Frame): boolean {
    const r = this.rows, k = 6 * this.i;
    if (k >= r.length || this.i >= this.limit) return false;
    this.i++;
    f.t = r[k];
    f.device = r[k + 1];
    f.label = r[k + 2];
    f.part = r[k + 3];
    f.sample = r[k + 4];
    f.bytes = r[k + 5];
    return true;
  }
}

/** Rows of each device 0..devices-1 (a device with no frames gets none), for ArraySource. */
export function readFrameCsv(path: string, devices: number): Float64Array[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read frame trace (${(err as Error).message})`);
  }
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((s) => s.trim());
  const at = COLUMNS.map((c) => header.indexOf(c));
  const missing = COLUMNS.filter((_, i) => at[i] < 0);
  if (missing.length > 0) throw lineError(path, 1, `header lacks column(s) ${missing.join(', ')}; expected ${COLUMNS.join(',')}`);
  const perDevice: number[][] = Array.from({ length: devices }, () => []);
  const lastT = new Float64Array(devices).fill(-Infinity);
  for (let ln = 1; ln < lines.length; ln++) {
    if (lines[ln].trim() === '') continue;
    const cells = lines[ln].split(',');
    const v = at.map((j, i) => {
      const x = Number(cells[j]);
      if (cells[j] === undefined || cells[j].trim() === '' || !Number.isFinite(x)) {
        throw lineError(path, ln + 1, `column '${COLUMNS[i]}' must be a number, got '${cells[j] ?? ''}'`);
      }
      return x;
    });
    const [t, device, label, part, sample, bytes] = v;
    for (const [name, x] of [['device', device], ['label', label], ['part', part], ['sample', sample]] as const) {
      if (!Number.isInteger(x) || x < 0) throw lineError(path, ln + 1, `'${name}' must be an integer >= 0, got ${x}`);
    }
    if (device >= devices) throw lineError(path, ln + 1, `device ${device} but the scenario has ${devices} device(s)`);
    if (t < lastT[device]) throw lineError(path, ln + 1, `time ${t} goes back (device ${device} was at ${lastT[device]})`);
    if (t < 0 || bytes < 0) throw lineError(path, ln + 1, `t and bytes must be >= 0`);
    lastT[device] = t;
    perDevice[device].push(t, device, label, part, sample, bytes);
  }
  return perDevice.map((rows) => Float64Array.from(rows));
}
