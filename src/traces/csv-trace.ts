/**
 * CSV traces with chosen columns: which column holds the object id, and optionally its size (bytes)
 * and time, by 0-based index or, when the file has a header row, by name.
 */
import { MAX_LINE_BYTES, openTrace } from './compression.js';
import { parse } from 'csv-parse';
import { pipeline } from 'node:stream';
import { InputError, lineError } from '../errors.js';
import { parseSize, type OpenSink, type RequestSink } from './cache-trace.js';

export interface CsvColumns {
  /** Column of the object id: 0-based index, or a header name. */
  id: number | string;
  /** Column of the size in bytes; without it every object has size 1. */
  size?: number | string;
  /** Column of the request time. */
  time?: number | string;
  /** The first row names the columns. @defaultValue false */
  header?: boolean;
  /** @defaultValue ',' */
  delimiter?: string;
}

/** Column spec -> index, using the header row when there is one. */
function columnIndex(file: string, field: string, spec: number | string, header: string[] | undefined): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) throw new InputError(`${file}: ${field} column: expected an index >= 0, got ${spec}`);
    return spec;
  }
  const i = header ? header.indexOf(spec) : -1;
  if (i < 0) {
    const known = header ? `columns are ${header.join(', ')}` : 'the file has no header row, give a 0-based index';
    throw new InputError(`${file}: ${field} column "${spec}" not found (${known})`);
  }
  return i;
}

export async function readCsvTrace<S extends RequestSink>(file: string, columns: CsvColumns, open: OpenSink<S>): Promise<S> {
  const options = { bom: true, delimiter: columns.delimiter ?? ',', trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: MAX_LINE_BYTES };
  // pipeline, not pipe: a read or gunzip error must end the parse (pipe would leave it waiting).
  const parser = pipeline(await openTrace(file), parse(options), () => {});
  const out = open({ sizes: columns.size !== undefined, times: columns.time !== undefined });
  let at: { id: number; size: number; time: number } | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!at) {
      const header = columns.header ? record : undefined;
      const index = (field: string, spec: number | string | undefined) => (spec === undefined ? -1 : columnIndex(file, field, spec, header));
      at = { id: index('id', columns.id), size: index('size', columns.size), time: index('time', columns.time) };
      if (header) continue;
    }
    const line = info.lines;
    const field = (name: string, i: number) => {
      const v = record[i];
      if (v === undefined || v === '') throw lineError(file, line, `${name}: expected a value in column ${i + 1}, the row has ${record.length} columns`);
      return v;
    };
    const key = out.ids.token(field('id', at.id));
    const size = at.size < 0 ? 1 : parseSize(field('size', at.size), `${file}:${line}`);
    let time = 0;
    if (at.time >= 0) {
      const t = field('time', at.time);
      time = Number(t);
      if (!Number.isFinite(time)) throw lineError(file, line, `time: expected a number, got "${t}"`);
    }
    out.push(key, size, time);
  }
  return out;
}
