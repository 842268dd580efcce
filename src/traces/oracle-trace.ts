/**
 * libCacheSim `oracleGeneral` binary traces: no header, little-endian packed 24-byte records
 * `{uint32 time; uint64 id; uint32 size; int64 next_access_vtime}`, optionally gzip- or
 * zstd-compressed (`.oracleGeneral.zst`, see compression.ts). The file's next-access field is read only
 * when the user trusts it (`--trust-next`); otherwise traces/next-use.ts recomputes the same index for
 * any format (a test checks they agree on the bundled trace). libCacheSim's convention, as its reader
 * (traceReader/customizedReader/oracleGeneralBin.h) and traceConv write it: the field is the 1-based index of
 * the object's next request (the request at 0-based position j has index j + 1), and -1 means never
 * again (the reader turns it into INT64_MAX, which is accepted too).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { InputError } from '../errors.js';
import type { OpenSink, RequestSink, TraceFields } from './cache-trace.js';
import { NO_NEXT_USE } from './next-use.js';
import { compressionOf, isRegularFile, openTrace } from './compression.js';

export const ORACLE_RECORD_BYTES = 24;

export interface OracleFields {
  /** Keep each record's time. */
  times: boolean;
  /** Take the next-access field as the next-use index. */
  next: boolean;
}

export async function readOracleTrace<S extends RequestSink>(file: string, keep: OracleFields, open: OpenSink<S>): Promise<S> {
  const fields: TraceFields = { sizes: true, ...keep };
  if (!isRegularFile(file) || compressionOf(file) !== 'none') return readStreamed(file, fields, open);
  // Synchronous chunk reads: the file is read straight through, and awaiting each chunk from the
  // thread pool left the process idle for 337 of 1,588 ms sampled in a profile of the 50x LRU replay.
  const fd = openSync(file, 'r');
  try {
    const out = open(fields, Math.floor(fstatSync(fd).size / ORACLE_RECORD_BYTES));
    const buf = Buffer.alloc(ORACLE_RECORD_BYTES * 65536);
    for (;;) {
      let filled = 0;
      while (filled < buf.length) {
        const bytesRead = readSync(fd, buf, filled, buf.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      readRecords(file, buf, filled, out, fields.next === true);
      if (filled < buf.length) return out;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A compressed trace or a pipe (stdin, a FIFO): read as a stream, whose chunks may end inside a
 * record. Chunks are copied into one fixed staging buffer of whole records, decoded when full: no
 * buffer is allocated per chunk, so memory stays flat however long the stream.
 */
async function readStreamed<S extends RequestSink>(file: string, fields: TraceFields, open: OpenSink<S>): Promise<S> {
  const out = open(fields);
  const next = fields.next === true;
  const stage = Buffer.alloc(ORACLE_RECORD_BYTES * 65536);
  let filled = 0;
  for await (const chunk of (await openTrace(file)) as AsyncIterable<Buffer>) {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(stage.length - filled, chunk.length - at);
      chunk.copy(stage, filled, at, at + n);
      filled += n;
      at += n;
      if (filled === stage.length) {
        readRecords(file, stage, filled, out, next);
        filled = 0;
      }
    }
  }
  readRecords(file, stage, filled, out, next);
  return out;
}

const BIG_ENDIAN = endianness() === 'BE';

/**
 * Appends the records in buf[0, filled) to out; a trailing partial record is an error. Records are
 * read as six 32-bit words through a Uint32Array (the fastest way to decode them in V8); a
 * big-endian host swaps the bytes first, a buffer not 4-byte aligned is copied.
 */
function readRecords(file: string, buf: Buffer, filled: number, out: RequestSink, next: boolean): void {
  const whole = filled - (filled % ORACLE_RECORD_BYTES);
  const aligned = buf.byteOffset % 4 === 0 ? buf.subarray(0, whole) : Buffer.from(buf.subarray(0, whole));
  if (BIG_ENDIAN) aligned.swap32();
  const w = new Uint32Array(aligned.buffer, aligned.byteOffset, whole / 4);
  const ids = out.ids;
  // Words: 0 time, 1-2 id (low, high), 3 size, 4-5 next access (read only when trusted).
  for (let i = 0; i < w.length; i += 6) out.push(ids.number64(w[i + 1], w[i + 2]), w[i + 3], w[i], next ? nextAccess(file, w[i + 4], w[i + 5], out.length) : 0);
  if (whole < filled) {
    throw new InputError(
      `${file}: record ${out.length + 1} (byte ${out.length * ORACLE_RECORD_BYTES}) is truncated: expected ${ORACLE_RECORD_BYTES} bytes, got ${filled - whole}`,
    );
  }
}

/**
 * The next-use index of the request at 0-based position `index` from its next_access_vtime words (low,
 * high): 1-based, so one less; -1 or INT64_MAX: never (NO_NEXT_USE). A value that is not a later
 * request is an error: a trusted field that is wrong would make Belady see a false future.
 */
function nextAccess(file: string, lo: number, hi: number, index: number): number {
  if (lo === 0xffffffff && (hi === 0xffffffff || hi === 0x7fffffff)) return NO_NEXT_USE;
  const next = hi * 0x100000000 + lo - 1;
  if (next <= index || next >= NO_NEXT_USE) {
    const field = hi >= 0x80000000 ? (hi - 0x100000000) * 0x100000000 + lo : hi * 0x100000000 + lo;
    throw new InputError(
      `${file}: record ${index + 1} (byte ${index * ORACLE_RECORD_BYTES + 16}): next_access_vtime ${field} is not a later request (expected ${index + 2} or more, or -1); --trust-next cannot use this file`,
    );
  }
  return next;
}
