/**
 * Reads a cache trace in any supported format, guessing the format from the file name if not given:
 * into memory (readCacheTrace) or, in one streaming pass with memory by objects, into temporary files
 * (spoolCacheTrace, traces/spool.ts), which `mcsim mrc` and `mcsim trace` use.
 */
import { asInputError, InputError } from '../errors.js';
import { TraceBuilder, type CacheTrace, type OpenSink, type RequestSink } from './cache-trace.js';
import type { CsvColumns } from './csv-trace.js';
import { SpoolWriter, type Spool } from './spool.js';

export const traceFormats = ['txt', 'csv', 'oracle'] as const;
export type TraceFormat = (typeof traceFormats)[number];

export interface ReadTraceOptions {
  /** @defaultValue from the name (a `.gz` or `.zst` ending aside): `*oracleGeneral*` or `.bin` -> oracle, `.csv`/`.tsv` -> csv, else txt */
  format?: TraceFormat;
  /** CSV columns. @defaultValue `{ id: 0 }` */
  csv?: CsvColumns;
  /**
   * Keep the oracleGeneral records' times (8 bytes a request; only a policy's at() hook reads them,
   * through replay). A CSV trace keeps times when a time column is named. @defaultValue false
   */
  times?: boolean;
  /**
   * oracleGeneral only: take each record's next_access_vtime as the next-use index instead of
   * computing it (`--trust-next`; a value that is not a later request is an error). @defaultValue false
   */
  trustNext?: boolean;
}

export function guessFormat(file: string): TraceFormat {
  const name = file.replace(/\.(gz|zst)$/i, '');
  if (/oracleGeneral|\.bin$/i.test(name)) return 'oracle';
  if (/\.(csv|tsv)$/i.test(name)) return 'csv';
  return 'txt';
}

/** Column options other than the defaults: only a CSV trace can use them. */
function hasCsvOptions(c: CsvColumns | undefined): boolean {
  return !!c && (c.id !== 0 || c.size !== undefined || c.time !== undefined || !!c.header || (c.delimiter ?? ',') !== ',');
}

/** The whole trace in memory: 4 bytes a request (+ 4 with sizes, + 8 with times). */
export async function readCacheTrace(file: string, options: ReadTraceOptions = {}): Promise<CacheTrace> {
  return (await readInto(file, options, (fields, expected) => new TraceBuilder(file, fields, expected))).finish();
}

/**
 * The trace read once, front to back (a pipe works too), into temporary files of dense keys (and sizes,
 * times, trusted next uses) that replay reads in blocks: memory by objects. Close the spool when done
 * (its files have no names: the kernel frees them however the process ends).
 */
export async function spoolCacheTrace(file: string, options: ReadTraceOptions = {}): Promise<Spool> {
  let writer: SpoolWriter | undefined;
  try {
    writer = await readInto(file, options, (fields) => (writer = new SpoolWriter(file, fields)));
    return writer.finish();
  } catch (err) {
    writer?.discard();
    throw err;
  }
}

async function readInto<S extends RequestSink>(file: string, options: ReadTraceOptions, open: OpenSink<S>): Promise<S> {
  const format = options.format ?? guessFormat(file);
  if (format !== 'csv' && hasCsvOptions(options.csv)) {
    throw new InputError(`${file}: CSV column options were given but the trace is read as ${format} (from its name); add --format csv`);
  }
  if (options.trustNext && format !== 'oracle') {
    throw new InputError(`${file}: --trust-next reads the next-access field of oracleGeneral records, and this trace is read as ${format}; drop it (the next uses are computed for any format)`);
  }
  try {
    return await readAs(file, format, options, open);
  } catch (err) {
    // OS, zlib and CSV failures become one line naming the trace (errors.ts classifies them).
    throw asInputError(err, file);
  }
}

/** Each reader is loaded when its format is read (the CSV parser costs start-up time otherwise). */
async function readAs<S extends RequestSink>(file: string, format: TraceFormat, options: ReadTraceOptions, open: OpenSink<S>): Promise<S> {
  switch (format) {
    case 'txt':
      return (await import('./text-trace.js')).readTextTrace(file, open);
    case 'csv':
      return (await import('./csv-trace.js')).readCsvTrace(file, options.csv ?? { id: 0 }, open);
    case 'oracle':
      return (await import('./oracle-trace.js')).readOracleTrace(file, { times: options.times ?? false, next: options.trustNext ?? false }, open);
    default:
      throw new InputError(`${file}: unknown trace format "${format as string}" (expected ${traceFormats.join(', ')})`);
  }
}
