/**
 * Reading the measured-data files: whole-file text (gzip-compressed when the name ends in `.gz` or
 * the bytes start with the gzip magic) and comma-separated tables with a header line. Every field
 * accessor names the file and line of a bad value, so the readers above stay short.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { InputError, lineError } from '../errors.js';
import { ZSTD_MAGIC } from '../traces/magic.js';

/**
 * The most text a table is read whole: a JavaScript string holds at most 2^29 - 24 characters, and
 * the parsed records take several times the text; larger inputs are refused, not crashed on. (Cache
 * traces, which can be far larger, are streamed by src/traces.)
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const tooLarge = (path: string, what: string) =>
  new InputError(`${path}: ${what} more than ${MAX_TEXT_BYTES / 2 ** 20} MiB, the most a data table is read whole; keep the rows you need first (e.g. grep, or head)`);

/** The file's text; `.gz` files (or any file starting with the gzip magic bytes) are decompressed. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isFile() && statSync(path).size > MAX_TEXT_BYTES) throw tooLarge(path, 'the file has');
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (bytes.length > MAX_TEXT_BYTES) throw tooLarge(path, 'the input has');
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(path, 'decompressed, it has');
      throw new InputError(`${path}: not a valid gzip file (${(err as Error).message})`);
    }
  } else if (path.endsWith('.gz')) {
    throw new InputError(`${path}: the name ends in .gz but the content is not gzip-compressed`);
  } else if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZSTD_MAGIC) {
    // Streamed zstd is for cache traces (src/traces/zstd.ts); a table is read whole, within MAX_TEXT_BYTES.
    throw new InputError(`${path}: the file is zstd-compressed, which only cache traces are read as; decompress it (zstd -d ${path}) or gzip it`);
  }
  return bytes.toString('utf8');
}

/** The file's JSON value (read as readText does). */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** A CSV file with a header line; every record has exactly as many fields as the header. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly records: readonly (readonly string[])[];
  /** 1-based line number of each record in the file (for error messages). */
  readonly lines: Int32Array;
}

export function readCsv(path: string): CsvTable {
  return parseCsv(path, readText(path));
}

/** Like `readCsv` for text already read from `path` (used in messages). */
export function parseCsv(path: string, text: string): CsvTable {
  const parsed = text.includes('"') ? parseQuoted(path, text) : splitPlain(text);
  if (parsed.length === 0) throw new InputError(`${path}: empty file, expected a header line`);
  const header = parsed[0].record.map((h) => h.trim());
  const records: string[][] = new Array(parsed.length - 1);
  const lines = new Int32Array(parsed.length - 1);
  for (let i = 1; i < parsed.length; i++) {
    const { record, line } = parsed[i];
    if (record.length !== header.length) {
      throw lineError(path, line, `expected ${header.length} comma-separated fields (as in the header), got ${record.length}`);
    }
    records[i - 1] = record;
    lines[i - 1] = line;
  }
  return { file: path, header, records, lines };
}

type ParsedRecord = { record: string[]; line: number };

function parseQuoted(path: string, text: string): ParsedRecord[] {
  try {
    const out = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return out.map(({ record, info }) => ({ record, line: info.lines }));
  } catch (err) {
    const where = (err as { lines?: unknown }).lines;
    const msg = (err as Error).message;
    throw typeof where === 'number' ? lineError(path, where, msg) : new InputError(`${path}: ${msg}`);
  }
}

// Without quotes a CSV line is its fields split at commas; this is 3-4x faster than csv-parse on
// the 10,000-row probability tables, and gives the same records.
function splitPlain(text: string): ParsedRecord[] {
  const rows = text.replace(/^\uFEFF/, '').split('\n');
  const out: ParsedRecord[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].endsWith('\r') ? rows[i].slice(0, -1) : rows[i];
    if (row !== '') out.push({ record: row.split(','), line: i + 1 });
  }
  return out;
}

/** Index of column `name`; a missing column is an InputError listing the columns the file has. */
export function columnIndex(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new InputError(`${table.file}: no column "${name}" (columns: ${table.header.join(', ')})`);
  return i;
}

/** The number in record `r`, column `c`; anything but a finite number is an InputError at its line. */
export function numberField(table: CsvTable, r: number, c: number): number {
  const s = table.records[r][c];
  const x = s.trim() === '' ? NaN : Number(s);
  if (!Number.isFinite(x)) throw lineError(table.file, table.lines[r], `column "${table.header[c]}": expected a number, got "${s}"`);
  return x;
}

/** An integer in [min, max] at record `r`, column `c`. */
export function intField(table: CsvTable, r: number, c: number, min = -Infinity, max = Infinity): number {
  const x = numberField(table, r, c);
  if (!Number.isInteger(x) || x < min || x > max) {
    const range = max === Infinity ? `>= ${min}` : `in ${min}..${max}`;
    throw lineError(table.file, table.lines[r], `column "${table.header[c]}": expected an integer ${range}, got "${table.records[r][c]}"`);
  }
  return x;
}
