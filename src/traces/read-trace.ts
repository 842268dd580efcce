/** Reads a cache trace in any supported format, guessing the format from the file name if not given. */
import { InputError } from '../errors.js';
import type { CacheTrace } from './cache-trace.js';
import { readCsvTrace, type CsvColumns } from './csv-trace.js';
import { readOracleTrace } from './oracle-trace.js';
import { readTextTrace } from './text-trace.js';

export const traceFormats = ['txt', 'csv', 'oracle'] as const;
export type TraceFormat = (typeof traceFormats)[number];

export interface ReadTraceOptions {
  /** @defaultValue from the name: `*oracleGeneral*` or `.bin` -> oracle, `.csv` -> csv, else txt */
  format?: TraceFormat;
  /** CSV columns. @defaultValue `{ id: 0 }` */
  csv?: CsvColumns;
}

export function guessFormat(file: string): TraceFormat {
  if (/oracleGeneral|\.bin$/i.test(file)) return 'oracle';
  if (/\.csv$/i.test(file)) return 'csv';
  return 'txt';
}

export async function readCacheTrace(file: string, options: ReadTraceOptions = {}): Promise<CacheTrace> {
  try {
    return await readAs(file, options.format ?? guessFormat(file), options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new InputError(`${file}: cannot read the trace (${code})`);
    throw err;
  }
}

function readAs(file: string, format: TraceFormat, options: ReadTraceOptions): Promise<CacheTrace> {
  switch (format) {
    case 'txt':
      return readTextTrace(file);
    case 'csv':
      return readCsvTrace(file, options.csv ?? { id: 0 });
    case 'oracle':
      return readOracleTrace(file);
    default:
      throw new InputError(`${file}: unknown trace format "${format as string}" (expected ${traceFormats.join(', ')})`);
  }
}
