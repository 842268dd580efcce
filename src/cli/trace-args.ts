/** The trace file and its format options, shared by the commands that read a cache trace. */
import type { Argv } from 'yargs';
import { MAX_LINE_BYTES } from '../traces/compression.js';
import { spoolCacheTrace, traceFormats, type TraceFormat } from '../traces/read-trace.js';
import type { Spool } from '../traces/spool.js';

export interface TraceArgs {
  trace: string;
  format?: TraceFormat;
  'id-col': string;
  'size-col'?: string;
  'time-col'?: string;
  header: boolean;
  delimiter: string;
}

export function traceArgs<T>(y: Argv<T>) {
  return y
    .positional('trace', { type: 'string', demandOption: true, describe: `trace file: text ids, CSV, or libCacheSim oracleGeneral binary, each optionally gzip- or zstd-compressed (.gz, .zst: told by the first bytes; a truncated or corrupt stream is an error giving its byte offset); - (standard input), a FIFO or a pipe work for every format (give --format unless text); lines at most ${MAX_LINE_BYTES >> 20} MiB. Read once, streaming, into unnamed temporary files under the temp folder (4-20 bytes a request on disk); memory grows with distinct objects only` })
    .option('format', { choices: traceFormats, describe: 'trace format (default: from the name, a .gz or .zst ending aside: *oracleGeneral* or .bin -> oracle, .csv -> csv, else txt)' })
    .option('id-col', { type: 'string', default: '0', describe: 'CSV: id column (0-based index or header name)' })
    .option('size-col', { type: 'string', describe: 'CSV: size column (bytes)' })
    .option('time-col', { type: 'string', describe: 'CSV: time column' })
    .option('header', { type: 'boolean', default: false, describe: 'CSV: the first row names the columns' })
    .option('delimiter', { type: 'string', default: ',', describe: "CSV: field delimiter ('\\t' for a tab)" });
}

/** A CSV column option: a 0-based index when it is all digits, else a header name. */
const column = (s: string | undefined) => (s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : s);

/**
 * The trace read in one streaming pass into a spool (traces/spool.ts): memory by objects, the requests
 * in temporary files until the caller closes it.
 */
export function spoolTraceArg(argv: TraceArgs, trustNext = false): Promise<Spool> {
  // A shell passes a tab as the two characters \t.
  const delimiter = argv.delimiter === '\\t' ? '\t' : argv.delimiter;
  const csv = { id: column(argv['id-col'])!, size: column(argv['size-col']), time: column(argv['time-col']), header: argv.header, delimiter };
  return spoolCacheTrace(argv.trace, { format: argv.format, csv, trustNext });
}
