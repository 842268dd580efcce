/**
 * libCacheSim `oracleGeneral` binary traces: no header, little-endian packed 24-byte records
 * `{uint32 time; uint64 id; uint32 size; int64 next_access_vtime}`, optionally gzip-compressed
 * (zstd is refused, see compression.ts). The file's next-access field is not read: traces/next-use.ts
 * recomputes the same index for any format (a test checks they agree).
 */
import { open, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { TraceBuilder, type CacheTrace } from './cache-trace.js';
import { compressionOf } from './compression.js';

export const ORACLE_RECORD_BYTES = 24;

export async function readOracleTrace(file: string): Promise<CacheTrace> {
  if ((await compressionOf(file)) === 'gzip') {
    const data = gunzipSync(await readFile(file));
    const out = new TraceBuilder(file, { sizes: true, times: true }, Math.floor(data.length / ORACLE_RECORD_BYTES));
    readRecords(file, data, data.length, out);
    return out.finish();
  }
  const fh = await open(file, 'r');
  const { size: bytes } = await fh.stat();
  const out = new TraceBuilder(file, { sizes: true, times: true }, Math.floor(bytes / ORACLE_RECORD_BYTES));
  const buf = Buffer.alloc(ORACLE_RECORD_BYTES * 65536);
  try {
    for (;;) {
      let filled = 0;
      while (filled < buf.length) {
        const { bytesRead } = await fh.read(buf, filled, buf.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      readRecords(file, buf, filled, out);
      if (filled < buf.length) break;
    }
  } finally {
    await fh.close();
  }
  return out.finish();
}

/** Appends the records in buf[0, filled) to out; a trailing partial record is an error. */
function readRecords(file: string, buf: Buffer, filled: number, out: TraceBuilder): void {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const whole = filled - (filled % ORACLE_RECORD_BYTES);
  for (let off = 0; off < whole; off += ORACLE_RECORD_BYTES) {
    const lo = view.getUint32(off + 4, true), hi = view.getUint32(off + 8, true);
    // ids below 2^53 stay numbers (exact); larger ones go through the string table.
    const key = hi < 0x200000 ? out.ids.number(hi * 0x100000000 + lo) : out.ids.token(buf.readBigUInt64LE(off + 4).toString());
    out.push(key, view.getUint32(off + 12, true), view.getUint32(off, true));
  }
  if (whole < filled) {
    throw new InputError(
      `${file}: record ${out.length + 1} (byte ${out.length * ORACLE_RECORD_BYTES}) is truncated: expected ${ORACLE_RECORD_BYTES} bytes, got ${filled - whole}`,
    );
  }
}
