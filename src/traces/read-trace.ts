/** Reads a cache trace in any supported format, guessing the format from the file name if not given. */
import { asInputError, InputError } from '../errors.js';
import type { CacheTrace } from './cache-trace.js';
import type { CsvColumns } from './csv-trace.js';

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

export async function readCacheTrace(file: string, options: ReadTraceOptions = {}): Promise<CacheTrace> {
  const format = options.format ?? guessFormat(file);
  if (format !== 'csv' && hasCsvOptions(options.csv)) {
    throw new InputError(`${file}: CSV column options were given but the trace is read as ${format} (from its name); add --format csv`);
  }
  try {
    return await readAs(file, format, options);
  } catch (err) {
    // OS, zlib and CSV failures become one line naming the trace (errors.ts classifies them).
    throw asInputError(err, file);
  }
}

/** Each reader is loaded when its format is read (the CSV parser costs start-up time otherwise). */
async function readAs(file: string, format: TraceFormat, options: ReadTraceOptions): Promise<CacheTrace> {
  switch (format) {
    case 'txt':
      return (await import('./text-trace.js')).readTextTrace(file);
    case 'csv':
      return (await import('./csv-trace.js')).readCsvTrace(file, options.csv ?? { id: 0 });
    case 'oracle':
      return (await import('./oracle-trace.js')).readOracleTrace(file, options.times ?? false);
    default:
      throw new InputError(`${file}: unknown trace format "${format as string}" (expected ${traceFormats.join(', ')})`);
  }
}
