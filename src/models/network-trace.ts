/**
 * Measured link-capacity traces turned into a piecewise-constant `Bandwidth` (bit/s). Three formats:
 *
 * - `mahimahi` (ravinet/mahimahi `traces/`): one integer per line, a millisecond timestamp at which
 *   one 1500-byte packet may cross the link; repeated timestamps = several packets in that ms. Packets
 *   are counted per `bin` seconds (timestamp t ms goes to bin floor(t / 1000 / bin)), each bin's rate
 *   is packets x 12,000 bit / bin length. As in mm-link, the file repeats with a period equal to its
 *   last timestamp (a file holding just `1` is one packet per ms, 12 Mbit/s); the last bin ends at
 *   that period and may be shorter than `bin`, and the packets stamped exactly at the period count
 *   in it. Every bit of the file is kept: mean rate = lines x 12,000 bit / period.
 * - `mbps` (Pensieve "cooked" traces: Norway HSDPA, FCC): `time_s  Mbit/s` per line. Read as
 *   Pensieve's simulator (sim/env.py at hongzimao/pensieve 1120bb1) replays them: sample i's rate
 *   holds over (t[i-1], t[i]], so sample 0 (at t = 0) only marks the start, and the trace loops with
 *   period t[last] - t[0].
 * - `csv`: a CSV with a header, a time column `t` (seconds) and Mbit/s columns, e.g. `t,mbps` or
 *   `t,up,down` (pick one with `column`; a file with one rate column needs none). Sample i's rate
 *   holds over [t[i], t[i+1]) (`holds: from`, the default for this format: a row says "from t on"),
 *   and the last sample holds as long as the gap before it, so every row is used.
 *   `holds: until` reads it as Pensieve does (below); both formats take either.
 * - `5gophers` (5Gophers 1.0, WWW 2020): the throughput-over-time CSVs, i.e.
 *   `All-Carriers/01-Throughput/data.csv` (pick one run with `run`), the
 *   `All-Carriers/03-User-Mobility/car-driving-trace-*.csv` files (pick a carrier column with
 *   `carrier`: Sprint, TMobile or Verizon) and `walking-trace.csv`. The README does not state the
 *   sampling interval of `seq_num`; `interval` (default 1 s) is an ASSUMPTION. A sample holds until
 *   the next one (so a gap in `seq_num` extends the previous sample) and the last holds one interval.
 *   The RTT and ping files carry no throughput and are not bandwidth traces.
 *
 * With `loop: false` the trace is not repeated: after its end the last segment's rate holds forever
 * (the `Bandwidth` rule), which keeps transfers finite.
 */
import { InputError, lineError } from '../errors.js';
import { Bandwidth } from '../sim/bandwidth.js';
import { columnIndex, intField, numberField, parseCsv, readText, type CsvTable } from './read-table.js';

export type TraceFormat = 'mahimahi' | 'mbps' | 'csv' | '5gophers';

/**
 * Which interval a timed sample's rate applies to: `until` = (t[i-1], t[i]] (Pensieve; sample 0 only
 * marks the start), `from` = [t[i], t[i+1]) (the last sample holds for the gap before it).
 */
export type RateHolds = 'until' | 'from';

/** The options each format reads; any other given is an error, never ignored. */
const FORMAT_OPTIONS: Record<TraceFormat, readonly (keyof BandwidthTraceOptions)[]> = {
  mahimahi: ['bin'],
  mbps: ['holds'],
  csv: ['holds', 'column'],
  '5gophers': ['carrier', 'run', 'interval'],
};

export interface BandwidthTraceOptions {
  /** Default: sniffed from the content (one integer per line, two numbers per line, CSV header). */
  format?: TraceFormat;
  /** mahimahi only: seconds per rate step. Default 1. */
  bin?: number;
  /** Repeat the trace with its period. Default true. */
  loop?: boolean;
  /** Multiply every rate by this (> 0). Default 1. */
  scale?: number;
  /** 5gophers: which `<carrier>_throughput_mbps` column, when a file has several (case-insensitive). */
  carrier?: string;
  /** 5gophers `01-Throughput/data.csv`: the `run_num` to replay. */
  run?: number;
  /** 5gophers: seconds between consecutive `seq_num` values. Default 1 (an assumption, see above). */
  interval?: number;
  /** mbps and csv: which interval a sample's rate applies to. Default: until for mbps, from for csv. */
  holds?: RateHolds;
  /** csv: the Mbit/s column to replay, when the file has several. */
  column?: string;
}

export interface BandwidthTrace {
  bandwidth: Bandwidth;
  /** Mean over one period: bits carried / duration, in Mbit/s (after `scale`). */
  meanMbps: number;
  /** Seconds: one period of the trace. */
  duration: number;
  source: string;
}

const PACKET_BITS = 1500 * 8;

export function readBandwidthTrace(path: string, options: BandwidthTraceOptions = {}): BandwidthTrace {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && Number.isFinite(scale))) throw new InputError(`${path}: scale must be a finite number > 0, got ${scale}`);
  const text = readText(path);
  const format = options.format ?? sniffFormat(path, text);
  if (!(format in FORMAT_OPTIONS)) throw new InputError(`${path}: unknown trace format "${String(format)}" (expected ${Object.keys(FORMAT_OPTIONS).join(', ')})`);
  for (const option of new Set(Object.values(FORMAT_OPTIONS).flat())) {
    if (options[option] === undefined || FORMAT_OPTIONS[format].includes(option)) continue;
    const takers = Object.keys(FORMAT_OPTIONS).filter((f) => FORMAT_OPTIONS[f as TraceFormat].includes(option));
    throw new InputError(`${path}: option "${option}" does not apply to the ${format} format (it is for ${takers.join(', ')})`);
  }
  let steps: Steps;
  if (format === 'mahimahi') steps = mahimahiSteps(path, text, options.bin ?? 1);
  else if (format === 'mbps') steps = mbpsSteps(path, text, options.holds ?? 'until');
  else if (format === 'csv') steps = csvSteps(parseCsv(path, text), options);
  else steps = fiveGophersSteps(parseCsv(path, text), options);

  const { starts, rates, period } = steps;
  let bits = 0;
  for (let i = 0; i < rates.length; i++) {
    rates[i] *= scale;
    bits += rates[i] * ((i + 1 < starts.length ? starts[i + 1] : period) - starts[i]);
  }
  if (!(bits > 0)) throw new InputError(`${path}: the trace carries no bits (every rate is 0)`);
  const loop = options.loop ?? true;
  const bandwidth = new Bandwidth(starts, rates, loop ? period : Infinity);
  const how = [steps.how, scale !== 1 ? `rates x ${scale}` : '', loop ? 'looped' : 'not looped'].filter((s) => s).join(', ');
  return { bandwidth, meanMbps: bits / period / 1e6, duration: period, source: `${format} trace ${path} (${how})` };
}

/** Segment starts (s), rates (bit/s) and the period (s) of one pass over a trace. */
interface Steps {
  starts: Float64Array;
  rates: Float64Array;
  period: number;
  how: string;
}

function sniffFormat(path: string, text: string): TraceFormat {
  const firstLine = text.slice(0, 4096).split('\n').find((l) => l.trim() !== '');
  if (firstLine === undefined) throw new InputError(`${path}: empty trace file`);
  const fields = firstLine.trim().split(/\s+/);
  if (fields.length === 1 && /^\d+$/.test(fields[0])) return 'mahimahi';
  if (fields.length === 2 && fields.every((f) => Number.isFinite(Number(f)))) return 'mbps';
  if (/throughput_mbps/.test(firstLine)) return '5gophers';
  if (firstLine.split(',').map((f) => f.trim()).includes('t')) return 'csv';
  throw new InputError(`${path}: cannot tell the trace format from the first line "${firstLine.slice(0, 60)}"; give format (mahimahi, mbps, csv or 5gophers)`);
}

/** Non-empty lines of a text trace with their 1-based line numbers. */
function* lines(text: string): Generator<[string, number]> {
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const s = all[i].trim();
    if (s !== '') yield [s, i + 1];
  }
}

function mahimahiSteps(path: string, text: string, bin: number): Steps {
  if (!(bin > 0 && Number.isFinite(bin))) throw new InputError(`${path}: bin must be a finite number of seconds > 0, got ${bin}`);
  const stamps: number[] = [];
  let last = 0;
  for (const [s, line] of lines(text)) {
    if (!/^\d+$/.test(s)) throw lineError(path, line, `expected one integer millisecond timestamp, got "${s}"`);
    const t = Number(s);
    if (t < last) throw lineError(path, line, `timestamps must not decrease (${t} after ${last})`);
    stamps.push((last = t));
  }
  if (stamps.length === 0) throw new InputError(`${path}: empty trace file`);
  if (last === 0) throw new InputError(`${path}: the last timestamp must be > 0 ms (it is the trace's period)`);
  const period = last / 1000;
  const n = Math.ceil(period / bin - 1e-9);
  const packets = new Float64Array(n);
  for (const t of stamps) packets[Math.min(n - 1, Math.floor(t / (1000 * bin)))]++;
  const starts = new Float64Array(n);
  const rates = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = i * bin;
    rates[i] = (packets[i] * PACKET_BITS) / (Math.min((i + 1) * bin, period) - starts[i]);
  }
  return { starts, rates, period, how: `${stamps.length} packets of 1500 B in ${bin} s bins` };
}

function mbpsSteps(path: string, text: string, holds: RateHolds): Steps {
  const times: number[] = [];
  const mbps: number[] = [];
  const lineOf: number[] = [];
  for (const [s, line] of lines(text)) {
    const f = s.split(/\s+/);
    const t = Number(f[0]);
    const r = Number(f[1]);
    if (f.length !== 2 || !Number.isFinite(t) || !Number.isFinite(r)) throw lineError(path, line, `expected "time_s Mbit/s" (two numbers), got "${s}"`);
    times.push(t);
    mbps.push(r);
    lineOf.push(line);
  }
  return timedSteps(path, times, mbps, lineOf, holds);
}

function csvSteps(t: CsvTable, options: BandwidthTraceOptions): Steps {
  const path = t.file;
  const cTime = columnIndex(t, 't');
  const rateColumns = t.header.filter((_, i) => i !== cTime);
  if (rateColumns.length === 0) throw new InputError(`${path}: expected a Mbit/s column besides t (columns: ${t.header.join(', ')})`);
  const column = options.column ?? (rateColumns.length === 1 ? rateColumns[0] : undefined);
  if (column === undefined) throw new InputError(`${path}: give column, one of ${rateColumns.join(', ')}`);
  if (!rateColumns.includes(column)) throw new InputError(`${path}: no column "${column}" (columns: ${t.header.join(', ')})`);
  const cRate = columnIndex(t, column);
  const times = t.records.map((_, r) => numberField(t, r, cTime));
  const mbps = t.records.map((_, r) => numberField(t, r, cRate));
  const steps = timedSteps(path, times, mbps, t.lines, options.holds ?? 'from');
  return { ...steps, how: `column ${column}, ${steps.how}` };
}

/** Segments from timed samples (s, Mbit/s) under the `holds` convention (RateHolds). */
function timedSteps(path: string, times: number[], mbps: number[], lineOf: ArrayLike<number>, holds: RateHolds): Steps {
  for (let i = 0; i < times.length; i++) {
    if (mbps[i] < 0) throw lineError(path, lineOf[i], `throughput must be >= 0, got ${mbps[i]}`);
    if (i > 0 && !(times[i] > times[i - 1])) throw lineError(path, lineOf[i], `times must increase (${times[i]} after ${times[i - 1]})`);
  }
  if (times.length < 2) throw new InputError(`${path}: a trace needs at least two samples (time, Mbit/s)`);
  const last = times.length - 1;
  // until: segment i is (t[i], t[i+1]] at sample i+1's rate; from: [t[i], t[i+1]) at sample i's,
  // the last sample holding for the gap before it.
  const n = holds === 'until' ? last : times.length;
  const starts = new Float64Array(n);
  const rates = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = times[i] - times[0];
    rates[i] = mbps[holds === 'until' ? i + 1 : i] * 1e6;
  }
  const period = holds === 'until' ? times[last] - times[0] : 2 * times[last] - times[last - 1] - times[0];
  const rule = holds === 'until' ? 'sample i over (t[i-1], t[i]] as in Pensieve' : 'sample i over [t[i], t[i+1]), the last for the gap before it';
  return { starts, rates, period, how: `${times.length} samples, ${rule}` };
}

function fiveGophersSteps(t: CsvTable, options: BandwidthTraceOptions): Steps {
  const path = t.file;
  const interval = options.interval ?? 1;
  if (!(interval > 0 && Number.isFinite(interval))) throw new InputError(`${path}: interval must be a finite number of seconds > 0, got ${interval}`);
  const cValue = throughputColumn(t, options.carrier);
  const cSeq = columnIndex(t, 'seq_num');
  let rows = [...t.records.keys()];
  let what = t.header[cValue];
  const cRun = t.header.indexOf('run_num');
  if (cRun >= 0) {
    const runs = [...new Set(t.records.map((r) => r[cRun]))];
    if (options.run === undefined || !runs.includes(String(options.run))) {
      throw new InputError(`${path}: give run, one of the run_num values ${runs[0]}..${runs[runs.length - 1]} (got ${options.run ?? 'none'})`);
    }
    rows = rows.filter((r) => t.records[r][cRun] === String(options.run));
    what += `, run_num ${options.run}`;
  }
  const n = rows.length;
  if (n === 0) throw new InputError(`${path}: no samples`);
  const starts = new Float64Array(n);
  const rates = new Float64Array(n);
  const seq0 = intField(t, rows[0], cSeq, 0);
  let prev = seq0 - 1;
  for (let k = 0; k < n; k++) {
    const seq = intField(t, rows[k], cSeq, 0);
    if (seq <= prev) throw lineError(path, t.lines[rows[k]], `seq_num must increase (${seq} after ${prev})`);
    const mbps = numberField(t, rows[k], cValue);
    if (mbps < 0) throw lineError(path, t.lines[rows[k]], `column "${t.header[cValue]}": throughput must be >= 0, got ${mbps}`);
    starts[k] = (seq - seq0) * interval;
    rates[k] = mbps * 1e6;
    prev = seq;
  }
  return { starts, rates, period: (prev - seq0 + 1) * interval, how: `${what}, ${n} samples ${interval} s apart (assumed)` };
}

function throughputColumn(t: CsvTable, carrier: string | undefined): number {
  const cols = t.header.map((h, i) => [h, i] as const).filter(([h]) => h.endsWith('throughput_mbps'));
  if (cols.length === 0) throw new InputError(`${t.file}: no *throughput_mbps column (columns: ${t.header.join(', ')})`);
  if (cols.length === 1) {
    if (carrier === undefined) return cols[0][1];
    throw new InputError(`${t.file}: carrier applies to files with one throughput column per carrier; this file has one (${cols[0][0]})`);
  }
  const want = `${carrier ?? ''}_throughput_mbps`.toLowerCase();
  const hit = cols.find(([h]) => h.toLowerCase() === want);
  if (!hit) {
    const names = cols.map(([h]) => h.replace(/_throughput_mbps$/, '')).join(', ');
    throw new InputError(`${t.file}: give carrier, one of ${names} (got ${carrier ?? 'none'})`);
  }
  return hit[1];
}
